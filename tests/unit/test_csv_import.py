"""CSV files as spreadsheets really write them: encodings, separators, line ends, long cells."""

import pytest

from cemworkshop import touchpoints, workshops
from cemworkshop.exchange.touchpoints import import_touchpoints_csv, plan_import, touchpoints_csv
from cemworkshop.validation import ValidationError

ROWS = "name;phase;channel\nÄnderungsservice;Nach dem Kauf;Telefon\nBeratung größer;Während des Kaufs;Filiale\n"


@pytest.mark.parametrize(
    ("label", "data"),
    [
        ("UTF-8", ROWS.encode("utf-8")),
        ("UTF-8 with BOM (Excel 'CSV UTF-8')", ROWS.encode("utf-8-sig")),
        ("UTF-16 (Excel 'Unicode text')", ROWS.encode("utf-16")),
        ("Windows-1252 (German Excel 'CSV')", ROWS.encode("cp1252")),
        ("CR-only line ends (old Mac Excel)", ROWS.replace("\n", "\r").encode("cp1252")),
        ("CRLF line ends", ROWS.replace("\n", "\r\n").encode("utf-8")),
        ("comma separated", ROWS.replace(";", ",").encode("utf-8")),
        ("tab separated", ROWS.replace(";", "\t").encode("utf-16")),
    ],
)
def test_every_usual_spreadsheet_file_is_read(db_path, label, data):
    ws = workshops.create_workshop("Import")
    report = import_touchpoints_csv(ws.id, data)
    assert report.rejected == [], label
    got = [(t["name"], t["phase"], t["channel"]) for t in touchpoints.touchpoints(ws.id)]
    assert got == [
        ("Beratung größer", "Während des Kaufs", "Filiale"),
        ("Änderungsservice", "Nach dem Kauf", "Telefon"),
    ], label


def test_a_cell_longer_than_the_csv_module_allows_is_a_row_message_not_a_crash(db_path):
    ws = workshops.create_workshop("Import")
    data = b"name,phase\nKurz,Vor dem Kauf\n" + b"L" * 200_000 + b",Vor dem Kauf\n"
    report = import_touchpoints_csv(ws.id, data)
    assert report.added == ["Kurz"]
    assert [(row, code) for row, code, _ in report.rejected] == [(3, "name_too_long")]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b'name,phase\n"unclosed,Vor dem Kauf\n', "csv_malformed"),
        (b"\xff\xfe\x00\xd8", "csv_encoding"),
        (b"   \n", "csv_empty"),
    ],
)
def test_broken_files_are_refused_with_a_reason_and_write_nothing(db_path, data, code):
    ws = workshops.create_workshop("Import")
    with pytest.raises(ValidationError) as err:
        plan_import(ws.id, data)
    assert err.value.code == code
    assert touchpoints.touchpoints(ws.id) == []


def test_a_phase_starting_with_equals_survives_export_and_import(db_path):
    ws = workshops.create_workshop("Quelle")
    phase = touchpoints.add_phase(ws.id, "=Nachkauf")
    touchpoints.add_touchpoint(ws.id, "+49 Hotline", phase_id=phase, department="@Service")
    exported = touchpoints_csv(ws.id)
    assert b"'=Nachkauf" in exported and b"'+49 Hotline" in exported  # guarded for Excel
    target = workshops.create_workshop("Ziel")
    import_touchpoints_csv(target.id, exported)
    (tp,) = touchpoints.touchpoints(target.id)
    assert (tp["name"], tp["phase"], tp["department"]) == ("+49 Hotline", "=Nachkauf", "@Service")
    assert touchpoints_csv(target.id) == exported
