"""Importance–performance analysis of a touchpoint scoring round: pure arithmetic, no SQLite.

    >>> summary = touchpoint_summary(scores)        # scores: one row per answer
    >>> moments_of_truth(summary)                   # important touchpoints, worst gap first
    >>> disagreements(summary)                      # where the group's opinions spread widely

Importance–performance analysis (IPA) on a 1–5 scale. The crosshair sits, as most published
IPA examples put it, at the data's means — each axis its own (``CROSSHAIRS["means"]``) — or,
on request, at the scale's midpoint 3 (``"midpoint"``: a quadrant then does not shift when
touchpoints are added). A touchpoint exactly on a line counts as high.
"""

from __future__ import annotations

import math
from fractions import Fraction

import pandas as pd

MIDPOINT = 3.0
MOMENT_OF_TRUTH_IMPORTANCE = 4.0  # mean importance at or above this: influences buying or leaving
CRITICAL_GAP = 1.0  # importance exceeds performance by this much or more: a critical gap
DISAGREEMENT_SD = 1.0  # standard deviation of ratings at or above this: discuss

QUADRANTS = ("concentrate", "keep_up", "low_priority", "overkill")
CROSSHAIRS = ("means", "midpoint")
GAP_BANDS = ("exceeds", "meets", "slight_gap", "critical_gap")

SUMMARY_COLUMNS = [
    "touchpoint_id",
    "touchpoint",
    "phase",
    "position",
    "importance",
    "performance",
    "competitor",
    "gap",
    "importance_sd",
    "performance_sd",
    "spread",
    "raters",
    "importance_n",
    "performance_n",
    "quadrant",
]


def quadrant(
    importance: float, performance: float, lines: tuple[float, float] = (MIDPOINT, MIDPOINT)
) -> str:
    """The IPA quadrant of one touchpoint for a crosshair at ``lines`` (performance, importance).

    ``concentrate`` (important, performing poorly), ``keep_up`` (important, performing well),
    ``low_priority`` (unimportant, poor) or ``overkill`` (unimportant, performing well).
    A value exactly on a line counts as high.
    """
    important = importance >= lines[1]
    good = performance >= lines[0]
    if important:
        return "keep_up" if good else "concentrate"
    return "overkill" if good else "low_priority"


def _mean_and_variance(n: int, total: int, squares: int) -> tuple[Fraction, Fraction]:
    """Exact mean and sample variance from the count, sum and sum of squares of integer ratings.

    With exact fractions, a gap of exactly one point is 1, not 0.9999999999999996, so a
    touchpoint on a threshold lands on the side the rule says (floats of the means would not).
    """
    mean = Fraction(total, n)
    variance = Fraction(n * squares - total * total, n * (n - 1)) if n > 1 else None
    return mean, variance


def _sd(variance: Fraction | None) -> float:
    return math.sqrt(variance) if variance is not None else math.nan


def touchpoint_summary(scores: pd.DataFrame | list[dict], crosshair: str = "means") -> pd.DataFrame:
    """One row per touchpoint: mean importance, performance, competitor, gap, spread, raters.

    ``scores`` (a table or a list of rows) carries ``touchpoint_id, touchpoint, phase,
    position, participant_id, dimension, value`` with whole-number values. ``gap`` is
    importance minus performance; ``spread`` is the larger of the two sample standard
    deviations — not defined (NaN) with a single rater; ``<dimension>_n`` counts who rated
    that dimension. Means and spreads are computed exactly from integer sums and only then
    turned into floats, so values that sit exactly on a threshold compare as equal to it.
    A touchpoint with no importance or no performance score yet has no gap and no quadrant
    ("not rated yet"); ``crosshair`` (see ``CROSSHAIRS``) places the quadrants.
    """
    df = pd.DataFrame(scores)
    if df.empty:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    keys = ["touchpoint_id", "touchpoint", "phase", "position"]
    values = df["value"].astype("int64")
    sums = (
        df.assign(value=values, square=values * values)
        .groupby([*keys, "dimension"])
        .agg(n=("value", "size"), total=("value", "sum"), squares=("square", "sum"))
        .reset_index()
    )
    raters = df.groupby(keys)["participant_id"].nunique()
    rows: dict[tuple, dict] = {}
    for r in sums.itertuples(index=False):
        key = tuple(getattr(r, k) for k in keys)
        row = rows.setdefault(key, dict(zip(keys, key, strict=True)))
        mean, variance = _mean_and_variance(int(r.n), int(r.total), int(r.squares))
        row[f"_{r.dimension}"] = (mean, variance)
        row[f"{r.dimension}_n"] = int(r.n)
    lines = crosshair_lines(rows.values(), crosshair)
    out = []
    for key, row in rows.items():
        imp, perf = row.get("_importance"), row.get("_performance")
        comp = row.get("_competitor")
        gap = imp[0] - perf[0] if imp and perf else None
        defined = [d[1] for d in (imp, perf) if d and d[1] is not None]
        out.append(
            {
                **{k: row[k] for k in keys},
                "importance": float(imp[0]) if imp else math.nan,
                "performance": float(perf[0]) if perf else math.nan,
                "competitor": float(comp[0]) if comp else math.nan,
                "gap": float(gap) if gap is not None else math.nan,
                "importance_sd": _sd(imp[1]) if imp else math.nan,
                "performance_sd": _sd(perf[1]) if perf else math.nan,
                "spread": _sd(max(defined)) if defined else math.nan,
                "raters": int(raters[key]),
                "importance_n": row.get("importance_n", 0),
                "performance_n": row.get("performance_n", 0),
                "quadrant": quadrant(imp[0], perf[0], lines) if imp and perf else None,
            }
        )
    return (
        pd.DataFrame(out, columns=SUMMARY_COLUMNS)
        .sort_values(["position", "touchpoint_id"])
        .reset_index(drop=True)
    )


def crosshair_lines(rows, crosshair: str = "means") -> tuple[Fraction, Fraction]:
    """Where the crosshair sits: (performance, importance) — the means over the touchpoints
    rated in both, each axis its own, or the scale's midpoint. Exact fractions."""
    if crosshair == "midpoint":
        return Fraction(3), Fraction(3)
    both = [(r["_performance"][0], r["_importance"][0]) for r in rows
            if r.get("_performance") and r.get("_importance")]  # fmt: skip
    if not both:
        return Fraction(3), Fraction(3)
    return (
        sum((p for p, _ in both), Fraction(0)) / len(both),
        sum((i for _, i in both), Fraction(0)) / len(both),
    )


def crosshair(summary: pd.DataFrame, rule: str = "means") -> tuple[float, float]:
    """The crosshair of a summary as floats (performance, importance), for drawing it."""
    if rule == "midpoint":
        return MIDPOINT, MIDPOINT
    both = summary.dropna(subset=["importance", "performance"])
    if both.empty:
        return MIDPOINT, MIDPOINT
    return float(both["performance"].mean()), float(both["importance"].mean())


def gap_band(gap: float) -> str:
    """How far performance lags importance at a touchpoint, in four bands for the map.

    ``exceeds`` (performance above importance by half a point or more), ``meets`` (within
    half a point), ``slight_gap`` (lags by half a point up to one) and ``critical_gap``
    (lags by a full point or more, as for moments of truth).
    """
    if gap >= CRITICAL_GAP:
        return "critical_gap"
    if gap >= 0.5:
        return "slight_gap"
    if gap > -0.5:
        return "meets"
    return "exceeds"


def moments_of_truth(
    summary: pd.DataFrame, threshold: float = MOMENT_OF_TRUTH_IMPORTANCE
) -> pd.DataFrame:
    """Touchpoints whose mean importance is at least ``threshold``, largest gap first.

    A column ``critical`` marks those where performance lags importance by a full point
    or more: the moments of truth the company is losing.
    """
    found = summary[summary["importance"] >= threshold].copy()
    found["critical"] = found["gap"] >= CRITICAL_GAP  # no performance score yet: not critical
    # Ties are broken by the journey order, never by rounding noise.
    return found.sort_values(
        ["gap", "importance", "position"], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)


def disagreements(summary: pd.DataFrame, threshold: float = DISAGREEMENT_SD) -> pd.DataFrame:
    """Touchpoints sorted by spread of opinion, widest first, with ``discuss`` where it is wide."""
    found = summary.copy()
    found["discuss"] = found["spread"] >= threshold  # one rater: no spread, nothing to discuss
    return found.sort_values(
        ["spread", "position"], ascending=[False, True], kind="stable", na_position="last"
    ).reset_index(drop=True)
