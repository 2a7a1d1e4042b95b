"""Touchpoint names as a file writes them, matched to the workshop's touchpoints: exactly
(ignoring case and spaces), or offered with close matches (rapidfuzz) to map, create or leave.
Shared by every import that names touchpoints (feedback, complaints).

    >>> matched, unmatched = match_names(ws_id, ["Lieferung", "Lieferng"])
    >>> unmatched            # {"Lieferng": ["Lieferung"]}
    >>> ids = resolve(ws_id, matched, mapping={"Lieferng": 12}, create={})
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

from cemworkshop import store, touchpoints
from cemworkshop.validation import ValidationError, clean_name

SUGGEST_AT = 60  # rapidfuzz score (0–100) from which a name is offered as a close match


def key(name: str) -> str:
    return " ".join(name.casefold().split())


def match_names(workshop_id: int, names) -> tuple[dict[str, int], dict[str, list[str]]]:
    """(name → touchpoint id for exact matches, name → close touchpoint names for the rest)."""
    known = {key(tp["name"]): tp for tp in touchpoints.touchpoints(workshop_id)}
    choices = [tp["name"] for tp in known.values()]
    matched, unmatched = {}, {}
    for name in dict.fromkeys(n for n in names if n):
        if key(name) in known:
            matched[name] = known[key(name)]["id"]
        else:
            close = process.extract(name, choices, scorer=fuzz.WRatio, limit=3)
            unmatched[name] = [c for c, score, _ in close if score >= SUGGEST_AT]
    return matched, unmatched


def resolve(
    workshop_id: int, matched: dict[str, int], *, mapping: dict[str, int | None] | None,
    create: dict[str, int] | None,
) -> dict[str, int | None]:  # fmt: skip
    """Every name's touchpoint id, inside the importing transaction: the exact matches, the
    names mapped by the person (None: no touchpoint) and the names made new touchpoints."""
    ids: dict[str, int | None] = dict(matched)
    with store.transaction() as db:
        for name, phase_id in (create or {}).items():
            ids[name] = touchpoints.add_touchpoint(
                workshop_id, clean_name(name, field="touchpoint", max_len=120), phase_id=phase_id
            )
        known = {
            r[0]
            for r in db.execute("SELECT id FROM touchpoints WHERE workshop_id = ?", [workshop_id])
        }
        for name, tp in (mapping or {}).items():
            if tp is not None and tp not in known:
                raise ValidationError("unknown_touchpoint")
            ids.setdefault(name, tp)
    return ids
