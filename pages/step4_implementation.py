"""Step 4 — Umsetzung: candidate measures, the live impact–effort rating with its matrix and
one ranked list, the action plan with its timeline."""

import streamlit as st

from pages.common.layout import step_header
from pages.common.navigation import require_facilitator
from pages.common.rounds import live_round_bar
from pages.step4 import SECTIONS

workshop = require_facilitator()
section = step_header(SECTIONS, "step4", default="candidates")
live_round_bar(workshop["id"])  # a running round's controls, in reach from every section
with st.container(key=f"section_{section}"):  # tests and the gallery wait for this key
    SECTIONS[section](workshop)
