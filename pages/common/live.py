"""A phone follows the room without rerunning: a small script asks ``/_cem/live`` with the
version the page was drawn with; the server answers when it differs (or after 20 s: then
the script asks again), and only then does the page rerun.

    >>> follow(token, version(phone_key(workshop_id)))

Why not ``st.fragment(run_every=1)``: each such rerun costs the server about 3 ms even when
nothing changed; a hundred phones would take a third of a core doing nothing. A held
question costs nothing while it waits (``pages/server.py``). The script is a Streamlit
component (v2, no iframe) with nothing to show.
"""

from __future__ import annotations

from urllib.parse import quote

import streamlit as st

EVERY_MS = 1000

_JS = """
export default function (component) {
  const { data, setTriggerValue, parentElement } = component;
  // One question at a time per mounted element, whether Streamlit calls this once or on
  // every rerun; the latest data (the version the page was drawn with) is read at each ask.
  const live = parentElement.__cemLive || (parentElement.__cemLive = { gen: 0, pending: null });
  live.data = data;
  live.trigger = setTriggerValue;
  if (!live.running) {
    live.running = true;
    const gen = ++live.gen;
    const again = (ms) => { if (live.running && gen === live.gen) setTimeout(ask, ms); };
    const ask = async () => {
      if (!live.running || gen !== live.gen) return;
      const seen = live.data.seen;
      let pause = 0;
      try {
        const reply = await fetch(live.data.url + "&seen=" + encodeURIComponent(seen),
                                  { cache: "no-store" });
        const now = reply.ok ? (await reply.text()).trim() : null;
        if (reply.status === 404) {
          // served by plain `streamlit run app.py`, without the route: redraw every 2 s
          live.trigger("changed", "poll " + Date.now());
          pause = 2 * live.data.every;
        } else if (now === null) {
          pause = live.data.every;
        } else if (now === live.data.seen) {
          live.pending = null;  // held until nothing changed for a while: ask again
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
      again(pause);
    };
    again(0);
  }
  return () => { live.running = false; };
}
"""

_follow = st.components.v2.component("cem_live", js=_JS)


def follow(token: str, seen: str) -> None:
    """Rerun this page when ``/_cem/live`` for ``token`` answers something other than ``seen``."""
    _follow(
        key="cem_live",
        data={"url": f"./_cem/live?t={quote(token)}", "seen": seen, "every": EVERY_MS},
        on_changed_change=lambda: None,
    )
