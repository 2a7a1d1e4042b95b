"""Step 4's priorities: impact against effort per candidate measure — pure arithmetic.

    >>> summary = rating_summary(scores)       # per measure: median, n, spread of each axis
    >>> quadrant(impact=4, effort=2)           # "quick_win"
    >>> ranked(rows)                           # one list: quadrant, then score, then dots

The matrix splits at the scale's midpoint 3 — fixed, so a measure does not change quadrant
when others are added; a value exactly on the line counts as high (high impact, high effort).
The score is impact × confidence ÷ effort (confidence 50, 80 or 100 %, none given: 100 %),
computed with exact fractions so equal scores tie exactly and fall to the next rule.
"""

from __future__ import annotations

import statistics
from fractions import Fraction

import pandas as pd

MIDPOINT = 3
DIMENSIONS = ("impact", "effort")
QUADRANTS = ("quick_win", "big_bet", "fill_in", "time_sink")  # also the ranking's first rule
CONFIDENCES = (50, 80, 100)


def quadrant(impact: float, effort: float) -> str:
    """Quick win (high impact, low effort), big bet (high, high), fill-in (low, low) or time
    sink (low impact, high effort); on the midpoint counts as high."""
    high_impact, high_effort = impact >= MIDPOINT, effort >= MIDPOINT
    if high_impact:
        return "big_bet" if high_effort else "quick_win"
    return "time_sink" if high_effort else "fill_in"


def _quartiles(values: list[int]) -> tuple[float, float]:
    """First and third quartile (the 'inclusive' method: defined from two values up)."""
    if len(values) < 2:
        return float("nan"), float("nan")
    q = statistics.quantiles(values, n=4, method="inclusive")
    return q[0], q[2]


def rating_summary(scores: pd.DataFrame | list[dict]) -> pd.DataFrame:
    """Per measure and axis: ``<axis>`` (median), ``<axis>_n``, ``<axis>_spread`` (the
    interquartile range, NaN below two ratings). ``scores`` carries ``measure_id,
    participant_id, dimension, value``."""
    df = pd.DataFrame(scores)
    cols = ["measure_id"] + [f"{d}{s}" for d in DIMENSIONS for s in ("", "_n", "_spread")]
    if df.empty:
        return pd.DataFrame(columns=cols)
    out: dict[int, dict] = {}
    for (measure, dim), group in df.groupby(["measure_id", "dimension"]):
        values = sorted(int(v) for v in group["value"])
        q1, q3 = _quartiles(values)
        row = out.setdefault(int(measure), {"measure_id": int(measure)})
        row[dim] = float(statistics.median(values))
        row[f"{dim}_n"] = len(values)
        row[f"{dim}_spread"] = q3 - q1
    return pd.DataFrame(list(out.values())).reindex(columns=cols)


def score(impact: float, effort: float, confidence: int | None) -> Fraction:
    """impact × confidence ÷ effort, exactly (medians are whole or half numbers)."""
    conf = Fraction(confidence if confidence is not None else 100, 100)
    return (
        Fraction(impact).limit_denominator(1000) * conf / Fraction(effort).limit_denominator(1000)
    )


def ranked(rows: list[dict]) -> list[dict]:
    """Measures with both axes, in one list: quadrant (quick wins first), then the score
    (highest first), then dots from step 2 (most first), then the title. Each row gets
    ``quadrant``, ``score`` (float) and ``rank``; rows without both axes are left out."""
    rated = [r for r in rows if r.get("impact") is not None and r.get("effort") is not None
             and r["impact"] == r["impact"] and r["effort"] == r["effort"]]  # fmt: skip
    for r in rated:
        r["quadrant"] = quadrant(r["impact"], r["effort"])
        r["_score"] = score(r["impact"], r["effort"], r.get("confidence"))
        r["score"] = float(r["_score"])
    rated.sort(
        key=lambda r: (
            QUADRANTS.index(r["quadrant"]),
            -r["_score"],
            -(r.get("dots") or 0),
            r.get("title", "").casefold(),
        )  # fmt: skip
    )
    for i, r in enumerate(rated, start=1):
        r["rank"] = i
        del r["_score"]
    return rated
