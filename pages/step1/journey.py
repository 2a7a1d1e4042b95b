"""Section "Customer Journey": the journey graph; click a touchpoint to edit it; add and remove paths."""

from __future__ import annotations

import streamlit as st

from cemworkshop import journey, journey_graph, touchpoints
from cemworkshop.validation import ValidationError
from pages.common.charts import fetched
from pages.common.forms import saved
from pages.common.graph import phase_legend
from pages.common.graph import render as draw_graph
from pages.common.text import error_text, t
from pages.step1 import touchpoint_editor


def render(workshop: dict) -> None:
    wid = workshop["id"]
    state = st.session_state
    phases = fetched(touchpoints.phases, wid)
    tps = fetched(touchpoints.touchpoints, wid)
    if not tps:
        st.info(t("tp.empty"))
        return
    paths = fetched(journey.edges, wid)
    st.markdown(phase_legend(phases, t("graph.legend")) + " · " + t("graph.dashed_indirect"))
    graph_col, side_col = st.columns([3, 2], gap="large")
    with graph_col:
        spec = fetched(_graph, wid)  # the same object while nothing was written: drawn as sent
        clicked = journey_graph.touchpoint_for_click(draw_graph(spec), tps)
        if clicked and clicked != state.get("graph_last_click"):
            state[touchpoint_editor.SELECTED] = clicked
        state["graph_last_click"] = clicked
        st.caption(t("graph.help"))
    with side_col:
        if state.get(touchpoint_editor.SELECTED) in {tp["id"] for tp in tps}:
            with st.container(border=True):
                touchpoint_editor.render(wid, state[touchpoint_editor.SELECTED], "tpg", phases)
        else:
            st.info(t("graph.click_hint"))
        _add_path(wid, tps)
        if paths:
            _remove_paths(wid, paths)


def _graph(workshop_id: int) -> journey_graph.GraphSpec:
    """The workshop's journey graph, read and laid out (through ``fetched``: once per write)."""
    return journey_graph.graph_spec(
        fetched(touchpoints.touchpoints, workshop_id),
        fetched(journey.edges, workshop_id),
        fetched(touchpoints.phases, workshop_id),
    )


def _add_path(workshop_id: int, tps: list[dict]) -> None:
    names = {tp["id"]: tp["name"] for tp in tps}
    with st.form("edge_add"):
        st.subheader(t("edge.add_title"))
        source = st.selectbox(t("edge.from"), list(names), format_func=names.get, key="edge_from")
        target = st.selectbox(
            t("edge.to"),
            list(names),
            index=min(1, len(names) - 1),  # never a path from a touchpoint to itself by default
            format_func=names.get,
            key="edge_to",
        )
        if st.form_submit_button(t("edge.add_button"), type="primary"):
            try:
                journey.add_edge(workshop_id, source, target)
                saved(t("edge.added"))
                st.rerun()
            except ValidationError as err:
                st.error(error_text(err))


def _remove_paths(workshop_id: int, paths: list[dict]) -> None:
    with st.form("edge_remove"):
        st.subheader(t("edge.remove_title"))
        labels = {e["id"]: f"{e['source']} → {e['target']}" for e in paths}
        doomed = st.multiselect(
            t("edge.choose"),
            list(labels),
            format_func=labels.get,
            placeholder=t("widget.choose"),
            key="edge_remove_choice",
        )
        if st.form_submit_button(t("edge.remove_button")):
            journey.remove_edges(workshop_id, doomed)
            st.rerun()
