"""Importing customer feedback into "Voice of Customer": upload, a preview of what will be
added, left out and refused, touchpoint names to map or create, then one import."""

from __future__ import annotations

import streamlit as st

from cemworkshop import touchpoints
from cemworkshop.exchange.feedback import SCALES, import_feedback, plan_feedback
from cemworkshop.validation import ValidationError
from pages.common.layout import german_widget_text
from pages.common.text import error_text, lang, md, t

KEEP_NONE = "none"  # a name mapped to no touchpoint
CREATE = "create"  # a name that becomes a new touchpoint


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
    mapping, create = {}, {}
    if plan.unmatched:
        st.markdown(f"**{t('voice.unmatched_title', count=len(plan.unmatched))}**")
        tps = {tp["name"]: tp["id"] for tp in touchpoints.touchpoints(workshop_id)}
        phases = {p["id"]: p["name"] for p in touchpoints.phases(workshop_id)}
        labels = {CREATE: t("voice.create"), KEEP_NONE: t("voice.keep_none")}
        for n, (name, close) in enumerate(plan.unmatched.items()):
            options = [*close, *(x for x in tps if x not in close), CREATE, KEEP_NONE]
            name_col, choice_col, phase_col = st.columns([2, 3, 2], vertical_alignment="bottom")
            name_col.markdown(f"„{md(name)}“" if lang() == "de" else f"“{md(name)}”")
            chosen = choice_col.selectbox(
                t("voice.map_to"), options, index=0 if close else len(options) - 1,
                format_func=lambda o, labels=labels: labels.get(o, o), key=f"voice_map_{n}",
            )  # fmt: skip
            if chosen == CREATE:
                create[name] = phase_col.selectbox(
                    t("tp.phase"), list(phases), format_func=phases.get, key=f"voice_phase_{n}"
                )
            elif chosen == KEEP_NONE:
                mapping[name] = None
            else:
                mapping[name] = tps[chosen]
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
