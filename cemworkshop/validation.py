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
