"""The run of the day: a workshop's format and its agenda — blocks of the app's sections, talks,
breaks and new days, each with a time box and a one-line goal — and what actually happened.

    >>> load_format(ws_id, "management_day", "de")   # the format's agenda (data/agendas/*.csv)
    >>> start(ws_id, block_id)                       # ends the block running, starts this one
    >>> schedule(blocks(ws_id), "09:00")             # planned start and end, actual, over-run
    >>> now_and_next(ws_id, datetime.now())          # the block running, its time left, the next

The agendas are data, one file per format and language, in plain words a facilitator can
adapt. Times are the facilitator's local wall-clock time.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cemworkshop import store
from cemworkshop.records import check_owned
from cemworkshop.validation import (
    ValidationError,
    clean_choice,
    clean_long_text,
    clean_name,
    clean_number,
)

AGENDAS = Path(__file__).resolve().parent.parent / "data" / "agendas"
FORMATS = ("management_day", "touchpoint_mapping", "board_training", "free")
KINDS = ("section", "talk", "break", "day")
TARGET = re.compile(r"step[1-5]:[a-z_]+")


def _stamp(now: datetime | None) -> str:
    return (now or datetime.now()).strftime("%Y-%m-%dT%H:%M:%S")


def format_blocks(name: str, lang: str) -> list[dict]:
    """A format's agenda as its file writes it (empty for ``free``)."""
    clean_choice(name, field="format", choices=FORMATS)
    if name == "free":
        return []
    with open(
        AGENDAS / f"{name}.{lang if lang in ('de', 'en') else 'de'}.csv", encoding="utf-8"
    ) as f:
        return [{**r, "minutes": int(r["minutes"])} for r in csv.DictReader(f)]


def settings(workshop_id: int) -> dict:
    return store.row("SELECT format, day_start FROM workshops WHERE id = ?", [workshop_id]) or {
        "format": "free", "day_start": "09:00"}  # fmt: skip


def set_day_start(workshop_id: int, day_start: str) -> None:
    """When the day begins (``HH:MM``): the planned times count from there."""
    text = (day_start or "").strip()
    if not re.fullmatch(r"([01]?\d|2[0-3]):[0-5]\d", text):
        raise ValidationError("not_a_time", value=day_start)
    with store.transaction() as db:
        db.execute(
            "UPDATE workshops SET day_start = ? WHERE id = ?",
            [f"{int(text[:-3]):02d}:{text[-2:]}", workshop_id],
        )


def load_format(workshop_id: int, name: str, lang: str) -> int:
    """Replace the agenda with the format's (``free``: an empty one); returns how many blocks."""
    found = format_blocks(name, lang)
    with store.transaction() as db:
        db.execute("DELETE FROM agenda_blocks WHERE workshop_id = ?", [workshop_id])
        db.execute("UPDATE workshops SET format = ? WHERE id = ?", [name, workshop_id])
        for position, b in enumerate(found):
            db.execute(
                "INSERT INTO agenda_blocks (workshop_id, position, kind, target, round_kind, title,"
                " goal, minutes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    workshop_id,
                    position,
                    b["kind"],
                    b["target"],
                    b.get("round") or "",
                    b["title"],
                    b["goal"],
                    b["minutes"],
                ],
            )
    return len(found)


def blocks(workshop_id: int) -> list[dict]:
    return store.rows(
        "SELECT * FROM agenda_blocks WHERE workshop_id = ? ORDER BY position, id", [workshop_id]
    )


def _clean(kind: str, target: str, title: str, goal: str, minutes, round_kind: str = "") -> list:
    clean_choice(kind, field="kind", choices=KINDS)
    clean_choice(round_kind or "", field="round_kind", choices=("", *ROUNDS))
    target = (target or "").strip()
    if kind == "section" and not TARGET.fullmatch(target):
        raise ValidationError("unknown_choice", field="target", value=target)
    if kind != "section":
        target = ""
    minutes = clean_number(minutes, field="minutes", low=0, high=600, whole=True)
    return [kind, target, clean_name(title, field="title", max_len=120),
            clean_long_text(goal, field="goal", max_len=300), 0 if minutes is None else minutes,
            round_kind if kind == "section" else ""]  # fmt: skip


def add_block(
    workshop_id: int, *, kind: str, title: str, minutes, goal: str = "", target: str = "",
    round_kind: str = "",
) -> int:  # fmt: skip
    """A block at the end of the agenda (``round_kind``: a live round it opens when it starts)."""
    values = _clean(kind, target, title, goal, minutes, round_kind)
    with store.transaction() as db:
        position = db.execute(
            "SELECT coalesce(max(position) + 1, 0) FROM agenda_blocks WHERE workshop_id = ?",
            [workshop_id],
        ).fetchone()[0]
        return db.execute(
            "INSERT INTO agenda_blocks (workshop_id, position, kind, target, title, goal, minutes,"
            " round_kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [workshop_id, position, *values],
        ).lastrowid


def update_block(
    workshop_id: int, block_id: int, *, kind: str, title: str, minutes, goal: str = "",
    target: str = "", round_kind: str = "", version: int | None = None,
) -> None:  # fmt: skip
    values = _clean(kind, target, title, goal, minutes, round_kind)
    with store.transaction() as db:
        check_owned(db, "agenda_blocks", workshop_id, block_id, "unknown_record")
        store.claim_version(db, "agenda_blocks", block_id, version, lambda r: r["title"])
        db.execute(
            "UPDATE agenda_blocks SET kind = ?, target = ?, title = ?, goal = ?, minutes = ?,"
            " round_kind = ? WHERE id = ?",
            [*values, block_id],
        )


def delete_block(workshop_id: int, block_id: int) -> None:
    with store.transaction() as db:
        db.execute(
            "DELETE FROM agenda_blocks WHERE id = ? AND workshop_id = ?", [block_id, workshop_id]
        )


def move(workshop_id: int, block_id: int, step: int) -> None:
    """Move a block one place up (``-1``) or down (``+1``); at either end nothing changes."""
    with store.transaction() as db:
        order = [r[0] for r in db.execute(
            "SELECT id FROM agenda_blocks WHERE workshop_id = ? ORDER BY position, id", [workshop_id])]  # fmt: skip
        if block_id not in order:
            raise ValidationError("unknown_record")
        at = order.index(block_id)
        to = at + step
        if 0 <= to < len(order):
            order[at], order[to] = order[to], order[at]
        for position, bid in enumerate(order):
            db.execute("UPDATE agenda_blocks SET position = ? WHERE id = ?", [position, bid])


# ---- the day as it runs ------------------------------------------------------------------

ROUNDS = ("five_rules", "touchpoint_scoring", "ideas", "impact_effort")  # a block may open one


def open_round(workshop_id: int, block: dict, lang: str) -> int | None:
    """Open the live round a block brings, with what its section would offer first: the five
    rules; every touchpoint; the prioritised touchpoints (five) for ideas; the candidate
    measures (fifteen) for impact and effort. None when the block brings none; refused
    (``ValidationError``) while another round is open or when there is nothing to rate."""
    from cemworkshop import priorities
    from cemworkshop import touchpoints as tps
    from cemworkshop.i18n import translate
    from cemworkshop.rounds import lifecycle
    from cemworkshop.rounds.five_rules import KIND as FIVE_RULES
    from cemworkshop.rounds.ideas_round import KIND as IDEAS
    from cemworkshop.rounds.impact_effort import KIND as IMPACT_EFFORT
    from cemworkshop.rounds.touchpoint_scoring import KIND as SCORING
    from cemworkshop.rounds.touchpoint_scoring import prioritised_touchpoints

    every = lambda: [t["id"] for t in tps.touchpoints(workshop_id)]  # noqa: E731
    how = {  # the round's kind and what its section offers first
        "five_rules": lambda: (FIVE_RULES.name, {"title": translate("strategy.rules_round_title", lang)}),
        "impact_effort": lambda: (IMPACT_EFFORT.name, {
            "title": translate("priority.round_title", lang),
            "measure_ids": [m["id"] for m in priorities.candidates(workshop_id)][:15]}),
        "ideas": lambda: (IDEAS.name, {"title": block["title"],
                                       "touchpoint_ids": (prioritised_touchpoints(workshop_id) or every())[:5]}),
        "touchpoint_scoring": lambda: (SCORING.name, {"title": block["title"], "touchpoint_ids": every()}),
    }  # fmt: skip
    chosen = how.get(block.get("round_kind") or "")
    if chosen is None:
        return None
    kind, options = chosen()
    return lifecycle.open_round(workshop_id, kind, hide_results=True, **options)


def start(workshop_id: int, block_id: int, now: datetime | None = None) -> None:
    """Start a block: the block running until now ends at this moment. A block started again
    keeps its first start and runs on (its end is cleared)."""
    at = _stamp(now)
    with store.transaction() as db:
        check_owned(db, "agenda_blocks", workshop_id, block_id, "unknown_record")
        db.execute(
            "UPDATE agenda_blocks SET ended_at = ? WHERE workshop_id = ? AND started_at IS NOT NULL"
            " AND ended_at IS NULL AND id <> ?",
            [at, workshop_id, block_id],
        )
        db.execute(
            "UPDATE agenda_blocks SET started_at = coalesce(started_at, ?), ended_at = NULL,"
            " version = version + 1 WHERE id = ?",
            [at, block_id],
        )


def finish(workshop_id: int, now: datetime | None = None) -> None:
    """End the block running (the end of the day, or of a part of it)."""
    with store.transaction() as db:
        db.execute(
            "UPDATE agenda_blocks SET ended_at = ? WHERE workshop_id = ? AND started_at IS NOT NULL"
            " AND ended_at IS NULL",
            [_stamp(now), workshop_id],
        )


def current(workshop_id: int) -> dict | None:
    """The block running now (started, not ended), or None."""
    return store.row(
        "SELECT * FROM agenda_blocks WHERE workshop_id = ? AND started_at IS NOT NULL"
        " AND ended_at IS NULL ORDER BY started_at DESC LIMIT 1",
        [workshop_id],
    )


@dataclass(frozen=True)
class Now:
    block: dict | None  # running now
    seconds_left: int | None  # of its time box (negative: over-run)
    next: dict | None  # the next block not yet started (days and breaks included)


def now_and_next(
    workshop_id: int, now: datetime | None = None, found: list[dict] | None = None
) -> Now:
    """The block running, its time left and the next — of ``found``, the blocks a page has read
    already (read here without them)."""
    found = blocks(workshop_id) if found is None else found
    running = next((b for b in found if b["started_at"] and not b["ended_at"]), None)
    after = found[found.index(running) + 1 :] if running else found
    upcoming = next((b for b in after if not b["started_at"]), None)
    left = None
    if running:
        elapsed = (
            (now or datetime.now()) - datetime.fromisoformat(running["started_at"])
        ).total_seconds()
        left = int(running["minutes"] * 60 - elapsed)
    return Now(running, left, upcoming)


def _minutes(hhmm: str) -> int:
    return int(hhmm[:2]) * 60 + int(hhmm[3:5])


def _clock(minutes: int) -> str:
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def schedule(found: list[dict], day_start: str) -> list[dict]:
    """Each block with ``day`` (1, 2 …), its planned ``start`` and ``end`` (``HH:MM``: the day
    starts at ``day_start``, a ``day`` block starts the next one), its actual ``actual_start``,
    ``actual_end`` (``HH:MM``, or None) and ``actual_minutes`` and ``overrun`` (actual minus
    planned, for ended blocks)."""
    out, day, clock = [], 1, _minutes(day_start)
    for i, b in enumerate(found):
        if b["kind"] == "day" and i > 0:
            day, clock = day + 1, _minutes(day_start)
        start_at, clock = clock, clock + (0 if b["kind"] == "day" else b["minutes"])
        actual = None
        if b["started_at"] and b["ended_at"]:
            seconds = (
                datetime.fromisoformat(b["ended_at"]) - datetime.fromisoformat(b["started_at"])
            ).total_seconds()
            actual = round(seconds / 60)
        out.append({
            **b, "day": day, "start": _clock(start_at), "end": _clock(clock),
            "actual_start": b["started_at"][11:16] if b["started_at"] else None,
            "actual_end": b["ended_at"][11:16] if b["ended_at"] else None,
            "actual_minutes": actual,
            "overrun": None if actual is None or b["kind"] == "day" else actual - b["minutes"],
        })  # fmt: skip
    return out


def overrun_text(minutes: int | None) -> str:
    """An over-run as a reader sees it: "+6", "−2", "±0", "–" without one."""
    if minutes is None:
        return "–"
    return "±0" if minutes == 0 else f"{minutes:+d}".replace("-", "−")


def totals(found: list[dict], day_start: str) -> dict:
    """``minutes`` of all blocks, ``days`` and the planned ``end`` of the last day."""
    planned = schedule(found, day_start)
    return {"minutes": sum(b["minutes"] for b in found if b["kind"] != "day"),
            "days": planned[-1]["day"] if planned else 1,
            "end": planned[-1]["end"] if planned else day_start}  # fmt: skip
