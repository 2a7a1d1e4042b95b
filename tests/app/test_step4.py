"""Step 4 page: every section in both languages with the demo; a candidate added by hand, the
impact–effort round opened from its section, an override with its reason, the selection into
the plan and the plan's form reading German numbers and dates."""

import pytest

from cemworkshop import priorities, touchpoints, workshops
from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.impact_effort import KIND as IMPACT_EFFORT
from pages.step4 import SECTIONS
from tests.app.conftest import open_step, shown, submit, texts

WORDS = {  # a word each section shows with the demo, in each language
    "candidates": ("„Erinnerungen schaffen“ (Schritt 2)", "“Creating memories” (step 2)"),
    "priorities": ("Quick-Win", "Quick win"),
    "plan": ("Zeitplan", "Timeline"),
    "ideas": ("Belohnt das Beschweren statt", "Belohnt das Beschweren statt"),
    "complaints": ("Niemand meldet sich zum Liefertermin", "Niemand meldet sich zum Liefertermin"),
    "analysis": ("80 % der Beschwerden: Liefertermin", "80 % of complaints: Liefertermin"),
    "rewards": ("Küchen-Club", "Küchen-Club"),
}


def step4(ws_or_token, section=None, lang=None):
    return open_step(ws_or_token, 4, section, lang)


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("section", list(SECTIONS))
def test_every_section_renders_in_both_languages(demo_id, section, lang):
    token = workshops.new_facilitator_secrets(demo_id)[0]
    at = step4(token, section, lang)
    assert WORDS[section][0 if lang == "de" else 1] in shown(at), (section, lang)


def test_from_a_candidate_to_the_plan(db_path):
    ws = workshops.create_workshop("Umsetzung")
    phase = touchpoints.phases(ws.id)[2]["id"]
    tp = touchpoints.add_touchpoint(ws.id, "Reklamation", phase_id=phase)
    at = step4(ws, "candidates")
    at.text_input(key="cand_new_title").set_value("Rückruf in zwei Stunden")
    at.selectbox(key="cand_new_tp").set_value(tp)
    at.selectbox(key="cand_new_conf").set_value(80)
    submit(at, "cand_new")
    (m,) = priorities.candidates(ws.id)
    assert (m["title"], m["touchpoint_id"], m["confidence"], m["origin"]) == (
        "Rückruf in zwei Stunden", tp, 80, "manual")  # fmt: skip
    at.text_input(key="cand_new_title").set_value("rückruf in zwei stunden")
    submit(at, "cand_new")
    assert "gibt es bereits" in " ".join(e.value for e in at.error)
    assert at.text_input(key="cand_new_title").value == "rückruf in zwei stunden"  # kept

    at = step4(ws, "priorities")
    submit(at, "priority_open")
    rnd = lifecycle.current_round(ws.id)
    assert rnd["kind"] == IMPACT_EFFORT.name
    items = IMPACT_EFFORT.item_ids(rnd["id"])
    person = workshops.join(ws.join_code, "Ana").participant_id
    lifecycle.submit(rnd["id"], person, {items[m["id"]]: {"impact": 5, "effort": 2}})
    lifecycle.close_round(ws.id, rnd["id"])
    at = step4(ws, "priorities")
    assert "Quick-Win" in shown(at)
    assert "override_measure" not in [s.key for s in at.selectbox]  # drawn once opened
    at.session_state["priority_override_box"] = True  # the facilitator opens the expander
    at.run()
    at.selectbox(key="override_measure").set_value(m["id"])
    at.selectbox(key="override_axis").set_value("effort")
    at.selectbox(key="override_value").set_value(4)
    at.text_input(key="override_reason").set_value("Schnittstelle nötig")
    submit(at, "priority_override")
    assert "Schnittstelle nötig" in texts(at)  # the reason stays visible
    assert priorities.ranking(ws.id)[0]["quadrant"] == "big_bet"
    submit(at, "priority_select")
    (p,) = priorities.plan(ws.id)
    assert p["measure_id"] == m["id"]

    at = step4(ws, "plan")
    at.selectbox(key="plan_pick").set_value(p["id"])
    at.text_input(key=f"plan_{p['id']}_budget").set_value("4.000,50")
    at.text_input(key=f"plan_{p['id']}_start_on").set_value("02.11.2026")
    at.text_input(key=f"plan_{p['id']}_due_on").set_value("18.12.2026")
    at.text_input(key=f"plan_{p['id']}_percent_done").set_value("150")
    submit(at, f"plan_{p['id']}")
    assert "zwischen 0 und 100" in " ".join(e.value for e in at.error)
    at.text_input(key=f"plan_{p['id']}_percent_done").set_value("40")
    submit(at, f"plan_{p['id']}")
    (p,) = priorities.plan(ws.id)
    assert (p["budget"], p["start_on"], p["due_on"], p["percent_done"]) == (
        4000.5, "2026-11-02", "2026-12-18", 40)  # fmt: skip


def test_continuous_cem_forms_write_what_they_say(db_path):
    ws = workshops.create_workshop("Kontinuierlich")
    phase = touchpoints.phases(ws.id)[2]["id"]
    tp = touchpoints.add_touchpoint(ws.id, "Montage", phase_id=phase)
    from cemworkshop import complaints, continuous

    at = step4(ws, "ideas")
    at.text_area(key="bank_new_text").set_value("Tablet für Monteure")
    at.selectbox(key="bank_new_source").set_value("staff")
    at.selectbox(key="bank_new_programme").set_value("employee")
    submit(at, "bank_new")
    (idea,) = continuous.ideas(ws.id)
    assert (idea["text"], idea["programme"], idea["status"]) == (
        "Tablet für Monteure",
        "employee",
        "new",
    )
    at.selectbox(key="bank_move_status").set_value("rejected")
    submit(at, "bank_move")
    assert "Begründung" in " ".join(e.value for e in at.error)  # a reason is required
    at.text_input(key="bank_move_reason").set_value("Zu teuer")
    submit(at, "bank_move")
    assert continuous.ideas(ws.id)[0]["reject_reason"] == "Zu teuer"
    at.toggle(key="bank_open").set_value(True).run()
    assert continuous.settings(ws.id)["ideas_open"]

    at = step4(ws, "complaints")
    at.text_input(key="compl_new_day").set_value("31.02.2026")
    at.text_area(key="compl_new_text").set_value("Arbeitsplatte falsch")
    submit(at, "compl_new")
    assert "kein Datum" in " ".join(e.value for e in at.error)
    assert at.text_area(key="compl_new_text").value == "Arbeitsplatte falsch"  # kept
    at.text_input(key="compl_new_day").set_value("02.11.2026")
    at.selectbox(key="compl_new_tp").set_value(tp)
    submit(at, "compl_new")
    (c,) = complaints.complaints(ws.id)
    assert (c["received_at"], c["touchpoint_id"], c["status"]) == (
        "2026-11-02T09:00",
        tp,
        "received",
    )
    at.button(key=f"compl_next_{c['id']}").click().run()
    assert complaints.complaints(ws.id)[0]["acknowledged_at"]
    at.text_input(key="compl_cause_name").set_value("Montage")
    submit(at, "compl_cause_new")
    (cause,) = complaints.causes(ws.id)
    at.selectbox(key="compl_cause_pick").set_value(cause["id"])
    at.text_input(key="compl_cause_to").set_value("Montagefehler")
    submit(at, "compl_cause_rename")
    assert [k["name"] for k in complaints.causes(ws.id)] == ["Montagefehler"]

    at = step4(ws, "analysis")
    assert "2026-11" in shown(at)
    at = step4(ws, "rewards")
    at.text_input(key="rewards_new_programme").set_value("Küchen-Club")
    at.text_input(key="rewards_new_cost").set_value("12.000")
    submit(at, "rewards_new")
    assert continuous.REWARDS.rows(ws.id)[0]["cost"] == 12000.0
