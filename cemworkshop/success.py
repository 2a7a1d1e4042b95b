"""Step 5's Erfolgsmessung: the CEM quality index per touchpoint and overall, the KPIs of the
strategy against their targets per period (with every change of a target kept), and the loop
from a touchpoint's live score in step 1 through its measures in step 4 to its index.

    >>> found = index_table(ws_id)          # per period: each touchpoint's index and the overall one
    >>> change_target(ws_id, kpi_id, 40, "Beirat 10/2026: Ziel angehoben", on="2026-10-01")
    >>> set_kpi_value(ws_id, kpi_id, "2026-Q3", 78)
    >>> kpi_series(ws_id)                   # per KPI and period: value, target valid then, judgement
    >>> loop_measures(ws_id)                # each planned measure's KPI before and after its start

The arithmetic is ``metrics.barometer``'s.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from datetime import date

from cemworkshop import barometer, kpis, priorities, store
from cemworkshop.metrics import barometer as calc
from cemworkshop.records import check_owned
from cemworkshop.rounds.touchpoint_scoring import latest_closed_analysis
from cemworkshop.shared import SharedCache
from cemworkshop.validation import ValidationError, clean_day, clean_number, clean_text

READINGS = ("headline", "mean", "share")

_cache = SharedCache(size=32)


# ---- step 1's scores ---------------------------------------------------------------------


def step1_scores(workshop_id: int) -> dict[int, dict]:
    """Per touchpoint of step 1's newest closed scoring round: ``importance, performance, gap,
    quadrant`` (empty without such a round)."""
    _, found = latest_closed_analysis(workshop_id)
    return {} if found is None else dict(found.by_touchpoint)


# ---- the quality index -------------------------------------------------------------------


@dataclass
class IndexTable:
    """The CEM quality index: ``touchpoints[period][tp]`` and ``overall[period]`` (0–100);
    ``parts[period][tp]`` the normalised metrics it was made of (by metric id); ``importance``
    the step-1 weights used (None: not rated in step 1)."""

    periods: list[str] = field(default_factory=list)
    touchpoints: dict[str, dict[int, float]] = field(default_factory=dict)
    overall: dict[str, float] = field(default_factory=dict)
    parts: dict[str, dict[int, dict[int, float]]] = field(default_factory=dict)
    importance: dict[int, float | None] = field(default_factory=dict)


def index_table(workshop_id: int) -> IndexTable:
    """The index per period (computed once per change of measurements, weights or step 1)."""
    importance = {tp: s["importance"] for tp, s in step1_scores(workshop_id).items()}
    key = ("index", *barometer.signature(workshop_id), tuple(sorted(importance.items())))
    return _cache.get(key, lambda: _index_table(workshop_id, importance))


def _index_table(workshop_id: int, importance: dict[int, float]) -> IndexTable:
    metrics = {m["id"]: m for m in barometer.metrics(workshop_id)}
    defs = {mid: barometer.definition(m) for mid, m in metrics.items()}
    weights = {mid: m["weight"] for mid, m in metrics.items()}
    out = IndexTable(periods=barometer.periods(workshop_id))
    for (period, tp, mid), fig in barometer.figures(workshop_id).items():
        if tp is None or mid not in defs or fig.status == "hidden" or math.isnan(fig.value):
            continue
        out.parts.setdefault(period, {}).setdefault(tp, {})[mid] = calc.normalise(
            defs[mid], fig.value
        )
    for period, per_tp in out.parts.items():
        values = {tp: calc.quality_index(parts, weights) for tp, parts in per_tp.items()}
        values = {tp: v for tp, v in values.items() if not math.isnan(v)}
        out.touchpoints[period] = values
        out.overall[period] = calc.overall_index(values, importance)
    out.importance = {
        tp: (importance.get(tp) if importance.get(tp) == importance.get(tp) else None)
        for per in out.touchpoints.values() for tp in per
    }  # fmt: skip
    return out


def latest(table: IndexTable) -> str | None:
    """The newest period with an overall index."""
    found = [p for p in table.periods if not math.isnan(table.overall.get(p, math.nan))]
    return found[-1] if found else None


# ---- KPIs --------------------------------------------------------------------------------


def sources(workshop_id: int) -> dict[int, dict]:
    """Where a KPI's value comes from, if from the barometer: ``metric_id, touchpoint_id,
    reading`` by KPI id (KPIs not listed are entered per period)."""
    return {r["kpi_id"]: r for r in store.rows(
        "SELECT s.* FROM kpi_sources s JOIN kpis k ON k.id = s.kpi_id WHERE k.workshop_id = ?",
        [workshop_id])}  # fmt: skip


def set_source(
    workshop_id: int, kpi_id: int, metric_id: int | None, touchpoint_id: int | None = None,
    reading: str = "headline",
) -> None:  # fmt: skip
    """Take a KPI's value from the barometer (a metric, overall or at one touchpoint, read by
    its headline, mean or share) — or, with ``metric_id`` None, from values entered by hand."""
    if reading not in READINGS:
        raise ValidationError("unknown_choice", field="reading", value=reading)
    with store.transaction() as db:
        check_owned(db, "kpis", workshop_id, kpi_id)
        if metric_id is None:
            db.execute("DELETE FROM kpi_sources WHERE kpi_id = ?", [kpi_id])
            return
        check_owned(db, "survey_metrics", workshop_id, metric_id, "unknown_metric")
        check_owned(db, "touchpoints", workshop_id, touchpoint_id)
        db.execute(
            "INSERT INTO kpi_sources (kpi_id, metric_id, touchpoint_id, reading) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (kpi_id) DO UPDATE SET metric_id = excluded.metric_id,"
            " touchpoint_id = excluded.touchpoint_id, reading = excluded.reading",
            [kpi_id, metric_id, touchpoint_id, reading],
        )


def check_period(period: str, granularity: str) -> str:
    """``2026-Q3`` (quarters) or ``2026-07`` (months), as the workshop counts periods."""
    text = (period or "").strip().upper()
    try:
        start, _ = calc.period_bounds(text)
        ok = calc.period_of(start.isoformat(), granularity) == text
    except (ValueError, IndexError):
        ok = False
    if not ok:
        raise ValidationError(
            "not_a_period",
            value=period,
            example="2026-Q3" if granularity == "quarter" else "2026-07",
        )
    return text


def set_kpi_value(workshop_id: int, kpi_id: int, period: str, value, note: str = "") -> None:
    """A KPI's value in a period (entered by hand; a second entry for the period replaces it)."""
    period = check_period(period, barometer.settings(workshop_id)["granularity"])
    number = clean_number(value, field="value")
    if number is None:
        raise ValidationError("required", field="value")
    note = clean_text(note, field="note", max_len=200)
    with store.transaction() as db:
        check_owned(db, "kpis", workshop_id, kpi_id)
        db.execute(
            "INSERT INTO kpi_values (kpi_id, period, value, note) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (kpi_id, period) DO UPDATE SET value = excluded.value, note = excluded.note",
            [kpi_id, period, number, note],
        )


def delete_kpi_value(workshop_id: int, kpi_id: int, period: str) -> None:
    with store.transaction() as db:
        check_owned(db, "kpis", workshop_id, kpi_id)
        db.execute("DELETE FROM kpi_values WHERE kpi_id = ? AND period = ?", [kpi_id, period])


def change_target(workshop_id: int, kpi_id: int, target, reason: str, *, on=None) -> None:
    """The Advisory Board sets a new target: kept with the day it holds from, the old value and
    the reason (needed); periods that ended before it stay judged against the old one."""
    new = clean_number(target, field="target")
    if new is None:
        raise ValidationError("required", field="target")
    reason = clean_text(reason, field="reason", max_len=300)
    if not reason:
        raise ValidationError("target_needs_reason")
    day = clean_day(on, field="changed_on") or date.today().isoformat()
    with store.transaction() as db:
        check_owned(db, "kpis", workshop_id, kpi_id)
        old = db.execute("SELECT target FROM kpis WHERE id = ?", [kpi_id]).fetchone()[0]
        kpis.record_target_change(db, kpi_id, old, new, reason=reason, on=day)
        db.execute("UPDATE kpis SET target = ?, version = version + 1 WHERE id = ?", [new, kpi_id])


def target_changes(workshop_id: int) -> list[dict]:
    """Every change of a KPI's target, newest first, with the KPI's name."""
    return store.rows(
        """SELECT c.id, c.kpi_id, k.name AS kpi, k.unit, c.changed_on, c.old_value, c.new_value,
                  c.reason, c.recorded_at
           FROM kpi_target_changes c JOIN kpis k ON k.id = c.kpi_id
           WHERE k.workshop_id = ? ORDER BY c.changed_on DESC, c.id DESC""",
        [workshop_id],
    )


def _reading(fig: calc.Figure, reading: str) -> float:
    if fig.status == "hidden":
        return math.nan
    return {"headline": fig.value, "mean": fig.mean, "share": fig.share}[reading]


def kpi_series(workshop_id: int) -> list[dict]:
    """Every KPI with ``points``: per period its ``value`` (NaN: not measured or n < 5), ``n``
    (barometer KPIs), the ``target`` valid at the period's end, the ``judgement`` (met /
    nearly / missed) and the ``mark`` of a significant change (barometer KPIs)."""
    margin = barometer.settings(workshop_id)["kpi_margin"]
    figures = barometer.figures(workshop_id)
    changes = barometer.changes(workshop_id)
    source = sources(workshop_id)
    entered: dict[int, dict[str, dict]] = {}
    for r in store.rows(
        "SELECT v.* FROM kpi_values v JOIN kpis k ON k.id = v.kpi_id WHERE k.workshop_id = ?",
        [workshop_id],
    ):
        entered.setdefault(r["kpi_id"], {})[r["period"]] = r
    history: dict[int, list[dict]] = {}
    for c in target_changes(workshop_id):
        history.setdefault(c["kpi_id"], []).append(c)
    out = []
    for k in kpis.kpis(workshop_id):
        points = []
        src = source.get(k["id"])
        if src:
            for (period, tp, mid), fig in sorted(figures.items(), key=lambda kv: kv[0][0]):
                if mid == src["metric_id"] and tp == src["touchpoint_id"]:
                    ch = changes.get((period, tp, mid))
                    points.append({"period": period, "value": _reading(fig, src["reading"]),
                                   "n": fig.n, "mark": ch.mark if ch and src["reading"] == "headline" else ""})  # fmt: skip
        else:
            for period, v in sorted(entered.get(k["id"], {}).items()):
                points.append(
                    {
                        "period": period,
                        "value": v["value"],
                        "n": None,
                        "mark": "",
                        "note": v["note"],
                    }
                )
        for p in points:
            end = calc.period_bounds(p["period"])[1].isoformat()
            p["target"] = calc.target_valid(k["target"], history.get(k["id"], []), end)
            p["judgement"] = calc.judge(
                p["value"], target=p["target"], direction=k["direction"], margin=margin
            )
        out.append({**k, "source": src, "points": points, "changes": history.get(k["id"], [])})
    return out


def last_value(series: dict) -> dict | None:
    """A KPI's newest period with a value."""
    found = [p for p in series["points"] if not math.isnan(p["value"])]
    return found[-1] if found else None


# ---- closing the loop --------------------------------------------------------------------


def before_after(periods: list[str], start: str, today: str) -> tuple[str | None, str | None, bool]:
    """Of ``periods`` (with a value, oldest first): the newest that ended before ``start``, the
    newest that began on or after it — or, if none did yet, the one it began in (``partly``
    True) — and nothing after a start that lies ahead of ``today``."""
    bounds = {p: _iso_bounds(p) for p in periods}
    before = [p for p in periods if bounds[p][1] < start]
    if start > today:
        return (before[-1] if before else None), None, False
    after = [p for p in periods if bounds[p][0] >= start]
    if after:
        return (before[-1] if before else None), after[-1], False
    within = [p for p in periods if bounds[p][0] < start <= bounds[p][1]]
    return (before[-1] if before else None), (within[-1] if within else None), bool(within)


@functools.lru_cache(maxsize=1024)
def _iso_bounds(period: str) -> tuple[str, str]:
    """A period's first and last day as ISO dates (asked for thousands of times per page)."""
    first, last = calc.period_bounds(period)
    return first.isoformat(), last.isoformat()


def loop_measures(
    workshop_id: int, today: date | None = None, plan: list[dict] | None = None
) -> list[dict]:
    """Each measure of the action plan with its KPI's value ``before`` (the newest period that
    ended before the measure's start) and ``after`` (see :func:`before_after`; ``partly``: the
    period the measure began in), the ``effect`` in the KPI's direction (``better`` / ``worse`` /
    ``same``) and, for a KPI from the barometer, whether the change is significant (``mark``);
    the same for the touchpoint's quality index. ``plan``: ``priorities.plan`` already read."""
    today_iso = (today or date.today()).isoformat()
    series = {s["id"]: s for s in kpi_series(workshop_id)}
    cells = barometer.cells(workshop_id)
    defs = {m["id"]: barometer.definition(m) for m in barometer.metrics(workshop_id)}
    table = index_table(workshop_id)
    measured_by: dict[int, dict[str, dict]] = {}  # per KPI: its periods with a value
    ended_by: dict[int, list[str]] = {}  # per touchpoint: its periods with an index
    out = []
    for row in priorities.plan(workshop_id) if plan is None else plan:
        entry = {**row, "before": None, "after": None, "partly": False, "effect": None, "mark": "",
                 "index_before": math.nan, "index_after": math.nan}  # fmt: skip
        start = row["start_on"]
        s = series.get(row["kpi_id"])
        if start and s:
            if s["id"] not in measured_by:
                measured_by[s["id"]] = {
                    p["period"]: p for p in s["points"] if not math.isnan(p["value"])
                }
            measured = measured_by[s["id"]]
            pre, post, entry["partly"] = before_after(list(measured), start, today_iso)
            entry["before"], entry["after"] = measured.get(pre), measured.get(post)
            if entry["before"] and entry["after"]:
                diff = entry["after"]["value"] - entry["before"]["value"]
                good = diff if s["direction"] == "higher" else -diff
                entry["effect"] = "better" if good > 0 else "worse" if good < 0 else "same"
                src = s["source"]
                if src and src["reading"] == "headline":
                    a, b = (cells.get((entry[k]["period"], src["touchpoint_id"], src["metric_id"]))
                            for k in ("before", "after"))  # fmt: skip
                    if a and b:
                        entry["mark"] = calc.change(defs[src["metric_id"]], a, b).mark
        tp = row["touchpoint_id"]
        if start and tp:
            if tp not in ended_by:
                ended_by[tp] = [p for p in table.periods if tp in table.touchpoints.get(p, {})]
            pre, post, _ = before_after(ended_by[tp], start, today_iso)
            if pre:
                entry["index_before"] = table.touchpoints[pre][tp]
            if post:
                entry["index_after"] = table.touchpoints[post][tp]
        out.append(entry)
    return out


def loop_touchpoints(workshop_id: int, plan: list[dict] | None = None) -> list[dict]:
    """Each touchpoint with a step-1 score, a measure or an index: its step-1 ``importance,
    performance, gap``, its ``measures`` (title and plan status, or "candidate"), its newest
    ``index`` with its period, and the index of the period before (``index_before``)."""
    from cemworkshop import touchpoints as tps

    scores = step1_scores(workshop_id)
    table = index_table(workshop_id)
    measures: dict[int, list[dict]] = {}
    plan = priorities.plan(workshop_id) if plan is None else plan
    planned = {p["measure_id"]: p["status"] for p in plan}
    for m in priorities.candidates(workshop_id):
        if m["touchpoint_id"]:
            measures.setdefault(m["touchpoint_id"], []).append(
                {"title": m["title"], "status": planned.get(m["id"], "candidate")}
            )
    out = []
    for tp in tps.touchpoints(workshop_id):
        series = [(p, table.touchpoints[p][tp["id"]]) for p in table.periods
                  if tp["id"] in table.touchpoints.get(p, {})]  # fmt: skip
        score = scores.get(tp["id"])
        if not (score or series or tp["id"] in measures):
            continue
        out.append({
            "touchpoint_id": tp["id"], "touchpoint": tp["name"], "phase": tp.get("phase", ""),
            "importance": score["importance"] if score else math.nan,
            "performance": score["performance"] if score else math.nan,
            "gap": score["gap"] if score else math.nan,
            "measures": measures.get(tp["id"], []),
            "period": series[-1][0] if series else None,
            "index": series[-1][1] if series else math.nan,
            "index_before": series[-2][1] if len(series) > 1 else math.nan,
        })  # fmt: skip
    return out
