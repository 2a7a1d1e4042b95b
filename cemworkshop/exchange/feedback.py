"""Customer feedback from a CSV: what a survey tool, a review portal or German Excel wrote.

    >>> plan = plan_feedback(ws_id, data)      # nothing written: rows, refusals, names to map
    >>> plan.unmatched                         # {"Lieferng": ["Lieferung", …]} suggestions
    >>> import_feedback(ws_id, plan, mapping={"Lieferng": 12, "Hotline": None}, create={…})

Columns (German or English headers): date, channel, touchpoint, text, rating, source. Dates as
24.11.2026, 2026-11-24 or 2026-11-24 14:30:00; ratings 1–5 (a comma decimal is fine) or, if
the file uses 0–10, read on that scale and stored on 1–5. A survey export with three header
rows (Qualtrics: column ids, question texts, ``{"ImportId": …}``) loses the two extra rows.
Touchpoint names match exactly (ignoring case and spaces) or are listed with close matches
(rapidfuzz) to map, create or leave. A fingerprint of every row keeps a second import of the
same file from doubling anything.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from cemworkshop import store
from cemworkshop.exchange.csvfile import read_csv
from cemworkshop.exchange.touchpoint_names import key, match_names, resolve
from cemworkshop.validation import ValidationError

COLUMNS = {
    "date": ["date", "datum", "recordeddate", "recorded_date", "enddate", "end_date",
             "startdate", "created", "created_at", "erstellt"],
    "channel": ["channel", "kanal", "medium", "plattform", "platform"],
    "touchpoint": ["touchpoint", "kontaktpunkt", "touch_point"],
    "text": ["text", "kommentar", "comment", "feedback", "freitext", "answer", "antwort",
             "review", "bewertungstext"],
    "rating": ["rating", "bewertung", "score", "note", "sterne", "stars", "nps"],
    "source": ["source", "quelle", "tool"],
}  # fmt: skip
MAX_TEXT = 2_000
SCALES = ("1-5", "0-10")


@dataclass
class FeedbackRow:
    line: int  # the row number a spreadsheet shows
    given_on: str
    channel: str
    touchpoint: str  # as written in the file
    text: str
    rating: float | None
    source: str
    fingerprint: str


@dataclass
class FeedbackPlan:
    """What an import would do. ``rows`` are importable, ``duplicates`` were imported before,
    ``rejected`` are (line, code, params); ``matched`` maps names to touchpoint ids,
    ``unmatched`` lists the other names with close matches (names of touchpoints)."""

    rows: list[FeedbackRow] = field(default_factory=list)
    duplicates: int = 0
    rejected: list[tuple[int, str, dict]] = field(default_factory=list)
    matched: dict[str, int] = field(default_factory=dict)
    unmatched: dict[str, list[str]] = field(default_factory=dict)
    scale: str = "1-5"
    unknown_columns: list[str] = field(default_factory=list)


def _day(text: str) -> str:
    raw = (text or "").strip()
    if not raw:
        raise ValueError
    found = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ ,]+\d{1,2}:\d{2}(?::\d{2})?)?", raw)
    if found:
        d, m, y = (int(g) for g in found.groups())
        return date(y, m, d).isoformat()
    found = re.fullmatch(
        r"(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?Z?)?", raw
    )
    if found:
        y, m, d = (int(g) for g in found.groups())
        return date(y, m, d).isoformat()
    raise ValueError


def _number(text: str) -> float | None:
    raw = (text or "").strip().replace(",", ".")
    if not raw:
        return None
    return float(raw)


def _qualtrics(records: list) -> list:
    """Drop a survey export's second and third header rows (question texts, import ids)."""
    if len(records) >= 2 and records[1] and any(
        str(v).lstrip().startswith('{"ImportId"') for k, v in records[1].items() if k != "_extra_cells"
    ):  # fmt: skip
        return [None, None, *records[2:]]  # keep the line numbers
    return records


def plan_feedback(workshop_id: int, data: bytes | str, *, scale: str | None = None) -> FeedbackPlan:
    """Read the file and say what an import would do; writes nothing. ``scale`` (``1-5`` or
    ``0-10``) is the file's rating scale; without it, 0–10 is assumed when a rating is 0 or
    more than a tenth of the ratings are above 5 (a lone 7 in a 1–5 file is refused instead)."""
    records, unknown = read_csv(data, COLUMNS)
    records = _qualtrics(records)
    plan = FeedbackPlan(unknown_columns=unknown)
    if not any(r and "text" in r for r in records) and not any(
        r and "rating" in r for r in records
    ):
        raise ValidationError("csv_no_feedback_column")
    numbers = []
    for r in records:
        try:
            numbers.append(_number(r.get("rating", "")) if r else None)
        except ValueError:
            numbers.append(None)
    given = [n for n in numbers if n is not None]
    wide = any(n == 0 for n in given) or sum(n > 5 for n in given) > len(given) / 10
    plan.scale = scale if scale in SCALES else ("0-10" if wide else "1-5")
    seen = {
        r[0]
        for r in store.connect().execute(
            "SELECT fingerprint FROM feedback WHERE workshop_id = ?", [workshop_id]
        )
    }
    in_file: set[str] = set()
    for n, r in enumerate(records, start=2):
        if r is None:
            continue
        try:
            given_on = _day(r.get("date", ""))
        except ValueError:
            plan.rejected.append((n, "feedback_bad_date", {"value": r.get("date", "")}))
            continue
        try:
            rating = _number(r.get("rating", ""))
        except ValueError:
            plan.rejected.append((n, "feedback_bad_rating", {"value": r.get("rating", "")}))
            continue
        if rating is not None:
            if plan.scale == "0-10":
                if not 0 <= rating <= 10:
                    plan.rejected.append((n, "feedback_bad_rating", {"value": r["rating"]}))
                    continue
                rating = round(1 + rating * 0.4, 2)
            elif not 1 <= rating <= 5:
                plan.rejected.append((n, "feedback_bad_rating", {"value": r["rating"]}))
                continue
        text = (r.get("text") or "").strip()
        if len(text) > MAX_TEXT:
            plan.rejected.append((n, "feedback_too_long", {"max": MAX_TEXT}))
            continue
        if not text and rating is None:
            plan.rejected.append((n, "feedback_empty", {}))
            continue
        row = FeedbackRow(
            line=n, given_on=given_on, channel=(r.get("channel") or "").strip()[:80],
            touchpoint=(r.get("touchpoint") or "").strip()[:120], text=text, rating=rating,
            source=(r.get("source") or "").strip()[:120], fingerprint="",
        )  # fmt: skip
        row.fingerprint = hashlib.sha1(
            "\x1f".join(
                [
                    row.given_on,
                    row.channel,
                    key(row.touchpoint),
                    row.text,
                    str(row.rating),
                    row.source,
                ]
            ).encode()
        ).hexdigest()
        if row.fingerprint in seen or row.fingerprint in in_file:
            plan.duplicates += 1
            continue
        in_file.add(row.fingerprint)
        plan.rows.append(row)
    plan.matched, plan.unmatched = match_names(workshop_id, (row.touchpoint for row in plan.rows))
    return plan


def import_feedback(
    workshop_id: int, plan: FeedbackPlan, *, mapping: dict[str, int | None] | None = None,
    create: dict[str, int] | None = None,
) -> int:  # fmt: skip
    """Write the plan's rows in one transaction; returns how many. ``mapping`` says which
    touchpoint an unmatched name stands for (None: none), ``create`` which names become new
    touchpoints in which phase. A row whose fingerprint arrived meanwhile is skipped."""
    with store.transaction() as db:
        ids = resolve(workshop_id, plan.matched, mapping=mapping, create=create)
        written = 0
        for row in plan.rows:
            done = db.execute(
                "INSERT OR IGNORE INTO feedback (workshop_id, touchpoint_id, given_on, channel,"
                " text, rating, source, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [workshop_id, ids.get(row.touchpoint), row.given_on, row.channel, row.text,
                 row.rating, row.source, row.fingerprint],
            ).rowcount  # fmt: skip
            written += done
    return written
