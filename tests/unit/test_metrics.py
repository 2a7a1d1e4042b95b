import math

import pandas as pd
import pytest

from cemworkshop.metrics import ipa as metrics


def rows(touchpoint, position, ratings):
    """ratings: {participant: (importance, performance)}"""
    out = []
    for pid, (imp, perf) in ratings.items():
        base = {
            "touchpoint_id": position + 1,
            "touchpoint": touchpoint,
            "phase": "P",
            "position": position,
            "participant_id": pid,
        }
        out.append(base | {"dimension": "importance", "value": imp})
        out.append(base | {"dimension": "performance", "value": perf})
    return out


@pytest.mark.parametrize(
    ("importance", "performance", "quadrant"),
    [
        (5, 1, "concentrate"),
        (5, 5, "keep_up"),
        (1, 1, "low_priority"),
        (1, 5, "overkill"),
        (3, 3, "keep_up"),
        (2.99, 3, "overkill"),
    ],
)
def test_quadrants_split_at_the_scale_midpoint(importance, performance, quadrant):
    assert metrics.quadrant(importance, performance) == quadrant


def test_summary_by_hand():
    # Lieferung: importance 5,5,4 -> mean 4.667, sd 0.577; performance 2,3,1 -> mean 2, sd 1.0
    scores = rows("Lieferung", 1, {1: (5, 2), 2: (5, 3), 3: (4, 1)}) + rows(
        "Prospekt", 0, {1: (2, 4), 2: (1, 4)}
    )
    s = metrics.touchpoint_summary(scores)
    assert list(s["touchpoint"]) == ["Prospekt", "Lieferung"]  # journey order
    lief = s.iloc[1]
    assert lief["importance"] == pytest.approx(14 / 3)
    assert lief["performance"] == pytest.approx(2.0)
    assert lief["gap"] == pytest.approx(14 / 3 - 2)
    assert lief["importance_sd"] == pytest.approx(math.sqrt(1 / 3))
    assert lief["performance_sd"] == pytest.approx(1.0)
    assert lief["spread"] == pytest.approx(1.0)
    assert lief["raters"] == 3
    assert lief["quadrant"] == "concentrate"
    assert math.isnan(lief["competitor"])
    assert s.iloc[0]["quadrant"] == "overkill"


def test_moments_of_truth_are_important_touchpoints_worst_gap_first():
    scores = (
        rows("Beratung", 0, {1: (5, 5), 2: (5, 4)})  # imp 5, gap 0.5
        + rows("Lieferung", 1, {1: (5, 2), 2: (4, 2)})  # imp 4.5, gap 2.5 -> critical
        + rows("Rechnung", 2, {1: (2, 4), 2: (3, 4)})  # imp 2.5 -> not a moment of truth
    )
    mot = metrics.moments_of_truth(metrics.touchpoint_summary(scores))
    assert list(mot["touchpoint"]) == ["Lieferung", "Beratung"]
    assert list(mot["critical"]) == [True, False]


def test_disagreement_ranks_by_spread_and_flags_wide_ones():
    scores = rows("Einig", 0, {1: (4, 4), 2: (4, 4)}) + rows("Uneinig", 1, {1: (1, 5), 2: (5, 1)})
    d = metrics.disagreements(metrics.touchpoint_summary(scores))
    assert list(d["touchpoint"]) == ["Uneinig", "Einig"]
    assert list(d["discuss"]) == [True, False]


def test_empty_scores_give_an_empty_summary():
    assert metrics.touchpoint_summary([]).empty


@pytest.mark.parametrize(
    ("gap", "band"),
    [
        (2.0, "critical_gap"),
        (1.0, "critical_gap"),
        (0.99, "slight_gap"),
        (0.5, "slight_gap"),
        (0.49, "meets"),
        (0.0, "meets"),
        (-0.49, "meets"),
        (-0.5, "exceeds"),
        (-3, "exceeds"),
    ],
)
def test_gap_bands_for_the_touchpoint_map(gap, band):
    assert metrics.gap_band(gap) == band


def test_experience_curve_follows_the_journey_order():
    from cemworkshop.charts import ipa as charts

    scores = rows("Lieferung", 1, {1: (5, 2)}) + rows("Website", 0, {1: (3, 4)})
    text = {k: k for k in ("performance", "importance", "mean", "touchpoint", "phase", "dimension")}
    spec = charts.experience_curve(metrics.touchpoint_summary(scores), text, lang="de").to_dict()
    x = spec["layer"][1]["encoding"]["x"]
    assert x["sort"] == ["Website", "Lieferung"]
    assert x["axis"]["labelOverlap"] is False


def ratings(touchpoint, position, importance, performance):
    """Rows for one touchpoint: the i-th rater gives importance[i] and performance[i]."""
    return rows(
        touchpoint,
        position,
        {pid: pair for pid, pair in enumerate(zip(importance, performance, strict=True))},
    )


# Groups where the floating-point difference of the means is 0.9999999999999998, not 1.
GAP_OF_ONE = {
    3: ((1, 2, 5), (1, 1, 3)),
    5: ((1, 1, 2, 5, 5), (1, 1, 1, 1, 5)),
    6: ((1, 1, 1, 1, 4, 5), (1, 1, 1, 1, 1, 2)),
    10: ((1, 1, 1, 1, 1, 1, 2, 5, 5, 5), (1, 1, 1, 1, 1, 1, 1, 1, 1, 4)),
}


@pytest.mark.parametrize("raters", sorted(GAP_OF_ONE))
def test_a_gap_of_exactly_one_point_is_critical_whatever_the_group_size(raters):
    importance, performance = GAP_OF_ONE[raters]
    s = metrics.touchpoint_summary(ratings("Lieferung", 0, importance, performance))
    assert s.iloc[0]["gap"] == 1.0
    assert metrics.gap_band(s.iloc[0]["gap"]) == "critical_gap"
    # As a moment of truth (threshold lowered to include it): critical, not "nearly".
    mot = metrics.moments_of_truth(s, threshold=1)
    assert bool(mot.iloc[0]["critical"]) is True


@pytest.mark.parametrize(
    ("importance", "performance"),
    [((1, 1, 1, 1, 1, 5), (1, 1, 1, 1, 4, 5)), ((1,) * 8 + (5, 5), (1,) * 6 + (2, 5, 5, 5))],
)
def test_performance_half_a_point_above_importance_is_exceeds(importance, performance):
    s = metrics.touchpoint_summary(ratings("Beratung", 0, importance, performance))
    assert s.iloc[0]["gap"] == -0.5
    assert metrics.gap_band(s.iloc[0]["gap"]) == "exceeds"


def test_a_spread_of_exactly_one_is_to_be_discussed():
    s = metrics.touchpoint_summary(ratings("Website", 0, (1, 2, 3), (3, 3, 3)))
    assert s.iloc[0]["spread"] == 1.0
    assert bool(metrics.disagreements(s).iloc[0]["discuss"]) is True


def test_equal_gaps_tie_and_keep_the_journey_order():
    # 14/3 − 11/3 and 2 − 1 are both exactly one point: the earlier touchpoint comes first.
    scores = ratings("Später", 1, (5, 5, 4), (4, 4, 3)) + ratings("Früher", 0, (5, 5, 5), (4, 4, 4))
    mot = metrics.moments_of_truth(metrics.touchpoint_summary(scores), threshold=4)
    assert list(mot["touchpoint"]) == ["Früher", "Später"]
    assert list(mot["gap"]) == [1.0, 1.0]


def test_raters_are_counted_per_dimension():
    scores = rows("Hotline", 0, {1: (5, 2)}) + [
        {"touchpoint_id": 1, "touchpoint": "Hotline", "phase": "P", "position": 0,
         "participant_id": p, "dimension": "importance", "value": 4}
        for p in (2, 3)
    ]  # fmt: skip
    s = metrics.touchpoint_summary(scores).iloc[0]
    assert (s["raters"], s["importance_n"], s["performance_n"]) == (3, 3, 1)


def test_the_crosshair_sits_at_the_data_means_by_default_or_at_the_midpoint():
    # Three touchpoints rated high, as workshops usually do: importance 5, 4, 4 (mean 13/3),
    # performance 4, 5, 3 (mean 4). At the midpoint all three would be "keep up".
    scores = (
        rows("Beratung", 0, {1: (5, 4)}) + rows("Montage", 1, {1: (4, 5)})
        + rows("Lieferung", 2, {1: (4, 3)})
    )  # fmt: skip
    means = metrics.touchpoint_summary(scores)
    assert list(means["quadrant"]) == ["keep_up", "overkill", "low_priority"]
    assert metrics.crosshair(means) == pytest.approx((4.0, 13 / 3))
    # Beratung's performance 4 sits exactly on the line: it counts as high.
    middle = metrics.touchpoint_summary(scores, "midpoint")
    assert list(middle["quadrant"]) == ["keep_up"] * 3
    assert metrics.crosshair(middle, "midpoint") == (3.0, 3.0)


def test_without_a_performance_score_a_touchpoint_is_not_rated_and_not_critical():
    scores = rows("Beratung", 0, {1: (5, 2)}) + [
        {"touchpoint_id": 2, "touchpoint": "Hotline", "phase": "P", "position": 1,
         "participant_id": 1, "dimension": "importance", "value": 5}
    ]  # fmt: skip
    s = metrics.touchpoint_summary(scores)
    hotline = s[s["touchpoint"] == "Hotline"].iloc[0]
    assert pd.isna(hotline["quadrant"]) and math.isnan(hotline["gap"])
    assert hotline["performance_n"] == 0
    mot = metrics.moments_of_truth(s)
    assert list(mot["touchpoint"]) == ["Beratung", "Hotline"]
    assert list(mot["critical"]) == [True, False]
    # the crosshair counts only touchpoints rated in both dimensions
    assert metrics.crosshair(s) == (2.0, 5.0)


def test_one_raters_spread_is_not_defined_and_never_discussed():
    s = metrics.touchpoint_summary(rows("Website", 0, {1: (5, 1)}))
    assert math.isnan(s.iloc[0]["spread"]) and math.isnan(s.iloc[0]["importance_sd"])
    assert bool(metrics.disagreements(s).iloc[0]["discuss"]) is False
