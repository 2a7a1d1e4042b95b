"""Everything of a workshop in one ZIP: every table as CSV in the chosen dialect, the summaries
of its scoring rounds, the workshop's settings, and a README.txt that says what each file holds
and its columns — in the workshop's language.

    >>> data = zip_bytes(ws_id, dialect="excel_de")
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

from cemworkshop import barometer, continuous, workshops
from cemworkshop.exchange import workshop_zip
from cemworkshop.exchange.csvfile import to_csv
from cemworkshop.exchange.dialects import render
from cemworkshop.exchange.tables import SUMMARY_KINDS, TABLES, summary_csv
from cemworkshop.i18n import translate
from cemworkshop.rounds import lifecycle


def settings_csv(workshop_id: int) -> bytes:
    """The workshop's settings as ``setting, value`` rows."""
    ws = workshops.get_workshop(workshop_id)
    analysis = workshops.analysis_settings(workshop_id)
    promises = workshops.promises(workshop_id)
    rows = [
        ["name", ws["name"]], ["company", ws["company"]], ["language", ws["language"]],
        ["join_code", ws["join_code"]], ["created_at", ws["created_at"]],
        ["archived_at", ws["archived_at"] or ""],
        *([k, v] for k, v in promises.items()),
        *([f"ipa_{k}", v] for k, v in analysis.items()),
        *([f"barometer_{k}", v] for k, v in barometer.settings(workshop_id).items() if k != "version"),
        *([f"complaints_{k}", v] for k, v in continuous.settings(workshop_id).items()),
    ]  # fmt: skip
    return to_csv(["setting", "value"], rows)


def _files(workshop_id: int, dialect: str, lang: str) -> list[tuple[str, str, str, bytes]]:
    """(file name, title, what it holds, content) of every file of the ZIP."""
    files = [("workshop.csv", translate("export.settings", lang), translate("export.settings_help", lang),
              render(settings_csv(workshop_id), "settings", dialect=dialect, lang=lang))]  # fmt: skip
    for name, build in TABLES.items():
        files.append((f"{name}.csv", translate(f"export.{name}", lang),
                      translate(f"export.{name}_help", lang),
                      render(build(workshop_id), name, dialect=dialect, lang=lang)))  # fmt: skip
    for kind in SUMMARY_KINDS:
        for r in lifecycle.list_rounds(workshop_id, kind):
            files.append((f"round-{r['id']}-summary.csv",
                          translate("export.round_line", lang, title=r["title"] or "–", id=r["id"]),
                          translate("export.round_summary_help", lang),
                          render(summary_csv(workshop_id, r["id"]), "summary", dialect=dialect, lang=lang)))  # fmt: skip
    return files


def readme(workshop_id: int, files, dialect: str, lang: str) -> str:
    ws = workshops.get_workshop(workshop_id)
    lines = [
        translate("export.readme_title", lang, name=ws["name"]),
        translate("export.readme_made", lang, at=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")),
        translate(f"export.readme_dialect_{dialect}", lang),
        translate("export.readme_codes", lang),
        translate("export.readme_data", lang),
        "",
    ]
    for file_name, title, help_text, content in files:
        header = content.decode("utf-8-sig").split("\r\n", 1)[0]
        lines += [f"{file_name} — {title}", f"  {help_text}",
                  f"  {translate('export.readme_columns', lang)}: {header}", ""]  # fmt: skip
    return "\r\n".join(lines)


def zip_bytes(workshop_id: int, *, dialect: str = "standard") -> bytes:
    """Every table of the workshop, its round summaries and settings, with a README.txt."""
    lang = workshops.get_workshop(workshop_id)["language"]
    files = _files(workshop_id, dialect, lang)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("README.txt", readme(workshop_id, files, dialect, lang).encode("utf-8-sig"))
        for file_name, _, _, content in files:
            z.writestr(file_name, content)
        for file_name, content in workshop_zip.data_files(workshop_id).items():
            z.writestr(file_name, content)
    return out.getvalue()
