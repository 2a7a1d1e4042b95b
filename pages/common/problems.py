"""When the database cannot be used: what happened and what to do, on screen, never a traceback.

>>> with storage_problems():          # app.py around the whole run
...     page.run()
>>> @st.fragment(run_every=1)
... @survives_storage_problems        # fragments rerun without app.py around them
... def live(): ...
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator

import streamlit as st

from cemworkshop import i18n
from cemworkshop.errors import StorageError


def _lang() -> str:
    # No session here: resolving who this browser is needs the database that just failed.
    wanted = st.query_params.get("lang") or st.session_state.get("_lang")
    return i18n.known(wanted)


def show_storage_problem(err: StorageError) -> None:
    """The problem in words: a headline and what to do, with the file's path as text."""
    lang = _lang()
    st.error(i18n.translate(f"storage.{err.code}", lang), icon=":material/database:")
    st.markdown(i18n.translate(f"storage.{err.code}_help", lang))
    if err.params.get("path"):
        st.code(err.params["path"], language=None)


@contextlib.contextmanager
def storage_problems() -> Iterator[None]:
    try:
        yield
    except StorageError as err:
        show_storage_problem(err)


def survives_storage_problems(fn):
    @functools.wraps(fn)
    def wrapped(*args, **kwargs):
        with storage_problems():
            return fn(*args, **kwargs)

    return wrapped
