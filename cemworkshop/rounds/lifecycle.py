"""The life of a live round, the same for every kind: open, answer, close, reveal; timer, ready.

    >>> rid = open_round(ws_id, "touchpoint_scoring", touchpoint_ids=[1, 2], hide_results=True)
    >>> submit(rid, participant_id, {item_id: {"importance": 5}})   # checked by the kind
    >>> status(rid)                  # done / in progress / not started, per person in the room
    >>> reveal_round(ws_id, rid); close_round(ws_id, rid)
    >>> results(get_round(rid), "de", "projector")     # computed once per version, shared

At most one round per workshop is open at a time, so a participant's page always knows
what to show. Every change to a round or its answers raises its ``version``: pages that
poll compare it, and results are cached by it.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from cemworkshop import i18n, store
from cemworkshop.rounds.base import Results
from cemworkshop.rounds.kinds import kind_of
from cemworkshop.shared import SharedCache
from cemworkshop.validation import ValidationError, clean_text

PRESENT_FOR = timedelta(minutes=3)  # a participant seen this recently counts as in the room
SEEN_EVERY = timedelta(seconds=20)  # how often a polling page refreshes last_seen
TIMER_MINUTES = (1, 30)

_COLUMNS = (
    "r.id, r.workshop_id, r.kind, r.title, r.status, r.dimensions, r.hide_results, r.revealed,"
    " r.ends_at, r.version, r.opened_at, r.closed_at, r.close_at_end, r.show_authors"
)
_SELECT_ROUND = f"SELECT {_COLUMNS} FROM rounds r"
# Answers per person, counted once per version of a round's answers: every open section's
# live bar, the presenter and the phones' status ask for it every second or two.
_counts = SharedCache(size=64)


def _shaped(r: dict | None) -> dict | None:
    if r is not None:
        r["dimensions"] = tuple(d for d in r["dimensions"].split(",") if d)
    return r


def open_round(
    workshop_id: int, kind: str, *, title: str = "", hide_results: bool = False, **options
) -> int:
    """Open a round of ``kind``; ``options`` go to the kind (which touchpoints, with competitor…).

    Refuses when another round of the workshop is still open, or when the kind refuses
    its options. Nothing is written unless everything is right. The presenter turns to the
    new round (from the strategy card or the KPIs it may have been showing).
    """
    spec = kind_of(kind)
    title = clean_text(title, field="round_title", max_len=120)
    with store.transaction() as db:
        if db.execute(
            "SELECT 1 FROM rounds WHERE workshop_id = ? AND status = 'open'", [workshop_id]
        ).fetchone():
            raise ValidationError("round_already_open")
        round_id = db.execute(
            "INSERT INTO rounds (workshop_id, kind, title, hide_results) VALUES (?, ?, ?, ?)",
            [workshop_id, spec.name, title, hide_results],
        ).lastrowid
        dimensions = spec.create_items(db, workshop_id, round_id, **options)
        db.execute(
            "UPDATE rounds SET dimensions = ? WHERE id = ?", [",".join(dimensions), round_id]
        )
        db.execute("UPDATE workshops SET presenter_view = 'round' WHERE id = ?", [workshop_id])
    return round_id


def get_round(round_id: int) -> dict | None:
    """One round: kind, status, dimensions (a tuple), hide_results, revealed, version, times."""
    return _shaped(store.row(_SELECT_ROUND + " WHERE r.id = ?", [round_id]))


def current_round(workshop_id: int) -> dict | None:
    """The workshop's open round, or None: what every participant's page shows."""
    return _shaped(
        store.row(_SELECT_ROUND + " WHERE r.workshop_id = ? AND r.status = 'open'", [workshop_id])
    )


def latest_round(workshop_id: int) -> dict | None:
    """The open round, else the newest one: what the presenter view shows."""
    return current_round(workshop_id) or _shaped(
        store.row(
            _SELECT_ROUND + " WHERE r.workshop_id = ? ORDER BY r.id DESC LIMIT 1", [workshop_id]
        )
    )


def list_rounds(workshop_id: int, kind: str | None = None) -> list[dict]:
    """The workshop's rounds (of one kind, if given), newest first, with how many people answered."""
    found = [
        _shaped(r)
        for r in store.rows(
            f"SELECT {_COLUMNS} FROM rounds r WHERE r.workshop_id = ?"
            " AND (? IS NULL OR r.kind = ?) ORDER BY r.id DESC",
            [workshop_id, kind, kind],
        )
    ]
    for r in found:  # whatever the kind answers with: scores, ideas, dots
        r["submitted"] = len(_answer_counts(r))
    return found


def _answer_counts(rnd: dict) -> dict[int, int]:
    """Answers per person in a round, computed once per version of its answers."""
    return _counts.get(
        (str(store.db_path()), rnd["id"], rnd["version"]),
        lambda: kind_of(rnd["kind"]).answer_counts(rnd["id"]),
    )


def _check_open_member(db, round_id: int, participant_id: int) -> dict:
    # One look-up checks the round and that the participant belongs to its workshop.
    rnd = db.execute(
        f"SELECT {_COLUMNS}, p.id AS member FROM rounds r"
        " LEFT JOIN participants p ON p.workshop_id = r.workshop_id AND p.id = ?"
        " WHERE r.id = ?",
        [participant_id, round_id],
    ).fetchone()
    if rnd is None:
        raise ValidationError("unknown_round")
    if rnd["status"] != "open" or _past_its_end(rnd):
        raise ValidationError("round_closed")
    if rnd["member"] is None:
        raise ValidationError("not_a_participant")
    return _shaped(dict(rnd))


def submit(
    round_id: int, participant_id: int, answers: dict, *, expected: dict | None = None
) -> int:
    """Store one participant's answers in one short transaction; returns how many were stored.

    The round must be open and the participant in its workshop; the round's kind checks
    the answers before anything is written (a new value replaces the earlier one).
    ``expected`` (same shape) holds the values the screen showed before the change: if the
    stored ones differ (the same person changed them in another tab meanwhile), nothing is
    written and ``ValidationError("stale_answer")`` carries the values now stored.
    """
    with store.transaction() as db:
        rnd = _check_open_member(db, round_id, participant_id)
        stored = kind_of(rnd["kind"]).write(db, rnd, participant_id, answers, expected=expected)
        db.execute("UPDATE rounds SET version = version + 1 WHERE id = ?", [round_id])
        db.execute(
            "UPDATE participants SET last_seen = ? WHERE id = ?", [store.now(), participant_id]
        )
    return stored


def my_answers(round_id: int, participant_id: int) -> dict:
    """This participant's answers in the round, in the shape ``submit`` takes."""
    rnd = get_round(round_id)
    return kind_of(rnd["kind"]).answers(round_id, participant_id) if rnd else {}


def mark_seen(participant_id: int, last_seen: str | None) -> str | None:
    """Refresh a participant's ``last_seen`` if it is older than 20 s; returns the stored value.

    Polling pages call this every second; writing only every 20 s keeps the write path free.
    """
    now = datetime.now(UTC)
    if last_seen:
        seen = datetime.strptime(last_seen, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
        if now - seen < SEEN_EVERY:
            return last_seen
    stamp = store.now()
    with store.transaction() as db:
        db.execute("UPDATE participants SET last_seen = ? WHERE id = ?", [stamp, participant_id])
    return stamp


def status(round_id: int) -> dict:
    """Where everyone stands: ``{"done": […], "in_progress": […], "not_started": […],
    "answers": n}``, each list of participants ``{id, name, answers}``.

    Done means every question answered, or "I'm done" said; not started lists only people
    in the room (their page open in the last three minutes).
    """
    rnd = get_round(round_id)
    if rnd is None:
        raise ValidationError("unknown_round")
    kind = kind_of(rnd["kind"])
    counts = _answer_counts(rnd)
    expected = kind.expected_answers(rnd)
    ready = {
        r["participant_id"]
        for r in store.rows("SELECT participant_id FROM round_ready WHERE round_id = ?", [round_id])
    }
    cutoff = (datetime.now(UTC) - PRESENT_FOR).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    done, in_progress, not_started = [], [], []
    for p in store.rows(
        "SELECT id, name, last_seen FROM participants WHERE workshop_id = ? ORDER BY id",
        [rnd["workshop_id"]],
    ):
        n = counts.get(p["id"], 0)
        person = {"id": p["id"], "name": p["name"], "answers": n}
        if p["id"] in ready or (expected and n >= expected):
            done.append(person)
        elif n:
            in_progress.append(person)
        elif (p["last_seen"] or "") >= cutoff:
            not_started.append(person)
    return {
        "done": done,
        "in_progress": in_progress,
        "not_started": not_started,
        "answers": sum(counts.values()),
    }


def _change(workshop_id: int, round_id: int, sql: str, params: list) -> None:
    # The version counts answers (results are cached by it); a change of status, reveal or
    # timer shows in signature() without making the same results be computed again.
    with store.transaction() as db:
        db.execute(
            f"UPDATE rounds SET {sql} WHERE id = ? AND workshop_id = ?",
            [*params, round_id, workshop_id],
        )


def close_round(workshop_id: int, round_id: int) -> None:
    """Close the round: no more answers; its results stay viewable.

    The results are computed right away in the background, so that revealing them to a
    room full of phones only draws what is ready.
    """
    _change(
        workshop_id,
        round_id,
        "status = 'closed', closed_at = coalesce(closed_at, ?)",
        [store.now()],
    )
    if store.connect().conn.in_transaction:
        return  # part of a larger action: other threads cannot see the round until it commits
    rnd = get_round(round_id)
    if rnd is not None and rnd["workshop_id"] == workshop_id:
        prepare_results(rnd)


def prepare_results(rnd: dict) -> threading.Thread:
    """Compute a round's results for every language and layout in a background thread."""
    path = store.db_path()

    def work() -> None:
        try:
            for lang in i18n.LANGUAGES:
                for layout in ("projector", "desk", "phone"):
                    kind_of(rnd["kind"]).results(rnd, lang, layout)
        except Exception:  # noqa: BLE001, S110 — a head start only; the page computes it anyway
            pass
        finally:
            store.close_thread_connections()

    # The thread reads the same file as the caller, whatever CEMWORKSHOP_DB says later.
    worker = threading.Thread(target=_with_db, args=(path, work), daemon=True)
    worker.start()
    return worker


def _with_db(path, work) -> None:
    with store.using(path):
        work()


def reveal_round(workshop_id: int, round_id: int, revealed: bool = True) -> None:
    """Show (or hide again) a round's results on the presenter view and participants' pages."""
    _change(workshop_id, round_id, "revealed = ?", [revealed])


def _past_its_end(rnd) -> bool:
    """A round that closes at 0:00 and whose time is up takes no more answers."""
    return bool(rnd["close_at_end"] and rnd["ends_at"] and rnd["ends_at"] <= store.now())


def close_when_due(workshop_id: int) -> bool:
    """Close the open round if its timer ran out and it was set to close at 0:00; True if it
    did. Cheap to call every second: it writes only when a round is due."""
    rnd = current_round(workshop_id)
    if rnd is None or not _past_its_end(rnd):
        return False
    close_round(workshop_id, rnd["id"])
    return True


def set_timer(
    workshop_id: int, round_id: int, minutes: int | None, *, close_at_end: bool = False
) -> None:
    """Let the round end ``minutes`` from now (None: no timer); screens count down to it from
    the stored end time. With ``close_at_end`` the round closes itself at 0:00; without, the
    time is a guide and answers still count until the facilitator closes."""
    if minutes is None:
        _change(workshop_id, round_id, "ends_at = ?, close_at_end = 0", [None])
        return
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise ValidationError("not_a_number", field="timer")
    low, high = TIMER_MINUTES
    if not low <= minutes <= high:
        raise ValidationError("out_of_range", field="timer", low=low, high=high)
    ends = (datetime.now(UTC) + timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    _change(workshop_id, round_id, "ends_at = ?, close_at_end = ?", [ends, bool(close_at_end)])


def say_ready(round_id: int, participant_id: int, ready: bool = True) -> None:
    """A participant says "I'm done" (or takes it back) while the round is open."""
    with store.transaction() as db:
        _check_open_member(db, round_id, participant_id)
        if ready:
            db.execute(
                "INSERT OR IGNORE INTO round_ready (round_id, participant_id) VALUES (?, ?)",
                [round_id, participant_id],
            )
        else:
            db.execute(
                "DELETE FROM round_ready WHERE round_id = ? AND participant_id = ?",
                [round_id, participant_id],
            )
        db.execute("UPDATE rounds SET version = version + 1 WHERE id = ?", [round_id])


def said_ready(round_id: int, participant_id: int) -> bool:
    """Whether this participant said "I'm done" in the round."""
    return bool(
        store.value(
            "SELECT 1 FROM round_ready WHERE round_id = ? AND participant_id = ?",
            [round_id, participant_id],
        )
    )


def results_visible(rnd: dict) -> bool:
    """Whether a round's results may be shown: not hidden, or revealed."""
    return not rnd["hide_results"] or bool(rnd["revealed"])


def results(rnd: dict, lang: str, layout: str) -> Results | None:
    """The round's results in ``lang`` for ``layout`` (``projector`` or ``desk``); None before
    the first answer. Each kind computes them once per version and shares them."""
    return kind_of(rnd["kind"]).results(rnd, lang, layout)


def latest_revealed_round(workshop_id: int) -> int | None:
    """The id of the newest round whose results were revealed, or None (cheap: pages poll it)."""
    return store.value(
        "SELECT max(id) FROM rounds WHERE workshop_id = ? AND revealed = 1", [workshop_id]
    )


def signature(round_id: int) -> tuple:
    """A cheap fingerprint of a round's state; polling pages redraw only when it changes."""
    r = store.row("SELECT status, revealed, version, ends_at FROM rounds WHERE id = ?", [round_id])
    return tuple(r.values()) if r else ()
