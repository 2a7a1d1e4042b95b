"""The facilitator's tools on an ideas round (beside the live board of "Erinnerungen
schaffen"): correct or hide an idea, merge by hand, accept suggested duplicates, rename a
group or take an idea out of it."""

from __future__ import annotations

import streamlit as st

from cemworkshop import ideas
from pages.common.forms import attempt, attempt_versioned, opened_version, saved
from pages.common.layout import opened
from pages.common.text import md, t


def _labels(found: list[dict]) -> dict[int, str]:
    """Each idea as a choice shows it: its start, its touchpoint, whether it is hidden."""
    mark = f" ({t('memories.hidden')})"
    return {
        i["id"]: f"{i['text'][:90]} · {i['touchpoint']}{mark if i['hidden'] else ''}" for i in found
    }


def edit(workshop_id: int, rnd: dict, found: list[dict]) -> None:
    """``found``: the round's ideas (``ideas.visible``), read once by the page."""
    if not found:
        return
    # drawn only while open (a rerun on opening), like the other tools on every idea
    box = opened(t("memories.edit_title"), key=f"memories_edit_box_{rnd['id']}")
    if box is None:
        return
    with box:
        by_id = {i["id"]: i for i in found}
        chosen = st.selectbox(
            t("memories.idea"), list(by_id), format_func=_labels(found).get,
            key=f"memories_edit_choice_{rnd['id']}",
        )  # fmt: skip
        idea = by_id[chosen]
        k = f"memories_edit_{chosen}"
        version = opened_version(k, idea["version"])
        with st.form(k, border=False):
            text = st.text_area(
                t("memories.idea"), value=idea["text"], max_chars=280, key=f"{k}_text"
            )
            if st.form_submit_button(t("memories.save_text")) and attempt_versioned(
                k, ideas.edit, workshop_id, chosen, text, version=version
            ):
                saved(t("memories.text_saved"))
                st.rerun()
        label = t("memories.restore") if idea["hidden"] else t("memories.hide")
        if st.button(label, key=f"memories_hide_{chosen}_{idea['hidden']}"):
            ideas.hide(workshop_id, chosen, hidden=not idea["hidden"])
            st.rerun()


def merge(workshop_id: int, rnd: dict, found: list[dict]) -> None:
    found = [i for i in found if not i["hidden"]]
    if len(found) < 2:
        return
    by_id = {i["id"]: i for i in found}
    box = opened(t("memories.merge_title"), key=f"memories_merge_box_{rnd['id']}")
    if box is None:
        return
    with box:
        with st.form(f"memories_merge_{rnd['id']}", border=False):
            chosen = st.multiselect(
                t("memories.merge_choose"), list(by_id), format_func=_labels(found).get,
                placeholder=t("widget.choose"), key=f"memories_merge_ideas_{rnd['id']}",
            )  # fmt: skip
            title = st.text_input(
                t("memories.group_title"), key=f"memories_merge_title_{rnd['id']}",
                placeholder=t("memories.group_title_placeholder"),
            )  # fmt: skip
            if st.form_submit_button(t("memories.merge")):
                name = title.strip() or (by_id[chosen[0]]["text"] if chosen else "")
                if attempt(ideas.merge, workshop_id, rnd["id"], chosen, name):
                    saved(t("memories.merged", count=len(chosen)))
                    st.rerun()


def suggestions(workshop_id: int, rnd: dict, found: list[dict]) -> None:
    found = {i["id"]: i for i in found}
    key = f"memories_suggest_{rnd['id']}"
    with st.expander(t("memories.suggest_title"), key=f"{key}_box"):
        st.caption(t("memories.suggest_help"))
        if st.button(t("memories.suggest"), key=f"{key}_go"):
            st.session_state[key] = ideas.suggest_duplicates(rnd["id"])
        proposals = [
            g for g in st.session_state.get(key, []) if all(i in found and not found[i]["group_id"] for i in g)
        ]  # fmt: skip
        if key in st.session_state and not proposals:
            st.info(t("memories.no_suggestions"))
        for n, group in enumerate(proposals):
            with st.container(border=True):
                st.markdown("\n".join(f"- {md(found[i]['text'])}" for i in group))
                accept_col, drop_col = st.columns(2)
                if accept_col.button(t("memories.accept"), key=f"{key}_accept_{n}"):
                    if attempt(ideas.merge, workshop_id, rnd["id"], group, found[group[0]]["text"]):
                        st.session_state[key] = [g for g in proposals if g != group]
                        st.rerun()
                if drop_col.button(t("memories.dismiss"), key=f"{key}_drop_{n}"):
                    st.session_state[key] = [g for g in proposals if g != group]
                    st.rerun()


def groups(workshop_id: int, rnd: dict, found: list[dict], merged: list[dict]) -> None:
    """``merged``: the round's groups (``ideas.groups``)."""
    if not merged:
        return
    # drawn only while open (a rerun on opening): with a hundred groups the forms and buttons
    # inside cost more than the rest of the page
    box = opened(
        t("memories.groups_title", count=len(merged)), key=f"memories_groups_box_{rnd['id']}"
    )
    if box is None:
        return
    texts = {i["id"]: i["text"] for i in found}
    with box:
        for group in merged:
            with st.form(f"memories_group_{group['id']}", border=True):
                title = st.text_input(
                    t("memories.group_title"), value=group["title"],
                    key=f"memories_group_title_{group['id']}",
                )  # fmt: skip
                if st.form_submit_button(t("memories.rename")) and attempt(
                    ideas.rename_group, workshop_id, group["id"], title
                ):
                    st.rerun()
            for idea_id in group["ideas"]:
                text_col, split_col = st.columns([4, 2], vertical_alignment="center")
                text_col.markdown(f"- {md(texts.get(idea_id, ''))}")
                if split_col.button(t("memories.split"), key=f"memories_split_{idea_id}"):
                    if attempt(ideas.split, workshop_id, idea_id):
                        st.rerun()
