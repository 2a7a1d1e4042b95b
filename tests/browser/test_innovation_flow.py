"""In Chromium: three phones rate the innovation check live at once; the facilitator takes
the means over and the heat table shows the weakest cell first."""

from __future__ import annotations

from playwright.sync_api import expect

from cemworkshop import innovation, store, touchpoints, workshops
from cemworkshop.rounds import lifecycle
from tests.browser.st import (
    join_phones,
    keyed,
    move_on,
    rating_groups,
    reveal_and_close,
    submit,
    tap,
)

# The six success factors in the method's order: personalised, flexible, brand style,
# cross-channel, effortless, involving.
ANSWERS = {"Anna": "343323", "Ben": "454435", "Cem": "444314"}


def test_three_phones_rate_the_innovation_check_and_the_means_fill_the_heat_table(
    strict_server, new_page, monkeypatch
):
    server = strict_server
    monkeypatch.setenv("CEMWORKSHOP_DB", str(server.db))
    store.close_thread_connections()
    ws = workshops.create_workshop("Innovation", company="Lindner GmbH")
    phase = touchpoints.phases(ws.id)[2]["id"]
    montage = touchpoints.add_touchpoint(ws.id, "Montage", phase_id=phase)
    innovation.choose(ws.id, [montage])

    phones = join_phones(new_page, server.phone_url, ws.join_code, ANSWERS)

    page = new_page()
    page.goto(f"{server.host_url}/step2_development?t={ws.facilitator_token}")
    keyed(page, "step2_section").get_by_role("radio", name="CEM-Innovation").click()
    expect(keyed(page, "section_innovation")).to_be_visible()
    submit(page, "Live-Bewertung starten")  # the six success factors by default
    expect(keyed(page, "live_round_bar")).to_be_visible()

    answered = 0
    for size in (4, 2):  # all three at once, screen by screen (at most four per screen)
        for name, phone in phones.items():
            groups = rating_groups(phone)
            expect(groups).to_have_count(size, timeout=5_000)
            for n in range(size):
                tap(phone, groups.nth(n), ANSWERS[name][answered + n])
            move_on(phone)
        answered += size
    for phone in phones.values():
        expect(phone.get_by_text("2 von 2 Bildschirmen vollständig bewertet")).to_be_visible()
    expect(page.get_by_text("3 von 3 sind fertig.")).to_be_visible(timeout=5_000)
    reveal_and_close(page)
    rnd = lifecycle.list_rounds(ws.id, "innovation_check")[0]
    page.get_by_role("button", name="Mittelwerte der Live-Bewertung übernehmen").click()
    expect(page.get_by_text("6 Werte übernommen.")).to_be_visible()
    values = innovation.scores(ws.id)
    # effortless: 2, 3, 1 → 2.0; flexible: 4, 5, 4 → 4.33
    assert values[(montage, "effortless")] == 2.0
    assert round(values[(montage, "flexible")], 2) == 4.33
    weakest = page.locator("[data-testid='stDataFrame']")
    expect(weakest.first).to_be_visible()
    assert innovation.heat(ws.id).iloc[0]["criterion"] == "effortless"
    assert rnd["status"] == "closed"
