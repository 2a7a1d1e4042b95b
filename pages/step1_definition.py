"""Step 1 — Definition: current state, customers, profitability, touchpoints, journey, live scoring, map."""

import streamlit as st

from cemworkshop.ui import page_header, require_facilitator, t
from pages.step1.sections import SECTIONS, render

workshop = require_facilitator()
page_header(t("step1.title"), t("step1.intro"))
section = st.segmented_control(
    t("step1.section"),
    SECTIONS,
    default="touchpoints",
    format_func={s: t(f"step1.section_{s}") for s in SECTIONS}.get,
    key="step1_section",
    label_visibility="collapsed",
)
render(workshop, section or "touchpoints")
