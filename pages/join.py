"""Participant page: join with a code and a name, then follow the facilitator's rounds from a phone."""

import streamlit as st

from cemworkshop import metrics, rounds, views, workshops
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
    live = rounds.open_round(workshop_id)
    revealed = [r["id"] for r in rounds.list_rounds(workshop_id) if r["revealed"]]
    return (live["id"] if live else None, revealed[0] if revealed else None)


@st.fragment(run_every=1)
def follow_facilitator(workshop_id: int, participant_id: int) -> None:
    """Polls the workshop; when a round opens, closes or is revealed, the page redraws itself."""
    state["p_last_seen"] = rounds.mark_seen(participant_id, state.get("p_last_seen"))
    if round_key(workshop_id) != state.get("p_round_key"):
        st.rerun(scope="app")


def scoring_form(rnd: dict, participant_id: int) -> None:
    items = rounds.round_items(rnd["id"])
    mine = rounds.my_scores(rnd["id"], participant_id)
    st.markdown(f"#### {md(rnd['title'] or t('round.untitled'))}")
    st.markdown(t("score.intro", count=len(items)))
    with st.expander(t("score.scales"), expanded=False):
        for dim in rnd["dimensions"]:
            st.markdown(t(f"score.scale_{dim}"))
    with st.form(f"score_{rnd['id']}"):
        for item in items:
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
        sent = st.form_submit_button(t("score.submit"), type="primary", width="stretch")
    if sent:
        given = {
            item["touchpoint_id"]: {
                dim: state.get(f"s_{rnd['id']}_{item['touchpoint_id']}_{dim}")
                for dim in rnd["dimensions"]
            }
            for item in items
        }
        try:
            rounds.submit_scores(rnd["id"], participant_id, given)
            complete = sum(all(v is not None for v in d.values()) for d in given.values())
            st.success(t("score.saved", complete=complete, total=len(items)))
        except ValidationError as err:
            st.error(error_text(err))


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
            summary, _ = views.round_summary(rnd["id"])
            mot = metrics.moments_of_truth(summary) if not summary.empty else summary
            for _, row in mot.head(8).iterrows():
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
