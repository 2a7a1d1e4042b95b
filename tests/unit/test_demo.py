from cemworkshop import demo, journey, touchpoints, workshops
from cemworkshop.metrics import ipa as metrics
from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.touchpoint_scoring import KIND as TOUCHPOINT_SCORING


def test_the_demo_workshop_fills_every_screen(db_path):
    wid = demo.load_demo()
    tps = touchpoints.touchpoints(wid)
    assert len(tps) >= 15
    assert len({t["phase"] for t in tps}) == 3
    assert len(journey.edges(wid)) >= 15
    (rnd,) = lifecycle.list_rounds(wid)
    assert (rnd["status"], rnd["revealed"], rnd["submitted"]) == ("closed", 1, 8)
    summary = TOUCHPOINT_SCORING.analysis(rnd).summary
    assert len(summary) == len(tps)
    assert set(summary["quadrant"]) == set(metrics.QUADRANTS)  # the story covers all four quadrants
    assert metrics.moments_of_truth(summary)["critical"].any()
    # nobody of the demo counts as "in the room"
    assert lifecycle.status(rnd["id"])["not_started"] == []


def test_the_demo_loads_once_on_first_start_and_not_again_after_deletion(db_path, monkeypatch):
    monkeypatch.delenv("CEMWORKSHOP_NO_DEMO")
    wid = demo.ensure_demo_on_first_start()
    assert workshops.get_workshop(wid)["is_demo"] == 1
    assert demo.ensure_demo_on_first_start() is None
    workshops.delete_workshop(wid)
    assert demo.ensure_demo_on_first_start() is None
    assert workshops.list_workshops() == []
