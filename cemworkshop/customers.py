"""Kundenanalyse: customer segments, personas, and the feedback sources the company has or lacks.

    >>> add_segment(ws_id, "Familien", share_pct=45, value_per_year=900, needs="Planungssicherheit")
    >>> set_source(ws_id, "NPS-Umfrage", available=False)
    >>> segments(ws_id), sources(ws_id)

Shares are of all customers: together they may not exceed 100 %.
"""

from __future__ import annotations

import sqlite3

from cemworkshop import store
from cemworkshop.validation import ValidationError, clean_name, clean_text

MAX_LONG_TEXT = 500

# Offered for a quick start, in both languages; the facilitator marks which exist.
TYPICAL_SOURCES = {
    "de": [
        "Kundenzufriedenheitsbefragung",
        "Net Promoter Score (NPS)",
        "Beschwerdemanagement",
        "Online-Bewertungen",
        "Social-Media-Monitoring",
        "Feedback aus Vertrieb und Service",
        "Mystery Shopping",
        "Kündigungsgründe",
    ],
    "en": [
        "Customer satisfaction survey",
        "Net Promoter Score (NPS)",
        "Complaint management",
        "Online reviews",
        "Social media monitoring",
        "Feedback from sales and service",
        "Mystery shopping",
        "Reasons for cancellation",
    ],
}


def _number(value, *, field: str, low: float, high: float | None = None) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError("not_a_number", field=field)
    if value < low or (high is not None and value > high):
        raise ValidationError(
            "out_of_range", field=field, low=low, high=f"{high:g}" if high else "∞"
        )
    return float(value)


def segments(workshop_id: int) -> list[dict]:
    """The segments in the order they were added."""
    return store.rows(
        "SELECT id, name, description, share_pct, value_per_year, needs, version FROM segments"
        " WHERE workshop_id = ? ORDER BY id",
        [workshop_id],
    )


def save_segment(
    workshop_id: int,
    name: str,
    *,
    share_pct: float,
    value_per_year: float,
    description: str = "",
    needs: str = "",
    segment_id: int | None = None,
    version: int | None = None,
) -> int:
    """Add a segment, or change the one with ``segment_id``; returns its id.

    Refuses an empty, overlong or duplicate name, a share outside 0–100, a negative value,
    and shares that would add up to more than 100 %.
    """
    name = clean_name(name, field="segment", max_len=80)
    description = clean_text(description, field="description", max_len=MAX_LONG_TEXT)
    needs = clean_text(needs, field="needs", max_len=MAX_LONG_TEXT)
    share = _number(share_pct, field="share_pct", low=0, high=100)
    value = _number(value_per_year, field="value_per_year", low=0)
    try:
        with store.transaction() as db:
            others = db.execute(
                "SELECT coalesce(sum(share_pct), 0) FROM segments WHERE workshop_id = ? AND id IS NOT ?",
                [workshop_id, segment_id],
            ).fetchone()[0]
            if others + share > 100 + 1e-9:
                raise ValidationError(
                    "shares_exceed", total=f"{others + share:g}", free=f"{max(0, 100 - others):g}"
                )
            if segment_id is not None:
                store.claim_version(db, "segments", segment_id, version, _describe_segment)
            if segment_id is None:
                return db.execute(
                    "INSERT INTO segments (workshop_id, name, description, share_pct, value_per_year, needs)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    [workshop_id, name, description, share, value, needs],
                ).lastrowid
            db.execute(
                "UPDATE segments SET name = ?, description = ?, share_pct = ?, value_per_year = ?,"
                " needs = ? WHERE id = ? AND workshop_id = ?",
                [name, description, share, value, needs, segment_id, workshop_id],
            )
            return segment_id
    except sqlite3.IntegrityError:
        raise ValidationError("duplicate_segment", name=name) from None


def _describe_segment(row: dict) -> str:
    return f"{row['name']} · {row['share_pct']:g} % · {row['value_per_year']:g}"


def delete_segment(workshop_id: int, segment_id: int) -> None:
    with store.transaction() as db:
        db.execute(
            "DELETE FROM segments WHERE id = ? AND workshop_id = ?", [segment_id, workshop_id]
        )


def sources(workshop_id: int) -> list[dict]:
    """Feedback sources: the missing ones first, then the available, each alphabetically."""
    return store.rows(
        "SELECT id, name, available, note, version FROM feedback_sources WHERE workshop_id = ?"
        " ORDER BY available, lower(name)",
        [workshop_id],
    )


def set_source(
    workshop_id: int, name: str, *, available: bool, note: str = "", version: int | None = None
) -> int:
    """Add a feedback source or update the one of that name; returns its id.

    ``version``: the one the screen showed for an existing source (see store.claim_version).
    """
    name = clean_name(name, field="source", max_len=80)
    note = clean_text(note, field="note", max_len=MAX_LONG_TEXT)
    with store.transaction() as db:
        existing = db.execute(
            "SELECT id FROM feedback_sources WHERE workshop_id = ? AND lower(name) = lower(?)",
            [workshop_id, name],
        ).fetchone()
        if existing and version is not None:
            store.claim_version(
                db, "feedback_sources", existing[0], version, lambda r: r["note"] or r["name"]
            )
        db.execute(
            "INSERT INTO feedback_sources (workshop_id, name, available, note) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (workshop_id, lower(name)) DO UPDATE SET available = excluded.available,"
            " note = excluded.note",
            [workshop_id, name, available, note],
        )
        return db.execute(
            "SELECT id FROM feedback_sources WHERE workshop_id = ? AND lower(name) = lower(?)",
            [workshop_id, name],
        ).fetchone()[0]


def add_typical_sources(workshop_id: int, lang: str) -> int:
    """Add the usual feedback sources not yet listed, as missing; returns how many were added."""
    have = {s["name"].lower() for s in sources(workshop_id)}
    new = [n for n in TYPICAL_SOURCES.get(lang, TYPICAL_SOURCES["de"]) if n.lower() not in have]
    with store.transaction():
        for name in new:
            set_source(workshop_id, name, available=False)
    return len(new)


def delete_source(workshop_id: int, source_id: int) -> None:
    with store.transaction() as db:
        db.execute(
            "DELETE FROM feedback_sources WHERE id = ? AND workshop_id = ?",
            [source_id, workshop_id],
        )


# --- personas (optional per workshop) -------------------------------------------------------


def personas(workshop_id: int) -> list[dict]:
    """Personas with their segment's name and the ids of the touchpoints they use."""
    found = store.rows(
        """SELECT p.id, p.name, p.segment_id, s.name AS segment, p.goals, p.frustrations,
                  p.version
           FROM personas p LEFT JOIN segments s ON s.id = p.segment_id
           WHERE p.workshop_id = ? ORDER BY p.id""",
        [workshop_id],
    )
    uses: dict[int, list[int]] = {}
    for r in store.rows(
        """SELECT tp.persona_id, tp.touchpoint_id FROM touchpoint_personas tp
           JOIN personas p ON p.id = tp.persona_id WHERE p.workshop_id = ?""",
        [workshop_id],
    ):
        uses.setdefault(r["persona_id"], []).append(r["touchpoint_id"])
    return [dict(p, touchpoints=sorted(uses.get(p["id"], []))) for p in found]


def save_persona(
    workshop_id: int,
    name: str,
    *,
    segment_id: int | None = None,
    goals: str = "",
    frustrations: str = "",
    touchpoint_ids: list[int] = (),
    persona_id: int | None = None,
    version: int | None = None,
) -> int:
    """Add or change a persona with the touchpoints it uses; returns its id."""
    name = clean_name(name, field="persona", max_len=80)
    goals = clean_text(goals, field="goals", max_len=MAX_LONG_TEXT)
    frustrations = clean_text(frustrations, field="frustrations", max_len=MAX_LONG_TEXT)
    try:
        with store.transaction() as db:
            if (
                segment_id is not None
                and not db.execute(
                    "SELECT 1 FROM segments WHERE id = ? AND workshop_id = ?",
                    [segment_id, workshop_id],
                ).fetchone()
            ):
                raise ValidationError("unknown_segment")
            wanted = sorted({int(t) for t in touchpoint_ids})
            if wanted:
                marks = ",".join("?" * len(wanted))
                mine = db.execute(
                    f"SELECT count(*) FROM touchpoints WHERE workshop_id = ? AND id IN ({marks})",
                    [workshop_id, *wanted],
                ).fetchone()[0]
                if mine != len(wanted):
                    raise ValidationError("unknown_touchpoint")
            if persona_id is None:
                persona_id = db.execute(
                    "INSERT INTO personas (workshop_id, name, segment_id, goals, frustrations)"
                    " VALUES (?, ?, ?, ?, ?)",
                    [workshop_id, name, segment_id, goals, frustrations],
                ).lastrowid
            else:
                store.claim_version(db, "personas", persona_id, version, lambda r: r["name"])
                db.execute(
                    "UPDATE personas SET name = ?, segment_id = ?, goals = ?, frustrations = ?"
                    " WHERE id = ? AND workshop_id = ?",
                    [name, segment_id, goals, frustrations, persona_id, workshop_id],
                )
                db.execute("DELETE FROM touchpoint_personas WHERE persona_id = ?", [persona_id])
            for tp in wanted:
                db.execute(
                    "INSERT INTO touchpoint_personas (touchpoint_id, persona_id) VALUES (?, ?)",
                    [tp, persona_id],
                )
            return persona_id
    except sqlite3.IntegrityError:
        raise ValidationError("duplicate_persona", name=name) from None


def delete_persona(workshop_id: int, persona_id: int) -> None:
    with store.transaction() as db:
        db.execute(
            "DELETE FROM personas WHERE id = ? AND workshop_id = ?", [persona_id, workshop_id]
        )
