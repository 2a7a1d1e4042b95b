"""Home page: the host's workshop list and settings; nobody else gets in."""

from cemworkshop import workshops
from tests.app.conftest import make_app, submit, texts


def test_host_sees_demo_with_join_code_link_and_qr(as_host, demo_id):
    at = make_app()
    at.run()
    assert not at.exception
    ws = workshops.get_workshop(demo_id)
    assert at.title[0].value == "Management\\-Workshop Customer Experience"
    shown = "\n".join(h.proto.body for h in at.get("html"))
    assert f"{ws['join_code'][:3]}&nbsp;{ws['join_code'][3:]}" in shown
    assert any(f"/join?code={ws['join_code']}" in c.value for c in at.code)
    assert len(at.get("image")) >= 1  # the QR code


def test_create_workshop_form_writes_what_it_says(as_host, db_path):
    at = make_app()
    at.run()
    at.text_input(key="ws_new_name").input("Kick-off Vertrieb")
    at.text_input(key="ws_new_company").input("Nordlicht AG")
    at.segmented_control(key="ws_new_language").set_value("en")
    submit(at, "ws_create")
    assert not at.exception
    (ws,) = workshops.list_workshops()
    assert (ws["name"], ws["company"], ws["language"]) == (
        "Kick-off Vertrieb",
        "Nordlicht AG",
        "en",
    )
    # It opens, and the facilitator link and PIN are shown once.
    assert at.title[0].value == "Kick\\-off Vertrieb"
    assert "PIN" in texts(at)


def test_overlong_workshop_name_is_refused_and_the_input_kept(as_host, db_path):
    at = make_app()
    at.run()
    at.text_input(key="ws_new_name").input("x" * 10_000)
    submit(at, "ws_create")
    assert "zu lang" in texts(at)
    assert workshops.list_workshops() == []
    assert at.text_input(key="ws_new_name").value == "x" * 10_000


def test_rename_and_delete_with_confirmation(as_host, demo_id):
    at = make_app()
    at.run()
    at.text_input(key=f"ws_name_{demo_id}").input("Workshop <b>neu</b>")
    submit(at, "ws_rename")
    assert workshops.get_workshop(demo_id)["name"] == "Workshop <b>neu</b>"
    assert at.title[0].value == "Workshop \\<b\\>neu\\</b\\>"  # markup shows as text
    at.text_input(key=f"ws_delete_confirm_{demo_id}").input("falscher Name")
    at.button(key="ws_delete").click()
    at.run()
    assert "nichts gelöscht" in texts(at)
    assert workshops.get_workshop(demo_id) is not None
    at.text_input(key=f"ws_delete_confirm_{demo_id}").input("Workshop <b>neu</b>")
    at.button(key="ws_delete").click()
    at.run()
    assert workshops.get_workshop(demo_id) is None
    assert not at.exception


def test_a_stranger_without_a_link_only_gets_the_join_page(demo_id):
    at = make_app()
    at.run()
    assert not at.exception
    assert at.subheader[0].value == "Am Workshop teilnehmen"
    assert "Alle Workshops" not in texts(at)


def test_a_facilitator_link_opens_only_its_workshop(demo_id, db_path):
    other = workshops.create_workshop("Anderer Workshop")
    at = make_app(token=other.facilitator_token)
    at.run()
    assert at.title[0].value == "Anderer Workshop"
    assert "Management" not in texts(at)  # the host's list is not shown
    assert "Alle Workshops" not in texts(at)


def test_english_home(as_host, demo_id):
    at = make_app(lang="en")
    at.run()
    assert not at.exception
    assert "Invite participants" in texts(at)


def test_the_join_link_names_the_workshop_it_joins(demo_id):
    ws = workshops.get_workshop(demo_id)
    at = make_app()
    at.query_params["code"] = ws["join_code"]
    at.run()
    assert not at.exception
    assert at.subheader[0].value == "Management\\-Workshop Customer Experience"
    assert at.text_input(key="join_code").value == ws["join_code"]
    assert "Sie treten diesem Workshop bei." in texts(at)


def test_a_template_opens_as_a_new_workshop_and_an_archived_one_leaves_the_list(as_host, demo_id):
    at = make_app()
    at.run()
    assert "Nicht übernommen: Teilnehmende" in texts(at)  # the screen says what is copied
    at.text_input(key="ws_template_name").input("Kick-off Filiale Nord")
    submit(at, "ws_template")
    assert not at.exception
    assert at.title[0].value == "Kick\\-off Filiale Nord"  # opened at once
    assert "PIN" in texts(at)
    names = [w["name"] for w in workshops.list_workshops()]
    assert "Kick-off Filiale Nord" in names and len(names) == 2
    at.button(key="ws_archive").click().run()
    assert [w["name"] for w in workshops.list_workshops(archived=True)] == ["Kick-off Filiale Nord"]
    assert "archiviert" in texts(at)
    at.toggle(key="ws_show_archived").set_value(True).run()
    assert "Kick\\-off Filiale Nord" in texts(at) and "Management" not in texts(at)
