"""Section "Belohnungssysteme": loyalty and reward programmes for customers — which segment,
which mechanism, what it costs, which strategy KPI it should move, how far it is."""

from __future__ import annotations

import streamlit as st

from cemworkshop import customers, kpis
from cemworkshop.continuous import REWARD_STATUSES, REWARDS
from pages.common.records import Field, record_list
from pages.common.text import t

FIELDS = [
    Field("programme", "field.programme", width=2, placeholder="rewards.programme_example"),
    Field("segment", "field.segment", width=2),
    Field(
        "status", "field.status", kind="choice", choices=REWARD_STATUSES, prefix="rewards.status."
    ),
    Field("mechanism", "field.mechanism", width=3, placeholder="rewards.mechanism_example"),
    Field("cost", "field.cost", kind="amount"),
    Field("kpi_id", "field.kpi", kind="ref"),
]


def render(workshop: dict) -> None:
    wid = workshop["id"]
    st.caption(t("rewards.intro"))
    segments = [s["name"] for s in customers.segments(wid)]
    if segments:
        st.caption(t("rewards.segments", names=", ".join(segments)))
    record_list(
        "rewards", REWARDS, wid, FIELDS, title=lambda r: r["programme"],
        names={"kpi_id": {k["id"]: k["name"] for k in kpis.kpis(wid)}},
        add_label="rewards.add", empty="rewards.empty",
    )  # fmt: skip
