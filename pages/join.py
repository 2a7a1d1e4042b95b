"""Participant page: join with a code and a name, then follow the facilitator's rounds from a phone."""

import streamlit as st

from cemworkshop import rounds, views, workshops
from cemworkshop.ui import become, current, error_text, leave, md, page_header, t
from cemworkshop.validation import ValidationError

session = current()
state = st.session_state


def join_form() -> None:
    if state.pop("_bad_link", False):
        st.warning(t("join.bad_link"))
    page_header(t("join.title"), t("join.intro"), phone=True)
    code_from_link = st.query_params.get("code", "")
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
    with st.expander(t("join.facilitator_login")):
        with st.form("pin_login", border=False):
            pin_code = st.text_input(t("join.code"), value=code_from_link, key="pin_code")
            pin = st.text_input(t("join.pin"), type="password", max_chars=6, key="pin_value")
            if st.form_submit_button(t("join.pin_button")):
                ws = workshops.workshop_by_join_code(pin_code)
                try:
                    if ws is None:
                        raise ValidationError("unknown_join_code")
                    token = workshops.login_with_pin(ws["id"], pin)
                    become(token)
                    st.switch_page("pages/home.py")
                except ValidationError as err:
                    st.error(error_text(err))


def round_key(workshop_id: int) -> tuple:
    """What the page shows: the open round and the latest revealed one (two indexed lookups)."""
    live = rounds.open_round(workshop_id)
    return (live["id"] if live else None, rounds.latest_revealed_round(workshop_id))


@st.fragment(run_every=1)
def follow_facilitator(workshop_id: int, participant_id: int) -> None:
    """Polls the workshop; when a round opens, closes or is revealed, the page redraws itself."""
    state["p_last_seen"] = rounds.mark_seen(participant_id, state.get("p_last_seen"))
    if round_key(workshop_id) != state.get("p_round_key"):
        st.rerun(scope="app")


PAGE_SIZE = 8  # touchpoints per screen: a phone shows a few at a time, each save is small


def scoring_form(rnd: dict, participant_id: int) -> None:
    items = rounds.round_items(rnd["id"])
    mine = rounds.my_scores(rnd["id"], participant_id)
    pages = [items[i : i + PAGE_SIZE] for i in range(0, len(items), PAGE_SIZE)]
    page_key = f"p_page_{rnd['id']}"
    page = min(state.get(page_key, 0), len(pages) - 1)
    st.markdown(f"#### {md(rnd['title'] or t('round.untitled'))}")
    st.markdown(t("score.intro", count=len(items)))
    with st.expander(t("score.scales"), expanded=False):
        for dim in rnd["dimensions"]:
            st.markdown(t(f"score.scale_{dim}"))
    if len(pages) > 1:
        done = sum(len(mine.get(i["touchpoint_id"], {})) == len(rnd["dimensions"]) for i in items)
        st.progress(
            done / len(items),
            text=t("score.page", page=page + 1, pages=len(pages), done=done, total=len(items)),
        )
    shown = pages[page]
    with st.form(f"score_{rnd['id']}_{page}"):
        for item in shown:
            tp = item["touchpoint_id"]
            st.markdown(f"**{md(item['name'])}**  \n{md(item['phase'])}")
            for dim in rnd["dimensions"]:
                st.segmented_control(
                    t(f"dimension.{dim}"),
                    [1, 2, 3, 4, 5],
                    default=mine.get(tp, {}).get(dim),
                    key=f"s_{rnd['id']}_{tp}_{dim}",
                )
            st.divider()
        last = page == len(pages) - 1
        back = st.form_submit_button(t("score.back"), width="stretch") if page > 0 else False
        forward = st.form_submit_button(
            t("score.submit") if last else t("score.next"), type="primary", width="stretch"
        )
    if not (back or forward):
        return
    given = {
        item["touchpoint_id"]: {
            dim: state.get(f"s_{rnd['id']}_{item['touchpoint_id']}_{dim}")
            for dim in rnd["dimensions"]
        }
        for item in shown
    }
    try:
        rounds.submit_scores(rnd["id"], participant_id, given)
    except ValidationError as err:
        st.error(error_text(err))
        return
    if back or not last:
        state[page_key] = page - 1 if back else page + 1
        st.toast(t("score.page_saved"), icon=":material/check_circle:")
        st.rerun()
    mine = rounds.my_scores(rnd["id"], participant_id)
    complete = sum(len(mine.get(i["touchpoint_id"], {})) == len(rnd["dimensions"]) for i in items)
    st.success(t("score.saved", complete=complete, total=len(items)))


def participant_page() -> None:
    workshop = workshops.get_workshop(session.workshop_id)
    me = next(
        p for p in workshops.participants(workshop["id"]) if p["id"] == session.participant_id
    )
    page_header(md(workshop["name"]), t("join.you_are", name=md(views.person(me))), phone=True)
    state["p_round_key"] = round_key(workshop["id"])
    follow_facilitator(workshop["id"], session.participant_id)
    live = rounds.open_round(workshop["id"])
    if live and live["kind"] == "scoring":
        scoring_form(live, session.participant_id)
    else:
        st.info(t("join.waiting"))
        revealed = state["p_round_key"][1]
        if revealed:
            rnd = rounds.get_round(revealed)
            st.subheader(t("join.last_results", title=md(rnd["title"] or t("round.untitled"))))
            view = views.round_view(rnd["id"], current().lang)
            moments = view.moments.head(8) if view is not None else []
            for _, row in moments.iterrows() if view is not None else []:
                st.markdown(
                    f"- {':material/warning: ' if row['critical'] else ''}{md(row['touchpoint'])}"
                )
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
            leave()
            st.rerun()


if session.role == "participant":
    participant_page()
else:
    join_form()
