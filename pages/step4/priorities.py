"""Section "Prioritäten & Quick-Wins": the room rates every candidate for impact and effort
on the phones (live round), the facilitator may override a value with a reason that stays
visible; the matrix and the one ranked list; the chosen measures go into the action plan."""

from __future__ import annotations

import streamlit as st

from cemworkshop import priorities
from cemworkshop.metrics import priority
from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.impact_effort import KIND as IMPACT_EFFORT
from cemworkshop.rounds.impact_effort import priority_results, rows
from pages.common.charts import fetched
from pages.common.forms import attempt, saved
from pages.common.layout import opened
from pages.common.rounds import draw_results, may_open
from pages.common.tables import built_from
from pages.common.text import lang, md, number, t


def render(workshop: dict) -> None:
    wid = workshop["id"]
    st.caption(t("priority.intro"))
    rnd = priorities.latest_round(wid)
    candidates = fetched(rows, wid, rnd)  # every candidate with its values: once for the section
    if not candidates:
        st.info(t("priority.no_candidates"))
        return
    _live(wid, candidates)
    if rnd is None:
        st.info(t("priority.no_round"))
    else:
        st.markdown(t("priority.source", title=md(rnd["title"] or t("round.untitled")),
                      status=t(f"round.status_{rnd['status']}")))  # fmt: skip
    # from the round: computed once per version of answers and candidates, shared by all
    language = lang()
    result = (
        IMPACT_EFFORT.results(rnd, language, "desk") if rnd
        else built_from(candidates, ("priorities.results", language),
                        lambda: priority_results(candidates, language, "desk"))
    )  # fmt: skip
    if result is not None:
        draw_results(result, layout="desk")
        _notes(candidates)
    _override(wid, candidates)
    _select(wid, candidates)


def _live(workshop_id: int, candidates: list[dict]) -> None:
    if not may_open(workshop_id, IMPACT_EFFORT.name, "priority.running"):
        return
    most_dots = sorted(candidates, key=lambda c: (-(c["dots"] or 0), c["measure_id"]))
    names = {m["measure_id"]: m["title"] for m in most_dots}
    with st.form("priority_open"):
        picked = st.multiselect(t("priority.candidates"), list(names), default=list(names)[:15],
                                format_func=names.get, key="priority_measures",
                                placeholder=t("widget.choose"))  # fmt: skip
        if st.form_submit_button(t("priority.start"), type="primary") and attempt(
            lifecycle.open_round, workshop_id, IMPACT_EFFORT.name, hide_results=True,
            title=t("priority.round_title"), measure_ids=picked,
        ):  # fmt: skip
            st.rerun()


def _notes(candidates: list[dict]) -> None:
    """Every override with its reason, and the room's median it replaces."""
    lines = built_from(candidates, ("priorities.notes", lang()), lambda: _note_lines(candidates))
    if lines:
        st.markdown(f"**{t('priority.overrides_title')}**  \n" + "  \n".join(lines))


def _note_lines(candidates: list[dict]) -> list[str]:
    return [
        t("priority.override_line", measure=md(c["title"]), axis=t(f"priority.{d}"),
          value=number(c[d], 1), median="–" if c[f"{d}_median"] != c[f"{d}_median"]
          else number(c[f"{d}_median"], 1), reason=md(c[f"{d}_override"]))
        for c in candidates for d in priority.DIMENSIONS if c[f"{d}_override"]
    ]  # fmt: skip


def _override(workshop_id: int, candidates: list[dict]) -> None:
    # drawn only while open (a rerun on opening): a choice of every candidate costs each rerun
    box = opened(t("priority.override_title"), key="priority_override_box")
    if box is None:
        return
    with box:
        names = {c["measure_id"]: c["title"] for c in candidates}
        axes = {d: t(f"priority.{d}") for d in priority.DIMENSIONS}
        with st.form("priority_override"):
            a, b, c = st.columns([3, 1, 1])
            measure = a.selectbox(t("priority.measure"), list(names), format_func=names.get,
                                  key="override_measure")  # fmt: skip
            axis = b.selectbox(
                t("priority.axis"), list(axes), format_func=axes.get, key="override_axis"
            )
            value = c.selectbox(t("priority.value"), [None, 1, 2, 3, 4, 5], key="override_value",
                                format_func=lambda v: t("priority.no_override") if v is None else str(v))  # fmt: skip
            reason = st.text_input(t("priority.reason"), key="override_reason", max_chars=300,
                                   placeholder=t("priority.reason_example"))  # fmt: skip
            if st.form_submit_button(t("priority.set_override")) and attempt(
                priorities.set_override, workshop_id, measure, axis, value, reason
            ):
                saved(t("priority.override_saved"))
                st.rerun()


def _select(workshop_id: int, candidates: list[dict]) -> None:
    ranking = built_from(  # = priorities.ranking, not read again; once per read of the candidates
        candidates, "priorities.ranking", lambda: priority.ranked([dict(c) for c in candidates])
    )
    if not ranking:
        return
    st.subheader(t("priority.select_title"))
    labels = {r["measure_id"]: f"{r['rank']}. {r['title']}" for r in ranking}
    in_plan = [r["measure_id"] for r in ranking if r["selected"]]
    quick = [r["measure_id"] for r in ranking if r["quadrant"] == "quick_win"]
    with st.form("priority_select"):
        picked = st.multiselect(t("priority.select"), list(labels), default=in_plan or quick,
                                format_func=labels.get, key="priority_selected",
                                placeholder=t("widget.choose"), help=t("priority.select_help"))  # fmt: skip
        if st.form_submit_button(t("priority.to_plan"), type="primary"):
            out = [m for m in in_plan if m not in picked]
            if attempt(priorities.select, workshop_id, picked) and (
                not out or attempt(priorities.select, workshop_id, out, False)
            ):
                one = len(picked) == 1
                saved(
                    t("priority.in_plan_one") if one else t("priority.in_plan", count=len(picked))
                )
                st.rerun()
