"""The CSV format of every export and import: formula-safe cells, encodings, separators.

>>> to_csv(["name"], [["=HYPERLINK(…)"]])   # b"\\xef\\xbb\\xbfname\\r\\n'=HYPERLINK(…)\\r\\n"
>>> rows, unknown = read_csv(data, {"name": ["name", "touchpoint"]})
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

import charset_normalizer

from cemworkshop.validation import ValidationError

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_IMPORT_BYTES = 1_000_000
MAX_IMPORT_ROWS = 2_000

# A cell may be as long as the file (the csv module's default stops at 131,072 characters
# with an error); the import's own rules then refuse overlong names with a row message.
csv.field_size_limit(MAX_IMPORT_BYTES)


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
    """What an import did: names added, updated and skipped; rejected rows as (row, code, params)."""

    added: list[str] = field(default_factory=list)
    rejected: list[tuple[int, str, dict]] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # already there as they are, or not to change


WESTERN_SINGLE_BYTE = {"cp1250", "cp1252", "latin_1", "iso8859_15", "mac_roman", "cp850"}
# What spreadsheets in German- and English-speaking offices write; asked first, so that a
# short German file is not taken for Icelandic Mac text.
LIKELY_ENCODINGS = ["cp1252", "utf_8", "iso8859_15", "cp1250", "cp850", "mac_roman", "latin_1"]


def decode(data: bytes | str) -> str:
    """The text of an uploaded file, whatever encoding a spreadsheet wrote it in.

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are read directly; anything else is
    detected by charset-normalizer, with Windows-1252 preferred among the look-alike Western
    single-byte encodings (what German Excel writes). Undecodable data is refused.
    """
    if isinstance(data, str):
        return data
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise ValidationError("csv_encoding") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = (
        charset_normalizer.from_bytes(data, cp_isolation=LIKELY_ENCODINGS).best()
        or charset_normalizer.from_bytes(data).best()
    )
    if best is None:
        raise ValidationError("csv_encoding")
    if best.encoding in WESTERN_SINGLE_BYTE:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return str(best)


def unneutralise(cell: str) -> str:
    """Undo :func:`neutralise`: ``'=SUM(A1)`` as exported comes back as ``=SUM(A1)``."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_START):
        return cell[1:]
    return cell


def header_key(text: str) -> str:
    return "_".join((text or "").strip().lower().replace("-", " ").split())


def _dialect(text: str) -> str:
    first = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(first, delimiters=",;\t").delimiter
    except csv.Error:
        return ";" if first.count(";") > first.count(",") else ","


def read_rows(
    data: bytes | str, *, max_bytes: int = MAX_IMPORT_BYTES, max_rows: int = MAX_IMPORT_ROWS
) -> tuple[list[list[str]], str]:
    """Every row of a CSV as its cells (the header first; a blank line as ``[]``, so row numbers
    match what a spreadsheet shows) and the separator: any encoding :func:`decode` knows,
    ``,``, ``;`` or tab (sniffed from the first line), CR, LF or CRLF line ends, long cells;
    cells the export guarded against formulas come back as they were. Raises
    ``ValidationError`` for a file that is too big, not text, empty or malformed."""
    if len(data) > max_bytes:
        raise ValidationError("csv_too_big", max_kb=max_bytes // 1000)
    text = decode(data)
    if "\x00" in text:
        raise ValidationError("csv_not_text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    delimiter = _dialect(text)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    found: list[list[str]] = []
    try:
        for cells in reader:
            if len(found) > max_rows:
                raise ValidationError("csv_too_many_rows", max=max_rows)
            found.append([unneutralise(c) for c in cells] if any(c.strip() for c in cells) else [])
    except csv.Error as err:
        raise ValidationError("csv_malformed", line=reader.line_num, reason=str(err)) from None
    if not found or not any(h.strip() for h in found[0]):
        raise ValidationError("csv_empty")
    return found, delimiter


def _column(alias: dict[str, str], key: str) -> str | None:
    """The canonical column of a header; ``<column>_code`` (the stable code an export writes
    beside a column of words) stands for that column and, coming after it, wins."""
    if key in alias:
        return alias[key]
    return alias.get(key[: -len("_code")]) if key.endswith("_code") else None


def read_csv(data: bytes | str, columns: dict[str, list[str]]) -> tuple[list[dict], list[str]]:
    """Rows of a CSV (as :func:`read_rows` reads it) keyed by canonical column; also the
    headers that were not recognised. Raises ``ValidationError`` as :func:`read_rows` does, and
    when ``columns`` has a name column the file lacks. A blank line stays in the list as None,
    so row numbers match what a spreadsheet shows.
    """
    rows, _ = read_rows(data)
    header = rows[0]
    alias = {a: key for key, names in columns.items() for a in names}
    keys = [_column(alias, header_key(h)) for h in header]
    unknown = [h for h, k in zip(header, keys, strict=True) if k is None and h.strip()]
    if "name" in columns and "name" not in keys:
        raise ValidationError("csv_no_name_column", columns=", ".join(header))
    found: list[dict | None] = []
    for cells in rows[1:]:
        if not cells:
            found.append(None)  # blank line: keeps row numbers right, skipped silently
            continue
        record = {k: c for k, c in zip(keys, cells, strict=False) if k}
        record["_extra_cells"] = len(cells) > len(header)
        found.append(record)
    return found, unknown
