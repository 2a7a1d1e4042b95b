"""End to end in Chromium: the facilitator builds a workshop; three phones join and score live."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from cemworkshop import journey, journey_graph, store, touchpoints, workshops
from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.touchpoint_scoring import KIND as TOUCHPOINT_SCORING
from tests.browser.st import (
    answer_all,
    choose,
    click,
    click_graph_node,
    fill,
    keyed,
    rating_groups,
    section,
    settle,
    submit,
    submit_form_of,
)

SCRIPT_NAME = "<script>alert(1)</script>"
IMG_NAME = '<img src=x onerror="alert(2)">'


def db_for(server, monkeypatch):
    monkeypatch.setenv("CEMWORKSHOP_DB", str(server.db))
    store.close_thread_connections()


def add_touchpoint(page, name: str, phase: str) -> None:
    fill(page, "tp_add_name", name)
    choose(page, "tp_add_phase", phase)
    submit(page, "Hinzufügen")
    expect(page.get_by_text(f"„{name}“ wurde hinzugefügt.")).to_be_visible()


def test_facilitator_creates_workshop_touchpoints_edge_and_edits_by_clicking_the_graph(
    server, new_page, monkeypatch
):
    page = new_page()
    page.goto(server.host_url)
    # A fresh start without demo: the form to create the first workshop is open.
    fill(page, "ws_new_name", "Browser-Workshop")
    fill(page, "ws_new_company", "Nordlicht AG")
    submit(page, "Workshop anlegen")
    expect(page.get_by_role("heading", name="Browser-Workshop")).to_be_visible()
    expect(page.get_by_test_id("join-code")).to_have_text(re.compile(r"^[A-Z2-9]{3}\s[A-Z2-9]{3}$"))
    # The PIN is not on the (possibly projected) screen until asked for, and hides again.
    expect(page.get_by_text(re.compile(r"^PIN: \d{6}$"))).to_have_count(0)
    page.get_by_role("button", name="Moderationslink und PIN anzeigen").click()
    expect(page.get_by_text(re.compile(r"^PIN: \d{6}$"))).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_text(re.compile(r"^PIN: \d{6}$"))).to_have_count(0)

    page.get_by_role("link", name="1 · Definition").click()
    expect(keyed(page, "step1_section").get_by_role("radio", name="Touchpoints")).to_be_checked()
    add_touchpoint(page, "Website", "Vor dem Kauf")
    add_touchpoint(page, "Beratung", "Während des Kaufs")
    add_touchpoint(page, SCRIPT_NAME, "Nach dem Kauf")
    add_touchpoint(page, IMG_NAME, "Nach dem Kauf")
    # A duplicate gets a message and nothing else changes.
    fill(page, "tp_add_name", "website")
    submit(page, "Hinzufügen")
    expect(
        page.get_by_text("Einen Touchpoint „website“ gibt es in diesem Workshop schon.")
    ).to_be_visible()
    expect(keyed(page, "tp_add_name").locator("input")).to_have_value("website")

    section(page, "Customer Journey")
    choose(page, "edge_from", "Website")
    choose(page, "edge_to", "Beratung")
    submit(page, "Pfad hinzufügen")
    expect(page.get_by_text("Pfad hinzugefügt.")).to_be_visible()

    db_for(server, monkeypatch)
    (ws,) = workshops.list_workshops()
    tps = {t["name"]: t["id"] for t in touchpoints.touchpoints(ws["id"])}
    assert [(e["source"], e["target"]) for e in journey.edges(ws["id"])] == [
        ("Website", "Beratung")
    ]

    # Markup is a label on the canvas, never HTML: not in the tooltip source, not run.
    settle(page)
    evil = click_graph_node(page, f"tp{tps[IMG_NAME]}")
    assert evil["label"].replace("\n", "").startswith("<img")
    assert evil["title"] == ""
    expect(page.get_by_role("heading", name=f"Bearbeiten: {IMG_NAME}")).to_be_visible()

    # Clicking a node opens that touchpoint for editing; saving writes it.
    info = click_graph_node(page, f"tp{tps['Beratung']}")
    assert info["label"] == "Beratung"
    expect(page.get_by_role("heading", name="Bearbeiten: Beratung")).to_be_visible()
    fill(page, f"tpg_{tps['Beratung']}_name", "Beratung im Studio")
    fill(page, f"tpg_{tps['Beratung']}_channel", "Persönlich")
    submit(page, "Änderungen speichern")
    expect(page.get_by_text("Touchpoint gespeichert.")).to_be_visible()
    edited = touchpoints.get_touchpoint(ws["id"], tps["Beratung"])
    assert (edited["name"], edited["channel"]) == ("Beratung im Studio", "Persönlich")

    # The list shows the markup names as plain text; no element was injected.
    section(page, "Touchpoints")
    assert page.locator("script:text('alert(1)')").count() == 0
    assert page.locator("img[src='x']").count() == 0


def test_three_participants_join_score_live_and_the_presenter_reveals(
    strict_server, new_page, monkeypatch
):
    server = strict_server
    db_for(server, monkeypatch)
    ws = workshops.create_workshop("Live-Runde", company="Nordlicht AG")
    phases = touchpoints.phases(ws.id)
    lieferung = touchpoints.add_touchpoint(ws.id, "Lieferung", phase_id=phases[2]["id"])
    beratung = touchpoints.add_touchpoint(ws.id, "Beratung", phase_id=phases[1]["id"])

    # The facilitator comes in by the facilitator link, as from a second device.
    facilitator = new_page()
    facilitator.goto(f"{server.host_url}/?t={ws.facilitator_token}")
    expect(facilitator.get_by_role("heading", name="Live-Runde")).to_be_visible()
    join_link = facilitator.locator("[data-testid='stCode']").first.inner_text().strip()
    assert join_link == f"{server.phone_url}/join?code={ws.join_code}"

    phones = []
    for name in ("Anna", "Ben", "Cem"):
        phone = new_page(390, 844)
        phone.goto(join_link)
        expect(keyed(phone, "join_code").locator("input")).to_have_value(ws.join_code)
        fill(phone, "join_name", name)
        submit(phone, "Beitreten")
        expect(phone.get_by_text(f"Sie nehmen als {name} teil.")).to_be_visible()
        expect(phone.get_by_text("Gerade läuft keine Runde")).to_be_visible()
        phones.append(phone)

    # The facilitator opens the round in the app; phones show it by themselves, no reload.
    facilitator.get_by_role("link", name="1 · Definition").click()
    section(facilitator, "Experience 360°")
    submit(facilitator, "Runde starten")
    expect(facilitator.get_by_text("0 von 3 sind fertig.")).to_be_visible()
    for phone in phones:
        expect(rating_groups(phone).first).to_be_visible(timeout=5_000)

    # A participant's page never offers facilitator pages, even by typing their address.
    anna_link = phones[0].url
    phones[0].goto(f"{server.phone_url}/step1_definition")
    expect(phones[0].get_by_role("heading", name="Am Workshop teilnehmen")).to_be_visible()
    expect(phones[0].get_by_role("link", name="1 · Definition")).to_have_count(0)
    phones[0].goto(f"{server.phone_url}/")
    expect(phones[0].get_by_role("heading", name="Am Workshop teilnehmen")).to_be_visible()
    phones[0].goto(anna_link)  # her personal link brings her back as herself
    expect(phones[0].get_by_text("Sie nehmen als Anna teil.")).to_be_visible()

    for phone, value in zip(phones, ("5", "4", "5"), strict=True):
        answer_all(phone, value)
        expect(phone.get_by_text("2 von 2 Touchpoints vollständig bewertet")).to_be_visible()

    # Reloading keeps who you are and what you gave.
    phones[1].reload()
    expect(phones[1].get_by_text("Sie nehmen als Ben teil.")).to_be_visible()
    first = rating_groups(phones[1]).first
    expect(first.get_by_role("radio", checked=True)).to_have_text("4")

    presenter = new_page()
    presenter.goto(f"{server.host_url}/presenter?t={ws.facilitator_token}")
    expect(presenter.get_by_test_id("submitted-count")).to_contain_text("3", timeout=5_000)
    expect(presenter.get_by_text("Die Ergebnisse sind verborgen")).to_be_visible()
    # Hidden: only the bar of how far the room is, no result (the chart library loads unseen).
    expect(presenter.get_by_test_id("progress-bar")).to_be_visible()
    expect(presenter.locator("[data-testid='stVegaLiteChart']:visible")).to_have_count(0)
    expect(
        presenter.locator(".st-key-chart_library [data-testid='stVegaLiteChart']")
    ).to_have_count(1)
    presenter.get_by_role("button", name="Ergebnisse freigeben").click()
    expect(presenter.locator("[data-testid='stVegaLiteChart']")).to_have_count(2, timeout=10_000)
    expect(presenter.get_by_role("heading", name="Moments of Truth").first).to_be_visible()

    rid = lifecycle.current_round(ws.id)["id"]
    assert {p["name"] for p in lifecycle.status(rid)["done"]} == {"Anna", "Ben", "Cem"}
    presenter.get_by_role("button", name="Runde beenden").click()
    expect(presenter.get_by_text("beendet")).to_be_visible()

    # The touchpoint map: everyone gave equal importance and performance, so "meets" (blue),
    # and importance 4.7 makes both moments of truth (a star).
    section(facilitator, "Touchpoint-Map")
    expect(facilitator.get_by_text("Erlebniskurve entlang der Customer Journey")).to_be_visible()
    node = click_graph_node(facilitator, f"tp{lieferung}")
    assert node["label"] == "★ Lieferung"
    assert node["background"] == journey_graph.GAP_COLOURS["meets"][0]
    expect(facilitator.get_by_role("heading", name="Lieferung", exact=True)).to_be_visible()
    expect(facilitator.get_by_text("4.7").first).to_be_visible()
    scores = TOUCHPOINT_SCORING.analysis(lifecycle.get_round(rid)).scores
    assert len(scores) == 3 * 2 * 2
    assert set(scores["touchpoint_id"]) == {lieferung, beratung}


def test_facilitator_saves_two_ron_scenarios_and_compares_them(server, new_page, monkeypatch):
    db_for(server, monkeypatch)
    ws = workshops.create_workshop("Rentabilität")
    page = new_page()
    page.goto(f"{server.host_url}/step1_definition?t={ws.facilitator_token}")
    section(page, "CEM-Rentabilität")
    for name, reduction in (("Vorsichtig", "20"), ("Mutig", "50")):
        fill(page, "ron_new_name", name)
        fill(page, "ron_new_churn_reduction_pct", reduction)
        submit(page, "Berechnen und speichern")
        expect(page.get_by_text(f"Szenario „{name}“ gespeichert.")).to_be_visible()
    compare = page.locator("[data-testid='stDataFrame']").last
    expect(compare).to_contain_text("Vorsichtig")
    expect(compare).to_contain_text("Mutig")
    from cemworkshop import profitability
    from cemworkshop.metrics.ron import return_on_nothing

    saved = {s["name"]: return_on_nothing(s["inputs"]) for s in profitability.scenarios(ws.id)}
    assert saved["Mutig"].cem_gain > saved["Vorsichtig"].cem_gain > 0
    # The figures on screen are the saved scenario's (German money format).
    shown = f"{saved['Mutig'].cem_gain:,.0f} €".replace(",", ".")
    expect(page.get_by_text(shown).first).to_be_visible()


def test_facilitator_fills_the_competitor_benchmark_and_runs_it_live_with_two_participants(
    strict_server, new_page, monkeypatch
):
    server = strict_server
    db_for(server, monkeypatch)
    from cemworkshop import competitors

    ws = workshops.create_workshop("Benchmark", company="Lindner GmbH")
    page = new_page()
    page.goto(f"{server.host_url}/step1_definition?t={ws.facilitator_token}")
    section(page, "IST-Analyse")
    fill(page, "competitors_new_competitor", "Küchen König")
    submit_form_of(page, "competitors_new_competitor", "Hinzufügen")
    expect(page.get_by_text("Küchen König", exact=True)).to_be_visible()
    fill(page, "competitors_new_criterion", "Erreichbarkeit")
    page.locator(".st-key-competitors_new_criterion").locator(
        "xpath=ancestor::*[@data-testid='stForm']"
    ).get_by_role("button").click()
    expect(page.get_by_text("Erreichbarkeit", exact=True).first).to_be_visible()
    (crit,) = competitors.criteria(ws.id)
    own, rival = (c["id"] for c in competitors.companies(ws.id))
    choose(page, f"competitors_{crit['id']}_{own}", "2,5")
    choose(page, f"competitors_{crit['id']}_{rival}", "4")
    submit(page, "Bewertung speichern")
    expect(
        page.get_by_text("Rückstand auf den besten Wettbewerber bei: Erreichbarkeit")
    ).to_be_visible()
    assert competitors.scores(ws.id) == {(crit["id"], own): 2.5, (crit["id"], rival): 4.0}

    phones = []
    for name in ("Anna", "Ben"):
        phone = new_page(390, 844)
        phone.goto(f"{server.phone_url}/join?code={ws.join_code}")
        fill(phone, "join_name", name)
        submit(phone, "Beitreten")
        expect(phone.get_by_text(f"Sie nehmen als {name} teil.")).to_be_visible()
        phones.append(phone)
    click(page, "competitors_round_start")
    for phone, (mine, theirs) in zip(phones, (("3", "4"), ("4", "5")), strict=True):
        groups = rating_groups(phone)
        expect(groups).to_have_count(2, timeout=5_000)  # by itself: own company and competitor
        answer_all(phone, [mine, theirs])
        expect(phone.get_by_text("1 von 1 Kriterien vollständig bewertet")).to_be_visible()
    expect(page.get_by_text("2 von 2 sind fertig.")).to_be_visible(timeout=5_000)
    click(page, "round_close")
    page.get_by_role("button", name="Mittelwerte der Live-Runde übernehmen").click()
    expect(page.get_by_text("2 Werte übernommen.")).to_be_visible()
    assert competitors.scores(ws.id) == {(crit["id"], own): 3.5, (crit["id"], rival): 4.5}
