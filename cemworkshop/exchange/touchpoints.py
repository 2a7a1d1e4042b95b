"""Touchpoints as CSV: the export, and the import that reads it back (and spreadsheets like it).

    >>> report = import_touchpoints_csv(ws_id, open("touchpoints.csv", "rb").read())
    >>> report.added, report.rejected      # names added; (row number, code, params) per bad row
    >>> touchpoints_csv(ws_id)             # the same columns, so a file goes out and comes back

Row numbers count the header as row 1, as a spreadsheet shows them.
"""

from __future__ import annotations

from cemworkshop import store, touchpoints
from cemworkshop.exchange.csvfile import ImportReport, read_csv, to_csv
from cemworkshop.validation import ValidationError, clean_name, parse_yes_no

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


def _fields(record: dict, known_phases: dict[str, int], phase_names: str, default_phase: int):
    if record["_extra_cells"]:
        raise ValidationError("csv_extra_cells")
    phase_text = (record.get("phase") or "").strip()
    if phase_text:
        if phase_text.lower() not in known_phases:
            raise ValidationError("unknown_phase", value=phase_text, known=phase_names)
        phase_id = known_phases[phase_text.lower()]
    else:
        phase_id = default_phase
    kind = (record.get("kind") or "direct").strip().lower()
    if kind not in DIRECT_WORDS | INDIRECT_WORDS:
        raise ValidationError("not_direct_indirect", value=record.get("kind"))
    return dict(
        name=record.get("name"),
        phase_id=phase_id,
        channel=record.get("channel"),
        department=record.get("department"),
        is_direct=kind in DIRECT_WORDS,
        customer_preferred=parse_yes_no(
            record.get("customer_preferred") or "no", field="customer_preferred"
        ),
        company_served=parse_yes_no(record.get("company_served") or "yes", field="company_served"),
    )


def import_touchpoints_csv(workshop_id: int, data: bytes | str) -> ImportReport:
    """Add every valid row of a touchpoint CSV; report each rejected row with its reason.

    Valid rows are added in one transaction; a rejected row never stops the others.
    """
    records, _unknown = read_csv(data, CSV_COLUMNS)
    report = ImportReport()
    phases = touchpoints.phases(workshop_id)
    known_phases = {p["name"].lower(): p["id"] for p in phases}
    phase_names = ", ".join(p["name"] for p in phases)
    with store.transaction():
        for index, record in enumerate(records, start=2):
            if record is None:
                continue
            try:
                fields = _fields(record, known_phases, phase_names, phases[0]["id"])
                # Nested: a refused row is undone alone; the others stay in the transaction.
                touchpoints.add_touchpoint(workshop_id, **fields)
                report.added.append(clean_name(fields["name"], field="touchpoint"))
            except ValidationError as err:
                report.rejected.append((index, err.code, err.params))
    return report
