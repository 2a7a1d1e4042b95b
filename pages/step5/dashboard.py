"""Section "Kunden-Dashboard": everything management needs on one screen at 1280×720 without
scrolling, and on one A4 landscape page when printed — the quality index against its target
with its trend, the KPIs with traffic lights, the touchpoints furthest below target, the
measures open, overdue and done, the complaint trend, the open obstacles."""

from __future__ import annotations

import html
import math
from datetime import date

import streamlit as st

from cemworkshop import dashboard
from cemworkshop.charts.barometer import count_bars, index_chart
from pages.common.charts import chart_spec
from pages.common.text import day, lang, md, number, t
from pages.step5.kpis import dot, value_unit

# Dense tiles for one screen, and a print layout: only the dashboard, on A4 landscape.
STYLE = """<style>
.st-key-section_dashboard [data-testid="stVerticalBlock"] { gap: 0.35rem; }
.st-key-section_dashboard h3 { font-size: 1.05rem; margin: 0; padding: 0; }
.st-key-section_dashboard [data-testid="stVegaLiteChart"] { min-width: 0; }
.dash-big { font-size: 2.6rem; font-weight: 700; line-height: 1.1; }
.dash-sub { font-size: 0.95rem; color: #444; }
table.dash { width: 100%; border-collapse: collapse; font-size: 0.92rem; }
table.dash td { padding: 2px 6px; border-bottom: 1px solid #eee; }
table.dash td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.dash-tile { border: 1px solid #e3e3e3; border-radius: 8px; padding: 6px 10px; }
ul.dash { margin: 0; padding-left: 1.1rem; font-size: 0.92rem; }
ul.dash li { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; list-style: disc; }
.light { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 50%; vertical-align: -0.05em; }
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  [data-testid="stHeader"], [data-testid="stSidebar"], [data-testid="stToolbar"],
  [class*="st-key-step5_section"], .st-key-lang_switch, .st-key-dash_print_hint { display: none !important; }
  [data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: 100% !important; }
  /* side by side as on the screen (Streamlit stacks columns when printing) */
  [data-testid="stHorizontalBlock"] { display: flex !important; flex-direction: row !important; flex-wrap: nowrap !important; }
  [data-testid="stColumn"] { min-width: 0 !important; }
  .st-key-section_dashboard { break-inside: avoid; }
}
</style>"""


def render(workshop: dict) -> None:
    wid = workshop["id"]
    st.html(STYLE)
    today = date.today()
    board = dashboard.figures(wid, today)
    head, hint = st.columns([4, 2], vertical_alignment="bottom")
    head.markdown(f"### {t('dash.title', company=md(workshop.get('company') or workshop['name']))} · "
                  f"{t('dash.as_of', period=board['period'] or '–', day=day(today))}")  # fmt: skip
    with hint.container(key="dash_print_hint"):
        st.caption(t("dash.print_hint"))
    for row, height in (
        ((_index, _kpis, _worst), 300),
        ((_measures, _complaints, _obstacles), 200),
    ):
        for column, tile in zip(st.columns([1.1, 1.5, 1.1], gap="small"), row, strict=True):
            with column.container(border=True, height=height):
                tile(board)


def _index(board: dict) -> None:
    st.markdown(f"**{t('dash.index')}**")
    value, before, target = board["index"], board["index_before"], board["target"]
    if math.isnan(value):
        st.caption(t("baro.empty"))
        return
    arrow = (
        "" if math.isnan(before) else ("▲" if value > before else "▼" if value < before else "=")
    )
    colour = "#2e7d32" if value >= target else "#c62828"
    st.html(f'<div class="dash-big" style="color:{colour}">{number(value, 0)}'
            f' <span class="dash-sub">/ 100 · {html.escape(t("dash.target", target=number(target, 0)))}'
            f' {arrow}</span></div>')  # fmt: skip
    rows = [{"period": p, "value": round(v, 1)} for p, v in board["trend"]]
    text = {"period": t("baro.period"), "value": "", "target": t("index.target")}
    st.vega_lite_chart(chart_spec(index_chart, rows, text=text, lang=lang(), target=target, height=150),
                       width="stretch")  # fmt: skip


def _kpis(board: dict) -> None:
    st.markdown(f"**{t('dash.kpis')}**")
    if not board["kpis"]:
        st.caption(t("kpi5.empty"))
        return
    period = board["period"]
    cells = "".join(
        f"<tr><td>{dot(k['judgement'])}</td><td>{html.escape(k['name'])}</td>"
        f'<td class="num">{html.escape(value_unit(k["value"], k["unit"], 1))}'
        f'{html.escape(" (" + k["period"] + ")" if k["period"] != period else "")}</td>'
        f'<td class="num">{html.escape(t("dash.target_short"))} {html.escape(value_unit(k["target"], "", 1))}</td></tr>'
        for k in board["kpis"][:8]
    )  # fmt: skip
    st.html(f'<table class="dash">{cells}</table>')
    counts = {
        j: sum(1 for k in board["kpis"] if k["judgement"] == j) for j in ("met", "nearly", "missed")
    }
    st.html('<div class="dash-sub">' + " · ".join(
        f"{dot(j)} {html.escape(t(f'kpi5.{j}'))}: {n}" for j, n in counts.items()) + "</div>")  # fmt: skip


def _worst(board: dict) -> None:
    st.markdown(f"**{t('dash.worst', target=number(board['target'], 0))}**")
    if not board["worst"]:
        st.caption(t("dash.none_below"))
        return
    cells = "".join(
        f'<tr><td>{html.escape(name)}</td><td class="num">{number(v, 0)}</td>'
        f'<td class="num" style="color:#c62828">{number(v - board["target"], 0)}</td></tr>'
        for name, v in board["worst"]
    )
    st.html(f'<table class="dash">{cells}</table>')


def _measures(board: dict) -> None:
    st.markdown(f"**{t('dash.measures')}**")
    m = board["measures"]
    st.html(
        '<div style="display:flex;gap:1.2rem">'
        + "".join(
            f'<div><div class="dash-big" style="color:{c}">{m[k]}</div>'
            f'<div class="dash-sub">{html.escape(t(f"dash.measures_{k}"))}</div></div>'
            for k, c in (("open", "#1f77b4"), ("overdue", "#c62828"), ("done", "#2e7d32"))
        )
        + "</div>"
    )


def _complaints(board: dict) -> None:
    st.markdown(f"**{t('dash.complaints')}**")
    if not board["complaints"]:
        st.caption(t("compl.empty"))
        return
    rows = [{"label": m, "count": n} for m, n in board["complaints"]]
    text = {"label": t("analysis.month"), "count": t("analysis.count")}
    st.vega_lite_chart(
        chart_spec(count_bars, rows, text=text, lang=lang(), height=110), width="stretch"
    )


def _obstacles(board: dict) -> None:
    found = board["obstacles"]
    st.markdown(f"**{t('dash.obstacles', count=len(found))}**")
    if not found:
        st.caption(t("obst.empty"))
        return
    items = "".join(f"<li>{html.escape(o['description'][:90])}</li>" for o in found[:4])
    st.html(f'<ul class="dash">{items}</ul>')
