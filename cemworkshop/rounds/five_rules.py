"""Round kind ``five_rules``: the method's five rules for successful CEM, each rated 1–5 by
every participant — "how true is this for us today".

    >>> rid = lifecycle.open_round(ws_id, "five_rules", title="Die 5 Regeln")
    >>> KIND.table(rid)          # mean, spread and n per rule, the weakest rule first

The rules are the method's (``RULES``); their words are in the catalogue (``rules.<key>``).
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from cemworkshop import formats, store
from cemworkshop.charts.style import styled, text_size, validating
from cemworkshop.i18n import translate
from cemworkshop.rounds.base import Chart, Figure, Highlight, Results, Table
from cemworkshop.rounds.rating import RatingKind
from cemworkshop.shared import SharedCache

RULES = ("strategy", "measured", "moments", "staff", "continuous")
DIMENSION = "truth"

_results = SharedCache(size=32)


class FiveRules(RatingKind):
    name = "five_rules"

    def create_items(self, db, workshop_id: int, round_id: int) -> tuple[str, ...]:
        for position, rule in enumerate(RULES):
            item = db.execute(
                "INSERT INTO round_items (round_id, position) VALUES (?, ?)", [round_id, position]
            ).lastrowid
            db.execute("INSERT INTO round_item_rules (item_id, rule) VALUES (?, ?)", [item, rule])
        return (DIMENSION,)

    def items(self, round_id: int, lang: str = "de") -> list[dict]:
        found = store.rows(
            """SELECT i.id AS item_id, i.position, l.rule FROM round_items i
               JOIN round_item_rules l ON l.item_id = i.id
               WHERE i.round_id = ? ORDER BY i.position""",
            [round_id],
        )
        for r in found:
            r["subject"] = translate(f"rules.{r['rule']}", lang)
            r["group"] = translate(f"rules.{r['rule']}_long", lang)
        return found

    def questions(self, rnd: dict, lang: str):
        return self.group_questions(rnd, self.items(rnd["id"], lang), lang)

    def intro(self, rnd: dict, lang: str) -> list[str]:
        return [translate("rules.scale", lang)]

    def table(self, round_id: int) -> pd.DataFrame:
        """Per rule: ``rule``, ``mean``, ``spread`` (sample SD, NaN with one rater), ``n``;
        the weakest rule (lowest mean) first, ties in the method's order."""
        data = self.scores(round_id)
        rules = {it["item_id"]: it["rule"] for it in self.items(round_id)}
        rows = []
        for item_id, rule in rules.items():
            values = data[data["item_id"] == item_id]["value"].tolist()
            n = len(values)
            mean = sum(values) / n if n else math.nan
            spread = (
                math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1)) if n > 1 else math.nan
            )
            rows.append({"rule": rule, "mean": mean, "spread": spread, "n": n,
                         "order": RULES.index(rule)})  # fmt: skip
        table = pd.DataFrame(rows, columns=["rule", "mean", "spread", "n", "order"])
        return (
            table.sort_values(["mean", "order"], na_position="last", kind="stable")
            .drop(columns="order")
            .reset_index(drop=True)
        )

    def results(self, rnd: dict, lang: str, layout: str) -> Results | None:
        key = (str(store.db_path()), rnd["id"], rnd["version"], lang, layout)
        return _results.get(key, lambda: self._results(rnd, lang, layout))

    def _results(self, rnd: dict, lang: str, layout: str) -> Results | None:
        table = self.table(rnd["id"])
        rated = table[table["n"] > 0]
        if rated.empty:
            return None
        big = layout == "projector"
        names = {r: translate(f"rules.{r}", lang) for r in RULES}
        shown = pd.DataFrame(
            {
                translate("rules.rule", lang): [names[r] for r in rated["rule"]],
                translate("chart.mean", lang): rated["mean"].round(1),
                translate("rules.spread", lang): rated["spread"].round(1),
                "n": rated["n"],
            }
        )
        short = {r: translate(f"rules.{r}_short", lang) for r in RULES}
        chart_data = rated.assign(
            label=[short[r] for r in rated["rule"]],
            rule_text=[names[r] for r in rated["rule"]],
            value=[formats.number(m, lang, 1, fixed=True) for m in rated["mean"]],
        )
        order = list(chart_data["label"])
        scale = alt.Scale(domain=[1, 5], nice=False, zero=False)
        mean_title = translate("chart.mean", lang)
        base = alt.Chart(chart_data).encode(
            y=alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=300)),
            tooltip=[
                alt.Tooltip("rule_text:N", title=translate("rules.rule", lang)),
                alt.Tooltip("value:N", title=mean_title),
                alt.Tooltip("n:Q", title="n"),
            ],
        )
        bars = base.mark_bar(color="#1c6dd0", height=30 if big else 22).encode(
            # bars grow from the scale's bottom, 1, not from 0 outside the axis
            x=alt.X("mean:Q", scale=scale, title=mean_title, axis=alt.Axis(values=[1, 2, 3, 4, 5], format="d")),
            x2=alt.datum(1),
        )  # fmt: skip
        labels = base.mark_text(align="left", dx=6, fontSize=text_size(big)).encode(
            x=alt.X("mean:Q", scale=scale), text="value:N"
        )
        chart = alt.layer(bars, labels).properties(height=(70 if big else 56) * len(order))
        weakest = rated.iloc[0]
        return Results(
            figures=(
                Figure(translate("results.raters", lang), str(int(rated["n"].max()))),
                Figure(
                    translate("rules.weakest", lang),
                    translate(f"rules.{weakest['rule']}_short", lang),
                ),
            ),
            blocks=(
                Chart(
                    translate("rules.results_title", lang),
                    translate("rules.results_help", lang),
                    styled(chart, lang=lang, big=big).to_dict(validate=validating()),
                ),
                Table(
                    translate("rules.table_title", lang),
                    "",
                    shown,
                    columns={
                        translate("chart.mean", lang): "number",
                        translate("rules.spread", lang): "number",
                    },
                ),
            ),
            highlights=tuple(
                Highlight(
                    names[r.rule],
                    translate(
                        "rules.phone_line", lang, mean=formats.number(r.mean, lang, 1, fixed=True)
                    ),
                    bool(r.mean < 3),
                )
                for r in rated.itertuples()
            ),  # fmt: skip
            reading=translate("rules.phone_reading", lang),
        )


KIND = FiveRules()
