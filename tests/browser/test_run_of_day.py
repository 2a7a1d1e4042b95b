"""In Chromium: the facilitator walks three blocks of the management day; each start opens the
block's section, the presenter shows the agenda with the running block marked, and two phones
waiting between rounds show where the day stands — all following by themselves."""

from __future__ import annotations

from playwright.sync_api import expect

from cemworkshop import agenda, store, strategy, workshops
from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.five_rules import KIND as FIVE_RULES
from tests.browser.st import join_phones, keyed, settle


def test_three_blocks_of_the_day_with_presenter_and_two_phones_following(
    strict_server, new_page, monkeypatch
):
    monkeypatch.setenv("CEMWORKSHOP_DB", str(strict_server.db))
    store.close_thread_connections()
    ws = workshops.create_workshop("Management-Tag", company="Lindner GmbH")
    agenda.load_format(ws.id, "management_day", "de")
    strategy.show_on_presenter(ws.id, "agenda")
    phones = list(
        join_phones(new_page, strict_server.phone_url, ws.join_code, ("Anna", "Ben")).values()
    )
    presenter = new_page()
    presenter.goto(f"{strict_server.host_url}/presenter?t={ws.facilitator_token}")
    expect(presenter.get_by_role("heading", name="Tagesablauf")).to_be_visible()
    page = new_page()
    titles = ["Begrüßung und Check der fünf Regeln", "CEM-Ziele", "Return on Nothing"]
    sections = ["strategy", "strategy", "profitability"]
    for n, (title, section) in enumerate(zip(titles, sections, strict=True)):
        page.goto(f"{strict_server.host_url}/agenda?t={ws.facilitator_token}")
        expect(page.get_by_role("button", name="Nächsten Block starten")).to_be_visible()
        page.get_by_role("button", name="Nächsten Block starten").click()
        # its section, opened at once (the first time in a fresh server, with step 1's modules
        # loaded while the round opens on two phones and the projector: 0.5–2 s here, alone)
        expect(keyed(page, f"section_{section}")).to_be_visible(timeout=10_000)
        settle(page)
        if n == 0:  # the welcome brings the five rules check: its round opens on every phone
            rnd = lifecycle.current_round(ws.id)
            assert rnd["kind"] == FIVE_RULES.name
            for phone in phones:
                expect(phone.locator("[data-testid='stProgress']").first).to_be_visible(
                    timeout=10_000
                )
            lifecycle.close_round(ws.id, rnd["id"])
            # the presenter turned to the round; the facilitator asks for the agenda again
            page.goto(f"{strict_server.host_url}/agenda?t={ws.facilitator_token}")
            page.get_by_role("button", name="Ablauf auf der Präsentation zeigen").click()
            expect(presenter.get_by_role("heading", name="Tagesablauf")).to_be_visible(
                timeout=10_000
            )
        for phone in phones:  # waiting between rounds: where the day stands
            expect(phone.get_by_text(f"Gerade: {title}")).to_be_visible(timeout=10_000)
        if n > 0:  # the presenter follows a round when one opens; between rounds the agenda
            expect(presenter.locator("table.projector")).to_contain_text(
                f"▶ {title}", timeout=10_000
            )
    done = agenda.blocks(ws.id)[:3]
    assert all(b["started_at"] for b in done) and done[0]["ended_at"] and done[1]["ended_at"]
    assert done[2]["ended_at"] is None and agenda.current(ws.id)["title"] == "Return on Nothing"
    page.goto(f"{strict_server.host_url}/agenda?t={ws.facilitator_token}")
    expect(page.get_by_text("Jetzt: Return on Nothing")).to_be_visible()
    expect(page.get_by_text("Als Nächstes: Kaffeepause (15 Min.)")).to_be_visible()
