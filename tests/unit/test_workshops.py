import pytest

from cemworkshop import competitors, store, touchpoints, workshops
from cemworkshop.validation import ValidationError


def test_create_list_rename_delete(db_path):
    ws = workshops.create_workshop("Kick-off", company="Muster GmbH", language="en")
    listed = workshops.list_workshops()
    assert [w["name"] for w in listed] == ["Kick-off"]
    assert listed[0]["language"] == "en"
    assert [p["name"] for p in touchpoints.phases(ws.id)] == workshops.DEFAULT_PHASES["en"]
    workshops.update_workshop(ws.id, "  Kick-off   2027 ", company="Neu AG")
    assert workshops.get_workshop(ws.id)["name"] == "Kick-off 2027"
    assert workshops.get_workshop(ws.id)["company"] == "Neu AG"
    touchpoints.add_touchpoint(ws.id, "Website", phase_id=touchpoints.phases(ws.id)[0]["id"])
    workshops.join(ws.join_code, "Anna")
    workshops.delete_workshop(ws.id)
    assert workshops.list_workshops() == []
    assert store.value("SELECT count(*) FROM touchpoints") == 0
    assert store.value("SELECT count(*) FROM participants") == 0


@pytest.mark.parametrize(
    ("name", "code"), [("", "empty_name"), ("   ", "empty_name"), ("x" * 10_000, "name_too_long")]
)
def test_bad_workshop_names_are_refused_and_nothing_is_written(db_path, name, code):
    with pytest.raises(ValidationError) as err:
        workshops.create_workshop(name)
    assert err.value.code == code
    assert workshops.list_workshops() == []


def test_rename_to_an_overlong_name_keeps_the_old_one(db_path):
    ws = workshops.create_workshop("Alt")
    with pytest.raises(ValidationError):
        workshops.update_workshop(ws.id, "y" * 10_000)
    assert workshops.get_workshop(ws.id)["name"] == "Alt"


def test_join_codes_are_unique_readable_and_forgiving_to_type(db_path):
    codes = {workshops.create_workshop(f"W{i}").join_code for i in range(30)}
    assert len(codes) == 30
    assert all(len(c) == 6 and set(c) <= set(workshops.JOIN_ALPHABET) for c in codes)
    code = next(iter(codes))
    typed = f" {code[:3].lower()}-{code[3:].lower()} "
    assert workshops.workshop_by_join_code(typed)["join_code"] == code
    assert workshops.workshop_by_join_code("NOPE") is None


def test_secrets_are_stored_only_as_hashes(db_path):
    ws = workshops.create_workshop("Geheim")
    raw = db_path.read_bytes() + (db_path.parent / (db_path.name + "-wal")).read_bytes()
    assert ws.facilitator_token.encode() not in raw
    stored = store.row("SELECT facilitator_token_hash, pin_hash FROM workshops")
    assert ws.pin not in stored["pin_hash"]
    assert workshops.access_for_token(ws.facilitator_token) == workshops.Access(
        ws.id, "facilitator"
    )


def test_pin_login_gives_a_facilitator_token_and_locks_only_the_guessing_device(db_path):
    ws = workshops.create_workshop("PIN")
    token = workshops.login_with_pin(ws.id, ws.pin, device="laptop")
    assert workshops.access_for_token(token).role == "facilitator"
    wrong = "000000" if ws.pin != "000000" else "111111"
    for _ in range(workshops.PIN_MAX_FAILURES_DEVICE):
        with pytest.raises(ValidationError, match="wrong_pin"):
            workshops.login_with_pin(ws.id, wrong, device="phone-of-a-prankster")
    with pytest.raises(ValidationError, match="pin_locked") as locked:
        workshops.login_with_pin(ws.id, ws.pin, device="phone-of-a-prankster")
    assert locked.value.params == {"minutes": 5}  # the wait is said, not hidden
    # The facilitator's own device still gets in, and the facilitator link always works.
    assert workshops.login_with_pin(ws.id, ws.pin, device="laptop")
    assert workshops.access_for_token(ws.facilitator_token).role == "facilitator"


def test_a_network_address_guessing_from_many_sessions_is_locked_too(db_path):
    ws = workshops.create_workshop("PIN")
    wrong = "000000" if ws.pin != "000000" else "111111"
    for i in range(workshops.PIN_MAX_FAILURES_ADDRESS):
        with pytest.raises(ValidationError, match="wrong_pin"):
            workshops.login_with_pin(ws.id, wrong, device=f"tab{i}", address="10.0.0.66")
    with pytest.raises(ValidationError, match="pin_locked"):
        workshops.login_with_pin(ws.id, ws.pin, device="fresh-tab", address="10.0.0.66")
    assert workshops.login_with_pin(ws.id, ws.pin, device="fresh-tab", address="10.0.0.7")


def test_new_secrets_invalidate_old_link_and_pin_sessions(db_path):
    ws = workshops.create_workshop("Rotate")
    session = workshops.login_with_pin(ws.id, ws.pin, device="d")
    token, pin = workshops.new_facilitator_secrets(ws.id)
    assert workshops.access_for_token(ws.facilitator_token) is None
    assert workshops.access_for_token(session) is None
    assert workshops.access_for_token(token).workshop_id == ws.id
    assert (
        workshops.access_for_token(workshops.login_with_pin(ws.id, pin, device="d")).role
        == "facilitator"
    )


def test_participants_join_named_or_anonymous_and_only_see_their_workshop(db_path):
    a = workshops.create_workshop("A")
    b = workshops.create_workshop("B")
    anna = workshops.join(a.join_code, "  Anna ")
    anon = workshops.join(a.join_code, "")
    access = workshops.access_for_token(anna.token)
    assert access == workshops.Access(a.id, "participant", anna.participant_id)
    assert access.workshop_id != b.id
    names = [p["name"] for p in workshops.participants(a.id)]
    assert names == ["Anna", ""]
    assert workshops.participants(a.id)[1]["label"] == f"#{anon.participant_id}"
    with pytest.raises(ValidationError, match="name_too_long"):
        workshops.join(a.join_code, "z" * 10_000)
    with pytest.raises(ValidationError, match="unknown_join_code"):
        workshops.join("ZZZZZZ", "Ben")
    assert workshops.access_for_token("not-a-token") is None


def test_name_company_and_language_change_together_and_the_own_company_follows(db_path):
    ws = workshops.create_workshop("Kick-off", company="Muster GmbH")
    assert [c["name"] for c in competitors.companies(ws.id)] == ["Muster GmbH"]
    workshops.update_workshop(ws.id, "Kick-off", company="Neu AG", language="en")
    changed = workshops.get_workshop(ws.id)
    assert (changed["company"], changed["language"]) == ("Neu AG", "en")
    assert [c["name"] for c in competitors.companies(ws.id)] == ["Neu AG"]
    # A bad language refuses the whole change: the name stays as it was.
    with pytest.raises(ValidationError, match="bad_language"):
        workshops.update_workshop(ws.id, "Neuer Name", language="fr")
    assert workshops.get_workshop(ws.id)["name"] == "Kick-off"
