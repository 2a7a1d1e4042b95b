"""The competitor benchmark chart: per criterion the own company against each competitor."""

from __future__ import annotations

import altair as alt
import pandas as pd

from cemworkshop.charts.style import styled, text_size

LEAD_COLOURS = {"lead": "#2ca02c", "par": "#1c6dd0", "lag": "#d62728"}


def comparison_chart(
    comparison: pd.DataFrame, text: dict[str, str], *, lang: str, big: bool = False
) -> alt.LayerChart:
    """Per criterion (rows, largest lag first) the own score against each competitor.

    Competitors are grey dots; the own company is a square, green where it leads the best
    competitor, red where it lags, blue where it is level.
    """
    data = comparison.copy()
    data["standing"] = ["lead" if g > 0 else "lag" if g < 0 else "par" for g in data["gap"]]
    data["standing_label"] = data["standing"].map(text)
    order = list(dict.fromkeys(data["criterion"]))
    scale = alt.Scale(domain=[1, 5], nice=False, zero=False)
    y = alt.Y("criterion:N", sort=order, title=None, axis=alt.Axis(labelLimit=280))
    tooltip = [
        alt.Tooltip("criterion:N", title=text["criterion"]),
        alt.Tooltip("company:N", title=text["company"]),
        alt.Tooltip("value:Q", title=text["score"], format=".1f"),
    ]
    rivals = (
        alt.Chart(data[~data["own"]])
        .mark_circle(size=160, color="#9e9e9e", opacity=0.8)
        .encode(x=alt.X("value:Q", scale=scale, title=text["score"]), y=y, tooltip=tooltip)
    )
    rival_labels = (
        alt.Chart(data[~data["own"]])
        .mark_text(dy=-14, fontSize=text_size(big) - 3, color="#555")
        .encode(x=alt.X("value:Q", scale=scale), y=y, text="company:N")
    )
    labels = [text[k] for k in LEAD_COLOURS]
    own = (
        alt.Chart(data[data["own"]])
        .mark_square(size=320)
        .encode(
            x=alt.X("value:Q", scale=scale),
            y=y,
            color=alt.Color(
                "standing_label:N", title=None, sort=labels,
                scale=alt.Scale(domain=labels, range=list(LEAD_COLOURS.values())),
                legend=alt.Legend(labelLimit=360),
            ),
            tooltip=[*tooltip, alt.Tooltip("gap:Q", title=text["gap"], format="+.1f")],
        )
    )  # fmt: skip
    return styled(
        alt.layer(rivals, rival_labels, own).properties(height=max(160, 56 * len(order))),
        lang=lang,
        big=big,
    )
