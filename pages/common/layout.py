"""How pages look: headers with the language choice, projector and phone styles, big numbers.

>>> page_header(t("step1.title"), t("step1.intro"))      # facilitator pages
>>> page_header(md(workshop["name"]), phone=True)          # the participant's phone
>>> big_code("ABC123")                                     # the join code, for the back row
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from cemworkshop import i18n
from cemworkshop.rounds.base import Figure
from pages.common.session import choose_language, current

ICON = Path(__file__).resolve().parent / "assets" / "icon.png"  # the browser tab's icon

PAGE_STYLE = """<style>
[data-testid="stMainBlockContainer"] { padding-top: 3.5rem; padding-bottom: 3rem; }
</style>"""

PHONE_STYLE = """<style>
[data-testid="stMainBlockContainer"] { padding-top: 2.75rem; }
/* thumb-sized 1–5 buttons: at least 44 px, as touch guidelines ask */
[data-testid="stButtonGroup"] button { min-height: 46px; min-width: 54px; font-size: 1.15rem; }
</style>"""

# Projector type: a larger base size for text, tables and metrics on the presenter view.
PROJECTOR_STYLE = """<style>
[data-testid="stMainBlockContainer"] p, [data-testid="stMainBlockContainer"] li { font-size: 1.35rem; }
[data-testid="stMetricValue"] { font-size: 3rem; }
[data-testid="stMainBlockContainer"] { padding-top: 2rem; max-width: 100%; }
</style>"""


def page_header(title: str, caption: str | None = None, *, phone: bool = False) -> None:
    """A page's title with the per-person language choice beside it (top right).

    ``title`` is Markdown: pass user text through ``md()``. ``phone=True`` (the participant
    page) uses a smaller heading and thumb-sized buttons.
    """
    st.html(PHONE_STYLE if phone else PAGE_STYLE)
    title_col, lang_col = st.columns([5, 1], vertical_alignment="center")
    if phone:
        title_col.subheader(title)
    else:
        title_col.title(title)
    with lang_col:
        language_switch()
    if caption:
        st.caption(caption)


def projector_style() -> None:
    st.html(PROJECTOR_STYLE)


def language_switch() -> None:
    """The per-person language choice: it follows this browser, not the workshop."""
    lang = current().lang
    choice = st.segmented_control(
        "Sprache · Language",
        list(i18n.LANGUAGES),
        default=lang,
        format_func=str.upper,
        key="lang_switch",
        label_visibility="collapsed",
    )
    if choice and choice != lang:
        choose_language(choice)
        st.rerun()


def big_code(code: str, size_px: int = 64) -> None:
    """The join code in letters readable from the back of the room."""
    safe = "".join(ch for ch in code if ch.isalnum())  # codes are A–Z/2–9; keep it so
    st.html(
        f'<div data-testid="join-code" style="font-family:ui-monospace,monospace;'
        f"font-size:{size_px}px;font-weight:700;letter-spacing:0.08em;line-height:1.1;"
        f'white-space:nowrap;padding:0.1em 0">{safe[:3]}&nbsp;{safe[3:]}</div>'
    )


def figures(found: tuple[Figure, ...] | list[Figure]) -> None:
    """A row of big numbers (raters, moments of truth …)."""
    if found:
        for col, figure in zip(st.columns(len(found)), found, strict=True):
            col.metric(figure.label, figure.value)
