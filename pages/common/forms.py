"""Changing something, or saying why not: the pattern every form of every page follows.

>>> if attempt(touchpoints.add_phase, wid, name):    # True: it worked
...     st.rerun()                                    # False: the message is on screen
"""

from __future__ import annotations

import streamlit as st

from cemworkshop.validation import ValidationError
from pages.common.text import error_text


def attempt(change, *args, **kwargs) -> bool:
    """Run a change to the workshop; on bad input show why (in this language) and return False."""
    try:
        change(*args, **kwargs)
    except ValidationError as err:
        st.error(error_text(err))
        return False
    return True


def opened_version(form_key: str, stored: int) -> int:
    """The version of a record when its form was opened, kept until a save goes through.

    Passed to the domain's save, so a save made on an older version is refused (stale_edit)
    instead of silently overwriting what someone else saved in between.
    """
    return st.session_state.setdefault(f"{form_key}__version", stored)


def saved_with_version(form_key: str) -> None:
    """The save went through: the next edit starts from the new version."""
    st.session_state.pop(f"{form_key}__version", None)


def attempt_versioned(form_key: str, change, *args, **kwargs) -> bool:
    """Like :func:`attempt` for a save that carries ``version``; after a refused stale save the
    next save is made on the version now stored (a deliberate overwrite)."""
    try:
        change(*args, **kwargs)
    except ValidationError as err:
        if err.code == "stale_edit":
            st.session_state[f"{form_key}__version"] = err.params["version"]
        st.error(error_text(err))
        return False
    saved_with_version(form_key)
    return True


def saved(message: str) -> None:
    """A short confirmation after a save (a toast: it does not move the page)."""
    st.toast(message, icon=":material/check_circle:")
