"""Words on screen: translations in this browser's language, messages, user text kept as text.

>>> t("home.title")                         # "Workshops" / "Workshops"
>>> error_text(err)                         # a ValidationError as a sentence
>>> md(touchpoint["name"])                  # user text safe inside st.markdown
"""

from __future__ import annotations

from cemworkshop import formats, i18n
from cemworkshop.validation import ValidationError
from pages.common.session import current

MARKDOWN_SPECIAL = set("\\`*_{}[]()#+-.!|<>~:$&")
_ESCAPED = str.maketrans({ch: "\\" + ch for ch in MARKDOWN_SPECIAL})


def t(key: str, **params) -> str:
    """The text for ``key`` in this browser's language."""
    return i18n.translate(key, current().lang, **params)


def lang() -> str:
    """This browser's language code."""
    return current().lang


def error_text(err: ValidationError) -> str:
    """A validation error as a sentence in this browser's language, for st.error/st.warning.

    Every value from the person or the database (a name, a stored text) is escaped: it shows
    as typed, never as Markdown or HTML.
    """
    params = {k: md(v) for k, v in err.params.items()}
    if "field" in err.params:
        params["field"] = t(f"field.{err.params['field']}")
    for k, v in err.params.items():  # "<name>_label": a catalogue key, said in words
        if k.endswith("_label"):
            params[k] = t(v)
    return t(f"error.{err.code}", **params)


def md(text: str) -> str:
    """User text made safe for ``st.markdown``: every Markdown character escaped."""
    return str(text).translate(_ESCAPED)


def money(value: float) -> str:
    """An amount of money the way this browser's language writes it."""
    return formats.money(value, current().lang)


def moment(stamp: str) -> str:
    """A stored time as date and time in this browser's language."""
    return formats.moment(stamp, current().lang)


def day(value) -> str:
    """A date in this browser's language."""
    return formats.day(value, current().lang)


def number(value: float, decimals: int = 1, *, fixed: bool = False) -> str:
    """A number the way this browser's language writes it (``fixed``: always ``decimals`` places)."""
    return formats.number(value, current().lang, decimals, fixed=fixed)


def local_moment(stamp: str) -> str:
    """A local time kept without a time zone (``2026-11-24T09:15``, e.g. when a complaint came
    in) as date and time in this browser's language — never shifted."""
    return f"{day(stamp[:10])} {stamp[11:16]}".strip()
