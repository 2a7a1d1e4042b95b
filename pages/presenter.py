"""Presenter view: the current round, large, for the projector; updates itself every second."""

import streamlit as st

from cemworkshop import rounds, views
from cemworkshop.ui import big_code, current, join_url, md, qr_png, require_facilitator, t

workshop = require_facilitator()
wid = workshop["id"]
lang = current().lang

# Projector type: larger base size for text, tables and metrics on this page only.
st.html(
    """<style>
    [data-testid="stMainBlockContainer"] p, [data-testid="stMainBlockContainer"] li { font-size: 1.35rem; }
    [data-testid="stMetricValue"] { font-size: 3rem; }
    [data-testid="stMainBlockContainer"] { padding-top: 2rem; max-width: 100%; }
    </style>"""
)


@st.fragment(run_every=1)
def live() -> None:
    rnd = rounds.open_round(wid)
    if rnd is None:
        latest = rounds.list_rounds(wid)
        rnd = rounds.get_round(latest[0]["id"]) if latest else None
    visible = rnd is not None and rounds.results_visible(rnd)
    main, side = st.columns([4, 1], gap="large")
    with side:
        st.markdown(f"**{t('presenter.join_here')}**")
        big_code(workshop["join_code"], size_px=34 if visible else 40)
        if not visible:
            st.image(qr_png(join_url(workshop["join_code"])), width=180)
    with main:
        if rnd is None:
            st.title(md(workshop["name"]))
            st.markdown(f"## {t('presenter.no_round')}")
            return
        state = t("round.status_open") if rnd["status"] == "open" else t("round.status_closed")
        if visible:
            st.header(md(rnd["title"] or t("round.untitled")))
        else:
            st.title(md(rnd["title"] or t("round.untitled")))
        views.submission_status(rnd["id"], big=not visible, caption=state, one_line=visible)
    views.round_results(rnd, lang=lang, big=True)
    st.divider()
    reveal, close, _ = st.columns([1, 1, 3])
    if rnd["hide_results"] and not rnd["revealed"]:
        if reveal.button(
            t("round.reveal"), key="presenter_reveal", type="primary", width="stretch"
        ):
            rounds.reveal_round(wid, rnd["id"])
            st.rerun(scope="fragment")
    if rnd["status"] == "open" and close.button(
        t("round.close"), key="presenter_close", width="stretch"
    ):
        rounds.close_round(wid, rnd["id"])
        st.rerun(scope="fragment")


live()
