"""Step 5 page: every section in both languages with the demo; the forms write what they say —
the index weights (refused unless they make 100, the typing kept), a KPI's new target with its
reason (refused without one), a KPI value read in German, a pre-aggregated value with decimal
commas, an obstacle turned into an idea."""

import pytest

from cemworkshop import barometer, continuous, kpis, obstacles, success, workshops
from pages.step5 import SECTIONS
from tests.app.conftest import open_step, shown, submit, texts

WORDS = {  # a word each section shows with the demo, in each language
    "barometer": ("Unternehmen gesamt", "Company overall"),
    "trends": ("Zeiträume mit weniger als 5 Antworten", "Periods with fewer than 5 answers"),
    "drivers": ("verborgener Treiber", "hidden driver"),
    "index": ("Gesamtindex", "Overall index"),
    "kpis": ("knapp verfehlt", "nearly met"),
    "loop": ("Fahrer schützen Boden", "Fahrer schützen Boden"),
    "dashboard": ("Offene Hindernisse", "Open obstacles"),
    "obstacles": ("Tourenplanung des Speditionspartners", "Tourenplanung des Speditionspartners"),
    "data": ("Nachbefragung", "Nachbefragung"),
}


def step5(ws_or_token, section=None, lang=None):
    return open_step(ws_or_token, 5, section, lang)


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("section", list(SECTIONS))
def test_every_section_renders_in_both_languages(demo_id, section, lang):
    token = workshops.new_facilitator_secrets(demo_id)[0]
    at = step5(token, section, lang)
    assert WORDS[section][0 if lang == "de" else 1] in shown(at), (section, lang)


def test_weights_must_make_100_and_the_typing_stays(db_path):
    ws = workshops.create_workshop("Optimierung")
    ids = {m["code"]: m["id"] for m in barometer.metrics(ws.id)}
    at = step5(ws, "index")
    at.number_input(key=f"index_weight_{ids['nps']}").set_value(50.0)
    submit(at, "index_weights")
    assert "110" in " ".join(e.value for e in at.error)  # 50 + 40 + 20
    assert at.number_input(key=f"index_weight_{ids['nps']}").value == 50.0  # kept
    assert [m["weight"] for m in barometer.metrics(ws.id)] == [40, 40, 20]  # nothing written
    at.number_input(key=f"index_weight_{ids['csat']}").set_value(30.0)
    submit(at, "index_weights")
    assert not at.error
    assert [m["weight"] for m in barometer.metrics(ws.id)] == [50, 30, 20]


def test_a_new_target_needs_its_reason_and_values_are_read_in_german(db_path):
    ws = workshops.create_workshop("Optimierung")
    nps = kpis.save_kpi(ws.id, "NPS", unit="Punkte", target=30)
    churn = kpis.save_kpi(ws.id, "Abwanderung", unit="%", direction="lower", target=11)
    at = step5(ws, "kpis")
    at.selectbox(key="kpi5_target_kpi").set_value(nps)
    at.text_input(key="kpi5_target_value").set_value("40")
    at.text_input(key="kpi5_target_on").set_value("01.10.2026")
    submit(at, "kpi5_target")
    assert "Grund" in " ".join(e.value for e in at.error)
    assert at.text_input(key="kpi5_target_value").value == "40"  # kept
    at.text_input(key="kpi5_target_reason").set_value("Beirat 09/2026")
    submit(at, "kpi5_target")
    assert not at.error
    (change,) = success.target_changes(ws.id)
    assert (change["changed_on"], change["old_value"], change["new_value"], change["reason"]) == (
        "2026-10-01", 30, 40, "Beirat 09/2026")  # fmt: skip
    assert "Beirat 09/2026" in texts(at)  # the history shows it
    at.selectbox(key="kpi5_value_kpi").set_value(churn)
    at.text_input(key="kpi5_value_period").set_value("2026-Q4")
    at.text_input(key="kpi5_value_value").set_value("14,6")
    submit(at, "kpi5_value")
    assert not at.error
    point = next(s for s in success.kpi_series(ws.id) if s["id"] == churn)["points"][0]
    assert (point["period"], point["value"], point["judgement"]) == ("2026-Q4", 14.6, "missed")
    at.text_input(key="kpi5_value_period").set_value("Q4/2026")
    at.text_input(key="kpi5_value_value").set_value("14,6")
    submit(at, "kpi5_value")
    assert "ist kein Zeitraum" in " ".join(e.value for e in at.error)


def test_an_aggregated_value_with_decimal_commas(db_path):
    ws = workshops.create_workshop("Optimierung")
    csat = next(m["id"] for m in barometer.metrics(ws.id) if m["code"] == "csat")
    at = step5(ws, "data")
    at.selectbox(key="data_agg_metric").set_value(csat)
    at.text_input(key="data_agg_start").set_value("01.10.2026")
    at.text_input(key="data_agg_n").set_value("120")
    at.text_input(key="data_agg_mean").set_value("4,2")
    at.text_input(key="data_agg_sd").set_value("0,8")
    at.text_input(key="data_agg_top").set_value("75")
    submit(at, "data_aggregate")
    assert not at.error
    (row,) = barometer.aggregates(ws.id)
    assert (row["period_on"], row["n"], row["mean"], row["sd"], row["top_share"]) == (
        "2026-10-01", 120, 4.2, 0.8, 0.75)  # fmt: skip
    at = step5(ws, "barometer")
    assert "75 %" in texts(at) and "120" in texts(at)


def test_an_obstacle_becomes_an_idea_once(db_path):
    ws = workshops.create_workshop("Optimierung")
    made = obstacles.OBSTACLES.save(
        ws.id, {"description": "Monteure erfahren Änderungen zu spät", "link": "communication",
                "status": "open"})  # fmt: skip
    at = step5(ws, "obstacles")
    at.selectbox(key="obst_pick").set_value(made)
    at.run()
    at.button(key=f"obst_to_idea_{made}").click().run()
    assert [i["text"] for i in continuous.ideas(ws.id)] == ["Monteure erfahren Änderungen zu spät"]
    assert "Monteure erfahren Änderungen zu spät" in texts(at)  # "in the ideas database as …"
    assert not any(b.key == f"obst_to_idea_{made}" for b in at.button)  # no second idea
