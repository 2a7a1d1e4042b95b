"""In Chromium: three phones rate impact and effort at once (one says "can't say"), the
ranked list puts the quick win on top, the facilitator moves it into the action plan and the
presenter shows the matrix."""

from __future__ import annotations

from playwright.sync_api import expect

from cemworkshop import complaints, continuous, priorities, store, workshops
from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.impact_effort import KIND as IMPACT_EFFORT
from tests.browser.st import (
    fill,
    join_phones,
    keyed,
    move_on,
    rating_groups,
    reveal_and_close,
    settle,
    submit,
    tap,
)

# Per phone, per measure (in the order added): impact, effort; "?" = can't say.
ANSWERS = {"Anna": ["52", "25"], "Ben": ["41", "3?"], "Cem": ["52", "14"]}


def test_three_phones_rate_impact_and_effort_to_a_ranked_list_and_the_plan(
    strict_server, new_page, monkeypatch
):
    server = strict_server
    monkeypatch.setenv("CEMWORKSHOP_DB", str(server.db))
    store.close_thread_connections()
    ws = workshops.create_workshop("Umsetzung", company="Lindner GmbH")
    quick = priorities.add_candidate(ws.id, "Rückruf in zwei Stunden")
    slow = priorities.add_candidate(ws.id, "Neues CRM-System")

    phones = join_phones(new_page, server.phone_url, ws.join_code, ANSWERS)

    page = new_page()
    page.goto(f"{server.host_url}/step4_implementation?t={ws.facilitator_token}")
    keyed(page, "step4_section").get_by_role("radio", name="Prioritäten & Quick-Wins").click()
    expect(keyed(page, "section_priorities")).to_be_visible()
    submit(page, "Wirkung und Aufwand live bewerten")
    expect(keyed(page, "live_round_bar")).to_be_visible()

    for screen in range(2):  # all three phones, measure by measure
        for name, phone in phones.items():
            groups = rating_groups(phone)
            expect(groups).to_have_count(2, timeout=10_000)
            for n, value in enumerate(ANSWERS[name][screen]):
                if value == "?":
                    choice = groups.nth(n).get_by_role("radio", name="weiß nicht", exact=True)
                    choice.click()
                    expect(choice).to_be_checked()
                    settle(phone)
                else:
                    tap(phone, groups.nth(n), value)
            move_on(phone)
    for phone in phones.values():
        expect(phone.get_by_text("2 von 2 Maßnahmen vollständig bewertet")).to_be_visible()
    expect(page.get_by_text("3 von 3 sind fertig.")).to_be_visible(timeout=5_000)
    reveal_and_close(page)

    # Quick win: impact median 5, effort 2; the CRM: impact 2, effort median of 5 and 4 = 4.5.
    ranking = priorities.ranking(ws.id)
    assert [(r["title"], r["quadrant"]) for r in ranking] == [
        ("Rückruf in zwei Stunden", "quick_win"), ("Neues CRM-System", "time_sink")]  # fmt: skip
    assert (ranking[1]["effort"], ranking[1]["effort_n"]) == (4.5, 2)
    rnd = lifecycle.list_rounds(ws.id, IMPACT_EFFORT.name)[0]
    assert rnd["status"] == "closed"
    # The quick win is proposed; into the plan with one click.
    selected = keyed(page, "priority_selected")
    expect(selected).to_contain_text("1. Rückruf in zwei Stunden")
    submit(page, "Auswahl in den Maßnahmenplan übernehmen")
    expect(page.get_by_text("1 Maßnahme im Maßnahmenplan.")).to_be_visible()
    assert [p["measure_id"] for p in priorities.plan(ws.id)] == [quick]
    assert slow not in [p["measure_id"] for p in priorities.plan(ws.id)]

    presenter = new_page()
    presenter.goto(f"{server.host_url}/presenter?t={ws.facilitator_token}")
    expect(presenter.locator("[data-testid='stVegaLiteChart']").first).to_be_visible()
    rows = presenter.locator("table.projector").first.locator("tbody tr")
    expect(rows.first).to_contain_text("Rückruf in zwei Stunden")
    expect(rows.first).to_contain_text("Quick-Win")


def test_a_phone_sends_an_idea_while_the_facilitator_allows_it(
    strict_server, new_page, monkeypatch
):
    server = strict_server
    monkeypatch.setenv("CEMWORKSHOP_DB", str(server.db))
    store.close_thread_connections()
    ws = workshops.create_workshop("Ideen", company="Lindner GmbH")
    phone = new_page(390, 844)
    phone.goto(f"{server.phone_url}/join?code={ws.join_code}")
    fill(phone, "join_name", "Nina")
    submit(phone, "Beitreten")
    expect(phone.get_by_text("Sie nehmen als Nina teil.")).to_be_visible()
    expect(phone.get_by_text("Idee einreichen")).to_have_count(0)

    page = new_page()
    page.goto(f"{server.host_url}/step4_implementation?t={ws.facilitator_token}")
    keyed(page, "step4_section").get_by_role("radio", name="Ideen-Datenbank").click()
    expect(keyed(page, "section_ideas")).to_be_visible()
    keyed(page, "bank_open").locator("label").first.click()  # the switch, by its key
    # The phone follows by itself (it polls every second) and offers the form.
    expect(phone.get_by_text("Idee einreichen")).to_be_visible(timeout=10_000)
    assert continuous.settings(ws.id)["ideas_open"]
    fill(phone, "p_bank_text", "Terminerinnerung per SMS am Vortag")
    phone.get_by_role("button", name="Idee senden").click()
    expect(phone.get_by_text("Danke – Ihre Idee ist in der Ideen-Datenbank.")).to_be_visible()
    (idea,) = continuous.ideas(ws.id)
    assert (idea["text"], idea["submitter"], idea["source"]) == (
        "Terminerinnerung per SMS am Vortag", "Nina", "workshop")  # fmt: skip
    page.reload()
    keyed(page, "step4_section").get_by_role("radio", name="Ideen-Datenbank").click()
    grid = page.locator("[data-testid='stDataFrame']")  # a canvas grid; its cells are in the DOM
    expect(grid.get_by_text("Terminerinnerung per SMS am Vortag", exact=True)).to_have_count(1)


def test_a_click_on_a_pareto_bar_lists_its_complaints(strict_server, new_page, monkeypatch):
    server = strict_server
    monkeypatch.setenv("CEMWORKSHOP_DB", str(server.db))
    store.close_thread_connections()
    ws = workshops.create_workshop("Beschwerden", company="Lindner GmbH")
    for i, cause in enumerate(["Montage"] * 5 + ["Rechnung"] * 2 + ["Beratung"]):
        complaints.log(ws.id, received_at=f"2026-11-{2 + i:02d}T09:00", cause=cause,
                       description=f"Fall {i} ({cause})")  # fmt: skip
    page = new_page(1280, 900)
    page.goto(f"{server.host_url}/step4_implementation?t={ws.facilitator_token}")
    keyed(page, "step4_section").get_by_role("radio", name="Beschwerdeanalyse").click()
    expect(keyed(page, "section_analysis")).to_be_visible()
    expect(page.get_by_text("entfallen 80 % der Beschwerden: Montage, Rechnung")).to_be_visible()
    chart = page.locator("[data-testid='stVegaLiteChart']").first
    chart.scroll_into_view_if_needed()
    expect(chart.locator("canvas, svg").first).to_be_visible()
    box = chart.bounding_box()
    # The tallest bar (Montage) stands first, right of the count axis; click into its middle.
    page.mouse.click(box["x"] + 95, box["y"] + box["height"] * 0.45)
    expect(page.get_by_text("Montage – Beschwerden: 5")).to_be_visible()
    expect(page.get_by_text("Fall 0 (Montage)", exact=False)).to_be_visible()
    expect(page.get_by_text("Fall 5 (Rechnung)", exact=False)).to_have_count(0)
