"""Numbers, money, percentages and dates the way the reader's language writes them (Babel).

    >>> number(1234.5, "de"), number(1234.5, "en")      # '1.234,5', '1,234.5'
    >>> percent(12.5, "de"), percent(12.5, "en")        # '12,5 %', '12.5%'
    >>> money(1200, "de"), money(1200, "en")            # '1.200 €', '€1,200'
    >>> day("2026-11-24", "de"), day("2026-11-24", "en")  # '24.11.2026', '2026-11-24'
    >>> parse_number("2,5", "de", field="share_pct")    # 2.5; "2.5" in German is refused

One module for every screen, table, chart tooltip and export that shows a number to a person.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from babel.dates import format_date
from babel.numbers import (
    NumberFormatError,
    format_currency,
    format_decimal,
    format_percent,
    parse_decimal,
)

from cemworkshop.validation import ValidationError

LOCALES = {"de": "de_DE", "en": "en_GB"}
CURRENCY = "EUR"


def _locale(lang: str) -> str:
    return LOCALES.get(lang, LOCALES["de"])


# Babel parses its pattern and locale on every call (tens of µs); a page writes the same few
# values hundreds of times per rerun, so each writing is kept (typed: 1 and 1.0 apart).
_memo = functools.lru_cache(maxsize=8192, typed=True)


def number(value: float | int, lang: str, decimals: int = 1, *, fixed: bool = False) -> str:
    """A number with up to ``decimals`` places (exactly that many with ``fixed``: 4,0) and the
    language's separators."""
    return _number(value, lang, decimals, fixed)


@_memo
def _number(value: float | int, lang: str, decimals: int, fixed: bool) -> str:
    pattern = "#,##0" + ("." + ("0" if fixed else "#") * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=_locale(lang))


@_memo
def percent(value_pct: float, lang: str, decimals: int = 1) -> str:
    """``value_pct`` given in percent (12.5 → '12,5 %' / '12.5%')."""
    # exact decimals: 11.2 stays 11,2 %, not 11,199999999999999 %
    rounded = Decimal(str(round(value_pct, decimals))) / 100
    return format_percent(rounded, locale=_locale(lang), decimal_quantization=False)


@_memo
def money(value: float, lang: str) -> str:
    """Whole euros: '1.200 €' / '€1,200' (negative amounts with a minus sign)."""
    text = format_currency(
        abs(value), CURRENCY, format="¤#,##0", locale=_locale(lang), currency_digits=False
    )
    if lang == "de":  # German puts the sign after the amount: "1.200 €"
        text = format_currency(
            abs(value), CURRENCY, format="#,##0 ¤", locale=_locale(lang), currency_digits=False
        )
    return ("−" if value < 0 else "") + text


@_memo
def day(value: str | date | datetime, lang: str) -> str:
    """A date: '24.11.2026' in German, ISO '2026-11-24' in English."""
    when = date.fromisoformat(str(value)[:10]) if isinstance(value, str) else value
    if isinstance(when, datetime):
        when = when.date()
    return (
        format_date(when, "dd.MM.yyyy", locale=_locale(lang)) if lang == "de" else when.isoformat()
    )


def moment(stamp: str, lang: str) -> str:
    """A stored UTC time (``2026-11-24T09:30:00.000Z``) as this machine's local date and time:
    '24.11.2026 10:30' / '2026-11-24 10:30'."""
    when = datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone()
    return f"{day(when, lang)} {when:%H:%M}"


def parse_number(
    text: str | None,
    lang: str,
    *,
    field: str,
    low: float | None = None,
    high: float | None = None,
    whole: bool = False,
) -> float | int:
    """A number typed by a person, read the way their language writes it — or a clear refusal.

    Never coerced: "2.5" where a German reader means 2,5 is refused with the suggestion, "abc"
    and "1e308" are refused, 2.5 where a whole number is meant is refused, and values outside
    ``low``–``high`` are refused; each as a ``ValidationError`` naming the field.
    """
    raw = (text or "").strip().replace("\u00a0", "").replace("\u202f", "").rstrip("€%").strip()
    if not raw:
        raise ValidationError("empty_number", field=field)
    try:
        found = parse_decimal(raw, locale=_locale(lang), strict=True)
    except NumberFormatError as err:
        suggestion = (err.suggestions or [None])[-1]
        if suggestion:
            raise ValidationError(
                "number_format", field=field, value=text, suggestion=suggestion
            ) from None
        raise ValidationError("not_a_number", field=field, value=text) from None
    except InvalidOperation:
        raise ValidationError("not_a_number", field=field, value=text) from None
    if not isinstance(found, Decimal) or not found.is_finite():
        raise ValidationError("not_a_number", field=field, value=text)
    if (low is not None and found < Decimal(str(low))) or (
        high is not None and found > Decimal(str(high))
    ):
        raise ValidationError(
            "out_of_range",
            field=field,
            low=number(low, lang, 2) if low is not None else "−∞",
            high=number(high, lang, 2) if high is not None else "∞",
        )
    if whole:
        if found != found.to_integral_value():
            raise ValidationError("not_whole", field=field, value=text)
        return int(found)
    return float(found)


DATE_PATTERNS = {"de": r"(\d{1,2})\.(\d{1,2})\.(\d{4})"}  # day, month, year as Germans write it


def parse_day(text: str | None, lang: str, *, field: str) -> str | None:
    """A date typed by a person: '31.12.2027' in German, ISO '2027-12-31' in either language
    (what ``day`` shows); empty is None. Returns ISO; anything else is refused, never guessed."""
    raw = (text or "").strip()
    if not raw:
        return None
    try:
        found = re.fullmatch(DATE_PATTERNS.get(lang, r"$^"), raw)
        if found:
            d, m, y = (int(g) for g in found.groups())
            return date(y, m, d).isoformat()
        return (
            date.fromisoformat(raw).isoformat()
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw)
            else _bad()
        )
    except ValueError:
        raise ValidationError("not_a_date", field=field, value=raw) from None


def _bad():
    raise ValueError
