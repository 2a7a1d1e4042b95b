"""Section "CEM-Innovation": the prioritised touchpoints, their innovation potential and brand
promise, the check of experience qualities and success factors (typed by the facilitator or
rated live by the room) and the heat table with the weakest cells first."""

from __future__ import annotations

import pyarrow as pa
import streamlit as st

from cemworkshop import innovation, touchpoints
from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.innovation_check import KIND as CHECK
from cemworkshop.rounds.innovation_check import criterion_labels, heat_results
from cemworkshop.rounds.touchpoint_scoring import prioritised_touchpoints
from pages.common.charts import fetched
from pages.common.forms import attempt, saved
from pages.common.layout import opened
from pages.common.rounds import draw_results, may_open, past_results
from pages.common.tables import built_from
from pages.common.text import lang, number, t

HALF_POINTS = [x / 2 for x in range(2, 11)]  # 1, 1.5 … 5


def render(workshop: dict) -> None:
    wid = workshop["id"]
    st.caption(t("innovation.intro"))
    chosen = fetched(innovation.chosen, wid)
    _choose(wid, chosen)
    if not chosen:
        st.info(t("innovation.none_chosen"))
        return
    values = fetched(innovation.scores, wid)
    _heat(wid, chosen, values)
    _edit(wid, chosen, values)
    _live(wid, chosen)


def _choose(workshop_id: int, chosen: list[dict]) -> None:
    tps = fetched(touchpoints.touchpoints, workshop_id)
    names = built_from(tps, "innovation.names", lambda: {tp["id"]: tp["name"] for tp in tps})
    now = [c["touchpoint_id"] for c in chosen]
    with st.form("innovation_choose"):
        picked = st.multiselect(
            t("innovation.chosen"), list(names),
            default=now or fetched(prioritised_touchpoints, workshop_id)[:6],
            format_func=names.get, placeholder=t("widget.choose"), key="innovation_touchpoints",
            help=t("innovation.chosen_help"),
        )  # fmt: skip
        if st.form_submit_button(t("innovation.save_chosen")) and attempt(
            innovation.choose, workshop_id, picked
        ):
            saved(t("innovation.chosen_saved"))
            st.rerun()


def _edit(workshop_id: int, chosen: list[dict], values: dict) -> None:
    """One touchpoint at a time: its potential, brand promise and every criterion (1–5 in
    half points, empty = not rated), saved together. Drawn only while open (a rerun on
    opening): its twenty select boxes cost more than the rest of the section."""
    # open at first while nothing is rated; kept as first drawn (a changed ``expanded`` would
    # make it a new expander and close it after the first save)
    first = st.session_state.setdefault("innovation_edit_first_open", not values)
    box = opened(t("innovation.edit_title"), key="innovation_edit_box", expanded=first)
    if box is None:
        return
    with box:
        _edit_form(workshop_id, chosen, values)


def _edit_form(workshop_id: int, chosen: list[dict], values: dict) -> None:
    st.caption(t("innovation.potential_help") + " " + t("innovation.check_help"))
    names = {c["touchpoint_id"]: c["name"] for c in chosen}
    tp = st.selectbox(
        t("innovation.touchpoint"), list(names), format_func=names.get, key="innovation_edit_tp"
    )
    now = next(c for c in chosen if c["touchpoint_id"] == tp)
    labels = criterion_labels(lang())
    depths, points = [None, 1, 2, 3, 4, 5], [None, *HALF_POINTS]
    # every option's label written once, not once per select box and option
    shown = {v: t("innovation.not_rated") if v is None else number(v, 1)
             for v in (*depths, *points)}.get  # fmt: skip

    k = f"innovation_edit_{tp}"
    with st.form(k):
        offer_col, event_col, promise_col = st.columns(3)
        offer = offer_col.selectbox(
            t("field.offer_depth"), depths, index=depths.index(now["offer_depth"]),
            format_func=shown, key=f"{k}_offer",
        )  # fmt: skip
        event = event_col.selectbox(
            t("field.event_depth"), depths, index=depths.index(now["event_depth"]),
            format_func=shown, key=f"{k}_event",
        )  # fmt: skip
        promises = [None, *innovation.PROMISE]
        promise_names = {p: t("innovation.not_rated") if p is None else t(f"innovation.promise_{p}")
                         for p in promises}  # fmt: skip
        promise = promise_col.selectbox(
            t("innovation.brand_promise"), promises, index=promises.index(now["brand_promise"]),
            format_func=promise_names.get, key=f"{k}_promise",
        )  # fmt: skip
        entered = {}
        for title, criteria in ((t("innovation.qualities"), innovation.QUALITIES),
                                (t("innovation.factors"), innovation.FACTORS)):  # fmt: skip
            st.markdown(f"**{title}**")
            cols = st.columns(4)
            for n, c in enumerate(criteria):
                now_value = values.get((tp, c))
                entered[(tp, c)] = cols[n % 4].selectbox(
                    labels[c], points, index=points.index(now_value) if now_value in points else 0,
                    format_func=shown, key=f"{k}_{c}",
                )  # fmt: skip
        if st.form_submit_button(t("innovation.save_check"), type="primary") and attempt(
            innovation.save_touchpoint, workshop_id, tp, offer_depth=offer, event_depth=event,
            brand_promise=promise, values=entered,
        ):  # fmt: skip
            saved(t("innovation.check_saved"))
            st.rerun()


def _heat(workshop_id: int, chosen: list[dict], values: dict) -> None:
    promise = {p: t(f"innovation.promise_{p}") for p in innovation.PROMISE}
    st.dataframe(
        pa.table(
            {
                t("innovation.touchpoint"): [str(c["name"]) for c in chosen],
                t("field.offer_depth"): [str(c["offer_depth"] or "–") for c in chosen],
                t("field.event_depth"): [str(c["event_depth"] or "–") for c in chosen],
                t("innovation.brand_promise"): [
                    str(promise.get(c["brand_promise"], "–")) for c in chosen
                ],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    table = fetched(innovation.heat, workshop_id, values)
    if table.empty:
        st.info(t("innovation.no_values"))
        return
    order = [c["name"] for c in chosen]
    language = lang()
    found = built_from(
        table, ("innovation.heat", tuple(order), language),
        lambda: heat_results(table, criterion_labels(language), order, language, "desk"),
    )  # fmt: skip
    draw_results(found, layout="desk")


def _live(workshop_id: int, chosen: list[dict]) -> None:
    st.subheader(t("innovation.live_title"))
    labels = criterion_labels(lang())
    if may_open(workshop_id, CHECK.name, "innovation.running"):
        with st.form("innovation_live"):
            criteria = st.multiselect(
                t("innovation.live_criteria"), list(innovation.CRITERIA),
                default=list(innovation.FACTORS), format_func=labels.get,
                placeholder=t("widget.choose"), key="innovation_live_criteria",
            )  # fmt: skip
            if st.form_submit_button(t("innovation.start"), type="primary") and attempt(
                lifecycle.open_round, workshop_id, CHECK.name, hide_results=True,
                title=t("innovation.round_title"),
                touchpoint_ids=[c["touchpoint_id"] for c in chosen], criteria=criteria,
            ):  # fmt: skip
                st.rerun()
    rnd = past_results(workshop_id, CHECK.name, "innovation")
    if rnd is not None and rnd["status"] == "closed":
        if st.button(t("innovation.apply"), key=f"innovation_apply_{rnd['id']}"):
            count = innovation.apply_round_means(workshop_id, CHECK.means(rnd["id"]))
            saved(t("innovation.applied", count=count))
            st.rerun()
