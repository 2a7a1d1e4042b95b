import sqlite3
import threading

import pytest

from cemworkshop import schema, store
from tests.unit.helpers import open_scoring, participants, score, workshop_with_touchpoints


def test_database_file_is_wal_with_foreign_keys_and_busy_timeout(db_path):
    db = store.connect()
    assert db_path.exists()
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_migrations_are_recorded_and_run_once(db_path):
    store.connect()
    applied = store.rows("SELECT name FROM _sqlite_migrations")
    assert [a["name"] for a in applied] == schema.MIGRATIONS
    assert schema.migrations.pending(store.connect()) == []
    assert schema.version_of(store.connect()) == schema.SCHEMA_VERSION == len(applied)
    schema.migrate(store.connect())  # again: nothing new, nothing fails
    assert store.value("SELECT count(*) FROM _sqlite_migrations") == len(applied)


def test_each_thread_gets_its_own_connection(db_path):
    mine = store.connect()
    seen = []
    t = threading.Thread(target=lambda: seen.append(store.connect()))
    t.start()
    t.join()
    assert seen[0] is not mine
    assert store.connect() is mine


def test_the_data_version_moves_with_every_commit_of_any_connection_and_only_then(db_path):
    store.connect()
    first = store.data_version()
    assert store.data_version() == first  # nothing committed
    store.rows("SELECT * FROM workshops")
    assert store.data_version() == first  # a read is no change
    with store.transaction() as db:  # this thread's connection
        db.execute("INSERT INTO settings (key, value) VALUES ('x', '1')")
    second = store.data_version()
    assert second != first
    other = sqlite3.connect(db_path)  # another process's connection, say
    other.execute("UPDATE settings SET value = '2' WHERE key = 'x'")
    other.commit()
    other.close()
    assert store.data_version() not in (first, second)


def test_a_failed_transaction_leaves_nothing_behind(db_path):
    store.connect()
    with pytest.raises(RuntimeError), store.transaction() as db:
        db.execute("INSERT INTO settings (key, value) VALUES ('a', '1')")
        raise RuntimeError("boom")
    assert store.value("SELECT count(*) FROM settings") == 0


def test_50_threads_submitting_at_once_lose_nothing_and_never_see_locked(db_path):
    ws, tps = workshop_with_touchpoints(names=[f"TP {i}" for i in range(10)])
    people = participants(ws, 50)
    round_id = open_scoring(ws.id, tps)
    errors = []
    start = threading.Barrier(50)

    def submit(pid, value):
        try:
            start.wait()
            for tp in tps:
                score(round_id, pid, {tp: {"importance": value, "performance": 6 - value}})
        except Exception as err:  # noqa: BLE001 — every failure is the finding
            errors.append(err)
        finally:
            store.close_thread_connections()

    threads = [threading.Thread(target=submit, args=(p, 1 + i % 5)) for i, p in enumerate(people)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert store.value("SELECT count(*) FROM scores") == 50 * 10 * 2
    assert store.connect().execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_foreign_keys_refuse_an_orphan_score(db_path):
    store.connect()
    with pytest.raises(sqlite3.IntegrityError), store.transaction() as db:
        db.execute(
            "INSERT INTO scores (round_item_id, participant_id, dimension, value) VALUES (99, 99, 'importance', 3)"
        )


def test_a_transaction_inside_another_is_a_savepoint(db_path):
    store.connect()
    with store.transaction() as db:
        db.execute("INSERT INTO settings (key, value) VALUES ('outer', '1')")
        with pytest.raises(RuntimeError), store.transaction() as inner:
            inner.execute("INSERT INTO settings (key, value) VALUES ('inner', '1')")
            raise RuntimeError("the inner step fails")
        with store.transaction() as inner:
            inner.execute("INSERT INTO settings (key, value) VALUES ('second', '1')")
    assert [r["key"] for r in store.rows("SELECT key FROM settings ORDER BY key")] == [
        "outer",
        "second",
    ]
    # An error in the outer part undoes the inner steps that had succeeded, too.
    with pytest.raises(RuntimeError), store.transaction() as db:
        with store.transaction() as inner:
            inner.execute("INSERT INTO settings (key, value) VALUES ('later', '1')")
        raise RuntimeError("the action fails after its first step")
    assert store.value("SELECT count(*) FROM settings WHERE key = 'later'") == 0


def test_a_file_of_a_newer_release_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "newer.db"
    store.connect(path).execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    store.close_thread_connections()
    store._migrated.clear()
    with pytest.raises(store.StorageError, match="newer_schema"):
        store.connect(path)
    store.close_thread_connections()
