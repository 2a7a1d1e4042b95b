"""What a phone follows between its own taps, asked for without a Streamlit rerun.

    >>> phone_view(workshop_id)  # what a phone's page shows: open round, reveal, timer, block, ideas
    >>> answer(token)            # the reply to GET /_cem/live?t=<token>: a short text

A phone's page is drawn from ``phone_view(…)`` with its ``version(view.key())`` and mounts a small script
(``pages/common/live.py``) that asks ``/_cem/live`` with that version; the server
(``pages/server.py``) holds the question until the version differs or 20 s have passed,
and the page reruns only on a difference. A Streamlit rerun costs the server about 3 ms even
when nothing changed — a hundred phones polling by rerun would take a third of a core —
while a held question costs nothing until it is answered: the server works out the version
of each workshop with waiting phones four times a second, once for all of them.

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

from cemworkshop import agenda, continuous, workshops
from cemworkshop.rounds import lifecycle

TOKEN_TTL = 5.0  # seconds a token's lookup is trusted (a removed participant: within 5 s)
GONE = "gone"

_lock = threading.Lock()
_tokens: dict[str, tuple[float, workshops.Access | None]] = {}
_seen: dict[int, str | None] = {}


@dataclass(frozen=True)
class PhoneView:
    """What a phone's page shows between rounds and in them."""

    round: dict | None  # the open round
    revealed: int | None  # the newest round whose results were revealed
    block: dict | None  # the agenda block running
    ideas_open: bool  # whether phones may send ideas
    exists: bool  # whether the workshop is still there

    def key(self) -> tuple:
        return (
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


def version(key: tuple) -> str:
    """A short text standing for ``key``: equal keys, equal texts."""
    return hashlib.blake2s(repr(key).encode(), digest_size=8).hexdigest()


def workshop_version(workshop_id: int) -> str:
    """The version of what the workshop's phones show now; first closes a round whose timer
    ran out when it was set to close at 0:00 (writes only then)."""
    lifecycle.close_when_due(workshop_id)
    return version(phone_key(workshop_id))


def versions(workshop_ids: list[int]) -> dict[int, str]:
    return {w: workshop_version(w) for w in workshop_ids}


def present(token: str) -> int | None:
    """The workshop of the phone with ``token``, marked present (``last_seen``, written every
    20 s at most); None when the token no longer grants a participant's place."""
    now = time.monotonic()
    with _lock:
        hit = _tokens.get(token)
    if hit and now - hit[0] < TOKEN_TTL:
        access = hit[1]
    else:
        access = workshops.access_for_token(token, expected="participant")
        with _lock:
            if len(_tokens) > 10_000:  # tokens of long-gone phones
                _tokens.clear()
            _tokens[token] = (now, access)
    if access is None or access.role != "participant":
        return None
    pid = access.participant_id
    seen = lifecycle.mark_seen(pid, _seen.get(pid))
    with _lock:
        _seen[pid] = seen
    return access.workshop_id


def answer(token: str) -> str:
    """The reply to one phone's question asked now: its workshop's version, or ``gone``."""
    workshop_id = present(token)
    return GONE if workshop_id is None else workshop_version(workshop_id)


def forget() -> None:
    """Drop every cached token (tests; a restored database)."""
    with _lock:
        _tokens.clear()
        _seen.clear()
