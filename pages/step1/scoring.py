"""Section "Experience 360°": the live touchpoint scoring round and the results of past rounds."""

from __future__ import annotations

import streamlit as st

from cemworkshop import touchpoints
from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.touchpoint_scoring import KIND
from cemworkshop.validation import ValidationError
from pages.common.rounds import show_results
from pages.common.text import error_text, moment, t


def render(workshop: dict) -> None:
    wid = workshop["id"]
    if lifecycle.current_round(wid) is None:  # a running round is steered from the bar above
        _new_round(wid)
    past = lifecycle.list_rounds(wid, KIND.name)
    if past:
        _past_results(wid, past)


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


def _past_results(workshop_id: int, past: list[dict]) -> None:
    st.subheader(t("round.results_title"))
    labels = {
        r["id"]: t(
            "round.list_label",
            title=r["title"] or t("round.untitled"),
            status=t(f"round.status_{r['status']}"),
            submitted=r["submitted"],
            opened=moment(r["opened_at"]),
        )
        for r in past
    }
    shown = st.selectbox(
        t("round.choose_results"), list(labels), format_func=labels.get, key="round_results_choice"
    )
    rnd = lifecycle.get_round(shown)
    if rnd["status"] == "closed" and rnd["hide_results"] and not rnd["revealed"]:
        if st.button(t("round.reveal"), key="round_reveal_closed"):
            lifecycle.reveal_round(workshop_id, rnd["id"])
            st.rerun()
    show_results(rnd, layout="desk")
