"""Section "Wirkung" (closing the loop): each measure of the action plan with its KPI before
and after its start and whether the change is significant; each touchpoint with its live
score from step 1, its measures from step 4 and its newest quality index — one chain from the
room's score to the index that shows whether it worked."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from cemworkshop import success
from cemworkshop.rounds.base import Table
from pages.common.tables import table
from pages.common.text import day, number, t
from pages.step5.kpis import value_unit


def render(workshop: dict) -> None:
    wid = workshop["id"]
    st.caption(t("loop.intro"))
    _measures(wid)
    _touchpoints(wid)


def _point(p: dict | None, unit: str, partly: bool = False) -> str:
    if not p:
        return "–"
    where = f"{p['period']}, {t('loop.partly')}" if partly else p["period"]
    return f"{value_unit(p['value'], unit, 1)} ({where})"


def _index(before: float, after: float) -> str:
    if math.isnan(before) and math.isnan(after):
        return "–"
    shown = lambda v: "–" if math.isnan(v) else number(v, 0)  # noqa: E731
    return f"{shown(before)} → {shown(after)}"


def _measures(workshop_id: int) -> None:
    st.subheader(t("loop.measures_title"))
    rows = success.loop_measures(workshop_id)
    effect = {"better": t("loop.better"), "worse": t("loop.worse"), "same": t("loop.same"),
              None: "–"}  # fmt: skip
    data = pd.DataFrame({
        t("loop.measure"): [r["title"] for r in rows],
        t("baro.touchpoint"): [r["touchpoint"] or "–" for r in rows],
        t("loop.start"): [day(r["start_on"]) if r["start_on"] else "–" for r in rows],
        t("field.status"): [t(f"plan.status.{r['status']}") for r in rows],
        "KPI": [r["kpi"] or "–" for r in rows],
        t("loop.before"): [_point(r["before"], r["unit"]) for r in rows],
        t("loop.after"): [_point(r["after"], r["unit"], r["partly"]) for r in rows],
        t("loop.effect"): [effect[r["effect"]] + (f" {r['mark']}" if r["mark"] in ("▲", "▼") else
                           (f" ({t('loop.not_significant')})" if r["mark"] == "≈" else "")) for r in rows],
        t("loop.index"): [_index(r["index_before"], r["index_after"]) for r in rows],
    })  # fmt: skip
    table(Table("", t("loop.measures_help"), data, empty=t("loop.no_plan")), big=False, wrap=True)


def _touchpoints(workshop_id: int) -> None:
    st.subheader(t("loop.touchpoints_title"))
    rows = success.loop_touchpoints(workshop_id)
    n = lambda v, d=1: "–" if v is None or math.isnan(v) else number(v, d, fixed=True)  # noqa: E731
    status = lambda s: t(f"plan.status.{s}") if s != "candidate" else t("loop.candidate")  # noqa: E731
    data = pd.DataFrame({
        t("baro.touchpoint"): [r["touchpoint"] for r in rows],
        t("loop.importance"): [n(r["importance"]) for r in rows],
        t("loop.performance"): [n(r["performance"]) for r in rows],
        t("loop.gap"): [n(r["gap"]) for r in rows],
        t("loop.measures"): ["; ".join(f"{m['title']} ({status(m['status'])})" for m in r["measures"]) or "–" for r in rows],
        t("loop.index_now"): [f"{n(r['index'], 0)} ({r['period']})" if r["period"] else "–" for r in rows],
        t("loop.index_change"): [_index(r["index_before"], r["index"]) if r["period"] else "–" for r in rows],
    })  # fmt: skip
    table(
        Table("", t("loop.touchpoints_help"), data, empty=t("loop.no_touchpoints")),
        big=False,
        wrap=True,
    )
