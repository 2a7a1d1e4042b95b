"""Expectation against experience per touchpoint (Erwartungsabgleich): pure arithmetic.

    >>> summary = gap_summary(scores)      # scores: one row per answer, dimensions
    ...                                    # "expectation" and "experience" (1–5)
    >>> ranked(summary)                    # largest gap first, with n and spread
    >>> disagreements(summary)             # where the room's ratings spread most

The gap is mean expectation minus mean experience: positive where the customer gets less
than they expect. Means come from exact fractions of the integer ratings (the same
arithmetic as the importance–performance analysis, ``metrics.ipa``), so a gap of exactly one
point is 1 and lands in the band the rule says, not 0.9999999999999996.
"""

from __future__ import annotations

import pandas as pd

from cemworkshop.metrics import ipa

DIMENSIONS = ("expectation", "experience")
# The bands of ipa.gap_band: critical from a full point, noticeable from half a point.
CRITICAL_GAP = ipa.CRITICAL_GAP
DISAGREEMENT_SD = ipa.DISAGREEMENT_SD

COLUMNS = [
    "touchpoint_id", "touchpoint", "phase", "position", "expectation", "experience", "gap",
    "expectation_sd", "experience_sd", "spread", "raters", "expectation_n", "experience_n",
    "band", "discuss",
]  # fmt: skip
_AS_IPA = {"expectation": "importance", "experience": "performance"}
_FROM_IPA = {
    "importance": "expectation", "performance": "experience",
    "importance_sd": "expectation_sd", "performance_sd": "experience_sd",
    "importance_n": "expectation_n", "performance_n": "experience_n",
}  # fmt: skip


def gap_summary(scores: pd.DataFrame | list[dict]) -> pd.DataFrame:
    """One row per touchpoint: mean expectation and experience, the gap, both standard
    deviations, ``spread`` (the larger), ``raters`` and who rated each dimension, the
    ``band`` of the gap (``ipa.GAP_BANDS``; None while one side is not rated) and
    ``discuss`` (spread of a full point or more). ``scores`` carries ``touchpoint_id,
    touchpoint, phase, position, participant_id, dimension, value``."""
    df = pd.DataFrame(scores)
    if df.empty:
        return pd.DataFrame(columns=COLUMNS)
    df = df[df["dimension"].isin(DIMENSIONS)].assign(
        dimension=lambda d: d["dimension"].map(_AS_IPA)
    )
    if df.empty:
        return pd.DataFrame(columns=COLUMNS)
    found = ipa.touchpoint_summary(df).rename(columns=_FROM_IPA)
    found["band"] = [None if pd.isna(g) else ipa.gap_band(g) for g in found["gap"]]
    found["discuss"] = found["spread"] >= DISAGREEMENT_SD
    return found[COLUMNS]


def from_importance(scores: pd.DataFrame | list[dict]) -> pd.DataFrame:
    """Step 1's ratings read as expectation (importance) and experience (performance)."""
    df = pd.DataFrame(scores)
    if df.empty:
        return gap_summary(df)
    df = df[df["dimension"].isin(_AS_IPA.values())]
    return gap_summary(df.assign(dimension=df["dimension"].map({v: k for k, v in _AS_IPA.items()})))


def ranked(summary: pd.DataFrame) -> pd.DataFrame:
    """Touchpoints with both sides rated, largest gap first; equal gaps: the higher
    expectation first, then the journey order."""
    both = summary.dropna(subset=["gap"])
    return both.sort_values(
        ["gap", "expectation", "position"], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)


def disagreements(summary: pd.DataFrame, top: int = 5) -> pd.DataFrame:
    """The touchpoints where the ratings spread most (only those to discuss), widest first."""
    found = summary[summary["discuss"]]
    return (
        found.sort_values(["spread", "position"], ascending=[False, True], kind="stable")
        .head(top)
        .reset_index(drop=True)
    )
