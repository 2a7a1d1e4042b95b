"""The facilitator's hand on an ideas round: see every idea live, hide and restore, fix a
typo, merge duplicates into groups and split them again, accept suggested duplicates, and
turn the vote's top ideas into candidate measures for step 4.

    >>> visible(round_id)                     # every idea with touchpoint, group, author
    >>> hide(ws_id, idea_id); restore(ws_id, idea_id)        # never deleted
    >>> gid = merge(ws_id, round_id, [3, 7, 9], title="Kaffee und Kuchen bei der Montage")
    >>> split(ws_id, idea_id)                 # back out of its group
    >>> suggest_duplicates(round_id)          # [[idea ids], …] by word overlap, never applied
    >>> to_measures(ws_id, vote_round_id, top=5)

While a vote on the ideas is open, merging and splitting are refused (the votes go to what
was on the ballot when it opened).
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from cemworkshop import store
from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.dot_vote import KIND as DOT_VOTE
from cemworkshop.validation import ValidationError, clean_name, clean_text

MAX_IDEA = 280
MAX_GROUP = 5  # ideas in one suggested group
SIMILAR = 0.5  # Jaccard similarity of two ideas' words at or above which they are suggested
# Words that say nothing about an idea (German and English), left out before comparing.
STOP_WORDS = frozenset(
    """der die das den dem des ein eine einen einem einer eines und oder aber mit bei beim für
    von vom zu zum zur im in am an auf aus als auch noch nur so wie wir ihr sie er es man
    ist sind wird werden sein hat haben kann können soll sollen mehr sehr schon dann wenn
    nicht kein keine jeder jede jedes alle allen unser unsere unseren kunde kunden
    the a an and or but with at for of to in on by as is are be can should more very we
    our you they it not no each every all customer customers""".split()
)


def _bump(db, round_id: int) -> None:
    db.execute("UPDATE rounds SET version = version + 1 WHERE id = ?", [round_id])


def _idea(db, workshop_id: int, idea_id: int):
    found = db.execute(
        "SELECT i.id, i.round_id, i.group_id, i.version FROM ideas i"
        " JOIN rounds r ON r.id = i.round_id WHERE i.id = ? AND r.workshop_id = ?",
        [idea_id, workshop_id],
    ).fetchone()
    if found is None:
        raise ValidationError("unknown_record")
    return found


def _vote_open(db, round_id: int) -> bool:
    return bool(
        db.execute(
            "SELECT 1 FROM round_vote_limits l JOIN rounds r ON r.id = l.round_id"
            " WHERE l.source_round_id = ? AND r.status = 'open'",
            [round_id],
        ).fetchone()
    )


def show_authors(workshop_id: int, round_id: int, show: bool) -> None:
    """Show the authors' names with the ideas (anonymous by default)."""
    with store.transaction() as db:
        db.execute(
            "UPDATE rounds SET show_authors = ?, version = version + 1"
            " WHERE id = ? AND workshop_id = ?",
            [bool(show), round_id, workshop_id],
        )


def start_vote(
    workshop_id: int, ideas_round_id: int, *, budget: int, cap: int, minutes: int | None = None,
    close_at_end: bool = False, title: str = "",
) -> int:  # fmt: skip
    """Close the ideas round (late ideas count until now) and open a blind dot vote on its
    ideas, with its limits and timer — one action, all or nothing. Returns the vote's id."""
    with store.transaction():
        rnd = lifecycle.get_round(ideas_round_id)
        if rnd is None or rnd["workshop_id"] != workshop_id:
            raise ValidationError("unknown_round")
        if rnd["status"] == "open":
            lifecycle.close_round(workshop_id, ideas_round_id)
        vote = lifecycle.open_round(
            workshop_id, DOT_VOTE.name, title=title, hide_results=True,
            source_round_id=ideas_round_id, budget=budget, cap=cap,
        )  # fmt: skip
        if minutes:
            lifecycle.set_timer(workshop_id, vote, minutes, close_at_end=close_at_end)
    return vote


def visible(round_id: int, *, with_hidden: bool = True) -> list[dict]:
    """Every idea of the round, oldest first: ``id, text, touchpoint_id, touchpoint, hidden,
    group_id, group_title, author, created_at, version``."""
    return store.rows(
        f"""SELECT i.id, i.text, i.touchpoint_id, coalesce(t.name, '') AS touchpoint, i.hidden,
                   i.group_id, g.title AS group_title, p.name AS author, i.participant_id,
                   i.created_at, i.version
            FROM ideas i LEFT JOIN touchpoints t ON t.id = i.touchpoint_id
            LEFT JOIN idea_groups g ON g.id = i.group_id
            LEFT JOIN participants p ON p.id = i.participant_id
            WHERE i.round_id = ? {"" if with_hidden else "AND i.hidden = 0"}
            ORDER BY i.id""",
        [round_id],
    )


def groups(round_id: int) -> list[dict]:
    """The round's groups with their ideas' ids: ``id, title, ideas, version``."""
    found = store.rows(
        "SELECT id, title, version FROM idea_groups WHERE round_id = ? ORDER BY id", [round_id]
    )
    members: dict[int, list[int]] = {}
    for r in store.rows(
        "SELECT id, group_id FROM ideas WHERE round_id = ? AND group_id IS NOT NULL ORDER BY id",
        [round_id],
    ):
        members.setdefault(r["group_id"], []).append(r["id"])
    return [{**g, "ideas": members.get(g["id"], [])} for g in found if members.get(g["id"])]


def hide(workshop_id: int, idea_id: int, hidden: bool = True) -> None:
    """Hide an idea from every screen and the vote (it stays stored, and can come back)."""
    with store.transaction() as db:
        found = _idea(db, workshop_id, idea_id)
        db.execute("UPDATE ideas SET hidden = ? WHERE id = ?", [hidden, idea_id])
        _bump(db, found["round_id"])


def restore(workshop_id: int, idea_id: int) -> None:
    hide(workshop_id, idea_id, hidden=False)


def edit(workshop_id: int, idea_id: int, text: str, *, version: int | None = None) -> None:
    """Fix an idea's text (a typo); on a stale ``version`` refused with the stored text."""
    text = clean_text(text, field="idea", max_len=MAX_IDEA)
    if not text:
        raise ValidationError("empty_name", field="idea")
    with store.transaction() as db:
        found = _idea(db, workshop_id, idea_id)
        store.claim_version(db, "ideas", idea_id, version, lambda r: r["text"])
        db.execute("UPDATE ideas SET text = ? WHERE id = ?", [text, idea_id])
        _bump(db, found["round_id"])


def merge(workshop_id: int, round_id: int, idea_ids: list[int], title: str) -> int:
    """Merge two or more ideas (or groups' ideas) into one group under ``title``; returns the
    group's id. Ideas already in a group bring their whole group along."""
    title = clean_name(title, field="group_title", max_len=MAX_IDEA)
    ids = list(dict.fromkeys(int(i) for i in idea_ids))
    with store.transaction() as db:
        if _vote_open(db, round_id):
            raise ValidationError("vote_is_open")
        found = [_idea(db, workshop_id, i) for i in ids]
        if any(f["round_id"] != round_id for f in found):
            raise ValidationError("unknown_record")
        old_groups = {f["group_id"] for f in found if f["group_id"] is not None}
        members = set(ids)
        for g in old_groups:
            members |= {r[0] for r in db.execute("SELECT id FROM ideas WHERE group_id = ?", [g])}
        if len(members) < 2:
            raise ValidationError("merge_needs_two")
        group = db.execute(
            "INSERT INTO idea_groups (round_id, title) VALUES (?, ?)", [round_id, title]
        ).lastrowid
        db.execute(
            f"UPDATE ideas SET group_id = ? WHERE id IN ({store.marks(members)})",
            [group, *members],
        )
        if old_groups:
            db.execute(
                f"DELETE FROM idea_groups WHERE id IN ({store.marks(old_groups)})",
                list(old_groups),
            )
        _bump(db, round_id)
        return group


def rename_group(workshop_id: int, group_id: int, title: str) -> None:
    title = clean_name(title, field="group_title", max_len=MAX_IDEA)
    with store.transaction() as db:
        found = db.execute(
            "SELECT g.round_id FROM idea_groups g JOIN rounds r ON r.id = g.round_id"
            " WHERE g.id = ? AND r.workshop_id = ?",
            [group_id, workshop_id],
        ).fetchone()
        if found is None:
            raise ValidationError("unknown_record")
        db.execute("UPDATE idea_groups SET title = ? WHERE id = ?", [title, group_id])
        _bump(db, found[0])


def split(workshop_id: int, idea_id: int) -> None:
    """Take an idea out of its group; a group left with one idea dissolves."""
    with store.transaction() as db:
        found = _idea(db, workshop_id, idea_id)
        if found["group_id"] is None:
            return
        if _vote_open(db, found["round_id"]):
            raise ValidationError("vote_is_open")
        db.execute("UPDATE ideas SET group_id = NULL WHERE id = ?", [idea_id])
        left = db.execute("SELECT id FROM ideas WHERE group_id = ?", [found["group_id"]]).fetchall()
        if len(left) < 2:
            db.execute("UPDATE ideas SET group_id = NULL WHERE group_id = ?", [found["group_id"]])
            db.execute("DELETE FROM idea_groups WHERE id = ?", [found["group_id"]])
        _bump(db, found["round_id"])


def words(text: str) -> frozenset[str]:
    """An idea's meaningful words: lower case, umlauts kept, accents and punctuation gone,
    stop words left out, a plural or case ending trimmed (Montage/Montagen)."""
    plain = unicodedata.normalize("NFKC", text).casefold()
    found = set()
    for w in re.findall(r"[^\W\d_]+", plain):
        if w in STOP_WORDS or len(w) < 3:
            continue
        for ending in ("en", "n", "e", "s"):
            if len(w) > 5 and w.endswith(ending):
                w = w[: -len(ending)]
                break
        found.add(w)
    return frozenset(found)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity: shared words over all words (0 when either has none)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def suggest_duplicates(round_id: int, threshold: float = SIMILAR) -> list[list[int]]:
    """Groups of visible, ungrouped ideas that say much the same (word overlap at or above
    ``threshold``), at most five per group, the most similar pairs first. Suggestions only:
    nothing is merged until the facilitator accepts one."""
    ideas = [i for i in visible(round_id, with_hidden=False) if i["group_id"] is None]
    bags = {i["id"]: words(i["text"]) for i in ideas}
    pairs = sorted(
        (
            (similarity(bags[a["id"]], bags[b["id"]]), a["id"], b["id"])
            for n, a in enumerate(ideas)
            for b in ideas[n + 1 :]
        ),
        key=lambda p: (-p[0], p[1], p[2]),
    )
    group_of: dict[int, list[int]] = {}
    for score, a, b in pairs:
        if score < threshold:
            break
        ga, gb = group_of.get(a), group_of.get(b)
        if ga is None and gb is None:
            group = [a, b]
            group_of[a] = group_of[b] = group
        elif ga is not None and gb is None and len(ga) < MAX_GROUP:
            # joins only if it is similar enough to every idea already in the group
            if all(similarity(bags[b], bags[m]) >= threshold for m in ga):
                ga.append(b)
                group_of[b] = ga
        elif gb is not None and ga is None and len(gb) < MAX_GROUP:
            if all(similarity(bags[a], bags[m]) >= threshold for m in gb):
                gb.append(a)
                group_of[a] = gb
    unique = {id(g): sorted(g) for g in group_of.values()}
    return sorted(unique.values())


def to_measures(workshop_id: int, vote_round_id: int, top: int = 5) -> int:
    """The vote's top ideas (by dots, ties by the earlier idea) as candidate measures for
    step 4, each linked to its idea or group and carrying its dots and voters; ideas already
    taken over are updated, not doubled. Returns how many are new."""
    rnd = store.row(
        "SELECT id FROM rounds WHERE id = ? AND workshop_id = ? AND kind = ?",
        [vote_round_id, workshop_id, DOT_VOTE.name],
    )
    if rnd is None:
        raise ValidationError("unknown_round")
    ranking = DOT_VOTE.ranking(vote_round_id)
    chosen = ranking[ranking["dots"] > 0].head(top)
    new = 0
    with store.transaction() as db:
        for r in chosen.to_dict("records"):
            if not pd.isna(r["group_id"]):
                source, key = "source_group_id", int(r["group_id"])
                first = "SELECT touchpoint_id FROM ideas WHERE group_id = ? ORDER BY id LIMIT 1"
            else:
                source, key = "source_idea_id", int(r["idea_id"])
                first = "SELECT touchpoint_id FROM ideas WHERE id = ?"
            touchpoint = db.execute(first, [key]).fetchone()
            hit = db.execute(f"SELECT id FROM measures WHERE {source} = ?", [key]).fetchone()
            if hit:
                db.execute(
                    "UPDATE measures SET dots = ?, voters = ?, source_vote_round_id = ?,"
                    " version = version + 1 WHERE id = ?",
                    [int(r["dots"]), int(r["voters"]), vote_round_id, hit[0]],
                )
                continue
            db.execute(
                f"INSERT INTO measures (workshop_id, title, touchpoint_id, {source},"
                " source_vote_round_id, dots, voters) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [workshop_id, r["subject"], touchpoint[0] if touchpoint else None, key,
                 vote_round_id, int(r["dots"]), int(r["voters"])],
            )  # fmt: skip
            new += 1
    return new


def measures(workshop_id: int) -> list[dict]:
    """Candidate measures (step 4 takes them further), most dots first."""
    return store.rows(
        """SELECT m.id, m.title, m.status, m.dots, m.voters, m.touchpoint_id,
                  coalesce(t.name, '') AS touchpoint, m.source_idea_id, m.source_group_id,
                  m.source_vote_round_id, m.source_worksheet_idea_id, m.created_at, m.version
           FROM measures m LEFT JOIN touchpoints t ON t.id = m.touchpoint_id
           WHERE m.workshop_id = ? ORDER BY m.dots DESC, m.id""",
        [workshop_id],
    )
