"""Streamlit glue shared by the pages: who this browser is, its language, links, common blocks.

The only module of the package that calls Streamlit besides ``journey_graph``; it holds no
workshop logic. Identity lives in the URL (``?t=<token>``) so a reload keeps it, and in
``st.session_state`` only for the current run.

Roles:
- ``host``: a browser on the machine that runs the app (loopback); facilitator of every
  workshop. ``CEMWORKSHOP_TRUST_LOCALHOST=0`` turns this off (then only links and PINs count).
- ``facilitator``: came with a workshop's facilitator link or PIN; that workshop only.
- ``participant``: joined one workshop; scores and submits, nothing else.
- ``guest``: nobody yet; sees the join page.
"""

from __future__ import annotations

import io
import ipaddress
import os
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from cemworkshop import i18n, workshops
from cemworkshop.validation import ValidationError

# `python -m cemworkshop` tells Streamlit before the first session that we navigate with
# st.navigation. Started as plain `streamlit run app.py`, the server's first run may still
# use the old pages/ folder mode; every page imports this module, so that ends after one
# run. For that run, URL paths equal the file names and every page checks who is asking.
PagesManager.uses_pages_directory = False

MARKDOWN_SPECIAL = set("\\`*_{}[]()#+-.!|<>~:$&")


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


def _trust_localhost() -> bool:
    return os.environ.get("CEMWORKSHOP_TRUST_LOCALHOST", "1") != "0"


def _is_local_browser() -> bool:
    # st.context.ip_address is None for a loopback TCP peer (and in AppTest, which has none).
    return st.context.ip_address is None


def resolve_session() -> Session:
    """Work out who this browser is from the URL; keep that in the URL across page changes."""
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
    if role == "guest" and _trust_localhost() and _is_local_browser():
        role = "host"
        wanted = params.get("ws") or state.get("_workshop_id")
        if wanted and str(wanted).isdigit() and workshops.get_workshop(int(wanted)):
            workshop_id = int(wanted)
        else:
            # Nothing chosen (first start, or the open one was deleted): open the newest.
            workshop_id = workshops.newest_workshop_id()
    workshop = workshops.get_workshop(workshop_id) if workshop_id else None
    lang = params.get("lang") or state.get("_lang") or (workshop or {}).get("language") or "de"
    if lang not in i18n.LANGUAGES:
        lang = "de"
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


def current() -> Session:
    """This run's session (resolved by app.py before the page runs)."""
    return st.session_state.get("_session") or resolve_session()


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


# --- language -------------------------------------------------------------------------


def t(key: str, **params) -> str:
    """The text for ``key`` in this browser's language."""
    return i18n.translate(key, current().lang, **params)


def error_text(err: ValidationError) -> str:
    """A validation error as a sentence in this browser's language."""
    params = dict(err.params)
    if "field" in params:
        params["field"] = t(f"field.{params['field']}")
    return t(f"error.{err.code}", **params)


PAGE_STYLE = """<style>
[data-testid="stMainBlockContainer"] { padding-top: 3.5rem; padding-bottom: 3rem; }
</style>"""


PHONE_STYLE = """<style>
[data-testid="stMainBlockContainer"] { padding-top: 2.75rem; }
/* thumb-sized 1–5 buttons: at least 44 px, as touch guidelines ask */
[data-testid="stButtonGroup"] button { min-height: 46px; min-width: 54px; font-size: 1.15rem; }
</style>"""


def page_header(title: str, caption: str | None = None, *, phone: bool = False) -> None:
    """A page's title with the per-person language choice beside it (top right).

    ``phone=True`` (the participant page) uses a smaller heading and thumb-sized buttons.
    """
    st.html(PHONE_STYLE if phone else PAGE_STYLE)
    title_col, lang_col = st.columns([5, 1], vertical_alignment="center")
    if phone:
        title_col.subheader(title)
    else:
        title_col.title(title)
    with lang_col:
        language_switch()
    if caption:
        st.caption(caption)


def attempt(change, *args, **kwargs) -> bool:
    """Run a change to the workshop; on bad input show why (in this language) and return False."""
    try:
        change(*args, **kwargs)
    except ValidationError as err:
        st.error(error_text(err))
        return False
    return True


def language_switch() -> None:
    """The per-person language choice: it follows this browser, not the workshop."""
    lang = current().lang
    choice = st.segmented_control(
        "Sprache · Language",
        list(i18n.LANGUAGES),
        default=lang,
        format_func=str.upper,
        key="lang_switch",
        label_visibility="collapsed",
    )
    if choice and choice != lang:
        st.session_state["_lang"] = choice
        st.query_params["lang"] = choice
        st.rerun()


def md(text: str) -> str:
    """User text made safe for ``st.markdown``: every Markdown character escaped."""
    return "".join("\\" + ch if ch in MARKDOWN_SPECIAL else ch for ch in str(text))


# --- guards ---------------------------------------------------------------------------


def require_facilitator() -> dict:
    """The facilitator's open workshop; stops the page for anyone else."""
    session = current()
    if not session.can_facilitate:
        st.error(t("guard.facilitator_only"))
        st.stop()
    workshop = workshops.get_workshop(session.workshop_id) if session.workshop_id else None
    if workshop is None:
        st.info(t("guard.open_workshop_first"))
        st.page_link("pages/home.py", label=t("nav.home"), icon=":material/home:")
        st.stop()
    return workshop


# --- links ----------------------------------------------------------------------------


def _lan_address() -> str | None:
    # Streamlit's own lookup (a UDP socket's route, no packet sent) -- the "Network URL" it prints.
    from streamlit import net_util

    address = net_util.get_internal_ip()
    return address if address and not ipaddress.ip_address(address).is_loopback else None


def public_base_url() -> str:
    """The address phones in the room can open: ``$CEMWORKSHOP_PUBLIC_URL`` or this machine's LAN address."""
    configured = os.environ.get("CEMWORKSHOP_PUBLIC_URL")
    if configured:
        return configured.rstrip("/")
    seen = st.context.url or "http://localhost:8501/"
    parts = urlsplit(seen)
    host = parts.hostname or "localhost"
    port = f":{parts.port}" if parts.port else ""
    if host in ("localhost", "127.0.0.1", "::1"):
        host = _lan_address() or host
    path = parts.path.rstrip("/")
    for suffix in ("/join", "/step1_definition", "/presenter", "/export", "/home"):
        if path.endswith(suffix):
            path = path[: -len(suffix)]
    return urlunsplit((parts.scheme or "http", f"{host}{port}", path, "", "")).rstrip("/")


def only_this_machine() -> bool:
    """Whether the server listens on loopback only, so phones cannot reach it."""
    return str(st.get_option("server.address") or "") in ("localhost", "127.0.0.1", "::1")


def join_url(join_code: str) -> str:
    return f"{public_base_url()}/join?{urlencode({'code': join_code})}"


def facilitator_url(token: str) -> str:
    return f"{public_base_url()}/?{urlencode({'t': token})}"


@st.cache_data(max_entries=64, show_spinner=False)
def qr_png(url: str) -> bytes:
    """A QR code of ``url`` as PNG bytes (segno: pure Python, no network)."""
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=10, border=2)
    return buffer.getvalue()


def big_code(code: str, size_px: int = 64) -> None:
    """The join code in letters readable from the back of the room."""
    safe = "".join(ch for ch in code if ch.isalnum())  # codes are A–Z/2–9; keep it so
    st.html(
        f'<div data-testid="join-code" style="font-family:ui-monospace,monospace;'
        f"font-size:{size_px}px;font-weight:700;letter-spacing:0.08em;line-height:1.1;"
        f'white-space:nowrap;padding:0.1em 0">{safe[:3]}&nbsp;{safe[3:]}</div>'
    )


def pages_for(session: Session) -> list:
    """The pages this browser may see, in the order of the top navigation.

    A default page answers only at ``/``; the join page is registered a second time under
    ``/join`` so the link on the projector opens it without a "page not found".
    """
    join = st.Page(
        "pages/join.py", title=t("nav.join"), icon=":material/smartphone:", url_path="join"
    )
    if not session.can_facilitate:
        return [
            st.Page(
                "pages/join.py",
                title=t("nav.join"),
                icon=":material/smartphone:",
                url_path="start",
                default=True,
            ),
            join,
        ]
    home = st.Page(
        "pages/home.py", title=t("nav.home"), icon=":material/home:", url_path="home", default=True
    )
    if not session.workshop_id:
        return [home, join]
    return [
        home,
        st.Page(
            "pages/step1_definition.py",
            title=t("nav.step1"),
            icon=":material/route:",
            url_path="step1_definition",
        ),
        st.Page(
            "pages/presenter.py",
            title=t("nav.presenter"),
            icon=":material/co_present:",
            url_path="presenter",
        ),
        st.Page(
            "pages/export.py", title=t("nav.export"), icon=":material/download:", url_path="export"
        ),
        join,
    ]
