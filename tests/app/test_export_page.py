"""Export page: the CSV dialect chosen is remembered for the workshop; every table, the ZIP and
the backup are offered in both languages."""

import pytest

from cemworkshop import workshops
from cemworkshop.exchange.tables import TABLES
from tests.app.conftest import open_page, texts


def export_page(token, lang=None):
    return open_page(token, "pages/export.py", lang)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_dialect_is_remembered_for_the_workshop(demo_id, lang):
    token = workshops.new_facilitator_secrets(demo_id)[0]
    at = export_page(token, lang)
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
