"""One touchpoint's editor: beside the list (Listung) and beside the journey graph.

Not a section itself: ``touchpoints.py`` and ``journey.py`` show it for the touchpoint the
facilitator picked (``st.session_state["tp_selected"]``).
"""

from __future__ import annotations

import streamlit as st

from cemworkshop import touchpoints
from pages.common.forms import attempt_versioned, opened_version, saved
from pages.common.text import md, t

SELECTED = "tp_selected"


def kind_labels() -> dict[bool, str]:
    return {True: t("tp.direct"), False: t("tp.indirect")}


def render(workshop_id: int, tp_id: int, prefix: str, phases: list[dict]) -> None:
    """The editor of touchpoint ``tp_id``; ``prefix`` keeps its widget keys apart per place."""
    state = st.session_state
    tp = touchpoints.get_touchpoint(workshop_id, tp_id)
    if tp is None:
        state.pop(SELECTED, None)
        return
    phase_names = {p["id"]: p["name"] for p in phases}
    labels = kind_labels()
    k = f"{prefix}_{tp_id}"
    st.subheader(t("tp.edit_title", name=md(tp["name"])))
    with st.form(f"{k}_form", border=False):
        name = st.text_input(t("tp.name"), value=tp["name"], key=f"{k}_name")
        phase_id = st.selectbox(
            t("tp.phase"),
            list(phase_names),
            index=list(phase_names).index(tp["phase_id"]),
            format_func=phase_names.get,
            key=f"{k}_phase",
        )
        channel = st.text_input(t("tp.channel"), value=tp["channel"], key=f"{k}_channel")
        department = st.text_input(
            t("tp.department"), value=tp["department"], key=f"{k}_department"
        )
        is_direct = st.radio(
            t("tp.kind"),
            [True, False],
            index=0 if tp["is_direct"] else 1,
            format_func=labels.get,
            horizontal=True,
            key=f"{k}_direct",
        )
        preferred = st.checkbox(
            t("tp.customer_preferred"), value=bool(tp["customer_preferred"]), key=f"{k}_preferred"
        )
        served = st.checkbox(
            t("tp.company_served"), value=bool(tp["company_served"]), key=f"{k}_served"
        )
        version = opened_version(f"{k}_form", tp["version"])
        if st.form_submit_button(t("tp.save"), type="primary") and attempt_versioned(
            f"{k}_form",
            touchpoints.update_touchpoint,
            workshop_id,
            tp_id,
            version=version,
            name=name,
            phase_id=phase_id,
            channel=channel,
            department=department,
            is_direct=is_direct,
            customer_preferred=preferred,
            company_served=served,
        ):
            saved(t("tp.saved"))
            st.rerun()
    up, down, close = st.columns(3)
    if up.button(t("tp.move_up"), key=f"{k}_up", width="stretch"):
        touchpoints.move_touchpoint(workshop_id, tp_id, -1)
        st.rerun()
    if down.button(t("tp.move_down"), key=f"{k}_down", width="stretch"):
        touchpoints.move_touchpoint(workshop_id, tp_id, 1)
        st.rerun()
    if close.button(t("tp.close_editor"), key=f"{k}_close", width="stretch"):
        state.pop(SELECTED, None)
        st.rerun()
    with st.expander(t("tp.delete")):
        usage = touchpoints.touchpoint_usage(workshop_id, tp_id)
        st.write(t("tp.delete_warning", edges=usage["edges"], scores=usage["scores"]))
        if st.button(t("tp.delete_button"), key=f"{k}_delete", type="primary"):
            touchpoints.delete_touchpoint(workshop_id, tp_id)
            state.pop(SELECTED, None)
            st.toast(t("tp.deleted", name=md(tp["name"])), icon=":material/delete:")
            st.rerun()
