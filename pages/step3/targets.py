"""Section "Zielvereinbarungen": who (a person or a team) commits to which KPI of the strategy
(referenced, never copied), what target by when; shown per person and per KPI."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cemworkshop import kpis, organisation
from cemworkshop.organisation import AGREEMENT_STATUSES, AGREEMENTS
from cemworkshop.rounds.base import Table
from pages.common.navigation import STEP1
from pages.common.records import Field, record_list, shown
from pages.common.tables import table
from pages.common.text import md, number, t

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
    status = FIELDS[-1]
    for name, group in organisation.agreements_by(workshop_id, how).items():
        other = "kpi" if how == "holder" else "holder"
        first = group[0]
        head = md(name)
        if how == "kpi":
            head += " · " + t(
                "org.kpi_line", baseline=_n(first["baseline"]), target=_n(first["kpi_target"]),
                unit=md(first["unit"] or ""),
            )  # fmt: skip
        st.markdown(f"**{head}**")
        data = pd.DataFrame(
            {
                t(f"field.{'kpi' if other == 'kpi' else 'holder'}"): [r[other] for r in group],
                t("org.baseline"): [_n(r["baseline"], r["unit"]) for r in group],
                t("org.agreed_target"): [_n(r["target"], r["unit"]) for r in group],
                t("field.due_on"): [shown(FIELDS[3], r["due_on"]) for r in group],
                t("field.status"): [shown(status, r["status"]) for r in group],
            }
        )
        table(Table("", "", data, columns={t("org.baseline"): "figure",
                                           t("org.agreed_target"): "figure"}), big=False)  # fmt: skip


def _n(value, unit: str = "") -> str:
    return "–" if value is None else f"{number(value, 2)} {unit}".strip()
