"""The Return-on-Nothing chart: margin per year if nothing changes against the CEM path."""

from __future__ import annotations

import altair as alt
import pandas as pd

from cemworkshop.charts.style import styled


def ron_paths(
    result, text: dict[str, str], lang_money, *, lang: str, height: int = 340
) -> alt.LayerChart:
    """Margin per year if nothing changes against the CEM path, with today's margin dashed."""
    rows = [
        {"year": y, "path": text[key], "margin": m}
        for key, margins in (("nothing", result.margin_nothing), ("cem", result.margin_cem))
        for y, m in zip(result.years, margins, strict=True)
    ]
    data = pd.DataFrame(rows)
    data["label"] = [lang_money(m) for m in data["margin"]]
    paths = [text["nothing"], text["cem"]]
    lines = (
        alt.Chart(data)
        .mark_line(point=alt.OverlayMarkDef(size=80), strokeWidth=3)
        .encode(
            x=alt.X("year:O", title=text["year"], axis=alt.Axis(labelAngle=0)),
            y=alt.Y("margin:Q", title=text["margin"], axis=alt.Axis(format="$,.0f")),
            color=alt.Color(
                "path:N",
                title=None,
                sort=paths,
                scale=alt.Scale(domain=paths, range=["#d62728", "#2ca02c"]),
            ),
            tooltip=[
                alt.Tooltip("path:N", title=" "),
                alt.Tooltip("year:O", title=text["year"]),
                alt.Tooltip("label:N", title=text["margin"]),
            ],
        )
    )
    today = (
        alt.Chart(pd.DataFrame({"v": [result.margin_today], "t": [text["today"]]}))
        .mark_rule(strokeDash=[6, 4], color="#777")
        .encode(y="v:Q", tooltip=[alt.Tooltip("t:N", title=" ")])
    )
    return styled(alt.layer(today, lines).properties(height=height), lang=lang)


def sensitivity_bars(
    rows: list[dict], text: dict[str, str], lang_money, *, lang: str, height_per: int = 34
) -> alt.LayerChart:
    """The tornado of ``metrics.ron.sensitivity``: for each input, how much CEM's net return
    changes when it is 10 % lower (one bar) and 10 % higher (the other), largest lever on top.

    ``text``: ``label`` per field under the field's name, plus ``lower``, ``higher``,
    ``change``."""
    order = [text[r["field"]] for r in rows]
    data = pd.DataFrame(
        [
            {
                "input": text[r["field"]],
                "move": text[move],
                "change": r[side],
                "label": ("+" if r[side] > 0 else "") + lang_money(r[side]),
            }
            for r in rows
            for side, move in (("low", "lower"), ("high", "higher"))
        ]
    )
    moves = [text["lower"], text["higher"]]
    bars = (
        alt.Chart(data)
        .mark_bar(height=alt.RelativeBandSize(0.7))
        .encode(
            y=alt.Y(
                "input:N",
                sort=order,
                title=None,
                axis=alt.Axis(labelLimit=300),
            ),
            x=alt.X("change:Q", title=text["change"], axis=alt.Axis(format="$,.0f")),
            color=alt.Color(
                "move:N",
                title=None,
                sort=moves,
                scale=alt.Scale(domain=moves, range=["#9ecae1", "#08519c"]),
                legend=alt.Legend(orient="top"),
            ),
            tooltip=[
                alt.Tooltip("input:N", title=" "),
                alt.Tooltip("move:N", title=" "),
                alt.Tooltip("label:N", title=text["change"]),
            ],
        )
    )
    zero = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color="#333").encode(x="x:Q")
    return styled(alt.layer(bars, zero).properties(height=alt.Step(height_per)), lang=lang)
