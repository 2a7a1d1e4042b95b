import pytest

from cemworkshop import rounds, store, workshops
from cemworkshop.validation import ValidationError
from tests.unit.helpers import participants, workshop_with_touchpoints


def test_a_round_opens_for_chosen_touchpoints_in_journey_order(db_path):
    ws, (web, advice, delivery) = workshop_with_touchpoints()
    rid = rounds.open_scoring_round(
        ws.id, [delivery, web], with_competitor=True, hide_results=True, title="MoT"
    )
    rnd = rounds.open_round(ws.id)
    assert (rnd["id"], rnd["dimensions"], rnd["hide_results"]) == (
        rid,
        ("importance", "performance", "competitor"),
        1,
    )
    assert [i["name"] for i in rounds.round_items(rid)] == ["Website", "Lieferung"]


def test_only_one_round_is_open_at_a_time_and_it_needs_touchpoints(db_path):
    ws, tps = workshop_with_touchpoints()
    with pytest.raises(ValidationError, match="round_needs_touchpoints"):
        rounds.open_scoring_round(ws.id, [])
    rounds.open_scoring_round(ws.id, tps)
    with pytest.raises(ValidationError, match="round_already_open"):
        rounds.open_scoring_round(ws.id, tps)


def test_a_new_score_replaces_the_old_and_none_removes_it(db_path):
    ws, (web, advice, _) = workshop_with_touchpoints()
    (anna,) = participants(ws, 1)
    rid = rounds.open_scoring_round(ws.id, [web, advice])
    rounds.submit_scores(rid, anna, {web: {"importance": 2, "performance": 4}})
    rounds.submit_scores(
        rid, anna, {web: {"importance": 5, "performance": None}, advice: {"importance": 3}}
    )
    assert rounds.my_scores(rid, anna) == {web: {"importance": 5}, advice: {"importance": 3}}


@pytest.mark.parametrize("value", [0, 6, -1, 99, 2.5, "4", True])
def test_scores_outside_1_to_5_are_refused_and_nothing_is_written(db_path, value):
    ws, (web, advice, _) = workshop_with_touchpoints()
    (anna,) = participants(ws, 1)
    rid = rounds.open_scoring_round(ws.id, [web, advice])
    with pytest.raises(ValidationError, match="score_out_of_range"):
        rounds.submit_scores(rid, anna, {web: {"importance": 4}, advice: {"importance": value}})
    assert rounds.my_scores(rid, anna) == {}


def test_participants_cannot_score_in_another_workshop_or_after_closing(db_path):
    ws, (web, *_) = workshop_with_touchpoints()
    other, (other_tp, *_) = workshop_with_touchpoints()
    (stranger,) = participants(other, 1)
    (anna,) = participants(ws, 1)
    rid = rounds.open_scoring_round(ws.id, [web])
    with pytest.raises(ValidationError, match="not_a_participant"):
        rounds.submit_scores(rid, stranger, {web: {"importance": 3}})
    with pytest.raises(ValidationError, match="unknown_touchpoint"):
        rounds.submit_scores(rid, anna, {other_tp: {"importance": 3}})
    with pytest.raises(ValidationError, match="unknown_dimension"):
        rounds.submit_scores(rid, anna, {web: {"competitor": 3}})
    rounds.close_round(ws.id, rid)
    with pytest.raises(ValidationError, match="round_closed"):
        rounds.submit_scores(rid, anna, {web: {"importance": 3}})
    assert store.value("SELECT count(*) FROM scores") == 0


def test_status_names_who_submitted_and_who_in_the_room_is_missing(db_path):
    ws, tps = workshop_with_touchpoints()
    anna, ben, cleo = participants(ws, 3)
    with store.transaction() as db:  # Cleo joined yesterday and left: not "in the room"
        db.execute(
            "UPDATE participants SET last_seen = '2020-01-01T00:00:00.000Z' WHERE id = ?", [cleo]
        )
    rid = rounds.open_scoring_round(ws.id, tps)
    rounds.submit_scores(rid, anna, {tps[0]: {"importance": 4}})
    s = rounds.status(rid)
    assert [p["name"] for p in s["submitted"]] == ["Person 0"]
    assert [p["name"] for p in s["missing"]] == ["Person 1"]


def test_hidden_results_show_only_after_reveal_and_closed_rounds_stay_listed(db_path):
    ws, tps = workshop_with_touchpoints()
    rid = rounds.open_scoring_round(ws.id, tps, hide_results=True)
    assert not rounds.results_visible(rounds.get_round(rid))
    rounds.reveal_round(ws.id, rid)
    assert rounds.results_visible(rounds.get_round(rid))
    rounds.close_round(ws.id, rid)
    assert rounds.open_round(ws.id) is None
    assert [(r["id"], r["status"]) for r in rounds.list_rounds(ws.id)] == [(rid, "closed")]


def test_a_facilitator_id_from_another_workshop_cannot_close_or_reveal(db_path):
    ws, tps = workshop_with_touchpoints()
    other = workshops.create_workshop("Fremd")
    rid = rounds.open_scoring_round(ws.id, tps, hide_results=True)
    rounds.close_round(other.id, rid)
    rounds.reveal_round(other.id, rid)
    assert rounds.get_round(rid)["status"] == "open"
    assert not rounds.get_round(rid)["revealed"]


def test_an_empty_submission_writes_nothing_but_is_still_checked(db_path):
    ws, tps = workshop_with_touchpoints()
    (anna,) = participants(ws, 1)
    rid = rounds.open_scoring_round(ws.id, tps)
    assert rounds.submit_scores(rid, anna, {}) == 0
    rounds.close_round(ws.id, rid)
    with pytest.raises(ValidationError, match="round_closed"):
        rounds.submit_scores(rid, anna, {})
