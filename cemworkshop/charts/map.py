"""The touchpoint map for print: one column per phase of the journey, a box per touchpoint
coloured by its gap band (as the app's map), ★ at the moments of truth.

    >>> journey_map(rows, text, lang="de")     # rows: phase, name, row, band, moment
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from cemworkshop.charts.style import styled
from cemworkshop.journey_graph import GAP_COLOURS

PAGE_WIDTH = 680  # px of an A4 page's text width
BOX_HEIGHT = 34


def journey_map(rows: list[dict], text: dict, *, lang: str) -> alt.LayerChart:
    """``rows`` in journey order; ``text``: ``bands`` (band → its name in this language),
    ``band`` (the legend's title)."""
    df = pd.DataFrame(rows)
    phases = list(dict.fromkeys(df["phase"]))
    box = max(110, min(220, PAGE_WIDTH // len(phases)))
    df["label"] = [f"★ {n}" if m else n for n, m in zip(df["name"], df["moment"], strict=True)]
    df["band_name"] = [text["bands"][b] for b in df["band"]]
    domain = [text["bands"][b] for b in GAP_COLOURS]
    x = alt.X("phase:N", sort=phases, title=None,
              axis=alt.Axis(orient="top", labelAngle=0, labelFontWeight="bold", labelLimit=box, ticks=False, domain=False))  # fmt: skip
    y = alt.Y("row:O", axis=None)
    boxes = alt.Chart(df).mark_rect(cornerRadius=4, strokeWidth=1, stroke="#777").encode(
        x=x, y=y,
        color=alt.Color("band_name:N", title=text["band"],
                        scale=alt.Scale(domain=domain, range=[f for f, _ in GAP_COLOURS.values()])),
    )  # fmt: skip
    names = alt.Chart(df).mark_text(fontSize=11, limit=box - 10).encode(x=x, y=y, text="label:N")
    return styled(
        alt.layer(boxes, names).properties(
            width=box * len(phases), height=BOX_HEIGHT * (int(df["row"].max()) + 1)
        ),
        lang=lang,
    )
