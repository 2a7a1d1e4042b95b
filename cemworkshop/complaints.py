"""Step 4's complaint management along ISO 10002: the log (received → acknowledged → in
investigation → answered → closed, reopening allowed; the time of every step), editable cause
categories, customers per month, and the analysis per period.

    >>> cid = log(ws_id, received_at="2026-11-02T09:15", channel="Telefon", touchpoint_id=3,
    ...           cause="Lieferung", severity=2, description="…", owner="Jonas Weber")
    >>> advance(ws_id, cid, "acknowledged")          # stamps acknowledged_at
    >>> close(ws_id, cid, first_contact=False, upheld=True)
    >>> analysis(ws_id, today)                        # per month, metrics.complaints
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

from cemworkshop import store
from cemworkshop.metrics import complaints as metrics
from cemworkshop.records import check_owned
from cemworkshop.shared import SharedCache
from cemworkshop.validation import (
    ValidationError,
    clean_long_text,
    clean_name,
    clean_number,
    clean_text,
)

STEPS = ("received", "acknowledged", "in_investigation", "answered", "closed")
STAMPS = {"acknowledged": "acknowledged_at", "in_investigation": "investigating_at",
          "answered": "answered_at", "closed": "closed_at"}  # fmt: skip
DEFAULT_CAUSES = ("Liefertermin", "Lieferung", "Montage", "Produktmangel", "Rechnung",
                  "Beratung", "Erreichbarkeit")  # fmt: skip


def _stamp(value) -> str:
    """A moment from a form or a file: a datetime, a date or ISO text (a date alone: 09:00)."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, date):
        return f"{value.isoformat()}T09:00"
    text = (value or "").strip()
    try:
        found = datetime.fromisoformat(text if "T" in text or " " in text else f"{text}T09:00")
    except ValueError:
        raise ValidationError("not_a_date", field="received_at", value=value) from None
    return found.strftime("%Y-%m-%dT%H:%M")


def causes(workshop_id: int) -> list[dict]:
    return store.rows(
        "SELECT id, name FROM complaint_causes WHERE workshop_id = ? ORDER BY lower(name)",
        [workshop_id],
    )


def add_cause(workshop_id: int, name: str) -> int:
    name = clean_name(name, field="cause", max_len=60)
    with store.transaction() as db:
        if db.execute(
            "SELECT 1 FROM complaint_causes WHERE workshop_id = ? AND lower(name) = lower(?)",
            [workshop_id, name],
        ).fetchone():
            raise ValidationError("duplicate_cause", name=name)
        return db.execute(
            "INSERT INTO complaint_causes (workshop_id, name) VALUES (?, ?)", [workshop_id, name]
        ).lastrowid


def rename_cause(workshop_id: int, cause_id: int, name: str) -> None:
    name = clean_name(name, field="cause", max_len=60)
    with store.transaction() as db:
        if db.execute(
            "SELECT 1 FROM complaint_causes WHERE workshop_id = ? AND lower(name) = lower(?) AND id <> ?",
            [workshop_id, name, cause_id],
        ).fetchone():
            raise ValidationError("duplicate_cause", name=name)
        db.execute("UPDATE complaint_causes SET name = ? WHERE id = ? AND workshop_id = ?",
                   [name, cause_id, workshop_id])  # fmt: skip


def _cause_id(db, workshop_id: int, cause: str | None) -> int | None:
    """The category by its name; a new name becomes a new category."""
    name = clean_text(cause, field="cause", max_len=60)
    if not name:
        return None
    hit = db.execute(
        "SELECT id FROM complaint_causes WHERE workshop_id = ? AND lower(name) = lower(?)",
        [workshop_id, name],
    ).fetchone()
    return hit[0] if hit else db.execute(
        "INSERT INTO complaint_causes (workshop_id, name) VALUES (?, ?)", [workshop_id, name]
    ).lastrowid  # fmt: skip


def log(
    workshop_id: int, *, received_at, channel: str = "", touchpoint_id: int | None = None,
    cause: str = "", severity: int = 2, description: str = "", remedy: str = "", owner: str = "",
    fingerprint: str | None = None,
) -> int:  # fmt: skip
    """Record a complaint as received."""
    values = {
        "received_at": _stamp(received_at),
        "channel": clean_text(channel, field="channel", max_len=80),
        "severity": clean_number(severity, field="severity", low=1, high=3, whole=True),
        "description": clean_long_text(description, field="description", max_len=2000),
        "remedy": clean_long_text(remedy, field="remedy", max_len=500),
        "owner": clean_text(owner, field="owner", max_len=120),
    }
    with store.transaction() as tx:
        check_owned(tx, "touchpoints", workshop_id, touchpoint_id)
        return tx.execute(
            "INSERT INTO complaints (workshop_id, received_at, channel, touchpoint_id, cause_id,"
            " severity, description, remedy, owner, fingerprint)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [workshop_id, values["received_at"], values["channel"], touchpoint_id,
             _cause_id(tx, workshop_id, cause), values["severity"], values["description"],
             values["remedy"], values["owner"], fingerprint],
        ).lastrowid  # fmt: skip


_cache = SharedCache(size=32)


def signature(workshop_id: int) -> tuple:
    """Changes whenever a complaint, a cause or the customer base changes (a cache key)."""
    return (str(store.db_path()), workshop_id, *store.row(
        """SELECT (SELECT count(*) || ':' || coalesce(sum(version), 0) || ':' || coalesce(max(id), 0)
                   FROM complaints WHERE workshop_id = ?) AS c,
                  (SELECT group_concat(id || '=' || name) FROM complaint_causes WHERE workshop_id = ?) AS k,
                  (SELECT coalesce(sum(customers), 0) || ':' || count(*) FROM customer_base
                   WHERE workshop_id = ?) AS b""",
        [workshop_id, workshop_id, workshop_id]).values())  # fmt: skip


def complaints(workshop_id: int) -> list[dict]:
    """The log, newest first, with touchpoint and cause names and a reference ``R-<id>``
    (read once per change of the log and shared: do not change the rows)."""
    return _cache.get(("log", *signature(workshop_id)), lambda: _complaints(workshop_id))


def _complaints(workshop_id: int) -> list[dict]:
    found = store.rows(
        """SELECT c.*, coalesce(t.name, '') AS touchpoint, coalesce(k.name, '') AS cause,
                  coalesce(m.title, '') AS measure
           FROM complaints c LEFT JOIN touchpoints t ON t.id = c.touchpoint_id
           LEFT JOIN complaint_causes k ON k.id = c.cause_id
           LEFT JOIN measures m ON m.id = c.measure_id
           WHERE c.workshop_id = ? ORDER BY c.received_at DESC, c.id DESC""",
        [workshop_id],
    )
    for c in found:
        c["ref"] = f"R-{c['id']:04d}"
    return found


def advance(workshop_id: int, complaint_id: int, status: str, *, at=None) -> None:
    """Move a complaint to a later step (stamping when); ``closed`` → ``in_investigation``
    reopens it (its closing time is cleared, counted in ``reopened``)."""
    if status not in STEPS:
        raise ValidationError("unknown_choice", field="status", value=status)
    when = _stamp(at) if at else datetime.now().strftime("%Y-%m-%dT%H:%M")
    with store.transaction() as db:
        row = db.execute(
            "SELECT status FROM complaints WHERE id = ? AND workshop_id = ?",
            [complaint_id, workshop_id],
        ).fetchone()
        if row is None:
            raise ValidationError("unknown_record")
        now, to = STEPS.index(row["status"]), STEPS.index(status)
        reopen = row["status"] == "closed" and status == "in_investigation"
        if to <= now and not reopen:
            raise ValidationError("complaint_step_back", now_label=f"compl.status.{row['status']}",
                                  wanted_label=f"compl.status.{status}")  # fmt: skip
        sets = ["status = ?", "version = version + 1"]
        params: list = [status]
        for step in STEPS[now + 1 : to + 1] if not reopen else ():
            sets.append(f"{STAMPS[step]} = coalesce({STAMPS[step]}, ?)")
            params.append(when)
        if reopen:
            sets += ["closed_at = NULL", "reopened = reopened + 1", "investigating_at = ?"]
            params.append(when)
        db.execute(f"UPDATE complaints SET {', '.join(sets)} WHERE id = ?", [*params, complaint_id])


def close(
    workshop_id: int, complaint_id: int, *, first_contact: bool, upheld: bool | None, at=None
) -> None:
    """Close a complaint with whether it was resolved at first contact and upheld."""
    with store.transaction() as db:
        advance(workshop_id, complaint_id, "closed", at=at)
        db.execute("UPDATE complaints SET first_contact = ?, upheld = ? WHERE id = ?",
                   [int(first_contact), None if upheld is None else int(upheld), complaint_id])  # fmt: skip


def link_measure(workshop_id: int, complaint_id: int, measure_id: int | None) -> None:
    with store.transaction() as db:
        check_owned(db, "measures", workshop_id, measure_id, "unknown_record")
        db.execute("UPDATE complaints SET measure_id = ?, version = version + 1 WHERE id = ?"
                   " AND workshop_id = ?", [measure_id, complaint_id, workshop_id])  # fmt: skip


def set_customers(workshop_id: int, month: str, customers) -> None:
    """How many customers the company had in a month (``YYYY-MM``): the base of the rate."""
    try:
        datetime.strptime(month, "%Y-%m")
    except ValueError:
        raise ValidationError("not_a_date", field="month", value=month) from None
    value = clean_number(customers, field="customers", low=1, high=1e9, whole=True)
    with store.transaction() as db:
        db.execute(
            "INSERT INTO customer_base (workshop_id, month, customers) VALUES (?, ?, ?)"
            " ON CONFLICT (workshop_id, month) DO UPDATE SET customers = excluded.customers",
            [workshop_id, month, value],
        )


def customers(workshop_id: int) -> dict[str, int]:
    return {r["month"]: r["customers"] for r in store.rows(
        "SELECT month, customers FROM customer_base WHERE workshop_id = ? ORDER BY month", [workshop_id])}  # fmt: skip


def analysis(workshop_id: int, today: date, target_days: int = 56) -> list[dict]:
    """Per month of receipt: ``month`` and the figures of ``metrics.complaints.period_figures``
    (computed once per change of the log, day and target age)."""
    key = ("analysis", *signature(workshop_id), today, target_days)
    return _cache.get(key, lambda: _analysis(workshop_id, today, target_days))


def _analysis(workshop_id: int, today: date, target_days: int) -> list[dict]:
    base = customers(workshop_id)
    by_month: dict[str, list[dict]] = {}
    for c in complaints(workshop_id):
        by_month.setdefault(c["received_at"][:7], []).append(c)
    return [
        {"month": m, **metrics.period_figures(rows, customers=base.get(m), today=today,
                                               target_days=target_days)}
        for m, rows in sorted(by_month.items())
    ]  # fmt: skip


def pareto_by(workshop_id: int, key: str, months: list[str] | None = None) -> list[dict]:
    """The Pareto list by ``cause`` or ``touchpoint`` (empty names as "–"), optionally for some
    months only."""
    found = [c for c in complaints(workshop_id) if not months or c["received_at"][:7] in months]
    return metrics.pareto(Counter(c[key] or "–" for c in found))
