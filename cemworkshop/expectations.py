"""Step 3's Erwartungsabgleich: which touchpoints to assess, where the values come from, and
the gap view the section and the export show.

    >>> touchpoints_to_assess(ws_id)     # the critical touchpoints: step 2's prioritised ones,
    ...                                  # else step 1's moments of truth, critical first
    >>> found = view(ws_id)              # GapView: source, round, summary, raters
    >>> found.source                     # "round" (a live gap round) or "step1"

Values come from the newest expectation-gap round with answers, or — when the facilitator
says no new round is wanted — from step 1's newest closed scoring round, importance read as
expectation and performance as experience. The screen names the source.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from cemworkshop import innovation, organisation
from cemworkshop.metrics import gap
from cemworkshop.rounds.expectation_gap import KIND
from cemworkshop.rounds.rating import newest_with_answers
from cemworkshop.rounds.touchpoint_scoring import latest_closed_analysis, prioritised_touchpoints


@dataclass(frozen=True)
class GapView:
    source: str  # "round" or "step1"
    round: dict | None  # the round the values come from (None: none yet)
    summary: pd.DataFrame  # metrics.gap.gap_summary
    raters: int


def touchpoints_to_assess(workshop_id: int) -> list[int]:
    """The critical touchpoints: those prioritised in step 2, else step 1's moments of truth."""
    chosen = [r["touchpoint_id"] for r in innovation.chosen(workshop_id)]
    return chosen or prioritised_touchpoints(workshop_id)


def latest_gap_round(workshop_id: int) -> dict | None:
    """The newest expectation-gap round that has answers (open or closed)."""
    return newest_with_answers(workshop_id, KIND.name)


def view(workshop_id: int) -> GapView:
    """The gap per touchpoint from the source the facilitator chose."""
    source = organisation.settings(workshop_id)["gap_source"]
    if source == "round":
        rnd = latest_gap_round(workshop_id)
        if rnd is None:
            return GapView(source, None, gap.gap_summary([]), 0)
        return GapView(source, rnd, KIND.summary(rnd), KIND.raters(rnd["id"]))
    rnd, found = latest_closed_analysis(workshop_id)
    if found is None:
        return GapView(source, None, gap.gap_summary([]), 0)
    return GapView(source, rnd, gap.from_importance(found.scores), found.raters)
