"""Step 1 — Definition: current state, customers, profitability, touchpoints, journey, live scoring, map."""

from pages.common.layout import step_header
from pages.common.navigation import require_facilitator
from pages.step1 import SECTIONS

workshop = require_facilitator()
SECTIONS[step_header(SECTIONS, "step1", default="touchpoints")](workshop)
