"""Complaints from a CSV — what a ticket system or German Excel writes — with a preview first.

    >>> plan = plan_complaints(ws_id, data)     # nothing written: new, known before, refused
    >>> import_complaints(ws_id, plan)          # the new rows, in one transaction

Columns (German or English headers): received (date, optionally with time), channel,
touchpoint, cause, severity (1–3), description, remedy, owner, status, acknowledged,
answered, closed (dates), first contact, upheld (ja/nein, yes/no). Dates as 24.11.2026 14:30
or ISO. Touchpoint names match ignoring case and spaces or are offered with close matches to
map, create or leave (``touchpoint_names``). A cause that is new becomes a category.
A fingerprint of every row keeps a second import of the same file from doubling anything.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime

from cemworkshop import complaints, store
from cemworkshop.exchange.csvfile import read_csv
from cemworkshop.exchange.touchpoint_names import match_names, resolve
from cemworkshop.validation import ValidationError, parse_yes_no

COLUMNS = {
    "received": ["received", "received_at", "eingang", "eingegangen", "datum", "date", "erstellt"],
    "channel": ["channel", "kanal"],
    "touchpoint": ["touchpoint", "kontaktpunkt"],
    "cause": ["cause", "ursache", "kategorie", "category"],
    "severity": ["severity", "schwere", "prioritaet", "priorität", "priority"],
    "description": ["description", "beschreibung", "text", "anliegen_text"],
    "remedy": ["remedy", "gewuenschte_abhilfe", "gewünschte_abhilfe", "abhilfe", "forderung"],
    "owner": ["owner", "verantwortlich", "bearbeiter"],
    "status": ["status"],
    "acknowledged": ["acknowledged", "acknowledged_at", "bestaetigt", "bestätigt", "eingangsbestaetigung"],
    "answered": ["answered", "answered_at", "beantwortet"],
    "closed": ["closed", "closed_at", "abgeschlossen", "geschlossen"],
    "first_contact": ["first_contact", "erstkontakt", "beim_erstkontakt_geloest", "fcr"],
    "upheld": ["upheld", "berechtigt", "stattgegeben"],
}  # fmt: skip
STATUS_WORDS = {"eingegangen": "received", "bestätigt": "acknowledged", "bestaetigt": "acknowledged",
                "in prüfung": "in_investigation", "in pruefung": "in_investigation",
                "beantwortet": "answered", "abgeschlossen": "closed", "geschlossen": "closed"}  # fmt: skip


@dataclass
class ComplaintRow:
    line: int
    values: dict
    touchpoint: str  # as written in the file
    fingerprint: str


@dataclass
class ComplaintPlan:
    """What an import would do: ``rows`` to write, ``duplicates`` imported before, ``rejected``
    (line, code, params); ``matched`` touchpoint names → ids, ``unmatched`` names with close
    matches to map, create or leave (as the feedback import)."""

    rows: list[ComplaintRow] = field(default_factory=list)
    duplicates: int = 0
    rejected: list[tuple[int, str, dict]] = field(default_factory=list)
    matched: dict[str, int] = field(default_factory=dict)
    unmatched: dict[str, list[str]] = field(default_factory=dict)
    unknown_columns: list[str] = field(default_factory=list)


def _moment(text: str, field_name: str) -> str | None:
    raw = (text or "").strip()
    if not raw:
        return None
    found = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ ,]+(\d{1,2}):(\d{2}))?", raw)
    try:
        if found:
            d, m, y = (int(g) for g in found.groups()[:3])
            hh, mm = (int(found.group(4) or 9), int(found.group(5) or 0))
            return datetime(y, m, d, hh, mm).strftime("%Y-%m-%dT%H:%M")
        return complaints._stamp(raw)
    except (ValueError, ValidationError):
        raise ValidationError("not_a_date", field=field_name, value=raw) from None


def plan_complaints(workshop_id: int, data: bytes | str) -> ComplaintPlan:
    records, unknown = read_csv(data, COLUMNS)
    plan = ComplaintPlan(unknown_columns=unknown)
    seen = {r["fingerprint"] for r in store.rows(
        "SELECT fingerprint FROM complaints WHERE workshop_id = ? AND fingerprint IS NOT NULL",
        [workshop_id])}  # fmt: skip
    in_file: set[str] = set()
    for line, rec in enumerate(records, start=2):
        if rec is None:
            continue
        try:
            received = _moment(rec.get("received", ""), "received_at")
            if received is None:
                raise ValidationError("complaint_needs_date")
            severity = (rec.get("severity") or "2").strip()
            if severity not in ("1", "2", "3"):
                raise ValidationError("out_of_range", field="severity", low=1, high=3)
            status = (rec.get("status") or "").strip().casefold()
            status = STATUS_WORDS.get(status, status.replace(" ", "_")) or "received"
            if status not in complaints.STEPS:
                raise ValidationError("unknown_choice", field="status", value=rec.get("status"))
            stamps = {k: _moment(rec.get(k, ""), k) for k in ("acknowledged", "answered", "closed")}
            flags = {k: parse_yes_no(rec.get(k), field=k) if (rec.get(k) or "").strip() else None
                     for k in ("first_contact", "upheld")}  # fmt: skip
            if len(rec.get("description", "")) > 2000:
                raise ValidationError("name_too_long", field="description", max=2000,
                                      length=len(rec["description"]))  # fmt: skip
        except ValidationError as err:
            plan.rejected.append((line, err.code, err.params))
            continue
        tp_name = (rec.get("touchpoint") or "").strip()[:120]
        values = {"received_at": received, "channel": rec.get("channel", ""), "cause": rec.get("cause", ""),
                  "severity": int(severity), "description": rec.get("description", ""),
                  "remedy": rec.get("remedy", ""), "owner": rec.get("owner", ""), "status": status,
                  **stamps, **flags}  # fmt: skip
        fingerprint = hashlib.sha256(
            "\x1f".join(
                str(values[k]) for k in ("received_at", "channel", "description", "owner")
            ).encode()
            + tp_name.casefold().encode()
        ).hexdigest()[:32]
        if fingerprint in seen or fingerprint in in_file:
            plan.duplicates += 1
            continue
        in_file.add(fingerprint)
        plan.rows.append(ComplaintRow(line, values, tp_name, fingerprint))
    plan.matched, plan.unmatched = match_names(workshop_id, (r.touchpoint for r in plan.rows))
    return plan


def import_complaints(
    workshop_id: int, plan: ComplaintPlan, *, mapping: dict[str, int | None] | None = None,
    create: dict[str, int] | None = None,
) -> int:  # fmt: skip
    """Write the plan's new rows in one transaction (steps and their times as in the file);
    ``mapping`` and ``create`` say what an unmatched touchpoint name stands for."""
    with store.transaction() as db:
        ids = resolve(workshop_id, plan.matched, mapping=mapping, create=create)
        for r in plan.rows:
            v = r.values
            if db.execute(
                "SELECT 1 FROM complaints WHERE workshop_id = ? AND fingerprint = ?",
                [workshop_id, r.fingerprint],
            ).fetchone():
                continue
            cid = complaints.log(
                workshop_id, received_at=v["received_at"], channel=v["channel"],
                touchpoint_id=ids.get(r.touchpoint), cause=v["cause"], severity=v["severity"],
                description=v["description"], remedy=v["remedy"], owner=v["owner"],
                fingerprint=r.fingerprint,
            )  # fmt: skip
            steps = complaints.STEPS[1 : complaints.STEPS.index(v["status"]) + 1]
            stamps = {"acknowledged": v["acknowledged"], "in_investigation": v["acknowledged"],
                      "answered": v["answered"], "closed": v["closed"]}  # fmt: skip
            for step in steps:
                complaints.advance(workshop_id, cid, step, at=stamps[step] or v["received_at"])
            db.execute("UPDATE complaints SET first_contact = ?, upheld = ? WHERE id = ?",
                       [None if v["first_contact"] is None else int(v["first_contact"]),
                        None if v["upheld"] is None else int(v["upheld"]), cid])  # fmt: skip
    return len(plan.rows)
