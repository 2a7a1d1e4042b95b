"""Section "Maßnahmenkandidaten": every candidate measure with its origin (a memory voted in
step 2, a worksheet idea of step 3, or added here), its touchpoint and dots, the strategy KPI it
should move, the expected effect and how sure the room is (confidence)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cemworkshop import kpis, priorities, touchpoints
from cemworkshop.metrics import priority
from pages.common.charts import fetched
from pages.common.forms import attempt, attempt_versioned, opened_version, saved
from pages.common.records import NEW
from pages.common.tables import built_from, desk_grid, grid
from pages.common.text import lang, md, t


def render(workshop: dict) -> None:
    wid = workshop["id"]
    st.caption(t("cand.intro"))
    # read once per change of the database; the grid and the picker made once per read
    found = fetched(priorities.candidates, wid)
    tps = fetched(touchpoints.names, wid)
    kpi_names = fetched(_kpi_names, wid)
    language = lang()
    columns = {t("cand.dots"): "figure", t("cand.in_plan"): "check"}
    if found:
        desk_grid(built_from(found, ("cand.grid", language), lambda: grid(_data(found))), columns)
    else:
        st.info(t("cand.none"))
    by_id, labels = built_from(found, ("cand.pick", language), lambda: _picking(found))
    picked = st.selectbox(t("records.pick"), list(labels), format_func=labels.get, key="cand_pick")
    _form(wid, by_id.get(picked), tps, kpi_names)


def _kpi_names(workshop_id: int) -> dict[int, str]:
    return {k["id"]: k["name"] for k in kpis.kpis(workshop_id)}


def _data(found: list[dict]) -> pd.DataFrame:
    origins = {o: t(f"cand.origin.{o}") for o in priorities.ORIGINS}
    return pd.DataFrame(
        {
            t("cand.title"): [m["title"] for m in found],
            t("cand.touchpoint"): [m["touchpoint"] or "–" for m in found],
            t("cand.origin"): [origins[m["origin"]] for m in found],
            t("cand.dots"): [str(m["dots"]) for m in found],
            t("cand.kpi"): [m["kpi"] or "–" for m in found],
            t("cand.effect"): [m["expected_effect"] or "–" for m in found],
            t("cand.confidence"): [f"{m['confidence']} %" if m["confidence"] else "–" for m in found],
            t("cand.in_plan"): [m["selected"] for m in found],
        }
    )  # fmt: skip


def _picking(found: list[dict]) -> tuple[dict, dict]:
    """(candidates by id, the picker's labels: a new one first)."""
    by_id = {m["id"]: m for m in found}
    return by_id, {NEW: t("cand.add"), **{i: m["title"] for i, m in by_id.items()}}


def _form(workshop_id: int, m: dict | None, tps: dict, kpi_names: dict) -> None:
    k = f"cand_{m['id'] if m else 'new'}"
    version = opened_version(k, m["version"]) if m else None
    tp_options, kpi_options = [None, *tps], [None, *kpi_names]
    conf_options = [None, *priority.CONFIDENCES]
    tp_labels = {None: t("records.none"), **tps}
    kpi_labels = {None: t("records.none"), **kpi_names}
    conf_labels = {None: t("cand.confidence_none"), **{c: f"{c} %" for c in priority.CONFIDENCES}}
    with st.form(k):
        title = st.text_input(t("cand.title"), value=m["title"] if m else "", key=f"{k}_title",
                              max_chars=280, placeholder=t("cand.title_example"))  # fmt: skip
        a, b, c = st.columns([2, 2, 1])
        tp = a.selectbox(t("cand.touchpoint"), tp_options, format_func=tp_labels.get, key=f"{k}_tp",
                         index=tp_options.index(m["touchpoint_id"]) if m and m["touchpoint_id"] in tps else 0)  # fmt: skip
        kpi = b.selectbox(t("cand.kpi"), kpi_options, format_func=kpi_labels.get, key=f"{k}_kpi",
                          index=kpi_options.index(m["kpi_id"]) if m and m["kpi_id"] in kpi_names else 0)  # fmt: skip
        conf = c.selectbox(t("cand.confidence"), conf_options, format_func=conf_labels.get,
                           key=f"{k}_conf", help=t("cand.confidence_help"),
                           index=conf_options.index(m["confidence"]) if m else 0)  # fmt: skip
        effect = st.text_area(t("cand.effect"), value=m["expected_effect"] if m else "",
                              key=f"{k}_effect", height=80, placeholder=t("cand.effect_example"))  # fmt: skip
        left, right = st.columns(2)
        go = left.form_submit_button(
            t("records.save") if m else t("records.add_button"), type="primary"
        )
        gone = right.form_submit_button(t("records.delete")) if m else False
    values = {"touchpoint_id": tp, "kpi_id": kpi, "expected_effect": effect, "confidence": conf}
    if (
        go
        and m
        and attempt_versioned(
            k,
            priorities.update_candidate,
            workshop_id,
            m["id"],
            title=title,
            version=version,
            **values,
        )
    ):
        saved(t("records.saved", name=md(title.strip())))
        st.rerun()
    if go and not m and attempt(priorities.add_candidate, workshop_id, title, **values):
        for key in [x for x in st.session_state if str(x).startswith(f"{k}_")]:
            del st.session_state[key]
        saved(t("records.saved", name=md(title.strip())))
        st.rerun()
    if gone and attempt(priorities.delete_candidate, workshop_id, m["id"]):
        saved(t("records.deleted", name=md(m["title"])))
        st.session_state.pop("cand_pick", None)
        st.rerun()
