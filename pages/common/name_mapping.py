"""Touchpoint names of an imported file that match none of the workshop's: each offered with
its close matches to map, made a new touchpoint in a chosen phase, or left without one.
Shared by every import that names touchpoints (feedback, complaints).

>>> mapping, create = map_names(workshop_id, plan.unmatched, key="voice")
"""

from __future__ import annotations

import streamlit as st

from cemworkshop import touchpoints
from pages.common.text import lang, md, t

KEEP_NONE = "none"  # a name mapped to no touchpoint
CREATE = "create"  # a name that becomes a new touchpoint


def map_names(
    workshop_id: int, unmatched: dict[str, list[str]], *, key: str,
    none_label: str = "voice.keep_none",
) -> tuple[dict[str, int | None], dict[str, int]]:  # fmt: skip
    """(name → touchpoint id or None, name → phase id of a new touchpoint); ``none_label``
    says what "no touchpoint" means for this import."""
    mapping: dict[str, int | None] = {}
    create: dict[str, int] = {}
    if not unmatched:
        return mapping, create
    st.markdown(f"**{t('voice.unmatched_title', count=len(unmatched))}**")
    tps = {tp["name"]: tp["id"] for tp in touchpoints.touchpoints(workshop_id)}
    phases = {p["id"]: p["name"] for p in touchpoints.phases(workshop_id)}
    labels = {CREATE: t("voice.create"), KEEP_NONE: t(none_label)}
    for n, (name, close) in enumerate(unmatched.items()):
        options = [*close, *(x for x in tps if x not in close), CREATE, KEEP_NONE]
        name_col, choice_col, phase_col = st.columns([2, 3, 2], vertical_alignment="bottom")
        name_col.markdown(f"„{md(name)}“" if lang() == "de" else f"“{md(name)}”")
        chosen = choice_col.selectbox(
            t("voice.map_to"), options, index=0 if close else len(options) - 1,
            format_func=lambda o, labels=labels: labels.get(o, o), key=f"{key}_map_{n}",
        )  # fmt: skip
        if chosen == CREATE:
            create[name] = phase_col.selectbox(
                t("tp.phase"), list(phases), format_func=phases.get, key=f"{key}_phase_{n}"
            )
        elif chosen == KEEP_NONE:
            mapping[name] = None
        else:
            mapping[name] = tps[chosen]
    return mapping, create
