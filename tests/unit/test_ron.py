"""Return on Nothing: formulas against cases computed by hand, inputs checked, scenarios kept."""

import pytest

from cemworkshop import profitability as ron
from cemworkshop import workshops
from cemworkshop.metrics import ron as metrics
from cemworkshop.metrics.ron import RonInputs
from cemworkshop.validation import ValidationError

# 1,000 customers × 1,000 € × 20 % margin = 200,000 € a year today; churn 10 %, +2 points a
# year if nothing changes; CEM halves churn for a one-time 50,000 €; no referrals.
BASE = dict(
    customers=1000, revenue_per_customer=1000, margin_pct=20, churn_pct=10, churn_drift_pts=2,
    referral_pct=0, investment=50_000, churn_reduction_pct=50, years=3,
)  # fmt: skip


def test_three_years_by_hand():
    r = metrics.return_on_nothing(RonInputs(**BASE))
    # Customers at the start of each year — nothing: 1000 → 900 (10 % leave) → 792 (12 %);
    # CEM (half the churn, 5 %): 1000 → 950 → 902.5.
    assert r.customers_nothing == pytest.approx([1000, 900, 792])
    assert r.customers_cem == pytest.approx([1000, 950, 902.5])
    # A year's margin counts the customers in the middle of the year (× 200 €):
    # nothing (1000+900)/2, (900+792)/2, (792+681.12)/2; CEM (1000+950)/2, …, (902.5+857.375)/2
    assert r.margin_nothing == pytest.approx([190_000, 169_200, 147_312])
    assert r.margin_cem == pytest.approx([195_000, 185_250, 175_987.5])
    assert r.lost_by_nothing == pytest.approx(600_000 - 506_512)  # 93,488
    assert r.cem_gain == pytest.approx(5_000 + 16_050 + 28_675.5)  # 49,725.5
    assert r.cem_net == pytest.approx(-274.5)
    assert r.roi == pytest.approx(-274.5 / 50_000)
    assert r.break_even_year is None  # 49,725.50 does not quite cover 50,000


def test_cem_shows_in_its_first_year():
    r = metrics.return_on_nothing(RonInputs(**BASE | {"years": 1}))
    assert r.cem_gain == pytest.approx(5_000)  # (975 − 950) customers mid-year × 200 €
    assert r.roi == pytest.approx(-45_000 / 50_000)  # not −100 %


def test_five_years_by_hand_break_even_in_year_four():
    r = metrics.return_on_nothing(RonInputs(**BASE | {"years": 5}))
    # nothing: 792 × 0.86 = 681.12, × 0.84 = 572.1408; CEM: 902.5 × 0.95 = 857.375, × 0.95 = 814.50625
    assert r.customers_nothing[3:] == pytest.approx([681.12, 572.1408])
    assert r.customers_cem[3:] == pytest.approx([857.375, 814.50625])
    # year 4: CEM (857.375+814.50625)/2 = 835.940625, nothing (681.12+572.1408)/2 = 626.6304
    # year 5: 794.14359375 against 520.648128 → extra 41,862.045 and 54,699.09315
    assert r.cem_gain == pytest.approx(49_725.5 + 41_862.045 + 54_699.09315)
    assert r.break_even_year == 4  # 5,000 + 16,050 + 28,675.5 + 41,862.045 = 91,587.545
    assert r.roi == pytest.approx((146_286.63815 - 50_000) / 50_000)


def test_discounting_brings_later_years_to_todays_value():
    r = metrics.return_on_nothing(RonInputs(**BASE | {"discount_pct": 10}))
    expected = 5_000 / 1.1 + 16_050 / 1.1**2 + 28_675.5 / 1.1**3  # 39,354.24 …
    assert r.cem_gain == pytest.approx(expected)
    assert r.cem_net == pytest.approx(expected - 50_000)


def test_each_customer_cem_keeps_saves_winning_a_new_one():
    r = metrics.return_on_nothing(RonInputs(**BASE | {"acquisition_cost": 300}))
    # customers lost — nothing: 100, 108, 110.88; CEM: 50, 47.5, 45.125
    saved = (50 + 60.5 + 65.755) * 300  # 52,876.50
    assert r.cem_gain == pytest.approx(49_725.5 + saved)


def test_when_referrals_outweigh_churn_doing_nothing_grows_the_margin():
    r = metrics.return_on_nothing(
        RonInputs(**BASE | {"churn_pct": 2, "churn_drift_pts": 0, "referral_pct": 5})
    )
    assert r.lost_by_nothing < 0  # the page then says "grows without CEM", not a negative cost
    assert r.customers_nothing == pytest.approx([1000, 1030, 1060.9])


def test_referrals_add_customers_and_churn_is_capped_at_everyone():
    r = metrics.return_on_nothing(
        RonInputs(**BASE | {"referral_pct": 5, "churn_drift_pts": 60, "years": 3})
    )
    # year 2: 1000 × (1 − 0.10 + 0.05) = 950; year 3: churn 70 % → 950 × (1 − 0.70 + 0.05) = 332.5
    assert r.customers_nothing == pytest.approx([1000, 950, 332.5])
    capped = metrics.return_on_nothing(RonInputs(**BASE | {"churn_drift_pts": 100, "years": 4}))
    assert capped.customers_nothing[-1] == 0  # churn cannot exceed 100 %


def test_without_investment_there_is_no_roi_and_break_even_is_year_one():
    r = metrics.return_on_nothing(RonInputs(**BASE | {"investment": 0}))
    assert r.roi is None
    assert r.break_even_year == 1


def test_sensitivity_names_the_lever_that_moves_the_result_most():
    found = metrics.sensitivity(RonInputs(**BASE))
    assert found[0]["field"] == "investment"  # 50,000 ± 10 % moves the net return by ∓5,000
    assert (found[0]["low"], found[0]["high"]) == pytest.approx((5_000, -5_000))
    by_field = {f["field"]: f for f in found}
    # ±10 % revenue moves every margin by ±10 %: CEM's extra 49,725.5 by ±4,972.55
    assert by_field["revenue_per_customer"]["swing"] == pytest.approx(9_945.1)
    assert "referral_pct" not in by_field  # at zero: 10 % of nothing moves nothing
    assert [f["swing"] for f in found] == sorted((f["swing"] for f in found), reverse=True)


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [("margin_pct", 120, "out_of_range"), ("customers", 0, "out_of_range"),
     ("years", 31, "out_of_range"), ("churn_pct", -1, "out_of_range"),
     ("investment", "viel", "not_a_number"), ("years", None, "not_a_number")],
)  # fmt: skip
def test_bad_inputs_are_named(field, value, code):
    with pytest.raises(ValidationError) as err:
        ron.check_inputs(**BASE | {field: value})
    assert (err.value.code, err.value.params["field"]) == (code, field)


def test_scenarios_are_saved_replaced_by_name_listed_and_deleted(db_path):
    ws = workshops.create_workshop("RON")
    base = ron.check_inputs(**BASE)
    first = ron.save_scenario(ws.id, "Basis", base)
    ron.save_scenario(ws.id, "Mutig", ron.check_inputs(**BASE | {"churn_reduction_pct": 80}))
    # A new scenario under a name in use is refused; the loaded one (its version) is replaced.
    with pytest.raises(ValidationError, match="duplicate_scenario"):
        ron.save_scenario(ws.id, "basis", base)
    loaded = ron.scenarios(ws.id)[0]
    again = ron.save_scenario(
        ws.id, "basis", ron.check_inputs(**BASE | {"years": 5}), version=loaded["version"]
    )
    assert again == first
    with pytest.raises(ValidationError, match="stale_edit"):  # the same stale form again
        ron.save_scenario(ws.id, "basis", base, version=loaded["version"])
    listed = ron.scenarios(ws.id)
    assert [(s["name"], s["inputs"].years) for s in listed] == [("basis", 5), ("Mutig", 3)]
    with pytest.raises(ValidationError, match="empty_name"):
        ron.save_scenario(ws.id, "  ", base)
    ron.delete_scenario(ws.id, first)
    assert [s["name"] for s in ron.scenarios(ws.id)] == ["Mutig"]
