"""Small builders for unit tests: a workshop with touchpoints and participants."""

from cemworkshop import touchpoints, workshops


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
