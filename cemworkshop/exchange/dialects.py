"""The two CSV dialects of every export, and codes written as words.

    >>> render(TABLES["plan"](ws_id), "plan", dialect="excel_de", lang="de")

``standard``: UTF-8 (with BOM), comma, numbers with a decimal point, ISO dates.
``excel_de``: what German Excel opens in columns on a double click — UTF-8 with BOM, ``;``,
decimal comma, dates as 24.11.2026 (times as 24.11.2026 14:30, as stored: UTC where the app
stamps them). In both, a column of codes (a status, yes/no, direct/indirect …) is written as
words in the workshop's language, with the stable code beside it in ``<column>_code``; the
imports read the code column when it is there. Formula-like cells stay neutralised.
"""

from __future__ import annotations

import csv
import io
import re

from cemworkshop.i18n import catalogue

DIALECTS = ("standard", "excel_de")
YES_NO = {"yes": "export.word_yes", "no": "export.word_no"}
# per table: column → a catalogue prefix (code appended) or a dict code → catalogue key
CODES: dict[str, dict[str, str | dict[str, str]]] = {
    "touchpoints": {
        "kind": {"direct": "export.word_direct", "indirect": "export.word_indirect"},
        "customer_preferred": YES_NO, "company_served": YES_NO,
    },
    "goals": {"top": YES_NO},
    "competitors": {"own": YES_NO},
    "ideas": {"hidden": YES_NO},
    "votes": {"tied": YES_NO},
    "scores": {"round_status": {"open": "round.status_open", "closed": "round.status_closed"},
               "dimension": "dimension."},
    "kpis": {"direction": {"higher": "export.word_higher", "lower": "export.word_lower"},
             "target_against_direction": YES_NO},
    "feedback_sources": {"available": YES_NO},
    "measures": {"selected": YES_NO},
    "board": {"patron": YES_NO},
    "communication": {"status": "org.status."},
    "trainings": {"format": "org.format.", "status": "org.status."},
    "plan": {"status": "plan.status."},
    "ideas_bank": {"status": "bank.status.", "source": "bank.source."},
    "complaints": {"status": "compl.status."},
    "rewards": {"status": "rewards.status."},
    "kpi_values": {"judgement": "kpi5.",
                   "source": {"entered": "kpi5.entered", "barometer": "export.word_barometer"}},
    "obstacles": {"link": "obst.link.", "status": "obst.status."},
    "agenda": {"kind": "agenda.kind_"},
}  # fmt: skip

NUMBER = re.compile(r"-?\d+\.\d+")
DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
MOMENT = re.compile(r"(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?Z?")


def _word(how, code: str, lang: str) -> str:
    if code == "":
        return ""
    key = how.get(code) if isinstance(how, dict) else f"{how}{code}"
    if key is None:
        return code
    return catalogue(lang).get(key, code)  # an unknown code stays as it is


def _german(cell: str) -> str:
    if NUMBER.fullmatch(cell):
        return cell.replace(".", ",")
    found = DAY.fullmatch(cell)
    if found:
        y, m, d = found.groups()
        return f"{d}.{m}.{y}"
    found = MOMENT.fullmatch(cell)
    if found:
        y, m, d, hh, mm = found.groups()
        return f"{d}.{m}.{y} {hh}:{mm}"
    return cell


def render(data: bytes, table: str, *, dialect: str, lang: str) -> bytes:
    """A table as :mod:`tables` writes it (standard, codes as codes) in ``dialect``, with its
    code columns as words in ``lang`` and ``<column>_code`` beside each."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    if not rows:
        return data
    header, body = rows[0], rows[1:]
    codes = CODES.get(table, {})
    out_header: list[str] = []
    plan: list[tuple[int, object]] = []  # (source column, how to write it) per output column
    for i, name in enumerate(header):
        if name in codes:
            out_header += [name, f"{name}_code"]
            plan += [(i, codes[name]), (i, None)]
        else:
            out_header.append(name)
            plan.append((i, None))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if dialect == "excel_de" else ",", lineterminator="\r\n")
    writer.writerow(out_header)
    for row in body:
        cells = []
        for i, how in plan:
            cell = row[i] if i < len(row) else ""
            if how is not None:
                cell = _word(how, cell, lang)
            elif dialect == "excel_de":
                cell = _german(cell)
            cells.append(cell)
        writer.writerow(cells)
    return out.getvalue().encode("utf-8-sig")
