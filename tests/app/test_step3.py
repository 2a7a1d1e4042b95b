"""Step 3 page: every section in both languages with the demo; the board's patron, a record
list's form, the gap round opened from its section, a worksheet saved and refused when stale,
an idea turned into a candidate measure."""

import pytest

from cemworkshop import ideas, kpis, organisation, touchpoints, worksheets, workshops
from cemworkshop.rounds import lifecycle
from pages.step3 import SECTIONS
from tests.app.conftest import open_step, shown, submit, texts

FIRST_SECTION = {"de": "CEM Advisory Board", "en": "CEM Advisory Board"}
WORDS = {  # a word each section shows with the demo, in each language
    "board": ("Schirmherrschaft", "Executive sponsor"), "communication": ("Betriebsversammlung", "Betriebsversammlung"),
    "training": ("Handlungsspielraum", "decide"), "targets": ("Vereinbartes Ziel", "Agreed target"),
    "expectations": ("Quelle: Live-Bewertung", "Source: live rating"),
    "worksheets": ("Arbeitsblatt: Reklamation", "Worksheet: Reklamation"),
}  # fmt: skip


def step3(ws_or_token, section=None, lang=None):
    return open_step(ws_or_token, 3, section, lang)


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("section", list(SECTIONS))
def test_every_section_renders_in_both_languages(demo_id, section, lang):
    token = workshops.new_facilitator_secrets(demo_id)[0]
    at = step3(token, section, lang)
    assert at.segmented_control(key="step3_section").options[0] == FIRST_SECTION[lang]
    word = WORDS[section][0 if lang == "de" else 1]
    assert word in shown(at), (section, lang)


def test_board_patron_message_and_moving_the_patronage(db_path):
    ws = workshops.create_workshop("Board")
    at = step3(ws, "board")
    at.text_input(key="board_new_name").set_value("Jonas Weber")
    at.text_input(key="board_new_role").set_value("Leiter Service")
    submit(at, "board_new")
    assert "Niemand im Board hat die Schirmherrschaft" in " ".join(w.value for w in at.warning)
    at.text_input(key="board_new_name").set_value("Petra Lang")
    at.text_input(key="board_new_role").set_value("CEO")
    submit(at, "board_new")
    assert "Schirmherrschaft: **Petra Lang** (CEO)." in " ".join(s.value for s in at.success)
    jonas = next(m for m in organisation.members(ws.id) if m["name"] == "Jonas Weber")
    at.selectbox(key="board_pick").set_value(jonas["id"]).run()
    at.button(key=f"patron_{jonas['id']}").click().run()
    assert [m["name"] for m in organisation.members(ws.id) if m["patron"]] == ["Jonas Weber"]
    assert "Jonas Weber" in " ".join(s.value for s in at.success)


def test_a_record_form_keeps_bad_input_and_reads_german_numbers(db_path):
    ws = workshops.create_workshop("Training")
    at = step3(ws, "training")
    at.text_input(key="training_new_course").set_value("Beschwerden lösen")
    at.text_input(key="training_new_people").set_value("2,5")
    submit(at, "training_new")
    assert "ganze Zahl" in " ".join(e.value for e in at.error)
    assert at.text_input(key="training_new_course").value == "Beschwerden lösen"  # kept
    at.text_input(key="training_new_people").set_value("12")
    at.text_input(key="training_new_held_on").set_value("19.01.2027")
    submit(at, "training_new")
    (row,) = organisation.TRAININGS.rows(ws.id)
    assert (row["course"], row["people"], row["held_on"]) == ("Beschwerden lösen", 12, "2027-01-19")
    assert at.text_input(key="training_new_course").value == ""  # a fresh form for the next


def test_targets_without_kpis_point_to_step_one_and_agreements_pick_a_kpi(db_path):
    ws = workshops.create_workshop("Ziele")
    at = step3(ws, "targets")
    assert "Noch keine KPIs" in texts(at)
    nps = kpis.save_kpi(ws.id, "NPS", unit="Punkte", baseline=18, target=35)
    at = step3(ws, "targets")
    at.text_input(key="targets_new_holder").set_value("Team Montage")
    at.selectbox(key="targets_new_kpi_id").set_value(nps)
    at.text_input(key="targets_new_target").set_value("30,5")
    submit(at, "targets_new")
    (a,) = organisation.agreements(ws.id)
    assert (a["holder"], a["kpi"], a["target"]) == ("Team Montage", "NPS", 30.5)
    at.segmented_control(key="targets_view").set_value("kpi").run()
    assert "Ausgangswert 18 → Strategieziel 35 Punkte" in texts(at)


def test_the_gap_round_opens_from_its_section_and_the_source_is_named(db_path):
    ws = workshops.create_workshop("Gap")
    phase = touchpoints.phases(ws.id)[1]["id"]
    tp = touchpoints.add_touchpoint(ws.id, "Hotline", phase_id=phase)
    at = step3(ws, "expectations")
    at.multiselect(key="gap_touchpoints").set_value([tp])
    submit(at, "gap_open")
    rnd = lifecycle.current_round(ws.id)
    assert (rnd["kind"], tuple(rnd["dimensions"])) == (
        "expectation_gap",
        ("expectation", "experience"),
    )
    at.segmented_control(key="gap_source").set_value("step1").run()
    assert organisation.settings(ws.id)["gap_source"] == "step1"
    assert "noch keine beendete Bewertungsrunde" in texts(at)


def test_a_stale_worksheet_save_is_refused_with_the_stored_text_and_typing_kept(db_path):
    ws = workshops.create_workshop("Blätter")
    phase = touchpoints.phases(ws.id)[2]["id"]
    tp = touchpoints.add_touchpoint(ws.id, "Reklamation", phase_id=phase)
    mine = step3(ws, "worksheets")
    mine.text_area(key=f"sheet_{tp}_ist").set_value("Mein IST")
    # Someone else saves first, from another browser.
    worksheets.save(ws.id, tp, ist="Ihr IST", by="Aylin", version=0)
    submit(mine, f"sheet_{tp}")
    assert "Aylin" in " ".join(e.value for e in mine.error)
    assert "Ihr IST" in texts(mine)  # what is stored now is shown
    assert mine.text_area(key=f"sheet_{tp}_ist").value == "Mein IST"  # the typing is kept
    assert worksheets.sheet(ws.id, tp)["ist"] == "Ihr IST"
    submit(mine, f"sheet_{tp}")  # the second save overwrites on purpose
    assert worksheets.sheet(ws.id, tp)["ist"] == "Mein IST"
    mine.text_input(key=f"sheet_idea_text_{tp}").set_value("Rückruf in 2 Stunden")
    submit(mine, f"sheet_idea_{tp}")
    (idea,) = worksheets.ideas(ws.id, tp)
    mine.button(key=f"sheet_measure_{idea['id']}").click().run()
    (measure,) = ideas.measures(ws.id)
    assert (measure["title"], measure["touchpoint_id"], measure["source_worksheet_idea_id"]) == (
        "Rückruf in 2 Stunden", tp, idea["id"])  # fmt: skip
    assert "Maßnahmenkandidat" in texts(mine)


def test_the_print_view_shows_written_sheets_escaped(db_path):
    ws = workshops.create_workshop("Druck")
    phase = touchpoints.phases(ws.id)[2]["id"]
    tp = touchpoints.add_touchpoint(ws.id, "Montage", phase_id=phase)
    worksheets.save(ws.id, tp, ist="<script>alert(1)</script>", by="X", version=0)
    at = step3(ws, "worksheets")
    at.toggle(key="sheet_print").set_value(True).run()
    html = " ".join(str(h.proto.body) for h in at.get("html"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
    assert "break-after: page" in html
