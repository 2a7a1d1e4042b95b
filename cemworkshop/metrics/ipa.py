"""Importance–performance analysis of a touchpoint scoring round: pure arithmetic, no SQLite.

    >>> summary = touchpoint_summary(scores)        # scores: one row per answer
    >>> moments_of_truth(summary)                   # important touchpoints, worst gap first
    >>> disagreements(summary)                      # where the group's opinions spread widely

Importance–performance analysis (IPA) on a 1–5 scale: the cross-hairs sit at the scale's
midpoint 3, so a touchpoint's quadrant does not shift when other touchpoints are added.
"""

from __future__ import annotations

import pandas as pd

MIDPOINT = 3.0
MOMENT_OF_TRUTH_IMPORTANCE = 4.0  # mean importance at or above this: influences buying or leaving
CRITICAL_GAP = 1.0  # importance exceeds performance by this much or more: a critical gap
DISAGREEMENT_SD = 1.0  # standard deviation of ratings at or above this: discuss

QUADRANTS = ("concentrate", "keep_up", "low_priority", "overkill")
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
    "quadrant",
]


def quadrant(importance: float, performance: float, midpoint: float = MIDPOINT) -> str:
    """The IPA quadrant of one touchpoint.

    ``concentrate`` (important, performing poorly), ``keep_up`` (important, performing well),
    ``low_priority`` (unimportant, poor) or ``overkill`` (unimportant, performing well).
    A value exactly on the midpoint counts as high.
    """
    important = importance >= midpoint
    good = performance >= midpoint
    if important:
        return "keep_up" if good else "concentrate"
    return "overkill" if good else "low_priority"


def touchpoint_summary(scores: pd.DataFrame | list[dict]) -> pd.DataFrame:
    """One row per touchpoint: mean importance, performance, competitor, gap, spread, raters.

    ``scores`` (a table or a list of rows) carries ``touchpoint_id, touchpoint, phase, position, participant_id,
    dimension, value``. ``gap`` is importance minus performance; ``spread`` is the larger of
    the two sample standard deviations (0 with a single rater). A touchpoint with no
    importance or no performance score yet has no quadrant.
    """
    df = pd.DataFrame(scores)
    if df.empty:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    keys = ["touchpoint_id", "touchpoint", "phase", "position"]
    means = df.pivot_table(index=keys, columns="dimension", values="value", aggfunc="mean")
    sds = (
        df.pivot_table(index=keys, columns="dimension", values="value", aggfunc="std")
        .fillna(0.0)
        .add_suffix("_sd")
    )
    raters = df.groupby(keys)["participant_id"].nunique().rename("raters")
    out = means.join(sds).join(raters).reset_index()
    for column in ("importance", "performance", "competitor", "importance_sd", "performance_sd"):
        if column not in out:
            out[column] = float("nan") if not column.endswith("_sd") else 0.0
    out["gap"] = out["importance"] - out["performance"]
    out["spread"] = out[["importance_sd", "performance_sd"]].max(axis=1)
    out["quadrant"] = [
        quadrant(i, p) if pd.notna(i) and pd.notna(p) else None
        for i, p in zip(out["importance"], out["performance"], strict=True)
    ]
    out.columns.name = None
    return out.sort_values("position").reset_index(drop=True)[SUMMARY_COLUMNS]


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
    found["critical"] = found["gap"] >= CRITICAL_GAP
    return found.sort_values(["gap", "importance"], ascending=[False, False]).reset_index(drop=True)


def disagreements(summary: pd.DataFrame, threshold: float = DISAGREEMENT_SD) -> pd.DataFrame:
    """Touchpoints sorted by spread of opinion, widest first, with ``discuss`` where it is wide."""
    found = summary.copy()
    found["discuss"] = found["spread"] >= threshold
    return found.sort_values(["spread", "position"], ascending=[False, True]).reset_index(drop=True)
