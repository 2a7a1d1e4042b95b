"""Round kind ``ideas``: memories brainstormed live — participants post short ideas per
touchpoint from their phones, privately while writing (each sees their own ideas and how many
the others posted), anonymous unless the facilitator shows authors.

    >>> rid = lifecycle.open_round(ws_id, "ideas", touchpoint_ids=[1, 2], title="Erinnerungen")
    >>> lifecycle.submit(rid, person, {item_id: {"idea": "Kaffee bei der Montage"}})
    >>> KIND.answers(rid, person)        # {item_id: [{"id", "text"}, …]}: my ideas
    >>> ideas.visible(rid)               # the facilitator's view (cemworkshop/ideas.py)

Hiding, editing, merging and the suggestions of duplicates live in ``cemworkshop/ideas.py``;
the vote on the ideas is the ``dot_vote`` kind.
"""

from __future__ import annotations

import pandas as pd

from cemworkshop import store
from cemworkshop.i18n import translate
from cemworkshop.rounds.base import Figure, Highlight, QuestionGroup, Results, RoundKind, Table
from cemworkshop.rounds.touchpoint_scoring import journey_items
from cemworkshop.shared import SharedCache
from cemworkshop.validation import ValidationError, clean_text

MAX_IDEA = 280
DIMENSION = "idea"

_results = SharedCache(size=32)


class IdeasRound(RoundKind):
    name = "ideas"
    input = "ideas"

    def create_items(
        self, db, workshop_id: int, round_id: int, *, touchpoint_ids=()
    ) -> tuple[str, ...]:
        journey_items(db, workshop_id, round_id, touchpoint_ids)
        return (DIMENSION,)

    def items(self, round_id: int) -> list[dict]:
        return store.rows(
            """SELECT i.id AS item_id, i.position, t.id AS touchpoint_id, t.name AS subject,
                      p.name AS "group"
               FROM round_items i JOIN round_item_touchpoints l ON l.item_id = i.id
               JOIN touchpoints t ON t.id = l.touchpoint_id JOIN phases p ON p.id = t.phase_id
               WHERE i.round_id = ? ORDER BY i.position""",
            [round_id],
        )

    def questions(self, rnd: dict, lang: str) -> list[QuestionGroup]:
        return [QuestionGroup(it["subject"], it["group"], ()) for it in self.items(rnd["id"])]

    def intro(self, rnd: dict, lang: str) -> list[str]:
        return [translate("ideas.intro", lang, max=MAX_IDEA)]

    # --- answers -------------------------------------------------------------------------

    def write(
        self, db, rnd: dict, participant_id: int, answers: dict, expected: dict | None = None
    ) -> int:
        """Post ideas: ``{item_id: {"idea": text}}`` — each a new idea (up to 280 characters),
        or ``{item_id: {"withdraw": idea_id}}`` to take back one's own idea."""
        posted = 0
        for item_id, values in answers.items():
            found = db.execute(
                "SELECT l.touchpoint_id FROM round_items i"
                " JOIN round_item_touchpoints l ON l.item_id = i.id"
                " WHERE i.id = ? AND i.round_id = ?",
                [item_id, rnd["id"]],
            ).fetchone()
            if found is None:
                raise ValidationError("unknown_item")
            for what, value in values.items():
                if what == "withdraw":
                    db.execute(
                        "DELETE FROM ideas WHERE id = ? AND round_id = ? AND participant_id = ?"
                        " AND group_id IS NULL",
                        [value, rnd["id"], participant_id],
                    )
                    continue
                if what != DIMENSION:
                    raise ValidationError("unknown_dimension", value=what)
                text = clean_text(value, field="idea", max_len=MAX_IDEA)
                if not text:
                    raise ValidationError("empty_name", field="idea")
                db.execute(
                    "INSERT INTO ideas (round_id, item_id, touchpoint_id, participant_id, text)"
                    " VALUES (?, ?, ?, ?, ?)",
                    [rnd["id"], item_id, found[0], participant_id, text],
                )
                posted += 1
        return posted

    def answers(self, round_id: int, participant_id: int) -> dict[int, list[dict]]:
        """My ideas per item, oldest first."""
        found: dict[int, list[dict]] = {}
        for r in store.rows(
            "SELECT id, item_id, text FROM ideas WHERE round_id = ? AND participant_id = ?"
            " ORDER BY id",
            [round_id, participant_id],
        ):
            found.setdefault(r["item_id"], []).append({"id": r["id"], "text": r["text"]})
        return found

    def others_count(self, round_id: int, participant_id: int) -> dict[int, int]:
        """How many ideas the others posted per item (what a phone may know while writing)."""
        return {
            r["item_id"]: r["n"]
            for r in store.rows(
                "SELECT item_id, count(*) AS n FROM ideas WHERE round_id = ?"
                " AND (participant_id IS NULL OR participant_id <> ?) GROUP BY item_id",
                [round_id, participant_id],
            )
        }

    def answer_counts(self, round_id: int) -> dict[int, int]:
        return {
            r["participant_id"]: r["n"]
            for r in store.rows(
                "SELECT participant_id, count(*) AS n FROM ideas WHERE round_id = ?"
                " AND participant_id IS NOT NULL GROUP BY participant_id",
                [round_id],
            )
        }

    def expected_answers(self, rnd: dict) -> int:
        return 0  # an ideas round has no "complete": people say "I'm done"

    def live_figures(self, rnd: dict, lang: str) -> tuple[Figure, ...]:
        """While the ideas stay private: how many there are, from how many people."""
        row = store.row(
            "SELECT count(*) AS ideas, count(DISTINCT participant_id) AS people FROM ideas"
            " WHERE round_id = ? AND hidden = 0",
            [rnd["id"]],
        )
        return (
            Figure(translate("ideas.count", lang), str(row["ideas"])),
            Figure(translate("ideas.people", lang), str(row["people"])),
        )

    # --- results -------------------------------------------------------------------------

    def results(self, rnd: dict, lang: str, layout: str) -> Results | None:
        key = (str(store.db_path()), rnd["id"], rnd["version"], rnd["show_authors"], lang, layout)
        return _results.get(key, lambda: self._results(rnd, lang, layout))

    def _results(self, rnd: dict, lang: str, layout: str) -> Results | None:
        shown = store.rows(
            """SELECT i.id, i.text, i.touchpoint_id, coalesce(t.name, '–') AS touchpoint,
                      g.title AS group_title, p.name AS author
               FROM ideas i LEFT JOIN touchpoints t ON t.id = i.touchpoint_id
               LEFT JOIN idea_groups g ON g.id = i.group_id
               LEFT JOIN participants p ON p.id = i.participant_id
               WHERE i.round_id = ? AND i.hidden = 0
               ORDER BY coalesce(i.item_id, 0), coalesce(g.id, 0), i.id""",
            [rnd["id"]],
        )
        if not shown:
            return None
        touchpoint, idea = translate("chart.touchpoint", lang), translate("ideas.idea", lang)
        data = {
            touchpoint: [r["touchpoint"] for r in shown],
            idea: [
                (f"{r['group_title']}: " if r["group_title"] else "") + r["text"] for r in shown
            ],
        }
        if rnd["show_authors"]:
            data[translate("ideas.author", lang)] = [
                r["author"] or translate("ideas.anonymous", lang) for r in shown
            ]
        people = len({r["author"] for r in shown})
        return Results(
            figures=(
                Figure(translate("ideas.count", lang), str(len(shown))),
                Figure(translate("ideas.people", lang), str(people)),
            ),
            blocks=(
                Table(
                    translate("ideas.results_title", lang),
                    translate("ideas.results_help", lang),
                    pd.DataFrame(data),
                ),
            ),
            highlights=tuple(
                Highlight(r["text"], r["touchpoint"])
                for r in shown[: 12 if layout == "phone" else 0]
            ),
            reading=translate("ideas.phone_reading", lang),
        )

    def export_rows(self, rnd: dict) -> list[dict]:
        return [
            {
                "subject": r["touchpoint"] or "",
                "subject_group": r["phase"] or "",
                "participant_id": r["participant_id"] or "",
                "participant": r["author"] or "",
                "dimension": DIMENSION + (" (hidden)" if r["hidden"] else ""),
                "value": r["text"],
                "submitted_at": r["created_at"],
            }
            for r in store.rows(
                """SELECT i.text, i.hidden, i.created_at, i.participant_id, t.name AS touchpoint,
                          ph.name AS phase, p.name AS author
                   FROM ideas i LEFT JOIN touchpoints t ON t.id = i.touchpoint_id
                   LEFT JOIN phases ph ON ph.id = t.phase_id
                   LEFT JOIN participants p ON p.id = i.participant_id
                   WHERE i.round_id = ? ORDER BY i.id""",
                [rnd["id"]],
            )
        ]


KIND = IdeasRound()
