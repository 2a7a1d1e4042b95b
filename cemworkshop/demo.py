"""The demo workshop: a fictitious kitchen retailer, loaded from the CSV files in ``data/demo/``.

    >>> ensure_demo_on_first_start()   # once per database: a newcomer sees every screen filled
    >>> load_demo()                    # another copy, on request; returns the workshop id

It goes through the same functions as the app (CSV import, edges, a scoring round), so
the demo is also a check that they work; all of it in one transaction, so a failure
leaves no half-made demo behind.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

from cemworkshop import (
    agenda,
    barometer,
    competitors,
    complaints,
    continuous,
    customers,
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
from cemworkshop.exchange.complaints import import_complaints, plan_complaints
from cemworkshop.exchange.feedback import import_feedback, plan_feedback
from cemworkshop.exchange.measurements import import_measurements, plan_measurements
from cemworkshop.exchange.touchpoints import import_touchpoints_csv
from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.dot_vote import KIND as DOT_VOTE
from cemworkshop.rounds.expectation_gap import KIND as EXPECTATION_GAP
from cemworkshop.rounds.five_rules import DIMENSION as FIVE_RULES_DIMENSION
from cemworkshop.rounds.five_rules import KIND as FIVE_RULES
from cemworkshop.rounds.ideas_round import KIND as IDEAS
from cemworkshop.rounds.impact_effort import KIND as IMPACT_EFFORT
from cemworkshop.rounds.rating import SKIP
from cemworkshop.rounds.touchpoint_scoring import KIND as TOUCHPOINT_SCORING

DEMO_DIR = Path(__file__).resolve().parent.parent / "data" / "demo"
SETTING = "demo_loaded_once"
_settled: set[str] = set()  # databases already past their first start, in this process


def _read(name: str) -> list[dict]:
    with open(DEMO_DIR / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


class DemoFiles:
    """Where the loaders below read the demo's rows and files: ``data/demo/``. The benchmark's
    scaled demo (``tests/bench/scaled.py``) hands them one that reads several tagged copies."""

    def read(self, name: str) -> list[dict]:
        return _read(name)

    def data(self, name: str) -> bytes:
        return (DEMO_DIR / name).read_bytes()

    def names(self, name: str) -> list[str]:
        """``name`` as it stands in every copy the rows were read from: here, once."""
        return [name]


FILES = DemoFiles()


def load_demo() -> int:
    """Create the demo workshop with touchpoints, journey, 8 participants and a revealed round."""
    with store.transaction():
        return _load()


def _load() -> int:
    meta = _read("workshop.csv")[0]
    ws = workshops.create_workshop(
        meta["name"], company=meta["company"], language=meta["language"], is_demo=True
    )
    report = import_touchpoints_csv(ws.id, (DEMO_DIR / "touchpoints.csv").read_bytes())
    if report.rejected:
        raise RuntimeError(f"demo touchpoints rejected: {report.rejected}")
    by_name = {t["name"]: t["id"] for t in touchpoints.touchpoints(ws.id)}
    for e in _read("edges.csv"):
        journey.add_edge(ws.id, by_name[e["source"]], by_name[e["target"]])
    with store.transaction() as db:
        people = {
            p["name"]: workshops.add_participant_for_import(db, ws.id, p["name"])
            for p in _read("participants.csv")
        }
    _five_rules(ws.id, people)
    _memories(ws.id, people, by_name)  # before the matrix: the presenter opens on the matrix
    _gap_round(ws.id, people, by_name)
    _impact_round(ws.id, people, by_name)
    round_id = lifecycle.open_round(
        ws.id,
        TOUCHPOINT_SCORING.name,
        touchpoint_ids=list(by_name.values()),
        with_competitor=True,
        title="Experience 360°",
    )
    items = TOUCHPOINT_SCORING.item_ids(round_id)
    given: dict[int, dict[int, dict[str, int]]] = {}
    for s in _read("scores.csv"):
        given.setdefault(people[s["participant"]], {})[items[by_name[s["touchpoint"]]]] = {
            d: int(s[d]) for d in ("importance", "performance", "competitor")
        }
    for participant_id, scores in given.items():
        lifecycle.submit(round_id, participant_id, scores)
    lifecycle.close_round(ws.id, round_id)
    lifecycle.reveal_round(ws.id, round_id)
    for sg in _read("segments.csv"):
        customers.save_segment(
            ws.id, sg["name"], description=sg["description"], needs=sg["needs"],
            share_pct=float(sg["share_pct"]), value_per_year=float(sg["value_per_year"]),
        )  # fmt: skip
    segment_ids = {sg["name"]: sg["id"] for sg in customers.segments(ws.id)}
    for pe in _read("personas.csv"):
        customers.save_persona(
            ws.id, pe["name"], segment_id=segment_ids[pe["segment"]], goals=pe["goals"],
            frustrations=pe["frustrations"],
            touchpoint_ids=[by_name[n.strip()] for n in pe["touchpoints"].split(";")],
        )  # fmt: skip
    for src in _read("feedback_sources.csv"):
        customers.set_source(
            ws.id, src["name"], available=src["available"] == "yes", note=src["note"]
        )
    meta_promises = _read("promises.csv")[0]
    workshops.set_promises(ws.id, meta_promises["brand_promise"], meta_promises["customer_promise"])
    bench = _read("benchmark.csv")
    names = [k for k in bench[0] if k != "criterion"]
    company = {names[0]: competitors.own_company(ws.id)}
    company.update({n: competitors.add_competitor(ws.id, n) for n in names[1:]})
    for row in bench:
        crit = competitors.add_criterion(ws.id, row["criterion"])
        competitors.set_scores(ws.id, {(crit, company[n]): float(row[n]) for n in names})
    for sc in _read("ron_scenarios.csv"):
        values = {k: float(v) for k, v in sc.items() if k != "name"}
        profitability.save_scenario(ws.id, sc["name"], profitability.check_inputs(**values))
    _strategy(ws.id)
    _innovation(FILES, ws.id, by_name)
    _voice(FILES, ws.id)
    _organisation(FILES, ws.id, by_name)
    _plan(FILES, ws.id)
    _continuous(FILES, ws.id, by_name)
    _optimisation(ws.id, by_name)
    _day(ws.id, meta["language"])
    with store.transaction() as db:
        # The demo's people are not in the room: they must not show up as "still missing".
        db.execute("UPDATE participants SET last_seen = NULL WHERE workshop_id = ?", [ws.id])
    return ws.id


def _five_rules(workshop_id: int, people: dict[str, int]) -> None:
    """The five rules check, closed and revealed: how true each rule is today."""
    round_id = lifecycle.open_round(
        workshop_id, FIVE_RULES.name, title="Die 5 Regeln für erfolgreiches CEM"
    )
    items = {it["rule"]: it["item_id"] for it in FIVE_RULES.items(round_id)}
    given: dict[int, dict[int, dict[str, int]]] = {}
    for r in _read("five_rules.csv"):
        given.setdefault(people[r["participant"]], {})[items[r["rule"]]] = {
            FIVE_RULES_DIMENSION: int(r["value"])
        }
    for participant_id, answers in given.items():
        lifecycle.submit(round_id, participant_id, answers)
    lifecycle.close_round(workshop_id, round_id)


def _strategy(workshop_id: int) -> None:
    """Goals in the group's order with the top three, the strategy texts, the KPIs."""
    order = _read("goals.csv")
    known = {g["key"]: g["id"] for g in strategy.goals(workshop_id) if g["key"]}
    ids = [known.get(g["goal"]) or strategy.add_goal(workshop_id, g["goal"]) for g in order]
    with store.transaction() as db:
        for position, goal_id in enumerate(ids):
            db.execute("UPDATE cem_goals SET position = ? WHERE id = ?", [position, goal_id])
    for g, goal_id in zip(order, ids, strict=True):
        if g["top"] == "yes":
            strategy.set_top(workshop_id, goal_id, True)
    strategy.save_texts(workshop_id, **{r["part"]: r["text"] for r in _read("strategy.csv")})
    for k in _read("kpis.csv"):
        kpis.save_kpi(
            workshop_id, k["name"], definition=k["definition"], unit=k["unit"],
            direction=k["direction"], baseline=float(k["baseline"]), target=float(k["target"]),
            target_date=k["target_date"], source=k["source"], owner=k["owner"],
        )  # fmt: skip


def _memories(workshop_id: int, people: dict[str, int], by_name: dict[str, int]) -> None:
    """Step 2: an ideas round with merged duplicates and one idea hidden, the blind dot vote
    on it (closed and revealed), its five best ideas as candidate measures."""
    rows = _read("ideas.csv")
    used = list(dict.fromkeys(by_name[r["touchpoint"]] for r in rows))
    rid = lifecycle.open_round(
        workshop_id, IDEAS.name, title="Erinnerungen schaffen", hide_results=True,
        touchpoint_ids=used,
    )  # fmt: skip
    items = {it["touchpoint_id"]: it["item_id"] for it in IDEAS.items(rid)}
    posted: dict[str, list[int]] = {}
    for r in rows:
        lifecycle.submit(
            rid, people[r["participant"]], {items[by_name[r["touchpoint"]]]: {"idea": r["text"]}}
        )
        idea = store.value("SELECT max(id) FROM ideas WHERE round_id = ?", [rid])
        if r["group"]:
            posted.setdefault(r["group"], []).append(idea)
        if r["hidden"] == "yes":
            ideas.hide(workshop_id, idea)
    for title, members in posted.items():
        ideas.merge(workshop_id, rid, members, title)
    lifecycle.reveal_round(workshop_id, rid)
    vote = ideas.start_vote(workshop_id, rid, budget=5, cap=3, title="Punktabstimmung")
    subjects = {s["subject"]: s["item_id"] for s in DOT_VOTE.items(vote)}
    given: dict[int, dict[int, dict[str, int]]] = {}
    for d in _read("dots.csv"):
        given.setdefault(people[d["participant"]], {})[subjects[d["idea"]]] = {
            "dots": int(d["dots"])
        }
    for participant_id, answers in given.items():
        lifecycle.submit(vote, participant_id, answers)
    lifecycle.close_round(workshop_id, vote)
    lifecycle.reveal_round(workshop_id, vote)
    ideas.to_measures(workshop_id, vote, top=5)


def _innovation(src: DemoFiles, workshop_id: int, by_name: dict[str, int]) -> None:
    """Step 2's innovation check for five moments of truth, entered by the facilitator."""
    rows = src.read("innovation.csv")
    innovation.choose(workshop_id, [by_name[r["touchpoint"]] for r in rows])
    for r in rows:
        tp = by_name[r["touchpoint"]]
        innovation.set_potential(
            workshop_id, tp, offer_depth=int(r["offer_depth"]), event_depth=int(r["event_depth"]),
            brand_promise=r["brand_promise"],
        )  # fmt: skip
        innovation.set_scores(workshop_id, {(tp, c): float(r[c]) for c in innovation.CRITERIA})


def _voice(src: DemoFiles, workshop_id: int) -> None:
    """Step 2's voice of the customer: half a year of feedback, and the plan per channel."""
    plan = plan_feedback(workshop_id, src.data("feedback.csv"))
    if plan.rejected or plan.unmatched:
        raise RuntimeError(f"demo feedback: {plan.rejected} {plan.unmatched}")
    import_feedback(workshop_id, plan)
    for line in src.read("voc_plan.csv"):
        voice.save_plan(
            workshop_id, line["channel"], owner=line["owner"], frequency=line["frequency"],
            next_step=line["next_step"],
        )  # fmt: skip


def _gap_round(workshop_id: int, people: dict[str, int], by_name: dict[str, int]) -> None:
    """Step 3's Erwartungsabgleich, rated by the eight participants (closed, revealed)."""
    rows = _read("gap.csv")
    rid = lifecycle.open_round(
        workshop_id, EXPECTATION_GAP.name, title="Erwartungsabgleich",
        touchpoint_ids=list(dict.fromkeys(by_name[r["touchpoint"]] for r in rows)),
    )  # fmt: skip
    items = EXPECTATION_GAP.item_ids(rid)
    for r in rows:
        lifecycle.submit(
            rid, people[r["participant"]],
            {items[by_name[r["touchpoint"]]]: {"expectation": int(r["expectation"]),
                                                "experience": int(r["experience"])}},
        )  # fmt: skip
    lifecycle.close_round(workshop_id, rid)
    lifecycle.reveal_round(workshop_id, rid)


def _impact_round(workshop_id: int, people: dict[str, int], by_name: dict[str, int]) -> None:
    """Step 4: five candidates added by hand beside the vote's five, rated for impact and
    effort by the eight participants (a few "can't say"; closed, revealed)."""
    for c in _read("candidates.csv"):
        if c["added_here"] == "yes":
            priorities.add_candidate(
                workshop_id, c["title"], touchpoint_id=by_name[c["touchpoint"]]
            )
    ids = {m["title"]: m["id"] for m in priorities.candidates(workshop_id)}
    rid = lifecycle.open_round(
        workshop_id, IMPACT_EFFORT.name, title="Wirkung und Aufwand", hide_results=True,
        measure_ids=list(ids.values()),
    )  # fmt: skip
    items = IMPACT_EFFORT.item_ids(rid)
    for r in _read("impact.csv"):
        value = {d: r[d] if r[d] == SKIP else int(r[d]) for d in ("impact", "effort")}
        lifecycle.submit(rid, people[r["participant"]], {items[ids[r["measure"]]]: value})
    lifecycle.close_round(workshop_id, rid)
    lifecycle.reveal_round(workshop_id, rid)


def _plan(src: DemoFiles, workshop_id: int) -> None:
    """Step 4: each candidate's KPI, expected effect and confidence; eight measures in the
    action plan with dates, owners and budgets (one overdue, one undated, one blocked)."""
    kpi_ids = {k["name"]: k["id"] for k in kpis.kpis(workshop_id)}
    found = {m["title"]: m for m in priorities.candidates(workshop_id)}
    for c in src.read("candidates.csv"):
        m = found[c["title"]]
        priorities.update_candidate(
            workshop_id, m["id"], title=m["title"], touchpoint_id=m["touchpoint_id"],
            kpi_id=kpi_ids.get(c["kpi"]), expected_effect=c["expected_effect"],
            confidence=int(c["confidence"]),
        )  # fmt: skip
    for title in src.names("Lieferung live verfolgen"):
        priorities.set_override(
            workshop_id, found[title]["id"], "effort", 5,
            "Braucht eine Schnittstelle zur Tourenplanung des Speditionspartners",
        )  # fmt: skip
    rows = src.read("plan.csv")
    priorities.select(workshop_id, [found[r["measure"]]["id"] for r in rows])
    plan_ids = {p["measure_id"]: p["id"] for p in priorities.plan(workshop_id)}
    for r in rows:
        values = {k: v for k, v in r.items() if k != "measure"}
        for k in ("budget", "kpi_target"):
            values[k] = float(values[k]) if values[k] else None
        values["percent_done"] = int(values["percent_done"])
        priorities.PLAN.save(workshop_id, values, record_id=plan_ids[found[r["measure"]]["id"]])


def _continuous(src: DemoFiles, workshop_id: int, by_name: dict[str, int]) -> None:
    """Step 4's continuous CEM: eight ideas along the pipeline (one rejected with its reason,
    one a candidate measure), 40 complaints over six months imported as a ticket system writes
    them, the customers per month, three reward programmes."""
    for i in src.read("ideas_bank.csv"):
        made = continuous.add_idea(
            workshop_id, i["text"], touchpoint_id=by_name.get(i["touchpoint"]), source=i["source"],
            programme=i["programme"], submitter=i["submitter"],
        )  # fmt: skip
        if i["status"] != "new":
            continuous.move_idea(workshop_id, made, i["status"], reason=i["reject_reason"])
        if i["measure"] == "yes":
            continuous.to_measure(workshop_id, made)
    for name in complaints.DEFAULT_CAUSES:
        complaints.add_cause(workshop_id, name)
    plan = plan_complaints(workshop_id, src.data("complaints.csv"))
    if plan.rejected or plan.unmatched:
        raise RuntimeError(f"demo complaints: {plan.rejected} {plan.unmatched}")
    import_complaints(workshop_id, plan)
    for c in src.read("customers.csv"):
        complaints.set_customers(workshop_id, c["month"], int(c["customers"]))
    kpi_ids = {k["name"]: k["id"] for k in kpis.kpis(workshop_id)}
    for r in src.read("rewards.csv"):
        continuous.REWARDS.save(
            workshop_id, {**r, "cost": float(r["cost"]), "kpi_id": kpi_ids.get(r["kpi"])}
        )


def _day(workshop_id: int, lang: str) -> None:
    """The management day's agenda, run on 24 November 2026 from 9:00 with its actual times:
    the welcome and the scoring ran over, the afternoon caught up; every block ended."""
    from datetime import datetime, timedelta

    agenda.load_format(workshop_id, "management_day", lang)
    at = datetime(2026, 11, 24, 9, 0)
    for block, minutes in zip(
        agenda.blocks(workshop_id), (26, 18, 30, 15, 50, 58, 40, 55, 45, 15, 28), strict=True
    ):
        agenda.start(workshop_id, block["id"], at)
        at += timedelta(minutes=minutes)
    agenda.finish(workshop_id, at)


def _optimisation(workshop_id: int, by_name: dict[str, int]) -> None:
    """Step 5: four quarters of a customer survey (5,300 answers of 560 respondents, imported
    as a survey tool writes them for German Excel) and the hotline's post-call survey as
    pre-aggregated rows; the metrics' targets; where two KPIs take their values from, the others
    entered per quarter; two changes of a target with their reasons; five obstacles."""
    for name in ("measurements.csv", "hotline_survey.csv"):
        plan = plan_measurements(workshop_id, (DEMO_DIR / name).read_bytes())
        if plan.rejected or plan.unmatched:
            raise RuntimeError(f"demo {name}: {plan.rejected[:3]} {plan.unmatched}")
        import_measurements(workshop_id, plan)
    metric_ids = {m["name"]: m["id"] for m in barometer.metrics(workshop_id)}
    weights = {}
    for m in _read("barometer.csv"):
        barometer.set_target(workshop_id, metric_ids[m["metric"]], float(m["target"]))
        weights[metric_ids[m["metric"]]] = float(m["weight"])
    barometer.set_weights(workshop_id, weights)
    kpi_ids = {k["name"]: k["id"] for k in kpis.kpis(workshop_id)}
    for s in _read("kpi_sources.csv"):
        success.set_source(workshop_id, kpi_ids[s["kpi"]], metric_ids[s["metric"]],
                           by_name.get(s["touchpoint"]), s["reading"])  # fmt: skip
    for v in _read("kpi_values.csv"):
        success.set_kpi_value(
            workshop_id, kpi_ids[v["kpi"]], v["period"], float(v["value"]), v["note"]
        )
    for c in _read("kpi_targets.csv"):
        with store.transaction() as db:  # the target as it stood before the board changed it
            db.execute(
                "UPDATE kpis SET target = ? WHERE id = ?", [float(c["old"]), kpi_ids[c["kpi"]]]
            )
        success.change_target(workshop_id, kpi_ids[c["kpi"]], float(c["target"]), c["reason"],
                              on=c["changed_on"])  # fmt: skip
    measures = {m["title"]: m["id"] for m in priorities.candidates(workshop_id)}
    for o in _read("obstacles.csv"):
        made = obstacles.OBSTACLES.save(workshop_id, {
            **o, "touchpoint_id": by_name.get(o["touchpoint"]), "measure_id": measures.get(o["measure"])})  # fmt: skip
        if o["to_idea"] == "yes":
            obstacles.to_idea(workshop_id, made)


def _organisation(src: DemoFiles, workshop_id: int, by_name: dict[str, int]) -> None:
    """Step 3: the advisory board, communication, trainings, empowerment, target agreements
    and three worksheets with their first ideas (two already candidate measures)."""
    for m in src.read("board.csv"):
        organisation.save_member(workshop_id, m["name"], role=m["role"],
                                 department=m["department"], responsibility=m["responsibility"])  # fmt: skip
    meta = src.read("organisation.csv")[0]
    organisation.save_charter(workshop_id, meta["charter"], meta["rhythm"], meta["next_meeting"])
    for c in src.read("communication.csv"):
        organisation.COMMUNICATION.save(workshop_id, c)
    for tr in src.read("trainings.csv"):
        organisation.TRAININGS.save(
            workshop_id,
            {**tr, "touchpoint_id": by_name.get(tr["touchpoint"]), "people": int(tr["people"])},
        )
    for e in src.read("empowerment.csv"):
        organisation.EMPOWERMENT.save(
            workshop_id, {"touchpoint_id": by_name[e["touchpoint"]], "decision": e["decision"],
                          "up_to": float(e["up_to"]) if e["up_to"] else None},
        )  # fmt: skip
    kpi_ids = {k["name"]: k["id"] for k in kpis.kpis(workshop_id)}
    for a in src.read("agreements.csv"):
        organisation.AGREEMENTS.save(
            workshop_id, {**a, "kpi_id": kpi_ids[a["kpi"]], "target": float(a["target"])}
        )
    for sh in src.read("worksheets.csv"):
        worksheets.save(
            workshop_id, by_name[sh["touchpoint"]], owner=sh["owner"], ist=sh["ist"],
            soll=sh["soll"], experiences=sh["experiences"], by=sh["by"], version=0,
        )  # fmt: skip
    for idea in src.read("worksheet_ideas.csv"):
        made = worksheets.add_idea(workshop_id, by_name[idea["touchpoint"]], idea["text"])
        if idea["measure"] == "yes":
            worksheets.to_measure(workshop_id, made)


def ensure_demo_on_first_start() -> int | None:
    """Load the demo once per database (never again, even if it is deleted); returns its id.

    ``CEMWORKSHOP_NO_DEMO=1`` starts empty.
    """
    if os.environ.get("CEMWORKSHOP_NO_DEMO") == "1":
        return None
    key = str(store.db_path())
    if key in _settled:
        return None  # app.py calls this on every run; the answer does not change
    if workshops.get_setting(SETTING):
        _settled.add(key)
        return None
    with store.transaction() as db:
        claimed = db.execute(
            "INSERT OR IGNORE INTO settings (key, value) VALUES (?, 'claimed')", [SETTING]
        ).rowcount
    if not claimed:
        return None  # another session is loading it right now
    workshop_id = load_demo()
    workshops.set_setting(SETTING, str(workshop_id))
    _settled.add(key)
    return workshop_id
