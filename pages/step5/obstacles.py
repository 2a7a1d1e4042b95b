"""Section "Hindernisse" (Prozessoptimierung): the log of obstacles and conflicts — where in the
chain processes → people → communication they sit, at which touchpoint, who removes them, how
far it is, the measure that removes them — and the way from an obstacle into the ideas
database."""

from __future__ import annotations

import streamlit as st

from cemworkshop import obstacles, priorities, touchpoints
from cemworkshop.obstacles import LINKS, OBSTACLES, STATUSES
from pages.common.forms import attempt, saved
from pages.common.records import Field, record_list
from pages.common.text import md, t

FIELDS = [
    Field("description", "field.obstacle", kind="long", width=4, placeholder="obst.example"),
    Field("link", "field.link", kind="choice", choices=LINKS, prefix="obst.link."),
    Field("touchpoint_id", "baro.touchpoint", kind="ref"),
    Field("owner", "field.owner"),
    Field("status", "field.status", kind="choice", choices=STATUSES, prefix="obst.status."),
    Field("raised_on", "field.raised_on", kind="day"),
    Field("measure_id", "obst.measure", kind="ref"),
    Field("idea", "obst.idea", in_form=False),
]


def render(workshop: dict) -> None:
    wid = workshop["id"]
    st.caption(t("obst.intro"))
    rows = obstacles.obstacles(wid)
    chain = {
        link: sum(1 for r in rows if r["link"] == link and r["status"] != "removed")
        for link in LINKS
    }
    st.markdown(" → ".join(f"**{t(f'obst.link.{k}')}** ({v})" for k, v in chain.items()))
    st.caption(t("obst.chain_help"))
    picked = record_list(
        "obst", OBSTACLES, wid, FIELDS, rows=rows, title=lambda r: r["description"][:80],
        names={"touchpoint_id": {tp["id"]: tp["name"] for tp in touchpoints.touchpoints(wid)},
               "measure_id": priorities.candidate_titles(wid)},
        add_label="obst.add", empty="obst.empty", wrap=True,
    )  # fmt: skip
    if picked:
        if picked.get("idea_id"):
            st.caption(t("obst.has_idea", idea=md(picked["idea"][:120])))
        elif st.button(t("obst.to_idea"), key=f"obst_to_idea_{picked['id']}") and attempt(
            obstacles.to_idea, wid, picked["id"]
        ):
            saved(t("obst.idea_made"))
            st.rerun()
