"""Charts of the voice of the customer: the trend of a touchpoint's feedback by month, and
the social-media touchpoints placed by mean rating and share of negative feedback."""

from __future__ import annotations

import altair as alt
import pandas as pd

from cemworkshop.charts.ipa import PLACES, place_names
from cemworkshop.charts.style import styled, text_size


def trend_chart(data: pd.DataFrame, text: dict[str, str], *, lang: str) -> alt.LayerChart:
    """Bars: how much feedback came in per month; line: its mean rating (1–5, right axis)."""
    base = alt.Chart(data).encode(
        x=alt.X("month:O", title=text["month"], axis=alt.Axis(labelAngle=0))
    )
    bars = base.mark_bar(color="#c6dbef").encode(
        y=alt.Y("count:Q", title=text["count"], axis=alt.Axis(format="d", tickMinStep=1)),
        tooltip=[
            alt.Tooltip("month:O", title=text["month"]),
            alt.Tooltip("count:Q", title=text["count"]),
        ],
    )
    line = base.mark_line(point=alt.OverlayMarkDef(size=70), color="#08519c", strokeWidth=3).encode(
        y=alt.Y("mean:Q", title=text["mean"], scale=alt.Scale(domain=[1, 5]),
                axis=alt.Axis(orient="right", values=[1, 2, 3, 4, 5])),
        tooltip=[alt.Tooltip("month:O", title=text["month"]),
                 alt.Tooltip("mean:Q", title=text["mean"], format=".1f")],
    )  # fmt: skip
    return styled(
        alt.layer(bars, line).resolve_scale(y="independent").properties(height=260), lang=lang
    )


def social_map(
    data: pd.DataFrame, text: dict[str, str], *, lang: str, height: int = 420, narrowest: int = 480
) -> alt.LayerChart:
    """One bubble per social-media touchpoint with feedback: right = better rated, up = more
    negative feedback, size = how much. Names go where they touch no other name or bubble
    (placed for the narrowest plot, as in the importance–performance matrix)."""
    rated = data.dropna(subset=["mean"]).reset_index(drop=True).copy()
    plot_h = height - 60
    rated["x"] = (rated["mean"] - 1) / 4 * narrowest
    rated["y"] = (1 - rated["negative_share"]) * plot_h
    rated["label"] = rated["touchpoint"]
    places = place_names(
        rated, list(rated.sort_values("count", ascending=False).index), width=narrowest,
        height=plot_h, big=False,
    )  # fmt: skip
    rated["place"] = [places.get(i, "") for i in rated.index]
    x = alt.X("mean:Q", title=text["mean"], scale=alt.Scale(domain=[1, 5]),
              axis=alt.Axis(values=[1, 2, 3, 4, 5]))  # fmt: skip
    y = alt.Y("negative_share:Q", title=text["negative"], scale=alt.Scale(domain=[0, 1]),
              axis=alt.Axis(format="%"))  # fmt: skip
    base = alt.Chart(rated)
    bubbles = base.mark_circle(opacity=0.75, color="#6a51a3").encode(
        x=x, y=y,
        size=alt.Size("count:Q", title=text["count"], scale=alt.Scale(range=[150, 1200])),
        tooltip=[
            alt.Tooltip("touchpoint:N", title=text["touchpoint"]),
            alt.Tooltip("channel:N", title=text["channel"]),
            alt.Tooltip("count:Q", title=text["count"]),
            alt.Tooltip("mean:Q", title=text["mean"], format=".1f"),
            alt.Tooltip("negative_share:Q", title=text["negative"], format=".0%"),
        ],
    )  # fmt: skip
    gap = 22
    names = [
        base.transform_filter(alt.datum.place == name)
        .mark_text(
            fontSize=text_size(False), align=align, baseline=baseline, dx=dx * gap, dy=dy * gap
        )
        .encode(x=x, y=y, text="label:N")
        for name, align, baseline, dx, dy in PLACES
    ]
    return styled(alt.layer(bubbles, *names).properties(height=height), lang=lang)
