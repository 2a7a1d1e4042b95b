import pytest

from cemworkshop import journey, touchpoints, workshops
from cemworkshop.exchange import touchpoints as export
from cemworkshop.exchange.touchpoints import import_touchpoints_csv
from cemworkshop.validation import ValidationError
from tests.unit.helpers import workshop_with_touchpoints


def test_add_edit_reorder_delete(db_path):
    ws, (web, advice, delivery) = workshop_with_touchpoints()
    phases = touchpoints.phases(ws.id)
    extra = touchpoints.add_touchpoint(
        ws.id, "Newsletter", phase_id=phases[0]["id"], channel="E-Mail"
    )
    assert [t["name"] for t in touchpoints.touchpoints(ws.id)] == [
        "Website",
        "Newsletter",
        "Beratung",
        "Lieferung",
    ]
    touchpoints.move_touchpoint(ws.id, extra, -1)
    assert [t["name"] for t in touchpoints.touchpoints(ws.id)][:2] == ["Newsletter", "Website"]
    touchpoints.update_touchpoint(
        ws.id,
        extra,
        name="Newsletter & Tipps",
        phase_id=phases[2]["id"],
        channel="E-Mail",
        department="Marketing",
        is_direct=False,
        customer_preferred=True,
        company_served=False,
    )
    tp = touchpoints.get_touchpoint(ws.id, extra)
    assert (
        tp["name"],
        tp["phase"],
        tp["is_direct"],
        tp["customer_preferred"],
        tp["company_served"],
    ) == (
        "Newsletter & Tipps",
        phases[2]["name"],
        0,
        1,
        0,
    )
    assert [t["name"] for t in touchpoints.touchpoints(ws.id)][-1] == "Newsletter & Tipps"
    journey.add_edge(ws.id, web, extra)
    assert touchpoints.touchpoint_usage(ws.id, extra) == {"edges": 1, "scores": 0}
    touchpoints.delete_touchpoint(ws.id, extra)
    assert touchpoints.get_touchpoint(ws.id, extra) is None
    assert journey.edges(ws.id) == []


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("", "empty_name"),
        ("   \n\t ", "empty_name"),
        ("x" * 10_000, "name_too_long"),
        ("website", "duplicate_touchpoint"),
    ],
)
def test_bad_names_are_refused_with_a_reason_and_the_list_is_unchanged(db_path, name, code):
    ws, _ = workshop_with_touchpoints()
    before = touchpoints.touchpoints(ws.id)
    with pytest.raises(ValidationError) as err:
        touchpoints.add_touchpoint(ws.id, name, phase_id=touchpoints.phases(ws.id)[0]["id"])
    assert err.value.code == code
    assert touchpoints.touchpoints(ws.id) == before


def test_renaming_onto_another_touchpoint_is_refused(db_path):
    ws, (web, advice, _) = workshop_with_touchpoints()
    with pytest.raises(ValidationError, match="duplicate_touchpoint"):
        touchpoints.update_touchpoint(
            ws.id, advice, name="WEBSITE", phase_id=touchpoints.phases(ws.id)[1]["id"]
        )
    assert touchpoints.get_touchpoint(ws.id, advice)["name"] == "Beratung"


def test_markup_in_a_name_is_kept_verbatim_as_data(db_path):
    ws, _ = workshop_with_touchpoints()
    name = "<script>alert(1)</script> & <b>Hotline</b>"
    tp = touchpoints.add_touchpoint(ws.id, name, phase_id=touchpoints.phases(ws.id)[0]["id"])
    assert touchpoints.get_touchpoint(ws.id, tp)["name"] == name


def test_one_workshop_cannot_touch_another_workshops_touchpoints(db_path):
    ws_a, (a_web, *_) = workshop_with_touchpoints()
    ws_b, (b_web, *_) = workshop_with_touchpoints()
    touchpoints.delete_touchpoint(ws_b.id, a_web)
    assert touchpoints.get_touchpoint(ws_a.id, a_web) is not None
    with pytest.raises(ValidationError, match="unknown_touchpoint"):
        journey.add_edge(ws_b.id, b_web, a_web)
    with pytest.raises(ValidationError, match="unknown_phase"):
        touchpoints.add_touchpoint(ws_b.id, "Fremd", phase_id=touchpoints.phases(ws_a.id)[0]["id"])


def test_edges_refuse_loops_and_duplicates(db_path):
    ws, (web, advice, _) = workshop_with_touchpoints()
    edge = journey.add_edge(ws.id, web, advice)
    with pytest.raises(ValidationError, match="duplicate_edge"):
        journey.add_edge(ws.id, web, advice)
    with pytest.raises(ValidationError, match="edge_loop"):
        journey.add_edge(ws.id, web, web)
    assert [(e["source"], e["target"]) for e in journey.edges(ws.id)] == [("Website", "Beratung")]
    journey.remove_edges(ws.id, [edge])
    assert journey.edges(ws.id) == []


def test_phases_can_be_renamed_added_moved_and_deleted_only_when_empty(db_path):
    ws, _ = workshop_with_touchpoints()
    first, second, third = touchpoints.phases(ws.id)
    touchpoints.rename_phase(ws.id, first["id"], "Aufmerksamkeit")
    new = touchpoints.add_phase(ws.id, "Loyalität")
    touchpoints.move_phase(ws.id, new, -1)
    assert [p["name"] for p in touchpoints.phases(ws.id)] == [
        "Aufmerksamkeit",
        second["name"],
        "Loyalität",
        third["name"],
    ]
    with pytest.raises(ValidationError, match="duplicate_phase"):
        touchpoints.add_phase(ws.id, "loyalität")
    with pytest.raises(ValidationError, match="phase_not_empty"):
        touchpoints.delete_phase(ws.id, first["id"])
    touchpoints.delete_phase(ws.id, new)
    assert len(touchpoints.phases(ws.id)) == 3


CSV_OK = """name;Phase;Kanal;Art;Abteilung;bevorzugt;bedient
Hotline;Nach dem Kauf;Telefon;direkt;Service;ja;ja
Bewertungsportal;Vor dem Kauf;Online;indirekt;Marketing;ja;nein
"""


def test_csv_import_accepts_german_headers_and_semicolons(db_path):
    ws = workshops.create_workshop("Import")
    report = import_touchpoints_csv(ws.id, CSV_OK.encode("utf-8"))
    assert report.added == ["Hotline", "Bewertungsportal"]
    assert report.rejected == []
    portal = [t for t in touchpoints.touchpoints(ws.id) if t["name"] == "Bewertungsportal"][0]
    assert (portal["phase"], portal["is_direct"], portal["company_served"]) == (
        "Vor dem Kauf",
        0,
        0,
    )


def test_csv_import_reports_every_bad_row_and_keeps_the_good_ones(db_path):
    ws, _ = workshop_with_touchpoints()
    data = (
        "name,phase,kind,customer_preferred\n"
        "Chat,Vor dem Kauf,direct,yes\n"  # row 2: fine
        ",Vor dem Kauf,direct,yes\n"  # row 3: empty name
        "Website,Vor dem Kauf,direct,yes\n"  # row 4: exists already
        "Messe,Irgendwann,direct,yes\n"  # row 5: unknown phase
        "App,Nach dem Kauf,sometimes,yes\n"  # row 6: kind
        "Shop,Nach dem Kauf,direct,vielleicht\n"  # row 7: yes/no
        "Extra,Nach dem Kauf,direct,yes,surplus\n"  # row 8: extra cell
        "\n"  # row 9: blank, skipped
        f"{'L' * 500},Nach dem Kauf,direct,yes\n"  # row 10: too long
        "chat,Nach dem Kauf,direct,no\n"  # row 11: duplicate within the file
    )
    plan = export.plan_import(ws.id, data.encode())
    assert [(r.row, r.action) for r in plan.rows] == [
        (2, "add"), (3, "reject"), (4, "change"), (5, "add"), (6, "reject"), (7, "reject"),
        (8, "reject"), (10, "reject"), (11, "reject"),
    ]  # fmt: skip
    assert plan.new_phases == ["Irgendwann"]
    assert touchpoints.touchpoints(ws.id)[0]["name"] == "Website"  # a preview writes nothing
    assert len(touchpoints.touchpoints(ws.id)) == 3
    report = import_touchpoints_csv(ws.id, data.encode())
    assert report.added == ["Chat", "Messe"]
    assert report.skipped == ["Website"]  # exists with other values: changed only if asked
    assert [(row, code) for row, code, _ in report.rejected] == [
        (3, "empty_name"),
        (6, "not_direct_indirect"),
        (7, "not_yes_no"),
        (8, "csv_extra_cells"),
        (10, "name_too_long"),
        (11, "duplicate_in_file"),
    ]
    assert len(touchpoints.touchpoints(ws.id)) == 5
    assert [p["name"] for p in touchpoints.phases(ws.id)][-1] == "Irgendwann"
    website = touchpoints.touchpoints(ws.id)[0]
    assert website["customer_preferred"] == 0
    again = import_touchpoints_csv(ws.id, data.encode(), update_existing=True)
    assert again.updated == ["Website"] and again.added == []
    assert touchpoints.touchpoints(ws.id)[0]["customer_preferred"] == 1


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "csv_empty"),
        (b"foo,bar\n1,2\n", "csv_no_name_column"),
        (b"\x00\x01\x02name\n", "csv_not_text"),
        (b"n" * 2_000_001, "csv_too_big"),
    ],
)
def test_unreadable_csv_files_get_a_clear_reason(db_path, data, code):
    ws = workshops.create_workshop("Import")
    with pytest.raises(ValidationError) as err:
        import_touchpoints_csv(ws.id, data)
    assert err.value.code == code


def test_windows_excel_encoding_is_read(db_path):
    ws = workshops.create_workshop("Import")
    report = import_touchpoints_csv(
        ws.id, "name;phase\nMontage größer;Nach dem Kauf\n".encode("cp1252")
    )
    assert report.added == ["Montage größer"]


def test_export_then_import_gives_the_same_touchpoints(db_path):
    ws, _ = workshop_with_touchpoints(names=["=Formel", "Website", "Service-Hotline"])
    again = workshops.create_workshop("Kopie")
    report = import_touchpoints_csv(again.id, export.touchpoints_csv(ws.id))
    assert report.rejected == []

    def shape(wid):
        return [
            {
                k: t[k]
                for k in (
                    "phase",
                    "channel",
                    "is_direct",
                    "department",
                    "customer_preferred",
                    "company_served",
                )
            }
            for t in touchpoints.touchpoints(wid)
        ]

    assert shape(again.id) == shape(ws.id)
    # The guard the export puts before "=" is undone: the name comes back as it was.
    assert [t["name"] for t in touchpoints.touchpoints(again.id)] == [
        t["name"] for t in touchpoints.touchpoints(ws.id)
    ]
    assert export.touchpoints_csv(again.id) == export.touchpoints_csv(ws.id)


def test_abgleich_sorts_touchpoints_by_preferred_and_served(db_path):
    ws = workshops.create_workshop("Abgleich")
    phase = touchpoints.phases(ws.id)[0]["id"]
    for name, preferred, served in [
        ("WhatsApp", True, False),
        ("Katalog", False, True),
        ("Beratung", True, True),
        ("Fax", False, False),
        ("Chat", True, False),
    ]:
        touchpoints.add_touchpoint(
            ws.id, name, phase_id=phase, customer_preferred=preferred, company_served=served
        )
    parts = touchpoints.preferred_vs_served(touchpoints.touchpoints(ws.id))
    names = {k: [tp["name"] for tp in v] for k, v in parts.items()}
    assert names == {
        "preferred_not_served": ["WhatsApp", "Chat"],
        "served_not_preferred": ["Katalog"],
        "both": ["Beratung"],
        "neither": ["Fax"],
    }


def test_a_save_on_a_stale_version_is_refused_with_the_current_values(db_path):
    ws, (web, *_) = workshop_with_touchpoints()
    phase = touchpoints.phases(ws.id)[0]["id"]
    opened = touchpoints.get_touchpoint(ws.id, web)["version"]  # two tabs open the editor
    touchpoints.update_touchpoint(
        ws.id, web, version=opened, name="Website neu", phase_id=phase, channel="Online"
    )
    with pytest.raises(ValidationError, match="stale_edit") as stale:
        touchpoints.update_touchpoint(ws.id, web, version=opened, name="Webseite", phase_id=phase)
    assert stale.value.params["current"] == "Website neu · Online"
    assert touchpoints.get_touchpoint(ws.id, web)["name"] == "Website neu"
    # Saving again on the version the message named overwrites deliberately.
    touchpoints.update_touchpoint(
        ws.id, web, version=stale.value.params["version"], name="Webseite", phase_id=phase
    )
    assert touchpoints.get_touchpoint(ws.id, web)["name"] == "Webseite"


def test_names_are_by_id_in_journey_order(db_path):
    ws, (web, advice, delivery) = workshop_with_touchpoints(
        names=["Website", "Beratung", "Lieferung"]
    )
    touchpoints.move_touchpoint(ws.id, delivery, -1)
    assert list(touchpoints.names(ws.id).items()) == [
        (tp["id"], tp["name"]) for tp in touchpoints.touchpoints(ws.id)
    ]
    assert touchpoints.names(ws.id)[advice] == "Beratung"
