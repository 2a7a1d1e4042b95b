"""Section "KPIs & Ziele": each KPI of the strategy per period against the target valid then —
met, nearly (within the set margin) or missed — with where its value comes from (the barometer,
or entered per period); new values; a new target with the day it holds from and its reason,
every change kept."""

from __future__ import annotations

import html
import math
from datetime import date

import pandas as pd
import streamlit as st

from cemworkshop import barometer, formats, i18n, success, touchpoints
from cemworkshop.rounds.base import Table
from pages.common.forms import attempt, saved
from pages.common.tables import table
from pages.common.text import lang, md, number, t

COLOURS = {"met": "#2e7d32", "nearly": "#f9a825", "missed": "#c62828", None: "#bdbdbd"}
BACKGROUNDS = {"met": "#e8f5e9", "nearly": "#fff8e1", "missed": "#ffebee"}


def dot(judgement: str | None) -> str:
    """A traffic light as HTML (a coloured dot; no emoji font needed)."""
    return f'<span class="light" style="background:{COLOURS[judgement]}"></span>'


def value_unit(value, unit: str, decimals: int = 2, language: str | None = None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{formats.number(value, language or lang(), decimals)} {unit or ''}".strip()


def render(workshop: dict) -> None:
    wid = workshop["id"]
    st.caption(t("kpi5.intro", margin=number(barometer.settings(wid)["kpi_margin"], 0)))
    st.html(f'<div>{dot("met")} {html.escape(t("kpi5.met"))} · {dot("nearly")} '
            f'{html.escape(t("kpi5.nearly"))} · {dot("missed")} {html.escape(t("kpi5.missed"))}</div>')  # fmt: skip
    series = success.kpi_series(wid)
    if not series:
        st.info(t("kpi5.empty"))
        return
    periods = sorted({p["period"] for s in series for p in s["points"]})[-4:]
    metrics = {m["id"]: m["name"] for m in barometer.metrics(wid)}
    tps = {tp["id"]: tp["name"] for tp in touchpoints.touchpoints(wid)}
    st.html(f'{STYLE}<div style="overflow-x:auto">{_table(series, periods, metrics, tps)}</div>')
    st.caption(t("kpi5.legend"))
    left, right = st.columns(2, gap="large")
    with left:
        _enter_value(wid, series)
    with right:
        _change_target(wid, series)
    _source_form(wid, series, metrics, tps)
    _history(wid)


STYLE = """<style>
table.kpi5 { width: 100%; border-collapse: collapse; font-size: 0.95rem; }
table.kpi5 th { text-align: left; font-weight: 600; border-bottom: 2px solid #bbb; padding: 4px 8px; }
table.kpi5 td { border-bottom: 1px solid #e5e5e5; padding: 4px 8px; vertical-align: top; }
table.kpi5 td.cell { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.kpi5 .small { display: block; font-size: 0.8rem; color: #555; }
.light { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 50%; vertical-align: -0.05em; }
</style>"""


def _table(series: list[dict], periods: list[str], metrics: dict, tps: dict) -> str:
    """KPIs × periods: each value on the colour of its judgement, the target valid then below
    it, a significant change marked; words beside colours (readable without colour, too)."""
    esc = html.escape
    language = lang()
    said = {j: esc(t(f"kpi5.{j}") if j else "–") for j in (*BACKGROUNDS, None)}
    head = "".join(f'<th style="text-align:right">{esc(p)}</th>' for p in periods)
    sources = {}  # the same few sources for many KPIs: each sentence written once
    rows = []
    for s in series:
        by = {p["period"]: p for p in s["points"]}
        cells = []
        for p in periods:
            point = by.get(p)
            if point is None:
                cells.append('<td class="cell">–</td>')
                continue
            j = point["judgement"]
            mark = f" {point['mark']}" if point.get("mark") in ("▲", "▼") else ""
            target_then = i18n.translate(
                "kpi5.target_then", language, value=value_unit(point["target"], "", 1, language)
            )
            cells.append(
                f'<td class="cell" style="background:{BACKGROUNDS.get(j, "transparent")}">'
                f"{esc(value_unit(point['value'], '', 1, language))}{mark}"
                f'<span class="small">{dot(j)} {said[j]} · '
                f"{esc(target_then)}</span></td>"
            )  # fmt: skip
        key = tuple(sorted(s["source"].items())) if s["source"] else None
        if key not in sources:
            sources[key] = esc(_source_text(s, metrics, tps))
        rows.append(
            f"<tr><td><b>{esc(s['name'])}</b><span class='small'>{esc(s['unit'] or '')}</span></td>"
            f"<td><span class='small'>{sources[key]}</span></td>{''.join(cells)}"
            f'<td class="cell">{esc(value_unit(s["target"], s["unit"], 1, language))}</td></tr>'
        )  # fmt: skip
    return (
        f'<table class="kpi5"><thead><tr><th>KPI</th><th>{esc(t("kpi5.source"))}</th>{head}'
        f'<th style="text-align:right">{esc(t("kpi5.target_now"))}</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _source_text(s: dict, metrics: dict, tps: dict) -> str:
    src = s["source"]
    if not src:
        return t("kpi5.entered")
    where = (
        tps.get(src["touchpoint_id"], t("baro.overall"))
        if src["touchpoint_id"]
        else t("baro.overall")
    )
    return t("kpi5.from_barometer", metric=metrics.get(src["metric_id"], "?"), where=where,
             reading=t(f"kpi5.reading_{src['reading']}"))  # fmt: skip


def _enter_value(workshop_id: int, series: list[dict]) -> None:
    st.subheader(t("kpi5.value_title"))
    manual = {s["id"]: s["name"] for s in series if not s["source"]}
    if not manual:
        st.caption(t("kpi5.all_from_barometer"))
        return
    grain = barometer.settings(workshop_id)["granularity"]
    with st.form("kpi5_value"):
        a, b = st.columns(2)
        kpi = a.selectbox("KPI", list(manual), format_func=manual.get, key="kpi5_value_kpi")
        period = b.text_input(t("kpi5.period"), key="kpi5_value_period",
                              placeholder="2026-Q4" if grain == "quarter" else "2026-11",
                              help=t("kpi5.period_help"))  # fmt: skip
        c, d = st.columns([1, 2])
        value = c.text_input(t("field.value"), key="kpi5_value_value")
        note = d.text_input(t("field.note"), key="kpi5_value_note", max_chars=200)
        if st.form_submit_button(t("kpi5.value_save"), type="primary") and attempt(
            _save_value, workshop_id, kpi, period, value, note
        ):
            for k in ("kpi5_value_value", "kpi5_value_note"):
                st.session_state.pop(k, None)
            saved(t("kpi5.value_saved", name=md(manual[kpi])))
            st.rerun()


def _save_value(workshop_id: int, kpi: int, period: str, value: str, note: str) -> None:
    number_ = formats.parse_number(value, lang(), field="value")
    success.set_kpi_value(workshop_id, kpi, period, number_, note)


def _change_target(workshop_id: int, series: list[dict]) -> None:
    st.subheader(t("kpi5.target_title"))
    names = {s["id"]: s["name"] for s in series}
    with st.form("kpi5_target"):
        a, b, c = st.columns([2, 1, 1])
        kpi = a.selectbox("KPI", list(names), format_func=names.get, key="kpi5_target_kpi")
        current = next(s for s in series if s["id"] == kpi)
        value = b.text_input(t("kpi5.new_target"), key="kpi5_target_value",
                             help=t("kpi5.now", value=value_unit(current["target"], current["unit"])))  # fmt: skip
        since = c.text_input(
            t("field.changed_on"), value=formats.day(date.today(), lang()), key="kpi5_target_on"
        )
        reason = st.text_input(t("field.reason"), key="kpi5_target_reason", max_chars=300,
                               placeholder=t("kpi5.reason_example"))  # fmt: skip
        if st.form_submit_button(t("kpi5.set_target"), type="primary") and attempt(
            _save_target, workshop_id, kpi, value, reason, since
        ):
            for k in ("kpi5_target_value", "kpi5_target_reason"):
                st.session_state.pop(k, None)
            saved(t("kpi5.target_saved", name=md(names[kpi])))
            st.rerun()


def _save_target(workshop_id: int, kpi: int, value: str, reason: str, since: str) -> None:
    target = formats.parse_number(value, lang(), field="target")
    on = formats.parse_day(since, lang(), field="changed_on")
    success.change_target(workshop_id, kpi, target, reason, on=on)


def _source_form(workshop_id: int, series: list[dict], metrics: dict, tps: dict) -> None:
    with st.expander(t("kpi5.source_title")):
        st.caption(t("kpi5.source_help"))
        names = {s["id"]: s["name"] for s in series}
        with st.form("kpi5_source", border=False):
            a, b, c, d = st.columns(4)
            kpi = a.selectbox("KPI", list(names), format_func=names.get, key="kpi5_src_kpi")
            metric = b.selectbox(t("baro.metric"), [None, *metrics], key="kpi5_src_metric",
                                 format_func={None: t("kpi5.entered"), **metrics}.get)  # fmt: skip
            tp = c.selectbox(t("baro.touchpoint"), [None, *tps], key="kpi5_src_tp",
                             format_func={None: t("baro.overall"), **tps}.get)  # fmt: skip
            reading = d.selectbox(t("field.reading"), list(success.READINGS), key="kpi5_src_reading",
                                  format_func={r: t(f"kpi5.reading_{r}") for r in success.READINGS}.get)  # fmt: skip
            if st.form_submit_button(t("records.save")) and attempt(
                success.set_source, workshop_id, kpi, metric, tp, reading
            ):
                saved(t("kpi5.source_saved", name=md(names[kpi])))
                st.rerun()


def _history(workshop_id: int) -> None:
    found = success.target_changes(workshop_id)
    st.subheader(t("kpi5.history_title"))
    language, no_reason = lang(), t("kpi5.no_reason")
    data = pd.DataFrame({
        t("field.changed_on"): [formats.day(c["changed_on"], language) for c in found],
        "KPI": [c["kpi"] for c in found],
        t("kpi5.old"): [value_unit(c["old_value"], c["unit"], 2, language) for c in found],
        t("kpi5.new"): [value_unit(c["new_value"], c["unit"], 2, language) for c in found],
        t("field.reason"): [c["reason"] or no_reason for c in found],
    })  # fmt: skip
    table(
        Table("", t("kpi5.history_help"), data, empty=t("kpi5.history_empty")), big=False, wrap=True
    )
