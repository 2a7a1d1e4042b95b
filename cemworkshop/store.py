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
import itertools
import os
import sqlite3
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from cemworkshop import schema
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
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=True)
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


def connect(path: Path | str | None = None) -> Database:
    """This thread's connection to ``path`` (default: :func:`db_path`), migrated once per process."""
    path = Path(path) if path else db_path()
    key = str(path.resolve())
    cache = getattr(_local, "dbs", None)
    if cache is None:
        cache = _local.dbs = {}
    db = cache.get(key)
    if db is None:
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
    return db


def close_thread_connections() -> None:
    """Close this thread's connections (tests and the benchmark use it between runs)."""
    for db in getattr(_local, "dbs", {}).values():
        db.conn.close()
    _local.dbs = {}


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
