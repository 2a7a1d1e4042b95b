"""Step 2 page: every section in both languages; the ideas round, merging, suggestions, the
dot vote and candidate measures as the facilitator and the phones drive them."""

import html
import re

import pytest

from cemworkshop import ideas, store, touchpoints, workshops
from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.dot_vote import KIND as DOT_VOTE
from cemworkshop.rounds.ideas_round import KIND as IDEAS
from pages.step2 import SECTIONS
from tests.app.conftest import make_app, open_step, submit, texts

FIRST_SECTION = {"de": "CEM-Innovation", "en": "CEM innovation"}


def step2(ws_or_token, section=None, lang=None):
    return open_step(ws_or_token, 2, section, lang)


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("section", list(SECTIONS))
def test_every_section_renders_in_both_languages(demo_id, section, lang):
    token = workshops.new_facilitator_secrets(demo_id)[0]
    at = step2(token, section, lang)
    assert at.segmented_control(key="step2_section").options[0] == FIRST_SECTION[lang]
    assert at.segmented_control(key="step2_section").value == section


def phone(ws, name):
    joined = workshops.join(ws.join_code, name)
    at = make_app(token=joined.token)
    at.run()
    assert not at.exception, at.exception
    return at, joined.participant_id


def test_an_ideas_round_from_start_to_candidate_measures(db_path):
    ws = workshops.create_workshop("Ideen", company="Lindner")
    phase = touchpoints.phases(ws.id)[2]["id"]
    montage = touchpoints.add_touchpoint(ws.id, "Montage", phase_id=phase)
    touchpoints.add_touchpoint(ws.id, "Lieferung", phase_id=phase)
    at = step2(ws)
    at.multiselect(key="memories_touchpoints").set_value([montage])
    at.number_input(key="memories_minutes").set_value(4)
    submit(at, "memories_new")
    assert not at.exception
    rnd = lifecycle.current_round(ws.id)
    assert (rnd["kind"], rnd["hide_results"], bool(rnd["ends_at"])) == ("ideas", 1, True)
    # two phones write; each sees its own ideas and only a count of the others'
    anna, anna_id = phone(ws, "Anna")
    ben, ben_id = phone(ws, "Ben")
    key = f"p_idea_{rnd['id']}_{IDEAS.items(rnd['id'])[0]['item_id']}"
    for who, text in (
        (anna, "Kaffee und Kuchen bei der Montage"),
        (ben, "<b>Kuchen</b> und Kaffee zur Montage"),
    ):
        who.text_area(key=key).input(text)
        who.button(key=f"p_send_{rnd['id']}_{IDEAS.items(rnd['id'])[0]['item_id']}").click().run()
        assert not who.exception
        assert who.text_area(key=key).value == ""  # ready for the next idea
    anna.run()
    assert "Kaffee und Kuchen bei der Montage" in texts(anna)
    assert "Kuchen</b>" not in texts(anna)  # Ben's idea stays private
    assert "Von den anderen: 1 Idee zu diesem Touchpoint" in texts(anna)
    assert IDEAS.answer_counts(rnd["id"]) == {anna_id: 1, ben_id: 1}
    # the facilitator sees both live, merges them from the suggestions
    at.run()
    board = texts(at)
    assert "Kaffee und Kuchen bei der Montage" in board
    assert "\\<b\\>Kuchen\\</b\\> und Kaffee zur Montage" in board  # markup shown as text
    at.button(key=f"memories_suggest_{rnd['id']}_go").click().run()
    at.button(key=f"memories_suggest_{rnd['id']}_accept_0").click().run()
    assert [len(g["ideas"]) for g in ideas.groups(rnd["id"])] == [2]
    # the vote: closes the ideas round, opens a blind dot vote on the group
    at.number_input(key=f"vote_budget_{rnd['id']}").set_value(3)
    at.number_input(key=f"vote_cap_{rnd['id']}").set_value(2)
    submit(at, f"vote_new_{rnd['id']}")
    assert not at.exception
    assert lifecycle.get_round(rnd["id"])["status"] == "closed"
    vote = lifecycle.current_round(ws.id)
    assert vote["kind"] == DOT_VOTE.name and DOT_VOTE.limits(vote["id"])["budget"] == 3
    (subject,) = DOT_VOTE.items(vote["id"])
    anna.run()
    anna.button(key=f"p_more_{subject['item_id']}").click().run()
    anna.button(key=f"p_more_{subject['item_id']}").click().run()
    assert not anna.exception
    assert DOT_VOTE.answers(vote["id"], anna_id) == {subject["item_id"]: {"dots": 2}}
    assert anna.button(key=f"p_more_{subject['item_id']}").disabled  # the cap
    assert "Noch 1 von 3 Punkten" in [p.proto.text for p in anna.get("progress")]
    # the limits cannot drop below what Anna spent
    at.segmented_control(key="step2_section").set_value("vote").run()
    at.number_input(key=f"vote_limits_cap_{vote['id']}").set_value(1)
    submit(at, f"vote_limits_{vote['id']}")
    assert "schon 2 Punkte" in texts(at)
    assert DOT_VOTE.limits(vote["id"])["cap"] == 2
    # blind until revealed; then the ranking and the measures
    lifecycle.close_round(ws.id, vote["id"])
    at.run()
    assert "verborgen" in texts(at)
    lifecycle.reveal_round(ws.id, vote["id"])
    at.run()
    assert at.dataframe[0].value.iloc[0]["Punkte"] == 2
    submit(at, f"vote_measures_{vote['id']}")
    (measure,) = ideas.measures(ws.id)
    assert (measure["title"], measure["dots"], measure["touchpoint"]) == (
        "Kaffee und Kuchen bei der Montage", 2, "Montage",
    )  # fmt: skip
    assert store.value("SELECT source_group_id FROM measures") == subject["group_id"]


def test_the_innovation_check_from_choice_to_heat_table(db_path):
    ws = workshops.create_workshop("Innovation")
    phase = touchpoints.phases(ws.id)[2]["id"]
    montage = touchpoints.add_touchpoint(ws.id, "Montage", phase_id=phase)
    at = step2(ws, "innovation")
    assert "Wählen Sie zuerst die priorisierten Touchpoints." in texts(at)
    at.multiselect(key="innovation_touchpoints").set_value([montage])
    submit(at, "innovation_choose")
    from cemworkshop import innovation

    assert [c["touchpoint_id"] for c in innovation.chosen(ws.id)] == [montage]
    assert "Noch keine Werte" in texts(at)
    # the live check: the success factors by default, one touchpoint
    submit(at, "innovation_live")
    live = lifecycle.current_round(ws.id)
    assert live["kind"] == "innovation_check" and live["hide_results"] == 1
    from cemworkshop.rounds.innovation_check import KIND as CHECK

    items = {i["criterion"]: i["item_id"] for i in CHECK.items(live["id"])}
    assert list(items) == list(innovation.FACTORS)
    anna = workshops.join(ws.join_code, "Anna").participant_id
    lifecycle.submit(live["id"], anna, {items["effortless"]: {"fit": 2}})
    lifecycle.close_round(ws.id, live["id"])
    lifecycle.reveal_round(ws.id, live["id"])
    at.run()
    at.button(key=f"innovation_apply_{live['id']}").click().run()
    assert innovation.scores(ws.id) == {(montage, "effortless"): 2.0}
    assert "Die schwächsten Felder" in [s.value for s in at.subheader]
    assert not at.exception
    # the facilitator rates the touchpoint: potential, promise and criteria in one save
    k = f"innovation_edit_{montage}"
    at.selectbox(key=f"{k}_offer").set_value(4)
    at.selectbox(key=f"{k}_promise").set_value("partly")
    at.selectbox(key=f"{k}_reliable").set_value(1.5)
    at.selectbox(key=f"{k}_effortless").set_value(None)
    submit(at, k)
    assert not at.exception
    (now,) = innovation.chosen(ws.id)
    assert (now["offer_depth"], now["event_depth"], now["brand_promise"]) == (4, None, "partly")
    assert innovation.scores(ws.id) == {(montage, "reliable"): 1.5}


def test_feedback_is_previewed_mapped_imported_once_and_planned(db_path):
    from cemworkshop import voice

    ws = workshops.create_workshop("VoC")
    phase = touchpoints.phases(ws.id)[2]["id"]
    lieferung = touchpoints.add_touchpoint(ws.id, "Lieferung", phase_id=phase, channel="Persönlich")
    at = step2(ws, "voice")
    assert "Noch kein Feedback" in texts(at)
    data = (
        "Datum;Kanal;Touchpoint;Text;Bewertung\n"
        "01.11.2026;Google;Lieferng;<script>alert(1)</script> zu spät;1\n"
        "02.11.2026;Google;Lieferung;pünktlich;5\n"
        "kein Datum;Google;Lieferung;x;3\n"
    ).encode("cp1252")
    at.file_uploader(key="voice_upload_0").set_value(("feedback.csv", data, "text/csv")).run()
    assert not at.exception
    page = texts(at)
    assert "**2** neue Einträge, 0 schon vorhanden (werden übersprungen), 1 abgelehnt" in page
    assert at.selectbox(key="voice_map_0").value == "Lieferung"  # the close match first
    assert voice.feedback(ws.id).empty  # a preview writes nothing
    at.button(key="voice_import").click().run()
    assert "2 Feedback-Einträge importiert." in texts(at)
    assert list(voice.feedback(ws.id)["touchpoint_id"]) == [lieferung, lieferung]
    table = at.dataframe[0].value
    assert table.iloc[0]["Anzahl"] == "2" and table.iloc[0]["Anteil negativ"] == "50\xa0%"
    assert "\\<script\\>alert\\(1\\)\\</script\\> zu spät" in texts(at)  # shown as text
    # the same file again: nothing new
    at.file_uploader(key="voice_upload_1").set_value(("feedback.csv", data, "text/csv")).run()
    assert "**0** neue Einträge, 2 schon vorhanden" in texts(at)
    # the plan per channel, the feedback's channel offered first
    assert at.text_input(key="voc_new_channel_Google").value == "Google"
    at.text_input(key="voc_new_owner").input("Marketing")
    submit(at, "voc_new")
    assert [(p["channel"], p["owner"]) for p in voice.plan(ws.id)] == [("Google", "Marketing")]


def test_the_social_media_map_lists_social_touchpoints(demo_id):
    token = workshops.new_facilitator_secrets(demo_id)[0]
    at = step2(token, "social")
    names = list(at.dataframe[0].value["Touchpoint"])
    assert names == ["Online-Bewertungen", "Instagram & Pinterest", "WhatsApp-Service"]
    assert len(at.get("vega_lite_chart")) == 1


def test_the_board_follows_every_change_even_from_another_page(db_path):
    """The board is read once and kept until anything is written: then it is read again at once
    (a renamed touchpoint in step 1 as much as a hidden idea)."""
    ws = workshops.create_workshop("Tafel")
    phase = touchpoints.phases(ws.id)[2]["id"]
    montage = touchpoints.add_touchpoint(ws.id, "Montage", phase_id=phase)
    rid = lifecycle.open_round(ws.id, IDEAS.name, touchpoint_ids=[montage], hide_results=True)
    item = IDEAS.items(rid)[0]["item_id"]
    anna = workshops.join(ws.join_code, "Anna").participant_id
    lifecycle.submit(rid, anna, {item: {"idea": "Kaffee *zur* Montage"}})
    at = step2(ws, "memories")
    board = [m.value for m in at.markdown if m.value.startswith("#####")]
    assert board == ["##### Montage · 1\n\n- Kaffee \\*zur\\* Montage"]  # one text, markup escaped
    at.run()
    assert [m.value for m in at.markdown if m.value.startswith("#####")] == board
    touchpoints.update_touchpoint(ws.id, montage, name="Aufbau", phase_id=phase)
    at.run()
    assert "##### Aufbau · 1" in texts(at)
    ideas.hide(ws.id, ideas.visible(rid)[0]["id"])
    at.run()
    assert "##### Aufbau · 0\n\n- :gray[~~Kaffee \\*zur\\* Montage~~ (ausgeblendet)]" in texts(at)
    assert "0 Ideen sichtbar, 1 ausgeblendet" in texts(at)


def plan_rows(at) -> list[list[str]]:
    """The VoC plan's table (text that wraps) as rows of cell texts, the header first."""
    (body,) = [h.proto.body for h in at.get("html") if "<table" in h.proto.body]
    return [
        [html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    ]  # fmt: skip


def test_the_voc_plan_changes_the_line_picked(db_path):
    from cemworkshop import voice

    ws = workshops.create_workshop("VoC-Plan")
    first = voice.save_plan(ws.id, "Google", owner="Marketing")
    voice.save_plan(ws.id, "Hotline", owner="Service")
    at = step2(ws, "voice")
    assert plan_rows(at) == [["Kanal", "Verantwortlich", "Wie oft", "Nächster Schritt"],
                             ["Google", "Marketing", "", ""], ["Hotline", "Service", "", ""]]  # fmt: skip
    assert at.selectbox(key="voc_pick").value == -1  # a new line first, as before
    assert at.text_input(key="voc_new_owner").value == ""
    at.selectbox(key="voc_pick").set_value(first).run()
    assert at.text_input(key=f"voc_{first}_owner").value == "Marketing"
    at.text_input(key=f"voc_{first}_owner").input("CX-Team")
    submit(at, f"voc_{first}")
    assert not at.error
    assert [p["owner"] for p in voice.plan(ws.id)] == ["CX-Team", "Service"]
    assert [row[1] for row in plan_rows(at)[1:]] == ["CX-Team", "Service"]
    # saved elsewhere while the line is open: refused with what is stored now
    voice.save_plan(ws.id, "Google", owner="Vertrieb", plan_id=first, version=1)
    at.text_input(key=f"voc_{first}_owner").input("Marketing")
    submit(at, f"voc_{first}")
    assert at.error and voice.plan(ws.id)[0]["owner"] == "Vertrieb"
    # picked again later, the line opens on what is stored now and saves without a refusal
    at.selectbox(key="voc_pick").set_value(-1).run()
    at.selectbox(key="voc_pick").set_value(first).run()
    assert at.text_input(key=f"voc_{first}_owner").value == "Vertrieb"
    at.text_input(key=f"voc_{first}_frequency").input("wöchentlich")
    submit(at, f"voc_{first}")
    assert not at.error
    assert voice.plan(ws.id)[0]["frequency"] == "wöchentlich"


def test_the_innovation_ratings_open_by_themselves_only_while_nothing_is_rated(db_path):
    from cemworkshop import innovation

    ws = workshops.create_workshop("Innovation")
    phase = touchpoints.phases(ws.id)[2]["id"]
    montage = touchpoints.add_touchpoint(ws.id, "Montage", phase_id=phase)
    innovation.choose(ws.id, [montage])
    at = step2(ws, "innovation")
    k = f"innovation_edit_{montage}"
    at.selectbox(key=f"{k}_novel").set_value(3.5)
    submit(at, k)
    assert innovation.scores(ws.id) == {(montage, "novel"): 3.5}
    assert at.selectbox(key=f"{k}_novel").value == 3.5  # still open after the first save
    # another browser, values there: the form is drawn once the facilitator opens it
    at = step2(ws, "innovation")
    assert f"{k}_novel" not in [s.key for s in at.selectbox]
    at.session_state["innovation_edit_box"] = True
    at.run()
    assert at.selectbox(key=f"{k}_novel").value == 3.5
