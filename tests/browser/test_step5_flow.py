"""In Chromium: a survey export with three header rows (as Qualtrics writes it) is imported
with a preview — a refused row named with its reason, a misspelt touchpoint mapped — and its
figures appear in the Kundenbarometer with their n; the Kunden-Dashboard of the demo fits one
projector screen (1280×720, nothing below the fold) and prints on one A4 landscape page."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from cemworkshop import barometer, demo, store, touchpoints, workshops
from tests.browser.st import keyed, segment, settle, submit

EXPORT = (
    "ResponseId,RecordedDate,DistributionChannel,NPS,CSAT_Lieferung,CSAT_Montge\n"
    "Response ID,Recorded Date,Distribution Channel,Wie wahrscheinlich …,Lieferung – zufrieden?,"
    "Montage – zufrieden?\n"
    '{""ImportId"":""responseId""},{""ImportId"":""recordedDate""},{""ImportId"":""channel""},'
    '{""ImportId"":""QID1""},{""ImportId"":""QID2_1""},{""ImportId"":""QID2_2""}\n'
    "R_1,2026-10-02 09:12:44,email,10,5,4\n"
    "R_2,2026-10-03 10:01:02,email,9,4,5\n"
    "R_3,2026-10-03 11:30:00,email,6,2,3\n"
    "R_4,2026-10-05 08:00:00,email,8,4,\n"
    "R_5,2026-10-07 17:45:10,email,10,5,5\n"
    "R_6,2026-10-09 12:00:00,email,3,7,2\n"
)


def test_a_survey_export_is_previewed_imported_and_shown_with_its_n(
    strict_server, new_page, monkeypatch
):
    server = strict_server
    monkeypatch.setenv("CEMWORKSHOP_DB", str(server.db))
    store.close_thread_connections()
    ws = workshops.create_workshop("Optimierung", company="Lindner GmbH")
    phase = touchpoints.phases(ws.id)[2]["id"]
    delivery = touchpoints.add_touchpoint(ws.id, "Lieferung", phase_id=phase)
    fitting = touchpoints.add_touchpoint(ws.id, "Montage", phase_id=phase)

    page = new_page()
    page.goto(f"{server.host_url}/step5_optimisation?t={ws.facilitator_token}")
    segment(page, "step5_section", "Messdaten")
    expect(keyed(page, "section_data")).to_be_visible()
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        {"name": "qualtrics.csv", "mimeType": "text/csv", "buffer": EXPORT.encode()}
    )
    settle(page)
    # 6 respondents: R_6's CSAT 7 is refused (its NPS stays), R_4 left Montage empty
    expect(page.get_by_text("Erkannt: eine Zeile je Befragtem. 16 neue Antworten")).to_be_visible()
    expect(
        page.get_by_text("2 weitere Kopfzeile(n) des Befragungs-Exports übersprungen.")
    ).to_be_visible()
    expect(page.get_by_text("„Wert“ muss zwischen 1 und 5 liegen.")).to_be_visible()
    # the misspelt "Montge" is offered with its close match, chosen by default
    expect(page.get_by_text("1 Touchpoint-Namen ohne genaue Entsprechung")).to_be_visible()
    submit(page, "16 Zeilen importieren")
    expect(page.get_by_text("16 Zeilen importiert.")).to_be_visible()
    cells = barometer.cells(ws.id)
    ids = {m["code"]: m["id"] for m in barometer.metrics(ws.id)}
    assert cells[("2026-Q4", delivery, ids["csat"])].n == 5
    assert cells[("2026-Q4", fitting, ids["csat"])].n == 5  # R_4 did not answer it
    assert cells[("2026-Q4", None, ids["nps"])].n == 6

    segment(page, "step5_section", "Kundenbarometer")
    table = keyed(page, "section_barometer").locator("table.desk")
    expect(table).to_be_visible()
    # NPS of six: promoters R_1, R_2, R_5; detractors R_3, R_6 → (3 − 2) / 6 = +17
    nps_row = table.locator("tr", has_text="Unternehmen gesamt")
    expect(nps_row).to_contain_text("+17")
    expect(nps_row).to_contain_text("kleine Stichprobe")
    # Lieferung: 5, 4, 2, 4, 5 → four of five in the top two boxes: 80 %, mean 4,00
    delivery_row = table.locator("tr", has_text="Lieferung")
    expect(delivery_row).to_contain_text("80 %")
    expect(delivery_row).to_contain_text("Mittelwert 4,00")


def test_the_dashboard_fits_the_projector_and_one_a4_page(strict_server, new_page, monkeypatch):
    monkeypatch.setenv("CEMWORKSHOP_DB", str(strict_server.db))
    store.close_thread_connections()
    demo_id = demo.load_demo()
    token = workshops.new_facilitator_secrets(demo_id)[0]
    page = new_page(1280, 720)
    page.goto(f"{strict_server.host_url}/step5_optimisation?t={token}")
    segment(page, "step5_section", "Kunden-Dashboard")
    board = keyed(page, "section_dashboard")
    expect(board).to_be_visible()
    settle(page)
    charts = board.locator(
        "[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg.marks"
    )
    expect(charts).to_have_count(2)
    for title in ("CEM-Qualitätsindex", "KPIs im Soll-Ist-Vergleich", "Am weitesten unter dem Ziel 70",
                  "Maßnahmen", "Beschwerden je Monat", "Offene Hindernisse (4)"):  # fmt: skip
        tile = board.get_by_text(title, exact=True)
        expect(tile).to_be_in_viewport()
    # nothing below the fold: no part of the app scrolls, every tile ends within 720 px
    overflow = page.evaluate(
        "() => [...document.querySelectorAll('[data-testid=stMain], [data-testid=stAppViewContainer],"
        " [data-testid=stMainBlockContainer]')].map(e => e.scrollHeight - e.clientHeight)"
        ".concat([document.documentElement.scrollHeight - window.innerHeight])"
    )
    assert max(overflow) <= 1, overflow
    lowest = board.evaluate(
        "el => Math.max(...[...el.querySelectorAll('*')].map(e => e.getBoundingClientRect().bottom))"
    )
    assert 600 < lowest <= 720, lowest  # the tiles use the screen, and end on it
    pdf = page.pdf(format="A4", landscape=True, print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert pages == 1, pages
