"""Lists a workshop keeps row by row — board members, communication items, trainings,
empowerment, target agreements: one definition per list, one save, one delete, one listing.

    >>> TRAININGS.save(ws_id, {"course": "Beschwerden lösen", "people": 12})      # new: its id
    >>> TRAININGS.save(ws_id, {...}, record_id=7, version=3)    # a change, on the version seen
    >>> TRAININGS.rows(ws_id)                                   # every row with its version

Each column has a cleaner (``validation.clean_*``) that turns what a form gives into what is
stored or raises ``ValidationError``; a column that holds the id of a touchpoint or a KPI is
checked to belong to the same workshop inside the writing transaction. A change carries the
version its form showed, so a save made on an older one is refused (``store.claim_version``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cemworkshop import store
from cemworkshop.validation import ValidationError


def check_owned(
    db, table: str, workshop_id: int, row_id: int | None, code: str | None = None
) -> None:
    """Inside a write transaction: refuse an id (of a touchpoint, KPI, measure …) that is not the
    workshop's — ``code`` or ``unknown_<table in the singular>``. None passes (no link)."""
    if (
        row_id is not None
        and not db.execute(
            f"SELECT 1 FROM {table} WHERE id = ? AND workshop_id = ?", [row_id, workshop_id]
        ).fetchone()
    ):
        raise ValidationError(code or f"unknown_{table.rstrip('s')}")


@dataclass(frozen=True)
class Column:
    name: str
    clean: Callable[[Any], Any]
    refers: str | None = None  # "touchpoints" or "kpis": an id of the same workshop (or None)


@dataclass(frozen=True)
class RecordList:
    table: str
    columns: tuple[Column, ...]
    label: str  # the column that names a row in messages (a stale save, a duplicate)
    order: str  # ORDER BY of the listing
    duplicate: str | None = None  # error code when a unique index refuses the row
    positioned: bool = False  # a ``position`` column keeps the order rows were added in
    stamp: str | None = None  # a column set to the time of every save (e.g. ``updated_at``)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def rows(self, workshop_id: int) -> list[dict]:
        """Every row of the workshop: ``id``, the columns, ``version``."""
        return store.rows(
            f"SELECT id, {', '.join(self.names)}, version FROM {self.table}"
            f" WHERE workshop_id = ? ORDER BY {self.order}",
            [workshop_id],
        )

    def clean(self, values: dict) -> dict:
        """What would be stored for ``values`` (missing columns as empty); raises on bad input."""
        return {c.name: c.clean(values.get(c.name)) for c in self.columns}

    def save(
        self,
        workshop_id: int,
        values: dict,
        *,
        record_id: int | None = None,
        version: int | None = None,
    ) -> int:
        """Add a row (``record_id`` None) or change one on ``version``; returns its id."""
        row = self.clean(values)
        if self.stamp:
            row[self.stamp] = store.now()
        try:
            with store.transaction() as db:
                self._check_references(db, workshop_id, row)
                if record_id is None:
                    extra = {"workshop_id": workshop_id}
                    if self.positioned:
                        extra["position"] = db.execute(
                            f"SELECT coalesce(max(position) + 1, 0) FROM {self.table}"
                            " WHERE workshop_id = ?",
                            [workshop_id],
                        ).fetchone()[0]
                    cols = [*extra, *row]
                    return db.execute(
                        f"INSERT INTO {self.table} ({', '.join(cols)})"
                        f" VALUES ({store.marks(cols)})",
                        [*extra.values(), *row.values()],
                    ).lastrowid
                if not db.execute(
                    f"SELECT 1 FROM {self.table} WHERE id = ? AND workshop_id = ?",
                    [record_id, workshop_id],
                ).fetchone():
                    raise ValidationError("unknown_record")
                store.claim_version(db, self.table, record_id, version, lambda r: r[self.label])
                db.execute(
                    f"UPDATE {self.table} SET {', '.join(f'{c} = ?' for c in row)} WHERE id = ?",
                    [*row.values(), record_id],
                )
                return record_id
        except sqlite3.IntegrityError:
            if self.duplicate is None:
                raise
            raise ValidationError(self.duplicate, name=row[self.label]) from None

    def _check_references(self, db, workshop_id: int, row: dict) -> None:
        for c in self.columns:
            if c.refers:
                check_owned(db, c.refers, workshop_id, row[c.name])

    def delete(self, workshop_id: int, record_id: int) -> None:
        with store.transaction() as db:
            db.execute(
                f"DELETE FROM {self.table} WHERE id = ? AND workshop_id = ?",
                [record_id, workshop_id],
            )
