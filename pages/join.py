"""Participant page: join with a code and a name, then follow the facilitator's rounds from a phone."""

import streamlit as st

from cemworkshop import benchmark, rounds, views, workshops
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


PAGE_SIZE = 8  # groups per screen: a phone shows a few at a time, each save is small


def form_groups(rnd: dict, participant_id: int) -> list[dict]:
    """What the participant answers, grouped as shown: a touchpoint with its dimensions, or a
    benchmark criterion with one control per company. Each control: key, label, item, dimension."""
    mine = rounds.my_scores(rnd["id"], participant_id, by_item=True)
    if rnd["topic"] == "benchmark":
        groups: dict[int, dict] = {}
        for it in benchmark.round_items(rnd["id"]):
            group = groups.setdefault(
                it["criterion_id"], {"title": it["criterion"], "subtitle": "", "controls": []}
            )
            group["controls"].append(
                (f"s_{rnd['id']}_{it['item_id']}_performance", it["company"], it["item_id"], "performance",
                 mine.get(it["item_id"], {}).get("performance"))
            )  # fmt: skip
        return list(groups.values())
    return [
        {
            "title": it["name"],
            "subtitle": it["phase"],
            "controls": [
                (
                    f"s_{rnd['id']}_{it['touchpoint_id']}_{dim}",
                    t(f"dimension.{dim}"),
                    it["item_id"],
                    dim,
                    mine.get(it["item_id"], {}).get(dim),
                )
                for dim in rnd["dimensions"]
            ],
        }  # fmt: skip
        for it in rounds.round_items(rnd["id"])
    ]


def scoring_form(rnd: dict, participant_id: int) -> None:
    groups = form_groups(rnd, participant_id)
    bench = rnd["topic"] == "benchmark"
    pages = [groups[i : i + PAGE_SIZE] for i in range(0, len(groups), PAGE_SIZE)]
    page_key = f"p_page_{rnd['id']}"
    page = min(state.get(page_key, 0), len(pages) - 1)

    def complete() -> int:
        return sum(all(c[4] is not None for c in g["controls"]) for g in groups)

    st.markdown(f"#### {md(rnd['title'] or t('round.untitled'))}")
    st.markdown(t("bench.intro_participant" if bench else "score.intro", count=len(groups)))
    with st.expander(t("score.scales"), expanded=False):
        for line in (
            [t("bench.scale")] if bench else [t(f"score.scale_{d}") for d in rnd["dimensions"]]
        ):
            st.markdown(line)
    if len(pages) > 1:
        st.progress(
            complete() / len(groups),
            text=t(
                "score.page", page=page + 1, pages=len(pages), done=complete(), total=len(groups)
            ),
        )
    shown = pages[page]
    with st.form(f"score_{rnd['id']}_{page}"):
        for group in shown:
            st.markdown(
                f"**{md(group['title'])}**"
                + (f"  \n{md(group['subtitle'])}" if group["subtitle"] else "")
            )
            for key, label, _item, _dim, current in group["controls"]:
                st.segmented_control(md(label), [1, 2, 3, 4, 5], default=current, key=key)
            st.divider()
        last = page == len(pages) - 1
        back = st.form_submit_button(t("score.back"), width="stretch") if page > 0 else False
        forward = st.form_submit_button(
            t("score.submit") if last else t("score.next"), type="primary", width="stretch"
        )
    if not (back or forward):
        return
    given: dict[int, dict[str, int | None]] = {}
    for group in shown:
        for key, _label, item, dim, _current in group["controls"]:
            given.setdefault(item, {})[dim] = state.get(key)
    try:
        rounds.submit_item_scores(rnd["id"], participant_id, given)
    except ValidationError as err:
        st.error(error_text(err))
        return
    if back or not last:
        state[page_key] = page - 1 if back else page + 1
        st.toast(t("score.page_saved"), icon=":material/check_circle:")
        st.rerun()
    groups = form_groups(rnd, participant_id)
    st.success(t("bench.saved" if bench else "score.saved", complete=complete(), total=len(groups)))


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
