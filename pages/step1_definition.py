"""Step 1 — Definition: current state, customers, profitability, touchpoints, journey, live scoring, map."""

import streamlit as st

from pages.common.layout import step_header
from pages.common.navigation import require_facilitator
from pages.common.rounds import live_round_bar
from pages.step1 import SECTIONS

workshop = require_facilitator()
section = step_header(SECTIONS, "step1", default="touchpoints")
live_round_bar(workshop["id"])  # a running round's controls, in reach from every section
with st.container(key=f"section_{section}"):  # tests and the gallery wait for this key
    SECTIONS[section](workshop)
