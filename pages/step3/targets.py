"""Section "Zielvereinbarungen": who (a person or a team) commits to which KPI of the strategy
(referenced, never copied), what target by when; shown per person and per KPI."""

from __future__ import annotations

import pyarrow as pa
import streamlit as st

from cemworkshop import formats, kpis, organisation
from cemworkshop.organisation import AGREEMENT_STATUSES, AGREEMENTS
from pages.common.navigation import STEP1
from pages.common.records import Field, record_list, shown
from pages.common.tables import desk_grid
from pages.common.text import lang, md, t

FIELDS = [
    Field("holder", "field.holder", width=2, placeholder="org.holder_example"),
    Field("kpi_id", "field.kpi", kind="ref", optional=False, width=2),
    Field("target", "field.target", kind="number"),
    Field("due_on", "field.due_on", kind="day"),
    Field("status", "field.status", kind="choice", choices=AGREEMENT_STATUSES,
          prefix="org.agreement."),
]  # fmt: skip


def render(workshop: dict) -> None:
    wid = workshop["id"]
    st.caption(t("org.targets_intro"))
    found = kpis.kpis(wid)
    if not found:
        st.info(t("org.no_kpis"))
        st.page_link(STEP1, label=t("org.to_kpis"), icon=":material/arrow_forward:")
        return
    names = {k["id"]: k["name"] + (f" ({k['unit']})" if k["unit"] else "") for k in found}
    rows = organisation.agreements(wid)
    _views(wid, rows)
    st.subheader(t("org.edit_agreements"))
    record_list(
        "targets", AGREEMENTS, wid, FIELDS, rows=rows,
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
    status, due = FIELDS[-1], FIELDS[3]
    language = lang()
    other = "kpi" if how == "holder" else "holder"
    labels = {k: t(k) for k in (f"field.{other}", "org.baseline", "org.agreed_target",
                                "field.due_on", "field.status")}  # fmt: skip
    figures = {labels["org.baseline"]: "figure", labels["org.agreed_target"]: "figure"}
    for name, group in organisation.agreements_by(workshop_id, how, rows).items():
        first = group[0]
        head = md(name)
        if how == "kpi":
            head += " · " + t(
                "org.kpi_line", baseline=_n(first["baseline"], language=language),
                target=_n(first["kpi_target"], language=language), unit=md(first["unit"] or ""),
            )  # fmt: skip
        st.markdown(f"**{head}**")
        data = {
            labels[f"field.{other}"]: [r[other] for r in group],
            labels["org.baseline"]: [_n(r["baseline"], r["unit"], language) for r in group],
            labels["org.agreed_target"]: [_n(r["target"], r["unit"], language) for r in group],
            labels["field.due_on"]: [shown(due, r["due_on"], language=language) for r in group],
            labels["field.status"]: [shown(status, r["status"], language=language) for r in group],
        }
        desk_grid(pa.table(data), figures)


def _n(value, unit: str = "", language: str | None = None) -> str:
    return (
        "–" if value is None else f"{formats.number(value, language or lang(), 2)} {unit}".strip()
    )
