"""A phone or the projector follows the room without polling by rerun: a small script asks
``/_cem/live`` with the version the page was drawn with; the server answers when it differs
(or after 20 s: then the script asks again), and only then does the page rerun.

    >>> follow(token, version(phone_key(workshop_id)))                    # a phone
    >>> follow(token, version(presenter_key(workshop_id)), screen=PRESENTER, workshop_id=…)  # the projector

Why not ``st.fragment(run_every=1)``: each such rerun costs the server about 3 ms even when
nothing changed; a hundred phones would take a third of a core doing nothing. A held
question costs nothing while it waits (``pages/server.py``). The script is a Streamlit
component (v2, no iframe) with nothing to show.

A reply may carry a newly revealed round's results after its first line (``pages/server.py``):
the script puts them in the phone's place for results (``revealed.phone_results``) and asks on
from that version, with no rerun; the page's next rerun draws them itself and drops the copy.

Mount it **last** on the page, with the version read **first**: a change while the page is
drawn then redraws it again, and the next redraw is asked for only once this one is sent.
Mounted early, a quick run of changes (taps at a projector) asks for a rerun while the last
one still draws; Streamlit then stops that run and starts again, and the screen can fall
seconds behind.
"""

from __future__ import annotations

from urllib.parse import quote

import streamlit as st

from cemworkshop import live
from pages.common.text import lang

EVERY_MS = 1000
GAP_MS = 250  # the projector redraws at most four times a second, however fast taps come

_JS = """
export default function (component) {
  const { data, setTriggerValue, parentElement } = component;
  // One question at a time per mounted element, whether Streamlit calls this once or on
  // every rerun; the latest data (the version the page was drawn with) is read at each ask.
  const live = parentElement.__cemLive || (parentElement.__cemLive = { gen: 0, pending: null });
  const redrawn = live.data !== undefined && live.data.seen !== data.seen;
  if (live.data === undefined || redrawn) {
    // the page is drawn anew (or for the first time, after a whole-page run): it draws what
    // this script showed by itself (below), which goes
    live.shown = null;
    document.querySelectorAll(".cem-live-shown").forEach((n) => n.remove());
    document.querySelectorAll(".cem-live-replaced").forEach((n) => n.classList.remove("cem-live-replaced"));
  }
  live.data = data;
  live.trigger = setTriggerValue;
  if (redrawn) live.touched = 0;  // the page's own rerun has arrived
  // A reveal's results, sent with the reply: shown where the page keeps them, without a rerun.
  const show = (html) => {
    const place = document.querySelector(".st-key-phone_results");
    if (!place) return false;
    let mine = place.querySelector(":scope > .cem-live-shown");
    if (!mine) {
      mine = document.createElement("div");
      mine.className = "cem-live-shown";
      place.appendChild(mine);
    }
    mine.innerHTML = html;  // built by the server, every text in it escaped
    place.classList.add("cem-live-replaced");
    return true;
  };
  if (data.guard && !live.listening) {
    // A click on a control reruns the page by itself (a reveal on the projector): a new
    // version seen meanwhile waits for that rerun instead of asking for another, which would
    // make Streamlit stop the one under way and start again.
    live.listening = true;
    document.addEventListener("pointerdown", (e) => {
      if (e.target.closest && e.target.closest("button, input, textarea, select, [role=radio]"))
        live.touched = Date.now();
    }, true);
  }
  if (!live.running) {
    live.running = true;
    const gen = ++live.gen;
    live.again = (ms) => {
      clearTimeout(live.timer);
      if (live.running && gen === live.gen) live.timer = setTimeout(ask, ms);
    };
    const ask = async () => {
      if (!live.running || gen !== live.gen) return;
      live.asking = true;
      const seen = live.shown || live.data.seen;  // what is on the screen now
      let pause = 0;
      try {
        const reply = await fetch(live.data.url + "&seen=" + encodeURIComponent(seen),
                                  { cache: "no-store" });
        const text = reply.ok ? await reply.text() : null;
        const cut = text === null ? -1 : text.indexOf("\\n");
        const now = text === null ? null : (cut < 0 ? text : text.slice(0, cut)).trim();
        if (reply.status === 404) {
          // served by plain `streamlit run app.py`, without the route: redraw every 2 s
          live.trigger("changed", "poll " + Date.now());
          pause = 2 * live.data.every;
        } else if (now === null) {
          pause = live.data.every;
        } else if (now === seen) {
          live.pending = null;  // held until nothing changed for a while: ask again
        } else if (cut >= 0 && show(text.slice(cut + 1))) {
          live.shown = now;  // the reveal is on the screen: ask again from there at once
          live.pending = null;
        } else if (Date.now() - (live.touched || 0) < 3000) {
          pause = live.data.every;  // the page reruns for the click: asked again once drawn
        } else {
          if (now !== live.pending || Date.now() - live.pendingAt > 5000) {
            live.pending = now;  // one rerun per change (again after 5 s if it got lost)
            live.pendingAt = Date.now();
            live.trigger("changed", now);
          }
          pause = live.data.every;  // until the page is drawn anew with the new version
        }
      } catch (e) {
        pause = live.data.every;  // the server restarts or the phone lost the network
      }
      live.asking = false;
      live.again(pause);
    };
    live.again(0);
  } else if (redrawn && !live.asking) {
    // drawn anew with a new version: ask again at once, or once ``gap`` ms have passed since
    // the last redraw it asked for (a projector during a scoring round: a few redraws a second)
    live.again(Math.max(0, live.data.gap - (Date.now() - (live.pendingAt || 0))));
  }
  return () => { live.running = false; clearTimeout(live.timer); };
}
"""

_follow = st.components.v2.component("cem_live", js=_JS)


def follow(
    token: str | None, seen: str, *, screen: str = live.PHONE, workshop_id: int | None = None
) -> None:
    """Rerun this page when ``/_cem/live`` for ``token`` answers something other than ``seen``.

    ``screen``: what the page is (a phone, or the projector); the host's projector on this
    machine has no token and asks by ``workshop_id`` (answered only to this machine)."""
    url = f"./_cem/live?t={quote(token or '')}"
    if screen != live.PHONE:
        url += f"&s={screen}"
    else:  # the language a reveal's results are sent in
        url += f"&l={lang()}"
    if not token and workshop_id is not None:
        url += f"&w={workshop_id}"
    every = EVERY_MS if screen == live.PHONE else EVERY_MS // 2  # without the route: 2 s, 1 s
    phone = screen == live.PHONE
    _follow(
        key="cem_live",
        # the projector: a few redraws a second at most, and none asked for while a click of
        # its own reruns it (a phone's taps change nothing its version covers)
        data={
            "url": url,
            "seen": seen,
            "every": every,
            "gap": 0 if phone else GAP_MS,
            "guard": not phone,
        },  # fmt: skip
        on_changed_change=lambda: None,
    )
