"""Section "Zielvereinbarungen": who (a person or a team) commits to which KPI of the strategy
(referenced, never copied), what target by when; shown per person and per KPI."""

from __future__ import annotations

import html

import streamlit as st

from cemworkshop import formats, kpis, organisation
from cemworkshop.organisation import AGREEMENT_STATUSES, AGREEMENTS
from pages.common.charts import fetched
from pages.common.navigation import STEP1
from pages.common.records import Field, record_list, shown
from pages.common.tables import DESK_STYLE, built_from
from pages.common.text import lang, t

FIELDS = [
    Field("holder", "field.holder", width=2, placeholder="org.holder_example"),
    Field("kpi_id", "field.kpi", kind="ref", optional=False, width=2),
    Field("target", "field.target", kind="number"),
    Field("due_on", "field.due_on", kind="day"),
    Field("status", "field.status", kind="choice", choices=AGREEMENT_STATUSES,
          prefix="org.agreement."),
]  # fmt: skip


# the groups' tables one below the other with the same columns (each sized by its own rows
# made the columns jump from one person to the next); on a phone they scroll sideways
SAME_COLUMNS = "table-layout: fixed; min-width: 560px"
WIDTHS = (34, 16, 16, 16, 18)  # who or which KPI, baseline, agreed target, due, status


def render(workshop: dict) -> None:
    wid = workshop["id"]
    st.caption(t("org.targets_intro"))
    found = fetched(kpis.kpis, wid)  # reads: once per change, for every session
    if not found:
        st.info(t("org.no_kpis"))
        st.page_link(STEP1, label=t("org.to_kpis"), icon=":material/arrow_forward:")
        return
    names = built_from(found, "targets.kpi_names", lambda: {
        k["id"]: k["name"] + (f" ({k['unit']})" if k["unit"] else "") for k in found
    })  # fmt: skip
    rows = fetched(organisation.agreements, wid)
    _views(wid, rows)
    st.subheader(t("org.edit_agreements"))
    record_list(
        "targets", AGREEMENTS, wid, FIELDS, rows=rows, shared=True,
        title=lambda r: f"{r['holder']} · {names.get(r['kpi_id'], '–')}",
        names={"kpi_id": names}, add_label="org.add_agreement", empty="org.no_agreements",
    )  # fmt: skip


def _views(workshop_id: int, rows: list[dict]) -> None:
    if not rows:
        return
    how = st.segmented_control(
        t("org.view"), ["holder", "kpi"], default="holder", key="targets_view",
        format_func={v: t(f"org.view_{v}") for v in ("holder", "kpi")}.get,
    ) or "holder"  # fmt: skip
    language = lang()
    # one block of text, made once per rows and language: a grid per person cost every rerun
    st.html(built_from(rows, ("targets.views", how, language),
                       lambda: _views_html(workshop_id, rows, how, language)))  # fmt: skip


def _views_html(workshop_id: int, rows: list[dict], how: str, language: str) -> str:
    """Per person or team (or per KPI) its name as a heading and its agreements as a table;
    every text escaped."""
    status, due = FIELDS[-1], FIELDS[3]
    other = "kpi" if how == "holder" else "holder"
    e = html.escape
    columns = {f"field.{other}": "", "org.baseline": "number", "org.agreed_target": "number",
               "field.due_on": "", "field.status": ""}  # fmt: skip
    head = "".join(f'<th class="{c}">{e(t(k))}</th>' for k, c in columns.items())
    widths = "<colgroup>" + "".join(f'<col style="width:{w}%">' for w in WIDTHS) + "</colgroup>"
    parts = [DESK_STYLE, f'<div class="desk-wrap" lang="{language}">']
    for name, group in organisation.agreements_by(workshop_id, how, rows).items():
        first = group[0]
        title = name
        if how == "kpi":
            title += " · " + t(
                "org.kpi_line", baseline=_n(first["baseline"], language=language),
                target=_n(first["kpi_target"], language=language), unit=first["unit"] or "",
            )  # fmt: skip
        body = "".join(
            f"<tr><td>{e(str(r[other]))}</td>"
            f'<td class="number">{e(_n(r["baseline"], r["unit"], language))}</td>'
            f'<td class="number">{e(_n(r["target"], r["unit"], language))}</td>'
            f"<td>{e(shown(due, r['due_on'], language=language))}</td>"
            f"<td>{e(shown(status, r['status'], language=language))}</td></tr>"
            for r in group
        )
        parts.append(f'<p style="margin: 1rem 0 .3rem 0"><strong>{e(title)}</strong></p>'
                     f'<table class="desk" style="{SAME_COLUMNS}">{widths}<thead><tr>{head}</tr></thead>'
                     f"<tbody>{body}</tbody></table>")  # fmt: skip
    return "".join(parts) + "</div>"


def _n(value, unit: str = "", language: str | None = None) -> str:
    return (
        "–" if value is None else f"{formats.number(value, language or lang(), 2)} {unit}".strip()
    )
