"""The journey graph as data for streamlit-agraph: nodes, edges, layout, and what a click means.

    >>> spec = graph_spec(touchpoints, edges, phases)      # deterministic, unit-testable
    >>> touchpoint_for_click("tp12", touchpoints)           # -> 12, or None

``pages/common/graph.py`` draws a spec with agraph; this module holds no Streamlit.

Why the details:
- streamlit-agraph has no ``key``: any change to nodes, edges or config remounts it, so the
  spec is built in a fixed order with stable ids and only changes when the data does.
- Its front end feeds a node's ``title`` to ``innerHTML`` (and ``window.open`` on a double
  click), so no user text ever goes into ``title``. Labels are drawn on a canvas: text only.
- Phases are columns from left to right (vis-network's hierarchical layout with explicit
  levels; hierarchical layout needs ``physics=False``).
"""

from __future__ import annotations

from dataclasses import dataclass

# (fill, border) per gap band of the touchpoint map; grey where nothing was scored.
GAP_COLOURS = {
    "exceeds": ("#b7e4c7", "#2d6a4f"),
    "meets": ("#dbeafe", "#1c6dd0"),
    "slight_gap": ("#ffe5b4", "#e07b00"),
    "critical_gap": ("#ffb3b3", "#c1121f"),
    "unscored": ("#eeeeee", "#9e9e9e"),
}

# (fill, border) per phase, in journey order; repeats after six phases.
PHASE_COLOURS = [
    ("#cfe1ff", "#1c6dd0"),
    ("#ffe0b2", "#e07b00"),
    ("#c8f0d2", "#1f9d4c"),
    ("#e4d4ff", "#7b3fe4"),
    ("#ffd0d0", "#d62728"),
    ("#e3e3e3", "#6b6b6b"),
]
NODE_PREFIX = "tp"


def phase_colour(position: int) -> tuple[str, str]:
    """Fill and border colour of the phase at ``position`` (0-based)."""
    return PHASE_COLOURS[position % len(PHASE_COLOURS)]


def node_id(touchpoint_id: int) -> str:
    return f"{NODE_PREFIX}{touchpoint_id}"


@dataclass(frozen=True)
class GraphSpec:
    """Everything agraph gets, as plain data: ``nodes`` and ``edges`` dicts, ``config`` kwargs."""

    nodes: tuple[dict, ...]
    edges: tuple[dict, ...]
    config: dict


def _pieces(word: str, longest: int) -> list[str]:
    """A word too long for one line, cut after its own hyphens first ("Online-" "Küchenplaner"),
    and only a word longer than ``longest`` with no hyphen in reach is cut with one."""
    pieces = []
    while len(word) > longest:
        cut = word.rfind("-", 0, longest)
        if cut > 0:
            pieces.append(word[: cut + 1])
            word = word[cut + 1 :]
        else:
            pieces.append(word[: longest - 1] + "-")
            word = word[longest - 1 :]
    return [*pieces, word]


def _wrap(name: str, width: int = 18, longest: int = 24) -> str:
    """The label in lines of about ``width`` characters, broken at spaces and hyphens.

    vis-network wraps only at spaces; a single word up to ``longest`` characters keeps its
    line (a slightly wider node reads better than "Lieferterminabsti-mmung").
    """
    lines, line = [], ""
    for word in name.split(" "):
        for piece in _pieces(word, longest) if len(word) > width else [word]:
            if line and len(line) + 1 + len(piece) > width and not line.endswith("-"):
                lines.append(line)
                line = piece
            elif line and line.endswith("-") and len(line) + len(piece) > width:
                lines.append(line)
                line = piece
            else:
                line = f"{line}{'' if line.endswith('-') or not line else ' '}{piece}"
    lines.append(line)
    return "\n".join(lines[:4]) + ("…" if len(lines) > 4 else "")


def graph_spec(
    touchpoints: list[dict],
    edges: list[dict],
    phases: list[dict],
    *,
    colours: dict[int, tuple[str, str]] | None = None,
    marked: frozenset[int] = frozenset(),
    height: int = 600,
) -> GraphSpec:
    """The journey graph for agraph: a node per touchpoint in its phase's column, an arrow per edge.

    ``colours`` replaces the fill per touchpoint id (the touchpoint map fills by gap; the
    border keeps the phase's colour); touchpoints in ``marked`` (moments of truth) get a
    star and a heavy border.
    """
    level = {p["id"]: i for i, p in enumerate(phases)}
    nodes = []
    for tp in sorted(
        touchpoints, key=lambda t: (level.get(t["phase_id"], 0), t["position"], t["id"])
    ):
        # The border always tells the phase (the journey's lanes); the fill may tell the gap.
        fill, border = phase_colour(level.get(tp["phase_id"], 0))
        if colours and tp["id"] in colours:
            fill = colours[tp["id"]][0]
        star = "★ " if tp["id"] in marked else ""
        nodes.append(
            {
                "id": node_id(tp["id"]),
                "label": star + _wrap(tp["name"]),
                "title": "",
                "level": level.get(tp["phase_id"], 0),
                "shape": "box",
                "size": 25,
                "color": {
                    "background": fill,
                    "border": border,
                    "highlight": {"background": fill, "border": "#111111"},
                },
                "borderWidth": 4 if tp["id"] in marked else 2,
                "font": {"size": 18, "color": "#111111", "face": "sans-serif"},
                "margin": 10,
                "shapeProperties": {"borderDashes": False if tp.get("is_direct", 1) else [6, 4]},
            }
        )
    edge_list = [
        {
            "source": node_id(e["source_id"]),
            "from": node_id(e["source_id"]),
            "to": node_id(e["target_id"]),
            "id": f"e{e['source_id']}-{e['target_id']}",
            "color": "#5f5f5f",
            "arrows": "to",
            "width": 2.5,
            "smooth": {"type": "cubicBezier", "forceDirection": "horizontal", "roundness": 0.4},
        }
        for e in sorted(edges, key=lambda e: (e["source_id"], e["target_id"]))
    ]
    config = {
        "height": height,
        "width": 1000,
        "directed": True,
        "physics": False,
        "hierarchical": True,
        "direction": "LR",
        "sortMethod": "directed",
        "levelSeparation": 250,
        "nodeSpacing": 66,
        "treeSpacing": 66,
        "interaction": {
            "dragView": True,
            "zoomView": False,
            "hover": True,
            "selectConnectedEdges": False,
        },
    }
    return GraphSpec(tuple(nodes), tuple(edge_list), config)


def touchpoint_for_click(value: str | None, touchpoints: list[dict]) -> int | None:
    """The touchpoint a click on the graph picked: agraph returns the node id, or None."""
    if not isinstance(value, str) or not value.startswith(NODE_PREFIX):
        return None
    try:
        wanted = int(value[len(NODE_PREFIX) :])
    except ValueError:
        return None
    return wanted if any(t["id"] == wanted for t in touchpoints) else None
