"""Export: every table of the workshop as a CSV download."""

import re

import streamlit as st

from cemworkshop.exchange.tables import SUMMARY_KINDS, TABLES, summary_csv
from cemworkshop.rounds import lifecycle
from pages.common.layout import page_header
from pages.common.navigation import require_facilitator
from pages.common.text import md, t

workshop = require_facilitator()
wid = workshop["id"]
slug = re.sub(r"[^A-Za-z0-9]+", "-", workshop["name"]).strip("-").lower()[:40] or "workshop"

page_header(t("export.title"), t("export.intro"))

for name, build in TABLES.items():
    with st.container(border=True):
        text_col, button_col = st.columns([4, 1], vertical_alignment="center")
        text_col.markdown(f"**{t(f'export.{name}')}**  \n{t(f'export.{name}_help')}")
        button_col.download_button(
            t("export.download"),
            data=lambda build=build: build(wid),  # built when clicked, not on every rerun
            on_click="ignore",  # no rerun: a quick second click must not lose the first file
            file_name=f"{slug}-{name}.csv",
            mime="text/csv",
            key=f"export_{name}",
            width="stretch",
        )

past = [r for kind in SUMMARY_KINDS for r in lifecycle.list_rounds(wid, kind)]
if past:
    st.subheader(t("export.round_summaries"))
    for r in past:
        text_col, button_col = st.columns([4, 1], vertical_alignment="center")
        text_col.markdown(
            t("export.round_line", title=md(r["title"] or t("round.untitled")), id=r["id"])
        )
        button_col.download_button(
            t("export.download"),
            data=lambda rid=r["id"]: summary_csv(wid, rid),
            on_click="ignore",
            file_name=f"{slug}-round-{r['id']}-summary.csv",
            mime="text/csv",
            key=f"export_round_{r['id']}",
            width="stretch",
        )
