"""The strategy frame: goals, strategy texts, KPIs and the five rules round, against a real file."""

import math

import pytest

from cemworkshop import competitors, kpis, strategy, workshops
from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.five_rules import DIMENSION, RULES
from cemworkshop.rounds.five_rules import KIND as FIVE_RULES
from cemworkshop.validation import ValidationError


def test_a_new_workshop_has_the_methods_six_goals_to_rank(db_path):
    ws = workshops.create_workshop("Ziele")
    goals = strategy.goals(ws.id)
    assert [g["key"] for g in goals] == [
        "delight", "loyalty", "brand", "referrals", "efficiency", "satisfaction",
    ]  # fmt: skip
    strategy.move_goal(ws.id, goals[5]["id"], -1)
    strategy.move_goal(ws.id, goals[0]["id"], -1)  # already first: stays
    assert [g["key"] for g in strategy.goals(ws.id)][4:] == ["satisfaction", "efficiency"]
    for g in goals[:3]:
        strategy.set_top(ws.id, g["id"], True)
    with pytest.raises(ValidationError) as err:
        strategy.set_top(ws.id, goals[3]["id"], True)
    assert err.value.code == "top_three_full"
    strategy.set_top(ws.id, goals[0]["id"], False)
    strategy.set_top(ws.id, goals[3]["id"], True)
    assert [g["id"] for g in strategy.goals(ws.id) if g["top"]] == [g["id"] for g in goals[1:4]]


def test_own_goals_are_unique_and_removable_the_methods_are_not(db_path):
    ws = workshops.create_workshop("Ziele")
    own = strategy.add_goal(ws.id, "  Termintreue  ")
    assert strategy.goals(ws.id)[-1] == {**strategy.goals(ws.id)[-1], "name": "Termintreue"}
    with pytest.raises(ValidationError) as err:
        strategy.add_goal(ws.id, "TERMINTREUE")
    assert err.value.code == "duplicate_goal"
    with pytest.raises(ValidationError):
        strategy.add_goal(ws.id, "   ")
    method = strategy.goals(ws.id)[0]["id"]
    strategy.remove_goal(ws.id, method)
    strategy.remove_goal(ws.id, own)
    assert len(strategy.goals(ws.id)) == 6


def test_strategy_texts_are_versioned(db_path):
    ws = workshops.create_workshop("Text")
    assert strategy.texts(ws.id)["version"] == 0
    strategy.save_texts(ws.id, version=0, guiding_value="Verlässlichkeit")
    assert strategy.texts(ws.id)["guiding_value"] == "Verlässlichkeit"
    with pytest.raises(ValidationError) as err:
        strategy.save_texts(ws.id, version=0, guiding_value="Nähe")
    assert err.value.code == "stale_edit" and err.value.params["current"] == "Verlässlichkeit"
    with pytest.raises(ValidationError) as err:
        strategy.save_texts(ws.id, version=1, culture="x" * 1001)
    assert err.value.code == "name_too_long" or err.value.params["field"] == "strategy_culture"
    assert strategy.texts(ws.id)["guiding_value"] == "Verlässlichkeit"


def test_benchmark_position_names_leads_and_lags_largest_first(db_path):
    ws = workshops.create_workshop("Bench")
    assert strategy.benchmark_position(ws.id) == {"leads": [], "lags": []}
    own, rival = competitors.own_company(ws.id), competitors.add_competitor(ws.id, "König")
    advice, phone, price = (
        competitors.add_criterion(ws.id, n) for n in ("Beratung", "Telefon", "Preis")
    )
    competitors.set_scores(ws.id, {
        (advice, own): 4.5, (advice, rival): 3.5, (phone, own): 2.0, (phone, rival): 3.5,
        (price, own): 3.0, (price, rival): 3.5,
    })  # fmt: skip
    assert strategy.benchmark_position(ws.id) == {
        "leads": [("Beratung", 1.0)],
        "lags": [("Telefon", -1.5), ("Preis", -0.5)],
    }


def test_kpis_are_checked_and_a_target_against_the_direction_is_flagged(db_path):
    ws = workshops.create_workshop("KPI")
    nps = kpis.save_kpi(
        ws.id, "NPS", unit="Punkte", baseline=18, target=35, target_date="2027-12-31"
    )
    churn = kpis.save_kpi(ws.id, "Abwanderung", direction="lower", baseline=16, target=20)
    found = {k["name"]: k for k in kpis.kpis(ws.id)}
    assert not kpis.against_direction(found["NPS"])
    assert kpis.against_direction(found["Abwanderung"])  # lower is better, target higher
    assert not kpis.against_direction({"direction": "higher", "baseline": None, "target": 5})
    for bad, code in (
        (dict(name="nps"), "duplicate_kpi"),
        (dict(name=""), "empty_name"),
        (dict(name="X", direction="sideways"), "unknown_direction"),
        (dict(name="X", baseline="zwölf"), "not_a_number"),
        (dict(name="X", target=1e13), "out_of_range"),
        (dict(name="X", target_date="31.12.2027"), "not_a_date"),
    ):
        with pytest.raises(ValidationError) as err:
            kpis.save_kpi(ws.id, bad.pop("name"), **bad)
        assert err.value.code == code
    assert len(kpis.kpis(ws.id)) == 2
    # an edit on an old version is refused; on the current one it goes through
    kpis.save_kpi(ws.id, "NPS", target=40, kpi_id=nps, version=0)
    with pytest.raises(ValidationError) as err:
        kpis.save_kpi(ws.id, "NPS", target=50, kpi_id=nps, version=0)
    assert err.value.code == "stale_edit"
    assert kpis.kpis(ws.id)[0]["target"] == 40
    kpis.delete_kpi(ws.id, churn)
    assert [k["name"] for k in kpis.kpis(ws.id)] == ["NPS"]


def test_five_rules_results_by_hand_weakest_first(db_path):
    ws = workshops.create_workshop("Regeln")
    people = [workshops.join(ws.join_code, n).participant_id for n in ("A", "B", "C")]
    rid = lifecycle.open_round(ws.id, FIVE_RULES.name, title="5 Regeln")
    items = {it["rule"]: it["item_id"] for it in FIVE_RULES.items(rid)}
    assert list(items) == list(RULES)
    given = {  # strategy 4, 5, 3: mean 4, spread 1; measured 2, 1, 3: mean 2, spread 1;
        "strategy": (4, 5, 3), "measured": (2, 1, 3), "moments": (2, 2, 2),
        "staff": (5, 5, None), "continuous": (3, None, None),
    }  # fmt: skip
    for i, person in enumerate(people):
        answers = {items[r]: {DIMENSION: v[i]} for r, v in given.items() if v[i] is not None}
        lifecycle.submit(rid, person, answers)
    table = FIVE_RULES.table(rid)
    # moments 2 (spread 0) and measured 2 tie: the method's order decides; one rater: no spread
    assert list(table["rule"]) == ["measured", "moments", "continuous", "strategy", "staff"]
    assert list(table["mean"]) == [2, 2, 3, 4, 5]
    assert list(table["n"]) == [3, 3, 1, 3, 2]
    assert table.loc[0, "spread"] == pytest.approx(1.0) and table.loc[1, "spread"] == 0
    assert math.isnan(table.loc[2, "spread"])


def test_five_rules_limits_are_enforced_in_the_store(db_path):
    ws = workshops.create_workshop("Regeln")
    anna = workshops.join(ws.join_code, "Anna").participant_id
    rid = lifecycle.open_round(ws.id, FIVE_RULES.name)
    item = FIVE_RULES.items(rid)[0]["item_id"]
    for bad, code in (
        ({item: {DIMENSION: 6}}, "score_out_of_range"),
        ({item: {DIMENSION: 0}}, "score_out_of_range"),
        ({item: {"importance": 3}}, "unknown_dimension"),
        ({item + 999: {DIMENSION: 3}}, "unknown_item"),
    ):
        with pytest.raises(ValidationError) as err:
            lifecycle.submit(rid, anna, bad)
        assert err.value.code == code
    lifecycle.close_round(ws.id, rid)
    with pytest.raises(ValidationError) as err:
        lifecycle.submit(rid, anna, {item: {DIMENSION: 3}})
    assert err.value.code == "round_closed"
    assert FIVE_RULES.table(rid)["n"].sum() == 0


def test_presenter_view_and_state(db_path):
    ws = workshops.create_workshop("Beamer")
    before = strategy.presenter_state(ws.id)
    strategy.show_on_presenter(ws.id, "kpis")
    assert strategy.presenter_view(ws.id) == "kpis"
    with pytest.raises(ValidationError):
        strategy.show_on_presenter(ws.id, "dashboard")
    kpis.save_kpi(ws.id, "NPS")
    after = strategy.presenter_state(ws.id)
    assert after != before and after[0] == "kpis"
