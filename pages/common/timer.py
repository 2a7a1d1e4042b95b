"""A round's countdown, ticking in the browser from the end time stored with the round.

    >>> countdown(rnd, big=True)      # presenter: large; phones and the facilitator: small

The server sends the end time and its own clock once; the page counts down by itself every
quarter second (no rerun, no request), corrected for a phone whose clock is off. At 0:00 it
says the time is up; whether the round then closes is the round's setting.
"""

from __future__ import annotations

import streamlit as st

from cemworkshop import store
from pages.common.text import t

_JS = """
export default function (component) {
  const { data, parentElement } = component;
  const box = parentElement.querySelector(".cw-cd");
  if (!box || !data) return;
  if (parentElement.__tick) clearInterval(parentElement.__tick);
  const skew = Date.parse(data.now) - Date.now();       // server minus this device
  const ends = Date.parse(data.ends);
  const show = () => {
    const left = Math.max(0, Math.round((ends - (Date.now() + skew)) / 1000));
    const text = left > 0
      ? Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0")
      : data.over;
    box.textContent = text;
    box.dataset.left = String(left);
    box.classList.toggle("soon", left > 0 && left <= 30);
    box.classList.toggle("over", left === 0);
  };
  show();
  parentElement.__tick = setInterval(show, 250);
}
"""
_HTML = '<div class="cw-cd" data-testid="countdown"></div>'
_CSS = """
.cw-cd { font-size: 1.6rem; font-weight: 700; font-variant-numeric: tabular-nums; color: #222;
  line-height: 1.2; }
.cw-cd.soon, .cw-cd.over { color: #c62828; }
.st-key-countdown_big .cw-cd { font-size: 3.2rem; }
"""

_countdown = st.components.v2.component(
    "cemworkshop_countdown", html=_HTML, js=_JS, css=_CSS, isolate_styles=False
)


def countdown(rnd: dict, *, big: bool = False) -> None:
    """The time left in ``rnd`` (nothing without a timer)."""
    if not rnd.get("ends_at"):
        return
    over = t("timer.closed_at_zero") if rnd.get("close_at_end") else t("timer.over")
    with st.container(key=f"countdown_{'big' if big else 'small'}"):
        st.caption(t("timer.left"))
        _countdown(
            key=f"countdown_{rnd['id']}_{rnd['ends_at']}_{big}",
            data={"ends": rnd["ends_at"], "now": store.now(), "over": over},
        )
