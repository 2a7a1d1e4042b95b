"""Draws a journey graph spec (``cemworkshop.journey_graph``) with streamlit-agraph."""

from __future__ import annotations

from cemworkshop.journey_graph import PHASE_COLOURS, GraphSpec
from pages.common.charts import kept
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
    """Draw the graph in the page; returns the id of the node clicked last, or None."""
    # Imported here: agraph declares its component on import, which must happen in the server.
    from streamlit_agraph import agraph

    nodes, edges, config = kept("graph.agraph", lambda: _agraph_input(spec), spec)
    return agraph(nodes=nodes, edges=edges, config=config)


def _agraph_input(spec: GraphSpec) -> tuple[list, list, object]:
    """agraph's nodes, edges and config for a spec (made once per spec; agraph only reads them)."""
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
