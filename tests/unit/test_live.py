"""What a phone asks once a second (/_cem/live): the reply changes exactly when the phone's
page must redraw, is shared by every phone of a workshop, and says "gone" to a lost token."""

from __future__ import annotations

import pytest

from cemworkshop import agenda, continuous, live, store, strategy, workshops
from cemworkshop.rounds import lifecycle
from tests.unit.helpers import open_scoring, score, workshop_with_touchpoints


@pytest.fixture
def room(db_path):
    live.forget()
    ws, tps = workshop_with_touchpoints()
    anna = workshops.join(ws.join_code, "Anna")
    yield ws, tps, anna
    live.forget()


def test_the_reply_changes_when_a_round_opens_is_revealed_or_the_ideas_open(room):
    ws, tps, anna = room
    replies = [live.answer(anna.token)]
    rid = open_scoring(ws.id, tps)
    replies.append(live.answer(anna.token))
    score(rid, anna.participant_id, {tps[0]: {"importance": 4, "performance": 2}})
    assert live.answer(anna.token) == replies[-1]  # her own score: nothing for the page to redraw
    lifecycle.close_round(ws.id, rid)
    replies.append(live.answer(anna.token))
    lifecycle.reveal_round(ws.id, rid)
    replies.append(live.answer(anna.token))
    continuous.allow_phone_ideas(ws.id, True)
    replies.append(live.answer(anna.token))
    assert all(
        a != b for a, b in zip(replies, replies[1:], strict=False)
    )  # each step redraws the page
    assert replies[2] == replies[0]  # closed again: as before the round (the page says it ended)
    assert replies[-1] == live.version(live.phone_key(ws.id))  # what the page is drawn with


def test_a_running_agenda_block_changes_the_reply(room):
    ws, _, anna = room
    block = agenda.add_block(ws.id, kind="talk", title="Begrüßung", minutes=10)
    before = live.answer(anna.token)
    agenda.start(ws.id, block)
    assert live.answer(anna.token) != before


def test_a_deleted_workshop_or_an_unknown_token_is_gone(room):
    ws, _, anna = room
    assert live.answer("not-a-token") == live.GONE
    assert live.answer("") == live.GONE
    assert live.answer(ws.facilitator_token) == live.GONE  # a phone's place only
    assert live.answer(anna.token, live.PRESENTER) == live.GONE  # the projector: facilitators
    assert live.answer(anna.token) != live.GONE
    workshops.delete_workshop(ws.id)
    live.forget()  # the token's lookup is trusted for TOKEN_TTL seconds
    assert live.answer(anna.token) == live.GONE


def test_asking_marks_the_phone_present_but_writes_at_most_every_20_seconds(room):
    ws, _, anna = room
    before = store.value("SELECT last_seen FROM participants WHERE id = ?", [anna.participant_id])
    live.answer(anna.token)
    seen = store.value("SELECT last_seen FROM participants WHERE id = ?", [anna.participant_id])
    assert seen and seen != before
    live.answer(anna.token)
    assert (
        store.value("SELECT last_seen FROM participants WHERE id = ?", [anna.participant_id])
        == seen
    )


def test_a_round_set_to_close_at_zero_closes_when_a_phone_asks(room):
    ws, tps, anna = room
    rid = open_scoring(ws.id, tps)
    lifecycle.set_timer(ws.id, rid, 1, close_at_end=True)
    with store.transaction() as db:  # its minute has run out
        db.execute("UPDATE rounds SET ends_at = '2020-01-01T00:00:00.000000Z' WHERE id = ?", [rid])
    live.answer(anna.token)
    assert lifecycle.current_round(ws.id) is None


def test_a_held_question_is_answered_when_the_version_changes_once_for_all_phones(
    room, monkeypatch
):
    """The server's watcher: phones waiting on one workshop share one look per tick and are
    all woken by a change; without a change they get their own version back after HOLD."""
    import asyncio

    from pages import server

    ws, tps, anna = room
    looks = []
    real = live.versions
    monkeypatch.setattr(live, "versions", lambda ids: looks.append(list(ids)) or real(ids))
    monkeypatch.setattr(server, "TICK", 0.01)
    seen = live.workshop_version(ws.id)

    async def room_changes():
        watcher = server.Watcher()
        phones = [
            asyncio.create_task(watcher.wait((ws.id, live.PHONE), seen, seen)) for _ in range(5)
        ]
        await asyncio.sleep(0.05)
        assert not any(p.done() for p in phones)  # nothing changed: held
        open_scoring(ws.id, tps)
        replies = await asyncio.wait_for(asyncio.gather(*phones), 2)
        watcher.task.cancel()
        return replies

    replies = _run(room_changes())
    assert set(replies) == {live.workshop_version(ws.id)} and replies[0] != seen
    assert looks and all(ids == [(ws.id, live.PHONE)] for ids in looks)  # one look for five

    monkeypatch.setattr(server, "HOLD", 0.05)

    async def nothing_happens():
        watcher = server.Watcher()
        reply = await watcher.wait((ws.id, live.PHONE), replies[0], replies[0])
        watcher.task.cancel()
        return reply, dict(watcher.waiting), dict(watcher.versions)

    assert _run(nothing_happens()) == (replies[0], {}, {})  # and nothing left behind


def test_the_projector_redraws_for_every_answer_someone_joining_and_its_own_screen(room):
    ws, tps, anna = room
    token = ws.facilitator_token
    replies = [live.answer(token, live.PRESENTER)]
    rid = open_scoring(ws.id, tps)
    replies.append(live.answer(token, live.PRESENTER))
    score(rid, anna.participant_id, {tps[0]: {"importance": 4, "performance": 2}})
    replies.append(live.answer(token, live.PRESENTER))  # the count on the projector goes up
    assert live.answer(anna.token) == live.answer(anna.token)  # phones: nothing to redraw
    workshops.join(ws.join_code, "Ben")
    replies.append(live.answer(token, live.PRESENTER))
    strategy.show_on_presenter(ws.id, "strategy")
    replies.append(live.answer(token, live.PRESENTER))
    assert len(set(replies)) == len(replies)
    assert replies[-1] == live.version(live.presenter_key(ws.id))  # what the page is drawn with
    assert live.answer(token, live.PRESENTER) == replies[-1]  # nothing new: the same


def test_the_hosts_projector_asks_by_workshop(room):
    ws, _, _ = room
    assert live.hosted(str(ws.id)) == ws.id
    assert live.hosted("999999") is None
    assert live.hosted("1; DROP") is None
    assert live.hosted("9" * 40) is None


def test_a_commit_wakes_a_waiting_projector_within_ticks_not_looks(room, monkeypatch):
    """The watcher looks at the workshops only when the database's data version moved (or
    every LOOK seconds): a tap committed by another connection wakes the projector at the next
    tick even when LOOK is long, and nothing committed means no look."""
    import asyncio

    from pages import server

    ws, tps, anna = room
    rid = open_scoring(ws.id, tps)
    looks = []
    real = live.versions
    monkeypatch.setattr(live, "versions", lambda ids: looks.append(list(ids)) or real(ids))
    monkeypatch.setattr(server, "TICK", 0.01)
    monkeypatch.setattr(server, "LOOK", 60.0)
    seen = live.workshop_version(ws.id, live.PRESENTER)

    async def a_tap():
        watcher = server.Watcher()
        screen = asyncio.create_task(watcher.wait((ws.id, live.PRESENTER), seen, seen))
        await asyncio.sleep(0.1)
        quiet = len(looks)  # the first tick looks once; then nothing was committed
        await asyncio.sleep(0.1)
        assert len(looks) == quiet <= 1 and not screen.done()
        await asyncio.to_thread(
            score, rid, anna.participant_id, {tps[0]: {"importance": 4, "performance": 2}}
        )  # another thread, another connection: as a phone's tap in the server
        reply = await asyncio.wait_for(screen, 1)
        watcher.task.cancel()
        return reply

    assert _run(a_tap()) == live.workshop_version(ws.id, live.PRESENTER) != seen


def test_a_reveal_is_all_a_waiting_phone_needs_and_comes_with_the_results(room):
    """A reveal while no round is open changes nothing else on a waiting phone: the reply
    carries the results (escaped, in the phone's language) and the page need not rerun; any
    other change, or a version this process did not make, asks for a rerun."""
    from pages import server

    ws, tps, anna = room
    rid = open_scoring(ws.id, tps, hide_results=True, title="Runde <b>1</b>")
    ben = workshops.join(ws.join_code, "Ben").participant_id
    score(rid, ben, {tps[0]: {"importance": 5, "performance": 1}})
    open_ = live.answer(anna.token)
    lifecycle.close_round(ws.id, rid)
    waiting = live.answer(anna.token)
    lifecycle.reveal_round(ws.id, rid)
    revealed = live.answer(anna.token)
    assert live.newly_revealed(waiting, revealed) == rid
    shown = server._revealed(waiting, revealed, "en")
    assert shown.startswith("<h3>Result of the last round: Runde &lt;b&gt;1&lt;/b&gt;</h3>")
    assert '<span class="flag"' in shown and "<b>" not in shown
    assert server._revealed(waiting, revealed, "xx").startswith("<h3>Ergebnis der letzten Runde")
    # anything else: the page reruns
    assert live.newly_revealed(open_, revealed) is None  # the round was open when drawn
    assert live.newly_revealed(revealed, revealed) is None  # nothing new
    assert live.newly_revealed("0123456789abcdef", revealed) is None  # not made here
    assert server._revealed(open_, revealed, "de") is None
    second = open_scoring(ws.id, tps, hide_results=True)
    assert live.newly_revealed(revealed, live.answer(anna.token)) is None  # a round opened
    lifecycle.close_round(ws.id, second)
    closed = live.answer(anna.token)
    lifecycle.reveal_round(ws.id, second)
    agenda.start(ws.id, agenda.add_block(ws.id, kind="talk", title="Pause", minutes=5))
    assert live.newly_revealed(closed, live.answer(anna.token)) is None  # and a block began


def _run(coroutine):
    """asyncio.run in a thread of its own: the browser tests' Playwright keeps a loop running
    in this one."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
