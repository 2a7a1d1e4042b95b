"""In Chromium, on the machine the app runs on: a backup taken from the export page is
restored from the same page — a foreign file is refused with its reason first, nothing
replaced — and the workshops are as they were at the backup; the old database is kept."""

from __future__ import annotations

import sqlite3

from playwright.sync_api import expect

from cemworkshop import store, workshops
from cemworkshop.exchange import backup
from tests.browser.st import settle


def test_a_backup_is_restored_from_the_export_page(server, new_page, monkeypatch, tmp_path):
    monkeypatch.setenv("CEMWORKSHOP_DB", str(server.db))
    store.close_thread_connections()
    kept = workshops.create_workshop("Küchen-Kick-off")
    saved = backup.backup_bytes()
    workshops.create_workshop("Später angelegt")
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(str(foreign))
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()

    page = new_page()
    page.goto(f"{server.host_url}/export?ws={kept.id}")
    page.get_by_text("Aus einer Sicherung wiederherstellen").click()
    upload = page.locator("[data-testid='stFileUploaderDropzoneInput']")
    upload.set_input_files(str(foreign))
    expect(page.get_by_text("Diese Datenbank stammt nicht von CEM Workshop.")).to_be_visible()
    assert {w["name"] for w in workshops.list_workshops()} == {"Küchen-Kick-off", "Später angelegt"}

    page.get_by_role("button", name="Remove foreign.db").click()
    upload.set_input_files(
        {"name": "sicherung.db", "mimeType": "application/octet-stream", "buffer": saved}
    )
    expect(
        page.get_by_text("Die Sicherung ist in Ordnung und enthält 1 Workshop(s): Küchen-Kick-off.")
    ).to_be_visible()
    go = page.get_by_role("button", name="Wiederherstellen", exact=True)
    expect(go).to_be_disabled()  # only after saying yes
    page.get_by_text("Ja, alle jetzigen Workshops durch diese Sicherung ersetzen").click()
    expect(go).to_be_enabled()
    go.click()
    expect(page.get_by_text("Wiederhergestellt.")).to_be_visible()
    store.close_thread_connections()
    assert [w["name"] for w in workshops.list_workshops()] == ["Küchen-Kick-off"]
    copies = list(server.db.parent.glob("*before-restore*.db"))
    assert len(copies) == 1
    conn = sqlite3.connect(str(copies[0]))
    names = sorted(r[0] for r in conn.execute("SELECT name FROM workshops"))
    conn.close()
    assert names == ["Küchen-Kick-off", "Später angelegt"]  # the database before, kept


def test_the_report_downloads_and_opens_as_a_page_with_its_charts(
    server, new_page, monkeypatch, tmp_path
):
    from cemworkshop import demo

    monkeypatch.setenv("CEMWORKSHOP_DB", str(server.db))
    store.close_thread_connections()
    wid = demo.load_demo()
    page = new_page()
    page.goto(f"{server.host_url}/export?ws={wid}")
    with page.expect_download() as waiting:
        page.get_by_role("button", name="Bericht herunterladen").click()
    report = waiting.value
    assert report.suggested_filename.endswith("-report.html")
    saved = tmp_path / report.suggested_filename
    report.save_as(saved)
    reader = new_page(900, 1200)
    reader.goto(saved.as_uri())
    expect(reader.get_by_role("heading", name="Strategie-Karte")).to_be_visible()
    expect(reader.get_by_role("heading", name="Maßnahmenplan")).to_be_attached()
    assert reader.locator("figure svg").count() >= 5  # the charts, drawn in the file itself
    expect(reader.get_by_text("Lieferterminabstimmung").first).to_be_attached()


def test_a_workshop_zip_is_previewed_and_imported_on_the_home_page(server, new_page, monkeypatch):
    from cemworkshop import demo
    from cemworkshop.exchange.bundle import zip_bytes

    monkeypatch.setenv("CEMWORKSHOP_DB", str(server.db))
    store.close_thread_connections()
    wid = demo.load_demo()
    data = zip_bytes(wid, dialect="excel_de")
    page = new_page()
    page.goto(f"{server.host_url}/?ws={wid}")
    page.get_by_text("Workshop aus ZIP importieren").click()
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        {"name": "workshop.zip", "mimeType": "application/zip", "buffer": data}
    )
    expect(
        page.get_by_text("„Management-Workshop Customer Experience“ (Küchenhaus Lindner GmbH")
    ).to_be_visible()
    go = page.get_by_role("button", name="Als neuen Workshop importieren")
    go.click()
    expect(go).to_have_count(0)  # the new workshop is open, the upload done
    settle(page)
    store.close_thread_connections()
    listed = workshops.list_workshops()
    assert [w["name"] for w in listed] == ["Management-Workshop Customer Experience"] * 2
    new = max(w["id"] for w in listed)
    assert workshops.get_workshop(new)["join_code"] != workshops.get_workshop(wid)["join_code"]
    expect(page.get_by_text(workshops.get_workshop(new)["join_code"][:3]).first).to_be_visible()
