"""Round kind ``innovation_check``: the room rates how well each prioritised touchpoint
meets the method's experience qualities and success factors (1–5 each).

    >>> rid = lifecycle.open_round(ws_id, "innovation_check", touchpoint_ids=[3, 7],
    ...                            criteria=["reliable", "easy"])
    >>> KIND.means(rid)           # {(touchpoint_id, criterion): mean}

A phone shows one touchpoint at a time, at most four criteria per screen; the results are
the heat table of ``innovation.heat`` with the weakest cells first.
"""

from __future__ import annotations

import pandas as pd

from cemworkshop import innovation, store
from cemworkshop.charts.innovation import heat_chart
from cemworkshop.charts.style import validating
from cemworkshop.i18n import translate
from cemworkshop.rounds.base import Chart, Highlight, Question, QuestionGroup, Results, Table
from cemworkshop.rounds.rating import RatingKind
from cemworkshop.shared import SharedCache
from cemworkshop.validation import ValidationError

DIMENSION = "fit"
PER_SCREEN = 4

_results = SharedCache(size=32)
_heat_specs = SharedCache(size=32)  # by the values drawn: the section redraws it on every rerun


def criterion_labels(lang: str) -> dict[str, str]:
    return {c: translate(f"innovation.c.{c}", lang) for c in innovation.CRITERIA}


class InnovationCheck(RatingKind):
    name = "innovation_check"

    def create_items(
        self, db, workshop_id: int, round_id: int, *, touchpoint_ids=(), criteria=None
    ) -> tuple[str, ...]:
        ids = list(dict.fromkeys(int(t) for t in touchpoint_ids))
        wanted = list(criteria or innovation.CRITERIA)
        if not ids:
            raise ValidationError("round_needs_touchpoints")
        if not wanted or set(wanted) - set(innovation.CRITERIA):
            raise ValidationError("unknown_criterion", value=", ".join(wanted))
        known = {
            r[0]
            for r in db.execute(
                f"SELECT id FROM touchpoints WHERE workshop_id = ? AND id IN ({store.marks(ids)})",
                [workshop_id, *ids],
            )
        }
        if set(ids) - known:
            raise ValidationError("unknown_touchpoint")
        position = 0
        ordered = [c for c in innovation.CRITERIA if c in wanted]
        for tp in ids:
            for criterion in ordered:
                item = db.execute(
                    "INSERT INTO round_items (round_id, position) VALUES (?, ?)",
                    [round_id, position],
                ).lastrowid
                db.execute(
                    "INSERT INTO round_item_innovation (item_id, touchpoint_id, criterion)"
                    " VALUES (?, ?, ?)",
                    [item, tp, criterion],
                )
                position += 1
        return (DIMENSION,)

    def items(self, round_id: int, lang: str = "de") -> list[dict]:
        labels = criterion_labels(lang)
        found = store.rows(
            """SELECT i.id AS item_id, i.position, l.touchpoint_id, l.criterion,
                      t.name AS touchpoint
               FROM round_items i JOIN round_item_innovation l ON l.item_id = i.id
               JOIN touchpoints t ON t.id = l.touchpoint_id
               WHERE i.round_id = ? ORDER BY i.position""",
            [round_id],
        )
        for r in found:
            r["subject"] = f"{r['touchpoint']} · {labels[r['criterion']]}"
            r["group"] = r["touchpoint"]
        return found

    def group_questions(self, rnd: dict, items: list[dict], lang: str) -> list[QuestionGroup]:
        """One touchpoint per screen, at most four criteria on one."""
        labels = criterion_labels(lang)
        ends = translate("scale_ends.fit", lang)
        by_tp: dict[int, list[dict]] = {}
        for it in items:
            by_tp.setdefault(it["touchpoint_id"], []).append(it)
        groups = []
        for cells in by_tp.values():
            for start in range(0, len(cells), PER_SCREEN):
                part = cells[start : start + PER_SCREEN]
                groups.append(
                    QuestionGroup(
                        cells[0]["touchpoint"],
                        translate("innovation.screen", lang, at=start // PER_SCREEN + 1,
                                  of=-(-len(cells) // PER_SCREEN)),
                        tuple(
                            Question(c["item_id"], DIMENSION, labels[c["criterion"]], ends=ends)
                            for c in part
                        ),
                    )
                )  # fmt: skip
        return groups

    def questions(self, rnd: dict, lang: str) -> list[QuestionGroup]:
        return self.group_questions(rnd, self.items(rnd["id"], lang), lang)

    def intro(self, rnd: dict, lang: str) -> list[str]:
        return [translate("innovation.scale", lang)]

    def means(self, round_id: int) -> dict[tuple[int, str], float]:
        return {
            (r["touchpoint_id"], r["criterion"]): r["mean"]
            for r in store.rows(
                """SELECT l.touchpoint_id, l.criterion, avg(s.value) AS mean FROM scores s
                   JOIN round_item_innovation l ON l.item_id = s.round_item_id
                   JOIN round_items i ON i.id = l.item_id
                   WHERE i.round_id = ? GROUP BY l.touchpoint_id, l.criterion""",
                [round_id],
            )
        }

    def results(self, rnd: dict, lang: str, layout: str) -> Results | None:
        key = (str(store.db_path()), rnd["id"], rnd["version"], lang, layout)
        return _results.get(key, lambda: self._results(rnd, lang, layout))

    def _results(self, rnd: dict, lang: str, layout: str) -> Results | None:
        means = self.means(rnd["id"])
        if not means:
            return None
        names = {it["touchpoint_id"]: it["touchpoint"] for it in self.items(rnd["id"], lang)}
        labels = criterion_labels(lang)
        rows = [
            {"touchpoint_id": tp, "touchpoint": names[tp], "criterion": c, "value": v,
             "weak": v < innovation.WEAK}
            for (tp, c), v in means.items()
        ]  # fmt: skip
        table = pd.DataFrame(rows).sort_values("value", kind="stable").reset_index(drop=True)
        return heat_results(table, labels, list(dict.fromkeys(names.values())), lang, layout)


def heat_results(
    table: pd.DataFrame, labels: dict[str, str], order: list[str], lang: str, layout: str
) -> Results:
    """The heat table and the weakest cells — for a live round and the facilitator's values."""
    text = {k: translate(f"innovation.{k}", lang) for k in ("touchpoint", "criterion", "value")}
    big = layout == "projector"
    weakest = table.head(8)
    return Results(
        blocks=(
            Chart(
                translate("innovation.heat_title", lang),
                translate("innovation.heat_help", lang),
                _heat_spec(table, labels, order, text, lang, big),
            ),
            Table(
                translate("innovation.weakest_title", lang),
                "",
                pd.DataFrame(
                    {
                        text["touchpoint"]: weakest["touchpoint"],
                        text["criterion"]: [labels[c] for c in weakest["criterion"]],
                        text["value"]: weakest["value"].round(1),
                    }
                ),
                columns={text["value"]: "number"},
            ),
        ),
        highlights=tuple(
            Highlight(
                f"{r.touchpoint} · {labels[r.criterion]}",
                translate("innovation.phone_line", lang, value=f"{r.value:.1f}"),
                r.weak,
            )
            for r in weakest.itertuples()
        ),  # fmt: skip
        reading=translate("innovation.phone_reading", lang),
    )


def _heat_spec(table, labels, order, text, lang: str, big: bool) -> dict:
    """The heat chart's Vega-Lite spec, built (and validated by Altair) once per set of values."""
    cells = tuple(table[["touchpoint", "criterion", "value"]].itertuples(index=False, name=None))
    key = (cells, tuple(order), lang, big)
    return _heat_specs.get(
        key,
        lambda: heat_chart(table, labels, order, text, lang=lang, big=big).to_dict(
            validate=validating()
        ),
    )


KIND = InnovationCheck()
