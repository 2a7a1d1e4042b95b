"""Round kind ``touchpoint_scoring``: Experience 360° — every participant rates each chosen
touchpoint for its importance to the customer and the company's performance (1–5),
optionally the best competitor's performance.

    >>> rid = lifecycle.open_round(ws_id, "touchpoint_scoring", touchpoint_ids=[1, 2],
    ...                            with_competitor=True, hide_results=True, title="MoT")
    >>> items = KIND.item_ids(rid)                       # {touchpoint_id: item_id}
    >>> lifecycle.submit(rid, person, {items[1]: {"importance": 5, "performance": 2}})
    >>> KIND.analysis(rid).moments                       # moments of truth, worst gap first

Results: the importance–performance matrix, the moments of truth and the spread of opinion.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from cemworkshop import formats, store, workshops
from cemworkshop.charts import ipa as charts
from cemworkshop.charts.style import DIMENSION_COLOURS, validating
from cemworkshop.i18n import translate
from cemworkshop.metrics import ipa
from cemworkshop.rounds.base import Chart, Figure, Highlight, Results, Table
from cemworkshop.rounds.rating import RatingKind, newest_with_answers
from cemworkshop.shared import SharedCache
from cemworkshop.validation import ValidationError

BASE_DIMENSIONS = ("importance", "performance")
COMPETITOR = "competitor"

_analyses = SharedCache(size=64)
_results = SharedCache(size=128)


@dataclass(frozen=True)
class Analysis:
    """A round's figures per touchpoint, computed once per version of its answers. Read-only."""

    scores: pd.DataFrame  # one row per answer, with touchpoint, phase and position
    summary: pd.DataFrame  # metrics.ipa.touchpoint_summary
    moments: pd.DataFrame
    spread: pd.DataFrame
    raters: int
    crosshair: str  # metrics.ipa.CROSSHAIRS: where the quadrants' lines sit
    lines: tuple[float, float]  # (performance, importance) of the crosshair
    diagonal: bool  # draw importance = performance

    @cached_property
    def by_touchpoint(self) -> dict[int, dict]:
        """``{touchpoint_id: {importance, performance, gap, quadrant}}`` from the summary, made
        once per analysis (later steps read it on every rerun). Read-only, like the rest."""
        return {
            int(r.touchpoint_id): {"importance": r.importance, "performance": r.performance,
                                   "gap": r.gap, "quadrant": r.quadrant}
            for r in self.summary.itertuples()
        }  # fmt: skip


def chart_text(lang: str) -> dict[str, str]:
    """Every label the round's charts need, in ``lang``."""
    keys = ["x", "y", "scale", "touchpoint", "raters", "people", "dimension", "mean", "phase"]
    text = {k: translate(f"chart.{k}", lang) for k in [*keys, *ipa.QUADRANTS]}
    text.update({d: translate(f"dimension.{d}", lang) for d in DIMENSION_COLOURS})
    return text


class TouchpointScoring(RatingKind):
    name = "touchpoint_scoring"

    def create_items(
        self, db, workshop_id: int, round_id: int, *, touchpoint_ids=(), with_competitor=False
    ) -> tuple[str, ...]:
        journey_items(db, workshop_id, round_id, touchpoint_ids)
        return BASE_DIMENSIONS + ((COMPETITOR,) if with_competitor else ())

    def items(self, round_id: int) -> list[dict]:
        return store.rows(
            """SELECT i.id AS item_id, i.position, t.id AS touchpoint_id, t.name AS subject,
                      p.name AS "group"
               FROM round_items i JOIN round_item_touchpoints l ON l.item_id = i.id
               JOIN touchpoints t ON t.id = l.touchpoint_id JOIN phases p ON p.id = t.phase_id
               WHERE i.round_id = ? ORDER BY i.position""",
            [round_id],
        )

    def item_ids(self, round_id: int) -> dict[int, int]:
        """``{touchpoint_id: item_id}`` of the round."""
        return {it["touchpoint_id"]: it["item_id"] for it in self.items(round_id)}

    def intro(self, rnd: dict, lang: str) -> list[str]:
        return [translate(f"score.scale_{d}", lang) for d in rnd["dimensions"]]

    # --- results -------------------------------------------------------------------------

    def analysis(self, rnd: dict) -> Analysis | None:
        """The round's figures per touchpoint (None before the first answer), shared by all,
        read with the workshop's crosshair rule (``workshops.analysis_settings``)."""
        settings = workshops.analysis_settings(rnd["workshop_id"])
        key = (str(store.db_path()), rnd["id"], rnd["version"], *settings.values())
        return _analyses.get(key, lambda: self._analyse(rnd["id"], **settings))

    def _analyse(self, round_id: int, crosshair: str, diagonal: bool) -> Analysis | None:
        answers = self.scores(round_id)
        if answers.empty:
            return None
        items = pd.DataFrame(self.items(round_id)).rename(
            columns={"subject": "touchpoint", "group": "phase"}
        )
        scores = answers.drop(columns="position").merge(items, on="item_id")
        summary = ipa.touchpoint_summary(scores, crosshair)
        return Analysis(
            scores=scores,
            summary=summary,
            moments=ipa.moments_of_truth(summary),
            spread=ipa.disagreements(summary),
            raters=int(scores["participant_id"].nunique()),
            crosshair=crosshair,
            lines=ipa.crosshair(summary, crosshair),
            diagonal=diagonal,
        )

    def results(self, rnd: dict, lang: str, layout: str) -> Results | None:
        settings = workshops.analysis_settings(rnd["workshop_id"])
        key = (str(store.db_path()), rnd["id"], rnd["version"], lang, layout, *settings.values())
        return _results.get(key, lambda: self._results(rnd, lang, layout))

    def _results(self, rnd: dict, lang: str, layout: str) -> Results | None:
        found = self.analysis(rnd)
        if found is None:
            return None
        if layout == "phone":  # a few lines, no charts: cheap for thirty phones at once
            return Results(
                highlights=_highlights(found.moments, lang),
                reading=_phone_reading(found.moments, lang),
            )
        big = layout == "projector"
        text = chart_text(lang)
        mot = found.moments
        critical = int(mot["critical"].sum()) if not mot.empty else 0
        spread_order = list(found.spread["touchpoint"][: 8 if big else 10])
        discuss = found.spread[found.spread["discuss"]]["touchpoint"][:6]
        return Results(
            figures=(
                Figure(translate("results.raters", lang), str(found.raters)),
                Figure(translate("results.moments", lang), str(len(mot))),
                Figure(translate("results.critical", lang), str(critical)),
            ),
            blocks=(
                Chart(
                    translate("results.matrix", lang),
                    translate("results.matrix_help", lang),
                    # Altair validates its whole schema in to_dict(): once per version, not per rerun.
                    charts.ipa_matrix(
                        found.summary,
                        _axis_text(text, found, lang),
                        lang=lang,
                        big=big,
                        height=470 if big else 480,
                        lines=found.lines,
                        diagonal=found.diagonal,
                    ).to_dict(validate=validating()),
                    note=" ".join(
                        [
                            translate(f"results.rule_{found.crosshair}", lang),
                            translate("results.diagonal_note", lang) if found.diagonal else "",
                        ]
                    ).strip(),
                    legend=tuple(charts.matrix_legend(found.summary)),
                ),
                self._moments_table(found, text, lang, big),
                Chart(
                    translate("results.spread_title", lang),
                    translate("results.spread_help", lang),
                    charts.spread_chart(
                        found.scores, spread_order, text, lang=lang, big=big
                    ).to_dict(validate=validating()),
                    note=translate("results.discuss", lang, names=", ".join(discuss))
                    if len(discuss)
                    else "",
                ),
            ),
            highlights=_highlights(mot, lang),
            reading=_phone_reading(mot, lang),
        )

    def _moments_table(self, found: Analysis, text: dict, lang: str, big: bool) -> Table:
        """The moments of truth with their number in the matrix and how many people rated
        each dimension; on the projector the critical ones carry a warning sign instead of a
        check column (fewer, wider columns). No performance score yet: "not rated yet"."""
        mot = found.moments
        nr = charts.matrix_numbers(found.summary)
        gap, critical = translate("results.gap", lang), translate("results.critical_short", lang)
        raters = translate("results.raters_per_dimension", lang)
        data = {
            # text, so a touchpoint without a dot (no performance yet) can show "–"
            "#": [str(nr[i]) if i in nr else "–" for i in mot["touchpoint_id"]],
            text["touchpoint"]: list(mot["touchpoint"]),
            text["importance"]: mot["importance"].round(1),
            text["performance"]: mot["performance"].round(1),
            gap: mot["gap"].round(1),
        }
        columns = {text["importance"]: "number", text["performance"]: "number", gap: "number"}
        # Who rated what: always at the desk; on the projector only where the counts differ
        # (a mean from fewer people than the rest), so the slide keeps its width.
        uneven = bool((mot["importance_n"] != mot["performance_n"]).any())
        if not big or uneven:
            data[raters] = [
                f"{int(i)} / {int(p)}"
                for i, p in zip(mot["importance_n"], mot["performance_n"], strict=True)
            ]
        data["⚠" if big else critical] = mot["critical"].astype(bool)
        columns["⚠" if big else critical] = "warn" if big else "check"
        not_rated = translate("results.not_rated", lang)
        return Table(
            translate("results.moments_title", lang),
            translate("results.moments_help", lang),
            pd.DataFrame(data),
            columns=columns,
            empty=translate("results.no_moments", lang),
            missing={text["performance"]: not_rated, gap: "–"},
        )

    def curve_spec(self, rnd: dict, lang: str) -> dict | None:
        """The experience curve of the whole round (the touchpoint map shows it)."""
        found = self.analysis(rnd)
        if found is None:
            return None
        key = (str(store.db_path()), rnd["id"], rnd["version"], lang, "curve")
        return _results.get(
            key,
            lambda: charts.experience_curve(found.summary, chart_text(lang), lang=lang).to_dict(
                validate=validating()
            ),
        )


def _axis_text(text: dict, found: Analysis, lang: str) -> dict:
    """Axis titles that say where the crosshair's line on that axis sits and why."""
    where = {
        axis: translate(
            f"chart.line_{found.crosshair}",
            lang,
            value=formats.number(value, lang, 1, fixed=True),
        )
        for axis, value in zip(("x", "y"), found.lines, strict=True)
    }
    return text | {axis: f"{text[axis]} · {where[axis]}" for axis in ("x", "y")}


PHONE_LINES = 8  # moments of truth a phone lists, the largest gap first


def _phone_reading(moments: pd.DataFrame, lang: str) -> str:
    """What the phone's lines are; when there are more moments of truth than it lists, which
    of them it shows and that the projector has them all."""
    reading = translate("results.phone_reading", lang)
    if len(moments) <= PHONE_LINES:
        return reading
    more = translate("results.phone_more", lang, shown=PHONE_LINES, total=len(moments))
    return f"{reading} {more}"


def _highlights(moments: pd.DataFrame, lang: str) -> tuple[Highlight, ...]:
    return tuple(
        Highlight(
            row["touchpoint"],
            translate(
                "results.phone_line",
                lang,
                importance=formats.number(row["importance"], lang, 1, fixed=True),
                performance=translate("results.not_rated", lang)
                if pd.isna(row["performance"])
                else formats.number(row["performance"], lang, 1, fixed=True),
            ),
            bool(row["critical"]),
        )
        for _, row in moments.head(PHONE_LINES).iterrows()
    )


def journey_items(db, workshop_id: int, round_id: int, touchpoint_ids) -> None:
    """One item per touchpoint, linked in ``round_item_touchpoints``, in journey order
    whatever order they were clicked in (inside the opening transaction)."""
    ids = list(dict.fromkeys(int(t) for t in touchpoint_ids))
    if not ids:
        raise ValidationError("round_needs_touchpoints")
    ordered = [
        r[0]
        for r in db.execute(
            f"SELECT t.id FROM touchpoints t JOIN phases p ON p.id = t.phase_id"
            f" WHERE t.workshop_id = ? AND t.id IN ({store.marks(ids)})"
            f" ORDER BY p.position, t.position, t.id",
            [workshop_id, *ids],
        )
    ]
    if len(ordered) != len(ids):
        raise ValidationError("unknown_touchpoint")
    for position, touchpoint_id in enumerate(ordered):
        item = db.execute(
            "INSERT INTO round_items (round_id, position) VALUES (?, ?)", [round_id, position]
        ).lastrowid
        db.execute(
            "INSERT INTO round_item_touchpoints (item_id, touchpoint_id) VALUES (?, ?)",
            [item, touchpoint_id],
        )


KIND = TouchpointScoring()


def latest_closed_round(workshop_id: int) -> int | None:
    """The newest closed touchpoint round that has answers: what the touchpoint map shows first."""
    found = newest_with_answers(workshop_id, KIND.name, closed=True)
    return found["id"] if found else None


def latest_closed_analysis(workshop_id: int) -> tuple[dict | None, Analysis | None]:
    """The newest closed touchpoint round with answers and its analysis ((None, None) without
    one): step 1's scores as the later steps read them."""
    rnd = newest_with_answers(workshop_id, KIND.name, closed=True)
    return (rnd, KIND.analysis(rnd)) if rnd else (None, None)


def prioritised_touchpoints(workshop_id: int) -> list[int]:
    """The touchpoints step 2 starts from: the moments of truth of the newest closed round
    with answers, critical ones first, largest gap first (empty without such a round)."""
    _, found = latest_closed_analysis(workshop_id)
    if found is None or found.moments.empty:
        return []
    moments = found.moments.sort_values(
        ["critical", "gap"], ascending=[False, False], kind="stable"
    )
    return [int(t) for t in moments["touchpoint_id"]]
