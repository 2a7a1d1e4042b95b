"""Section "Beschwerdeanalyse": per month the count, per 1,000 customers, first-contact
resolution, acknowledged within a working day, median and p90 days to close, closed within 3
working days and within 8 weeks, upheld, open beyond the target age; Pareto charts by cause
and by touchpoint — a click on a bar lists its complaints."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from cemworkshop import complaints, continuous
from cemworkshop.charts.complaints import SELECTION, pareto_chart
from pages.common.charts import chart_spec, fetched
from pages.common.forms import attempt, saved
from pages.common.layout import opened
from pages.common.tables import built_from, desk_grid, grid
from pages.common.text import lang, local_moment, md, number, t


def render(workshop: dict) -> None:
    wid = workshop["id"]
    st.caption(t("analysis.intro"))
    # read and computed once per change of the database (and day); shared: never changed here
    target = fetched(continuous.settings, wid)["target_days"]
    rows = fetched(complaints.analysis, wid, date.today(), target)
    if not rows:
        st.info(t("compl.empty"))
        return
    months = [r["month"] for r in rows]
    chosen = st.multiselect(
        t("analysis.months"), months, default=months[-6:], key="analysis_months"
    )
    _figures(rows, chosen, target)
    box = opened(t("analysis.customers_title"), key="analysis_customers_box")  # drawn when open
    if box is not None:
        with box:
            _customers(wid, months)
    left, right = st.columns(2, gap="large")
    for col, key in ((left, "cause"), (right, "touchpoint")):
        with col:
            _pareto(wid, key, chosen)


def _pct(v) -> str:
    return "–" if v != v else f"{number(100 * v, 0)} %"


def _figures(rows: list[dict], chosen: list[str], target: int) -> None:
    """One row per figure, one column per month (those ``chosen``, or all): every label
    readable in full. Made once per analysis, months and language."""
    st.subheader(t("analysis.table_title"))
    st.caption(t("analysis.table_help"))
    shown = [r for r in rows if r["month"] in chosen] or rows
    key = ("analysis.figures", tuple(chosen), target, lang())
    data = built_from(rows, key, lambda: grid(_figure_table(shown, target)))
    desk_grid(data, {r["month"]: "figure" for r in shown})


def _figure_table(rows: list[dict], target: int) -> pd.DataFrame:
    nr = lambda v, d: "–" if v != v else number(v, d)  # noqa: E731
    figures_ = [
        (t("analysis.count"), lambda r: str(r["count"])),
        (
            t("analysis.per_1000"),
            lambda r: (
                "–" if r["per_1000"] != r["per_1000"] else number(r["per_1000"], 2, fixed=True)
            ),
        ),
        (t("analysis.first_contact"), lambda r: _pct(r["first_contact"])),
        (t("analysis.ack_1wd"), lambda r: _pct(r["acknowledged_1wd"])),
        (t("analysis.median_days"), lambda r: nr(r["median_days"], 1)),
        (t("analysis.p90_days"), lambda r: nr(r["p90_days"], 1)),
        (t("analysis.closed_3wd"), lambda r: _pct(r["closed_3wd"])),
        (t("analysis.closed_8w"), lambda r: _pct(r["closed_8w"])),
        (t("analysis.upheld"), lambda r: _pct(r["upheld"])),
        (t("analysis.open_over", days=target), lambda r: str(r["open_over_target"])),
    ]
    return pd.DataFrame(
        {t("analysis.figure"): [name for name, _ in figures_],
         **{r["month"]: [get(r) for _, get in figures_] for r in rows}}
    )  # fmt: skip


def _customers(workshop_id: int, months: list[str]) -> None:
    base = complaints.customers(workshop_id)
    with st.form("analysis_customers"):
        a, b = st.columns(2)
        month = a.selectbox(
            t("analysis.month"), months, index=len(months) - 1, key="analysis_cust_month"
        )
        count = b.number_input(t("analysis.customers"), min_value=1, step=100, key="analysis_cust_n",
                               value=base.get(month) or 1000)  # fmt: skip
        st.caption(t("analysis.customers_help"))
        if st.form_submit_button(t("records.save")) and attempt(
            complaints.set_customers, workshop_id, month, count
        ):
            saved(t("analysis.customers_saved"))
            st.rerun()


def _pareto(workshop_id: int, key: str, months: list[str]) -> None:
    rows = fetched(complaints.pareto_by, workshop_id, key, months)
    st.subheader(t(f"analysis.pareto_{key}"))
    if not rows:
        st.info(t("compl.empty"))
        return
    vital = built_from(
        rows, "analysis.vital", lambda: ", ".join(r["name"] for r in rows if r["vital"])
    )
    st.caption(t("analysis.vital", names=md(vital)))
    spec = built_from(rows, ("analysis.pareto", key, lang()), lambda: _pareto_spec(rows, key))
    event = st.vega_lite_chart(spec, width="stretch", on_select="rerun", key=f"pareto_{key}")

    picked = [p.get("name") for p in (event.selection.get(SELECTION) or [])] if event else []
    if picked:
        found = [c for c in fetched(complaints.complaints, workshop_id)
                 if (c[key] or "–") in picked and (not months or c["received_at"][:7] in months)]  # fmt: skip
        st.markdown(f"**{t('analysis.listed', name=md(', '.join(picked)), count=len(found))}**")
        for c in found[:50]:
            st.markdown(
                f"- {c['ref']} · {local_moment(c['received_at'])} · {md(c['description'][:120])}"
            )


def _pareto_spec(rows: list[dict], key: str) -> dict:
    text = {
        "name": t(f"compl.{key}"),
        "count": t("analysis.count"),
        "cumulative": t("analysis.cumulative"),
    }
    return chart_spec(pareto_chart, rows, text=text, lang=lang())
