"""The customer segments chart: share of customers against value per customer."""

from __future__ import annotations

import altair as alt
import pandas as pd

from cemworkshop.charts.style import styled, text_size


def segment_chart(
    segments: list[dict], text: dict[str, str], *, lang: str, height: int = 360
) -> alt.LayerChart:
    """Segments by share of customers (x) and value per customer (y); bubble area is their weight.

    The weight (share × value) shows which segments carry the business, labelled beside it.
    """
    data = pd.DataFrame(segments)
    data["weight"] = data["share_pct"] * data["value_per_year"]
    base = alt.Chart(data).encode(
        x=alt.X(
            "share_pct:Q",
            title=text["share"],
            scale=alt.Scale(domain=[0, max(50, data["share_pct"].max() * 1.15)]),
        ),
        y=alt.Y("value_per_year:Q", title=text["value"], scale=alt.Scale(zero=True, nice=True)),
    )
    bubbles = base.mark_circle(opacity=0.6, color="#1c6dd0").encode(
        size=alt.Size("weight:Q", scale=alt.Scale(range=[200, 3000]), legend=None),
        tooltip=[
            alt.Tooltip("name:N", title=text["segment"]),
            alt.Tooltip("share_pct:Q", title=text["share"], format=".0f"),
            alt.Tooltip("value_per_year:Q", title=text["value"], format=",.0f"),
        ],
    )
    labels = base.mark_text(align="left", dx=14, fontSize=text_size(False)).encode(text="name:N")
    return styled(alt.layer(bubbles, labels).properties(height=height), lang=lang)
