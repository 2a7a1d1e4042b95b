"""Charts of a touchpoint scoring round: importance–performance matrix, spread, experience curve.

    >>> chart = ipa_matrix(summary, text, lang="de", big=True)   # numbered dots, named MoTs
    >>> legend = matrix_legend(summary)                           # "1 Website · 2 Beratung …"

Labels never print over each other: every dot carries its number in the journey (the legend
and the moments-of-truth table name it), and names are written only beside the moments of
truth, each where it collides with no other label, dot or quadrant name — placed for the
narrowest plot the chart is drawn at, so a wider screen only adds room.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from cemworkshop.charts.style import DIMENSION_COLOURS, styled, text_size
from cemworkshop.metrics.ipa import MIDPOINT, MOMENT_OF_TRUTH_IMPORTANCE

QUADRANT_COLOURS = {
    "concentrate": "#d62728",
    "keep_up": "#2ca02c",
    "low_priority": "#7f7f7f",
    "overkill": "#ff7f0e",
}
DOMAIN = (1.0, 5.0)
DOT_AREA = {False: 420, True: 560}  # px²: a dot big enough to hold a two-digit number
CHAR_WIDTH = 0.6  # average glyph width per px of font size (sans-serif), for placing labels
# (name, Vega align, Vega baseline, dx, dy): where a name may sit beside its dot.
PLACES = (
    ("right", "left", "middle", 1, 0),
    ("left", "right", "middle", -1, 0),
    ("above", "center", "bottom", 0, -1),
    ("below", "center", "top", 0, 1),
)


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def hits(self, other: Box) -> bool:
        return not (
            self.right <= other.left
            or other.right <= self.left
            or self.bottom <= other.top
            or other.bottom <= self.top
        )

    def inside(self, width: float, height: float) -> bool:
        return self.left >= 0 and self.top >= 0 and self.right <= width and self.bottom <= height


def _pixels(performance: float, importance: float, width: float, height: float):
    span = DOMAIN[1] - DOMAIN[0]
    return (performance - DOMAIN[0]) / span * width, (DOMAIN[1] - importance) / span * height


def text_box(text: str, x: float, y: float, size: int, align: str, baseline: str) -> Box:
    """The box a text mark covers, in px, as Vega places it (estimated glyph widths)."""
    w, h = len(text) * size * CHAR_WIDTH, size * 1.25
    left = {"left": x, "right": x - w, "center": x - w / 2}[align]
    top = {"middle": y - h / 2, "bottom": y - h, "top": y}[baseline]
    return Box(left, top, left + w, top + h)


def place_names(
    dots: pd.DataFrame, named: list[int], *, width: float, height: float, big: bool,
    obstacles: list[Box] = (),
) -> dict[int, str]:  # fmt: skip
    """Where each named dot's name goes (``right``, ``left``, ``above``, ``below``), in order of
    ``named``; a name that fits nowhere without touching another label or dot is left out.
    ``dots`` carries ``x``/``y`` in px and ``label``."""
    size = text_size(big)
    radius = (DOT_AREA[big] / 3.14159) ** 0.5
    gap = radius + 4
    dot_boxes = {
        i: Box(r.x - radius, r.y - radius, r.x + radius, r.y + radius) for i, r in dots.iterrows()
    }
    taken: list[Box] = list(obstacles)
    placed: dict[int, str] = {}
    for i in named:
        row = dots.loc[i]
        for name, align, baseline, dx, dy in PLACES:
            box = text_box(row["label"], row.x + dx * gap, row.y + dy * gap, size, align, baseline)
            clear = box.inside(width, height) and not any(box.hits(b) for b in taken)
            if clear and not any(box.hits(b) for j, b in dot_boxes.items() if j != i):
                placed[i] = name
                taken.append(box)
                break
    return placed


def _spots(summary: pd.DataFrame) -> pd.DataFrame:
    """One dot per spot: touchpoints with the same means share a dot, numbered by journey order."""
    data = summary.dropna(subset=["importance", "performance"]).sort_values("position").copy()
    data["nr"] = range(1, len(data) + 1)
    data["spot"] = list(zip(data["importance"].round(2), data["performance"].round(2), strict=True))
    rows = []
    for _, group in data.groupby("spot", sort=False):
        first = group.iloc[0]
        numbers = [str(n) for n in group["nr"]]
        rows.append(
            {
                "importance": first["importance"],
                "performance": first["performance"],
                "quadrant": first["quadrant"],
                "nr_label": numbers[0] + ("+" if len(numbers) > 1 else ""),
                "numbers": ", ".join(numbers),
                "touchpoint": ", ".join(group["touchpoint"]),
                "label": ", ".join(group["touchpoint"]),
                "gap": group["gap"].max(),
                "moment": bool((group["importance"] >= MOMENT_OF_TRUTH_IMPORTANCE).any()),
                "raters": int(group["raters"].max()),
            }
        )
    columns = ["importance", "performance", "quadrant", "nr_label", "numbers", "touchpoint"]
    columns += ["label", "gap", "moment", "raters"]
    return pd.DataFrame(rows, columns=columns)  # no dot yet (importance only): no dots


def matrix_numbers(summary: pd.DataFrame) -> dict[int, int]:
    """``{touchpoint_id: number on its dot}``: the journey order of the scored touchpoints."""
    data = summary.dropna(subset=["importance", "performance"]).sort_values("position")
    return {int(t): n for n, t in enumerate(data["touchpoint_id"], start=1)}


def matrix_legend(summary: pd.DataFrame) -> list[str]:
    """``["1 Website", "2 Beratung", …]``: what the numbers on the dots stand for."""
    data = summary.dropna(subset=["importance", "performance"]).sort_values("position")
    return [f"{n} {name}" for n, name in enumerate(data["touchpoint"], start=1)]


def ipa_matrix(
    summary: pd.DataFrame,
    text: dict[str, str],
    *,
    lang: str,
    big: bool = False,
    height: int = 480,
    narrowest: int = 480,
    lines: tuple[float, float] = (MIDPOINT, MIDPOINT),
    diagonal: bool = False,
) -> alt.LayerChart:
    """The importance–performance matrix: numbered dots coloured by quadrant, the moments of
    truth named, quadrant names in the corners, the crosshair at ``lines`` (performance,
    importance: ``metrics.ipa.crosshair``), with ``diagonal`` the line importance = performance.

    ``text`` holds the axis titles (``x``, ``y``), ``touchpoint``, ``raters`` and the four
    quadrant names. ``narrowest`` is the smallest plot width (px) the chart is shown at (the
    pages give charts at least 560 px, of which the axis takes about 70).
    """
    dots = _spots(summary)
    size = text_size(big)
    plot_h = height - 60  # axis and title below
    px = [
        _pixels(p, i, narrowest, plot_h)
        for p, i in zip(dots["performance"], dots["importance"], strict=True)
    ]
    dots["x"], dots["y"] = [p[0] for p in px], [p[1] for p in px]
    lo, hi = 1.04, 4.96
    corners = pd.DataFrame(
        [
            {"x": lo, "y": hi, "label": text["concentrate"], "align": "left", "baseline": "top", "q": "concentrate"},
            {"x": hi, "y": hi, "label": text["keep_up"], "align": "right", "baseline": "top", "q": "keep_up"},
            {"x": lo, "y": lo, "label": text["low_priority"], "align": "left", "baseline": "bottom", "q": "low_priority"},
            {"x": hi, "y": lo, "label": text["overkill"], "align": "right", "baseline": "bottom", "q": "overkill"},
        ]
    )  # fmt: skip
    corner_boxes = [
        text_box(r.label, *_pixels(r.x, r.y, narrowest, plot_h), size, r.align, r.baseline)
        for r in corners.itertuples()
    ]
    wanted = dots[dots["moment"].astype(bool)].sort_values("gap", ascending=False).index.tolist()
    places = place_names(
        dots, wanted, width=narrowest, height=plot_h, big=big, obstacles=corner_boxes
    )
    dots["place"] = [places.get(i, "") for i in dots.index]
    scale = alt.Scale(domain=list(DOMAIN), nice=False, zero=False)
    ticks = alt.Axis(values=[1, 2, 3, 4, 5], format="d")
    x = alt.X("performance:Q", scale=scale, title=text["x"], axis=ticks)
    y = alt.Y("importance:Q", scale=scale, title=text["y"], axis=ticks)
    quadrant_scale = alt.Scale(domain=list(QUADRANT_COLOURS), range=list(QUADRANT_COLOURS.values()))
    colour = alt.Color("quadrant:N", scale=quadrant_scale, legend=None)
    base = alt.Chart(dots)
    rules = alt.Chart(pd.DataFrame({"x": [float(lines[0])], "y": [float(lines[1])]}))
    gap = (DOT_AREA[big] / 3.14159) ** 0.5 + 4
    diagonal_line = (
        alt.Chart(pd.DataFrame({"v": list(DOMAIN)}))
        .mark_line(strokeDash=[2, 4], color="#555", strokeWidth=2)
        .encode(x=alt.X("v:Q", scale=scale), y=alt.Y("v:Q", scale=scale))
    )
    layers = [
        *([diagonal_line] if diagonal else []),
        rules.mark_rule(strokeDash=[6, 4], color="#777", strokeWidth=2).encode(x=alt.X("x:Q", scale=scale)),
        rules.mark_rule(strokeDash=[6, 4], color="#777", strokeWidth=2).encode(y=alt.Y("y:Q", scale=scale)),
        *(
            alt.Chart(corners[(corners["align"] == align) & (corners["baseline"] == baseline)])
            .mark_text(fontSize=size, fontWeight="bold", opacity=0.8, align=align, baseline=baseline)
            .encode(x=alt.X("x:Q", scale=scale), y=alt.Y("y:Q", scale=scale), text="label:N",
                    color=alt.Color("q:N", scale=quadrant_scale, legend=None))
            for align, baseline in (("left", "top"), ("right", "top"), ("left", "bottom"), ("right", "bottom"))
        ),
        base.mark_circle(size=DOT_AREA[big], opacity=0.95).encode(
            x=x,
            y=y,
            color=colour,
            tooltip=[
                alt.Tooltip("numbers:N", title="#"),
                alt.Tooltip("touchpoint:N", title=text["touchpoint"]),
                alt.Tooltip("importance:Q", format=".1f", title=text["y"]),
                alt.Tooltip("performance:Q", format=".1f", title=text["x"]),
                alt.Tooltip("raters:Q", title=text["raters"]),
            ],
        ),
        base.mark_text(fontSize=size - 5, fontWeight="bold", color="white").encode(
            x=x, y=y, text="nr_label:N"
        ),
        *(
            base.transform_filter(alt.datum.place == name)
            .mark_text(fontSize=size, align=align, baseline=baseline, dx=dx * gap, dy=dy * gap)
            .encode(x=x, y=y, text="label:N")
            for name, align, baseline, dx, dy in PLACES
        ),
    ]  # fmt: skip
    return styled(alt.layer(*layers).properties(height=height), lang=lang, big=big)


def spread_chart(
    scores: pd.DataFrame | list[dict],
    order: list[str],
    text: dict[str, str],
    *,
    lang: str,
    big: bool = False,
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
    row = 56 if big else 48
    return styled(
        alt.Chart(counted)
        .mark_circle(opacity=0.8)
        .encode(
            x=alt.X(
                "value:Q",
                scale=alt.Scale(domain=[0.5, 5.5]),
                title=text["scale"],
                axis=alt.Axis(values=[1, 2, 3, 4, 5]),
            ),
            y=alt.Y("touchpoint:N", sort=order, title=None, axis=alt.Axis(labelLimit=320)),
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
                alt.Tooltip("value:Q", title=text["scale"]),
                alt.Tooltip("people:Q", title=text["people"]),
            ],
        )
        .properties(height=max(160, row * len(order))),
        lang=lang,
        big=big,
    )


def experience_curve(
    summary: pd.DataFrame, text: dict[str, str], *, lang: str, height: int = 320
) -> alt.LayerChart:
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
            axis=alt.Axis(labelAngle=-45, labelLimit=170, labelOverlap=False),
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
    return styled(
        alt.layer(rule, base.mark_line(strokeWidth=3), base.mark_circle(size=70)).properties(
            height=height
        ),
        lang=lang,
    )
