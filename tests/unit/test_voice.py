"""Step 2's voice of the customer: feedback files as tools and German Excel write them, names
matched and mapped, nothing doubled; the summary, trend and plan per channel."""

import math

import pytest

from cemworkshop import store, touchpoints, voice, workshops
from cemworkshop.exchange.feedback import import_feedback, plan_feedback
from cemworkshop.validation import ValidationError


def setup():
    ws = workshops.create_workshop("VoC")
    phase = touchpoints.phases(ws.id)[2]["id"]
    lieferung = touchpoints.add_touchpoint(ws.id, "Lieferung", phase_id=phase, channel="Persönlich")
    insta = touchpoints.add_touchpoint(ws.id, "Instagram", phase_id=phase, channel="Social Media")
    return ws, lieferung, insta


GERMAN_EXCEL = (
    "Datum;Kanal;Touchpoint;Kommentar;Bewertung;Quelle\r\n"
    "01.10.2026;Umfrage;Lieferung;Pünktlich und freundlich;4,5;CRM\r\n"
    "15.10.2026;Umfrage;lieferung ;Zu spät;1;CRM\r\n"
    "03.11.2026;Instagram;Instagramm;Schöne Küche!;5;\r\n"
    "31.02.2026;Umfrage;Lieferung;kein Datum;3;\r\n"
    "04.11.2026;Umfrage;Lieferung;;7;\r\n"
    "05.11.2026;Umfrage;Hotline;;;\r\n"
).encode("cp1252")


def test_german_excel_feedback_is_read_matched_and_refused_with_reasons(db_path):
    ws, lieferung, insta = setup()
    assert plan_feedback(ws.id, GERMAN_EXCEL).scale == "0-10"  # a 7 in 4 ratings: looks 0–10
    plan = plan_feedback(ws.id, GERMAN_EXCEL, scale="1-5")  # the person says: 1–5
    assert plan.scale == "1-5"  # 7 is out of it: refused, not rescaled
    assert [r.rating for r in plan.rows] == [4.5, 1.0, 5.0]
    assert [r.given_on for r in plan.rows] == ["2026-10-01", "2026-10-15", "2026-11-03"]
    assert [(line, code) for line, code, _ in plan.rejected] == [
        (5, "feedback_bad_date"), (6, "feedback_bad_rating"), (7, "feedback_empty"),
    ]  # fmt: skip
    assert plan.matched == {"Lieferung": lieferung, "lieferung": lieferung}  # case and spaces
    assert plan.unmatched == {"Instagramm": ["Instagram"]}  # a close match to choose
    assert import_feedback(ws.id, plan, mapping={"Instagramm": insta}) == 3
    # the same file again doubles nothing
    again = plan_feedback(ws.id, GERMAN_EXCEL, scale="1-5")
    assert (len(again.rows), again.duplicates) == (0, 3)


def test_a_survey_export_with_three_header_rows_and_a_0_to_10_scale(db_path):
    ws, lieferung, _ = setup()
    data = (
        "RecordedDate,Q1_channel,Touchpoint,Comment,Score\n"
        "Recorded Date,Kanal,Touchpoint,Was können wir besser machen?,Wie wahrscheinlich …\n"
        '"{""ImportId"":""recordedDate""}","{""ImportId"":""QID1""}","{""ImportId"":""QID2""}",'
        '"{""ImportId"":""QID3""}","{""ImportId"":""QID4""}"\n'
        "2026-11-02 10:15:00,Web,Lieferung,Alles gut,10\n"
        "2026-11-03 08:00:00,Web,Lieferung,=HYPERLINK(x),0\n"
    ).encode()
    plan = plan_feedback(ws.id, data)
    assert plan.scale == "0-10" and not plan.rejected
    assert [(r.line, r.rating) for r in plan.rows] == [(4, 5.0), (5, 1.0)]
    assert plan.unknown_columns == ["Q1_channel"]
    import_feedback(ws.id, plan)
    assert voice.comments(ws.id, lieferung)[0]["text"] == "=HYPERLINK(x)"  # stored as text


def test_unmatched_names_can_become_touchpoints(db_path):
    ws, _, _ = setup()
    plan = plan_feedback(ws.id, b"date,touchpoint,text\n2026-11-01,Hotline,Nie erreichbar\n")
    phase = touchpoints.phases(ws.id)[2]["id"]
    import_feedback(ws.id, plan, create={"Hotline": phase})
    (row,) = voice.summary(ws.id).to_dict("records")
    assert row["touchpoint"] == "Hotline" and row["count"] == 1 and math.isnan(row["mean"])
    with pytest.raises(ValidationError):
        plan_feedback(ws.id, b"date,touchpoint\n2026-11-01,Hotline\n")  # neither text nor rating


def test_summary_trend_and_social_touchpoints(db_path):
    ws, lieferung, insta = setup()
    data = (
        b"date,channel,touchpoint,text,rating\n"
        b"2026-10-01,Umfrage,Lieferung,a,5\n2026-10-20,Umfrage,Lieferung,b,2\n"
        b"2026-11-02,Umfrage,Lieferung,c,1\n2026-11-03,Instagram,Instagram,d,4\n"
    )
    import_feedback(ws.id, plan_feedback(ws.id, data))
    sums = voice.summary(ws.id).set_index("touchpoint")
    assert sums.loc["Lieferung", "count"] == 3
    assert sums.loc["Lieferung", "mean"] == pytest.approx(8 / 3)
    assert sums.loc["Lieferung", "negative_share"] == pytest.approx(2 / 3)  # 2 and 1
    trend = voice.trend(ws.id, lieferung)
    assert list(trend["month"]) == ["2026-10", "2026-11"]
    assert list(trend["count"]) == [2, 1] and list(trend["mean"]) == [3.5, 1.0]
    assert [c["text"] for c in voice.comments(ws.id, lieferung)] == ["c", "b", "a"]
    social = voice.social(ws.id)
    assert list(social["touchpoint"]) == ["Instagram"] and social.iloc[0]["count"] == 1
    assert voice.is_social("Bewertungsportale") and not voice.is_social("Telefon")


def test_the_voc_plan_per_channel(db_path):
    ws, _, _ = setup()
    import_feedback(ws.id, plan_feedback(ws.id, b"date,channel,text\n2026-11-01,Google,x\n"))
    assert voice.channels(ws.id) == ["Google"]
    line = voice.save_plan(ws.id, "Google", owner="Marketing", frequency="wöchentlich")
    assert voice.channels(ws.id) == []
    with pytest.raises(ValidationError) as err:
        voice.save_plan(ws.id, "google")
    assert err.value.code == "duplicate_channel"
    voice.save_plan(ws.id, "Google", next_step="antworten", plan_id=line, version=0)
    with pytest.raises(ValidationError) as err:
        voice.save_plan(ws.id, "Google", plan_id=line, version=0)
    assert err.value.code == "stale_edit"
    assert voice.plan(ws.id)[0]["next_step"] == "antworten"
    assert store.value("SELECT count(*) FROM voc_plan") == 1


def test_feedback_and_plan_export(db_path):
    from cemworkshop.exchange.tables import TABLES

    ws, _, _ = setup()
    import_feedback(
        ws.id,
        plan_feedback(
            ws.id, b"date,channel,touchpoint,text,rating\n2026-11-01,Web,Lieferung,+gut,4\n"
        ),
    )
    voice.save_plan(ws.id, "Web", owner="Marketing")
    rows = TABLES["feedback"](ws.id).decode("utf-8-sig").splitlines()
    assert rows == [
        "date,channel,touchpoint,text,rating,source",
        "2026-11-01,Web,Lieferung,'+gut,4.0,",
    ]
    assert TABLES["voc_plan"](ws.id).decode("utf-8-sig").splitlines()[1] == "Web,Marketing,,"
