"""Participant page, presenter view and export: a round from joining to results."""

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
    assert "Sie nehmen teil als Anna." in texts(at)
    access = workshops.access_for_token(at.query_params["t"])
    assert access.role == "participant" and access.workshop_id == demo_id
    # A reload with the same link is the same person.
    again = make_app(token=at.query_params["t"])
    again.run()
    assert "Sie nehmen teil als Anna." in texts(again)
    # No facilitator page is reachable: the navigation does not even register one.
    with pytest.raises(ValueError, match="Known pages: \\['.*/pages/join.py'\\]"):
        again.switch_page("pages/step1_definition.py")


def test_wrong_code_gives_a_message(db_path):
    at = make_app()
    at.run()
    at.text_input(key="join_code").input("ABCDEF")
    submit(at, "join")
    assert "keinen Workshop" in texts(at)


def test_participant_scores_the_open_round_and_can_change_them(demo_id):
    tps = touchpoints.touchpoints(demo_id)[:2]
    rid = open_scoring(demo_id, [t["id"] for t in tps])
    joined = workshops.join(workshops.get_workshop(demo_id)["join_code"], "Ben")
    at = make_app(token=joined.token)
    at.run()
    assert not at.exception
    for t in tps:
        control(at, rid, t["id"], "importance").set_value(5)
        control(at, rid, t["id"], "performance").set_value(2)
    submit(at, f"score_{rid}_0")
    assert "2 von 2 Touchpoints vollständig bewertet" in texts(at)
    assert my_scores(rid, joined.participant_id) == {
        t["id"]: {"importance": 5, "performance": 2} for t in tps
    }
    control(at, rid, tps[0]["id"], "performance").set_value(4)
    submit(at, f"score_{rid}_0")
    assert my_scores(rid, joined.participant_id)[tps[0]["id"]]["performance"] == 4


def test_participant_cannot_submit_after_the_round_closed(demo_id):
    tps = touchpoints.touchpoints(demo_id)[:1]
    rid = open_scoring(demo_id, [tps[0]["id"]])
    joined = workshops.join(workshops.get_workshop(demo_id)["join_code"], "")
    at = make_app(token=joined.token)
    at.run()
    assert "Anonym" in texts(at)
    control(at, rid, tps[0]["id"], "importance").set_value(3)
    lifecycle.close_round(demo_id, rid)
    submit(at, f"score_{rid}_0")
    assert "Gerade läuft keine Runde" in texts(at)
    assert my_scores(rid, joined.participant_id) == {}


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
    assert "Noch dabei: Anna · Noch nicht begonnen: Ben" in texts(at)
    assert "verborgen" in texts(at)
    assert len(at.get("vega_lite_chart")) == 0
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


def test_a_long_round_is_paged_and_every_page_button_saves(demo_id):
    tps = touchpoints.touchpoints(demo_id)[:12]  # 12 touchpoints: two pages of 8 and 4
    rid = open_scoring(demo_id, [t["id"] for t in tps])
    joined = workshops.join(workshops.get_workshop(demo_id)["join_code"], "Dora")
    at = make_app(token=joined.token)
    at.run()
    assert "Seite 1 von 2 · 0 von 12 Touchpoints bewertet" in [
        p.proto.text for p in at.get("progress")
    ]
    for t in tps[:8]:
        control(at, rid, t["id"], "importance").set_value(4)
    submit(at, f"score_{rid}_0")  # "Speichern und weiter"
    assert not at.exception
    assert set(my_scores(rid, joined.participant_id)) == {t["id"] for t in tps[:8]}
    assert control(at, rid, tps[8]["id"], "importance") is not None  # page 2
    control(at, rid, tps[8]["id"], "importance").set_value(2)
    at.button(key=f"FormSubmitter:score_{rid}_1-Speichern und zurück").click().run()
    assert my_scores(rid, joined.participant_id)[tps[8]["id"]] == {"importance": 2}
    # Back on page 1, the saved choices are shown again.
    assert control(at, rid, tps[0]["id"], "importance").value == 4
