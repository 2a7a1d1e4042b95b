"""CSV exports of a workshop's tables.

    >>> touchpoints_csv(ws_id)      # bytes, UTF-8 with BOM so Excel shows umlauts
    >>> neutralise("=HYPERLINK(…)") # "'=HYPERLINK(…)": a spreadsheet shows it, never runs it

The touchpoint export uses the same columns the import reads, so a file goes out and
comes back in unchanged.
"""

from __future__ import annotations

import csv
import io

from cemworkshop import benchmark, customers, metrics, ron, rounds, store, touchpoints

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell):
    """A text cell that a spreadsheet would run as a formula, prefixed with ``'``; others unchanged."""
    if isinstance(cell, str) and cell.startswith(FORMULA_START):
        return "'" + cell
    return cell


def to_csv(header: list[str], records: list[list]) -> bytes:
    """A CSV file (comma-separated, UTF-8 with BOM) with every text cell neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for record in records:
        writer.writerow([neutralise(c) for c in record])
    return out.getvalue().encode("utf-8-sig")


def _yes_no(flag) -> str:
    return "yes" if flag else "no"


def touchpoints_csv(workshop_id: int) -> bytes:
    """The workshop's touchpoints in journey order, in the import's columns."""
    header = list(touchpoints.CSV_COLUMNS)
    records = [
        [
            t["name"],
            t["phase"],
            t["channel"],
            "direct" if t["is_direct"] else "indirect",
            t["department"],
            _yes_no(t["customer_preferred"]),
            _yes_no(t["company_served"]),
        ]
        for t in touchpoints.touchpoints(workshop_id)
    ]
    return to_csv(header, records)


def edges_csv(workshop_id: int) -> bytes:
    """The journey's paths as ``source, target`` touchpoint names."""
    return to_csv(
        ["source", "target"], [[e["source"], e["target"]] for e in touchpoints.edges(workshop_id)]
    )


def scores_csv(workshop_id: int) -> bytes:
    """Every score of every round: round, touchpoint, participant, dimension, value, time."""
    records = store.rows(
        """SELECT r.id AS round, r.title, r.status, t.name AS touchpoint, ph.name AS phase,
                  p.id AS participant_id, p.name AS participant, s.dimension, s.value,
                  s.submitted_at
           FROM scores s
           JOIN round_items i ON i.id = s.round_item_id
           JOIN rounds r ON r.id = i.round_id
           JOIN touchpoints t ON t.id = i.touchpoint_id
           JOIN phases ph ON ph.id = t.phase_id
           JOIN participants p ON p.id = s.participant_id
           WHERE r.workshop_id = ?
           ORDER BY r.id, i.position, p.id, s.dimension""",
        [workshop_id],
    )
    header = [
        "round",
        "round_title",
        "round_status",
        "touchpoint",
        "phase",
        "participant_id",
        "participant",
        "dimension",
        "value",
        "submitted_at",
    ]
    return to_csv(header, [[r[k] for k in r] for r in records])


def summary_csv(workshop_id: int, round_id: int) -> bytes:
    """One round's results per touchpoint: means, gap, spread, quadrant."""
    rnd = rounds.get_round(round_id)
    if rnd is None or rnd["workshop_id"] != workshop_id:
        return to_csv(metrics.SUMMARY_COLUMNS, [])
    summary = metrics.touchpoint_summary(rounds.round_scores(round_id)).round(2)
    return to_csv(
        list(summary.columns), summary.astype(object).where(summary.notna(), "").values.tolist()
    )


RON_OUTPUTS = ["lost_by_nothing", "cem_gain", "cem_net", "roi", "break_even_year"]


def ron_csv(workshop_id: int) -> bytes:
    """Every Return-on-Nothing scenario: its inputs and what they give."""
    records = []
    for sc in ron.scenarios(workshop_id):
        result = metrics.return_on_nothing(sc["inputs"])
        outputs = [
            round(getattr(result, k), 4)
            if isinstance(getattr(result, k), float)
            else getattr(result, k)
            for k in RON_OUTPUTS
        ]
        records.append([sc["name"], *(getattr(sc["inputs"], f) for f in ron.FIELDS), *outputs])
    return to_csv(["scenario", *ron.FIELDS, *RON_OUTPUTS], records)


def segments_csv(workshop_id: int) -> bytes:
    """Customer segments: name, description, share of customers, value per year, needs."""
    cols = ["name", "description", "share_pct", "value_per_year", "needs"]
    return to_csv(cols, [[sg[c] for c in cols] for sg in customers.segments(workshop_id)])


def feedback_sources_csv(workshop_id: int) -> bytes:
    """Feedback sources with available yes/no and a note."""
    return to_csv(
        ["name", "available", "note"],
        [[f["name"], _yes_no(f["available"]), f["note"]] for f in customers.sources(workshop_id)],
    )


def personas_csv(workshop_id: int) -> bytes:
    """Personas with segment, goals, frustrations and the touchpoints they use (``;``-separated)."""
    names = {tp["id"]: tp["name"] for tp in touchpoints.touchpoints(workshop_id)}
    return to_csv(
        ["name", "segment", "goals", "frustrations", "touchpoints"],
        [
            [p["name"], p["segment"] or "", p["goals"], p["frustrations"],
             "; ".join(names[i] for i in p["touchpoints"] if i in names)]
            for p in customers.personas(workshop_id)
        ],
    )  # fmt: skip


def promises_csv(workshop_id: int) -> bytes:
    """The brand promise and the customer promise."""
    return to_csv(["promise", "text"], list(benchmark.promises(workshop_id).items()))


def benchmark_csv(workshop_id: int) -> bytes:
    """Per criterion every company's score, and the own company's gap to the best competitor."""
    table = benchmark.comparison(
        benchmark.criteria(workshop_id),
        benchmark.companies(workshop_id),
        benchmark.scores(workshop_id),
    )
    records = [
        [r.criterion, r.company, "yes" if r.own else "no", r.value, round(r.gap, 2)]
        for r in table.itertuples()
    ]
    return to_csv(["criterion", "company", "own", "value", "gap_to_best_competitor"], records)
