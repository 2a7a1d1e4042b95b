"""Section "Ideen-Datenbank": ideas from staff, customers and workshops, each moved along
new → in review → accepted → in implementation → done (or rejected with a reason), with its
touchpoint, submitter, innovation programme (customers / employees) and the measure it became.
The facilitator opens it for the phones: participants then send ideas at any time."""

from __future__ import annotations

from collections import Counter

import pandas as pd
import streamlit as st

from cemworkshop import continuous, touchpoints
from cemworkshop.continuous import PIPELINE, PROGRAMMES, SOURCES
from cemworkshop.rounds.base import Figure
from pages.common.charts import fetched
from pages.common.forms import attempt, saved
from pages.common.layout import figures, opened
from pages.common.tables import built_from, desk_grid, grid
from pages.common.text import lang, md, moment, t


def render(workshop: dict) -> None:
    wid = workshop["id"]
    st.caption(t("bank.intro"))
    # read once per change of the database; what is made of it, once per read
    open_now = fetched(continuous.settings, wid)["ideas_open"]
    if (
        st.toggle(
            t("bank.phones_open"), value=open_now, key="bank_open", help=t("bank.phones_help")
        )
        != open_now
    ):
        continuous.allow_phone_ideas(wid, not open_now)
        st.rerun()
    found = fetched(continuous.ideas, wid)
    language = lang()
    names = {s: t(f"bank.status.{s}") for s in PIPELINE}
    counts = built_from(found, "bank.counts", lambda: Counter(i["status"] for i in found))
    figures([Figure(names[s], str(counts[s])) for s in PIPELINE])
    box = opened(t("bank.add_title"), key="bank_add_box", expanded=not found)  # drawn when open
    if box is not None:
        with box:
            _add(wid)
    if not found:
        st.info(t("bank.empty"))
        return
    shown_status = st.multiselect(t("field.status"), list(PIPELINE), format_func=names.get,
                                  key="bank_filter", placeholder=t("plan.all"))  # fmt: skip
    rows = found if not shown_status else built_from(found, ("bank.shown", tuple(shown_status)), lambda: [
        i for i in found if i["status"] in shown_status])  # fmt: skip
    if rows:
        desk_grid(built_from(rows, ("bank.grid", language), lambda: grid(_data(rows, names))), {})
    else:
        st.info(t("filter.nothing"))
    _move(wid, rows, names)


def _data(rows: list[dict], names: dict) -> pd.DataFrame:
    sources = {s: t(f"bank.source.{s}") for s in SOURCES}
    programmes = {p: t(f"bank.programme.{p or 'none'}") for p in PROGRAMMES}
    return pd.DataFrame(
        {
            t("bank.idea"): [i["text"] for i in rows],
            t("bank.touchpoint"): [i["touchpoint"] or "–" for i in rows],
            t("bank.source"): [sources[i["source"]] for i in rows],
            t("bank.programme"): [programmes[i["programme"] or ""] for i in rows],
            t("bank.submitter"): [i["submitter"] or "–" for i in rows],
            t("field.status"): [names[i["status"]] for i in rows],
            t("bank.reason_short"): [i["reject_reason"] or "–" for i in rows],

            t("bank.measure"): [i["measure"] or "–" for i in rows],
            t("bank.created"): [moment(i["created_at"]) for i in rows],
        }
    )  # fmt: skip


def _add(workshop_id: int) -> None:
    tps = fetched(touchpoints.names, workshop_id)
    tp_labels = {None: t("records.none"), **tps}
    with st.form("bank_new"):
        text = st.text_area(t("bank.idea"), key="bank_new_text", max_chars=500, height=80)
        a, b, c, d = st.columns(4)
        tp = a.selectbox(
            t("bank.touchpoint"), [None, *tps], format_func=tp_labels.get, key="bank_new_tp"
        )
        src_labels = {s: t(f"bank.source.{s}") for s in SOURCES}
        source = b.selectbox(
            t("bank.source"), list(SOURCES), format_func=src_labels.get, key="bank_new_source"
        )
        prog_labels = {p: t(f"bank.programme.{p or 'none'}") for p in PROGRAMMES}
        programme = c.selectbox(t("bank.programme"), list(PROGRAMMES), format_func=prog_labels.get,
                                key="bank_new_programme")  # fmt: skip
        submitter = d.text_input(t("bank.submitter"), key="bank_new_submitter")
        if st.form_submit_button(t("records.add_button"), type="primary") and attempt(
            continuous.add_idea, workshop_id, text, touchpoint_id=tp, source=source,
            programme=programme, submitter=submitter,
        ):  # fmt: skip
            for key in ("bank_new_text", "bank_new_submitter"):
                st.session_state.pop(key, None)
            saved(t("bank.added"))
            st.rerun()


def _move(workshop_id: int, rows: list[dict], names: dict) -> None:
    st.subheader(t("bank.move_title"))
    labels = built_from(rows, "bank.labels", lambda: {i["id"]: i["text"][:90] for i in rows})
    with st.form("bank_move"):
        a, b = st.columns([3, 1])
        idea = a.selectbox(
            t("bank.idea"), list(labels), format_func=labels.get, key="bank_move_idea"
        )
        status = b.selectbox(
            t("field.status"), list(PIPELINE), format_func=names.get, key="bank_move_status"
        )
        reason = st.text_input(t("bank.reason"), key="bank_move_reason", max_chars=300,
                               help=t("bank.reason_help"))  # fmt: skip
        left, right = st.columns(2)
        move = left.form_submit_button(t("bank.move"), type="primary")
        measure = right.form_submit_button(t("bank.to_measure"))
    if move and attempt(continuous.move_idea, workshop_id, idea, status, reason=reason):
        st.session_state.pop("bank_move_reason", None)
        saved(t("bank.moved", status=names[status]))
        st.rerun()
    if measure and attempt(continuous.to_measure, workshop_id, idea):
        saved(t("bank.measure_made", idea=md(labels[idea])))
        st.rerun()
