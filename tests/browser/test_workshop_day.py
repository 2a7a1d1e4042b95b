"""A workshop day without surprises, in Chromium: sign-in, rights, phones that come back."""

from __future__ import annotations

import zipfile

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
    page.get_by_text("Sie moderieren? Mit PIN anmelden").click()
    fill(page, "pin_value", ws.pin)
    submit(page, "Anmelden")
    expect(page.get_by_role("heading", name="PIN-Workshop")).to_be_visible()
    expect(page.get_by_role("link", name="1 · Definition")).to_be_visible()
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
    expect(phone.get_by_text("Sie nehmen als Anna teil.")).to_be_visible()
    kept = f"() => !!localStorage.getItem('cemworkshop.participant.{ws.join_code}')"
    phone.wait_for_function(kept)  # the phone keeps its token (a moment after the page shows)
    phone.goto(link)  # the QR code again, without the personal link
    expect(phone.get_by_text("Sie nehmen als Anna teil.")).to_be_visible()
    assert [p["name"] for p in workshops.participants(ws.id)] == ["Anna"]
    # Leaving on this device forgets it: the next scan joins anew.
    phone.get_by_text("Name ändern oder abmelden").click()
    keyed(phone, "me_leave").get_by_role("button").click()
    expect(phone.get_by_role("heading", name="Am Workshop teilnehmen")).to_be_visible()
    phone.wait_for_function(kept.replace("() => !!", "() => !"))  # … and forgets it on leaving
    phone.goto(link)
    expect(keyed(phone, "join_code").locator("input")).to_have_value(ws.join_code)
    expect(phone.get_by_text("Sie nehmen als Anna teil.")).to_have_count(0)


def test_a_participant_sees_the_language_of_the_workshop(strict_server, new_page, monkeypatch):
    db_for(strict_server, monkeypatch)
    ws = workshops.create_workshop("Kick-off UK", language="en")
    phone = new_page(390, 844)
    phone.goto(f"{strict_server.phone_url}/join?code={ws.join_code}")
    expect(phone.get_by_role("heading", name="Kick-off UK")).to_be_visible()  # named, in English
    expect(phone.get_by_text("You are joining this workshop.")).to_be_visible()
    fill(phone, "join_name", "Sam")
    submit(phone, "Join")
    expect(phone.get_by_text("You are taking part as Sam.")).to_be_visible()


BOLD, TAG, IMAGE = "**Fett**", "<b>Tag</b>", "![Bild](http://example.invalid/x.png)"


def test_markup_in_every_name_shows_as_typed_and_nothing_leaves_the_machine(
    server, new_page, monkeypatch
):
    from cemworkshop import competitors, customers, journey, profitability, touchpoints
    from cemworkshop.rounds import lifecycle
    from tests.unit.helpers import open_scoring, score

    db_for(server, monkeypatch)
    ws = workshops.create_workshop(f"WS {BOLD}", company=f"Firma {TAG}")
    phase = touchpoints.add_phase(ws.id, f"Phase {IMAGE}")
    a = touchpoints.add_touchpoint(ws.id, f"TP {BOLD}", phase_id=phase, channel=TAG)
    b = touchpoints.add_touchpoint(ws.id, f"TP {IMAGE}", phase_id=phase)
    journey.add_edge(ws.id, a, b)
    segment = customers.save_segment(ws.id, f"Segment {TAG}", share_pct=40, value_per_year=900)
    customers.save_persona(ws.id, f"Persona {IMAGE}", segment_id=segment, goals=BOLD)
    customers.set_source(ws.id, f"Quelle {BOLD}", available=False, note=TAG)
    crit = competitors.add_criterion(ws.id, f"Kriterium {BOLD}")
    rival = competitors.add_competitor(ws.id, f"Rivale {IMAGE}")
    competitors.set_scores(ws.id, {(crit, competitors.own_company(ws.id)): 2, (crit, rival): 4})
    profitability.save_scenario(
        ws.id,
        f"Szenario {TAG}",
        profitability.check_inputs(
            customers=1000, revenue_per_customer=900, margin_pct=20, churn_pct=10,
            churn_drift_pts=2, referral_pct=3, investment=20000, churn_reduction_pct=30, years=3,
        ),
    )  # fmt: skip
    person = workshops.join(ws.join_code, f"Anna {BOLD}")
    rid = open_scoring(ws.id, [a, b], title=f"Runde {IMAGE}")
    score(rid, person.participant_id, {a: {"importance": 5, "performance": 1}})
    lifecycle.close_round(ws.id, rid)

    requests: list[str] = []
    page = new_page()
    page.context.on("request", lambda r: requests.append(r.url))
    page.goto(f"{server.host_url}/?ws={ws.id}")
    expect(page.get_by_role("heading", name=f"WS {BOLD}")).to_be_visible()
    expect(page.get_by_text(f"Firma {TAG}").first).to_be_visible()
    page.get_by_role("link", name="1 · Definition").click()
    from tests.browser.st import section

    checks = {
        "IST-Analyse": [f"Kriterium {BOLD}", f"Rivale {IMAGE}"],
        "Kundenanalyse": [f"Persona {IMAGE}", f"Quelle {BOLD}"],
        "CEM-Rentabilität": [],
        "Touchpoints": [],
        "Customer Journey": [f"Phase {IMAGE}"],
        "Experience 360°": [],
        "Touchpoint-Map": [],
    }
    for label, shown in checks.items():
        section(page, label)
        for text in shown:
            expect(page.get_by_text(text, exact=False).first).to_be_visible()
    page.goto(f"{server.host_url}/presenter?ws={ws.id}")
    expect(page.get_by_role("heading", name=f"Runde {IMAGE}")).to_be_visible()
    settle(page)
    # Markup was text everywhere: no element made from it, no image asked for.
    assert page.locator("b", has_text="Tag").count() == 0
    assert page.locator("img[src*='example.invalid']").count() == 0
    assert not [u for u in requests if "example.invalid" in u]
    outside = [
        u for u in requests if not u.startswith(("http://127.0.0.1", "data:", "blob:", "about:"))
    ]
    assert outside == []


def test_the_facilitator_section_and_the_presenter_agree_on_a_reveal(server, new_page, monkeypatch):
    from cemworkshop import touchpoints
    from tests.browser.st import section
    from tests.unit.helpers import open_scoring, score

    db_for(server, monkeypatch)
    ws = workshops.create_workshop("Freigabe")
    tp = touchpoints.add_touchpoint(ws.id, "Website", phase_id=touchpoints.phases(ws.id)[0]["id"])
    rid = open_scoring(ws.id, [tp], hide_results=True, title="Live")
    score(rid, workshops.join(ws.join_code, "Anna").participant_id, {tp: {"importance": 4}})
    desk = new_page()
    desk.goto(f"{server.host_url}/step1_definition?ws={ws.id}")
    section(desk, "Experience 360°")
    expect(desk.get_by_role("button", name="Ergebnisse freigeben")).to_be_visible()
    presenter = new_page()
    presenter.goto(f"{server.host_url}/presenter?ws={ws.id}")
    expect(presenter.get_by_text("Die Ergebnisse sind verborgen")).to_be_visible()
    presenter.get_by_role("button", name="Ergebnisse freigeben").click()
    # The facilitator's screen follows by itself, without a click or a reload.
    expect(desk.get_by_text("Ergebnisse sichtbar")).to_be_visible(timeout=5_000)
    expect(desk.get_by_role("button", name="Ergebnisse freigeben")).to_have_count(0)
    # And the other way: closing on the facilitator's screen shows on the presenter.
    keyed(desk, "round_close").get_by_role("button").click()
    expect(presenter.get_by_text("beendet", exact=False).first).to_be_visible(timeout=5_000)


def test_every_download_clicked_one_after_another_arrives(server, new_page, monkeypatch):
    db_for(server, monkeypatch)
    from cemworkshop import demo
    from cemworkshop.exchange.tables import GROUPS, TABLES

    wid = demo.load_demo()
    every = len(TABLES) + 5  # the ZIP, the report, each table, two round summaries, the backup
    arrived = []
    # Chromium lets one page start at most ten downloads (more needs the person's consent in
    # a prompt a headless browser denies): ten quick clicks on one page, the rest on a second.
    for first in range(0, every, 10):
        page = new_page()
        page.goto(f"{server.host_url}/export?ws={wid}")
        buttons = page.locator("[data-testid='stDownloadButton'] button")
        expect(buttons).to_have_count(3)  # the ZIP, the report, the backup; the rest by step
        groups = page.locator("[class*='st-key-export_group_'] summary")
        expect(groups).to_have_count(len(GROUPS))
        for i in range(len(GROUPS)):  # open each group, as a facilitator would, one by one
            shown = buttons.count()
            groups.nth(i).click()
            expect(buttons).not_to_have_count(shown)
        expect(buttons).to_have_count(every)
        page.on("download", lambda d: arrived.append(d))
        last = min(every, first + 10)
        for i in range(first, last):
            buttons.nth(i).click()
        while len(arrived) < last:  # each missing file fails here after ten seconds
            page.wait_for_event("download", timeout=10_000)
    names = sorted(d.suggested_filename for d in arrived)
    assert all(d.failure() is None for d in arrived), [d.failure() for d in arrived]
    assert len(set(names)) == every
    (bundle,) = [d for d in arrived if d.suggested_filename.endswith(".zip")]
    with zipfile.ZipFile(bundle.path()) as z:
        assert {"README.txt", "workshop.csv", "plan.csv", "measurements.csv"} <= set(z.namelist())
    (backup,) = [d for d in arrived if d.suggested_filename.endswith(".db")]
    with open(backup.path(), "rb") as f:
        assert f.read(16) == b"SQLite format 3\x00"  # the whole database, a real SQLite file


def test_a_phone_follows_the_room_by_its_held_question_and_leaves_a_deleted_workshop(
    strict_server, new_page, monkeypatch
):
    """Phones ask /_cem/live instead of rerunning every second: a round opened on the laptop
    appears, and a deleted workshop sends the phone back to the join page, without a reload."""
    from cemworkshop import touchpoints
    from cemworkshop.rounds import lifecycle
    from cemworkshop.rounds.touchpoint_scoring import KIND

    db_for(strict_server, monkeypatch)
    ws = workshops.create_workshop("Gehalten")
    phase = touchpoints.phases(ws.id)[0]["id"]
    tp = touchpoints.add_touchpoint(ws.id, "Beratung", phase_id=phase)
    anna = workshops.join(ws.join_code, "Anna")
    gone = new_page().request.get(f"{strict_server.host_url}/_cem/live?t=unbekannt")
    assert gone.ok and gone.text() == "gone"
    phone = new_page(390, 844)
    asked = []
    phone.on("request", lambda r: asked.append(r.url) if "/_cem/live" in r.url else None)
    phone.goto(f"{strict_server.phone_url}/join?t={anna.token}")
    expect(phone.get_by_text("Gerade läuft keine Runde")).to_be_visible()
    lifecycle.open_round(ws.id, KIND.name, touchpoint_ids=[tp], title="Erste Runde")
    expect(phone.get_by_role("heading", name="Erste Runde")).to_be_visible(timeout=5_000)
    assert asked and all(f"t={anna.token}" in u for u in asked)
    workshops.delete_workshop(ws.id)
    expect(phone.get_by_role("heading", name="Am Workshop teilnehmen")).to_be_visible(
        timeout=10_000
    )


def test_a_reveal_reaches_a_waiting_phone_with_its_results_and_without_a_rerun(
    strict_server, new_page, monkeypatch
):
    """When the facilitator reveals a closed round, the phones waiting for the next one show
    its results by themselves: sent with the answer to their held question, no page rerun
    (fifty of those at once are what made a reveal slow). A later redraw shows them once."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    from cemworkshop import touchpoints
    from cemworkshop.rounds import lifecycle
    from tests.unit.helpers import open_scoring, score

    db_for(strict_server, monkeypatch)
    ws = workshops.create_workshop("Aufgedeckt")
    phase = touchpoints.phases(ws.id)[0]["id"]
    tps = [
        touchpoints.add_touchpoint(ws.id, n, phase_id=phase)
        for n in ("<b>Beratung</b>", "Lieferung")
    ]
    anna = workshops.join(ws.join_code, "Anna")
    rid = open_scoring(ws.id, tps, hide_results=True, title="Erste <i>Runde</i>")
    for n in range(3):
        person = workshops.join(ws.join_code, f"P{n}").participant_id
        score(rid, person, {tps[0]: {"importance": 5, "performance": 1},
                            tps[1]: {"importance": 4, "performance": 5}})  # fmt: skip
    lifecycle.close_round(ws.id, rid)
    phone = new_page(390, 844)
    reruns = []

    def sent(payload) -> None:
        msg = BackMsg()
        msg.ParseFromString(payload)
        if msg.WhichOneof("type") == "rerun_script":
            reruns.append(msg)

    phone.on("websocket", lambda ws_: ws_.on("framesent", sent))
    phone.goto(f"{strict_server.phone_url}/join?t={anna.token}")
    expect(phone.get_by_text("Gerade läuft keine Runde")).to_be_visible()
    settle(phone)  # its first run is done (no live part reruns a waiting phone by itself)
    before = len(reruns)
    lifecycle.reveal_round(ws.id, rid)
    results = phone.locator(".st-key-phone_results")
    expect(results.get_by_role("heading")).to_have_text(
        "Ergebnis der letzten Runde: Erste <i>Runde</i>", timeout=5_000
    )
    first = results.locator("li").first
    expect(first).to_contain_text("<b>Beratung</b>")  # markup as typed
    expect(first.get_by_role("img", name="Kritisch")).to_be_visible()
    expect(results.locator("li").nth(1)).not_to_contain_text("warning")
    assert len(reruns) == before  # the phone drew them itself
    # a round opens and closes: the page reruns and draws the same results itself, once
    second = open_scoring(ws.id, tps, title="Zweite")
    expect(phone.get_by_role("heading", name="Zweite")).to_be_visible(timeout=5_000)
    lifecycle.close_round(ws.id, second)
    expect(phone.get_by_text("Die Runde „Zweite“ ist beendet.")).to_be_visible(timeout=5_000)
    expect(
        phone.get_by_role("heading", name="Ergebnis der letzten Runde: Erste <i>Runde</i>")
    ).to_have_count(1)
    assert len(reruns) > before
