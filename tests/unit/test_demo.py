from cemworkshop import demo, journey, kpis, strategy, touchpoints, workshops
from cemworkshop.metrics import ipa as metrics
from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.five_rules import KIND as FIVE_RULES
from cemworkshop.rounds.touchpoint_scoring import KIND as TOUCHPOINT_SCORING


def test_the_demo_workshop_fills_every_screen(db_path):
    wid = demo.load_demo()
    tps = touchpoints.touchpoints(wid)
    assert len(tps) >= 15
    assert len({t["phase"] for t in tps}) == 3
    assert len(journey.edges(wid)) >= 15
    (rnd,) = lifecycle.list_rounds(wid, TOUCHPOINT_SCORING.name)
    assert (rnd["status"], rnd["revealed"], rnd["submitted"]) == ("closed", 1, 8)
    summary = TOUCHPOINT_SCORING.analysis(rnd).summary
    assert len(summary) == len(tps)
    assert set(summary["quadrant"]) == set(metrics.QUADRANTS)  # the story covers all four quadrants
    assert metrics.moments_of_truth(summary)["critical"].any()
    # nobody of the demo counts as "in the room"
    assert lifecycle.status(rnd["id"])["not_started"] == []
    # the strategy frame: five rules rated by all eight, goals ranked with three on top,
    # the strategy card written, KPIs with one of each direction
    (rules,) = lifecycle.list_rounds(wid, FIVE_RULES.name)
    table = FIVE_RULES.table(rules["id"])
    assert list(table["n"]) == [8] * 5 and table.iloc[0]["rule"] == "measured"
    goals = strategy.goals(wid)
    assert sum(g["top"] for g in goals) == 3 and any(g["key"] is None for g in goals)
    assert all(strategy.texts(wid)[k] for k in strategy.TEXTS)
    found = kpis.kpis(wid)
    assert len(found) >= 6 and {k["direction"] for k in found} == {"higher", "lower"}
    assert not any(kpis.against_direction(k) for k in found)


def test_the_demo_loads_once_on_first_start_and_not_again_after_deletion(db_path, monkeypatch):
    monkeypatch.delenv("CEMWORKSHOP_NO_DEMO")
    wid = demo.ensure_demo_on_first_start()
    assert workshops.get_workshop(wid)["is_demo"] == 1
    assert demo.ensure_demo_on_first_start() is None
    workshops.delete_workshop(wid)
    assert demo.ensure_demo_on_first_start() is None
    assert workshops.list_workshops() == []
