"""Shared fixtures: every test gets its own SQLite file in a temp dir."""

from __future__ import annotations

import os

import pytest

from cemworkshop import store

# Every chart the tests draw is checked against Vega-Lite's schema (the app skips it:
# cemworkshop/charts/style.validating); the browser tests' servers inherit it.
os.environ["CEMWORKSHOP_CHECK_CHARTS"] = "1"


@pytest.fixture
def db_path(tmp_path, monkeypatch):
    """A fresh database file for this test; the store's connections point at it."""
    path = tmp_path / "cemworkshop.db"
    monkeypatch.setenv("CEMWORKSHOP_DB", str(path))
    monkeypatch.setenv("CEMWORKSHOP_NO_DEMO", "1")
    store.close_thread_connections()
    yield path
    store.close_thread_connections()
