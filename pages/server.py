"""The web server: Streamlit serving ``app.py``, and one route of our own, ``/_cem/live``.

``python -m cemworkshop`` runs ``streamlit run pages/server.py``; Streamlit finds the
``st.App`` below (its public way to add routes) and serves it with uvicorn in this process.
It lives with the pages because it is Streamlit's side of the house: the domain
(``cemworkshop.live``) says what a phone follows, this file only serves it.

``/_cem/live?t=<token>&seen=<version>`` is a phone's standing question "has anything I show
changed?" (``cemworkshop.live``). It is answered at once when the workshop's version differs
from ``seen``; otherwise it is held until it does or ``HOLD`` seconds have passed. While
phones wait, one task works out the version of each watched workshop every ``TICK`` seconds
(in Starlette's thread pool, with its own database connection) and wakes that workshop's
phones when it changed. A hundred idle phones thus cost a few lookups a second, not a hundred
Streamlit reruns.
"""

import asyncio
import logging
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # Streamlit put this file's folder first, not the project's
    sys.path.insert(1, str(ROOT))

from starlette.concurrency import run_in_threadpool  # noqa: E402
from starlette.requests import Request  # noqa: E402
from starlette.responses import PlainTextResponse  # noqa: E402
from starlette.routing import Route  # noqa: E402
from streamlit.starlette import App  # noqa: E402

from cemworkshop import live  # noqa: E402

LIVE_PATH = "/_cem/live"
TICK = 0.25  # seconds between two looks at the watched workshops
HOLD = 20.0  # seconds a question is held before it is answered "no change"

log = logging.getLogger(__name__)


class Watcher:
    """The versions of the workshops that phones are waiting on, and a wake-up per workshop."""

    def __init__(self) -> None:
        self.versions: dict[int, str] = {}
        self.changed: dict[int, asyncio.Event] = {}
        self.waiting: Counter[int] = Counter()
        self.task: asyncio.Task | None = None

    async def wait(self, workshop_id: int, seen: str, now: str) -> str:
        """The version once it differs from ``seen`` (``now`` is it as just read), or ``seen``
        after ``HOLD`` seconds."""
        if self.task is None or self.task.done():
            self.task = asyncio.get_running_loop().create_task(self._look())
        if not self.waiting[workshop_id]:
            self.versions[workshop_id] = now  # the task keeps it from here on
        self.waiting[workshop_id] += 1
        loop = asyncio.get_running_loop()
        deadline = loop.time() + HOLD
        try:
            while True:
                current = self.versions.get(workshop_id, now)
                if current != seen:
                    return current
                left = deadline - loop.time()
                if left <= 0:
                    return seen
                event = self.changed.setdefault(workshop_id, asyncio.Event())
                try:
                    await asyncio.wait_for(event.wait(), left)
                except TimeoutError:
                    return seen
        finally:
            self.waiting[workshop_id] -= 1
            if not self.waiting[workshop_id]:
                del self.waiting[workshop_id]
                self.versions.pop(workshop_id, None)

    async def _look(self) -> None:
        while True:
            await asyncio.sleep(TICK)
            watched = list(self.waiting)
            if not watched:
                continue
            try:
                found = await run_in_threadpool(live.versions, watched)
            except Exception:  # a locked or replaced database: look again next tick
                log.exception("live: could not read the workshops' versions")
                continue
            for workshop_id, version in found.items():
                if workshop_id in self.waiting and self.versions.get(workshop_id) != version:
                    self.versions[workshop_id] = version
                    event = self.changed.pop(workshop_id, None)
                    if event:
                        event.set()


watcher = Watcher()


async def live_answer(request: Request) -> PlainTextResponse:
    token = request.query_params.get("t", "")
    seen = request.query_params.get("seen", "")
    workshop_id = await run_in_threadpool(live.present, token)
    if workshop_id is None:
        reply = live.GONE
    else:
        reply = await run_in_threadpool(live.workshop_version, workshop_id)
        if reply == seen:
            reply = await watcher.wait(workshop_id, seen, reply)
    return PlainTextResponse(reply, headers={"Cache-Control": "no-store"})


app = App(str(ROOT / "app.py"), routes=[Route(LIVE_PATH, live_answer)])
