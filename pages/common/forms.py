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


def saved(message: str) -> None:
    """A short confirmation after a save (a toast: it does not move the page)."""
    st.toast(message, icon=":material/check_circle:")
