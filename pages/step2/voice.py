"""Section "Voice of Customer": customer feedback imported per touchpoint, summed up beside
the touchpoint's live score from step 1, its trend by month and latest comments, and the plan
per channel of how feedback flows into the VoC programme."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import streamlit as st

from cemworkshop import formats, voice
from cemworkshop.charts.voice import trend_chart
from cemworkshop.rounds.base import Table
from pages.common.charts import chart_spec, fetched
from pages.common.forms import attempt_versioned, opened_version, saved, saved_with_version
from pages.common.records import NEW  # the choice of a new line
from pages.common.tables import built_from, table
from pages.common.text import day, lang, md, number, t
from pages.step2 import feedback_import


def render(workshop: dict) -> None:
    wid = workshop["id"]
    st.caption(t("voice.intro"))
    done = st.session_state.pop("voice_done", None)
    if done:
        st.success(done)
    with st.expander(
        t("voice.import_title"), expanded=not voice.has_feedback(wid), key="voice_import_box"
    ):
        feedback_import.upload(wid)
    sums = fetched(voice.summary, wid)
    if sums.empty:
        st.info(t("voice.empty"))
    else:
        _summary(sums)
        _detail(wid, sums)
    _plan(wid)


def _value(v, language: str, decimals=1) -> str:
    return "–" if pd.isna(v) else formats.number(v, language, decimals, fixed=True)


def _summary(sums: pd.DataFrame) -> None:
    st.subheader(t("voice.summary_title"))
    st.caption(t("voice.summary_help"))
    language = lang()
    st.dataframe(
        built_from(sums, ("voice.summary", language), lambda: _summary_table(sums, language)),
        hide_index=True,
        width="stretch",
    )


def _summary_table(sums: pd.DataFrame, language: str) -> pa.Table:
    return pa.table(
        {
            t("voice.touchpoint"): sums["touchpoint"].tolist(),
            t("voice.count"): [str(n) for n in sums["count"]],
            t("voice.mean"): [_value(v, language) for v in sums["mean"]],
            t("voice.negative"): [
                "–" if pd.isna(v) else formats.percent(v * 100, language, 0)
                for v in sums["negative_share"]
            ],
            t("voice.importance"): [_value(v, language) for v in sums["importance"]],
            t("voice.performance"): [_value(v, language) for v in sums["performance"]],
            t("voice.last"): [formats.day(v, language) for v in sums["last"]],
        }
    )


def _detail(workshop_id: int, sums: pd.DataFrame) -> None:
    names = dict(zip(sums["touchpoint_id"], sums["touchpoint"], strict=True))
    chosen = st.selectbox(
        t("voice.detail"), list(names), format_func=names.get, key="voice_detail_tp"
    )
    chart_col, comments_col = st.columns([3, 2], gap="large")
    with chart_col:
        data = fetched(voice.trend, workshop_id, chosen)
        text = {k: t(f"voice.chart_{k}") for k in ("month", "count", "mean")}
        st.vega_lite_chart(chart_spec(trend_chart, data, text=text, lang=lang()), width="stretch")
    with comments_col:
        st.markdown(f"**{t('voice.latest')}**")
        for c in fetched(voice.comments, workshop_id, chosen):
            rating = "" if c["rating"] is None else f" · {number(c['rating'], 1)}/5"
            st.markdown(f"> {md(c['text'])}")
            st.caption(f"{day(c['given_on'])} · {md(c['channel'] or '–')}{rating}")


def _plan(workshop_id: int) -> None:
    """The plan as a table, and one form: a new channel's line, or the line picked to change
    (one form, not one per line: each field on screen costs every rerun)."""
    st.subheader(t("voice.plan_title"))
    st.caption(t("voice.plan_help"))
    found = fetched(voice.plan, workshop_id)
    if found:  # as text that wraps: every column readable, on a phone too
        table(built_from(found, ("voice.plan", lang()), lambda: _plan_table(found)), big=False,
              wrap=True)  # fmt: skip
    lines = {line["id"]: line for line in found}
    labels = {NEW: t("records.add"), **{i: line["channel"] for i, line in lines.items()}}
    picked = st.selectbox(t("records.pick"), list(labels), format_func=labels.get, key="voc_pick")
    if picked in lines:
        _line(workshop_id, lines[picked])
    else:
        _new_line(workshop_id)


def _plan_table(found: list[dict]) -> Table:
    labels = {"channel": t("voice.channel"), "owner": t("field.owner"),
              "frequency": t("voice.frequency"), "next_step": t("voice.next_step")}  # fmt: skip
    data = pd.DataFrame({label: [line[k] for line in found] for k, label in labels.items()})
    return Table("", "", data)


def _line(workshop_id: int, line: dict) -> None:
    k = f"voc_{line['id']}"
    if f"{k}_channel" not in st.session_state:  # opened anew: on the values stored now
        saved_with_version(k)
    version = opened_version(k, line["version"])
    with st.form(k):
        cols = st.columns([2, 2, 2, 3])
        values = [
            cols[0].text_input(t("voice.channel"), value=line["channel"], key=f"{k}_channel"),
            cols[1].text_input(t("field.owner"), value=line["owner"], key=f"{k}_owner"),
            cols[2].text_input(t("voice.frequency"), value=line["frequency"], key=f"{k}_frequency"),
            cols[3].text_input(t("voice.next_step"), value=line["next_step"], key=f"{k}_next"),
        ]  # fmt: skip
        if st.form_submit_button(t("voice.save_line")) and attempt_versioned(
            k, voice.save_plan, workshop_id, values[0], owner=values[1], frequency=values[2],
            next_step=values[3], plan_id=line["id"], version=version,
        ):  # fmt: skip
            saved(t("voice.line_saved", channel=md(values[0].strip())))
            st.rerun()


def _new_line(workshop_id: int) -> None:
    suggestions = fetched(voice.channels, workshop_id)
    with st.form("voc_new"):
        cols = st.columns([2, 2, 2, 3])
        first = suggestions[0] if suggestions else ""
        channel = cols[0].text_input(  # keyed by the suggestion: a new one fills the field
            t("voice.channel"), value=first, key=f"voc_new_channel_{first}"
        )
        owner = cols[1].text_input(t("field.owner"), key="voc_new_owner")
        frequency = cols[2].text_input(
            t("voice.frequency"), key="voc_new_frequency", placeholder=t("voice.frequency_example")
        )
        next_step = cols[3].text_input(t("voice.next_step"), key="voc_new_next")
        if st.form_submit_button(t("voice.add_line")) and attempt_versioned(
            "voc_new", voice.save_plan, workshop_id, channel, owner=owner, frequency=frequency,
            next_step=next_step,
        ):  # fmt: skip
            for key in [k for k in st.session_state if str(k).startswith("voc_new_")]:
                del st.session_state[key]
            saved(t("voice.line_saved", channel=md(channel.strip())))
            st.rerun()
