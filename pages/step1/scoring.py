"""Section "Experience 360°": the live touchpoint scoring round and the results of past rounds."""

from __future__ import annotations

import streamlit as st

from cemworkshop import touchpoints, workshops
from cemworkshop.metrics.ipa import CROSSHAIRS
from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.touchpoint_scoring import KIND
from cemworkshop.validation import ValidationError
from pages.common.rounds import past_results
from pages.common.text import error_text, t


def render(workshop: dict) -> None:
    wid = workshop["id"]
    if lifecycle.current_round(wid) is None:  # a running round is steered from the bar above
        _new_round(wid)
    past_results(wid, KIND.name, "round", settings=lambda: _analysis_settings(wid))


def _new_round(workshop_id: int) -> None:
    tps = touchpoints.touchpoints(workshop_id)
    if not tps:
        st.info(t("tp.empty"))
        return
    names = {tp["id"]: tp["name"] for tp in tps}
    with st.form("round_new"):
        st.subheader(t("round.new_title"))
        title = st.text_input(
            t("round.title_field"), value=t("round.default_title"), key="round_title"
        )
        chosen = st.multiselect(
            t("round.choose"),
            list(names),
            default=list(names),
            format_func=names.get,
            placeholder=t("widget.choose"),
            key="round_touchpoints",
        )
        competitor = st.checkbox(t("round.with_competitor"), key="round_competitor")
        hide = st.checkbox(t("round.hide_results"), value=True, key="round_hide")
        if st.form_submit_button(t("round.start"), type="primary"):
            try:
                lifecycle.open_round(
                    workshop_id,
                    KIND.name,
                    title=title,
                    hide_results=hide,
                    touchpoint_ids=chosen,
                    with_competitor=competitor,
                )
                st.rerun()
            except ValidationError as err:
                st.error(error_text(err))


def _analysis_settings(workshop_id: int) -> None:
    """Where the matrix's crosshair sits and whether the diagonal is drawn: for every screen
    of the workshop, the presenter included."""
    now = workshops.analysis_settings(workshop_id)
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    rule = left.segmented_control(
        t("round.crosshair"),
        list(CROSSHAIRS),
        default=now["crosshair"],
        format_func=lambda c: t(f"round.crosshair_{c}"),
        key=f"round_crosshair_{now['crosshair']}",
    )
    diagonal = right.checkbox(
        t("round.diagonal"), value=now["diagonal"], key=f"round_diagonal_{now['diagonal']}"
    )
    if (rule or now["crosshair"], diagonal) != (now["crosshair"], now["diagonal"]):
        workshops.set_analysis_settings(
            workshop_id, crosshair=rule or now["crosshair"], diagonal=diagonal
        )
        st.rerun()
