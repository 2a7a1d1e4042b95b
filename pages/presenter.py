"""Presenter view: the current round, large, for the projector; follows the room by itself.
On the facilitator's demand it shows the strategy card or the KPI list instead.

Like a phone, the projector follows the room with a held question (``pages/common/live.py``):
the server answers it as soon as anything the screen shows has changed (a new round, an
answer, a reveal, someone joining, a revoked link) and only then is the page redrawn, so a
tap reaches the projector within a tenth of a second of its commit and a projector showing
results does not send its charts again and again.
"""

import pandas as pd
import streamlit as st

from cemworkshop import agenda, live, strategy
from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.base import Table
from cemworkshop.rounds.kinds import kind_of
from pages.common.layout import big_code, figures, load_chart_library, projector_style
from pages.common.links import join_url, qr_png
from pages.common.live import follow
from pages.common.navigation import require_facilitator
from pages.common.problems import survives_storage_problems
from pages.common.rounds import show_results, submission_status
from pages.common.session import current
from pages.common.strategy_card import card, kpi_table
from pages.common.tables import table
from pages.common.text import lang, md, t
from pages.common.timer import countdown


def agenda_board(workshop_id: int) -> None:
    """The day's agenda, large: planned times, the block running now marked."""
    st.title(t("agenda.title"))
    settings = agenda.settings(workshop_id)
    running = agenda.current(workshop_id)
    rows = agenda.schedule(agenda.blocks(workshop_id), settings["day_start"])
    data = pd.DataFrame({
        t("agenda.col_plan"): [f"{r['start']}–{r['end']}" if r["kind"] != "day" else "" for r in rows],
        t("agenda.col_block"): [("▶ " if running and r["id"] == running["id"] else "") + r["title"] for r in rows],
        t("agenda.col_goal"): [r["goal"] for r in rows],
    })  # fmt: skip
    table(Table("", "", data, empty=t("agenda.empty")), big=True)


workshop = require_facilitator()
wid = workshop["id"]
projector_style()


def screen() -> None:
    """The screen itself: the strategy card, the KPIs or the agenda when the facilitator put
    them there, else the newest round."""
    view = strategy.presenter_view(wid)
    if view != "round":  # the strategy card or the KPIs, as the facilitator asked
        if view == "strategy":
            card(wid, big=True)
        elif view == "agenda":
            agenda_board(wid)
        else:
            kpi_table(wid, big=True)
        st.divider()
        if st.button(t("presenter.back_to_round"), key="presenter_back", type="primary"):
            strategy.show_on_presenter(wid, "round")
            st.rerun()
        return
    rnd = lifecycle.latest_round(wid)
    visible = rnd is not None and lifecycle.results_visible(rnd)
    main, side = st.columns([4, 1], gap="large")
    with side:
        st.markdown(f"**{t('presenter.join_here')}**")
        big_code(workshop["join_code"], size_px=34 if visible else 40)
        if not visible:
            st.image(qr_png(join_url(workshop["join_code"])), width=180)
            load_chart_library()  # while results are hidden: the reveal's charts come at once
        if rnd is not None and rnd["status"] == "open":
            countdown(rnd, big=True)
    with main:
        if rnd is None:
            st.title(md(workshop["name"]))
            st.markdown(f"## {t('presenter.no_round')}")
            return
        title = md(rnd["title"] or t("round.untitled"))
        (st.header if visible else st.title)(title)
        submission_status(
            rnd, big=not visible, caption=t(f"presenter.status_{rnd['status']}"), one_line=visible,
            names=False,
        )  # fmt: skip
        if not visible:  # what the room may know while results are hidden (ideas, dots spent)
            figures(kind_of(rnd["kind"]).live_figures(rnd, lang()))
    show_results(rnd, layout="projector")
    st.divider()
    reveal, close, _ = st.columns([2, 2, 3])
    # done before the click's rerun (a callback), which then draws the results: one run, not
    # a run that reveals and a second that draws — the room waits for this one
    if rnd["hide_results"] and not rnd["revealed"]:
        reveal.button(
            t("round.reveal"), key="presenter_reveal", type="primary", width="stretch",
            on_click=survives_storage_problems(lifecycle.reveal_round), args=(wid, rnd["id"]),
        )  # fmt: skip
    if rnd["status"] == "open":
        close.button(
            t("round.close"), key="presenter_close", width="stretch",
            on_click=survives_storage_problems(lifecycle.close_round), args=(wid, rnd["id"]),
        )  # fmt: skip


seen = live.version(live.presenter_key(wid))  # read first: a change while drawing redraws again
try:
    screen()
finally:  # last (see pages/common/live), and even when the screen failed: it recovers by itself
    follow(current().token, seen, screen=live.PRESENTER, workshop_id=wid)
