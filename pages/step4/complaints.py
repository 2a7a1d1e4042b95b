"""Section "Beschwerden": the complaint log along ISO 10002 — received, acknowledged, in
investigation, answered, closed (reopening allowed), the time of every step, first-contact
resolution and whether upheld, a linked measure — and the import of a ticket system's CSV with
a preview before anything is written."""

from __future__ import annotations

from datetime import date, datetime

import pyarrow as pa
import streamlit as st

from cemworkshop import complaints, formats, priorities, touchpoints
from cemworkshop.validation import ValidationError
from pages.common.charts import fetched
from pages.common.forms import attempt, saved
from pages.common.layout import opened
from pages.common.tables import built_from, desk_grid
from pages.common.text import lang, local_moment, md, t
from pages.step4 import complaint_import

STEP_NAMES = [f"compl.status.{s}" for s in complaints.STEPS]


def render(workshop: dict) -> None:
    wid = workshop["id"]
    st.caption(t("compl.intro"))
    # read once per change of the database (shared: never changed here)
    found = fetched(complaints.complaints, wid)
    causes = fetched(complaints.causes, wid)
    # the tools are drawn only while open: the new complaint's form at first while none is logged
    box = opened(t("compl.import_title"), key="compl_import_box")
    if box is not None:
        with box:
            complaint_import.upload(wid)
    box = opened(t("compl.new_title"), key="compl_new_box", expanded=not found)
    if box is not None:
        with box:
            _log_form(wid, causes)
    box = opened(t("compl.causes_title"), key="compl_causes_box", expanded=not causes)
    if box is not None:
        with box:
            _causes(wid, causes)
    if not found:
        st.info(t("compl.empty"))
        return
    names = {s: t(f"compl.status.{s}") for s in complaints.STEPS}
    status = st.multiselect(t("field.status"), list(complaints.STEPS), format_func=names.get,
                            key="compl_filter", placeholder=t("plan.all"))  # fmt: skip
    rows = [c for c in found if c["status"] in status] if status else found
    language = lang()
    if rows:
        shown = built_from(found, ("complaints", wid, language, tuple(status)),
                           lambda: _grid(rows, names, language))  # fmt: skip
        desk_grid(shown, {})
    else:
        st.info(t("filter.nothing"))
    labels = built_from(found, ("complaint_labels", wid, language, tuple(status)), lambda: {
        c["id"]: f"{c['ref']} · {names[c['status']]} · {c['description'][:60]}" for c in rows
    })  # fmt: skip
    by_id = built_from(found, "complaints_by_id", lambda: {c["id"]: c for c in found})
    _advance(wid, by_id, names, labels)


def _grid(rows: list[dict], names: dict, language: str) -> pa.Table:
    """The log as the grid shows it (made once per change of the log, filter and language)."""
    yes_no = {1: t("compl.yes"), 0: t("compl.no"), None: "–"}
    return pa.table(
        {
            "ID": [c["ref"] for c in rows],
            t("compl.received"): [_moment(c["received_at"], language) for c in rows],
            t("compl.channel"): [c["channel"] or "–" for c in rows],
            t("compl.touchpoint"): [c["touchpoint"] or "–" for c in rows],
            t("compl.cause"): [c["cause"] or "–" for c in rows],
            t("compl.severity"): [str(c["severity"]) for c in rows],
            t("field.status"): [names[c["status"]] + (f" ↺{c['reopened']}" if c["reopened"] else "") for c in rows],
            t("field.owner"): [c["owner"] or "–" for c in rows],
            t("compl.first_contact"): [yes_no[c["first_contact"]] for c in rows],
            t("compl.upheld"): [yes_no[c["upheld"]] for c in rows],
            t("compl.description"): [c["description"] for c in rows],
        }
    )  # fmt: skip


def _moment(stamp: str, language: str) -> str:
    """``local_moment`` for a whole column: the language looked up once."""
    return f"{formats.day(stamp[:10], language)} {stamp[11:16]}".strip()


def _log_form(workshop_id: int, causes: list[dict]) -> None:
    tps = fetched(touchpoints.names, workshop_id)
    tp_labels = {None: t("records.none"), **tps}
    with st.form("compl_new"):
        a, b, c, d = st.columns(4)
        day = a.text_input(t("compl.received"), value=formats.day(date.today(), lang()),
                           key="compl_new_day", help=t("compl.received_help"))  # fmt: skip
        channel = b.text_input(t("compl.channel"), key="compl_new_channel")
        tp = c.selectbox(
            t("compl.touchpoint"), [None, *tps], format_func=tp_labels.get, key="compl_new_tp"
        )
        severity = d.selectbox(t("compl.severity"), [1, 2, 3], index=1, key="compl_new_sev",
                               help=t("compl.severity_help"))  # fmt: skip
        cause = st.selectbox(t("compl.cause"), [c["name"] for c in causes],
                             key="compl_new_cause", accept_new_options=True,
                             help=t("compl.cause_help"))  # fmt: skip
        description = st.text_area(t("compl.description"), key="compl_new_text", height=80)
        e, f = st.columns(2)
        remedy = e.text_input(t("compl.remedy"), key="compl_new_remedy")
        owner = f.text_input(t("field.owner"), key="compl_new_owner")
        if st.form_submit_button(t("compl.log"), type="primary") and attempt(
            _log, workshop_id, received_at=day, channel=channel, touchpoint_id=tp,
            cause=cause or "", severity=severity, description=description, remedy=remedy, owner=owner,
        ):  # fmt: skip
            for key in ("compl_new_text", "compl_new_remedy", "compl_new_channel"):
                st.session_state.pop(key, None)
            saved(t("compl.logged"))
            st.rerun()


def _causes(workshop_id: int, causes: list[dict]) -> None:
    """The cause categories: add one, or rename one (its complaints keep it)."""
    found = {c["id"]: c["name"] for c in causes}
    st.caption(t("compl.causes_help", names=md(", ".join(found.values()) or "–")))
    with st.form("compl_cause_new", border=False):
        name = st.text_input(t("compl.cause_new"), key="compl_cause_name", max_chars=60)
        if st.form_submit_button(t("records.add_button")) and attempt(
            complaints.add_cause, workshop_id, name
        ):
            st.session_state.pop("compl_cause_name", None)
            saved(t("records.saved", name=md(name.strip())))
            st.rerun()
    if found:
        with st.form("compl_cause_rename", border=False):
            a, b = st.columns(2)
            cause = a.selectbox(
                t("compl.cause"), list(found), format_func=found.get, key="compl_cause_pick"
            )
            new = b.text_input(t("compl.cause_rename"), key="compl_cause_to", max_chars=60)
            if st.form_submit_button(t("compl.rename")) and attempt(
                complaints.rename_cause, workshop_id, cause, new
            ):
                st.session_state.pop("compl_cause_to", None)
                saved(t("records.saved", name=md(new.strip())))
                st.rerun()


def _log(workshop_id: int, *, received_at: str, **values) -> None:
    """The date as the reader's language writes it; today's complaint gets the time of now."""
    day = formats.parse_day(received_at, lang(), field="received_at")
    if day is None:
        raise ValidationError("complaint_needs_date")
    when = datetime.now() if day == date.today().isoformat() else day
    complaints.log(workshop_id, received_at=when, **values)


def _advance(workshop_id: int, by_id: dict[int, dict], names: dict, labels: dict) -> None:
    st.subheader(t("compl.next_title"))
    picked = st.selectbox(t("compl.pick"), list(labels), format_func=labels.get, key="compl_pick")
    if picked is None:  # none in the filter
        return
    c = by_id[picked]
    stamps = [f"{names[s]}: {local_moment(c[complaints.STAMPS[s]]) if c[complaints.STAMPS[s]] else '–'}"
              for s in complaints.STEPS[1:]]  # fmt: skip
    st.caption(f"{names['received']}: {local_moment(c['received_at'])} · " + " · ".join(stamps))
    at = complaints.STEPS.index(c["status"])
    if c["status"] == "closed":
        if st.button(t("compl.reopen"), key=f"compl_reopen_{c['id']}") and attempt(
            complaints.advance, workshop_id, c["id"], "in_investigation"
        ):
            saved(t("compl.reopened"))
            st.rerun()
    elif c["status"] == "answered":
        with st.form(f"compl_close_{c['id']}"):
            first = st.radio(t("compl.first_contact"), [True, False], horizontal=True,
                             format_func=lambda v: t("compl.yes") if v else t("compl.no"), key="compl_first")  # fmt: skip
            upheld = st.radio(t("compl.upheld"), [True, False, None], horizontal=True, key="compl_upheld",
                              format_func=lambda v: {True: t("compl.yes"), False: t("compl.no"), None: "–"}[v])  # fmt: skip
            if st.form_submit_button(t("compl.close"), type="primary") and attempt(
                complaints.close, workshop_id, c["id"], first_contact=first, upheld=upheld
            ):
                saved(t("compl.closed"))
                st.rerun()
    else:
        nxt = complaints.STEPS[at + 1]
        if st.button(
            t("compl.to_step", step=names[nxt]), key=f"compl_next_{c['id']}", type="primary"
        ) and attempt(complaints.advance, workshop_id, c["id"], nxt):
            saved(t("compl.moved", step=names[nxt]))
            st.rerun()
    measures = fetched(priorities.candidate_titles, workshop_id)
    options = [None, *measures]
    m_labels = {None: t("records.none"), **measures}
    chosen = st.selectbox(t("compl.measure"), options, format_func=m_labels.get, key=f"compl_measure_{c['id']}",
                          index=options.index(c["measure_id"]) if c["measure_id"] in measures else 0)  # fmt: skip
    if chosen != c["measure_id"] and attempt(complaints.link_measure, workshop_id, c["id"], chosen):
        saved(t("compl.linked", measure=md(m_labels[chosen])))
        st.rerun()
