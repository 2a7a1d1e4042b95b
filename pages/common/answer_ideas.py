"""Answering an ideas round and a dot vote on a phone.

    >>> ideas_form(rnd, participant_id)   # one touchpoint per screen: write, send, see mine
    >>> dots_form(rnd, participant_id)    # every idea with − and +, dots left on top

Every send and every dot is saved at once in its own transaction; a dot beyond the cap or
the budget, or one that races another tab of the same person, is refused with a message.
"""

from __future__ import annotations

import streamlit as st

from cemworkshop import continuous, touchpoints
from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.kinds import kind_of
from cemworkshop.validation import ValidationError
from pages.common.text import error_text, lang, md, t


def _goto(round_id: int, index: int) -> None:
    st.session_state[f"p_at_{round_id}"] = index


def _problem(err: ValidationError) -> None:
    st.session_state["p_problem"] = error_text(err)


def _send(round_id: int, participant_id: int, item_id: int, key: str) -> None:
    """on_click of "send": store the idea; on success the field empties for the next one."""
    text = st.session_state.get(key, "")
    try:
        lifecycle.submit(round_id, participant_id, {item_id: {"idea": text}})
    except ValidationError as err:
        _problem(err)  # the text stays in the field
        return
    st.session_state[key] = ""
    st.session_state["p_sent"] = True


def _withdraw(round_id: int, participant_id: int, item_id: int, idea_id: int) -> None:
    try:
        lifecycle.submit(round_id, participant_id, {item_id: {"withdraw": idea_id}})
    except ValidationError as err:
        _problem(err)


def ideas_form(rnd: dict, participant_id: int) -> None:
    kind = kind_of(rnd["kind"])
    rid = rnd["id"]
    subjects = kind.items(rid)
    mine = kind.answers(rid, participant_id)
    others = kind.others_count(rid, participant_id)
    at = min(st.session_state.setdefault(f"p_at_{rid}", 0), len(subjects) - 1)
    st.markdown(f"#### {md(rnd['title'] or t('round.untitled'))}")
    if len(subjects) > 1:
        st.progress(
            (at + 1) / len(subjects),
            text=t("ideas.step", current=at + 1, total=len(subjects)),
        )
    item = subjects[at]
    key = f"p_idea_{rid}_{item['item_id']}"
    with st.container(border=True):
        st.markdown(f"### {md(item['subject'])}")
        st.caption(md(item["group"]))
        st.text_area(
            t("ideas.your_idea"),
            key=key,
            max_chars=280,
            height=96,
            placeholder=t("ideas.placeholder"),
        )
        st.button(
            t("ideas.post"),
            key=f"p_send_{rid}_{item['item_id']}",
            type="primary",
            width="stretch",
            on_click=_send,
            args=(rid, participant_id, item["item_id"], key),
        )
        if st.session_state.pop("p_sent", False):
            st.caption(":green[:material/check_circle:] " + t("ideas.posted"))
        written = mine.get(item["item_id"], [])
        if written:
            st.markdown(f"**{t('ideas.mine', count=len(written))}**")
            for idea in written:
                text_col, drop_col = st.columns([5, 2], vertical_alignment="center")
                text_col.markdown(md(idea["text"]))
                drop_col.button(
                    t("ideas.withdraw"),
                    key=f"p_withdraw_{idea['id']}",
                    on_click=_withdraw,
                    args=(rid, participant_id, item["item_id"], idea["id"]),
                    width="stretch",
                )
        count = others.get(item["item_id"], 0)
        st.caption(t("ideas.others_one" if count == 1 else "ideas.others", count=count))
    if len(subjects) > 1:
        with st.container(horizontal=True, wrap=False, key="p_moves"):
            st.button(
                t("answer.back"), key=f"p_back_{rid}", on_click=_goto, args=(rid, at - 1),
                disabled=at == 0, width="stretch",
            )  # fmt: skip
            st.button(
                t("answer.next"), key=f"p_next_{rid}", on_click=_goto, args=(rid, at + 1),
                disabled=at == len(subjects) - 1, type="primary", width="stretch",
            )  # fmt: skip
    _ready(rnd, participant_id)


def _ready(rnd: dict, participant_id: int) -> None:
    if lifecycle.said_ready(rnd["id"], participant_id):
        st.success(t("answer.thanks"))
    elif st.button(t("answer.im_done"), key=f"p_ready_{rnd['id']}", width="stretch"):
        try:
            lifecycle.say_ready(rnd["id"], participant_id)
            st.rerun()
        except ValidationError as err:
            st.error(error_text(err))


def _dot(kind: str, round_id: int, participant_id: int, item_id: int, step: int) -> None:
    """on_click of "+" or "−": one dot more or fewer than stored now. Read at the click, not
    from the drawing: a quick second tap can arrive before the phone was drawn anew, and
    must add a second dot rather than repeat the first."""
    have = kind_of(kind).answers(round_id, participant_id).get(item_id, {}).get("dots", 0)
    try:
        lifecycle.submit(
            round_id,
            participant_id,
            {item_id: {"dots": have + step}},
            expected={item_id: {"dots": have}},
        )
    except ValidationError as err:
        _problem(err)


def dots_form(rnd: dict, participant_id: int) -> None:
    kind = kind_of(rnd["kind"])
    rid = rnd["id"]
    limits = kind.limits(rid)
    mine = {i: v["dots"] for i, v in kind.answers(rid, participant_id).items()}
    left = limits["budget"] - sum(mine.values())
    st.markdown(f"#### {md(rnd['title'] or t('round.untitled'))}")
    st.progress(
        (limits["budget"] - left) / limits["budget"],
        text=t("vote.left", left=left, budget=limits["budget"])
        if left
        else t("vote.all_spent", budget=limits["budget"]),
    )
    st.caption(t("vote.intro", budget=limits["budget"], cap=limits["cap"]))
    for subject in kind.items(rid):
        have = mine.get(subject["item_id"], 0)
        with st.container(border=True, key=f"p_ballot_{subject['item_id']}"):
            st.markdown(f"**{md(subject['subject'])}**")
            if subject["ideas"]:
                st.caption(" · ".join(md(i) for i in subject["ideas"]))
            elif subject["group"]:
                st.caption(md(subject["group"]))
            with st.container(horizontal=True, wrap=False, vertical_alignment="center"):
                st.button(
                    "−", key=f"p_less_{subject['item_id']}", help=t("vote.less"),
                    disabled=have == 0, on_click=_dot,
                    args=(rnd["kind"], rid, participant_id, subject["item_id"], -1),
                )  # fmt: skip
                st.markdown(f"**{'●' * have}{'○' * (limits['cap'] - have)}**  {have}")
                st.button(
                    "+", key=f"p_more_{subject['item_id']}", help=t("vote.more"),
                    disabled=have >= limits["cap"] or left == 0, type="primary", on_click=_dot,
                    args=(rnd["kind"], rid, participant_id, subject["item_id"], 1),
                )  # fmt: skip
    _ready(rnd, participant_id)


def intro(rnd: dict) -> None:
    """What the round asks, one line (for the round's first screen)."""
    for line in kind_of(rnd["kind"]).intro(rnd, lang()):
        st.caption(line)


def bank_idea_form(workshop_id: int, participant_id: int, name: str, *, open_: bool) -> None:
    """While the facilitator allows it: a phone sends an idea to the ideas database (step 4)."""
    tps = {tp["id"]: tp["name"] for tp in touchpoints.touchpoints(workshop_id)}
    labels = {None: t("bank.any_touchpoint"), **tps}
    with st.expander(t("bank.phone_title"), expanded=open_, icon=":material/lightbulb:"):
        with st.form("p_bank_idea", border=False, clear_on_submit=False):
            text = st.text_area(t("bank.phone_idea"), key="p_bank_text", max_chars=500, height=96,
                                placeholder=t("bank.phone_placeholder"))  # fmt: skip
            tp = st.selectbox(t("bank.touchpoint"), [None, *tps], format_func=labels.get,
                              key="p_bank_tp")  # fmt: skip
            if st.form_submit_button(t("bank.phone_send"), type="primary", width="stretch"):
                try:
                    continuous.phone_idea(workshop_id, participant_id, name, text, tp)
                except ValidationError as err:
                    st.error(error_text(err))
                else:
                    st.session_state.pop("p_bank_text", None)
                    st.session_state["p_bank_sent"] = True
                    st.rerun()
        if st.session_state.pop("p_bank_sent", False):
            st.success(t("bank.phone_sent"))
