"""The benchmark's large workshop, seeded and reproducible, built through the app's own functions.

    python -m tests.bench.large_workshop /tmp/large.db

300 touchpoints in 6 phases, 500 journey edges, 100 participants, 60,000 scores over 3 rounds
(each round: 100 touchpoints × 100 participants × importance and performance); steps 2 and 3
at full size (300 ideas and a dot vote, 3,000 feedback rows; board, plans, 120 target
agreements, a gap round, 100 long worksheets); step 4 with 60 candidates rated by everyone,
30 measures in the plan, 200 ideas, 600 complaints over a year; step 5 with 100,000 survey
answers of 5,000 respondents over four quarters (20 per respondent: 19 touchpoints and the
recommendation), aggregated rows, KPI values and target changes, 100 obstacles. Rounds 1 and 2
are closed and revealed; round 3 is open with visible results, the heaviest state a page meets.
"""

from __future__ import annotations

import os
import random
import sys
from dataclasses import dataclass
from pathlib import Path

TOUCHPOINTS = 300
PHASES = 6
EDGES = 500
PARTICIPANTS = 100
ROUNDS = 3
PER_ROUND = 100  # touchpoints per round: 100 × 100 people × 2 dimensions = 20,000 scores


@dataclass
class Large:
    workshop_id: int
    facilitator_token: str
    participant_tokens: list[str]
    open_round_id: int


def _strategy(workshop_id: int, joined, rng) -> None:
    """The strategy frame at full size: the five rules rated by everyone, 12 own goals, the
    texts at their longest, 40 KPIs."""
    from cemworkshop import kpis, strategy
    from cemworkshop.rounds import lifecycle
    from cemworkshop.rounds.five_rules import DIMENSION
    from cemworkshop.rounds.five_rules import KIND as FIVE_RULES

    rid = lifecycle.open_round(workshop_id, FIVE_RULES.name, title="Die 5 Regeln")
    items = [it["item_id"] for it in FIVE_RULES.items(rid)]
    for person in joined:
        answers = {item: {DIMENSION: rng.randint(1, 5)} for item in items}
        lifecycle.submit(rid, person.participant_id, answers)
    lifecycle.close_round(workshop_id, rid)
    for i in range(12):
        strategy.add_goal(workshop_id, f"Eigenes Ziel {i:02d}")
    strategy.save_texts(workshop_id, **{k: "Langer Strategietext. " * 45 for k in strategy.TEXTS})
    for i in range(40):
        kpis.save_kpi(
            workshop_id, f"Kennzahl {i:02d}", definition="Definition " * 40, unit="%",
            direction=rng.choice(kpis.DIRECTIONS), baseline=rng.uniform(0, 100),
            target=rng.uniform(0, 100), target_date="2027-12-31", source="CRM", owner="Leitung",
        )  # fmt: skip


def _development(workshop_id: int, joined, tps: list[int], rng) -> None:
    """Step 2 at full size: 300 ideas on 30 touchpoints from 100 people, a closed dot vote
    (5 dots each), 20 prioritised touchpoints with every criterion, 3,000 feedback rows."""
    from cemworkshop import ideas, innovation, touchpoints, voice
    from cemworkshop.exchange.feedback import import_feedback, plan_feedback
    from cemworkshop.rounds import lifecycle
    from cemworkshop.rounds.dot_vote import KIND as DOT_VOTE
    from cemworkshop.rounds.ideas_round import KIND as IDEAS

    chosen = tps[:30]
    rid = lifecycle.open_round(workshop_id, IDEAS.name, title="Ideen", touchpoint_ids=chosen)
    items = [it["item_id"] for it in IDEAS.items(rid)]
    for i in range(300):
        person = joined[i % len(joined)].participant_id
        lifecycle.submit(
            rid, person, {items[i % len(items)]: {"idea": f"Idee {i:03d} für mehr Begeisterung"}}
        )
    vote = ideas.start_vote(workshop_id, rid, budget=5, cap=3, title="Punkte")
    subjects = [s["item_id"] for s in DOT_VOTE.items(vote)]
    for person in joined:
        picks = rng.sample(subjects, 3)
        lifecycle.submit(vote, person.participant_id,
                         {picks[0]: {"dots": 3}, picks[1]: {"dots": 1}, picks[2]: {"dots": 1}})  # fmt: skip
    lifecycle.close_round(workshop_id, vote)
    lifecycle.reveal_round(workshop_id, vote)
    ideas.to_measures(workshop_id, vote, top=20)
    innovation.choose(workshop_id, tps[:20])
    innovation.set_scores(
        workshop_id,
        {(tp, c): rng.randint(2, 10) / 2 for tp in tps[:20] for c in innovation.CRITERIA},
    )
    names = {t["id"]: t["name"] for t in touchpoints.touchpoints(workshop_id)}
    for part in range(2):  # an import takes at most 2,000 rows: two files of 1,500
        lines = ["Datum;Kanal;Touchpoint;Text;Bewertung"]
        for i in range(part * 1500, (part + 1) * 1500):
            lines.append(f"{1 + i % 28:02d}.{1 + i % 12:02d}.2026;Kanal {i % 7};{names[tps[i % 60]]};"
                         f"Feedback Nummer {i} zum Erlebnis;{1 + i % 5}")  # fmt: skip
        import_feedback(workshop_id, plan_feedback(workshop_id, "\n".join(lines).encode("utf-8")))
    for c in range(7):
        voice.save_plan(workshop_id, f"Kanal {c}", owner="CX-Team", frequency="monatlich")


def _organisation(workshop_id: int, joined, tps: list[int], rng) -> None:
    """Step 3 at full size: 30 board members, 60 communication items, 60 trainings, 150
    empowerment lines, 120 target agreements on the 40 KPIs, a closed gap round (20
    touchpoints × 100 people), 100 worksheets with long texts and three ideas each."""
    from cemworkshop import kpis, organisation, worksheets
    from cemworkshop.rounds import lifecycle
    from cemworkshop.rounds.expectation_gap import KIND as GAP

    for i in range(30):
        organisation.save_member(workshop_id, f"Mitglied {i:02d}", role="CEO" if i == 0 else "Leitung",
                                 department="Bereich", responsibility="Verantwortung " * 8)  # fmt: skip
    organisation.save_charter(workshop_id, "Auftrag des Boards. " * 100, "monthly", "2027-01-14")
    for i in range(60):
        organisation.COMMUNICATION.save(workshop_id, {
            "audience": f"Zielgruppe {i:02d}", "message": "Botschaft " * 30, "channel": "Intranet",
            "owner": "Leitung", "due_on": f"2027-{1 + i % 12:02d}-15", "status": "planned"})  # fmt: skip
        organisation.TRAININGS.save(workshop_id, {
            "course": f"Schulung {i:02d}", "audience": "Team", "touchpoint_id": tps[i],
            "format": "online", "held_on": f"2027-{1 + i % 12:02d}-10", "people": 12,
            "status": "planned"})  # fmt: skip
    for i in range(150):
        organisation.EMPOWERMENT.save(workshop_id, {
            "touchpoint_id": tps[i % 100], "decision": f"Entscheidung {i:03d}", "up_to": 100.0})  # fmt: skip
    ids = [k["id"] for k in kpis.kpis(workshop_id)]
    for i in range(120):
        organisation.AGREEMENTS.save(workshop_id, {
            "holder": f"Team {i % 25:02d}", "kpi_id": ids[i % len(ids)], "target": 50.0,
            "due_on": "2027-12-31", "status": "agreed"})  # fmt: skip
    chosen = tps[:20]
    rid = lifecycle.open_round(
        workshop_id, GAP.name, title="Erwartungsabgleich", touchpoint_ids=chosen
    )
    items = GAP.item_ids(rid)
    for person in joined:
        lifecycle.submit(rid, person.participant_id, {
            items[tp]: {"expectation": rng.randint(3, 5), "experience": rng.randint(1, 5)}
            for tp in chosen})  # fmt: skip
    lifecycle.close_round(workshop_id, rid)
    lifecycle.reveal_round(workshop_id, rid)
    for tp in tps[:100]:
        worksheets.save(workshop_id, tp, owner="Team", ist="Heute. " * 300, soll="Künftig. " * 300,
                        experiences="Erfahrung. " * 200, by="Bench", version=0)  # fmt: skip
        for n in range(3):
            worksheets.add_idea(workshop_id, tp, f"Idee {n} für Touchpoint {tp}")


def _implementation(workshop_id: int, joined, tps: list[int], rng) -> None:
    """Step 4 at full size: 40 more candidates (60 with the vote's 20), all rated for impact
    and effort by 100 people (a tenth "can't say"), 3 overrides, 30 measures in the plan."""
    from cemworkshop import priorities
    from cemworkshop.rounds import lifecycle
    from cemworkshop.rounds.impact_effort import KIND as IMPACT_EFFORT
    from cemworkshop.rounds.rating import SKIP

    for i in range(40):
        priorities.add_candidate(workshop_id, f"Maßnahme {i:02d} für ein besseres Erlebnis",
                                 touchpoint_id=tps[i], confidence=rng.choice([50, 80, 100]))  # fmt: skip
    ids = [m["id"] for m in priorities.candidates(workshop_id)]
    rid = lifecycle.open_round(workshop_id, IMPACT_EFFORT.name, title="Wirkung", measure_ids=ids)
    items = IMPACT_EFFORT.item_ids(rid)
    for person in joined:
        lifecycle.submit(rid, person.participant_id, {
            items[m]: {d: SKIP if rng.random() < 0.1 else rng.randint(1, 5) for d in ("impact", "effort")}
            for m in ids})  # fmt: skip
    lifecycle.close_round(workshop_id, rid)
    for m in ids[:3]:
        priorities.set_override(workshop_id, m, "effort", 4, "Schnittstelle nötig")
    priorities.select(workshop_id, ids[:30])
    for n, p in enumerate(priorities.plan(workshop_id)):
        priorities.PLAN.save(workshop_id, {
            "soll": "Ziel " * 40, "start_on": f"2027-{1 + n % 12:02d}-01",
            "due_on": f"2027-{1 + n % 12:02d}-28", "owner": f"Person {n % 7}", "owner_role": "Leitung",
            "budget": 1000.0 * n, "status": "in_progress", "percent_done": n * 3},
            record_id=p["id"])  # fmt: skip


def _continuous_cem(workshop_id: int, tps: list[int], rng) -> None:
    """Continuous CEM at full size: 200 ideas along the pipeline, 600 complaints over a year
    (every step stamped, a third still open), customers per month, 10 reward programmes."""
    from datetime import datetime, timedelta

    from cemworkshop import complaints, continuous

    for i in range(200):
        idea = continuous.add_idea(workshop_id, f"Idee {i:03d} aus dem Alltag am Touchpoint",
                                   touchpoint_id=tps[i % 50], source=rng.choice(continuous.SOURCES))  # fmt: skip
        status = rng.choice(continuous.PIPELINE)
        continuous.move_idea(
            workshop_id, idea, status, reason="Zu teuer" if status == "rejected" else ""
        )
    start = datetime(2025, 12, 1, 8, 0)
    for i in range(600):
        received = start + timedelta(hours=i * 14 + rng.randint(0, 9))
        cid = complaints.log(workshop_id, received_at=received, channel=rng.choice(["Telefon", "E-Mail"]),
                             touchpoint_id=tps[rng.randint(0, 29)], cause=f"Ursache {rng.randint(1, 12)}",
                             severity=rng.randint(1, 3), description="Beschwerde " * 10, owner="Team")  # fmt: skip
        steps = complaints.STEPS[1 : rng.randint(1, 5) if i % 3 == 0 else 5]
        when = received
        for step in steps:
            when += timedelta(hours=rng.randint(2, 120))
            complaints.advance(workshop_id, cid, step, at=when)
    for m in range(1, 13):
        complaints.set_customers(workshop_id, f"2026-{m:02d}", 12000 + 100 * m)
    for i in range(10):
        continuous.REWARDS.save(
            workshop_id, {"programme": f"Programm {i}", "cost": 1000.0 * i, "status": "planned"}
        )


RESPONDENTS = 5_000
MEASURED = 19  # touchpoints each respondent rates (CSAT), besides the recommendation (NPS)


def _optimisation(workshop_id: int, tps: list[int], rng) -> None:
    """Step 5 at full size: 100,000 answers (5,000 respondents × 19 touchpoints + NPS) over four
    quarters, 40 aggregated rows, KPI values per quarter with two target changes, 100 obstacles."""
    from cemworkshop import barometer, kpis, obstacles, success

    ids = {m["code"]: m["id"] for m in barometer.metrics(workshop_id)}
    measured = tps[:MEASURED]
    quarters = [("2026-01-", 0), ("2026-04-", 1), ("2026-07-", 2), ("2026-10-", 3)]
    rows = []
    for r in range(RESPONDENTS):
        prefix, q = quarters[r * len(quarters) // RESPONDENTS]
        day = f"{prefix}{1 + r % 28:02d}"
        total = 0
        for i, tp in enumerate(measured):
            v = max(1, min(5, round(rng.gauss(3.2 + 0.1 * q + (i % 5) * 0.1, 1.0))))
            total += v
            rows.append({"metric_id": ids["csat"], "touchpoint_id": tp, "answered_on": day,
                         "respondent": f"B{r:05d}", "channel": "E-Mail", "value": v})  # fmt: skip
        nps = max(0, min(10, round(total / MEASURED * 2.2 + rng.gauss(0, 1.2))))
        rows.append({"metric_id": ids["nps"], "touchpoint_id": None, "answered_on": day,
                     "respondent": f"B{r:05d}", "channel": "E-Mail", "value": nps})  # fmt: skip
    for start in range(0, len(rows), 10_000):
        barometer.add_responses(workshop_id, rows[start : start + 10_000])
    for i in range(40):
        barometer.add_aggregate(
            workshop_id, metric_id=ids["ces"], touchpoint_id=tps[20 + i % 10],
            period_on=f"2026-{1 + 3 * (i // 10):02d}-01", n=200 + i, mean=4 + (i % 7) * 0.2,
            sd=1.1, top_share=40 + i % 20, source="Telefonanlage",
        )  # fmt: skip
    found = kpis.kpis(workshop_id)
    success.set_source(workshop_id, found[0]["id"], ids["nps"], None)
    for k in found[1:]:
        for q in range(1, 5):
            success.set_kpi_value(workshop_id, k["id"], f"2026-Q{q}", 50 + rng.uniform(-10, 10))
        success.change_target(workshop_id, k["id"], 60, "Beirat: neues Ziel", on="2026-07-01")
    for i in range(100):
        obstacles.OBSTACLES.save(workshop_id, {
            "description": f"Hindernis {i:03d}: " + "Abstimmung fehlt zwischen den Abteilungen. " * 3,
            "link": obstacles.LINKS[i % 3], "touchpoint_id": tps[i % 40], "owner": "Team",
            "status": obstacles.STATUSES[i % 3], "raised_on": f"2026-{1 + i % 11:02d}-15"})  # fmt: skip


def _day(workshop_id: int) -> None:
    """The two-day Advisory Board training as the agenda, its first five blocks run, the sixth
    running now."""
    from datetime import datetime, timedelta

    from cemworkshop import agenda

    agenda.load_format(workshop_id, "board_training", "de")
    at = datetime.now() - timedelta(hours=5)
    for block in agenda.blocks(workshop_id)[:6]:
        agenda.start(workshop_id, block["id"], at)
        at += timedelta(minutes=block["minutes"] + 3)


def build(path: Path | str, seed: int = 20261123) -> Large:
    """Create the large workshop in a fresh database file at ``path``."""
    os.environ["CEMWORKSHOP_DB"] = str(path)
    from cemworkshop import journey, store, touchpoints, workshops
    from cemworkshop.rounds import lifecycle
    from cemworkshop.rounds.touchpoint_scoring import KIND as TOUCHPOINT_SCORING

    store.close_thread_connections()
    rng = random.Random(seed)
    ws = workshops.create_workshop("Benchmark Kick-off", company="Groß AG", language="de")
    for name in ("Loyalität", "Empfehlung", "Rückgewinnung"):
        touchpoints.add_phase(ws.id, name)
    phases = touchpoints.phases(ws.id)
    assert len(phases) == PHASES
    tps = [
        touchpoints.add_touchpoint(
            ws.id,
            f"Touchpoint {i:03d}",
            phase_id=phases[i * PHASES // TOUCHPOINTS]["id"],
            channel=rng.choice(["Online", "Telefon", "Filiale", "E-Mail", "App"]),
            department=rng.choice(["Vertrieb", "Service", "Marketing", "Logistik"]),
            is_direct=rng.random() < 0.8,
            customer_preferred=rng.random() < 0.6,
            company_served=rng.random() < 0.8,
        )
        for i in range(TOUCHPOINTS)
    ]
    pairs = set()
    while len(pairs) < EDGES:
        a, b = sorted(rng.sample(range(TOUCHPOINTS), 2))
        pairs.add((tps[a], tps[b]))
    for a, b in sorted(pairs):
        journey.add_edge(ws.id, a, b)
    joined = [workshops.join(ws.join_code, f"Person {i:03d}") for i in range(PARTICIPANTS)]
    _strategy(ws.id, joined, rng)
    _development(ws.id, joined, tps, rng)
    _organisation(ws.id, joined, tps, rng)
    _implementation(ws.id, joined, tps, rng)
    _continuous_cem(ws.id, tps, rng)
    _optimisation(ws.id, tps, rng)
    _day(ws.id)
    truth = {tp: (rng.uniform(1.5, 5), rng.uniform(1.5, 5)) for tp in tps}
    open_round = 0
    for r in range(ROUNDS):
        chosen = rng.sample(tps, PER_ROUND)
        rid = lifecycle.open_round(
            ws.id, TOUCHPOINT_SCORING.name, touchpoint_ids=chosen, title=f"Runde {r + 1}"
        )
        items = TOUCHPOINT_SCORING.item_ids(rid)
        for person in joined:
            given = {
                items[tp]: {
                    "importance": max(1, min(5, round(rng.gauss(truth[tp][0], 0.8)))),
                    "performance": max(1, min(5, round(rng.gauss(truth[tp][1], 0.9)))),
                }
                for tp in chosen
            }
            lifecycle.submit(rid, person.participant_id, given)
        if r < ROUNDS - 1:
            lifecycle.reveal_round(ws.id, rid)
            lifecycle.close_round(ws.id, rid)
        else:
            open_round = rid
    # + the five rules, + the gap round (20 touchpoints × 2); the impact–effort round's
    # ratings are counted apart (a tenth are "can't say", kept as skips)
    expected = ROUNDS * PER_ROUND * PARTICIPANTS * 2 + PARTICIPANTS * 5 + PARTICIPANTS * 40
    expected += store.value(
        "SELECT count(*) FROM scores s JOIN round_items i ON i.id = s.round_item_id"
        " JOIN rounds r ON r.id = i.round_id WHERE r.kind = 'impact_effort'"
    )
    assert store.value("SELECT count(*) FROM scores") == expected
    return Large(ws.id, ws.facilitator_token, [j.token for j in joined], open_round)


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "large.db")
    if target.exists():
        sys.exit(f"{target} exists; give a new file")
    made = build(target)
    print(f"large workshop {made.workshop_id} in {target}")
