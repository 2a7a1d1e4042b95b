import csv
import io

import pytest

from cemworkshop.exchange.csvfile import neutralise
from cemworkshop.exchange.tables import edges_csv, scores_csv, summary_csv
from tests.unit.helpers import open_scoring, participants, score, workshop_with_touchpoints


@pytest.mark.parametrize("cell", ["=SUM(A1)", "+1", "-2+3", "@cmd", "\tx", "\rx"])
def test_formula_like_cells_are_neutralised(cell):
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Website", "", 3, -2, None, "a=b"])
def test_other_cells_are_left_alone(cell):
    assert neutralise(cell) == cell


def parse(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_scores_export_has_every_score_with_names(db_path):
    ws, (web, advice, _) = workshop_with_touchpoints(names=["Website", "@Beratung", "Lieferung"])
    anna, ben = participants(ws, 2)
    rid = open_scoring(ws.id, [web, advice], with_competitor=True)
    score(rid, anna, {web: {"importance": 5, "performance": 2, "competitor": 4}})
    score(rid, ben, {advice: {"importance": 3}})
    got = parse(scores_csv(ws.id))
    assert len(got) == 4
    assert {(r["subject"], r["participant"], r["dimension"], r["value"]) for r in got} == {
        ("Website", "Person 0", "importance", "5"),
        ("Website", "Person 0", "performance", "2"),
        ("Website", "Person 0", "competitor", "4"),
        ("'@Beratung", "Person 1", "importance", "3"),
    }


def test_edges_and_summary_exports(db_path):
    from cemworkshop import journey

    ws, (web, advice, _) = workshop_with_touchpoints()
    journey.add_edge(ws.id, web, advice)
    assert parse(edges_csv(ws.id)) == [{"source": "Website", "target": "Beratung"}]
    (anna,) = participants(ws, 1)
    rid = open_scoring(ws.id, [web, advice])
    score(
        rid,
        anna,
        {web: {"importance": 5, "performance": 1}, advice: {"importance": 1, "performance": 5}},
    )
    summary = parse(summary_csv(ws.id, rid))
    assert summary[0]["touchpoint"] == "Website"
    assert float(summary[0]["gap"]) == 4.0
    # The crosshair at the data's means (3, 3): important and weak.
    assert [s["quadrant"] for s in summary] == ["concentrate", "overkill"]
    assert summary[0]["spread"] == ""  # one rater: no spread
