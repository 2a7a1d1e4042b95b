"""The Kundenbarometer's arithmetic: honest figures from satisfaction measurements, their
change from one period to the next, the CEM quality index, KPIs against targets.

    >>> s = Stats.of([9, 10, 7, 3, 10], NPS)        # sufficient statistics of one cell
    >>> figure(NPS, s)                              # value 40, n 5, "small sample", 95 % interval
    >>> change(NPS, before, after)                  # ▲ / ▼ only when significant at 95 %
    >>> normalise(NPS, 40)                          # 70.0 on the 0–100 scale of the index
    >>> quality_index({"nps": 70, "csat": 80}, {"nps": 40, "csat": 40, "ces": 20})   # 75.0
    >>> judge(31, target=35, direction="higher", margin=5)   # "nearly"

Every cell (period × touchpoint × metric) is reduced to its sufficient statistics — count,
sum, sum of squares, top-box and bottom-box counts — so raw responses and pre-aggregated rows
(value and n, with spread and shares where the source has them) add up the same way.

The rules of honesty: below ``HIDE_BELOW`` answers the value is not shown; below
``SMALL_BELOW`` it is marked as a small sample and shown with its 95 % interval; an arrow
appears only when the change is significant at 95 % (NPS: z-test with the standard error from
the promoter and detractor shares; shares: two-proportion z-test; means: Welch's t-test),
otherwise "≈". The tests come from statsmodels and scipy, not from hand-written formulas.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from datetime import date, timedelta

HIDE_BELOW = 5
SMALL_BELOW = 30
ALPHA = 0.05
Z95 = 1.959963984540054  # the two-sided 95 % quantile of the normal distribution

NPS_LOW, NPS_HIGH = 0, 10


@dataclass(frozen=True)
class Metric:
    """How a metric is measured and read: its scale, its top box (values at or above
    ``top_from``), its bottom box (values at or below ``bottom_to``, NPS detractors) and which
    figure is its headline: ``nps`` (% top − % bottom), ``share`` (top-box %) or ``mean``."""

    code: str
    low: float
    high: float
    headline: str
    top_from: float | None = None
    bottom_to: float | None = None


NPS = Metric("nps", 0, 10, "nps", top_from=9, bottom_to=6)
CSAT = Metric("csat", 1, 5, "share", top_from=4)
CES = Metric("ces", 1, 7, "mean", top_from=5)
BUILT_IN = {m.code: m for m in (NPS, CSAT, CES)}
DEFAULT_WEIGHTS = {"nps": 40, "csat": 40, "ces": 20}


def own_metric(low: float, high: float) -> Metric:
    """A workshop's own dimension: read by its mean on its own scale."""
    return Metric("own", low, high, "mean")


@dataclass(frozen=True)
class Stats:
    """Sufficient statistics of one cell. ``has_sd`` and ``has_shares`` are False when a
    pre-aggregated row did not say its spread or its shares (no test is possible then)."""

    n: int = 0
    total: float = 0.0
    squares: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    has_sd: bool = True
    has_shares: bool = True

    @classmethod
    def of(cls, values, metric: Metric) -> Stats:
        values = [float(v) for v in values]
        return cls(
            n=len(values),
            total=sum(values),
            squares=sum(v * v for v in values),
            top=sum(1 for v in values if metric.top_from is not None and v >= metric.top_from),
            bottom=sum(1 for v in values if metric.bottom_to is not None and v <= metric.bottom_to),
        )

    @classmethod
    def aggregated(
        cls, n: int, mean: float, *, sd: float | None = None, top_share: float | None = None,
        bottom_share: float | None = None,
    ) -> Stats:  # fmt: skip
        """A pre-aggregated row: ``n`` answers with their ``mean``; optionally the standard
        deviation and the top- and bottom-box shares (0–1)."""
        squares = (n - 1) * sd * sd + n * mean * mean if sd is not None else n * mean * mean
        return cls(
            n=n, total=n * mean, squares=squares,
            top=(top_share or 0.0) * n, bottom=(bottom_share or 0.0) * n,
            has_sd=sd is not None, has_shares=top_share is not None,
        )  # fmt: skip

    def __add__(self, other: Stats) -> Stats:
        return Stats(
            self.n + other.n, self.total + other.total, self.squares + other.squares,
            self.top + other.top, self.bottom + other.bottom,
            self.has_sd and other.has_sd, self.has_shares and other.has_shares,
        )  # fmt: skip

    @property
    def mean(self) -> float:
        return self.total / self.n if self.n else math.nan

    @property
    def sd(self) -> float:
        """Sample standard deviation (NaN with fewer than two answers or without a spread)."""
        if self.n < 2 or not self.has_sd:
            return math.nan
        return math.sqrt(max(0.0, (self.squares - self.total * self.total / self.n) / (self.n - 1)))

    @property
    def top_share(self) -> float:
        return self.top / self.n if self.n and self.has_shares else math.nan

    @property
    def bottom_share(self) -> float:
        return self.bottom / self.n if self.n and self.has_shares else math.nan


@dataclass(frozen=True)
class Figure:
    """One metric's figure in one cell. ``value`` is the headline (NPS points, top-box % or
    mean); ``status`` is ``hidden`` (n < 5: no value), ``small`` (n < 30) or ``ok``;
    ``low``/``high`` the 95 % interval (NaN where it cannot be computed); ``mean`` and
    ``share`` the other reading (CSAT's mean, CES's share of 5–7)."""

    n: int
    value: float
    low: float
    high: float
    status: str
    mean: float = math.nan
    share: float = math.nan


def nps(stats: Stats) -> float:
    return 100 * (stats.top - stats.bottom) / stats.n if stats.n else math.nan


def nps_se(stats: Stats) -> float:
    """Standard error of the NPS in points: √((p + d − (p − d)²) / n) · 100."""
    if not stats.n:
        return math.nan
    p, d = stats.top / stats.n, stats.bottom / stats.n
    return 100 * math.sqrt(max(0.0, p + d - (p - d) ** 2) / stats.n)


def _share_interval(stats: Stats) -> tuple[float, float]:
    from statsmodels.stats.proportion import proportion_confint

    low, high = proportion_confint(round(stats.top), stats.n, alpha=ALPHA, method="wilson")
    return 100 * float(low), 100 * float(high)


def _mean_interval(stats: Stats) -> tuple[float, float]:
    from scipy import stats as sp

    if math.isnan(stats.sd):
        return math.nan, math.nan
    if stats.sd == 0:
        return stats.mean, stats.mean
    low, high = sp.t.interval(
        0.95, stats.n - 1, loc=stats.mean, scale=stats.sd / math.sqrt(stats.n)
    )
    return float(low), float(high)


def headline(metric: Metric, stats: Stats) -> float:
    if not stats.n:
        return math.nan
    if metric.headline == "nps":
        return nps(stats) if stats.has_shares else math.nan
    if metric.headline == "share":
        return 100 * stats.top_share
    return stats.mean


def figure(metric: Metric, stats: Stats) -> Figure:
    """The cell's figure under the rules of honesty (see the module's text)."""
    if stats.n < HIDE_BELOW:
        return Figure(stats.n, math.nan, math.nan, math.nan, "hidden")
    status = "small" if stats.n < SMALL_BELOW else "ok"
    value = headline(metric, stats)
    if metric.headline == "nps":
        se = nps_se(stats) if stats.has_shares else math.nan
        low, high = max(-100.0, value - Z95 * se), min(100.0, value + Z95 * se)
    elif metric.headline == "share":
        low, high = _share_interval(stats) if stats.has_shares else (math.nan, math.nan)
    else:
        low, high = _mean_interval(stats)
    share = 100 * stats.top_share if metric.top_from is not None else math.nan
    return Figure(stats.n, value, low, high, status, mean=stats.mean, share=share)


@dataclass(frozen=True)
class Change:
    """From one period to the next: ``diff`` of the headline, the test's ``p`` value and the
    ``mark``: ▲ or ▼ when significant at 95 %, ≈ when not, "" when it cannot be tested
    (a side hidden, or a pre-aggregated row without its spread or shares)."""

    diff: float
    p: float
    mark: str

    @property
    def significant(self) -> bool:
        return self.mark in ("▲", "▼")


def change(metric: Metric, before: Stats, after: Stats) -> Change:
    """The change of the headline from ``before`` to ``after`` and whether it is significant."""
    if before.n < HIDE_BELOW or after.n < HIDE_BELOW:
        return Change(math.nan, math.nan, "")
    diff = headline(metric, after) - headline(metric, before)
    p = _p_value(metric, before, after)
    if math.isnan(p):
        return Change(diff, p, "")
    if p < ALPHA and diff != 0:
        return Change(diff, p, "▲" if diff > 0 else "▼")
    return Change(diff, p, "≈")


def _p_value(metric: Metric, a: Stats, b: Stats) -> float:
    from scipy import stats as sp

    if metric.headline == "nps":
        if not (a.has_shares and b.has_shares):
            return math.nan
        se = math.hypot(nps_se(a), nps_se(b))
        if se == 0:
            return 1.0 if nps(a) == nps(b) else 0.0
        z = (nps(b) - nps(a)) / se
        return float(2 * sp.norm.sf(abs(z)))
    if metric.headline == "share":
        if not (a.has_shares and b.has_shares):
            return math.nan
        from statsmodels.stats.proportion import proportions_ztest

        tops, ns = [round(a.top), round(b.top)], [a.n, b.n]
        if sum(tops) in (0, sum(ns)):  # everyone (or no one) in the top box on both sides
            return 1.0
        return float(proportions_ztest(tops, ns)[1])
    if math.isnan(a.sd) or math.isnan(b.sd):
        return math.nan
    if a.sd == 0 and b.sd == 0:
        return 1.0 if a.mean == b.mean else 0.0
    result = sp.ttest_ind_from_stats(a.mean, a.sd, a.n, b.mean, b.sd, b.n, equal_var=False)
    return float(result.pvalue)


# ---- the CEM quality index ---------------------------------------------------------------


def normalise(metric: Metric, value: float) -> float:
    """A headline on the index's 0–100 scale: NPS → (NPS + 100) / 2; a share as its %;
    a mean as (x − min) / (max − min) · 100."""
    if value is None or math.isnan(value):
        return math.nan
    if metric.headline == "nps":
        return (value + 100) / 2
    if metric.headline == "share":
        return value
    return (value - metric.low) / (metric.high - metric.low) * 100


def quality_index(normalised: dict[str, float], weights: dict[str, float]) -> float:
    """The weighted mean of the metrics a touchpoint has (NaN values and zero weights left out;
    the weights of the others count in proportion). NaN when none is there."""
    parts = [
        (v, weights.get(code, 0))
        for code, v in normalised.items()
        if not math.isnan(v) and weights.get(code, 0) > 0
    ]
    total = sum(w for _, w in parts)
    return sum(v * w for v, w in parts) / total if total else math.nan


def overall_index(indices: dict, importance: dict) -> float:
    """The touchpoints' indices weighted by their importance from step 1; a touchpoint the room
    did not rate counts with the mean importance of those it did rate (1 when none was)."""
    known = [w for w in importance.values() if w is not None and not math.isnan(w)]
    fallback = sum(known) / len(known) if known else 1.0
    parts = []
    for tp, value in indices.items():
        if math.isnan(value):
            continue
        w = importance.get(tp)
        parts.append((value, fallback if w is None or math.isnan(w) else w))
    total = sum(w for _, w in parts)
    return sum(v * w for v, w in parts) / total if total else math.nan


# ---- KPIs against targets ----------------------------------------------------------------

JUDGEMENTS = ("met", "nearly", "missed")


def judge(value: float, *, target: float, direction: str, margin: float) -> str | None:
    """``met`` when the value reaches the target in the KPI's direction, ``nearly`` when it
    misses by at most ``margin`` % of the target's size, else ``missed``; None without both."""
    if value is None or target is None or math.isnan(value) or math.isnan(target):
        return None
    short = target - value if direction == "higher" else value - target
    if short <= 1e-12:
        return "met"
    allowed = abs(target) * margin / 100
    return "nearly" if short <= allowed + 1e-12 else "missed"


def target_valid(current: float | None, changes: list[dict], on: str) -> float | None:
    """The target that was valid on day ``on`` (ISO): the newest change made on or before it,
    or — before the first change — that change's old value; without changes the current one.
    ``changes``: ``changed_on, old_value, new_value`` (and ``id``: of two changes on one day
    the later one holds)."""
    ordered = sorted(changes, key=lambda c: (c["changed_on"], c.get("id") or 0))
    valid = ordered[0]["old_value"] if ordered else current
    for c in ordered:
        if c["changed_on"] <= on:
            valid = c["new_value"]
    return valid


# ---- periods -----------------------------------------------------------------------------

GRANULARITIES = ("quarter", "month")


def period_of(day: str, granularity: str) -> str:
    """``2026-Q3`` or ``2026-07`` for an ISO day."""
    year, month = int(day[:4]), int(day[5:7])
    return f"{year}-Q{(month + 2) // 3}" if granularity == "quarter" else f"{year}-{month:02d}"


@functools.lru_cache(maxsize=1024)
def period_bounds(period: str) -> tuple[date, date]:
    """First and last day of a period label (a few labels, asked for thousands of times)."""
    year = int(period[:4])
    if "Q" in period:
        first_month = 3 * (int(period[-1]) - 1) + 1
        last_month = first_month + 2
    else:
        first_month = last_month = int(period[5:7])
    start = date(year, first_month, 1)
    end = date(year + (last_month == 12), last_month % 12 + 1, 1) - timedelta(days=1)
    return start, end
