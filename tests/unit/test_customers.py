"""Kundenanalyse: segments with shares that fit into 100 %, feedback sources available or missing."""

import pytest

from cemworkshop import customers, workshops
from cemworkshop.exchange import tables as export
from cemworkshop.validation import ValidationError


def test_segments_are_added_changed_and_deleted(db_path):
    ws = workshops.create_workshop("Segmente")
    fam = customers.save_segment(
        ws.id, "Familien", share_pct=45, value_per_year=900, needs="Planung"
    )
    customers.save_segment(ws.id, "Senioren", share_pct=30, value_per_year=1500)
    customers.save_segment(
        ws.id, "Familien mit Kindern", share_pct=50, value_per_year=950, segment_id=fam
    )
    assert [(s["name"], s["share_pct"]) for s in customers.segments(ws.id)] == [
        ("Familien mit Kindern", 50),
        ("Senioren", 30),
    ]
    customers.delete_segment(ws.id, fam)
    assert [s["name"] for s in customers.segments(ws.id)] == ["Senioren"]


def test_shares_may_not_exceed_100_percent_and_nothing_is_written(db_path):
    ws = workshops.create_workshop("Segmente")
    customers.save_segment(ws.id, "A", share_pct=70, value_per_year=100)
    b = customers.save_segment(ws.id, "B", share_pct=30, value_per_year=100)
    with pytest.raises(ValidationError) as err:
        customers.save_segment(ws.id, "C", share_pct=1, value_per_year=100)
    assert (err.value.code, err.value.params) == ("shares_exceed", {"total": "101", "free": "0"})
    # Changing B within its own share is fine; growing it is not.
    customers.save_segment(ws.id, "B", share_pct=30, value_per_year=200, segment_id=b)
    with pytest.raises(ValidationError, match="shares_exceed"):
        customers.save_segment(ws.id, "B", share_pct=31, value_per_year=200, segment_id=b)
    assert sum(s["share_pct"] for s in customers.segments(ws.id)) == 100


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [(dict(name=""), "empty_name"), (dict(name="x" * 10_000), "name_too_long"),
     (dict(share_pct=101), "out_of_range"), (dict(share_pct=-5), "out_of_range"),
     (dict(value_per_year=-1), "out_of_range"), (dict(value_per_year="viel"), "not_a_number"),
     (dict(name="familien"), "duplicate_segment")],
)  # fmt: skip
def test_bad_segments_get_a_reason(db_path, kwargs, code):
    ws = workshops.create_workshop("Segmente")
    customers.save_segment(ws.id, "Familien", share_pct=10, value_per_year=100)
    args = dict(name="Neu", share_pct=10, value_per_year=100) | kwargs
    with pytest.raises(ValidationError) as err:
        customers.save_segment(ws.id, args.pop("name"), **args)
    assert err.value.code == code
    assert len(customers.segments(ws.id)) == 1


def test_feedback_sources_are_marked_and_typical_ones_added_once(db_path):
    ws = workshops.create_workshop("Quellen")
    customers.set_source(ws.id, "Online-Bewertungen", available=True, note="Google")
    added = customers.add_typical_sources(ws.id, "de")
    assert added == len(customers.TYPICAL_SOURCES["de"]) - 1  # Online-Bewertungen was there
    assert customers.add_typical_sources(ws.id, "de") == 0
    listed = customers.sources(ws.id)
    assert listed[-1]["name"] == "Online-Bewertungen"  # available ones after the missing ones
    customers.set_source(ws.id, "net promoter score (nps)", available=True)
    assert sum(s["available"] for s in customers.sources(ws.id)) == 2
    rows = export.feedback_sources_csv(ws.id).decode("utf-8-sig").splitlines()
    assert rows[0] == "name,available,note"
    assert "Online-Bewertungen,yes,Google" in rows


def test_personas_with_segment_and_touchpoints(db_path):
    from cemworkshop import touchpoints

    ws = workshops.create_workshop("Personas")
    phase = touchpoints.phases(ws.id)[0]["id"]
    web = touchpoints.add_touchpoint(ws.id, "Website", phase_id=phase)
    shop = touchpoints.add_touchpoint(ws.id, "Filiale", phase_id=phase)
    fam = customers.save_segment(ws.id, "Familien", share_pct=50, value_per_year=900)
    julia = customers.save_persona(
        ws.id, "Julia", segment_id=fam, goals="Budget", frustrations="Warten", touchpoint_ids=[web]
    )
    (p,) = customers.personas(ws.id)
    assert (p["name"], p["segment"], p["touchpoints"]) == ("Julia", "Familien", [web])
    customers.save_persona(
        ws.id, "Julia K.", segment_id=None, touchpoint_ids=[web, shop], persona_id=julia
    )
    (p,) = customers.personas(ws.id)
    assert (p["name"], p["segment"], p["touchpoints"]) == ("Julia K.", None, sorted([web, shop]))
    customers.delete_segment(ws.id, fam)  # a deleted segment leaves the persona without one
    other = workshops.create_workshop("Fremd")
    foreign = touchpoints.add_touchpoint(
        other.id, "Fremd", phase_id=touchpoints.phases(other.id)[0]["id"]
    )
    with pytest.raises(ValidationError, match="unknown_touchpoint"):
        customers.save_persona(ws.id, "Max", touchpoint_ids=[foreign])
    with pytest.raises(ValidationError, match="duplicate_persona"):
        customers.save_persona(ws.id, "julia k.")
    touchpoints.delete_touchpoint(ws.id, web)
    assert customers.personas(ws.id)[0]["touchpoints"] == [shop]
    rows = export.personas_csv(ws.id).decode("utf-8-sig").splitlines()
    assert rows[1] == "Julia K.,,,,Filiale"
    customers.delete_persona(ws.id, julia)
    assert customers.personas(ws.id) == []
