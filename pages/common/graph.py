"""Draws a journey graph spec (``cemworkshop.journey_graph``) with streamlit-agraph."""

from __future__ import annotations

import functools
import json
from pathlib import Path

from cemworkshop.journey_graph import PHASE_COLOURS, GraphSpec
from pages.common.tables import built_from
from pages.common.text import md

# Streamlit's badge colours nearest to the journey graph's phase colours, in the same order.
BADGE_COLOURS = ["blue", "orange", "green", "violet", "red", "gray"]


def phase_legend(phases: list[dict], lead: str) -> str:
    """``lead`` and one coloured badge per phase, in journey order (Markdown, names escaped)."""
    assert len(BADGE_COLOURS) == len(PHASE_COLOURS)
    badges = " ".join(
        f":{BADGE_COLOURS[i % len(BADGE_COLOURS)]}-badge[{md(p['name'])}]"
        for i, p in enumerate(phases)
    )
    return f"{lead} {badges}"


def render(spec: GraphSpec) -> str | None:
    """Draw the graph in the page; returns the id of the node clicked last, or None. The
    JSON is made once per spec: a page passes the same object on every rerun while nothing
    changed (``fetched``, ``kept``)."""
    data, config = built_from(spec, "graph.agraph", lambda: _as_json(spec))
    return _component()(data=data, config=config)


@functools.cache
def _component():
    """streamlit-agraph's own component (its shipped frontend), given JSON made once per spec:
    its ``agraph()`` turns every node and edge into JSON again on every rerun. Declared on
    first use, which is in the server."""
    import streamlit.components.v1 as components
    import streamlit_agraph

    build = Path(streamlit_agraph.__file__).parent / "frontend" / "build"
    return components.declare_component("agraph", path=str(build))


def _as_json(spec: GraphSpec) -> tuple[str, str]:
    """(nodes and edges, config) as streamlit-agraph's frontend reads them."""
    nodes, edges, config = _agraph_input(spec)
    data = {"nodes": [n.to_dict() for n in nodes], "edges": [e.to_dict() for e in edges]}
    return json.dumps(data), json.dumps(config.__dict__)


def _agraph_input(spec: GraphSpec) -> tuple[list, list, object]:
    """agraph's nodes, edges and config for a spec."""
    from streamlit_agraph import Config, Edge, Node

    nodes = []
    for n in spec.nodes:
        node = Node(**n)
        node.title = ""  # Node() falls back to the id; keep user text and ids out of innerHTML
        nodes.append(node)
    edges = [
        Edge(
            e["source"],
            e["to"],
            **{k: v for k, v in e.items() if k not in ("source", "from", "to")},
        )
        for e in spec.edges
    ]
    config = Config(**spec.config)
    config.width = "100%"
    return nodes, edges, config
