"""Section "Abgleich": touchpoints customers prefer that the company does not serve, and the reverse."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cemworkshop import touchpoints
from pages.common.text import t


def render(workshop: dict) -> None:
    st.caption(t("matching.intro"))
    parts = touchpoints.preferred_vs_served(touchpoints.touchpoints(workshop["id"]))
    left, right = st.columns(2, gap="large")
    for col, key in ((left, "preferred_not_served"), (right, "served_not_preferred")):
        with col:
            st.subheader(t(f"matching.{key}", count=len(parts[key])))
            st.caption(t(f"matching.{key}_help"))
            if parts[key]:
                st.dataframe(
                    pd.DataFrame(
                        {
                            t("tp.name"): [tp["name"] for tp in parts[key]],
                            t("tp.phase"): [tp["phase"] for tp in parts[key]],
                            t("tp.channel"): [tp["channel"] for tp in parts[key]],
                            t("tp.department_short"): [tp["department"] for tp in parts[key]],
                        }
                    ),
                    hide_index=True,
                    width="stretch",
                )
            else:
                st.success(t("matching.none"))
    st.markdown(t("matching.rest", both=len(parts["both"]), neither=len(parts["neither"])))
