"""Step 3's touchpoint worksheets: the version check between two writers, ideas, candidate
measures with their link kept — against a real SQLite file."""

import pytest

from cemworkshop import ideas, innovation, touchpoints, worksheets, workshops
from cemworkshop.validation import ValidationError


def setup():
    ws = workshops.create_workshop("Blätter")
    phase = touchpoints.phases(ws.id)[2]["id"]
    return ws, [
        touchpoints.add_touchpoint(ws.id, n, phase_id=phase) for n in ("Lieferung", "Montage")
    ]


def test_a_new_sheet_is_empty_and_the_later_of_two_saves_is_refused(db_path):
    ws, (lie, mon) = setup()
    blank = worksheets.sheet(ws.id, lie)
    assert (blank["version"], blank["ist"], blank["touchpoint"]) == (0, "", "Lieferung")
    # Two people open the new sheet (version 0); the first save wins …
    assert worksheets.save(ws.id, lie, ist="Zeitfenster ganztägig", by="Jana", version=0) == 1
    with pytest.raises(ValidationError) as err:  # … the second is refused, nothing written
        worksheets.save(ws.id, lie, ist="Anruf vorher fehlt", by="Ole", version=0)
    assert err.value.code == "stale_worksheet"
    assert err.value.params["current"]["ist"] == "Zeitfenster ganztägig"
    assert err.value.params["version"] == 1 and err.value.params["by"] == "Jana"
    assert worksheets.sheet(ws.id, lie)["ist"] == "Zeitfenster ganztägig"
    # A deliberate second save on the version now stored overwrites.
    worksheets.save(ws.id, lie, ist="Anruf vorher fehlt", by="Ole", version=1)
    now = worksheets.sheet(ws.id, lie)
    assert (now["ist"], now["updated_by"], now["version"]) == ("Anruf vorher fehlt", "Ole", 2)
    # Another sheet at the same time is not affected.
    worksheets.save(ws.id, mon, soll="Abnahme mit Protokoll", version=0)
    assert worksheets.sheet(ws.id, mon)["soll"] == "Abnahme mit Protokoll"


def test_texts_are_bounded_and_touchpoints_must_be_the_workshops(db_path):
    ws, (lie, _) = setup()
    other = workshops.create_workshop("Andere")
    with pytest.raises(ValidationError) as err:
        worksheets.save(ws.id, lie, ist="x" * (worksheets.MAX_TEXT + 1), version=0)
    assert err.value.code == "name_too_long"
    with pytest.raises(ValidationError) as err:
        worksheets.save(other.id, lie, ist="fremd", version=0)
    assert err.value.code == "unknown_touchpoint"
    with pytest.raises(ValidationError):
        worksheets.add_idea(other.id, lie, "fremd")


def test_an_idea_becomes_one_candidate_measure_with_its_link(db_path):
    ws, (lie, _) = setup()
    idea = worksheets.add_idea(ws.id, lie, "Zwei-Stunden-Zeitfenster")
    with pytest.raises(ValidationError) as err:
        worksheets.add_idea(ws.id, lie, "zwei-stunden-zeitfenster")
    assert err.value.code == "duplicate_idea"
    made = worksheets.to_measure(ws.id, idea)
    assert worksheets.to_measure(ws.id, idea) == made  # a second click doubles nothing
    (m,) = ideas.measures(ws.id)
    assert (m["id"], m["title"], m["touchpoint_id"], m["source_worksheet_idea_id"]) == (
        made, "Zwei-Stunden-Zeitfenster", lie, idea)  # fmt: skip
    assert worksheets.ideas(ws.id, lie)[0]["measure_id"] == made
    with pytest.raises(ValidationError) as err:  # the measure keeps its idea
        worksheets.delete_idea(ws.id, idea)
    assert err.value.code == "idea_is_measure"
    other = worksheets.add_idea(ws.id, lie, "Schutzmatten")
    worksheets.delete_idea(ws.id, other)
    assert [i["text"] for i in worksheets.ideas(ws.id, lie)] == ["Zwei-Stunden-Zeitfenster"]


def test_the_overview_puts_prioritised_touchpoints_first(db_path):
    ws, (lie, mon) = setup()
    innovation.choose(ws.id, [mon])
    worksheets.save(ws.id, lie, ist="a", soll="b", by="Jana", version=0)
    rows = worksheets.overview(ws.id)
    assert [r["touchpoint"] for r in rows] == ["Montage", "Lieferung"]
    assert rows[0]["prioritised"] and not rows[1]["prioritised"]
    assert (rows[1]["written"], rows[1]["updated_by"]) == (2, "Jana")
