"""Section "Trends": a metric over the periods, one line per touchpoint (or the company as a
whole), the target drawn in, the 95 % interval of small samples as a bar; hidden values
(n < 5) leave a gap. Below the chart the same figures as text."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from cemworkshop import barometer, success, touchpoints
from cemworkshop.charts.barometer import trend_chart
from cemworkshop.metrics.barometer import HIDE_BELOW
from cemworkshop.rounds.base import Table
from pages.common.charts import chart_spec
from pages.common.tables import table
from pages.common.text import lang, t
from pages.step5.figures import label, shown_value

MAX_LINES = 6


def render(workshop: dict) -> None:
    wid = workshop["id"]
    st.caption(t("trends.intro"))
    order = barometer.periods(wid)
    if not order:
        st.info(t("baro.empty"))
        return
    metrics = {m["id"]: m for m in barometer.metrics(wid)}
    figs = barometer.figures(wid)
    measured = [mid for mid in metrics if any(k[2] == mid for k in figs)]
    a, b = st.columns([1, 2])
    mid = a.selectbox(
        t("baro.metric"),
        measured,
        format_func={i: label(metrics[i]) for i in measured}.get,
        key="trend_metric",
    )
    names = {tp["id"]: tp["name"] for tp in touchpoints.touchpoints(wid)}
    series = sorted(
        {k[1] for k in figs if k[2] == mid},
        key=lambda s: (s is not None, list(names).index(s) if s in names else 0),
    )
    counts = {s: sum(figs[k].n for k in figs if k[2] == mid and k[1] == s) for s in series}
    default = sorted(series, key=lambda s: -counts[s])[:4]
    overall = t("baro.overall")
    naming = {s: names.get(s, overall) if s is not None else overall for s in series}.get
    chosen = b.multiselect(t("trends.series"), series, default=default, format_func=naming,
                           key=f"trend_series_{mid}", max_selections=MAX_LINES)  # fmt: skip
    if not chosen:
        st.info(t("trends.pick"))
        return
    m = metrics[mid]
    kpi_targets = _kpi_targets(wid, mid)
    rows = []
    for s in chosen:
        for p in order:
            fig = figs.get((p, s, mid))
            if fig is None or fig.status == "hidden":
                continue
            small = fig.status == "small" and not math.isnan(fig.low)
            rows.append({"period": p, "series": naming(s), "value": round(fig.value, 2), "n": fig.n,
                         "low": round(fig.low, 2) if small else None, "high": round(fig.high, 2) if small else None,
                         "target": kpi_targets.get((s, p), m["target"])})  # fmt: skip
    if rows:
        text = {"period": t("baro.period"), "value": m["name"], "series": t("baro.touchpoint"),
                "target": t("trends.target"), "n": "n", "low": t("trends.low"), "high": t("trends.high")}  # fmt: skip
        st.vega_lite_chart(chart_spec(trend_chart, rows, text=text, lang=lang()), width="stretch")
        legend = t("trends.legend", n=HIDE_BELOW)
        if kpi_targets:
            legend += " " + t("trends.kpi_target")
        elif m["target"] is None:
            legend += " " + t("trends.no_target")
        st.caption(legend)
    else:
        st.info(t("trends.all_hidden", n=HIDE_BELOW))
    data = pd.DataFrame(
        {t("baro.touchpoint"): [naming(s) for s in chosen],
         **{p: [shown_value(m, figs[(p, s, mid)]) + f" (n={figs[(p, s, mid)].n})" if (p, s, mid) in figs else "–"
                for s in chosen] for p in order}}
    )  # fmt: skip
    table(Table("", "", data, columns={p: "figure" for p in order}), big=False)


def _kpi_targets(workshop_id: int, metric_id: int) -> dict[tuple, float]:
    """(touchpoint or None, period) → the target valid then, for a series a KPI of the strategy
    reads by its headline: the KPI's target (with its history) replaces the metric's."""
    out = {}
    for k in success.kpi_series(workshop_id):
        src = k["source"]
        if src and src["metric_id"] == metric_id and src["reading"] == "headline":
            for p in k["points"]:
                out[(src["touchpoint_id"], p["period"])] = p["target"]
    return out
