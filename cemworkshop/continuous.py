"""Step 4's continuous CEM besides complaints: the ideas database with its status pipeline
(new → in review → accepted → in implementation → done, or rejected with a reason), ideas sent
from the phones while the facilitator allows it, and loyalty and reward programmes.

    >>> add_idea(ws_id, "Terminerinnerung per SMS", source="customer", programme="customer")
    >>> move_idea(ws_id, idea_id, "rejected", reason="Zu teuer")   # a reason is required
    >>> to_measure(ws_id, idea_id)       # a candidate measure for the priorities, link kept
    >>> allow_phone_ideas(ws_id, True)   # phones show "send an idea" until switched off
    >>> REWARDS.save(ws_id, {"programme": "Küchen-Club", ...})
"""

from __future__ import annotations

from functools import partial

from cemworkshop import store
from cemworkshop.records import Column, RecordList, check_owned
from cemworkshop.validation import (
    ValidationError,
    clean_choice,
    clean_name,
    clean_number,
    clean_text,
)

SOURCES = ("staff", "customer", "workshop")
PROGRAMMES = ("", "customer", "employee")  # the innovation programme an idea belongs to
PIPELINE = ("new", "in_review", "accepted", "in_implementation", "done", "rejected")
REWARD_STATUSES = ("idea", "planned", "running", "stopped")

REWARDS = RecordList(
    "rewards",
    (
        Column("programme", partial(clean_name, field="programme", max_len=120)),
        Column("segment", partial(clean_text, field="segment", max_len=120)),
        Column("mechanism", partial(clean_text, field="mechanism", max_len=300)),
        Column("cost", partial(clean_number, field="cost", low=0)),
        Column("kpi_id", lambda v: None if v in (None, "") else int(v), refers="kpis"),
        Column("status", partial(clean_choice, field="status", choices=REWARD_STATUSES)),
    ),
    label="programme",
    order="id",
)


def settings(workshop_id: int) -> dict:
    """``ideas_open`` (phones may send ideas) and ``target_days`` (a complaint's target age)."""
    found = store.row(
        "SELECT ideas_open, target_days FROM continuous WHERE workshop_id = ?", [workshop_id]
    )
    return {"ideas_open": bool(found["ideas_open"]) if found else False,
            "target_days": found["target_days"] if found else 56}  # fmt: skip


def _settings_row(db, workshop_id: int) -> None:
    db.execute(
        "INSERT INTO continuous (workshop_id) VALUES (?) ON CONFLICT (workshop_id) DO NOTHING",
        [workshop_id],
    )


def allow_phone_ideas(workshop_id: int, allowed: bool) -> None:
    with store.transaction() as db:
        _settings_row(db, workshop_id)
        db.execute(
            "UPDATE continuous SET ideas_open = ? WHERE workshop_id = ?",
            [int(allowed), workshop_id],
        )


def ideas(workshop_id: int) -> list[dict]:
    """The ideas database, newest first, with the touchpoint's name and the measure's title."""
    return store.rows(
        """SELECT b.id, b.text, b.touchpoint_id, coalesce(t.name, '') AS touchpoint, b.source,
                  b.programme, b.submitter, b.status, b.reject_reason, b.measure_id,
                  coalesce(m.title, '') AS measure, b.created_at, b.updated_at, b.version
           FROM idea_bank b LEFT JOIN touchpoints t ON t.id = b.touchpoint_id
           LEFT JOIN measures m ON m.id = b.measure_id
           WHERE b.workshop_id = ? ORDER BY b.id DESC""",
        [workshop_id],
    )


def add_idea(
    workshop_id: int, text: str, *, touchpoint_id: int | None = None, source: str = "staff",
    programme: str = "", submitter: str = "", participant_id: int | None = None,
) -> int:  # fmt: skip
    """An idea for the database (the same text twice is refused)."""
    text = clean_name(text, field="idea", max_len=500)
    clean_choice(source, field="source", choices=SOURCES)
    clean_choice(programme, field="programme", choices=PROGRAMMES)
    submitter = clean_text(submitter, field="submitter", max_len=80)
    with store.transaction() as db:
        check_owned(db, "touchpoints", workshop_id, touchpoint_id)
        if db.execute(
            "SELECT 1 FROM idea_bank WHERE workshop_id = ? AND lower(text) = lower(?)",
            [workshop_id, text],
        ).fetchone():
            raise ValidationError("duplicate_idea", name=text)
        return db.execute(
            "INSERT INTO idea_bank (workshop_id, text, touchpoint_id, source, programme, submitter,"
            " participant_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [workshop_id, text, touchpoint_id, source, programme, submitter, participant_id],
        ).lastrowid


def phone_idea(
    workshop_id: int, participant_id: int, name: str, text: str, touchpoint_id=None
) -> int:
    """An idea sent from a phone: only while the facilitator allows it."""
    if not settings(workshop_id)["ideas_open"]:
        raise ValidationError("ideas_closed")
    return add_idea(workshop_id, text, touchpoint_id=touchpoint_id, source="workshop",
                    submitter=name, participant_id=participant_id)  # fmt: skip


def move_idea(workshop_id: int, idea_id: int, status: str, *, reason: str = "") -> None:
    """Move an idea along the pipeline; rejecting needs a reason (kept with the idea)."""
    clean_choice(status, field="status", choices=PIPELINE)
    reason = clean_text(reason, field="reject_reason", max_len=300)
    if status == "rejected" and not reason:
        raise ValidationError("reject_needs_reason")
    with store.transaction() as db:
        changed = db.execute(
            "UPDATE idea_bank SET status = ?, reject_reason = ?, updated_at = ?,"
            " version = version + 1 WHERE id = ? AND workshop_id = ?",
            [status, reason if status == "rejected" else "", store.now(), idea_id, workshop_id],
        ).rowcount
        if not changed:
            raise ValidationError("unknown_record")


def to_measure(workshop_id: int, idea_id: int) -> int:
    """The idea as a candidate measure (origin: ideas database), linked both ways; twice:
    the same measure."""
    with store.transaction() as db:
        idea = db.execute(
            "SELECT text, touchpoint_id, measure_id FROM idea_bank WHERE id = ? AND workshop_id = ?",
            [idea_id, workshop_id],
        ).fetchone()
        if idea is None:
            raise ValidationError("unknown_record")
        if idea["measure_id"]:
            return idea["measure_id"]
        title = idea["text"][:280]
        hit = db.execute(
            "SELECT id FROM measures WHERE workshop_id = ? AND lower(title) = lower(?)",
            [workshop_id, title],
        ).fetchone()
        measure = hit[0] if hit else db.execute(
            "INSERT INTO measures (workshop_id, title, touchpoint_id, source_bank_idea_id)"
            " VALUES (?, ?, ?, ?)",
            [workshop_id, title, idea["touchpoint_id"], idea_id],
        ).lastrowid  # fmt: skip
        db.execute(
            "UPDATE idea_bank SET measure_id = ?, status = CASE WHEN status IN ('new', 'in_review')"
            " THEN 'accepted' ELSE status END, updated_at = ?, version = version + 1 WHERE id = ?",
            [measure, store.now(), idea_id],
        )
        return measure
