"""Charts of a touchpoint scoring round: importance–performance matrix, spread, experience curve.

>>> chart = ipa_matrix(summary, text={"x": "Leistung", "y": "Wichtigkeit", ...})
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from cemworkshop.charts.style import DIMENSION_COLOURS, projector
from cemworkshop.metrics.ipa import MIDPOINT

QUADRANT_COLOURS = {
    "concentrate": "#d62728",
    "keep_up": "#2ca02c",
    "low_priority": "#7f7f7f",
    "overkill": "#ff7f0e",
}


def _joined_label(names: pd.Series, most: int = 3) -> str:
    names = list(names)
    shown = ", ".join(names[:most])
    return shown + (f" +{len(names) - most}" if len(names) > most else "")


def _label_sides(data: pd.DataFrame) -> list[str]:
    """Which side of its dot each label goes: the right, unless a label already sits close by."""
    placed: list[tuple[float, float]] = []
    sides = []
    for imp, perf in zip(data["importance"], data["performance"], strict=True):
        crowded = any(abs(imp - i) < 0.15 and abs(perf - p) < 1.2 for i, p in placed)
        sides.append("right" if crowded else "left")  # Vega's align: "left" = text to the right
        if not crowded:
            placed.append((imp, perf))
    return sides


def ipa_matrix(summary: pd.DataFrame, text: dict[str, str], height: int = 520) -> alt.Chart:
    """The importance–performance matrix: one labelled point per touchpoint, four quadrants.

    ``text`` holds the axis titles (``x``, ``y``), the four quadrant names (keys as in
    ``metrics.QUADRANTS``) and ``legend``. Quadrant names sit in the corners; the point
    colour is the quadrant, so the chart reads without a legend.
    """
    data = summary.dropna(subset=["importance", "performance"]).copy()
    data["quadrant_label"] = data["quadrant"].map(text)
    # Touchpoints on the same spot share one label instead of printing over each other.
    data["spot"] = list(zip(data["importance"].round(2), data["performance"].round(2), strict=True))
    labels_at = data.groupby("spot")["touchpoint"].agg(_joined_label).rename("label")
    data = data.join(labels_at, on="spot")
    data["first_at_spot"] = ~data["spot"].duplicated()
    data["label_side"] = _label_sides(data)
    data = data.drop(columns="spot")
    scale = alt.Scale(domain=[1, 5], nice=False, zero=False)
    lo, hi = 1.05, 4.95
    corners = pd.DataFrame(
        [
            {"x": lo, "y": hi, "label": text["concentrate"], "align": "left", "q": "concentrate"},
            {"x": hi, "y": hi, "label": text["keep_up"], "align": "right", "q": "keep_up"},
            {"x": lo, "y": lo, "label": text["low_priority"], "align": "left", "q": "low_priority"},
            {"x": hi, "y": lo, "label": text["overkill"], "align": "right", "q": "overkill"},
        ]
    )
    base = alt.Chart(data)
    rules = alt.Chart(pd.DataFrame({"v": [MIDPOINT]}))
    points = base.mark_circle(size=260, opacity=0.9).encode(
        x=alt.X("performance:Q", scale=scale, title=text["x"]),
        y=alt.Y("importance:Q", scale=scale, title=text["y"]),
        color=alt.Color(
            "quadrant:N",
            scale=alt.Scale(domain=list(QUADRANT_COLOURS), range=list(QUADRANT_COLOURS.values())),
            legend=None,
        ),
        tooltip=[
            alt.Tooltip("touchpoint:N", title=text["touchpoint"]),
            alt.Tooltip("importance:Q", format=".1f", title=text["y"]),
            alt.Tooltip("performance:Q", format=".1f", title=text["x"]),
            alt.Tooltip("raters:Q", title=text["raters"]),
        ],
    )
    labels = [
        base.transform_filter(f"datum.first_at_spot && datum.label_side == '{side}'")
        .mark_text(
            align=side,
            dx=11 if side == "left" else -9,
            dy=-2 if side == "left" else 13,
            fontSize=14,
        )
        .encode(
            x=alt.X("performance:Q", scale=scale),
            y=alt.Y("importance:Q", scale=scale),
            text="label:N",
        )
        for side in ("left", "right")
    ]
    quadrant_colour = alt.Color(
        "q:N",
        scale=alt.Scale(domain=list(QUADRANT_COLOURS), range=list(QUADRANT_COLOURS.values())),
        legend=None,
    )
    corner_text = [
        alt.Chart(corners[corners["align"] == side])
        .mark_text(fontSize=15, fontWeight="bold", opacity=0.75, align=side)
        .encode(
            x=alt.X("x:Q", scale=scale),
            y=alt.Y("y:Q", scale=scale),
            text="label:N",
            color=quadrant_colour,
        )
        for side in ("left", "right")
    ]
    layers = [
        rules.mark_rule(strokeDash=[6, 4], color="#999").encode(x=alt.X("v:Q", scale=scale)),
        rules.mark_rule(strokeDash=[6, 4], color="#999").encode(y=alt.Y("v:Q", scale=scale)),
        *corner_text,
        points,
        *labels,
    ]
    return projector(alt.layer(*layers).properties(height=height))


def spread_chart(
    scores: pd.DataFrame | list[dict], order: list[str], text: dict[str, str]
) -> alt.Chart:
    """How the group voted, one row per touchpoint, rows in ``order`` (widest spread first).

    Each dot is one value of the 1–5 scale in one dimension; its size is how many people
    gave it. One big dot means agreement; dots strung along the row mean: discuss.
    """
    df = pd.DataFrame(scores)
    df = df[df["touchpoint"].isin(order)]
    counted = df.groupby(["touchpoint", "dimension", "value"]).size().reset_index(name="people")
    counted["dimension_label"] = counted["dimension"].map(text)
    dims = [d for d in DIMENSION_COLOURS if d in set(counted["dimension"])]
    labels = [text[d] for d in dims]
    return projector(
        alt.Chart(counted)
        .mark_circle(opacity=0.8)
        .encode(
            x=alt.X(
                "value:Q",
                scale=alt.Scale(domain=[0.5, 5.5]),
                title=text["x"],
                axis=alt.Axis(values=[1, 2, 3, 4, 5]),
            ),
            y=alt.Y("touchpoint:N", sort=order, title=None, axis=alt.Axis(labelLimit=280)),
            yOffset=alt.YOffset("dimension_label:N", sort=labels),
            size=alt.Size("people:Q", scale=alt.Scale(range=[40, 700]), legend=None),
            color=alt.Color(
                "dimension_label:N",
                title=None,
                sort=labels,
                scale=alt.Scale(domain=labels, range=[DIMENSION_COLOURS[d] for d in dims]),
            ),
            tooltip=[
                alt.Tooltip("touchpoint:N", title=text["touchpoint"]),
                alt.Tooltip("dimension_label:N", title=text["dimension"]),
                alt.Tooltip("value:Q", title=text["x"]),
                alt.Tooltip("people:Q", title=text["people"]),
            ],
        )
        .properties(height=max(160, 48 * len(order))),
        size=14,
    )


def experience_curve(summary: pd.DataFrame, text: dict[str, str], height: int = 320) -> alt.Chart:
    """Mean performance per touchpoint along the journey, with importance as a dashed line.

    Like the emotion curve of journey maps: where the solid line dips under the dashed one,
    the experience falls short of what matters to the customer.
    """
    data = summary.sort_values("position")
    order = list(data["touchpoint"])
    long = data.melt(
        id_vars=["touchpoint", "phase", "position"],
        value_vars=["performance", "importance"],
        var_name="dimension",
        value_name="mean",
    ).dropna(subset=["mean"])
    long["dimension_label"] = long["dimension"].map(text)
    labels = [text["performance"], text["importance"]]
    base = alt.Chart(long).encode(
        x=alt.X(
            "touchpoint:N",
            sort=order,
            title=None,
            # every touchpoint named: the curve is read along the journey, stop by stop
            axis=alt.Axis(labelAngle=-45, labelLimit=170, labelOverlap=False, labelFontSize=12),
        ),
        y=alt.Y(
            "mean:Q", scale=alt.Scale(domain=[1, 5], nice=False, zero=False), title=text["mean"]
        ),
        color=alt.Color(
            "dimension_label:N",
            title=None,
            sort=labels,
            scale=alt.Scale(domain=labels, range=[DIMENSION_COLOURS["performance"], "#9e9e9e"]),
        ),
        strokeDash=alt.StrokeDash(
            "dimension_label:N",
            sort=labels,
            scale=alt.Scale(domain=labels, range=[[1, 0], [6, 4]]),
            legend=None,
        ),
        tooltip=[
            alt.Tooltip("touchpoint:N", title=text["touchpoint"]),
            alt.Tooltip("phase:N", title=text["phase"]),
            alt.Tooltip("dimension_label:N", title=text["dimension"]),
            alt.Tooltip("mean:Q", format=".1f", title=text["mean"]),
        ],
    )
    rule = (
        alt.Chart(pd.DataFrame({"v": [MIDPOINT]}))
        .mark_rule(color="#ccc")
        .encode(y=alt.Y("v:Q", scale=alt.Scale(domain=[1, 5], nice=False, zero=False)))
    )
    return projector(
        alt.layer(rule, base.mark_line(strokeWidth=3), base.mark_circle(size=70)).properties(
            height=height
        ),
        size=13,
    )
