"""The screenshot gallery: every main screen at 1280×720 (projector) and 390×844 (phone).

    make screens                 # writes docs/screens/*.png (German; English with --lang en)
    python -m tests.screens --lang en --out /tmp/shots

Starts the app with the demo workshop on a free port, as `make run` would, drives it with
Debian's Chromium and saves one full-page picture per screen and size. Look at every
picture before you call a screen done.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES = {"projector": (1280, 720), "phone": (390, 844)}


def _settle(page) -> None:
    """Loaded, and the script's run finished. Not "networkidle": a phone always holds one
    question to /_cem/live open, so its network is never idle."""
    page.wait_for_load_state("load")
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(
        timeout=30_000
    )


DRAWN = """() => [...document.querySelectorAll('[data-testid=stVegaLiteChart]')]
  .filter(c => !c.closest('.st-key-chart_library'))  /* the projector's unseen library loader */
  .every(c => c.querySelector('canvas, svg.marks') && c.getBoundingClientRect().height > 20)
  && [...document.querySelectorAll('[data-testid=stDataFrame]')].every(
  d => [...d.querySelectorAll('canvas')].some(c => c.width > 0 && c.height > 0))"""
FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(1))))"


def _drawn(page) -> None:
    """Wait until every chart has drawn its marks (Vega draws after Streamlit is done)."""
    try:
        page.wait_for_function(DRAWN, timeout=15_000)
        page.evaluate(FRAMES)  # and the frames that paint them
    except Exception:  # noqa: BLE001 — a picture of what there is beats none; it is looked at
        print(f"note: a chart did not finish drawing on {page.url}", file=sys.stderr)


def capture(page, path: Path) -> None:
    """The whole page in one picture: Streamlit scrolls inside its main area, not the
    document, so the window is made as tall as the content first, then put back."""
    _drawn(page)
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    tall = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('[data-testid=stMain], "
        "[data-testid=stAppViewContainer], [data-testid=stMainBlockContainer]')]"
        ".map(e => e.scrollHeight), document.body.scrollHeight)"
    )
    if tall > height:
        page.set_viewport_size({"width": width, "height": int(tall) + 40})
        _settle(page)
        _drawn(page)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size({"width": width, "height": height})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="de", choices=["de", "en"])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screens"))
    parser.add_argument("--sizes", default="projector,phone")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT))
    os.environ.pop("CEMWORKSHOP_NO_DEMO", None)
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, start_server, stop_server

    with tempfile.TemporaryDirectory() as tmp:
        srv = start_server(Path(tmp), demo=True)
        os.environ["CEMWORKSHOP_DB"] = str(srv.db)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                shoot(browser, srv, args.lang, out, args.sizes.split(","))
                browser.close()
        finally:
            stop_server(srv)


def shoot(browser, srv, lang: str, out: Path, sizes: list[str]) -> None:
    from cemworkshop import (
        agenda,
        expectations,
        ideas,
        priorities,
        store,
        strategy,
        touchpoints,
        workshops,
    )
    from cemworkshop.rounds import lifecycle
    from cemworkshop.rounds.dot_vote import KIND as DOT_VOTE
    from cemworkshop.rounds.expectation_gap import KIND as GAP
    from cemworkshop.rounds.five_rules import KIND as FIVE_RULES
    from cemworkshop.rounds.ideas_round import KIND as IDEAS
    from cemworkshop.rounds.impact_effort import KIND as IMPACT_EFFORT
    from cemworkshop.rounds.touchpoint_scoring import KIND
    from pages.step1 import SECTIONS
    from pages.step2 import SECTIONS as STEP2
    from pages.step3 import SECTIONS as STEP3
    from pages.step4 import SECTIONS as STEP4
    from pages.step5 import SECTIONS as STEP5

    base = srv.host_url
    q = f"lang={lang}"
    page_for = {}
    for size in sizes:
        width, height = SIZES[size]
        page_for[size] = browser.new_context(viewport={"width": width, "height": height}).new_page()

    def shot(
        size: str,
        name: str,
        url: str | None = None,
        section: str | None = None,
        step: str = "step1",
    ) -> None:
        page = page_for[size]
        if url:
            page.goto(url)
        _settle(page)
        if section:
            names = list({"step1": SECTIONS, "step2": STEP2, "step3": STEP3, "step4": STEP4,
                          "step5": STEP5}[step])  # fmt: skip
            page.locator(f".st-key-{step}_section").get_by_role("radio").nth(
                names.index(section)
            ).click()
            page.locator(f".st-key-section_{section}").wait_for(timeout=30_000)
            _settle(page)
        capture(page, out / f"{name}-{size}-{lang}.png")

    # First request: the demo is created on it.
    for size in sizes:
        shot(size, "01-home", f"{base}/?{q}")
    (demo,) = workshops.list_workshops()
    for size in sizes:
        for i, name in enumerate(SECTIONS):
            shot(size, f"1{i}-step1-{name.replace('_', '-')}",
                 f"{base}/step1_definition?{q}" if i == 0 else None, section=name)  # fmt: skip
        for i, name in enumerate(STEP2):
            shot(size, f"2{i + 5}-step2-{name}",
                 f"{base}/step2_development?{q}" if i == 0 else None, section=name, step="step2")  # fmt: skip
        for i, name in enumerate(STEP3):
            shot(size, f"3{i + 1}-step3-{name}",
                 f"{base}/step3_organisation?{q}" if i == 0 else None, section=name, step="step3")  # fmt: skip
        for i, name in enumerate(STEP4):
            shot(size, f"5{i + 1}-step4-{name}",
                 f"{base}/step4_implementation?{q}" if i == 0 else None, section=name, step="step4")  # fmt: skip
        for i, name in enumerate(STEP5):
            shot(size, f"6{i + 1}-step5-{name}",
                 f"{base}/step5_optimisation?{q}" if i == 0 else None, section=name, step="step5")  # fmt: skip
        shot(size, "02-agenda", f"{base}/agenda?{q}")
        shot(size, "20-presenter-results", f"{base}/presenter?{q}")
        for view in ("strategy", "kpis"):
            strategy.show_on_presenter(demo["id"], view)
            shot(size, f"22-presenter-{view}", f"{base}/presenter?{q}")
        strategy.show_on_presenter(demo["id"], "round")
        shot(size, "30-export", f"{base}/export?{q}")

    # A live round: three phones in it, one done, one half way, one waiting.
    store.close_thread_connections()
    tps = [t["id"] for t in touchpoints.touchpoints(demo["id"])]
    rid = lifecycle.open_round(
        demo["id"], KIND.name, touchpoint_ids=tps[:6], hide_results=True,
        title={"de": "Live-Runde", "en": "Live round"}[lang],
    )  # fmt: skip
    items = KIND.item_ids(rid)
    people = [workshops.join(demo["join_code"], n) for n in ("Anna", "Ben", "Cem")]
    for i, tp in enumerate(tps[:6]):
        lifecycle.submit(
            rid, people[0].participant_id, {items[tp]: {"importance": 4, "performance": 1 + i % 5}}
        )
    lifecycle.submit(rid, people[1].participant_id, {items[tps[0]]: {"importance": 5}})
    store.close_thread_connections()
    for size in sizes:
        shot(size, "21-presenter-live", f"{base}/presenter?{q}")
    width, height = SIZES["phone"]
    phone = browser.new_context(viewport={"width": width, "height": height}).new_page()
    phone.goto(f"{srv.phone_url}/join?code={demo['join_code']}&{q}")
    _settle(phone)
    capture(phone, out / f"40-phone-join-phone-{lang}.png")
    phone.goto(f"{srv.phone_url}/join?t={people[2].token}&{q}")
    _settle(phone)
    capture(phone, out / f"41-phone-scoring-phone-{lang}.png")
    # Between rounds: the phone shows where the day stands (a block of the agenda running).
    lifecycle.close_round(demo["id"], rid)
    block = agenda.blocks(demo["id"])[5]
    agenda.start(demo["id"], block["id"])
    phone.get_by_text(block["title"]).first.wait_for(timeout=15_000)
    _settle(phone)
    capture(phone, out / f"47-phone-waiting-phone-{lang}.png")
    agenda.finish(demo["id"])
    # The phone follows by itself: the block's heading goes, the results' list stays.
    phone.get_by_text(block["title"]).first.wait_for(state="detached", timeout=15_000)
    phone.locator(".st-key-phone_results li").first.wait_for(timeout=15_000)
    _settle(phone)
    capture(phone, out / f"42-phone-results-phone-{lang}.png")
    # The five rules check on a phone.
    rules = lifecycle.open_round(
        demo["id"], FIVE_RULES.name, title={"de": "Die 5 Regeln", "en": "The 5 rules"}[lang]
    )
    phone.locator("[data-testid='stProgress']").first.wait_for(timeout=15_000)
    _settle(phone)
    capture(phone, out / f"43-phone-five-rules-phone-{lang}.png")
    lifecycle.close_round(demo["id"], rules)
    # Memories on a phone: writing ideas, then the dot vote.
    title = {"de": "Erinnerungen schaffen", "en": "Creating memories"}[lang]
    memories = lifecycle.open_round(
        demo["id"], IDEAS.name, title=title, hide_results=True, touchpoint_ids=tps[12:15]
    )
    lifecycle.set_timer(demo["id"], memories, 5)
    first = IDEAS.items(memories)[0]["item_id"]
    for person, text in ((people[2], "Kaffee und Kuchen zur fertigen Küche"),
                         (people[0], "Foto der Küche als Abschiedsgeschenk")):  # fmt: skip
        lifecycle.submit(memories, person.participant_id, {first: {"idea": text}})
    phone.locator("textarea").first.wait_for(timeout=15_000)
    _settle(phone)
    capture(phone, out / f"44-phone-ideas-phone-{lang}.png")
    vote = ideas.start_vote(
        demo["id"],
        memories,
        budget=5,
        cap=3,
        title={"de": "Punktabstimmung", "en": "Dot vote"}[lang],
    )
    item = DOT_VOTE.items(vote)[0]["item_id"]
    lifecycle.submit(vote, people[2].participant_id, {item: {"dots": 2}})
    phone.reload()
    phone.get_by_role("button", name="+").first.wait_for(timeout=15_000)
    _settle(phone)
    capture(phone, out / f"45-phone-dots-phone-{lang}.png")
    for size in sizes:
        shot(size, "24-presenter-vote", f"{base}/presenter?{q}")
    lifecycle.close_round(demo["id"], vote)
    # The Erwartungsabgleich: the phone's two questions, then the dumbbell chart on the projector.
    gap_round = lifecycle.open_round(
        demo["id"], GAP.name, title={"de": "Erwartungsabgleich", "en": "Expectation vs experience"}[lang],
        hide_results=True, touchpoint_ids=expectations.touchpoints_to_assess(demo["id"])[:5],
    )  # fmt: skip
    # The phone follows by itself; wait for the gap round's own question, not any progress bar.
    phone.get_by_text({"de": "Erlebnis heute", "en": "Experience today"}[lang]).first.wait_for(
        timeout=15_000
    )
    _settle(phone)
    capture(phone, out / f"46-phone-gap-phone-{lang}.png")
    items = GAP.item_ids(gap_round)
    for n, person in enumerate(people):
        lifecycle.submit(gap_round, person.participant_id, {
            item: {"expectation": 5 - (i + n) % 2, "experience": 1 + (i * 2 + n) % 4}
            for i, item in enumerate(items.values())})  # fmt: skip
    lifecycle.close_round(demo["id"], gap_round)
    lifecycle.reveal_round(demo["id"], gap_round)
    store.close_thread_connections()
    for size in sizes:
        shot(size, "25-presenter-gap", f"{base}/presenter?{q}")
    # Impact and effort: the phone's two questions with "can't say", then the matrix.
    measures = [m["id"] for m in priorities.candidates(demo["id"])][:6]
    impact = lifecycle.open_round(
        demo["id"], IMPACT_EFFORT.name, title={"de": "Wirkung und Aufwand", "en": "Impact and effort"}[lang],
        hide_results=True, measure_ids=measures,
    )  # fmt: skip
    phone.get_by_text({"de": "weiß nicht", "en": "can't say"}[lang]).first.wait_for(timeout=15_000)
    _settle(phone)
    capture(phone, out / f"47-phone-impact-phone-{lang}.png")
    items = IMPACT_EFFORT.item_ids(impact)
    for n, person in enumerate(people):
        lifecycle.submit(impact, person.participant_id, {
            item: {"impact": 1 + (i + n) % 5, "effort": 1 + (i * 3 + n) % 5}
            for i, item in enumerate(items.values())})  # fmt: skip
    lifecycle.close_round(demo["id"], impact)
    lifecycle.reveal_round(demo["id"], impact)
    store.close_thread_connections()
    for size in sizes:
        shot(size, "26-presenter-priorities", f"{base}/presenter?{q}")


if __name__ == "__main__":
    main()
