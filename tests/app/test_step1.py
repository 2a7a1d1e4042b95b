"""Step 1 page: every section, in both languages, and what its forms write."""

import json

import pytest

from cemworkshop import journey, touchpoints, workshops
from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.touchpoint_scoring import KIND as TOUCHPOINT_SCORING
from pages.step1 import SECTIONS
from tests.app.conftest import make_app, submit, texts
from tests.unit.helpers import open_scoring, score


def step1(ws, section=None, lang=None):
    at = make_app(token=ws.facilitator_token, lang=lang)
    at.run()
    at.switch_page("pages/step1_definition.py").run()
    if section:
        at.segmented_control(key="step1_section").set_value(section).run()
    assert not at.exception
    return at


def test_add_touchpoint_form_writes_every_field(db_path):
    ws = workshops.create_workshop("W")
    at = step1(ws)
    phases = touchpoints.phases(ws.id)
    at.text_input(key="tp_add_name").input("Service-Hotline")
    at.selectbox(key="tp_add_phase").set_value(phases[2]["id"])
    at.text_input(key="tp_add_channel").input("Telefon")
    at.text_input(key="tp_add_department").input("Kundenservice")
    at.radio(key="tp_add_direct").set_value(False)
    at.checkbox(key="tp_add_preferred").check()
    at.checkbox(key="tp_add_served").uncheck()
    submit(at, "tp_add")
    assert not at.exception
    (tp,) = touchpoints.touchpoints(ws.id)
    assert (tp["name"], tp["phase"], tp["channel"], tp["department"]) == (
        "Service-Hotline",
        "Nach dem Kauf",
        "Telefon",
        "Kundenservice",
    )
    assert (tp["is_direct"], tp["customer_preferred"], tp["company_served"]) == (0, 1, 0)
    assert "wurde hinzugefügt" in texts(at)
    # Every field is back to its start, ready for the next one (direct/indirect included).
    assert at.text_input(key="tp_add_name").value == ""
    assert at.text_input(key="tp_add_channel").value == ""
    assert at.text_input(key="tp_add_department").value == ""
    assert at.selectbox(key="tp_add_phase").value == phases[0]["id"]
    assert at.radio(key="tp_add_direct").value is True
    assert at.checkbox(key="tp_add_preferred").value is False
    assert at.checkbox(key="tp_add_served").value is True


def test_duplicate_and_empty_names_give_a_message_and_keep_the_input(db_path):
    ws = workshops.create_workshop("W")
    touchpoints.add_touchpoint(ws.id, "Website", phase_id=touchpoints.phases(ws.id)[0]["id"])
    at = step1(ws)
    at.text_input(key="tp_add_name").input("website")
    at.text_input(key="tp_add_channel").input("Online")
    submit(at, "tp_add")
    assert "gibt es in diesem Workshop schon" in texts(at)
    assert at.text_input(key="tp_add_channel").value == "Online"
    at.text_input(key="tp_add_name").input("   ")
    submit(at, "tp_add")
    assert "darf nicht leer sein" in texts(at)
    assert len(touchpoints.touchpoints(ws.id)) == 1


def test_script_in_a_name_is_shown_as_text(db_path):
    ws = workshops.create_workshop("W")
    at = step1(ws)
    at.text_input(key="tp_add_name").input("<script>alert(1)</script>")
    submit(at, "tp_add")
    (tp,) = touchpoints.touchpoints(ws.id)
    assert tp["name"] == "<script>alert(1)</script>"
    # The message escapes every Markdown character: the name shows as typed, never as markup.
    assert "„\\<script\\>alert\\(1\\)\\</script\\>“ wurde hinzugefügt." in texts(at)
    html = "\n".join(h.proto.body for h in at.get("html"))
    assert "<script>alert" not in html


def test_edit_touchpoint_after_choosing_it(demo_id):
    ws_token = workshops.new_facilitator_secrets(demo_id)[0]
    at = make_app(token=ws_token)
    at.run()
    at.switch_page("pages/step1_definition.py").run()
    tp = touchpoints.touchpoints(demo_id)[2]
    at.selectbox(key="tp_choose").set_value(tp["id"]).run()
    at.text_input(key=f"tpl_{tp['id']}_name").input("Website & Shop")
    submit(at, f"tpl_{tp['id']}_form")
    assert touchpoints.get_touchpoint(demo_id, tp["id"])["name"] == "Website & Shop"
    at.button(key=f"tpl_{tp['id']}_down").click().run()
    names = [t["name"] for t in touchpoints.touchpoints(demo_id)]
    assert names.index("Website & Shop") == 3
    at.button(key=f"tpl_{tp['id']}_delete").click().run()
    assert touchpoints.get_touchpoint(demo_id, tp["id"]) is None
    assert not at.exception


def test_csv_import_previews_then_writes_and_empties_the_uploader(db_path):
    ws = workshops.create_workshop("W")
    touchpoints.add_touchpoint(ws.id, "Website", phase_id=touchpoints.phases(ws.id)[0]["id"])
    at = step1(ws)
    data = b"name;phase\nHotline;Nach dem Kauf\n;Vor dem Kauf\nMesse;Irgendwann\nwebsite;Vor dem Kauf\n"
    at.file_uploader(key="tp_import_file_0").set_value(("tp.csv", data, "text/csv")).run()
    assert not at.exception
    shown = texts(at)
    assert "Vorschau – noch ist nichts gespeichert:" in shown
    assert "Neu: **2** · geändert: **0** · unverändert: **1** · abgelehnt: **1**" in shown
    assert "Neue Phasen werden am Ende der Customer Journey angelegt: Irgendwann" in shown
    preview = at.dataframe[-1].value
    assert list(preview["Zeile"]) == [2, 3, 4, 5]
    assert list(preview["Aktion"]) == ["neu", "abgelehnt", "neu", "unverändert"]
    assert [t["name"] for t in touchpoints.touchpoints(ws.id)] == ["Website"]  # nothing yet
    at.button(key="tp_import_go").click().run()
    assert "Importierte Touchpoints: 2." in texts(at)
    assert {t["name"] for t in touchpoints.touchpoints(ws.id)} == {"Website", "Hotline", "Messe"}
    assert at.file_uploader(key="tp_import_file_1").value is None  # empty for the next file


def test_an_unreadable_file_is_refused_and_the_uploader_emptied(db_path):
    ws = workshops.create_workshop("W")
    at = step1(ws)
    at.file_uploader(key="tp_import_file_0").set_value(
        ("x.csv", b"foo,bar\n1,2\n", "text/csv")
    ).run()
    assert "Keine Spalte „name“ gefunden (gefunden: foo, bar)." in texts(at)
    assert at.file_uploader(key="tp_import_file_1").value is None
    assert touchpoints.touchpoints(ws.id) == []


def test_journey_section_adds_and_removes_edges(db_path):
    ws = workshops.create_workshop("W")
    p = touchpoints.phases(ws.id)
    a = touchpoints.add_touchpoint(ws.id, "A", phase_id=p[0]["id"])
    b = touchpoints.add_touchpoint(ws.id, "B", phase_id=p[1]["id"])
    at = step1(ws, "journey")
    (graph,) = at.get("component_instance")  # streamlit-agraph's frontend, with both nodes
    assert graph.proto.component_name == "pages.common.graph.agraph"
    drawn = json.loads(json.loads(graph.proto.json_args)["data"])
    assert sorted(n["label"] for n in drawn["nodes"]) == ["A", "B"]
    at.selectbox(key="edge_from").set_value(a)
    at.selectbox(key="edge_to").set_value(b)
    submit(at, "edge_add")
    assert [(e["source"], e["target"]) for e in journey.edges(ws.id)] == [("A", "B")]
    submit(at, "edge_add")
    assert "Diesen Pfad gibt es schon." in texts(at)
    (edge,) = journey.edges(ws.id)
    at.multiselect(key="edge_remove_choice").set_value([edge["id"]])
    submit(at, "edge_remove")
    assert journey.edges(ws.id) == []


def test_scoring_section_opens_closes_and_shows_results(demo_id):
    token = workshops.new_facilitator_secrets(demo_id)[0]
    at = make_app(token=token)
    at.run()
    at.switch_page("pages/step1_definition.py").run()
    at.segmented_control(key="step1_section").set_value("scoring").run()
    assert not at.exception
    assert len(at.get("vega_lite_chart")) == 2  # the demo's revealed round: matrix + spread
    tps = touchpoints.touchpoints(demo_id)[:3]
    at.multiselect(key="round_touchpoints").set_value([t["id"] for t in tps])
    at.checkbox(key="round_competitor").check()
    submit(at, "round_new")
    live = lifecycle.current_round(demo_id)
    assert live["dimensions"] == ("importance", "performance", "competitor")
    assert [i["touchpoint_id"] for i in TOUCHPOINT_SCORING.items(live["id"])] == [
        t["id"] for t in tps
    ]
    assert live["hide_results"] == 1
    assert "0 von 0" in texts(at)
    at.button(key="round_close").click().run()
    assert lifecycle.get_round(live["id"])["status"] == "closed"


FIRST_SECTION = {"de": "IST-Analyse", "en": "Current state"}


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("section", list(SECTIONS))
def test_every_section_renders_in_both_languages(demo_id, section, lang):
    token = workshops.new_facilitator_secrets(demo_id)[0]
    at = make_app(token=token, lang=lang)
    at.run()
    at.switch_page("pages/step1_definition.py").run()
    at.segmented_control(key="step1_section").set_value(section).run()
    assert not at.exception, at.exception
    assert at.segmented_control(key="step1_section").options[0] == FIRST_SECTION[lang]
    assert at.segmented_control(key="step1_section").value == section


def test_matching_lists_both_gaps(demo_id):
    token = workshops.new_facilitator_secrets(demo_id)[0]
    at = make_app(token=token)
    at.run()
    at.switch_page("pages/step1_definition.py").run()
    at.segmented_control(key="step1_section").set_value("matching").run()
    assert not at.exception
    assert [s.value for s in at.subheader] == [
        "Bevorzugt, aber nicht bedient (4)",
        "Bedient, aber nicht bevorzugt (5)",
    ]
    assert list(at.dataframe[0].value["Touchpoint"]) == [
        "Empfehlung von Freunden", "Online-Bewertungen", "Instagram & Pinterest", "WhatsApp-Service",
    ]  # fmt: skip


def test_touchpoint_map_needs_a_closed_round_then_shows_graph_and_curve(db_path):
    ws = workshops.create_workshop("Leer")
    touchpoints.add_touchpoint(ws.id, "Website", phase_id=touchpoints.phases(ws.id)[0]["id"])
    at = step1(ws, "touchpoint_map")
    assert "beendete Bewertungsrunde" in texts(at)
    (anna,) = [workshops.join(ws.join_code, "Anna").participant_id]
    (tp,) = touchpoints.touchpoints(ws.id)
    rid = open_scoring(ws.id, [tp["id"]])
    score(rid, anna, {tp["id"]: {"importance": 5, "performance": 2}})
    lifecycle.close_round(ws.id, rid)
    at.run()
    assert not at.exception
    assert "kritische Lücke" in texts(at)
    assert len(at.get("vega_lite_chart")) == 1  # the experience curve


def test_ron_calculates_saves_two_scenarios_and_compares_them(db_path):
    from cemworkshop import profitability as ron

    ws = workshops.create_workshop("RON")
    at = step1(ws, "profitability")
    shown = {m.label: m.value for m in at.metric}
    assert set(shown) == {
        "Was Nichtstun kostet",
        "Zusatzmarge mit CEM",
        "ROI der CEM-Investition",
        "Break-even",
    }
    assert "Noch keine gespeicherten Szenarien." in texts(at)
    # First scenario: the hand-computed case of tests/unit/test_ron.py.
    for field, value in dict(
        customers="1.000", revenue_per_customer="1000", margin_pct="20", churn_pct="10",
        churn_drift_pts="2", referral_pct="0", investment="50.000", churn_reduction_pct="50", years="3",
    ).items():  # fmt: skip
        at.text_input(key=f"ron_new_{field}").input(value)
    at.text_input(key="ron_new_name").input("Vorsichtig")
    at.button(key="FormSubmitter:ron_new_form-Berechnen und speichern").click().run()
    assert not at.exception
    shown = {m.label: m.value for m in at.metric}
    assert shown["Was Nichtstun kostet"] == "93.488 €"
    assert shown["Zusatzmarge mit CEM"] == "49.726 €"
    assert shown["ROI der CEM-Investition"] == "-0,5\xa0%"  # Babel: no-break space
    assert shown["Break-even"] == "nicht im Zeitraum"
    # Relative, not points; from the first year; the lever that matters most.
    assert (
        "sinkt die Abwanderung um 50 % ihres heutigen Werts: von 10 % auf 5 % pro Jahr (relativ"
        in (texts(at).replace("\xa0", " "))
    )
    assert (
        "„Investition“ verändert den Nettoertrag der CEM-Investition (Zusatzmarge − Investition) am stärksten, von −5.000 € bis 5.000 €"
        in texts(at)
    )
    assert len(at.get("vega_lite_chart")) == 2  # both paths, the levers
    at.text_input(key="ron_new_years").input("5")
    at.text_input(key="ron_new_name").input("Fünf Jahre")
    at.button(key="FormSubmitter:ron_new_form-Berechnen und speichern").click().run()
    assert [s["name"] for s in ron.scenarios(ws.id)] == ["Vorsichtig", "Fünf Jahre"]
    compare = at.dataframe[-1].value
    assert list(compare.columns) == ["Vorsichtig", "Fünf Jahre"]
    assert compare.loc["Break-even", "Fünf Jahre"] == "im Jahr 4"
    # A bad value gets a message and the scenario is not changed.
    at.text_input(key="ron_new_margin_pct").input("100")
    at.text_input(key="ron_new_name").input("   ")
    at.button(key="FormSubmitter:ron_new_form-Berechnen und speichern").click().run()
    assert "darf nicht leer sein" in texts(at)
    assert len(ron.scenarios(ws.id)) == 2
    # When referrals outweigh churn, doing nothing grows the margin: said so, never a
    # negative cost.
    for field, value in dict(
        margin_pct="20", churn_pct="2", churn_drift_pts="0", referral_pct="5"
    ).items():
        at.text_input(key=f"ron_new_{field}").input(value)
    at.button(key="FormSubmitter:ron_new_form-Berechnen").click().run()
    shown = {m.label: m.value for m in at.metric}
    assert "Was Nichtstun kostet" not in shown
    assert shown["Margenwachstum ohne CEM"].endswith("€")
    assert not shown["Margenwachstum ohne CEM"].startswith("−")


def test_demo_has_ron_scenarios_and_export_offers_them(demo_id):
    from cemworkshop import profitability as ron
    from cemworkshop.exchange.tables import ron_csv

    assert len(ron.scenarios(demo_id)) == 3
    data = ron_csv(demo_id).decode("utf-8-sig").splitlines()
    assert data[0].startswith("scenario,customers,revenue_per_customer")
    assert data[1].startswith("Basis: Lieferung und Montage verbessern,9000.0,1400.0")
    token = workshops.new_facilitator_secrets(demo_id)[0]
    at = make_app(token=token)
    at.run()
    at.switch_page("pages/export.py").run()
    at.session_state["export_group_step1"] = True  # the facilitator opens step 1's tables
    at.run()
    assert "export_ron" in {b.key for b in at.get("download_button")}


def test_customer_analysis_adds_segments_refuses_shares_over_100_and_marks_sources(db_path):
    from cemworkshop import customers

    ws = workshops.create_workshop("Kunden")
    at = step1(ws, "customers")
    at.text_input(key="seg_new_name").input("Familien")
    at.text_input(key="seg_new_share").input("80")
    at.text_input(key="seg_new_value").input("900")
    at.text_area(key="seg_new_needs").input("Planungssicherheit")
    submit(at, "seg_new_form")
    assert [(s["name"], s["share_pct"], s["needs"]) for s in customers.segments(ws.id)] == [
        ("Familien", 80, "Planungssicherheit")
    ]
    at.text_input(key="seg_new_name").input("Senioren")
    at.text_input(key="seg_new_share").input("30")
    submit(at, "seg_new_form")
    assert "mehr als 100 %" in texts(at)
    assert at.text_input(key="seg_new_name").value == "Senioren"  # the input stays for correcting
    assert len(customers.segments(ws.id)) == 1
    at.button(key="src_typical").click().run()
    sources = customers.sources(ws.id)
    assert len(sources) == len(customers.TYPICAL_SOURCES["de"])
    at.toggle(key=f"src_{sources[0]['id']}_available").set_value(True).run()
    assert not at.exception
    assert sum(s["available"] for s in customers.sources(ws.id)) == 1
    assert len(at.get("vega_lite_chart")) == 1  # the segment chart


def test_a_long_list_of_sources_opens_under_its_summary_and_stays_open(db_path):
    """Over LONG_LIST feedback sources the rows are drawn only while the summary is open;
    switching one on changes the summary's counts and leaves the list open."""
    from cemworkshop import customers
    from pages.common.layout import LONG_LIST

    n = LONG_LIST + 1
    ws = workshops.create_workshop("Quellen")
    for i in range(n):
        customers.set_source(ws.id, f"Quelle {i:02d}", available=False)
    at = step1(ws, "customers")
    assert [e.label for e in at.expander] == [f"**0** vorhanden · **{n}** fehlen"]
    assert not at.toggle
    at.session_state["src_list_box"] = True  # as a click on the summary does
    at.run()
    first = customers.sources(ws.id)[0]
    at.toggle(key=f"src_{first['id']}_available").set_value(True).run()
    assert not at.exception
    assert {s["id"]: s["available"] for s in customers.sources(ws.id)}[first["id"]] == 1
    assert [e.label for e in at.expander] == [f"**1** vorhanden · **{n - 1}** fehlen"]
    assert len(at.toggle) == n  # still open
    at.button(key=f"src_{first['id']}_delete").click().run()
    assert len(customers.sources(ws.id)) == LONG_LIST
    # LONG_LIST left: rows under the summary, nothing to open
    assert not at.expander and len(at.toggle) == LONG_LIST
    assert f"**0** vorhanden · **{LONG_LIST}** fehlen" in texts(at)


def test_more_than_eight_personas_share_one_box_with_every_text_escaped(db_path):
    from cemworkshop import customers

    ws = workshops.create_workshop("Personas")
    for i in range(9):
        customers.save_persona(ws.id, f"Persona *{i}*", goals=f"Ziel {i}")
    at = step1(ws, "customers")
    (cards,) = [m.value for m in at.markdown if "Persona \\*0\\*" in m.value]
    assert all(f"**Persona \\*{i}\\***" in cards for i in range(9)) and "Ziel 8" in cards
    customers.delete_persona(ws.id, customers.personas(ws.id)[0]["id"])
    at.run()  # eight: a box each again
    assert len([m for m in at.markdown if m.value.startswith("**Persona")]) == 8


def test_personas_are_added_and_filter_the_touchpoint_map(demo_id):
    from cemworkshop import customers

    token = workshops.new_facilitator_secrets(demo_id)[0]
    at = make_app(token=token)
    at.run()
    at.switch_page("pages/step1_definition.py").run()
    at.segmented_control(key="step1_section").set_value("customers").run()
    tps = touchpoints.touchpoints(demo_id)
    at.text_input(key="persona_new_name").input("Lena, 28")
    at.multiselect(key="persona_new_touchpoints").set_value([tps[0]["id"], tps[14]["id"]])
    submit(at, "persona_new_form")
    lena = next(p for p in customers.personas(demo_id) if p["name"] == "Lena, 28")
    assert lena["touchpoints"] == sorted([tps[0]["id"], tps[14]["id"]])
    at.segmented_control(key="step1_section").set_value("touchpoint_map").run()
    at.selectbox(key="map_persona").set_value(lena["id"]).run()
    assert not at.exception
    # The curve now follows Lena's two touchpoints only.
    from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

    curve = at.get("vega_lite_chart")[0]
    frames = [convert_arrow_bytes_to_pandas_df(d.data.data) for d in curve.proto.datasets]
    names = {n for f in frames if "touchpoint" in f for n in f["touchpoint"]}
    assert names == {tps[0]["name"], tps[14]["name"]}


def test_a_large_benchmark_is_scored_one_company_at_a_time_keeping_the_others(db_path):
    """Over 60 cells the grid shows one company, the one picked above it (none at first);
    saving it leaves the other companies' scores as they were."""
    from cemworkshop import competitors

    ws = workshops.create_workshop("Großer Vergleich", company="Lindner GmbH")
    crits = [competitors.add_criterion(ws.id, f"Kriterium {i}") for i in range(8)]
    for i in range(8):
        competitors.add_competitor(ws.id, f"Wettbewerber {i}")
    own, first, *_ = (c["id"] for c in competitors.companies(ws.id))
    competitors.set_scores(ws.id, {(crits[0], first): 3.0})
    at = step1(ws, "competitors")
    assert "9 Unternehmen × 8 Kriterien" in texts(at)
    assert at.selectbox(key="competitors_grid_company").value is None
    assert not [box for box in at.selectbox if "·" in box.label]  # no grid before a pick
    at.selectbox(key="competitors_grid_company").set_value(own).run()
    cells = {box.label: box for box in at.selectbox if "·" in box.label}
    assert len(cells) == 8 and all(k.endswith("· Lindner GmbH") for k in cells)
    cells["Kriterium 0 · Lindner GmbH"].set_value(4.5)
    submit(at, "competitors_scores")
    assert competitors.scores(ws.id) == {(crits[0], own): 4.5, (crits[0], first): 3.0}
    at.selectbox(key="competitors_grid_company").set_value(first).run()
    cells = {box.label: box for box in at.selectbox if "·" in box.label}
    assert cells["Kriterium 0 · Wettbewerber 0"].value == 3.0


def test_long_lists_of_companies_and_criteria_remove_behind_one_opened_list(db_path):
    """Over eight rows, the companies and the criteria are named in one text each; their rows
    with ✕ are drawn only while "Entfernen" is open."""
    from cemworkshop import competitors

    ws = workshops.create_workshop("Lange Listen", company="Lindner GmbH")
    crits = [competitors.add_criterion(ws.id, f"Kriterium {i}") for i in range(9)]
    rivals = [competitors.add_competitor(ws.id, f"Wettbewerber {i}") for i in range(2)]
    at = step1(ws, "competitors")
    # three companies: a row each, a ✕ for each competitor
    assert [b.key for b in at.button if (b.key or "").startswith("competitors_comp_del_")] == [
        f"competitors_comp_del_{r}" for r in rivals
    ]
    # nine criteria: one text, no ✕ until the list is opened
    assert "Kriterium 0  \nKriterium 1" in texts(at)
    assert not [b for b in at.button if (b.key or "").startswith("competitors_crit_del_")]
    assert [e.label for e in at.expander] == ["Entfernen"]
    at.session_state["competitors_crit_remove_box"] = True  # as a click on "Entfernen" does
    at.run()
    at.button(key=f"competitors_crit_del_{crits[3]}").click().run()
    assert not at.exception
    assert [c["id"] for c in competitors.criteria(ws.id)] == crits[:3] + crits[4:]
    # eight left: rows with ✕ again, no list to open
    assert len([b for b in at.button if (b.key or "").startswith("competitors_crit_del_")]) == 8
    assert not at.expander


def test_competitor_benchmark_section_enters_scores_and_starts_a_live_round(db_path):
    from cemworkshop import competitors
    from cemworkshop.rounds.competitor_scoring import KIND as COMPETITOR_SCORING

    ws = workshops.create_workshop("Bench", company="Lindner GmbH")
    at = step1(ws, "competitors")
    assert "mindestens ein Kriterium und einen Wettbewerber" in texts(at)
    at.text_area(key="competitors_brand").input("Küchen fürs Leben.")
    submit(at, "competitors_promises")
    assert workshops.promises(ws.id)["brand_promise"] == "Küchen fürs Leben."
    at.text_input(key="competitors_new_competitor").input("Küchen König")
    submit(at, "competitors_add_company")
    at.text_input(key="competitors_new_criterion").input("Erreichbarkeit")
    submit(at, "competitors_add_criterion")
    (crit,) = competitors.criteria(ws.id)
    own, rival = (c["id"] for c in competitors.companies(ws.id))
    cells = {
        box.label: box for box in at.selectbox
    }  # the grid's cells, named "criterion · company"
    cells["Erreichbarkeit · Lindner GmbH"].set_value(2.5)
    cells["Erreichbarkeit · Küchen König"].set_value(4.0)
    submit(at, "competitors_scores")
    assert not at.exception
    assert competitors.scores(ws.id) == {(crit["id"], own): 2.5, (crit["id"], rival): 4.0}
    assert "Rückstand auf den besten Wettbewerber bei: Erreichbarkeit" in texts(at)
    assert len(at.get("vega_lite_chart")) == 1
    at.button(key="competitors_round_start").click().run()
    assert lifecycle.current_round(ws.id)["kind"] == COMPETITOR_SCORING.name


def test_two_facilitator_tabs_editing_one_touchpoint_never_overwrite_silently(demo_id):
    token = workshops.new_facilitator_secrets(demo_id)[0]
    tp = touchpoints.touchpoints(demo_id)[0]
    tabs = []
    for _ in range(2):
        at = make_app(token=token)
        at.run()
        at.switch_page("pages/step1_definition.py").run()
        at.selectbox(key="tp_choose").set_value(tp["id"]).run()
        tabs.append(at)
    first, second = tabs
    first.text_input(key=f"tpl_{tp['id']}_name").input("Empfehlung (Tab 1)")
    submit(first, f"tpl_{tp['id']}_form")
    second.text_input(key=f"tpl_{tp['id']}_channel").input("Mundpropaganda")
    submit(second, f"tpl_{tp['id']}_form")
    shown = texts(second)
    assert "Nicht gespeichert: Inzwischen hat jemand anderes das geändert." in shown
    assert "Empfehlung \\(Tab 1\\)" in shown  # the current value, escaped as text
    assert touchpoints.get_touchpoint(demo_id, tp["id"])["name"] == "Empfehlung (Tab 1)"
    assert second.text_input(key=f"tpl_{tp['id']}_channel").value == "Mundpropaganda"  # kept
    submit(second, f"tpl_{tp['id']}_form")  # a second, deliberate save overwrites
    assert touchpoints.get_touchpoint(demo_id, tp["id"])["channel"] == "Mundpropaganda"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (
            "2.5",
            "„Anteil an allen Kunden (%)“: „2.5“ ist keine Zahl in deutscher Schreibweise – meinten Sie 2,5?",
        ),
        ("abc", "„Anteil an allen Kunden (%)“ muss eine Zahl sein."),
        ("1e308", "„Anteil an allen Kunden (%)“ muss zwischen 0 und 100 liegen."),
        ("-5", "„Anteil an allen Kunden (%)“ muss zwischen 0 und 100 liegen."),
        ("", "„Anteil an allen Kunden (%)“: Bitte geben Sie eine Zahl ein."),
    ],
)
def test_numbers_are_never_coerced_silently(db_path, typed, message):
    from cemworkshop import customers

    ws = workshops.create_workshop("Zahlen")
    at = step1(ws, "customers")
    at.text_input(key="seg_new_name").input("Familien")
    at.text_input(key="seg_new_share").input(typed)
    at.text_input(key="seg_new_value").input("900")
    submit(at, "seg_new_form")
    assert message in texts(at).replace("\\", "")
    assert customers.segments(ws.id) == []
    assert at.text_input(key="seg_new_share").value == typed  # what was typed stays
