"""The CSV format of every export and import: formula-safe cells, encodings, separators.

>>> to_csv(["name"], [["=HYPERLINK(…)"]])   # b"\\xef\\xbb\\xbfname\\r\\n'=HYPERLINK(…)\\r\\n"
>>> rows, unknown = read_csv(data, {"name": ["name", "touchpoint"]})
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from cemworkshop.validation import ValidationError

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_IMPORT_BYTES = 1_000_000
MAX_IMPORT_ROWS = 2_000


def neutralise(cell):
    """A text cell that a spreadsheet would run as a formula, prefixed with ``'``; others unchanged."""
    if isinstance(cell, str) and cell.startswith(FORMULA_START):
        return "'" + cell
    return cell


def to_csv(header: list[str], records: list[list]) -> bytes:
    """A CSV file (comma-separated, UTF-8 with BOM) with every text cell neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for record in records:
        writer.writerow([neutralise(c) for c in record])
    return out.getvalue().encode("utf-8-sig")


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
