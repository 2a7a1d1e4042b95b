"""Section "CEM-Qualitätsindex": the formula in plain words, the weights of the metrics
(editable, together 100), the index per touchpoint and period and the overall index —
touchpoints weighted by the importance the room gave them in step 1 — against its target."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from cemworkshop import barometer, success, touchpoints
from cemworkshop.charts.barometer import index_chart
from cemworkshop.metrics.barometer import HIDE_BELOW
from cemworkshop.rounds.base import Table
from pages.common.charts import chart_spec
from pages.common.forms import attempt, saved
from pages.common.tables import table
from pages.common.text import lang, number, t


def render(workshop: dict) -> None:
    wid = workshop["id"]
    st.caption(t("index.intro"))
    metrics = barometer.metrics(wid)
    st.markdown(t("index.formula", n=HIDE_BELOW))
    _weights(wid, metrics)
    found = success.index_table(wid)
    target = barometer.settings(wid)["index_target"]
    if not found.touchpoints:
        st.info(t("baro.empty"))
        return
    trend = [
        {"period": p, "value": round(v, 1)} for p, v in found.overall.items() if not math.isnan(v)
    ]
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.subheader(t("index.overall_title"))
        text = {"period": t("baro.period"), "value": t("index.index"), "target": t("index.target")}
        st.vega_lite_chart(
            chart_spec(index_chart, trend, text=text, lang=lang(), target=target), width="stretch"
        )
        st.caption(t("index.target_line", target=number(target, 0)))
    with right:
        unrated = [tp for tp, w in found.importance.items() if w is None]
        names = {tp["id"]: tp["name"] for tp in touchpoints.touchpoints(wid)}
        st.subheader(t("index.weights_title"))
        if found.importance and len(unrated) < len(found.importance):
            st.caption(t("index.importance_from_step1"))
        if unrated:
            st.caption(t("index.unrated", names=", ".join(names.get(tp, "?") for tp in unrated)))
    names = {tp["id"]: tp["name"] for tp in touchpoints.touchpoints(wid)}
    tps = [tp for tp in names if any(tp in per for per in found.touchpoints.values())]
    rows = [{t("baro.touchpoint"): t("index.overall"),
             t("index.importance"): "",
             **{p: _n(found.overall.get(p, math.nan)) for p in found.periods}}]  # fmt: skip
    for tp in tps:
        w = found.importance.get(tp)
        rows.append({t("baro.touchpoint"): names[tp],
                     t("index.importance"): number(w, 2, fixed=True) if w is not None else "–",
                     **{p: _n(found.touchpoints.get(p, {}).get(tp, math.nan)) for p in found.periods}})  # fmt: skip
    table(Table(t("index.table_title"), t("index.table_help", target=number(target, 0)), pd.DataFrame(rows),
                columns={p: "figure" for p in found.periods}), big=False)  # fmt: skip


def _n(value: float) -> str:
    return "–" if math.isnan(value) else number(value, 1, fixed=True)


def _weights(workshop_id: int, metrics: list[dict]) -> None:
    with st.expander(
        t(
            "index.weights_edit",
            weights=" · ".join(
                f"{m['name']} {number(m['weight'], 0)}" for m in metrics if m["weight"]
            ),
        )
    ):
        with st.form("index_weights", border=False):
            cols = st.columns(len(metrics))
            given = {}
            for col, m in zip(cols, metrics, strict=True):
                given[m["id"]] = col.number_input(m["name"], 0.0, 100.0, float(m["weight"]), step=5.0,
                                                  key=f"index_weight_{m['id']}")  # fmt: skip
            st.caption(t("index.weights_help"))
            if st.form_submit_button(t("records.save"), type="primary") and attempt(
                barometer.set_weights, workshop_id, given
            ):
                saved(t("index.weights_saved"))
                st.rerun()
