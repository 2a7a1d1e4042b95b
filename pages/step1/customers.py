"""Section "Kundenanalyse": customer segments, personas (``personas.py``) and feedback sources."""

from __future__ import annotations

import pyarrow as pa
import streamlit as st

from cemworkshop import customers, formats
from cemworkshop.charts.customers import segment_chart
from cemworkshop.validation import ValidationError
from pages.common.charts import chart_spec, fetched
from pages.common.forms import attempt, attempt_versioned, opened_version, saved
from pages.common.layout import LONG_LIST, opened
from pages.common.text import error_text, lang, md, money, number, t
from pages.step1 import personas


def render(workshop: dict) -> None:
    wid = workshop["id"]
    st.caption(t("seg.intro"))
    segs = fetched(customers.segments, wid)
    list_col, form_col = st.columns([3, 2], gap="large")
    with list_col:
        _segment_list(segs)
    with form_col:
        by_id = {sg["id"]: sg for sg in segs}
        names = {None: t("seg.new"), **{i: sg["name"] for i, sg in by_id.items()}}
        chosen = st.selectbox(
            t("seg.choose"), [None, *by_id], format_func=names.get, key="seg_choose"
        )
        _segment_form(wid, by_id.get(chosen))
        if chosen and st.button(t("seg.delete"), key=f"seg_{chosen}_delete"):
            customers.delete_segment(wid, chosen)
            st.rerun()
    personas.render(workshop, segs)
    _sources(wid)


def _segment_list(segs: list[dict]) -> None:
    st.subheader(t("seg.title", count=len(segs)))
    if not segs:
        st.info(t("seg.empty"))
        return
    st.caption(t("seg.total", total=formats.percent(sum(sg["share_pct"] for sg in segs), lang())))
    st.dataframe(
        pa.table(
            {
                t("seg.name"): [sg["name"] for sg in segs],
                t("field.share_pct"): [number(sg["share_pct"]) for sg in segs],
                t("field.value_per_year"): [money(sg["value_per_year"]) for sg in segs],
                t("seg.needs"): [sg["needs"] for sg in segs],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    text = {
        "share": t("field.share_pct"),
        "value": t("field.value_per_year"),
        "segment": t("seg.name"),
    }
    st.vega_lite_chart(chart_spec(segment_chart, segs, text=text, lang=lang()), width="stretch")


def _segment_form(workshop_id: int, segment: dict | None) -> None:
    k = f"seg_{segment['id'] if segment else 'new'}"
    old = segment or {}
    with st.form(f"{k}_form"):
        st.subheader(t("seg.edit_title", name=md(old["name"])) if segment else t("seg.add_title"))
        name = st.text_input(t("seg.name"), value=old.get("name", ""), key=f"{k}_name")
        share = st.text_input(
            t("field.share_pct"), value=number(old["share_pct"]) if segment else "",
            key=f"{k}_share", placeholder=t("seg.share_placeholder"),
        )  # fmt: skip
        value = st.text_input(
            t("field.value_per_year"), value=number(old["value_per_year"], 2) if segment else "",
            key=f"{k}_value", placeholder=t("seg.value_placeholder"),
        )  # fmt: skip
        description = st.text_area(
            t("seg.description"), value=old.get("description", ""), key=f"{k}_desc", height=80
        )
        needs = st.text_area(
            t("seg.needs"), value=old.get("needs", ""), key=f"{k}_needs", height=80
        )
        version = opened_version(f"{k}_form", segment["version"]) if segment else None
        if st.form_submit_button(t("seg.save") if segment else t("seg.add"), type="primary"):
            try:
                numbers = {
                    "share_pct": formats.parse_number(
                        share, lang(), field="share_pct", low=0, high=100
                    ),
                    "value_per_year": formats.parse_number(
                        value, lang(), field="value_per_year", low=0, high=1e9
                    ),
                }
            except ValidationError as err:
                st.error(error_text(err))
                return
            if attempt_versioned(
                f"{k}_form", customers.save_segment, workshop_id, name,
                description=description, needs=needs, version=version,
                segment_id=segment["id"] if segment else None, **numbers,
            ):  # fmt: skip
                saved(t("seg.saved", name=md(name.strip())))
                st.rerun()


def _sources(workshop_id: int) -> None:
    st.subheader(t("src.title"))
    st.caption(t("src.intro"))
    srcs = fetched(customers.sources, workshop_id)
    missing = [s for s in srcs if not s["available"]]
    summary = t("src.summary", available=len(srcs) - len(missing), missing=len(missing))
    if len(srcs) > LONG_LIST:
        # a long list (its rows: a switch, a note, ✕ each) opens under its summary, drawn
        # only while open; a short one shows its rows
        box = opened(summary, key="src_list_box")
        if box is not None:
            with box:
                _source_rows(workshop_id, srcs)
    else:
        st.markdown(summary)
        _source_rows(workshop_id, srcs)
    add_col, typical_col = st.columns([3, 2], vertical_alignment="bottom")
    with add_col, st.form("src_add", border=False):
        new_name = st.text_input(t("src.new"), key="src_new_name")
        if st.form_submit_button(t("src.add")) and attempt(
            customers.set_source, workshop_id, new_name, available=False
        ):
            st.rerun()
    if typical_col.button(t("src.typical"), key="src_typical"):
        added = customers.add_typical_sources(workshop_id, lang())
        saved(t("src.typical_added", count=added))
        st.rerun()


def _source_rows(workshop_id: int, srcs: list[dict]) -> None:
    for src in srcs:
        k = f"src_{src['id']}"
        name_col, toggle_col, note_col, del_col = st.columns(
            [3, 2, 4, 1], vertical_alignment="center"
        )
        name_col.markdown(f"**{md(src['name'])}**")
        available = toggle_col.toggle(
            t("src.available"), value=bool(src["available"]), key=f"{k}_available"
        )
        note = note_col.text_input(
            t("src.note"), value=src["note"], key=f"{k}_note", label_visibility="collapsed",
            placeholder=t("src.note"),
        )  # fmt: skip
        if (available != bool(src["available"]) or note != src["note"]) and attempt(
            customers.set_source, workshop_id, src["name"], available=available, note=note,
            version=src["version"],
        ):  # fmt: skip
            st.rerun()
        if del_col.button("✕", key=f"{k}_delete", help=t("src.delete")):
            customers.delete_source(workshop_id, src["id"])
            st.rerun()
