"""A whole workshop through its ZIP to another machine and back: identical CSV files, every
reference carried over, and files that cannot be a workshop refused before anything is written."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from cemworkshop import demo, schema, store, workshops
from cemworkshop.exchange.bundle import zip_bytes
from cemworkshop.exchange.workshop_zip import import_workshop, plan_import
from cemworkshop.validation import ValidationError


def csv_files(data: bytes) -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return {n: archive.read(n) for n in archive.namelist() if n.endswith(".csv")}


def test_export_import_export_on_a_fresh_machine_gives_identical_csv_files(db_path, tmp_path):
    wid = demo.load_demo()
    first = zip_bytes(wid, dialect="excel_de")
    name = workshops.get_workshop(wid)["name"]
    with store.using(tmp_path / "other-machine.db"):
        plan = plan_import(first)
        assert plan.ok and plan.workshop["name"] == name
        assert ("data/responses.jsonl", "zip_table_rows", {"count": 5403}) in plan.messages
        made = import_workshop(plan)
        second = zip_bytes(made.id, dialect="excel_de")
        assert workshops.join(made.join_code, "Neu").participant_id  # the workshop takes people
    assert csv_files(second) == csv_files(first)  # every table, byte for byte
    assert len(csv_files(first)) > 40


def test_importing_into_the_same_machine_makes_a_second_workshop_with_new_ids(db_path):
    wid = demo.load_demo()
    made = import_workshop(plan_import(zip_bytes(wid)))
    assert made.id != wid and made.join_code != workshops.get_workshop(wid)["join_code"]
    for table in ("touchpoints", "journey_edges", "rounds", "measures", "complaints", "responses",
                  "idea_bank", "obstacles", "plan"):  # fmt: skip
        sql = f"SELECT count(*) FROM {table} WHERE workshop_id = ?"  # noqa: S608
        assert store.value(sql, [made.id]) == store.value(sql, [wid]) > 0, table
    # every reference points into the new workshop, none back into the old one
    assert store.value(
        "SELECT count(*) FROM journey_edges e JOIN touchpoints t ON t.id = e.source_id"
        " WHERE e.workshop_id = ? AND t.workshop_id <> ?", [made.id, made.id]) == 0  # fmt: skip
    assert store.value(
        "SELECT count(*) FROM measures m JOIN idea_bank b ON b.id = m.source_bank_idea_id"
        " WHERE m.workshop_id = ? AND b.workshop_id <> ?", [made.id, made.id]) == 0  # fmt: skip
    assert store.value("SELECT count(*) FROM measures WHERE workshop_id = ? AND source_bank_idea_id"
                       " IS NOT NULL", [made.id]) == 1  # the cycle measures ↔ ideas database  # fmt: skip
    assert store.connect().execute("PRAGMA foreign_key_check").fetchall() == []


def zipped(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, content in files.items():
            z.writestr(name, content)
    return out.getvalue()


def test_files_that_are_no_workshop_are_refused_with_their_reason(db_path):
    wid = workshops.create_workshop("Quelle").id
    good = zipfile.ZipFile(io.BytesIO(zip_bytes(wid)))
    files = {n: good.read(n) for n in good.namelist()}
    with pytest.raises(ValidationError) as err:
        plan_import(b"not a zip at all")
    assert err.value.code == "zip_not_zip"
    with pytest.raises(ValidationError) as err:
        plan_import(zipped({"plan.csv": files["plan.csv"]}))
    assert err.value.code == "zip_no_data"
    manifest = json.loads(files["data/manifest.json"])
    newer = {
        **files,
        "data/manifest.json": json.dumps(
            {**manifest, "schema": schema.SCHEMA_VERSION + 1}
        ).encode(),
    }
    with pytest.raises(ValidationError) as err:
        plan_import(zipped(newer))
    assert err.value.code == "zip_newer"
    missing = {n: c for n, c in files.items() if n != "data/touchpoints.jsonl"}
    plan = plan_import(zipped(missing))
    assert not plan.ok and plan.problems == [
        ("zip_file_missing", {"file": "data/touchpoints.jsonl"})
    ]
    before = len(workshops.list_workshops())
    with pytest.raises(ValidationError):
        import_workshop(plan)
    assert len(workshops.list_workshops()) == before  # nothing written
