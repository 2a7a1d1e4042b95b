"""Section "Listung der Touchpoints": the list, adding and editing, phases, CSV import."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import streamlit as st

from cemworkshop import touchpoints
from cemworkshop.exchange.touchpoints import import_touchpoints_csv, plan_import
from cemworkshop.validation import ValidationError
from pages.common.forms import attempt
from pages.common.text import error_text, md, t
from pages.step1 import touchpoint_editor

ADD_FIELDS = ("name", "channel", "department")


def render(workshop: dict) -> None:
    wid = workshop["id"]
    state = st.session_state
    phases = touchpoints.phases(wid)
    tps = touchpoints.touchpoints(wid)
    list_col, side_col = st.columns([7, 3], gap="medium")
    with list_col:
        _touchpoint_list(tps)
    with side_col:
        if state.get(touchpoint_editor.SELECTED) in {tp["id"] for tp in tps}:
            with st.container(border=True):
                touchpoint_editor.render(wid, state[touchpoint_editor.SELECTED], "tpl", phases)
        _add_form(wid, phases)
    with st.expander(t("phase.title")):
        _phase_editor(wid, phases)
    with st.expander(t("import.title")):
        _import(wid)


def _touchpoint_list(tps: list[dict]) -> None:
    state = st.session_state
    st.subheader(t("tp.list_title", count=len(tps)))
    if not tps:
        st.info(t("tp.empty"))
        return
    kinds = touchpoint_editor.kind_labels()
    # the grid straight from its columns, each header translated once (not once per row)
    table = pa.table(
        {
            t("tp.name"): [tp["name"] for tp in tps],
            t("tp.phase"): [tp["phase"] for tp in tps],
            t("tp.channel"): [tp["channel"] for tp in tps],
            t("tp.kind"): [kinds[bool(tp["is_direct"])] for tp in tps],
            t("tp.department_short"): [tp["department"] for tp in tps],
            t("tp.preferred_short"): [bool(tp["customer_preferred"]) for tp in tps],
            t("tp.served_short"): [bool(tp["company_served"]) for tp in tps],
        }
    )
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * len(tps), 640),
        column_config={  # short headers, the long meaning as help: nothing cut off at 1024 px
            t("tp.kind"): st.column_config.TextColumn(width=80),
            t("tp.preferred_short"): st.column_config.CheckboxColumn(
                width=90, help=t("tp.customer_preferred")
            ),
            t("tp.served_short"): st.column_config.CheckboxColumn(
                width=80, help=t("tp.company_served")
            ),
        },
    )
    names = {tp["id"]: tp["name"] for tp in tps}
    chosen = st.selectbox(
        t("tp.choose_to_edit"),
        [None, *names],
        format_func={None: t("tp.choose_placeholder"), **names}.get,
        key="tp_choose",
    )
    if chosen and chosen != state.get("tp_choose_last"):
        state[touchpoint_editor.SELECTED] = chosen
    state["tp_choose_last"] = chosen


def _on_add(workshop_id: int) -> None:
    state = st.session_state
    try:
        touchpoints.add_touchpoint(
            workshop_id,
            state["tp_add_name"],
            phase_id=state["tp_add_phase"],
            channel=state["tp_add_channel"],
            department=state["tp_add_department"],
            is_direct=state["tp_add_direct"],
            customer_preferred=state["tp_add_preferred"],
            company_served=state["tp_add_served"],
        )
    except ValidationError as err:
        state["tp_add_error"] = error_text(err)
        return
    state["tp_add_error"] = None
    state["tp_add_done"] = state["tp_add_name"].strip()
    # Every field back to its start, ready for the next touchpoint.
    for field in ADD_FIELDS:
        state[f"tp_add_{field}"] = ""
    state["tp_add_phase"] = touchpoints.phases(workshop_id)[0]["id"]
    state["tp_add_direct"] = True
    state["tp_add_preferred"] = False
    state["tp_add_served"] = True


def _add_form(workshop_id: int, phases: list[dict]) -> None:
    state = st.session_state
    phase_names = {p["id"]: p["name"] for p in phases}
    with st.form("tp_add"):
        st.subheader(t("tp.add_title"))
        st.text_input(t("tp.name"), key="tp_add_name", placeholder=t("tp.name_placeholder"))
        st.selectbox(
            t("tp.phase"), list(phase_names), format_func=phase_names.get, key="tp_add_phase"
        )
        st.text_input(
            t("tp.channel"), key="tp_add_channel", placeholder=t("tp.channel_placeholder")
        )
        st.text_input(t("tp.department"), key="tp_add_department")
        st.radio(
            t("tp.kind"),
            [True, False],
            format_func=touchpoint_editor.kind_labels().get,
            horizontal=True,
            key="tp_add_direct",
        )
        st.checkbox(t("tp.customer_preferred"), key="tp_add_preferred")
        st.checkbox(t("tp.company_served"), value=True, key="tp_add_served")
        st.form_submit_button(
            t("tp.add_button"), type="primary", on_click=_on_add, args=(workshop_id,)
        )
    if state.get("tp_add_error"):
        st.error(state["tp_add_error"])
    elif state.get("tp_add_done"):
        st.success(t("tp.added", name=md(state.pop("tp_add_done"))))


def _phase_editor(workshop_id: int, phases: list[dict]) -> None:
    st.caption(t("phase.help"))
    for i, phase in enumerate(phases):
        pid = phase["id"]
        name_col, up_col, down_col, del_col = st.columns([5, 1, 1, 1], vertical_alignment="bottom")
        new_name = name_col.text_input(
            t("phase.name", n=i + 1), value=phase["name"], key=f"phase_name_{pid}"
        )
        if new_name != phase["name"] and attempt(
            touchpoints.rename_phase, workshop_id, pid, new_name, version=phase["version"]
        ):
            st.rerun()
        if up_col.button("↑", key=f"phase_up_{pid}", help=t("phase.move_up"), disabled=i == 0):
            touchpoints.move_phase(workshop_id, pid, -1)
            st.rerun()
        last = i == len(phases) - 1
        if down_col.button("↓", key=f"phase_down_{pid}", help=t("phase.move_down"), disabled=last):
            touchpoints.move_phase(workshop_id, pid, 1)
            st.rerun()
        if del_col.button("✕", key=f"phase_del_{pid}", help=t("phase.delete")):
            if attempt(touchpoints.delete_phase, workshop_id, pid):
                st.rerun()
    with st.form("phase_add", border=False):
        new_phase = st.text_input(t("phase.new"), key="phase_add_name")
        if st.form_submit_button(t("phase.add_button")) and attempt(
            touchpoints.add_phase, workshop_id, new_phase
        ):
            st.rerun()


def _import(workshop_id: int) -> None:
    """Upload → preview (add / change / unchanged / refused) → import; nothing before the click."""
    state = st.session_state
    st.markdown(t("import.help"))
    turn = state.setdefault("tp_import_turn", 0)  # a new key empties the uploader
    upload = st.file_uploader(t("import.file"), type=["csv", "txt"], key=f"tp_import_file_{turn}")
    _import_result()
    if upload is None:
        return
    try:
        plan = plan_import(workshop_id, upload.getvalue())
    except ValidationError as err:
        state["tp_import_error"] = error_text(err)
        state["tp_import_turn"] = turn + 1
        st.rerun()
    _preview(plan)
    update = st.checkbox(
        t("import.update_existing", count=plan.count("change")),
        key=f"tp_import_update_{turn}",
        disabled=not plan.count("change"),
    )
    go_col, cancel_col = st.columns(2)
    if go_col.button(t("import.confirm"), key="tp_import_go", type="primary", width="stretch"):
        try:
            state["tp_import_report"] = import_touchpoints_csv(
                workshop_id, upload.getvalue(), update_existing=update
            )
        except ValidationError as err:
            state["tp_import_error"] = error_text(err)
        state["tp_import_turn"] = turn + 1
        st.rerun()
    if cancel_col.button(t("import.cancel"), key="tp_import_cancel", width="stretch"):
        state["tp_import_turn"] = turn + 1
        st.rerun()


def _preview(plan) -> None:
    st.markdown(t("import.preview"))
    st.markdown(
        t("import.counts", **{a: plan.count(a) for a in ("add", "change", "same", "reject")})
    )
    if plan.new_phases:
        st.markdown(t("import.new_phases", names=", ".join(md(p) for p in plan.new_phases)))
    if plan.unknown_columns:
        st.caption(t("import.unknown_columns", columns=md(", ".join(plan.unknown_columns))))
    labels = {c: t(f"field.{c}") for c in ("phase", "channel", "department", "is_direct",
                                            "customer_preferred", "company_served")}  # fmt: skip
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("import.row"): r.row,
                    t("tp.name"): r.name,
                    t("import.action"): t(f"import.action_{r.action}"),
                    t("import.details"): error_text(ValidationError(r.reason[0], **r.reason[1]))
                    if r.reason
                    else ", ".join(labels[c] for c in r.changes),
                }
                for r in plan.rows
            ]
        ),
        hide_index=True,
        width="stretch",
    )


def _import_result() -> None:
    state = st.session_state
    if state.get("tp_import_error"):
        st.error(state.pop("tp_import_error"))
    report = state.pop("tp_import_report", None)
    if report is None:
        return
    if report.added:
        st.success(t("import.added", count=len(report.added)))
    if report.updated:
        st.success(t("import.updated", count=len(report.updated)))
    if report.skipped:
        st.info(t("import.skipped", count=len(report.skipped)))
    if report.rejected:
        st.warning(t("import.rejected", count=len(report.rejected)))
    if not (report.added or report.updated or report.skipped or report.rejected):
        st.info(t("import.nothing"))
