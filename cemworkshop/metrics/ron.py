"""CEM-Rentabilität, "Return on Nothing": what doing nothing costs against what CEM returns.

    >>> result = return_on_nothing(RonInputs(customers=10_000, revenue_per_customer=1_000, ...))
    >>> result.lost_by_nothing, result.cem_gain, result.roi, result.break_even_year

Pure arithmetic: no Streamlit, no SQLite.
"""

from __future__ import annotations

from dataclasses import dataclass


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
    churn_reduction_pct: float  # relative reduction of today's churn through CEM
    years: int


@dataclass(frozen=True)
class RonResult:
    """Both paths year by year and what they mean (money in the inputs' currency)."""

    years: list[int]
    customers_nothing: list[float]  # customers at the start of each year
    customers_cem: list[float]
    margin_today: float  # one year's margin with today's customers
    margin_nothing: list[float]  # margin earned in each year
    margin_cem: list[float]
    lost_by_nothing: float  # margin lost over the horizon against today's level
    cem_gain: float  # extra margin of the CEM path over the horizon
    cem_net: float  # cem_gain minus the investment
    roi: float | None  # cem_net / investment; None without investment
    break_even_year: int | None  # first year whose cumulative extra margin covers the investment


def return_on_nothing(i: RonInputs) -> RonResult:
    """Doing nothing against investing in CEM, year by year.

    In words: each year's margin is customers × revenue per customer × margin. Customers
    at the start of the next year are this year's, minus those who leave (churn), plus
    those won by referral. Doing nothing, churn grows by the drift every year; with CEM it
    is today's churn reduced by the expected share and stays there. What doing nothing
    costs is the margin lost against today's level; what CEM returns is its extra margin
    over doing nothing, less the investment. ROI divides that by the investment; the
    break-even year is the first in which the extra margin so far covers the investment.
    """
    unit = i.revenue_per_customer * i.margin_pct / 100
    churn_cem = i.churn_pct / 100 * (1 - i.churn_reduction_pct / 100)
    referral = i.referral_pct / 100
    years = list(range(1, i.years + 1))
    nothing, cem = [float(i.customers)], [float(i.customers)]
    for year in years[:-1]:
        churn_nothing = min(1.0, max(0.0, (i.churn_pct + i.churn_drift_pts * (year - 1)) / 100))
        nothing.append(nothing[-1] * (1 - churn_nothing + referral))
        cem.append(cem[-1] * (1 - churn_cem + referral))
    margin_nothing = [n * unit for n in nothing]
    margin_cem = [c * unit for c in cem]
    margin_today = i.customers * unit
    gains = [c - n for c, n in zip(margin_cem, margin_nothing, strict=True)]
    cem_gain = sum(gains)
    cem_net = cem_gain - i.investment
    running, break_even = 0.0, None
    for year, gain in zip(years, gains, strict=True):
        running += gain
        if break_even is None and running >= i.investment:
            break_even = year
    return RonResult(
        years=years,
        customers_nothing=nothing,
        customers_cem=cem,
        margin_today=margin_today,
        margin_nothing=margin_nothing,
        margin_cem=margin_cem,
        lost_by_nothing=margin_today * len(years) - sum(margin_nothing),
        cem_gain=cem_gain,
        cem_net=cem_net,
        roi=cem_net / i.investment if i.investment else None,
        break_even_year=break_even,
    )
