"""Translations: every visible string comes from ``locales/<lang>.json``.

    >>> translate("home.title", "de")
    'Workshops'
    >>> translate("error.name_too_long", "en", field="Name", max=120, length=130)

A missing key raises ``KeyError`` (tests check both catalogues hold the same keys, and
that every key the code uses exists), so a gap never reaches a screen as a raw key.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

LOCALES = Path(__file__).resolve().parent / "locales"
LANGUAGES = ("de", "en")
LANGUAGE_NAMES = {"de": "Deutsch", "en": "English"}


@cache
def catalogue(lang: str) -> dict[str, str]:
    """The flat ``key → text`` catalogue of one language."""
    with open(LOCALES / f"{lang}.json", encoding="utf-8") as f:
        return json.load(f)


def translate(key: str, lang: str, **params) -> str:
    """The text for ``key`` in ``lang``, with ``{placeholders}`` filled from ``params``."""
    text = catalogue(lang if lang in LANGUAGES else "de")[key]
    return text.format(**params) if params else text


def money(value: float, lang: str) -> str:
    """An amount in euros the way each language writes it: ``61.600 €`` / ``€61,600``."""
    text = f"{abs(value):,.0f}"
    sign = "−" if value < 0 else ""
    if lang == "de":
        return f"{sign}{text.replace(',', '.')} €"
    return f"{sign}€{text}"
