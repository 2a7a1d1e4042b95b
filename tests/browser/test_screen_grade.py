"""Projector- and phone-grade, measured in Chromium: sizes, positions, type, taps, language.

All on the demo workshop, as a facilitator and a participant see it on a workshop day.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from cemworkshop import store, touchpoints, workshops
from cemworkshop.rounds import lifecycle
from tests.browser.conftest import start_server, stop_server
from tests.browser.st import keyed, move_on, rating_groups, section, settle, tap

# Streamlit's own English widget texts that must never reach a German screen.
ENGLISH = [
    "Choose options",
    "Choose an option",
    "Drag and drop",
    "Browse files",
    "per file",
    "Upload",
    "Press Enter",
    "No results",
    "No options",
]


@pytest.fixture
def demo(tmp_path, monkeypatch):
    srv = start_server(tmp_path, demo=True)
    # The first request creates the demo workshop.
    import urllib.request

    urllib.request.urlopen(f"{srv.host_url}/_stcore/health", timeout=10).read()
    monkeypatch.setenv("CEMWORKSHOP_DB", str(srv.db))
    store.close_thread_connections()
    yield srv
    stop_server(srv)


def eventually(check, seconds: float = 10.0) -> None:
    """Wait until ``check()`` holds (the server saves on its own thread), or fail."""
    import time

    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "condition never became true"
        time.sleep(0.05)


def box(page, selector: str) -> dict:
    found = page.locator(selector).first
    expect(found).to_be_visible()
    return found.bounding_box()


def open_demo(page, srv, path: str = "") -> dict:
    page.goto(f"{srv.host_url}/{path}")
    settle(page)
    (ws,) = workshops.list_workshops()
    return ws


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1024, 768)])
def test_the_step_header_is_slim_and_body_text_readable(demo, new_page, width, height):
    page = new_page(width, height)
    open_demo(page, demo, "step1_definition")
    # top bar and sections together; at 1024 the sections wrap to two rows, not cut
    limit = 120 if width == 1280 else 140

    def bottom() -> float:
        sections = box(page, ".st-key-step1_section")
        return sections["y"] + sections["height"]

    # The page's style (the language choice moved into the top bar) comes with the first run's
    # elements: a page caught before it shows the choice above the sections for a moment.
    eventually(lambda: bottom() <= limit, seconds=5)
    assert bottom() <= limit
    # Nothing of the section bar lies outside the window.
    for radio in page.locator(".st-key-step1_section").get_by_role("radio").all():
        b = radio.bounding_box()
        assert b["x"] >= 0 and b["x"] + b["width"] <= width
    sizes = page.evaluate(  # text to read, not the labels of buttons and fields
        "() => [...document.querySelectorAll('[data-testid=stMainBlockContainer] p')]"
        ".filter(p => p.offsetParent && !p.closest('button, label, summary, [data-testid=stWidgetLabel]'))"
        ".map(p => parseFloat(getComputedStyle(p).fontSize))"
    )
    assert sizes and min(sizes) >= 16


def test_the_presenter_fills_the_screen_in_large_type(demo, new_page):
    page = new_page(1280, 720)
    ws = open_demo(page, demo, "presenter")
    expect(page.locator("[data-testid='stHeader']")).to_be_hidden()  # no top bar
    title = box(page, "h2")
    assert title["y"] < 80
    charts = page.locator("[data-testid='stVegaLiteChart'] svg")
    expect(charts.first).to_be_visible()
    matrix = charts.first.bounding_box()
    assert matrix["y"] + matrix["height"] <= 720  # the matrix above the fold
    table = box(page, "table.projector")
    assert table["y"] < 720
    chart_text = page.evaluate(  # every text but the numbers written inside the dots
        "() => [...document.querySelectorAll('[data-testid=stVegaLiteChart] svg text')]"
        ".filter(t => !/^[0-9]+[+]?$/.test(t.textContent.trim()))"
        ".map(t => parseFloat(getComputedStyle(t).fontSize))"
    )
    # Axis titles, tick labels, quadrant names and names beside dots: 18 px and more.
    assert len(chart_text) > 10 and min(chart_text) >= 18
    cells = page.evaluate(
        "() => [...document.querySelectorAll('table.projector td')]"
        ".map(td => parseFloat(getComputedStyle(td).fontSize))"
    )
    assert cells and min(cells) >= 20
    assert ws["join_code"][:3] in page.get_by_test_id("join-code").inner_text()


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1024, 768), (390, 844)])
def test_no_two_labels_in_the_matrix_overlap(demo, new_page, width, height):
    page = new_page(width, height)
    open_demo(page, demo, "presenter")
    svg = page.locator("[data-testid='stVegaLiteChart'] svg").first
    expect(svg).to_be_visible()
    boxes = page.evaluate(
        """() => {
          const svg = document.querySelector('[data-testid=stVegaLiteChart] svg');
          return [...svg.querySelectorAll('g.mark-text text')]
            .filter(t => t.textContent.trim().length > 2)   // names and quadrant titles
            .map(t => { const b = t.getBoundingClientRect();
                        return [b.left, b.top, b.right, b.bottom, t.textContent]; });
        }"""
    )
    assert len(boxes) >= 6  # four quadrant names and some named moments of truth
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
            assert apart, f"'{a[4]}' overlaps '{b[4]}' at {width}px"


def test_from_the_join_link_to_a_saved_score_in_two_taps_and_no_scrolling(demo, new_page):
    page = new_page(390, 844)
    ws = open_demo(new_page(1280, 720), demo)  # the demo exists once the host opened it
    tps = touchpoints.touchpoints(ws["id"])[:6]
    from cemworkshop.rounds.touchpoint_scoring import KIND

    rid = lifecycle.open_round(ws["id"], KIND.name, touchpoint_ids=[t["id"] for t in tps])
    page.goto(f"{demo.phone_url}/join?code={ws['join_code']}")
    taps = 0
    page.get_by_role("button", name="Beitreten").click()  # a name is optional
    taps += 1
    groups = rating_groups(page)
    expect(groups).to_have_count(2)
    tap(page, groups.nth(0), "4")
    taps += 1
    me = max(p["id"] for p in workshops.participants(ws["id"]))
    eventually(lambda: lifecycle.my_answers(rid, me) != {})  # saved with the second tap
    assert taps == 2
    # The whole round: one tap per touchpoint and dimension, one to move on, never a scroll.
    for i in range(len(tps)):
        groups = rating_groups(page)
        for n in range(2):
            if not groups.nth(n).get_by_role("radio", name="4").is_checked():
                tap(page, groups.nth(n), "4")
                taps += 1
        go_on = page.get_by_role("button", name="Zur Übersicht" if i == len(tps) - 1 else "Weiter")
        bottom = go_on.bounding_box()
        assert bottom["y"] + bottom["height"] <= 844  # reachable without scrolling
        assert page.evaluate("() => window.scrollY") == 0
        move_on(page)
        taps += 1
    assert taps <= 1 + len(tps) * 3
    expect(page.get_by_text("6 von 6 Touchpoints vollständig bewertet")).to_be_visible()


def test_german_screens_carry_no_english_widget_text(demo, new_page):
    page = new_page(1280, 720)
    open_demo(page, demo, "step1_definition")
    for label in ("IST-Analyse", "Kundenanalyse", "CEM-Rentabilität", "Touchpoints",
                  "Customer Journey", "Experience 360°", "Touchpoint-Map"):  # fmt: skip
        section(page, label)
        if label == "Touchpoints":
            page.get_by_text("Touchpoints aus CSV importieren").click()
            expect(keyed(page, "tp_import_file_0")).to_be_visible()
        text = page.locator("body").inner_text()
        found = [w for w in ENGLISH if w in text]
        assert found == [], f"{label}: {found}"
