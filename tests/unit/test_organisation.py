"""Step 3's change management: the patron rule, the record lists (clean, reference, version),
target agreements per person and per KPI — against a real SQLite file."""

import pytest

from cemworkshop import kpis, organisation, touchpoints, workshops
from cemworkshop.organisation import AGREEMENTS, COMMUNICATION, EMPOWERMENT, TRAININGS
from cemworkshop.validation import ValidationError


def test_the_first_ceo_on_the_board_becomes_patron_and_only_one_can_be(db_path):
    ws = workshops.create_workshop("Board")
    assert organisation.patron_problem(ws.id) is None  # an empty board: nothing to say yet
    head = organisation.save_member(ws.id, "Jonas Weber", role="Leiter Service")
    assert organisation.patron_problem(ws.id) == ("no_patron", {"ceo": ""})
    ceo = organisation.save_member(ws.id, "Dr. Petra Lang", role="Vorstandsvorsitzende")
    assert [m["name"] for m in organisation.members(ws.id) if m["patron"]] == ["Dr. Petra Lang"]
    assert organisation.patron_problem(ws.id) is None
    cfo = organisation.save_member(ws.id, "Eva Roth", role="CEO Tochtergesellschaft")
    assert not next(m for m in organisation.members(ws.id) if m["id"] == cfo)["patron"]
    with pytest.raises(ValidationError) as err:  # a second patron is refused, naming the first
        organisation.save_member(ws.id, "Max Kühn", role="CFO", patron=True)
    assert err.value.code == "patron_taken" and err.value.params["name"] == "Dr. Petra Lang"
    assert "Max Kühn" not in [m["name"] for m in organisation.members(ws.id)]  # nothing written
    organisation.make_patron(ws.id, head)
    assert [m["id"] for m in organisation.members(ws.id) if m["patron"]] == [head]
    # A change that says nothing about the patron keeps it.
    organisation.save_member(ws.id, "Jonas Weber", role="Leiter Kundenservice", member_id=head)
    assert [m["id"] for m in organisation.members(ws.id) if m["patron"]] == [head]
    organisation.save_member(ws.id, "Jonas Weber", member_id=head, patron=False)
    assert organisation.patron_problem(ws.id) == ("no_patron", {"ceo": "Dr. Petra Lang"})
    assert ceo


def test_two_patrons_from_outside_the_app_are_named(db_path):
    from cemworkshop import store

    ws = workshops.create_workshop("Board")
    a = organisation.save_member(ws.id, "A", role="CEO")
    b = organisation.save_member(ws.id, "B", role="COO")
    with store.transaction() as db:  # e.g. a restored backup edited by hand
        db.execute("UPDATE board_members SET patron = 1 WHERE id IN (?, ?)", [a, b])
    assert organisation.patron_problem(ws.id) == ("two_patrons", {"names": "A, B"})


def test_members_are_unique_and_names_are_required(db_path):
    ws = workshops.create_workshop("Board")
    organisation.save_member(ws.id, "Eva Roth")
    with pytest.raises(ValidationError) as err:
        organisation.save_member(ws.id, " eva  roth ")
    assert err.value.code == "duplicate_member"
    with pytest.raises(ValidationError) as err:
        organisation.save_member(ws.id, "   ")
    assert err.value.code == "empty_name"


def test_charter_is_saved_on_its_version(db_path):
    ws = workshops.create_workshop("Board")
    organisation.save_charter(ws.id, "Wir treffen uns.", "monthly", "2027-01-15", version=0)
    seen = organisation.settings(ws.id)
    assert (seen["charter"], seen["rhythm"], seen["next_meeting"]) == (
        "Wir treffen uns.", "monthly", "2027-01-15")  # fmt: skip
    organisation.save_charter(ws.id, "Neu", "quarterly", version=seen["version"])
    with pytest.raises(ValidationError) as err:  # a second tab still on the old version
        organisation.save_charter(ws.id, "Alt", "weekly", version=seen["version"])
    assert err.value.code == "stale_edit" and err.value.params["current"] == "Neu"
    with pytest.raises(ValidationError):
        organisation.save_charter(ws.id, "x", "daily")


def test_record_lists_clean_check_references_and_versions(db_path):
    ws = workshops.create_workshop("Lists")
    other = workshops.create_workshop("Other")
    phase = touchpoints.phases(ws.id)[0]["id"]
    tp = touchpoints.add_touchpoint(ws.id, "Hotline", phase_id=phase)
    foreign = touchpoints.add_touchpoint(
        other.id, "Hotline", phase_id=touchpoints.phases(other.id)[0]["id"]
    )
    rid = TRAININGS.save(ws.id, {"course": "Beschwerden lösen", "touchpoint_id": tp,
                                 "format": "classroom", "people": 12, "status": "planned",
                                 "held_on": "2027-02-01"})  # fmt: skip
    (row,) = TRAININGS.rows(ws.id)
    assert (row["people"], row["held_on"], row["touchpoint_id"]) == (12, "2027-02-01", tp)
    for bad, code in [
        ({"people": 2.5}, "not_a_whole_number"), ({"people": -1}, "out_of_range"),
        ({"people": "zwölf"}, "not_a_number"), ({"held_on": "31.02.2027"}, "not_a_date"),
        ({"format": "webinar"}, "unknown_choice"), ({"touchpoint_id": foreign}, "unknown_touchpoint"),
        ({"course": ""}, "empty_name"),
    ]:  # fmt: skip
        values = {"course": "Kurs", "format": "online", "status": "planned"} | bad
        with pytest.raises(ValidationError) as err:
            TRAININGS.save(ws.id, values)
        assert err.value.code == code, bad
    TRAININGS.save(ws.id, {**row, "people": 14}, record_id=rid, version=row["version"])
    with pytest.raises(ValidationError) as err:
        TRAININGS.save(ws.id, {**row, "people": 99}, record_id=rid, version=row["version"])
    assert err.value.code == "stale_edit"
    assert TRAININGS.rows(ws.id)[0]["people"] == 14
    COMMUNICATION.save(ws.id, {"audience": "Alle Mitarbeitenden", "status": "done"})
    EMPOWERMENT.save(ws.id, {"touchpoint_id": tp, "decision": "Gutschrift", "up_to": 50})
    assert organisation.empowerment(ws.id)[0]["touchpoint"] == "Hotline"
    with pytest.raises(ValidationError) as err:
        EMPOWERMENT.save(ws.id, {"decision": "Gutschrift"})
    assert err.value.code == "empty_name" and err.value.params["field"] == "touchpoint"
    TRAININGS.delete(other.id, rid)  # another workshop cannot delete it
    assert len(TRAININGS.rows(ws.id)) == 1


def test_agreements_refer_to_kpis_and_group_per_person_and_per_kpi(db_path):
    ws = workshops.create_workshop("Ziele")
    nps = kpis.save_kpi(ws.id, "NPS", unit="Punkte", baseline=12, target=30)
    fcr = kpis.save_kpi(ws.id, "Erstlösungsquote", unit="%", baseline=60, target=80)
    AGREEMENTS.save(
        ws.id, {"holder": "Team Service", "kpi_id": nps, "target": 25, "status": "agreed"}
    )
    AGREEMENTS.save(
        ws.id, {"holder": "Team Service", "kpi_id": fcr, "target": 75, "status": "on_track"}
    )
    AGREEMENTS.save(
        ws.id, {"holder": "Jonas Weber", "kpi_id": nps, "target": 30, "status": "at_risk"}
    )
    per_holder = organisation.agreements_by(ws.id, "holder")
    assert list(per_holder) == ["Jonas Weber", "Team Service"]
    assert [a["kpi"] for a in per_holder["Team Service"]] == ["NPS", "Erstlösungsquote"]
    per_kpi = organisation.agreements_by(ws.id, "kpi")
    assert {k: [a["holder"] for a in v] for k, v in per_kpi.items()} == {
        "Erstlösungsquote": ["Team Service"], "NPS": ["Jonas Weber", "Team Service"]}  # fmt: skip
    # Referenced, not copied: renaming the KPI renames it in every agreement.
    kpis.save_kpi(ws.id, "Net Promoter Score", unit="Punkte", kpi_id=nps)
    assert {a["kpi"] for a in organisation.agreements(ws.id)} == {
        "Net Promoter Score",
        "Erstlösungsquote",
    }
    with pytest.raises(ValidationError) as err:
        kpis.delete_kpi(ws.id, nps)
    assert err.value.code == "kpi_in_use" and err.value.params["count"] == 2
    with pytest.raises(ValidationError) as err:
        AGREEMENTS.save(ws.id, {"holder": "X", "kpi_id": None, "status": "agreed"})
    assert err.value.code == "empty_name"
    workshops.delete_workshop(ws.id)  # the workshop goes with its KPIs and agreements
    assert organisation.agreements(ws.id) == []
