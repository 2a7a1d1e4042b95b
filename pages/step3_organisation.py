"""Step 3 — Organisation: the CEM Advisory Board and the change plan, the gap between
expectation and experience, the touchpoint worksheets."""

import streamlit as st

from pages.common.layout import step_header
from pages.common.navigation import require_facilitator
from pages.common.rounds import live_round_bar
from pages.step3 import SECTIONS

workshop = require_facilitator()
section = step_header(SECTIONS, "step3", default="board")
live_round_bar(workshop["id"])  # a running round's controls, in reach from every section
with st.container(key=f"section_{section}"):  # tests and the gallery wait for this key
    SECTIONS[section](workshop)
