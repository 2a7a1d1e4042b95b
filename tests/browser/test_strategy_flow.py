"""In Chromium: the five rules check live with three phones at once, the strategy card and the
KPI list put on the projector by the facilitator."""

from __future__ import annotations

from playwright.sync_api import expect

from cemworkshop import kpis, store, strategy, workshops
from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.five_rules import KIND as FIVE_RULES
from tests.browser.st import (
    click,
    join_phones,
    keyed,
    move_on,
    rating_groups,
    section,
    segment,
    tap,
)

# Per phone, one value per rule in the method's order: strategy, measured, moments, staff,
# continuous. Means 4, 2, 3, 3, 4: "measured" is the weakest (spread 1: 2, 1, 3).
ANSWERS = {"Anna": "42334", "Ben": "51324", "Cem": "33344"}


def test_three_phones_rate_the_five_rules_and_the_projector_shows_the_strategy(
    strict_server, new_page, monkeypatch
):
    server = strict_server
    monkeypatch.setenv("CEMWORKSHOP_DB", str(server.db))
    store.close_thread_connections()
    ws = workshops.create_workshop("Strategie", company="Lindner GmbH")
    strategy.save_texts(ws.id, guiding_value="Verlässlichkeit", experience_motive="Ohne Nachhaken")
    kpis.save_kpi(ws.id, "NPS", unit="Punkte", baseline=18, target=35)

    phones = join_phones(new_page, server.phone_url, ws.join_code, ANSWERS)

    page = new_page()
    page.goto(f"{server.host_url}/step1_definition?t={ws.facilitator_token}")
    section(page, "CEM-Strategie")
    click(page, "rules_round_start")
    expect(page.get_by_text("0 von 3 sind fertig.")).to_be_visible()

    # All three at once, screen by screen: one rule per screen, a tap saves it.
    for step in range(5):
        for name, phone in phones.items():
            groups = rating_groups(phone)
            expect(groups).to_have_count(1, timeout=5_000)
            tap(phone, groups.first, ANSWERS[name][step])
            move_on(phone)
    for phone in phones.values():
        expect(phone.get_by_text("5 von 5 Regeln bewertet")).to_be_visible()
    expect(page.get_by_text("3 von 3 sind fertig.")).to_be_visible(timeout=5_000)
    rid = lifecycle.current_round(ws.id)["id"]
    table = FIVE_RULES.table(rid)
    assert list(table["rule"])[0] == "measured" and list(table["n"]) == [3] * 5

    # Hidden until revealed; then the section, the presenter and the phones show it.
    presenter = new_page()
    presenter.goto(f"{server.host_url}/presenter?t={ws.facilitator_token}")
    expect(presenter.get_by_text("Die Ergebnisse sind verborgen")).to_be_visible()
    click(page, "round_reveal")
    weakest = "Kundenerfahrungen werden systematisch gemessen"
    expect(page.get_by_test_id("stMetricValue").filter(has_text="Messung")).to_be_visible()
    expect(presenter.locator("table.projector")).to_contain_text(weakest, timeout=5_000)
    first_row = presenter.locator("table.projector tbody tr").first
    expect(first_row).to_contain_text("2,0")  # mean
    expect(first_row).to_contain_text("1,0")  # spread
    click(page, "round_close")
    expect(keyed(page, "live_round_bar")).to_have_count(0)
    for phone in phones.values():  # once the round is over, phones read the weakest first
        expect(phone.locator("li").first).to_contain_text(weakest, timeout=5_000)

    # The strategy card, then the KPIs, on the projector at the facilitator's word.
    segment(page, "strategy_presenter_round", "Strategie-Karte")
    card = presenter.locator(".cem-card.big")
    expect(card).to_contain_text("Verlässlichkeit", timeout=5_000)
    expect(card).to_contain_text("Ohne Nachhaken")
    assert strategy.presenter_view(ws.id) == "strategy"
    segment(page, "strategy_presenter_strategy", "KPIs")
    expect(presenter.locator("table.projector")).to_contain_text("NPS (Punkte)", timeout=5_000)
    presenter.get_by_role("button", name="Zurück zur Runde").click()
    expect(presenter.locator("table.projector")).to_contain_text(weakest)
