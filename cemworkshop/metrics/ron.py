"""CEM-Rentabilität, "Return on Nothing": what doing nothing costs against what CEM returns.

    >>> result = return_on_nothing(RonInputs(customers=10_000, revenue_per_customer=1_000, ...))
    >>> result.lost_by_nothing, result.cem_gain, result.roi, result.break_even_year

Pure arithmetic: no Streamlit, no SQLite.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class RonInputs:
    """What the Return-on-Nothing calculation needs (percentages as 0–100)."""

    customers: float
    revenue_per_customer: float  # per year
    margin_pct: float
    churn_pct: float  # per year, today
    churn_drift_pts: float  # percentage points more churn each year if nothing changes
    referral_pct: float  # new customers per year from referrals, % of the customer base
    investment: float  # one-time CEM investment at the start
    churn_reduction_pct: float  # RELATIVE reduction of today's churn: 30 → 15 % becomes 10.5 %
    years: int
    discount_pct: float = 0.0  # yearly discount rate for the net present value; 0: none
    acquisition_cost: float = 0.0  # what winning one new customer costs; 0: left out


@dataclass(frozen=True)
class RonResult:
    """Both paths year by year and what they mean (money in the inputs' currency)."""

    years: list[int]
    customers_nothing: list[float]  # customers at the start of each year
    customers_cem: list[float]
    margin_today: float  # one year's margin with today's customers
    margin_nothing: list[float]  # margin earned in each year (customers counted mid-year)
    margin_cem: list[float]
    lost_by_nothing: float  # margin lost against today's level over the horizon (< 0: it grows)
    cem_gain: float  # extra margin (and saved acquisition) of the CEM path, discounted
    cem_net: float  # cem_gain minus the investment
    roi: float | None  # cem_net / investment; None without investment
    break_even_year: int | None  # first year whose cumulative extra covers the investment


def churn_with_cem(i: RonInputs) -> float:
    """The yearly churn with CEM, in percent: today's, reduced by the relative reduction."""
    return i.churn_pct * (1 - i.churn_reduction_pct / 100)


@functools.lru_cache(maxsize=512)  # a page shows the same scenarios on every rerun; read-only
def return_on_nothing(i: RonInputs) -> RonResult:
    """Doing nothing against investing in CEM, year by year.

    In words: a year's margin is the customers in the middle of the year × revenue per
    customer × margin, so CEM shows in its first year already. Customers at the end of a
    year are those at its start, minus those who leave (churn), plus those won by referral.
    Doing nothing, churn grows by the drift every year; with CEM it is today's churn
    reduced by the expected share (relative: 30 % less turns 15 % into 10.5 %) and stays
    there. Each customer CEM keeps need not be won again (acquisition cost, if given).
    What doing nothing costs is the margin lost against today's level; what CEM returns is
    its extra margin and saved acquisition over doing nothing; both discounted to today
    with the discount rate (net present value), the investment paid at the start. ROI
    divides CEM's net return by the investment; the break-even year is the first in which
    the return so far covers the investment.
    """
    unit = i.revenue_per_customer * i.margin_pct / 100
    churn_cem = churn_with_cem(i) / 100
    referral = i.referral_pct / 100
    years = list(range(1, i.years + 1))
    starts_nothing, starts_cem = [], []
    margin_nothing, margin_cem, gains = [], [], []
    nothing = cem = float(i.customers)
    margin_today = i.customers * unit
    lost_by_nothing = 0.0
    for year in years:
        discount = (1 + i.discount_pct / 100) ** -year
        churn_nothing = min(1.0, max(0.0, (i.churn_pct + i.churn_drift_pts * (year - 1)) / 100))
        lost_nothing, lost_cem = nothing * churn_nothing, cem * churn_cem
        end_nothing = nothing - lost_nothing + nothing * referral
        end_cem = cem - lost_cem + cem * referral
        starts_nothing.append(nothing)
        starts_cem.append(cem)
        margin_nothing.append((nothing + end_nothing) / 2 * unit)
        margin_cem.append((cem + end_cem) / 2 * unit)
        saved = (lost_nothing - lost_cem) * i.acquisition_cost
        gains.append((margin_cem[-1] - margin_nothing[-1] + saved) * discount)
        lost_by_nothing += (margin_today - margin_nothing[-1]) * discount
        nothing, cem = end_nothing, end_cem
    cem_gain = sum(gains)
    cem_net = cem_gain - i.investment
    running, break_even = 0.0, None
    for year, gain in zip(years, gains, strict=True):
        running += gain
        if break_even is None and running >= i.investment:
            break_even = year
    return RonResult(
        years=years,
        customers_nothing=starts_nothing,
        customers_cem=starts_cem,
        margin_today=margin_today,
        margin_nothing=margin_nothing,
        margin_cem=margin_cem,
        lost_by_nothing=lost_by_nothing,
        cem_gain=cem_gain,
        cem_net=cem_net,
        roi=cem_net / i.investment if i.investment else None,
        break_even_year=break_even,
    )


SENSITIVE = (
    "customers", "revenue_per_customer", "margin_pct", "churn_pct", "churn_drift_pts",
    "referral_pct", "investment", "churn_reduction_pct", "discount_pct", "acquisition_cost",
)  # fmt: skip
PERCENT = {"margin_pct", "churn_pct", "referral_pct", "churn_reduction_pct", "discount_pct"}


@functools.lru_cache(maxsize=128)  # read-only
def sensitivity(i: RonInputs, step: float = 0.10) -> list[dict]:
    """Which input moves the result most: CEM's net return with each input 10 % lower and
    10 % higher, the others as they are. Largest swing first; inputs at zero are left out
    (10 % of nothing moves nothing). ``[{"field", "low", "high", "swing"}, …]``."""
    base = return_on_nothing(i).cem_net
    found = []
    for name in SENSITIVE:
        value = getattr(i, name)
        if not value:
            continue
        results = []
        for factor in (1 - step, 1 + step):
            moved = value * factor
            if name in PERCENT:
                moved = min(100.0, moved)
            results.append(return_on_nothing(replace(i, **{name: moved})).cem_net)
        low, high = results
        found.append(
            {"field": name, "low": low - base, "high": high - base, "swing": abs(high - low)}
        )
    return sorted(found, key=lambda r: (-r["swing"], SENSITIVE.index(r["field"])))
