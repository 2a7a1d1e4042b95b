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
