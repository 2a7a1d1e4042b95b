"""Step 2's voice of the customer: imported feedback summed up per touchpoint beside its live
score from step 1, the trend by month, the latest comments, the social-media touchpoints, and
the plan per channel of how feedback flows into the VoC programme.

    >>> summary(ws_id)            # per touchpoint: count, mean rating, share negative, live score
    >>> trend(ws_id, tp_id)       # per month: count and mean rating
    >>> comments(ws_id, tp_id)    # the latest comments (text, never markup)
    >>> social(ws_id)             # touchpoints whose channel is social media, with their feedback
    >>> save_plan(ws_id, "Google-Bewertungen", owner=…, frequency=…, next_step=…)
"""

from __future__ import annotations

import sqlite3

import pandas as pd

from cemworkshop import store
from cemworkshop.rounds.touchpoint_scoring import latest_closed_analysis
from cemworkshop.validation import ValidationError, clean_name, clean_text

NEGATIVE = 2.0  # a rating at or below this (on 1–5) counts as negative
# Channel words that make a touchpoint a social-media touchpoint (the channel is free text).
SOCIAL = ("social", "instagram", "facebook", "tiktok", "youtube", "linkedin", "pinterest",
          "twitter", "whatsapp", "xing", "bewertungsportal", "review", "google", "trustpilot",
          "community", "forum", "blog", "messenger")  # fmt: skip


def is_social(channel: str) -> bool:
    text = (channel or "").casefold()
    return any(word in text for word in SOCIAL) or text.strip() == "x"


def feedback(workshop_id: int) -> pd.DataFrame:
    """Every feedback row with its touchpoint's name (empty where none)."""
    rows = store.rows(
        """SELECT f.id, f.touchpoint_id, coalesce(t.name, '') AS touchpoint, f.given_on,
                  f.channel, f.text, f.rating, f.source
           FROM feedback f LEFT JOIN touchpoints t ON t.id = f.touchpoint_id
           WHERE f.workshop_id = ? ORDER BY f.given_on, f.id""",
        [workshop_id],
    )
    return pd.DataFrame(
        rows, columns=["id", "touchpoint_id", "touchpoint", "given_on", "channel", "text",
                       "rating", "source"],
    )  # fmt: skip


def has_feedback(workshop_id: int) -> bool:
    return (
        store.value("SELECT EXISTS (SELECT 1 FROM feedback WHERE workshop_id = ?)", [workshop_id])
        == 1
    )


def _live_scores(workshop_id: int) -> dict[int, tuple[float, float]]:
    """(importance, performance) per touchpoint from the newest closed scoring round."""
    _, found = latest_closed_analysis(workshop_id)
    if found is None:
        return {}
    return {tp: (s["importance"], s["performance"]) for tp, s in found.by_touchpoint.items()}


def summary(workshop_id: int) -> pd.DataFrame:
    """Per touchpoint with feedback: ``touchpoint_id, touchpoint, count, rated, mean,
    negative_share`` (of the rated), ``last``, and from step 1 ``importance``, ``performance``;
    most feedback first. Summed up by SQLite (one indexed pass), not row by row in Python."""
    cols = ["touchpoint_id", "touchpoint", "count", "rated", "mean", "negative_share", "last",
            "importance", "performance"]  # fmt: skip
    found = _sums(workshop_id)
    if not found:
        return pd.DataFrame(columns=cols)
    live = _live_scores(workshop_id)
    nan = float("nan")
    for r in found:
        r["importance"], r["performance"] = live.get(r["touchpoint_id"], (nan, nan))
        for k in ("mean", "negative_share"):
            r[k] = nan if r[k] is None else r[k]
    return pd.DataFrame(found, columns=cols)


def _sums(workshop_id: int, touchpoint_id: int | None = None) -> list[dict]:
    return store.rows(
        """SELECT f.touchpoint_id, t.name AS touchpoint, count(*) AS count,
                  count(f.rating) AS rated, avg(f.rating) AS mean,
                  CAST(sum(f.rating <= ?) AS REAL) / count(f.rating) AS negative_share,
                  max(f.given_on) AS last
           FROM feedback f JOIN touchpoints t ON t.id = f.touchpoint_id
           WHERE f.workshop_id = ? AND (? IS NULL OR f.touchpoint_id = ?)
           GROUP BY f.touchpoint_id ORDER BY count DESC, t.name""",
        [NEGATIVE, workshop_id, touchpoint_id, touchpoint_id],
    )


def touchpoint_summary(workshop_id: int, touchpoint_id: int) -> dict | None:
    """One touchpoint's line of :func:`summary` without step 1's scores (None: no feedback);
    ``mean`` and ``negative_share`` None where nothing was rated."""
    found = _sums(workshop_id, touchpoint_id)
    return found[0] if found else None


def trend(workshop_id: int, touchpoint_id: int | None = None) -> pd.DataFrame:
    """Per month (``YYYY-MM``): ``count`` and ``mean`` rating, for one touchpoint or all."""
    found = store.rows(
        """SELECT substr(given_on, 1, 7) AS month, count(*) AS count, avg(rating) AS mean
           FROM feedback WHERE workshop_id = ? AND (? IS NULL OR touchpoint_id = ?)
           GROUP BY month ORDER BY month""",
        [workshop_id, touchpoint_id, touchpoint_id],
    )
    return pd.DataFrame(found, columns=["month", "count", "mean"]).astype({"mean": float})


def comments(workshop_id: int, touchpoint_id: int | None = None, limit: int = 5) -> list[dict]:
    """The latest comments with text, newest first."""
    return store.rows(
        """SELECT f.given_on, f.channel, f.text, f.rating, coalesce(t.name, '') AS touchpoint
           FROM feedback f LEFT JOIN touchpoints t ON t.id = f.touchpoint_id
           WHERE f.workshop_id = ? AND f.text <> '' AND (? IS NULL OR f.touchpoint_id = ?)
           ORDER BY f.given_on DESC, f.id DESC LIMIT ?""",
        [workshop_id, touchpoint_id, touchpoint_id, limit],
    )


def social(workshop_id: int) -> pd.DataFrame:
    """The social-media touchpoints (by their channel) with their feedback summary; those
    without feedback are listed too (count 0)."""
    tps = store.rows(
        "SELECT t.id, t.name, t.channel, p.name AS phase FROM touchpoints t"
        " JOIN phases p ON p.id = t.phase_id WHERE t.workshop_id = ? ORDER BY p.position, t.position",
        [workshop_id],
    )
    sums = summary(workshop_id).set_index("touchpoint_id")
    rows = []
    for tp in tps:
        if not is_social(tp["channel"]):
            continue
        s = sums.loc[tp["id"]] if tp["id"] in sums.index else None
        rows.append(
            {
                "touchpoint_id": tp["id"], "touchpoint": tp["name"], "channel": tp["channel"],
                "phase": tp["phase"], "count": int(s["count"]) if s is not None else 0,
                "mean": float(s["mean"]) if s is not None else float("nan"),
                "negative_share": float(s["negative_share"]) if s is not None else float("nan"),
            }
        )  # fmt: skip
    return pd.DataFrame(
        rows, columns=["touchpoint_id", "touchpoint", "channel", "phase", "count", "mean",
                       "negative_share"],
    )  # fmt: skip


def delete_feedback(workshop_id: int) -> int:
    """Remove all imported feedback of the workshop (to import a corrected file); how many."""
    with store.transaction() as db:
        return db.execute("DELETE FROM feedback WHERE workshop_id = ?", [workshop_id]).rowcount


# --- the VoC plan --------------------------------------------------------------------------


def plan(workshop_id: int) -> list[dict]:
    """The plan per channel: ``id, channel, owner, frequency, next_step, version``."""
    return store.rows(
        "SELECT id, channel, owner, frequency, next_step, version FROM voc_plan"
        " WHERE workshop_id = ? ORDER BY lower(channel)",
        [workshop_id],
    )


def channels(workshop_id: int) -> list[str]:
    """Channels the feedback came from that have no plan line yet."""
    have = {p["channel"].casefold() for p in plan(workshop_id)}
    return [
        r["channel"]
        for r in store.rows(
            "SELECT channel, count(*) AS n FROM feedback WHERE workshop_id = ? AND channel <> ''"
            " GROUP BY lower(channel) ORDER BY n DESC",
            [workshop_id],
        )
        if r["channel"].casefold() not in have
    ]


def save_plan(
    workshop_id: int, channel: str, *, owner: str = "", frequency: str = "", next_step: str = "",
    plan_id: int | None = None, version: int | None = None,
) -> int:  # fmt: skip
    """Add a channel's line, or change the one with ``plan_id`` (on ``version``)."""
    values = [
        clean_name(channel, field="channel", max_len=80),
        clean_text(owner, field="owner", max_len=120),
        clean_text(frequency, field="frequency", max_len=80),
        clean_text(next_step, field="next_step", max_len=300),
    ]
    try:
        with store.transaction() as db:
            if plan_id is None:
                return db.execute(
                    "INSERT INTO voc_plan (workshop_id, channel, owner, frequency, next_step)"
                    " VALUES (?, ?, ?, ?, ?)",
                    [workshop_id, *values],
                ).lastrowid
            found = db.execute(
                "SELECT 1 FROM voc_plan WHERE id = ? AND workshop_id = ?", [plan_id, workshop_id]
            ).fetchone()
            if found is None:
                raise ValidationError("unknown_record")
            store.claim_version(db, "voc_plan", plan_id, version, lambda r: r["channel"])
            db.execute(
                "UPDATE voc_plan SET channel = ?, owner = ?, frequency = ?, next_step = ?"
                " WHERE id = ?",
                [*values, plan_id],
            )
            return plan_id
    except sqlite3.IntegrityError:
        raise ValidationError("duplicate_channel", name=values[0]) from None


def delete_plan(workshop_id: int, plan_id: int) -> None:
    with store.transaction() as db:
        db.execute("DELETE FROM voc_plan WHERE id = ? AND workshop_id = ?", [plan_id, workshop_id])
