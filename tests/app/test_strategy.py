"""Step 1's strategy section: the five rules round, goals, strategy texts, KPIs, the presenter
on demand — and the matrix's crosshair rule and raters per dimension in Experience 360°."""

import pytest

from cemworkshop import kpis, strategy, touchpoints, workshops
from cemworkshop.exchange.tables import TABLES, summary_csv
from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.five_rules import KIND as FIVE_RULES
from tests.app.conftest import make_app, submit, texts
from tests.app.test_step1 import step1
from tests.unit.helpers import open_scoring, score


def html_of(at) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


@pytest.mark.parametrize(
    ("lang", "weakest", "short", "card"),
    [
        ("de", "Kundenerfahrungen werden systematisch gemessen", "Messung", "Unsere CEM-Strategie"),
        (
            "en",
            "Customer experiences are measured systematically",
            "Measurement",
            "Our CEM strategy",
        ),
    ],
)
def test_the_demo_strategy_shows_rules_goals_card_and_kpis(demo_id, lang, weakest, short, card):
    token = workshops.new_facilitator_secrets(demo_id)[0]
    at = make_app(token=token, lang=lang)
    at.run()
    at.switch_page("pages/step1_definition.py").run()
    at.segmented_control(key="step1_section").set_value("strategy").run()
    assert not at.exception
    # the five rules: the weakest first, with mean, spread and n per rule
    shown = {m.label: m.value for m in at.metric}
    assert shown["Schwächste Regel" if lang == "de" else "Weakest rule"] == short
    table = at.dataframe[0].value
    assert list(table["n"]) == [8] * 5
    assert table.iloc[0, 0] == weakest
    # the goals, the card (drawn once its preview is opened) and the KPIs
    page = texts(at)
    assert "**1.**" in page and ("Emotionale Kundenbindung" in page or "Emotional loyalty" in page)
    assert card not in html_of(at)
    at.session_state["strategy_card_box"] = True  # as a click on the preview does
    at.run()
    assert card in html_of(at) and "Verlässlichkeit" in html_of(at)
    kpi_table = at.dataframe[-1].value
    assert list(kpi_table.iloc[:, 0])[:2] == [
        "NPS (Punkte)",
        "Kundenzufriedenheit Montage (Note 1–5)",
    ]
    assert kpi_table.iloc[0, 2] == ("18" if lang == "de" else "18")
    assert kpi_table.iloc[1, 2] == ("3,9" if lang == "de" else "3.9")


def test_the_five_rules_round_is_started_from_the_section(db_path):
    ws = workshops.create_workshop("Regeln")
    at = step1(ws, "strategy")
    at.button(key="rules_round_start").click().run()
    assert not at.exception
    live = lifecycle.current_round(ws.id)
    assert live["kind"] == FIVE_RULES.name and live["hide_results"] == 1
    assert [it["rule"] for it in FIVE_RULES.items(live["id"])] == list(
        ("strategy", "measured", "moments", "staff", "continuous")
    )
    assert "Der 5-Regeln-Check läuft" in texts(at)
    assert at.button(key="round_close")  # steered from the live bar


def test_goals_are_ranked_marked_added_and_removed(db_path):
    ws = workshops.create_workshop("Ziele")
    at = step1(ws, "strategy")
    first, second = strategy.goals(ws.id)[:2]
    at.button(key=f"goal_down_{first['id']}").click().run()
    assert [g["id"] for g in strategy.goals(ws.id)[:2]] == [second["id"], first["id"]]
    for goal in strategy.goals(ws.id)[:3]:
        at.checkbox(key=f"goal_top_{goal['id']}_0").check().run()
    assert sum(g["top"] for g in strategy.goals(ws.id)) == 3
    fourth = strategy.goals(ws.id)[3]
    at.checkbox(key=f"goal_top_{fourth['id']}_0").check().run()
    assert "bereits 3 Ziele als Top-Ziele markiert" in texts(at)
    assert not strategy.goals(ws.id)[3]["top"]
    # an own goal; the same name again is refused and stays in the field
    at.text_input(key="goal_new_name").input("Termintreue als Markenzeichen")
    submit(at, "goal_new")
    assert strategy.goals(ws.id)[-1]["name"] == "Termintreue als Markenzeichen"
    at.text_input(key="goal_new_name").input("termintreue als markenzeichen")
    submit(at, "goal_new")
    assert "gibt es schon" in texts(at)
    assert at.text_input(key="goal_new_name").value == "termintreue als markenzeichen"
    own = strategy.goals(ws.id)[-1]
    at.button(key=f"goal_drop_{own['id']}").click().run()
    assert all(g["key"] for g in strategy.goals(ws.id))  # the method's six stay


def test_a_long_ranking_shows_as_text_with_the_controls_of_the_goal_picked(db_path):
    """Over eight goals the ranking is one text (Top 3 marked); the row of controls is drawn
    for the goal picked, and stays on it when it moves."""
    ws = workshops.create_workshop("Viele Ziele")
    own = [strategy.add_goal(ws.id, f"Eigenes Ziel {i}") for i in range(3)]
    first = strategy.goals(ws.id)[0]
    strategy.set_top(ws.id, first["id"], True)
    at = step1(ws, "strategy")
    page = texts(at)
    assert "**9.** Eigenes Ziel 2" in page and ":blue-badge[Top 3]" in page
    assert not [c for c in at.checkbox if (c.key or "").startswith("goal_top_")]
    assert at.selectbox(key="goal_choice").value is None
    at.selectbox(key="goal_choice").set_value(own[2]).run()
    at.button(key=f"goal_up_{own[2]}").click().run()
    assert [g["id"] for g in strategy.goals(ws.id)][-2:] == [own[2], own[1]]
    assert at.selectbox(key="goal_choice").value == own[2]  # still on the goal that moved
    assert at.button(key=f"goal_down_{own[2]}").disabled is False
    at.checkbox(key=f"goal_top_{own[2]}_0").check().run()
    assert [g["id"] for g in strategy.goals(ws.id) if g["top"]] == [first["id"], own[2]]
    at.button(key=f"goal_drop_{own[2]}").click().run()
    assert not at.exception
    assert own[2] not in [g["id"] for g in strategy.goals(ws.id)]
    # eight left: each goal has its row again
    assert len([c for c in at.checkbox if (c.key or "").startswith("goal_top_")]) == 8


def test_strategy_texts_save_as_typed_and_markup_stays_text(db_path):
    ws = workshops.create_workshop("Text")
    at = step1(ws, "strategy")
    at.session_state["strategy_card_box"] = True  # the card's preview open
    at.text_area(key="strategy_guiding_value").input("<b>Verlässlichkeit</b>")
    at.text_area(key="strategy_experience_motive").input("Ohne Nachhaken")
    at.text_area(key="strategy_differentiation").input("Beratung bis nach der Montage")
    at.text_area(key="strategy_culture").input("CEM in der Geschäftsleitung")
    submit(at, "strategy_texts")
    assert not at.exception
    saved = strategy.texts(ws.id)
    assert saved["guiding_value"] == "<b>Verlässlichkeit</b>"
    assert saved["culture"] == "CEM in der Geschäftsleitung"
    assert "&lt;b&gt;Verlässlichkeit&lt;/b&gt;" in html_of(at)  # shown as typed, not bold
    assert "<b>Verlässlichkeit</b>" not in html_of(at)
    # another tab saved in between: refused with the stored text, the typed one kept
    strategy.save_texts(ws.id, guiding_value="Nähe", version=saved["version"])
    at.text_area(key="strategy_guiding_value").input("Ehrlichkeit")
    submit(at, "strategy_texts")
    assert "Nähe" in texts(at)
    assert strategy.texts(ws.id)["guiding_value"] == "Nähe"
    assert at.text_area(key="strategy_guiding_value").value == "Ehrlichkeit"


def test_a_kpi_is_added_with_every_field_checked_and_flagged(db_path):
    ws = workshops.create_workshop("KPI")
    at = step1(ws, "strategy")
    at.text_input(key="kpi_new_name").input("Abwanderungsrate")
    at.text_area(key="kpi_new_definition").input("Kunden ohne Folgekauf in 12 Monaten")
    at.text_input(key="kpi_new_unit").input("%")
    at.radio(key="kpi_new_direction").set_value("lower")
    at.text_input(key="kpi_new_baseline").input("16.5")  # an English decimal on a German screen
    at.text_input(key="kpi_new_target").input("11")
    submit(at, "kpi_new")
    assert "16,5" in texts(at)  # the suggestion
    assert kpis.kpis(ws.id) == []
    assert at.text_input(key="kpi_new_baseline").value == "16.5"  # kept as typed
    at.text_input(key="kpi_new_baseline").input("16,5")
    at.text_input(key="kpi_new_target_date").input("31.02.2028")  # no such day
    submit(at, "kpi_new")
    assert "„31\\.02\\.2028“ ist kein Datum" in texts(at) and kpis.kpis(ws.id) == []
    at.text_input(key="kpi_new_target_date").input("31.12.2028")
    at.text_input(key="kpi_new_source").input("CRM")
    at.text_input(key="kpi_new_owner").input("Vertriebsleitung")
    submit(at, "kpi_new")
    assert not at.exception
    (kpi,) = kpis.kpis(ws.id)
    assert {k: kpi[k] for k in ("name", "unit", "direction", "baseline", "target")} == {
        "name": "Abwanderungsrate", "unit": "%", "direction": "lower", "baseline": 16.5,
        "target": 11.0,
    }  # fmt: skip
    assert (kpi["target_date"], kpi["source"], kpi["owner"]) == (
        "2028-12-31",
        "CRM",
        "Vertriebsleitung",
    )
    # the same name again: refused
    at.text_input(key="kpi_new_name").input("abwanderungsrate")
    submit(at, "kpi_new")
    assert "gibt es schon" in texts(at) and len(kpis.kpis(ws.id)) == 1
    # a target on the wrong side: saved, but flagged
    at.selectbox(key="kpi_choice").set_value(kpi["id"]).run()
    at.text_input(key=f"kpi_{kpi['id']}_target").input("20")
    submit(at, f"kpi_{kpi['id']}")
    assert kpis.kpis(ws.id)[0]["target"] == 20.0
    assert "schlechter als der Ausgangswert 16,5" in texts(at)
    assert at.dataframe[-1].value.iloc[0, 0].startswith("⚠ Abwanderungsrate")
    at.button(key=f"kpi_{kpi['id']}_delete").click().run()
    assert kpis.kpis(ws.id) == []


def test_with_many_kpis_the_form_is_drawn_for_the_kpi_picked_or_a_new_one(db_path):
    ws = workshops.create_workshop("Viele KPIs")
    ids = [kpis.save_kpi(ws.id, f"KPI {i}") for i in range(9)]
    at = step1(ws, "strategy")
    assert at.selectbox(key="kpi_choice").value is None
    assert not [w for w in at.text_input if (w.key or "").startswith("kpi_")]
    at.selectbox(key="kpi_choice").set_value("new").run()
    at.text_input(key="kpi_new_name").input("Abwanderungsrate")
    submit(at, "kpi_new")
    assert not at.exception and kpis.kpis(ws.id)[-1]["name"] == "Abwanderungsrate"
    assert at.text_input(key="kpi_new_name").value == ""  # a fresh form for the next one
    at.selectbox(key="kpi_choice").set_value(ids[0]).run()
    assert at.text_input(key=f"kpi_{ids[0]}_name").value == "KPI 0"
    at.button(key=f"kpi_{ids[0]}_delete").click().run()
    assert ids[0] not in [k["id"] for k in kpis.kpis(ws.id)]
    assert at.selectbox(key="kpi_choice").value is None  # nothing picked once it is gone


def test_the_presenter_shows_the_card_or_the_kpis_on_demand(demo_id):
    token = workshops.new_facilitator_secrets(demo_id)[0]
    at = make_app(token=token)
    at.run()
    at.switch_page("pages/step1_definition.py").run()
    at.segmented_control(key="step1_section").set_value("strategy").run()
    at.segmented_control(key="strategy_presenter_round").set_value("strategy").run()
    assert strategy.presenter_view(demo_id) == "strategy"
    presenter = make_app(token=token)
    presenter.run()
    presenter.switch_page("pages/presenter.py").run()
    assert not presenter.exception
    assert "Unsere CEM-Strategie" in html_of(presenter) and "cem-card big" in html_of(presenter)
    strategy.show_on_presenter(demo_id, "kpis")
    presenter.run()
    assert "KPIs des Return on CEM-Investment" in [s.value for s in presenter.subheader]
    assert "Kosten je Servicekontakt (€)" in html_of(presenter)  # a real table at 20 px
    presenter.button(key="presenter_back").click().run()
    assert strategy.presenter_view(demo_id) == "round"
    # a new round brings the projector back to the round by itself
    strategy.show_on_presenter(demo_id, "strategy")
    lifecycle.open_round(demo_id, FIVE_RULES.name, title="Noch einmal")
    assert strategy.presenter_view(demo_id) == "round"


def test_the_crosshair_rule_is_chosen_and_raters_are_counted_per_dimension(db_path):
    ws = workshops.create_workshop("Matrix")
    phase = touchpoints.phases(ws.id)[0]["id"]
    web = touchpoints.add_touchpoint(ws.id, "Website", phase_id=phase)
    shop = touchpoints.add_touchpoint(ws.id, "Laden", phase_id=phase)
    anna, ben, cem = (workshops.join(ws.join_code, n).participant_id for n in ("A", "B", "C"))
    rid = open_scoring(ws.id, [web, shop])
    score(rid, anna, {web: {"importance": 5, "performance": 2}, shop: {"importance": 4}})
    score(rid, ben, {web: {"importance": 5}, shop: {"importance": 5}})
    score(rid, cem, {web: {"importance": 4}, shop: {"importance": 4}})
    lifecycle.close_round(ws.id, rid)
    at = step1(ws, "scoring")
    moments = at.dataframe[0].value
    assert list(moments["Touchpoint"]) == ["Website", "Laden"]
    assert list(moments["Bewertende (W / L)"]) == ["3 / 1", "3 / 0"]
    assert moments.loc[1, "Leistung"] == "noch nicht bewertet"
    assert not moments.loc[1, "Kritisch"]  # no performance yet: not critical
    assert "Fadenkreuz bei den Mittelwerten aller Touchpoints" in texts(at)
    at.segmented_control(key="round_crosshair_means").set_value("midpoint").run()
    at.checkbox(key="round_diagonal_False").check().run()
    assert workshops.analysis_settings(ws.id) == {"crosshair": "midpoint", "diagonal": True}
    assert "Fadenkreuz bei der Skalenmitte 3" in texts(at)
    assert "Gepunktete Diagonale" in texts(at)
    summary = summary_csv(ws.id, rid).decode("utf-8-sig").splitlines()
    assert summary[0].endswith(",quadrant,crosshair")
    assert summary[1].endswith(",midpoint")


def test_strategy_goals_kpis_and_five_rules_export(demo_id):
    assert {"goals", "strategy", "kpis"} <= set(TABLES)
    goals = TABLES["goals"](demo_id).decode("utf-8-sig").splitlines()
    assert goals[0] == "rank,goal,method_goal,top"
    assert goals[1].startswith("1,Emotionale Kundenbindung") and goals[1].endswith(",loyalty,yes")
    card = TABLES["strategy"](demo_id).decode("utf-8-sig").splitlines()
    assert card[0] == "part,text" and "guiding_value,Verlässlichkeit" in card
    rows = TABLES["kpis"](demo_id).decode("utf-8-sig").splitlines()
    assert rows[0].startswith("id,name,definition,unit,direction,baseline,target,target_date")
    assert rows[0].endswith(",target_against_direction")
    (rules,) = lifecycle.list_rounds(demo_id, FIVE_RULES.name)
    lines = summary_csv(demo_id, rules["id"]).decode("utf-8-sig").splitlines()
    assert lines[0] == "rule,text,mean,spread,n"
    assert lines[1].startswith("measured,Kundenerfahrungen werden systematisch gemessen,2.12")
