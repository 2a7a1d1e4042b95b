"""CEM-Rentabilität: the workshop's named Return-on-Nothing scenarios.

    >>> save_scenario(ws_id, "Basis", RonInputs(customers=12000, ...))   # replaces one of that name
    >>> scenarios(ws_id)        # [{"id", "name", "inputs": RonInputs}, …]

The arithmetic lives in ``metrics.ron.return_on_nothing``; this module checks the inputs and
keeps the scenarios.
"""

from __future__ import annotations

import json
from dataclasses import MISSING, asdict, fields

from cemworkshop import store
from cemworkshop.metrics.ron import RonInputs
from cemworkshop.validation import ValidationError, clean_name

# Allowed range of every input: (low, high); percentages 0–100, money and people not negative.
LIMITS = {
    "customers": (1, 1e9),
    "revenue_per_customer": (0, 1e9),
    "margin_pct": (0, 100),
    "churn_pct": (0, 100),
    "churn_drift_pts": (0, 100),
    "referral_pct": (0, 100),
    "investment": (0, 1e12),
    "churn_reduction_pct": (0, 100),
    "years": (1, 30),
    "discount_pct": (0, 50),
    "acquisition_cost": (0, 1e9),
}
FIELDS = [f.name for f in fields(RonInputs)]
OPTIONAL = {f.name: f.default for f in fields(RonInputs) if f.default is not MISSING}


def check_inputs(**values) -> RonInputs:
    """A ``RonInputs`` from raw numbers; raises ``ValidationError`` naming the first bad one."""
    clean = {}
    for name in FIELDS:
        value = values.get(name, OPTIONAL.get(name))
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValidationError("not_a_number", field=name)
        low, high = LIMITS[name]
        if not low <= value <= high:
            raise ValidationError("out_of_range", field=name, low=low, high=f"{high:g}")
        clean[name] = int(value) if name == "years" else float(value)
    return RonInputs(**clean)


def save_scenario(
    workshop_id: int, name: str, inputs: RonInputs, *, version: int | None = None
) -> int:
    """Save a scenario under ``name``; returns its id.

    A scenario of that name is replaced only when ``version`` says which one was loaded and it
    is still that version; saving a new one under a name in use is refused (``duplicate``).
    """
    name = clean_name(name, field="scenario", max_len=80)
    data = json.dumps(asdict(inputs))
    with store.transaction() as db:
        hit = db.execute(
            "SELECT id FROM ron_scenarios WHERE workshop_id = ? AND lower(name) = lower(?)",
            [workshop_id, name],
        ).fetchone()
        if hit:
            if version is None:
                raise ValidationError("duplicate_scenario", name=name)
            store.claim_version(db, "ron_scenarios", hit["id"], version, lambda r: r["name"])
            db.execute(
                "UPDATE ron_scenarios SET name = ?, inputs = ? WHERE id = ?",
                [name, data, hit["id"]],
            )
            return hit["id"]
        return db.execute(
            "INSERT INTO ron_scenarios (workshop_id, name, inputs) VALUES (?, ?, ?)",
            [workshop_id, name, data],
        ).lastrowid


def scenarios(workshop_id: int) -> list[dict]:
    """The workshop's scenarios in the order they were first saved."""
    return [
        {
            "id": r["id"],
            "name": r["name"],
            "inputs": RonInputs(**json.loads(r["inputs"])),
            "version": r["version"],
        }
        for r in store.rows(
            "SELECT id, name, inputs, version FROM ron_scenarios WHERE workshop_id = ? ORDER BY id",
            [workshop_id],
        )
    ]


def delete_scenario(workshop_id: int, scenario_id: int) -> None:
    with store.transaction() as db:
        db.execute(
            "DELETE FROM ron_scenarios WHERE id = ? AND workshop_id = ?", [scenario_id, workshop_id]
        )
