"""Part of the "Kundenanalyse" section: personas (optional) with goals, frustrations and the
touchpoints they use. Drawn by ``customers.py``."""

from __future__ import annotations

import streamlit as st

from cemworkshop import customers, touchpoints
from pages.common.charts import fetched
from pages.common.forms import attempt_versioned, opened_version, saved
from pages.common.layout import LONG_LIST
from pages.common.text import md, t


def render(workshop: dict, segs: list[dict]) -> None:
    wid = workshop["id"]
    # read again only after a commit (300 touchpoints for their names on every rerun otherwise)
    people = fetched(customers.personas, wid)
    tp_names = {tp["id"]: tp["name"] for tp in fetched(touchpoints.touchpoints, wid)}
    st.subheader(t("persona.title", count=len(people)))
    st.caption(t("persona.intro"))
    cards = [_card(p, tp_names) for p in people]
    if len(people) > LONG_LIST:  # one box, the personas one below the other
        with st.container(border=True):
            st.markdown("\n\n---\n\n".join("\n\n".join(card) for card in cards))
    else:
        for head, summary in cards:
            with st.container(border=True):
                st.markdown(head)
                st.markdown(summary)
    by_id = {p["id"]: p for p in people}
    names = {None: t("persona.new"), **{i: p["name"] for i, p in by_id.items()}}
    chosen = st.selectbox(
        t("persona.choose"), [None, *by_id], format_func=names.get, key="persona_choose"
    )
    _persona_form(wid, by_id.get(chosen, {}), chosen, segs, tp_names)
    if chosen and st.button(t("persona.delete"), key=f"persona_{chosen}_delete"):
        customers.delete_persona(wid, chosen)
        st.rerun()


def _card(p: dict, tp_names: dict) -> tuple[str, str]:
    """A persona's card as Markdown: its name and segment, then its goals, frustrations and
    touchpoints (every user text escaped)."""
    used = ", ".join(tp_names[i] for i in p["touchpoints"] if i in tp_names) or "—"
    head = f"**{md(p['name'])}** · {md(p['segment'] or t('persona.no_segment'))}"
    summary = t(
        "persona.summary",
        goals=md(p["goals"] or "—"),
        frustrations=md(p["frustrations"] or "—"),
        touchpoints=md(used),
    )
    return head, summary


def _persona_form(workshop_id: int, p: dict, chosen, segs: list[dict], tp_names: dict) -> None:
    seg_names = {sg["id"]: sg["name"] for sg in segs}
    k = f"persona_{chosen or 'new'}"
    with st.form(f"{k}_form"):
        name = st.text_input(t("persona.name"), value=p.get("name", ""), key=f"{k}_name")
        options = [None, *seg_names]
        segment = st.selectbox(
            t("seg.name"), options, format_func={None: t("persona.no_segment"), **seg_names}.get,
            index=options.index(p.get("segment_id")) if p.get("segment_id") in seg_names else 0,
            key=f"{k}_segment",
        )  # fmt: skip
        goals = st.text_area(
            t("persona.goals"), value=p.get("goals", ""), key=f"{k}_goals", height=70
        )
        frustrations = st.text_area(
            t("persona.frustrations"), value=p.get("frustrations", ""), key=f"{k}_frustrations",
            height=70,
        )  # fmt: skip
        used = st.multiselect(
            t("persona.touchpoints"), list(tp_names),
            default=[i for i in p.get("touchpoints", []) if i in tp_names],
            format_func=tp_names.get, placeholder=t("widget.choose"), key=f"{k}_touchpoints",
        )  # fmt: skip
        version = opened_version(f"{k}_form", p["version"]) if chosen else None
        if st.form_submit_button(
            t("persona.save") if chosen else t("persona.add"), type="primary"
        ) and attempt_versioned(
            f"{k}_form", customers.save_persona, workshop_id, name, segment_id=segment,
            goals=goals, frustrations=frustrations, touchpoint_ids=used, persona_id=chosen,
            version=version,
        ):  # fmt: skip
            saved(t("persona.saved", name=md(name.strip())))
            st.rerun()
