"""Who this browser is: its role, its workshop, its language — resolved once per run.

Identity lives in the URL (``?t=<token>``) so a reload keeps it, and in
``st.session_state`` only for the current run.

Roles:
- ``host``: a browser on the machine that runs the app (loopback); facilitator of every
  workshop. ``CEMWORKSHOP_TRUST_LOCALHOST=0`` turns this off (then only links and PINs count).
- ``facilitator``: came with a workshop's facilitator link or PIN; that workshop only.
- ``participant``: joined one workshop; answers rounds, nothing else.
- ``guest``: nobody yet; sees the join page.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass

import streamlit as st

from cemworkshop import i18n, workshops


@dataclass(frozen=True)
class Session:
    role: str  # host | facilitator | participant | guest
    workshop_id: int | None
    participant_id: int | None
    token: str | None
    lang: str

    @property
    def can_facilitate(self) -> bool:
        return self.role in ("host", "facilitator")


def trust_localhost() -> bool:
    """Whether a browser on this machine is the host (facilitator without a link)."""
    return os.environ.get("CEMWORKSHOP_TRUST_LOCALHOST", "1") != "0"


def _is_local_browser() -> bool:
    # st.context.ip_address is None for a loopback TCP peer (and in AppTest, which has none).
    return st.context.ip_address is None


def resolve_session() -> Session:
    """Work out who this browser is from the URL; keep that in the URL across page changes.

    A link that does not fit (an unknown workshop id or join code, a revoked token) leaves a
    note in ``st.session_state["_url_problem"]`` for the page to explain.
    """
    params = st.query_params
    state = st.session_state
    token = params.get("t") or state.get("_token")
    role, workshop_id, participant_id = "guest", None, None
    if token:
        access = workshops.access_for_token(token)
        if access is None:
            state["_bad_link"] = True
            token = None
            state.pop("_token", None)
        else:
            role, workshop_id, participant_id = (
                access.role,
                access.workshop_id,
                access.participant_id,
            )
    if role == "guest" and trust_localhost() and _is_local_browser():
        role = "host"
        wanted = params.get("ws") or state.get("_workshop_id")
        chosen = workshops.workshop_id_from(wanted)
        if chosen and workshops.get_workshop(chosen):
            workshop_id = chosen
        else:
            if wanted:
                state["_url_problem"] = "unknown_workshop"
                st.query_params.pop("ws", None)
            # Nothing chosen (first start, or the open one was deleted): open the newest.
            workshop_id = workshops.newest_workshop_id()
    workshop = workshops.get_workshop(workshop_id) if workshop_id else None
    if workshop is None and params.get("code"):
        # A guest who opened a join link sees the workshop's language from the first screen.
        workshop = workshops.workshop_by_join_code(params.get("code"))
        if workshop is None:
            state["_url_problem"] = "unknown_code"
    lang = i18n.known(params.get("lang") or state.get("_lang") or (workshop or {}).get("language"))
    session = Session(role, workshop_id, participant_id, token, lang)
    state["_session"] = session
    state["_token"] = token
    state["_workshop_id"] = workshop_id
    _keep_in_url(session)
    return session


def _keep_in_url(session: Session) -> None:
    wanted = {}
    if session.token:
        wanted["t"] = session.token
    elif session.role == "host" and session.workshop_id:
        wanted["ws"] = str(session.workshop_id)
    if st.session_state.get("_lang"):
        wanted["lang"] = session.lang
    for key, value in wanted.items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value


def browser_id() -> str:
    """A random id for this browser session (wrong PINs are counted per session)."""
    return st.session_state.setdefault("_browser_id", secrets.token_hex(12))


def address() -> str | None:
    """The network address this browser connects from (None on the machine itself)."""
    return st.context.ip_address


def still_valid() -> bool:
    """Whether this browser's token still grants what it granted when the page was drawn.

    Polling fragments ask every second: a revoked facilitator link or a deleted workshop
    takes effect without a reload. One indexed lookup.
    """
    session = current()
    if not session.token:
        return True
    access = workshops.access_for_token(session.token, expected=session.role)
    return access is not None and (access.role, access.workshop_id, access.participant_id) == (
        session.role,
        session.workshop_id,
        session.participant_id,
    )


def signed_in(token: str) -> None:
    """This browser signed in as facilitator: carry the token and open the workshop's home."""
    become(token)
    st.session_state["_open_home"] = True


def wants_home() -> bool:
    """Whether this run should open the home page (right after signing in); asks once."""
    return bool(st.session_state.pop("_open_home", False))


def url_problem() -> str | None:
    """What did not fit in the link this browser came with (asked once, then forgotten)."""
    return st.session_state.pop("_url_problem", None)


def current() -> Session:
    """This run's session (resolved by app.py before the page runs)."""
    return st.session_state.get("_session") or resolve_session()


def choose_language(lang: str) -> None:
    """This browser's own language choice; it follows the browser, not the workshop."""
    st.session_state["_lang"] = lang
    st.query_params["lang"] = lang


def open_workshop(workshop_id: int | None) -> None:
    """The host switches to another workshop (None: back to the list)."""
    st.session_state["_workshop_id"] = workshop_id
    if workshop_id:
        st.query_params["ws"] = str(workshop_id)
    else:
        st.query_params.pop("ws", None)


def become(token: str) -> None:
    """This browser now carries ``token`` (joined, or logged in with a PIN)."""
    st.session_state["_token"] = token
    st.query_params.clear()
    st.query_params["t"] = token
    if st.session_state.get("_lang"):
        st.query_params["lang"] = st.session_state["_lang"]


def leave() -> None:
    """Forget this browser's token (log out, or leave the workshop on this device)."""
    st.session_state.pop("_token", None)
    st.query_params.pop("t", None)
