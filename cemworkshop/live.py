"""What a phone follows between its own taps, asked for without a Streamlit rerun.

    >>> phone_view(workshop_id)  # what a phone's page shows: open round, reveal, timer, block, ideas
    >>> answer(token)            # the reply to GET /_cem/live?t=<token>: a short text
    >>> answer(token, PRESENTER) # the projector's: GET /_cem/live?t=<facilitator token>&s=presenter

A phone's page is drawn from ``phone_view(…)`` with its ``version(view.key())`` and mounts a small script
(``pages/common/live.py``) that asks ``/_cem/live`` with that version; the server
(``pages/server.py``) holds the question until the version differs or 20 s have passed,
and the page reruns only on a difference. A Streamlit rerun costs the server about 3 ms even
when nothing changed — a hundred phones polling by rerun would take a third of a core —
while a held question costs nothing until it is answered: the server works out the version
of each workshop with waiting phones four times a second, once for all of them.

When the only change a waiting phone has to show is a newly revealed round
(``newly_revealed``), the reply carries that round's results too, and the phone draws them
without a rerun at all: a reveal reaches fifty phones at once, and each phone's rerun costs its
browser more than the results themselves.

The reply is ``gone`` for a token that no longer grants a participant's place (workshop
deleted, participant removed): the page reruns and finds itself signed out.
The same reply marks the participant as present (``last_seen``, written every 20 s at most)
and closes a round whose timer ran out when it was set to close at 0:00.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass
from typing import NamedTuple

from cemworkshop import agenda, continuous, strategy, workshops
from cemworkshop.rounds import lifecycle

TOKEN_TTL = 5.0  # seconds a token's lookup is trusted (a removed participant: within 5 s)
GONE = "gone"
PHONE, PRESENTER = "phone", "presenter"  # the screens that follow the room

_lock = threading.Lock()
_tokens: dict[str, tuple[float, workshops.Access | None]] = {}
_seen: dict[int, str | None] = {}
_keys: dict[str, tuple] = {}  # the key each recent version stands for (what changed between two)
KEYS_KEPT = 4096


class PhoneKey(NamedTuple):
    """What a phone's page follows (``PhoneView.key``): its version changes with any of these."""

    round: int | None  # the open round
    revealed: int | None
    ends_at: str | None  # the open round's timer
    block: int | None
    ideas_open: bool
    exists: bool


@dataclass(frozen=True)
class PhoneView:
    """What a phone's page shows between rounds and in them."""

    round: dict | None  # the open round
    revealed: int | None  # the newest round whose results were revealed
    block: dict | None  # the agenda block running
    ideas_open: bool  # whether phones may send ideas
    exists: bool  # whether the workshop is still there

    def key(self) -> PhoneKey:
        return PhoneKey(
            self.round["id"] if self.round else None,
            self.revealed,
            self.round["ends_at"] if self.round else None,
            self.block["id"] if self.block else None,
            self.ideas_open,
            self.exists,
        )


def phone_view(workshop_id: int) -> PhoneView:
    """Six indexed lookups: the page draws from it, and its key is what phones follow."""
    return PhoneView(
        round=lifecycle.current_round(workshop_id),
        revealed=lifecycle.latest_revealed_round(workshop_id),
        block=agenda.current(workshop_id),
        ideas_open=continuous.settings(workshop_id)["ideas_open"],
        exists=workshops.get_workshop(workshop_id) is not None,
    )


def phone_key(workshop_id: int) -> tuple:
    """What a phone's page shows, as a key: the open round and its end time, the newest
    revealed round, the agenda block running, the ideas switch, the workshop still there."""
    return phone_view(workshop_id).key()


def presenter_key(workshop_id: int) -> tuple:
    """What the projector shows, as a key: the newest round with its state and its version
    (bumped by every answer, so each tap redraws the count), the people present, what the
    facilitator put on the screen instead (strategy card, KPIs, agenda), and the facilitator's
    link (replaced: the screen loses its rights at once). Four indexed lookups."""
    rnd = lifecycle.latest_round(workshop_id)
    shown = (
        None
        if rnd is None
        else (rnd["id"], rnd["status"], rnd["revealed"], rnd["version"], rnd["ends_at"])
    )
    people = workshops.participant_count(workshop_id)
    rights = workshops.facilitator_generation(workshop_id)
    return (shown, people, strategy.presenter_state(workshop_id), rights)


KEYS = {PHONE: phone_key, PRESENTER: presenter_key}


def version(key: tuple) -> str:
    """A short text standing for ``key``: equal keys, equal texts (the key is remembered for
    ``newly_revealed``)."""
    text = hashlib.blake2s(repr(key).encode(), digest_size=8).hexdigest()
    with _lock:
        if len(_keys) >= KEYS_KEPT and text not in _keys:
            _keys.clear()  # versions of long ago: their phones have asked again since
        _keys[text] = key
    return text


def newly_revealed(seen: str, now: str) -> int | None:
    """The round a waiting phone drawn at version ``seen`` can show by itself at ``now``: when
    no round is open at either and the only change is a newer revealed round. None when
    anything else changed (the page must rerun) or a version is not known here."""
    with _lock:
        old, new = _keys.get(seen), _keys.get(now)
    if not (isinstance(old, PhoneKey) and isinstance(new, PhoneKey)) or new.revealed is None:
        return None
    waiting = old.round is None and new.round is None
    only_revealed = old.revealed != new.revealed and old._replace(revealed=new.revealed) == new
    return new.revealed if waiting and only_revealed else None


def workshop_version(workshop_id: int, screen: str = PHONE) -> str:
    """The version of what ``screen`` (the workshop's phones or its projector) shows now;
    first closes a round whose timer ran out when it was set to close at 0:00 (writes only
    then)."""
    lifecycle.close_when_due(workshop_id)
    return version(KEYS[screen](workshop_id))


def versions(watched: list[tuple[int, str]]) -> dict[tuple[int, str], str]:
    """The version of each (workshop, screen) in ``watched`` (a workshop's due round closed
    once, whatever the number of its screens)."""
    found, due = {}, set()
    for w, screen in watched:
        if w not in due:
            lifecycle.close_when_due(w)
            due.add(w)
        found[(w, screen)] = version(KEYS[screen](w))
    return found


def present(token: str, screen: str = PHONE) -> int | None:
    """The workshop of the phone (or projector) with ``token``; a phone's participant is
    marked present (``last_seen``, written every 20 s at most). None when the token no longer
    grants that screen: a participant's place for a phone, the facilitator's for a projector."""
    role = "facilitator" if screen == PRESENTER else "participant"
    now = time.monotonic()
    with _lock:
        hit = _tokens.get(token)
    if hit and now - hit[0] < TOKEN_TTL:
        access = hit[1]
    else:
        access = workshops.access_for_token(token, expected=role)
        with _lock:
            if len(_tokens) > 10_000:  # tokens of long-gone phones
                _tokens.clear()
            _tokens[token] = (now, access)
    if access is None or access.role != role:
        return None
    if screen == PRESENTER:
        return access.workshop_id
    pid = access.participant_id
    seen = lifecycle.mark_seen(pid, _seen.get(pid))
    with _lock:
        _seen[pid] = seen
    return access.workshop_id


def hosted(workshop_id: str) -> int | None:
    """The workshop the host's projector (on the machine itself, without a token) asks for,
    if it exists."""
    wanted = workshops.workshop_id_from(workshop_id)
    found = workshops.get_workshop(wanted) if wanted else None
    return found["id"] if found else None


def answer(token: str, screen: str = PHONE) -> str:
    """The reply to one question asked now: the version of what ``screen`` shows, or ``gone``."""
    workshop_id = present(token, screen)
    return GONE if workshop_id is None else workshop_version(workshop_id, screen)


def forget() -> None:
    """Drop every cached token (tests; a restored database)."""
    with _lock:
        _tokens.clear()
        _seen.clear()
        _keys.clear()
