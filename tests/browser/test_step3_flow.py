"""In Chromium: three phones rate expectation and experience live at once and the facilitator
sees the gap ranking; two people write worksheets at the same time — different sheets both
land, the same sheet refuses the later save and shows what is stored now."""

from __future__ import annotations

from playwright.sync_api import expect

from cemworkshop import store, touchpoints, worksheets, workshops
from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.expectation_gap import KIND as GAP
from tests.browser.st import (
    answer_all,
    choose,
    fill,
    join_phones,
    keyed,
    reveal_and_close,
    settle,
    submit,
    submit_form_of,
)

# Per phone: expectation, experience for Reklamation, then for Lieferung (journey order: both
# in the same phase, Reklamation added first).
ANSWERS = {"Anna": "5241", "Ben": "5153", "Cem": "4243"}


def open_section(page, server, ws, label: str, key: str) -> None:
    page.goto(f"{server.host_url}/step3_organisation?t={ws.facilitator_token}")
    keyed(page, "step3_section").get_by_role("radio", name=label, exact=True).click()
    expect(keyed(page, f"section_{key}")).to_be_visible()
    settle(page)


def test_three_phones_rate_the_gap_and_the_ranking_follows(strict_server, new_page, monkeypatch):
    server = strict_server
    monkeypatch.setenv("CEMWORKSHOP_DB", str(server.db))
    store.close_thread_connections()
    ws = workshops.create_workshop("Erwartung", company="Lindner GmbH")
    phase = touchpoints.phases(ws.id)[2]["id"]
    rek = touchpoints.add_touchpoint(ws.id, "Reklamation", phase_id=phase)
    lie = touchpoints.add_touchpoint(ws.id, "Lieferung", phase_id=phase)

    phones = join_phones(new_page, server.phone_url, ws.join_code, ANSWERS)

    page = new_page()
    open_section(page, server, ws, "Erwartungsabgleich", "expectations")
    expect(page.get_by_text("Noch keine Live-Bewertung mit Antworten.")).to_be_visible()
    keyed(page, "gap_touchpoints").get_by_role("combobox").click()
    page.get_by_role("option", name="Reklamation", exact=True).click()
    page.get_by_role("option", name="Lieferung", exact=True).click()
    page.keyboard.press("Escape")
    submit(page, "Live-Bewertung starten")
    expect(keyed(page, "live_round_bar")).to_be_visible()
    rnd = lifecycle.current_round(ws.id)
    assert rnd["kind"] == GAP.name

    for name, phone in phones.items():  # three phones answer side by side
        expect(phone.get_by_text("Erwartung", exact=False).first).to_be_visible(timeout=10_000)
        answer_all(phone, list(ANSWERS[name]))
    for phone in phones.values():
        expect(phone.get_by_text("2 von 2 Touchpoints vollständig bewertet")).to_be_visible()
    expect(page.get_by_text("3 von 3 sind fertig.")).to_be_visible(timeout=5_000)
    reveal_and_close(page)
    # Reklamation: (5+5+4)/3 − (2+1+2)/3 = 3.0; Lieferung: (4+5+4)/3 − (1+3+3)/3 = 2.0
    expect(page.get_by_text("Quelle: Live-Bewertung")).to_be_visible()
    ranking = page.locator("[data-testid='stDataFrame']").first
    expect(ranking).to_be_visible()
    summary = GAP.summary(lifecycle.get_round(rnd["id"]))
    gaps = dict(zip(summary["touchpoint"], summary["gap"], strict=True))
    assert gaps == {"Reklamation": 3.0, "Lieferung": 2.0}
    # The projector shows the dumbbell chart large, then the ranking as text.
    presenter = new_page()
    presenter.goto(f"{server.host_url}/presenter?t={ws.facilitator_token}")
    expect(presenter.locator("table.projector").first).to_contain_text("Reklamation")
    expect(presenter.locator("[data-testid='stVegaLiteChart']").first).to_be_visible()
    rows = presenter.locator("table.projector").first.locator("tbody tr")
    expect(rows.first).to_contain_text("3,0")
    expect(rows.nth(1)).to_contain_text("Lieferung")
    assert rek and lie


def test_two_people_write_worksheets_at_once(strict_server, new_page, monkeypatch):
    server = strict_server
    monkeypatch.setenv("CEMWORKSHOP_DB", str(server.db))
    store.close_thread_connections()
    ws = workshops.create_workshop("Blätter", company="Lindner GmbH")
    phase = touchpoints.phases(ws.id)[2]["id"]
    rek = touchpoints.add_touchpoint(ws.id, "Reklamation", phase_id=phase)
    lie = touchpoints.add_touchpoint(ws.id, "Lieferung", phase_id=phase)

    jana, ole = new_page(), new_page()  # two browsers, each its own session
    for page in (jana, ole):
        open_section(page, server, ws, "Touchpoint-Projektarbeit", "worksheets")
        expect(page.get_by_text("Arbeitsblatt: Reklamation")).to_be_visible()
    # Different worksheets at the same time: both land.
    choose(ole, "sheet_tp", "Lieferung")
    expect(ole.get_by_text("Arbeitsblatt: Lieferung")).to_be_visible()
    fill(jana, "sheet_by", "Jana")
    fill(jana, f"sheet_{rek}_ist", "Kunde wartet eine Woche auf Rückruf.")
    fill(ole, "sheet_by", "Ole")
    fill(ole, f"sheet_{lie}_ist", "Zeitfenster ganztägig.")
    submit_form_of(jana, f"sheet_{rek}_ist", "Arbeitsblatt speichern")
    submit_form_of(ole, f"sheet_{lie}_ist", "Arbeitsblatt speichern")
    for page, who in ((jana, "Jana"), (ole, "Ole")):
        expect(page.get_by_text(f" von {who}.")).to_be_visible()
    assert worksheets.sheet(ws.id, rek)["ist"] == "Kunde wartet eine Woche auf Rückruf."
    assert worksheets.sheet(ws.id, lie)["ist"] == "Zeitfenster ganztägig."

    # The same worksheet: Ole opens Reklamation (now at Jana's version), Jana saves again,
    # Ole's save is refused with Jana's text shown; his own text stays in the field.
    settle(ole)
    ole.get_by_text(
        "Arbeitsblatt: Lieferung"
    ).click()  # the picker loses focus, so a click opens it
    choose(ole, "sheet_tp", "Reklamation")
    expect(ole.get_by_text("Arbeitsblatt: Reklamation")).to_be_visible()
    settle(ole)
    fill(jana, f"sheet_{rek}_soll", "Rückruf binnen zwei Stunden.")
    submit_form_of(jana, f"sheet_{rek}_ist", "Arbeitsblatt speichern")
    expect(jana.get_by_text("Arbeitsblatt „Reklamation“ gespeichert.")).to_be_visible()
    fill(ole, f"sheet_{rek}_soll", "Lösung am ersten Anruf.")
    submit_form_of(ole, f"sheet_{rek}_ist", "Arbeitsblatt speichern")
    expect(ole.get_by_text("Nicht gespeichert: Jana hat dieses Arbeitsblatt")).to_be_visible()
    expect(keyed(ole, "sheet_stored_now")).to_contain_text("Rückruf binnen zwei Stunden.")
    expect(keyed(ole, f"sheet_{rek}_soll").locator("textarea")).to_have_value(
        "Lösung am ersten Anruf."
    )
    assert worksheets.sheet(ws.id, rek)["soll"] == "Rückruf binnen zwei Stunden."
    # A second, deliberate save overwrites.
    submit_form_of(ole, f"sheet_{rek}_ist", "Arbeitsblatt speichern")
    expect(ole.get_by_text("Arbeitsblatt „Reklamation“ gespeichert.")).to_be_visible()
    assert worksheets.sheet(ws.id, rek)["soll"] == "Lösung am ersten Anruf."
    assert worksheets.sheet(ws.id, rek)["updated_by"] == "Ole"
