"""The run of the day page: in both languages with the demo (its management day with actual
times); the next block started opens its section; editing the agenda writes what it says."""

import pytest

from cemworkshop import agenda, workshops
from tests.app.conftest import open_page, shown, submit


def agenda_page(token, lang=None):
    return open_page(token, "pages/agenda.py", lang)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_demo_day_with_plan_and_actual_times_in_both_languages(demo_id, lang):
    at = agenda_page(workshops.new_facilitator_secrets(demo_id)[0], lang)
    text = shown(at)
    assert "Live-Bewertung und Moments of Truth" in text  # blocks are in the workshop's language
    # the scoring planned 11:10–11:55 after the coffee; it ran 58 of 45 minutes
    assert "11:10–11:55" in text and "+13" in text and "±0" in text
    assert (
        "CEM-Workshop für das Management" if lang == "de" else "CEM workshop for management"
    ) in text


def test_starting_blocks_and_editing_the_agenda(db_path):
    ws = workshops.create_workshop("Tag")
    agenda.load_format(ws.id, "touchpoint_mapping", "de")
    at = agenda_page(ws.facilitator_token)
    at.toggle(key="agenda_follow").set_value(False).run()
    at.button(key="agenda_next").click().run()
    assert agenda.current(ws.id)["title"] == "Begrüßung und Ziel des Tages"
    assert "Jetzt: Begrüßung und Ziel des Tages" in shown(at)
    at.button(key="agenda_next").click().run()
    assert agenda.current(ws.id)["title"] == "Touchpoints sammeln"
    first = agenda.blocks(ws.id)[0]
    assert first["ended_at"] and first["started_at"]  # the welcome ended when the next began
    # a new break at the end, then moved up one place
    at.text_input(key="agenda_form_new_title").input("Zusatzpause")
    at.selectbox(key="agenda_form_new_kind").set_value("break")
    at.number_input(key="agenda_form_new_minutes").set_value(10)
    submit(at, "agenda_form_new")
    assert agenda.blocks(ws.id)[-1]["title"] == "Zusatzpause"
    added = agenda.blocks(ws.id)[-1]["id"]
    at.selectbox(key="agenda_pick").set_value(added).run()
    at.button(key="agenda_up").click().run()
    assert [b["title"] for b in agenda.blocks(ws.id)][-2] == "Zusatzpause"
    # 15 + 45 + 45 + 15 + 45 + 30 + 45 + 45 + 60 + 30 + 15 = 390, and the new 10
    assert agenda.totals(agenda.blocks(ws.id), "09:00")["minutes"] == 390 + 10
