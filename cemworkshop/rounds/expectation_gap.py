"""Round kind ``expectation_gap`` (step 3, Erwartungsabgleich): every participant rates, for
each critical touchpoint, what the customer expects and what they experience today (1–5).

    >>> rid = lifecycle.open_round(ws_id, "expectation_gap", touchpoint_ids=[3, 7])
    >>> KIND.summary(rnd)          # metrics.gap.gap_summary of the round's answers

A rating kind on touchpoints like step 1's scoring (same items, same link table
``round_item_touchpoints``), asking two other questions. Its results — the dumbbell chart,
the ranking by gap with n and spread, where the room disagrees — are built by
:func:`gap_results`, which the step-3 section also uses for values taken from step 1.
"""

from __future__ import annotations

import pandas as pd

from cemworkshop import formats, store
from cemworkshop.charts.gap import dumbbell
from cemworkshop.charts.style import validating
from cemworkshop.i18n import translate
from cemworkshop.metrics import gap
from cemworkshop.rounds.base import Chart, Figure, Highlight, Results, Table
from cemworkshop.rounds.touchpoint_scoring import TouchpointScoring
from cemworkshop.shared import SharedCache

_summaries = SharedCache(size=32)
_results = SharedCache(size=64)


class ExpectationGap(TouchpointScoring):
    name = "expectation_gap"

    def create_items(self, db, workshop_id: int, round_id: int, *, touchpoint_ids=()):
        super().create_items(db, workshop_id, round_id, touchpoint_ids=touchpoint_ids)
        return gap.DIMENSIONS

    def intro(self, rnd: dict, lang: str) -> list[str]:
        return [translate(f"gap.scale_{d}", lang) for d in gap.DIMENSIONS]

    def summary(self, rnd: dict) -> pd.DataFrame:
        """The round's gap summary, once per version of its answers (shared by every session)."""
        key = (str(store.db_path()), rnd["id"], rnd["version"])
        return _summaries.get(key, lambda: self._summary(rnd["id"]))

    def _summary(self, round_id: int) -> pd.DataFrame:
        answers = self.scores(round_id)
        if answers.empty:
            return gap.gap_summary(answers)
        items = pd.DataFrame(self.items(round_id)).rename(
            columns={"subject": "touchpoint", "group": "phase"}
        )
        return gap.gap_summary(answers.drop(columns="position").merge(items, on="item_id"))

    def raters(self, round_id: int) -> int:
        return store.value(
            """SELECT count(DISTINCT s.participant_id) FROM scores s
               JOIN round_items i ON i.id = s.round_item_id WHERE i.round_id = ?""",
            [round_id],
        )

    def results(self, rnd: dict, lang: str, layout: str) -> Results | None:
        key = (str(store.db_path()), rnd["id"], rnd["version"], lang, layout)
        return _results.get(
            key, lambda: gap_results(self.summary(rnd), self.raters(rnd["id"]), lang, layout)
        )


def gap_results(summary: pd.DataFrame, raters: int, lang: str, layout: str) -> Results | None:
    """The dumbbell chart, the ranking by gap and where the room disagrees (None: no values)."""
    ranking = gap.ranked(summary)
    if ranking.empty:
        return None
    n1 = lambda v: formats.number(v, lang, 1, fixed=True)  # noqa: E731
    highlights = tuple(
        Highlight(
            r.touchpoint,
            translate("gap.phone_line", lang, expectation=n1(r.expectation),
                      experience=n1(r.experience), gap=n1(r.gap)),
            r.band == "critical_gap",
        )
        for r in ranking.head(8).itertuples()
    )  # fmt: skip
    reading = translate("gap.phone_reading", lang)
    if layout == "phone":
        return Results(highlights=highlights, reading=reading)
    big = layout == "projector"
    text = {k: translate(f"gap.{k}", lang) for k in
            ("expectation", "experience", "scale", "touchpoint", "gap", "raters", "spread",
             "sd_expectation", "sd_experience")}  # fmt: skip
    critical = int((ranking["band"] == "critical_gap").sum())
    shown = ranking.head(8 if big else 30)
    table = {
        "#": [str(i + 1) for i in range(len(shown))],
        text["touchpoint"]: list(shown["touchpoint"]),
        text["expectation"]: shown["expectation"].round(2),
        text["experience"]: shown["experience"].round(2),
        text["gap"]: shown["gap"].round(2),
        "n": [
            f"{int(e)} / {int(x)}"
            for e, x in zip(shown["expectation_n"], shown["experience_n"], strict=True)
        ],  # fmt: skip
        text["spread"]: shown["spread"].round(2),
    }
    numbers = {
        text[k]: "number"
        for k in ("expectation", "experience", "gap", "spread")
        if text[k] in table
    }
    disagree = gap.disagreements(summary)
    blocks: list = [
        Chart(
            translate("gap.chart_title", lang),
            translate("gap.chart_help", lang),
            dumbbell(shown if big else ranking, text, lang=lang, big=big).to_dict(
                validate=validating()
            ),
            wide=True,
        ),
        Table(
            translate("gap.ranking_title", lang),
            translate("gap.ranking_help", lang),
            pd.DataFrame(table),
            columns=numbers | {"n": "figure"},
            missing={text["spread"]: "–"},
        ),
    ]
    if not big or not disagree.empty:
        blocks.append(
            Table(
                translate("gap.disagree_title", lang),
                translate("gap.disagree_help", lang),
                pd.DataFrame(
                    {
                        text["touchpoint"]: list(disagree["touchpoint"]),
                        text["sd_expectation"]: disagree["expectation_sd"].round(2),
                        text["sd_experience"]: disagree["experience_sd"].round(2),
                    }
                ),
                columns={text["sd_expectation"]: "number", text["sd_experience"]: "number"},
                empty=translate("gap.no_disagreement", lang),
                missing={text["sd_expectation"]: "–", text["sd_experience"]: "–"},
            )
        )
    return Results(
        figures=(
            Figure(translate("gap.figure_raters", lang), str(raters)),
            Figure(translate("gap.figure_touchpoints", lang), str(len(ranking))),
            Figure(translate("gap.figure_critical", lang), str(critical)),
        ),
        blocks=tuple(blocks),
        highlights=highlights,
        reading=reading,
    )


KIND = ExpectationGap()
