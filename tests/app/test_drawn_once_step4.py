"""Step 4's sections read through ``fetched`` and keep what they make of a read: a change, by
this page or another session, shows on the next run; tools behind an expander are drawn only
while it is open (the first one open while its list is empty)."""

from cemworkshop import complaints, continuous, priorities, workshops
from tests.app.conftest import open_step, shown, submit


def test_a_plan_change_shows_at_once_and_the_filter_narrows_the_picker(demo_id):
    token = workshops.new_facilitator_secrets(demo_id)[0]
    at = open_step(token, 4, "plan")
    first = priorities.plan(demo_id)[0]
    at.selectbox(key="plan_pick").set_value(first["id"]).run()
    at.text_input(key=f"plan_{first['id']}_owner").set_value("Zoe Neumann")
    submit(at, f"plan_{first['id']}")
    assert not at.exception
    assert "Zoe Neumann" in shown(at)  # the grid, read again after the save
    at.multiselect(key="plan_f_owner").set_value(["Zoe Neumann"]).run()
    assert at.selectbox(key="plan_pick").options == [first["title"]]


def test_a_candidate_added_elsewhere_shows_on_the_next_run(demo_id):
    token = workshops.new_facilitator_secrets(demo_id)[0]
    at = open_step(token, 4, "candidates")
    assert "Rückruf binnen einer Stunde" not in shown(at)
    priorities.add_candidate(demo_id, "Rückruf binnen einer Stunde")  # another session's save
    at.run()
    assert "Rückruf binnen einer Stunde" in shown(at)
    assert "Rückruf binnen einer Stunde" in at.selectbox(key="cand_pick").options


def test_complaint_tools_are_drawn_once_opened_and_an_empty_filter_is_fine(db_path):
    ws = workshops.create_workshop("Beschwerden")
    at = open_step(ws, 4, "complaints")
    assert at.text_area(key="compl_new_text")  # nothing logged yet: the form is open
    complaints.log(ws.id, received_at="2026-11-02", description="Termin verpasst")
    at = open_step(ws, 4, "complaints")
    keys = [w.key for w in at.text_area]
    assert "compl_new_text" not in keys  # closed: not drawn
    at.session_state["compl_new_box"] = True  # the facilitator opens it
    at.run()
    assert at.text_area(key="compl_new_text")
    at.multiselect(key="compl_filter").set_value(["closed"]).run()
    assert not at.exception  # no complaint in the filter: nothing to move on
    assert [i.value for i in at.info] == [
        "Nichts mit diesem Status. Ändern oder leeren Sie die Auswahl oben."
    ]  # said in words, not an empty box


def test_the_ideas_form_is_open_while_the_database_is_empty(db_path):
    ws = workshops.create_workshop("Ideen")
    at = open_step(ws, 4, "ideas")
    assert at.text_area(key="bank_new_text")
    continuous.add_idea(ws.id, "Tablet für Monteure")
    at = open_step(ws, 4, "ideas")
    assert "bank_new_text" not in [w.key for w in at.text_area]
    assert "Tablet für Monteure" in shown(at)
    at.multiselect(key="bank_filter").set_value(["done"]).run()  # nothing done yet
    assert "Nichts mit diesem Status. Ändern oder leeren Sie die Auswahl oben." in [
        i.value for i in at.info
    ]
