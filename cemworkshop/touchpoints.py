"""Touchpoints, the journey phases they sit in, and the journey edges between them.

    >>> tp = add_touchpoint(ws_id, "Website", phase_id=phases(ws_id)[0]["id"], channel="Online")
    >>> add_edge(ws_id, tp, other_tp)
    >>> report = import_touchpoints_csv(ws_id, open("touchpoints.csv", "rb").read())
    >>> report.added, report.rejected      # names added; (row number, reason) pairs

Every function that changes a touchpoint takes the workshop id as well, so an id from
one workshop can never change another's data.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from dataclasses import dataclass, field

from cemworkshop import store
from cemworkshop.validation import ValidationError, clean_name, clean_text, parse_yes_no

MAX_IMPORT_BYTES = 1_000_000
MAX_IMPORT_ROWS = 2_000

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


# --- phases ---------------------------------------------------------------------------


def phases(workshop_id: int) -> list[dict]:
    """The workshop's journey phases in order: ``[{"id", "name", "position"}, …]``."""
    return store.rows(
        "SELECT id, name, position FROM phases WHERE workshop_id = ? ORDER BY position, id",
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


def rename_phase(workshop_id: int, phase_id: int, name: str) -> None:
    """Give a phase a new name."""
    name = clean_name(name, field="phase", max_len=60)
    try:
        with store.transaction() as db:
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
           t.position
    FROM touchpoints t JOIN phases p ON p.id = t.phase_id
"""


def touchpoints(workshop_id: int) -> list[dict]:
    """The workshop's touchpoints in journey order (phase, then position)."""
    return store.rows(
        _SELECT_TOUCHPOINTS
        + " WHERE t.workshop_id = ? ORDER BY p.position, p.id, t.position, t.id",
        [workshop_id],
    )


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


def update_touchpoint(workshop_id: int, touchpoint_id: int, **fields) -> None:
    """Change a touchpoint's fields; moving it to another phase puts it at that phase's end."""
    f = TouchpointFields.clean(**fields)
    with store.transaction() as db:
        _check_phase(db, workshop_id, f.phase_id)
        old = db.execute(
            "SELECT phase_id, position FROM touchpoints WHERE id = ? AND workshop_id = ?",
            [touchpoint_id, workshop_id],
        ).fetchone()
        if old is None:
            raise ValidationError("unknown_touchpoint")
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
            "SELECT count(*) FROM scores s JOIN round_items i ON i.id = s.round_item_id"
            " JOIN touchpoints t ON t.id = i.touchpoint_id WHERE t.id = ? AND t.workshop_id = ?",
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


def abgleich(tps: list[dict]) -> dict[str, list[dict]]:
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


# --- journey edges --------------------------------------------------------------------


def edges(workshop_id: int) -> list[dict]:
    """The journey's edges with both ends' names, in a stable order."""
    return store.rows(
        """SELECT e.id, e.source_id, e.target_id, s.name AS source, t.name AS target
           FROM journey_edges e
           JOIN touchpoints s ON s.id = e.source_id
           JOIN touchpoints t ON t.id = e.target_id
           WHERE e.workshop_id = ? ORDER BY e.source_id, e.target_id""",
        [workshop_id],
    )


def add_edge(workshop_id: int, source_id: int, target_id: int) -> int:
    """Add the path ``source → target``; refuses a loop, a duplicate or another workshop's touchpoint."""
    if source_id == target_id:
        raise ValidationError("edge_loop")
    with store.transaction() as db:
        ends = db.execute(
            "SELECT count(*) FROM touchpoints WHERE workshop_id = ? AND id IN (?, ?)",
            [workshop_id, source_id, target_id],
        ).fetchone()[0]
        if ends != 2:
            raise ValidationError("unknown_touchpoint")
        try:
            cur = db.execute(
                "INSERT INTO journey_edges (workshop_id, source_id, target_id) VALUES (?, ?, ?)",
                [workshop_id, source_id, target_id],
            )
        except sqlite3.IntegrityError:
            raise ValidationError("duplicate_edge") from None
    return cur.lastrowid


def remove_edge(workshop_id: int, edge_id: int) -> None:
    """Remove one path from the journey."""
    with store.transaction() as db:
        db.execute(
            "DELETE FROM journey_edges WHERE id = ? AND workshop_id = ?", [edge_id, workshop_id]
        )


# --- CSV import -----------------------------------------------------------------------


@dataclass
class ImportReport:
    """What an import did: names added, and rejected rows as (row number, code, params)."""

    added: list[str] = field(default_factory=list)
    rejected: list[tuple[int, str, dict]] = field(default_factory=list)


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError("csv_encoding")


def _header_key(text: str) -> str:
    return "_".join((text or "").strip().lower().replace("-", " ").split())


def read_csv(data: bytes | str, columns: dict[str, list[str]]) -> tuple[list[dict], list[str]]:
    """Rows of a CSV (``,`` or ``;``) keyed by canonical column; also the unknown headers.

    Raises ``ValidationError`` for a file that is too big, not text, or has no usable header.
    """
    if len(data) > MAX_IMPORT_BYTES:
        raise ValidationError("csv_too_big", max_kb=MAX_IMPORT_BYTES // 1000)
    text = _decode(data)
    if "\x00" in text:
        raise ValidationError("csv_not_text")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise ValidationError("csv_empty") from None
    alias = {a: key for key, names in columns.items() for a in names}
    keys = [alias.get(_header_key(h)) for h in header]
    unknown = [h for h, k in zip(header, keys, strict=True) if k is None and h.strip()]
    if "name" in columns and "name" not in keys:
        raise ValidationError("csv_no_name_column", columns=", ".join(header))
    found = []
    for cells in reader:
        if len(found) >= MAX_IMPORT_ROWS:
            raise ValidationError("csv_too_many_rows", max=MAX_IMPORT_ROWS)
        if not any(c.strip() for c in cells):
            found.append(None)  # blank line: keeps row numbers right, skipped silently
            continue
        record = {k: c for k, c in zip(keys, cells, strict=False) if k}
        record["_extra_cells"] = len(cells) > len(header)
        found.append(record)
    return found, unknown


def import_touchpoints_csv(workshop_id: int, data: bytes | str) -> ImportReport:
    """Add every valid row of a touchpoint CSV; report each rejected row with its reason.

    Valid rows are added in one transaction; a rejected row never stops the others.
    Row numbers count the header as row 1, as a spreadsheet shows them.
    """
    records, _unknown = read_csv(data, CSV_COLUMNS)
    report = ImportReport()
    known_phases = {p["name"].lower(): p["id"] for p in phases(workshop_id)}
    phase_names = ", ".join(p["name"] for p in phases(workshop_id))
    default_phase = next(iter(known_phases.values()))
    with store.transaction() as db:
        for index, record in enumerate(records, start=2):
            if record is None:
                continue
            try:
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
                fields = TouchpointFields.clean(
                    name=record.get("name"),
                    phase_id=phase_id,
                    channel=record.get("channel"),
                    department=record.get("department"),
                    is_direct=kind in DIRECT_WORDS,
                    customer_preferred=parse_yes_no(
                        record.get("customer_preferred") or "no", field="customer_preferred"
                    ),
                    company_served=parse_yes_no(
                        record.get("company_served") or "yes", field="company_served"
                    ),
                )
                db.execute("SAVEPOINT tp_row")
                try:
                    _insert_touchpoint(db, workshop_id, fields)
                except ValidationError:
                    db.execute("ROLLBACK TO tp_row")
                    raise
                finally:
                    db.execute("RELEASE tp_row")
                report.added.append(fields.name)
            except ValidationError as err:
                report.rejected.append((index, err.code, err.params))
    return report
