"""The customer journey's paths: which touchpoint customers go to from which.

>>> add_edge(ws_id, website, advice)          # the path Website → Beratung
>>> edges(ws_id)                              # with both ends' names
>>> remove_edges(ws_id, [edge_id, …])         # several at once, all or nothing
"""

from __future__ import annotations

import sqlite3

from cemworkshop import store
from cemworkshop.validation import ValidationError


def edges(workshop_id: int) -> list[dict]:
    """The journey's edges with both ends' names, in a stable order."""
    return store.rows(
        """SELECT e.id, e.source_id, e.target_id, s.name AS source, t.name AS target
           FROM journey_edges e
           JOIN touchpoints s ON s.id = e.source_id
           JOIN touchpoints t ON t.id = e.target_id
           WHERE e.workshop_id = ? ORDER BY e.source_id, e.target_id""",
        [workshop_id],
    )


def add_edge(workshop_id: int, source_id: int, target_id: int) -> int:
    """Add the path ``source → target``; refuses a loop, a duplicate or another workshop's touchpoint."""
    if source_id == target_id:
        raise ValidationError("edge_loop")
    with store.transaction() as db:
        ends = db.execute(
            "SELECT count(*) FROM touchpoints WHERE workshop_id = ? AND id IN (?, ?)",
            [workshop_id, source_id, target_id],
        ).fetchone()[0]
        if ends != 2:
            raise ValidationError("unknown_touchpoint")
        try:
            return db.execute(
                "INSERT INTO journey_edges (workshop_id, source_id, target_id) VALUES (?, ?, ?)",
                [workshop_id, source_id, target_id],
            ).lastrowid
        except sqlite3.IntegrityError:
            raise ValidationError("duplicate_edge") from None


def remove_edges(workshop_id: int, edge_ids: list[int]) -> int:
    """Remove these paths from the journey in one go; returns how many went."""
    with store.transaction() as db:
        return sum(
            db.execute(
                "DELETE FROM journey_edges WHERE id = ? AND workshop_id = ?",
                [edge_id, workshop_id],
            ).rowcount
            for edge_id in edge_ids
        )
