"""The CEM strategy on one card and the KPI list: in step 1's strategy section and, on
demand, on the presenter.

>>> card(workshop_id, big=True)        # top goals, Leitwert, Erlebnismotiv, differentiation, culture
>>> kpi_table(workshop_id, big=True)   # the KPIs of the return on CEM, one row each
"""

from __future__ import annotations

import html
from dataclasses import replace

import pandas as pd
import streamlit as st

from cemworkshop import formats, kpis, strategy
from cemworkshop.rounds.base import Table
from pages.common.charts import kept
from pages.common.tables import table
from pages.common.text import lang, t

CARD_STYLE = """<style>
.cem-card { border: 2px solid #1c6dd0; border-radius: 12px; padding: 1rem 1.25rem; }
.cem-card h3 { margin: 0 0 0.5rem 0; color: #1c6dd0; }
.cem-card dl { display: grid; grid-template-columns: minmax(9rem, 14rem) 1fr; gap: 0.5rem 1.25rem;
  margin: 0; padding: 0; }
.cem-card dt { font-weight: 700; margin: 0; padding: 0; }
.cem-card dd { margin: 0; padding: 0; white-space: pre-line; }
.cem-card .empty { color: #555; font-style: italic; }
.cem-card.big h3 { font-size: 40px; }
.cem-card.big dt, .cem-card.big dd { font-size: 24px; line-height: 1.35; }
.cem-card.big dl { grid-template-columns: minmax(12rem, 17rem) 1fr; gap: 0.7rem 1.5rem; }
@media (max-width: 640px) {  /* a phone: each label above its text */
  .cem-card dl, .cem-card.big dl { grid-template-columns: 1fr; gap: 0.2rem; }
  .cem-card dd { margin-bottom: 0.6rem; }
  .cem-card.big dt, .cem-card.big dd { font-size: 18px; }
}
</style>"""


def goal_name(goal: dict) -> str:
    """A method goal in this language, or the workshop's own goal as typed."""
    return t(f"goal.{goal['key']}") if goal["key"] else goal["name"]


def card(workshop_id: int, *, big: bool) -> None:
    """The strategy card: the top three goals, Leitwert, Erlebnismotiv, differentiation and
    how CEM culture is anchored. Every user text is escaped (shown as typed, never as HTML)."""
    texts = strategy.texts(workshop_id)
    top = [goal_name(g) for g in strategy.goals(workshop_id) if g["top"]]
    rows = [
        (t("strategy.card_goals"), " · ".join(top)),
        (t("field.strategy_guiding_value"), texts["guiding_value"]),
        (t("field.strategy_experience_motive"), texts["experience_motive"]),
        (t("field.strategy_differentiation"), texts["differentiation"]),
        (t("field.strategy_culture"), texts["culture"]),
    ]
    empty = html.escape(t("strategy.card_empty"))
    items = "".join(
        f"<dt>{html.escape(label)}</dt>"
        + (f"<dd>{html.escape(value)}</dd>" if value else f'<dd class="empty">{empty}</dd>')
        for label, value in rows
    )
    st.html(
        CARD_STYLE
        + f'<div class="cem-card{" big" if big else ""}">'
        + f"<h3>{html.escape(t('strategy.card_title'))}</h3><dl>{items}</dl></div>"
    )


def kpi_block(workshop_id: int, found: list[dict] | None = None) -> Table:
    """The KPI list as a table block: name, unit, direction, baseline, target, date, owner;
    a target on the wrong side of its baseline carries a warning sign. ``found``: the KPIs
    (``kpis.kpis``) already read."""
    found = kpis.kpis(workshop_id) if found is None else found
    language = lang()
    arrows = {d: t(f"kpi.arrow_{d}") for d in kpis.DIRECTIONS}
    names = [
        ("⚠ " if kpis.against_direction(k) else "") + k["name"] + (f" ({k['unit']})" if k["unit"] else "")
        for k in found
    ]  # fmt: skip
    data = pd.DataFrame(
        {
            t("kpi.name"): names,
            t("kpi.direction_short"): [arrows[k["direction"]] for k in found],
            t("field.baseline"): [kpi_value(k["baseline"], language) for k in found],
            t("field.target"): [kpi_value(k["target"], language) for k in found],
            t("field.target_date"): [formats.day(k["target_date"], language) if k["target_date"] else "–" for k in found],
            t("field.owner"): [k["owner"] or "–" for k in found],
        }
    )  # fmt: skip
    return Table(
        t("kpi.title"),
        t("kpi.help"),
        data,
        columns={t("field.baseline"): "figure", t("field.target"): "figure"},
        empty=t("kpi.empty"),
    )


def kpi_table(
    workshop_id: int, *, big: bool, title: bool = True, found: list[dict] | None = None
) -> None:
    """The KPI list; ``title=False`` where the section's heading already names it."""
    found = kpis.kpis(workshop_id) if found is None else found
    # made once per KPIs and language (a DataFrame of 40 KPIs on every rerun otherwise)
    block = kept("strategy_card.kpis", lambda: kpi_block(workshop_id, found), found, lang())
    table(block if title else replace(block, title=""), big=big)
    if any(kpis.against_direction(k) for k in found):
        st.caption(t("kpi.against_note"))


def kpi_value(value: float | None, language: str | None = None) -> str:
    """A baseline or target as this language writes it, '–' when not set."""
    return "–" if value is None else formats.number(value, language or lang(), 2)
