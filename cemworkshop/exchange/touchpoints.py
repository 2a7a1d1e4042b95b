"""Touchpoints as CSV: the export, and the import that reads it back (and spreadsheets like it).

    >>> report = import_touchpoints_csv(ws_id, open("touchpoints.csv", "rb").read())
    >>> report.added, report.rejected      # names added; (row number, code, params) per bad row
    >>> touchpoints_csv(ws_id)             # the same columns, so a file goes out and comes back

Row numbers count the header as row 1, as a spreadsheet shows them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cemworkshop import store, touchpoints
from cemworkshop.exchange.csvfile import ImportReport, read_csv, to_csv
from cemworkshop.validation import ValidationError, clean_name, clean_text, parse_yes_no

# One column of the export and the import: the canonical header first, then aliases.
CSV_COLUMNS = {
    "name": ["name", "touchpoint", "kontaktpunkt"],
    "phase": ["phase", "journey_phase", "phase_der_journey"],
    "channel": ["channel", "kanal"],
    "kind": ["kind", "type", "art", "direct", "direkt"],
    "department": ["department", "owner", "abteilung", "verantwortlich"],
    "customer_preferred": ["customer_preferred", "preferred", "vom_kunden_bevorzugt", "bevorzugt"],
    "company_served": ["company_served", "served", "vom_unternehmen_bedient", "bedient"],
}
DIRECT_WORDS = {"direct", "direkt", "d", "yes", "ja", "1", "true"}
INDIRECT_WORDS = {"indirect", "indirekt", "i", "no", "nein", "0", "false"}


def _yes_no(flag) -> str:
    return "yes" if flag else "no"


def touchpoints_csv(workshop_id: int) -> bytes:
    """The workshop's touchpoints in journey order, in the import's columns."""
    records = [
        [
            t["name"],
            t["phase"],
            t["channel"],
            "direct" if t["is_direct"] else "indirect",
            t["department"],
            _yes_no(t["customer_preferred"]),
            _yes_no(t["company_served"]),
        ]
        for t in touchpoints.touchpoints(workshop_id)
    ]
    return to_csv(list(CSV_COLUMNS), records)


@dataclass
class RowPlan:
    """What the import would do with one row of the file."""

    row: int  # as a spreadsheet numbers it (the header is row 1)
    action: str  # add | change | same | reject
    name: str
    fields: dict = field(default_factory=dict)
    changes: list[str] = field(default_factory=list)  # for "change": which columns differ
    reason: tuple[str, dict] | None = None  # for "reject": (error code, params)


@dataclass
class ImportPlan:
    """The preview of an import: every row's fate and the phases the file brings along."""

    rows: list[RowPlan]
    new_phases: list[str]
    unknown_columns: list[str]

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)


COMPARED = ("phase", "channel", "is_direct", "department", "customer_preferred", "company_served")


def _row_fields(record: dict) -> dict:
    if record["_extra_cells"]:
        raise ValidationError("csv_extra_cells")
    kind = (record.get("kind") or "direct").strip().lower()
    if kind not in DIRECT_WORDS | INDIRECT_WORDS:
        raise ValidationError("not_direct_indirect", value=record.get("kind"))
    phase = (record.get("phase") or "").strip()
    return dict(
        name=clean_name(record.get("name"), field="touchpoint"),
        phase=clean_name(phase, field="phase", max_len=60) if phase else "",
        channel=clean_text(record.get("channel"), field="channel"),
        department=clean_text(record.get("department"), field="department"),
        is_direct=kind in DIRECT_WORDS,
        customer_preferred=parse_yes_no(
            record.get("customer_preferred") or "no", field="customer_preferred"
        ),
        company_served=parse_yes_no(record.get("company_served") or "yes", field="company_served"),
    )


def plan_import(workshop_id: int, data: bytes | str) -> ImportPlan:
    """What importing ``data`` would add, change, leave as it is and refuse — nothing written.

    A row whose name exists (case-insensitive) is "same" when every column matches, else
    "change" (applied only when asked); a name twice in the file is refused the second time;
    a phase the workshop lacks is listed as a new phase. Raises ``ValidationError`` for a file
    that cannot be read at all.
    """
    records, unknown = read_csv(data, CSV_COLUMNS)
    phases = touchpoints.phases(workshop_id)
    phase_names = {p["name"].lower(): p["name"] for p in phases}
    existing = {tp["name"].lower(): tp for tp in touchpoints.touchpoints(workshop_id)}
    seen: set[str] = set()
    new_phases: list[str] = []
    rows = []
    for index, record in enumerate(records, start=2):
        if record is None:
            continue
        try:
            fields = _row_fields(record)
        except ValidationError as err:
            rows.append(
                RowPlan(index, "reject", record.get("name") or "", reason=(err.code, err.params))
            )
            continue
        key = fields["name"].lower()
        if key in seen:
            rows.append(
                RowPlan(
                    index,
                    "reject",
                    fields["name"],
                    reason=("duplicate_in_file", {"name": fields["name"]}),
                )
            )
            continue
        seen.add(key)
        fields["phase"] = fields["phase"] or phases[0]["name"]
        if fields["phase"].lower() in phase_names:
            fields["phase"] = phase_names[fields["phase"].lower()]
        elif fields["phase"].lower() not in {p.lower() for p in new_phases}:
            new_phases.append(fields["phase"])
        old = existing.get(key)
        if old is None:
            rows.append(RowPlan(index, "add", fields["name"], fields))
            continue
        now = {c: old[c] for c in COMPARED} | {"phase": old["phase"]}
        changes = [c for c in COMPARED if bool(now[c]) != bool(fields[c])
                   if c not in ("phase", "channel", "department")] + [
            c for c in ("phase", "channel", "department") if now[c] != fields[c]]  # fmt: skip
        rows.append(
            RowPlan(index, "change" if changes else "same", fields["name"], fields, changes)
        )
    return ImportPlan(rows, new_phases, unknown)


def import_touchpoints_csv(
    workshop_id: int, data: bytes | str, *, update_existing: bool = False
) -> ImportReport:
    """Import a touchpoint CSV as :func:`plan_import` previews it, in one transaction.

    New phases are appended, new touchpoints added, existing ones changed only with
    ``update_existing``; refused rows are reported with their reason and never stop the others.
    """
    report = ImportReport()
    with store.transaction():
        plan = plan_import(workshop_id, data)  # again, inside the transaction: what is written
        for phase in plan.new_phases:
            touchpoints.add_phase(workshop_id, phase)
        phase_ids = {p["name"].lower(): p["id"] for p in touchpoints.phases(workshop_id)}
        existing = {tp["name"].lower(): tp["id"] for tp in touchpoints.touchpoints(workshop_id)}
        for r in plan.rows:
            if r.action == "reject":
                report.rejected.append((r.row, *r.reason))
                continue
            values = {k: v for k, v in r.fields.items() if k != "phase"}
            values["phase_id"] = phase_ids[r.fields["phase"].lower()]
            if r.action == "add":
                touchpoints.add_touchpoint(workshop_id, **values)
                report.added.append(r.name)
            elif r.action == "change" and update_existing:
                touchpoints.update_touchpoint(workshop_id, existing[r.name.lower()], **values)
                report.updated.append(r.name)
            else:
                report.skipped.append(r.name)
    return report
