"""Importing customer feedback into "Voice of Customer": upload, a preview of what will be
added, left out and refused, touchpoint names to map or create, then one import."""

from __future__ import annotations

import streamlit as st

from cemworkshop.exchange.feedback import SCALES, import_feedback, plan_feedback
from cemworkshop.validation import ValidationError
from pages.common.layout import german_widget_text
from pages.common.name_mapping import map_names
from pages.common.text import error_text, lang, md, t


def upload(workshop_id: int) -> None:
    german_widget_text(lang())
    st.caption(t("voice.import_help"))
    gen = st.session_state.setdefault("voice_upload_gen", 0)
    file = st.file_uploader(
        t("voice.upload"), type=["csv", "txt"], key=f"voice_upload_{gen}",
        help=t("voice.upload_columns"),
    )  # fmt: skip
    if file is None:
        return
    try:
        detected = plan_feedback(workshop_id, file.getvalue()).scale
        scale = st.radio(
            t("voice.scale"), list(SCALES), index=SCALES.index(detected), horizontal=True,
            format_func=lambda s: t(f"voice.scale_{s.replace('-', '_')}"), key=f"voice_scale_{gen}",
        )  # fmt: skip
        plan = plan_feedback(workshop_id, file.getvalue(), scale=scale)
    except ValidationError as err:
        st.error(error_text(err))
        return
    _preview(workshop_id, plan)


def _preview(workshop_id: int, plan) -> None:
    st.markdown(
        t("voice.preview", new=len(plan.rows), same=plan.duplicates, refused=len(plan.rejected))
    )
    if plan.unknown_columns:
        st.caption(
            t("voice.unknown_columns", columns=", ".join(md(c) for c in plan.unknown_columns))
        )
    if plan.rejected:
        with st.expander(t("voice.refused_title", count=len(plan.rejected))):
            for line, code, params in plan.rejected[:50]:
                st.markdown(
                    f"- {t('voice.line', line=line)}: {error_text(ValidationError(code, **params))}"
                )
    mapping, create = map_names(workshop_id, plan.unmatched, key="voice")
    if not plan.rows:
        st.info(t("voice.nothing_new"))
        return
    if st.button(t("voice.import", count=len(plan.rows)), type="primary", key="voice_import"):
        try:
            written = import_feedback(workshop_id, plan, mapping=mapping, create=create)
        except ValidationError as err:
            st.error(error_text(err))
            return
        st.session_state["voice_upload_gen"] += 1  # an empty uploader for the next file
        st.session_state["voice_done"] = t("voice.imported", count=written)
        st.rerun()
