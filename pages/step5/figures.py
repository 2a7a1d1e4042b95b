"""How step 5 writes a barometer figure: the value in its metric's reading (NPS points with a
sign, a share in %, a mean), its n, its 95 % interval, the note of a small or hidden sample and
the mark of a change — the same words in every section.

>>> value_text(metric, 12.0)              # "+12" (NPS), "64 %" (CSAT), "4,1" (CES)
>>> figure_cells(metric, fig, change)     # value, n, interval, change, note
"""

from __future__ import annotations

import math

from cemworkshop import barometer
from cemworkshop.metrics import barometer as calc
from pages.common.text import number, t


def reading(metric: dict) -> str:
    """What the metric's headline is: "points (−100 to +100)", "share 4–5 in %", "mean 1–7"."""
    d = barometer.definition(metric)
    if d.headline == "nps":
        return t("baro.reading_nps")
    if d.headline == "share":
        return t("baro.reading_share", top=f"{d.top_from:g}", high=f"{d.high:g}")
    return t("baro.reading_mean", low=f"{metric['low']:g}", high=f"{metric['high']:g}")


def label(metric: dict) -> str:
    """The metric's name with its reading: "CSAT · share 4–5 in %"."""
    return f"{metric['name']} · {reading(metric)}"


def value_text(metric: dict, value: float) -> str:
    if value is None or math.isnan(value):
        return "–"
    kind = barometer.definition(metric).headline
    if kind == "nps":
        return ("+" if round(value) > 0 else "") + number(value, 0)
    if kind == "share":
        return f"{number(value, 0)} %"
    return number(value, 2, fixed=True)


def interval_text(metric: dict, fig: calc.Figure) -> str:
    if math.isnan(fig.low):
        return "–"
    return f"{value_text(metric, fig.low)} … {value_text(metric, fig.high)}"


def other_text(metric: dict, fig: calc.Figure) -> str:
    """The other reading: CSAT's mean, CES's share of 5–7 (empty for NPS and own dimensions)."""
    d = barometer.definition(metric)
    if fig.status == "hidden":
        return ""
    if d.headline == "share":
        return t("baro.other_mean", value=number(fig.mean, 2, fixed=True))
    if d.code == "ces":
        return t("baro.other_share", top=f"{d.top_from:g}", high=f"{d.high:g}",
                 value=number(fig.share, 0))  # fmt: skip
    return ""


def change_text(metric: dict, change: calc.Change | None) -> str:
    """ "▲ +6" / "▼ −4,2" (significant), "≈ +1" (not), "–" (not testable or no period before)."""
    if change is None or math.isnan(change.diff):
        return "–"
    kind = barometer.definition(metric).headline
    decimals = 2 if kind == "mean" else 0
    diff = ("+" if change.diff > 0 else "") + number(change.diff, decimals, fixed=decimals > 0)
    return f"{change.mark} {diff}".strip() if change.mark else f"{diff} ({t('baro.untested')})"


def note_text(fig: calc.Figure) -> str:
    if fig.status == "hidden":
        return t("baro.hidden", n=calc.HIDE_BELOW)
    if fig.status == "small":
        return t("baro.small", n=calc.SMALL_BELOW)
    return ""


def shown_value(metric: dict, fig: calc.Figure) -> str:
    """The value as a table cell: "n < 5" instead of a hidden value."""
    if fig.status == "hidden":
        return f"n < {calc.HIDE_BELOW}"
    return value_text(metric, fig.value)
