"""Section "Training & Empowerment": the training plan (course, audience, format, date, how
many people) and, per touchpoint, what its staff may decide on their own — the method's
"Handlungsspielraum", e.g. a goodwill refund up to an amount."""

from __future__ import annotations

import streamlit as st

from cemworkshop import organisation, touchpoints
from cemworkshop.organisation import EMPOWERMENT, FORMATS, STATUSES, TRAININGS
from cemworkshop.rounds.base import Figure
from pages.common.layout import figures
from pages.common.records import Field, record_list
from pages.common.text import number, t

TRAINING_FIELDS = [
    Field("course", "field.course", width=3, placeholder="org.course_example"),
    Field("audience", "field.audience", width=2, placeholder="org.training_audience_example"),
    Field("touchpoint_id", "org.touchpoint", kind="ref", width=2),
    Field("format", "field.format", kind="choice", choices=FORMATS, prefix="org.format."),
    Field("held_on", "field.held_on", kind="day"),
    Field("people", "field.people", kind="whole"),
    Field("status", "field.status", kind="choice", choices=STATUSES, prefix="org.status."),
]
EMPOWER_FIELDS = [
    Field("touchpoint_id", "org.touchpoint", kind="ref", optional=False, width=2),
    Field("decision", "field.decision", width=3, placeholder="org.decision_example"),
    Field("up_to", "field.up_to", kind="amount", width=1),
]


def render(workshop: dict) -> None:
    wid = workshop["id"]
    names = {tp["id"]: tp["name"] for tp in touchpoints.touchpoints(wid)}
    st.subheader(t("org.training_title"))
    st.caption(t("org.training_intro"))
    rows = TRAININGS.rows(wid)
    if rows:
        people = sum(r["people"] or 0 for r in rows)
        done = sum(r["people"] or 0 for r in rows if r["status"] == "done")
        figures([Figure(t("org.courses"), str(len(rows))),
                 Figure(t("org.people_planned"), number(people, 0)),
                 Figure(t("org.people_trained"), number(done, 0))])  # fmt: skip
    record_list(
        "training", TRAININGS, wid, TRAINING_FIELDS, rows=rows, title=lambda r: r["course"],
        names={"touchpoint_id": names}, add_label="org.add_training", empty="org.no_training",
    )  # fmt: skip
    st.subheader(t("org.empower_title"))
    st.caption(t("org.empower_intro"))
    if not names:
        st.info(t("org.no_touchpoints"))
        return
    record_list(
        "empower", EMPOWERMENT, wid, EMPOWER_FIELDS, rows=organisation.empowerment(wid),
        title=lambda r: f"{names.get(r['touchpoint_id'], '–')}: {r['decision']}",
        names={"touchpoint_id": names}, add_label="org.add_empower", empty="org.no_empower",
    )  # fmt: skip
