"""A chart drawn on every rerun but built once: the builder's Vega-Lite spec is kept per data
and options (Altair validates the whole schema in ``to_dict()``, tens of ms per chart).

>>> st.vega_lite_chart(chart_spec(trend_chart, data, text=text, lang=lang()), width="stretch")
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st


def chart_spec(build: Callable, data, **options) -> dict:
    """``build(data, **options).to_dict()``, computed once per builder, data and options."""
    return _spec(build, f"{build.__module__}.{build.__qualname__}", data, **options)


@st.cache_data(max_entries=128, show_spinner=False)
def _spec(_build: Callable, name: str, data, **options) -> dict:
    return _build(data, **options).to_dict()
