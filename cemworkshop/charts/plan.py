"""Step 4's timeline of the action plan: one bar per measure from start to due date, a line
for today, overdue measures in red, the share done written at the bar's end.

    >>> timeline_chart(rows, text, today="2026-11-29", lang="de")
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from cemworkshop.charts.style import styled, text_size

STATUS_COLOURS = {"not_started": "#9e9e9e", "in_progress": "#1f77b4", "done": "#2ca02c",
                  "cancelled": "#c7c7c7", "blocked": "#ff7f0e", "overdue": "#d62728"}  # fmt: skip


def timeline_chart(
    rows: list[dict], text: dict[str, str], status_names: dict[str, str], *, today: str,
    lang: str, big: bool = False,
) -> alt.LayerChart:  # fmt: skip
    """``rows``: dated plan rows (``title, start_on, due_on, status, percent_done, owner,
    overdue``); ``text``: ``measure, start, due, owner, status, today``."""
    df = pd.DataFrame(rows)
    df["state"] = ["overdue" if o else s for o, s in zip(df["overdue"], df["status"], strict=True)]
    df["state_name"] = [status_names[s] for s in df["state"]]
    df["done_label"] = [f"{p} %" for p in df["percent_done"]]
    order = list(df["title"])
    names = [status_names[s] for s in STATUS_COLOURS]
    y = alt.Y("title:N", sort=order, title=None, axis=alt.Axis(labelLimit=340 if big else 260))
    bars = alt.Chart(df).mark_bar(cornerRadius=3, height=22 if big else 16).encode(
        x=alt.X("start_on:T", title=None, axis=alt.Axis(format="%d.%m.%y" if lang == "de" else "%Y-%m-%d")),
        x2="due_on:T",
        y=y,
        color=alt.Color("state_name:N", title=text["status"],
                        scale=alt.Scale(domain=names, range=list(STATUS_COLOURS.values()))),
        tooltip=[alt.Tooltip("title:N", title=text["measure"]), alt.Tooltip("owner:N", title=text["owner"]),
                 alt.Tooltip("start_on:T", title=text["start"], format="%d.%m.%Y"),
                 alt.Tooltip("due_on:T", title=text["due"], format="%d.%m.%Y"),
                 alt.Tooltip("state_name:N", title=text["status"])],
    )  # fmt: skip
    done = (
        alt.Chart(df)
        .mark_text(align="left", dx=6, fontSize=text_size(big) - 2)
        .encode(x="due_on:T", y=y, text="done_label:N")
    )
    now = alt.Chart(pd.DataFrame({"t": [today], "label": [text["today"]]}))
    rule = now.mark_rule(color="#d62728", strokeDash=[4, 3], strokeWidth=2).encode(x="t:T")
    label = now.mark_text(align="left", dx=4, dy=-6, baseline="bottom", color="#d62728",
                          fontSize=text_size(big) - 2).encode(x="t:T", y=alt.value(0), text="label:N")  # fmt: skip
    row = 40 if big else 32
    # The height holds the axis and the legend below the bars too (Streamlit fits the chart).
    return styled(
        alt.layer(bars, done, rule, label).properties(height=140 + row * len(order)),
        lang=lang,
        big=big,
    )
