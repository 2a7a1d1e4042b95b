"""Draws a journey graph spec (``cemworkshop.journey_graph``) with streamlit-agraph."""

from __future__ import annotations

from cemworkshop.journey_graph import GraphSpec


def render(spec: GraphSpec) -> str | None:
    """Draw the graph in the page; returns the id of the node clicked last, or None."""
    # Imported here: agraph declares its component on import, which must happen in the server.
    from streamlit_agraph import Config, Edge, Node, agraph

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
    return agraph(nodes=nodes, edges=edges, config=config)
