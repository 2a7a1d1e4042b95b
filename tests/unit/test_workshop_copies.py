"""A workshop as template (structure copied, what the day produced left out), archived (off the
list, no new participants) and deleted (every row of it, nothing of another)."""

from __future__ import annotations

import sqlite3

import pytest

from cemworkshop import demo, journey, store, templates, touchpoints, workshops
from cemworkshop.validation import ValidationError


def dump(path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(str(path))
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]  # fmt: skip
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}  # noqa: S608
    finally:
        conn.close()


def count(table: str, workshop_id: int) -> int:
    return store.value(f"SELECT count(*) FROM {table} WHERE workshop_id = ?", [workshop_id])  # noqa: S608


def test_deleting_a_workshop_removes_every_row_of_it_and_nothing_of_another(db_path):
    other = demo.load_demo()
    before = dump(db_path)
    doomed = demo.load_demo()  # a second workshop, as full as the first
    assert count("responses", doomed) > 5000 and count("complaints", doomed) > 30
    workshops.delete_workshop(doomed)
    store.close_thread_connections()
    assert dump(db_path) == before  # byte for byte the database of the other workshop alone
    assert workshops.get_workshop(other)["name"]


def test_an_archived_workshop_leaves_the_list_and_takes_no_new_participants(db_path):
    kept = workshops.create_workshop("Laufend")
    old = workshops.create_workshop("Vorjahr")
    workshops.join(old.join_code, "Ana")  # before archiving: fine
    workshops.archive(old.id)
    assert [w["name"] for w in workshops.list_workshops()] == ["Laufend"]
    assert [w["name"] for w in workshops.list_workshops(archived=True)] == ["Vorjahr"]
    with pytest.raises(ValidationError) as err:
        workshops.join(old.join_code, "Ben")
    assert err.value.code == "workshop_archived"
    assert workshops.participant_count(old.id) == 1
    assert workshops.newest_workshop_id() == kept.id  # an archived one is not opened by default
    workshops.archive(old.id, False)
    workshops.join(old.join_code, "Ben")
    assert workshops.participant_count(old.id) == 2


def test_a_template_copies_the_structure_and_leaves_out_what_the_day_produced(db_path):
    source = demo.load_demo()
    new = templates.copy_as_template(source, "Kick-off Filiale Nord")
    assert workshops.get_workshop(new.id)["name"] == "Kick-off Filiale Nord"
    assert new.join_code != workshops.get_workshop(source)["join_code"]

    def names(wid):
        return [(t["phase"], t["name"], t["channel"]) for t in touchpoints.touchpoints(wid)]

    assert names(new.id) == names(source) and len(names(source)) == 21

    def paths(wid):
        by_id = {t["id"]: t["name"] for t in touchpoints.touchpoints(wid)}
        return sorted((by_id[e["source_id"]], by_id[e["target_id"]]) for e in journey.edges(wid))

    assert paths(new.id) == paths(source) and paths(source)
    for table in ("phases", "competitor_companies", "competitor_criteria", "segments", "personas",
                  "cem_goals", "kpis", "survey_metrics", "complaint_causes", "feedback_sources",
                  "board_members"):  # fmt: skip
        assert count(table, new.id) == count(table, source) > 0, table
    personas = "SELECT p.name, t.name FROM touchpoint_personas x JOIN personas p ON p.id = x.persona_id JOIN touchpoints t ON t.id = x.touchpoint_id WHERE p.workshop_id = ? ORDER BY 1, 2"
    assert store.rows(personas, [new.id]) == store.rows(personas, [source])
    for table in ("participants", "rounds", "measures", "plan", "complaints", "responses",
                  "response_aggregates", "idea_bank", "worksheets", "obstacles", "feedback"):  # fmt: skip
        assert count(table, new.id) == 0, table
    assert store.value("SELECT count(*) FROM kpi_values v JOIN kpis k ON k.id = v.kpi_id"
                       " WHERE k.workshop_id = ?", [new.id]) == 0  # fmt: skip
    promises = "SELECT brand_promise, customer_promise FROM workshops WHERE id = ?"
    assert store.row(promises, [new.id]) == store.row(promises, [source])
