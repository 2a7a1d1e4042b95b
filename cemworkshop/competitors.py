"""IST-Analyse / Benchmark: criteria scored 1–5 for the own company and named competitors —
entered by the facilitator or taken from a live ``competitor_scoring`` round.

    >>> own = own_company(ws_id)                     # made with the workshop, named after the company
    >>> rival = add_competitor(ws_id, "Küchen König")
    >>> crit = add_criterion(ws_id, "Erreichbarkeit")
    >>> set_scores(ws_id, {(crit, own): 4, (crit, rival): 3})
    >>> comparison(criteria(ws_id), companies(ws_id), scores(ws_id))   # leads and lags

"Benchmark" is the method's word for this comparison; in code it is "competitors", because
the project's speed measurements are its benchmark.
"""

from __future__ import annotations

import sqlite3

import pandas as pd

from cemworkshop import store
from cemworkshop.validation import ValidationError, clean_name, clean_text

OWN_NAME = {"de": "Eigenes Unternehmen", "en": "Own company"}


def own_name(company: str, language: str) -> str:
    """What the own company is called in the comparison: the company, or a neutral word."""
    return clean_text(company, field="company") or OWN_NAME.get(language, OWN_NAME["de"])


def add_own_company(db, workshop_id: int, name: str) -> int:
    """The own company's row of a new workshop (inside the workshop's creating transaction)."""
    return db.execute(
        "INSERT INTO competitor_companies (workshop_id, name, is_own) VALUES (?, ?, 1)",
        [workshop_id, name],
    ).lastrowid


def own_company(workshop_id: int) -> int | None:
    """The id of the own company's row."""
    return store.value(
        "SELECT id FROM competitor_companies WHERE workshop_id = ? AND is_own = 1", [workshop_id]
    )


def companies(workshop_id: int) -> list[dict]:
    """The own company first, then the competitors in the order they were added."""
    return store.rows(
        "SELECT id, name, is_own FROM competitor_companies WHERE workshop_id = ?"
        " ORDER BY is_own DESC, id",
        [workshop_id],
    )


def add_competitor(workshop_id: int, name: str) -> int:
    name = clean_name(name, field="competitor", max_len=80)
    try:
        with store.transaction() as db:
            return db.execute(
                "INSERT INTO competitor_companies (workshop_id, name) VALUES (?, ?)",
                [workshop_id, name],
            ).lastrowid
    except sqlite3.IntegrityError:
        raise ValidationError("duplicate_competitor", name=name) from None


def remove_competitor(workshop_id: int, company_id: int) -> None:
    """Remove a competitor with its scores (the own company stays)."""
    with store.transaction() as db:
        db.execute(
            "DELETE FROM competitor_companies WHERE id = ? AND workshop_id = ? AND is_own = 0",
            [company_id, workshop_id],
        )


def criteria(workshop_id: int) -> list[dict]:
    return store.rows(
        "SELECT id, name FROM competitor_criteria WHERE workshop_id = ? ORDER BY id",
        [workshop_id],
    )


def add_criterion(workshop_id: int, name: str) -> int:
    name = clean_name(name, field="criterion", max_len=80)
    try:
        with store.transaction() as db:
            return db.execute(
                "INSERT INTO competitor_criteria (workshop_id, name) VALUES (?, ?)",
                [workshop_id, name],
            ).lastrowid
    except sqlite3.IntegrityError:
        raise ValidationError("duplicate_criterion", name=name) from None


def remove_criterion(workshop_id: int, criterion_id: int) -> None:
    with store.transaction() as db:
        db.execute(
            "DELETE FROM competitor_criteria WHERE id = ? AND workshop_id = ?",
            [criterion_id, workshop_id],
        )


# --- scores ---------------------------------------------------------------------------------


def _check_score(value) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 1 <= value <= 5:
        raise ValidationError("score_out_of_range", value=value)
    return float(value)


def set_scores(workshop_id: int, values: dict[tuple[int, int], float | None]) -> None:
    """The facilitator's scores 1–5 ``{(criterion_id, company_id): value}``; None clears one.

    All or nothing: one bad value or a criterion or company of another workshop writes none.
    """
    clean = {cell: _check_score(v) for cell, v in values.items()}
    with store.transaction() as db:
        crits = {
            r[0]
            for r in db.execute(
                "SELECT id FROM competitor_criteria WHERE workshop_id = ?", [workshop_id]
            )
        }
        comps = {r[0] for r in db.execute(
            "SELECT id FROM competitor_companies WHERE workshop_id = ?", [workshop_id])}  # fmt: skip
        for (criterion_id, company_id), value in clean.items():
            if criterion_id not in crits or company_id not in comps:
                raise ValidationError("unknown_criterion")
            if value is None:
                db.execute(
                    "DELETE FROM competitor_scores WHERE criterion_id = ? AND company_id = ?",
                    [criterion_id, company_id],
                )
            else:
                db.execute(
                    "INSERT INTO competitor_scores (criterion_id, company_id, value)"
                    " VALUES (?, ?, ?)"
                    " ON CONFLICT (criterion_id, company_id) DO UPDATE SET value = excluded.value",
                    [criterion_id, company_id, value],
                )


def scores(workshop_id: int) -> dict[tuple[int, int], float]:
    """The benchmark as ``{(criterion_id, company_id): value}``."""
    return {
        (r["criterion_id"], r["company_id"]): r["value"]
        for r in store.rows(
            "SELECT b.criterion_id, b.company_id, b.value FROM competitor_scores b"
            " JOIN competitor_criteria c ON c.id = b.criterion_id WHERE c.workshop_id = ?",
            [workshop_id],
        )
    }


def comparison(
    crits: list[dict], comps: list[dict], values: dict[tuple[int, int], float]
) -> pd.DataFrame:
    """One row per criterion and company with the gap of the own score to the best competitor.

    ``gap`` > 0: the company leads; < 0: it lags. Rows come sorted by that gap, largest lag
    first; criteria without an own score or without any competitor score are left out.
    """
    own = next((c for c in comps if c["is_own"]), None)
    rows = []
    for crit in crits:
        mine = values.get((crit["id"], own["id"])) if own else None
        rivals = [values.get((crit["id"], c["id"])) for c in comps if not c["is_own"]]
        rivals = [v for v in rivals if v is not None]
        if mine is None or not rivals:
            continue
        gap = mine - max(rivals)
        for comp in comps:
            value = values.get((crit["id"], comp["id"]))
            if value is not None:
                rows.append(
                    {"criterion": crit["name"], "company": comp["name"], "own": bool(comp["is_own"]),
                     "value": value, "gap": gap}
                )  # fmt: skip
    df = pd.DataFrame(rows, columns=["criterion", "company", "own", "value", "gap"])
    return df.sort_values(["gap", "criterion"], kind="stable").reset_index(drop=True)


def apply_round_means(workshop_id: int, means: dict[tuple[int, int], float]) -> int:
    """Take a live round's means (rounded to two places) as the benchmark; returns how many."""
    set_scores(workshop_id, {cell: round(mean, 2) for cell, mean in means.items()})
    return len(means)
