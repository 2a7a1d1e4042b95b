"""Section "Treiberanalyse" (Interdependenzen zu Wirkungsgrößen): with respondent-level data,
how strongly each touchpoint's satisfaction goes together with an outcome about the company —
derived importance — against its performance, set beside the importance the room stated in
step 1. Where the two disagree is the finding; the method and its limits are on the screen."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from cemworkshop import barometer, success, touchpoints
from cemworkshop.charts.barometer import driver_chart
from cemworkshop.metrics.drivers import MIN_PAIRS, findings
from cemworkshop.rounds.base import Figure, Table
from pages.common.charts import chart_spec
from pages.common.layout import figures
from pages.common.tables import table
from pages.common.text import lang, md, number, t

FINDINGS = ("hidden_driver", "overrated", "agree", "none")


def render(workshop: dict) -> None:
    wid = workshop["id"]
    st.caption(t("drivers.intro"))
    metrics = {m["id"]: m for m in barometer.metrics(wid)}
    cells = barometer.cells(wid)
    per_tp = sorted({mid for (_, tp, mid) in cells if tp is not None})
    overall = sorted({mid for (_, tp, mid) in cells if tp is None})
    if not per_tp or not overall:
        st.info(t("drivers.empty"))
        return
    a, b, c = st.columns(3)
    sat = a.selectbox(t("drivers.satisfaction"), per_tp, format_func=lambda i: metrics[i]["name"],
                      index=next((per_tp.index(i) for i in per_tp if metrics[i]["code"] == "csat"), 0),
                      key="drivers_sat")  # fmt: skip
    out = b.selectbox(t("drivers.outcome"), overall, format_func=lambda i: metrics[i]["name"],
                      index=next((overall.index(i) for i in overall if metrics[i]["code"] == "nps"), 0),
                      key="drivers_out")  # fmt: skip
    order = barometer.periods(wid)
    chosen = c.multiselect(
        t("drivers.periods"), order, key="drivers_periods", placeholder=t("drivers.all_periods")
    )
    found, respondents = barometer.driver_analysis(wid, sat, out, tuple(sorted(chosen)))
    names = {tp["id"]: tp["name"] for tp in touchpoints.touchpoints(wid)}
    stated = {tp: s["importance"] for tp, s in success.step1_scores(wid).items()}
    verdict = findings(found.rows, stated)
    usable = [r for r in found.rows if not math.isnan(r["r"])]
    figures([
        Figure(t("drivers.respondents"), number(respondents, 0)),
        Figure(t("drivers.analysed"), number(len(usable), 0)),
        Figure("R²", number(found.r2, 2, fixed=True) if not math.isnan(found.r2) else "–"),
        Figure(t("drivers.complete"), number(found.n_complete, 0)),
    ])  # fmt: skip
    if not usable:
        st.info(t("drivers.too_few", n=MIN_PAIRS))
        _method()
        return
    labels = {f: t(f"drivers.finding_{f}") for f in FINDINGS}
    chart_rows = [{"touchpoint": names.get(r["touchpoint"], "?"), "r": round(r["r"], 3),
                   "performance": round(r["performance"], 2), "n": r["n"],
                   "finding": verdict.get(r["touchpoint"], "none")} for r in usable]  # fmt: skip
    text = {"performance": t("drivers.performance", name=metrics[sat]["name"]), "r": t("drivers.r"),
            "touchpoint": t("baro.touchpoint"), "finding": t("drivers.finding"), "n": "n", "findings": labels}  # fmt: skip
    st.vega_lite_chart(
        chart_spec(driver_chart, chart_rows, text=text, lang=lang()), width="stretch"
    )
    hidden = [names.get(tp, "?") for tp, f in verdict.items() if f == "hidden_driver"]
    over = [names.get(tp, "?") for tp, f in verdict.items() if f == "overrated"]
    if hidden:
        st.warning(t("drivers.hidden_found", names=md(", ".join(hidden))))
    if over:
        st.info(t("drivers.overrated_found", names=md(", ".join(over))))
    rows = []
    for r in found.rows:
        s = stated.get(r["touchpoint"])
        rows.append({
            t("baro.touchpoint"): names.get(r["touchpoint"], "?"),
            t("drivers.stated"): number(s, 2, fixed=True) if s is not None and not math.isnan(s) else "–",
            t("drivers.r"): number(r["r"], 2, fixed=True) if not math.isnan(r["r"]) else "–",
            "p": ("< 0,001" if lang() == "de" else "< 0.001") if r["p"] < 0.001 else (number(r["p"], 3, fixed=True) if not math.isnan(r["p"]) else "–"),
            t("drivers.beta"): number(r["beta"], 2, fixed=True) if not math.isnan(r["beta"]) else "–",
            "n": str(r["n"]),
            t("drivers.performance_short"): number(r["performance"], 2, fixed=True) if not math.isnan(r["performance"]) else "–",
            t("drivers.finding"): labels[verdict.get(r["touchpoint"], "none")],
        })  # fmt: skip
    table(Table(t("drivers.table_title"), "", pd.DataFrame(rows)), big=False)
    _method()


def _method() -> None:
    st.markdown(f"**{t('drivers.method_title')}**")
    st.caption(t("drivers.method", n=MIN_PAIRS))
