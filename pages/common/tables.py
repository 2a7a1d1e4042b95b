"""Tables of results and lists: on the projector real HTML text at 20 px (every cell escaped),
on the desk a grid; numbers in the reader's format, an empty number as the block says.

>>> table(Table("Moments of Truth", "", data, columns={"Gap": "number"}), big=True)
"""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from cemworkshop.rounds.base import Table
from pages.common.text import lang, number

# The desk's wrapping table: every column readable in full, long text wrapped at spaces.
DESK_STYLE = """<style>
table.desk { width: 100%; border-collapse: collapse; font-size: 15px; }
table.desk th { text-align: left; font-weight: 600; border-bottom: 2px solid #bbb; padding: 4px 10px 4px 6px;
  vertical-align: bottom; overflow-wrap: normal; word-break: normal; }
table.desk td { border-bottom: 1px solid #e5e5e5; padding: 4px 10px 4px 6px; vertical-align: top;
  overflow-wrap: normal; word-break: normal; }
table.desk th.number { text-align: right; }
table.desk .number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.desk .mark { text-align: center; }
/* on a phone a wide table scrolls sideways instead of being cut */
.desk-wrap { overflow-x: auto; }
</style>"""


def table(block: Table, *, big: bool, wrap: bool = False) -> None:
    """A table block: on the projector real text at 20 px, on the desk a grid — or, with
    ``wrap``, real text that wraps (for tables whose every column must stay readable)."""
    if block.title:
        st.subheader(block.title)
    if block.help and not big:
        st.caption(block.help)
    if block.data.empty:
        st.info(block.empty)
        return
    shown = block.data.copy()
    for col, how in block.columns.items():  # numbers the way the reader's language writes them
        if how == "number":
            empty = block.missing.get(col, "–")
            shown[col] = [empty if pd.isna(v) else number(v, fixed=True) for v in shown[col]]
    if big:  # the projector: real text at 22 px, not a grid at 14 px
        st.html(_html_table(shown, block.columns))
        return
    if wrap:
        st.html(
            f'{DESK_STYLE}<div class="desk-wrap">{_html_table(shown, block.columns, "desk")}</div>'
        )
        return
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_config={
            col: st.column_config.TextColumn(width=90)
            if how in ("number", "figure")  # figure: a number already written as text
            else st.column_config.CheckboxColumn(width=80)
            for col, how in block.columns.items()
        },
    )


def _html_table(data, columns: dict[str, str], kind: str = "projector") -> str:
    """A table for the projector (or the desk's wrapping one); every cell escaped."""
    text_cols = [c for c in data.columns if c not in columns and c != "#"]
    wide = text_cols[0] if text_cols else None  # the names get the room, numbers keep theirs

    def css(col) -> str:
        kinds = (
            (["nr"] if col == "#" else [])
            + (["wide"] if col == wide else [])
            + (["mark"] if columns.get(col) in ("check", "warn") else [])
            + (["number"] if columns.get(col) in ("number", "figure") else [])
        )
        return f' class="{" ".join(kinds)}"' if kinds else ""

    head = "".join(f"<th{css(c)}>{html.escape(str(c))}</th>" for c in data.columns)
    rows = []
    for record in data.itertuples(index=False):
        cells = []
        for col, value in zip(data.columns, record, strict=True):
            how = columns.get(col)
            if how in ("check", "warn"):
                mark = ("⚠" if how == "warn" else "✔") if value else ""
                cells.append(f'<td class="mark">{mark}</td>')
            else:
                cells.append(f"<td{css(col)}>{html.escape(str(value))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f'<table class="{kind}" lang="{lang()}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
