"""Section "Maßnahmenplan": per selected measure its target state, schedule, owner, budget,
KPI with baseline and target, success criterion, status and progress; the timeline with a line
for today and overdue measures in red; the total budget against the CEM investment of a
profitability scenario."""

from __future__ import annotations

from datetime import date

import pyarrow as pa
import streamlit as st

from cemworkshop import formats, priorities, profitability
from cemworkshop.charts.plan import STATUS_COLOURS, timeline_chart
from cemworkshop.priorities import PLAN, STATUSES
from cemworkshop.rounds.base import Figure
from pages.common.charts import chart_spec, fetched
from pages.common.layout import figures
from pages.common.records import Field, record_list
from pages.common.tables import built_from
from pages.common.text import lang, md, money, t

FIELDS = [
    Field("title", "plan.measure", in_form=False),
    Field("soll", "plan.soll", kind="long", width=4, placeholder="plan.soll_example"),
    Field("start_on", "field.start_on", kind="day"),
    Field("due_on", "field.due_on", kind="day"),
    Field("owner", "field.owner"),
    Field("owner_role", "field.role"),
    Field("budget", "field.budget", kind="amount"),
    Field("kpi_target", "plan.kpi_target", kind="number"),
    Field("success_criterion", "field.success_criterion", kind="long", width=4),
    Field("status", "field.status", kind="choice", choices=STATUSES, prefix="plan.status."),
    Field("percent_done", "field.percent_done", kind="whole"),
    Field("updated_at", "plan.updated", kind="stamp", in_form=False),
]


def render(workshop: dict) -> None:
    wid = workshop["id"]
    st.caption(t("plan.intro"))
    # read once per change of the database; what is made of it is kept while it is this list
    rows = fetched(priorities.plan, wid)
    if not rows:
        st.info(t("plan.empty"))
        return
    shown = _filters(rows)
    _budget(wid)
    _timeline(wid, shown)
    st.subheader(t("plan.edit_title"))
    record_list(
        "plan", PLAN, wid, FIELDS, rows=shown, title=lambda r: r["title"], allow_new=False,
        delete=lambda w, plan_id: priorities.select(
            w, [next(r["measure_id"] for r in rows if r["id"] == plan_id)], False),
        empty="plan.none_shown", shared=True,
    )  # fmt: skip
    _kpis(shown)


def _filters(rows: list[dict]) -> list[dict]:
    """The rows the filters let through: the very same list while the rows and filters stay."""
    a, b, c = st.columns(3)
    owners, tps = built_from(rows, "plan.choices", lambda: (
        sorted({r["owner"] for r in rows if r["owner"]}),
        sorted({r["touchpoint"] for r in rows if r["touchpoint"]}),
    ))  # fmt: skip
    status_names = {s: t(f"plan.status.{s}") for s in STATUSES}
    owner = a.multiselect(t("field.owner"), owners, key="plan_f_owner", placeholder=t("plan.all"))
    tp = b.multiselect(t("plan.touchpoint"), tps, key="plan_f_tp", placeholder=t("plan.all"))
    status = c.multiselect(t("field.status"), list(STATUSES), format_func=status_names.get,
                           key="plan_f_status", placeholder=t("plan.all"))  # fmt: skip
    if not (owner or tp or status):
        return rows
    return built_from(rows, ("plan.shown", tuple(owner), tuple(tp), tuple(status)), lambda: [
        r for r in rows if (not owner or r["owner"] in owner) and (not tp or r["touchpoint"] in tp)
        and (not status or r["status"] in status)])  # fmt: skip


def _budget(workshop_id: int) -> None:
    total = fetched(priorities.budget_total, workshop_id)
    scenarios = {s["id"]: s for s in fetched(profitability.scenarios, workshop_id)}
    shown = [Figure(t("plan.budget_total"), money(total))]
    if scenarios:
        names = {i: s["name"] for i, s in scenarios.items()}
        chosen = st.selectbox(
            t("plan.scenario"), list(names), format_func=names.get, key="plan_scenario"
        )
        invest = scenarios[chosen]["inputs"].investment
        shown += [Figure(t("plan.investment"), money(invest)),
                  Figure(t("plan.left"), money(invest - total))]  # fmt: skip
    figures(shown)


def _timeline(workshop_id: int, shown: list[dict]) -> None:
    today = date.today()
    language = lang()
    spec, late, undated = built_from(shown, ("plan.timeline", today, language),
                                     lambda: _timeline_parts(workshop_id, shown, today))  # fmt: skip
    st.subheader(t("plan.timeline_title"))
    left, right = st.columns([4, 1], gap="large")
    with left:
        if spec is not None:
            st.vega_lite_chart(spec, width="stretch")
            if late:
                st.error(late)
    with right:
        st.markdown(f"**{t('plan.undated')}**\n\n{undated}")
        if not undated:
            st.caption("–")


_CHARTED = ("title", "owner", "start_on", "due_on", "status", "percent_done", "overdue")


def _timeline_parts(workshop_id: int, shown: list[dict], today: date) -> tuple:
    """(the chart's spec or None, the message naming overdue measures or "", the undated
    measures as a Markdown list or "") — made once per rows, day and language."""
    dated, undated = priorities.timeline(workshop_id, today, shown)
    # only what the chart shows: its data goes to the browser with the spec on every rerun
    dated = [{k: r[k] for k in _CHARTED} for r in dated]
    spec = None
    if dated:
        text = {k: t(f"plan.{k}") for k in ("measure", "start", "due", "owner", "status", "today")}
        names = {s: t(f"plan.status.{s}") for s in STATUS_COLOURS}
        spec = chart_spec(timeline_chart, dated, text=text, status_names=names,
                          today=today.isoformat(), lang=lang())  # fmt: skip
    late = [r["title"] for r in dated if r["overdue"]]
    # one list, one element (not one per measure); a title on one line each
    items = [f"- {md(' '.join(r['title'].split()))}" for r in undated]
    return spec, t("plan.overdue", names=md(", ".join(late))) if late else "", "\n".join(items)


def _kpis(rows: list[dict]) -> None:
    language = lang()
    data = built_from(rows, ("plan.kpis", language), lambda: _kpi_table(rows, language))
    if data is None:
        return
    st.subheader(t("plan.kpi_title"))
    st.dataframe(data, hide_index=True, width="stretch")


def _kpi_table(rows: list[dict], language: str) -> pa.Table | None:
    with_kpi = [r for r in rows if r["kpi"]]
    if not with_kpi:
        return None
    return pa.table(
        {
            t("plan.measure"): [r["title"] for r in with_kpi],
            t("plan.kpi"): [r["kpi"] for r in with_kpi],
            t("plan.baseline"): [_n(r["baseline"], r["unit"], language) for r in with_kpi],
            t("plan.kpi_target"): [_n(r["kpi_target"], r["unit"], language) for r in with_kpi],
            t("plan.strategy_target"): [
                _n(r["kpi_strategy_target"], r["unit"], language) for r in with_kpi
            ],
            t("field.success_criterion"): [r["success_criterion"] or "–" for r in with_kpi],
        }
    )


def _n(value, unit, language: str) -> str:
    return "–" if value is None else f"{formats.number(value, language, 2)} {unit or ''}".strip()
