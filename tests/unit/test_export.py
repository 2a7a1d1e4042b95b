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


def test_measurements_exported_and_imported_again_give_the_same_barometer(db_path):
    """Step 5's answers and aggregated rows go out in the layout the import reads back."""
    from cemworkshop import barometer, store, touchpoints, workshops
    from cemworkshop.exchange.measurements import import_measurements, plan_measurements
    from cemworkshop.exchange.tables import TABLES

    def make(name):
        ws = workshops.create_workshop(name)
        phase = touchpoints.phases(ws.id)[0]["id"]
        return ws, touchpoints.add_touchpoint(ws.id, "Lieferung", phase_id=phase)

    ws, tp = make("Quelle")
    ids = {m["code"]: m["id"] for m in barometer.metrics(ws.id)}
    barometer.add_responses(ws.id, [
        {"metric_id": ids["csat"], "touchpoint_id": tp, "answered_on": f"2026-0{m}-1{i}",
         "respondent": f"R{m}{i}", "value": v}
        for m, values in ((4, [5, 4, 2, 5, 3, 4]), (8, [5, 5, 4, 4, 5, 3]))
        for i, v in enumerate(values)
    ] + [{"metric_id": ids["nps"], "touchpoint_id": None, "answered_on": "2026-04-10",
          "respondent": "=R1", "channel": "E-Mail", "value": 9}])  # fmt: skip
    barometer.add_aggregate(ws.id, metric_id=ids["csat"], touchpoint_id=tp, period_on="2026-10-01",
                            n=120, mean=4.1, sd=0.9, top_share=71.5, source="Telefonanlage")  # fmt: skip
    copy, _ = make("Ziel")
    for key in ("measurements", "measurement_aggregates"):
        plan = plan_measurements(copy.id, TABLES[key](ws.id))
        assert plan.rejected == [] and plan.unmatched == {}, key
        import_measurements(copy.id, plan)
    names = lambda w: {m["id"]: m["name"] for m in barometer.metrics(w)}  # noqa: E731

    def by_name(w):
        return {(p, tp is None, names(w)[mid]): (s.n, round(s.total, 6), round(s.squares, 6),
                                                 round(s.top, 6), s.bottom)
                for (p, tp, mid), s in barometer.cells(w).items()}  # fmt: skip

    assert by_name(copy.id) == by_name(ws.id)
    assert len(by_name(ws.id)) == 4  # Q2 and Q3 from answers, Q4 aggregated, Q2 NPS overall
    respondents = {r["respondent"] for r in parse(TABLES["measurements"](copy.id))}
    assert "'=R1" in respondents  # neutralised in the file, read back as typed …
    stored = store.rows("SELECT respondent FROM responses WHERE workshop_id = ?", [copy.id])
    assert "=R1" in {r["respondent"] for r in stored}  # … and stored as it was typed


def test_every_table_is_in_exactly_one_group_of_the_export_page():
    from cemworkshop.exchange.tables import GROUPS, TABLES

    grouped = [name for names in GROUPS.values() for name in names]
    assert sorted(grouped) == sorted(TABLES)  # none left out, none twice, none unknown
