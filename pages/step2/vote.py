"""Section "Punktabstimmung": the blind dot vote on the memories — its limits while it runs,
the ranked list once revealed, and the top ideas taken over as candidate measures for step 4."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cemworkshop import ideas
from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.dot_vote import KIND as DOT_VOTE
from cemworkshop.rounds.dot_vote import LIMITS
from pages.common.forms import attempt, saved
from pages.common.rounds import past_results
from pages.common.text import t

TOP = 5  # ideas taken over as candidate measures by default


def render(workshop: dict) -> None:
    wid = workshop["id"]
    st.caption(t("vote.section_intro"))
    live = lifecycle.current_round(wid)
    if live and live["kind"] == DOT_VOTE.name:
        _limits(wid, live)
    elif not lifecycle.list_rounds(wid, DOT_VOTE.name):
        st.info(t("vote.none_yet"))
    rnd = past_results(wid, DOT_VOTE.name, "vote")
    if rnd is not None and lifecycle.results_visible(rnd):
        _to_measures(wid, rnd)
    _measures(wid)


def _limits(workshop_id: int, rnd: dict) -> None:
    """Change the budget or cap while the vote runs (refused below what someone spent)."""
    limits = DOT_VOTE.limits(rnd["id"])
    with st.form(f"vote_limits_{rnd['id']}"):
        st.markdown(f"**{t('vote.limits_title')}**")
        budget_col, cap_col = st.columns(2)
        budget = budget_col.number_input(
            t("field.dot_budget"), min_value=LIMITS[0], max_value=LIMITS[1],
            value=limits["budget"], step=1, key=f"vote_limits_budget_{rnd['id']}",
        )  # fmt: skip
        cap = cap_col.number_input(
            t("field.dot_cap"), min_value=LIMITS[0], max_value=LIMITS[1], value=limits["cap"],
            step=1, key=f"vote_limits_cap_{rnd['id']}",
        )  # fmt: skip
        if st.form_submit_button(t("vote.limits_save")) and attempt(
            DOT_VOTE.set_limits, workshop_id, rnd["id"], int(budget), int(cap)
        ):
            saved(t("vote.limits_saved", budget=int(budget), cap=int(cap)))
            st.rerun()


def _to_measures(workshop_id: int, rnd: dict) -> None:
    with st.form(f"vote_measures_{rnd['id']}"):
        st.markdown(f"**{t('vote.measures_title')}**")
        st.caption(t("vote.measures_help"))
        top_col, go_col = st.columns([1, 3], vertical_alignment="bottom")
        top = top_col.number_input(
            t("vote.measures_top"), min_value=1, max_value=50, value=TOP, step=1,
            key=f"vote_measures_top_{rnd['id']}",
        )  # fmt: skip
        if go_col.form_submit_button(t("vote.measures_go"), type="primary"):
            new = ideas.to_measures(workshop_id, rnd["id"], top=int(top))
            saved(t("vote.measures_done", count=new))
            st.rerun()


def _measures(workshop_id: int) -> None:
    found = ideas.measures(workshop_id)
    if not found:
        return
    st.subheader(t("vote.measures_list", count=len(found)))
    st.dataframe(
        pd.DataFrame(
            {
                t("vote.measure"): [m["title"] for m in found],
                t("chart.touchpoint"): [m["touchpoint"] or "–" for m in found],
                t("vote.dots"): [m["dots"] for m in found],
                t("vote.voters"): [m["voters"] for m in found],
            }
        ),
        hide_index=True,
        width="stretch",
    )
