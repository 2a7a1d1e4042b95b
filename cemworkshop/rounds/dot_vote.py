"""Round kind ``dot_vote``: everyone spends a budget of dots on the ideas of an ideas round
(merged groups count as one), at most ``cap`` on one idea; blind until revealed.

    >>> rid = lifecycle.open_round(ws_id, "dot_vote", source_round_id=ideas_rid, budget=5, cap=3)
    >>> lifecycle.submit(rid, person, {item_id: {"dots": 2}}, expected={item_id: {"dots": 1}})
    >>> KIND.ranking(rid)        # dots and voters per idea, most dots first, ties: earlier idea

Both limits are checked inside the writing transaction (``BEGIN IMMEDIATE`` serialises
writers), so thirty phones voting at the same instant can never exceed either.
"""

from __future__ import annotations

import pandas as pd

from cemworkshop import store
from cemworkshop.i18n import translate
from cemworkshop.rounds.base import Figure, Highlight, QuestionGroup, Results, RoundKind, Table
from cemworkshop.shared import SharedCache
from cemworkshop.validation import ValidationError

DIMENSION = "dots"
DEFAULT_BUDGET, DEFAULT_CAP = 5, 3
LIMITS = (1, 12)

_results = SharedCache(size=32)


def check_limits(budget, cap) -> tuple[int, int]:
    """Budget and cap as whole numbers 1–12 with the cap not above the budget."""
    for field, value in (("dot_budget", budget), ("dot_cap", cap)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError("not_whole", field=field, value=value)
        if not LIMITS[0] <= value <= LIMITS[1]:
            raise ValidationError("out_of_range", field=field, low=LIMITS[0], high=LIMITS[1])
    if cap > budget:
        raise ValidationError("cap_above_budget", cap=cap, budget=budget)
    return budget, cap


class DotVote(RoundKind):
    name = "dot_vote"
    input = "dots"

    def create_items(
        self, db, workshop_id: int, round_id: int, *, source_round_id, budget=DEFAULT_BUDGET,
        cap=DEFAULT_CAP,
    ) -> tuple[str, ...]:  # fmt: skip
        budget, cap = check_limits(budget, cap)
        source = db.execute(
            "SELECT id FROM rounds WHERE id = ? AND workshop_id = ? AND kind = 'ideas'",
            [source_round_id, workshop_id],
        ).fetchone()
        if source is None:
            raise ValidationError("unknown_round")
        db.execute(
            "INSERT INTO round_vote_limits (round_id, source_round_id, budget, cap)"
            " VALUES (?, ?, ?, ?)",
            [round_id, source_round_id, budget, cap],
        )
        # One subject per group (with a visible idea) and per visible idea outside a group,
        # in the order the first idea of each was posted.
        subjects = db.execute(
            """SELECT min(id) AS first, group_id, CASE WHEN group_id IS NULL THEN id END AS idea
               FROM ideas WHERE round_id = ? AND hidden = 0
               GROUP BY coalesce('g' || group_id, 'i' || id) ORDER BY first""",
            [source_round_id],
        ).fetchall()
        if not subjects:
            raise ValidationError("vote_needs_ideas")
        for position, s in enumerate(subjects):
            item = db.execute(
                "INSERT INTO round_items (round_id, position) VALUES (?, ?)", [round_id, position]
            ).lastrowid
            if s["group_id"] is not None:
                db.execute(
                    "INSERT INTO round_item_idea_groups (item_id, group_id) VALUES (?, ?)",
                    [item, s["group_id"]],
                )
            else:
                db.execute(
                    "INSERT INTO round_item_ideas (item_id, idea_id) VALUES (?, ?)",
                    [item, s["idea"]],
                )
        return (DIMENSION,)

    def items(self, round_id: int) -> list[dict]:
        """The vote's subjects in order: ``item_id``, ``subject`` (the idea or the group's
        title), ``group`` (its touchpoint), ``ideas`` (the texts inside a group), ``first``."""
        rows = store.rows(
            """SELECT i.id AS item_id, i.position, li.idea_id, lg.group_id, g.title,
                      d.text AS idea_text, d.touchpoint_id AS idea_touchpoint, d.id AS idea_first
               FROM round_items i
               LEFT JOIN round_item_ideas li ON li.item_id = i.id
               LEFT JOIN ideas d ON d.id = li.idea_id
               LEFT JOIN round_item_idea_groups lg ON lg.item_id = i.id
               LEFT JOIN idea_groups g ON g.id = lg.group_id
               WHERE i.round_id = ? ORDER BY i.position""",
            [round_id],
        )
        members: dict[int, list[dict]] = {}
        groups = [r["group_id"] for r in rows if r["group_id"] is not None]
        if groups:
            for m in store.rows(
                f"SELECT id, group_id, text, touchpoint_id FROM ideas"
                f" WHERE group_id IN ({store.marks(groups)}) AND hidden = 0 ORDER BY id",
                groups,
            ):
                members.setdefault(m["group_id"], []).append(m)
        names = {
            r["id"]: r["name"]
            for r in store.rows(
                "SELECT t.id, t.name FROM touchpoints t JOIN rounds r ON r.workshop_id ="
                " t.workshop_id WHERE r.id = ?",
                [round_id],
            )
        }
        out = []
        for r in rows:
            inside = members.get(r["group_id"], [])
            touchpoints = (
                [names.get(m["touchpoint_id"]) for m in inside]
                if r["group_id"] is not None
                else [names.get(r["idea_touchpoint"])]
            )
            out.append(
                {
                    "item_id": r["item_id"],
                    "position": r["position"],
                    "subject": r["title"] if r["group_id"] is not None else r["idea_text"],
                    "group": " · ".join(dict.fromkeys(t for t in touchpoints if t)),
                    "ideas": [m["text"] for m in inside],
                    "first": min((m["id"] for m in inside), default=r["idea_first"]),
                    "idea_id": r["idea_id"],
                    "group_id": r["group_id"],
                }
            )
        return out

    def limits(self, round_id: int) -> dict:
        """``{"budget", "cap", "source_round_id"}`` of the vote."""
        return store.row(
            "SELECT budget, cap, source_round_id FROM round_vote_limits WHERE round_id = ?",
            [round_id],
        )

    def set_limits(self, workshop_id: int, round_id: int, budget: int, cap: int) -> None:
        """Change the limits of an open vote; refused when someone already spent more than
        the new budget, or more than the new cap on one idea (the message says so)."""
        budget, cap = check_limits(budget, cap)
        with store.transaction() as db:
            rnd = db.execute(
                "SELECT status FROM rounds WHERE id = ? AND workshop_id = ? AND kind = ?",
                [round_id, workshop_id, self.name],
            ).fetchone()
            if rnd is None:
                raise ValidationError("unknown_round")
            spent = db.execute(
                """SELECT coalesce(max(total), 0) FROM (SELECT sum(d.count) AS total FROM dots d
                   JOIN round_items i ON i.id = d.round_item_id WHERE i.round_id = ?
                   GROUP BY d.participant_id)""",
                [round_id],
            ).fetchone()[0]
            most = db.execute(
                "SELECT coalesce(max(d.count), 0) FROM dots d JOIN round_items i"
                " ON i.id = d.round_item_id WHERE i.round_id = ?",
                [round_id],
            ).fetchone()[0]
            if spent > budget:
                raise ValidationError("budget_below_spent", budget=budget, spent=spent)
            if most > cap:
                raise ValidationError("cap_below_given", cap=cap, given=most)
            db.execute(
                "UPDATE round_vote_limits SET budget = ?, cap = ? WHERE round_id = ?",
                [budget, cap, round_id],
            )
            db.execute("UPDATE rounds SET version = version + 1 WHERE id = ?", [round_id])

    def questions(self, rnd: dict, lang: str) -> list[QuestionGroup]:
        return [QuestionGroup(it["subject"], it["group"], ()) for it in self.items(rnd["id"])]

    def intro(self, rnd: dict, lang: str) -> list[str]:
        limits = self.limits(rnd["id"])
        return [translate("vote.intro", lang, budget=limits["budget"], cap=limits["cap"])]

    # --- answers -------------------------------------------------------------------------

    def write(
        self, db, rnd: dict, participant_id: int, answers: dict, expected: dict | None = None
    ) -> int:
        """Set dots: ``{item_id: {"dots": n}}`` (0 takes them back). The person's total stays
        within the budget and each idea within the cap — checked here, in the transaction."""
        limits = db.execute(
            "SELECT budget, cap FROM round_vote_limits WHERE round_id = ?", [rnd["id"]]
        ).fetchone()
        mine = {
            r[0]: r[1]
            for r in db.execute(
                "SELECT d.round_item_id, d.count FROM dots d JOIN round_items i"
                " ON i.id = d.round_item_id WHERE i.round_id = ? AND d.participant_id = ?",
                [rnd["id"], participant_id],
            )
        }
        if expected:
            for item_id, values in expected.items():
                before = values.get(DIMENSION) or 0
                if mine.get(item_id, 0) != before:
                    raise ValidationError(
                        "stale_answer", item_id=item_id, dimension=DIMENSION,
                        value=mine.get(item_id, 0),
                    )  # fmt: skip
        wanted = dict(mine)
        for item_id, values in answers.items():
            known = db.execute(
                "SELECT 1 FROM round_items WHERE id = ? AND round_id = ?", [item_id, rnd["id"]]
            ).fetchone()
            if known is None:
                raise ValidationError("unknown_item")
            for dimension, value in values.items():
                if dimension != DIMENSION:
                    raise ValidationError("unknown_dimension", value=dimension)
                if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                    raise ValidationError("score_out_of_range", value=value)
                if value > limits["cap"]:
                    raise ValidationError("dots_cap", cap=limits["cap"])
                wanted[item_id] = value
        if sum(wanted.values()) > limits["budget"]:
            raise ValidationError("dots_budget", budget=limits["budget"])
        for item_id in answers:
            if wanted[item_id]:
                db.execute(
                    "INSERT INTO dots (round_item_id, participant_id, count, given_at)"
                    " VALUES (?, ?, ?, ?) ON CONFLICT (round_item_id, participant_id)"
                    " DO UPDATE SET count = excluded.count, given_at = excluded.given_at",
                    [item_id, participant_id, wanted[item_id], store.now()],
                )
            else:
                db.execute(
                    "DELETE FROM dots WHERE round_item_id = ? AND participant_id = ?",
                    [item_id, participant_id],
                )
        return sum(wanted[i] for i in answers)

    def answers(self, round_id: int, participant_id: int) -> dict[int, dict[str, int]]:
        return {
            r["item_id"]: {DIMENSION: r["count"]}
            for r in store.rows(
                "SELECT d.round_item_id AS item_id, d.count FROM dots d JOIN round_items i"
                " ON i.id = d.round_item_id WHERE i.round_id = ? AND d.participant_id = ?",
                [round_id, participant_id],
            )
        }

    def answer_counts(self, round_id: int) -> dict[int, int]:
        """Dots spent per person."""
        return {
            r["participant_id"]: r["n"]
            for r in store.rows(
                "SELECT d.participant_id, sum(d.count) AS n FROM dots d JOIN round_items i"
                " ON i.id = d.round_item_id WHERE i.round_id = ? GROUP BY d.participant_id",
                [round_id],
            )
        }

    def expected_answers(self, rnd: dict) -> int:
        return self.limits(rnd["id"])["budget"]  # done: every dot spent (or "I'm done")

    def live_figures(self, rnd: dict, lang: str) -> tuple[Figure, ...]:
        """While the vote is blind: how many voted and how many dots are spent, never per idea."""
        row = store.row(
            "SELECT count(DISTINCT d.participant_id) AS voters, coalesce(sum(d.count), 0) AS dots"
            " FROM dots d JOIN round_items i ON i.id = d.round_item_id WHERE i.round_id = ?",
            [rnd["id"]],
        )
        return (
            Figure(translate("vote.voters", lang), str(row["voters"])),
            Figure(translate("vote.dots_spent", lang), str(row["dots"])),
        )

    # --- results -------------------------------------------------------------------------

    def ranking(self, round_id: int) -> pd.DataFrame:
        """One row per subject: ``item_id``, ``subject``, ``group``, ``dots``, ``voters``,
        ``rank``; most dots first, ties broken by the earlier idea (``tie`` marks them)."""
        totals = {
            r["item_id"]: r
            for r in store.rows(
                "SELECT d.round_item_id AS item_id, sum(d.count) AS dots,"
                " count(*) AS voters FROM dots d JOIN round_items i ON i.id = d.round_item_id"
                " WHERE i.round_id = ? GROUP BY d.round_item_id",
                [round_id],
            )
        }
        rows = [
            {
                **{k: it[k] for k in ("item_id", "subject", "group", "idea_id", "group_id")},
                "ideas": len(it["ideas"]) or 1,
                "first": it["first"],
                "dots": totals.get(it["item_id"], {}).get("dots", 0),
                "voters": totals.get(it["item_id"], {}).get("voters", 0),
            }
            for it in self.items(round_id)
        ]
        table = pd.DataFrame(
            rows,
            columns=["item_id", "subject", "group", "idea_id", "group_id", "ideas", "first",
                     "dots", "voters"],
        )  # fmt: skip
        table = table.sort_values(["dots", "first"], ascending=[False, True], kind="stable")
        table["tie"] = table.duplicated("dots", keep=False) & (table["dots"] > 0)
        table["rank"] = range(1, len(table) + 1)
        return table.reset_index(drop=True)

    def results(self, rnd: dict, lang: str, layout: str) -> Results | None:
        key = (str(store.db_path()), rnd["id"], rnd["version"], lang, layout)
        return _results.get(key, lambda: self._results(rnd, lang, layout))

    def _results(self, rnd: dict, lang: str, layout: str) -> Results | None:
        table = self.ranking(rnd["id"])
        if table.empty or not table["dots"].sum():
            return None
        idea, dots, voters = (translate(f"vote.{k}", lang) for k in ("idea", "dots", "voters"))
        shown = pd.DataFrame(
            {
                "#": table["rank"],
                idea: table["subject"],
                translate("chart.touchpoint", lang): table["group"],
                dots: table["dots"],
                voters: table["voters"],
            }
        )
        note = translate("vote.ties", lang) if table["tie"].any() else ""
        return Results(
            figures=(
                Figure(translate("vote.voters_total", lang), str(self._voters(rnd["id"]))),
                Figure(translate("vote.dots_spent", lang), str(int(table["dots"].sum()))),
            ),
            blocks=(
                Table(
                    translate("vote.results_title", lang),
                    translate("vote.results_help", lang) + (" " + note if note else ""),
                    shown,
                    columns={dots: "figure", voters: "figure"},
                ),
            ),
            highlights=tuple(
                Highlight(
                    f"{r.rank}. {r.subject}",
                    translate("vote.phone_line", lang, dots=r.dots, voters=r.voters),
                )
                for r in table.head(8).itertuples()
            ),
            reading=translate("vote.phone_reading", lang) + (" " + note if note else ""),
        )

    def _voters(self, round_id: int) -> int:
        return store.value(
            "SELECT count(DISTINCT d.participant_id) FROM dots d JOIN round_items i"
            " ON i.id = d.round_item_id WHERE i.round_id = ?",
            [round_id],
        )

    def export_rows(self, rnd: dict) -> list[dict]:
        subjects = {it["item_id"]: it for it in self.items(rnd["id"])}
        return [
            {
                "subject": subjects[r["item_id"]]["subject"],
                "subject_group": subjects[r["item_id"]]["group"],
                "participant_id": r["participant_id"],
                "participant": r["name"],
                "dimension": DIMENSION,
                "value": r["count"],
                "submitted_at": r["given_at"],
            }
            for r in store.rows(
                "SELECT d.round_item_id AS item_id, d.participant_id, p.name, d.count, d.given_at"
                " FROM dots d JOIN round_items i ON i.id = d.round_item_id"
                " JOIN participants p ON p.id = d.participant_id WHERE i.round_id = ?"
                " ORDER BY i.position, d.participant_id",
                [rnd["id"]],
            )
            if r["item_id"] in subjects
        ]


KIND = DotVote()
