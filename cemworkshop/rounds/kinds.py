"""The registry of round kinds: the one place that lists them.

    >>> kind_of("touchpoint_scoring").questions(rnd, "de")

To add a kind: write its module next to this one (a subclass of ``base.RoundKind``, or of
``rating.RatingKind`` when people rate items 1–5) and add its ``KIND`` to ``REGISTRY``.
"""

from __future__ import annotations

from cemworkshop.rounds import (
    competitor_scoring,
    dot_vote,
    expectation_gap,
    five_rules,
    ideas_round,
    impact_effort,
    innovation_check,
    touchpoint_scoring,
)
from cemworkshop.rounds.base import RoundKind
from cemworkshop.validation import ValidationError

REGISTRY: dict[str, RoundKind] = {
    kind.name: kind
    for kind in (
        touchpoint_scoring.KIND,
        competitor_scoring.KIND,
        five_rules.KIND,
        ideas_round.KIND,
        dot_vote.KIND,
        innovation_check.KIND,
        expectation_gap.KIND,
        impact_effort.KIND,
    )
}


def kind_of(name: str) -> RoundKind:
    """The kind registered under ``name``; an unknown name is a ``ValidationError``."""
    try:
        return REGISTRY[name]
    except KeyError:
        raise ValidationError("unknown_round_kind", value=name) from None
