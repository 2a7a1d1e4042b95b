"""Satisfaction measurements from a file: one row per answer as German Excel writes it,
pre-aggregated rows, a survey tool's respondent export with three header rows; a preview that
names refused rows by their line, touchpoint names matched or offered, never a second copy."""

import pytest

from cemworkshop import barometer
from cemworkshop.exchange.measurements import import_measurements, plan_measurements
from tests.unit.helpers import workshop_with_touchpoints

TOUCHPOINTS = ("Lieferung", "Küchenplanung", "Montage", "Service-Hotline")

ANSWERS = (
    "Befragter;Datum;Touchpoint;Kanal;Kennzahl;Wert;Skala\n"
    "Jürgen Müller;03.07.2026;Lieferung;E-Mail;CSAT;4;1-5\n"
    "Jürgen Müller;03.07.2026;küchenplanung;E-Mail;CSAT;5;1-5\n"
    "Jürgen Müller;03.07.2026;;E-Mail;NPS;9;0-10\n"
    "R-2;04.07.2026;Lieferung;Telefon;CSAT;6;1-5\n"
    "R-2;;Lieferung;Telefon;CSAT;3;1-5\n"
    "R-2;04.07.2026;Lieferung;Telefon;Freundlichkeit;4;\n"
    "R-3;05.07.2026;Montage;E-Mail;Sauberkeit;4,5;1-5\n"
    "R-3;05.07.2026;Montage;E-Mail;Ordnung;3;1-5\n"
).encode("cp1252")


def setup():
    ws, ids = workshop_with_touchpoints(names=TOUCHPOINTS)
    return ws, dict(zip(TOUCHPOINTS, ids, strict=True))


def metric_ids(ws_id):
    return {m["name"]: m["id"] for m in barometer.metrics(ws_id)}


def test_answers_from_german_excel_preview_refusals_and_new_dimensions(db_path):
    ws, tp = setup()
    plan = plan_measurements(ws.id, ANSWERS)
    assert plan.layout == "answers"
    assert [(r.line, r.touchpoint, r.metric, r.values["value"]) for r in plan.rows] == [
        (2, "Lieferung", "CSAT", 4),
        (3, "küchenplanung", "CSAT", 5),  # matched ignoring case, umlaut read from cp1252
        (4, "", "NPS", 9),  # no touchpoint: the company as a whole
        (8, "Montage", "Sauberkeit", 4.5),  # a German decimal comma
        (9, "Montage", "Ordnung", 3),
    ]
    assert plan.rows[0].values["respondent"] == "Jürgen Müller"
    assert plan.rows[0].values["answered_on"] == "2026-07-03"
    assert [(line, code) for line, code, _ in plan.rejected] == [
        (5, "out_of_range"),  # CSAT 6 on 1–5
        (6, "measurement_needs_date"),
        (7, "unknown_metric_name"),  # an unknown metric without a scale
    ]
    assert plan.new_metrics == {"Sauberkeit": (1, 5), "Ordnung": (1, 5)}
    assert plan.matched == {"Lieferung": tp["Lieferung"], "küchenplanung": tp["Küchenplanung"],
                            "Montage": tp["Montage"]}  # fmt: skip
    assert plan.unmatched == {}
    assert barometer.counts(ws.id)["responses"] == 0  # the preview writes nothing
    assert "Sauberkeit" not in metric_ids(ws.id)

    assert import_measurements(ws.id, plan) == 5
    own = {m["name"]: m for m in barometer.metrics(ws.id)}
    assert (own["Sauberkeit"]["code"], own["Sauberkeit"]["low"], own["Sauberkeit"]["high"]) == (
        "own", 1, 5)  # fmt: skip
    cells = barometer.cells(ws.id)
    m = metric_ids(ws.id)
    assert cells[("2026-Q3", tp["Küchenplanung"], m["CSAT"])].n == 1
    assert cells[("2026-Q3", None, m["NPS"])].total == 9
    assert cells[("2026-Q3", tp["Montage"], m["Sauberkeit"])].total == pytest.approx(4.5)


def test_the_same_file_twice_adds_nothing_the_second_time(db_path):
    ws, _ = setup()
    assert import_measurements(ws.id, plan_measurements(ws.id, ANSWERS)) == 5
    again = plan_measurements(ws.id, ANSWERS)
    assert (len(again.rows), again.duplicates, again.new_metrics) == (0, 5, {})
    assert import_measurements(ws.id, again) == 0
    assert barometer.counts(ws.id)["responses"] == 5


def test_anonymous_answers_that_look_alike_are_all_counted(db_path):
    ws, tp = setup()
    data = (
        "Datum;Touchpoint;Kennzahl;Wert\n"
        "03.07.2026;Lieferung;CSAT;4\n"
        "03.07.2026;Lieferung;CSAT;4\n"  # a second customer with the same answer that day
        "03.07.2026;Lieferung;CSAT;5\n"
    ).encode("cp1252")
    plan = plan_measurements(ws.id, data)
    assert (len(plan.rows), plan.duplicates) == (3, 0)
    import_measurements(ws.id, plan)
    assert barometer.cells(ws.id)[("2026-Q3", tp["Lieferung"], metric_ids(ws.id)["CSAT"])].n == 3


AGGREGATED = (
    "Zeitraum;Touchpoint;Kanal;Kennzahl;Wert;n;sd;Anteil oben;Anteil unten\n"
    "01.07.2026;Service-Hotline;Telefon;CSAT;3,6;412;1,1;58;\n"
    "01.07.2026;Service-Hotline;Telefon;NPS;7,9;300;1,9;;\n"
    "01.07.2026;;Online;NPS;7,9;300;1,9;45,5;20,5\n"
).encode("cp1252")


def test_aggregated_rows_read_decimal_commas_and_nps_needs_its_shares(db_path):
    ws, tp = setup()
    plan = plan_measurements(ws.id, AGGREGATED)
    assert plan.layout == "aggregated"
    assert [(line, code) for line, code, _ in plan.rejected] == [(3, "nps_needs_shares")]
    first = plan.rows[0].values
    assert (first["mean"], first["n"], first["sd"], first["top_share"]) == (3.6, 412, 1.1, 58)
    assert import_measurements(ws.id, plan) == 2
    m = metric_ids(ws.id)
    figures = barometer.figures(ws.id)
    hotline = figures[("2026-Q3", tp["Service-Hotline"], m["CSAT"])]
    assert (hotline.n, hotline.value, hotline.mean) == (412, pytest.approx(58.0), 3.6)
    overall = figures[("2026-Q3", None, m["NPS"])]
    assert overall.value == pytest.approx(25.0)  # 45.5 % promoters − 20.5 % detractors
    again = plan_measurements(ws.id, AGGREGATED)
    assert (len(again.rows), again.duplicates) == (0, 2)


def test_an_aggregated_row_the_store_would_refuse_is_named_in_the_preview(db_path):
    ws, _ = setup()
    data = (
        "Zeitraum;Touchpoint;Kanal;Kennzahl;Wert;n;sd;Promotoren;Detraktoren\n"
        "01.07.2026;;Telefon;NPS;7,9;300;1,9;70;40\n"  # 70 % + 40 % = 110 %
        "01.07.2026;Montage;Telefon;CSAT;3,9;50;-1;;\n"  # a negative spread
        "01.07.2026;Lieferung;Telefon;CSAT;4,1;80;0,8;75;\n"
    ).encode("cp1252")
    plan = plan_measurements(ws.id, data)
    assert [line for line, _, _ in plan.rejected] == [2, 3]
    assert [r.line for r in plan.rows] == [4]
    assert import_measurements(ws.id, plan) == 1  # the good row goes in


QUALTRICS = (
    b"StartDate,EndDate,Status,Progress,RecordedDate,ResponseId,DistributionChannel,"
    b"NPS,CSAT_Lieferung,CSAT - Montage,CSAT_Gesamt\n"
    b"Start Date,End Date,Response Type,Progress,Recorded Date,Response ID,Distribution Channel,"
    b'"Wie wahrscheinlich ist es, dass Sie uns empfehlen?",Wie zufrieden waren Sie mit der '
    b"Lieferung?,Wie zufrieden waren Sie mit der Montage?,Wie zufrieden sind Sie insgesamt?\n"
    b'"{""ImportId"":""startDate"",""timeZone"":""Europe/Berlin""}",'
    b'"{""ImportId"":""endDate"",""timeZone"":""Europe/Berlin""}",'
    b'"{""ImportId"":""status""}","{""ImportId"":""progress""}",'
    b'"{""ImportId"":""recordedDate"",""timeZone"":""Europe/Berlin""}",'
    b'"{""ImportId"":""_recordId""}","{""ImportId"":""distributionChannel""}",'
    b'"{""ImportId"":""QID1""}","{""ImportId"":""QID2""}","{""ImportId"":""QID3""}",'
    b'"{""ImportId"":""QID4""}"\n'
    b"2026-07-02 10:15:33,2026-07-02 10:19:02,0,100,2026-07-02 10:19:03,R_1a,email,9,4,,5\n"
    b"2026-08-11 18:01:10,2026-08-11 18:04:45,0,100,2026-08-11 18:04:46,R_2b,anonymous,6,2,3,\n"
)


def test_a_survey_export_with_three_header_rows_one_answer_per_question(db_path):
    ws, tp = setup()
    plan = plan_measurements(ws.id, QUALTRICS)
    assert plan.layout == "respondents"
    assert plan.skipped_header_rows == 2
    assert plan.rejected == []
    assert [(r.line, r.values["respondent"], r.touchpoint, r.metric, r.values["value"])
            for r in plan.rows] == [
        (4, "R_1a", "", "NPS", 9),
        (4, "R_1a", "Lieferung", "CSAT", 4),
        (4, "R_1a", "", "CSAT", 5),  # "Gesamt": the company as a whole; Montage not answered
        (5, "R_2b", "", "NPS", 6),
        (5, "R_2b", "Lieferung", "CSAT", 2),
        (5, "R_2b", "Montage", "CSAT", 3),
    ]  # fmt: skip
    assert plan.rows[3].values["answered_on"] == "2026-08-11"
    assert plan.rows[3].values["channel"] == "anonymous"
    assert plan.unknown_columns == ["Status", "Progress"]
    assert import_measurements(ws.id, plan) == 6
    m = metric_ids(ws.id)
    cells = barometer.cells(ws.id)
    assert cells[("2026-Q3", None, m["NPS"])].total == 15  # 9 + 6
    assert cells[("2026-Q3", tp["Montage"], m["CSAT"])].n == 1
    assert barometer.counts(ws.id)["respondents"] == 2


def test_respondents_without_an_id_in_two_exports_stay_different_people(db_path):
    ws, tp = setup()
    january = "Datum,NPS,CSAT_Lieferung\n2026-01-10,9,4\n2026-01-12,3,2\n"
    february = "Datum,NPS,CSAT_Lieferung\n2026-02-10,10,5\n2026-02-12,2,1\n"
    for data in (january, february):
        assert import_measurements(ws.id, plan_measurements(ws.id, data.encode())) == 4
    assert barometer.counts(ws.id)["respondents"] == 4  # two people in each month's export
    m = metric_ids(ws.id)
    satisfaction, outcome = barometer.respondents(ws.id, m["CSAT"], m["NPS"])
    # each person's own pair, none averaged with a stranger's from the other file
    pairs = sorted(zip(satisfaction[tp["Lieferung"]], outcome[satisfaction.index], strict=True))
    assert pairs == [(1, 2), (2, 3), (4, 9), (5, 10)]


def test_an_unknown_touchpoint_is_offered_with_close_matches_and_lands_where_mapped(db_path):
    ws, tp = setup()
    data = (
        "Datum;Touchpoint;Kennzahl;Wert\n03.07.2026;Lieferng;CSAT;4\n04.07.2026;Lieferng;CSAT;5\n"
    )
    plan = plan_measurements(ws.id, data.encode("cp1252"))
    assert plan.matched == {}
    assert plan.unmatched["Lieferng"][0] == "Lieferung"
    assert import_measurements(ws.id, plan, mapping={"Lieferng": tp["Lieferung"]}) == 2
    cell = barometer.cells(ws.id)[("2026-Q3", tp["Lieferung"], metric_ids(ws.id)["CSAT"])]
    assert (cell.n, cell.total) == (2, 9)
