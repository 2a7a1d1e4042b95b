"""Step 4 — Umsetzung: its sections in the order of the method, each a module with
``render(workshop)``. ``pages/step4_implementation.py`` shows the one the facilitator picks."""

from pages.step4 import candidates, plan, priorities

SECTIONS = {
    "candidates": candidates.render,
    "priorities": priorities.render,
    "plan": plan.render,
}
