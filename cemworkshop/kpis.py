"""The KPIs of the return on CEM investment, set in step 1 and measured against in steps 4 and 5.

    >>> kpi = save_kpi(ws_id, "NPS", unit="Punkte", direction="higher", baseline=12, target=30,
    ...                target_date="2027-12-31", owner="Leitung Service")
    >>> kpis(ws_id)                     # in the order the facilitator gave them
    >>> against_direction(kpis(ws_id)[0])   # True when the target lies the wrong way of the baseline

One table, referenced by id from the action plan and the dashboard, never copied.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from cemworkshop import store
from cemworkshop.validation import (
    ValidationError,
    clean_day,
    clean_long_text,
    clean_name,
    clean_number,
    clean_text,
)

DIRECTIONS = ("higher", "lower")


def kpis(workshop_id: int) -> list[dict]:
    """Every KPI of the workshop with all its fields, in the order given."""
    return store.rows(
        "SELECT id, name, definition, unit, direction, baseline, target, target_date, source,"
        " owner, position, version FROM kpis WHERE workshop_id = ? ORDER BY position, id",
        [workshop_id],
    )


def against_direction(kpi: dict) -> bool:
    """Whether the target lies on the wrong side of the baseline (allowed, but worth a look)."""
    if kpi["baseline"] is None or kpi["target"] is None:
        return False
    if kpi["direction"] == "higher":
        return kpi["target"] < kpi["baseline"]
    return kpi["target"] > kpi["baseline"]


def save_kpi(
    workshop_id: int,
    name: str,
    *,
    definition: str = "",
    unit: str = "",
    direction: str = "higher",
    baseline: float | None = None,
    target: float | None = None,
    target_date: str | None = None,
    source: str = "",
    owner: str = "",
    kpi_id: int | None = None,
    version: int | None = None,
) -> int:
    """Add a KPI, or change the one with ``kpi_id`` (on ``version``, see store.claim_version).

    Refuses an empty or duplicate name, an unknown direction, numbers that are not numbers,
    a date that is not a date. A target on the wrong side of the baseline is allowed (see
    :func:`against_direction`).
    """
    name = clean_name(name, field="kpi", max_len=80)
    if direction not in DIRECTIONS:
        raise ValidationError("unknown_direction", value=direction)
    row = {
        "name": name,
        "definition": clean_long_text(definition, field="definition", max_len=500),
        "unit": clean_text(unit, field="unit", max_len=30),
        "direction": direction,
        "baseline": clean_number(baseline, field="baseline"),
        "target": clean_number(target, field="target"),
        "target_date": clean_day(target_date, field="target_date"),
        "source": clean_text(source, field="kpi_source", max_len=120),
        "owner": clean_text(owner, field="owner", max_len=120),
    }
    try:
        with store.transaction() as db:
            if kpi_id is None:
                position = db.execute(
                    "SELECT coalesce(max(position) + 1, 0) FROM kpis WHERE workshop_id = ?",
                    [workshop_id],
                ).fetchone()[0]
                return db.execute(
                    "INSERT INTO kpis (workshop_id, position, name, definition, unit, direction,"
                    " baseline, target, target_date, source, owner)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [workshop_id, position, *row.values()],
                ).lastrowid
            if not db.execute(
                "SELECT 1 FROM kpis WHERE id = ? AND workshop_id = ?", [kpi_id, workshop_id]
            ).fetchone():
                raise ValidationError("unknown_record")
            store.claim_version(db, "kpis", kpi_id, version, lambda r: r["name"])
            old = db.execute("SELECT target FROM kpis WHERE id = ?", [kpi_id]).fetchone()[0]
            if old != row["target"]:
                record_target_change(db, kpi_id, old, row["target"], reason="")
            db.execute(
                "UPDATE kpis SET name = ?, definition = ?, unit = ?, direction = ?, baseline = ?,"
                " target = ?, target_date = ?, source = ?, owner = ? WHERE id = ?",
                [*row.values(), kpi_id],
            )
            return kpi_id
    except sqlite3.IntegrityError:
        raise ValidationError("duplicate_kpi", name=name) from None


def record_target_change(
    db, kpi_id: int, old: float | None, new: float | None, *, reason: str, on: str | None = None
) -> None:
    """Inside a write transaction: keep a change of a KPI's target (valid from ``on``, today
    without one) so that earlier periods stay judged against the target valid then."""
    db.execute(
        "INSERT INTO kpi_target_changes (kpi_id, changed_on, old_value, new_value, reason)"
        " VALUES (?, ?, ?, ?, ?)",
        [kpi_id, on or date.today().isoformat(), old, new, reason],
    )


def delete_kpi(workshop_id: int, kpi_id: int) -> None:
    """Delete a KPI; refused (``kpi_in_use``) while target agreements refer to it."""
    with store.transaction() as db:
        used = db.execute(
            "SELECT count(*) FROM target_agreements WHERE kpi_id = ?", [kpi_id]
        ).fetchone()[0]
        if used:
            name = db.execute("SELECT name FROM kpis WHERE id = ?", [kpi_id]).fetchone()[0]
            raise ValidationError("kpi_in_use", name=name, count=used)
        db.execute("DELETE FROM kpis WHERE id = ? AND workshop_id = ?", [kpi_id, workshop_id])
