"""Step 2 — Entwicklung: innovation check, memories brainstormed live, dot vote, social media
and the voice of the customer."""

import streamlit as st

from pages.common.layout import step_header
from pages.common.navigation import require_facilitator
from pages.common.rounds import live_round_bar
from pages.step2 import SECTIONS

workshop = require_facilitator()
section = step_header(SECTIONS, "step2", default="memories")
live_round_bar(workshop["id"])  # a running round's controls, in reach from every section
with st.container(key=f"section_{section}"):  # tests and the gallery wait for this key
    SECTIONS[section](workshop)
