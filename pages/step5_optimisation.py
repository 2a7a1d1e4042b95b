"""Step 5 — Optimierung: the Kundenbarometer with period comparison and driver analysis, the
CEM quality index, KPIs against targets, the loop from step 1's scores to the index, the
Kunden-Dashboard, the obstacles log and the measurements themselves."""

import streamlit as st

from pages.common.layout import step_header
from pages.common.navigation import require_facilitator
from pages.step5 import SECTIONS

workshop = require_facilitator()
section = step_header(SECTIONS, "step5", default="barometer")
with st.container(key=f"section_{section}"):  # tests and the gallery wait for this key
    SECTIONS[section](workshop)
