"""Touchpoints and the journey phases they sit in (the paths between them: ``journey.py``).

    >>> tp = add_touchpoint(ws_id, "Website", phase_id=phases(ws_id)[0]["id"], channel="Online")
    >>> move_touchpoint(ws_id, tp, -1)
    >>> preferred_vs_served(touchpoints(ws_id))   # the "Abgleich"

Every function that changes a touchpoint takes the workshop id as well, so an id from
one workshop can never change another's data.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from cemworkshop import store
from cemworkshop.validation import ValidationError, clean_name, clean_text

# --- phases ---------------------------------------------------------------------------


def phases(workshop_id: int) -> list[dict]:
    """The workshop's journey phases in order: ``[{"id", "name", "position"}, …]``."""
    return store.rows(
        "SELECT id, name, position, version FROM phases WHERE workshop_id = ?"
        " ORDER BY position, id",
        [workshop_id],
    )


def add_phase(workshop_id: int, name: str) -> int:
    """Append a phase at the end of the journey; returns its id."""
    name = clean_name(name, field="phase", max_len=60)
    try:
        with store.transaction() as db:
            pos = db.execute(
                "SELECT coalesce(max(position) + 1, 0) FROM phases WHERE workshop_id = ?",
                [workshop_id],
            ).fetchone()[0]
            cur = db.execute(
                "INSERT INTO phases (workshop_id, name, position) VALUES (?, ?, ?)",
                [workshop_id, name, pos],
            )
    except sqlite3.IntegrityError:
        raise ValidationError("duplicate_phase", name=name) from None
    return cur.lastrowid


def rename_phase(workshop_id: int, phase_id: int, name: str, *, version: int | None = None) -> None:
    """Give a phase a new name (``version``: the one the screen showed, see store.claim_version)."""
    name = clean_name(name, field="phase", max_len=60)
    try:
        with store.transaction() as db:
            _check_phase(db, workshop_id, phase_id)
            store.claim_version(db, "phases", phase_id, version, lambda r: r["name"])
            db.execute(
                "UPDATE phases SET name = ? WHERE id = ? AND workshop_id = ?",
                [name, phase_id, workshop_id],
            )
    except sqlite3.IntegrityError:
        raise ValidationError("duplicate_phase", name=name) from None


def delete_phase(workshop_id: int, phase_id: int) -> None:
    """Remove an empty phase; a phase that still holds touchpoints is refused."""
    with store.transaction() as db:
        used = db.execute(
            "SELECT count(*) FROM touchpoints WHERE phase_id = ? AND workshop_id = ?",
            [phase_id, workshop_id],
        ).fetchone()[0]
        if used:
            raise ValidationError("phase_not_empty", count=used)
        left = db.execute(
            "SELECT count(*) FROM phases WHERE workshop_id = ?", [workshop_id]
        ).fetchone()[0]
        if left <= 1:
            raise ValidationError("last_phase")
        db.execute("DELETE FROM phases WHERE id = ? AND workshop_id = ?", [phase_id, workshop_id])


def move_phase(workshop_id: int, phase_id: int, step: int) -> None:
    """Move a phase one place earlier (``step=-1``) or later (``step=1``) in the journey."""
    _swap_neighbour(
        "phases", "workshop_id = ?", [workshop_id], phase_id, step, order="position, id"
    )


def _swap_neighbour(table: str, scope: str, params: list, item_id: int, step: int, order: str):
    with store.transaction() as db:
        ids = [
            r[0]
            for r in db.execute(f"SELECT id FROM {table} WHERE {scope} ORDER BY {order}", params)
        ]
        if item_id not in ids:
            return
        i = ids.index(item_id)
        j = i + (1 if step > 0 else -1)
        if not 0 <= j < len(ids):
            return
        ids[i], ids[j] = ids[j], ids[i]
        # Renumber the whole scope: positions stay dense and unique whatever happened before.
        for position, row_id in enumerate(ids):
            db.execute(f"UPDATE {table} SET position = ? WHERE id = ?", [position, row_id])


# --- touchpoints ----------------------------------------------------------------------

_SELECT_TOUCHPOINTS = """
    SELECT t.id, t.name, t.phase_id, p.name AS phase, p.position AS phase_position,
           t.channel, t.is_direct, t.department, t.customer_preferred, t.company_served,
           t.position, t.version
    FROM touchpoints t JOIN phases p ON p.id = t.phase_id
"""


def touchpoints(workshop_id: int) -> list[dict]:
    """The workshop's touchpoints in journey order (phase, then position)."""
    return store.rows(
        _SELECT_TOUCHPOINTS
        + " WHERE t.workshop_id = ? ORDER BY p.position, p.id, t.position, t.id",
        [workshop_id],
    )


def names(workshop_id: int) -> dict[int, str]:
    """Each touchpoint's name by its id, in journey order (for choices and labels)."""
    return {tp["id"]: tp["name"] for tp in touchpoints(workshop_id)}


def get_touchpoint(workshop_id: int, touchpoint_id: int) -> dict | None:
    """One touchpoint of this workshop, or None."""
    return store.row(
        _SELECT_TOUCHPOINTS + " WHERE t.workshop_id = ? AND t.id = ?", [workshop_id, touchpoint_id]
    )


@dataclass
class TouchpointFields:
    """The editable fields of a touchpoint, validated."""

    name: str
    phase_id: int
    channel: str = ""
    is_direct: bool = True
    department: str = ""
    customer_preferred: bool = False
    company_served: bool = True

    @classmethod
    def clean(cls, **raw) -> TouchpointFields:
        return cls(
            name=clean_name(raw.get("name"), field="touchpoint"),
            phase_id=int(raw["phase_id"]),
            channel=clean_text(raw.get("channel"), field="channel"),
            is_direct=bool(raw.get("is_direct", True)),
            department=clean_text(raw.get("department"), field="department"),
            customer_preferred=bool(raw.get("customer_preferred", False)),
            company_served=bool(raw.get("company_served", True)),
        )


def _check_phase(db, workshop_id: int, phase_id: int) -> None:
    hit = db.execute(
        "SELECT 1 FROM phases WHERE id = ? AND workshop_id = ?", [phase_id, workshop_id]
    ).fetchone()
    if hit is None:
        known = [
            r[0] for r in db.execute("SELECT name FROM phases WHERE workshop_id = ?", [workshop_id])
        ]
        raise ValidationError("unknown_phase", value=phase_id, known=", ".join(known))


def _insert_touchpoint(db, workshop_id: int, f: TouchpointFields) -> int:
    _check_phase(db, workshop_id, f.phase_id)
    pos = db.execute(
        "SELECT coalesce(max(position) + 1, 0) FROM touchpoints WHERE phase_id = ?", [f.phase_id]
    ).fetchone()[0]
    try:
        cur = db.execute(
            "INSERT INTO touchpoints (workshop_id, name, phase_id, channel, is_direct, department,"
            " customer_preferred, company_served, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                workshop_id,
                f.name,
                f.phase_id,
                f.channel,
                f.is_direct,
                f.department,
                f.customer_preferred,
                f.company_served,
                pos,
            ],
        )
    except sqlite3.IntegrityError:
        raise ValidationError("duplicate_touchpoint", name=f.name) from None
    return cur.lastrowid


def add_touchpoint(workshop_id: int, name: str, *, phase_id: int, **fields) -> int:
    """Add a touchpoint at the end of its phase; returns its id.

    Raises ``ValidationError`` for an empty or overlong name, a name the workshop already
    has (case-insensitive), or a phase of another workshop.
    """
    f = TouchpointFields.clean(name=name, phase_id=phase_id, **fields)
    with store.transaction() as db:
        return _insert_touchpoint(db, workshop_id, f)


def describe(row: dict) -> str:
    """A touchpoint's stored values in one line (what a refused stale save shows)."""
    return " · ".join(v for v in (row["name"], row["channel"], row["department"]) if v)


def update_touchpoint(
    workshop_id: int, touchpoint_id: int, *, version: int | None = None, **fields
) -> None:
    """Change a touchpoint's fields; moving it to another phase puts it at that phase's end.

    ``version`` is the one the editor was opened on: a save made on an older version is
    refused with the current values (``stale_edit``), never written over them.
    """
    f = TouchpointFields.clean(**fields)
    with store.transaction() as db:
        _check_phase(db, workshop_id, f.phase_id)
        old = db.execute(
            "SELECT phase_id, position FROM touchpoints WHERE id = ? AND workshop_id = ?",
            [touchpoint_id, workshop_id],
        ).fetchone()
        if old is None:
            raise ValidationError("unknown_touchpoint")
        store.claim_version(db, "touchpoints", touchpoint_id, version, describe)
        position = old["position"]
        if old["phase_id"] != f.phase_id:
            position = db.execute(
                "SELECT coalesce(max(position) + 1, 0) FROM touchpoints WHERE phase_id = ?",
                [f.phase_id],
            ).fetchone()[0]
        try:
            db.execute(
                "UPDATE touchpoints SET name = ?, phase_id = ?, channel = ?, is_direct = ?,"
                " department = ?, customer_preferred = ?, company_served = ?, position = ?"
                " WHERE id = ? AND workshop_id = ?",
                [
                    f.name,
                    f.phase_id,
                    f.channel,
                    f.is_direct,
                    f.department,
                    f.customer_preferred,
                    f.company_served,
                    position,
                    touchpoint_id,
                    workshop_id,
                ],
            )
        except sqlite3.IntegrityError:
            raise ValidationError("duplicate_touchpoint", name=f.name) from None


def touchpoint_usage(workshop_id: int, touchpoint_id: int) -> dict:
    """What deleting a touchpoint would take with it: ``{"edges": n, "scores": n}``."""
    return {
        "edges": store.value(
            "SELECT count(*) FROM journey_edges WHERE workshop_id = ?"
            " AND (source_id = ? OR target_id = ?)",
            [workshop_id, touchpoint_id, touchpoint_id],
        ),
        "scores": store.value(
            "SELECT count(*) FROM scores s JOIN round_item_touchpoints l"
            " ON l.item_id = s.round_item_id JOIN touchpoints t ON t.id = l.touchpoint_id"
            " WHERE t.id = ? AND t.workshop_id = ?",
            [touchpoint_id, workshop_id],
        ),
    }


def delete_touchpoint(workshop_id: int, touchpoint_id: int) -> None:
    """Delete a touchpoint with its edges and the scores given to it."""
    with store.transaction() as db:
        db.execute(
            "DELETE FROM touchpoints WHERE id = ? AND workshop_id = ?", [touchpoint_id, workshop_id]
        )


def move_touchpoint(workshop_id: int, touchpoint_id: int, step: int) -> None:
    """Move a touchpoint one place earlier (-1) or later (+1) within its phase."""
    phase = store.value(
        "SELECT phase_id FROM touchpoints WHERE id = ? AND workshop_id = ?",
        [touchpoint_id, workshop_id],
    )
    if phase is None:
        return
    _swap_neighbour(
        "touchpoints", "phase_id = ?", [phase], touchpoint_id, step, order="position, id"
    )


def preferred_vs_served(tps: list[dict]) -> dict[str, list[dict]]:
    """The step-1 "Abgleich": customers' preferred touchpoints against those the company serves.

    ``{"preferred_not_served": …, "served_not_preferred": …, "both": …, "neither": …}``,
    each a list of touchpoints in journey order.
    """
    parts: dict[str, list[dict]] = {
        "preferred_not_served": [],
        "served_not_preferred": [],
        "both": [],
        "neither": [],
    }
    for tp in tps:
        preferred, served = bool(tp["customer_preferred"]), bool(tp["company_served"])
        key = (
            "both"
            if preferred and served
            else "preferred_not_served"
            if preferred
            else "served_not_preferred"
            if served
            else "neither"
        )
        parts[key].append(tp)
    return parts
