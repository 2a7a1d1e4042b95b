"""Round kind ``competitor_scoring``: the room scores the own company and each competitor at
every benchmark criterion (1–5); the means can be taken over as the benchmark.

    >>> rid = lifecycle.open_round(ws_id, "competitor_scoring", title="Benchmark live")
    >>> KIND.items(rid)          # one item per criterion and company, the dimension "performance"
    >>> KIND.means(rid)          # {(criterion_id, company_id): mean}
"""

from __future__ import annotations

from cemworkshop import competitors, store
from cemworkshop.charts.competitors import LEAD_COLOURS, comparison_chart
from cemworkshop.charts.style import validating
from cemworkshop.i18n import translate
from cemworkshop.rounds.base import Chart, Highlight, Question, QuestionGroup, Results
from cemworkshop.rounds.rating import RatingKind
from cemworkshop.shared import SharedCache
from cemworkshop.validation import ValidationError

_results = SharedCache(size=64)


def chart_text(lang: str) -> dict[str, str]:
    keys = ("criterion", "company", "score", "gap", *LEAD_COLOURS)
    return {k: translate(f"competitors.chart_{k}", lang) for k in keys}


class CompetitorScoring(RatingKind):
    name = "competitor_scoring"

    def create_items(self, db, workshop_id: int, round_id: int) -> tuple[str, ...]:
        crits = db.execute(
            "SELECT id FROM competitor_criteria WHERE workshop_id = ? ORDER BY id", [workshop_id]
        ).fetchall()
        comps = db.execute(
            "SELECT id FROM competitor_companies WHERE workshop_id = ? ORDER BY is_own DESC, id",
            [workshop_id],
        ).fetchall()
        if not crits or len(comps) < 2:
            raise ValidationError("competitors_need_criteria")
        position = 0
        for crit in crits:
            for comp in comps:
                item = db.execute(
                    "INSERT INTO round_items (round_id, position) VALUES (?, ?)",
                    [round_id, position],
                ).lastrowid
                db.execute(
                    "INSERT INTO round_item_competitor_cells (item_id, criterion_id, company_id)"
                    " VALUES (?, ?, ?)",
                    [item, crit[0], comp[0]],
                )
                position += 1
        return ("performance",)

    def items(self, round_id: int) -> list[dict]:
        return store.rows(
            """SELECT i.id AS item_id, i.position, c.id AS criterion_id, c.name AS criterion,
                      s.id AS company_id, s.name AS company, s.is_own,
                      c.name || ' · ' || s.name AS subject, s.name AS "group"
               FROM round_items i JOIN round_item_competitor_cells l ON l.item_id = i.id
               JOIN competitor_criteria c ON c.id = l.criterion_id
               JOIN competitor_companies s ON s.id = l.company_id
               WHERE i.round_id = ? ORDER BY i.position""",
            [round_id],
        )

    def group_questions(self, rnd: dict, items: list[dict], lang: str) -> list[QuestionGroup]:
        # One group per criterion, one question per company.
        ends = translate("scale_ends.performance", lang)
        groups: dict[int, list[dict]] = {}
        for it in items:
            groups.setdefault(it["criterion_id"], []).append(it)
        return [
            QuestionGroup(
                cells[0]["criterion"],
                "",
                tuple(
                    Question(c["item_id"], "performance", c["company"], ends=ends) for c in cells
                ),
            )
            for cells in groups.values()
        ]

    def intro(self, rnd: dict, lang: str) -> list[str]:
        return [translate("competitors.scale", lang)]

    def means(self, round_id: int) -> dict[tuple[int, int], float]:
        """The participants' mean score per (criterion, company)."""
        return {
            (r["criterion_id"], r["company_id"]): r["mean"]
            for r in store.rows(
                """SELECT l.criterion_id, l.company_id, avg(s.value) AS mean FROM scores s
                   JOIN round_item_competitor_cells l ON l.item_id = s.round_item_id
                   JOIN round_items i ON i.id = l.item_id
                   WHERE i.round_id = ? GROUP BY l.criterion_id, l.company_id""",
                [round_id],
            )
        }

    def results(self, rnd: dict, lang: str, layout: str) -> Results | None:
        key = (str(store.db_path()), rnd["id"], rnd["version"], lang, layout)
        return _results.get(key, lambda: self._results(rnd, lang, layout))

    def _results(self, rnd: dict, lang: str, layout: str) -> Results | None:
        table = competitors.comparison(
            competitors.criteria(rnd["workshop_id"]),
            competitors.companies(rnd["workshop_id"]),
            self.means(rnd["id"]),
        )
        if table.empty:
            return None
        lags = table[(table["own"]) & (table["gap"] < 0)]["criterion"]
        return Results(
            blocks=(
                Chart(
                    translate("competitors.live_means", lang),
                    "",
                    comparison_chart(
                        table, chart_text(lang), lang=lang, big=layout == "projector"
                    ).to_dict(validate=validating()),
                    note=translate("competitors.lags", lang, names=", ".join(lags))
                    if len(lags)
                    else "",
                ),
            ),
            highlights=tuple(Highlight(name, "", True) for name in lags),
            reading=translate("competitors.phone_reading", lang),
        )


KIND = CompetitorScoring()
