"""Small builders for unit tests: a workshop with touchpoints, participants, a scoring round."""

from cemworkshop import touchpoints, workshops
from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.touchpoint_scoring import KIND as TOUCHPOINT_SCORING


def workshop_with_touchpoints(names=("Website", "Beratung", "Lieferung"), language="de"):
    """A new workshop with one touchpoint per name, spread over the default phases."""
    ws = workshops.create_workshop("Test-Workshop", company="Muster GmbH", language=language)
    phases = touchpoints.phases(ws.id)
    ids = [
        touchpoints.add_touchpoint(ws.id, name, phase_id=phases[i % len(phases)]["id"])
        for i, name in enumerate(names)
    ]
    return ws, ids


def participants(ws, count):
    return [workshops.join(ws.join_code, f"Person {i}").participant_id for i in range(count)]


def open_scoring(workshop_id, touchpoint_ids, **options):
    """Open a touchpoint scoring round (``with_competitor``, ``hide_results``, ``title``)."""
    return lifecycle.open_round(
        workshop_id, TOUCHPOINT_SCORING.name, touchpoint_ids=touchpoint_ids, **options
    )


def score(round_id, participant_id, by_touchpoint):
    """Submit ``{touchpoint_id: {dimension: value}}`` as the phone does (keyed by round item)."""
    items = TOUCHPOINT_SCORING.item_ids(round_id)
    answers = {items.get(tp, -tp): values for tp, values in by_touchpoint.items()}
    return lifecycle.submit(round_id, participant_id, answers)


def my_scores(round_id, participant_id):
    """The participant's answers keyed by touchpoint again."""
    by_item = {v: k for k, v in TOUCHPOINT_SCORING.item_ids(round_id).items()}
    return {
        by_item[item]: values
        for item, values in lifecycle.my_answers(round_id, participant_id).items()
    }
