"""The Pareto chart of complaints: bars by count (largest first), the cumulative share as a
line, a dashed rule at 80 %; the bars of the "vital few" in full colour. A click on a bar
selects its category (the page lists its complaints).

    >>> pareto_chart(rows, text, lang="de")      # rows of metrics.complaints.pareto
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from cemworkshop.charts.style import styled

SELECTION = "bar"


def pareto_chart(
    rows: list[dict], text: dict[str, str], *, lang: str, big: bool = False
) -> alt.LayerChart:
    """``text``: ``name`` (the axis: cause or touchpoint), ``count``, ``cumulative``."""
    df = pd.DataFrame(rows)
    order = list(df["name"])
    pick = alt.selection_point(name=SELECTION, fields=["name"], on="click")
    x = alt.X(
        "name:N",
        sort=order,
        title=None,
        axis=alt.Axis(labelAngle=-35, labelLimit=170, labelOverlap=False),
    )  # every name
    bars = (
        alt.Chart(df)
        .mark_bar(color="#1f77b4")
        .encode(
            x=x,
            y=alt.Y("count:Q", title=text["count"]),
            opacity=alt.condition(alt.datum.vital, alt.value(1.0), alt.value(0.45)),
            tooltip=[alt.Tooltip("name:N", title=text["name"]), alt.Tooltip("count:Q", title=text["count"]),
                     alt.Tooltip("cumulative:Q", title=text["cumulative"], format=".0%")],
        )
        .add_params(pick)
    )  # fmt: skip
    line = (
        alt.Chart(df)
        .mark_line(color="#d62728", point=True)
        .encode(
            x=x,
            y=alt.Y(
                "cumulative:Q",
                title=text["cumulative"],
                axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1]),
            ),  # fmt: skip
        )
    )
    mark = (
        alt.Chart(pd.DataFrame({"v": [0.8]}))
        .mark_rule(strokeDash=[5, 4], color="#d62728")
        .encode(y=alt.Y("v:Q", scale=alt.Scale(domain=[0, 1])))
    )
    return styled(
        alt.layer(bars, alt.layer(line, mark))
        .resolve_scale(y="independent")
        .properties(height=360),
        lang=lang,
        big=big,
    )
