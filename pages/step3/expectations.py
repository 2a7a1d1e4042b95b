"""Section "Erwartungsabgleich": per critical touchpoint what customers expect against what
they experience today — rated live by the room, or taken from step 1's latest round
(importance as expectation, performance as experience); the screen names the source.
Touchpoints ranked by gap with n and spread, the dumbbell chart, where the room disagrees."""

from __future__ import annotations

import streamlit as st

from cemworkshop import expectations, organisation, touchpoints
from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.expectation_gap import KIND as GAP
from cemworkshop.rounds.expectation_gap import gap_results
from pages.common.forms import attempt
from pages.common.rounds import draw_results, may_open, past_results
from pages.common.text import lang, md, t


def render(workshop: dict) -> None:
    wid = workshop["id"]
    st.caption(t("gap.intro"))
    source = organisation.settings(wid)["gap_source"]
    chosen = st.segmented_control(
        t("gap.source"), ["round", "step1"], default=source, key="gap_source",
        format_func={s: t(f"gap.source_{s}") for s in ("round", "step1")}.get,
    ) or source  # fmt: skip
    if chosen != source:
        organisation.set_gap_source(wid, chosen)
        st.rerun()
    if chosen == "round":
        _live(wid)
    found = expectations.view(wid)
    _say_source(found)
    if found.round is None:
        return
    if found.source == "step1":
        result = gap_results(found.summary, found.raters, lang(), "desk")
        if result is None:
            st.info(t("gap.none_yet"))
        else:
            draw_results(result, layout="desk")
        return
    past_results(wid, GAP.name, "gap")


def _say_source(found) -> None:
    if found.round is None:
        st.info(t(f"gap.no_{found.source}"))
        return
    title = md(found.round["title"] or t("round.untitled"))
    st.markdown(
        t(f"gap.from_{found.source}", title=title, raters=found.raters,
          status=t(f"round.status_{found.round['status']}"))
    )  # fmt: skip


def _live(workshop_id: int) -> None:
    if not may_open(workshop_id, GAP.name, "gap.running"):
        return
    names = {tp["id"]: tp["name"] for tp in touchpoints.touchpoints(workshop_id)}
    if not names:
        st.info(t("org.no_touchpoints"))
        return
    with st.form("gap_open"):
        picked = st.multiselect(
            t("gap.touchpoints"), list(names),
            default=expectations.touchpoints_to_assess(workshop_id)[:8], format_func=names.get,
            placeholder=t("widget.choose"), key="gap_touchpoints", help=t("gap.touchpoints_help"),
        )  # fmt: skip
        if st.form_submit_button(t("gap.start"), type="primary") and attempt(
            lifecycle.open_round, workshop_id, GAP.name, hide_results=True,
            title=t("gap.round_title"), touchpoint_ids=picked,
        ):  # fmt: skip
            st.rerun()
