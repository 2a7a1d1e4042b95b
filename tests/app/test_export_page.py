"""Export page: the CSV dialect chosen is remembered for the workshop; every table (by step, a
group drawn when opened), the ZIP and the backup are offered in both languages."""

import pytest

from cemworkshop import workshops
from cemworkshop.exchange.tables import GROUPS, TABLES
from tests.app.conftest import open_page, texts


def export_page(token, lang=None, *, every_group=False):
    at = open_page(token, "pages/export.py", lang)
    if every_group:  # as a facilitator who opens each group
        for group in GROUPS:
            at.session_state[f"export_group_{group}"] = True
        at.run()
    return at


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_dialect_is_remembered_for_the_workshop(demo_id, lang):
    token = workshops.new_facilitator_secrets(demo_id)[0]
    at = export_page(token, lang, every_group=True)
    assert at.segmented_control(key="export_dialect").value == "standard"
    # the ZIP, the report, every table, the two demo rounds' summaries, the backup
    assert len(at.get("download_button")) == 2 + len(TABLES) + 2 + 1
    assert ("Alles in einer ZIP-Datei" if lang == "de" else "Everything in one ZIP file") in texts(
        at
    )
    at.segmented_control(key="export_dialect").set_value("excel_de").run()
    assert workshops.get_setting(f"export_dialect.{demo_id}") == "excel_de"
    again = export_page(token, lang)  # another visit, another browser session
    assert again.segmented_control(key="export_dialect").value == "excel_de"


@pytest.mark.parametrize("lang", ["de", "en"])
def test_single_tables_are_grouped_by_step_and_drawn_when_a_group_opens(demo_id, lang):
    token = workshops.new_facilitator_secrets(demo_id)[0]
    at = export_page(token, lang)
    offered = {b.key for b in at.get("download_button")}
    assert offered == {"export_zip", "export_report", "export_backup"}  # groups closed
    labels = [e.label for e in at.expander]
    de = lang == "de"
    assert ("1 · Definition — 11 Tabellen" if de else "1 · Definition — 11 tables") in labels
    assert ("Tagesablauf — 1 Tabelle" if de else "Agenda — 1 table") in labels
    assert (
        "Live-Runden — alle Antworten und 2 Auswertungen je Runde"
        if de
        else "Live rounds — every answer and 2 summaries per round"
    ) in labels
    at.session_state["export_group_step4"] = True
    at.run()
    offered = {b.key for b in at.get("download_button")}
    assert {f"export_{name}" for name in GROUPS["step4"]} <= offered
    assert "export_touchpoints" not in offered  # step 1's group stays closed
    assert ("Maßnahmenplan" if de else "Action plan") in texts(at)
