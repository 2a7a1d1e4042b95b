"""The Kunden-Dashboard's figures, for management on one screen: the CEM quality index against
its target with its trend, the KPIs with their traffic lights, the touchpoints furthest below
the target, the measures open, overdue and done, the complaint trend, the open obstacles.

    >>> board = figures(ws_id, date.today())
"""

from __future__ import annotations

import math
from datetime import date

from cemworkshop import (
    barometer,
    complaints,
    continuous,
    obstacles,
    priorities,
    success,
    touchpoints,
)

WORST = 5  # touchpoints shown furthest below target
MONTHS = 6  # months of the complaint trend


def figures(workshop_id: int, today: date) -> dict:
    table = success.index_table(workshop_id)
    target = barometer.settings(workshop_id)["index_target"]
    period = success.latest(table)
    names = {tp["id"]: tp["name"] for tp in touchpoints.touchpoints(workshop_id)}
    trend = [(p, table.overall[p]) for p in table.periods
             if not math.isnan(table.overall.get(p, math.nan))]  # fmt: skip
    worst = sorted(
        (
            (names.get(tp, "?"), v)
            for tp, v in table.touchpoints.get(period, {}).items()
            if v < target
        ),
        key=lambda kv: kv[1],
    )[:WORST]
    kpi_rows = []
    for s in success.kpi_series(workshop_id):
        last = success.last_value(s)
        if last:
            kpi_rows.append({"name": s["name"], "unit": s["unit"], "direction": s["direction"],
                             **last})  # fmt: skip
    plan = priorities.plan(workshop_id)
    months = complaints.analysis(
        workshop_id, today, continuous.settings(workshop_id)["target_days"]
    )
    return {
        "period": period,
        "index": table.overall.get(period, math.nan) if period else math.nan,
        "index_before": trend[-2][1] if len(trend) > 1 else math.nan,
        "target": target,
        "trend": trend,
        "kpis": kpi_rows,
        "worst": worst,
        "measures": {
            "open": sum(1 for p in plan if p["status"] not in priorities.CLOSED),
            "overdue": sum(1 for p in plan if priorities.overdue(p, today)),
            "done": sum(1 for p in plan if p["status"] == "done"),
        },
        "complaints": [(m["month"], m["count"]) for m in months[-MONTHS:]],
        "obstacles": [o for o in obstacles.obstacles(workshop_id) if o["status"] != "removed"],
    }
