"""Step 2's CEM innovation check: for the prioritised touchpoints, how much innovation
potential there is (offer depth and event depth, 1–5), whether the touchpoint keeps the
brand promise, and how well it meets the experience qualities and success factors of the
method (1–5 each) — entered by the facilitator or taken from a live round.

    >>> chosen(ws_id)                          # the prioritised touchpoints, in order
    >>> choose(ws_id, [3, 7, 9])
    >>> set_potential(ws_id, 3, offer_depth=4, event_depth=2, brand_promise="partly")
    >>> set_scores(ws_id, {(3, "reliable"): 2.5})
    >>> heat(ws_id)                            # touchpoint × criterion, and the weakest cells
"""

from __future__ import annotations

import pandas as pd

from cemworkshop import store
from cemworkshop.validation import ValidationError

# The method's experience qualities (what an experience must be) and success factors.
QUALITIES = ("novel", "effective", "communicable", "memorable", "lasting", "relevant",
             "enjoyable", "easy", "convenient", "reliable", "functional")  # fmt: skip
FACTORS = ("personalised", "flexible", "brand_style", "cross_channel", "effortless", "involving")
CRITERIA = QUALITIES + FACTORS
PROMISE = ("yes", "partly", "no")
WEAK = 3.0  # a cell below this is weak


def chosen(workshop_id: int) -> list[dict]:
    """The prioritised touchpoints in order with their potential: ``touchpoint_id, name,
    offer_depth, event_depth, brand_promise`` (None where not set)."""
    return store.rows(
        """SELECT i.touchpoint_id, t.name, i.offer_depth, i.event_depth, i.brand_promise
           FROM innovation_touchpoints i JOIN touchpoints t ON t.id = i.touchpoint_id
           WHERE i.workshop_id = ? ORDER BY i.position""",
        [workshop_id],
    )


def choose(workshop_id: int, touchpoint_ids: list[int]) -> None:
    """Set the prioritised touchpoints (in this order); what was entered for a touchpoint
    that stays is kept."""
    ids = list(dict.fromkeys(int(i) for i in touchpoint_ids))
    with store.transaction() as db:
        known = {
            r[0]
            for r in db.execute("SELECT id FROM touchpoints WHERE workshop_id = ?", [workshop_id])
        }
        if set(ids) - known:
            raise ValidationError("unknown_touchpoint")
        keep = f" AND touchpoint_id NOT IN ({store.marks(ids)})" if ids else ""
        db.execute(
            f"DELETE FROM innovation_touchpoints WHERE workshop_id = ?{keep}", [workshop_id, *ids]
        )
        for position, tp in enumerate(ids):
            db.execute(
                "INSERT INTO innovation_touchpoints (workshop_id, touchpoint_id, position)"
                " VALUES (?, ?, ?) ON CONFLICT (workshop_id, touchpoint_id)"
                " DO UPDATE SET position = excluded.position",
                [workshop_id, tp, position],
            )


def _depth(value, field: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ValidationError("out_of_range", field=field, low=1, high=5)
    return value


def set_potential(
    workshop_id: int, touchpoint_id: int, *, offer_depth=None, event_depth=None,
    brand_promise=None,
) -> None:  # fmt: skip
    """Innovation potential (offer and event depth 1–5) and whether the brand promise is kept."""
    if brand_promise is not None and brand_promise not in PROMISE:
        raise ValidationError("unknown_choice", value=brand_promise)
    values = [_depth(offer_depth, "offer_depth"), _depth(event_depth, "event_depth"), brand_promise]
    with store.transaction() as db:
        done = db.execute(
            "UPDATE innovation_touchpoints SET offer_depth = ?, event_depth = ?, brand_promise = ?"
            " WHERE workshop_id = ? AND touchpoint_id = ?",
            [*values, workshop_id, touchpoint_id],
        ).rowcount
        if not done:
            raise ValidationError("unknown_touchpoint")


def save_touchpoint(
    workshop_id: int, touchpoint_id: int, *, offer_depth=None, event_depth=None,
    brand_promise=None, values: dict[tuple[int, str], float | None],
) -> None:  # fmt: skip
    """A touchpoint's potential, promise and criteria in one action (all or nothing)."""
    with store.transaction():
        set_potential(
            workshop_id, touchpoint_id, offer_depth=offer_depth, event_depth=event_depth,
            brand_promise=brand_promise,
        )  # fmt: skip
        set_scores(workshop_id, values)


def scores(workshop_id: int) -> dict[tuple[int, str], float]:
    """``{(touchpoint_id, criterion): value}`` for the workshop's touchpoints."""
    return {
        (r["touchpoint_id"], r["criterion"]): r["value"]
        for r in store.rows(
            "SELECT s.touchpoint_id, s.criterion, s.value FROM innovation_scores s"
            " JOIN touchpoints t ON t.id = s.touchpoint_id WHERE t.workshop_id = ?",
            [workshop_id],
        )
    }


def set_scores(workshop_id: int, values: dict[tuple[int, str], float | None]) -> None:
    """Set (or with None clear) cells; every value 1–5, every criterion the method's."""
    clean = []
    for (tp, criterion), value in values.items():
        if criterion not in CRITERIA:
            raise ValidationError("unknown_criterion", value=criterion)
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int | float) or not 1 <= value <= 5
        ):
            raise ValidationError("score_out_of_range", value=value)
        clean.append((int(tp), criterion, None if value is None else round(float(value), 2)))
    with store.transaction() as db:
        known = {
            r[0]
            for r in db.execute("SELECT id FROM touchpoints WHERE workshop_id = ?", [workshop_id])
        }
        for tp, criterion, value in clean:
            if tp not in known:
                raise ValidationError("unknown_touchpoint")
            if value is None:
                db.execute(
                    "DELETE FROM innovation_scores WHERE touchpoint_id = ? AND criterion = ?",
                    [tp, criterion],
                )
            else:
                db.execute(
                    "INSERT INTO innovation_scores (touchpoint_id, criterion, value)"
                    " VALUES (?, ?, ?) ON CONFLICT (touchpoint_id, criterion)"
                    " DO UPDATE SET value = excluded.value",
                    [tp, criterion, value],
                )


def heat(workshop_id: int, values: dict | None = None) -> pd.DataFrame:
    """One row per prioritised touchpoint and criterion with a value: ``touchpoint_id,
    touchpoint, criterion, value, weak``, the weakest cells first (ties: touchpoint order,
    then the method's order of criteria)."""
    values = scores(workshop_id) if values is None else values
    order = {tp["touchpoint_id"]: (n, tp["name"]) for n, tp in enumerate(chosen(workshop_id))}
    rows = [
        {"touchpoint_id": tp, "touchpoint": order[tp][1], "criterion": c, "value": v,
         "weak": v < WEAK, "_tp": order[tp][0], "_c": CRITERIA.index(c)}
        for (tp, c), v in values.items()
        if tp in order
    ]  # fmt: skip
    table = pd.DataFrame(
        rows, columns=["touchpoint_id", "touchpoint", "criterion", "value", "weak", "_tp", "_c"]
    )
    return (
        table.sort_values(["value", "_tp", "_c"], kind="stable")
        .drop(columns=["_tp", "_c"])
        .reset_index(drop=True)
    )


def apply_round_means(workshop_id: int, means: dict[tuple[int, str], float]) -> int:
    """Take a live round's means as the check's values; returns how many cells."""
    set_scores(workshop_id, {cell: round(mean, 2) for cell, mean in means.items()})
    return len(means)
