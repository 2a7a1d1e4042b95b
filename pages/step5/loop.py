"""Section "Wirkung" (closing the loop): each measure of the action plan with its KPI before
and after its start and whether the change is significant; each touchpoint with its live
score from step 1, its measures from step 4 and its newest quality index — one chain from the
room's score to the index that shows whether it worked."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import streamlit as st

from cemworkshop import formats, i18n, success
from cemworkshop.rounds.base import Table
from pages.common.charts import fetched
from pages.common.tables import built_from, table
from pages.common.text import lang, t
from pages.step5.kpis import value_unit


def render(workshop: dict) -> None:
    wid = workshop["id"]
    st.caption(t("loop.intro"))
    # read once per change (and day) for every session, each table made once per language
    st.subheader(t("loop.measures_title"))
    _table(fetched(success.loop_measures, wid, date.today()), _measures, "loop.measures_help",
           "loop.no_plan")  # fmt: skip
    st.subheader(t("loop.touchpoints_title"))
    _table(fetched(success.loop_touchpoints, wid), _touchpoints, "loop.touchpoints_help",
           "loop.no_touchpoints")  # fmt: skip


def _table(rows: list[dict], make, help_key: str, empty_key: str) -> None:
    language = lang()
    data = built_from(rows, (f"loop{make.__name__}", language), lambda: make(rows, language))
    table(Table("", t(help_key), data, empty=t(empty_key)), big=False, wrap=True)


def _point(p: dict | None, unit: str, partly: bool, language: str) -> str:
    if not p:
        return "–"
    where = f"{p['period']}, {i18n.translate('loop.partly', language)}" if partly else p["period"]
    return f"{value_unit(p['value'], unit, 1, language)} ({where})"


def _index(before: float, after: float, language: str) -> str:
    if math.isnan(before) and math.isnan(after):
        return "–"
    shown = lambda v: "–" if math.isnan(v) else formats.number(v, language, 0)  # noqa: E731
    return f"{shown(before)} → {shown(after)}"


def _measures(rows: list[dict], language: str) -> pd.DataFrame:
    effect = {"better": t("loop.better"), "worse": t("loop.worse"), "same": t("loop.same"),
              None: "–"}  # fmt: skip
    not_significant = f" ({t('loop.not_significant')})"
    status = {s: t(f"plan.status.{s}") for s in {r["status"] for r in rows}}
    return pd.DataFrame({
        t("loop.measure"): [r["title"] for r in rows],
        t("baro.touchpoint"): [r["touchpoint"] or "–" for r in rows],
        t("loop.start"): [formats.day(r["start_on"], language) if r["start_on"] else "–" for r in rows],
        t("field.status"): [status[r["status"]] for r in rows],
        "KPI": [r["kpi"] or "–" for r in rows],
        t("loop.before"): [_point(r["before"], r["unit"], False, language) for r in rows],
        t("loop.after"): [_point(r["after"], r["unit"], r["partly"], language) for r in rows],
        t("loop.effect"): [effect[r["effect"]] + (f" {r['mark']}" if r["mark"] in ("▲", "▼") else
                           (not_significant if r["mark"] == "≈" else "")) for r in rows],
        t("loop.index"): [_index(r["index_before"], r["index_after"], language) for r in rows],
    })  # fmt: skip


def _touchpoints(rows: list[dict], language: str) -> pd.DataFrame:
    def n(v, d=1) -> str:
        return "–" if v is None or math.isnan(v) else formats.number(v, language, d, fixed=True)

    planned = {m["status"] for r in rows for m in r["measures"]} - {"candidate"}
    said = {s: t(f"plan.status.{s}") for s in planned}
    said["candidate"] = t("loop.candidate")
    status = said.get
    return pd.DataFrame({
        t("baro.touchpoint"): [r["touchpoint"] for r in rows],
        t("loop.importance"): [n(r["importance"]) for r in rows],
        t("loop.performance"): [n(r["performance"]) for r in rows],
        t("loop.gap"): [n(r["gap"]) for r in rows],
        t("loop.measures"): ["; ".join(f"{m['title']} ({status(m['status'])})" for m in r["measures"]) or "–" for r in rows],
        t("loop.index_now"): [f"{n(r['index'], 0)} ({r['period']})" if r["period"] else "–" for r in rows],
        t("loop.index_change"): [_index(r["index_before"], r["index"], language) if r["period"] else "–" for r in rows],
    })  # fmt: skip
