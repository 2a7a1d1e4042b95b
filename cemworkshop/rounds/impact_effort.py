"""Round kind ``impact_effort`` (step 4): every participant rates each candidate measure for
its impact and its effort (1–5; "can't say" is an answer of its own), the two-axis rating of
the registry.

    >>> rid = lifecycle.open_round(ws_id, "impact_effort", measure_ids=[4, 7, 9])
    >>> KIND.summary(rnd)     # metrics.priority.rating_summary: median, n, spread per axis

Items link a candidate measure (``round_item_measures``). The results — the matrix and the
one ranked list — come from ``priorities.view``, which adds the facilitator's overrides, the
confidence and step 2's dots; the presenter shows them large.
"""

from __future__ import annotations

import pandas as pd

from cemworkshop import formats, store
from cemworkshop.charts.priority import matrix
from cemworkshop.charts.style import validating
from cemworkshop.i18n import translate
from cemworkshop.metrics import priority
from cemworkshop.rounds.base import Chart, Figure, Highlight, Results, Table
from cemworkshop.rounds.rating import RatingKind
from cemworkshop.shared import SharedCache
from cemworkshop.validation import ValidationError

_summaries = SharedCache(size=32)
_results = SharedCache(size=64)


class ImpactEffort(RatingKind):
    name = "impact_effort"
    skippable = True

    def create_items(self, db, workshop_id: int, round_id: int, *, measure_ids=()):
        ids = list(dict.fromkeys(int(m) for m in measure_ids))
        if not ids:
            raise ValidationError("round_needs_measures")
        known = {
            r[0]
            for r in db.execute(
                f"SELECT id FROM measures WHERE workshop_id = ? AND id IN ({store.marks(ids)})",
                [workshop_id, *ids],
            )
        }
        if set(ids) - known:
            raise ValidationError("unknown_record")
        for position, measure_id in enumerate(ids):
            item = db.execute(
                "INSERT INTO round_items (round_id, position) VALUES (?, ?)", [round_id, position]
            ).lastrowid
            db.execute(
                "INSERT INTO round_item_measures (item_id, measure_id) VALUES (?, ?)",
                [item, measure_id],
            )
        return priority.DIMENSIONS

    def items(self, round_id: int) -> list[dict]:
        return store.rows(
            """SELECT i.id AS item_id, i.position, m.id AS measure_id, m.title AS subject,
                      coalesce(t.name, '') AS "group"
               FROM round_items i JOIN round_item_measures l ON l.item_id = i.id
               JOIN measures m ON m.id = l.measure_id
               LEFT JOIN touchpoints t ON t.id = m.touchpoint_id
               WHERE i.round_id = ? ORDER BY i.position""",
            [round_id],
        )

    def item_ids(self, round_id: int) -> dict[int, int]:
        """``{measure_id: item_id}`` of the round."""
        return {it["measure_id"]: it["item_id"] for it in self.items(round_id)}

    def intro(self, rnd: dict, lang: str) -> list[str]:
        return [translate(f"priority.scale_{d}", lang) for d in priority.DIMENSIONS] + [
            translate("priority.scale_skip", lang)
        ]

    def summary(self, rnd: dict) -> pd.DataFrame:
        """Median, n and spread per measure and axis, once per version of the answers."""
        key = (str(store.db_path()), rnd["id"], rnd["version"])
        return _summaries.get(key, lambda: self._summary(rnd["id"]))

    def _summary(self, round_id: int) -> pd.DataFrame:
        return priority.rating_summary(
            store.rows(
                """SELECT l.measure_id, s.participant_id, s.dimension, s.value FROM scores s
                   JOIN round_item_measures l ON l.item_id = s.round_item_id
                   JOIN round_items i ON i.id = l.item_id WHERE i.round_id = ?""",
                [round_id],
            )
        )

    def results(self, rnd: dict, lang: str, layout: str) -> Results | None:
        key = (str(store.db_path()), rnd["id"], rnd["version"], candidates_signature(
            rnd["workshop_id"]), lang, layout)  # fmt: skip
        return _results.get(
            key, lambda: priority_results(rows(rnd["workshop_id"], rnd), lang, layout)
        )


def candidates_signature(workshop_id: int) -> tuple:
    """Changes whenever a candidate, its confidence or an override changes (a cache key)."""
    return tuple(
        store.row(
            """SELECT (SELECT count(*) || ':' || coalesce(sum(version), 0) FROM measures
                       WHERE workshop_id = ?) AS m,
                      (SELECT count(*) || ':' || coalesce(max(o.set_at), '')
                       FROM measure_overrides o JOIN measures x ON x.id = o.measure_id
                       WHERE x.workshop_id = ?) AS o""",
            [workshop_id, workshop_id],
        ).values()
    )


def rows(workshop_id: int, rnd: dict | None) -> list[dict]:
    """Every candidate measure with its impact and effort: the round's median, or the
    facilitator's override (``<axis>_override``: the reason), n and spread, dots, confidence."""
    found = store.rows(
        """SELECT m.id AS measure_id, m.title, m.touchpoint_id,
                  coalesce(t.name, '') AS touchpoint, m.dots, m.confidence, m.selected
           FROM measures m LEFT JOIN touchpoints t ON t.id = m.touchpoint_id
           WHERE m.workshop_id = ? ORDER BY m.id""",
        [workshop_id],
    )
    summary = KIND.summary(rnd) if rnd else priority.rating_summary([])
    medians = {int(r["measure_id"]): r for r in summary.to_dict("records")}
    overrides = {
        (r["measure_id"], r["dimension"]): r
        for r in store.rows(
            """SELECT o.measure_id, o.dimension, o.value, o.reason FROM measure_overrides o
               JOIN measures m ON m.id = o.measure_id WHERE m.workshop_id = ?""",
            [workshop_id],
        )
    }
    nan = float("nan")
    for r in found:
        rated = medians.get(r["measure_id"], {})
        for d in priority.DIMENSIONS:
            r[f"{d}_median"] = rated.get(d, nan)
            r[f"{d}_n"] = int(rated.get(f"{d}_n", 0) or 0)
            r[f"{d}_spread"] = rated.get(f"{d}_spread", nan)
            over = overrides.get((r["measure_id"], d))
            r[d] = over["value"] if over else r[f"{d}_median"]
            r[f"{d}_override"] = over["reason"] if over else ""
        r["selected"] = bool(r["selected"])
    return found


def priority_results(candidates: list[dict], lang: str, layout: str) -> Results | None:
    """The matrix and the one ranked list (None while no candidate has both axes)."""
    ranking = priority.ranked([dict(r) for r in candidates])
    if not ranking:
        return None
    big = layout == "projector"
    q = {k: translate(f"priority.q.{k}", lang) for k in priority.QUADRANTS}
    text = {k: translate(f"priority.{k}", lang) for k in
            ("impact", "effort", "dots", "measure", "score", "rank", "quadrant")}  # fmt: skip
    highlights = tuple(
        Highlight(f"{r['rank']}. {r['title']}", q[r["quadrant"]], r["quadrant"] == "quick_win")
        for r in ranking[:8]
    )
    reading = translate("priority.phone_reading", lang)
    if layout == "phone":
        return Results(highlights=highlights, reading=reading)
    n1 = lambda v: formats.number(v, lang, 1, fixed=True)  # noqa: E731
    shown = ranking[: 10 if big else 60]
    table = pd.DataFrame(
        {
            "#": [str(r["rank"]) for r in shown],
            text["measure"]: [r["title"] for r in shown],
            text["quadrant"]: [q[r["quadrant"]] for r in shown],
            text["impact"]: [n1(r["impact"]) + (" *" if r["impact_override"] else "") for r in shown],
            text["effort"]: [n1(r["effort"]) + (" *" if r["effort_override"] else "") for r in shown],
            text["score"]: [formats.number(r["score"], lang, 2, fixed=True) for r in shown],
            text["dots"]: [str(r["dots"] or 0) for r in shown],
        }
    )  # fmt: skip
    cols = {text[k]: "figure" for k in ("impact", "effort", "score", "dots")}
    return Results(
        figures=(
            Figure(translate("priority.figure_rated", lang), str(len(ranking))),
            Figure(q["quick_win"], str(sum(r["quadrant"] == "quick_win" for r in ranking))),
            Figure(q["big_bet"], str(sum(r["quadrant"] == "big_bet" for r in ranking))),
        ),
        blocks=(
            Chart(
                translate("priority.matrix_title", lang),
                translate("priority.matrix_help", lang),
                matrix(ranking, text, q, lang=lang, big=big).to_dict(validate=validating()),
                wide=True,
            ),
            Table(
                translate("priority.ranking_title", lang),
                translate("priority.rule", lang),
                table,
                columns=cols,
            ),
        ),
        highlights=highlights,
        reading=reading,
    )


KIND = ImpactEffort()
