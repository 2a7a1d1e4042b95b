"""Step 1 — Definition: its sections in the order of the method, each a module with
``render(workshop)``. ``pages/step1_definition.py`` shows the one the facilitator picks."""

from pages.step1 import (
    competitors,
    customers,
    journey,
    matching,
    profitability,
    scoring,
    strategy,
    touchpoint_map,
    touchpoints,
)

SECTIONS = {
    "competitors": competitors.render,
    "customers": customers.render,
    "profitability": profitability.render,
    "touchpoints": touchpoints.render,
    "matching": matching.render,
    "journey": journey.render,
    "scoring": scoring.render,
    "touchpoint_map": touchpoint_map.render,
    "strategy": strategy.render,
}
