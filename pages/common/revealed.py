"""A revealed round's results on a participant's phone: one block of HTML, drawn by the
page and sent by the server to waiting phones with the answer to their held question.

    >>> phone_results(rnd)            # the phone page's place for them (rnd None: kept empty)
    >>> revealed_html(rnd, "de")      # the block itself (pages/server.py sends it)
"""

from __future__ import annotations

import html

import streamlit as st

from cemworkshop import i18n
from cemworkshop.rounds import lifecycle
from pages.common.text import lang


def revealed_html(rnd: dict, language: str) -> str:
    """A revealed round's results on a phone as one block of HTML: a heading with the round's
    title, the reading, and its lines with the flagged ones marked. One element because each
    costs a phone's browser about 5 ms when a reveal redraws fifty phones; HTML because the
    server sends the same block to waiting phones, which show it without a rerun
    (``pages/server.py``). Every text is escaped: titles and names show as typed."""
    text = html.escape
    title = rnd["title"] or i18n.translate("round.untitled", language)
    heading = i18n.translate("join.last_results", language, title=title)
    parts = [f"<h3>{text(heading)}</h3>"]
    found = lifecycle.results(rnd, language, "phone")
    if not found or not found.highlights:
        parts.append(
            f'<p class="note">{text(i18n.translate("results.phone_nothing", language))}</p>'
        )
        return "".join(parts)
    parts.append(f"<p>{text(found.reading)}</p><ul>")
    flag = i18n.translate("results.critical_short", language)
    for line in found.highlights:
        mark = (
            f'<span class="flag" role="img" aria-label="{text(flag)}">warning</span> '
            if line.flagged
            else ""
        )
        detail = f"<br>{text(line.detail)}" if line.detail else ""
        parts.append(f"<li>{mark}<strong>{text(line.title)}</strong>{detail}</li>")
    parts.append("</ul>")
    return "".join(parts)


def phone_results(rnd: dict | None) -> None:
    """Where a waiting phone shows the newest revealed round's results (``rnd``), or nothing
    yet: the place stays on the page, so the results of a reveal can be put there without a
    rerun."""
    with st.container(key="phone_results"):
        # the kind's results are computed once per version; an empty place is not drawn by
        # Streamlit, so it holds a mark (hidden with its place until results are put there)
        st.html(
            revealed_html(rnd, lang()) if rnd is not None else '<div class="cem-no-results"></div>'
        )
