"""Step 4's priorities and action plan: the candidate measures (from step 2's memories, step
3's worksheets, or added by hand), what the facilitator sets on them (KPI, expected effect,
confidence, an override of impact or effort with its reason), the selection into the plan and
the plan itself.

    >>> candidates(ws_id)                     # every candidate with its origin and link
    >>> add_candidate(ws_id, "Rückruf in 2 h", touchpoint_id=3)
    >>> set_override(ws_id, measure_id, "effort", 4, "IT-Schnittstelle nötig")
    >>> select(ws_id, [measure_id])           # into the action plan (a plan row each)
    >>> PLAN.save(ws_id, {...}, record_id=plan_id, version=v)
    >>> timeline(ws_id, today)                # bars, overdue, undated

The ranking itself is ``rounds.impact_effort.rows`` + ``metrics.priority.ranked``.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from cemworkshop import store
from cemworkshop.metrics import priority
from cemworkshop.records import Column, RecordList, check_owned
from cemworkshop.rounds.impact_effort import KIND as IMPACT_EFFORT
from cemworkshop.rounds.impact_effort import rows as rated_rows
from cemworkshop.rounds.rating import newest_with_answers
from cemworkshop.validation import (
    ValidationError,
    clean_choice,
    clean_day,
    clean_long_text,
    clean_name,
    clean_number,
    clean_text,
)

ORIGINS = ("memory", "worksheet", "idea", "manual")
STATUSES = ("not_started", "in_progress", "done", "cancelled", "blocked")
CLOSED = ("done", "cancelled")

PLAN = RecordList(
    "plan",
    (
        Column("soll", partial(clean_long_text, field="plan_soll", max_len=1000)),
        Column("start_on", partial(clean_day, field="start_on")),
        Column("due_on", partial(clean_day, field="due_on")),
        Column("owner", partial(clean_text, field="owner", max_len=120)),
        Column("owner_role", partial(clean_text, field="role", max_len=80)),
        Column("budget", partial(clean_number, field="budget", low=0)),
        Column("kpi_target", partial(clean_number, field="target")),
        Column("success_criterion", partial(clean_long_text, field="success_criterion", max_len=500)),
        Column("status", partial(clean_choice, field="status", choices=STATUSES)),
        Column("percent_done", partial(clean_number, field="percent_done", low=0, high=100, whole=True)),
    ),
    label="owner",
    order="id",
    stamp="updated_at",
)  # fmt: skip


def origin(m: dict) -> str:
    """Where a candidate came from: a memory (idea or group of step 2's vote), a worksheet's
    idea (step 3), an idea of the ideas database, or added by hand."""
    if m.get("source_worksheet_idea_id"):
        return "worksheet"
    if m.get("source_bank_idea_id"):
        return "idea"
    if m.get("source_idea_id") or m.get("source_group_id"):
        return "memory"
    return "manual"


def candidates(workshop_id: int) -> list[dict]:
    """Every candidate measure: title, touchpoint, ``origin``, dots, KPI (id and name),
    expected effect, confidence, ``selected`` and the version, most dots first."""
    found = store.rows(
        """SELECT m.id, m.title, m.touchpoint_id, coalesce(t.name, '') AS touchpoint, m.dots,
                  m.voters, m.source_idea_id, m.source_group_id, m.source_worksheet_idea_id,
                  m.source_bank_idea_id,
                  m.kpi_id, coalesce(k.name, '') AS kpi, m.expected_effect, m.confidence,
                  m.selected, m.version
           FROM measures m LEFT JOIN touchpoints t ON t.id = m.touchpoint_id
           LEFT JOIN kpis k ON k.id = m.kpi_id
           WHERE m.workshop_id = ? ORDER BY m.dots DESC, m.id""",
        [workshop_id],
    )
    for m in found:
        m["origin"] = origin(m)
        m["selected"] = bool(m["selected"])
    return found


def candidate_titles(workshop_id: int) -> dict[int, str]:
    """``{measure id: title}`` of every candidate, in the order of :func:`candidates` (for a
    choice of measure: one light query instead of every column)."""
    return {
        r["id"]: r["title"]
        for r in store.rows(
            "SELECT id, title FROM measures WHERE workshop_id = ? ORDER BY dots DESC, id",
            [workshop_id],
        )
    }


def _check(db, workshop_id: int, touchpoint_id, kpi_id) -> None:
    check_owned(db, "touchpoints", workshop_id, touchpoint_id)
    check_owned(db, "kpis", workshop_id, kpi_id)


def add_candidate(
    workshop_id: int, title: str, *, touchpoint_id: int | None = None, kpi_id: int | None = None,
    expected_effect: str = "", confidence: int | None = None,
) -> int:  # fmt: skip
    """A candidate measure added by hand (origin "manual")."""
    title = clean_name(title, field="measure", max_len=280)
    effect = clean_long_text(expected_effect, field="expected_effect", max_len=500)
    if confidence is not None:
        clean_choice(confidence, field="confidence", choices=priority.CONFIDENCES)
    with store.transaction() as db:
        _check(db, workshop_id, touchpoint_id, kpi_id)
        if db.execute(
            "SELECT 1 FROM measures WHERE workshop_id = ? AND lower(title) = lower(?)",
            [workshop_id, title],
        ).fetchone():
            raise ValidationError("duplicate_measure", name=title)
        return db.execute(
            "INSERT INTO measures (workshop_id, title, touchpoint_id, kpi_id, expected_effect,"
            " confidence) VALUES (?, ?, ?, ?, ?, ?)",
            [workshop_id, title, touchpoint_id, kpi_id, effect, confidence],
        ).lastrowid


def update_candidate(
    workshop_id: int, measure_id: int, *, title: str, touchpoint_id: int | None,
    kpi_id: int | None, expected_effect: str, confidence: int | None, version: int | None = None,
) -> None:  # fmt: skip
    """Change what the facilitator sets on a candidate (on the version the form showed)."""
    title = clean_name(title, field="measure", max_len=280)
    effect = clean_long_text(expected_effect, field="expected_effect", max_len=500)
    if confidence is not None:
        clean_choice(confidence, field="confidence", choices=priority.CONFIDENCES)
    with store.transaction() as db:
        check_owned(db, "measures", workshop_id, measure_id, "unknown_record")
        _check(db, workshop_id, touchpoint_id, kpi_id)
        store.claim_version(db, "measures", measure_id, version, lambda r: r["title"])
        db.execute(
            "UPDATE measures SET title = ?, touchpoint_id = ?, kpi_id = ?, expected_effect = ?,"
            " confidence = ? WHERE id = ?",
            [title, touchpoint_id, kpi_id, effect, confidence, measure_id],
        )


def delete_candidate(workshop_id: int, measure_id: int) -> None:
    """Remove a candidate (refused once it is in the action plan)."""
    with store.transaction() as db:
        if db.execute("SELECT 1 FROM plan WHERE measure_id = ?", [measure_id]).fetchone():
            raise ValidationError("measure_in_plan")
        db.execute(
            "DELETE FROM measures WHERE id = ? AND workshop_id = ?", [measure_id, workshop_id]
        )


def set_override(workshop_id: int, measure_id: int, dimension: str, value, reason: str) -> None:
    """The facilitator's value for impact or effort instead of the room's median; the reason
    is required and stays visible beside the value. ``value`` None removes the override."""
    clean_choice(dimension, field="dimension", choices=priority.DIMENSIONS)
    with store.transaction() as db:
        check_owned(db, "measures", workshop_id, measure_id, "unknown_record")
        if value is None:
            db.execute(
                "DELETE FROM measure_overrides WHERE measure_id = ? AND dimension = ?",
                [measure_id, dimension],
            )
        else:
            number = clean_number(value, field=dimension, low=1, high=5)
            text = clean_name(reason, field="override_reason", max_len=300)
            db.execute(
                "INSERT INTO measure_overrides (measure_id, dimension, value, reason, set_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (measure_id, dimension) DO UPDATE SET"
                " value = excluded.value, reason = excluded.reason, set_at = excluded.set_at",
                [measure_id, dimension, number, text, store.now()],
            )
        db.execute("UPDATE measures SET version = version + 1 WHERE id = ?", [measure_id])


def latest_round(workshop_id: int) -> dict | None:
    """The newest impact–effort round with answers."""
    return newest_with_answers(workshop_id, IMPACT_EFFORT.name)


def ranking(workshop_id: int) -> list[dict]:
    """The one ranked list from the newest round with answers and the overrides."""
    return priority.ranked(rated_rows(workshop_id, latest_round(workshop_id)))


def select(workshop_id: int, measure_ids: list[int], selected: bool = True) -> int:
    """Put measures into the action plan (a plan row each, kept if there already) or take them
    out (refused while their plan has been worked on: status other than not started)."""
    ids = list(dict.fromkeys(int(m) for m in measure_ids))
    with store.transaction() as db:
        known = {
            r[0]
            for r in db.execute(
                f"SELECT id FROM measures WHERE workshop_id = ? AND id IN ({store.marks(ids)})",
                [workshop_id, *ids],
            )
        } if ids else set()  # fmt: skip
        if set(ids) - known:
            raise ValidationError("unknown_record")
        for m in ids:
            if selected:
                db.execute(
                    "INSERT INTO plan (workshop_id, measure_id) VALUES (?, ?)"
                    " ON CONFLICT (measure_id) DO NOTHING",
                    [workshop_id, m],
                )
            else:
                busy = db.execute(
                    "SELECT 1 FROM plan WHERE measure_id = ? AND status <> 'not_started'", [m]
                ).fetchone()
                if busy:
                    raise ValidationError("plan_started")
                db.execute("DELETE FROM plan WHERE measure_id = ?", [m])
            db.execute(
                "UPDATE measures SET selected = ?, version = version + 1 WHERE id = ?",
                [int(selected), m],
            )
    return len(ids)


def plan(workshop_id: int) -> list[dict]:
    """The action plan: every plan row with its measure's title, touchpoint, KPI (name, unit,
    baseline, the strategy's target) — read from the KPI list, never copied."""
    return store.rows(
        """SELECT p.id, p.measure_id, m.title, m.touchpoint_id,
                  coalesce(t.name, '') AS touchpoint, m.kpi_id, coalesce(k.name, '') AS kpi,
                  k.unit, k.baseline, k.target AS kpi_strategy_target, p.soll, p.start_on,
                  p.due_on, p.owner, p.owner_role, p.budget, p.kpi_target,
                  p.success_criterion, p.status, p.percent_done, p.updated_at, p.version
           FROM plan p JOIN measures m ON m.id = p.measure_id
           LEFT JOIN touchpoints t ON t.id = m.touchpoint_id LEFT JOIN kpis k ON k.id = m.kpi_id
           WHERE p.workshop_id = ? ORDER BY p.start_on IS NULL, p.start_on, p.id""",
        [workshop_id],
    )


def overdue(row: dict, today: date) -> bool:
    """Past its due date and neither done nor cancelled."""
    return bool(row["due_on"]) and row["due_on"] < today.isoformat() and row["status"] not in CLOSED


def timeline(
    workshop_id: int, today: date, rows: list[dict] | None = None
) -> tuple[list[dict], list[dict]]:
    """(dated rows with ``overdue``, rows without a start or due date) of the action plan, or
    of the plan ``rows`` a page has read already (filtered, say)."""
    rows = plan(workshop_id) if rows is None else rows
    dated = [r | {"overdue": overdue(r, today)} for r in rows if r["start_on"] and r["due_on"]]
    return dated, [r for r in rows if not (r["start_on"] and r["due_on"])]


def budget_total(workshop_id: int) -> float:
    """The planned budget of every measure not cancelled."""
    return float(
        store.value(
            "SELECT coalesce(sum(budget), 0) FROM plan WHERE workshop_id = ?"
            " AND status <> 'cancelled'",
            [workshop_id],
        )
    )
