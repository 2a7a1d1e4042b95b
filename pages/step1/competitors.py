"""Section "IST-Analyse / Benchmark": brand and customer promise; the own company against named
competitors on criteria, scored by the facilitator or live by the room."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext

import streamlit as st

from cemworkshop import competitors, workshops
from cemworkshop.charts.competitors import comparison_chart
from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.competitor_scoring import KIND, chart_text
from cemworkshop.validation import ValidationError
from pages.common.charts import chart_spec, fetched, kept
from pages.common.forms import attempt, saved
from pages.common.layout import LONG_LIST, opened
from pages.common.text import error_text, lang, md, moment, number, t

# The facilitator's scale: 1 to 5 in half points, or not scored yet; nothing else can be typed.
SCALE = [None, *(x / 2 for x in range(2, 11))]
# Up to this many cells the grid shows every company at once. Each choice costs Streamlit a copy
# of the session's state, so a grid of 300 took 300 ms a rerun; larger grids show one company,
# the one picked (none at first: its 30 choices cost more than the rest of the section).
GRID_CELLS = 60


def render(workshop: dict) -> None:
    wid = workshop["id"]
    st.caption(t("competitors.intro"))
    _promises(wid)
    # read again only after a commit (300 scores on every rerun otherwise)
    comps, crits = fetched(competitors.companies, wid), fetched(competitors.criteria, wid)
    values = fetched(competitors.scores, wid) if crits and len(comps) > 1 else {}
    setup_col, grid_col = st.columns([2, 3], gap="large")
    with setup_col:
        _setup(wid, comps, crits)
    with grid_col:
        st.subheader(t("competitors.scores"))
        if crits and len(comps) > 1:
            _score_grid(wid, comps, crits, values)
        else:
            st.info(t("competitors.setup_first"))
    if crits and len(comps) > 1:
        _chart(comps, crits, values)
    _live_round(wid)


def _promises(workshop_id: int) -> None:
    promise = workshops.promises(workshop_id)
    with st.form("competitors_promises"):
        left, right = st.columns(2)
        brand = left.text_area(
            t("competitors.brand_promise"), value=promise["brand_promise"], key="competitors_brand",
            height=90,
        )  # fmt: skip
        customer = right.text_area(
            t("competitors.customer_promise"), value=promise["customer_promise"],
            key="competitors_customer", height=90,
        )  # fmt: skip
        shown = st.session_state.setdefault("competitors_promises__shown", promise)
        if st.form_submit_button(t("competitors.save_promises")):
            try:
                workshops.set_promises(workshop_id, brand, customer, shown=shown)
                st.session_state.pop("competitors_promises__shown", None)
                saved(t("competitors.promises_saved"))
            except ValidationError as err:
                if err.code == "stale_edit":  # a second save overwrites, deliberately
                    st.session_state["competitors_promises__shown"] = workshops.promises(
                        workshop_id
                    )
                st.error(error_text(err))


def _setup(workshop_id: int, comps: list[dict], crits: list[dict]) -> None:
    st.subheader(t("competitors.companies"))
    own = f" · {t('competitors.own')}"
    _removable(
        "competitors_comp",
        {c["id"]: f"**{md(c['name'])}**{own if c['is_own'] else ''}" for c in comps},
        {c["id"] for c in comps if not c["is_own"]},
        lambda comp_id: competitors.remove_competitor(workshop_id, comp_id),
    )
    with st.form("competitors_add_company", border=False):
        new = st.text_input(t("competitors.new_competitor"), key="competitors_new_competitor")
        if st.form_submit_button(t("competitors.add")) and attempt(
            competitors.add_competitor, workshop_id, new
        ):
            st.rerun()
    st.subheader(t("competitors.criteria"))
    _removable(
        "competitors_crit",
        {c["id"]: md(c["name"]) for c in crits},
        {c["id"] for c in crits},
        lambda crit_id: competitors.remove_criterion(workshop_id, crit_id),
    )
    with st.form("competitors_add_criterion", border=False):
        new = st.text_input(
            t("competitors.new_criterion"), key="competitors_new_criterion",
            placeholder=t("competitors.criterion_placeholder"),
        )  # fmt: skip
        if st.form_submit_button(t("competitors.add")) and attempt(
            competitors.add_criterion, workshop_id, new
        ):
            st.rerun()


def _removable(
    key: str, lines: dict[int, str], removable: set[int], remove: Callable[[int], None]
) -> None:
    """A list's rows (Markdown ``lines`` by id), a ✕ on those in ``removable``; a list longer
    than LONG_LIST as one text, its rows with ✕ drawn only while "Entfernen" is open."""
    if len(lines) > LONG_LIST:
        st.markdown("  \n".join(lines.values()))
        box = opened(t("competitors.remove"), key=f"{key}_remove_box")
        if box is None:
            return
    else:
        box = nullcontext()  # rows as they were: straight in the column
    with box:
        for item_id, line in lines.items():
            name_col, del_col = st.columns([5, 1], vertical_alignment="center")
            name_col.markdown(line)
            if item_id in removable and del_col.button(
                "✕", key=f"{key}_del_{item_id}", help=t("competitors.remove")
            ):
                remove(item_id)
                st.rerun()


def _score_grid(
    workshop_id: int, comps: list[dict], crits: list[dict], values: dict[tuple[int, int], float]
) -> None:
    shown = {v: "–" if v is None else number(v) for v in SCALE}.get  # written once, not per cell
    if len(comps) * len(crits) > GRID_CELLS:  # a large benchmark: one company at a time
        st.caption(t("competitors.one_at_a_time", companies=len(comps), criteria=len(crits)))
        names = {c["id"]: c["name"] for c in comps}
        pick = st.selectbox(
            t("competitors.score_which"), list(names), index=None, format_func=names.get,
            placeholder=t("widget.choose"), key="competitors_grid_company",
        )  # fmt: skip
        if pick is None:
            return
        comps = [c for c in comps if c["id"] == pick]
    with st.form("competitors_scores"):
        heads = st.columns([2, *[1] * len(comps)])
        for col, comp in zip(heads[1:], comps, strict=True):
            col.markdown(f"**{md(comp['name'])}**")
        entered = {}
        for crit in crits:
            cols = st.columns([2, *[1] * len(comps)], vertical_alignment="center")
            cols[0].markdown(md(crit["name"]))
            for col, comp in zip(cols[1:], comps, strict=True):
                stored = values.get((crit["id"], comp["id"]))
                # The key sits on a container, not on the selectbox: Streamlit copies the whole
                # session state for every keyed selectbox, and a grid of 300 took 300 ms that way.
                with col.container(key=f"competitors_{crit['id']}_{comp['id']}"):
                    entered[(crit["id"], comp["id"])] = st.selectbox(
                        md(f"{crit['name']} · {comp['name']}"), SCALE,
                        index=SCALE.index(stored) if stored in SCALE else 0,
                        format_func=shown, label_visibility="collapsed",
                    )  # fmt: skip
        if st.form_submit_button(t("competitors.save_scores"), type="primary") and attempt(
            competitors.set_scores, workshop_id, entered
        ):
            st.rerun()


def _chart(comps: list[dict], crits: list[dict], values: dict[tuple[int, int], float]) -> None:
    language = lang()
    # made once per benchmark and language: the comparison's table and its fingerprint cost
    # more than drawing the chart
    spec, lags = kept(
        "competitors.chart", lambda: _comparison(comps, crits, values, language),
        comps, crits, values, language,
    )  # fmt: skip
    if spec is None:
        st.info(t("competitors.chart_empty"))
        return
    st.vega_lite_chart(spec, width="stretch")
    if lags:
        st.markdown(t("competitors.lags", names=", ".join(md(n) for n in lags)))


def _comparison(
    comps: list[dict], crits: list[dict], values: dict[tuple[int, int], float], language: str
) -> tuple[dict | None, list[str]]:
    """The comparison chart's spec (None without a comparison) and the criteria where the own
    company lags, in the chart's order."""
    table = competitors.comparison(crits, comps, values)
    if table.empty:
        return None, []
    spec = chart_spec(comparison_chart, table, text=chart_text(language), lang=language)
    return spec, list(table[(table["own"]) & (table["gap"] < 0)]["criterion"])


def _live_round(workshop_id: int) -> None:
    st.subheader(t("competitors.live_title"))
    live = lifecycle.current_round(workshop_id)
    if live and live["kind"] == KIND.name:
        st.caption(t("competitors.live_running"))
    elif live:
        st.info(t("competitors.other_round_open"))
    else:
        hide = st.checkbox(t("round.hide_results"), value=True, key="competitors_round_hide")
        if st.button(t("competitors.start_round"), key="competitors_round_start", type="primary"):
            try:
                lifecycle.open_round(
                    workshop_id, KIND.name, hide_results=hide, title=t("competitors.round_title")
                )
                st.rerun()
            except ValidationError as err:
                st.error(error_text(err))
    done = [
        r
        for r in lifecycle.list_rounds(workshop_id, KIND.name)
        if r["status"] == "closed" and r["submitted"]
    ]
    if done:
        last = done[0]
        st.markdown(
            t(
                "competitors.last_round",
                submitted=last["submitted"],
                opened=moment(last["opened_at"]),
            )
        )
        if st.button(t("competitors.apply"), key=f"competitors_apply_{last['id']}"):
            count = competitors.apply_round_means(workshop_id, KIND.means(last["id"]))
            saved(t("competitors.applied", count=count))
            st.rerun()
