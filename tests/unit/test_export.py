import csv
import io

import pytest

from cemworkshop import export, rounds
from tests.unit.helpers import participants, workshop_with_touchpoints


@pytest.mark.parametrize("cell", ["=SUM(A1)", "+1", "-2+3", "@cmd", "\tx", "\rx"])
def test_formula_like_cells_are_neutralised(cell):
    assert export.neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Website", "", 3, -2, None, "a=b"])
def test_other_cells_are_left_alone(cell):
    assert export.neutralise(cell) == cell


def parse(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_scores_export_has_every_score_with_names(db_path):
    ws, (web, advice, _) = workshop_with_touchpoints(names=["Website", "@Beratung", "Lieferung"])
    anna, ben = participants(ws, 2)
    rid = rounds.open_scoring_round(ws.id, [web, advice], with_competitor=True)
    rounds.submit_scores(rid, anna, {web: {"importance": 5, "performance": 2, "competitor": 4}})
    rounds.submit_scores(rid, ben, {advice: {"importance": 3}})
    got = parse(export.scores_csv(ws.id))
    assert len(got) == 4
    assert {(r["touchpoint"], r["participant"], r["dimension"], r["value"]) for r in got} == {
        ("Website", "Person 0", "importance", "5"),
        ("Website", "Person 0", "performance", "2"),
        ("Website", "Person 0", "competitor", "4"),
        ("'@Beratung", "Person 1", "importance", "3"),
    }


def test_edges_and_summary_exports(db_path):
    from cemworkshop import touchpoints

    ws, (web, advice, _) = workshop_with_touchpoints()
    touchpoints.add_edge(ws.id, web, advice)
    assert parse(export.edges_csv(ws.id)) == [{"source": "Website", "target": "Beratung"}]
    (anna,) = participants(ws, 1)
    rid = rounds.open_scoring_round(ws.id, [web])
    rounds.submit_scores(rid, anna, {web: {"importance": 5, "performance": 1}})
    summary = parse(export.summary_csv(ws.id, rid))
    assert summary[0]["touchpoint"] == "Website"
    assert float(summary[0]["gap"]) == 4.0
    assert summary[0]["quadrant"] == "concentrate"
