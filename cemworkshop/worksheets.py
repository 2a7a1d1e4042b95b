"""Step 3's Touchpoint-Projektarbeit: one worksheet per touchpoint, written by the staff
responsible for it — today's journey (IST), the target experience (SOLL), their own
experiences and first ideas for measures; the voice of the customer is shown beside it.

    >>> sheet(ws_id, tp_id)                      # the worksheet (version 0: not written yet)
    >>> save(ws_id, tp_id, ist="…", soll="…", experiences="…", owner="Team Service",
    ...      by="Jana", version=sheet["version"])  # a later save on an older version: refused
    >>> idea = add_idea(ws_id, tp_id, "Rückruf binnen 2 Stunden")
    >>> to_measure(ws_id, idea)                  # a candidate measure for step 4, link kept

Several people write different worksheets at once; two writing the same one are protected by
its version: the later save is refused (``stale_worksheet``) and carries what is stored now.
"""

from __future__ import annotations

from functools import partial

from cemworkshop import innovation, store
from cemworkshop.records import check_owned
from cemworkshop.validation import ValidationError, clean_long_text, clean_name, clean_text

TEXTS = ("ist", "soll", "experiences")
MAX_TEXT = 4000

_long = {f: partial(clean_long_text, field=f"sheet_{f}", max_len=MAX_TEXT) for f in TEXTS}


def overview(workshop_id: int) -> list[dict]:
    """Every touchpoint with its worksheet's state: ``touchpoint_id, touchpoint, phase,
    department, owner, written`` (how many of IST, SOLL, experiences have text), ``ideas``,
    ``measures``, ``updated_at``, ``updated_by``, ``prioritised`` — the prioritised touchpoints
    of step 2 first (in their order), then the journey."""
    found = store.rows(
        """SELECT t.id AS touchpoint_id, t.name AS touchpoint, p.name AS phase, t.department,
                  coalesce(w.owner, '') AS owner,
                  (coalesce(w.ist, '') <> '') + (coalesce(w.soll, '') <> '')
                    + (coalesce(w.experiences, '') <> '') AS written,
                  (SELECT count(*) FROM worksheet_ideas i WHERE i.worksheet_id = w.id) AS ideas,
                  (SELECT count(*) FROM worksheet_ideas i JOIN measures m
                     ON m.source_worksheet_idea_id = i.id WHERE i.worksheet_id = w.id) AS measures,
                  w.updated_at, coalesce(w.updated_by, '') AS updated_by
           FROM touchpoints t JOIN phases p ON p.id = t.phase_id
           LEFT JOIN worksheets w ON w.touchpoint_id = t.id
           WHERE t.workshop_id = ? ORDER BY p.position, t.position, t.id""",
        [workshop_id],
    )
    first = {
        tp: i for i, tp in enumerate(r["touchpoint_id"] for r in innovation.chosen(workshop_id))
    }
    for r in found:
        r["prioritised"] = r["touchpoint_id"] in first
    return sorted(found, key=lambda r: first.get(r["touchpoint_id"], len(first)))


def sheet(workshop_id: int, touchpoint_id: int) -> dict:
    """The worksheet of a touchpoint with its touchpoint's name, phase and department;
    ``version`` 0 and empty texts when nobody has written it yet."""
    tp = store.row(
        """SELECT t.id AS touchpoint_id, t.name AS touchpoint, p.name AS phase, t.department,
                  t.channel
           FROM touchpoints t JOIN phases p ON p.id = t.phase_id
           WHERE t.id = ? AND t.workshop_id = ?""",
        [touchpoint_id, workshop_id],
    )
    if tp is None:
        raise ValidationError("unknown_touchpoint")
    found = store.row(
        "SELECT id, owner, ist, soll, experiences, updated_at, updated_by, version"
        " FROM worksheets WHERE touchpoint_id = ?",
        [touchpoint_id],
    ) or {"id": None, "owner": "", "ist": "", "soll": "", "experiences": "",
          "updated_at": None, "updated_by": "", "version": 0}  # fmt: skip
    return tp | found


def save(
    workshop_id: int,
    touchpoint_id: int,
    *,
    owner: str = "",
    ist: str = "",
    soll: str = "",
    experiences: str = "",
    by: str = "",
    version: int,
) -> int:
    """Write the worksheet on the ``version`` its form showed (0 for a new one); returns the
    new version. Refused with ``stale_worksheet`` (carrying the stored texts, who saved and
    the version now) when someone saved in between — nothing is written then."""
    values = {
        "owner": clean_text(owner, field="sheet_owner", max_len=120),
        **{f: _long[f](text) for f, text in zip(TEXTS, (ist, soll, experiences), strict=True)},
        "updated_by": clean_text(by, field="participant", max_len=80),
    }
    with store.transaction() as db:
        _sheet_id(db, workshop_id, touchpoint_id)
        changed = db.execute(
            "UPDATE worksheets SET owner = ?, ist = ?, soll = ?, experiences = ?, updated_by = ?,"
            " updated_at = ?, version = version + 1 WHERE touchpoint_id = ? AND version = ?",
            [*values.values(), store.now(), touchpoint_id, version],
        ).rowcount
        now = db.execute(
            "SELECT owner, ist, soll, experiences, updated_at, updated_by, version"
            " FROM worksheets WHERE touchpoint_id = ?",
            [touchpoint_id],
        ).fetchone()
        if not changed:
            raise ValidationError("stale_worksheet", by=now["updated_by"] or "–",
                                  version=now["version"], current=dict(now))  # fmt: skip
        return now["version"]


def _sheet_id(db, workshop_id: int, touchpoint_id: int) -> int:
    """The touchpoint's worksheet (made empty, at version 0, when nobody has written it yet)."""
    check_owned(db, "touchpoints", workshop_id, touchpoint_id)
    db.execute(
        "INSERT INTO worksheets (workshop_id, touchpoint_id) VALUES (?, ?)"
        " ON CONFLICT (touchpoint_id) DO NOTHING",
        [workshop_id, touchpoint_id],
    )
    return db.execute(
        "SELECT id FROM worksheets WHERE touchpoint_id = ?", [touchpoint_id]
    ).fetchone()[0]


def ideas(workshop_id: int, touchpoint_id: int) -> list[dict]:
    """The worksheet's first ideas, oldest first, each with the ``measure_id`` it became."""
    return store.rows(
        """SELECT i.id, i.text, i.created_at, m.id AS measure_id, m.status AS measure_status
           FROM worksheet_ideas i JOIN worksheets w ON w.id = i.worksheet_id
           LEFT JOIN measures m ON m.source_worksheet_idea_id = i.id
           WHERE w.touchpoint_id = ? AND w.workshop_id = ? ORDER BY i.id""",
        [touchpoint_id, workshop_id],
    )


def add_idea(workshop_id: int, touchpoint_id: int, text: str) -> int:
    """A first idea for a measure on this touchpoint's worksheet (the same text twice: refused)."""
    text = clean_name(text, field="idea", max_len=280)
    with store.transaction() as db:
        sheet_id = _sheet_id(db, workshop_id, touchpoint_id)
        if db.execute(
            "SELECT 1 FROM worksheet_ideas WHERE worksheet_id = ? AND lower(text) = lower(?)",
            [sheet_id, text],
        ).fetchone():
            raise ValidationError("duplicate_idea", name=text)
        return db.execute(
            "INSERT INTO worksheet_ideas (worksheet_id, text) VALUES (?, ?)", [sheet_id, text]
        ).lastrowid


def delete_idea(workshop_id: int, idea_id: int) -> None:
    """Remove an idea; one that became a measure is refused (the measure keeps its link)."""
    with store.transaction() as db:
        hit = db.execute(
            """SELECT m.title FROM measures m JOIN worksheet_ideas i
               ON i.id = m.source_worksheet_idea_id JOIN worksheets w ON w.id = i.worksheet_id
               WHERE i.id = ? AND w.workshop_id = ?""",
            [idea_id, workshop_id],
        ).fetchone()
        if hit:
            raise ValidationError("idea_is_measure", name=hit[0])
        db.execute(
            "DELETE FROM worksheet_ideas WHERE id = ? AND worksheet_id IN"
            " (SELECT id FROM worksheets WHERE workshop_id = ?)",
            [idea_id, workshop_id],
        )


def to_measure(workshop_id: int, idea_id: int) -> int:
    """The idea as a candidate measure for step 4 on its touchpoint, linked to the idea; an
    idea taken over already returns its measure (nothing doubled)."""
    with store.transaction() as db:
        idea = db.execute(
            """SELECT i.text, w.touchpoint_id FROM worksheet_ideas i
               JOIN worksheets w ON w.id = i.worksheet_id WHERE i.id = ? AND w.workshop_id = ?""",
            [idea_id, workshop_id],
        ).fetchone()
        if idea is None:
            raise ValidationError("unknown_record")
        hit = db.execute(
            "SELECT id FROM measures WHERE source_worksheet_idea_id = ?", [idea_id]
        ).fetchone()
        if hit:
            return hit[0]
        return db.execute(
            "INSERT INTO measures (workshop_id, title, touchpoint_id, source_worksheet_idea_id)"
            " VALUES (?, ?, ?, ?)",
            [workshop_id, idea["text"], idea["touchpoint_id"], idea_id],
        ).lastrowid
