"""Step 5 — Optimierung: its sections in the order of the method, each a module with
``render(workshop)``. ``pages/step5_optimisation.py`` shows the one the facilitator picks."""

from pages.step5 import barometer, dashboard, data, drivers, kpis, loop, obstacles, quality, trends

SECTIONS = {
    "barometer": barometer.render,
    "trends": trends.render,
    "drivers": drivers.render,
    "index": quality.render,
    "kpis": kpis.render,
    "loop": loop.render,
    "dashboard": dashboard.render,
    "obstacles": obstacles.render,
    "data": data.render,
}
