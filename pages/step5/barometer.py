"""Section "Kundenbarometer": per touchpoint and metric the figure of a period with its n, its
95 % interval where the sample is small, the other reading, and the change from the period
before — marked ▲ ▼ only when significant at 95 %, ≈ when not. Below five answers the value
is not shown. The period length and the metrics' targets are set here."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cemworkshop import barometer, touchpoints
from cemworkshop.metrics import barometer as calc
from cemworkshop.rounds.base import Table
from pages.common.forms import attempt, attempt_versioned, opened_version, saved
from pages.common.tables import table
from pages.common.text import md, t
from pages.step5.figures import (
    change_text,
    interval_text,
    label,
    note_text,
    other_text,
    shown_value,
    value_text,
)


def render(workshop: dict) -> None:
    wid = workshop["id"]
    st.caption(t("baro.intro"))
    order = barometer.periods(wid)
    if not order:
        st.info(t("baro.empty"))
        _settings(wid)
        return
    metrics = {m["id"]: m for m in barometer.metrics(wid)}
    a, b = st.columns([1, 3])
    period = a.selectbox(t("baro.period"), order[::-1], key="baro_period")
    chosen = b.multiselect(t("baro.metrics"), list(metrics), format_func=lambda i: metrics[i]["name"],
                           key="baro_metrics", placeholder=t("baro.all_metrics"))  # fmt: skip
    at = order.index(period)
    before = order[at - 1] if at else None
    figs, changes = barometer.figures(wid), barometer.changes(wid)
    names = {tp["id"]: tp["name"] for tp in touchpoints.touchpoints(wid)}
    rank = {tp_id: i for i, tp_id in enumerate(names)}
    keys = sorted(
        (k for k in figs if k[0] == period and k[2] in metrics and (not chosen or k[2] in chosen)),
        key=lambda k: (k[1] is not None, rank.get(k[1], 0), metrics[k[2]]["position"]),
    )
    ups = sum(1 for k in keys if changes.get(k) and changes[k].mark == "▲")
    downs = sum(1 for k in keys if changes.get(k) and changes[k].mark == "▼")
    st.markdown(
        t("baro.summary", period=period, before=before or "–", cells=len(keys), up=ups, down=downs)
    )
    rows = []
    for k in keys:
        m, fig = metrics[k[2]], figs[k]
        prev = figs.get((before, k[1], k[2])) if before else None
        rows.append({
            t("baro.touchpoint"): names.get(k[1], t("baro.overall")) if k[1] else t("baro.overall"),
            t("baro.metric"): label(m),
            t("baro.value"): shown_value(m, fig),
            "n": str(fig.n),
            t("baro.interval"): interval_text(m, fig) if fig.status == "small" else "",
            t("baro.other"): other_text(m, fig),
            t("baro.before", period=before or "–"): shown_value(m, prev) if prev else "–",
            t("baro.change"): change_text(m, changes.get(k)),
            t("baro.note"): note_text(fig),
        })  # fmt: skip
    table(Table("", "", pd.DataFrame(rows), empty=t("baro.empty")), big=False, wrap=True)
    st.caption(t("baro.rules", hide=calc.HIDE_BELOW, small=calc.SMALL_BELOW))
    _settings(wid)


def _settings(workshop_id: int) -> None:
    """The period length and each metric's target (drawn into the trends)."""
    with st.expander(t("baro.settings_title")):
        current = barometer.settings(workshop_id)
        version = opened_version("baro_settings", current["version"])
        with st.form("baro_settings_form", border=False):
            a, b, c = st.columns(3)
            grain = a.selectbox(t("field.granularity"), list(calc.GRANULARITIES),
                                index=list(calc.GRANULARITIES).index(current["granularity"]),
                                format_func={g: t(f"baro.grain_{g}") for g in calc.GRANULARITIES}.get, key="baro_grain")  # fmt: skip
            target = b.number_input(t("field.index_target"), 0.0, 100.0, float(current["index_target"]),
                                    step=1.0, key="baro_index_target")  # fmt: skip
            margin = c.number_input(t("field.kpi_margin"), 0.0, 50.0, float(current["kpi_margin"]),
                                    step=1.0, key="baro_margin", help=t("baro.margin_help"))  # fmt: skip
            if st.form_submit_button(t("records.save")) and attempt_versioned(
                "baro_settings", barometer.save_settings, workshop_id, granularity=grain,
                index_target=target, kpi_margin=margin, version=version,
            ):  # fmt: skip
                saved(t("baro.settings_saved"))
                st.rerun()
        st.markdown(f"**{t('baro.targets_title')}**")
        st.caption(t("baro.targets_help"))
        for m in barometer.metrics(workshop_id):
            low, high = barometer.target_range(m)
            with st.form(f"baro_target_{m['id']}", border=False):
                a, b = st.columns([3, 1], vertical_alignment="bottom")
                value = a.number_input(
                    label(m), float(low), float(high), m["target"], step=1.0 if high - low > 10 else 0.1,
                    key=f"baro_target_value_{m['id']}", placeholder=t("baro.no_target"),
                )  # fmt: skip
                if b.form_submit_button(t("records.save")) and attempt(
                    barometer.set_target, workshop_id, m["id"], value
                ):
                    saved(t("baro.target_saved", name=md(m["name"]),
                            value=value_text(m, value) if value is not None else "–"))  # fmt: skip
                    st.rerun()
