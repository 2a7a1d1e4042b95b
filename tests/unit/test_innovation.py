"""Step 2's innovation check: prioritised touchpoints, potential, the quality check, the heat
table's order, and the live round's means — against a real SQLite file."""

import pytest

from cemworkshop import innovation, touchpoints, workshops
from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.innovation_check import DIMENSION, PER_SCREEN
from cemworkshop.rounds.innovation_check import KIND as CHECK
from cemworkshop.validation import ValidationError


def setup():
    ws = workshops.create_workshop("Innovation")
    phase = touchpoints.phases(ws.id)[2]["id"]
    montage = touchpoints.add_touchpoint(ws.id, "Montage", phase_id=phase)
    lieferung = touchpoints.add_touchpoint(ws.id, "Lieferung", phase_id=phase)
    return ws, montage, lieferung


def test_choosing_keeps_what_was_entered_for_touchpoints_that_stay(db_path):
    ws, montage, lieferung = setup()
    innovation.choose(ws.id, [lieferung, montage])
    innovation.set_potential(ws.id, montage, offer_depth=4, event_depth=2, brand_promise="partly")
    innovation.choose(ws.id, [montage])
    (only,) = innovation.chosen(ws.id)
    assert (only["name"], only["offer_depth"], only["brand_promise"]) == ("Montage", 4, "partly")
    innovation.choose(ws.id, [])
    assert innovation.chosen(ws.id) == []
    with pytest.raises(ValidationError):
        innovation.choose(ws.id, [9999])


@pytest.mark.parametrize(
    ("values", "code"),
    [({"offer_depth": 6}, "out_of_range"), ({"event_depth": 0}, "out_of_range"),
     ({"offer_depth": 2.5}, "out_of_range"), ({"brand_promise": "maybe"}, "unknown_choice")],
)  # fmt: skip
def test_potential_is_checked(db_path, values, code):
    ws, montage, _ = setup()
    innovation.choose(ws.id, [montage])
    with pytest.raises(ValidationError) as err:
        innovation.set_potential(ws.id, montage, **values)
    assert err.value.code == code


def test_the_heat_table_lists_the_weakest_cells_first(db_path):
    ws, montage, lieferung = setup()
    innovation.choose(ws.id, [lieferung, montage])
    innovation.set_scores(ws.id, {
        (montage, "reliable"): 2.0, (lieferung, "reliable"): 2.0, (lieferung, "novel"): 2.0,
        (montage, "easy"): 4.5, (lieferung, "easy"): 1.5,
    })  # fmt: skip
    heat = innovation.heat(ws.id)
    # 1.5 first; the three 2.0 by touchpoint order (Lieferung first), then criteria order
    assert list(zip(heat["touchpoint"], heat["criterion"], strict=True)) == [
        ("Lieferung", "easy"), ("Lieferung", "novel"), ("Lieferung", "reliable"),
        ("Montage", "reliable"), ("Montage", "easy"),
    ]  # fmt: skip
    assert list(heat["weak"]) == [True, True, True, True, False]
    for bad, code in (({(montage, "shiny"): 3}, "unknown_criterion"),
                      ({(montage, "easy"): 5.5}, "score_out_of_range"),
                      ({(montage, "easy"): "3"}, "score_out_of_range")):  # fmt: skip
        with pytest.raises(ValidationError) as err:
            innovation.set_scores(ws.id, bad)
        assert err.value.code == code
    innovation.set_scores(ws.id, {(lieferung, "easy"): None})
    assert (lieferung, "easy") not in innovation.scores(ws.id)


def test_the_live_check_groups_four_criteria_per_screen_and_gives_means(db_path):
    ws, montage, lieferung = setup()
    anna, ben = (workshops.join(ws.join_code, n).participant_id for n in ("A", "B"))
    criteria = ["novel", "easy", "reliable", "convenient", "personalised"]
    rid = lifecycle.open_round(
        ws.id, CHECK.name, touchpoint_ids=[montage, lieferung], criteria=criteria
    )
    groups = CHECK.questions(lifecycle.get_round(rid), "de")
    assert [(g.title, len(g.questions)) for g in groups] == [
        ("Montage", PER_SCREEN), ("Montage", 1), ("Lieferung", PER_SCREEN), ("Lieferung", 1),
    ]  # fmt: skip
    assert groups[0].questions[0].label == "Neuartig"  # the method's order, not the click order
    items = {(i["touchpoint_id"], i["criterion"]): i["item_id"] for i in CHECK.items(rid)}
    lifecycle.submit(rid, anna, {items[(montage, "easy")]: {DIMENSION: 2}})
    lifecycle.submit(rid, ben, {items[(montage, "easy")]: {DIMENSION: 5}})
    with pytest.raises(ValidationError):
        lifecycle.submit(rid, ben, {items[(montage, "easy")]: {DIMENSION: 6}})
    assert CHECK.means(rid) == {(montage, "easy"): 3.5}
    innovation.choose(ws.id, [montage])
    assert innovation.apply_round_means(ws.id, CHECK.means(rid)) == 1
    assert innovation.scores(ws.id) == {(montage, "easy"): 3.5}
    lifecycle.close_round(ws.id, rid)
    with pytest.raises(ValidationError) as err:
        lifecycle.open_round(ws.id, CHECK.name, touchpoint_ids=[montage], criteria=["shiny"])
    assert err.value.code == "unknown_criterion"


def test_the_innovation_check_exports_one_row_per_touchpoint(db_path):
    from cemworkshop.exchange.tables import TABLES

    ws, montage, lieferung = setup()
    innovation.choose(ws.id, [montage, lieferung])
    innovation.save_touchpoint(
        ws.id, montage, offer_depth=3, event_depth=None, brand_promise="no",
        values={(montage, "reliable"): 2.5},
    )  # fmt: skip
    rows = TABLES["innovation"](ws.id).decode("utf-8-sig").splitlines()
    head = rows[0].split(",")
    assert head[:5] == ["touchpoint", "offer_depth", "event_depth", "brand_promise", "novel"]
    first = dict(zip(head, rows[1].split(","), strict=True))
    assert (first["touchpoint"], first["offer_depth"], first["event_depth"]) == ("Montage", "3", "")
    assert (first["brand_promise"], first["reliable"], first["easy"]) == ("no", "2.5", "")
    assert rows[2].startswith("Lieferung,,,,")
