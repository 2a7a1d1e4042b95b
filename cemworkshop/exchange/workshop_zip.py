"""A whole workshop from one machine to another: its rows in the export's ZIP (``data/``, one
JSON-lines file per table, found by following the schema's foreign keys from ``workshops``),
and a new workshop made from them.

    >>> files = data_files(ws_id)                  # name → bytes, added to the ZIP by bundle
    >>> plan = plan_import(zip_bytes)              # a preview: the workshop, rows per file, messages
    >>> made = import_workshop(plan)               # a NewWorkshop with its own link and PIN

Ids are kept where the target database does not use them yet (a fresh machine: export →
import → export gives identical CSV files) and given anew where it does; every reference is
carried over to the new ids. The join code is kept when free; the facilitator link and PIN are
always new, and secrets never leave the machine (sessions are not exported).
"""

from __future__ import annotations

import io
import json
import secrets
import zipfile
from dataclasses import dataclass, field

from cemworkshop import schema, store, workshops
from cemworkshop.validation import ValidationError

DATA = "data/"
MANIFEST = f"{DATA}manifest.json"
LEFT_OUT = {"facilitator_sessions", "barometer_changes", "pin_attempts", "settings",
            "_sqlite_migrations"}  # fmt: skip
MAX_ZIP = 50_000_000


def _tables(db) -> list[str]:
    return [r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " ORDER BY name")]  # fmt: skip


def _columns(db, table: str) -> list[str]:
    return [r[1] for r in db.execute(f"PRAGMA table_info({table})")]


def _links(db, table: str) -> list[tuple[str, str]]:
    """(column, referenced table) of a table's foreign keys."""
    return [(r[3], r[2]) for r in db.execute(f"PRAGMA foreign_key_list({table})")]


def ownership(db) -> dict[str, str]:
    """Every table that holds rows of a workshop → the SQL condition that picks them for
    ``:w``: by ``workshop_id``, or through any of its foreign keys to such tables (a row is
    the workshop's if one of its links leads there — a nullable link alone would miss rows)."""
    tables = [t for t in _tables(db) if t not in LEFT_OUT]
    owned = {"workshops"} | {t for t in tables if "workshop_id" in _columns(db, t)}
    changed = True
    while changed:
        changed = False
        for t in tables:
            if t not in owned and any(
                p in owned and "id" in _columns(db, p) for _, p in _links(db, t)
            ):
                owned.add(t)
                changed = True
    where: dict[str, str] = {}

    def condition(t: str) -> str:
        if t not in where:
            if t == "workshops":
                where[t] = "id = :w"
            elif "workshop_id" in _columns(db, t):
                where[t] = "workshop_id = :w"
            else:
                where[t] = "(" + " OR ".join(
                    f"{col} IN (SELECT id FROM {p} WHERE {condition(p)})"
                    for col, p in _links(db, t) if p in owned and p != t
                ) + ")"  # fmt: skip
        return where[t]

    for t in sorted(owned):
        condition(t)
    return where


def data_files(workshop_id: int) -> dict[str, bytes]:
    """The workshop's rows, one JSON-lines file per table, and a manifest."""
    db = store.connect()
    where = ownership(db)
    files, counts = {}, {}
    for table, condition in sorted(where.items()):
        cols = _columns(db, table)
        keys = [
            r[1]
            for r in sorted(db.execute(f"PRAGMA table_info({table})"), key=lambda r: r[5])
            if r[5]
        ]
        order = ", ".join(keys) or "rowid"  # WITHOUT ROWID tables: by their primary key
        rows = db.execute(
            f"SELECT * FROM {table} WHERE {condition} ORDER BY {order}", {"w": workshop_id}
        ).fetchall()
        files[f"{DATA}{table}.jsonl"] = "".join(
            json.dumps(dict(zip(cols, tuple(r), strict=True)), ensure_ascii=False) + "\n"
            for r in rows
        ).encode("utf-8")
        counts[table] = len(rows)
    manifest = {"app": store.MIGRATION_SET, "schema": schema.SCHEMA_VERSION, "tables": counts}
    files[MANIFEST] = json.dumps(manifest, indent=1).encode("utf-8")
    return files


@dataclass
class ImportPlan:
    """What an import would do: the ``workshop`` (name, company, language), rows per table,
    ``messages`` per file (code, params), ``problems`` that stop it (code, params)."""

    workshop: dict = field(default_factory=dict)
    rows: dict[str, list[dict]] = field(default_factory=dict)
    messages: list[tuple[str, str, dict]] = field(default_factory=list)  # (file, code, params)
    problems: list[tuple[str, dict]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def plan_import(data: bytes) -> ImportPlan:
    """Read a workshop's ZIP without writing anything."""
    plan = ImportPlan()
    if len(data) > MAX_ZIP:
        raise ValidationError("zip_too_big", max_mb=MAX_ZIP // 1_000_000)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except zipfile.BadZipFile:
        raise ValidationError("zip_not_zip") from None
    if MANIFEST not in names:
        raise ValidationError("zip_no_data")
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except ValueError:
        raise ValidationError("zip_no_data") from None
    if manifest.get("app") != store.MIGRATION_SET:
        raise ValidationError("zip_no_data")
    if manifest.get("schema", 0) > schema.SCHEMA_VERSION:
        raise ValidationError("zip_newer", found=manifest["schema"], known=schema.SCHEMA_VERSION)
    known = set(_tables(store.connect()))
    for table, count in sorted(manifest.get("tables", {}).items()):
        name = f"{DATA}{table}.jsonl"
        if table not in known:
            plan.messages.append((name, "zip_table_unknown", {"count": count}))
            continue
        if name not in names:
            plan.problems.append(("zip_file_missing", {"file": name}))
            continue
        try:
            rows = [
                json.loads(line) for line in archive.read(name).decode("utf-8").splitlines() if line
            ]
        except (ValueError, UnicodeDecodeError):
            plan.problems.append(("zip_file_broken", {"file": name}))
            continue
        if len(rows) != count:
            plan.problems.append(
                ("zip_file_count", {"file": name, "count": len(rows), "expected": count})
            )
            continue
        plan.rows[table] = rows
        plan.messages.append((name, "zip_table_rows", {"count": len(rows)}))
    if len(plan.rows.get("workshops", [])) != 1:
        plan.problems.append(("zip_no_workshop", {}))
    else:
        w = plan.rows["workshops"][0]
        plan.workshop = {k: w.get(k, "") for k in ("name", "company", "language")}
    return plan


def _order(db, tables: list[str]) -> tuple[list[str], dict[str, set[str]]]:
    """Parents before children; links inside a cycle are written later (``deferred``)."""
    deps = {t: {p for _, p in _links(db, t) if p in tables and p != t} for t in tables}
    order, deferred, left = [], {t: set() for t in tables}, set(tables)
    while left:
        ready = sorted(t for t in left if not (deps[t] & left))
        if not ready:  # a cycle: the table with the fewest open links goes first, those later
            t = min(sorted(left), key=lambda t: len(deps[t] & left))
            deferred[t] = {c for c, p in _links(db, t) if p in left and p != t}
            ready = [t]
        for t in ready:
            order.append(t)
            left.discard(t)
    return order, deferred


def import_workshop(plan: ImportPlan) -> workshops.NewWorkshop:
    """A new workshop from the plan's rows, in one transaction (see the module's text)."""
    if not plan.ok:
        code, params = plan.problems[0]
        raise ValidationError(code, **params)
    token = secrets.token_urlsafe(32)
    pin = f"{secrets.randbelow(10**6):06d}"
    salt = secrets.token_hex(16)
    with store.transaction() as db:
        order, deferred = _order(db, list(plan.rows))
        ids: dict[str, dict] = {}
        later: list[tuple[str, int, str, str, object]] = []  # table, new id, column, parent, old
        for table in order:
            cols = set(_columns(db, table))
            links = {c: p for c, p in _links(db, table)}
            has_id = "id" in cols
            mapped = ids.setdefault(table, {})
            for row in plan.rows[table]:
                values = {c: v for c, v in row.items() if c in cols}
                for col, parent in links.items():
                    old = values.get(col)
                    if old is None or col not in values:
                        continue
                    if col in deferred[table]:
                        values[col] = None
                        continue
                    values[col] = ids.get(parent, {}).get(old) if parent in plan.rows else None
                if table == "workshops":
                    taken = db.execute(
                        "SELECT 1 FROM workshops WHERE join_code = ?", [values["join_code"]]
                    ).fetchone()
                    if taken:
                        values["join_code"] = workshops._new_join_code(db)
                    values.update(facilitator_token_hash=workshops._hash_token(token), pin_salt=salt,
                                  pin_hash=workshops._hash_pin(pin, salt), pin_failures=0, pin_locked_until=None)  # fmt: skip
                if table == "participants" and values.get("token_hash"):
                    values["token_hash"] = workshops._hash_token(secrets.token_urlsafe(24))
                if (
                    has_id
                    and db.execute(f"SELECT 1 FROM {table} WHERE id = ?", [values["id"]]).fetchone()
                ):
                    del values["id"]  # taken here: a new id
                made = db.execute(
                    f"INSERT INTO {table} ({', '.join(values)}) VALUES ({store.marks(values)})",
                    list(values.values()),
                ).lastrowid
                if has_id:
                    mapped[row["id"]] = values.get("id", made)
                    for col in deferred[table]:
                        if row.get(col) is not None:
                            later.append((table, mapped[row["id"]], col, links[col], row[col]))
        for table, new_id, col, parent, old in later:
            db.execute(
                f"UPDATE {table} SET {col} = ? WHERE id = ?", [ids.get(parent, {}).get(old), new_id]
            )
        new_id = next(iter(ids["workshops"].values()))
        code = db.execute("SELECT join_code FROM workshops WHERE id = ?", [new_id]).fetchone()[0]
    return workshops.NewWorkshop(new_id, code, token, pin)
