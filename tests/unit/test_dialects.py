"""The two CSV dialects and the ZIP of every table: German Excel parsed back with ``;`` and
decimal commas, codes as words with their code beside them, and the imports reading the files
the export wrote."""

from __future__ import annotations

import csv
import io
import zipfile
from decimal import Decimal

from babel.numbers import parse_decimal

from cemworkshop import barometer, complaints, demo, touchpoints, workshops
from cemworkshop.exchange.bundle import zip_bytes
from cemworkshop.exchange.complaints import import_complaints, plan_complaints
from cemworkshop.exchange.dialects import render
from cemworkshop.exchange.measurements import import_measurements, plan_measurements
from cemworkshop.exchange.tables import TABLES
from cemworkshop.exchange.touchpoints import import_touchpoints_csv


def rows(data: bytes, delimiter: str) -> list[dict]:
    assert data.startswith(b"\xef\xbb\xbf")  # a BOM: Excel reads the umlauts as UTF-8
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter))


def test_german_excel_has_semicolons_decimal_commas_german_dates_and_words_with_codes(db_path):
    wid = demo.load_demo()
    plan = rows(render(TABLES["plan"](wid), "plan", dialect="excel_de", lang="de"), ";")
    row = next(r for r in plan if r["title"].startswith("WhatsApp-Service"))
    assert parse_decimal(row["budget"], locale="de_DE") == Decimal("2000")  # "2000,0"
    assert row["budget"] == "2000,0" and row["start_on"] == "05.10.2026"
    assert (row["status"], row["status_code"]) == ("erledigt", "done")
    english = rows(render(TABLES["plan"](wid), "plan", dialect="standard", lang="en"), ",")
    row = next(r for r in english if r["title"].startswith("WhatsApp-Service"))
    assert (row["budget"], row["start_on"], row["status"], row["status_code"]) == (
        "2000.0", "2026-10-05", "done", "done")  # fmt: skip
    tps = rows(
        render(TABLES["touchpoints"](wid), "touchpoints", dialect="excel_de", lang="de"), ";"
    )
    assert (tps[0]["kind"], tps[0]["kind_code"]) == ("indirekt", "indirect")


def test_formula_like_cells_stay_neutralised_in_german_excel(db_path):
    ws = workshops.create_workshop("Formeln")
    phase = touchpoints.phases(ws.id)[0]["id"]
    touchpoints.add_touchpoint(ws.id, '=HYPERLINK("x")', phase_id=phase)
    got = rows(
        render(TABLES["touchpoints"](ws.id), "touchpoints", dialect="excel_de", lang="de"), ";"
    )
    assert got[0]["name"] == '\'=HYPERLINK("x")'


def test_the_imports_read_back_what_the_german_excel_export_wrote(db_path):
    source = demo.load_demo()
    target = workshops.create_workshop("Zweite Filiale")
    data = render(TABLES["touchpoints"](source), "touchpoints", dialect="excel_de", lang="de")
    report = import_touchpoints_csv(target.id, data)
    assert report.rejected == []
    shape = lambda w: [(t["phase"], t["name"], t["is_direct"], t["customer_preferred"])  # noqa: E731
                       for t in touchpoints.touchpoints(w)]  # fmt: skip
    assert sorted(shape(target.id)) == sorted(shape(source))
    plan = plan_complaints(target.id, render(TABLES["complaints"](source), "complaints",
                                             dialect="excel_de", lang="de"))  # fmt: skip
    assert plan.rejected == [] and plan.unmatched == {}
    import_complaints(target.id, plan)
    shape = lambda w: sorted((c["received_at"], c["status"], c["closed_at"] or "", c["touchpoint"])  # noqa: E731
                             for c in complaints.complaints(w))  # fmt: skip
    assert shape(target.id) == shape(source)
    for name in ("measurements", "measurement_aggregates"):
        got = plan_measurements(
            target.id, render(TABLES[name](source), name, dialect="excel_de", lang="de")
        )
        assert got.rejected == [], name
        import_measurements(target.id, got)
    cells = lambda w: sorted((p, tp is None, m, s.n, round(s.total, 6))  # noqa: E731
                             for (p, tp, m), s in barometer.cells(w).items())  # fmt: skip
    names = {m["id"]: m["name"] for w in (source, target.id) for m in barometer.metrics(w)}
    assert [(p, o, names[m], n, t) for p, o, m, n, t in cells(target.id)] == [
        (p, o, names[m], n, t) for p, o, m, n, t in cells(source)]  # fmt: skip


def test_the_zip_holds_every_table_its_settings_and_a_readme_of_files_and_columns(db_path):
    wid = demo.load_demo()
    archive = zipfile.ZipFile(io.BytesIO(zip_bytes(wid, dialect="excel_de")))
    files = set(archive.namelist())
    assert {f"{name}.csv" for name in TABLES} | {"README.txt", "workshop.csv"} <= files
    assert any(f.startswith("round-") and f.endswith("-summary.csv") for f in files)
    readme = archive.read("README.txt").decode("utf-8-sig")
    assert "data/" in readme and "data/manifest.json" in files  # the rows for an import elsewhere
    for f in (f for f in files if f.endswith(".csv")):
        header = archive.read(f).decode("utf-8-sig").split("\r\n", 1)[0]
        assert f"{f} — " in readme and f"Spalten: {header}" in readme, f
    settings = {r["setting"]: r["value"] for r in rows(archive.read("workshop.csv"), ";")}
    assert settings["name"] == workshops.get_workshop(wid)["name"]
    assert settings["barometer_index_target"] == "70,0"
