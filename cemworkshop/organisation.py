"""Step 3's change management: the CEM Advisory Board with its patron, the communication
programme, trainings, what front-line staff may decide on their own, target agreements.

    >>> member = save_member(ws_id, "Dr. Petra Lang", role="CEO")   # the first CEO: patron
    >>> patron_problem(ws_id)            # None, ("no_patron", {}) or ("two_patrons", {...})
    >>> make_patron(ws_id, other_id)     # moves the patronage: always exactly one
    >>> TRAININGS.save(ws_id, {"course": "Beschwerden lösen", "touchpoint_id": 4, ...})
    >>> agreements_by(ws_id, "holder")   # {holder: [agreement with its KPI's name and unit]}

The method: "der CEO ist oberster Schirmherr und Protagonist der CEM Strategie"; the seed
adds empowerment of front-line staff ("Handlungsspielraum"). Target agreements refer to the
strategy's KPIs by id; a KPI with agreements cannot be deleted (kpis.delete_kpi says so).
"""

from __future__ import annotations

import re
from functools import partial

from cemworkshop import store
from cemworkshop.records import Column, RecordList
from cemworkshop.validation import (
    ValidationError,
    clean_choice,
    clean_day,
    clean_long_text,
    clean_name,
    clean_number,
    clean_text,
)

RHYTHMS = ("weekly", "fortnightly", "monthly", "quarterly")
STATUSES = ("planned", "in_progress", "done")
FORMATS = ("classroom", "online", "on_the_job", "coaching")
AGREEMENT_STATUSES = ("agreed", "on_track", "at_risk", "achieved", "missed")
CEO = re.compile(
    r"\b(ceo|chief executive|vorstandsvorsitz\w*|vorsitz\w* des vorstands|geschäftsführ\w*)",
    re.IGNORECASE,
)


def _text(field: str, max_len: int = 120):
    return partial(clean_text, field=field, max_len=max_len)


def _id(value) -> int | None:
    return None if value in (None, "") else int(value)


def _required_id(field: str):
    def clean(value) -> int:
        if value in (None, ""):
            raise ValidationError("empty_name", field=field)
        return int(value)

    return clean


MEMBERS = RecordList(
    "board_members",
    (
        Column("name", partial(clean_name, field="member", max_len=80)),
        Column("role", _text("role", 80)),
        Column("department", _text("department", 80)),
        Column("responsibility", _text("responsibility", 200)),
    ),
    label="name",
    order="position, id",
    duplicate="duplicate_member",
    positioned=True,
)
COMMUNICATION = RecordList(
    "comm_items",
    (
        Column("audience", partial(clean_name, field="audience", max_len=120)),
        Column("message", partial(clean_long_text, field="message", max_len=500)),
        Column("channel", _text("channel", 80)),
        Column("owner", _text("owner")),
        Column("due_on", partial(clean_day, field="due_on")),
        Column("status", partial(clean_choice, field="status", choices=STATUSES)),
    ),
    label="audience",
    order="due_on IS NULL, due_on, id",
)
TRAININGS = RecordList(
    "trainings",
    (
        Column("course", partial(clean_name, field="course", max_len=120)),
        Column("audience", _text("audience")),
        Column("touchpoint_id", _id, refers="touchpoints"),
        Column("format", partial(clean_choice, field="format", choices=FORMATS)),
        Column("held_on", partial(clean_day, field="held_on")),
        Column("people", partial(clean_number, field="people", low=0, high=100_000, whole=True)),
        Column("status", partial(clean_choice, field="status", choices=STATUSES)),
    ),
    label="course",
    order="held_on IS NULL, held_on, id",
)
EMPOWERMENT = RecordList(
    "empowerment",
    (
        Column("touchpoint_id", _required_id("touchpoint"), refers="touchpoints"),
        Column("decision", partial(clean_name, field="decision", max_len=200)),
        Column("up_to", partial(clean_number, field="up_to", low=0)),
    ),
    label="decision",
    order="touchpoint_id, id",
)
AGREEMENTS = RecordList(
    "target_agreements",
    (
        Column("holder", partial(clean_name, field="holder", max_len=120)),
        Column("kpi_id", _required_id("kpi"), refers="kpis"),
        Column("target", partial(clean_number, field="target")),
        Column("due_on", partial(clean_day, field="due_on")),
        Column("status", partial(clean_choice, field="status", choices=AGREEMENT_STATUSES)),
    ),
    label="holder",
    order="lower(holder), id",
)


# --- the board -----------------------------------------------------------------------------


def settings(workshop_id: int) -> dict:
    """The board's charter, meeting rhythm and next meeting, and where the gap analysis
    takes its values from (``gap_source``), with the row's ``version`` (0: never saved)."""
    found = store.row(
        "SELECT charter, rhythm, next_meeting, gap_source, version FROM organisation"
        " WHERE workshop_id = ?",
        [workshop_id],
    )
    return found or {
        "charter": "", "rhythm": "monthly", "next_meeting": None, "gap_source": "round",
        "version": 0,
    }  # fmt: skip


def _settings_row(db, workshop_id: int) -> None:
    db.execute(
        "INSERT INTO organisation (workshop_id) VALUES (?) ON CONFLICT (workshop_id) DO NOTHING",
        [workshop_id],
    )


def save_charter(
    workshop_id: int, charter: str, rhythm: str, next_meeting=None, *, version: int | None = None
) -> None:
    """The board's charter and how often it meets (``version``: what the form showed)."""
    values = [
        clean_long_text(charter, field="charter", max_len=3000),
        clean_choice(rhythm, field="rhythm", choices=RHYTHMS),
        clean_day(next_meeting, field="next_meeting"),
    ]
    with store.transaction() as db:
        _settings_row(db, workshop_id)
        if version is not None:
            changed = db.execute(
                "UPDATE organisation SET version = version + 1 WHERE workshop_id = ?"
                " AND version = ?",
                [workshop_id, version],
            ).rowcount
            if not changed:
                now = db.execute(
                    "SELECT charter, version FROM organisation WHERE workshop_id = ?",
                    [workshop_id],
                ).fetchone()
                raise ValidationError("stale_edit", current=now[0], version=now[1])
        db.execute(
            "UPDATE organisation SET charter = ?, rhythm = ?, next_meeting = ?"
            " WHERE workshop_id = ?",
            [*values, workshop_id],
        )


def members(workshop_id: int) -> list[dict]:
    """The board in the order members were added: name, role, department, responsibility,
    ``patron`` (bool), version."""
    found = store.rows(
        "SELECT id, name, role, department, responsibility, patron, version FROM board_members"
        " WHERE workshop_id = ? ORDER BY position, id",
        [workshop_id],
    )
    for m in found:
        m["patron"] = bool(m["patron"])
    return found


def is_ceo(role: str) -> bool:
    """Whether a role names the chief executive (CEO, Vorstandsvorsitz, Geschäftsführung)."""
    return bool(CEO.search(role or ""))


def save_member(
    workshop_id: int,
    name: str,
    *,
    role: str = "",
    department: str = "",
    responsibility: str = "",
    patron: bool | None = None,
    member_id: int | None = None,
    version: int | None = None,
) -> int:
    """Add a member or change one. ``patron`` None: a new member becomes patron when the board
    has none and their role names the CEO. ``patron=True`` while someone else is patron is
    refused (``patron_taken``) — :func:`make_patron` moves it."""
    values = {
        "name": name, "role": role, "department": department, "responsibility": responsibility,
    }  # fmt: skip
    with store.transaction() as db:
        current = db.execute(
            "SELECT id, name FROM board_members WHERE workshop_id = ? AND patron = 1",
            [workshop_id],
        ).fetchall()
        saved = MEMBERS.save(workshop_id, values, record_id=member_id, version=version)
        others = [r for r in current if r[0] != saved]
        if patron is None:
            patron = member_id is None and not current and is_ceo(values["role"])
            if member_id is not None:
                return saved  # a change that says nothing about the patron keeps it
        if patron and others:
            raise ValidationError("patron_taken", name=others[0][1])
        db.execute("UPDATE board_members SET patron = ? WHERE id = ?", [int(patron), saved])
        return saved


def make_patron(workshop_id: int, member_id: int) -> None:
    """Make this member the patron; whoever was patron is no longer (one transaction)."""
    with store.transaction() as db:
        if not db.execute(
            "SELECT 1 FROM board_members WHERE id = ? AND workshop_id = ?",
            [member_id, workshop_id],
        ).fetchone():
            raise ValidationError("unknown_record")
        db.execute(
            "UPDATE board_members SET patron = (id = ?), version = version + 1"
            " WHERE workshop_id = ? AND (patron = 1 OR id = ?)",
            [member_id, workshop_id, member_id],
        )


def patron_problem(workshop_id: int, found: list[dict] | None = None) -> tuple[str, dict] | None:
    """What is wrong with the patronage, as a message key and its values: ``("no_patron",
    {"ceo": name or ""})`` when the board has members but no patron (naming a CEO on the
    board to suggest), ``("two_patrons", {"names": …})`` when more than one; else None.
    ``found``: the members a page has read already."""
    found = members(workshop_id) if found is None else found
    patrons = [m["name"] for m in found if m["patron"]]
    if not found or len(patrons) == 1:
        return None
    if not patrons:
        ceo = next((m["name"] for m in found if is_ceo(m["role"])), "")
        return "no_patron", {"ceo": ceo}
    return "two_patrons", {"names": ", ".join(patrons)}


# --- target agreements ---------------------------------------------------------------------


def agreements(workshop_id: int) -> list[dict]:
    """Every target agreement with its KPI's ``kpi``, ``unit``, ``direction``, ``baseline``
    and the KPI's own ``kpi_target`` — read from the KPI list, never copied."""
    return store.rows(
        """SELECT a.id, a.holder, a.kpi_id, a.target, a.due_on, a.status, a.version,
                  k.name AS kpi, k.unit, k.direction, k.baseline, k.target AS kpi_target
           FROM target_agreements a JOIN kpis k ON k.id = a.kpi_id
           WHERE a.workshop_id = ? ORDER BY lower(a.holder), k.position, a.id""",
        [workshop_id],
    )


def agreements_by(
    workshop_id: int, key: str, rows: list[dict] | None = None
) -> dict[str, list[dict]]:
    """The agreements grouped per person or team (``key="holder"``) or per KPI (``"kpi"``);
    ``rows``: ``agreements(workshop_id)`` already read."""
    if key not in ("holder", "kpi"):
        raise ValueError(key)
    found: dict[str, list[dict]] = {}
    rows = agreements(workshop_id) if rows is None else rows
    if key == "kpi":
        rows = sorted(rows, key=lambda r: (r["kpi"].casefold(), r["holder"].casefold()))
    for r in rows:
        found.setdefault(r[key], []).append(r)
    return found


def empowerment(workshop_id: int) -> list[dict]:
    """What staff may decide on their own, per touchpoint in journey order, with its name."""
    return store.rows(
        """SELECT e.id, e.touchpoint_id, t.name AS touchpoint, e.decision, e.up_to, e.version
           FROM empowerment e JOIN touchpoints t ON t.id = e.touchpoint_id
           JOIN phases p ON p.id = t.phase_id
           WHERE e.workshop_id = ? ORDER BY p.position, t.position, e.id""",
        [workshop_id],
    )


def set_gap_source(workshop_id: int, source: str) -> None:
    """Where the gap analysis takes its values: a live ``round`` or step 1's ratings (``step1``)."""
    clean_choice(source, field="gap_source", choices=("round", "step1"))
    with store.transaction() as db:
        _settings_row(db, workshop_id)
        db.execute(
            "UPDATE organisation SET gap_source = ?, version = version + 1 WHERE workshop_id = ?",
            [source, workshop_id],
        )
