"""Step 4's continuous CEM: complaint figures by hand (working days, p90 with few values, the
Pareto cut-off), the ISO 10002 steps with reopening, the CSV import with its preview, and the
ideas database's pipeline — against a real SQLite file."""

import math
from datetime import date

import pytest

from cemworkshop import complaints, continuous, priorities, touchpoints, workshops
from cemworkshop.exchange.complaints import import_complaints, plan_complaints
from cemworkshop.metrics import complaints as m
from cemworkshop.validation import ValidationError


def test_working_days_skip_the_weekend():
    assert m.working_days("2026-11-27T16:00", "2026-11-27T18:00") == 0  # same Friday
    assert m.working_days("2026-11-27T16:00", "2026-11-30T09:00") == 1  # Friday → Monday
    assert m.working_days("2026-11-23T09:00", "2026-11-30T09:00") == 5  # a whole week


def test_p90_by_nearest_rank_with_few_values():
    assert math.isnan(m.p90([]))
    assert m.p90([7]) == 7
    assert m.p90([3, 1, 2]) == 3  # ⌈2.7⌉ = 3rd smallest
    assert m.p90(list(range(1, 11))) == 9  # ⌈9⌉ = 9th of 1…10
    assert m.p90(list(range(1, 12))) == 10  # ⌈9.9⌉ = 10th of 1…11


def test_pareto_marks_the_vital_few_up_to_eighty_percent():
    rows = m.pareto({"Rechnung": 2, "Lieferung": 12, "Montage": 6})
    assert [(r["name"], r["count"]) for r in rows] == [
        ("Lieferung", 12),
        ("Montage", 6),
        ("Rechnung", 2),
    ]
    assert [round(r["cumulative"], 2) for r in rows] == [0.6, 0.9, 1.0]
    assert [r["vital"] for r in rows] == [True, True, False]  # 60 %, then 90 % reaches 80 %
    exact = m.pareto({"A": 8, "B": 1, "C": 1})  # exactly 80 % with the first: only it
    assert [r["vital"] for r in exact] == [True, False, False]
    tie = m.pareto({"b": 1, "a": 1})
    assert [r["name"] for r in tie] == ["a", "b"]


def test_the_pareto_axis_writes_percent_as_the_tables_do():
    """The cumulative axis is formatted by Vega with the chart's locale: German writes
    "80 %" with a space, as the table beside it (formats.percent), English "80%"."""
    from cemworkshop import formats
    from cemworkshop.charts.complaints import pareto_chart

    rows = m.pareto({"Rechnung": 2, "Lieferung": 12})
    text = {"name": "Ursache", "count": "Anzahl", "cumulative": "kumuliert"}
    for lang in ("de", "en"):
        spec = pareto_chart(rows, text, lang=lang).to_dict()
        sign = spec["config"]["locale"]["number"].get("percent", "%")
        assert formats.percent(80, lang, 0) == "80" + sign


def test_period_figures_by_hand():
    rows = [
        # Mon 09:00, acknowledged same day, closed Wed: 2 working days, 2.0 days
        {"received_at": "2026-11-02T09:00", "acknowledged_at": "2026-11-02T11:00",
         "closed_at": "2026-11-04T09:00", "first_contact": 1, "upheld": 1, "status": "closed"},
        # Fri 16:00, acknowledged Mon (1 wd), closed 4 weeks later
        {"received_at": "2026-11-06T16:00", "acknowledged_at": "2026-11-09T08:00",
         "closed_at": "2026-12-04T16:00", "first_contact": 0, "upheld": 0, "status": "closed"},
        # open since 60 days, acknowledged after 3 working days, not decided
        {"received_at": "2026-09-30T09:00", "acknowledged_at": "2026-10-05T09:00",
         "closed_at": None, "first_contact": None, "upheld": None, "status": "in_investigation"},
    ]  # fmt: skip
    f = m.period_figures(rows, customers=1500, today=date(2026, 11, 29), target_days=56)
    assert f["count"] == 3 and f["per_1000"] == 2.0
    assert f["first_contact"] == pytest.approx(1 / 3)
    assert f["acknowledged_1wd"] == pytest.approx(2 / 3)
    assert f["median_days"] == 15.0  # of 2 and 28 days
    assert f["p90_days"] == 28.0
    assert f["closed_3wd"] == pytest.approx(1 / 3) and f["closed_8w"] == pytest.approx(2 / 3)
    assert f["upheld"] == 0.5 and f["open_over_target"] == 1
    assert math.isnan(
        m.period_figures(rows, customers=None, today=date(2026, 11, 29), target_days=56)["per_1000"]
    )


def test_steps_are_stamped_in_order_and_a_closed_complaint_can_be_reopened(db_path):
    ws = workshops.create_workshop("Beschwerden")
    cid = complaints.log(ws.id, received_at="2026-11-02T09:00", cause="Montage", severity=3,
                         description="Arbeitsplatte falsch")  # fmt: skip
    assert [c["name"] for c in complaints.causes(ws.id)] == ["Montage"]  # a new cause: a category
    complaints.advance(ws.id, cid, "answered", at="2026-11-05T10:00")  # skipping steps stamps them
    c = complaints.complaints(ws.id)[0]
    assert (c["status"], c["acknowledged_at"], c["answered_at"]) == (
        "answered", "2026-11-05T10:00", "2026-11-05T10:00")  # fmt: skip
    with pytest.raises(ValidationError) as err:
        complaints.advance(ws.id, cid, "acknowledged")
    assert err.value.code == "complaint_step_back"
    complaints.close(ws.id, cid, first_contact=False, upheld=True, at="2026-11-06T12:00")
    complaints.advance(ws.id, cid, "in_investigation", at="2026-11-10T08:00")  # reopened
    c = complaints.complaints(ws.id)[0]
    assert (c["status"], c["closed_at"], c["reopened"], c["upheld"]) == (
        "in_investigation",
        None,
        1,
        1,
    )
    with pytest.raises(ValidationError):
        complaints.log(ws.id, received_at="31.02.2026", description="x")
    with pytest.raises(ValidationError):
        complaints.log(ws.id, received_at="2026-11-02", severity=4)


CSV = (
    "Eingang;Kanal;Touchpoint;Ursache;Schwere;Beschreibung;Status;bestätigt;abgeschlossen;Erstkontakt;berechtigt\n"
    "02.11.2026 09:15;Telefon;Montage;Montage;2;Dreck im Flur;abgeschlossen;02.11.2026 10:00;04.11.2026 12:00;ja;ja\n"
    '03.11.2026;E-Mail;Hotlin;Erreichbarkeit;1;=HYPERLINK("x");eingegangen;;;;\n'
    "04.11.2026;Telefon;Montage;Montage;5;zu schwer;eingegangen;;;;\n"
    ";Telefon;Montage;Montage;1;ohne Datum;eingegangen;;;;\n"
)


def test_the_import_previews_refuses_with_reasons_and_never_doubles(db_path):
    ws = workshops.create_workshop("Import")
    phase = touchpoints.phases(ws.id)[2]["id"]
    montage = touchpoints.add_touchpoint(ws.id, "Montage", phase_id=phase)
    plan = plan_complaints(ws.id, CSV.encode("cp1252"))
    assert [r.line for r in plan.rows] == [2, 3]
    assert [(line, code) for line, code, _ in plan.rejected] == [
        (4, "out_of_range"),
        (5, "complaint_needs_date"),
    ]
    assert plan.unmatched == {"Hotlin": []}  # no touchpoint close to it: to map, create or leave
    assert complaints.complaints(ws.id) == []  # the preview writes nothing
    assert import_complaints(ws.id, plan, create={"Hotlin": phase}) == 2
    found = {c["description"]: c for c in complaints.complaints(ws.id)}
    first = found["Dreck im Flur"]
    assert (first["status"], first["touchpoint_id"], first["first_contact"], first["closed_at"]) == (
        "closed", montage, 1, "2026-11-04T12:00")  # fmt: skip
    assert found['=HYPERLINK("x")']["touchpoint"] == "Hotlin"  # made a touchpoint; text as written
    again = plan_complaints(ws.id, CSV.encode("cp1252"))
    assert (len(again.rows), again.duplicates) == (0, 2)


def test_the_ideas_pipeline_phones_and_measures(db_path):
    ws = workshops.create_workshop("Ideen")
    joined = workshops.join(ws.join_code, "Ana")
    with pytest.raises(ValidationError) as err:  # phones only while allowed
        continuous.phone_idea(ws.id, joined.participant_id, "Ana", "SMS am Vortag")
    assert err.value.code == "ideas_closed"
    continuous.allow_phone_ideas(ws.id, True)
    idea = continuous.phone_idea(ws.id, joined.participant_id, "Ana", "SMS am Vortag")
    (row,) = continuous.ideas(ws.id)
    assert (row["source"], row["submitter"], row["status"]) == ("workshop", "Ana", "new")
    with pytest.raises(ValidationError) as err:
        continuous.move_idea(ws.id, idea, "rejected")
    assert err.value.code == "reject_needs_reason"
    continuous.move_idea(ws.id, idea, "rejected", reason="Gibt es schon")
    assert continuous.ideas(ws.id)[0]["reject_reason"] == "Gibt es schon"
    continuous.move_idea(ws.id, idea, "in_review")
    assert continuous.ideas(ws.id)[0]["reject_reason"] == ""  # only a rejection keeps one
    made = continuous.to_measure(ws.id, idea)
    assert continuous.to_measure(ws.id, idea) == made
    (cand,) = priorities.candidates(ws.id)
    assert (cand["origin"], cand["title"]) == ("idea", "SMS am Vortag")
    assert continuous.ideas(ws.id)[0]["status"] == "accepted"
