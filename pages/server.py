"""The web server: Streamlit serving ``app.py``, and one route of our own, ``/_cem/live``.

``python -m cemworkshop`` runs ``streamlit run pages/server.py``; Streamlit finds the
``st.App`` below (its public way to add routes) and serves it with uvicorn in this process.
It lives with the pages because it is Streamlit's side of the house: the domain
(``cemworkshop.live``) says what a phone follows, this file only serves it.

``/_cem/live?t=<token>&seen=<version>&l=<language>`` is a phone's standing question "has
anything I show changed?" (``cemworkshop.live``); ``&s=presenter`` with the facilitator's
token is the projector's. When all a waiting phone has to show is a newly revealed round, the
new version's line is followed by the round's results as HTML, which the phone shows without
rerunning its page. It is answered at once when the version differs from ``seen``; otherwise it is
held until it does or ``HOLD`` seconds have passed. While screens wait, one task looks at the
database every ``TICK`` seconds (SQLite's data version: has anything been committed?) and,
when something was, or at least every ``LOOK`` seconds (a timer running out), works out the
version of each watched workshop's screens (in Starlette's thread pool) and wakes the screens
whose version changed. A hundred idle phones thus cost a few lookups a second, not a hundred
Streamlit reruns, and a tap reaches the projector within a tick of its commit.
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

from cemworkshop import i18n, live, store  # noqa: E402
from cemworkshop.rounds import lifecycle  # noqa: E402
from pages.common.revealed import revealed_html  # noqa: E402
from pages.common.session import trust_localhost  # noqa: E402

LIVE_PATH = "/_cem/live"
TICK = 0.05  # seconds between two looks at the database's data version
LOOK = 0.25  # seconds between two looks at the watched workshops when nothing was committed
SHARE = 10  # a look that takes long (many workshops) waits ten times its time before the next
HOLD = 20.0  # seconds a question is held before it is answered "no change"

log = logging.getLogger(__name__)


Watched = tuple[int, str]  # (workshop, screen): its phones, or its projector


class Watcher:
    """The versions of the screens that are waiting, and a wake-up per workshop and screen."""

    def __init__(self) -> None:
        self.versions: dict[Watched, str] = {}
        self.changed: dict[Watched, asyncio.Event] = {}
        self.waiting: Counter[Watched] = Counter()
        self.task: asyncio.Task | None = None

    async def wait(self, watched: Watched, seen: str, now: str) -> str:
        """The version once it differs from ``seen`` (``now`` is it as just read), or ``seen``
        after ``HOLD`` seconds."""
        if self.task is None or self.task.done():
            self.task = asyncio.get_running_loop().create_task(self._look())
        if not self.waiting[watched]:
            self.versions[watched] = now  # the task keeps it from here on
        self.waiting[watched] += 1
        loop = asyncio.get_running_loop()
        deadline = loop.time() + HOLD
        try:
            while True:
                current = self.versions.get(watched, now)
                if current != seen:
                    return current
                left = deadline - loop.time()
                if left <= 0:
                    return seen
                event = self.changed.setdefault(watched, asyncio.Event())
                try:
                    await asyncio.wait_for(event.wait(), left)
                except TimeoutError:
                    return seen
        finally:
            self.waiting[watched] -= 1
            if not self.waiting[watched]:
                del self.waiting[watched]
                self.versions.pop(watched, None)

    async def _look(self) -> None:
        loop = asyncio.get_running_loop()
        data, looked = None, 0.0
        while True:
            await asyncio.sleep(TICK)
            looking = list(self.waiting)
            if not looking:
                continue
            try:
                now = await run_in_threadpool(store.data_version)
                if now == data and loop.time() - looked < LOOK:
                    continue
                data, looked = now, loop.time()
                found = await run_in_threadpool(live.versions, looking)
            except Exception:  # a locked or replaced database: look again next tick
                log.exception("live: could not read the workshops' versions")
                data = None
                continue
            spent = loop.time() - looked
            if spent * SHARE > TICK:  # many workshops: looks take at most 1/SHARE of the time
                await asyncio.sleep(spent * SHARE - TICK)
            for watched, version in found.items():
                if watched in self.waiting and self.versions.get(watched) != version:
                    self.versions[watched] = version
                    event = self.changed.pop(watched, None)
                    if event:
                        event.set()


watcher = Watcher()


def _host(request: Request) -> bool:
    """A browser on this machine, which the app trusts as the host (as ``pages/common/session``)."""
    peer = request.client.host if request.client else None
    return trust_localhost() and peer in ("127.0.0.1", "::1", "localhost")


async def live_answer(request: Request) -> PlainTextResponse:
    token = request.query_params.get("t", "")
    seen = request.query_params.get("seen", "")
    screen = live.PRESENTER if request.query_params.get("s") == live.PRESENTER else live.PHONE
    if not token and screen == live.PRESENTER and _host(request):  # the host's own projector
        workshop_id = await run_in_threadpool(live.hosted, request.query_params.get("w", ""))
    else:
        workshop_id = await run_in_threadpool(live.present, token, screen)
    if workshop_id is None:
        reply = live.GONE
    else:
        reply = await run_in_threadpool(live.workshop_version, workshop_id, screen)
        if reply == seen:
            reply = await watcher.wait((workshop_id, screen), seen, reply)
        if screen == live.PHONE and reply != seen:
            language = request.query_params.get("l", "")
            shown = await run_in_threadpool(_revealed, seen, reply, language)
            if shown:
                reply += "\n" + shown
    return PlainTextResponse(reply, headers={"Cache-Control": "no-store"})


def _revealed(seen: str, now: str, language: str) -> str | None:
    """The results a waiting phone can show by itself at version ``now`` (``live.newly_revealed``),
    as HTML in its language; None when its page has to rerun."""
    round_id = live.newly_revealed(seen, now)
    rnd = lifecycle.get_round(round_id) if round_id is not None else None
    if rnd is None or not rnd["revealed"]:
        return None
    return revealed_html(rnd, i18n.known(language))


app = App(str(ROOT / "app.py"), routes=[Route(LIVE_PATH, live_answer)])
