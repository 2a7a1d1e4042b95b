"""A list the facilitator keeps row by row (board members, communication items, trainings,
empowerment, target agreements): the rows as a table, then one form — a new row, or the row
picked to change or delete. Written once for every such list of step 3 (and later steps).

>>> record_list("comm", COMMUNICATION, wid, FIELDS, title=lambda r: r["audience"])

Numbers and dates are typed as text and read the way the reader's language writes them
(``formats.parse_number`` / ``parse_day``): "2.5" on a German screen is refused with a
message, never guessed. What was typed stays in the form after a refusal; a change carries
the version the form showed, so a save made after someone else's is refused with the values
now stored (``stale_edit``) and a second save overwrites them deliberately.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import pyarrow as pa
import streamlit as st

from cemworkshop import formats, i18n
from cemworkshop.records import RecordList
from cemworkshop.rounds.base import Table
from cemworkshop.validation import ValidationError
from pages.common.charts import kept
from pages.common.forms import opened_version, saved, saved_with_version
from pages.common.tables import built_from, desk_grid, table
from pages.common.text import day, error_text, lang, md, number, t

NEW = -1


@dataclass(frozen=True)
class Field:
    key: str  # the record's column
    label: str  # catalogue key of the label
    kind: str = "text"  # text | long | day | whole | amount | number | choice | ref | flag | stamp
    choices: tuple = ()  # choice: the stored values; ref: filled in by the caller (ids)
    prefix: str = ""  # choice: catalogue prefix of each value's label
    width: int = 2  # share of the form's row
    optional: bool = True  # ref: may be empty
    placeholder: str = ""  # catalogue key of an example
    in_form: bool = True  # False: shown in the table only (a flag the list sets otherwise)


def shown(field: Field, value, names: dict | None = None, language: str | None = None) -> str:
    """A stored value as the table shows it, in the reader's language (``language``: already
    looked up, for a whole column)."""
    if value is None or value == "":
        return "–"
    if field.kind == "flag":
        return "★" if value else ""
    language = language or lang()
    if field.kind == "day":
        return formats.day(value, language)
    if field.kind == "stamp":  # a stored UTC time: shown in local time
        return formats.moment(value, language)
    if field.kind == "amount":
        return formats.money(value, language)
    if field.kind == "whole":
        return formats.number(value, language, 0)
    if field.kind == "number":
        return formats.number(value, language, 2)
    if field.kind == "choice":
        return i18n.translate(f"{field.prefix}{value}", language)
    if field.kind == "ref":
        return (names or {}).get(value, "–")
    return str(value)


def column(field: Field, rows: list[dict], names: dict | None = None) -> list[str]:
    """A field's cells for ``rows``, as the table shows them."""
    language = lang()
    return [shown(field, r[field.key], names, language) for r in rows]


def _widget(field: Field, k: str, start, names: dict | None):
    label = t(field.label)
    placeholder = t(field.placeholder) if field.placeholder else None
    if field.kind == "long":
        return st.text_area(label, value=start or "", key=k, height=90, placeholder=placeholder)
    if field.kind == "choice":
        options = list(field.choices)
        labels = {v: t(f"{field.prefix}{v}") for v in options}  # translated now, not later
        return st.selectbox(
            label, options, index=options.index(start) if start in options else 0,
            format_func=labels.get, key=k,
        )  # fmt: skip
    if field.kind == "ref":
        options = ([None] if field.optional else []) + list(names or {})
        labels = {None: t("records.none"), **(names or {})}
        return st.selectbox(
            label, options, index=options.index(start) if start in options else 0,
            format_func=labels.get, key=k, placeholder=t("widget.choose"),
        )  # fmt: skip
    if field.kind == "day":
        text = day(start) if start else ""
    elif field.kind in ("whole", "amount", "number") and start is not None:
        text = number(start, 0 if field.kind == "whole" else 2)
        text = text.replace(".", "") if lang() == "de" else text.replace(",", "")
    else:
        text = start or ""
    return st.text_input(
        label, value=text, key=k, placeholder=placeholder or (t("records.date_example") if field.kind == "day" else None)
    )  # fmt: skip


def _parsed(field: Field, value):
    """What the form gave, as the domain takes it (numbers and dates read in this language)."""
    if field.kind == "day":
        return formats.parse_day(value, lang(), field=field.key)
    if field.kind in ("whole", "amount", "number"):
        if not (value or "").strip():
            return None
        return formats.parse_number(value, lang(), field=field.key, whole=field.kind == "whole")
    return value


def record_list(
    key: str,
    records: RecordList,
    workshop_id: int,
    fields: list[Field],
    *,
    title: Callable[[dict], str],
    rows: list[dict] | None = None,
    names: dict[str, dict] | None = None,
    save: Callable | None = None,
    add_label: str = "records.add",
    empty: str = "records.empty",
    allow_new: bool = True,
    delete: Callable | None = None,
    wrap: bool = False,
    shared: bool = False,
) -> dict | None:
    """The rows as a table, and one form to add a row or change/delete the one picked.
    ``names``: per ref field the ids' names; ``save(workshop_id, values, record_id, version)``
    replaces ``records.save`` (the board's patron rule), ``delete(workshop_id, record_id)``
    ``records.delete``; ``allow_new=False``: rows come from elsewhere (the plan's from the
    selection); ``wrap``: the table as wrapping text (long descriptions readable in full);
    ``shared``: ``rows`` stays the very same list, unchanged, while nothing is written (read
    through ``fetched``, filtered with ``built_from``) and ``names`` with it — what is made of
    them is kept per that list, without a digest of every row. Returns the row picked, if any."""
    rows = records.rows(workshop_id) if rows is None else rows
    names = names or {}
    language = lang()
    grid_of = lambda: pa.table({t(f.label): column(f, rows, names.get(f.key)) for f in fields})  # noqa: E731
    if wrap or not rows:
        cells = {t(f.label): column(f, rows, names.get(f.key)) for f in fields}
        table(Table("", "", pd.DataFrame(cells), empty=t(empty)), big=False, wrap=wrap)
    elif shared:
        desk_grid(built_from(rows, ("records.grid", key, language), grid_of), {})
    else:  # the grid straight from the columns, made once per rows, names and language
        desk_grid(kept("records.grid", grid_of, rows, fields, names, language), {})
    picking = lambda: _picking(rows, title, t(add_label) if allow_new else None)  # noqa: E731
    if shared:
        by_id, options, labels = built_from(rows, ("records.pick", key, language), picking)
    else:
        by_id, options, labels = picking()
    if not options:
        return None
    picked = st.selectbox(t("records.pick"), options, key=f"{key}_pick", format_func=labels.get)
    row = by_id.get(picked)
    k = f"{key}_{picked if row else 'new'}"
    version = opened_version(k, row["version"]) if row else None
    in_form = [f for f in fields if f.in_form]
    with st.form(k):
        values = {}
        per_row = 3
        for start in range(0, len(in_form), per_row):
            part = in_form[start : start + per_row]
            cols = st.columns([f.width for f in part])
            for col, f in zip(cols, part, strict=True):
                with col:
                    values[f.key] = _widget(f, f"{k}_{f.key}", row[f.key] if row else None,
                                            names.get(f.key))  # fmt: skip
        left, right = st.columns([1, 1])
        label = t("records.save") if row else t("records.add_button")
        go = left.form_submit_button(label, type="primary")
        gone = right.form_submit_button(t("records.delete")) if row else False
    if go:
        _save(key, k, records, workshop_id, in_form, values, row, version, save, title)
    if gone:
        try:
            (delete or records.delete)(workshop_id, row["id"])
        except ValidationError as err:
            st.error(error_text(err))
            return row
        saved(t("records.deleted", name=md(title(row))))
        st.session_state.pop(f"{key}_pick", None)
        st.rerun()
    return row


def _picking(rows: list[dict], title: Callable[[dict], str], new: str | None) -> tuple:
    """(rows by id, the picker's options, their labels); ``new``: the label of a new row."""
    by_id = {r["id"]: r for r in rows}
    options = [NEW, *by_id] if new is not None else list(by_id)
    return by_id, options, {NEW: new, **{i: title(r) for i, r in by_id.items()}}


def _save(key, k, records, workshop_id, fields, values, row, version, save, title) -> None:
    try:
        clean = {f.key: _parsed(f, values[f.key]) for f in fields}
        if save is not None:
            save(workshop_id, clean, row["id"] if row else None, version)
        else:
            records.save(workshop_id, clean, record_id=row["id"] if row else None, version=version)
    except ValidationError as err:
        if err.code == "stale_edit":
            st.session_state[f"{k}__version"] = err.params["version"]
        st.error(error_text(err))
        return
    saved_with_version(k)
    saved(t("records.saved", name=md(title({**(row or {}), **clean}))))
    if row is None:  # a fresh form for the next row
        for f in fields:
            st.session_state.pop(f"{k}_{f.key}", None)
    st.rerun()
