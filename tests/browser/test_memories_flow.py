"""In Chromium: a facilitator and four phones run an ideas round, a merge and a blind dot vote
to its reveal, with a countdown on every screen."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from cemworkshop import ideas, store, touchpoints, workshops
from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.dot_vote import KIND as DOT_VOTE
from tests.browser.st import join_phones, keyed, submit

IDEAS = {
    "Anna": ["Kaffee und Kuchen bei der Montage", "Foto der fertigen Küche zum Abschied"],
    "Ben": ["Kuchen und Kaffee bei der Montage"],
    "Cem": ["Lieferung live verfolgen per SMS"],
    "Dora": ["<b>Blumen</b> zur Lieferung"],
}


def test_four_phones_brainstorm_merge_and_vote_blind_until_revealed(
    strict_server, new_page, monkeypatch
):
    server = strict_server
    monkeypatch.setenv("CEMWORKSHOP_DB", str(server.db))
    store.close_thread_connections()
    ws = workshops.create_workshop("Ideen", company="Lindner GmbH")
    phase = touchpoints.phases(ws.id)[2]["id"]
    touchpoints.add_touchpoint(ws.id, "Montage", phase_id=phase)

    phones = join_phones(new_page, server.phone_url, ws.join_code, IDEAS)

    page = new_page()
    page.goto(f"{server.host_url}/step2_development?t={ws.facilitator_token}")
    expect(keyed(page, "section_memories")).to_be_visible()
    keyed(page, "memories_touchpoints").get_by_role("combobox").click()
    page.get_by_role("option", name="Montage", exact=True).click()
    page.keyboard.press("Escape")
    submit(page, "Ideenrunde starten")
    expect(keyed(page, "live_round_bar")).to_be_visible()
    rnd = lifecycle.current_round(ws.id)
    assert rnd["kind"] == "ideas" and rnd["ends_at"]  # five minutes by default

    # Every phone shows the round and its countdown by itself, and posts.
    for name, texts in IDEAS.items():
        phone = phones[name]
        expect(phone.get_by_test_id("countdown")).to_have_text(
            re.compile(r"^[45]:[0-5][0-9]$"), timeout=5_000
        )
        for text in texts:
            phone.locator("textarea").fill(text)
            phone.get_by_role("button", name="Idee senden").click()
            # the box empties first: while it still holds the text, it matches the text too
            expect(phone.locator("textarea")).to_have_value("")
            expect(phone.get_by_text(text, exact=True)).to_be_visible()
    # Private while writing: Anna sees her ideas and a count of the others', not their text.
    anna = phones["Anna"]
    anna.reload()
    expect(anna.get_by_text("Von den anderen: 3 Ideen")).to_be_visible()
    expect(anna.get_by_text("Blumen")).to_have_count(0)
    # The facilitator's board shows everything as it arrives — markup as typed.
    expect(page.get_by_text("<b>Blumen</b> zur Lieferung")).to_be_visible(timeout=5_000)
    expect(page.get_by_text("Kuchen und Kaffee bei der Montage")).to_be_visible()

    # Merge the two coffee ideas from the suggestions.
    page.get_by_text("Doppelte Ideen vorschlagen lassen").click()
    page.get_by_role("button", name="Vorschläge suchen").click()
    page.get_by_role("button", name="Übernehmen").first.click()
    expect(page.get_by_text("Gruppen (1)")).to_be_visible()
    (group,) = ideas.groups(rnd["id"])
    assert len(group["ideas"]) == 2

    # The blind dot vote: 3 dots, at most 2 on one idea.
    keyed(page, f"vote_budget_{rnd['id']}").locator("input").fill("3")
    keyed(page, f"vote_cap_{rnd['id']}").locator("input").fill("2")
    submit(page, "Abstimmung starten")
    # the live bar names the running round: the vote, no longer the ideas round ("settle"
    # alone is no proof here: the board's two-second run, ending, reports the page idle)
    expect(keyed(page, "live_round_bar")).to_contain_text("Punktabstimmung", timeout=10_000)
    vote = lifecycle.current_round(ws.id)
    assert vote["kind"] == DOT_VOTE.name
    subjects = {s["subject"]: s["item_id"] for s in DOT_VOTE.items(vote["id"])}
    assert len(subjects) == 4  # the group and three single ideas
    coffee = subjects["Kaffee und Kuchen bei der Montage"]

    presenter = new_page()
    presenter.goto(f"{server.host_url}/presenter?t={ws.facilitator_token}")
    expect(presenter.get_by_text("Die Ergebnisse sind verborgen")).to_be_visible()

    for name, phone in phones.items():
        plus = keyed(phone, f"p_more_{coffee}").get_by_role("button")
        expect(plus).to_be_visible(timeout=5_000)
        plus.click()
        if name == "Ben":
            expect(phone.get_by_text("Noch 2 von 3 Punkten")).to_be_visible()
            plus.click()
        elif name == "Anna":
            plus.click()  # a quick double tap: the second arrives before the phone is redrawn
        left = "Noch 1 von 3 Punkten" if name in ("Anna", "Ben") else "Noch 2 von 3 Punkten"
        expect(phone.get_by_text(left)).to_be_visible()
        if name in ("Anna", "Ben"):
            expect(plus).to_be_disabled()  # the cap of 2
            expect(keyed(phone, f"p_ballot_{coffee}")).to_contain_text("●●")
    # Blind: the projector counts voters and dots, never per idea.
    expect(presenter.get_by_test_id("stMetricValue").first).to_have_text("4", timeout=5_000)
    expect(presenter.get_by_text("Kaffee und Kuchen bei der Montage")).to_have_count(0)
    assert DOT_VOTE.ranking(vote["id"]).iloc[0]["dots"] == 6

    presenter.get_by_role("button", name="Ergebnisse freigeben").click()
    table = presenter.locator("table.projector")
    expect(table).to_contain_text("Kaffee und Kuchen bei der Montage", timeout=5_000)
    expect(table.locator("tbody tr").first).to_contain_text("6")
    presenter.get_by_role("button", name="Runde beenden").click()
    for phone in phones.values():  # the round is over: phones show the ranking
        expect(phone.locator("li").first).to_contain_text("Kaffee und Kuchen", timeout=5_000)
