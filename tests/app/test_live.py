"""Participant page, presenter view and export: a round from joining to results."""

import html

import pytest

from cemworkshop import touchpoints, workshops
from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.touchpoint_scoring import KIND as TOUCHPOINT_SCORING
from tests.app.conftest import make_app, submit, texts
from tests.unit.helpers import my_scores, open_scoring, score


def control(at, round_id, touchpoint_id, dimension):
    """The phone's 1–5 control for one touchpoint and dimension (keyed by round item)."""
    item = TOUCHPOINT_SCORING.item_ids(round_id)[touchpoint_id]
    return at.segmented_control(key=f"s_{round_id}_{item}_{dimension}")


def test_participant_joins_by_code_and_only_gets_the_participant_page(demo_id):
    ws = workshops.get_workshop(demo_id)
    at = make_app()
    at.query_params["code"] = ws["join_code"]
    at.run()
    assert at.text_input(key="join_code").value == ws["join_code"]
    at.text_input(key="join_name").input("Anna")
    submit(at, "join")
    assert not at.exception
    assert at.query_params["t"]
    assert "Sie nehmen als Anna teil." in texts(at)
    access = workshops.access_for_token(at.query_params["t"])
    assert access.role == "participant" and access.workshop_id == demo_id
    # A reload with the same link is the same person.
    again = make_app(token=at.query_params["t"])
    again.run()
    assert "Sie nehmen als Anna teil." in texts(again)
    # No facilitator page is reachable: the navigation does not even register one.
    with pytest.raises(ValueError, match="Known pages: \\['.*/pages/join.py'\\]"):
        again.switch_page("pages/step1_definition.py")


def test_wrong_code_gives_a_message(db_path):
    at = make_app()
    at.run()
    at.text_input(key="join_code").input("ABCDEF")
    submit(at, "join")
    assert "keinen Workshop" in texts(at)


def test_every_tap_is_saved_at_once_and_can_be_changed(demo_id):
    tps = touchpoints.touchpoints(demo_id)[:2]
    rid = open_scoring(demo_id, [t["id"] for t in tps])
    joined = workshops.join(workshops.get_workshop(demo_id)["join_code"], "Ben")
    at = make_app(token=joined.token)
    at.run()
    assert not at.exception
    assert "Seite 1 von 2 · 0 vollständig bewertet" in [p.proto.text for p in at.get("progress")]
    control(at, rid, tps[0]["id"], "importance").set_value(5).run()
    assert my_scores(rid, joined.participant_id) == {tps[0]["id"]: {"importance": 5}}
    control(at, rid, tps[0]["id"], "performance").set_value(2).run()
    at.button(key=f"p_next_{rid}").click().run()
    assert "Seite 2 von 2 · 1 vollständig bewertet" in [p.proto.text for p in at.get("progress")]
    control(at, rid, tps[1]["id"], "importance").set_value(4).run()
    control(at, rid, tps[1]["id"], "performance").set_value(3).run()
    assert my_scores(rid, joined.participant_id) == {
        tps[0]["id"]: {"importance": 5, "performance": 2},
        tps[1]["id"]: {"importance": 4, "performance": 3},
    }
    at.button(key=f"p_back_{rid}").click().run()
    assert control(at, rid, tps[0]["id"], "performance").value == 2  # shown as saved
    control(at, rid, tps[0]["id"], "performance").set_value(4).run()
    assert my_scores(rid, joined.participant_id)[tps[0]["id"]]["performance"] == 4


def test_a_tap_after_the_round_closed_says_it_was_not_saved(demo_id):
    tps = touchpoints.touchpoints(demo_id)[:1]
    rid = open_scoring(demo_id, [tps[0]["id"]], title="Runde 7")
    joined = workshops.join(workshops.get_workshop(demo_id)["join_code"], "")
    at = make_app(token=joined.token)
    at.run()
    assert "Anonym" in texts(at)
    control(at, rid, tps[0]["id"], "importance").set_value(4).run()
    lifecycle.close_round(demo_id, rid)  # the facilitator closes while the phone still shows it
    control(at, rid, tps[0]["id"], "performance").set_value(3).run()
    shown = texts(at)
    assert "nicht gespeichert" in shown and "Leistung" in shown and "= 3" in shown
    assert "Die Runde „Runde 7“ ist beendet. Ihre Bewertungen (1) sind gespeichert." in shown
    assert my_scores(rid, joined.participant_id) == {tps[0]["id"]: {"importance": 4}}


def test_two_tabs_of_one_person_never_overwrite_each_other_silently(demo_id):
    tps = touchpoints.touchpoints(demo_id)[:1]
    rid = open_scoring(demo_id, [tps[0]["id"]])
    joined = workshops.join(workshops.get_workshop(demo_id)["join_code"], "Tabea")
    first, second = make_app(token=joined.token), make_app(token=joined.token)
    first.run()
    second.run()
    control(first, rid, tps[0]["id"], "importance").set_value(5).run()
    # The second tab still shows "nothing"; its tap races the first tab's saved 5.
    control(second, rid, tps[0]["id"], "importance").set_value(2).run()
    assert "in einem anderen Fenster auf 5 geändert" in texts(second)
    assert control(second, rid, tps[0]["id"], "importance").value == 5  # it now shows the truth
    assert my_scores(rid, joined.participant_id) == {tps[0]["id"]: {"importance": 5}}


def test_presenter_shows_counts_and_hides_results_until_reveal(demo_id):
    token = workshops.new_facilitator_secrets(demo_id)[0]
    tps = touchpoints.touchpoints(demo_id)
    rid = open_scoring(demo_id, [t["id"] for t in tps], hide_results=True, title="Live")
    anna = workshops.join(workshops.get_workshop(demo_id)["join_code"], "Anna")
    workshops.join(workshops.get_workshop(demo_id)["join_code"], "Ben")
    score(rid, anna.participant_id, {tps[0]["id"]: {"importance": 5, "performance": 1}})
    at = make_app(token=token)
    at.run()
    at.switch_page("pages/presenter.py").run()
    assert not at.exception
    html = "\n".join(h.proto.body for h in at.get("html"))
    assert '0<span style="font-size:44px;font-weight:600;color:#666"> / 2</span>' in html
    # nobody is named in front of the room: counts only (the progress bar's three colours)
    assert "Anna" not in texts(at) and "Ben" not in texts(at)
    assert "verborgen" in texts(at)
    (progress,) = at.get("vega_lite_chart")  # how far the room is, no result in it
    assert "touchpoint" not in progress.proto.spec
    at.button(key="presenter_reveal").click().run()
    assert lifecycle.get_round(rid)["revealed"] == 1
    at.run()
    assert len(at.get("vega_lite_chart")) == 2


def test_export_page_offers_three_tables_and_round_summaries(demo_id):
    token = workshops.new_facilitator_secrets(demo_id)[0]
    at = make_app(token=token)
    at.run()
    at.switch_page("pages/export.py").run()
    assert not at.exception
    at.session_state["export_group_step1"] = True  # step 1's tables, then the live rounds'
    at.session_state["export_group_rounds"] = True
    at.run()
    keys = {b.key for b in at.get("download_button")}
    assert {"export_touchpoints", "export_edges", "export_scores"} <= keys
    assert any(k.startswith("export_round_") for k in keys)


def test_pages_in_english(demo_id):
    token = workshops.new_facilitator_secrets(demo_id)[0]
    for page in ("pages/home.py", "pages/presenter.py", "pages/export.py"):
        at = make_app(token=token, lang="en")
        at.run()
        at.switch_page(page).run()
        assert not at.exception, page
    guest = make_app(lang="en")
    guest.run()
    assert guest.subheader[0].value == "Join the workshop"


def test_the_overview_lists_what_is_open_and_im_done_counts_as_done(demo_id):
    tps = touchpoints.touchpoints(demo_id)[:3]
    rid = open_scoring(demo_id, [t["id"] for t in tps])
    joined = workshops.join(workshops.get_workshop(demo_id)["join_code"], "Dora")
    at = make_app(token=joined.token)
    at.run()
    control(at, rid, tps[0]["id"], "importance").set_value(4).run()
    control(at, rid, tps[0]["id"], "performance").set_value(4).run()
    for _ in range(3):
        at.button(key=f"p_next_{rid}").click().run()
    assert "Alles ist gespeichert: 1 von 3 Touchpoints vollständig bewertet." in texts(at)
    assert "Noch offen (2)" in texts(at)
    assert [
        b.label.replace("\\", "") for b in at.button if (b.key or "").startswith(f"p_open_{rid}_")
    ] == [
        tps[1]["name"],
        tps[2]["name"],
    ]
    status = lifecycle.status(rid)
    assert [p["name"] for p in status["in_progress"]] == ["Dora"]
    at.button(key=f"p_ready_{rid}").click().run()
    assert [p["name"] for p in lifecycle.status(rid)["done"]] == ["Dora"]
    assert "Danke!" in texts(at)
    at.button(key=f"p_open_{rid}_2").click().run()  # jump straight to an open one
    assert control(at, rid, tps[2]["id"], "importance") is not None


def test_a_phone_shows_the_revealed_results_in_a_few_lines_with_the_critical_marked(demo_id):
    tps = touchpoints.touchpoints(demo_id)[:2]
    rid = open_scoring(demo_id, [tps[0]["id"], tps[1]["id"]], hide_results=True, title="Live")
    code = workshops.get_workshop(demo_id)["join_code"]
    people = [workshops.join(code, f"P{i}").participant_id for i in range(3)]
    for p in people:  # the first: important and weak (critical); the second: fine
        score(rid, p, {tps[0]["id"]: {"importance": 5, "performance": 1},
                       tps[1]["id"]: {"importance": 4, "performance": 5}})  # fmt: skip
    lifecycle.close_round(demo_id, rid)
    lifecycle.reveal_round(demo_id, rid)
    at = make_app(token=workshops.join(code, "Anna").token)
    at.run()
    assert not at.exception
    # the heading, the reading and every line in one element (pages/common/revealed.revealed_html)
    (results,) = [h.value for h in at.get("html") if "Ergebnis der letzten Runde" in h.value]
    assert results.startswith("<h3>Ergebnis der letzten Runde: Live</h3><p>Moments of Truth")
    first = results.split("<li>")[1]
    assert html.escape(tps[0]["name"]) in first
    assert 'class="flag" role="img" aria-label="Kritisch">warning</span>' in first
    assert "flag" not in results.split("<li>")[2]  # the second touchpoint is fine
