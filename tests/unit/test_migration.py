"""A database made by the release before the house move opens, migrates and keeps everything.

``tests/fixtures/release-2026-11.db`` was written by that release (commit eb14912): the demo
workshop with its revealed round, a live benchmark round with answers, and a second
workshop in English with a scoring round in progress.
"""

import shutil
import sqlite3
from pathlib import Path

import pytest

from cemworkshop import competitors, journey, schema, store, touchpoints, workshops
from cemworkshop.exchange.tables import scores_csv
from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.competitor_scoring import KIND as COMPETITOR_SCORING
from cemworkshop.rounds.touchpoint_scoring import KIND as TOUCHPOINT_SCORING

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "release-2026-11.db"


@pytest.fixture
def old_db(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    shutil.copy(FIXTURE, path)
    before = sqlite3.connect(path)
    counts = {
        table: before.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
        for table in ("workshops", "participants", "touchpoints", "journey_edges", "rounds",
                      "round_items", "scores", "benchmark_scores", "segments", "personas")
    }  # fmt: skip
    before.close()
    monkeypatch.setenv("CEMWORKSHOP_DB", str(path))
    store.close_thread_connections()
    yield counts
    store.close_thread_connections()


def test_the_old_file_migrates_to_this_schema_without_loss(old_db):
    db = store.connect()
    assert schema.version_of(db) == schema.SCHEMA_VERSION
    assert schema.migrations.pending(db) == []
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    for table in ("workshops", "participants", "touchpoints", "journey_edges", "rounds",
                  "round_items", "scores", "segments", "personas"):  # fmt: skip
        assert store.value(f"SELECT count(*) FROM {table}") == old_db[table], table  # noqa: S608
    assert store.value("SELECT count(*) FROM competitor_scores") == old_db["benchmark_scores"]
    # Every round item found its subject's link table.
    linked = store.value(
        "SELECT (SELECT count(*) FROM round_item_touchpoints)"
        " + (SELECT count(*) FROM round_item_competitor_cells)"
    )
    assert linked == old_db["round_items"]


def test_old_rounds_read_through_their_kinds(old_db):
    demo, second = (w["id"] for w in sorted(workshops.list_workshops(), key=lambda w: w["id"]))
    kinds = [r["kind"] for r in lifecycle.list_rounds(demo)]
    assert kinds == ["competitor_scoring", "touchpoint_scoring"]
    first = lifecycle.get_round(lifecycle.list_rounds(demo)[-1]["id"])
    found = TOUCHPOINT_SCORING.analysis(first)
    assert found.raters == 8 and len(found.summary) == 21
    bench = lifecycle.list_rounds(demo)[0]
    assert len(COMPETITOR_SCORING.means(bench["id"])) == len(COMPETITOR_SCORING.items(bench["id"]))
    # The open round of the second workshop still takes answers after the migration.
    live = lifecycle.current_round(second)
    person = workshops.participants(second)[0]["id"]
    items = TOUCHPOINT_SCORING.item_ids(live["id"])
    web = next(t["id"] for t in touchpoints.touchpoints(second) if t["name"] == "Website")
    lifecycle.submit(live["id"], person, {items[web]: {"performance": 4}})
    assert lifecycle.my_answers(live["id"], person)[items[web]] == {
        "importance": 5,
        "performance": 4,
    }
    assert [(e["source"], e["target"]) for e in journey.edges(second)] == [("Website", "Hotline")]


def test_every_workshop_has_its_own_company_and_all_scores_export(old_db):
    for ws in workshops.list_workshops():
        own = [c for c in competitors.companies(ws["id"]) if c["is_own"]]
        assert len(own) == 1
    demo = min(w["id"] for w in workshops.list_workshops())
    rows = scores_csv(demo).decode("utf-8-sig").splitlines()[1:]
    # 504 answers of the touchpoint round and 21 of the live benchmark, all of them.
    assert len(rows) == 504 + 21
