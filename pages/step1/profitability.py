"""Section "CEM-Rentabilität / Return on Nothing": scenarios, both paths as a chart, the
levers that move the result most (sensitivity), comparison."""

from __future__ import annotations

import functools

import pandas as pd
import streamlit as st

from cemworkshop import formats, profitability
from cemworkshop.charts.profitability import ron_paths, sensitivity_bars
from cemworkshop.charts.style import validating
from cemworkshop.i18n import translate
from cemworkshop.metrics.ron import RonInputs, RonResult, churn_with_cem, return_on_nothing
from cemworkshop.metrics.ron import sensitivity as ron_sensitivity
from cemworkshop.validation import ValidationError
from pages.common.forms import attempt_versioned, opened_version, saved
from pages.common.text import error_text, lang, md, money, number, t

DEFAULT = RonInputs(
    customers=10_000, revenue_per_customer=1_000, margin_pct=20, churn_pct=15,
    churn_drift_pts=2, referral_pct=5, investment=200_000, churn_reduction_pct=30, years=5,
)  # fmt: skip
WHOLE = ("customers", "years")
# Asked for after the core figures, each with 0 meaning "left out".
EXTRA = ("discount_pct", "acquisition_cost")


def percent(value: float) -> str:
    return formats.percent(value, lang())


def figures(result: RonResult) -> dict[str, str]:
    """The four figures a scenario is judged by, formatted for this language. When referrals
    outweigh churn, doing nothing does not cost margin: the first figure then says how much
    the margin grows without CEM (a positive amount under its own name)."""
    if result.lost_by_nothing >= 0:
        first = {t("ron.lost"): money(result.lost_by_nothing)}
    else:
        first = {t("ron.grows"): money(-result.lost_by_nothing)}
    return first | {
        t("ron.gain"): money(result.cem_gain),
        t("ron.roi"): "—" if result.roi is None else percent(result.roi * 100),
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
        versions = {sc["id"]: sc["version"] for sc in saved_ones}
        inputs = _scenario_form(wid, chosen, names, start, versions)
    result = return_on_nothing(inputs)
    with result_col:
        cols = st.columns(2)
        for i, (label, value) in enumerate(figures(result).items()):
            cols[i % 2].metric(label, value)
        st.caption(_reading(inputs))
        st.vega_lite_chart(_paths_spec(inputs, lang()), width="stretch")
        _levers(inputs)
        with st.expander(t("ron.how_title")):
            st.markdown(t("ron.how"))
    _compare(wid, chosen)


def _reading(inputs: RonInputs) -> str:
    """The two things a finance person asks first: relative or points, and from when."""
    return t(
        "ron.reading",
        churn=percent(inputs.churn_pct),
        reduction=percent(inputs.churn_reduction_pct),
        with_cem=percent(churn_with_cem(inputs)),
    )


def _levers(inputs: RonInputs) -> None:
    """Which inputs move CEM's net return most when each is 10 % lower or higher."""
    rows = ron_sensitivity(inputs)
    st.markdown(f"**{t('ron.levers_title')}**")
    if not rows:
        st.caption(t("ron.levers_none"))
        return
    top = rows[0]
    st.caption(
        t(
            "ron.levers_lead",
            name=t(f"ron.short.{top['field']}"),
            low=money(min(top["low"], top["high"])),
            high=money(max(top["low"], top["high"])),
        )
    )
    st.vega_lite_chart(_levers_spec(inputs, lang()), width="stretch")


# Altair validates a whole chart when it becomes a spec: once per scenario and language, not
# on every rerun of the page.
@functools.lru_cache(maxsize=128)
def _paths_spec(inputs: RonInputs, language: str) -> dict:
    text = {
        k: translate(f"ron.{k}", language) for k in ("nothing", "cem", "year", "margin", "today")
    }
    result = return_on_nothing(inputs)
    return ron_paths(result, text, lambda v: formats.money(v, language), lang=language).to_dict(
        validate=validating()
    )


@functools.lru_cache(maxsize=128)
def _levers_spec(inputs: RonInputs, language: str) -> dict:
    rows = ron_sensitivity(inputs)
    text = {r["field"]: translate(f"ron.short.{r['field']}", language) for r in rows} | {
        k: translate(f"ron.levers_{k}", language) for k in ("lower", "higher", "change")
    }
    money_in = lambda v: formats.money(v, language)  # noqa: E731
    return sensitivity_bars(rows, text, money_in, lang=language).to_dict(validate=validating())


def _scenario_form(workshop_id: int, chosen, names: dict, start: RonInputs, versions) -> RonInputs:
    k = f"ron_{chosen or 'new'}"

    def field_input(field: str):
        return st.text_input(
            t(f"field.{field}"),
            value=number(getattr(start, field), 0 if field in WHOLE else 2),
            help=t(f"ron.help.{field}"),
            key=f"{k}_{field}",
        )

    with st.form(f"{k}_form"):
        name = st.text_input(t("ron.name"), value=names.get(chosen, ""), key=f"{k}_name")
        typed = {f: field_input(f) for f in profitability.FIELDS if f not in EXTRA}
        st.caption(t("ron.extra"))
        typed |= {f: field_input(f) for f in EXTRA}
        calc_col, save_col = st.columns(2)
        calculate = calc_col.form_submit_button(t("ron.calculate"), width="stretch")
        save = save_col.form_submit_button(t("ron.save"), type="primary", width="stretch")
    version = opened_version(f"{k}_form", versions[chosen]) if chosen else None
    if not (calculate or save):
        return start
    try:
        values = {
            field: formats.parse_number(
                text,
                lang(),
                field=field,
                low=profitability.LIMITS[field][0],
                high=profitability.LIMITS[field][1],
                whole=field in WHOLE,
            )
            for field, text in typed.items()
        }
        inputs = profitability.check_inputs(**values)
    except ValidationError as err:
        st.error(error_text(err))
        return start
    if save and attempt_versioned(
        f"{k}_form", profitability.save_scenario, workshop_id, name, inputs, version=version
    ):
        saved(t("ron.saved", name=md(name.strip())))
    return inputs


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
        format_func=names.get, placeholder=t("widget.choose"), key=f"ron_compare_{'-'.join(map(str, names))}",
    )  # fmt: skip
    if compared:
        table = {}
        for sc in saved_ones:
            if sc["id"] not in compared:
                continue
            result = return_on_nothing(sc["inputs"])
            # one row for what doing nothing does, whichever way it goes
            row = {t("ron.nothing_effect"): money(-result.lost_by_nothing)}
            table[names[sc["id"]]] = row | dict(list(figures(result).items())[1:])
            table[names[sc["id"]]][t("ron.churn_cem")] = percent(churn_with_cem(sc["inputs"]))
        st.dataframe(pd.DataFrame(table), width="stretch")
    if (
        chosen
        and chosen in names
        and st.button(t("ron.delete", name=md(names[chosen])), key=f"ron_{chosen}_delete")
    ):
        profitability.delete_scenario(workshop_id, chosen)
        st.rerun()
