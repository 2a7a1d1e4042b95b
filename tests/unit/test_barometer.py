"""Step 5's Kundenbarometer: honest figures (hidden below 5 answers, marked below 30), their
intervals and changes checked against hand-computed statistics, the CEM quality index, KPI
judgements, periods, the metrics and measurements store and the driver analysis."""

import math
from datetime import date

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sp

from cemworkshop import barometer, workshops
from cemworkshop.metrics import barometer as calc
from cemworkshop.metrics import drivers as drv
from cemworkshop.validation import ValidationError
from tests.unit.helpers import workshop_with_touchpoints


def phi(z):
    """The standard normal distribution function."""
    return 0.5 * (1 + math.erf(z / math.sqrt(2)))


# ---- figures -----------------------------------------------------------------------------


def test_below_five_answers_nothing_is_shown_below_thirty_it_is_marked_small():
    hidden = calc.figure(calc.NPS, calc.Stats.of([10, 9, 8, 7], calc.NPS))
    assert (hidden.n, hidden.status) == (4, "hidden")
    assert math.isnan(hidden.value) and math.isnan(hidden.low) and math.isnan(hidden.high)
    five = calc.figure(calc.NPS, calc.Stats.of([10, 9, 8, 7, 6], calc.NPS))
    assert (five.n, five.status) == (5, "small")
    assert five.value == pytest.approx(20.0)  # 2 promoters − 1 detractor of 5 → 20
    assert calc.figure(calc.NPS, calc.Stats.of([9] * 29, calc.NPS)).status == "small"
    assert calc.figure(calc.NPS, calc.Stats.of([9] * 30, calc.NPS)).status == "ok"


def test_nps_and_its_95_percent_interval_by_hand():
    f = calc.figure(calc.NPS, calc.Stats.of([10, 9, 8, 7, 6], calc.NPS))
    # p = 2/5 = 0.4 promoters, d = 1/5 = 0.2 detractors: NPS = (0.4 − 0.2) · 100 = 20
    # SE = √((0.4 + 0.2 − 0.2²) / 5) · 100 = √(0.56 / 5) · 100 = √0.112 · 100 = 33.466
    # interval 20 ∓ 1.96 · 33.466 = 20 ∓ 65.594 → −45.594 … 85.594
    assert f.value == pytest.approx(20.0)
    assert f.low == pytest.approx(-45.594, abs=0.01)
    assert f.high == pytest.approx(85.594, abs=0.01)
    assert f.share == pytest.approx(40.0)  # the promoters' share beside it


def test_nps_interval_is_cut_at_plus_minus_100():
    f = calc.figure(calc.NPS, calc.Stats.of([0, 0, 0, 0, 10], calc.NPS))
    # NPS = (1 − 4) / 5 · 100 = −60; SE = √((0.2 + 0.8 − 0.36) / 5) · 100 = 35.78
    # −60 − 1.96 · 35.777 = −130.12 → cut at −100; −60 + 70.12 = 10.12
    assert f.value == pytest.approx(-60.0)
    assert f.low == -100.0
    assert f.high == pytest.approx(10.12, abs=0.01)


def test_csat_headline_is_the_top_two_box_share_with_its_mean_beside():
    f = calc.figure(calc.CSAT, calc.Stats.of([5, 4, 4, 3, 1], calc.CSAT))
    # 3 of 5 answers are 4 or 5 → 60 %; mean (5 + 4 + 4 + 3 + 1) / 5 = 17 / 5 = 3.4
    assert f.value == pytest.approx(60.0)
    assert f.mean == pytest.approx(3.4)
    assert f.low < 60 < f.high


def test_ces_headline_is_the_mean_its_share_is_five_to_seven():
    f = calc.figure(calc.CES, calc.Stats.of([7, 6, 5, 4, 3], calc.CES))
    # mean (7 + 6 + 5 + 4 + 3) / 5 = 5; 3 of 5 answers are 5–7 → 60 %
    assert f.value == pytest.approx(5.0)
    assert f.share == pytest.approx(60.0)
    # t interval: sd = √((4 + 1 + 0 + 1 + 4) / 4) = √2.5 = 1.5811; t(0.975, 4) = 2.7764
    # 5 ∓ 2.7764 · 1.5811 / √5 = 5 ∓ 1.9632
    assert f.low == pytest.approx(3.0368, abs=1e-3)
    assert f.high == pytest.approx(6.9632, abs=1e-3)


# ---- changes -----------------------------------------------------------------------------


def nps_group(promoters, passives, detractors):
    return calc.Stats.of([10] * promoters + [7] * passives + [3] * detractors, calc.NPS)


def test_a_clear_nps_change_gets_an_arrow_by_the_z_test_of_hand():
    before = nps_group(80, 60, 60)  # NPS (80 − 60) / 200 = 10
    after = nps_group(120, 50, 30)  # NPS (120 − 30) / 200 = 45
    # SE before = √((0.4 + 0.3 − 0.1²) / 200) · 100 = √0.00345 · 100 = 5.8737
    # SE after  = √((0.6 + 0.15 − 0.45²) / 200) · 100 = √0.0027375 · 100 = 5.2321
    # z = 35 / √(5.8737² + 5.2321²) = 35 / 7.8660 = 4.4495
    z = 35 / math.sqrt(5.8737**2 + 5.2321**2)
    ch = calc.change(calc.NPS, before, after)
    assert ch.diff == pytest.approx(35.0)
    assert ch.p == pytest.approx(2 * (1 - phi(z)), rel=1e-3)
    assert ch.mark == "▲" and ch.significant
    down = calc.change(calc.NPS, after, before)
    assert (down.mark, down.diff) == ("▼", pytest.approx(-35.0))


def test_a_small_nps_change_is_not_significant():
    before = nps_group(80, 60, 60)  # NPS 10
    after = nps_group(84, 56, 60)  # NPS (84 − 60) / 200 = 12
    # SE after = √((0.42 + 0.3 − 0.12²) / 200) · 100 = √0.003528 · 100 = 5.9397
    # z = 2 / √(5.8737² + 5.9397²) = 2 / 8.3534 = 0.2394 → p = 0.811
    ch = calc.change(calc.NPS, before, after)
    assert ch.diff == pytest.approx(2.0)
    assert ch.p == pytest.approx(2 * (1 - phi(2 / math.sqrt(5.8737**2 + 5.9397**2))), rel=1e-3)
    assert ch.mark == "≈" and not ch.significant


def test_a_csat_share_change_by_the_pooled_two_proportion_z_test():
    before = calc.Stats.of([5] * 120 + [3] * 80, calc.CSAT)  # 120 of 200 = 60 %
    after = calc.Stats.of([4] * 140 + [2] * 60, calc.CSAT)  # 140 of 200 = 70 %
    # pooled p̂ = 260 / 400 = 0.65; SE = √(0.65 · 0.35 · (1/200 + 1/200)) = √0.002275 = 0.047697
    # z = (0.70 − 0.60) / 0.047697 = 2.0966 → p = 2 · (1 − Φ(2.0966)) = 0.0360
    z = 0.10 / math.sqrt(0.65 * 0.35 * (1 / 200 + 1 / 200))
    ch = calc.change(calc.CSAT, before, after)
    assert ch.diff == pytest.approx(10.0)
    assert ch.p == pytest.approx(2 * (1 - phi(z)), rel=1e-6)
    assert ch.p == pytest.approx(0.0360, abs=1e-4)
    assert ch.mark == "▲"


def test_a_mean_change_by_welchs_t_test():
    before = [3, 4, 4, 5, 5, 5, 6, 6, 2, 4, 3, 5]  # mean 52 / 12 = 4.333
    after = [5, 6, 6, 7, 5, 6, 7, 4, 6, 6, 7, 7]  # mean 72 / 12 = 6.0
    ch = calc.change(calc.CES, calc.Stats.of(before, calc.CES), calc.Stats.of(after, calc.CES))
    expected = sp.ttest_ind(before, after, equal_var=False).pvalue  # from the raw answers
    assert ch.diff == pytest.approx(72 / 12 - 52 / 12)
    assert ch.p == pytest.approx(expected, rel=1e-9)
    assert expected < 0.01 and ch.mark == "▲"


def test_no_test_with_a_side_below_five_answers():
    four = calc.Stats.of([9, 9, 9, 9], calc.NPS)
    many = calc.Stats.of([0] * 50, calc.NPS)
    ch = calc.change(calc.NPS, many, four)
    assert ch.mark == "" and math.isnan(ch.diff) and math.isnan(ch.p)
    assert calc.change(calc.NPS, four, many).mark == ""


def test_no_test_for_an_aggregated_row_without_its_spread_or_shares():
    with_sd = calc.Stats.aggregated(50, 5.0, sd=1.0)
    without_sd = calc.Stats.aggregated(50, 4.2)
    ch = calc.change(calc.CES, without_sd, with_sd)
    assert ch.mark == "" and ch.diff == pytest.approx(0.8)  # the difference is still shown
    assert calc.change(calc.CES, with_sd, without_sd).mark == ""
    nps_shares = calc.Stats.aggregated(100, 7.5, top_share=0.5, bottom_share=0.2)
    nps_bare = calc.Stats.aggregated(100, 8.5)
    assert calc.change(calc.NPS, nps_shares, nps_bare).mark == ""
    csat_shares = calc.Stats.aggregated(100, 4.0, sd=1.0, top_share=0.7)
    csat_bare = calc.Stats.aggregated(100, 4.5, sd=1.0)
    assert calc.change(calc.CSAT, csat_bare, csat_shares).mark == ""
    # with both sides complete the same rows are tested
    assert calc.change(calc.CES, calc.Stats.aggregated(50, 4.2, sd=1.0), with_sd).mark == "▲"


def test_an_aggregated_row_adds_to_raw_answers_like_the_pooled_answers():
    raw = calc.Stats.of([1, 2, 3, 4, 5], calc.CES)
    # the aggregated row stands for 2, 4, 4, 6: mean 4, sd √((4 + 0 + 0 + 4) / 3) = √(8/3)
    both = raw + calc.Stats.aggregated(4, 4.0, sd=math.sqrt(8 / 3))
    # pooled 1, 2, 3, 4, 5, 2, 4, 4, 6: sum 31, mean 31 / 9 = 3.4444
    # squares 127; variance (127 − 31² / 9) / 8 = (127 − 106.7778) / 8 = 2.52778; sd 1.58990
    assert both.n == 9
    assert both.mean == pytest.approx(31 / 9)
    assert both.sd == pytest.approx(1.58990, abs=1e-5)


# ---- the quality index -------------------------------------------------------------------


def test_normalise_each_headline_onto_zero_to_hundred():
    assert calc.normalise(calc.NPS, -20) == pytest.approx(40.0)  # (−20 + 100) / 2
    assert calc.normalise(calc.CSAT, 75) == pytest.approx(75.0)  # a share is its %
    assert calc.normalise(calc.CES, 4) == pytest.approx(50.0)  # (4 − 1) / (7 − 1) · 100
    assert calc.normalise(calc.own_metric(1, 5), 2) == pytest.approx(25.0)  # (2 − 1) / 4 · 100
    assert math.isnan(calc.normalise(calc.NPS, math.nan))


def test_quality_index_weights_and_reweights_a_missing_metric():
    weights = {"nps": 40, "csat": 40, "ces": 20}
    # (40 · 40 + 75 · 40 + 50 · 20) / 100 = (1600 + 3000 + 1000) / 100 = 56
    assert calc.quality_index({"nps": 40, "csat": 75, "ces": 50}, weights) == pytest.approx(56.0)
    # CES missing: (40 · 40 + 75 · 40) / 80 = 4600 / 80 = 57.5
    assert calc.quality_index({"nps": 40, "csat": 75}, weights) == pytest.approx(57.5)
    assert calc.quality_index({"nps": 40, "csat": 75, "ces": math.nan}, weights) == pytest.approx(
        57.5
    )
    assert math.isnan(calc.quality_index({}, weights))


def test_overall_index_by_importance_an_unrated_touchpoint_counts_with_the_mean():
    indices = {1: 60.0, 2: 80.0, 3: 50.0}
    # touchpoint 3 not rated: mean importance (4 + 2) / 2 = 3
    # (60 · 4 + 80 · 2 + 50 · 3) / (4 + 2 + 3) = (240 + 160 + 150) / 9 = 61.111
    assert calc.overall_index(indices, {1: 4.0, 2: 2.0}) == pytest.approx(550 / 9)
    # none rated: a plain mean (60 + 80 + 50) / 3
    assert calc.overall_index(indices, {}) == pytest.approx(190 / 3)


# ---- KPIs against targets ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "direction", "expected"),
    [
        (41, "higher", "met"),
        (40, "higher", "met"),
        (38.5, "higher", "nearly"),
        (38, "higher", "nearly"),  # 5 % of 40 = 2 short: still nearly
        (37.99, "higher", "missed"),
        (39, "lower", "met"),
        (40, "lower", "met"),
        (42, "lower", "nearly"),
        (42.01, "lower", "missed"),
    ],
)
def test_judge_at_the_edges_of_the_margin(value, direction, expected):
    assert calc.judge(value, target=40, direction=direction, margin=5) == expected


def test_judge_needs_a_target_and_a_value():
    assert calc.judge(35, target=None, direction="higher", margin=5) is None
    assert calc.judge(math.nan, target=40, direction="higher", margin=5) is None


def test_the_target_valid_on_a_day_follows_its_changes():
    changes = [  # given newest first, as the store lists them
        {"changed_on": "2026-10-01", "old_value": 35, "new_value": 40},
        {"changed_on": "2026-04-01", "old_value": 30, "new_value": 35},
    ]
    assert calc.target_valid(40, changes, "2026-03-31") == 30  # before the first: its old value
    assert calc.target_valid(40, changes, "2026-04-01") == 35  # on the change day: the new one
    assert calc.target_valid(40, changes, "2026-09-30") == 35
    assert calc.target_valid(40, changes, "2026-12-31") == 40  # after both: the later one
    assert calc.target_valid(40, [], "2026-03-31") == 40  # no changes: the current one


# ---- periods -----------------------------------------------------------------------------


def test_period_labels_of_a_day():
    assert calc.period_of("2026-03-31", "quarter") == "2026-Q1"
    assert calc.period_of("2026-07-01", "quarter") == "2026-Q3"
    assert calc.period_of("2026-12-31", "quarter") == "2026-Q4"
    assert calc.period_of("2026-07-15", "month") == "2026-07"
    assert calc.period_of("2026-12-01", "month") == "2026-12"


def test_period_bounds_for_quarters_and_months():
    assert calc.period_bounds("2026-Q1") == (date(2026, 1, 1), date(2026, 3, 31))
    assert calc.period_bounds("2026-Q3") == (date(2026, 7, 1), date(2026, 9, 30))
    assert calc.period_bounds("2026-Q4") == (date(2026, 10, 1), date(2026, 12, 31))
    assert calc.period_bounds("2028-02") == (date(2028, 2, 1), date(2028, 2, 29))  # leap year
    assert calc.period_bounds("2026-02") == (date(2026, 2, 1), date(2026, 2, 28))
    assert calc.period_bounds("2026-12") == (date(2026, 12, 1), date(2026, 12, 31))


# ---- the store ---------------------------------------------------------------------------


def ids_by_code(ws_id):
    return {m["code"]: m["id"] for m in barometer.metrics(ws_id)}


def test_a_new_workshop_measures_nps_csat_ces_weighted_40_40_20(db_path):
    ws = workshops.create_workshop("Barometer")
    found = barometer.metrics(ws.id)
    assert [(m["name"], m["low"], m["high"], m["weight"]) for m in found] == [
        ("NPS", 0, 10, 40),
        ("CSAT", 1, 5, 40),
        ("CES", 1, 7, 20),
    ]


def test_weights_must_make_100_or_nothing_is_written(db_path):
    ws = workshops.create_workshop("Gewichte")
    m = ids_by_code(ws.id)
    with pytest.raises(ValidationError) as err:
        barometer.set_weights(ws.id, {m["nps"]: 50, m["csat"]: 40, m["ces"]: 20})
    assert err.value.code == "weights_sum"
    assert [x["weight"] for x in barometer.metrics(ws.id)] == [40, 40, 20]
    barometer.set_weights(ws.id, {m["nps"]: 50, m["csat"]: 30, m["ces"]: 20})
    assert [x["weight"] for x in barometer.metrics(ws.id)] == [50, 30, 20]


def test_own_metric_needs_a_new_name_and_a_rising_scale(db_path):
    ws = workshops.create_workshop("Eigene")
    made = barometer.add_own_metric(ws.id, "Sauberkeit", 1, 5)
    own = barometer.metrics(ws.id)[-1]
    assert (own["id"], own["name"], own["low"], own["high"], own["weight"]) == (
        made, "Sauberkeit", 1, 5, 0)  # fmt: skip
    for name in ("sauberkeit", "nps"):
        with pytest.raises(ValidationError) as err:
            barometer.add_own_metric(ws.id, name, 1, 5)
        assert err.value.code == "duplicate_metric"
    for low, high in ((5, 5), (5, 1)):
        with pytest.raises(ValidationError) as err:
            barometer.add_own_metric(ws.id, "Freundlichkeit", low, high)
        assert err.value.code == "scale_order"
    assert len(barometer.metrics(ws.id)) == 4


def test_responses_off_the_scale_or_not_whole_are_refused_and_none_written(db_path):
    ws, (tp, *_) = workshop_with_touchpoints()
    m = ids_by_code(ws.id)
    good = {"metric_id": m["csat"], "touchpoint_id": tp, "answered_on": "2026-07-02", "value": 4}
    with pytest.raises(ValidationError) as err:
        barometer.add_responses(ws.id, [good, {**good, "value": 6}])
    assert err.value.code == "out_of_range"
    with pytest.raises(ValidationError) as err:
        barometer.add_responses(ws.id, [good, {**good, "metric_id": m["nps"], "value": 7.5}])
    assert err.value.code == "not_a_whole_number"
    assert barometer.counts(ws.id)["responses"] == 0
    assert barometer.add_responses(ws.id, [good]) == 1


def test_an_aggregated_nps_needs_its_promoter_and_detractor_shares(db_path):
    ws, (tp, *_) = workshop_with_touchpoints()
    m = ids_by_code(ws.id)
    with pytest.raises(ValidationError) as err:
        barometer.add_aggregate(
            ws.id, metric_id=m["nps"], touchpoint_id=tp, period_on="2026-07-01", n=100, mean=8.1
        )
    assert err.value.code == "nps_needs_shares"
    assert barometer.aggregates(ws.id) == []


def test_cells_add_raw_answers_and_an_aggregated_row_and_follow_the_period_length(db_path):
    ws, (tp, *_) = workshop_with_touchpoints()
    m = ids_by_code(ws.id)
    july = [{"metric_id": m["csat"], "touchpoint_id": tp, "answered_on": "2026-07-02", "value": v}
            for v in (5, 4, 3)]  # fmt: skip
    august = [{"metric_id": m["csat"], "touchpoint_id": tp, "answered_on": "2026-08-20", "value": v}
              for v in (4, 2)]  # fmt: skip
    barometer.add_responses(ws.id, july + august)
    barometer.add_aggregate(ws.id, metric_id=m["csat"], touchpoint_id=tp, period_on="2026-07-01",
                            n=10, mean=4.0, sd=1.0, top_share=70)  # fmt: skip
    cell = barometer.cells(ws.id)[("2026-Q3", tp, m["csat"])]
    # raw 5, 4, 3, 4, 2: n 5, sum 18, 3 in the top box; aggregated: n 10, sum 40, 7 in the top box
    assert cell.n == 15
    assert cell.mean == pytest.approx(58 / 15)
    fig = barometer.figures(ws.id)[("2026-Q3", tp, m["csat"])]
    assert fig.value == pytest.approx(100 * 10 / 15)  # (3 + 7) / 15 = 66.7 %
    assert barometer.periods(ws.id) == ["2026-Q3"]
    barometer.save_settings(ws.id, granularity="month", index_target=70, kpi_margin=5)
    cells = barometer.cells(ws.id)
    # July: 5, 4, 3 and the aggregated row (n 10, sum 40); August: 4, 2
    assert (cells[("2026-07", tp, m["csat"])].n, cells[("2026-08", tp, m["csat"])].n) == (13, 2)
    assert cells[("2026-07", tp, m["csat"])].total == pytest.approx(12 + 40)
    assert barometer.periods(ws.id) == ["2026-07", "2026-08"]


def test_an_own_metric_with_measurements_cannot_be_deleted(db_path):
    ws, (tp, *_) = workshop_with_touchpoints()
    own = barometer.add_own_metric(ws.id, "Sauberkeit", 1, 5)
    barometer.add_responses(
        ws.id, [{"metric_id": own, "touchpoint_id": tp, "answered_on": "2026-07-02", "value": 3.5}]
    )
    with pytest.raises(ValidationError) as err:
        barometer.delete_own_metric(ws.id, own)
    assert err.value.code == "metric_in_use"
    assert "Sauberkeit" in [x["name"] for x in barometer.metrics(ws.id)]
    barometer.delete_responses(ws.id)
    barometer.delete_own_metric(ws.id, own)
    assert "Sauberkeit" not in [x["name"] for x in barometer.metrics(ws.id)]


# ---- driver analysis ---------------------------------------------------------------------


def synthetic_survey():
    """200 respondents: the outcome follows touchpoint "a" (2 · a + noise); "b" is noise;
    "c" was answered by 20 respondents only."""
    rng = np.random.default_rng(20260702)
    people = [f"R-{i:03d}" for i in range(200)]
    a = rng.integers(1, 6, size=200).astype(float)
    b = rng.integers(1, 6, size=200).astype(float)
    c = np.full(200, np.nan)
    c[:20] = rng.integers(1, 6, size=20)
    outcome = 2 * a + rng.normal(0, 1.5, size=200)
    answers = pd.DataFrame({"a": a, "b": b, "c": c}, index=people)
    return answers, pd.Series(outcome, index=people)


def test_drivers_find_the_touchpoint_that_moves_the_outcome():
    answers, outcome = synthetic_survey()
    found = drv.drivers(answers, outcome)
    rows = {r["touchpoint"]: r for r in found.rows}
    assert [r["touchpoint"] for r in found.rows][0] == "a"  # strongest first
    assert rows["a"]["r"] > 0.5 and rows["a"]["p"] < 0.05 and rows["a"]["n"] == 200
    assert rows["a"]["r"] == pytest.approx(np.corrcoef(answers["a"], outcome)[0, 1])
    assert rows["b"]["p"] >= 0.05
    assert rows["c"]["n"] == 20 and math.isnan(rows["c"]["r"])  # fewer than 30 pairs
    assert rows["c"]["performance"] == pytest.approx(answers["c"].mean())
    # the room ranked "a" last and "b" first
    assert drv.findings(found.rows, {"a": 2.0, "b": 4.5, "c": 5.0}) == {
        "a": "hidden_driver",
        "b": "overrated",
    }


def test_findings_a_top_ranked_correlation_that_is_not_significant_is_overrated():
    rows = [
        {"touchpoint": "a", "r": 0.62, "p": 1e-9},
        {"touchpoint": "b", "r": 0.30, "p": 0.07},  # second by r, but not significant
        {"touchpoint": "d", "r": 0.25, "p": 0.001},
        {"touchpoint": "c", "r": 0.05, "p": 0.48},
        {"touchpoint": "e", "r": math.nan, "p": math.nan},  # too few answers: not judged
    ]
    stated = {"a": 2.0, "b": 4.8, "c": 4.5, "d": 3.0, "e": 5.0}
    # derived ranks a 1, b 2, d 3, c 4; stated ranks b 1, c 2, d 3, a 4 (k = 4, top half ≤ 2)
    assert drv.findings(rows, stated) == {
        "a": "hidden_driver",  # strongest significant, ranked last by the room
        "b": "overrated",  # ranked first by the room, its correlation not significant
        "c": "overrated",  # ranked second by the room, weakest correlation
        "d": "agree",
    }
