"""IST-Analyse / Benchmark: companies, criteria, scores, the comparison, and a live round."""

import pytest

from cemworkshop import benchmark, export, rounds, workshops
from cemworkshop.validation import ValidationError


def setup_benchmark():
    ws = workshops.create_workshop("Bench", company="Lindner GmbH")
    own = benchmark.own_company(ws.id)
    king = benchmark.add_competitor(ws.id, "Küchen König")
    xxl = benchmark.add_competitor(ws.id, "Möbel XXL")
    reach = benchmark.add_criterion(ws.id, "Erreichbarkeit")
    advice = benchmark.add_criterion(ws.id, "Beratung")
    return ws, own, king, xxl, reach, advice


def test_companies_criteria_and_the_comparison_sorted_by_gap(db_path):
    ws, own, king, xxl, reach, advice = setup_benchmark()
    assert [c["name"] for c in benchmark.companies(ws.id)] == [
        "Lindner GmbH",
        "Küchen König",
        "Möbel XXL",
    ]
    assert benchmark.own_company(ws.id) == own  # created once
    for crit, values in ((reach, (2.5, 3.5, 3.0)), (advice, (4.5, 3.5, 2.5))):
        for comp, v in zip((own, king, xxl), values, strict=True):
            benchmark.set_score(ws.id, crit, comp, v)
    table = benchmark.comparison(
        benchmark.criteria(ws.id), benchmark.companies(ws.id), benchmark.scores(ws.id)
    )
    # Erreichbarkeit: 2.5 against the best rival's 3.5 → −1.0, first; Beratung: 4.5 − 3.5 → +1.0
    assert list(dict.fromkeys(table["criterion"])) == ["Erreichbarkeit", "Beratung"]
    own_rows = table[table["own"]]
    assert list(own_rows["gap"]) == [-1.0, 1.0]
    rows = export.benchmark_csv(ws.id).decode("utf-8-sig").splitlines()
    assert rows[1] == "Erreichbarkeit,Lindner GmbH,yes,2.5,-1.0"


@pytest.mark.parametrize("value", [0, 5.5, True])
def test_scores_outside_1_to_5_are_refused(db_path, value):
    ws, own, _, _, reach, _ = setup_benchmark()
    with pytest.raises(ValidationError, match="score_out_of_range"):
        benchmark.set_score(ws.id, reach, own, value)
    assert benchmark.scores(ws.id) == {}


def test_names_are_checked_and_the_own_company_stays(db_path):
    ws, own, king, _, reach, _ = setup_benchmark()
    with pytest.raises(ValidationError, match="duplicate_competitor"):
        benchmark.add_competitor(ws.id, "küchen könig")
    with pytest.raises(ValidationError, match="duplicate_criterion"):
        benchmark.add_criterion(ws.id, "ERREICHBARKEIT")
    with pytest.raises(ValidationError, match="empty_name"):
        benchmark.add_criterion(ws.id, " ")
    benchmark.remove_competitor(ws.id, own)  # refused silently: the own company is not a competitor
    benchmark.remove_competitor(ws.id, king)
    assert [c["name"] for c in benchmark.companies(ws.id)] == ["Lindner GmbH", "Möbel XXL"]
    other = workshops.create_workshop("Fremd")
    with pytest.raises(ValidationError, match="unknown_criterion"):
        benchmark.set_score(other.id, reach, own, 3)


def test_a_live_round_collects_scores_and_its_means_become_the_benchmark(db_path):
    ws, own, king, xxl, reach, advice = setup_benchmark()
    anna = workshops.join(ws.join_code, "Anna").participant_id
    ben = workshops.join(ws.join_code, "Ben").participant_id
    rid = benchmark.open_round(ws.id, hide_results=True)
    assert rounds.open_round(ws.id)["topic"] == "benchmark"
    items = {(i["criterion_id"], i["subject_id"]): i["item_id"] for i in benchmark.round_items(rid)}
    assert len(items) == 2 * 3
    rounds.submit_item_scores(
        rid,
        anna,
        {items[(reach, own)]: {"performance": 2}, items[(reach, king)]: {"performance": 4}},
    )
    rounds.submit_item_scores(
        rid,
        ben,
        {items[(reach, own)]: {"performance": 3}, items[(reach, king)]: {"performance": 5}},
    )
    with pytest.raises(ValidationError, match="score_out_of_range"):
        rounds.submit_item_scores(rid, ben, {items[(reach, xxl)]: {"performance": 6}})
    assert benchmark.round_means(rid) == {(reach, own): 2.5, (reach, king): 4.5}
    assert [p["name"] for p in rounds.status(rid)["submitted"]] == ["Anna", "Ben"]
    with pytest.raises(ValidationError, match="round_already_open"):
        benchmark.open_round(ws.id)
    rounds.close_round(ws.id, rid)
    assert benchmark.apply_round(ws.id, rid) == 2
    assert benchmark.scores(ws.id) == {(reach, own): 2.5, (reach, king): 4.5}
    # A touchpoint map never takes a benchmark round for its own.
    assert rounds.latest_closed_round(ws.id) is None


def test_a_live_round_needs_a_criterion_and_a_competitor(db_path):
    ws = workshops.create_workshop("Leer")
    with pytest.raises(ValidationError, match="benchmark_needs_criteria"):
        benchmark.open_round(ws.id)
    benchmark.add_criterion(ws.id, "Preis")
    with pytest.raises(ValidationError, match="benchmark_needs_criteria"):
        benchmark.open_round(ws.id)


def test_promises_are_kept_with_line_breaks_and_bounded(db_path):
    ws = workshops.create_workshop("Versprechen")
    benchmark.set_promises(ws.id, "Küchen fürs Leben.\nMit Herz.", "Pünktlich.")
    assert benchmark.promises(ws.id) == {
        "brand_promise": "Küchen fürs Leben.\nMit Herz.",
        "customer_promise": "Pünktlich.",
    }
    with pytest.raises(ValidationError, match="name_too_long"):
        benchmark.set_promises(ws.id, "x" * 5000, "")
    assert benchmark.promises(ws.id)["customer_promise"] == "Pünktlich."
