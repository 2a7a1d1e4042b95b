"""Section "Messdaten": what the barometer is made of — the count of answers and respondents;
the import of a survey export (one row per answer, pre-aggregated rows, or one row per
respondent with one or three header rows) with a preview and a reason for every refused row;
pre-aggregated figures entered by hand; the workshop's own dimensions."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from cemworkshop import barometer, formats, touchpoints
from cemworkshop.exchange.measurements import import_measurements, plan_measurements
from cemworkshop.rounds.base import Figure, Table
from cemworkshop.validation import ValidationError
from pages.common.charts import fetched
from pages.common.forms import attempt, saved
from pages.common.layout import figures, opened
from pages.common.name_mapping import map_names
from pages.common.tables import built_from, table
from pages.common.text import day, error_text, lang, md, number, t
from pages.step5.figures import label

MAX_SHOWN = 200  # refused rows listed with their reason


def render(workshop: dict) -> None:
    wid = workshop["id"]
    st.caption(t("data.intro"))
    found = fetched(barometer.counts, wid)  # reads: once per change, for every session
    periods = fetched(barometer.periods, wid)
    figures([
        Figure(t("data.responses"), number(found["responses"], 0)),
        Figure(t("data.respondents"), number(found["respondents"], 0)),
        Figure(t("data.aggregates"), number(found["aggregates"], 0)),
        Figure(t("data.periods"), number(len(periods), 0)),
    ])  # fmt: skip
    # the tools are drawn only while open: their widgets would cost every rerun; with no
    # measurements yet both ways to enter them are open
    empty = not (found["responses"] or found["aggregates"])
    if box := opened(t("data.import_title"), "data_import_box", expanded=not found["responses"]):
        with box:
            _import(wid)
    if box := opened(t("data.aggregate_title"), "data_aggregate_box", expanded=empty):
        with box:
            _aggregate_form(wid)
    _aggregates(wid)
    if box := opened(t("data.metrics_title"), "data_metrics_box"):
        with box:
            _own_metrics(wid)
    if box := opened(t("data.delete_title"), "data_delete_box"):
        with box:
            _delete(wid, periods)


def _import(workshop_id: int) -> None:
    st.caption(t("data.import_help"))
    up = st.file_uploader(t("data.import_file"), type=["csv", "txt"], key="data_upload")
    if up is None:
        return
    try:
        plan = plan_measurements(workshop_id, up.getvalue())
    except ValidationError as err:
        st.error(error_text(err))
        return
    st.markdown(t("data.preview", layout=t(f"data.layout_{plan.layout}"), new=len(plan.rows),
                  known=plan.duplicates, refused=len(plan.rejected)))  # fmt: skip
    if plan.skipped_header_rows:
        st.caption(t("data.skipped_headers", count=plan.skipped_header_rows))
    if plan.new_metrics:
        st.caption(t("data.new_metrics", names=md(", ".join(
            f"{n} ({formats.number(lo, lang(), 0)}–{formats.number(hi, lang(), 0)})" for n, (lo, hi) in plan.new_metrics.items()))))  # fmt: skip
    if plan.unknown_columns:
        st.caption(t("data.unknown_columns", names=md(", ".join(plan.unknown_columns[:12]))))
    if plan.rejected:
        shown = plan.rejected[:MAX_SHOWN]
        data = pd.DataFrame({
            t("compl.line"): [str(line) for line, _, _ in shown],
            t("data.column"): [params.get("column", "–") for _, _, params in shown],
            t("compl.why"): [error_text(ValidationError(code, **params)) for _, code, params in shown],
        })  # fmt: skip
        table(Table("", "", data), big=False, wrap=True)
        if len(plan.rejected) > MAX_SHOWN:
            st.caption(t("data.more_refused", count=len(plan.rejected) - MAX_SHOWN))
    mapping, create = map_names(
        workshop_id, plan.unmatched, key="data", none_label="data.leave_out"
    )
    if plan.rows and st.button(
        t("data.import_go", count=len(plan.rows)), type="primary", key="data_import_go"
    ):
        try:
            count = import_measurements(workshop_id, plan, mapping=mapping, create=create)
        except ValidationError as err:
            st.error(error_text(err))
            return
        st.session_state.pop("data_upload", None)
        st.session_state.pop("data_import_box", None)  # closed, as with measurements it opens
        saved(t("data.imported", count=count))
        st.rerun()


def _aggregate_form(workshop_id: int) -> None:
    st.caption(t("data.aggregate_help"))
    metrics = {m["id"]: m for m in fetched(barometer.metrics, workshop_id)}
    tps = {tp["id"]: tp["name"] for tp in fetched(touchpoints.touchpoints, workshop_id)}
    with st.form("data_aggregate"):
        a, b, c = st.columns(3)
        mid = a.selectbox(
            t("baro.metric"),
            list(metrics),
            format_func={i: label(m) for i, m in metrics.items()}.get,
            key="data_agg_metric",
        )
        tp = b.selectbox(t("baro.touchpoint"), [None, *tps], format_func={None: t("baro.overall"), **tps}.get,
                         key="data_agg_tp")  # fmt: skip
        start = c.text_input(t("field.period_on"), value=formats.day(date.today().replace(day=1), lang()),
                             key="data_agg_start", help=t("data.period_on_help"))  # fmt: skip
        d, e, f, g, h = st.columns(5)
        n = d.text_input(t("field.n"), key="data_agg_n")
        mean = e.text_input(t("field.mean"), key="data_agg_mean", help=t("data.mean_help"))
        sd = f.text_input(t("field.sd"), key="data_agg_sd", help=t("data.optional"))
        top = g.text_input(t("field.top_share"), key="data_agg_top", help=t("data.top_help"))
        bottom = h.text_input(
            t("field.bottom_share"), key="data_agg_bottom", help=t("data.bottom_help")
        )
        i, j = st.columns(2)
        channel = i.text_input(t("compl.channel"), key="data_agg_channel", max_chars=80)
        source = j.text_input(t("data.source"), key="data_agg_source", max_chars=120,
                              placeholder=t("data.source_example"))  # fmt: skip
        if st.form_submit_button(t("data.aggregate_save"), type="primary") and attempt(
            _save_aggregate, workshop_id, mid, tp, start, n, mean, sd, top, bottom, channel, source
        ):
            for k in (
                "data_agg_n",
                "data_agg_mean",
                "data_agg_sd",
                "data_agg_top",
                "data_agg_bottom",
            ):
                st.session_state.pop(k, None)
            saved(t("data.aggregate_saved"))
            st.rerun()


def _optional(text: str, field: str):
    return formats.parse_number(text, lang(), field=field) if (text or "").strip() else None


def _save_aggregate(workshop_id, mid, tp, start, n, mean, sd, top, bottom, channel, source) -> None:
    barometer.add_aggregate(
        workshop_id, metric_id=mid, touchpoint_id=tp,
        period_on=formats.parse_day(start, lang(), field="period_on"),
        n=formats.parse_number(n, lang(), field="n", whole=True),
        mean=formats.parse_number(mean, lang(), field="mean"),
        sd=_optional(sd, "sd"), top_share=_optional(top, "top_share"),
        bottom_share=_optional(bottom, "bottom_share"), channel=channel, source=source,
    )  # fmt: skip


def _aggregates(workshop_id: int) -> None:
    rows = fetched(barometer.aggregates, workshop_id)
    if not rows:
        return
    st.subheader(t("data.aggregates_title"))
    data, labels = built_from(rows, ("data.aggregates", lang()), lambda: _aggregate_rows(rows))
    table(Table("", "", data), big=False)
    a, b = st.columns([3, 1], vertical_alignment="bottom")
    picked = a.selectbox(
        t("data.aggregate_pick"), list(labels), format_func=labels.get, key="data_agg_pick"
    )
    if b.button(t("records.delete"), key="data_agg_delete") and attempt(
        barometer.delete_aggregate, workshop_id, picked
    ):
        saved(t("data.aggregate_deleted"))
        st.rerun()


def _aggregate_rows(rows: list[dict]) -> tuple[pd.DataFrame, dict[int, str]]:
    """The aggregated rows as the table shows them, and each one's label in the picker."""
    pct = lambda v: "–" if v is None else f"{number(100 * v, 0)} %"  # noqa: E731
    data = pd.DataFrame({
        t("field.period_on"): [day(r["period_on"]) for r in rows],
        t("baro.touchpoint"): [r["touchpoint"] or t("baro.overall") for r in rows],
        t("baro.metric"): [r["metric"] for r in rows],
        "n": [number(r["n"], 0) for r in rows],
        t("field.mean"): [number(r["mean"], 2, fixed=True) for r in rows],
        t("field.sd"): ["–" if r["sd"] is None else number(r["sd"], 2, fixed=True) for r in rows],
        t("field.top_share"): [pct(r["top_share"]) for r in rows],
        t("field.bottom_share"): [pct(r["bottom_share"]) for r in rows],
        t("compl.channel"): [r["channel"] or "–" for r in rows],
        t("data.source"): [r["source"] or "–" for r in rows],
    })  # fmt: skip
    overall = t("baro.overall")
    labels = {
        r["id"]: " · ".join((day(r["period_on"]), r["touchpoint"] or overall, r["metric"], f"n = {r['n']}"))
        for r in rows
    }  # fmt: skip
    return data, labels


def _own_metrics(workshop_id: int) -> None:
    metrics = fetched(barometer.metrics, workshop_id)
    st.caption(t("data.metrics_help"))
    st.markdown("\n".join(f"- {md(label(m))}" for m in metrics))
    with st.form("data_metric_new", border=False):
        a, b, c = st.columns([3, 1, 1])
        name = a.text_input(t("data.metric_name"), key="data_metric_name", max_chars=60,
                            placeholder=t("data.metric_example"))  # fmt: skip
        low = b.number_input(
            t("field.scale_low"), -100.0, 100.0, 1.0, step=1.0, key="data_metric_low"
        )
        high = c.number_input(
            t("field.scale_high"), -100.0, 100.0, 5.0, step=1.0, key="data_metric_high"
        )
        if st.form_submit_button(t("records.add_button")) and attempt(
            barometer.add_own_metric, workshop_id, name, low, high
        ):
            st.session_state.pop("data_metric_name", None)
            saved(t("records.saved", name=md(name.strip())))
            st.rerun()
    own = {m["id"]: m["name"] for m in metrics if m["code"] == "own"}
    if own:
        a, b = st.columns([3, 1], vertical_alignment="bottom")
        picked = a.selectbox(
            t("data.metric_pick"), list(own), format_func=own.get, key="data_metric_pick"
        )
        if b.button(t("records.delete"), key="data_metric_delete") and attempt(
            barometer.delete_own_metric, workshop_id, picked
        ):
            saved(t("records.deleted", name=md(own[picked])))
            st.rerun()


def _delete(workshop_id: int, order: list[str]) -> None:
    if not order:
        st.caption(t("baro.empty"))
        return
    st.caption(t("data.delete_help"))
    a, b = st.columns([3, 1], vertical_alignment="bottom")
    period = a.selectbox(t("baro.period"), order, key="data_delete_period")
    sure = st.checkbox(t("data.delete_sure", period=period), key="data_delete_sure")
    if b.button(t("data.delete_go"), key="data_delete_go", disabled=not sure):
        count = barometer.delete_responses(workshop_id, period)
        st.session_state.pop("data_delete_sure", None)
        saved(t("data.deleted", count=count, period=period))
        st.rerun()
