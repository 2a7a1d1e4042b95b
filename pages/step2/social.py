"""Section "Social Media": the touchpoints whose channel is social media, on their own map —
placed by mean rating and share of negative feedback, sized by how much — with the latest
comments per touchpoint."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cemworkshop import formats, voice
from cemworkshop.charts.voice import social_map
from pages.common.charts import chart_spec
from pages.common.text import day, lang, md, number, t


def render(workshop: dict) -> None:
    wid = workshop["id"]
    st.caption(t("social.intro"))
    found = voice.social(wid)
    if found.empty:
        st.info(t("social.none"))
        return
    if found["count"].sum():
        text = {
            k: t(f"social.chart_{k}")
            for k in ("mean", "negative", "count", "touchpoint", "channel")
        }
        st.vega_lite_chart(chart_spec(social_map, found, text=text, lang=lang()), width="stretch")
        st.caption(t("social.reading"))
    st.dataframe(
        pd.DataFrame(
            {
                t("voice.touchpoint"): found["touchpoint"],
                t("voice.channel"): found["channel"],
                t("social.phase"): found["phase"],
                t("voice.count"): found["count"].astype(str),
                t("voice.mean"): [
                    "–" if pd.isna(v) else number(v, 1, fixed=True) for v in found["mean"]
                ],
                t("voice.negative"): [
                    "–" if pd.isna(v) else formats.percent(v * 100, lang(), 0)
                    for v in found["negative_share"]
                ],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    cols = st.columns(2, gap="large")
    for n, tp in enumerate(found[found["count"] > 0].itertuples()):
        with cols[n % 2], st.container(border=True):
            st.markdown(f"**{md(tp.touchpoint)}** · {md(tp.channel)}")
            for c in voice.comments(wid, int(tp.touchpoint_id), limit=3):
                st.markdown(f"> {md(c['text'])}")
                st.caption(day(c["given_on"]))
