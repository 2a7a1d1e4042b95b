"""A database the app cannot use shows what happened and what to do — never a traceback."""

import pytest

from cemworkshop import schema, store, workshops
from tests.app.conftest import make_app, texts


def shown(at) -> str:
    assert not at.exception, at.exception
    return texts(at)


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    path = tmp_path / "faults.db"
    monkeypatch.setenv("CEMWORKSHOP_DB", str(path))
    monkeypatch.setenv("CEMWORKSHOP_NO_DEMO", "1")
    store.close_thread_connections()
    store._migrated.discard(str(path.resolve()))
    yield path
    store.close_thread_connections()


def test_a_read_only_file(fresh, monkeypatch, as_host):
    workshops.create_workshop("Kick-off")
    store.close_thread_connections()
    real = store.os.access
    monkeypatch.setattr(
        store.os, "access", lambda p, mode: False if str(p) == str(fresh) else real(p, mode)
    )
    at = make_app()
    at.run()
    assert "schreibgeschützt" in shown(at)
    assert str(fresh) in [c.value for c in at.code]


def test_a_corrupt_file(fresh, as_host):
    fresh.write_bytes(b"This is not a database, it is a shopping list.\n" * 200)
    at = make_app()
    at.run()
    assert "beschädigt" in shown(at)
    assert fresh.read_bytes().startswith(b"This is not a database")  # left as it was


def test_a_file_of_a_newer_release_is_not_opened_for_writing(fresh, as_host):
    workshops.create_workshop("Aus der Zukunft")
    store.connect().execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 3}")
    store.close_thread_connections()
    store._migrated.clear()
    before = fresh.read_bytes()
    at = make_app(lang="en")
    at.run()
    assert "newer version of CEM Workshop" in shown(at)
    assert fresh.read_bytes() == before


def test_a_full_disk_when_saving(fresh, monkeypatch, as_host):
    workshops.create_workshop("Voll")
    store.close_thread_connections()
    opened = store._open

    def no_room_left(path):  # like a full disk: SQLite may not grow the file by one page
        db = opened(path)
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages}")
        return db

    monkeypatch.setattr(store, "_open", no_room_left)
    at = make_app()
    at.run()
    at.button(key="ws_load_demo").click().run()
    assert "Datenträger ist voll" in shown(at)
    assert [w["name"] for w in workshops.list_workshops()] == ["Voll"]  # nothing half-loaded
