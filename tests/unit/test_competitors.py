"""IST-Analyse / Benchmark: companies, criteria, scores, the comparison, and a live round."""

import pytest

from cemworkshop import competitors, store, workshops
from cemworkshop.exchange.tables import competitors_csv, scores_csv
from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.competitor_scoring import KIND as COMPETITOR_SCORING
from cemworkshop.rounds.touchpoint_scoring import latest_closed_round
from cemworkshop.validation import ValidationError


def setup_companies():
    ws = workshops.create_workshop("Bench", company="Lindner GmbH")
    own = competitors.own_company(ws.id)
    king = competitors.add_competitor(ws.id, "Küchen König")
    xxl = competitors.add_competitor(ws.id, "Möbel XXL")
    reach = competitors.add_criterion(ws.id, "Erreichbarkeit")
    advice = competitors.add_criterion(ws.id, "Beratung")
    return ws, own, king, xxl, reach, advice


def test_companies_criteria_and_the_comparison_sorted_by_gap(db_path):
    ws, own, king, xxl, reach, advice = setup_companies()
    assert [c["name"] for c in competitors.companies(ws.id)] == [
        "Lindner GmbH",
        "Küchen König",
        "Möbel XXL",
    ]
    assert own is not None  # made with the workshop
    for crit, values in ((reach, (2.5, 3.5, 3.0)), (advice, (4.5, 3.5, 2.5))):
        competitors.set_scores(
            ws.id, {(crit, comp): v for comp, v in zip((own, king, xxl), values, strict=True)}
        )
    table = competitors.comparison(
        competitors.criteria(ws.id), competitors.companies(ws.id), competitors.scores(ws.id)
    )
    # Erreichbarkeit: 2.5 against the best rival's 3.5 → −1.0, first; Beratung: 4.5 − 3.5 → +1.0
    assert list(dict.fromkeys(table["criterion"])) == ["Erreichbarkeit", "Beratung"]
    own_rows = table[table["own"]]
    assert list(own_rows["gap"]) == [-1.0, 1.0]
    rows = competitors_csv(ws.id).decode("utf-8-sig").splitlines()
    assert rows[1] == "Erreichbarkeit,Lindner GmbH,yes,2.5,-1.0"


@pytest.mark.parametrize("value", [0, 5.5, True])
def test_scores_outside_1_to_5_are_refused(db_path, value):
    ws, own, king, _, reach, _ = setup_companies()
    with pytest.raises(ValidationError, match="score_out_of_range"):
        competitors.set_scores(ws.id, {(reach, king): 3, (reach, own): value})
    assert competitors.scores(ws.id) == {}  # all or nothing: the good value was not kept either


def test_names_are_checked_and_the_own_company_stays(db_path):
    ws, own, king, _, reach, _ = setup_companies()
    with pytest.raises(ValidationError, match="duplicate_competitor"):
        competitors.add_competitor(ws.id, "küchen könig")
    with pytest.raises(ValidationError, match="duplicate_criterion"):
        competitors.add_criterion(ws.id, "ERREICHBARKEIT")
    with pytest.raises(ValidationError, match="empty_name"):
        competitors.add_criterion(ws.id, " ")
    competitors.remove_competitor(
        ws.id, own
    )  # refused silently: the own company is not a competitor
    competitors.remove_competitor(ws.id, king)
    assert [c["name"] for c in competitors.companies(ws.id)] == ["Lindner GmbH", "Möbel XXL"]
    other = workshops.create_workshop("Fremd")
    with pytest.raises(ValidationError, match="unknown_criterion"):
        competitors.set_scores(other.id, {(reach, own): 3})


def test_a_live_round_collects_scores_and_its_means_become_the_benchmark(db_path):
    ws, own, king, xxl, reach, advice = setup_companies()
    anna = workshops.join(ws.join_code, "Anna").participant_id
    ben = workshops.join(ws.join_code, "Ben").participant_id
    rid = lifecycle.open_round(ws.id, COMPETITOR_SCORING.name, hide_results=True)
    assert lifecycle.current_round(ws.id)["kind"] == "competitor_scoring"
    items = {
        (i["criterion_id"], i["company_id"]): i["item_id"] for i in COMPETITOR_SCORING.items(rid)
    }
    assert len(items) == 2 * 3
    lifecycle.submit(
        rid,
        anna,
        {items[(reach, own)]: {"performance": 2}, items[(reach, king)]: {"performance": 4}},
    )
    lifecycle.submit(
        rid,
        ben,
        {items[(reach, own)]: {"performance": 3}, items[(reach, king)]: {"performance": 5}},
    )
    with pytest.raises(ValidationError, match="score_out_of_range"):
        lifecycle.submit(rid, ben, {items[(reach, xxl)]: {"performance": 6}})
    assert COMPETITOR_SCORING.means(rid) == {(reach, own): 2.5, (reach, king): 4.5}
    assert [p["name"] for p in lifecycle.status(rid)["in_progress"]] == ["Anna", "Ben"]
    with pytest.raises(ValidationError, match="round_already_open"):
        lifecycle.open_round(ws.id, COMPETITOR_SCORING.name)
    lifecycle.close_round(ws.id, rid)
    assert competitors.apply_round_means(ws.id, COMPETITOR_SCORING.means(rid)) == 2
    assert competitors.scores(ws.id) == {(reach, own): 2.5, (reach, king): 4.5}
    # A touchpoint map never takes a benchmark round for its own.
    assert latest_closed_round(ws.id) is None
    # Every answer of the live round is in the scores export.
    exported = scores_csv(ws.id).decode("utf-8-sig").splitlines()
    assert exported[0].startswith("round,round_title,round_kind,round_status,subject,")
    assert len(exported) == 1 + 4
    assert exported[1].startswith(
        f"{rid},,competitor_scoring,closed,Erreichbarkeit · Lindner GmbH,Lindner GmbH,{anna},Anna,"
        "performance,2,"
    )


def test_taking_over_the_means_is_all_or_nothing(db_path, monkeypatch):
    ws, own, king, _, reach, advice = setup_companies()
    means = {(reach, own): 2.5, (reach, king): 4.5, (advice, own): 9}  # the last one is bad
    with pytest.raises(ValidationError):
        competitors.apply_round_means(ws.id, means)
    assert store.value("SELECT count(*) FROM competitor_scores") == 0


def test_a_live_round_needs_a_criterion_and_a_competitor(db_path):
    ws = workshops.create_workshop("Leer")
    with pytest.raises(ValidationError, match="competitors_need_criteria"):
        lifecycle.open_round(ws.id, COMPETITOR_SCORING.name)
    competitors.add_criterion(ws.id, "Preis")
    with pytest.raises(ValidationError, match="competitors_need_criteria"):
        lifecycle.open_round(ws.id, COMPETITOR_SCORING.name)
    assert store.value("SELECT count(*) FROM rounds") == 0


def test_promises_are_kept_with_line_breaks_and_bounded(db_path):
    ws = workshops.create_workshop("Versprechen")
    workshops.set_promises(ws.id, "Küchen fürs Leben.\nMit Herz.", "Pünktlich.")
    assert workshops.promises(ws.id) == {
        "brand_promise": "Küchen fürs Leben.\nMit Herz.",
        "customer_promise": "Pünktlich.",
    }
    with pytest.raises(ValidationError, match="name_too_long"):
        workshops.set_promises(ws.id, "x" * 5000, "")
    assert workshops.promises(ws.id)["customer_promise"] == "Pünktlich."
