"""The whole database as one file, and back: what the export page offers as backup and restore.

    >>> data = backup_bytes()              # a consistent copy, taken while people write
    >>> check(data)                        # {"version": 15, "workshops": [...]} or ValidationError
    >>> kept = restore(data)               # the current database kept as a dated copy first

The work is the store's (SQLite's online backup API); this module moves bytes to and from
temporary files for the page.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from cemworkshop import store


def backup_bytes() -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "backup.db"
        store.backup_to(target)
        return target.read_bytes()


def _with_file(data: bytes, work):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "offered.db"
        path.write_bytes(data)
        return work(path)


def check(data: bytes) -> dict:
    """What an offered backup holds, or why it cannot be restored (see ``store.check_backup``)."""
    return _with_file(data, store.check_backup)


def restore(data: bytes) -> Path:
    """Replace the whole database with the offered backup; returns where the old one was kept."""
    return _with_file(data, store.restore_from)
