"""A new workshop from an existing one: its structure, without the people and what they gave.

    >>> new = copy_as_template(ws_id, "Kick-off Filiale Nord")     # a NewWorkshop (link, PIN)
    >>> PARTS                                                       # what is copied, in order

Copied (the screen lists it): the journey's phases, touchpoints and paths; the benchmark's
companies and criteria; segments and personas with their touchpoints; the CEM goals, the
strategy texts and the promises; the KPIs with their targets; the barometer's metrics, weights,
targets and settings; complaint causes; feedback sources; the Advisory Board's members and
charter. Left out: participants, rounds, scores, ideas, votes, measures and the plan,
complaints, measurements, KPI values, worksheets, obstacles — everything a workshop day
produces.
"""

from __future__ import annotations

from cemworkshop import store, workshops
from cemworkshop.validation import ValidationError

# (table, its columns that refer to a copied table → that table), in an order that copies a
# row's references before the row. Tables without an ``id`` are one row per workshop.
PARTS: list[tuple[str, dict[str, str]]] = [
    ("phases", {}),
    ("touchpoints", {"phase_id": "phases"}),
    ("journey_edges", {"source_id": "touchpoints", "target_id": "touchpoints"}),
    ("competitor_companies", {}),
    ("competitor_criteria", {}),
    ("segments", {}),
    ("personas", {"segment_id": "segments"}),
    ("cem_goals", {}),
    ("strategy", {}),
    ("kpis", {}),
    ("survey_metrics", {}),
    ("optimisation", {}),
    ("complaint_causes", {}),
    ("feedback_sources", {}),
    ("board_members", {}),
    ("organisation", {}),
]
SEEDED = ("phases", "competitor_companies", "cem_goals", "survey_metrics")  # a new workshop's
WORKSHOP_FIELDS = ("brand_promise", "customer_promise", "ipa_crosshair", "ipa_diagonal")


def _columns(db, table: str) -> list[str]:
    return [r[1] for r in db.execute(f"PRAGMA table_info({table})")]


def copy_as_template(
    source_id: int, name: str, *, company: str | None = None
) -> workshops.NewWorkshop:
    """A new workshop named ``name`` with the structure of ``source_id`` (see the module's text);
    its own join code, link and PIN. One transaction: all or nothing."""
    source = workshops.get_workshop(source_id)
    if source is None:
        raise ValidationError("unknown_record")
    with store.transaction() as db:
        new = workshops.create_workshop(
            name, company=source["company"] if company is None else company,
            language=source["language"],
        )  # fmt: skip
        for table in SEEDED:  # the source's own instead of the defaults
            db.execute(f"DELETE FROM {table} WHERE workshop_id = ?", [new.id])
        fields = ", ".join(
            f"{f} = (SELECT {f} FROM workshops WHERE id = :src)" for f in WORKSHOP_FIELDS
        )
        db.execute(
            f"UPDATE workshops SET {fields} WHERE id = :new", {"src": source_id, "new": new.id}
        )
        ids: dict[str, dict[int, int]] = {}
        for table, refers in PARTS:
            cols = [c for c in _columns(db, table) if c not in ("id", "workshop_id")]
            has_id = "id" in _columns(db, table)
            mapped = ids.setdefault(table, {})
            for row in db.execute(
                f"SELECT * FROM {table} WHERE workshop_id = ? ORDER BY {'id' if has_id else 'rowid'}",
                [source_id],
            ).fetchall():
                values = [ids[refers[c]].get(row[c]) if c in refers and row[c] is not None
                          else (0 if c == "version" else row[c]) for c in cols]  # fmt: skip
                made = db.execute(
                    f"INSERT INTO {table} (workshop_id, {', '.join(cols)})"
                    f" VALUES (?, {store.marks(cols)})",
                    [new.id, *values],
                ).lastrowid
                if has_id:
                    mapped[row["id"]] = made
        for persona, touchpoint in db.execute(
            "SELECT tp.persona_id, tp.touchpoint_id FROM touchpoint_personas tp"
            " JOIN personas p ON p.id = tp.persona_id WHERE p.workshop_id = ?",
            [source_id],
        ).fetchall():
            db.execute(
                "INSERT INTO touchpoint_personas (persona_id, touchpoint_id) VALUES (?, ?)",
                [ids["personas"][persona], ids["touchpoints"][touchpoint]],
            )
    return new
