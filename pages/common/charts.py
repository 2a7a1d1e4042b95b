"""A chart drawn on every rerun but built once: the builder's Vega-Lite spec is kept per data
and options (Altair validates the whole schema in ``to_dict()``, tens of ms per chart).

>>> st.vega_lite_chart(chart_spec(trend_chart, data, text=text, lang=lang()), width="stretch")

The key is a digest of the pickled data and options: Streamlit's own argument hashing walks
lists of dicts value by value, which cost more than the chart on every rerun. The spec is
shared by every session: do not change it. ``kept`` does the same for any value a page makes
from its inputs (a long list's grid); ``fetched`` for what a page reads from the database, read
again only once anything was written.

>>> found = fetched(ideas.visible, round_id)     # no query on a rerun with nothing new
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from typing import TypeVar

import pandas as pd
import pyarrow as pa

from cemworkshop import store
from cemworkshop.charts.style import validating
from cemworkshop.shared import SharedCache

T = TypeVar("T")
_specs = SharedCache(size=128)  # chart specs: small, many charts
_kept = SharedCache(size=32)  # tables: larger, a few per page
_reads = SharedCache(size=64)  # reads: the newest of each, several per page


def chart_spec(build: Callable, data, **options) -> dict:
    """``build(data, **options).to_dict()``, computed once per builder, data and options."""
    name = f"{build.__module__}.{build.__qualname__}"
    build_spec = lambda: arrow_datasets(build(data, **options).to_dict(validate=validating()))  # noqa: E731
    return _once(_specs, name, build_spec, data, sorted(options.items()))


def kept(name: str, build: Callable[[], T], *inputs) -> T:
    """``build()``, computed once per ``name`` and ``inputs`` (everything the value is made of;
    compared by the digest of their pickle) and shared by every session: do not change it."""
    return _once(_kept, name, build, *inputs)


def fetched(fetch: Callable[..., T], *args) -> T:
    """``fetch(*args)`` — a read of the domain — read again only after something was committed
    to the database (``store.data_version``, by any connection): a rerun with nothing new reads
    nothing. Shared by every session: do not change it."""
    name = f"{fetch.__module__}.{fetch.__qualname__}"
    written = (str(store.db_path()), store.data_version())
    return _once(_reads, name, lambda: fetch(*args), *args, *written)


def _once(cache: SharedCache, name: str, build: Callable[[], T], *inputs) -> T:
    try:
        key = (name, *(_digest(i) for i in inputs))
    except (AttributeError, TypeError, ValueError, pickle.PicklingError):  # not picklable
        return build()
    return cache.get(key, build)


def arrow_datasets(spec: dict) -> dict:
    """The spec with its named datasets as Arrow IPC bytes, made as Streamlit makes them from
    rows (a DataFrame, then Arrow): given bytes, ``st.vega_lite_chart`` uses them as they are
    instead of converting every row again on every rerun. A dataset Arrow cannot take as it
    is stays rows (Streamlit fixes its column types as before)."""
    datasets = spec.get("datasets")
    if not isinstance(datasets, dict):
        return spec
    converted = {}
    for name, rows in datasets.items():
        converted[name] = rows
        if isinstance(rows, list) and all(isinstance(r, dict) for r in rows):
            try:
                converted[name] = _ipc(pa.Table.from_pandas(pd.DataFrame(rows)))
            except (pa.ArrowException, OverflowError, TypeError, ValueError):
                pass
    return {**spec, "datasets": converted}


def _ipc(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.RecordBatchStreamWriter(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def _digest(value) -> bytes:
    """A digest of the value's pickle: equal digests mean the same data; two equal values that
    pickle differently only cost a second build."""
    return hashlib.blake2b(pickle.dumps(value, protocol=5), digest_size=20).digest()
