"""What stands beside a worksheet — the voice of the customer for its touchpoint and its gap
— and the print view: one worksheet per page on paper, large and framed on the projector."""

from __future__ import annotations

import html

import streamlit as st

from cemworkshop import expectations, voice, worksheets
from pages.common.charts import fetched
from pages.common.tables import built_from
from pages.common.text import day, md, number, t

PRINT_STYLE = """<style>
.sheet-print section { border: 2px solid #ccc; border-radius: 8px; padding: 1.2rem 1.6rem;
  margin-bottom: 2rem; font-size: 20px; line-height: 1.45; break-after: page; }
.sheet-print h2 { font-size: 30px; margin: 0 0 .2rem 0; }
.sheet-print .meta { color: #555; margin-bottom: .8rem; }
.sheet-print h3 { font-size: 22px; margin: .8rem 0 .2rem 0; }
.sheet-print p { white-space: pre-wrap; margin: 0; }
.sheet-print .grid { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem 2rem; }
@media print {
  body * { visibility: hidden; }
  .sheet-print, .sheet-print * { visibility: visible; }
  .sheet-print { position: absolute; left: 0; top: 0; width: 100%; }
  .sheet-print section { border: none; font-size: 12pt; page-break-after: always; }
}
</style>"""


def voice_beside(workshop_id: int, touchpoint_id: int) -> None:
    """The touchpoint's feedback from step 2 and its gap from the Erwartungsabgleich."""
    st.markdown(f"**{t('sheet.voc_title')}**")
    r = fetched(voice.touchpoint_summary, workshop_id, touchpoint_id)
    if r is None:
        st.caption(t("sheet.no_voc"))
    else:
        st.markdown(t("sheet.voc_line", count=int(r["count"]),
                      mean="–" if r["mean"] is None else number(r["mean"], 1),
                      negative="–" if r["negative_share"] is None
                      else number(100 * r["negative_share"], 0),
                      last=day(r["last"])))  # fmt: skip
        for c in fetched(voice.comments, workshop_id, touchpoint_id, 3):
            st.markdown(f"> {md(c['text'])}")
            st.caption(f"{day(c['given_on'])} · {md(c['channel'] or '–')}")
    view = fetched(expectations.view, workshop_id)
    g = built_from(view, "sheet.gaps", lambda: _gaps(view.summary)).get(touchpoint_id)
    if g and g["gap"] == g["gap"]:  # not NaN
        st.markdown(f"**{t('sheet.gap_title')}**")
        st.markdown(t("sheet.gap_line", expectation=number(g["expectation"], 1),
                      experience=number(g["experience"], 1), gap=number(g["gap"], 1)))  # fmt: skip


def _gaps(summary) -> dict[int, dict]:
    """Each touchpoint's first row of the gap summary."""
    found: dict[int, dict] = {}
    for r in summary.to_dict("records"):
        found.setdefault(r["touchpoint_id"], r)
    return found


def print_view(workshop_id: int, overview: list[dict]) -> None:
    """The written worksheets, one per page (print with Ctrl+P / ⌘P)."""
    written = [r for r in overview if r["written"] or r["ideas"]]
    st.caption(t("sheet.print_help"))
    if not written:
        st.info(t("sheet.none_written"))
        return
    parts = [PRINT_STYLE, '<div class="sheet-print">']
    for r in written:
        s = worksheets.sheet(workshop_id, r["touchpoint_id"])
        ideas = worksheets.ideas(workshop_id, r["touchpoint_id"])
        e = html.escape
        boxes = "".join(
            f"<div><h3>{e(t(f'sheet.{f}'))}</h3><p>{e(s[f] or '–')}</p></div>"
            for f in worksheets.TEXTS
        )
        idea_items = (
            "".join(f"<li>{e(i['text'])}{' ✓' if i['measure_id'] else ''}</li>" for i in ideas)
            or "<li>–</li>"
        )
        parts.append(
            f"<section><h2>{e(s['touchpoint'])}</h2>"
            f"<div class='meta'>{e(t('sheet.where', phase=s['phase'], department=s['department'] or '–', owner=s['owner'] or t('sheet.no_owner')))}</div>"
            f"<div class='grid'>{boxes}<div><h3>{e(t('sheet.ideas_title'))}</h3><ul>{idea_items}</ul></div></div>"
            "</section>"
        )  # fmt: skip
    parts.append("</div>")
    st.html("".join(parts))
