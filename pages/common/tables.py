"""Tables of results and lists: on the projector real HTML text at 20 px (every cell escaped),
on the desk a grid; numbers in the reader's format, an empty number as the block says.

>>> table(Table("Moments of Truth", "", data, columns={"Gap": "number"}), big=True)
"""

from __future__ import annotations

import html
from collections.abc import Callable, Hashable
from typing import TypeVar

import pandas as pd
import pyarrow as pa
import streamlit as st

from cemworkshop import formats
from cemworkshop.rounds.base import Table
from cemworkshop.shared import SharedCache
from pages.common.charts import kept
from pages.common.text import lang

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
    language = lang()
    # made once per table, language and form: a result table is asked for again on every
    # rerun of every page that shows it
    inputs = (block.data, block.columns, block.missing, language)
    if big:  # the projector: real text at 22 px, not a grid at 14 px
        st.html(kept("tables.projector", lambda: _projector_html(block, language), *inputs))
    elif wrap:
        st.html(kept("tables.wrap", lambda: _wrapping_html(block, language), *inputs))
    else:
        shown = kept("tables.grid", lambda: grid(_shown(block, language)), *inputs)
        desk_grid(shown, block.columns)


def _projector_html(block: Table, language: str) -> str:
    return _html_table(_shown(block, language), block.columns, language=language)


def _wrapping_html(block: Table, language: str) -> str:
    body = _html_table(_shown(block, language), block.columns, "desk", language)
    return f'{DESK_STYLE}<div class="desk-wrap">{body}</div>'


def _shown(block: Table, language: str) -> pd.DataFrame:
    """The block's data with its numbers the way the reader's language writes them."""
    shown = block.data.copy()
    for col, how in block.columns.items():
        if how == "number":
            empty = block.missing.get(col, "–")
            shown[col] = [
                empty if pd.isna(v) else formats.number(v, language, fixed=True) for v in shown[col]
            ]
    return shown


def desk_grid(data: pa.Table | pd.DataFrame, columns: dict[str, str]) -> None:
    """The desk's grid of a table; ``columns`` as in ``Table`` (numbers, figures, checks)."""
    st.dataframe(
        data,
        hide_index=True,
        width="stretch",
        column_config={
            col: st.column_config.TextColumn(width=90)
            if how in ("number", "figure")  # figure: a number already written as text
            else st.column_config.CheckboxColumn(width=80)
            for col, how in columns.items()
        },
    )


T = TypeVar("T")
_built = SharedCache(size=64)  # a few per page, for several facilitators at once


def built_from(source: object, key: Hashable, build: Callable[[], T]) -> T:
    """``build()``, kept while ``source`` is the very same object: for what a page makes from
    rows the domain shares unchanged until they change (``complaints.complaints``). ``key``
    names what is built (page, language, filter); the value is shared: do not change it."""
    # The entry holds ``source``: while it is kept, no other object can have its id.
    return _built.get((key, id(source)), lambda: (source, build()))[1]  # type: ignore[return-value]


def grid(data: pd.DataFrame) -> pa.Table | pd.DataFrame:
    """``data`` as an Arrow table for ``st.dataframe(…, hide_index=True)``: the same cells, built
    from plain columns (Streamlit's own pandas conversion costs about half a millisecond per
    table on every rerun). Columns other than text, numbers and flags are passed on as they are."""
    names = list(data.columns)
    if len(set(names)) != len(names) or not all(isinstance(c, str) for c in names):
        return data
    arrays = []
    for col in data.columns:
        values = data[col]
        if values.dtype.kind not in "biufO" and not pd.api.types.is_string_dtype(values.dtype):
            return data
        try:
            arrays.append(pa.array(values.tolist(), from_pandas=True))
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
            return data  # mixed values: Streamlit's conversion writes them as text
    return pa.Table.from_arrays(arrays, names=names)


def _html_table(
    data, columns: dict[str, str], kind: str = "projector", language: str | None = None
) -> str:
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
    opening = [f"<td{css(c)}>" for c in data.columns]  # each column's cell, written once
    marks = {n: ("⚠" if columns[c] == "warn" else "✔") for n, c in enumerate(data.columns)
             if columns.get(c) in ("check", "warn")}  # fmt: skip
    escape = html.escape
    rows = []
    # plain lists, not the frame's rows: iterating text columns cell by cell is slow
    for record in zip(*(data[c].tolist() for c in data.columns), strict=True):
        cells = [
            f'<td class="mark">{marks[n] if value else ""}</td>'
            if n in marks
            else f"{opening[n]}{escape(str(value))}</td>"
            for n, value in enumerate(record)
        ]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f'<table class="{kind}" lang="{language or lang()}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
