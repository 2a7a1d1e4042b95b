"""Step 5's Erfolgsmessung and Prozessoptimierung: the CEM quality index of a small workshop by
hand, KPIs against the target valid in each period, values from the barometer, the loop from a
planned measure to its KPI, the obstacles log, and the demo's survey."""

import math
from datetime import date

import pytest

from cemworkshop import barometer, continuous, demo, kpis, obstacles, priorities, success
from cemworkshop import touchpoints as tps
from cemworkshop.metrics import drivers as drv
from cemworkshop.rounds import lifecycle
from cemworkshop.validation import ValidationError
from tests.unit.helpers import open_scoring, participants, score, workshop_with_touchpoints


def ids_by_code(ws_id):
    return {m["code"]: m["id"] for m in barometer.metrics(ws_id)}


def answers(metric_id, touchpoint_id, values, day="2026-07-02"):
    return [{"metric_id": metric_id, "touchpoint_id": touchpoint_id, "answered_on": day,
             "respondent": f"R-{i}", "value": v} for i, v in enumerate(values)]  # fmt: skip


def small_survey():
    """Two touchpoints in 2026-Q3: A with NPS and CSAT, B with NPS and only four CSAT answers."""
    ws, (a, b) = workshop_with_touchpoints(names=("Lieferung", "Montage"))
    m = ids_by_code(ws.id)
    barometer.add_responses(ws.id, [
        *answers(m["nps"], a, [10, 10, 9, 8, 6, 5, 10, 9, 7, 3]),
        *answers(m["csat"], a, [5, 4, 4, 3, 2, 5, 4, 1]),
        *answers(m["nps"], b, [9, 9, 9, 9, 0]),
        *answers(m["csat"], b, [5, 5, 5, 5]),  # n = 4: hidden, not in the index
        *answers(m["nps"], None, [0, 0, 0, 0, 0]),  # about the company as a whole: no touchpoint
    ])  # fmt: skip
    return ws, a, b, m


# A: NPS 5 promoters − 3 detractors of 10 = 20 → (20 + 100) / 2 = 60;
#    CSAT 5 of 8 answers 4 or 5 = 62.5 %; CES missing: (60 · 40 + 62.5 · 40) / 80 = 61.25
# B: NPS 4 promoters − 1 detractor of 5 = 60 → 80; CSAT hidden (n = 4): 80 · 40 / 40 = 80
INDEX_A, INDEX_B = 61.25, 80.0


def test_quality_index_per_touchpoint_by_hand_hidden_cells_left_out(db_path):
    ws, a, b, m = small_survey()
    table = success.index_table(ws.id)
    assert table.periods == ["2026-Q3"]
    assert table.parts["2026-Q3"] == {
        a: {m["nps"]: pytest.approx(60.0), m["csat"]: pytest.approx(62.5)},
        b: {m["nps"]: pytest.approx(80.0)},
    }
    assert table.touchpoints["2026-Q3"] == {a: pytest.approx(INDEX_A), b: pytest.approx(INDEX_B)}
    # no step-1 scores: every touchpoint counts alike, (61.25 + 80) / 2
    assert table.overall["2026-Q3"] == pytest.approx((INDEX_A + INDEX_B) / 2)
    assert success.latest(table) == "2026-Q3"


def test_overall_index_weights_touchpoints_by_step_one_importance(db_path):
    ws, a, b, _ = small_survey()
    (person,) = participants(ws, 1)
    rid = open_scoring(ws.id, [a, b])
    score(rid, person, {a: {"importance": 4, "performance": 3}, b: {"importance": 1}})
    lifecycle.close_round(ws.id, rid)
    table = success.index_table(ws.id)
    # (61.25 · 4 + 80 · 1) / (4 + 1) = (245 + 80) / 5 = 65
    assert table.overall["2026-Q3"] == pytest.approx(65.0)
    assert table.importance == {a: 4.0, b: 1.0}


def test_a_target_change_needs_a_reason_and_earlier_periods_keep_the_old_target(db_path):
    ws, _ = workshop_with_touchpoints()
    k = kpis.save_kpi(ws.id, "NPS", unit="Punkte", direction="higher", target=30)
    with pytest.raises(ValidationError) as err:
        success.change_target(ws.id, k, 40, "  ", on="2026-10-01")
    assert err.value.code == "target_needs_reason"
    assert success.target_changes(ws.id) == [] and kpis.kpis(ws.id)[0]["target"] == 30
    success.change_target(ws.id, k, 40, "Beirat 09/2026: Ziel angehoben", on="2026-10-01")
    (change,) = success.target_changes(ws.id)
    assert (change["old_value"], change["new_value"], change["changed_on"], change["reason"]) == (
        30, 40, "2026-10-01", "Beirat 09/2026: Ziel angehoben")  # fmt: skip
    assert kpis.kpis(ws.id)[0]["target"] == 40
    success.set_kpi_value(ws.id, k, "2026-Q3", 32)
    success.set_kpi_value(ws.id, k, "2026-Q4", 39)
    (series,) = success.kpi_series(ws.id)
    q3, q4 = series["points"]
    # Q3 ended 30 Sep, before the change: 32 against 30 → met (against 40 it would be missed)
    assert (q3["period"], q3["target"], q3["judgement"]) == ("2026-Q3", 30, "met")
    # Q4 ended 31 Dec: 39 against 40 is 1 short, within 5 % of 40 = 2 → nearly (30: met)
    assert (q4["period"], q4["target"], q4["judgement"]) == ("2026-Q4", 40, "nearly")


def test_two_target_changes_on_one_day_the_later_one_holds(db_path):
    ws, _ = workshop_with_touchpoints()
    k = kpis.save_kpi(ws.id, "NPS", direction="higher", target=30)
    success.change_target(ws.id, k, 45, "Beirat 09/2026: Ziel 45", on="2026-10-01")
    success.change_target(ws.id, k, 40, "Beirat 09/2026: Tippfehler, 40", on="2026-10-01")
    success.set_kpi_value(ws.id, k, "2026-Q3", 29)
    success.set_kpi_value(ws.id, k, "2026-Q4", 42)
    q3, q4 = success.kpi_series(ws.id)[0]["points"]
    # Q3 ended before both changes: 29 against 30 is 1 short, within 5 % of 30 = 1.5 → nearly
    assert (q3["target"], q3["judgement"]) == (30, "nearly")
    # Q4: the day's later change holds, 40 (as the KPI shows): 42 against 40 → met
    assert (q4["target"], q4["judgement"]) == (40, "met")


def test_changing_the_target_in_the_kpi_form_keeps_a_history_row_without_reason(db_path):
    ws, _ = workshop_with_touchpoints()
    k = kpis.save_kpi(ws.id, "NPS", direction="higher", target=30)
    kpis.save_kpi(ws.id, "NPS", direction="higher", target=45, kpi_id=k)
    (change,) = success.target_changes(ws.id)
    assert (change["old_value"], change["new_value"], change["reason"]) == (30, 45, "")
    kpis.save_kpi(ws.id, "NPS", direction="higher", target=45, kpi_id=k, owner="Leitung")
    assert len(success.target_changes(ws.id)) == 1  # the target did not change: no new row


def test_kpi_values_per_period_are_checked_and_replaced(db_path):
    ws, _ = workshop_with_touchpoints()
    k = kpis.save_kpi(ws.id, "Termintreue", unit="%", direction="higher", target=95)
    for wrong in ("2026-07", "2026-Q5", "Q3/2026", ""):
        with pytest.raises(ValidationError) as err:
            success.set_kpi_value(ws.id, k, wrong, 90)
        assert err.value.code == "not_a_period"
    success.set_kpi_value(ws.id, k, "2026-Q3", 90, "erste Zählung")
    success.set_kpi_value(ws.id, k, "2026-q3", 93.5, "korrigiert")
    (series,) = success.kpi_series(ws.id)
    (point,) = series["points"]
    assert (point["period"], point["value"], point["note"]) == ("2026-Q3", 93.5, "korrigiert")
    # 93.5 is 1.5 short of 95, within 5 % of 95 = 4.75 → nearly
    assert point["judgement"] == "nearly"


def test_a_kpi_read_from_the_barometer_takes_each_periods_nps_with_its_n(db_path):
    ws, (a, *_) = workshop_with_touchpoints()
    m = ids_by_code(ws.id)
    barometer.add_responses(ws.id, [
        *answers(m["nps"], None, [10, 10, 9, 0, 8], day="2026-02-10"),  # Q1: (3 − 1) / 5 → 40
        *answers(m["nps"], None, [10, 9, 7, 7, 6, 6], day="2026-05-10"),  # Q2: (2 − 2) / 6 → 0
        *answers(m["nps"], None, [10, 10, 10], day="2026-08-10"),  # Q3: n = 3, hidden
        *answers(m["nps"], a, [0, 0, 0, 0, 0, 0], day="2026-02-10"),  # at a touchpoint: not it
    ])  # fmt: skip
    k = kpis.save_kpi(ws.id, "NPS gesamt", direction="higher", target=30)
    success.set_source(ws.id, k, m["nps"], None, "headline")
    (series,) = success.kpi_series(ws.id)
    got = [(p["period"], p["n"], p["judgement"]) for p in series["points"]]
    assert got == [("2026-Q1", 5, "met"), ("2026-Q2", 6, "missed"), ("2026-Q3", 3, None)]
    values = [p["value"] for p in series["points"]]
    assert values[:2] == [pytest.approx(40.0), pytest.approx(0.0)] and math.isnan(values[2])
    assert success.last_value(series)["period"] == "2026-Q2"


def planned(ws_id, title, kpi_id, start_on):
    measure = priorities.add_candidate(ws_id, title, kpi_id=kpi_id)
    priorities.select(ws_id, [measure])
    row = next(p for p in priorities.plan(ws_id) if p["measure_id"] == measure)
    priorities.PLAN.save(ws_id, {"status": "in_progress", "percent_done": 20,
                                 "start_on": start_on}, record_id=row["id"])  # fmt: skip
    return measure


def test_the_loop_compares_a_measures_kpi_before_and_after_its_start(db_path):
    ws, _ = workshop_with_touchpoints()
    up = kpis.save_kpi(ws.id, "Weiterempfehlung", direction="higher", target=40)
    down = kpis.save_kpi(ws.id, "Reklamationsquote", direction="lower", target=3)
    for period, value in (("2025-Q4", 20), ("2026-Q1", 25), ("2026-Q3", 31)):
        success.set_kpi_value(ws.id, up, period, value)
    for period, value in (("2026-Q1", 5), ("2026-Q3", 7)):
        success.set_kpi_value(ws.id, down, period, value)
    better = planned(ws.id, "Rückruf binnen zwei Stunden", up, "2026-05-15")
    worse = planned(ws.id, "Montage an einem Tag", down, "2026-05-15")
    loop = {r["measure_id"]: r for r in success.loop_measures(ws.id)}
    # start 15 May: the newest period ended before it is 2026-Q1, the newest after it 2026-Q3
    b = loop[better]
    assert (b["before"]["period"], b["before"]["value"]) == ("2026-Q1", 25)
    assert (b["after"]["period"], b["after"]["value"]) == ("2026-Q3", 31)
    assert b["effect"] == "better"  # 25 → 31 on a "higher" KPI
    w = loop[worse]
    assert (w["before"]["value"], w["after"]["value"], w["effect"]) == (5, 7, "worse")


def test_obstacles_refuse_an_unknown_link_and_become_one_idea(db_path):
    ws, (web, *_) = workshop_with_touchpoints()
    with pytest.raises(ValidationError) as err:
        obstacles.OBSTACLES.save(ws.id, {"description": "Montageteam erfährt Änderungen zu spät",
                                         "link": "marketing", "status": "open"})  # fmt: skip
    assert err.value.code == "unknown_choice"
    assert obstacles.obstacles(ws.id) == []
    made = obstacles.OBSTACLES.save(ws.id, {
        "description": "Montageteam erfährt Änderungen zu spät", "link": "communication",
        "touchpoint_id": web, "owner": "Jonas Weber", "status": "open",
        "raised_on": "2026-11-12"})  # fmt: skip
    idea = obstacles.to_idea(ws.id, made)
    (found,) = continuous.ideas(ws.id)
    assert (found["id"], found["text"], found["touchpoint_id"], found["source"]) == (
        idea, "Montageteam erfährt Änderungen zu spät", web, "staff")  # fmt: skip
    assert obstacles.to_idea(ws.id, made) == idea
    assert len(continuous.ideas(ws.id)) == 1
    assert obstacles.obstacles(ws.id)[0]["idea"] == "Montageteam erfährt Änderungen zu spät"


def test_the_demo_survey_has_four_quarters_a_hidden_cell_and_a_hidden_driver(db_path):
    wid = demo.load_demo()
    assert barometer.periods(wid) == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    names = {t["id"]: t["name"] for t in tps.touchpoints(wid)}
    by_name = {v: k for k, v in names.items()}
    metric = {m["name"]: m["id"] for m in barometer.metrics(wid)}
    figures = barometer.figures(wid)
    hidden = {(p, names[tp]) for (p, tp, _), f in figures.items() if f.status == "hidden"}
    assert ("2026-Q4", "WhatsApp-Service") in hidden
    whatsapp = figures[("2026-Q4", by_name["WhatsApp-Service"], metric["CSAT"])]
    assert whatsapp.n < 5 and math.isnan(whatsapp.value)
    answers_, outcome = barometer.respondents(wid, metric["CSAT"], metric["NPS"])
    found = drv.drivers(answers_, outcome)
    stated = {tp: s["importance"] for tp, s in success.step1_scores(wid).items()}
    verdicts = {names[tp]: v for tp, v in drv.findings(found.rows, stated).items()}
    assert verdicts["Rechnung"] == "hidden_driver"


def test_after_is_the_period_a_measure_began_in_until_a_later_one_exists(db_path):
    ws, _ = workshop_with_touchpoints()
    up = kpis.save_kpi(ws.id, "Weiterempfehlung", direction="higher", target=40)
    for period, value in (("2026-Q1", 25), ("2026-Q3", 28)):
        success.set_kpi_value(ws.id, up, period, value)
    began = planned(ws.id, "Rückruf binnen zwei Stunden", up, "2026-08-10")
    ahead = planned(ws.id, "Montage an einem Tag", up, "2027-01-11")
    loop = {r["measure_id"]: r for r in success.loop_measures(ws.id, date(2026, 11, 29))}
    # began 10 Aug: no period began after it yet, so Q3 (1 Jul – 30 Sep) counts, marked partly
    b = loop[began]
    assert (b["before"]["period"], b["after"]["period"], b["partly"]) == (
        "2026-Q1",
        "2026-Q3",
        True,
    )
    assert b["effect"] == "better"
    # a start ahead of today: nothing after it yet, however many periods end later
    a = loop[ahead]
    assert (a["before"]["period"], a["after"], a["effect"]) == ("2026-Q3", None, None)
    assert success.before_after(["2026-Q3", "2026-Q4"], "2026-08-10", "2026-11-29") == (
        None, "2026-Q4", False)  # fmt: skip
