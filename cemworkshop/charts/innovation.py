"""The innovation check's heat table: touchpoints across, criteria down, each cell its value
(1–5) in a colour from red (weak) to green (strong), the number written in it."""

from __future__ import annotations

import altair as alt
import pandas as pd

from cemworkshop.charts.style import styled, text_size


def heat_chart(
    table: pd.DataFrame, labels: dict[str, str], order: list[str], text: dict[str, str],
    *, lang: str, big: bool = False,
) -> alt.LayerChart:  # fmt: skip
    """``table`` from ``innovation.heat``; ``labels`` the criteria's words, ``order`` the
    touchpoints' order; ``text`` holds ``touchpoint``, ``criterion``, ``value``."""
    data = table.assign(label=[labels[c] for c in table["criterion"]])
    data["shown"] = [f"{v:.1f}".replace(".", "," if lang == "de" else ".") for v in data["value"]]
    rows = [labels[c] for c in labels if c in set(table["criterion"])]
    base = alt.Chart(data).encode(
        x=alt.X("touchpoint:N", sort=order, title=None,
                axis=alt.Axis(orient="top", labelAngle=0, labelLimit=160)),
        y=alt.Y("label:N", sort=rows, title=None, axis=alt.Axis(labelLimit=260)),
    )  # fmt: skip
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color(
            "value:Q",
            scale=alt.Scale(domain=[1, 3, 5], range=["#d73027", "#fee08b", "#1a9850"]),
            legend=None,
        ),
        tooltip=[
            alt.Tooltip("touchpoint:N", title=text["touchpoint"]),
            alt.Tooltip("label:N", title=text["criterion"]),
            alt.Tooltip("shown:N", title=text["value"]),
        ],
    )
    numbers = base.mark_text(fontSize=text_size(big) - 2, fontWeight="bold").encode(text="shown:N")
    height = max(160, (34 if big else 28) * len(rows))
    return styled(alt.layer(cells, numbers).properties(height=height), lang=lang, big=big)
