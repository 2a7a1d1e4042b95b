"""Section "CEM Advisory Board": the members with exactly one patron (the CEO by default), the
board's charter and how often it meets."""

from __future__ import annotations

import streamlit as st

from cemworkshop import formats, organisation
from cemworkshop.organisation import MEMBERS, RHYTHMS
from pages.common.forms import attempt, attempt_versioned, opened_version, saved
from pages.common.records import Field, record_list
from pages.common.text import day, lang, md, t

FIELDS = [
    Field("patron", "field.patron", kind="flag", in_form=False),
    Field("name", "field.member", width=2),
    Field("role", "field.role", width=2, placeholder="org.role_example"),
    Field("department", "field.department", width=2),
    Field("responsibility", "field.responsibility", width=3),
]


def render(workshop: dict) -> None:
    wid = workshop["id"]
    st.caption(t("org.board_intro"))
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.subheader(t("org.members_title"))
        members = organisation.members(wid)
        _patron(wid, members)
        picked = record_list(
            "board", MEMBERS, wid, FIELDS, title=lambda r: r["name"],
            rows=members, save=_save, add_label="org.add_member",
            empty="org.no_members",
        )  # fmt: skip
        if picked and not picked["patron"] and st.button(
            t("org.make_patron", name=md(picked["name"])), key=f"patron_{picked['id']}"
        ) and attempt(organisation.make_patron, wid, picked["id"]):  # fmt: skip
            saved(t("org.patron_now", name=md(picked["name"])))
            st.rerun()
    with right:
        _charter(wid)


def _save(workshop_id: int, values: dict, member_id, version) -> None:
    organisation.save_member(workshop_id, **values, member_id=member_id, version=version)


def _patron(workshop_id: int, members: list[dict]) -> None:
    problem = organisation.patron_problem(workshop_id, members)
    patrons = [m for m in members if m["patron"]]
    if problem is None and patrons:
        st.success(
            t("org.patron_is", name=md(patrons[0]["name"]), role=md(patrons[0]["role"] or "–"))
        )
    elif problem is None:
        st.info(t("org.patron_start"))
    elif problem[0] == "no_patron":
        hint = t("org.patron_suggest", name=md(problem[1]["ceo"])) if problem[1]["ceo"] else ""
        st.warning(f"{t('org.no_patron')} {hint}")
    else:
        st.error(t("org.two_patrons", names=md(problem[1]["names"])))


def _charter(workshop_id: int) -> None:
    st.subheader(t("org.charter_title"))
    now = organisation.settings(workshop_id)
    k = "org_charter"
    version = opened_version(k, now["version"])
    with st.form(k):
        charter = st.text_area(
            t("field.charter"), value=now["charter"], height=220, key=f"{k}_text",
            placeholder=t("org.charter_example"),
        )  # fmt: skip
        rhythm = st.selectbox(
            t("field.rhythm"), list(RHYTHMS), index=RHYTHMS.index(now["rhythm"]),
            format_func={r: t(f"org.rhythm.{r}") for r in RHYTHMS}.get, key=f"{k}_rhythm",
        )  # fmt: skip
        nxt = st.text_input(
            t("field.next_meeting"), value=day(now["next_meeting"]) if now["next_meeting"] else "",
            key=f"{k}_next", placeholder=t("records.date_example"),
        )  # fmt: skip
        if st.form_submit_button(t("org.save_charter"), type="primary") and attempt_versioned(
            k, _save_charter, workshop_id, charter, rhythm, nxt, version=version,
        ):  # fmt: skip
            saved(t("org.charter_saved"))
            st.rerun()


def _save_charter(workshop_id: int, charter: str, rhythm: str, nxt: str, *, version) -> None:
    when = formats.parse_day(nxt, lang(), field="next_meeting")
    organisation.save_charter(workshop_id, charter, rhythm, when, version=version)
