"""Every user action that writes is one transaction: a failure halfway leaves nothing behind."""

import sqlite3

import pytest

from cemworkshop import competitors, customers, demo, journey, store, touchpoints, workshops
from cemworkshop.exchange.touchpoints import import_touchpoints_csv
from tests.unit.helpers import workshop_with_touchpoints


def fail_on_call(monkeypatch, module, name, nth):
    """Make ``module.name`` raise on its ``nth`` call (a crash in the middle of an action)."""
    original = getattr(module, name)
    calls = {"n": 0}

    def wrapped(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == nth:
            raise RuntimeError("the machine fails halfway")
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, wrapped)


def test_loading_the_demo_is_all_or_nothing(db_path, monkeypatch):
    fail_on_call(monkeypatch, competitors, "set_scores", 3)  # late: after rounds and segments
    with pytest.raises(RuntimeError):
        demo.load_demo()
    for table in ("workshops", "touchpoints", "participants", "rounds", "scores", "segments"):
        assert store.value(f"SELECT count(*) FROM {table}") == 0, table  # noqa: S608


def test_an_import_that_fails_halfway_adds_no_row(db_path, monkeypatch):
    ws = workshops.create_workshop("Import")
    fail_on_call(monkeypatch, touchpoints, "add_touchpoint", 3)
    with pytest.raises(RuntimeError):
        import_touchpoints_csv(ws.id, b"name\nA\nB\nC\nD\n")
    assert touchpoints.touchpoints(ws.id) == []


def test_removing_several_paths_is_all_or_nothing(db_path):
    ws, (a, b, c) = workshop_with_touchpoints()
    first, second = journey.add_edge(ws.id, a, b), journey.add_edge(ws.id, b, c)
    with pytest.raises(sqlite3.ProgrammingError):
        journey.remove_edges(ws.id, [first, object()])  # the second id is not an id at all
    assert [e["id"] for e in journey.edges(ws.id)] == [first, second]
    assert journey.remove_edges(ws.id, [first, second]) == 2


def test_adding_the_typical_feedback_sources_is_all_or_nothing(db_path, monkeypatch):
    ws = workshops.create_workshop("Quellen")
    fail_on_call(monkeypatch, customers, "set_source", 4)
    with pytest.raises(RuntimeError):
        customers.add_typical_sources(ws.id, "de")
    assert customers.sources(ws.id) == []


def test_reads_write_nothing(db_path):
    ws = workshops.create_workshop("Lesen", company="Muster GmbH")
    before = store.connect().conn.total_changes
    competitors.companies(ws.id)
    competitors.scores(ws.id)
    workshops.promises(ws.id)
    touchpoints.touchpoints(ws.id)
    assert store.connect().conn.total_changes == before
