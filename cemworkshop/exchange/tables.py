"""Every table of a workshop as a CSV file, built when asked for.

    >>> TABLES["scores"](ws_id)          # bytes: every answer of every round kind
    >>> summary_csv(ws_id, round_id)     # one touchpoint round's results per touchpoint

``TABLES`` lists the downloads in the order the export page shows them; its keys name the
files and the catalogue's ``export.<key>`` texts.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd

from cemworkshop import (
    agenda,
    barometer,
    competitors,
    complaints,
    continuous,
    customers,
    expectations,
    ideas,
    innovation,
    journey,
    kpis,
    obstacles,
    organisation,
    priorities,
    profitability,
    store,
    strategy,
    success,
    touchpoints,
    voice,
    worksheets,
    workshops,
)
from cemworkshop.exchange.csvfile import to_csv
from cemworkshop.exchange.touchpoints import touchpoints_csv
from cemworkshop.i18n import translate
from cemworkshop.metrics import gap, ipa
from cemworkshop.metrics.ron import return_on_nothing
from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.base import EXPORT_COLUMNS
from cemworkshop.rounds.dot_vote import KIND as DOT_VOTE
from cemworkshop.rounds.five_rules import KIND as FIVE_RULES
from cemworkshop.rounds.ideas_round import KIND as IDEAS
from cemworkshop.rounds.kinds import kind_of
from cemworkshop.rounds.touchpoint_scoring import KIND as TOUCHPOINT_SCORING


def _yes_no(flag) -> str:
    return "yes" if flag else "no"


def edges_csv(workshop_id: int) -> bytes:
    """The journey's paths as ``source, target`` touchpoint names."""
    return to_csv(
        ["source", "target"], [[e["source"], e["target"]] for e in journey.edges(workshop_id)]
    )


ROUND_COLUMNS = ["round", "round_title", "round_kind", "round_status"]


def scores_csv(workshop_id: int) -> bytes:
    """Every answer of every round, whatever its kind: the round, what was rated, by whom."""
    records = []
    for rnd in sorted(lifecycle.list_rounds(workshop_id), key=lambda r: r["id"]):
        head = [rnd["id"], rnd["title"], rnd["kind"], rnd["status"]]
        for row in kind_of(rnd["kind"]).export_rows(rnd):
            records.append([*head, *(row[c] for c in EXPORT_COLUMNS)])
    return to_csv(ROUND_COLUMNS + EXPORT_COLUMNS, records)


SUMMARY_KINDS = (TOUCHPOINT_SCORING.name, FIVE_RULES.name)  # rounds with a summary download


def summary_csv(workshop_id: int, round_id: int) -> bytes:
    """One round's results: per touchpoint (means, gap, spread, raters per dimension,
    quadrant and the crosshair rule that placed it) or per rule of the five rules check
    (mean, spread, n, the weakest first). A spread needs two raters: empty with one."""
    rnd = lifecycle.get_round(round_id)
    if rnd is None or rnd["workshop_id"] != workshop_id:
        return to_csv(ipa.SUMMARY_COLUMNS, [])
    if rnd["kind"] == FIVE_RULES.name:
        language = workshops.get_workshop(workshop_id)["language"]
        table = FIVE_RULES.table(round_id)
        return to_csv(
            ["rule", "text", "mean", "spread", "n"],
            [
                [
                    r.rule,
                    translate(f"rules.{r.rule}", language),
                    _cell(r.mean),
                    _cell(r.spread),
                    r.n,
                ]
                for r in table.itertuples()
            ],
        )
    found = TOUCHPOINT_SCORING.analysis(rnd) if rnd["kind"] == TOUCHPOINT_SCORING.name else None
    if found is None:
        return to_csv([*ipa.SUMMARY_COLUMNS, "crosshair"], [])
    summary = found.summary.round(2).assign(crosshair=found.crosshair)
    return to_csv(
        list(summary.columns), summary.astype(object).where(summary.notna(), "").values.tolist()
    )


def _cell(value: float) -> float | str:
    """A figure rounded to two places; empty where it is not defined (NaN)."""
    return "" if value != value else round(value, 2)


def strategy_csv(workshop_id: int) -> bytes:
    """The strategy card: the differentiation, Leitwert, Erlebnismotiv and culture texts."""
    texts = strategy.texts(workshop_id)
    return to_csv(["part", "text"], [[k, texts[k]] for k in strategy.TEXTS])


def goals_csv(workshop_id: int) -> bytes:
    """The CEM goals in rank order: the method's in the workshop's language, own ones as typed."""
    language = workshops.get_workshop(workshop_id)["language"]
    return to_csv(
        ["rank", "goal", "method_goal", "top"],
        [
            [rank, translate(f"goal.{g['key']}", language) if g["key"] else g["name"],
             g["key"] or "", _yes_no(g["top"])]
            for rank, g in enumerate(strategy.goals(workshop_id), start=1)
        ],
    )  # fmt: skip


KPI_COLUMNS = ["id", "name", "definition", "unit", "direction", "baseline", "target",
               "target_date", "source", "owner"]  # fmt: skip


def kpis_csv(workshop_id: int) -> bytes:
    """The KPIs of the return on CEM, with the id the action plan and dashboard refer to, and
    whether the target lies the wrong way of the baseline."""
    return to_csv(
        [*KPI_COLUMNS, "target_against_direction"],
        [
            [*("" if k[c] is None else k[c] for c in KPI_COLUMNS),
             _yes_no(kpis.against_direction(k))]
            for k in kpis.kpis(workshop_id)
        ],
    )  # fmt: skip


RON_OUTPUTS = ["lost_by_nothing", "cem_gain", "cem_net", "roi", "break_even_year"]


def ron_csv(workshop_id: int) -> bytes:
    """Every Return-on-Nothing scenario: its inputs and what they give."""
    records = []
    for sc in profitability.scenarios(workshop_id):
        result = return_on_nothing(sc["inputs"])
        outputs = [
            round(v, 4) if isinstance(v, float) else v
            for v in (getattr(result, k) for k in RON_OUTPUTS)
        ]
        records.append(
            [sc["name"], *(getattr(sc["inputs"], f) for f in profitability.FIELDS), *outputs]
        )
    return to_csv(["scenario", *profitability.FIELDS, *RON_OUTPUTS], records)


def segments_csv(workshop_id: int) -> bytes:
    """Customer segments: name, description, share of customers, value per year, needs."""
    cols = ["name", "description", "share_pct", "value_per_year", "needs"]
    return to_csv(cols, [[sg[c] for c in cols] for sg in customers.segments(workshop_id)])


def feedback_sources_csv(workshop_id: int) -> bytes:
    """Feedback sources with available yes/no and a note."""
    return to_csv(
        ["name", "available", "note"],
        [[f["name"], _yes_no(f["available"]), f["note"]] for f in customers.sources(workshop_id)],
    )


def personas_csv(workshop_id: int) -> bytes:
    """Personas with segment, goals, frustrations and the touchpoints they use (``;``-separated)."""
    names = {
        r["id"]: r["name"]
        for r in store.rows("SELECT id, name FROM touchpoints WHERE workshop_id = ?", [workshop_id])
    }
    return to_csv(
        ["name", "segment", "goals", "frustrations", "touchpoints"],
        [
            [p["name"], p["segment"] or "", p["goals"], p["frustrations"],
             "; ".join(names[i] for i in p["touchpoints"] if i in names)]
            for p in customers.personas(workshop_id)
        ],
    )  # fmt: skip


def promises_csv(workshop_id: int) -> bytes:
    """The brand promise and the customer promise."""
    return to_csv(["promise", "text"], list(workshops.promises(workshop_id).items()))


def competitors_csv(workshop_id: int) -> bytes:
    """Per criterion every company's score, and the own company's gap to the best competitor."""
    table = competitors.comparison(
        competitors.criteria(workshop_id),
        competitors.companies(workshop_id),
        competitors.scores(workshop_id),
    )
    records = [
        [r.criterion, r.company, _yes_no(r.own), r.value, round(r.gap, 2)]
        for r in table.itertuples()
    ]
    return to_csv(["criterion", "company", "own", "value", "gap_to_best_competitor"], records)


def ideas_csv(workshop_id: int) -> bytes:
    """Every idea of every ideas round: touchpoint, text, group, hidden, author, time."""
    records = []
    for rnd in lifecycle.list_rounds(workshop_id, IDEAS.name):
        for i in ideas.visible(rnd["id"]):
            records.append(
                [rnd["id"], rnd["title"], i["id"], i["touchpoint"], i["text"],
                 i["group_title"] or "", _yes_no(i["hidden"]), i["author"] or "", i["created_at"]]
            )  # fmt: skip
    return to_csv(
        ["round", "round_title", "idea", "touchpoint", "text", "group", "hidden", "author",
         "created_at"],
        sorted(records, key=lambda r: (r[0], r[2])),
    )  # fmt: skip


def votes_csv(workshop_id: int) -> bytes:
    """Every dot vote's ranked list: the idea or group, its touchpoint, dots and voters."""
    records = []
    for rnd in sorted(lifecycle.list_rounds(workshop_id, DOT_VOTE.name), key=lambda r: r["id"]):
        limits = DOT_VOTE.limits(rnd["id"])
        for r in DOT_VOTE.ranking(rnd["id"]).to_dict("records"):
            records.append(
                [rnd["id"], rnd["title"], limits["budget"], limits["cap"], r["rank"], r["subject"],
                 r["group"], int(r["ideas"]), int(r["dots"]), int(r["voters"]), _yes_no(r["tie"])]
            )  # fmt: skip
    return to_csv(
        ["round", "round_title", "dots_per_person", "cap_per_idea", "rank", "idea", "touchpoint",
         "ideas_merged", "dots", "voters", "tied"],
        records,
    )  # fmt: skip


def measures_csv(workshop_id: int) -> bytes:
    """Candidate measures with their origin and link (idea, group, vote, worksheet idea), the
    KPI they should move (id and name), expected effect, confidence and whether in the plan."""
    cols = ["id", "title", "touchpoint", "origin", "dots", "voters", "kpi_id", "kpi",
            "expected_effect", "confidence", "selected", "source_idea_id", "source_group_id",
            "source_worksheet_idea_id"]  # fmt: skip
    found = [m | {"selected": _yes_no(m["selected"])} for m in priorities.candidates(workshop_id)]
    return to_csv(cols, _rows(cols, found))


def priorities_csv(workshop_id: int) -> bytes:
    """The one ranked list: rank, quadrant, impact and effort (the room's median, n, spread,
    and the facilitator's override with its reason), confidence, score, dots."""
    cols = ["rank", "title", "touchpoint", "quadrant", "impact", "impact_median", "impact_n",
            "impact_spread", "impact_override", "effort", "effort_median", "effort_n",
            "effort_spread", "effort_override", "confidence", "score", "dots"]  # fmt: skip
    found = [
        {k: ("" if isinstance(v, float) and v != v else v) for k, v in r.items()}
        for r in priorities.ranking(workshop_id)
    ]
    return to_csv(cols, _rows(cols, found))


def plan_csv(workshop_id: int) -> bytes:
    """The action plan per measure, with its KPI (id, name, unit, baseline) from the KPI list."""
    cols = ["title", "touchpoint", "soll", "start_on", "due_on", "owner", "owner_role",
            "budget", "kpi_id", "kpi", "unit", "baseline", "kpi_target", "success_criterion",
            "status", "percent_done", "updated_at"]  # fmt: skip
    return to_csv(cols, _rows(cols, priorities.plan(workshop_id)))


def innovation_csv(workshop_id: int) -> bytes:
    """The innovation check per prioritised touchpoint: potential, brand promise and every
    experience quality and success factor (empty where not rated)."""
    values = innovation.scores(workshop_id)
    return to_csv(
        ["touchpoint", "offer_depth", "event_depth", "brand_promise", *innovation.CRITERIA],
        [
            [c["name"], c["offer_depth"] or "", c["event_depth"] or "", c["brand_promise"] or "",
             *(values.get((c["touchpoint_id"], k), "") for k in innovation.CRITERIA)]
            for c in innovation.chosen(workshop_id)
        ],
    )  # fmt: skip


def feedback_csv(workshop_id: int) -> bytes:
    """The imported customer feedback with its touchpoint (ratings on 1–5)."""
    data = voice.feedback(workshop_id)
    cols = ["given_on", "channel", "touchpoint", "text", "rating", "source"]
    return to_csv(
        ["date", *cols[1:]],
        [["" if pd.isna(v) else v for v in row] for row in data[cols].itertuples(index=False)],
    )


def voc_plan_csv(workshop_id: int) -> bytes:
    """How feedback flows into the VoC programme, per channel."""
    cols = ["channel", "owner", "frequency", "next_step"]
    return to_csv(cols, [[p[c] for c in cols] for p in voice.plan(workshop_id)])


def _rows(cols: list[str], found: list[dict]) -> list[list]:
    return [["" if r[c] is None else r[c] for c in cols] for r in found]


def board_csv(workshop_id: int) -> bytes:
    """The CEM Advisory Board: members with ``patron`` (yes/no), then the charter, rhythm and
    next meeting in one row of their own (member columns empty)."""
    cols = ["name", "role", "department", "responsibility"]
    members = organisation.members(workshop_id)
    rows = [[*r, _yes_no(m["patron"]), "", "", ""]
            for r, m in zip(_rows(cols, members), members, strict=True)]  # fmt: skip
    meta = organisation.settings(workshop_id)
    rows.append(["", "", "", "", "", meta["charter"], meta["rhythm"], meta["next_meeting"] or ""])
    return to_csv([*cols, "patron", "charter", "rhythm", "next_meeting"], rows)


def communication_csv(workshop_id: int) -> bytes:
    """The CEM communication programme."""
    cols = ["audience", "message", "channel", "owner", "due_on", "status"]
    return to_csv(cols, _rows(cols, organisation.COMMUNICATION.rows(workshop_id)))


def trainings_csv(workshop_id: int) -> bytes:
    """The training plan, with the touchpoint's name where a course is for one."""
    names = {t["id"]: t["name"] for t in touchpoints.touchpoints(workshop_id)}
    cols = ["course", "audience", "touchpoint", "format", "held_on", "people", "status"]
    found = [r | {"touchpoint": names.get(r["touchpoint_id"])}
             for r in organisation.TRAININGS.rows(workshop_id)]  # fmt: skip
    return to_csv(cols, _rows(cols, found))


def empowerment_csv(workshop_id: int) -> bytes:
    """What staff may decide on their own per touchpoint (``up_to``: an amount in euros)."""
    cols = ["touchpoint", "decision", "up_to"]
    return to_csv(cols, _rows(cols, organisation.empowerment(workshop_id)))


def agreements_csv(workshop_id: int) -> bytes:
    """Target agreements: the KPI by its id in the KPI list, its name for reading."""
    cols = ["holder", "kpi_id", "kpi", "unit", "baseline", "target", "due_on", "status"]
    return to_csv(cols, _rows(cols, organisation.agreements(workshop_id)))


def gap_csv(workshop_id: int) -> bytes:
    """The gap per touchpoint from the source the facilitator chose (a live round or step 1),
    largest first: means, gap, n per dimension, standard deviations, spread, band."""
    found = expectations.view(workshop_id)
    cols = ["touchpoint", "expectation", "experience", "gap", "expectation_n", "experience_n",
            "expectation_sd", "experience_sd", "spread", "band"]  # fmt: skip
    head = ["source", "round", "round_title"]
    rnd = found.round or {"id": "", "title": ""}
    records = [
        [found.source, rnd["id"], rnd["title"] or "",
         *("" if pd.isna(r[c]) else (round(r[c], 4) if isinstance(r[c], float) else r[c])
           for c in cols)]
        for r in gap.ranked(found.summary).to_dict("records")
    ]  # fmt: skip
    return to_csv(head + cols, records)


def worksheets_csv(workshop_id: int) -> bytes:
    """Every written worksheet: IST, SOLL, own experiences, who saved it last and when."""
    cols = ["touchpoint", "owner", "ist", "soll", "experiences", "updated_by", "updated_at"]
    found = [worksheets.sheet(workshop_id, r["touchpoint_id"])
             for r in worksheets.overview(workshop_id) if r["updated_at"]]  # fmt: skip
    return to_csv(cols, _rows(cols, found))


def worksheet_ideas_csv(workshop_id: int) -> bytes:
    """The worksheets' first ideas with the id of the candidate measure each became."""
    rows = []
    for r in worksheets.overview(workshop_id):
        if r["ideas"]:
            rows += [[r["touchpoint"], i["id"], i["text"], i["measure_id"] or "", i["created_at"]]
                     for i in worksheets.ideas(workshop_id, r["touchpoint_id"])]  # fmt: skip
    return to_csv(["touchpoint", "idea_id", "idea", "measure_id", "created_at"], rows)


def ideas_bank_csv(workshop_id: int) -> bytes:
    """The ideas database with status, reason of a rejection and the measure an idea became."""
    cols = ["id", "text", "touchpoint", "source", "programme", "submitter", "status",
            "reject_reason", "measure_id", "measure", "created_at", "updated_at"]  # fmt: skip
    return to_csv(cols, _rows(cols, continuous.ideas(workshop_id)))


def complaints_csv(workshop_id: int) -> bytes:
    """The complaint log with the time of every step (the import reads this file back)."""
    cols = ["ref", "received_at", "channel", "touchpoint", "cause", "severity", "description",
            "remedy", "owner", "status", "acknowledged_at", "investigating_at", "answered_at",
            "closed_at", "reopened", "first_contact", "upheld", "measure_id", "measure"]  # fmt: skip
    return to_csv(cols, _rows(cols, complaints.complaints(workshop_id)))


def complaint_figures_csv(workshop_id: int) -> bytes:
    """The complaint figures per month (shares as fractions 0–1, days as decimals)."""
    rows = complaints.analysis(
        workshop_id, date.today(), continuous.settings(workshop_id)["target_days"]
    )
    cols = ["month", "count", "per_1000", "first_contact", "acknowledged_1wd", "median_days",
            "p90_days", "closed_3wd", "closed_8w", "upheld", "open_over_target"]  # fmt: skip
    return to_csv(cols, [["" if isinstance(r[c], float) and r[c] != r[c] else
                          (round(r[c], 4) if isinstance(r[c], float) else r[c]) for c in cols]
                         for r in rows])  # fmt: skip


def rewards_csv(workshop_id: int) -> bytes:
    """Loyalty and reward programmes with the KPI they should move (id and name)."""
    names = {k["id"]: k["name"] for k in kpis.kpis(workshop_id)}
    cols = ["programme", "segment", "mechanism", "cost", "kpi_id", "kpi", "status"]
    found = [r | {"kpi": names.get(r["kpi_id"], "")} for r in continuous.REWARDS.rows(workshop_id)]
    return to_csv(cols, _rows(cols, found))


def _scale(metric: dict) -> str:
    return f"{metric['low']:g}-{metric['high']:g}"


def measurements_csv(workshop_id: int) -> bytes:
    """Every raw answer of the customer barometer, one row per answer — the layout the import
    reads back (an empty touchpoint: the company as a whole)."""
    metrics = {m["id"]: m for m in barometer.metrics(workshop_id)}
    names = {tp["id"]: tp["name"] for tp in touchpoints.touchpoints(workshop_id)}
    found = store.rows(
        "SELECT respondent, answered_on, touchpoint_id, channel, metric_id, value FROM responses"
        " WHERE workshop_id = ? ORDER BY answered_on, id",
        [workshop_id],
    )
    return to_csv(
        ["respondent", "date", "touchpoint", "channel", "metric", "value", "scale"],
        [[r["respondent"], r["answered_on"], names.get(r["touchpoint_id"], ""), r["channel"],
          metrics[r["metric_id"]]["name"], f"{r['value']:g}", _scale(metrics[r["metric_id"]])]
         for r in found],
    )  # fmt: skip


def measurement_aggregates_csv(workshop_id: int) -> bytes:
    """The pre-aggregated values (shares in %) — the layout the import reads back."""
    pct = lambda v: "" if v is None else round(100 * v, 4)  # noqa: E731
    return to_csv(
        ["date", "touchpoint", "channel", "metric", "value", "n", "sd", "top_share",
         "bottom_share", "source"],
        [[a["period_on"], a["touchpoint"], a["channel"], a["metric"], a["mean"], a["n"],
          "" if a["sd"] is None else a["sd"], pct(a["top_share"]), pct(a["bottom_share"]),
          a["source"]] for a in barometer.aggregates(workshop_id)],
    )  # fmt: skip


def survey_metrics_csv(workshop_id: int) -> bytes:
    """The barometer's metrics: scale, headline, weight in the quality index, target."""
    return to_csv(
        ["metric", "code", "low", "high", "headline", "weight", "target"],
        [[m["name"], m["code"], m["low"], m["high"], barometer.definition(m).headline, m["weight"],
          "" if m["target"] is None else m["target"]] for m in barometer.metrics(workshop_id)],
    )  # fmt: skip


def barometer_csv(workshop_id: int) -> bytes:
    """Per period, touchpoint and metric: n, the headline (empty below five answers), its 95 %
    interval, the status (ok / small / hidden), mean and top-box share, and the change from the
    period before with its p-value and mark (▲ ▼ significant at 95 %, ≈ not)."""
    metrics = {m["id"]: m for m in barometer.metrics(workshop_id)}
    names = {tp["id"]: tp["name"] for tp in touchpoints.touchpoints(workshop_id)}
    changes = barometer.changes(workshop_id)
    rows = []
    for key, fig in sorted(barometer.figures(workshop_id).items(),
                           key=lambda kv: (kv[0][0], kv[0][1] or 0, kv[0][2])):  # fmt: skip
        period, tp, mid = key
        ch = changes.get(key)
        rows.append([period, names.get(tp, "") if tp else "", metrics[mid]["name"],
                     barometer.definition(metrics[mid]).headline, fig.n, _cell(fig.value),
                     _cell(fig.low), _cell(fig.high), fig.status, _cell(fig.mean), _cell(fig.share),
                     _cell(ch.diff) if ch else "", "" if not ch or ch.p != ch.p else round(ch.p, 4),
                     ch.mark if ch else ""])  # fmt: skip
    return to_csv(
        ["period", "touchpoint", "metric", "headline", "n", "value", "low_95", "high_95", "status",
         "mean", "top_share", "change", "p", "mark"], rows,
    )  # fmt: skip


def quality_index_csv(workshop_id: int) -> bytes:
    """The CEM quality index per period: each touchpoint's (with its step-1 importance as
    weight) and the overall one (touchpoint empty)."""
    found = success.index_table(workshop_id)
    names = {tp["id"]: tp["name"] for tp in touchpoints.touchpoints(workshop_id)}
    rows = []
    for p in found.periods:
        rows.append([p, "", _cell(found.overall.get(p, float("nan"))), ""])
        for tp, v in found.touchpoints.get(p, {}).items():
            w = found.importance.get(tp)
            rows.append([p, names.get(tp, ""), _cell(v), "" if w is None else _cell(w)])
    return to_csv(["period", "touchpoint", "index", "importance"], rows)


def kpi_values_csv(workshop_id: int) -> bytes:
    """Each KPI per period: its value (entered, or from the barometer with its n), the target
    valid then and the judgement (met / nearly / missed)."""
    rows = []
    for k in success.kpi_series(workshop_id):
        for p in k["points"]:
            rows.append([k["id"], k["name"], p["period"], _cell(p["value"]),
                         "barometer" if k["source"] else "entered", "" if p["n"] is None else p["n"],
                         "" if p["target"] is None else p["target"], p["judgement"] or "",
                         p.get("mark", ""), p.get("note", "")])  # fmt: skip
    return to_csv(["kpi_id", "kpi", "period", "value", "source", "n", "target_then", "judgement",
                   "mark", "note"], rows)  # fmt: skip


def kpi_target_changes_csv(workshop_id: int) -> bytes:
    """Every change of a KPI's target: from when it holds, old and new value, the reason."""
    cols = ["kpi_id", "kpi", "changed_on", "old_value", "new_value", "reason", "recorded_at"]
    return to_csv(cols, _rows(cols, success.target_changes(workshop_id)))


def obstacles_csv(workshop_id: int) -> bytes:
    """The obstacles and conflicts log with its link in the chain, the idea and the measure."""
    cols = ["id", "description", "link", "touchpoint", "owner", "status", "raised_on", "idea_id",
            "idea", "measure_id", "measure", "updated_at"]  # fmt: skip
    return to_csv(cols, _rows(cols, obstacles.obstacles(workshop_id)))


def agenda_csv(workshop_id: int) -> bytes:
    """The run of the day: each block with its day, planned and actual times and over-run."""
    settings = agenda.settings(workshop_id)
    cols = ["day", "start", "end", "kind", "target", "title", "goal", "minutes", "started_at",
            "ended_at", "actual_minutes", "overrun"]  # fmt: skip
    return to_csv(
        cols, _rows(cols, agenda.schedule(agenda.blocks(workshop_id), settings["day_start"]))
    )


TABLES: dict[str, Callable[[int], bytes]] = {
    "touchpoints": touchpoints_csv,
    "edges": edges_csv,
    "scores": scores_csv,
    "ron": ron_csv,
    "segments": segments_csv,
    "feedback_sources": feedback_sources_csv,
    "personas": personas_csv,
    "promises": promises_csv,
    "competitors": competitors_csv,
    "goals": goals_csv,
    "strategy": strategy_csv,
    "kpis": kpis_csv,
    "innovation": innovation_csv,
    "ideas": ideas_csv,
    "votes": votes_csv,
    "measures": measures_csv,
    "feedback": feedback_csv,
    "voc_plan": voc_plan_csv,
    "board": board_csv,
    "communication": communication_csv,
    "trainings": trainings_csv,
    "empowerment": empowerment_csv,
    "target_agreements": agreements_csv,
    "gap": gap_csv,
    "worksheets": worksheets_csv,
    "worksheet_ideas": worksheet_ideas_csv,
    "priorities": priorities_csv,
    "plan": plan_csv,
    "ideas_bank": ideas_bank_csv,
    "complaints": complaints_csv,
    "complaint_figures": complaint_figures_csv,
    "rewards": rewards_csv,
    "survey_metrics": survey_metrics_csv,
    "measurements": measurements_csv,
    "measurement_aggregates": measurement_aggregates_csv,
    "barometer": barometer_csv,
    "quality_index": quality_index_csv,
    "kpi_values": kpi_values_csv,
    "kpi_target_changes": kpi_target_changes_csv,
    "obstacles": obstacles_csv,
    "agenda": agenda_csv,
}

# The tables by where they are made (the export page offers them so): each step's, the run of
# the day, and the live rounds' answers (their summaries per round beside them).
GROUPS: dict[str, tuple[str, ...]] = {
    "step1": ("touchpoints", "edges", "ron", "segments", "feedback_sources", "personas",
              "promises", "competitors", "goals", "strategy", "kpis"),
    "step2": ("innovation", "ideas", "votes", "feedback", "voc_plan"),
    "step3": ("board", "communication", "trainings", "empowerment", "target_agreements", "gap",
              "worksheets", "worksheet_ideas"),
    "step4": ("measures", "priorities", "plan", "ideas_bank", "complaints", "complaint_figures",
              "rewards"),
    "step5": ("survey_metrics", "measurements", "measurement_aggregates", "barometer",
              "quality_index", "kpi_values", "kpi_target_changes", "obstacles"),
    "agenda": ("agenda",),
    "rounds": ("scores",),
}  # fmt: skip
