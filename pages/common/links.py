"""The addresses phones and a second facilitator device open, and their QR code."""

from __future__ import annotations

import io
import ipaddress
import os
from urllib.parse import urlencode, urlsplit, urlunsplit

import streamlit as st

from pages.common.navigation import URL_PATHS


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
    for suffix in URL_PATHS:
        if path.endswith("/" + suffix):
            path = path[: -len(suffix) - 1]
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
