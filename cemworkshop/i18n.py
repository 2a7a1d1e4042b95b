"""Translations: every visible string comes from the catalogues in ``locales/<lang>/*.json``.

    >>> translate("home.title", "de")
    'Workshops'
    >>> translate("error.name_too_long", "en", field="Name", max=120, length=130)

A language is a folder with one JSON file per area of the app (``home.json``,
``rounds.json`` …) that a translator can edit without Python. A key lives in exactly one
file; a missing key raises ``KeyError`` (tests check both languages hold the same files and
keys, and that every key the code uses exists), so a gap never reaches a screen as a raw key.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

LOCALES = Path(__file__).resolve().parent / "locales"
LANGUAGES = ("de", "en")
LANGUAGE_NAMES = {"de": "Deutsch", "en": "English"}


def area_files(lang: str) -> list[Path]:
    """The catalogue files of one language, one per area, in name order."""
    return sorted((LOCALES / lang).glob("*.json"))


@cache
def catalogue(lang: str) -> dict[str, str]:
    """The ``key → text`` catalogue of one language, all areas together."""
    merged: dict[str, str] = {}
    for path in area_files(lang):
        with open(path, encoding="utf-8") as f:
            merged.update(json.load(f))
    return merged


def known(lang: str | None) -> str:
    """``lang`` if the app speaks it, else German (the method's language)."""
    return lang if lang in LANGUAGES else "de"


def translate(key: str, lang: str, **params) -> str:
    """The text for ``key`` in ``lang``, with ``{placeholders}`` filled from ``params``."""
    text = catalogue(known(lang))[key]
    return text.format(**params) if params else text
