"""Live rounds: the facilitator opens one, participants submit, the facilitator closes and reveals.

    >>> rid = open_scoring_round(ws_id, [tp1, tp2], with_competitor=True, hide_results=True)
    >>> submit_scores(rid, participant_id, {tp1: {"importance": 5, "performance": 2}})
    >>> status(rid)        # who has submitted, who in the room is still missing
    >>> reveal_round(rid); close_round(rid)

A round has a kind (``scoring`` now; ``brainstorm`` and ``dotvote`` use the same life
cycle and ``round_items``) and at most one round per workshop is open at a time, so a
participant's page always knows what to show.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pandas as pd

from cemworkshop import store
from cemworkshop.validation import ValidationError, clean_text

SCALE = (1, 5)
BASE_DIMENSIONS = ("importance", "performance")
COMPETITOR = "competitor"
PRESENT_FOR = timedelta(minutes=3)  # a participant seen this recently counts as in the room
SEEN_EVERY = timedelta(seconds=20)  # how often a polling page refreshes last_seen


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def open_scoring_round(
    workshop_id: int,
    touchpoint_ids: list[int],
    *,
    with_competitor: bool = False,
    hide_results: bool = False,
    title: str = "",
) -> int:
    """Open a scoring round on these touchpoints (importance, performance, optionally competitor).

    Refuses when no touchpoint is chosen, a touchpoint is not the workshop's, or another
    round of the workshop is still open.
    """
    ids = list(dict.fromkeys(int(t) for t in touchpoint_ids))
    if not ids:
        raise ValidationError("round_needs_touchpoints")
    title = clean_text(title, field="round_title", max_len=120)
    dimensions = BASE_DIMENSIONS + ((COMPETITOR,) if with_competitor else ())
    with store.transaction() as db:
        if db.execute(
            "SELECT 1 FROM rounds WHERE workshop_id = ? AND status = 'open'", [workshop_id]
        ).fetchone():
            raise ValidationError("round_already_open")
        placeholders = ",".join("?" * len(ids))
        # Items follow the journey order, whatever order the facilitator clicked them in.
        ordered = [
            r[0]
            for r in db.execute(
                f"SELECT t.id FROM touchpoints t JOIN phases p ON p.id = t.phase_id"
                f" WHERE t.workshop_id = ? AND t.id IN ({placeholders})"
                f" ORDER BY p.position, t.position, t.id",
                [workshop_id, *ids],
            )
        ]
        if len(ordered) != len(ids):
            raise ValidationError("unknown_touchpoint")
        cur = db.execute(
            "INSERT INTO rounds (workshop_id, kind, title, dimensions, hide_results)"
            " VALUES (?, 'scoring', ?, ?, ?)",
            [workshop_id, title, ",".join(dimensions), hide_results],
        )
        round_id = cur.lastrowid
        for position, tp in enumerate(ordered):
            db.execute(
                "INSERT INTO round_items (round_id, touchpoint_id, position) VALUES (?, ?, ?)",
                [round_id, tp, position],
            )
    return round_id


def _with_dimensions(r: dict | None) -> dict | None:
    if r is not None:
        r["dimensions"] = tuple(d for d in r["dimensions"].split(",") if d)
    return r


_SELECT_ROUND = (
    "SELECT id, workshop_id, kind, topic, title, status, dimensions, hide_results, revealed,"
    " opened_at, closed_at FROM rounds"
)


def get_round(round_id: int) -> dict | None:
    """One round: kind, status, dimensions (a tuple), hide_results, revealed, times."""
    return _with_dimensions(store.row(_SELECT_ROUND + " WHERE id = ?", [round_id]))


def open_round(workshop_id: int) -> dict | None:
    """The workshop's open round, or None: what every participant's page shows."""
    return _with_dimensions(
        store.row(_SELECT_ROUND + " WHERE workshop_id = ? AND status = 'open'", [workshop_id])
    )


def list_rounds(workshop_id: int) -> list[dict]:
    """All rounds of the workshop, newest first, with how many people submitted to each."""
    found = store.rows(
        _SELECT_ROUND.replace(
            " FROM rounds",
            ", (SELECT count(DISTINCT s.participant_id) FROM scores s"
            " JOIN round_items i ON i.id = s.round_item_id WHERE i.round_id = rounds.id)"
            " AS submitted FROM rounds",
        )
        + " WHERE workshop_id = ? ORDER BY id DESC",
        [workshop_id],
    )
    return [_with_dimensions(r) for r in found]


def round_items(round_id: int) -> list[dict]:
    """The touchpoints a round asks about, in journey order, with their phase."""
    return store.rows(
        """SELECT i.id AS item_id, t.id AS touchpoint_id, t.name, p.name AS phase
           FROM round_items i JOIN touchpoints t ON t.id = i.touchpoint_id
           JOIN phases p ON p.id = t.phase_id
           WHERE i.round_id = ? ORDER BY i.position""",
        [round_id],
    )


def submit_scores(
    round_id: int, participant_id: int, scores: dict[int, dict[str, int | None]]
) -> int:
    """Store one participant's touchpoint scores ``{touchpoint_id: {dimension: 1–5 or None}}``.

    Returns how many values were stored. A new value replaces the participant's earlier one;
    None removes it. Everything is checked before anything is written, in one short
    transaction: the round must be open, the participant in its workshop, every touchpoint
    in the round, every value 1–5.
    """
    with store.transaction() as db:
        wanted = list(scores)
        marks = ",".join("?" * len(wanted))
        items = (
            {
                r["touchpoint_id"]: r["id"]
                for r in db.execute(
                    f"SELECT id, touchpoint_id FROM round_items WHERE round_id = ?"
                    f" AND touchpoint_id IN ({marks})",
                    [round_id, *wanted],
                )
            }
            if wanted
            else {}
        )
        by_item = {}
        for touchpoint_id, values in scores.items():
            if touchpoint_id not in items:
                _check_round(db, round_id, participant_id)  # a closed round says so first
                raise ValidationError("unknown_touchpoint")
            by_item[items[touchpoint_id]] = values
        # The items were just looked up in this round: no need to check them again.
        return _write_scores(db, round_id, participant_id, by_item, items_known=True)


def submit_item_scores(
    round_id: int, participant_id: int, scores: dict[int, dict[str, int | None]]
) -> int:
    """Like :func:`submit_scores`, keyed by round item (any topic: touchpoints or benchmark)."""
    with store.transaction() as db:
        return _write_scores(db, round_id, participant_id, scores)


def _check_round(db, round_id: int, participant_id: int):
    # One look-up checks the round and that the participant belongs to its workshop.
    rnd = db.execute(
        "SELECT r.kind, r.status, r.dimensions, p.id AS member FROM rounds r"
        " LEFT JOIN participants p ON p.workshop_id = r.workshop_id AND p.id = ?"
        " WHERE r.id = ?",
        [participant_id, round_id],
    ).fetchone()
    if rnd is None or rnd["kind"] != "scoring":
        raise ValidationError("unknown_round")
    if rnd["status"] != "open":
        raise ValidationError("round_closed")
    if rnd["member"] is None:
        raise ValidationError("not_a_participant")
    return rnd


def _write_scores(
    db, round_id: int, participant_id: int, by_item: dict, *, items_known: bool = False
) -> int:
    rnd = _check_round(db, round_id, participant_id)
    if by_item and not items_known:
        marks = ",".join("?" * len(by_item))
        known = {
            r[0]
            for r in db.execute(
                f"SELECT id FROM round_items WHERE round_id = ? AND id IN ({marks})",
                [round_id, *by_item],
            )
        }
        if set(by_item) - known:
            raise ValidationError("unknown_touchpoint")
    allowed = set(rnd["dimensions"].split(","))
    clean: list[tuple[int, str, int | None]] = []
    for item_id, values in by_item.items():
        for dimension, value in values.items():
            if dimension not in allowed:
                raise ValidationError("unknown_dimension", value=dimension)
            if value is not None:
                if isinstance(value, bool) or not isinstance(value, int):
                    raise ValidationError("score_out_of_range", value=value)
                if not SCALE[0] <= value <= SCALE[1]:
                    raise ValidationError("score_out_of_range", value=value)
            clean.append((item_id, dimension, value))
    now = _now()
    for item_id, dimension, value in clean:
        if value is None:
            db.execute(
                "DELETE FROM scores WHERE round_item_id = ? AND participant_id = ? AND dimension = ?",
                [item_id, participant_id, dimension],
            )
        else:
            db.execute(
                "INSERT INTO scores (round_item_id, participant_id, dimension, value,"
                " submitted_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (round_item_id, participant_id, dimension)"
                " DO UPDATE SET value = excluded.value, submitted_at = excluded.submitted_at",
                [item_id, participant_id, dimension, value, now],
            )
    db.execute("UPDATE participants SET last_seen = ? WHERE id = ?", [now, participant_id])
    return sum(1 for _, _, v in clean if v is not None)


def my_scores(
    round_id: int, participant_id: int, *, by_item: bool = False
) -> dict[int, dict[str, int]]:
    """This participant's scores in the round: ``{touchpoint_id: {dimension: value}}``.

    ``by_item=True`` keys them by round item instead (any topic, touchpoints or benchmark).
    """
    key = "s.round_item_id" if by_item else "i.touchpoint_id"
    found: dict[int, dict[str, int]] = {}
    for r in store.rows(
        f"""SELECT {key} AS k, s.dimension, s.value FROM scores s
            JOIN round_items i ON i.id = s.round_item_id
            WHERE i.round_id = ? AND s.participant_id = ?""",
        [round_id, participant_id],
    ):
        found.setdefault(r["k"], {})[r["dimension"]] = r["value"]
    return found


def mark_seen(participant_id: int, last_seen: str | None) -> str | None:
    """Refresh a participant's ``last_seen`` if it is older than 20 s; returns the stored value.

    Polling pages call this every second; writing only every 20 s keeps the write path free.
    """
    now = datetime.now(UTC)
    if last_seen:
        seen = datetime.strptime(last_seen, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
        if now - seen < SEEN_EVERY:
            return last_seen
    stamp = _now()
    with store.transaction() as db:
        db.execute("UPDATE participants SET last_seen = ? WHERE id = ?", [stamp, participant_id])
    return stamp


def status(round_id: int) -> dict:
    """Who has submitted and who in the room is still missing.

    ``{"submitted": [participant…], "missing": [participant…], "scores": n}``; a participant
    counts as in the room when their page was open in the last three minutes.
    """
    rnd = store.row("SELECT workshop_id FROM rounds WHERE id = ?", [round_id])
    if rnd is None:
        raise ValidationError("unknown_round")
    people = store.rows(
        """SELECT p.id, p.name, p.last_seen,
                  (SELECT count(*) FROM scores s JOIN round_items i ON i.id = s.round_item_id
                   WHERE i.round_id = ? AND s.participant_id = p.id) AS scores
           FROM participants p WHERE p.workshop_id = ? ORDER BY p.id""",
        [round_id, rnd["workshop_id"]],
    )
    cutoff = (datetime.now(UTC) - PRESENT_FOR).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    submitted = [p for p in people if p["scores"]]
    missing = [p for p in people if not p["scores"] and (p["last_seen"] or "") >= cutoff]
    return {
        "submitted": submitted,
        "missing": missing,
        "scores": sum(p["scores"] for p in people),
    }


def close_round(workshop_id: int, round_id: int) -> None:
    """Close the round: no more submissions; its results stay viewable."""
    with store.transaction() as db:
        db.execute(
            "UPDATE rounds SET status = 'closed', closed_at = ? WHERE id = ? AND workshop_id = ?"
            " AND status = 'open'",
            [_now(), round_id, workshop_id],
        )


def reveal_round(workshop_id: int, round_id: int, revealed: bool = True) -> None:
    """Show (or hide again) a round's results on the presenter view and participants' pages."""
    with store.transaction() as db:
        db.execute(
            "UPDATE rounds SET revealed = ? WHERE id = ? AND workshop_id = ?",
            [revealed, round_id, workshop_id],
        )


def results_visible(rnd: dict) -> bool:
    """Whether a round's results may be shown: not hidden, or revealed."""
    return not rnd["hide_results"] or bool(rnd["revealed"])


def round_scores(round_id: int) -> pd.DataFrame:
    """Every score of a round as a table: one row per participant, touchpoint and dimension."""
    return pd.read_sql_query(
        """SELECT i.touchpoint_id, t.name AS touchpoint, p.name AS phase, i.position,
                  s.participant_id, s.dimension, s.value, s.submitted_at
           FROM scores s JOIN round_items i ON i.id = s.round_item_id
           JOIN touchpoints t ON t.id = i.touchpoint_id JOIN phases p ON p.id = t.phase_id
           WHERE i.round_id = ? ORDER BY i.position, s.participant_id, s.dimension""",
        store.connect().conn,
        params=[round_id],
    )


def latest_closed_round(workshop_id: int) -> int | None:
    """The newest closed scoring round that has scores: what the touchpoint map shows by default."""
    return store.value(
        """SELECT max(r.id) FROM rounds r WHERE r.workshop_id = ? AND r.status = 'closed'
           AND r.kind = 'scoring' AND r.topic = 'touchpoints'
           AND EXISTS (SELECT 1 FROM round_items i JOIN scores s ON s.round_item_id = i.id
                       WHERE i.round_id = r.id)""",
        [workshop_id],
    )


def latest_revealed_round(workshop_id: int) -> int | None:
    """The id of the newest round whose results were revealed, or None (cheap: pages poll it)."""
    return store.value(
        "SELECT max(id) FROM rounds WHERE workshop_id = ? AND revealed = 1", [workshop_id]
    )


def signature(round_id: int) -> tuple:
    """A cheap fingerprint of a round's state; polling pages redraw only when it changes."""
    r = store.row(
        """SELECT r.status, r.revealed, count(s.value) AS n, max(s.submitted_at) AS last
           FROM rounds r LEFT JOIN round_items i ON i.round_id = r.id
           LEFT JOIN scores s ON s.round_item_id = i.id WHERE r.id = ?""",
        [round_id],
    )
    return (r["status"], r["revealed"], r["n"], r["last"]) if r else ()
