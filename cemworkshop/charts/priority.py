"""Step 4's impact–effort matrix: each candidate measure a bubble (its size the dots it got in
step 2, its number its rank), split at the scale's midpoint into Quick Win, Großprojekt,
Lückenfüller and Zeitfresser; names placed beside their bubbles only where none overlaps.

    >>> matrix(ranked_rows, text, quadrant_names, lang="de", big=True)
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from cemworkshop.charts.ipa import PLACES, place_names, text_box
from cemworkshop.charts.style import styled, text_size

DOMAIN = (0.5, 5.5)
COLOURS = {
    "quick_win": "#2ca02c",
    "big_bet": "#1f77b4",
    "fill_in": "#9e9e9e",
    "time_sink": "#d62728",
}


def _pixels(effort: float, impact: float, width: float, height: float) -> tuple[float, float]:
    span = DOMAIN[1] - DOMAIN[0]
    return (effort - DOMAIN[0]) / span * width, (DOMAIN[1] - impact) / span * height


def matrix(
    ranking: list[dict], text: dict[str, str], quadrants: dict[str, str], *, lang: str,
    big: bool = False, height: int = 520, narrowest: int = 520,
) -> alt.LayerChart:  # fmt: skip
    """``ranking``: rows of ``metrics.priority.ranked`` (rank, title, impact, effort, dots,
    quadrant). ``text`` holds ``impact``, ``effort``, ``dots``, ``measure``; ``quadrants``
    the four names. Equal positions are spread a little so every bubble stays visible."""
    size = text_size(big)
    data = pd.DataFrame(ranking)[["rank", "title", "impact", "effort", "dots", "quadrant"]].copy()
    data["dots"] = data["dots"].fillna(0).astype(int)
    seen: dict[tuple, int] = {}
    shift_x, shift_y = [], []
    for r in data.itertuples():  # bubbles on the same spot fan out around it
        n = seen.get((r.impact, r.effort), 0)
        seen[(r.impact, r.effort)] = n + 1
        shift_x.append(r.effort + 0.12 * ((n + 1) // 2) * (1 if n % 2 else -1) if n else r.effort)
        shift_y.append(r.impact)
    data["x"], data["y"] = shift_x, shift_y
    data["label"] = [t if len(t) <= 28 else t[:27].rstrip() + "…" for t in data["title"]]
    plot_h = height - 60
    px = [_pixels(x, y, narrowest, plot_h) for x, y in zip(data["x"], data["y"], strict=True)]
    dots = data.assign(x=[p[0] for p in px], y=[p[1] for p in px])
    lo, hi = 0.55, 5.45
    corners = pd.DataFrame(
        [
            {"e": lo, "i": hi, "label": quadrants["quick_win"], "align": "left", "baseline": "top", "q": "quick_win"},
            {"e": hi, "i": hi, "label": quadrants["big_bet"], "align": "right", "baseline": "top", "q": "big_bet"},
            {"e": lo, "i": lo, "label": quadrants["fill_in"], "align": "left", "baseline": "bottom", "q": "fill_in"},
            {"e": hi, "i": lo, "label": quadrants["time_sink"], "align": "right", "baseline": "bottom", "q": "time_sink"},
        ]
    )  # fmt: skip
    boxes = [
        text_box(r.label, *_pixels(r.e, r.i, narrowest, plot_h), size, r.align, r.baseline)
        for r in corners.itertuples()
    ]
    places = place_names(dots, list(dots.index), width=narrowest, height=plot_h, big=big,
                         obstacles=boxes)  # fmt: skip
    data["place"] = [places.get(i, "") for i in data.index]
    scale = alt.Scale(domain=list(DOMAIN), nice=False, zero=False)
    ticks = alt.Axis(values=[1, 2, 3, 4, 5], format="d")
    x = alt.X("x:Q", scale=scale, title=text["effort"], axis=ticks)
    y = alt.Y("y:Q", scale=scale, title=text["impact"], axis=ticks)
    qscale = alt.Scale(domain=list(COLOURS), range=list(COLOURS.values()))
    base = alt.Chart(data)
    mid = alt.Chart(pd.DataFrame({"v": [3.0]}))
    gap = 18 if big else 15
    layers = [
        mid.mark_rule(strokeDash=[6, 4], color="#777", strokeWidth=2).encode(x=alt.X("v:Q", scale=scale)),
        mid.mark_rule(strokeDash=[6, 4], color="#777", strokeWidth=2).encode(y=alt.Y("v:Q", scale=scale)),
        *(
            alt.Chart(corners[(corners["align"] == a) & (corners["baseline"] == b)])
            .mark_text(fontSize=size, fontWeight="bold", align=a, baseline=b)
            .encode(x=alt.X("e:Q", scale=scale), y=alt.Y("i:Q", scale=scale), text="label:N",
                    color=alt.Color("q:N", scale=qscale, legend=None))
            for a, b in (("left", "top"), ("right", "top"), ("left", "bottom"), ("right", "bottom"))
        ),
        base.mark_circle(opacity=0.85).encode(
            x=x, y=y,
            size=alt.Size("dots:Q", scale=alt.Scale(range=[380, 1600] if big else [300, 1200], zero=False),
                          legend=alt.Legend(title=text["dots"])),
            color=alt.Color("quadrant:N", scale=qscale, legend=None),
            tooltip=[alt.Tooltip("rank:Q", title="#"), alt.Tooltip("title:N", title=text["measure"]),
                     alt.Tooltip("impact:Q", title=text["impact"], format=".1f"),
                     alt.Tooltip("effort:Q", title=text["effort"], format=".1f"),
                     alt.Tooltip("dots:Q", title=text["dots"])],
        ),
        base.mark_text(fontSize=size - 4, fontWeight="bold", color="white").encode(x=x, y=y, text="rank:N"),
        *(
            base.transform_filter(alt.datum.place == name)
            .mark_text(fontSize=size - 2, align=a, baseline=b, dx=dx * gap, dy=dy * gap)
            .encode(x=x, y=y, text="label:N")
            for name, a, b, dx, dy in PLACES
        ),
    ]  # fmt: skip
    return styled(alt.layer(*layers).properties(height=height), lang=lang, big=big)
