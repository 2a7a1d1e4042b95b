"""Section "Erinnerungen schaffen": the live brainstorm of memories — an ideas round over the
prioritised touchpoints, every idea on the facilitator's screen as it arrives, hiding and
fixing, merging duplicates (by hand or from suggestions), and the start of the dot vote."""

from __future__ import annotations

import streamlit as st

from cemworkshop import ideas, touchpoints
from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.dot_vote import DEFAULT_BUDGET, DEFAULT_CAP, LIMITS
from cemworkshop.rounds.ideas_round import KIND as IDEAS
from cemworkshop.rounds.touchpoint_scoring import prioritised_touchpoints
from cemworkshop.validation import ValidationError
from pages.common.charts import fetched
from pages.common.layout import figures
from pages.common.problems import survives_storage_problems
from pages.common.rounds import round_labels
from pages.common.tables import built_from
from pages.common.text import error_text, lang, md, t
from pages.common.timer import countdown
from pages.step2 import curate

IDEAS_MINUTES, VOTE_MINUTES = 5, 2  # the method's defaults for writing and for voting


def render(workshop: dict) -> None:
    wid = workshop["id"]
    st.caption(t("memories.intro"))
    live = lifecycle.current_round(wid)
    rounds = lifecycle.list_rounds(wid, IDEAS.name)
    if live is None:
        with st.expander(t("memories.new_title"), expanded=not rounds, key="memories_new_box"):
            _new_round(wid)
    elif live["kind"] != IDEAS.name:
        st.info(t("memories.other_round_open"))
    if not rounds:
        return
    labels = round_labels(rounds)
    chosen = st.selectbox(
        t("memories.choose"), list(labels), format_func=labels.get, key="memories_round"
    )
    rnd = lifecycle.get_round(chosen)
    board, tools = st.columns([3, 2], gap="large")
    with board:
        found = _board(rnd)  # the ideas it drew (a full run returns what the fragment read)
    with tools:
        _round_controls(wid, rnd)
        if found is None:  # the board could not read them (and says why)
            found = ideas.visible(rnd["id"])
        curate.edit(wid, rnd, found)
        curate.merge(wid, rnd, found)
        curate.suggestions(wid, rnd, found)
        curate.groups(wid, rnd, found, fetched(ideas.groups, rnd["id"]))
        _start_vote(wid, rnd, live)


def _new_round(workshop_id: int) -> None:
    tps = touchpoints.touchpoints(workshop_id)
    if not tps:
        st.info(t("tp.empty"))
        return
    names = {tp["id"]: tp["name"] for tp in tps}
    first = prioritised_touchpoints(workshop_id)[:6]
    with st.form("memories_new"):
        title = st.text_input(
            t("round.title_field"), value=t("memories.default_title"), key="memories_title"
        )
        chosen = st.multiselect(
            t("memories.touchpoints"), list(names), default=first, format_func=names.get,
            placeholder=t("widget.choose"), key="memories_touchpoints",
            help=t("memories.touchpoints_help"),
        )  # fmt: skip
        minutes_col, close_col = st.columns(2, vertical_alignment="bottom")
        minutes = minutes_col.number_input(
            t("timer.minutes"), min_value=0, max_value=30, value=IDEAS_MINUTES, step=1,
            key="memories_minutes", help=t("timer.minutes_help"),
        )  # fmt: skip
        close = close_col.checkbox(t("timer.close_at_end"), key="memories_close")
        authors = st.checkbox(t("memories.show_authors"), key="memories_authors")
        if st.form_submit_button(t("memories.start"), type="primary"):
            try:
                rid = lifecycle.open_round(
                    workshop_id, IDEAS.name, title=title, hide_results=True,
                    touchpoint_ids=chosen,
                )  # fmt: skip
                if minutes:
                    lifecycle.set_timer(workshop_id, rid, int(minutes), close_at_end=close)
                ideas.show_authors(workshop_id, rid, authors)
                st.rerun()
            except ValidationError as err:
                st.error(error_text(err))


@st.fragment(run_every=2)
@survives_storage_problems
def _board(rnd: dict) -> list[dict] | None:
    """Every idea as it arrives (refreshed every two seconds while the round is open), by
    touchpoint; groups under their title, hidden ones struck through. Returns the ideas read
    (the page's tools use them on a full run; a fragment's own rerun drops them)."""
    rnd = lifecycle.get_round(rnd["id"])
    if rnd is None:
        return None
    found = fetched(ideas.visible, rnd["id"])
    language = lang()
    figures(fetched(IDEAS.live_figures, rnd, language))
    if rnd["status"] == "open":
        countdown(rnd)
    if not found:
        st.info(t("memories.no_ideas"))
        return found
    # made once per read of the ideas: one text, not a heading and a list per touchpoint
    # (two hundred elements on a large board cost more than the rest of the page)
    authors = bool(rnd["show_authors"])
    board, shown = built_from(
        found, ("memories.board", language, authors), lambda: _board_text(found, authors)
    )
    st.markdown(board)
    st.caption(t("memories.board_note", shown=shown, hidden=len(found) - shown))
    return found


def _board_text(found: list[dict], authors: bool) -> tuple[str, int]:
    """The board as Markdown — per touchpoint a heading with its count of ideas shown, then
    its ideas, a group's under its title, hidden ones struck through — and the count shown."""
    by_touchpoint: dict[str, list[dict]] = {}
    for idea in found:
        by_touchpoint.setdefault(idea["touchpoint"] or "–", []).append(idea)
    group, hidden = t("memories.group"), t("memories.hidden")  # once, not once per idea
    parts = []
    for name, items in by_touchpoint.items():
        heading = f"##### {md(name)} · {sum(not i['hidden'] for i in items)}"
        lines, seen_groups = [heading, ""], set()
        for idea in items:
            if idea["group_id"] and idea["group_id"] not in seen_groups:
                seen_groups.add(idea["group_id"])
                lines.append(f"- **{md(idea['group_title'])}** ({group})")
            prefix = "    - " if idea["group_id"] else "- "
            text = md(idea["text"])
            if idea["hidden"]:
                text = f":gray[~~{text}~~ ({hidden})]"
            author = f" — _{md(idea['author'])}_" if authors and idea["author"] else ""
            lines.append(f"{prefix}{text}{author}")
        parts.append("\n".join(lines))
    return "\n\n".join(parts), sum(not i["hidden"] for i in found)


def _round_controls(workshop_id: int, rnd: dict) -> None:
    if rnd["status"] != "open":
        return
    with st.container(border=True):
        st.markdown(f"**{t('timer.title')}**")
        minutes_col, close_col = st.columns(2, vertical_alignment="bottom")
        minutes = minutes_col.number_input(
            t("timer.minutes"), min_value=1, max_value=30, value=IDEAS_MINUTES, step=1,
            key=f"memories_timer_{rnd['id']}",
        )  # fmt: skip
        close = close_col.checkbox(t("timer.close_at_end"), key=f"memories_timer_close_{rnd['id']}")
        go_col, stop_col = st.columns(2)
        if go_col.button(t("timer.start"), key=f"memories_timer_go_{rnd['id']}", width="stretch"):
            lifecycle.set_timer(workshop_id, rnd["id"], int(minutes), close_at_end=close)
            st.rerun()
        if rnd["ends_at"] and stop_col.button(
            t("timer.stop"), key=f"memories_timer_stop_{rnd['id']}", width="stretch"
        ):
            lifecycle.set_timer(workshop_id, rnd["id"], None)
            st.rerun()
    authors = st.toggle(
        t("memories.show_authors"), value=bool(rnd["show_authors"]),
        key=f"memories_authors_{rnd['id']}_{rnd['show_authors']}",
    )  # fmt: skip
    if authors != bool(rnd["show_authors"]):
        ideas.show_authors(workshop_id, rnd["id"], authors)
        st.rerun()


def _start_vote(workshop_id: int, rnd: dict, live: dict | None) -> None:
    if live is not None and live["id"] != rnd["id"]:
        return  # another round runs: the vote can start once it is over
    with st.container(border=True):
        st.markdown(f"**{t('vote.start_title')}**")
        st.caption(t("vote.start_help"))
        with st.form(f"vote_new_{rnd['id']}", border=False):
            budget_col, cap_col, minutes_col = st.columns(3)
            budget = budget_col.number_input(
                t("field.dot_budget"), min_value=LIMITS[0], max_value=LIMITS[1],
                value=DEFAULT_BUDGET, step=1, key=f"vote_budget_{rnd['id']}",
            )  # fmt: skip
            cap = cap_col.number_input(
                t("field.dot_cap"), min_value=LIMITS[0], max_value=LIMITS[1], value=DEFAULT_CAP,
                step=1, key=f"vote_cap_{rnd['id']}",
            )  # fmt: skip
            minutes = minutes_col.number_input(
                t("timer.minutes"), min_value=0, max_value=30, value=VOTE_MINUTES, step=1,
                key=f"vote_minutes_{rnd['id']}",
            )  # fmt: skip
            close = st.checkbox(t("timer.close_at_end"), key=f"vote_close_{rnd['id']}")
            if st.form_submit_button(t("vote.start"), type="primary"):
                try:
                    ideas.start_vote(
                        workshop_id, rnd["id"], budget=int(budget), cap=int(cap),
                        minutes=int(minutes) or None, close_at_end=close,
                        title=t("vote.default_title"),
                    )  # fmt: skip
                    st.rerun()
                except ValidationError as err:
                    st.error(error_text(err))
