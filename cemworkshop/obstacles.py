"""Step 5's Prozessoptimierung: the log of obstacles and conflicts that stand in the way of the
customer experience — where in the chain processes → people → communication they sit, at
which touchpoint, who removes them — and the way from an obstacle into the ideas database.

    >>> OBSTACLES.save(ws_id, {"description": "Montageteam erfährt Änderungen zu spät",
    ...                        "link": "communication", "touchpoint_id": 4, "owner": "…",
    ...                        "status": "open", "raised_on": "2026-11-12"})
    >>> to_idea(ws_id, obstacle_id)        # the obstacle as an idea (source: staff), linked
"""

from __future__ import annotations

from functools import partial

from cemworkshop import continuous, store
from cemworkshop.records import Column, RecordList
from cemworkshop.validation import (
    ValidationError,
    clean_choice,
    clean_day,
    clean_long_text,
    clean_text,
)

LINKS = ("processes", "people", "communication")  # the chain, in its order
STATUSES = ("open", "in_progress", "removed")


def _description(value) -> str:
    text = clean_long_text(value, field="obstacle", max_len=1000)
    if not text:
        raise ValidationError("empty_name", field="obstacle")
    return text


def _id(value) -> int | None:
    return None if value in (None, "") else int(value)


OBSTACLES = RecordList(
    "obstacles",
    (
        Column("description", _description),
        Column("link", partial(clean_choice, field="link", choices=LINKS)),
        Column("touchpoint_id", _id, refers="touchpoints"),
        Column("owner", partial(clean_text, field="owner", max_len=120)),
        Column("status", partial(clean_choice, field="status", choices=STATUSES)),
        Column("raised_on", partial(clean_day, field="raised_on")),
        Column("measure_id", _id, refers="measures"),
    ),
    label="description",
    order="status = 'removed', raised_on DESC, id DESC",
    stamp="updated_at",
)


def obstacles(workshop_id: int) -> list[dict]:
    """The log with the touchpoint's name, the linked idea's text and status and the measure's
    title; open ones first, newest first."""
    return store.rows(
        """SELECT o.*, coalesce(t.name, '') AS touchpoint, coalesce(b.text, '') AS idea,
                  b.status AS idea_status, coalesce(m.title, '') AS measure
           FROM obstacles o LEFT JOIN touchpoints t ON t.id = o.touchpoint_id
           LEFT JOIN idea_bank b ON b.id = o.idea_id LEFT JOIN measures m ON m.id = o.measure_id
           WHERE o.workshop_id = ? ORDER BY o.status = 'removed', o.raised_on DESC, o.id DESC""",
        [workshop_id],
    )


def to_idea(workshop_id: int, obstacle_id: int) -> int:
    """The obstacle as an idea in the ideas database (source: staff, same touchpoint), linked
    to it; a second call gives the same idea."""
    with store.transaction() as db:
        found = db.execute(
            "SELECT description, touchpoint_id, idea_id, owner FROM obstacles"
            " WHERE id = ? AND workshop_id = ?",
            [obstacle_id, workshop_id],
        ).fetchone()
        if found is None:
            raise ValidationError("unknown_record")
        if found["idea_id"]:
            return found["idea_id"]
        idea = continuous.add_idea(
            workshop_id, found["description"][:500], touchpoint_id=found["touchpoint_id"],
            source="staff", submitter=found["owner"][:80],
        )  # fmt: skip
        db.execute(
            "UPDATE obstacles SET idea_id = ?, version = version + 1 WHERE id = ?",
            [idea, obstacle_id],
        )
        return idea


def open_count(workshop_id: int) -> int:
    return store.value(
        "SELECT count(*) FROM obstacles WHERE workshop_id = ? AND status <> 'removed'",
        [workshop_id],
    )
