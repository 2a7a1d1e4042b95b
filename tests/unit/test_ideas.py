"""Step 2's memories: ideas posted live, hidden and restored, merged and split, suggested
duplicates, and the dot vote's limits — against a real SQLite file, with threads."""

import threading

import pytest

from cemworkshop import ideas, store, touchpoints, workshops
from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.dot_vote import KIND as DOT_VOTE
from cemworkshop.rounds.ideas_round import KIND as IDEAS
from cemworkshop.validation import ValidationError


def setup(n_people=3):
    ws = workshops.create_workshop("Ideen")
    phase = touchpoints.phases(ws.id)[2]["id"]
    montage = touchpoints.add_touchpoint(ws.id, "Montage", phase_id=phase)
    lieferung = touchpoints.add_touchpoint(ws.id, "Lieferung", phase_id=phase)
    people = [workshops.join(ws.join_code, f"P{i}").participant_id for i in range(n_people)]
    rid = lifecycle.open_round(
        ws.id, IDEAS.name, touchpoint_ids=[montage, lieferung], hide_results=True
    )
    items = {it["touchpoint_id"]: it["item_id"] for it in IDEAS.items(rid)}
    return ws, rid, items[montage], items[lieferung], people


def post(rid, person, item, text):
    lifecycle.submit(rid, person, {item: {"idea": text}})
    return store.value("SELECT max(id) FROM ideas")


def test_ideas_are_posted_private_counted_and_withdrawn(db_path):
    ws, rid, montage, lieferung, (anna, ben, cem) = setup()
    first = post(rid, anna, montage, "  Kaffee und Kuchen bei der Montage  ")
    post(rid, anna, lieferung, "Lieferzeit per SMS ankündigen")
    post(rid, ben, montage, "Montageteam stellt sich vorher per Foto vor")
    assert IDEAS.answers(rid, anna)[montage] == [
        {"id": first, "text": "Kaffee und Kuchen bei der Montage"}
    ]
    assert IDEAS.others_count(rid, anna) == {montage: 1}  # Ben's, not the text
    assert IDEAS.answer_counts(rid) == {anna: 2, ben: 1}
    status = lifecycle.status(rid)
    assert [p["name"] for p in status["in_progress"]] == ["P0", "P1"]  # done only when said
    lifecycle.say_ready(rid, anna)
    assert [p["name"] for p in lifecycle.status(rid)["done"]] == ["P0"]
    for bad, code in (("", "empty_name"), ("x" * 281, "name_too_long")):
        with pytest.raises(ValidationError) as err:
            post(rid, cem, montage, bad)
        assert err.value.code == code or err.value.params.get("field") == "idea"
    lifecycle.submit(rid, anna, {montage: {"withdraw": first}})
    lifecycle.submit(rid, ben, {montage: {"withdraw": first - 99}})  # not his: nothing
    assert [i["text"] for i in ideas.visible(rid)] == [
        "Lieferzeit per SMS ankündigen", "Montageteam stellt sich vorher per Foto vor",
    ]  # fmt: skip
    # hidden until revealed; then the ideas show, authors only when the facilitator says so
    lifecycle.close_round(ws.id, rid)
    with pytest.raises(ValidationError):
        post(rid, cem, montage, "zu spät")


def test_hidden_ideas_stay_stored_and_come_back_edits_are_versioned(db_path):
    ws, rid, montage, _, (anna, *_) = setup()
    idea = post(rid, anna, montage, "Kafee bei der Montage")
    ideas.hide(ws.id, idea)
    assert ideas.visible(rid, with_hidden=False) == []
    assert ideas.visible(rid)[0]["hidden"] == 1
    ideas.restore(ws.id, idea)
    ideas.edit(ws.id, idea, "Kaffee bei der Montage", version=0)
    with pytest.raises(ValidationError) as err:
        ideas.edit(ws.id, idea, "Tee bei der Montage", version=0)
    assert err.value.code == "stale_edit"
    assert ideas.visible(rid)[0]["text"] == "Kaffee bei der Montage"
    other = workshops.create_workshop("Fremd")
    with pytest.raises(ValidationError):
        ideas.hide(other.id, idea)  # not this workshop's idea


def test_merge_and_split_keep_the_originals(db_path):
    ws, rid, montage, lieferung, (anna, ben, cem) = setup()
    a = post(rid, anna, montage, "Kaffee bei der Montage")
    b = post(rid, ben, montage, "Kuchen für die Monteure und den Kunden")
    c = post(rid, cem, lieferung, "Blumen bei der Lieferung")
    with pytest.raises(ValidationError) as err:
        ideas.merge(ws.id, rid, [a], "Allein")
    assert err.value.code == "merge_needs_two"
    group = ideas.merge(ws.id, rid, [a, b], "Bewirtung bei der Montage")
    assert ideas.groups(rid) == [
        {"id": group, "title": "Bewirtung bei der Montage", "version": 0, "ideas": [a, b]}
    ]
    # merging a grouped idea with another brings the whole group along
    bigger = ideas.merge(ws.id, rid, [b, c], "Kleine Aufmerksamkeiten")
    assert [g["ideas"] for g in ideas.groups(rid)] == [[a, b, c]]
    ideas.split(ws.id, c)
    assert [g["ideas"] for g in ideas.groups(rid)] == [[a, b]]
    ideas.split(ws.id, a)  # one left: the group dissolves
    assert ideas.groups(rid) == []
    assert {i["group_id"] for i in ideas.visible(rid)} == {None}
    assert len(ideas.visible(rid)) == 3  # nothing lost
    assert bigger != group


def test_duplicates_are_suggested_by_word_overlap_never_applied(db_path):
    ws, rid, montage, lieferung, (anna, ben, cem) = setup()
    a = post(rid, anna, montage, "Kaffee und Kuchen bei der Montage")
    b = post(rid, ben, montage, "Bei der Montage Kaffee und Kuchen anbieten!")
    c = post(rid, cem, montage, "Kaffee & Kuchen zur Montage")
    post(rid, cem, lieferung, "Lieferung per SMS ankündigen")
    post(rid, anna, lieferung, "Rückruf innerhalb einer Stunde")
    assert ideas.words("Kaffee und Kuchen bei der Montagen!") == {"kaffe", "kuch", "montag"}
    assert ideas.similarity(ideas.words("Kaffee Kuchen"), ideas.words("Kuchen Tee")) == 1 / 3
    assert ideas.suggest_duplicates(rid) == [[a, b, c]]
    assert ideas.groups(rid) == []  # only a suggestion
    # at most five in one suggested group
    for person in (anna, ben, cem, anna):
        post(rid, person, montage, "Kaffee und Kuchen bei der Montage")
    assert max(len(g) for g in ideas.suggest_duplicates(rid)) == 5


def open_vote(ws, rid, **limits):
    lifecycle.close_round(ws.id, rid)
    return lifecycle.open_round(ws.id, DOT_VOTE.name, source_round_id=rid, **limits)


def test_the_ballot_has_one_line_per_group_and_per_visible_idea(db_path):
    ws, rid, montage, lieferung, (anna, ben, cem) = setup()
    a = post(rid, anna, montage, "Kaffee bei der Montage")
    b = post(rid, ben, montage, "Kuchen bei der Montage")
    hidden = post(rid, cem, lieferung, "Unsinn")
    c = post(rid, cem, lieferung, "Lieferung per SMS ankündigen")
    ideas.merge(ws.id, rid, [a, b], "Bewirtung")
    ideas.hide(ws.id, hidden)
    vote = open_vote(ws, rid)
    subjects = DOT_VOTE.items(vote)
    assert [(s["subject"], s["group"], s["ideas"]) for s in subjects] == [
        ("Bewirtung", "Montage", ["Kaffee bei der Montage", "Kuchen bei der Montage"]),
        ("Lieferung per SMS ankündigen", "Lieferung", []),
    ]
    assert subjects[1]["idea_id"] == c
    with pytest.raises(ValidationError) as err:  # the ballot is fixed while the vote runs
        ideas.split(ws.id, a)
    assert err.value.code == "vote_is_open"


def test_dot_limits_are_enforced_and_dots_can_be_taken_back(db_path):
    ws, rid, montage, lieferung, (anna, ben, _) = setup()
    for i in range(4):
        post(rid, anna, montage, f"Idee {i}")
    vote = open_vote(ws, rid, budget=4, cap=2)
    one, two, three, four = (s["item_id"] for s in DOT_VOTE.items(vote))
    lifecycle.submit(vote, anna, {one: {"dots": 2}})
    with pytest.raises(ValidationError) as err:
        lifecycle.submit(vote, anna, {two: {"dots": 3}})
    assert err.value.code == "dots_cap"
    lifecycle.submit(vote, anna, {two: {"dots": 2}})
    with pytest.raises(ValidationError) as err:
        lifecycle.submit(vote, anna, {three: {"dots": 1}})
    assert err.value.code == "dots_budget"
    lifecycle.submit(vote, anna, {one: {"dots": 1}}, expected={one: {"dots": 2}})  # one back
    lifecycle.submit(vote, anna, {three: {"dots": 1}})
    assert DOT_VOTE.answers(vote, anna) == {one: {"dots": 1}, two: {"dots": 2}, three: {"dots": 1}}
    with pytest.raises(ValidationError) as err:  # another tab changed it meanwhile
        lifecycle.submit(vote, anna, {one: {"dots": 2}}, expected={one: {"dots": 0}})
    assert err.value.code == "stale_answer" and err.value.params["value"] == 1
    lifecycle.submit(vote, anna, {three: {"dots": 0}})
    assert three not in DOT_VOTE.answers(vote, anna)
    for bad in (-1, "2", True, 1.5):
        with pytest.raises(ValidationError):
            lifecycle.submit(vote, ben, {four: {"dots": bad}})
    # limits: cap above budget, out of range, or below what someone already spent: refused
    for budget, cap, code in ((3, 4, "cap_above_budget"), (13, 3, "out_of_range"),
                              (2, 2, "budget_below_spent"), (4, 1, "cap_below_given")):  # fmt: skip
        with pytest.raises(ValidationError) as err:
            DOT_VOTE.set_limits(ws.id, vote, budget, cap)
        assert err.value.code == code
    DOT_VOTE.set_limits(ws.id, vote, 6, 3)
    assert DOT_VOTE.limits(vote)["budget"] == 6


def test_thirty_phones_voting_at_once_never_exceed_either_limit(db_path):
    ws, rid, montage, _, people = setup(n_people=30)
    post(rid, people[0], montage, "Eine Idee")
    post(rid, people[1], montage, "Noch eine Idee")
    vote = open_vote(ws, rid, budget=5, cap=3)
    first, second = (s["item_id"] for s in DOT_VOTE.items(vote))
    barrier = threading.Barrier(30)
    refused = []

    def tap(person):
        barrier.wait()
        for item in (first, first, first, first, second, second, second):
            try:
                have = DOT_VOTE.answers(vote, person).get(item, {}).get("dots", 0)
                lifecycle.submit(
                    vote, person, {item: {"dots": have + 1}}, expected={item: {"dots": have}}
                )
            except ValidationError as err:
                refused.append(err.code)
        store.close_thread_connections()

    threads = [threading.Thread(target=tap, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    spent = DOT_VOTE.answer_counts(vote)
    assert spent == {p: 5 for p in people}  # 3 on the first (cap), 2 on the second (budget)
    per_item = store.rows(
        "SELECT round_item_id, participant_id, count FROM dots WHERE count > 3", []
    )
    assert per_item == []
    assert refused.count("dots_cap") == 30 and refused.count("dots_budget") == 30


def test_the_ranking_breaks_ties_by_the_earlier_idea_and_feeds_measures(db_path):
    ws, rid, montage, lieferung, (anna, ben, cem) = setup()
    early = post(rid, anna, montage, "Frühe Idee")
    late = post(rid, ben, lieferung, "Späte Idee")
    best = post(rid, cem, montage, "Beste Idee")
    vote = open_vote(ws, rid)
    item = {s["idea_id"]: s["item_id"] for s in DOT_VOTE.items(vote)}
    lifecycle.submit(vote, anna, {item[best]: {"dots": 3}, item[late]: {"dots": 2}})
    lifecycle.submit(vote, ben, {item[early]: {"dots": 2}, item[best]: {"dots": 1}})
    ranking = DOT_VOTE.ranking(vote)
    assert list(ranking["subject"]) == ["Beste Idee", "Frühe Idee", "Späte Idee"]
    assert list(ranking["dots"]) == [4, 2, 2] and list(ranking["voters"]) == [2, 1, 1]
    assert list(ranking["tie"]) == [False, True, True]
    lifecycle.close_round(ws.id, vote)
    assert ideas.to_measures(ws.id, vote, top=2) == 2
    found = ideas.measures(ws.id)
    assert [(m["title"], m["dots"], m["touchpoint"]) for m in found] == [
        ("Beste Idee", 4, "Montage"), ("Frühe Idee", 2, "Montage"),
    ]  # fmt: skip
    assert found[0]["source_idea_id"] == best and found[0]["source_vote_round_id"] == vote
    assert ideas.to_measures(ws.id, vote, top=3) == 1  # the two again are not doubled
    assert len(ideas.measures(ws.id)) == 3


def test_a_timer_that_closes_at_zero(db_path, monkeypatch):
    ws, rid, montage, _, (anna, *_) = setup()
    lifecycle.set_timer(ws.id, rid, 1, close_at_end=True)
    assert lifecycle.close_when_due(ws.id) is False
    later = "2999-01-01T00:00:00.000000Z"
    monkeypatch.setattr(store, "now", lambda: later)
    with pytest.raises(ValidationError) as err:
        post(rid, anna, montage, "zu spät")
    assert err.value.code == "round_closed"
    assert lifecycle.close_when_due(ws.id) is True
    assert lifecycle.get_round(rid)["status"] == "closed"


def test_ideas_votes_and_measures_export(db_path):
    from cemworkshop.exchange.tables import TABLES

    ws, rid, montage, lieferung, (anna, ben, _) = setup()
    post(rid, anna, montage, "=SUMME(A1) als Idee")  # formula-like: neutralised in the file
    post(rid, ben, lieferung, "Lieferung live verfolgen")
    vote = open_vote(ws, rid)
    first = DOT_VOTE.items(vote)[1]["item_id"]
    lifecycle.submit(vote, anna, {first: {"dots": 2}})
    lifecycle.close_round(ws.id, vote)
    ideas.to_measures(ws.id, vote)
    lines = {
        k: TABLES[k](ws.id).decode("utf-8-sig").splitlines() for k in ("ideas", "votes", "measures")
    }
    assert lines["ideas"][1].split(",")[4] == "'=SUMME(A1) als Idee"
    assert lines["votes"][1].split(",")[4:9] == [
        "1",
        "Lieferung live verfolgen",
        "Lieferung",
        "1",
        "2",
    ]
    assert lines["measures"][1].split(",")[1:5] == [
        "Lieferung live verfolgen",
        "Lieferung",
        "memory",  # where it came from: step 2's vote
        "2",
    ]
