"""Step 5 page: every section in both languages with the demo; the forms write what they say —
the index weights (refused unless they make 100, the typing kept), a KPI's new target with its
reason (refused without one), a KPI value read in German, a pre-aggregated value with decimal
commas, an obstacle turned into an idea."""

import pytest

from cemworkshop import workshops
from pages.step5 import SECTIONS
from tests.app.conftest import make_app, texts

WORDS = {  # a word each section shows with the demo, in each language
    "barometer": ("Unternehmen gesamt", "Company overall"),
    "trends": ("Zeiträume mit weniger als fünf Antworten", "Periods with fewer than five answers"),
    "drivers": ("verborgener Treiber", "hidden driver"),
    "index": ("Gesamtindex", "Overall index"),
    "kpis": ("knapp verfehlt", "nearly met"),
    "loop": ("Fahrer schützen Boden", "Fahrer schützen Boden"),
    "dashboard": ("Offene Hindernisse", "Open obstacles"),
    "obstacles": ("Tourenplanung des Speditionspartners", "Tourenplanung des Speditionspartners"),
    "data": ("Nachbefragung", "Nachbefragung"),
}


def step5(ws_or_token, section=None, lang=None):
    token = ws_or_token if isinstance(ws_or_token, str) else ws_or_token.facilitator_token
    at = make_app(token=token, lang=lang)
    at.run()
    at.switch_page("pages/step5_optimisation.py").run()
    if section:
        at.segmented_control(key="step5_section").set_value(section).run()
    assert not at.exception, at.exception
    return at


def shown(at) -> str:
    return texts(at) + " " + " ".join(df.value.to_string() for df in at.dataframe)


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("section", list(SECTIONS))
def test_every_section_renders_in_both_languages(demo_id, section, lang):
    token = workshops.new_facilitator_secrets(demo_id)[0]
    at = step5(token, section, lang)
    assert WORDS[section][0 if lang == "de" else 1] in shown(at), (section, lang)
