"""A workshop day without surprises, in Chromium: sign-in, rights, phones that come back."""

from __future__ import annotations

from playwright.sync_api import expect

from cemworkshop import store, workshops
from tests.browser.st import fill, keyed, settle, submit


def db_for(server, monkeypatch):
    monkeypatch.setenv("CEMWORKSHOP_DB", str(server.db))
    store.close_thread_connections()


def test_signing_in_with_the_pin_opens_the_workshop(strict_server, new_page, monkeypatch):
    db_for(strict_server, monkeypatch)
    ws = workshops.create_workshop("PIN-Workshop", company="Nordlicht AG")
    page = new_page()
    page.goto(f"{strict_server.phone_url}/join?code={ws.join_code}")
    page.get_by_text("Moderation? Mit PIN anmelden").click()
    fill(page, "pin_value", ws.pin)
    submit(page, "Anmelden")
    expect(page.get_by_role("heading", name="PIN-Workshop")).to_be_visible()
    expect(page.get_by_role("link", name="Schritt 1 · Definition")).to_be_visible()
    expect(page.get_by_text("Page not found")).to_have_count(0)


def test_a_revoked_facilitator_link_ends_the_rights_of_an_open_presenter(
    strict_server, new_page, monkeypatch
):
    db_for(strict_server, monkeypatch)
    ws = workshops.create_workshop("Widerruf")
    presenter = new_page()
    presenter.goto(f"{strict_server.host_url}/presenter?t={ws.facilitator_token}")
    expect(presenter.get_by_text("Noch keine Runde – gleich geht es los.")).to_be_visible()
    workshops.new_facilitator_secrets(ws.id)  # e.g. from the laptop, after a link leaked
    expect(presenter.get_by_role("heading", name="Am Workshop teilnehmen")).to_be_visible(
        timeout=5_000
    )
    expect(presenter.get_by_text("Dieser Link ist nicht mehr gültig")).to_be_visible()


def test_the_same_phone_scanning_the_code_again_is_the_same_participant(
    strict_server, new_page, monkeypatch
):
    db_for(strict_server, monkeypatch)
    ws = workshops.create_workshop("Wiederkehr")
    phone = new_page(390, 844)
    link = f"{strict_server.phone_url}/join?code={ws.join_code}"
    phone.goto(link)
    fill(phone, "join_name", "Anna")
    submit(phone, "Beitreten")
    expect(phone.get_by_text("Sie nehmen teil als Anna.")).to_be_visible()
    phone.goto(link)  # the QR code again, without the personal link
    expect(phone.get_by_text("Sie nehmen teil als Anna.")).to_be_visible()
    assert [p["name"] for p in workshops.participants(ws.id)] == ["Anna"]
    # Leaving on this device forgets it: the next scan joins anew.
    phone.get_by_text("Name ändern oder abmelden").click()
    keyed(phone, "me_leave").get_by_role("button").click()
    expect(phone.get_by_role("heading", name="Am Workshop teilnehmen")).to_be_visible()
    settle(phone)
    phone.goto(link)
    expect(keyed(phone, "join_code").locator("input")).to_have_value(ws.join_code)
    expect(phone.get_by_text("Sie nehmen teil als Anna.")).to_have_count(0)


def test_a_participant_sees_the_language_of_the_workshop(strict_server, new_page, monkeypatch):
    db_for(strict_server, monkeypatch)
    ws = workshops.create_workshop("Kick-off UK", language="en")
    phone = new_page(390, 844)
    phone.goto(f"{strict_server.phone_url}/join?code={ws.join_code}")
    expect(phone.get_by_role("heading", name="Join the workshop")).to_be_visible()
    fill(phone, "join_name", "Sam")
    submit(phone, "Join")
    expect(phone.get_by_text("You are taking part as Sam.")).to_be_visible()
