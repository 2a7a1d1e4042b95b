"""Section "Touchpoint-Projektarbeit": one worksheet per touchpoint, written by the staff
responsible for it — IST, SOLL, own experiences, first ideas (each can become a candidate
measure for step 4 with one click) — with the voice of the customer beside it. Several people
write different worksheets at once; on the same one, the later save is refused and shows what
is stored now. A print view puts one worksheet on each page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cemworkshop import formats, worksheets
from cemworkshop.rounds.base import Table
from cemworkshop.validation import ValidationError
from pages.common.charts import fetched
from pages.common.forms import attempt, opened_version, saved, saved_with_version
from pages.common.tables import built_from, table
from pages.common.text import error_text, lang, md, moment, t
from pages.step3.worksheet_parts import print_view, voice_beside


def render(workshop: dict) -> None:
    wid = workshop["id"]
    st.caption(t("sheet.intro"))
    overview = fetched(worksheets.overview, wid)  # reads: once per change, for every session
    if not overview:
        st.info(t("org.no_touchpoints"))
        return
    if st.toggle(t("sheet.print_view"), key="sheet_print"):
        print_view(wid, overview)
        return
    _overview(overview)
    names = built_from(overview, "sheet.names", lambda: {
        r["touchpoint_id"]: ("★ " if r["prioritised"] else "") + r["touchpoint"] for r in overview
    })  # fmt: skip
    tp = st.selectbox(t("sheet.pick"), list(names), format_func=names.get, key="sheet_tp")
    sheet = fetched(worksheets.sheet, wid, tp)
    st.subheader(t("sheet.title", touchpoint=md(sheet["touchpoint"])))
    st.caption(t("sheet.where", phase=md(sheet["phase"]), department=md(sheet["department"] or "–"),
                 owner=md(sheet["owner"] or t("sheet.no_owner"))))  # fmt: skip
    left, right = st.columns([3, 2], gap="large")
    with left:
        _form(wid, sheet)
        _ideas(wid, tp)
    with right:
        voice_beside(wid, tp)


def _overview(rows: list[dict]) -> None:
    language = lang()
    data = built_from(rows, ("sheet.overview", language), lambda: _overview_data(rows, language))
    figures = {c: "figure" for c in (t("sheet.written"), t("sheet.ideas"), t("sheet.measures"))}
    table(Table("", t("sheet.overview_help"), data, columns=figures), big=False)


def _overview_data(rows: list[dict], language: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("org.touchpoint"): [("★ " if r["prioritised"] else "") + r["touchpoint"] for r in rows],
            t("sheet.owner"): [r["owner"] or "–" for r in rows],
            t("sheet.written"): [f"{r['written']} / 3" for r in rows],
            t("sheet.ideas"): [str(r["ideas"]) for r in rows],
            t("sheet.measures"): [str(r["measures"]) for r in rows],
            t("sheet.updated"): [
                f"{formats.moment(r['updated_at'], language)} · {r['updated_by'] or '–'}"
                if r["updated_at"]
                else "–"
                for r in rows
            ],
        }
    )  # fmt: skip


def _form(workshop_id: int, sheet: dict) -> None:
    k = f"sheet_{sheet['touchpoint_id']}"
    version = opened_version(k, sheet["version"])
    with st.form(k):
        owner_col, by_col = st.columns(2)
        owner = owner_col.text_input(t("sheet.owner"), value=sheet["owner"], key=f"{k}_owner",
                                     placeholder=t("sheet.owner_example"))  # fmt: skip
        by = by_col.text_input(t("sheet.by"), key="sheet_by", help=t("sheet.by_help"))
        texts = {
            f: st.text_area(t(f"sheet.{f}"), value=sheet[f], key=f"{k}_{f}", height=150,
                            placeholder=t(f"sheet.{f}_example"), max_chars=worksheets.MAX_TEXT)
            for f in worksheets.TEXTS
        }  # fmt: skip
        go = st.form_submit_button(t("sheet.save"), type="primary")
    if sheet["updated_at"]:
        st.caption(
            t("sheet.last_saved", at=moment(sheet["updated_at"]), by=md(sheet["updated_by"] or "–"))
        )
    if not go:
        return
    try:
        worksheets.save(workshop_id, sheet["touchpoint_id"], owner=owner, by=by, version=version,
                        **texts)  # fmt: skip
    except ValidationError as err:
        if err.code != "stale_worksheet":
            st.error(error_text(err))
            return
        st.session_state[f"{k}__version"] = err.params["version"]  # a second save overwrites
        now = err.params["current"]
        st.error(t("sheet.stale", by=md(now["updated_by"] or "–"), at=moment(now["updated_at"])))
        with st.container(border=True, key="sheet_stored_now"):
            st.markdown(f"**{t('sheet.stored_now')}**")
            for f in worksheets.TEXTS:
                st.markdown(f"*{t(f'sheet.{f}')}*")
                st.text(now[f] or "–")
        return
    saved_with_version(k)
    saved(t("sheet.saved", touchpoint=md(sheet["touchpoint"])))
    st.rerun()


def _ideas(workshop_id: int, touchpoint_id: int) -> None:
    st.markdown(f"**{t('sheet.ideas_title')}**")
    for idea in fetched(worksheets.ideas, workshop_id, touchpoint_id):
        text_col, act_col, del_col = st.columns([6, 3, 1], vertical_alignment="center")
        text_col.markdown(md(idea["text"]))
        if idea["measure_id"]:
            act_col.markdown(f":green[✓ {t('sheet.is_candidate')}]")
        elif act_col.button(t("sheet.to_measure"), key=f"sheet_measure_{idea['id']}") and attempt(
            worksheets.to_measure, workshop_id, idea["id"]
        ):
            saved(t("sheet.measure_made", idea=md(idea["text"])))
            st.rerun()
        if (
            not idea["measure_id"]  # a candidate measure keeps its idea
            and del_col.button("✕", key=f"sheet_idea_del_{idea['id']}", help=t("sheet.delete_idea"))
            and attempt(worksheets.delete_idea, workshop_id, idea["id"])
        ):
            st.rerun()
    with st.form(f"sheet_idea_{touchpoint_id}", clear_on_submit=False):
        text = st.text_input(t("sheet.new_idea"), key=f"sheet_idea_text_{touchpoint_id}",
                             max_chars=280, placeholder=t("sheet.idea_example"))  # fmt: skip
        if st.form_submit_button(t("sheet.add_idea")) and attempt(
            worksheets.add_idea, workshop_id, touchpoint_id, text
        ):
            st.session_state.pop(f"sheet_idea_text_{touchpoint_id}", None)
            st.rerun()
