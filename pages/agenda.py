"""Tagesablauf — the run of the day: the block running now with its time left and the next one,
one click to open a block's section (here and, asked for, the agenda on the projector), the
agenda with planned and actual times, and its editing: format, order, time boxes, breaks."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import streamlit as st

from cemworkshop import agenda, strategy
from cemworkshop.rounds.base import Table
from cemworkshop.validation import ValidationError
from pages.common.forms import attempt, saved
from pages.common.layout import page_header
from pages.common.navigation import STEP_PAGES, require_facilitator
from pages.common.problems import survives_storage_problems
from pages.common.tables import table
from pages.common.text import error_text, lang, md, t

workshop = require_facilitator()
wid = workshop["id"]
page_header(t("agenda.title"), t("agenda.intro"))


def target_name(target: str) -> str:
    step, section = target.split(":")
    return f"{step[-1]} · {t(f'{step}.section_{section}')}"


def open_block(block: dict) -> None:
    """The block's section on this screen (the step page at that section)."""
    step, section = block["target"].split(":")
    st.session_state[f"{step}_section"] = section
    st.switch_page(STEP_PAGES[int(step[-1])])


@st.fragment(run_every=1)
@survives_storage_problems
def clock() -> None:
    now = agenda.now_and_next(wid, datetime.now(), found)
    if now.block is None:
        st.info(t("agenda.nothing_running"))
        return
    left = now.seconds_left
    minutes, seconds = divmod(abs(left), 60)
    over = left < 0
    colour = "#c62828" if over else "#1b5e20"
    st.html(
        f'<div style="font-size:2.6rem;font-weight:700;color:{colour};line-height:1.1">'
        f"{'+' if over else ''}{minutes:02d}:{seconds:02d}</div>"
        f'<div style="color:#555">{t("agenda.over") if over else t("agenda.left")}</div>'
    )


settings = agenda.settings(wid)
found = agenda.blocks(wid)
now = agenda.now_and_next(wid, datetime.now())
left_col, right_col = st.columns([3, 2], gap="large")
with left_col:
    if now.block:
        st.markdown(f"### {t('agenda.now')}: {md(now.block['title'])}")
        if now.block["goal"]:
            st.caption(md(now.block["goal"]))
    clock()
    problem = st.session_state.pop("agenda_round_problem", None)
    if problem:
        st.warning(t("agenda.round_not_opened", reason=problem))
    if now.next:
        st.markdown(t("agenda.next", title=md(now.next["title"]), minutes=now.next["minutes"]))
    a, b, c = st.columns(3)
    if now.next and a.button(
        t("agenda.start_next"), type="primary", key="agenda_next", width="stretch"
    ):
        agenda.start(wid, now.next["id"])
        if now.next["round_kind"]:  # its live round too, as its section would open it first
            try:
                agenda.open_round(wid, now.next, lang())
            except ValidationError as err:
                st.session_state["agenda_round_problem"] = error_text(err)
        if now.next["kind"] == "section" and st.session_state.get("agenda_follow", True):
            open_block(now.next)
        st.rerun()
    if (
        now.block
        and now.block["kind"] == "section"
        and b.button(t("agenda.open_section"), key="agenda_open", width="stretch")
    ):
        open_block(now.block)
    if now.block and c.button(t("agenda.finish"), key="agenda_finish", width="stretch"):
        agenda.finish(wid)
        st.rerun()
    st.toggle(t("agenda.follow"), value=True, key="agenda_follow", help=t("agenda.follow_help"))
with right_col:
    shown = strategy.presenter_view(wid) == "agenda"
    if st.button(
        t("agenda.presenter_back" if shown else "agenda.presenter_show"), key="agenda_presenter"
    ):
        strategy.show_on_presenter(wid, "round" if shown else "agenda")
        st.rerun()
    total = agenda.totals(found, settings["day_start"])
    st.markdown(t("agenda.total", hours=total["minutes"] // 60, minutes=total["minutes"] % 60,
                  end=total["end"], days=total["days"]))  # fmt: skip
    with st.form("agenda_day_start", border=False):
        x, y = st.columns([1, 1], vertical_alignment="bottom")
        start = x.text_input(
            t("agenda.day_start"), value=settings["day_start"], key="agenda_start_at"
        )
        if y.form_submit_button(t("records.save")) and attempt(agenda.set_day_start, wid, start):
            st.rerun()

st.subheader(t("agenda.plan_title", format=t(f"agenda.format_{settings['format']}")))
planned = agenda.schedule(found, settings["day_start"])
kinds = {k: t(f"agenda.kind_{k}") for k in agenda.KINDS}
round_names_all = {r: t(f"agenda.round_{r}") for r in agenda.ROUNDS}
data = pd.DataFrame({
    t("agenda.col_day"): [str(p["day"]) for p in planned],
    t("agenda.col_plan"): [f"{p['start']}–{p['end']}" if p["kind"] != "day" else "" for p in planned],
    t("agenda.col_block"): [("▶ " if now.block and p["id"] == now.block["id"] else "") + p["title"] for p in planned],
    t("agenda.col_kind"): [(target_name(p["target"]) + (f" · {round_names_all[p['round_kind']]}" if p["round_kind"] else ""))
                           if p["kind"] == "section" else kinds[p["kind"]] for p in planned],
    t("agenda.col_minutes"): [str(p["minutes"]) if p["kind"] != "day" else "" for p in planned],
    t("agenda.col_actual"): [f"{p['actual_start'] or ''}–{p['actual_end'] or ''}" if p["actual_start"] else "–" for p in planned],
    t("agenda.col_overrun"): [agenda.overrun_text(p["overrun"]) for p in planned],
    t("agenda.col_goal"): [p["goal"] for p in planned],
})  # fmt: skip
table(Table("", t("agenda.plan_help"), data, empty=t("agenda.empty"),
            columns={t("agenda.col_plan"): "figure", t("agenda.col_actual"): "figure",
                     t("agenda.col_overrun"): "figure"}), big=False, wrap=True)  # fmt: skip

with st.expander(t("agenda.edit_title")):
    by_id = {b["id"]: b for b in found}
    labels = {
        None: t("agenda.new_block"),
        **{i: f"{n + 1}. {b['title']}" for n, (i, b) in enumerate(by_id.items())},
    }
    picked = st.selectbox(t("agenda.pick"), list(labels), format_func=labels.get, key="agenda_pick")
    block = by_id.get(picked)
    if block:
        up, down, gone = st.columns(3)
        if up.button(t("agenda.up"), key="agenda_up", width="stretch") and attempt(
            agenda.move, wid, block["id"], -1
        ):
            st.rerun()
        if down.button(t("agenda.down"), key="agenda_down", width="stretch") and attempt(
            agenda.move, wid, block["id"], 1
        ):
            st.rerun()
        if gone.button(t("records.delete"), key="agenda_delete", width="stretch") and attempt(
            agenda.delete_block, wid, block["id"]
        ):
            st.session_state.pop("agenda_pick", None)
            st.rerun()
    from pages.step1 import SECTIONS as S1  # noqa: E402 — the sections a block can open
    from pages.step2 import SECTIONS as S2
    from pages.step3 import SECTIONS as S3
    from pages.step4 import SECTIONS as S4
    from pages.step5 import SECTIONS as S5

    targets = [
        "",
        *(f"step{n}:{k}" for n, s in enumerate((S1, S2, S3, S4, S5), start=1) for k in s),
    ]
    target_labels = {"": "–", **{x: target_name(x) for x in targets if x}}
    key = f"agenda_form_{picked or 'new'}"
    with st.form(key):
        a, b, c = st.columns([3, 2, 1])
        title = a.text_input(
            t("field.title"),
            value=block["title"] if block else "",
            key=f"{key}_title",
            max_chars=120,
        )
        kind = b.selectbox(t("field.kind"), list(agenda.KINDS), format_func=kinds.get, key=f"{key}_kind",
                           index=list(agenda.KINDS).index(block["kind"]) if block else 0)  # fmt: skip
        minutes = c.number_input(
            t("field.minutes"),
            0,
            600,
            block["minutes"] if block else 30,
            step=5,
            key=f"{key}_minutes",
        )
        target = st.selectbox(t("agenda.target"), targets, format_func=target_labels.get, key=f"{key}_target",
                              index=targets.index(block["target"]) if block and block["target"] in targets else 0)  # fmt: skip
        goal = st.text_input(
            t("agenda.goal"), value=block["goal"] if block else "", key=f"{key}_goal", max_chars=300
        )
        rounds = ["", *agenda.ROUNDS]
        round_names = {r: t(f"agenda.round_{r}") if r else "–" for r in rounds}
        round_kind = st.selectbox(t("agenda.round"), rounds, format_func=round_names.get, key=f"{key}_round",
                                  index=rounds.index(block["round_kind"]) if block and block["round_kind"] in rounds else 0)  # fmt: skip
        if st.form_submit_button(
            t("records.save") if block else t("records.add_button"), type="primary"
        ):
            if block:
                done = attempt(agenda.update_block, wid, block["id"], kind=kind, title=title, minutes=minutes,
                               goal=goal, target=target, round_kind=round_kind, version=block["version"])  # fmt: skip
            else:
                done = attempt(agenda.add_block, wid, kind=kind, title=title, minutes=minutes, goal=goal,
                               target=target, round_kind=round_kind)  # fmt: skip
            if done:
                saved(t("records.saved", name=md(title.strip())))
                st.rerun()

with st.expander(t("agenda.format_title")):
    st.caption(t("agenda.format_help"))
    names = {f: t(f"agenda.format_{f}") for f in agenda.FORMATS}
    with st.form("agenda_format", border=False):
        chosen = st.selectbox(t("agenda.format"), list(agenda.FORMATS), format_func=names.get, key="agenda_format_pick",
                              index=list(agenda.FORMATS).index(settings["format"]))  # fmt: skip
        sure = st.checkbox(t("agenda.format_sure"), key="agenda_format_sure")
        if (
            st.form_submit_button(t("agenda.format_load"))
            and sure
            and attempt(agenda.load_format, wid, chosen, lang())
        ):
            saved(t("agenda.format_loaded", format=names[chosen]))
            st.rerun()
