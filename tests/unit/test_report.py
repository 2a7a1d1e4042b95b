"""The printable report: every part in the workshop's language, charts as inline SVG, nothing
fetched from the web, user text shown as text."""

from __future__ import annotations

import re

from cemworkshop import demo, touchpoints, workshops
from cemworkshop.exchange.report import report_html


def test_the_demo_report_has_every_part_with_charts_and_asks_nothing_of_the_web(db_path):
    wid = demo.load_demo()
    html = report_html(wid)
    for title in ("Strategie-Karte", "Touchpoint-Landkarte", "Wichtigkeit und Leistung, Moments of Truth",
                  "Ideen nach Punkten", "Quick-Wins: Wirkung und Aufwand", "Maßnahmenplan",
                  "Erfolgsmessung: KPIs und CEM-Qualitätsindex"):  # fmt: skip
        assert f"<h2>{title}</h2>" in html, title
    # the matrix, the spread, the priority matrix, the timeline, the index: drawn as SVG here
    assert html.count("<svg") >= 5
    without_namespaces = re.sub(r'xmlns(:\w+)?="[^"]+"', "", html)
    assert not re.search(r"(src|href)=\"https?:", without_namespaces)
    assert "<script" not in html and "@import" not in html
    assert "Verlässlichkeit" in html  # the guiding value of the strategy card
    assert "Lieferterminabstimmung" in html and "★" in html  # the map with moments of truth


def test_the_report_is_in_the_workshops_language_and_shows_markup_as_text(db_path):
    ws = workshops.create_workshop("<b>Kick-off</b>", language="en")
    phase = touchpoints.phases(ws.id)[0]["id"]
    touchpoints.add_touchpoint(ws.id, "<img src=x onerror=alert(1)>", phase_id=phase)
    html = report_html(ws.id)
    assert "<h2>Strategy card</h2>" in html and "<h2>Touchpoint map</h2>" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "<img src=x" not in html
    assert "&lt;b&gt;Kick-off&lt;/b&gt;" in html
    assert "No closed round yet." in html
