"""Step 1's strategy frame: the CEM goals ranked, the differentiation, Leitwert and
Erlebnismotiv, how CEM culture is anchored — on one card the presenter can show.

    >>> goals(ws_id)                          # the method's six goals and own ones, in rank order
    >>> move_goal(ws_id, goal_id, -1); set_top(ws_id, goal_id, True)   # at most three on top
    >>> save_texts(ws_id, version=0, guiding_value="Verlässlichkeit", ...)
    >>> texts(ws_id)                          # {"differentiation": …, …, "version": n}

The goals of the method carry a key (their words are in the catalogue, in both languages);
the workshop's own goals carry a name.
"""

from __future__ import annotations

import sqlite3

from cemworkshop import competitors, store
from cemworkshop.schema import METHOD_GOALS
from cemworkshop.validation import ValidationError, clean_long_text, clean_name

TEXTS = ("differentiation", "guiding_value", "experience_motive", "culture")
MAX_TEXT = 1000
TOP = 3  # goals marked as the top ones


def seed_goals(db, workshop_id: int) -> None:
    """The method's six goals for a new workshop (inside its creating transaction)."""
    for position, key in enumerate(METHOD_GOALS):
        db.execute(
            "INSERT INTO cem_goals (workshop_id, method_key, position) VALUES (?, ?, ?)",
            [workshop_id, key, position],
        )


def goals(workshop_id: int) -> list[dict]:
    """The goals in rank order: ``id``, ``key`` (a method goal) or ``name`` (an own one), ``top``."""
    return store.rows(
        "SELECT id, method_key AS key, name, position, top FROM cem_goals WHERE workshop_id = ?"
        " ORDER BY position, id",
        [workshop_id],
    )


def add_goal(workshop_id: int, name: str) -> int:
    """An own goal, at the end of the ranking."""
    name = clean_name(name, field="goal", max_len=120)
    try:
        with store.transaction() as db:
            position = db.execute(
                "SELECT coalesce(max(position) + 1, 0) FROM cem_goals WHERE workshop_id = ?",
                [workshop_id],
            ).fetchone()[0]
            return db.execute(
                "INSERT INTO cem_goals (workshop_id, name, position) VALUES (?, ?, ?)",
                [workshop_id, name, position],
            ).lastrowid
    except sqlite3.IntegrityError:
        raise ValidationError("duplicate_goal", name=name) from None


def remove_goal(workshop_id: int, goal_id: int) -> None:
    """Remove an own goal (the method's goals stay; rank them low instead)."""
    with store.transaction() as db:
        db.execute(
            "DELETE FROM cem_goals WHERE id = ? AND workshop_id = ? AND method_key IS NULL",
            [goal_id, workshop_id],
        )


def move_goal(workshop_id: int, goal_id: int, step: int) -> None:
    """One place up (``-1``) or down (``1``) in the ranking."""
    with store.transaction() as db:
        ids = [
            r[0]
            for r in db.execute(
                "SELECT id FROM cem_goals WHERE workshop_id = ? ORDER BY position, id",
                [workshop_id],
            )
        ]
        if goal_id not in ids:
            return
        i = ids.index(goal_id)
        j = i + (1 if step > 0 else -1)
        if 0 <= j < len(ids):
            ids[i], ids[j] = ids[j], ids[i]
            for position, row_id in enumerate(ids):
                db.execute("UPDATE cem_goals SET position = ? WHERE id = ?", [position, row_id])


def set_top(workshop_id: int, goal_id: int, top: bool) -> None:
    """Mark a goal as one of the top three (a fourth is refused with a message)."""
    with store.transaction() as db:
        if top:
            marked = db.execute(
                "SELECT count(*) FROM cem_goals WHERE workshop_id = ? AND top = 1 AND id <> ?",
                [workshop_id, goal_id],
            ).fetchone()[0]
            if marked >= TOP:
                raise ValidationError("top_three_full", top=TOP)
        db.execute(
            "UPDATE cem_goals SET top = ? WHERE id = ? AND workshop_id = ?",
            [top, goal_id, workshop_id],
        )


def texts(workshop_id: int) -> dict:
    """The strategy texts and their version (empty texts before the first save)."""
    found = store.row(
        "SELECT differentiation, guiding_value, experience_motive, culture, version"
        " FROM strategy WHERE workshop_id = ?",
        [workshop_id],
    )
    return found or {**dict.fromkeys(TEXTS, ""), "version": 0}


def save_texts(workshop_id: int, *, version: int | None = None, **values: str) -> None:
    """Save the strategy texts (sentences, up to 1,000 characters each).

    ``version`` is the one the form was opened on: a save on an older one is refused with the
    stored texts (``stale_edit``).
    """
    clean = {
        k: clean_long_text(values.get(k, ""), field=f"strategy_{k}", max_len=MAX_TEXT)
        for k in TEXTS
    }
    with store.transaction() as db:
        db.execute("INSERT OR IGNORE INTO strategy (workshop_id) VALUES (?)", [workshop_id])
        now = db.execute(
            "SELECT version, guiding_value FROM strategy WHERE workshop_id = ?", [workshop_id]
        ).fetchone()
        if version is not None and now["version"] != version:
            raise ValidationError(
                "stale_edit", current=now["guiding_value"] or "…", version=now["version"]
            )
        db.execute(
            "UPDATE strategy SET differentiation = ?, guiding_value = ?, experience_motive = ?,"
            " culture = ?, version = version + 1 WHERE workshop_id = ?",
            [*(clean[k] for k in TEXTS), workshop_id],
        )


PRESENTER_VIEWS = ("round", "strategy", "kpis", "agenda")


def presenter_view(workshop_id: int) -> str:
    """What the presenter shows: the current ``round`` (default), the ``strategy`` card or ``kpis``."""
    return (
        store.value("SELECT presenter_view FROM workshops WHERE id = ?", [workshop_id]) or "round"
    )


def show_on_presenter(workshop_id: int, view: str) -> None:
    """Put the strategy card or the KPI list on the projector (``round`` goes back)."""
    if view not in PRESENTER_VIEWS:
        raise ValidationError("unknown_view", value=view)
    with store.transaction() as db:
        db.execute("UPDATE workshops SET presenter_view = ? WHERE id = ?", [view, workshop_id])


def benchmark_position(workshop_id: int) -> dict[str, list[tuple[str, float]]]:
    """Where the benchmark says the company leads and lags: ``{"leads": [(criterion, gap)],
    "lags": [...]}``, the largest lead and the largest lag first (gap to the best competitor).
    What the differentiation can build on, and what it must not promise."""
    comps = competitors.companies(workshop_id)
    values = competitors.scores(workshop_id)
    own = next((c for c in comps if c["is_own"]), None)
    gaps = []  # the own row of competitors.comparison per criterion, without its table
    for crit in competitors.criteria(workshop_id) if own else []:
        mine = values.get((crit["id"], own["id"]))
        rivals = [values.get((crit["id"], c["id"])) for c in comps if not c["is_own"]]
        rivals = [v for v in rivals if v is not None]
        if mine is not None and rivals:
            gaps.append((crit["name"], float(mine - max(rivals))))
    gaps.sort(key=lambda x: (x[1], x[0]))  # as comparison() orders its rows
    return {
        "leads": sorted(((c, g) for c, g in gaps if g > 0), key=lambda x: -x[1]),
        "lags": sorted(((c, g) for c, g in gaps if g < 0), key=lambda x: x[1]),
    }


def presenter_state(workshop_id: int) -> tuple:
    """Everything besides the round that the presenter's picture depends on, in one query:
    what it is asked to show, the matrix's crosshair, and versions of the strategy card and
    the KPI list."""
    row = store.row(
        """SELECT w.presenter_view, w.ipa_crosshair, w.ipa_diagonal,
                  (SELECT version FROM strategy WHERE workshop_id = w.id) AS texts,
                  (SELECT group_concat(id || ':' || position || ':' || top)
                     FROM cem_goals WHERE workshop_id = w.id) AS goals,
                  (SELECT group_concat(id || ':' || version || ':' || position)
                     FROM kpis WHERE workshop_id = w.id) AS kpis,
                  (SELECT group_concat(id || ':' || version || ':' || position || ':' ||
                          coalesce(ended_at, ''))
                     FROM agenda_blocks WHERE workshop_id = w.id) AS agenda
           FROM workshops w WHERE w.id = ?""",
        [workshop_id],
    )
    return tuple(row.values()) if row else ()
