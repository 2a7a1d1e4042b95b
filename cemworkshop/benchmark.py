"""IST-Analyse / Benchmark: brand and customer promise, criteria scored for the own company
and named competitors — entered by the facilitator or scored live in a round.

    >>> own = own_company(ws_id)                     # created on first use, named after the company
    >>> rival = add_competitor(ws_id, "Küchen König")
    >>> crit = add_criterion(ws_id, "Erreichbarkeit")
    >>> set_score(ws_id, crit, own, 4); set_score(ws_id, crit, rival, 3)
    >>> rid = open_round(ws_id)                      # every participant scores every pair 1–5
    >>> apply_round(ws_id, rid)                      # the round's means become the benchmark

A live benchmark round is a scoring round with ``topic = 'benchmark'``: one round item per
criterion and company, the dimension ``performance``. It shares open/close/reveal, the
one-open-round rule and the participants' page with touchpoint rounds.
"""

from __future__ import annotations

import sqlite3

import pandas as pd

from cemworkshop import store
from cemworkshop.validation import ValidationError, clean_name, clean_text

MAX_PROMISE = 1000
OWN_NAME = {"de": "Eigenes Unternehmen", "en": "Own company"}


# --- promises ---------------------------------------------------------------------------


def promises(workshop_id: int) -> dict[str, str]:
    """``{"brand_promise": …, "customer_promise": …}`` of the workshop."""
    r = store.row(
        "SELECT brand_promise, customer_promise FROM workshops WHERE id = ?", [workshop_id]
    )
    return dict(r) if r else {"brand_promise": "", "customer_promise": ""}


def set_promises(workshop_id: int, brand_promise: str, customer_promise: str) -> None:
    brand = _long_text(brand_promise, field="brand_promise")
    customer = _long_text(customer_promise, field="customer_promise")
    with store.transaction() as db:
        db.execute(
            "UPDATE workshops SET brand_promise = ?, customer_promise = ? WHERE id = ?",
            [brand, customer, workshop_id],
        )


def _long_text(text: str | None, *, field: str) -> str:
    # Promises are sentences: keep line breaks, bound the length.
    value = (text or "").strip()
    if len(value) > MAX_PROMISE:
        raise ValidationError("name_too_long", field=field, max=MAX_PROMISE, length=len(value))
    return value


# --- companies and criteria ---------------------------------------------------------------


def own_company(workshop_id: int) -> int:
    """The id of the own company's row, created (named after the company) on first use."""
    hit = store.value(
        "SELECT id FROM benchmark_subjects WHERE workshop_id = ? AND is_own = 1", [workshop_id]
    )
    if hit:
        return hit
    ws = store.row("SELECT company, language FROM workshops WHERE id = ?", [workshop_id])
    name = clean_text(ws["company"], field="company") or OWN_NAME.get(ws["language"], "Wir")
    with store.transaction() as db:
        again = db.execute(
            "SELECT id FROM benchmark_subjects WHERE workshop_id = ? AND is_own = 1", [workshop_id]
        ).fetchone()
        if again:
            return again[0]
        return db.execute(
            "INSERT INTO benchmark_subjects (workshop_id, name, is_own) VALUES (?, ?, 1)",
            [workshop_id, name],
        ).lastrowid


def companies(workshop_id: int) -> list[dict]:
    """The own company first, then the competitors in the order they were added."""
    own_company(workshop_id)
    return store.rows(
        "SELECT id, name, is_own FROM benchmark_subjects WHERE workshop_id = ?"
        " ORDER BY is_own DESC, id",
        [workshop_id],
    )


def add_competitor(workshop_id: int, name: str) -> int:
    name = clean_name(name, field="competitor", max_len=80)
    own_company(workshop_id)
    try:
        with store.transaction() as db:
            return db.execute(
                "INSERT INTO benchmark_subjects (workshop_id, name) VALUES (?, ?)",
                [workshop_id, name],
            ).lastrowid
    except sqlite3.IntegrityError:
        raise ValidationError("duplicate_competitor", name=name) from None


def remove_competitor(workshop_id: int, subject_id: int) -> None:
    """Remove a competitor with its scores (the own company stays)."""
    with store.transaction() as db:
        db.execute(
            "DELETE FROM benchmark_subjects WHERE id = ? AND workshop_id = ? AND is_own = 0",
            [subject_id, workshop_id],
        )


def criteria(workshop_id: int) -> list[dict]:
    return store.rows(
        "SELECT id, name FROM benchmark_criteria WHERE workshop_id = ? ORDER BY id", [workshop_id]
    )


def add_criterion(workshop_id: int, name: str) -> int:
    name = clean_name(name, field="criterion", max_len=80)
    try:
        with store.transaction() as db:
            return db.execute(
                "INSERT INTO benchmark_criteria (workshop_id, name) VALUES (?, ?)",
                [workshop_id, name],
            ).lastrowid
    except sqlite3.IntegrityError:
        raise ValidationError("duplicate_criterion", name=name) from None


def remove_criterion(workshop_id: int, criterion_id: int) -> None:
    with store.transaction() as db:
        db.execute(
            "DELETE FROM benchmark_criteria WHERE id = ? AND workshop_id = ?",
            [criterion_id, workshop_id],
        )


# --- scores ---------------------------------------------------------------------------------


def set_score(workshop_id: int, criterion_id: int, subject_id: int, value: float | None) -> None:
    """The facilitator's score 1–5 for one company at one criterion (None clears it)."""
    if value is not None and (isinstance(value, bool) or not 1 <= float(value) <= 5):
        raise ValidationError("score_out_of_range", value=value)
    with store.transaction() as db:
        ok = db.execute(
            "SELECT count(*) FROM benchmark_criteria c JOIN benchmark_subjects s"
            " ON s.workshop_id = c.workshop_id WHERE c.id = ? AND s.id = ? AND c.workshop_id = ?",
            [criterion_id, subject_id, workshop_id],
        ).fetchone()[0]
        if not ok:
            raise ValidationError("unknown_criterion")
        if value is None:
            db.execute(
                "DELETE FROM benchmark_scores WHERE criterion_id = ? AND subject_id = ?",
                [criterion_id, subject_id],
            )
        else:
            db.execute(
                "INSERT INTO benchmark_scores (criterion_id, subject_id, value) VALUES (?, ?, ?)"
                " ON CONFLICT (criterion_id, subject_id) DO UPDATE SET value = excluded.value",
                [criterion_id, subject_id, float(value)],
            )


def scores(workshop_id: int) -> dict[tuple[int, int], float]:
    """The benchmark as ``{(criterion_id, subject_id): value}``."""
    return {
        (r["criterion_id"], r["subject_id"]): r["value"]
        for r in store.rows(
            "SELECT b.criterion_id, b.subject_id, b.value FROM benchmark_scores b"
            " JOIN benchmark_criteria c ON c.id = b.criterion_id WHERE c.workshop_id = ?",
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


# --- live benchmark round -----------------------------------------------------------------


def open_round(workshop_id: int, *, hide_results: bool = False, title: str = "") -> int:
    """Open a live round in which every participant scores every company at every criterion."""
    crits, comps = criteria(workshop_id), companies(workshop_id)
    if not crits or len(comps) < 2:
        raise ValidationError("benchmark_needs_criteria")
    title = clean_text(title, field="round_title", max_len=120)
    with store.transaction() as db:
        if db.execute(
            "SELECT 1 FROM rounds WHERE workshop_id = ? AND status = 'open'", [workshop_id]
        ).fetchone():
            raise ValidationError("round_already_open")
        rid = db.execute(
            "INSERT INTO rounds (workshop_id, kind, topic, title, dimensions, hide_results)"
            " VALUES (?, 'scoring', 'benchmark', ?, 'performance', ?)",
            [workshop_id, title, hide_results],
        ).lastrowid
        position = 0
        for crit in crits:
            for comp in comps:
                db.execute(
                    "INSERT INTO round_items (round_id, criterion_id, subject_id, position)"
                    " VALUES (?, ?, ?, ?)",
                    [rid, crit["id"], comp["id"], position],
                )
                position += 1
    return rid


def round_items(round_id: int) -> list[dict]:
    """A benchmark round's items: criterion and company per item, in order."""
    return store.rows(
        """SELECT i.id AS item_id, c.id AS criterion_id, c.name AS criterion,
                  s.id AS subject_id, s.name AS company, s.is_own
           FROM round_items i JOIN benchmark_criteria c ON c.id = i.criterion_id
           JOIN benchmark_subjects s ON s.id = i.subject_id
           WHERE i.round_id = ? ORDER BY i.position""",
        [round_id],
    )


def round_means(round_id: int) -> dict[tuple[int, int], float]:
    """The participants' mean score per (criterion, company) in a benchmark round."""
    return {
        (r["criterion_id"], r["subject_id"]): r["mean"]
        for r in store.rows(
            """SELECT i.criterion_id, i.subject_id, avg(s.value) AS mean FROM scores s
               JOIN round_items i ON i.id = s.round_item_id
               WHERE i.round_id = ? GROUP BY i.criterion_id, i.subject_id""",
            [round_id],
        )
    }


def apply_round(workshop_id: int, round_id: int) -> int:
    """Take a benchmark round's means as the benchmark's scores; returns how many were set."""
    means = round_means(round_id)
    for (criterion_id, subject_id), mean in means.items():
        set_score(workshop_id, criterion_id, subject_id, round(mean, 2))
    return len(means)
