"""Complaint analysis after ISO 10002: pure arithmetic on the complaint log.

    >>> working_days("2026-11-27T16:00", "2026-11-30T09:00")   # Friday → Monday: 1
    >>> p90([3, 1, 2])                  # nearest rank: the ⌈0.9·n⌉-th smallest → 3
    >>> period_figures(rows, customers=12000, today=date(2026, 11, 29), target_days=56)
    >>> pareto({"Lieferung": 12, "Montage": 6, "Rechnung": 2})   # with the 80 % mark

Working days are Monday to Friday (public holidays are not known to the app and count as
working days). "Days to close" are calendar days, fractional, from receipt to closing.
"""

from __future__ import annotations

import math
from datetime import date, datetime

import numpy as np

PARETO_SHARE = 0.8


def _when(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).replace(tzinfo=None)


def working_days(start: str, end: str) -> int:
    """Whole working days (Mon–Fri) from ``start``'s date to ``end``'s date: the same day 0,
    Friday to Monday 1."""
    return int(np.busday_count(_when(start).date(), _when(end).date()))


def days_between(start: str, end: str) -> float:
    return (_when(end) - _when(start)).total_seconds() / 86400


def median(values: list[float]) -> float:
    return float(np.median(values)) if values else math.nan


def p90(values: list[float]) -> float:
    """The 90th percentile by nearest rank: the ⌈0.9·n⌉-th smallest value (with few values
    one of the values itself, never an interpolation between them)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return float(ordered[math.ceil(0.9 * len(ordered)) - 1])


def _share(hits: int, total: int) -> float:
    return hits / total if total else math.nan


def period_figures(
    rows: list[dict], *, customers: int | None, today: date, target_days: int
) -> dict:
    """The figures of one period's complaints (``rows``: ``received_at, acknowledged_at,
    closed_at, first_contact, upheld, status``)."""
    n = len(rows)
    closed = [r for r in rows if r["closed_at"]]
    to_close = [days_between(r["received_at"], r["closed_at"]) for r in closed]
    acked = [r for r in rows if r["acknowledged_at"]
             and working_days(r["received_at"], r["acknowledged_at"]) <= 1]  # fmt: skip
    decided = [r for r in rows if r["upheld"] is not None]
    now = datetime.combine(today, datetime.min.time()).isoformat()
    open_old = [
        r for r in rows if not r["closed_at"] and days_between(r["received_at"], now) > target_days
    ]
    return {
        "count": n,
        "per_1000": n / customers * 1000 if customers else math.nan,
        "first_contact": _share(sum(1 for r in rows if r["first_contact"] == 1), n),
        "acknowledged_1wd": _share(len(acked), n),
        "median_days": median(to_close),
        "p90_days": p90(to_close),
        "closed_3wd": _share(sum(1 for r in closed if working_days(r["received_at"], r["closed_at"]) <= 3), n),
        "closed_8w": _share(sum(1 for d in to_close if d <= 56), n),
        "upheld": _share(sum(1 for r in decided if r["upheld"] == 1), len(decided)),
        "open_over_target": len(open_old),
    }  # fmt: skip


def pareto(counts: dict[str, int]) -> list[dict]:
    """Categories by count, largest first (ties by name), with the cumulative share and
    ``vital`` for those up to and including the first that reaches 80 %."""
    total = sum(counts.values())
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
    out, running, reached = [], 0, False
    for name, count in ordered:
        running += count
        share = running / total if total else 0.0
        out.append({"name": name, "count": count, "cumulative": share, "vital": not reached})
        reached = reached or share >= PARETO_SHARE - 1e-12
    return out
