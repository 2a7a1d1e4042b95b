"""What this phone remembers between visits: its participant token per workshop.

Scanning the join code again on the same phone must bring back the same participant, not make
a second one. The token is kept in the browser's localStorage (a few lines of JavaScript in an
``st.components.v2`` component, on the page itself), keyed by the workshop's join code.

    >>> token = remembered(join_code)       # None, or the token this phone joined with
    >>> remember(join_code, token)          # after joining (and on every participant page)
    >>> forget(join_code)                   # when the participant leaves on this device
"""

from __future__ import annotations

import streamlit as st

_JS = """
export default function (component) {
  const { data, setTriggerValue } = component;
  if (!data || !data.code) return;
  const key = "cemworkshop.participant." + data.code;
  try {
    if (data.forget) { window.localStorage.removeItem(key); return; }
    if (data.keep) { window.localStorage.setItem(key, data.keep); return; }
    const known = window.localStorage.getItem(key);
    if (known) setTriggerValue("known", known);
  } catch (e) { /* storage switched off: the phone simply joins anew */ }
}
"""
_CSS = ":host { display: none; }"

_device = st.components.v2.component("cemworkshop_device", js=_JS, css=_CSS)


def remembered(join_code: str) -> str | None:
    """The token this browser kept for ``join_code`` (arrives one run after the page loads)."""
    found = _device(key=f"device_ask_{join_code}", data={"code": join_code}, on_known_change=_noop)
    return found.known if found is not None else None


def remember(join_code: str, token: str) -> None:
    _device(key="device_keep", data={"code": join_code, "keep": token})


def forget(join_code: str) -> None:
    _device(key="device_forget", data={"code": join_code, "forget": True})


def _noop() -> None:
    pass
