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
    # nothing: 1000 → 900 (10 % leave) → 792 (12 % leave); CEM: 1000 → 950 → 902.5 (5 % leave)
    assert r.customers_nothing == pytest.approx([1000, 900, 792])
    assert r.customers_cem == pytest.approx([1000, 950, 902.5])
    assert r.margin_nothing == pytest.approx([200_000, 180_000, 158_400])
    assert r.margin_cem == pytest.approx([200_000, 190_000, 180_500])
    assert r.lost_by_nothing == pytest.approx(600_000 - 538_400)  # 61,600
    assert r.cem_gain == pytest.approx(32_100)
    assert r.cem_net == pytest.approx(-17_900)
    assert r.roi == pytest.approx(-17_900 / 50_000)
    assert r.break_even_year is None  # 32,100 of extra margin does not cover 50,000 yet


def test_five_years_by_hand_break_even_in_year_four():
    r = metrics.return_on_nothing(RonInputs(**BASE | {"years": 5}))
    # nothing: 792 × 0.86 = 681.12, × 0.84 = 572.1408; CEM: 902.5 × 0.95 = 857.375, × 0.95 = 814.50625
    assert r.customers_nothing[3:] == pytest.approx([681.12, 572.1408])
    assert r.customers_cem[3:] == pytest.approx([857.375, 814.50625])
    # extra margin per year: 0, 10,000, 22,100, 35,251, 48,473.09 → cumulative 67,351 in year 4
    assert r.cem_gain == pytest.approx(115_824.09)
    assert r.break_even_year == 4
    assert r.roi == pytest.approx(65_824.09 / 50_000)


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
