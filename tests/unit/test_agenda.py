"""The run of the day: formats as data, the planned times (a new day starts the clock again),
reordering, and what actually happened — over-runs against the plan."""

from __future__ import annotations

from datetime import datetime

import pytest

from cemworkshop import agenda, workshops
from cemworkshop.validation import ValidationError


def test_every_format_has_an_agenda_in_both_languages_with_sections_of_the_app(db_path):
    from pages.step1 import SECTIONS as S1  # the sections a block may open
    from pages.step2 import SECTIONS as S2
    from pages.step3 import SECTIONS as S3
    from pages.step4 import SECTIONS as S4
    from pages.step5 import SECTIONS as S5

    known = {f"step{n}:{k}" for n, s in enumerate((S1, S2, S3, S4, S5), start=1) for k in s}
    for name in agenda.FORMATS[:-1]:
        de, en = agenda.format_blocks(name, "de"), agenda.format_blocks(name, "en")
        assert len(de) == len(en) > 5, name
        assert [(b["kind"], b["target"], b["minutes"]) for b in de] == [
            (b["kind"], b["target"], b["minutes"]) for b in en]  # fmt: skip
        assert {b["target"] for b in de if b["kind"] == "section"} <= known, name
    assert agenda.format_blocks("free", "de") == []


def test_the_management_day_follows_the_method_and_its_times_add_up(db_path):
    ws = workshops.create_workshop("Tag")
    assert agenda.load_format(ws.id, "management_day", "de") == 11
    found = agenda.blocks(ws.id)
    planned = agenda.schedule(found, "09:00")
    # 20 + 20 + 30 + 15 (break) = 85 minutes → touchpoints start 10:25
    assert [(b["title"], b["start"], b["end"]) for b in planned[:5]][4] == (
        "Touchpoints sammeln", "10:25", "11:10")  # fmt: skip
    total = agenda.totals(found, "09:00")
    assert total == {"minutes": 20 + 20 + 30 + 15 + 45 + 45 + 45 + 60 + 45 + 15 + 30, "days": 1,
                     "end": "15:10"}  # fmt: skip
    agenda.set_day_start(ws.id, "8:30")
    assert agenda.settings(ws.id) == {"format": "management_day", "day_start": "08:30"}
    with pytest.raises(ValidationError):
        agenda.set_day_start(ws.id, "25:00")


def test_a_new_day_starts_the_clock_again(db_path):
    ws = workshops.create_workshop("Training")
    agenda.load_format(ws.id, "board_training", "de")
    planned = agenda.schedule(agenda.blocks(ws.id), "09:00")
    day2 = next(i for i, b in enumerate(planned) if b["kind"] == "day")
    assert planned[day2 + 1]["day"] == 2 and planned[day2 + 1]["start"] == "09:00"
    assert agenda.totals(agenda.blocks(ws.id), "09:00")["days"] == 2


def _welcome_scoring_break(workshop_id: int, *, welcome: int) -> tuple[int, int, int]:
    """A welcome of ``welcome`` minutes, the scoring section (45) and a break (15)."""
    return (
        agenda.add_block(workshop_id, kind="talk", title="Begrüßung", minutes=welcome),
        agenda.add_block(
            workshop_id, kind="section", title="Bewertung", minutes=45, target="step1:scoring"
        ),
        agenda.add_block(workshop_id, kind="break", title="Pause", minutes=15),
    )


def test_blocks_are_reordered_added_and_refused_with_reasons(db_path):
    ws = workshops.create_workshop("Frei")
    a, b, c = _welcome_scoring_break(ws.id, welcome=10)
    agenda.move(ws.id, c, -1)
    assert [x["id"] for x in agenda.blocks(ws.id)] == [a, c, b]
    agenda.move(ws.id, a, -1)  # already first: stays
    assert [x["id"] for x in agenda.blocks(ws.id)] == [a, c, b]
    with pytest.raises(ValidationError):
        agenda.add_block(ws.id, kind="section", title="Nirgends", minutes=5, target="step9:x")
    with pytest.raises(ValidationError):
        agenda.add_block(ws.id, kind="talk", title="", minutes=5)
    with pytest.raises(ValidationError):
        agenda.add_block(ws.id, kind="talk", title="Zu lang", minutes=601)


def test_starting_blocks_records_the_actual_times_and_the_overrun(db_path):
    ws = workshops.create_workshop("Lauf")
    a, b, c = _welcome_scoring_break(ws.id, welcome=20)
    agenda.start(ws.id, a, datetime(2026, 11, 30, 9, 2))
    now = agenda.now_and_next(ws.id, datetime(2026, 11, 30, 9, 12))
    assert (now.block["id"], now.seconds_left, now.next["id"]) == (a, 10 * 60, b)
    agenda.start(ws.id, b, datetime(2026, 11, 30, 9, 27))  # the welcome ran 25 minutes
    now = agenda.now_and_next(ws.id, datetime(2026, 11, 30, 10, 20))
    assert (now.block["id"], now.seconds_left, now.next["id"]) == (b, -8 * 60, c)  # 8 over
    agenda.finish(ws.id, datetime(2026, 11, 30, 10, 22))
    planned = agenda.schedule(agenda.blocks(ws.id), "09:00")
    assert [(p["actual_start"], p["actual_end"], p["actual_minutes"], p["overrun"]) for p in planned] == [
        ("09:02", "09:27", 25, 5), ("09:27", "10:22", 55, 10), (None, None, None, None)]  # fmt: skip
    assert agenda.current(ws.id) is None


def test_overruns_are_written_with_their_sign():
    assert [agenda.overrun_text(m) for m in (6, -2, 0, None)] == ["+6", "−2", "±0", "–"]


def test_a_block_opens_its_round_with_what_its_section_offers_first(db_path):
    from cemworkshop import touchpoints
    from cemworkshop.rounds import lifecycle
    from cemworkshop.rounds.five_rules import KIND as FIVE_RULES
    from cemworkshop.rounds.touchpoint_scoring import KIND as SCORING

    ws = workshops.create_workshop("Runden")
    phase = touchpoints.phases(ws.id)[0]["id"]
    tps = [touchpoints.add_touchpoint(ws.id, n, phase_id=phase) for n in ("Website", "Beratung")]
    agenda.load_format(ws.id, "management_day", "de")
    found = agenda.blocks(ws.id)
    assert [b["round_kind"] for b in found if b["round_kind"]] == [
        "five_rules", "touchpoint_scoring", "ideas", "impact_effort"]  # fmt: skip
    welcome = found[0]
    rid = agenda.open_round(ws.id, welcome, "de")
    assert lifecycle.get_round(rid)["kind"] == FIVE_RULES.name
    with pytest.raises(ValidationError):  # one round at a time
        agenda.open_round(ws.id, found[5], "de")
    lifecycle.close_round(ws.id, rid)
    rid = agenda.open_round(ws.id, found[5], "de")
    assert lifecycle.get_round(rid)["kind"] == SCORING.name
    assert sorted(SCORING.item_ids(rid)) == sorted(tps)  # every touchpoint
    assert agenda.open_round(ws.id, found[1], "de") is None  # the goals bring no round
    with pytest.raises(ValidationError):
        agenda.add_block(ws.id, kind="section", title="X", minutes=5, target="step1:scoring",
                         round_kind="poker")  # fmt: skip
