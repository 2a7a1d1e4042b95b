"""Section "Kommunikation": the CEM communication programme — who hears which message, on
which channel, from whom and when — with how far it has got."""

from __future__ import annotations

import streamlit as st

from cemworkshop.organisation import COMMUNICATION, STATUSES
from cemworkshop.rounds.base import Figure
from pages.common.layout import figures
from pages.common.records import Field, record_list
from pages.common.text import t

FIELDS = [
    Field("audience", "field.audience", placeholder="org.audience_example"),
    Field("channel", "field.channel", placeholder="org.channel_example"),
    Field("owner", "field.owner"),
    Field("message", "field.message", kind="long", width=4),
    Field("due_on", "field.due_on", kind="day"),
    Field("status", "field.status", kind="choice", choices=STATUSES, prefix="org.status."),
]


def render(workshop: dict) -> None:
    wid = workshop["id"]
    st.caption(t("org.comm_intro"))
    rows = COMMUNICATION.rows(wid)
    if rows:
        figures([Figure(t(f"org.status.{s}"), str(sum(r["status"] == s for r in rows)))
                 for s in STATUSES])  # fmt: skip
    record_list(
        "comm", COMMUNICATION, wid, FIELDS, rows=rows, title=lambda r: r["audience"],
        add_label="org.add_comm", empty="org.no_comm",
    )  # fmt: skip
