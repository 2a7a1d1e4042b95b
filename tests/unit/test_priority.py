"""Step 4's priorities: quadrants at the midpoint, medians and spreads, the one ranked list
with its ties, the live round with "can't say", overrides, the plan — hand-computed cases
against a real SQLite file."""

import math
from fractions import Fraction

import pytest

from cemworkshop import kpis, priorities, touchpoints, workshops
from cemworkshop.metrics import priority
from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.impact_effort import KIND as IMPACT_EFFORT
from cemworkshop.rounds.rating import SKIP
from cemworkshop.validation import ValidationError


@pytest.mark.parametrize(
    ("impact", "effort", "name"),
    [(4, 2, "quick_win"), (3, 2.5, "quick_win"), (3, 3, "big_bet"), (2.5, 2.5, "fill_in"),
     (2.5, 3, "time_sink"), (5, 5, "big_bet"), (1, 1, "fill_in")],
)  # fmt: skip
def test_quadrants_split_at_the_midpoint_a_value_on_the_line_counts_as_high(impact, effort, name):
    assert priority.quadrant(impact, effort) == name


def test_median_n_and_interquartile_spread_by_hand():
    scores = [{"measure_id": 1, "participant_id": p, "dimension": "impact", "value": v}
              for p, v in enumerate([5, 1, 4, 4])]  # fmt: skip
    scores.append({"measure_id": 1, "participant_id": 9, "dimension": "effort", "value": 2})
    (row,) = priority.rating_summary(scores).to_dict("records")
    # sorted 1, 4, 4, 5: median (4 + 4) / 2 = 4; inclusive quartiles 3.25 and 4.25 → 1.0
    assert (row["impact"], row["impact_n"], row["impact_spread"]) == (4.0, 4, 1.0)
    assert (row["effort"], row["effort_n"]) == (2.0, 1) and math.isnan(row["effort_spread"])


def test_score_is_exact_and_the_ranking_breaks_ties_by_dots_then_title():
    assert priority.score(4, 2, 80) == Fraction(8, 5)
    assert priority.score(4.5, 1.5, None) == 3
    rows = [
        {"title": "B", "impact": 4, "effort": 2, "confidence": 100, "dots": 1},   # quick win, 2
        {"title": "A", "impact": 4, "effort": 2, "confidence": 100, "dots": 1},   # same: by title
        {"title": "C", "impact": 4, "effort": 2, "confidence": 100, "dots": 5},   # same: more dots
        {"title": "D", "impact": 5, "effort": 4, "confidence": 100, "dots": 9},   # big bet
        {"title": "E", "impact": 3, "effort": 1, "confidence": 50, "dots": 0},    # quick win, 1.5
        {"title": "F", "impact": 2, "effort": 1, "confidence": None, "dots": 0},  # fill-in
        {"title": "G", "impact": None, "effort": 2, "confidence": None, "dots": 0},  # not rated
    ]  # fmt: skip
    ranked = priority.ranked(rows)
    assert [r["title"] for r in ranked] == ["C", "A", "B", "E", "D", "F"]
    assert [r["rank"] for r in ranked] == [1, 2, 3, 4, 5, 6]
    assert ranked[3]["score"] == 1.5 and ranked[0]["quadrant"] == "quick_win"


def setup():
    ws = workshops.create_workshop("Umsetzung")
    phase = touchpoints.phases(ws.id)[2]["id"]
    tp = touchpoints.add_touchpoint(ws.id, "Reklamation", phase_id=phase)
    a = priorities.add_candidate(ws.id, "Rückruf in zwei Stunden", touchpoint_id=tp)
    b = priorities.add_candidate(ws.id, "Reklamationsportal", touchpoint_id=tp, confidence=50)
    people = [workshops.join(ws.join_code, n).participant_id for n in ("A", "B", "C")]
    return ws, tp, a, b, people


def test_a_live_round_with_cant_say_then_an_override_with_its_reason(db_path):
    ws, _, a, b, people = setup()
    rid = lifecycle.open_round(ws.id, IMPACT_EFFORT.name, measure_ids=[a, b])
    items = IMPACT_EFFORT.item_ids(rid)
    lifecycle.submit(
        rid, people[0], {items[a]: {"impact": 5, "effort": 2}, items[b]: {"impact": 3, "effort": 5}}
    )
    lifecycle.submit(
        rid,
        people[1],
        {items[a]: {"impact": 4, "effort": 1}, items[b]: {"impact": SKIP, "effort": 4}},
    )
    lifecycle.submit(
        rid,
        people[2],
        {items[a]: {"impact": SKIP, "effort": SKIP}, items[b]: {"impact": 2, "effort": 4}},
    )
    # A skip is an answer: the third person has answered everything.
    assert [p["name"] for p in lifecycle.status(rid)["done"]] == ["A", "B", "C"]
    assert IMPACT_EFFORT.answers(rid, people[2])[items[a]] == {"impact": SKIP, "effort": SKIP}
    with pytest.raises(ValidationError):
        lifecycle.submit(rid, people[0], {items[a]: {"impact": 6}})
    ranking = priorities.ranking(ws.id)
    first, second = ranking
    # a: impact median of 5, 4 = 4.5, effort median of 2, 1 = 1.5 → quick win
    assert (first["title"], first["impact"], first["effort"], first["quadrant"]) == (
        "Rückruf in zwei Stunden", 4.5, 1.5, "quick_win")  # fmt: skip
    assert (first["impact_n"], first["effort_n"]) == (2, 2)
    # b: impact median of 3, 2 = 2.5, effort median of 5, 4, 4 = 4 → time sink
    assert (second["impact"], second["effort"], second["quadrant"]) == (2.5, 4.0, "time_sink")
    priorities.set_override(ws.id, b, "effort", 2, "Standardsoftware genügt")
    second = priorities.ranking(ws.id)[1]
    assert (second["effort"], second["effort_median"], second["effort_override"]) == (
        2, 4.0, "Standardsoftware genügt")  # fmt: skip
    assert second["quadrant"] == "fill_in"
    with pytest.raises(ValidationError) as err:  # a reason is required
        priorities.set_override(ws.id, b, "impact", 4, "  ")
    assert err.value.code == "empty_name"
    priorities.set_override(ws.id, b, "effort", None, "")
    assert priorities.ranking(ws.id)[1]["effort"] == 4.0


def test_selecting_into_the_plan_and_taking_out_only_before_it_started(db_path):
    ws, _, a, b, _ = setup()
    nps = kpis.save_kpi(ws.id, "NPS", unit="Punkte", baseline=18, target=35)
    m = priorities.candidates(ws.id)[0]
    priorities.update_candidate(ws.id, a, title="Rückruf in zwei Stunden", touchpoint_id=m["touchpoint_id"],
                                kpi_id=nps, expected_effect="NPS +5", confidence=80)  # fmt: skip
    priorities.select(ws.id, [a, b])
    plan = {p["measure_id"]: p for p in priorities.plan(ws.id)}
    assert set(plan) == {a, b} and plan[a]["kpi"] == "NPS" and plan[a]["baseline"] == 18
    priorities.PLAN.save(ws.id, {"status": "in_progress", "percent_done": 30, "start_on": "2026-11-01",
                                 "due_on": "2026-11-20", "budget": 4000.0},
                         record_id=plan[a]["id"], version=plan[a]["version"])  # fmt: skip
    with pytest.raises(ValidationError) as err:
        priorities.select(ws.id, [a], False)
    assert err.value.code == "plan_started"
    priorities.select(ws.id, [b], False)
    assert [p["measure_id"] for p in priorities.plan(ws.id)] == [a]
    with pytest.raises(ValidationError) as err:
        priorities.delete_candidate(ws.id, a)
    assert err.value.code == "measure_in_plan"
    from datetime import date

    dated, undated = priorities.timeline(ws.id, date(2026, 11, 29))
    assert dated[0]["overdue"] and undated == []
    assert priorities.budget_total(ws.id) == 4000.0
    with pytest.raises(ValidationError):
        priorities.PLAN.save(
            ws.id, {"status": "started", "percent_done": 0}, record_id=plan[a]["id"]
        )
    with pytest.raises(ValidationError) as err:
        priorities.PLAN.save(
            ws.id, {"status": "done", "percent_done": 120}, record_id=plan[a]["id"]
        )
    assert err.value.code == "out_of_range"


def test_candidates_are_unique_and_their_links_belong_to_the_workshop(db_path):
    ws, tp, _, _, _ = setup()
    other = workshops.create_workshop("Andere")
    with pytest.raises(ValidationError) as err:
        priorities.add_candidate(ws.id, "rückruf in zwei  stunden")
    assert err.value.code == "duplicate_measure"
    with pytest.raises(ValidationError) as err:
        priorities.add_candidate(other.id, "Fremd", touchpoint_id=tp)
    assert err.value.code == "unknown_touchpoint"
    with pytest.raises(ValidationError) as err:
        priorities.add_candidate(ws.id, "X", confidence=70)
    assert err.value.code == "unknown_choice"
