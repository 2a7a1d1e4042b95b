"""The dumbbell chart of step 3's Erwartungsabgleich: per touchpoint the mean expectation and
the mean experience as two dots joined by a line — the longer the line, the larger the gap.

    >>> dumbbell(ranked_summary, text, lang="de", big=True)
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from cemworkshop import formats
from cemworkshop.charts.style import DIMENSION_COLOURS, styled, text_size


def dumbbell(
    summary: pd.DataFrame, text: dict[str, str], *, lang: str, big: bool = False
) -> alt.LayerChart:
    """Rows in the order of ``summary`` (ranked, largest gap first); ``text`` carries the
    labels ``expectation, experience, scale, touchpoint, gap, raters``. The gap is written
    at the right of each row."""
    df = summary.reset_index(drop=True)
    order = list(df["touchpoint"])
    labels = [text["expectation"], text["experience"]]
    dots = pd.concat(
        [
            df.assign(dimension=text[d], value=df[d], n=df[f"{d}_n"])[
                ["touchpoint", "dimension", "value", "n", "gap"]
            ]
            for d in ("expectation", "experience")
        ]
    )
    lines = df.assign(
        low=df[["expectation", "experience"]].min(axis=1),
        high=df[["expectation", "experience"]].max(axis=1),
        # written like the tables beside the chart (Babel rounds as they do, not as d3 does)
        gap_label=[("+" if g >= 0 else "") + formats.number(g, lang, 1, fixed=True)
                   for g in df["gap"]],
    )  # fmt: skip
    y = alt.Y("touchpoint:N", sort=order, title=None, axis=alt.Axis(labelLimit=360 if big else 260))
    x_scale = alt.Scale(domain=[1, 5.9])
    base = alt.Chart(lines)
    rule = base.mark_rule(strokeWidth=6 if big else 4, color="#9e9e9e").encode(
        x=alt.X("low:Q", scale=x_scale, title=text["scale"], axis=alt.Axis(values=[1, 2, 3, 4, 5])),
        x2="high:Q",
        y=y,
    )
    points = (
        alt.Chart(dots)
        .mark_circle(size=420 if big else 220, opacity=1)
        .encode(
            x=alt.X("value:Q", scale=x_scale),
            y=y,
            color=alt.Color(
                "dimension:N",
                title=None,
                sort=labels,
                scale=alt.Scale(
                    domain=labels,
                    range=[DIMENSION_COLOURS["expectation"], DIMENSION_COLOURS["experience"]],
                ),
            ),
            tooltip=[
                alt.Tooltip("touchpoint:N", title=text["touchpoint"]),
                alt.Tooltip("dimension:N", title=""),
                alt.Tooltip("value:Q", title=text["scale"], format=".2f"),
                alt.Tooltip("n:Q", title=text["raters"]),
            ],
        )
    )
    gap_text = (
        alt.Chart(lines)
        .mark_text(align="left", dx=8, fontSize=text_size(big), fontWeight="bold")
        .encode(x=alt.datum(5.3), y=y, text="gap_label:N")
    )
    row = 66 if big else 64  # a point scale keeps half a row free above and below
    return styled(
        alt.layer(rule, points, gap_text).properties(height=max(200, row * len(order))),
        lang=lang,
        big=big,
    )
