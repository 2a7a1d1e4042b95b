"""Answering a live round on a phone: one subject per screen, every tap saved at once.

    >>> answer_form(rnd, participant_id)      # whatever the open round's kind asks

A rating round shows one subject (a touchpoint, a criterion) at a time with its 1–5 choices;
a tap stores that one value in its own transaction and shows a tick. "Next" moves on; after
the last subject an overview lists what is still open and offers "I'm done". A tap that
arrives after the facilitator closed the round, or that races a change made in another tab
of the same person, is refused with a message that says what was not saved.
"""

from __future__ import annotations

import streamlit as st

from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.base import Question, QuestionGroup
from cemworkshop.rounds.kinds import kind_of
from cemworkshop.rounds.rating import SKIP
from cemworkshop.validation import ValidationError
from pages.common.answer_ideas import dots_form, ideas_form
from pages.common.text import error_text, lang, md, t

CHOICES = [1, 2, 3, 4, 5]


def skip_label(choice) -> str:
    """1 to 5 as they are; "can't say" in words (a kind that allows skipping)."""
    return t("answer.skip") if choice == SKIP else str(choice)


def _key(round_id: int, q: Question) -> str:
    return f"s_{round_id}_{q.item_id}_{q.dimension}"


def _save(round_id: int, participant_id: int, q: Question, where: str) -> None:
    """on_change of one 1–5 control: store it now, or say why not (and show what is stored)."""
    state = st.session_state
    key = _key(round_id, q)
    value = state.get(key)
    before = state.get(f"{key}__shown")
    try:
        lifecycle.submit(
            round_id,
            participant_id,
            {q.item_id: {q.dimension: value}},
            expected={q.item_id: {q.dimension: before}},
        )
    except ValidationError as err:
        if err.code == "stale_answer":
            state[key] = err.params["value"]  # show what is stored now
            state["p_problem"] = t("answer.stale", what=md(where), value=err.params["value"] or "–")
        elif err.code == "round_closed":
            state["p_problem"] = t("answer.not_saved_closed", what=md(where), value=value or "–")
        else:
            state["p_problem"] = error_text(err)
        return
    state[f"{key}__shown"] = value


def _goto(round_id: int, index: int) -> None:
    st.session_state[f"p_at_{round_id}"] = index


def _complete(group: QuestionGroup, mine: dict) -> bool:
    return all(mine.get(q.item_id, {}).get(q.dimension) is not None for q in group.questions)


def _rating_form(rnd: dict, participant_id: int) -> None:
    state = st.session_state
    kind = kind_of(rnd["kind"])
    groups = kind.questions(rnd, lang())
    mine = kind.answers(rnd["id"], participant_id)
    done = sum(_complete(g, mine) for g in groups)
    at_key = f"p_at_{rnd['id']}"
    if at_key not in state:  # start where something is still open
        state[at_key] = next((i for i, g in enumerate(groups) if not _complete(g, mine)), 0)
    at = min(state[at_key], len(groups))
    st.markdown(f"#### {md(rnd['title'] or t('round.untitled'))}")
    if at == len(groups):
        _overview(rnd, participant_id, groups, mine, done)
        return
    group = groups[at]
    st.progress(
        done / len(groups),
        text=t("answer.progress", current=at + 1, total=len(groups), complete=done),
    )
    with st.container(border=True):
        st.markdown(f"### {md(group.title)}")
        if group.subtitle:
            st.caption(md(group.subtitle))
        for q in group.questions:
            key = _key(rnd["id"], q)
            stored = mine.get(q.item_id, {}).get(q.dimension)
            if state.get(f"{key}__shown", stored) != stored or key not in state:
                state[key] = stored  # changed elsewhere (another tab): show what is stored
            state[f"{key}__shown"] = stored
            label = md(q.label) + (" :green[:material/check_circle:]" if stored else "")
            if q.ends:  # what 1 and 5 mean, under the thumb instead of in the help
                label += f"  \n:small[{md(q.ends)}]"
            st.segmented_control(
                label,
                CHOICES + [SKIP] if q.skip else CHOICES,
                format_func=skip_label,
                key=key,
                on_change=_save,
                args=(rnd["id"], participant_id, q, f"{group.title} · {q.label}"),
                width="stretch",
            )
    # side by side on a phone too (columns would stack), "next" under the right thumb
    with st.container(horizontal=True, wrap=False, key="p_moves"):
        st.button(
            t("answer.back"),
            key=f"p_back_{rnd['id']}",
            on_click=_goto,
            args=(rnd["id"], at - 1),
            disabled=at == 0,
            width="stretch",
        )
        last = at == len(groups) - 1
        st.button(
            t("answer.overview") if last else t("answer.next"),
            key=f"p_next_{rnd['id']}",
            on_click=_goto,
            args=(rnd["id"], at + 1),
            type="primary",
            width="stretch",
        )
    with st.expander(t("score.scales")):
        st.markdown(t(f"answer.intro_{kind.name}", count=len(groups)))
        for line in kind.intro(rnd, lang()):
            st.markdown(line)


def _overview(rnd: dict, participant_id: int, groups, mine: dict, done: int) -> None:
    open_ones = [(i, g) for i, g in enumerate(groups) if not _complete(g, mine)]
    st.markdown(t(f"answer.saved_{kind_of(rnd['kind']).name}", complete=done, total=len(groups)))
    if open_ones:
        st.warning(t("answer.still_open", count=len(open_ones)))
        for i, g in open_ones[:12]:
            st.button(
                md(g.title),
                key=f"p_open_{rnd['id']}_{i}",
                on_click=_goto,
                args=(rnd["id"], i),
                icon=":material/edit:",
                width="stretch",
            )
    if lifecycle.said_ready(rnd["id"], participant_id):
        st.success(t("answer.thanks"))
    elif st.button(
        t("answer.im_done"), key=f"p_ready_{rnd['id']}", type="primary", width="stretch"
    ):
        try:
            lifecycle.say_ready(rnd["id"], participant_id)
            st.rerun()
        except ValidationError as err:
            st.error(error_text(err))
    st.button(
        t("answer.back"),
        key=f"p_back_{rnd['id']}",
        on_click=_goto,
        args=(rnd["id"], len(groups) - 1),
        width="stretch",
    )


# One block per way of answering; kinds that share a way share its block.
ANSWER_FORMS = {"rating": _rating_form, "ideas": ideas_form, "dots": dots_form}


def answer_form(rnd: dict, participant_id: int) -> None:
    """What a participant answers in the open round, whatever its kind."""
    ANSWER_FORMS[kind_of(rnd["kind"]).input](rnd, participant_id)


def notices() -> None:
    """What the last tap could not do (a closed round, another tab), shown once."""
    problem = st.session_state.pop("p_problem", None)
    if problem:
        st.warning(problem, icon=":material/error:")
