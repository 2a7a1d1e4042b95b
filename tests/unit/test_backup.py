"""Backup and restore of the whole database: a consistent copy while people write, a round
trip that gives back every row, and files that must not replace anything refused first."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from cemworkshop import schema, store, touchpoints, workshops
from cemworkshop.validation import ValidationError
from tests.unit.helpers import open_scoring, participants, score, workshop_with_touchpoints


def dump(path) -> dict[str, list[tuple]]:
    """Every row of every table of a database file, in a stable order."""
    conn = sqlite3.connect(str(path))
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name")]  # fmt: skip
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}  # noqa: S608
    finally:
        conn.close()


def test_a_backup_taken_while_twenty_threads_write_is_consistent(db_path, tmp_path):
    ws, tps = workshop_with_touchpoints(names=[f"T{i}" for i in range(5)])
    people = participants(ws, 20)
    rid = open_scoring(ws.id, tps)
    stop = threading.Event()

    def writer(person):
        value = 1
        while not stop.is_set():
            score(rid, person, {tps[value % 5]: {"importance": value % 5 + 1}})
            value += 1

    threads = [threading.Thread(target=writer, args=(p,)) for p in people]
    for th in threads:
        th.start()
    try:
        copies = []
        for n in range(3):
            target = tmp_path / f"copy{n}.db"
            store.backup_to(target)
            copies.append(target)
    finally:
        stop.set()
        for th in threads:
            th.join()
    for target in copies:
        info = store.check_backup(target)  # integrity, a CEM Workshop file, this schema
        assert info["version"] == schema.SCHEMA_VERSION
        assert [w["id"] for w in info["workshops"]] == [ws.id]
        conn = sqlite3.connect(str(target))
        # every answer in the copy belongs to a round item of the copy: no half-written state
        orphans = conn.execute(
            "SELECT count(*) FROM scores s LEFT JOIN round_items i ON i.id = s.round_item_id"
            " WHERE i.id IS NULL").fetchone()[0]  # fmt: skip
        assert orphans == 0
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.close()


def test_backup_then_restore_gives_back_every_row(db_path, tmp_path):
    ws, tps = workshop_with_touchpoints(names=["Website", "Lieferung"])
    (anna,) = participants(ws, 1)
    rid = open_scoring(ws.id, tps)
    score(rid, anna, {tps[0]: {"importance": 5, "performance": 2}})
    saved = tmp_path / "saved.db"
    store.backup_to(saved)
    before = dump(saved)
    # changes after the backup: a new workshop, a renamed touchpoint, a deleted answer
    workshops.create_workshop("Später")
    touchpoints.rename_phase(ws.id, touchpoints.phases(ws.id)[0]["id"], "Umbenannt")
    with store.transaction() as db:
        db.execute("DELETE FROM scores")
    kept = store.restore_from(saved)
    assert kept.exists() and kept.parent == db_path.parent and "before-restore" in kept.name
    assert dump(kept)["workshops"] != before["workshops"]  # the copy holds the state before
    store.close_thread_connections()
    assert dump(db_path) == before
    assert [w["name"] for w in workshops.list_workshops()] == [
        workshops.get_workshop(ws.id)["name"]
    ]


def test_files_that_must_not_replace_anything_are_refused_first(db_path, tmp_path):
    workshops.create_workshop("Bleibt")
    before = dump(db_path)
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not a database at all" * 100)
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(str(foreign))
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    newer = tmp_path / "newer.db"
    store.backup_to(newer)
    conn = sqlite3.connect(str(newer))
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    damaged = tmp_path / "damaged.db"
    store.backup_to(damaged)
    data = bytearray(damaged.read_bytes())
    data[4096 * 2 : 4096 * 2 + 400] = b"\xff" * 400  # a page of a table overwritten
    damaged.write_bytes(bytes(data))
    for path, code in ((garbage, "backup_not_sqlite"), (foreign, "backup_foreign"),
                       (newer, "backup_newer"), (damaged, "backup_damaged")):  # fmt: skip
        with pytest.raises(ValidationError) as err:
            store.restore_from(path)
        assert err.value.code == code, path.name
    assert dump(db_path) == before
    assert not list(db_path.parent.glob("*before-restore*"))  # nothing kept: nothing replaced
