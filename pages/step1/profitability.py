"""Section "CEM-Rentabilität / Return on Nothing": scenarios, both paths as a chart, comparison."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cemworkshop import profitability
from cemworkshop.charts.profitability import ron_paths
from cemworkshop.metrics.ron import RonInputs, RonResult, return_on_nothing
from cemworkshop.validation import ValidationError
from pages.common.forms import saved
from pages.common.text import error_text, md, money, t

DEFAULT = RonInputs(
    customers=10_000, revenue_per_customer=1_000, margin_pct=20, churn_pct=15,
    churn_drift_pts=2, referral_pct=5, investment=200_000, churn_reduction_pct=30, years=5,
)  # fmt: skip
STEPS = {"customers": 100, "revenue_per_customer": 50, "investment": 10_000, "years": 1}
WHOLE = ("customers", "years")


def figures(result: RonResult) -> dict[str, str]:
    """The four figures a scenario is judged by, formatted for this language."""
    return {
        t("ron.lost"): money(result.lost_by_nothing),
        t("ron.gain"): money(result.cem_gain),
        t("ron.roi"): "—" if result.roi is None else f"{result.roi * 100:.0f} %",
        t("ron.break_even"): t("ron.break_even_year", n=result.break_even_year)
        if result.break_even_year
        else t("ron.break_even_none"),
    }


def render(workshop: dict) -> None:
    wid = workshop["id"]
    st.caption(t("ron.intro"))
    saved_ones = profitability.scenarios(wid)
    names = {sc["id"]: sc["name"] for sc in saved_ones}
    chosen = st.selectbox(
        t("ron.load"), [None, *names], format_func={None: t("ron.new"), **names}.get, key="ron_load"
    )
    start = next((sc["inputs"] for sc in saved_ones if sc["id"] == chosen), DEFAULT)
    form_col, result_col = st.columns([2, 3], gap="large")
    with form_col:
        inputs = _scenario_form(wid, chosen, names, start)
    result = return_on_nothing(inputs)
    with result_col:
        cols = st.columns(2)
        for i, (label, value) in enumerate(figures(result).items()):
            cols[i % 2].metric(label, value)
        text = {key: t(f"ron.{key}") for key in ("nothing", "cem", "year", "margin", "today")}
        st.altair_chart(ron_paths(result, text, money), width="stretch")
        with st.expander(t("ron.how_title")):
            st.markdown(t("ron.how"))
    _compare(wid, chosen)


def _scenario_form(workshop_id: int, chosen, names: dict, start: RonInputs) -> RonInputs:
    k = f"ron_{chosen or 'new'}"
    with st.form(f"{k}_form"):
        name = st.text_input(t("ron.name"), value=names.get(chosen, ""), key=f"{k}_name")
        values = {}
        for field in profitability.FIELDS:
            low, high = profitability.LIMITS[field]
            number = int if field in WHOLE else float
            values[field] = st.number_input(
                t(f"field.{field}"),
                min_value=number(low),
                max_value=number(high),
                value=number(getattr(start, field)),
                step=number(STEPS.get(field, 1 if field in WHOLE else 0.5)),
                key=f"{k}_{field}",
            )
        calc_col, save_col = st.columns(2)
        calculate = calc_col.form_submit_button(t("ron.calculate"), width="stretch")
        save = save_col.form_submit_button(t("ron.save"), type="primary", width="stretch")
    if not (calculate or save):
        return start
    try:
        inputs = profitability.check_inputs(**values)
        if save:
            profitability.save_scenario(workshop_id, name, inputs)
            saved(t("ron.saved", name=md(name.strip())))
        return inputs
    except ValidationError as err:
        st.error(error_text(err))
        return start


def _compare(workshop_id: int, chosen) -> None:
    st.subheader(t("ron.compare_title"))
    saved_ones = profitability.scenarios(workshop_id)  # again: this run may just have saved one
    names = {sc["id"]: sc["name"] for sc in saved_ones}
    if not saved_ones:
        st.info(t("ron.no_scenarios"))
        return
    compared = st.multiselect(
        t("ron.compare_choose"), list(names), default=list(names)[:4],
        # a new or deleted scenario makes a new selection: every saved one is compared again
        format_func=names.get, key=f"ron_compare_{'-'.join(map(str, names))}",
    )  # fmt: skip
    if compared:
        table = {
            names[sc["id"]]: figures(return_on_nothing(sc["inputs"]))
            for sc in saved_ones
            if sc["id"] in compared
        }
        st.dataframe(pd.DataFrame(table), width="stretch")
    if (
        chosen
        and chosen in names
        and st.button(t("ron.delete", name=names[chosen]), key=f"ron_{chosen}_delete")
    ):
        profitability.delete_scenario(workshop_id, chosen)
        st.rerun()
