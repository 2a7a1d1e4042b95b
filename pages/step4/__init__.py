"""Step 4 — Umsetzung: its sections in the order of the method, each a module with
``render(workshop)``. ``pages/step4_implementation.py`` shows the one the facilitator picks."""

from pages.step4 import (
    candidates,
    complaint_analysis,
    complaints,
    ideas_bank,
    plan,
    priorities,
    rewards,
)

SECTIONS = {
    "candidates": candidates.render,
    "priorities": priorities.render,
    "plan": plan.render,
    "ideas": ideas_bank.render,
    "complaints": complaints.render,
    "analysis": complaint_analysis.render,
    "rewards": rewards.render,
}
