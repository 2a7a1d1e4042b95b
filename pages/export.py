"""Export: every table of the workshop as a CSV download."""

import re
from datetime import date

import streamlit as st

from cemworkshop import workshops
from cemworkshop.exchange import backup, bundle, report
from cemworkshop.exchange.dialects import DIALECTS, render
from cemworkshop.exchange.tables import GROUPS, SUMMARY_KINDS, TABLES, summary_csv
from cemworkshop.rounds import lifecycle
from cemworkshop.validation import ValidationError
from pages.common.layout import opened, page_header
from pages.common.navigation import HOME, require_facilitator
from pages.common.session import current
from pages.common.text import error_text, md, t

workshop = require_facilitator()
wid = workshop["id"]
slug = re.sub(r"[^A-Za-z0-9]+", "-", workshop["name"]).strip("-").lower()[:40] or "workshop"

page_header(t("export.title"), t("export.intro"))

DIALECT_KEY = f"export_dialect.{wid}"  # remembered per workshop, for everyone who exports it
names = {d: t(f"export.dialect_{d}") for d in DIALECTS}
dialect = st.segmented_control(
    t("export.dialect"), list(DIALECTS), format_func=names.get,
    default=workshops.get_setting(DIALECT_KEY) or "standard", key="export_dialect",
) or "standard"  # fmt: skip
if dialect != (workshops.get_setting(DIALECT_KEY) or "standard"):
    workshops.set_setting(DIALECT_KEY, dialect)
language = workshop["language"]  # codes are written as words in the workshop's language
suffix = "-excel" if dialect == "excel_de" else ""

with st.container(border=True):
    text_col, button_col = st.columns([4, 1], vertical_alignment="center")
    text_col.markdown(f"**{t('export.zip')}**  \n{t('export.zip_help')}")
    button_col.download_button(
        t("export.zip_download"),
        data=lambda: bundle.zip_bytes(wid, dialect=dialect),
        on_click="ignore",
        file_name=f"{slug}{suffix}.zip",
        mime="application/zip",
        key="export_zip",
        width="stretch",
        type="primary",
    )

with st.container(border=True):
    text_col, button_col = st.columns([4, 1], vertical_alignment="center")
    text_col.markdown(f"**{t('export.report')}**  \n{t('export.report_help')}")
    button_col.download_button(
        t("export.report_download"),
        data=lambda: report.report_html(wid).encode("utf-8"),
        on_click="ignore",
        file_name=f"{slug}-report.html",
        mime="text/html",
        key="export_report",
        width="stretch",
    )


def _table_row(name: str) -> None:
    text_col, button_col = st.columns([4, 1], vertical_alignment="center")
    text_col.markdown(f"**{t(f'export.{name}')}**  \n{t(f'export.{name}_help')}")
    button_col.download_button(
        t("export.download"),
        # built when clicked, not on every rerun
        data=lambda: render(TABLES[name](wid), name, dialect=dialect, lang=language),
        on_click="ignore",  # no rerun: a quick second click must not lose the first file
        file_name=f"{slug}-{name}{suffix}.csv",
        mime="text/csv",
        key=f"export_{name}",
        width="stretch",
    )


def _round_row(r: dict) -> None:
    text_col, button_col = st.columns([4, 1], vertical_alignment="center")
    text_col.markdown(
        t("export.round_line", title=md(r["title"] or t("round.untitled")), id=r["id"])
    )
    button_col.download_button(
        t("export.download"),
        data=lambda: render(summary_csv(wid, r["id"]), "summary", dialect=dialect, lang=language),
        on_click="ignore",
        file_name=f"{slug}-round-{r['id']}-summary{suffix}.csv",
        mime="text/csv",
        key=f"export_round_{r['id']}",
        width="stretch",
    )


def _group_label(group: str, count: int, rounds: int) -> str:
    if group == "rounds":
        key = {0: "export.group_rounds_none", 1: "export.group_rounds_one"}.get(rounds)
        return t(key or "export.group_rounds", count=rounds)
    key = "export.group_one" if count == 1 else "export.group"
    return t(key, name=t(f"nav.{group}"), count=count)  # a step's or the day's name


# Each table one by one, by step: a group's rows are drawn only while it is open (forty
# download rows on every rerun cost more than the rest of the page).
st.subheader(t("export.tables_title"))
st.caption(t("export.tables_help"))
past = [r for kind in SUMMARY_KINDS for r in lifecycle.list_rounds(wid, kind)]
for group, names_in_group in GROUPS.items():
    box = opened(_group_label(group, len(names_in_group), len(past)), key=f"export_group_{group}")
    if box is None:
        continue
    with box:
        for name in names_in_group:
            _table_row(name)
        if group == "rounds" and past:
            st.markdown(f"**{t('export.round_summaries')}**")
            for r in past:
                _round_row(r)


st.subheader(t("export.backup_title"))
st.caption(t("export.backup_help"))
st.download_button(
    t("export.backup_download"),
    data=backup.backup_bytes,  # taken when clicked: a copy of that moment
    on_click="ignore",
    file_name=f"cemworkshop-backup-{date.today().isoformat()}.db",
    mime="application/vnd.sqlite3",
    key="export_backup",
)
with st.expander(t("export.restore_title")):
    if current().role != "host":
        st.info(t("export.restore_host_only"))
    else:
        st.caption(t("export.restore_help"))
        offered = st.file_uploader(
            t("export.restore_file"), type=["db", "sqlite", "sqlite3"], key="restore_upload"
        )
        if offered is not None:
            data = offered.getvalue()
            try:
                found = backup.check(data)
            except ValidationError as err:
                st.error(error_text(err))
            else:
                names = ", ".join(w["name"] for w in found["workshops"]) or "–"
                st.markdown(
                    t("export.restore_found", count=len(found["workshops"]), names=md(names))
                )
                sure = st.checkbox(t("export.restore_sure"), key="restore_sure")
                if st.button(
                    t("export.restore_go"), type="primary", disabled=not sure, key="restore_go"
                ):
                    try:
                        kept = backup.restore(data)
                    except ValidationError as err:
                        st.error(error_text(err))
                    else:
                        st.success(t("export.restored", kept=md(kept.name)))
                        st.page_link(HOME, label=t("nav.home"), icon=":material/home:")
