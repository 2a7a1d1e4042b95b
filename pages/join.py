"""Participant page: join with a code and a name, then follow the facilitator's rounds from a phone."""

import streamlit as st

from cemworkshop import live, workshops
from cemworkshop.rounds import lifecycle
from cemworkshop.validation import ValidationError
from pages.common.answer import answer_form, notices
from pages.common.answer_ideas import bank_idea_form
from pages.common.device import forget, remember, remembered
from pages.common.layout import page_header
from pages.common.live import follow
from pages.common.revealed import phone_results
from pages.common.rounds import person
from pages.common.session import (
    address,
    become,
    browser_id,
    current,
    leave,
    signed_in,
    still_valid,
    url_problem,
)
from pages.common.text import error_text, md, t
from pages.common.timer import countdown

session = current()
state = st.session_state


def join_form() -> None:
    if state.pop("_bad_link", False):
        st.warning(t("join.bad_link"))
    code_from_link = workshops.normalise_join_code(st.query_params.get("code", ""))[:12]
    known = workshops.workshop_by_join_code(code_from_link) if code_from_link else None
    if known:  # from the QR code: say which workshop this is
        page_header(md(known["name"]), t("join.intro_known"), phone=True)
    else:
        page_header(t("join.title"), t("join.intro"), phone=True)
    if url_problem() == "unknown_code":
        st.warning(t("join.unknown_code", code=md(code_from_link)))
    gone = state.pop("_forget_code", None)
    if gone:
        forget(gone)
    elif code_from_link:
        _come_back_as_before(code_from_link)
    with st.form("join"):
        code = st.text_input(t("join.code"), value=code_from_link, max_chars=12, key="join_code")
        name = st.text_input(
            t("join.name"), key="join_name", placeholder=t("join.name_placeholder")
        )
        st.caption(t("join.anonymous_hint"))
        if st.form_submit_button(t("join.button"), type="primary", width="stretch"):
            try:
                joined = workshops.join(code, name)
                become(joined.token)
                st.rerun()
            except ValidationError as err:
                st.error(error_text(err))
    with st.expander(t("join.facilitator_login")), st.form("pin_login", border=False):
        pin_code = st.text_input(t("join.code"), value=code_from_link, key="pin_code")
        pin = st.text_input(t("join.pin"), type="password", max_chars=6, key="pin_value")
        if st.form_submit_button(t("join.pin_button")):
            ws = workshops.workshop_by_join_code(pin_code)
            try:
                if ws is None:
                    raise ValidationError("unknown_join_code")
                token = workshops.login_with_pin(
                    ws["id"], pin, device=browser_id(), address=address()
                )
                signed_in(token)
                st.rerun()
            except ValidationError as err:
                st.error(error_text(err))


def _come_back_as_before(code: str) -> None:
    """A phone that joined this workshop before is the same participant again."""
    token = remembered(code)
    ws = workshops.workshop_by_join_code(code)
    access = workshops.access_for_token(token, expected="participant") if token else None
    if access and ws and access.role == "participant" and access.workshop_id == ws["id"]:
        become(token)
        st.rerun()


def participant_page() -> None:
    workshop = workshops.get_workshop(session.workshop_id)
    me = workshops.participant(session.participant_id)
    page_header(md(workshop["name"]), t("join.you_are", name=md(person(me))), phone=True)
    remember(workshop["join_code"], session.token)
    room(workshop["id"], me["name"])
    with st.expander(t("join.settings")):
        with st.form("rename_me", border=False):
            new_name = st.text_input(t("join.name"), value=me["name"], key="me_name")
            if st.form_submit_button(t("join.rename")):
                try:
                    workshops.rename_participant(session.participant_id, new_name)
                    st.rerun()
                except ValidationError as err:
                    st.error(error_text(err))
        if st.button(t("join.leave"), key="me_leave"):
            state["_forget_code"] = workshop["join_code"]
            leave()
            st.rerun()


@st.fragment
def room(workshop_id: int, name: str) -> None:
    """What follows the room: the open round, or the results and the block running. When the
    room changes (``follow``) or the phone answers, only this part reruns and is sent again,
    not the whole page: the server's work and the phone's per change are a fraction."""
    view = live.phone_view(workshop_id)
    if not view.exists or not still_valid():
        st.rerun(scope="app")  # the workshop was deleted or this phone removed: sign out
    try:
        notices()
        rnd = view.round
        if rnd:
            state["p_last_round"] = rnd["id"]
            countdown(rnd)
            answer_form(rnd, session.participant_id)
        else:
            ended = state.pop("p_last_round", None)
            if ended:
                _round_ended(ended)
            block = view.block
            if block:
                st.markdown(f"### {t('join.now', title=md(block['title']))}")
                if block["goal"]:
                    st.caption(md(block["goal"]))
            st.info(t("join.waiting"))
            phone_results(lifecycle.get_round(view.revealed) if view.revealed else None)
        if view.ideas_open:
            bank_idea_form(workshop_id, session.participant_id, name, open_=view.round is None)
    finally:  # last (see pages/common/live), and even when a part failed
        follow(session.token, live.version(view.key()))  # reruns this part when the room changes


def _round_ended(round_id: int) -> None:
    rnd = lifecycle.get_round(round_id)
    if rnd is None:
        return
    mine = lifecycle.my_answers(round_id, session.participant_id)
    count = sum(len(v) for v in mine.values())
    title = md(rnd["title"] or t("round.untitled"))
    if count:
        st.success(t("answer.round_ended", title=title, count=count))
    else:
        st.info(t("answer.round_ended_empty", title=title))


if session.role == "participant":
    participant_page()
else:
    join_form()
