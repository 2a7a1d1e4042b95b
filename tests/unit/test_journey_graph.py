from cemworkshop import journey, journey_graph, touchpoints
from tests.unit.helpers import workshop_with_touchpoints


def spec_for(ws_id):
    return journey_graph.graph_spec(
        touchpoints.touchpoints(ws_id), journey.edges(ws_id), touchpoints.phases(ws_id)
    )


def test_nodes_sit_in_their_phase_column_coloured_by_phase(db_path):
    ws, (web, advice, delivery) = workshop_with_touchpoints()
    journey.add_edge(ws.id, web, advice)
    spec = spec_for(ws.id)
    by_id = {n["id"]: n for n in spec.nodes}
    assert [by_id[f"tp{i}"]["level"] for i in (web, advice, delivery)] == [0, 1, 2]
    assert by_id[f"tp{web}"]["color"]["background"] == journey_graph.phase_colour(0)[0]
    assert by_id[f"tp{delivery}"]["color"]["background"] == journey_graph.phase_colour(2)[0]
    assert [(e["from"], e["to"]) for e in spec.edges] == [(f"tp{web}", f"tp{advice}")]
    assert (
        spec.config["hierarchical"]
        and spec.config["direction"] == "LR"
        and spec.config["physics"] is False
    )


def test_the_spec_is_the_same_for_the_same_data_so_the_graph_does_not_remount(db_path):
    ws, _ = workshop_with_touchpoints()
    assert spec_for(ws.id) == spec_for(ws.id)


def test_user_text_never_goes_into_the_html_title(db_path):
    ws, _ = workshop_with_touchpoints()
    evil = '<img src=x onerror="alert(1)">'
    tp = touchpoints.add_touchpoint(ws.id, evil, phase_id=touchpoints.phases(ws.id)[0]["id"])
    node = next(n for n in spec_for(ws.id).nodes if n["id"] == f"tp{tp}")
    assert node["title"] == ""
    assert node["label"].replace("\n", " ").replace("- ", "-").startswith("<img")


def test_labels_wrap_at_word_boundaries_and_nodes_stay_narrow():
    label = journey_graph._wrap("Lieferterminabstimmungsgespräch mit Kunden")
    assert all(len(line) <= 24 for line in label.split("\n"))
    assert journey_graph._wrap("Empfehlung von Freunden") == "Empfehlung von\nFreunden"
    # A long word stays whole, or is cut after its own hyphen, never mid-syllable.
    assert journey_graph._wrap("Lieferterminabstimmung") == "Lieferterminabstimmung"
    assert (
        journey_graph._wrap("Online-Küchenplaner und Beratung")
        == "Online-Küchenplaner\nund Beratung"
    )


def test_a_click_maps_back_to_the_touchpoint(db_path):
    ws, (web, *_) = workshop_with_touchpoints()
    tps = touchpoints.touchpoints(ws.id)
    assert journey_graph.touchpoint_for_click(f"tp{web}", tps) == web
    assert journey_graph.touchpoint_for_click("tp999999", tps) is None
    assert journey_graph.touchpoint_for_click(None, tps) is None
    assert journey_graph.touchpoint_for_click("tpabc", tps) is None


def test_the_map_colours_by_gap_and_stars_moments_of_truth(db_path):
    ws, (web, advice, delivery) = workshop_with_touchpoints()
    colours = {delivery: journey_graph.GAP_COLOURS["critical_gap"]}
    spec = journey_graph.graph_spec(
        touchpoints.touchpoints(ws.id), [], touchpoints.phases(ws.id),
        colours=colours, marked=frozenset({delivery}),
    )  # fmt: skip
    by_id = {n["id"]: n for n in spec.nodes}
    assert (
        by_id[f"tp{delivery}"]["color"]["background"]
        == journey_graph.GAP_COLOURS["critical_gap"][0]
    )
    assert by_id[f"tp{delivery}"]["label"].startswith("★ ")
    assert by_id[f"tp{delivery}"]["borderWidth"] == 4
    assert by_id[f"tp{web}"]["color"]["background"] == journey_graph.phase_colour(0)[0]
    assert not by_id[f"tp{web}"]["label"].startswith("★")
