"""Step 5's Kundenbarometer: the metrics a workshop measures (NPS, CSAT, CES and its own
dimensions), the measurements — raw responses or pre-aggregated rows — and their cells per
period, touchpoint and metric.

    >>> metrics(ws_id)                              # NPS, CSAT, CES first, then own dimensions
    >>> add_own_metric(ws_id, "Sauberkeit", 1, 5)
    >>> add_responses(ws_id, [{"metric_id": 1, "touchpoint_id": 3, "answered_on": "2026-07-02",
    ...                        "respondent": "R-17", "channel": "E-Mail", "value": 9}])
    >>> add_aggregate(ws_id, metric_id=2, touchpoint_id=3, period_on="2026-04-01", n=120, mean=4.1)
    >>> cells(ws_id)        # {(period, touchpoint id or None, metric id): metrics.barometer.Stats}

A response without a touchpoint is about the company as a whole ("overall"): the outcome of
the driver analysis. The figures themselves are ``metrics.barometer``'s.
"""

from __future__ import annotations

import pandas as pd

from cemworkshop import store
from cemworkshop.metrics import barometer as calc
from cemworkshop.metrics import drivers
from cemworkshop.records import check_owned
from cemworkshop.shared import SharedCache
from cemworkshop.validation import (
    ValidationError,
    clean_choice,
    clean_day,
    clean_name,
    clean_number,
    clean_text,
)

BUILT_IN = (("nps", "NPS", 0, 10, 40), ("csat", "CSAT", 1, 5, 40), ("ces", "CES", 1, 7, 20))
OVERALL = None  # the touchpoint id of answers about the company as a whole
MAX_SCALE = 100


def seed_metrics(db, workshop_id: int) -> None:
    """NPS, CSAT and CES with the default index weights (in a new workshop's transaction)."""
    for position, (code, name, low, high, weight) in enumerate(BUILT_IN):
        db.execute(
            "INSERT INTO survey_metrics (workshop_id, code, name, low, high, weight, position)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [workshop_id, code, name, low, high, weight, position],
        )


# ---- settings ----------------------------------------------------------------------------

DEFAULTS = {"granularity": "quarter", "index_target": 70.0, "kpi_margin": 5.0, "version": 0}


def settings(workshop_id: int) -> dict:
    """Period length, the quality index's target and the margin of "nearly" for KPIs."""
    found = store.row(
        "SELECT granularity, index_target, kpi_margin, version FROM optimisation"
        " WHERE workshop_id = ?",
        [workshop_id],
    )
    return found or dict(DEFAULTS)


def save_settings(
    workshop_id: int, *, granularity: str, index_target, kpi_margin, version: int | None = None
) -> None:
    clean_choice(granularity, field="granularity", choices=calc.GRANULARITIES)
    target = clean_number(index_target, field="index_target", low=0, high=100)
    margin = clean_number(kpi_margin, field="kpi_margin", low=0, high=50)
    if target is None or margin is None:
        raise ValidationError("required", field="index_target" if target is None else "kpi_margin")
    with store.transaction() as db:
        db.execute(
            "INSERT INTO optimisation (workshop_id) VALUES (?) ON CONFLICT DO NOTHING",
            [workshop_id],
        )
        changed = db.execute(
            "UPDATE optimisation SET granularity = ?, index_target = ?, kpi_margin = ?,"
            " version = version + 1 WHERE workshop_id = ? AND (? IS NULL OR version = ?)",
            [granularity, target, margin, workshop_id, version, version],
        ).rowcount
        if not changed:
            now = db.execute(
                "SELECT * FROM optimisation WHERE workshop_id = ?", [workshop_id]
            ).fetchone()
            current = f"{now['granularity']} · {now['index_target']:g} · {now['kpi_margin']:g} %"
            raise ValidationError("stale_edit", current=current, version=now["version"])


# ---- metrics -----------------------------------------------------------------------------


def metrics(workshop_id: int) -> list[dict]:
    """Every metric: ``id, code, name, low, high, weight, target, position, version``."""
    return store.rows(
        "SELECT id, code, name, low, high, weight, target, position, version FROM survey_metrics"
        " WHERE workshop_id = ? ORDER BY position, id",
        [workshop_id],
    )


def definition(metric: dict) -> calc.Metric:
    """How a stored metric is read (``metrics.barometer.Metric``)."""
    if metric["code"] in calc.BUILT_IN:
        return calc.BUILT_IN[metric["code"]]
    return calc.own_metric(metric["low"], metric["high"])


def _scale(low, high) -> tuple[float, float]:
    low = clean_number(low, field="scale_low", low=-MAX_SCALE, high=MAX_SCALE)
    high = clean_number(high, field="scale_high", low=-MAX_SCALE, high=MAX_SCALE)
    if low is None or high is None:
        raise ValidationError("required", field="scale_low" if low is None else "scale_high")
    if high <= low:
        raise ValidationError("scale_order", low=low, high=high)
    return low, high


def add_own_metric(workshop_id: int, name: str, low=1, high=5, *, target=None) -> int:
    """A dimension of the workshop's own (e.g. "Sauberkeit", 1–5), read by its mean; weight 0
    in the index until the facilitator gives it one."""
    name = clean_name(name, field="metric", max_len=60)
    low, high = _scale(low, high)
    target = clean_number(target, field="target", low=low, high=high)
    with store.transaction() as db:
        if db.execute(
            "SELECT 1 FROM survey_metrics WHERE workshop_id = ? AND lower(name) = lower(?)",
            [workshop_id, name],
        ).fetchone():
            raise ValidationError("duplicate_metric", name=name)
        position = db.execute(
            "SELECT coalesce(max(position) + 1, 0) FROM survey_metrics WHERE workshop_id = ?",
            [workshop_id],
        ).fetchone()[0]
        return db.execute(
            "INSERT INTO survey_metrics (workshop_id, code, name, low, high, target, position)"
            " VALUES (?, 'own', ?, ?, ?, ?, ?)",
            [workshop_id, name, low, high, target, position],
        ).lastrowid


def target_range(metric: dict) -> tuple[float, float]:
    """Where a headline target may lie: NPS −100…100, a share 0…100, a mean on its scale."""
    kind = definition(metric).headline
    return (
        (-100, 100)
        if kind == "nps"
        else (0, 100)
        if kind == "share"
        else (metric["low"], metric["high"])
    )


def set_target(workshop_id: int, metric_id: int, target) -> None:
    """The headline target of a metric (drawn into its trend; None: no target)."""
    with store.transaction() as db:
        found = db.execute(
            "SELECT * FROM survey_metrics WHERE id = ? AND workshop_id = ?",
            [metric_id, workshop_id],
        ).fetchone()
        if found is None:
            raise ValidationError("unknown_record")
        low, high = target_range(dict(found))
        value = clean_number(target, field="target", low=low, high=high)
        db.execute(
            "UPDATE survey_metrics SET target = ?, version = version + 1 WHERE id = ?",
            [value, metric_id],
        )


def delete_own_metric(workshop_id: int, metric_id: int) -> None:
    """Delete a dimension of the workshop's own; refused while it has measurements."""
    with store.transaction() as db:
        found = db.execute(
            "SELECT name, code FROM survey_metrics WHERE id = ? AND workshop_id = ?",
            [metric_id, workshop_id],
        ).fetchone()
        if found is None or found["code"] != "own":
            raise ValidationError("unknown_record")
        used = db.execute(
            "SELECT (SELECT count(*) FROM responses WHERE metric_id = ?)"
            " + (SELECT count(*) FROM response_aggregates WHERE metric_id = ?)",
            [metric_id, metric_id],
        ).fetchone()[0]
        if used:
            raise ValidationError("metric_in_use", name=found["name"], count=used)
        db.execute("DELETE FROM survey_metrics WHERE id = ?", [metric_id])


def set_weights(workshop_id: int, weights: dict[int, float]) -> None:
    """The index weight of each metric (by id); together they must make 100."""
    cleaned = {
        mid: clean_number(w, field="weight", low=0, high=100) or 0.0 for mid, w in weights.items()
    }
    total = sum(cleaned.values())
    if abs(total - 100) > 1e-9:
        raise ValidationError("weights_sum", total=round(total, 2))
    with store.transaction() as db:
        for mid, w in cleaned.items():
            check_owned(db, "survey_metrics", workshop_id, mid, "unknown_record")
            db.execute(
                "UPDATE survey_metrics SET weight = ?, version = version + 1 WHERE id = ?", [w, mid]
            )


# ---- measurements ------------------------------------------------------------------------


def _metric_row(db, workshop_id: int, metric_id: int) -> dict:
    found = db.execute(
        "SELECT * FROM survey_metrics WHERE id = ? AND workshop_id = ?", [metric_id, workshop_id]
    ).fetchone()
    if found is None:
        raise ValidationError("unknown_metric")
    return dict(found)


def check_value(metric: dict, value) -> float:
    """A response's value on the metric's scale (a whole number on NPS, CSAT and CES)."""
    whole = metric["code"] in calc.BUILT_IN
    return clean_number(value, field="value", low=metric["low"], high=metric["high"], whole=whole)


def add_responses(workshop_id: int, rows: list[dict]) -> int:
    """Raw responses (``metric_id, touchpoint_id, answered_on, respondent, channel, value`` and
    optionally ``fingerprint``) in one transaction; rows already there by fingerprint are
    skipped. Returns how many were written."""
    with store.transaction() as db:
        known = {r["id"]: dict(r) for r in db.execute(
            "SELECT * FROM survey_metrics WHERE workshop_id = ?", [workshop_id])}  # fmt: skip
        tps = {r[0] for r in db.execute(
            "SELECT id FROM touchpoints WHERE workshop_id = ?", [workshop_id])}  # fmt: skip
        values = []
        for r in rows:
            metric = known.get(r["metric_id"])
            if metric is None:
                raise ValidationError("unknown_metric")
            if r.get("touchpoint_id") is not None and r["touchpoint_id"] not in tps:
                raise ValidationError("unknown_touchpoint")
            day = clean_day(r["answered_on"], field="answered_on")
            if day is None:
                raise ValidationError("required", field="answered_on")
            values.append([
                workshop_id, r["metric_id"], r.get("touchpoint_id"), day,
                clean_text(r.get("respondent", ""), field="respondent", max_len=80),
                clean_text(r.get("channel", ""), field="channel", max_len=80),
                check_value(metric, r["value"]), r.get("fingerprint"),
            ])  # fmt: skip
        written = db.conn.executemany(
            "INSERT OR IGNORE INTO responses (workshop_id, metric_id, touchpoint_id, answered_on,"
            " respondent, channel, value, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            values,
        )
        return written.rowcount  # rows inserted (not the triggers' counting)


def add_aggregate(
    workshop_id: int, *, metric_id: int, touchpoint_id: int | None, period_on, n, mean,
    sd=None, top_share=None, bottom_share=None, channel: str = "", source: str = "",
    fingerprint: str | None = None,
) -> int:  # fmt: skip
    """A pre-aggregated row: ``n`` answers in the period that starts on ``period_on`` with their
    ``mean`` (NPS: the mean of the 0–10 answers); optionally the standard deviation and the
    top- and bottom-box shares in % (NPS: promoters and detractors; needed for its score)."""
    day = clean_day(period_on, field="period_on")
    if day is None:
        raise ValidationError("required", field="period_on")
    count = clean_number(n, field="n", low=1, high=10_000_000, whole=True)
    if count is None:
        raise ValidationError("required", field="n")
    with store.transaction() as db:
        metric = _metric_row(db, workshop_id, metric_id)
        check_owned(db, "touchpoints", workshop_id, touchpoint_id)
        average = clean_number(mean, field="mean", low=metric["low"], high=metric["high"])
        if average is None:
            raise ValidationError("required", field="mean")
        spread = clean_number(sd, field="sd", low=0, high=metric["high"] - metric["low"])
        top = clean_number(top_share, field="top_share", low=0, high=100)
        bottom = clean_number(bottom_share, field="bottom_share", low=0, high=100)
        if metric["code"] == "nps" and (top is None or bottom is None):
            raise ValidationError("nps_needs_shares")
        if top is not None and bottom is not None and top + bottom > 100 + 1e-9:
            raise ValidationError("shares_over_100")
        return db.execute(
            "INSERT INTO response_aggregates (workshop_id, metric_id, touchpoint_id, period_on,"
            " channel, n, mean, sd, top_share, bottom_share, source, fingerprint)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [workshop_id, metric_id, touchpoint_id, day,
             clean_text(channel, field="channel", max_len=80), int(count), average, spread,
             None if top is None else top / 100, None if bottom is None else bottom / 100,
             clean_text(source, field="source", max_len=120), fingerprint],
        ).lastrowid  # fmt: skip


def delete_aggregate(workshop_id: int, aggregate_id: int) -> None:
    with store.transaction() as db:
        db.execute(
            "DELETE FROM response_aggregates WHERE id = ? AND workshop_id = ?",
            [aggregate_id, workshop_id],
        )


def aggregates(workshop_id: int) -> list[dict]:
    return store.rows(
        """SELECT a.*, m.name AS metric, coalesce(t.name, '') AS touchpoint
           FROM response_aggregates a JOIN survey_metrics m ON m.id = a.metric_id
           LEFT JOIN touchpoints t ON t.id = a.touchpoint_id
           WHERE a.workshop_id = ? ORDER BY a.period_on DESC, a.id DESC""",
        [workshop_id],
    )


def delete_responses(workshop_id: int, period: str | None = None) -> int:
    """Delete the raw responses of one period (all of them with None); returns how many."""
    expr = _period_sql(settings(workshop_id)["granularity"], "answered_on")
    with store.transaction() as db:
        if period is None:
            return db.execute("DELETE FROM responses WHERE workshop_id = ?", [workshop_id]).rowcount
        return db.execute(
            f"DELETE FROM responses WHERE workshop_id = ? AND {expr} = ?", [workshop_id, period]
        ).rowcount


def counts(workshop_id: int) -> dict:
    """How many raw responses, respondents and aggregated rows the workshop holds (counted
    once per change)."""
    return _cache.get(("counts", *signature(workshop_id)), lambda: _counts(workshop_id))


def _counts(workshop_id: int) -> dict:
    return store.row(
        """SELECT (SELECT count(*) FROM responses WHERE workshop_id = :w) AS responses,
                  (SELECT count(DISTINCT respondent) FROM responses
                   WHERE workshop_id = :w AND respondent <> '') AS respondents,
                  (SELECT count(*) FROM response_aggregates WHERE workshop_id = :w) AS aggregates""",
        {"w": workshop_id},
    )


# ---- cells -------------------------------------------------------------------------------


def _period_sql(granularity: str, column: str) -> str:
    if granularity == "quarter":
        return (f"substr({column}, 1, 4) || '-Q' ||"
                f" ((CAST(substr({column}, 6, 2) AS INTEGER) + 2) / 3)")  # fmt: skip
    return f"substr({column}, 1, 7)"


_cache = SharedCache(size=32)


def signature(workshop_id: int) -> tuple:
    """Changes whenever a measurement, a metric or a setting of the barometer changes: the
    counter the database's triggers raise on every such write (a cache key; one lookup)."""
    return (str(store.db_path()), workshop_id, store.value(
        "SELECT coalesce(max(version), 0) FROM barometer_changes WHERE workshop_id = ?",
        [workshop_id]))  # fmt: skip


def cells(workshop_id: int) -> dict[tuple, calc.Stats]:
    """Every cell's sufficient statistics: ``(period, touchpoint id or None, metric id)`` →
    ``Stats``, raw responses and aggregated rows of the period added together (computed once
    per change of the measurements and shared: do not change it)."""
    return _cache.get(("cells", *signature(workshop_id)), lambda: _cells(workshop_id))


def _cells(workshop_id: int) -> dict[tuple, calc.Stats]:
    granularity = settings(workshop_id)["granularity"]
    out: dict[tuple, calc.Stats] = {}
    for r in store.rows(
        f"""SELECT {_period_sql(granularity, "r.answered_on")} AS period, r.touchpoint_id,
                   r.metric_id, count(*) AS n, sum(r.value) AS total,
                   sum(r.value * r.value) AS squares,
                   sum(CASE m.code WHEN 'nps' THEN r.value >= 9 WHEN 'csat' THEN r.value >= 4
                                   WHEN 'ces' THEN r.value >= 5 ELSE 0 END) AS top,
                   sum(m.code = 'nps' AND r.value <= 6) AS bottom
            FROM responses r JOIN survey_metrics m ON m.id = r.metric_id
            WHERE r.workshop_id = ? GROUP BY 1, 2, 3""",
        [workshop_id],
    ):
        out[(r["period"], r["touchpoint_id"], r["metric_id"])] = calc.Stats(
            r["n"], r["total"], r["squares"], r["top"], r["bottom"]
        )
    for a in store.rows("SELECT * FROM response_aggregates WHERE workshop_id = ?", [workshop_id]):
        key = (calc.period_of(a["period_on"], granularity), a["touchpoint_id"], a["metric_id"])
        stats = calc.Stats.aggregated(
            a["n"], a["mean"], sd=a["sd"], top_share=a["top_share"], bottom_share=a["bottom_share"]
        )
        out[key] = out[key] + stats if key in out else stats
    return out


def periods(workshop_id: int) -> list[str]:
    """Every period with a measurement, oldest first."""
    return sorted({p for p, _, _ in cells(workshop_id)})


def figures(workshop_id: int) -> dict[tuple, calc.Figure]:
    """Every cell's figure under the rules of honesty (shared per change: do not change it)."""
    return _cache.get(("figures", *signature(workshop_id)), lambda: _figures(workshop_id))


def _figures(workshop_id: int) -> dict[tuple, calc.Figure]:
    defs = {m["id"]: definition(m) for m in metrics(workshop_id)}
    return {
        key: calc.figure(defs[key[2]], stats)
        for key, stats in cells(workshop_id).items()
        if key[2] in defs
    }


def changes(workshop_id: int) -> dict[tuple, calc.Change]:
    """Each cell's change from the period before it (cells with a previous period only)."""
    return _cache.get(("changes", *signature(workshop_id)), lambda: _changes(workshop_id))


def _changes(workshop_id: int) -> dict[tuple, calc.Change]:
    defs = {m["id"]: definition(m) for m in metrics(workshop_id)}
    found = cells(workshop_id)
    order = periods(workshop_id)
    out = {}
    for (period, tp, mid), stats in found.items():
        at = order.index(period)
        before = found.get((order[at - 1], tp, mid)) if at else None
        if before is not None and mid in defs:
            out[(period, tp, mid)] = calc.change(defs[mid], before, stats)
    return out


def driver_analysis(
    workshop_id: int, metric_id: int, outcome_id: int, chosen: tuple[str, ...] = ()
) -> tuple[drivers.Drivers, int]:
    """The driver analysis of ``metric_id`` at the touchpoints against ``outcome_id`` about the
    company (``metrics.drivers``) and how many respondents answered the outcome (once per change)."""
    key = ("drivers", *signature(workshop_id), metric_id, outcome_id, chosen)

    def compute():
        answers, outcome = respondents(workshop_id, metric_id, outcome_id, chosen)
        return drivers.drivers(answers, outcome), len(outcome)

    return _cache.get(key, compute)


def respondents(
    workshop_id: int, metric_id: int, outcome_id: int, chosen: tuple[str, ...] = ()
) -> tuple[pd.DataFrame, pd.Series]:
    """Respondent-level data for the driver analysis: (respondent × touchpoint satisfaction on
    ``metric_id``, the respondent's outcome on ``outcome_id`` about the company as a whole), for
    the periods ``chosen`` (all with none). A respondent's several answers are averaged."""
    key = ("respondents", *signature(workshop_id), metric_id, outcome_id, chosen)
    return _cache.get(key, lambda: _respondents(workshop_id, metric_id, outcome_id, chosen))


def _respondents(workshop_id: int, metric_id: int, outcome_id: int, chosen: tuple[str, ...]):
    expr = _period_sql(settings(workshop_id)["granularity"], "answered_on")
    where = f" AND {expr} IN ({store.marks(chosen)})" if chosen else ""
    raw = pd.DataFrame(store.rows(
        f"""SELECT respondent, touchpoint_id, metric_id, avg(value) AS value FROM responses
            WHERE workshop_id = ? AND respondent <> '' AND metric_id IN (?, ?){where}
            GROUP BY respondent, touchpoint_id, metric_id""",
        [workshop_id, metric_id, outcome_id, *chosen]),
        columns=["respondent", "touchpoint_id", "metric_id", "value"])  # fmt: skip
    answers = raw[(raw["metric_id"] == metric_id) & raw["touchpoint_id"].notna()]
    outcome = raw[(raw["metric_id"] == outcome_id) & raw["touchpoint_id"].isna()]
    wide = answers.pivot_table(
        index="respondent", columns="touchpoint_id", values="value", aggfunc="mean"
    )
    wide.columns = [int(c) for c in wide.columns]
    return wide, outcome.set_index("respondent")["value"]
