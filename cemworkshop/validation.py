"""Input rules shared by every module: names, lengths, yes/no words.

A rule that is broken raises :class:`ValidationError` with a message key from the
translation catalogue (``error.<code>``) and the values the message needs, so the page
shows it in the reader's language and nothing the user typed is lost.

    >>> clean_name("  Website  ", field="touchpoint")
    'Website'
"""

from __future__ import annotations

import unicodedata

MAX_NAME = 120
MAX_TEXT = 200
NUMBER_LIMIT = 1e12  # what any number field accepts at most (and its negative at least)


class ValidationError(ValueError):
    """Bad input: ``code`` names the message (``error.<code>``), ``params`` fill it in."""

    def __init__(self, code: str, **params):
        super().__init__(f"{code} {params}" if params else code)
        self.code = code
        self.params = params


def _squash(text: str) -> str:
    # Control characters (newlines, tabs, NUL) never belong in a name; collapse to spaces.
    cleaned = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in text)
    return " ".join(cleaned.split())


def clean_name(text: str | None, *, field: str, max_len: int = MAX_NAME) -> str:
    """``text`` trimmed and single-spaced; raises if it is empty or longer than ``max_len``."""
    name = _squash(text or "")
    if not name:
        raise ValidationError("empty_name", field=field)
    if len(name) > max_len:
        raise ValidationError("name_too_long", field=field, max=max_len, length=len(name))
    return name


def clean_text(text: str | None, *, field: str, max_len: int = MAX_TEXT) -> str:
    """Optional short text (channel, department): trimmed, may be empty, bounded in length."""
    value = _squash(text or "")
    if len(value) > max_len:
        raise ValidationError("name_too_long", field=field, max=max_len, length=len(value))
    return value


def clean_long_text(text: str | None, *, field: str, max_len: int) -> str:
    """A sentence or paragraph: trimmed, line breaks kept, bounded in length."""
    value = (text or "").strip()
    if len(value) > max_len:
        raise ValidationError("name_too_long", field=field, max=max_len, length=len(value))
    return value


YES = {"1", "true", "yes", "y", "ja", "j", "x", "wahr"}
NO = {"0", "false", "no", "n", "nein", "", "falsch"}


def parse_yes_no(text: str | None, *, field: str) -> bool:
    """``True``/``False`` from the yes/no words people type in spreadsheets (de and en)."""
    word = (text or "").strip().lower()
    if word in YES:
        return True
    if word in NO:
        return False
    raise ValidationError("not_yes_no", field=field, value=text)


def clean_number(
    value,
    *,
    field: str,
    low: float = -NUMBER_LIMIT,
    high: float = NUMBER_LIMIT,
    whole: bool = False,
) -> float | int | None:
    """An optional number from a form (None stays None) within [low, high]; ``whole``: an int."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        raise ValidationError("not_a_number", field=field)
    if whole and value != int(value):
        raise ValidationError("not_a_whole_number", field=field)
    if not low <= value <= high:
        raise ValidationError("out_of_range", field=field, low=_bound(low), high=_bound(high))
    return int(value) if whole else float(value)


def _bound(value: float) -> str:
    return "10¹²" if value == NUMBER_LIMIT else "−10¹²" if value == -NUMBER_LIMIT else f"{value:g}"


def clean_day(value, *, field: str) -> str | None:
    """An optional date (a ``date`` or ISO text) as ISO text; empty is None."""
    from datetime import date

    if isinstance(value, date):
        return value.isoformat()
    text = (value or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise ValidationError("not_a_date", field=field, value=value) from None


def clean_choice(value, *, field: str, choices: tuple[str, ...]) -> str:
    """One of ``choices``; anything else is refused."""
    if value not in choices:
        raise ValidationError("unknown_choice", field=field, value=value)
    return value
