"""The only module that opens SQLite: connections, transactions and read helpers.

    >>> from cemworkshop import store
    >>> store.rows("SELECT id, name FROM workshops")          # plain dicts
    >>> with store.transaction() as db:                       # BEGIN IMMEDIATE … COMMIT
    ...     db.execute("UPDATE workshops SET name = ? WHERE id = ?", ["Kick-off", 1])

The database file is ``data/cemworkshop.db`` unless ``CEMWORKSHOP_DB`` names another.
Every connection runs in WAL mode with foreign keys on and a busy timeout, and each
thread gets its own connection (a ``sqlite3.Connection`` is never shared). The schema and
its migrations live in :mod:`cemworkshop.schema`; a connection is migrated once per process.

Transactions nest: a ``transaction()`` inside another becomes a savepoint of the outer
one, so an action made of several domain calls (loading the demo, an import) still
commits once or not at all.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
import sqlite3
import threading
import weakref
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from cemworkshop import schema, shared
from cemworkshop.errors import StorageError
from cemworkshop.validation import ValidationError

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "cemworkshop.db"
BUSY_TIMEOUT_SECONDS = 30.0

_local = threading.local()
_migrated: set[str] = set()
_migrate_lock = threading.Lock()
_savepoints = itertools.count(1)


# What SQLite says, and what it means for the person in front of the screen.
_SQLITE_MESSAGES = (
    ("readonly", "read_only"),
    ("read-only", "read_only"),
    ("disk is full", "disk_full"),
    ("not a database", "corrupt"),
    ("malformed", "corrupt"),
    ("file is encrypted", "corrupt"),
    ("database is locked", "busy"),
    ("disk i/o error", "io_error"),
    ("unable to open", "cannot_open"),
)


def storage_error(err: BaseException, path: Path | None = None) -> StorageError | None:
    """The :class:`StorageError` an SQLite error stands for, or None (a constraint, a bug …)."""
    if isinstance(err, sqlite3.IntegrityError) or not isinstance(err, sqlite3.DatabaseError):
        return None
    text = str(err).lower()
    for words, code in _SQLITE_MESSAGES:
        if words in text:
            return StorageError(code, path=str(path or db_path()))
    return None


@contextlib.contextmanager
def _translated(path: Path | None = None) -> Iterator[None]:
    try:
        yield
    except sqlite3.DatabaseError as err:
        found = storage_error(err, path)
        if found is None:
            raise
        raise found from err


def db_path() -> Path:
    """The SQLite file this thread uses: ``$CEMWORKSHOP_DB`` or the default (see :func:`using`)."""
    return getattr(_local, "path", None) or Path(os.environ.get("CEMWORKSHOP_DB") or DEFAULT_PATH)


@contextlib.contextmanager
def using(path: Path) -> Iterator[None]:
    """Within this block this thread uses ``path`` (a background job keeps its caller's file)."""
    before = getattr(_local, "path", None)
    _local.path = Path(path)
    try:
        yield
    finally:
        _local.path = before


def _open(path: Path) -> Database:
    path.parent.mkdir(parents=True, exist_ok=True)
    if (path.exists() and not os.access(path, os.W_OK)) or not os.access(path.parent, os.W_OK):
        raise StorageError("read_only", path=str(path))
    # Used by one thread at a time; a connection whose thread has ended is taken over by the
    # next thread that needs one (see _adopt), hence no same-thread check.
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False)
    # Autocommit at the driver level: transactions are begun only by transaction() below.
    conn.isolation_level = None
    conn.row_factory = sqlite3.Row
    db = Database(conn)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
    conn.execute("PRAGMA journal_mode = WAL")
    # WAL + NORMAL: a crashed or killed process loses no committed transaction.
    conn.execute("PRAGMA synchronous = NORMAL")
    return db


@functools.lru_cache(maxsize=256)
def _resolved(path: str) -> str:
    """The file behind ``path`` (symlinks followed), worked out once: every query asks."""
    return str(Path(path).resolve())


def connect(path: Path | str | None = None) -> Database:
    """This thread's connection to ``path`` (default: :func:`db_path`), migrated once per process."""
    raw = os.fspath(
        path or getattr(_local, "path", None) or os.environ.get("CEMWORKSHOP_DB") or DEFAULT_PATH
    )  # as db_path(), without building a Path for every query
    key = _resolved(raw)
    cache = getattr(_local, "dbs", None)
    if cache is None:
        cache = _local.dbs = {}
    db = cache.get(key)
    if db is None:
        db = _adopt(key)
        if db is not None:
            cache[key] = db
            return db
        path = Path(raw)
        with _translated(path):
            db = _open(path)
            if key not in _migrated:
                with _migrate_lock:
                    if key not in _migrated:
                        try:
                            schema.migrate(db)
                        except schema.SchemaError as err:
                            db.conn.close()
                            raise StorageError(err.code, path=str(path), **err.params) from err
                        except BaseException:
                            db.conn.close()
                            raise
                        _migrated.add(key)
        cache[key] = db
        with _owners_lock:
            _owners.setdefault(key, []).append([weakref.ref(threading.current_thread()), db])
    return db


# Streamlit runs every rerun in a thread of its own: opening a connection each time (about a
# millisecond with its pragmas) was a third of a bare page's time. A connection outlives its
# thread and passes to the next thread asking for the same file.
_owners: dict[str, list[list]] = {}  # file → [[weakref to its thread, Database], …]
_owners_lock = threading.Lock()


def _adopt(key: str) -> Database | None:
    """A connection to ``key`` whose thread has ended, now this thread's; or None."""
    me = threading.current_thread()
    with _owners_lock:
        for entry in _owners.get(key, ()):
            thread = entry[0]()
            if thread is None or not thread.is_alive():
                entry[0] = weakref.ref(me)
                db = entry[1]
                break
        else:
            return None
    if db.conn.in_transaction:  # its thread ended inside one (it cannot have committed)
        db.conn.execute("ROLLBACK")
    return db


def close_thread_connections() -> None:
    """Close this thread's connections (tests and the benchmark use it between runs)."""
    mine = list(getattr(_local, "dbs", {}).values())
    with _owners_lock:
        for key, entries in list(_owners.items()):
            _owners[key] = [e for e in entries if all(e[1] is not db for db in mine)]
    for db in mine:
        db.conn.close()
    _local.dbs = {}


_watch: dict[str, sqlite3.Connection] = {}
_watch_lock = threading.Lock()


def data_version(path: Path | str | None = None) -> int:
    """A number that changes whenever anything is committed to the database, by any
    connection of any process (SQLite's ``PRAGMA data_version`` on a connection of its own
    that never writes); costs microseconds, so a watcher can ask it many times a second."""
    key = _resolved(os.fspath(path or db_path()))
    with _watch_lock:
        conn = _watch.get(key)
        if conn is None:
            conn = _watch[key] = sqlite3.connect(
                key, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False
            )
        with _translated():
            return conn.execute("PRAGMA data_version").fetchone()[0]


@contextlib.contextmanager
def transaction(path: Path | str | None = None) -> Iterator[Database]:
    """A write transaction that takes the write lock up front (``BEGIN IMMEDIATE``).

    A deferred transaction that upgrades to a write fails at once with "database is
    locked" under concurrent writers, whatever the busy timeout; IMMEDIATE waits instead.
    Inside another transaction this is a savepoint: undone alone on error, committed
    with the outer transaction.
    """
    db = connect(path)
    conn = db.conn
    with _translated(path):
        yield from _transaction(db, conn)


def _transaction(db: Database, conn: sqlite3.Connection) -> Iterator[Database]:
    if conn.in_transaction:
        name = f"sp{next(_savepoints)}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield db
        except BaseException:
            if conn.in_transaction:
                conn.execute(f"ROLLBACK TO {name}")
                conn.execute(f"RELEASE {name}")
            raise
        conn.execute(f"RELEASE {name}")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def rows(sql: str, params: list | tuple | dict | None = None, path=None) -> list[dict]:
    """The rows of a read query as plain dicts."""
    with _translated(path):
        return [dict(r) for r in connect(path).execute(sql, params or []).fetchall()]


def row(sql: str, params: list | tuple | dict | None = None, path=None) -> dict | None:
    """The first row of a read query as a dict, or None."""
    with _translated(path):
        r = connect(path).execute(sql, params or []).fetchone()
    return dict(r) if r is not None else None


def value(sql: str, params: list | tuple | dict | None = None, path=None):
    """The first column of the first row, or None."""
    with _translated(path):
        r = connect(path).execute(sql, params or []).fetchone()
    return r[0] if r is not None else None


def marks(values) -> str:
    """``?, ?, ?`` for a list of values: the placeholders of an ``IN (…)``."""
    return ",".join("?" * len(values))


def now() -> str:
    """The current time as stored: UTC, ISO 8601 with microseconds and ``Z``."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def claim_version(db, table: str, row_id: int, version: int | None, describe) -> None:
    """Inside a write transaction: raise the row's version, refusing a save made on an older one.

    ``version`` is what the screen showed when the person started editing (None: no check,
    e.g. an import). If someone saved in between, nothing is written and
    ``ValidationError("stale_edit")`` carries ``describe(row)`` — the values now stored — and
    the current version, so a second, deliberate save can overwrite them.
    """
    if version is None:
        db.execute(f"UPDATE {table} SET version = version + 1 WHERE id = ?", [row_id])
        return
    changed = db.execute(
        f"UPDATE {table} SET version = version + 1 WHERE id = ? AND version = ?",
        [row_id, version],
    ).rowcount
    if changed:
        return
    now = db.execute(f"SELECT * FROM {table} WHERE id = ?", [row_id]).fetchone()
    if now is None:
        raise ValidationError("unknown_record")
    raise ValidationError("stale_edit", current=describe(dict(now)), version=now["version"])


# ---- backup and restore -------------------------------------------------------------------

MIGRATION_SET = "cemworkshop"  # how sqlite-utils' migrations table names this app's migrations


def backup_to(target: Path | str) -> None:
    """A consistent copy of the whole database in ``target``, made with SQLite's online backup
    API while others keep writing (a snapshot of one moment, never a half-written file)."""
    target = Path(target)
    target.unlink(missing_ok=True)
    dst = sqlite3.connect(str(target))
    try:
        with _translated():
            connect().conn.backup(dst)
    finally:
        dst.close()


def check_backup(path: Path | str) -> dict:
    """What a file offered for a restore holds — ``version`` (its schema) and ``workshops``
    (id, name) — or why it cannot be restored (``ValidationError``): not an SQLite file
    (``backup_not_sqlite``), damaged (``backup_damaged``), not a CEM Workshop file
    (``backup_foreign``), written by a newer release (``backup_newer``)."""
    try:
        conn = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True)
    except sqlite3.Error:
        raise ValidationError("backup_not_sqlite") from None
    try:
        try:
            ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
        except sqlite3.DatabaseError as err:
            with open(path, "rb") as f:
                sqlite_file = f.read(16) == b"SQLite format 3\x00"
            if sqlite_file:  # an SQLite file too broken to check
                raise ValidationError("backup_damaged", detail=str(err)[:200]) from None
            raise ValidationError("backup_not_sqlite") from None
        if ok != "ok":
            raise ValidationError("backup_damaged", detail=str(ok)[:200])
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if (
            not {"workshops", "settings", "_sqlite_migrations"} <= tables
            or not conn.execute(
                "SELECT count(*) FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
            ).fetchone()[0]
        ):
            raise ValidationError("backup_foreign")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > schema.SCHEMA_VERSION:
            raise ValidationError("backup_newer", found=version, known=schema.SCHEMA_VERSION)
        workshops = [
            {"id": r[0], "name": r[1]}
            for r in conn.execute("SELECT id, name FROM workshops ORDER BY id")
        ]
        return {"version": version, "workshops": workshops}
    finally:
        conn.close()


def restore_from(source: Path | str) -> Path:
    """Replace the whole database with ``source`` after checking it (:func:`check_backup`); the
    current database is kept first as a dated copy beside it, whose path is returned. A file
    of an older release is brought to this release's schema. Every shared value is forgotten."""
    check_backup(source)
    live = db_path()
    kept = live.with_name(f"{live.stem}-before-restore-{datetime.now():%Y%m%d-%H%M%S}.db")
    backup_to(kept)
    src = sqlite3.connect(f"file:{Path(source)}?mode=ro", uri=True)
    try:
        with _translated():
            src.backup(connect().conn)
    finally:
        src.close()
    db = connect()
    with _migrate_lock:
        schema.migrate(db)
    shared.clear_all()
    return kept
