"""Step 1 — Definition: current state, customers, profitability, touchpoints, journey, live scoring, map."""

import streamlit as st

from pages.common.layout import page_header
from pages.common.navigation import require_facilitator
from pages.common.text import t
from pages.step1 import SECTIONS

workshop = require_facilitator()
page_header(t("step1.title"), t("step1.intro"))
section = st.segmented_control(
    t("step1.section"),
    list(SECTIONS),
    default="touchpoints",
    format_func={s: t(f"step1.section_{s}") for s in SECTIONS}.get,
    key="step1_section",
    label_visibility="collapsed",
)
SECTIONS[section or "touchpoints"](workshop)
