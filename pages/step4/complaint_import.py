"""Importing complaints from a ticket system's CSV: a preview of new, already imported and
refused rows (with the reason) before anything is written."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cemworkshop.exchange.complaints import import_complaints, plan_complaints
from cemworkshop.validation import ValidationError
from pages.common.forms import saved
from pages.common.name_mapping import map_names
from pages.common.text import error_text, t


def upload(workshop_id: int) -> None:
    st.caption(t("compl.import_help"))
    up = st.file_uploader(t("compl.import_file"), type=["csv", "txt"], key="compl_upload")
    if up is None:
        return
    try:
        plan = plan_complaints(workshop_id, up.getvalue())
    except ValidationError as err:
        st.error(error_text(err))
        return
    st.markdown(
        t("compl.preview", new=len(plan.rows), known=plan.duplicates, refused=len(plan.rejected))
    )
    if plan.rejected:
        st.dataframe(
            pd.DataFrame(
                {t("compl.line"): [str(line) for line, _, _ in plan.rejected],
                 t("compl.why"): [error_text(ValidationError(code, **params)) for _, code, params in plan.rejected]}
            ),  # fmt: skip
            hide_index=True, width="stretch",
        )  # fmt: skip
    mapping, create = map_names(workshop_id, plan.unmatched, key="compl")
    if plan.rows and st.button(
        t("compl.import_go", count=len(plan.rows)), type="primary", key="compl_import_go"
    ):
        try:
            count = import_complaints(workshop_id, plan, mapping=mapping, create=create)
        except ValidationError as err:
            st.error(error_text(err))
            return
        st.session_state.pop("compl_upload", None)
        saved(t("compl.imported", count=count))
        st.rerun()
