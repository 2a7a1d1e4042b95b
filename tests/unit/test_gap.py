"""Step 3's Erwartungsabgleich: the gap per touchpoint with exact arithmetic at thresholds,
the ranking, disagreements, the live round and the step-1 source — hand-computed cases."""

import math

import pandas as pd
import pytest

from cemworkshop import expectations, organisation, touchpoints, workshops
from cemworkshop.metrics import gap
from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.expectation_gap import KIND as GAP
from cemworkshop.rounds.touchpoint_scoring import KIND as SCORING
from cemworkshop.validation import ValidationError


def rows(tp, name, position, ratings):
    """ratings: [(participant, expectation, experience)]"""
    out = []
    for person, exp, got in ratings:
        for dim, value in (("expectation", exp), ("experience", got)):
            if value is not None:
                out.append({"touchpoint_id": tp, "touchpoint": name, "phase": "Kauf",
                            "position": position, "participant_id": person,
                            "dimension": dim, "value": value})  # fmt: skip
    return out


def test_gap_is_exact_at_the_critical_threshold():
    # Expectation 4.1 (41/10 from ten people), experience 3.1: floats give 0.9999999999999996.
    exp = [5] * 1 + [4] * 9  # 41 / 10
    got = [4] * 1 + [3] * 9  # 31 / 10
    assert 4.1 - 3.1 < 1.0  # the trap this guards against
    summary = gap.gap_summary(rows(1, "Hotline", 0, [(p, exp[p], got[p]) for p in range(10)]))
    (r,) = summary.to_dict("records")
    assert r["gap"] == 1.0 and r["band"] == "critical_gap"
    assert (r["expectation"], r["experience"], r["raters"]) == (4.1, 3.1, 10)


def test_ranking_n_spread_and_disagreement_by_hand():
    data = (
        rows(1, "Hotline", 0, [(1, 5, 2), (2, 5, 3), (3, 4, 2)])     # 14/3 − 7/3 = 7/3
        + rows(2, "Website", 1, [(1, 4, 4), (2, 4, 4), (3, 4, 4)])   # 0
        + rows(3, "Filiale", 2, [(1, 5, 1), (2, 1, 5), (3, 3, None)])  # 3 − 3 = 0; wide spread
        + rows(4, "App", 3, [(1, 5, None)])                          # experience not rated
    )  # fmt: skip
    summary = gap.gap_summary(data)
    ranking = gap.ranked(summary)
    assert list(ranking["touchpoint"]) == ["Hotline", "Website", "Filiale"]  # App: no gap yet
    hot = ranking.iloc[0]
    assert hot["gap"] == pytest.approx(7 / 3) and hot["band"] == "critical_gap"
    assert (hot["expectation_n"], hot["experience_n"]) == (3, 3)
    # Sample SD of (5, 5, 4) = sqrt(1/3); of (2, 3, 2) = sqrt(1/3): spread sqrt(1/3).
    assert hot["spread"] == pytest.approx(math.sqrt(1 / 3))
    # Equal gaps (0): the higher expectation first (Website 4 before Filiale 3).
    fil = ranking.iloc[2]
    assert (fil["expectation_n"], fil["experience_n"]) == (3, 2)
    assert fil["expectation_sd"] == pytest.approx(2.0)  # (5, 1, 3)
    assert fil["experience_sd"] == pytest.approx(math.sqrt(8))  # (1, 5)
    assert list(gap.disagreements(summary)["touchpoint"]) == ["Filiale"]
    app = summary[summary["touchpoint"] == "App"].iloc[0]
    assert math.isnan(app["gap"]) and pd.isna(app["band"]) and math.isnan(app["spread"])


def test_a_live_round_and_step_one_as_sources(db_path):
    ws = workshops.create_workshop("Gap")
    phase = touchpoints.phases(ws.id)[1]["id"]
    hot = touchpoints.add_touchpoint(ws.id, "Hotline", phase_id=phase)
    web = touchpoints.add_touchpoint(ws.id, "Website", phase_id=phase)
    people = [workshops.join(ws.join_code, n).participant_id for n in ("A", "B", "C")]
    # Step 1: a closed scoring round.
    s1 = lifecycle.open_round(ws.id, SCORING.name, touchpoint_ids=[hot, web])
    items = SCORING.item_ids(s1)
    for p, (imp, perf) in zip(people, [(5, 2), (5, 3), (4, 2)], strict=True):
        lifecycle.submit(s1, p, {items[hot]: {"importance": imp, "performance": perf},
                                 items[web]: {"importance": 3, "performance": 4}})  # fmt: skip
    lifecycle.close_round(ws.id, s1)
    assert expectations.touchpoints_to_assess(ws.id) == [hot]  # the moment of truth
    found = expectations.view(ws.id)
    assert (found.source, found.round, found.raters) == ("round", None, 0)  # no gap round yet
    organisation.set_gap_source(ws.id, "step1")
    found = expectations.view(ws.id)
    assert found.source == "step1" and found.round["id"] == s1 and found.raters == 3
    top = gap.ranked(found.summary).iloc[0]
    assert (top["touchpoint"], top["expectation"], top["experience"]) == ("Hotline", 14 / 3, 7 / 3)
    # A live round: two dimensions per touchpoint, checked like every rating.
    organisation.set_gap_source(ws.id, "round")
    rid = lifecycle.open_round(ws.id, GAP.name, touchpoint_ids=[web, hot])
    assert tuple(lifecycle.get_round(rid)["dimensions"]) == ("expectation", "experience")
    gi = GAP.item_ids(rid)
    assert list(gi) == [hot, web]  # journey order, not the order clicked
    lifecycle.submit(rid, people[0], {gi[hot]: {"expectation": 5, "experience": 1}})
    lifecycle.submit(rid, people[1], {gi[hot]: {"expectation": 4, "experience": 3}})
    with pytest.raises(ValidationError) as err:
        lifecycle.submit(rid, people[2], {gi[hot]: {"importance": 5}})
    assert err.value.code == "unknown_dimension"
    found = expectations.view(ws.id)
    assert found.round["id"] == rid and found.raters == 2
    (r,) = gap.ranked(found.summary).to_dict("records")
    assert (r["touchpoint"], r["gap"], r["band"]) == ("Hotline", 2.5, "critical_gap")
    res = lifecycle.results(lifecycle.get_round(rid), "de", "projector")
    assert [f.value for f in res.figures] == ["2", "1", "1"]
    assert res.blocks[0].spec["layer"]  # the dumbbell: line, dots, gap
    phone = lifecycle.results(lifecycle.get_round(rid), "en", "phone")
    assert phone.highlights[0].title == "Hotline" and phone.highlights[0].flagged
