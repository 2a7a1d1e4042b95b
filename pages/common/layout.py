"""How pages look: headers with the language choice, projector and phone styles, big numbers.

>>> page_header(t("step1.title"), t("step1.intro"))      # facilitator pages
>>> page_header(md(workshop["name"]), phone=True)          # the participant's phone
>>> big_code("ABC123")                                     # the join code, for the back row
"""

from __future__ import annotations

import base64
from pathlib import Path

import streamlit as st

from cemworkshop import i18n
from cemworkshop.rounds.base import Figure
from pages.common.session import choose_language, current

ICON = Path(__file__).resolve().parent / "assets" / "icon.png"  # the browser tab's icon
# The icon as a data URL, read once: given the file, Streamlit opens and stores it on every run.
ICON_URL = "data:image/png;base64," + base64.b64encode(ICON.read_bytes()).decode("ascii")

# Facilitator pages: a slim top bar, the page's own header right under it, readable type.
PAGE_STYLE = """<style>
[data-testid="stHeader"] { height: 3rem; min-height: 3rem; }
[data-testid="stMainBlockContainer"] { padding-top: 3.5rem; padding-bottom: 3rem; }
[data-testid="stMainBlockContainer"] h1 { font-size: 2rem; padding: 0.25rem 0; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { font-size: 1rem; }
[data-testid="InputInstructions"] { display: none; }
/* charts keep a readable width: on a phone they scroll sideways instead of squeezing labels */
[data-testid="stVegaLiteChart"] { min-width: 560px; }
[data-testid="stElementContainer"]:has(> [data-testid="stVegaLiteChart"]) { overflow-x: auto; }
/* a step's sections wrap to a second row on narrow screens instead of being cut off */
[class*="_section"] [data-testid="stButtonGroup"] > div { flex-wrap: wrap; }
[class*="_section"] [data-testid="stButtonGroup"] button { padding-left: 0.7rem; padding-right: 0.7rem; }
/* the language choice sits in the top bar, top right, in the same place on every page */
.st-key-lang_switch { position: fixed; top: 0.4rem; right: 3.5rem; z-index: 999991; width: auto !important; }
.st-key-lang_switch [data-testid="stButtonGroup"] button { min-height: 2.1rem; padding: 0 0.7rem; }
</style>"""

PHONE_STYLE = """<style>
[data-testid="stMainBlockContainer"] { padding-top: 1rem; padding-bottom: 2rem; }
[data-testid="stMainBlockContainer"] h3 { font-size: 1.3rem; }
/* thumb-sized 1–5 buttons: at least 44 px, as touch guidelines ask */
[data-testid="stButtonGroup"] button { min-height: 48px; min-width: 54px; font-size: 1.2rem; }
[data-testid="InputInstructions"] { display: none; }
/* participants have no pages to switch to: no top bar over the workshop's name */
[data-testid="stHeader"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"] { display: none; }
.st-key-phone_results ul { list-style: none; padding-left: 0; }
/* the dot vote's − and +: thumb-sized */
[class*="st-key-p_ballot_"] button { min-height: 48px; min-width: 56px; font-size: 1.3rem; }
.st-key-phone_results li { margin-bottom: 0.4rem; }
.st-key-phone_results .flag { font-family: "Material Symbols Rounded"; color: #c62828;
  font-size: 1.25em; vertical-align: -0.2em; font-weight: normal; }
.st-key-phone_results .note { color: rgba(49, 51, 63, 0.6); }
/* a reveal's results shown by the phone itself, over the ones drawn before (pages/common/live) */
.cem-live-replaced > :not(.cem-live-shown) { display: none; }
.st-key-phone_results:has(.cem-no-results):not(.cem-live-replaced) { display: none; }
</style>"""

# The projector: no top bar, large type for text, tables and figures.
PROJECTOR_STYLE = """<style>
[data-testid="stHeader"] { display: none; }
[data-testid="stMainBlockContainer"] { padding-top: 1.25rem; padding-bottom: 1rem; max-width: 100%; }
[data-testid="stMainBlockContainer"] p, [data-testid="stMainBlockContainer"] li { font-size: 1.4rem; }
[data-testid="stMainBlockContainer"] h1 { font-size: 2.6rem; padding: 0 0 0.25rem 0; }
[data-testid="stMainBlockContainer"] h2 { font-size: 2rem; padding: 0 0 0.25rem 0; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] p, [data-testid="stMetricValue"] div {
  font-size: 3rem; line-height: 1.15; }
/* charts keep a readable width: on a phone they scroll sideways instead of squeezing labels */
[data-testid="stVegaLiteChart"] { min-width: 560px; }
.st-key-chart_library { display: none; }
[data-testid="stElementContainer"]:has(> [data-testid="stVegaLiteChart"]) { overflow-x: auto; }
ul.chart-legend { columns: 3; column-gap: 1rem; list-style: none; padding: 0; margin: 0.25rem 0 0 0; }
[data-testid="stMainBlockContainer"] ul.chart-legend li { font-size: 15px; line-height: 1.4; color: #333;
  margin: 0; break-inside: avoid; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
table.projector { width: 100%; border-collapse: collapse; font-size: 20px; }
/* words break only at spaces and hyphens, never mid-word */
table.projector th { text-align: left; font-weight: 600; border-bottom: 2px solid #bbb; padding: 5px 14px 5px 8px;
  overflow-wrap: normal; word-break: normal; }
table.projector td { border-bottom: 1px solid #e5e5e5; padding: 5px 14px 5px 8px; overflow-wrap: normal; word-break: normal; }
table.projector .nr { width: 2.6em; }
table.projector .wide { width: auto; }
table.projector .mark { width: 1.8em; text-align: center; color: #c62828; }
table.projector th.number { text-align: right; }
table.projector .number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
</style>"""


def german_widget_text(lang: str) -> None:
    """Streamlit writes a few widget texts in English only (the uploader's button and its
    size limit): on a German screen they are replaced with the catalogue's words."""
    if lang != "de":
        return
    button = i18n.translate("widget.upload_button", lang).replace('"', "")
    limit = i18n.translate("widget.upload_limit", lang).replace('"', "")
    st.html(
        "<style>"
        '[data-testid="stFileUploaderDropzone"] button p { display: none; }'
        '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]::after'
        f' {{ content: "{button}"; }}'
        '[data-testid="stFileUploaderDropzoneInstructions"] span { display: none; }'
        '[data-testid="stFileUploaderDropzoneInstructions"] > div::after'
        f' {{ content: "{limit}"; font-size: 0.9rem; opacity: 0.7; }}'
        "</style>"
    )


def page_header(title: str, caption: str | None = None, *, phone: bool = False) -> None:
    """A page's title with the per-person language choice beside it (top right).

    ``title`` is Markdown: pass user text through ``md()``. ``phone=True`` (the participant
    page) uses a smaller heading and thumb-sized buttons.
    """
    st.html(PHONE_STYLE if phone else PAGE_STYLE)
    german_widget_text(current().lang)
    if phone:  # beside the name on a phone
        title_col, lang_col = st.columns([5, 1], vertical_alignment="center")
        title_col.subheader(title)
        with lang_col:
            language_switch()
    else:  # in the top bar (PAGE_STYLE places it there)
        st.title(title)
        language_switch()
    if caption:
        st.caption(caption)


def step_header(sections: dict, key: str, default: str) -> str:
    """A step page's header in one row: its sections over the whole width (the top bar names
    the step and carries the language choice). Returns the chosen section."""
    st.html(PAGE_STYLE)
    german_widget_text(current().lang)
    language_switch()  # in the top bar (PAGE_STYLE places it there)
    chosen = st.segmented_control(
        i18n.translate(f"{key}.section", current().lang),
        list(sections),
        default=default,
        format_func={s: i18n.translate(f"{key}.section_{s}", current().lang) for s in sections}.get,
        key=f"{key}_section",
        label_visibility="collapsed",
    )
    return chosen or default


def projector_style() -> None:
    st.html(PROJECTOR_STYLE)


# The smallest chart there is, always the same (so never drawn again on a rerun).
_LOADER = {
    "data": {"values": [{"x": 0}]},
    "mark": "point",
    "encoding": {"x": {"field": "x", "type": "quantitative"}},
}


def load_chart_library() -> None:
    """A chart nobody sees: the browser loads its chart library (on a page's first chart)
    while the projector waits for the reveal, so the results are drawn at once."""
    with st.container(key="chart_library"):
        st.vega_lite_chart(_LOADER, width=10, height=10)


# Up to this many rows a list draws each row's controls (a switch, ✕, a form, a card); a longer
# one draws the controls of the row picked, or its rows only while ``opened``: rows of controls
# cost each rerun more than the rest of a section (a quarter to 40 % with 20 to 40 rows).
LONG_LIST = 8


def opened(label: str, key: str, *, expanded: bool = False):
    """An expander whose content is drawn only while it is open (opening or closing it reruns
    the page): for tools and long lists that would cost every rerun while nobody looks.
    ``None`` while closed. Open stays open when the label changes (a count in it), which to
    Streamlit is a new expander.

    >>> box = opened(t("memories.edit_title"), key="memories_edit_box")
    >>> if box is not None:
    ...     with box: ...
    """
    shown = bool(st.session_state.get(key, expanded))
    box = st.expander(label, expanded=shown, key=key, on_change="rerun")
    return box if box.open else None


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
