"""The round life cycle, shared by every kind, with the touchpoint scoring kind."""

import pytest

from cemworkshop import store, workshops
from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.touchpoint_scoring import KIND as TOUCHPOINT_SCORING
from cemworkshop.validation import ValidationError
from tests.unit.helpers import (
    my_scores,
    open_scoring,
    participants,
    score,
    workshop_with_touchpoints,
)


def test_a_round_opens_for_chosen_touchpoints_in_journey_order(db_path):
    ws, (web, advice, delivery) = workshop_with_touchpoints()
    rid = open_scoring(ws.id, [delivery, web], with_competitor=True, hide_results=True, title="MoT")
    rnd = lifecycle.current_round(ws.id)
    assert (rnd["id"], rnd["kind"], rnd["dimensions"], rnd["hide_results"]) == (
        rid,
        "touchpoint_scoring",
        ("importance", "performance", "competitor"),
        1,
    )
    assert [i["subject"] for i in TOUCHPOINT_SCORING.items(rid)] == ["Website", "Lieferung"]


def test_only_one_round_is_open_at_a_time_and_it_needs_touchpoints(db_path):
    ws, tps = workshop_with_touchpoints()
    with pytest.raises(ValidationError, match="round_needs_touchpoints"):
        open_scoring(ws.id, [])
    assert store.value("SELECT count(*) FROM rounds") == 0  # the refused round left nothing
    open_scoring(ws.id, tps)
    with pytest.raises(ValidationError, match="round_already_open"):
        open_scoring(ws.id, tps)


def test_an_unknown_kind_is_refused(db_path):
    ws, _ = workshop_with_touchpoints()
    with pytest.raises(ValidationError, match="unknown_round_kind"):
        lifecycle.open_round(ws.id, "astrology")


def test_a_new_score_replaces_the_old_and_none_removes_it(db_path):
    ws, (web, advice, _) = workshop_with_touchpoints()
    (anna,) = participants(ws, 1)
    rid = open_scoring(ws.id, [web, advice])
    score(rid, anna, {web: {"importance": 2, "performance": 4}})
    score(rid, anna, {web: {"importance": 5, "performance": None}, advice: {"importance": 3}})
    assert my_scores(rid, anna) == {web: {"importance": 5}, advice: {"importance": 3}}


@pytest.mark.parametrize("value", [0, 6, -1, 99, 2.5, "4", True])
def test_scores_outside_1_to_5_are_refused_and_nothing_is_written(db_path, value):
    ws, (web, advice, _) = workshop_with_touchpoints()
    (anna,) = participants(ws, 1)
    rid = open_scoring(ws.id, [web, advice])
    with pytest.raises(ValidationError, match="score_out_of_range"):
        score(rid, anna, {web: {"importance": 4}, advice: {"importance": value}})
    assert my_scores(rid, anna) == {}


def test_participants_cannot_score_in_another_workshop_or_after_closing(db_path):
    ws, (web, *_) = workshop_with_touchpoints()
    other, (other_tp, *_) = workshop_with_touchpoints()
    (stranger,) = participants(other, 1)
    (anna,) = participants(ws, 1)
    rid = open_scoring(ws.id, [web])
    with pytest.raises(ValidationError, match="not_a_participant"):
        score(rid, stranger, {web: {"importance": 3}})
    other_round = open_scoring(other.id, [other_tp])
    foreign_item = TOUCHPOINT_SCORING.item_ids(other_round)[other_tp]
    with pytest.raises(ValidationError, match="unknown_item"):
        lifecycle.submit(rid, anna, {foreign_item: {"importance": 3}})
    with pytest.raises(ValidationError, match="unknown_dimension"):
        score(rid, anna, {web: {"competitor": 3}})
    lifecycle.close_round(ws.id, rid)
    with pytest.raises(ValidationError, match="round_closed"):
        score(rid, anna, {web: {"importance": 3}})
    assert store.value("SELECT count(*) FROM scores") == 0


def test_status_tells_done_in_progress_and_not_started_apart(db_path):
    ws, tps = workshop_with_touchpoints()
    anna, ben, cleo, dora = participants(ws, 4)
    with store.transaction() as db:  # Dora joined yesterday and left: not "in the room"
        db.execute(
            "UPDATE participants SET last_seen = '2020-01-01T00:00:00.000Z' WHERE id = ?", [dora]
        )
    rid = open_scoring(ws.id, tps)
    score(rid, anna, {tp: {"importance": 4, "performance": 3} for tp in tps})  # all of it
    score(rid, ben, {tps[0]: {"importance": 4}})  # one answer of six
    s = lifecycle.status(rid)
    assert [p["name"] for p in s["done"]] == ["Person 0"]
    assert [p["name"] for p in s["in_progress"]] == ["Person 1"]
    assert [p["name"] for p in s["not_started"]] == ["Person 2"]
    assert s["answers"] == 7
    lifecycle.say_ready(rid, ben)  # "I'm done" counts as done whatever is left blank
    assert [p["name"] for p in lifecycle.status(rid)["done"]] == ["Person 0", "Person 1"]


def test_hidden_results_show_only_after_reveal_and_closed_rounds_stay_listed(db_path):
    ws, tps = workshop_with_touchpoints()
    rid = open_scoring(ws.id, tps, hide_results=True)
    assert not lifecycle.results_visible(lifecycle.get_round(rid))
    lifecycle.reveal_round(ws.id, rid)
    assert lifecycle.results_visible(lifecycle.get_round(rid))
    lifecycle.close_round(ws.id, rid)
    assert lifecycle.current_round(ws.id) is None
    assert [(r["id"], r["status"]) for r in lifecycle.list_rounds(ws.id)] == [(rid, "closed")]


def test_a_facilitator_id_from_another_workshop_cannot_close_or_reveal(db_path):
    ws, tps = workshop_with_touchpoints()
    other = workshops.create_workshop("Fremd")
    rid = open_scoring(ws.id, tps, hide_results=True)
    lifecycle.close_round(other.id, rid)
    lifecycle.reveal_round(other.id, rid)
    assert lifecycle.get_round(rid)["status"] == "open"
    assert not lifecycle.get_round(rid)["revealed"]


def test_an_empty_submission_writes_nothing_but_is_still_checked(db_path):
    ws, tps = workshop_with_touchpoints()
    (anna,) = participants(ws, 1)
    rid = open_scoring(ws.id, tps)
    assert lifecycle.submit(rid, anna, {}) == 0
    lifecycle.close_round(ws.id, rid)
    with pytest.raises(ValidationError, match="round_closed"):
        lifecycle.submit(rid, anna, {})


def test_every_change_raises_the_version_that_polling_pages_compare(db_path):
    ws, tps = workshop_with_touchpoints()
    (anna,) = participants(ws, 1)
    rid = open_scoring(ws.id, tps, hide_results=True)
    seen = [lifecycle.signature(rid)]
    score(rid, anna, {tps[0]: {"importance": 4}})
    seen.append(lifecycle.signature(rid))
    lifecycle.reveal_round(ws.id, rid)
    seen.append(lifecycle.signature(rid))
    lifecycle.close_round(ws.id, rid)
    seen.append(lifecycle.signature(rid))
    assert len(set(seen)) == 4


def test_the_timer_takes_1_to_30_minutes_and_stores_an_end_time(db_path):
    ws, tps = workshop_with_touchpoints()
    rid = open_scoring(ws.id, tps)
    for bad in (0, 31, 2.5, True):
        with pytest.raises(ValidationError):
            lifecycle.set_timer(ws.id, rid, bad)
    assert lifecycle.get_round(rid)["ends_at"] is None
    lifecycle.set_timer(ws.id, rid, 5)
    assert lifecycle.get_round(rid)["ends_at"] > store.now()
    lifecycle.set_timer(ws.id, rid, None)
    assert lifecycle.get_round(rid)["ends_at"] is None


def test_deleting_a_touchpoint_takes_its_round_items_and_scores_with_it(db_path):
    from cemworkshop import touchpoints

    ws, (web, advice, _) = workshop_with_touchpoints()
    (anna,) = participants(ws, 1)
    rid = open_scoring(ws.id, [web, advice])
    score(rid, anna, {web: {"importance": 4}, advice: {"importance": 2}})
    touchpoints.delete_touchpoint(ws.id, web)
    assert [i["subject"] for i in TOUCHPOINT_SCORING.items(rid)] == ["Beratung"]
    assert store.value("SELECT count(*) FROM round_items WHERE round_id = ?", [rid]) == 1
    assert my_scores(rid, anna) == {advice: {"importance": 2}}


def test_results_revealed_with_importance_only_show_no_dot_instead_of_failing(db_path):
    """Revealed while everyone had only given importance: the matrix has no dot yet, and the
    projector and the phones still show the round's figures (it failed with a KeyError)."""
    ws, (web, advice, *_) = workshop_with_touchpoints()
    (anna,) = participants(ws, 1)
    rid = open_scoring(ws.id, [web, advice], hide_results=True)
    score(rid, anna, {web: {"importance": 4}})
    lifecycle.reveal_round(ws.id, rid)
    found = lifecycle.results(lifecycle.get_round(rid), "de", "projector")
    matrix = found.blocks[0].spec
    dots = [layer for layer in matrix["layer"] if layer.get("mark", {}).get("type") == "circle"]
    assert dots and all(not matrix["datasets"][d["data"]["name"]] for d in dots)
    assert found.figures[0].value == "1"  # one person rated
    assert lifecycle.results(lifecycle.get_round(rid), "en", "phone") is not None


def test_a_phone_lists_eight_moments_of_truth_and_says_so_when_there_are_more():
    """Ten touchpoints all important: the phone lists the eight with the largest gap (the
    two fine ones last, cut) and its reading says which eight of how many it shows; with
    eight or fewer the reading is the plain one."""
    names = [f"TP {n}" for n in range(10)]
    ws, ids = workshop_with_touchpoints(names)
    (anna,) = participants(ws, 1)
    rid = open_scoring(ws.id, ids)
    gaps = [4, 3, 3, 3, 2, 2, 1, 1, 0, 0]
    score(
        rid,
        anna,
        {tp: {"importance": 5, "performance": 5 - g} for tp, g in zip(ids, gaps, strict=True)},
    )
    found = lifecycle.results(lifecycle.get_round(rid), "de", "phone")
    titles = [h.title for h in found.highlights]
    assert set(titles) == set(names[:8])  # the two without a gap are cut
    gap_of = dict(zip(names, gaps, strict=True))
    assert [gap_of[t] for t in titles] == sorted(gaps[:8], reverse=True)  # largest first
    assert [h.flagged for h in found.highlights] == [True] * 8  # a gap of a point or more
    assert found.reading.endswith(
        "Hier die 8 mit der größten Lücke von 10; alle zeigt die Präsentation."
    )
    english = lifecycle.results(lifecycle.get_round(rid), "en", "phone").reading
    assert english.endswith(
        "Shown: the 8 with the largest gap of 10; the projector shows them all."
    )
    lifecycle.close_round(ws.id, rid)
    few = open_scoring(ws.id, ids[:3])
    score(few, anna, {tp: {"importance": 5, "performance": 4} for tp in ids[:3]})
    reading = lifecycle.results(lifecycle.get_round(few), "de", "phone").reading
    assert reading.startswith("Moments of Truth") and "Präsentation" not in reading
