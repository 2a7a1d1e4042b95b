"""The only module that opens SQLite: schema, migrations, connections, transactions.

    >>> from cemworkshop import store
    >>> db = store.connect()                # this thread's connection, migrated
    >>> with store.transaction() as db:     # BEGIN IMMEDIATE … COMMIT
    ...     db.execute("UPDATE workshops SET name = ? WHERE id = ?", ["Kick-off", 1])

The database file is ``data/cemworkshop.db`` unless ``CEMWORKSHOP_DB`` names another.
Every connection runs in WAL mode with foreign keys on and a busy timeout, and each
thread gets its own connection (a ``sqlite3.Connection`` is never shared).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "cemworkshop.db"
BUSY_TIMEOUT_SECONDS = 30.0

_local = threading.local()
_migrated: set[str] = set()
_migrate_lock = threading.Lock()


class Conflict(Exception):
    """A write that would break a uniqueness rule (the caller turns it into a message)."""


def db_path() -> Path:
    """The SQLite file this process uses: ``$CEMWORKSHOP_DB`` or the default."""
    return Path(os.environ.get("CEMWORKSHOP_DB") or DEFAULT_PATH)


def _open(path: Path) -> Database:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_SECONDS)
    conn.row_factory = sqlite3.Row
    db = Database(conn)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
    with db.ensure_autocommit_on():
        conn.execute("PRAGMA journal_mode = WAL")
    # WAL + NORMAL: a crashed or killed process loses no committed transaction.
    db.execute("PRAGMA synchronous = NORMAL")
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
        db = _open(path)
        if key not in _migrated:
            with _migrate_lock:
                if key not in _migrated:
                    migrate(db)
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
    """
    db = connect(path)
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.rollback()
        raise
    try:
        db.commit()
    except BaseException:
        db.rollback()
        raise


def rows(sql: str, params: list | tuple | dict | None = None, path=None) -> list[dict]:
    """The rows of a read query as plain dicts."""
    return [dict(r) for r in connect(path).execute(sql, params or []).fetchall()]


def row(sql: str, params: list | tuple | dict | None = None, path=None) -> dict | None:
    """The first row of a read query as a dict, or None."""
    r = connect(path).execute(sql, params or []).fetchone()
    return dict(r) if r is not None else None


def value(sql: str, params: list | tuple | dict | None = None, path=None):
    """The first column of the first row, or None."""
    r = connect(path).execute(sql, params or []).fetchone()
    return r[0] if r is not None else None


# --- schema -------------------------------------------------------------------------

migrations = Migrations("cemworkshop")


@migrations()
def m001_initial(db: Database) -> None:
    _run_script(
        db,
        """
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT
        );
        CREATE TABLE workshops (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            company TEXT NOT NULL DEFAULT '',
            language TEXT NOT NULL DEFAULT 'de' CHECK (language IN ('de', 'en')),
            join_code TEXT NOT NULL UNIQUE,
            facilitator_token_hash TEXT,
            pin_salt TEXT,
            pin_hash TEXT,
            pin_failures INTEGER NOT NULL DEFAULT 0,
            pin_locked_until TEXT,
            is_demo INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );
        CREATE TABLE facilitator_sessions (
            token_hash TEXT PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );
        CREATE TABLE participants (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            name TEXT NOT NULL DEFAULT '',
            token_hash TEXT NOT NULL UNIQUE,
            joined_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            last_seen TEXT
        );
        CREATE INDEX participants_workshop ON participants(workshop_id);
        CREATE TABLE phases (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            position INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX phases_name ON phases(workshop_id, lower(name));
        CREATE TABLE touchpoints (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            phase_id INTEGER NOT NULL REFERENCES phases(id),
            channel TEXT NOT NULL DEFAULT '',
            is_direct INTEGER NOT NULL DEFAULT 1,
            department TEXT NOT NULL DEFAULT '',
            customer_preferred INTEGER NOT NULL DEFAULT 0,
            company_served INTEGER NOT NULL DEFAULT 1,
            position INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX touchpoints_name ON touchpoints(workshop_id, lower(name));
        CREATE INDEX touchpoints_phase ON touchpoints(phase_id);
        CREATE TABLE journey_edges (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            source_id INTEGER NOT NULL REFERENCES touchpoints(id) ON DELETE CASCADE,
            target_id INTEGER NOT NULL REFERENCES touchpoints(id) ON DELETE CASCADE,
            CHECK (source_id <> target_id),
            UNIQUE (source_id, target_id)
        );
        CREATE INDEX journey_edges_workshop ON journey_edges(workshop_id);
        CREATE TABLE rounds (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('scoring', 'brainstorm', 'dotvote')),
            title TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
            dimensions TEXT NOT NULL DEFAULT '',
            hide_results INTEGER NOT NULL DEFAULT 0,
            revealed INTEGER NOT NULL DEFAULT 0,
            opened_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            closed_at TEXT
        );
        CREATE INDEX rounds_workshop ON rounds(workshop_id, status);
        CREATE TABLE round_items (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
            touchpoint_id INTEGER REFERENCES touchpoints(id) ON DELETE CASCADE,
            position INTEGER NOT NULL
        );
        CREATE INDEX round_items_round ON round_items(round_id);
        CREATE INDEX round_items_touchpoint ON round_items(touchpoint_id);
        CREATE TABLE scores (
            round_item_id INTEGER NOT NULL REFERENCES round_items(id) ON DELETE CASCADE,
            participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            dimension TEXT NOT NULL CHECK (dimension IN ('importance', 'performance', 'competitor')),
            value INTEGER NOT NULL CHECK (value BETWEEN 1 AND 5),
            submitted_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            PRIMARY KEY (round_item_id, participant_id, dimension)
        ) WITHOUT ROWID;
        CREATE INDEX scores_participant ON scores(participant_id);
        """,
    )


@migrations()
def m002_ron_scenarios(db: Database) -> None:
    _run_script(
        db,
        """
        CREATE TABLE ron_scenarios (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            inputs TEXT NOT NULL,
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );
        CREATE UNIQUE INDEX ron_scenarios_name ON ron_scenarios(workshop_id, lower(name));
        """,
    )


@migrations()
def m003_customer_analysis(db: Database) -> None:
    _run_script(
        db,
        """
        CREATE TABLE segments (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            share_pct REAL NOT NULL CHECK (share_pct BETWEEN 0 AND 100),
            value_per_year REAL NOT NULL CHECK (value_per_year >= 0),
            needs TEXT NOT NULL DEFAULT ''
        );
        CREATE UNIQUE INDEX segments_name ON segments(workshop_id, lower(name));
        CREATE TABLE feedback_sources (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            available INTEGER NOT NULL DEFAULT 0,
            note TEXT NOT NULL DEFAULT ''
        );
        CREATE UNIQUE INDEX feedback_sources_name ON feedback_sources(workshop_id, lower(name));
        """,
    )


@migrations()
def m004_personas(db: Database) -> None:
    _run_script(
        db,
        """
        CREATE TABLE personas (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            segment_id INTEGER REFERENCES segments(id) ON DELETE SET NULL,
            goals TEXT NOT NULL DEFAULT '',
            frustrations TEXT NOT NULL DEFAULT ''
        );
        CREATE UNIQUE INDEX personas_name ON personas(workshop_id, lower(name));
        CREATE TABLE touchpoint_personas (
            touchpoint_id INTEGER NOT NULL REFERENCES touchpoints(id) ON DELETE CASCADE,
            persona_id INTEGER NOT NULL REFERENCES personas(id) ON DELETE CASCADE,
            PRIMARY KEY (touchpoint_id, persona_id)
        ) WITHOUT ROWID;
        CREATE INDEX touchpoint_personas_persona ON touchpoint_personas(persona_id);
        """,
    )


@migrations()
def m005_benchmark(db: Database) -> None:
    _run_script(
        db,
        """
        ALTER TABLE workshops ADD COLUMN brand_promise TEXT NOT NULL DEFAULT '';
        ALTER TABLE workshops ADD COLUMN customer_promise TEXT NOT NULL DEFAULT '';
        CREATE TABLE benchmark_subjects (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            is_own INTEGER NOT NULL DEFAULT 0
        );
        CREATE UNIQUE INDEX benchmark_subjects_name ON benchmark_subjects(workshop_id, lower(name));
        CREATE TABLE benchmark_criteria (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            name TEXT NOT NULL
        );
        CREATE UNIQUE INDEX benchmark_criteria_name ON benchmark_criteria(workshop_id, lower(name));
        CREATE TABLE benchmark_scores (
            criterion_id INTEGER NOT NULL REFERENCES benchmark_criteria(id) ON DELETE CASCADE,
            subject_id INTEGER NOT NULL REFERENCES benchmark_subjects(id) ON DELETE CASCADE,
            value REAL NOT NULL CHECK (value BETWEEN 1 AND 5),
            PRIMARY KEY (criterion_id, subject_id)
        ) WITHOUT ROWID;
        ALTER TABLE rounds ADD COLUMN topic TEXT NOT NULL DEFAULT 'touchpoints';
        ALTER TABLE round_items ADD COLUMN criterion_id INTEGER
            REFERENCES benchmark_criteria(id) ON DELETE CASCADE;
        ALTER TABLE round_items ADD COLUMN subject_id INTEGER
            REFERENCES benchmark_subjects(id) ON DELETE CASCADE;
        """,
    )


def _run_script(db: Database, script: str) -> None:
    # executescript() would COMMIT the migration's transaction first; run statements one by one.
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def migrate(db: Database) -> None:
    """Apply every pending migration (idempotent; runs at start-up)."""
    migrations.apply(db)
