"""The printable report of a workshop: one HTML file in the workshop's language that prints
well to PDF from the browser (A4) — the strategy card, the touchpoint map, the importance–
performance matrix and the moments of truth, the ranked ideas, the quick wins, the action plan
with its timeline, the KPIs and the CEM quality index.

    >>> html = report_html(ws_id)

The page is made from a Jinja2 template (``templates/report.html.j2``, every value escaped);
charts are the app's own Vega-Lite charts, drawn to inline SVG by vl-convert on this machine —
the file makes no request to the web.
"""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from cemworkshop import (
    agenda,
    barometer,
    formats,
    kpis,
    priorities,
    strategy,
    success,
    touchpoints,
    workshops,
)
from cemworkshop.charts.barometer import index_chart
from cemworkshop.charts.map import journey_map
from cemworkshop.charts.plan import STATUS_COLOURS, timeline_chart
from cemworkshop.i18n import translate
from cemworkshop.journey_graph import GAP_COLOURS
from cemworkshop.metrics.ipa import gap_band
from cemworkshop.rounds.base import Chart, Table
from cemworkshop.rounds.impact_effort import KIND as IMPACT_EFFORT
from cemworkshop.rounds.touchpoint_scoring import KIND as TOUCHPOINT_SCORING
from cemworkshop.rounds.touchpoint_scoring import latest_closed_analysis

TEMPLATES = Path(__file__).resolve().parent / "templates"
_env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]))


def svg(spec: dict, width: int | None = None) -> Markup:
    """A Vega-Lite chart as inline SVG, drawn on this machine (``width``: of a chart that
    otherwise takes its width from its data, in px)."""
    import vl_convert

    if width:
        spec = {**spec, "width": width}
    return Markup(vl_convert.vegalite_to_svg(vl_spec=spec))  # noqa: S704 — SVG made by vl-convert from our own spec


def _cell(value, lang: str) -> str:
    if isinstance(value, bool | np.bool_):
        return "✔" if value else ""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, float):
        return formats.number(value, lang, 2)
    return str(value)


def table_block(title: str, data: pd.DataFrame, lang: str, *, numbers=(), empty: str = "") -> dict:
    return {"kind": "table", "title": title, "columns": list(data.columns), "numbers": set(numbers),
            "rows": [{c: _cell(v, lang) for c, v in zip(data.columns, r, strict=True)}
                     for r in data.itertuples(index=False)], "empty": empty}  # fmt: skip


def result_blocks(found, lang: str) -> tuple[list[dict], list[dict]]:
    """A round's results (``rounds.base.Results``) as figures and blocks of the report."""
    figures = [{"label": f.label, "value": f.value} for f in found.figures]
    blocks = []
    for b in found.blocks:
        if isinstance(b, Chart):
            blocks.append({"kind": "chart", "title": b.title, "help": b.help, "svg": svg(b.spec)})
        elif isinstance(b, Table):
            numbers = [c for c, how in b.columns.items() if how in ("number", "figure")]
            blocks.append(table_block(b.title, b.data, lang, numbers=numbers, empty=b.empty))
    return figures, blocks


def _strategy(wid: int, lang: str) -> dict:
    tr = lambda k, **p: translate(k, lang, **p)  # noqa: E731
    texts = strategy.texts(wid)
    goals = [
        tr(f"goal.{g['key']}") if g["key"] else g["name"] for g in strategy.goals(wid) if g["top"]
    ]
    promises = workshops.promises(wid)
    cards = [
        {"title": tr("strategy.card_goals"), "text": " · ".join(goals) or "–"},
        *({"title": tr(f"field.strategy_{k}"), "text": texts[k] or "–"}
          for k in ("guiding_value", "experience_motive", "differentiation", "culture")),
        {"title": tr("field.brand_promise"), "text": promises["brand_promise"] or "–"},
        {"title": tr("field.customer_promise"), "text": promises["customer_promise"] or "–"},
    ]  # fmt: skip
    found = kpis.kpis(wid)
    data = pd.DataFrame({"KPI": [k["name"] for k in found], tr("field.unit"): [k["unit"] for k in found],
                         tr("field.baseline"): [k["baseline"] for k in found],
                         tr("field.target"): [k["target"] for k in found],
                         tr("field.target_date"): [formats.day(k["target_date"], lang) if k["target_date"] else "–" for k in found],
                         tr("field.owner"): [k["owner"] for k in found]})  # fmt: skip
    return {"title": tr("report.strategy"), "cards": cards,
            "blocks": [table_block(tr("report.kpis"), data, lang, numbers=[tr("field.baseline"), tr("field.target")])]}  # fmt: skip


def _journey(wid: int, lang: str) -> list[dict]:
    tr = lambda k, **p: translate(k, lang, **p)  # noqa: E731
    rnd, found = latest_closed_analysis(wid)
    scores = {int(r.touchpoint_id): r for r in found.summary.itertuples()} if found else {}
    moments = (
        set(found.moments["touchpoint_id"].astype(int))
        if found is not None and not found.moments.empty
        else set()
    )
    tps = touchpoints.touchpoints(wid)
    data = pd.DataFrame({
        tr("report.phase"): [t["phase"] for t in tps], "Touchpoint": [t["name"] for t in tps],
        tr("dimension.importance"): [scores[t["id"]].importance if t["id"] in scores else None for t in tps],
        tr("dimension.performance"): [scores[t["id"]].performance if t["id"] in scores else None for t in tps],
        tr("report.gap"): [scores[t["id"]].gap if t["id"] in scores else None for t in tps],
        tr("report.moment"): ["★" if t["id"] in moments else "" for t in tps],
    })  # fmt: skip
    rows, seen = [], {}
    for t in tps:
        s = scores.get(t["id"])
        band = gap_band(s.gap) if s is not None and not math.isnan(s.gap) else "unscored"
        seen[t["phase"]] = seen.get(t["phase"], -1) + 1
        rows.append({"phase": t["phase"], "name": t["name"], "row": seen[t["phase"]], "band": band,
                     "moment": t["id"] in moments})  # fmt: skip
    blocks = []
    if rows:
        text = {"band": tr("report.gap"), "bands": {b: tr(f"map.band_{b}") for b in GAP_COLOURS}}
        blocks.append(
            {
                "kind": "chart",
                "title": "",
                "help": "",
                "svg": svg(journey_map(rows, text, lang=lang).to_dict()),
            }
        )
    blocks.append(table_block("", data, lang, numbers=list(data.columns[2:5])))
    parts = [{"title": tr("report.map"), "help": tr("report.map_help"), "blocks": blocks}]
    if rnd:
        figures, blocks = result_blocks(TOUCHPOINT_SCORING.results(rnd, lang, "report"), lang)
        parts.append({"title": tr("report.ipa"), "help": rnd["title"] or "", "figures": figures,
                      "blocks": blocks})  # fmt: skip
    else:
        parts.append({"title": tr("report.ipa"), "empty": tr("report.no_round")})
    return parts


def _ideas_and_quick_wins(wid: int, lang: str) -> list[dict]:
    tr = lambda k, **p: translate(k, lang, **p)  # noqa: E731
    found = priorities.candidates(wid)
    ranked = sorted(found, key=lambda m: (-(m["dots"] or 0), m["title"].casefold()))
    data = pd.DataFrame({"#": list(range(1, len(ranked) + 1)), tr("report.idea"): [m["title"] for m in ranked],
                         "Touchpoint": [m["touchpoint"] or "–" for m in ranked],
                         tr("report.dots"): [m["dots"] or 0 for m in ranked]})  # fmt: skip
    parts = [{"title": tr("report.ideas"), "help": tr("report.ideas_help"),
              "blocks": [table_block("", data, lang, numbers=[tr("report.dots")], empty=tr("report.none"))]}]  # fmt: skip
    rnd = priorities.latest_round(wid)
    results = IMPACT_EFFORT.results(rnd, lang, "report") if rnd else None
    if results:
        figures, blocks = result_blocks(results, lang)
        parts.append({"title": tr("report.quick_wins"), "figures": figures, "blocks": blocks})
    else:
        parts.append({"title": tr("report.quick_wins"), "empty": tr("report.no_round")})
    return parts


def _plan(wid: int, lang: str) -> dict:
    tr = lambda k, **p: translate(k, lang, **p)  # noqa: E731
    rows = priorities.plan(wid)
    day = lambda v: formats.day(v, lang) if v else "–"  # noqa: E731
    data = pd.DataFrame({tr("report.measure"): [r["title"] for r in rows],
                         tr("field.owner"): [r["owner"] or "–" for r in rows],
                         tr("field.start_on"): [day(r["start_on"]) for r in rows],
                         tr("field.due_on"): [day(r["due_on"]) for r in rows],
                         "KPI": [r["kpi"] or "–" for r in rows],
                         tr("field.status"): [tr(f"plan.status.{r['status']}") for r in rows],
                         "%": [r["percent_done"] for r in rows]})  # fmt: skip
    blocks = []
    dated, _ = priorities.timeline(wid, date.today(), rows)
    if dated:
        text = {k: tr(f"plan.{k}") for k in ("measure", "start", "due", "owner", "status", "today")}
        names = {s: tr(f"plan.status.{s}") for s in STATUS_COLOURS}
        spec = timeline_chart(
            dated, text, names, today=date.today().isoformat(), lang=lang
        ).to_dict()
        blocks.append(
            {"kind": "chart", "title": tr("plan.timeline_title"), "help": "", "svg": svg(spec)}
        )
    blocks.append(table_block("", data, lang, numbers=["%"], empty=tr("report.none")))
    return {"title": tr("report.plan"), "blocks": blocks}


def _success(wid: int, lang: str) -> dict:
    tr = lambda k, **p: translate(k, lang, **p)  # noqa: E731
    blocks = []
    table = success.index_table(wid)
    target = barometer.settings(wid)["index_target"]
    trend = [
        {"period": p, "value": round(v, 1)} for p, v in table.overall.items() if not math.isnan(v)
    ]
    if trend:
        text = {
            "period": tr("baro.period"),
            "value": tr("index.index"),
            "target": tr("index.target"),
        }
        blocks.append({"kind": "chart", "title": tr("report.index"),
                       "help": tr("index.target_line", target=formats.number(target, lang, 0)),
                       "svg": svg(index_chart(trend, text, lang=lang, target=target, height=240).to_dict(), 560)})  # fmt: skip
    series = success.kpi_series(wid)
    rows = [(s, success.last_value(s)) for s in series]
    data = pd.DataFrame({"KPI": [s["name"] for s, _ in rows],
                         tr("baro.period"): [p["period"] if p else "–" for _, p in rows],
                         tr("report.value"): [p["value"] if p else None for _, p in rows],
                         tr("report.target_then"): [p["target"] if p else None for _, p in rows],
                         tr("report.judgement"): [tr(f"kpi5.{p['judgement']}") if p and p["judgement"] else "–" for _, p in rows],
                         tr("field.unit"): [s["unit"] for s, _ in rows]})  # fmt: skip
    blocks.append(table_block(tr("report.kpi_status"), data, lang,
                              numbers=[tr("report.value"), tr("report.target_then")]))  # fmt: skip
    return {"title": tr("report.success"), "blocks": blocks}


def _day(wid: int, lang: str) -> dict:
    tr = lambda k, **p: translate(k, lang, **p)  # noqa: E731
    rows = agenda.schedule(agenda.blocks(wid), agenda.settings(wid)["day_start"])
    data = pd.DataFrame({
        tr("agenda.col_day"): [r["day"] for r in rows],
        tr("agenda.col_plan"): [f"{r['start']}–{r['end']}" if r["kind"] != "day" else "" for r in rows],
        tr("agenda.col_block"): [r["title"] for r in rows],
        tr("agenda.col_minutes"): [r["minutes"] if r["kind"] != "day" else "" for r in rows],
        tr("agenda.col_actual"): [f"{r['actual_start']}–{r['actual_end'] or ''}" if r["actual_start"] else "–" for r in rows],
        tr("agenda.col_overrun"): [agenda.overrun_text(r["overrun"]) for r in rows],
    })  # fmt: skip
    return {"title": tr("agenda.title"), "help": tr("agenda.plan_help"),
            "blocks": [table_block("", data, lang, numbers=[tr("agenda.col_minutes"), tr("agenda.col_overrun")],
                                   empty=tr("agenda.empty"))]}  # fmt: skip


def report_html(workshop_id: int) -> str:
    ws = workshops.get_workshop(workshop_id)
    lang = ws["language"]
    parts = [_strategy(workshop_id, lang), *_journey(workshop_id, lang),
             *_ideas_and_quick_wins(workshop_id, lang), _plan(workshop_id, lang),
             _success(workshop_id, lang), _day(workshop_id, lang)]  # fmt: skip
    subtitle = translate("report.subtitle", lang, company=ws["company"] or "–",
                         day=formats.day(date.today(), lang))  # fmt: skip
    return _env.get_template("report.html.j2").render(
        lang=lang,
        title=translate("report.title", lang, name=ws["name"]),
        subtitle=subtitle,
        parts=parts,
    )
