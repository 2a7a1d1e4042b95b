"""The benchmark's large workshop, seeded and reproducible, built through the app's own functions.

    python -m tests.bench.large_workshop /tmp/large.db      # builds it and prints rows per table

Every table a workshop has holds rows (all but ``settings`` and ``pin_attempts``, which belong
to no workshop), at these sizes:

- **Step 1:** 300 touchpoints in 6 phases, 500 journey edges, 100 participants; 60,000 scores
  over 3 scoring rounds (each: 100 touchpoints × 100 participants × importance and
  performance); 10 segments, 30 personas using 12 touchpoints each, 16 feedback sources; the
  own company and 9 competitors on 30 criteria (300 benchmark scores) and a live benchmark round
  (5,000 scores); 20 profitability ("Return on Nothing") scenarios; the five rules rated by
  everyone, 12 own goals, 40 KPIs.
- **Step 2:** 2,000 ideas on 100 touchpoints (100 merged groups of three, 20 hidden) and
  10 dot votes on them with 10,000 dots (budget 10 each, the app's limit is 12: every person
  gives one dot to 10 ideas per vote); an innovation check of 20 touchpoints and its live
  round (4,000 scores); 3,000 feedback rows, the VoC plan.
- **Step 3:** 30 board members, 60 communication items, 60 trainings, 150 empowerment lines,
  120 target agreements, a gap round (20 touchpoints × 100 people), 100 long worksheets with
  300 ideas.
- **Step 4:** 600 candidate measures (from the vote, the worksheets, the ideas database and by
  hand), 200 rated for impact and effort by everyone (a tenth "can't say"), 500 measures in the
  action plan; 240 ideas in the database (20 sent from phones, 20 from obstacles); 5,000
  complaints over a year (1,000 imported as a ticket system writes them, 4,000 logged and moved
  step by step, 200 linked to a measure), customers for 13 months, 10 reward programmes.
- **Step 5:** 100,000 survey answers (measurements) of 5,000 respondents over four quarters
  (20 each: 19 touchpoints and the recommendation), 60 aggregated rows, an own metric,
  targets and weights, KPI values and target changes, 100 obstacles; the two-day Advisory
  Board training as the agenda, a block running.

Rounds 1 and 2 of the scoring are closed and revealed; round 3 is open with visible results
(80 of 100 people said "I'm done"), the heaviest state a page meets. A facilitator link and
PIN were made anew and two devices logged in with the PIN.
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
IDEAS = 2_000
IDEA_TOUCHPOINTS = 100
GROUPS = 100  # merged groups of three ideas each
VOTES = 10
DOTS = 10  # per person and vote: 10 votes × 100 people × 10 = 10,000 dots
CANDIDATES = 600
RATED = 200  # candidates in the impact–effort round
PLANNED = 500  # measures in the action plan
COMPLAINTS = 5_000
IMPORTED_COMPLAINTS = 1_000  # of them through the CSV import (one import takes 2,000 rows)
RESPONDENTS = 5_000
MEASURED = 19  # touchpoints each respondent rates (CSAT), besides the recommendation (NPS)
READY = 80  # people who said "I'm done" in the open round


@dataclass
class Large:
    workshop_id: int
    facilitator_token: str
    participant_tokens: list[str]
    open_round_id: int


def _definition(workshop_id: int, joined, tps: list[int], rng) -> None:
    """Step 1 besides the touchpoints: promises, 10 segments, 30 personas, the feedback
    sources, the benchmark with 9 competitors on 30 criteria and its live round (each person
    scores the 10 companies on 5 criteria), 20 profitability scenarios."""
    from cemworkshop import competitors, customers, profitability, workshops
    from cemworkshop.rounds import lifecycle
    from cemworkshop.rounds.competitor_scoring import KIND as COMPETITOR_SCORING

    workshops.set_promises(workshop_id, "Ein Versprechen, das wir halten. " * 20,
                           "Wir sind erreichbar, pünktlich und freundlich. " * 15)  # fmt: skip
    shares = (18, 15, 12, 11, 10, 9, 8, 7, 5, 5)
    segments = [
        customers.save_segment(
            workshop_id,
            f"Segment {i:02d}",
            share_pct=share,
            value_per_year=500 + 150 * i,
            description="Beschreibung des Segments. " * 10,
            needs="Bedürfnis, " * 40,
        )  # fmt: skip
        for i, share in enumerate(shares)
    ]
    for i in range(30):
        customers.save_persona(
            workshop_id, f"Persona {i:02d}", segment_id=segments[i % len(segments)],
            goals="Ziel der Persona. " * 20, frustrations="Frust der Persona. " * 20,
            touchpoint_ids=rng.sample(tps, 12),
        )  # fmt: skip
    customers.add_typical_sources(workshop_id, "de")
    for i in range(8):
        customers.set_source(workshop_id, f"Quelle {i}", available=i % 3 != 0,
                             note="Im CRM, monatlich ausgewertet")  # fmt: skip
    own = competitors.own_company(workshop_id)
    companies = [own] + [
        competitors.add_competitor(workshop_id, f"Wettbewerber {i}") for i in range(9)
    ]
    criteria = [competitors.add_criterion(workshop_id, f"Kriterium {i:02d}") for i in range(30)]
    competitors.set_scores(
        workshop_id, {(c, s): rng.randint(2, 10) / 2 for c in criteria for s in companies}
    )
    rid = lifecycle.open_round(workshop_id, COMPETITOR_SCORING.name, title="Benchmark live")
    cells: dict[int, list[int]] = {}
    for it in COMPETITOR_SCORING.items(rid):
        cells.setdefault(it["criterion_id"], []).append(it["item_id"])
    for person in joined:
        lifecycle.submit(rid, person.participant_id, {
            item: {"performance": rng.randint(1, 5)}
            for crit in rng.sample(criteria, 5) for item in cells[crit]})  # fmt: skip
    lifecycle.close_round(workshop_id, rid)
    lifecycle.reveal_round(workshop_id, rid)
    for i in range(20):
        inputs = profitability.check_inputs(
            customers=5000 + 500 * i, revenue_per_customer=800 + 50 * i, margin_pct=20 + i % 10,
            churn_pct=10 + i % 8, churn_drift_pts=i % 4, referral_pct=3 + i % 5,
            investment=100_000 + 20_000 * i, churn_reduction_pct=20 + i % 30, years=3 + i % 6,
            discount_pct=i % 8, acquisition_cost=100 * (i % 5),
        )  # fmt: skip
        profitability.save_scenario(workshop_id, f"Szenario {i:02d}", inputs)


def _strategy(workshop_id: int, joined, rng) -> None:
    """The strategy frame at full size: the five rules rated by everyone, 12 own goals (three
    of the goals marked top), the texts at their longest, 40 KPIs."""
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
    for goal in strategy.goals(workshop_id)[:3]:
        strategy.set_top(workshop_id, goal["id"], True)
    strategy.save_texts(workshop_id, **{k: "Langer Strategietext. " * 45 for k in strategy.TEXTS})
    for i in range(40):
        kpis.save_kpi(
            workshop_id, f"Kennzahl {i:02d}", definition="Definition " * 40, unit="%",
            direction=rng.choice(kpis.DIRECTIONS), baseline=rng.uniform(0, 100),
            target=rng.uniform(0, 100), target_date="2027-12-31", source="CRM", owner="Leitung",
        )  # fmt: skip


_WHAT = ("Rückruf", "Willkommensgruß", "Erster Kaffee", "Überraschung", "Terminerinnerung",
         "Persönliche Beratung", "Video-Anleitung", "Dankeschön-Karte", "Live-Verfolgung",
         "Express-Service", "Probelauf", "Geburtstagsgruß", "Kostenloses Upgrade", "Gutschein",
         "Einweisung", "Nachfrage", "Hotline-Rückruf", "Chat mit Fachleuten", "Treueprämie",
         "Zweitmeinung")  # fmt: skip
_WHERE = ("am Telefon", "per SMS", "in der App", "im Studio", "bei der Lieferung",
          "nach dem Kauf", "vor dem Termin", "am Wochenende", "in der Filiale", "per E-Mail")  # fmt: skip
_HOW = ("mit Namen", "innerhalb von zwei Stunden", "ohne Wartezeit", "für Stammkunden",
        "mit kleinem Geschenk", "mit Lösungsvorschlag", "von der Chefin persönlich", "mit Foto",
        "kostenlos", "zum Mitnehmen")  # fmt: skip


def _idea_text(rng) -> str:
    """An idea as people write them: 2,000 combinations, so some come twice, many look alike."""
    return f"{rng.choice(_WHAT)} {rng.choice(_WHERE)} {rng.choice(_HOW)}"


def _development(workshop_id: int, joined, tps: list[int], rng) -> None:
    """Step 2 at full size: 2,000 ideas on 100 touchpoints from 100 people (100 groups of three
    merged, 20 hidden), 10 closed dot votes with 10 dots per person each (some ideas are
    popular), the last vote's top 50 as candidate measures; 20 prioritised touchpoints with
    potential and every criterion, an innovation check round (10 touchpoints × 4 criteria ×
    100 people); 3,000 feedback rows in two imports, the VoC plan."""
    from cemworkshop import ideas, innovation, touchpoints, voice
    from cemworkshop.exchange.feedback import import_feedback, plan_feedback
    from cemworkshop.rounds import lifecycle
    from cemworkshop.rounds.dot_vote import KIND as DOT_VOTE
    from cemworkshop.rounds.ideas_round import KIND as IDEAS_ROUND
    from cemworkshop.rounds.innovation_check import DIMENSION as FIT
    from cemworkshop.rounds.innovation_check import KIND as INNOVATION_CHECK

    chosen = tps[:IDEA_TOUCHPOINTS]
    rid = lifecycle.open_round(workshop_id, IDEAS_ROUND.name, title="Ideen", touchpoint_ids=chosen)
    items = [it["item_id"] for it in IDEAS_ROUND.items(rid)]
    for i in range(IDEAS):
        person = joined[i % len(joined)].participant_id
        lifecycle.submit(rid, person, {items[i % len(items)]: {"idea": _idea_text(rng)}})
    posted = ideas.visible(rid)
    for g in range(GROUPS):  # ideas g, g + 100, g + 200: the same touchpoint
        members = [posted[g + k * len(items)]["id"] for k in range(3)]
        ideas.merge(workshop_id, rid, members, f"Gruppe {g:03d}: {posted[g]['text']}")
    for idea in posted[1000:1020]:
        ideas.hide(workshop_id, idea["id"])
    popularity = None
    for v in range(VOTES):
        vote = ideas.start_vote(workshop_id, rid, budget=DOTS, cap=3, title=f"Punkte {v + 1}")
        subjects = [s["item_id"] for s in DOT_VOTE.items(vote)]
        if popularity is None:  # the same ideas stay popular from vote to vote
            ranks = list(range(len(subjects)))
            rng.shuffle(ranks)
            total, popularity = 0.0, []
            for r in ranks:
                total += 1 / (1 + r / 20)
                popularity.append(total)
        for person in joined:
            picks: set[int] = set()
            while len(picks) < DOTS:
                picks.update(rng.choices(subjects, cum_weights=popularity, k=DOTS - len(picks)))
            lifecycle.submit(vote, person.participant_id, {p: {"dots": 1} for p in picks})
        lifecycle.close_round(workshop_id, vote)
        lifecycle.reveal_round(workshop_id, vote)
    ideas.to_measures(workshop_id, vote, top=50)
    innovation.choose(workshop_id, tps[:20])
    innovation.set_scores(
        workshop_id,
        {(tp, c): rng.randint(2, 10) / 2 for tp in tps[:20] for c in innovation.CRITERIA},
    )
    for tp in tps[:20]:
        innovation.set_potential(workshop_id, tp, offer_depth=rng.randint(1, 5),
                                 event_depth=rng.randint(1, 5), brand_promise=rng.choice(innovation.PROMISE))  # fmt: skip
    rid = lifecycle.open_round(workshop_id, INNOVATION_CHECK.name, title="Innovationscheck",
                               touchpoint_ids=tps[:10], criteria=innovation.CRITERIA[:4])  # fmt: skip
    checked = [it["item_id"] for it in INNOVATION_CHECK.items(rid)]
    for person in joined:
        lifecycle.submit(rid, person.participant_id, {i: {FIT: rng.randint(1, 5)} for i in checked})
    lifecycle.close_round(workshop_id, rid)
    lifecycle.reveal_round(workshop_id, rid)
    names = {t["id"]: t["name"] for t in touchpoints.touchpoints(workshop_id)}
    for part in range(2):  # an import takes at most 2,000 rows: two files of 1,500
        lines = ["Datum;Kanal;Touchpoint;Text;Bewertung;Quelle"]
        for i in range(part * 1500, (part + 1) * 1500):
            lines.append(f"{1 + i % 28:02d}.{1 + i % 12:02d}.2026;Kanal {i % 7};{names[tps[i % 60]]};"
                         f"Feedback Nummer {i} zum Erlebnis;{1 + i % 5};Quelle {i % 8}")  # fmt: skip
        import_feedback(workshop_id, plan_feedback(workshop_id, "\n".join(lines).encode("utf-8")))
    for c in range(7):
        voice.save_plan(workshop_id, f"Kanal {c}", owner="CX-Team", frequency="monatlich",
                        next_step="Ergebnisse in der Teamrunde besprechen")  # fmt: skip


def _organisation(workshop_id: int, joined, tps: list[int], rng) -> None:
    """Step 3 at full size: 30 board members, 60 communication items, 60 trainings, 150
    empowerment lines, 120 target agreements on the 40 KPIs, a closed gap round (20
    touchpoints × 100 people), 100 worksheets with long texts and three ideas each (the first
    of each a candidate measure)."""
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
        made = [
            worksheets.add_idea(workshop_id, tp, f"Idee {n} für Touchpoint {tp}") for n in range(3)
        ]
        worksheets.to_measure(workshop_id, made[0])


def _ideas_database(workshop_id: int, joined, tps: list[int], rng) -> None:
    """The ideas database: 200 ideas along the pipeline, 20 more sent from phones while the
    facilitator allowed it, 50 taken over as candidate measures; 10 reward programmes."""
    from cemworkshop import continuous, kpis

    made = []
    for i in range(200):
        idea = continuous.add_idea(workshop_id, f"Idee {i:03d} aus dem Alltag am Touchpoint",
                                   touchpoint_id=tps[i % 50], source=rng.choice(continuous.SOURCES),
                                   programme=rng.choice(continuous.PROGRAMMES), submitter=f"Person {i % 40}")  # fmt: skip
        status = rng.choice(continuous.PIPELINE)
        continuous.move_idea(
            workshop_id, idea, status, reason="Zu teuer" if status == "rejected" else ""
        )
        if status != "rejected":
            made.append(idea)
    continuous.allow_phone_ideas(workshop_id, True)
    for i, person in enumerate(joined[:20]):
        continuous.phone_idea(workshop_id, person.participant_id, f"Person {i:03d}",
                              f"Idee vom Handy {i:02d}: schneller zurückrufen", touchpoint_id=tps[i])  # fmt: skip
    continuous.allow_phone_ideas(workshop_id, False)
    for idea in made[:50]:
        continuous.to_measure(workshop_id, idea)
    ids = [k["id"] for k in kpis.kpis(workshop_id)]
    for i in range(10):
        continuous.REWARDS.save(workshop_id, {
            "programme": f"Programm {i}", "segment": f"Segment {i:02d}", "mechanism": "Prämie " * 10,
            "cost": 1000.0 * i, "kpi_id": ids[i], "status": continuous.REWARD_STATUSES[i % 4]})  # fmt: skip


def _complaints(workshop_id: int, tps: list[int], names: dict[int, str], rng) -> list[int]:
    """5,000 complaints over a year on 30 touchpoints: the first 1,000 imported as a ticket
    system writes them, 4,000 logged and moved step by step (a third still open, the others
    closed with first contact and upheld); customers per month. Returns the logged ids."""
    from datetime import datetime, timedelta

    from cemworkshop import complaints
    from cemworkshop.exchange.complaints import import_complaints, plan_complaints

    for name in complaints.DEFAULT_CAUSES:
        complaints.add_cause(workshop_id, name)
    causes = [*complaints.DEFAULT_CAUSES, *(f"Ursache {i}" for i in range(1, 6))]
    start = datetime(2025, 12, 1, 8, 0)
    minutes = 365 * 24 * 60 // COMPLAINTS
    fmt = "%d.%m.%Y %H:%M"
    lines = ["Eingang;Kanal;Touchpoint;Ursache;Schwere;Beschreibung;Abhilfe;Verantwortlich;Status;"
             "bestätigt;beantwortet;abgeschlossen;Erstkontakt;berechtigt"]  # fmt: skip
    for i in range(IMPORTED_COMPLAINTS):
        received = start + timedelta(minutes=i * minutes + rng.randint(0, 60))
        steps = [received + timedelta(hours=h) for h in sorted(rng.sample(range(2, 240), 3))]
        lines.append(";".join([
            received.strftime(fmt), rng.choice(["Telefon", "E-Mail", "WhatsApp"]),
            names[tps[rng.randint(0, 29)]], rng.choice(causes), str(rng.randint(1, 3)),
            f"Importierte Beschwerde {i:04d}: " + "Ärger " * 8, "Austausch", "Team",
            "abgeschlossen", *(s.strftime(fmt) for s in steps), rng.choice(["ja", "nein"]),
            rng.choice(["ja", "nein"])]))  # fmt: skip
    plan = plan_complaints(workshop_id, "\n".join(lines).encode("utf-8"))
    assert not plan.rejected and not plan.unmatched, (plan.rejected[:3], plan.unmatched)
    import_complaints(workshop_id, plan)
    logged = []
    for i in range(IMPORTED_COMPLAINTS, COMPLAINTS):
        received = start + timedelta(minutes=i * minutes + rng.randint(0, 60))
        cid = complaints.log(workshop_id, received_at=received, channel=rng.choice(["Telefon", "E-Mail"]),
                             touchpoint_id=tps[rng.randint(0, 29)], cause=rng.choice(causes),
                             severity=rng.randint(1, 3), description="Beschwerde " * 10, owner="Team",
                             remedy="Rückruf")  # fmt: skip
        logged.append(cid)
        still_open = i % 3 == 0
        steps = complaints.STEPS[1 : rng.randint(1, 4) if still_open else 4]
        when = received
        for step in steps:
            when += timedelta(hours=rng.randint(2, 120))
            complaints.advance(workshop_id, cid, step, at=when)
        if not still_open:
            when += timedelta(hours=rng.randint(2, 120))
            complaints.close(workshop_id, cid, first_contact=rng.random() < 0.4,
                             upheld=rng.choice([True, False, None]), at=when)  # fmt: skip
    for m in range(13):
        month = f"{2025 + (11 + m) // 12}-{1 + (11 + m) % 12:02d}"
        complaints.set_customers(workshop_id, month, 12000 + 100 * m)
    return logged


def _implementation(
    workshop_id: int, joined, tps: list[int], complaint_ids: list[int], rng
) -> None:
    """Step 4 at full size: manual candidates up to 600 (with the vote's 50, the worksheets'
    100 and the ideas database's 50), KPI, effect and confidence set on them; 200 rated for
    impact and effort by 100 people (a tenth "can't say"), 10 overrides; 500 measures in the
    action plan (some done, blocked, undated); 200 complaints linked to a measure."""
    from cemworkshop import complaints, kpis, priorities
    from cemworkshop.metrics.priority import CONFIDENCES
    from cemworkshop.rounds import lifecycle
    from cemworkshop.rounds.impact_effort import KIND as IMPACT_EFFORT
    from cemworkshop.rounds.rating import SKIP

    for i in range(CANDIDATES - len(priorities.candidates(workshop_id))):
        priorities.add_candidate(workshop_id, f"Maßnahme {i:03d} für ein besseres Erlebnis",
                                 touchpoint_id=tps[i % TOUCHPOINTS], confidence=rng.choice(CONFIDENCES))  # fmt: skip
    found = priorities.candidates(workshop_id)
    assert len(found) == CANDIDATES, len(found)
    kpi_ids = [k["id"] for k in kpis.kpis(workshop_id)]
    for n, m in enumerate(found[::2]):
        priorities.update_candidate(
            workshop_id, m["id"], title=m["title"], touchpoint_id=m["touchpoint_id"],
            kpi_id=kpi_ids[n % len(kpi_ids)], expected_effect="Erwartete Wirkung " * 10,
            confidence=rng.choice(CONFIDENCES),
        )  # fmt: skip
    ids = [m["id"] for m in found]
    rated = ids[:RATED]
    rid = lifecycle.open_round(workshop_id, IMPACT_EFFORT.name, title="Wirkung", measure_ids=rated)
    items = IMPACT_EFFORT.item_ids(rid)
    for person in joined:
        lifecycle.submit(rid, person.participant_id, {
            items[m]: {d: SKIP if rng.random() < 0.1 else rng.randint(1, 5) for d in ("impact", "effort")}
            for m in rated})  # fmt: skip
    lifecycle.close_round(workshop_id, rid)
    for m in rated[:10]:
        priorities.set_override(workshop_id, m, "effort", 4, "Schnittstelle nötig")
    priorities.select(workshop_id, ids[:PLANNED])
    for n, p in enumerate(priorities.plan(workshop_id)):
        status = priorities.STATUSES[n % len(priorities.STATUSES)]
        dated = n % 25 != 0
        month = 1 + n % 12
        priorities.PLAN.save(workshop_id, {
            "soll": "Ziel " * 40, "start_on": f"2026-{month:02d}-01" if dated else None,
            "due_on": f"2026-{month:02d}-28" if dated else None, "owner": f"Person {n % 7}",
            "owner_role": "Leitung", "budget": 1000.0 * (n % 50), "kpi_target": 10.0 + n % 40,
            "success_criterion": "Erfolg, wenn " * 10, "status": status,
            "percent_done": 100 if status == "done" else n % 100},
            record_id=p["id"])  # fmt: skip
    planned = ids[:PLANNED]
    for n, cid in enumerate(complaint_ids[:200]):
        complaints.link_measure(workshop_id, cid, planned[n % len(planned)])


def _optimisation(workshop_id: int, tps: list[int], rng) -> None:
    """Step 5 at full size: 100,000 answers (5,000 respondents × 19 touchpoints + NPS) over four
    quarters, an own metric, 60 aggregated rows, targets and weights of the metrics, the
    settings; two KPIs read from the barometer, the others' values per quarter with a target
    change each; 100 obstacles (a third linked to a measure, 20 passed to the ideas database)."""
    from cemworkshop import barometer, kpis, obstacles, priorities, success

    own = barometer.add_own_metric(workshop_id, "Sauberkeit", 1, 5)
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
    for i in range(20):
        barometer.add_aggregate(
            workshop_id, metric_id=own, touchpoint_id=tps[30 + i % 5],
            period_on=f"2026-{1 + 3 * (i // 5):02d}-01", n=100 + i, mean=3 + (i % 5) * 0.3,
            sd=0.9, top_share=50 + i % 20, source="Montageprotokoll",
        )  # fmt: skip
    for code, target in (("nps", 30), ("csat", 4.2), ("ces", 5.5)):
        barometer.set_target(workshop_id, ids[code], target)
    barometer.set_target(workshop_id, own, 4.5)
    barometer.set_weights(workshop_id, {ids["nps"]: 40, ids["csat"]: 30, ids["ces"]: 20, own: 10})
    barometer.save_settings(workshop_id, granularity="quarter", index_target=70, kpi_margin=5)
    found = kpis.kpis(workshop_id)
    success.set_source(workshop_id, found[0]["id"], ids["nps"], None)
    success.set_source(workshop_id, found[1]["id"], ids["csat"], tps[0], "mean")
    for k in found[2:]:
        for q in range(1, 5):
            success.set_kpi_value(workshop_id, k["id"], f"2026-Q{q}", 50 + rng.uniform(-10, 10),
                                  "Aus dem Controlling")  # fmt: skip
        success.change_target(workshop_id, k["id"], 60, "Beirat: neues Ziel", on="2026-07-01")
    measures = [p["measure_id"] for p in priorities.plan(workshop_id)]
    for i in range(100):
        made = obstacles.OBSTACLES.save(workshop_id, {
            "description": f"Hindernis {i:03d}: " + "Abstimmung fehlt zwischen den Abteilungen. " * 3,
            "link": obstacles.LINKS[i % 3], "touchpoint_id": tps[i % 40], "owner": "Team",
            "status": obstacles.STATUSES[i % 3], "raised_on": f"2026-{1 + i % 11:02d}-15",
            "measure_id": measures[i] if i % 3 == 0 else None})  # fmt: skip
        if i < 20:
            obstacles.to_idea(workshop_id, made)


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
    names = {t["id"]: t["name"] for t in touchpoints.touchpoints(ws.id)}
    pairs = set()
    while len(pairs) < EDGES:
        a, b = sorted(rng.sample(range(TOUCHPOINTS), 2))
        pairs.add((tps[a], tps[b]))
    for a, b in sorted(pairs):
        journey.add_edge(ws.id, a, b)
    joined = [workshops.join(ws.join_code, f"Person {i:03d}") for i in range(PARTICIPANTS)]
    _definition(ws.id, joined, tps, rng)
    _strategy(ws.id, joined, rng)
    _development(ws.id, joined, tps, rng)
    _organisation(ws.id, joined, tps, rng)
    _ideas_database(ws.id, joined, tps, rng)
    logged = _complaints(ws.id, tps, names, rng)
    _implementation(ws.id, joined, tps, logged, rng)
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
    for person in joined[:READY]:
        lifecycle.say_ready(open_round, person.participant_id)
    # A facilitator link and PIN made anew (the link made with the workshop no longer works),
    # the PIN used on a tablet and on the projector's PC.
    token, pin = workshops.new_facilitator_secrets(ws.id)
    for device in ("tablet", "projector"):
        workshops.login_with_pin(ws.id, pin, device=device)
    by_kind = {
        r["kind"]: r["n"]
        for r in store.rows(
            "SELECT r.kind, count(*) AS n FROM scores s JOIN round_items i ON i.id = s.round_item_id"
            " JOIN rounds r ON r.id = i.round_id WHERE r.workshop_id = ? GROUP BY r.kind",
            [ws.id],
        )
    }
    assert by_kind["touchpoint_scoring"] == ROUNDS * PER_ROUND * PARTICIPANTS * 2, by_kind
    assert by_kind["five_rules"] == PARTICIPANTS * 5, by_kind
    assert by_kind["expectation_gap"] == PARTICIPANTS * 20 * 2, by_kind
    assert by_kind["competitor_scoring"] == PARTICIPANTS * 5 * 10, by_kind
    assert by_kind["innovation_check"] == PARTICIPANTS * 10 * 4, by_kind
    assert store.value("SELECT count(*) FROM ideas") == IDEAS
    assert store.value("SELECT sum(count) FROM dots") == VOTES * PARTICIPANTS * DOTS
    assert store.value("SELECT count(*) FROM plan") == PLANNED
    assert store.value("SELECT count(*) FROM complaints") == COMPLAINTS
    assert store.value("SELECT count(*) FROM responses") == RESPONDENTS * (MEASURED + 1)
    return Large(ws.id, token, [j.token for j in joined], open_round)


def table_counts(path: Path | str) -> dict[str, int]:
    """Rows per table of the database at ``path`` (every table of the schema, empty ones too)."""
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(path)) as conn:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name <> '_sqlite_migrations' ORDER BY name")]  # fmt: skip
        return {
            n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0]  # noqa: S608 — names from sqlite_master
            for n in names
        }


if __name__ == "__main__":
    import time

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "large.db")
    if target.exists():
        sys.exit(f"{target} exists; give a new file")
    began = time.perf_counter()
    made = build(target)
    print(f"large workshop {made.workshop_id} in {target} ({time.perf_counter() - began:.1f} s)")
    for table, n in table_counts(target).items():
        print(f"{table:32} {n:>8,}")
