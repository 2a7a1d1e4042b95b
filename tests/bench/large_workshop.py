"""The benchmark's large workshop, seeded and reproducible, built through the app's own functions.

    python -m tests.bench.large_workshop /tmp/large.db

300 touchpoints in 6 phases, 500 journey edges, 100 participants, 60,000 scores over 3 rounds
(each round: 100 touchpoints × 100 participants × importance and performance). Rounds 1 and 2
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
    expected = ROUNDS * PER_ROUND * PARTICIPANTS * 2 + PARTICIPANTS * 5  # + the five rules
    assert store.value("SELECT count(*) FROM scores") == expected
    return Large(ws.id, ws.facilitator_token, [j.token for j in joined], open_round)


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "large.db")
    if target.exists():
        sys.exit(f"{target} exists; give a new file")
    made = build(target)
    print(f"large workshop {made.workshop_id} in {target}")
