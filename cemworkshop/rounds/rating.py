"""The common ground of every kind where people rate items 1–5 in one or more dimensions.

Answers are ``{item_id: {dimension: value or None}}``; they live in the ``scores`` table.
A subclass says which items a round has (``items``), how they are grouped on a phone and
what its results are; checking and storing answers is the same for all of them.
"""

from __future__ import annotations

import pandas as pd

from cemworkshop import store
from cemworkshop.i18n import translate
from cemworkshop.rounds.base import Question, QuestionGroup, RoundKind
from cemworkshop.validation import ValidationError

SCALE = (1, 5)
SKIP = "skip"  # an answer of its own where a kind allows it: "can't say", counted, not rated


def newest_with_answers(workshop_id: int, kind: str, *, closed: bool = False) -> dict | None:
    """The newest round of ``kind`` that has at least one score (only closed ones with
    ``closed``): ``id, workshop_id, version, status, title`` — what a section shows first."""
    return store.row(
        f"""SELECT id, workshop_id, version, status, title FROM rounds r
            WHERE workshop_id = ? AND kind = ?{" AND status = 'closed'" if closed else ""}
            AND EXISTS (SELECT 1 FROM round_items i JOIN scores s ON s.round_item_id = i.id
                        WHERE i.round_id = r.id)
            ORDER BY id DESC LIMIT 1""",
        [workshop_id, kind],
    )


class RatingKind(RoundKind):
    input = "rating"
    skippable = False  # True: a person may answer "can't say" (SKIP) instead of 1–5

    def items(self, round_id: int) -> list[dict]:
        """The round's items in order: ``item_id``, ``subject``, ``group`` and what else the kind
        needs. Each subclass answers from its link table."""
        raise NotImplementedError

    def group_questions(self, rnd: dict, items: list[dict], lang: str) -> list[QuestionGroup]:
        """One group per item with one question per dimension (a kind may group otherwise)."""
        return [
            QuestionGroup(
                it["subject"],
                it["group"],
                tuple(
                    Question(
                        it["item_id"],
                        d,
                        translate(f"dimension.{d}", lang),
                        ends=translate(f"scale_ends.{d}", lang),
                        skip=self.skippable,
                    )  # fmt: skip
                    for d in rnd["dimensions"]
                ),
            )
            for it in items
        ]

    def questions(self, rnd: dict, lang: str) -> list[QuestionGroup]:
        return self.group_questions(rnd, self.items(rnd["id"]), lang)

    def write(
        self, db, rnd: dict, participant_id: int, answers: dict, expected: dict | None = None
    ) -> int:
        wanted = list(answers)
        if wanted:
            known = {
                r[0]
                for r in db.execute(
                    f"SELECT id FROM round_items WHERE round_id = ? AND id IN ({store.marks(wanted)})",
                    [rnd["id"], *wanted],
                )
            }
            if set(wanted) - known:
                raise ValidationError("unknown_item")
        allowed = set(rnd["dimensions"])
        clean: list[tuple[int, str, int | None]] = []
        for item_id, values in answers.items():
            for dimension, value in values.items():
                if dimension not in allowed:
                    raise ValidationError("unknown_dimension", value=dimension)
                if value == SKIP and self.skippable:
                    clean.append((item_id, dimension, SKIP))
                    continue
                if value is not None and (
                    isinstance(value, bool)
                    or not isinstance(value, int)
                    or not SCALE[0] <= value <= SCALE[1]
                ):
                    raise ValidationError("score_out_of_range", value=value)
                clean.append((item_id, dimension, value))
        if expected:
            self._check_unchanged(db, participant_id, expected)
        now = store.now()
        for item_id, dimension, value in clean:
            if self.skippable:  # a value replaces a skip and a skip a value
                db.execute(
                    "DELETE FROM skips WHERE round_item_id = ? AND participant_id = ?"
                    " AND dimension = ?",
                    [item_id, participant_id, dimension],
                )
            if value == SKIP:
                db.execute(
                    "DELETE FROM scores WHERE round_item_id = ? AND participant_id = ?"
                    " AND dimension = ?",
                    [item_id, participant_id, dimension],
                )
                db.execute(
                    "INSERT INTO skips (round_item_id, participant_id, dimension, submitted_at)"
                    " VALUES (?, ?, ?, ?)",
                    [item_id, participant_id, dimension, now],
                )
            elif value is None:
                db.execute(
                    "DELETE FROM scores WHERE round_item_id = ? AND participant_id = ?"
                    " AND dimension = ?",
                    [item_id, participant_id, dimension],
                )
            else:
                db.execute(
                    "INSERT INTO scores (round_item_id, participant_id, dimension, value,"
                    " submitted_at) VALUES (?, ?, ?, ?, ?)"
                    " ON CONFLICT (round_item_id, participant_id, dimension)"
                    " DO UPDATE SET value = excluded.value, submitted_at = excluded.submitted_at",
                    [item_id, participant_id, dimension, value, now],
                )
        return sum(1 for _, _, v in clean if v is not None)

    def _check_unchanged(self, db, participant_id: int, expected: dict) -> None:
        # Compare-and-set, in the writing transaction: a value changed in another tab of the
        # same person since this screen was drawn is never overwritten silently.
        for item_id, values in expected.items():
            for dimension, before in values.items():
                now = db.execute(
                    "SELECT value FROM scores WHERE round_item_id = ? AND participant_id = ?"
                    " AND dimension = ?",
                    [item_id, participant_id, dimension],
                ).fetchone()
                stored = now[0] if now else None
                if (
                    stored is None
                    and self.skippable
                    and db.execute(
                        "SELECT 1 FROM skips WHERE round_item_id = ? AND participant_id = ?"
                        " AND dimension = ?",
                        [item_id, participant_id, dimension],
                    ).fetchone()
                ):
                    stored = SKIP
                if stored != before:
                    raise ValidationError(
                        "stale_answer", item_id=item_id, dimension=dimension, value=stored
                    )

    def answers(self, round_id: int, participant_id: int) -> dict[int, dict[str, int | str]]:
        """``{item_id: {dimension: value}}`` of one person; a skip is ``SKIP``."""
        found: dict[int, dict[str, int | str]] = {}
        skips = (
            " UNION ALL SELECT k.round_item_id, k.dimension, 'skip' FROM skips k"
            " JOIN round_items i ON i.id = k.round_item_id"
            " WHERE i.round_id = ? AND k.participant_id = ?"
            if self.skippable
            else ""
        )
        for r in store.rows(
            f"""SELECT s.round_item_id AS item_id, s.dimension, s.value FROM scores s
                JOIN round_items i ON i.id = s.round_item_id
                WHERE i.round_id = ? AND s.participant_id = ?{skips}""",
            [round_id, participant_id] * (2 if self.skippable else 1),
        ):
            found.setdefault(r["item_id"], {})[r["dimension"]] = r["value"]
        return found

    def answer_counts(self, round_id: int) -> dict[int, int]:
        """How many answers each person gave (a skip is an answer)."""
        table = (
            "(SELECT round_item_id, participant_id FROM scores UNION ALL"
            " SELECT round_item_id, participant_id FROM skips)"
            if self.skippable
            else "scores"
        )
        return {
            r["participant_id"]: r["n"]
            for r in store.rows(
                f"""SELECT s.participant_id, count(*) AS n FROM {table} s
                   JOIN round_items i ON i.id = s.round_item_id
                   WHERE i.round_id = ? GROUP BY s.participant_id""",
                [round_id],
            )
        }

    def expected_answers(self, rnd: dict) -> int:
        count = store.value("SELECT count(*) FROM round_items WHERE round_id = ?", [rnd["id"]])
        return count * len(rnd["dimensions"])

    def scores(self, round_id: int) -> pd.DataFrame:
        """Every answer of the round: ``item_id, position, participant_id, dimension, value,
        submitted_at``, one row each."""
        return pd.read_sql_query(
            """SELECT i.id AS item_id, i.position, s.participant_id, s.dimension, s.value,
                      s.submitted_at
               FROM scores s JOIN round_items i ON i.id = s.round_item_id
               WHERE i.round_id = ? ORDER BY i.position, s.participant_id, s.dimension""",
            store.connect().conn,
            params=[round_id],
        )

    def export_rows(self, rnd: dict) -> list[dict]:
        subjects = {it["item_id"]: it for it in self.items(rnd["id"])}
        found = store.rows(
            """SELECT s.round_item_id AS item_id, s.participant_id, p.name AS participant,
                      s.dimension, s.value, s.submitted_at
               FROM scores s JOIN round_items i ON i.id = s.round_item_id
               JOIN participants p ON p.id = s.participant_id
               WHERE i.round_id = ? ORDER BY i.position, s.participant_id, s.dimension""",
            [rnd["id"]],
        )
        return [
            {
                "subject": subjects[r["item_id"]]["subject"],
                "subject_group": subjects[r["item_id"]]["group"],
                **{k: r[k] for k in ("participant_id", "participant", "dimension", "value")},
                "submitted_at": r["submitted_at"],
            }
            for r in found
            if r["item_id"] in subjects
        ]
