"""The demo workshop at ``factor`` times its size, to compare page times at 1×, 3×, 10×.

    python -m tests.bench.scaled /tmp/s.db 3          # builds it, prints rows per table
    python -m tests.bench.scaled /tmp/s.db 1 3 10     # one database file per factor: s-1.db …

The demo's CSV files (``data/demo/``) are read ``factor`` times: copy 1 as it is, copy n with
" (n)" after every name — touchpoints, participants, ideas and groups, candidates, KPIs,
segments, personas, criteria, scenarios, board members, channels, respondents … — so each copy
is a whole demo of its own inside one workshop, loaded through the same app functions as
``cemworkshop.demo`` (CSV imports, rounds, records). Copies after the first have their ratings
nudged by one now and then (seeded), so the copies do not agree to the decimal; complaints and
customers of copy n lie (n − 1) half-years earlier (a month has one number of customers).

Every table of the demo then has ``factor`` times its rows, except what the method or the
workshop fixes: phases, the five rules, the built-in metrics and the own one, the day's agenda,
the complaint causes, the own company and its two competitors (the criteria grow instead), the
method's six CEM goals (own goals grow), one strategy, one charter, the rounds (one of each
kind, each with ``factor`` times the items and answers) — and a person still answers only the
touchpoints, ideas and measures of their own copy.

One difference from the demo: the Experience 360° scoring round stays open with its results
visible, as in the large workshop (``large_workshop.py``), the heaviest state a page meets.
"""

from __future__ import annotations

import csv
import io
import os
import random
import sys
from datetime import date, datetime
from pathlib import Path

from tests.bench.large_workshop import Large, table_counts

DEMO_DIR = Path(__file__).resolve().parents[2] / "data" / "demo"
ONCE = {"workshop.csv", "promises.csv", "strategy.csv", "organisation.csv", "barometer.csv"}
NAMES = {  # columns holding a name: tagged per copy
    "touchpoints.csv": ("name",),
    "edges.csv": ("source", "target"),
    "participants.csv": ("name",),
    "five_rules.csv": ("participant",),
    "ideas.csv": ("participant", "touchpoint", "text", "group"),
    "dots.csv": ("participant", "idea"),
    "gap.csv": ("participant", "touchpoint"),
    "candidates.csv": ("title", "touchpoint", "kpi"),
    "impact.csv": ("participant", "measure"),
    "scores.csv": ("participant", "touchpoint"),
    "segments.csv": ("name",),
    "personas.csv": ("name", "segment"),
    "feedback_sources.csv": ("name",),
    "benchmark.csv": ("criterion",),
    "ron_scenarios.csv": ("name",),
    "goals.csv": ("goal",),
    "kpis.csv": ("name",),
    "innovation.csv": ("touchpoint",),
    "feedback.csv": ("Touchpoint", "Kanal"),
    "voc_plan.csv": ("channel",),
    "board.csv": ("name",),
    "communication.csv": (),
    "trainings.csv": ("touchpoint",),
    "empowerment.csv": ("touchpoint",),
    "agreements.csv": ("kpi",),
    "worksheets.csv": ("touchpoint",),
    "worksheet_ideas.csv": ("touchpoint", "text"),
    "plan.csv": ("measure",),
    "ideas_bank.csv": ("text", "touchpoint"),
    "complaints.csv": ("Touchpoint",),
    "customers.csv": (),
    "rewards.csv": ("programme", "kpi"),
    "measurements.csv": ("Befragter", "Touchpoint"),
    "hotline_survey.csv": ("Touchpoint",),
    "kpi_sources.csv": ("kpi", "touchpoint"),
    "kpi_values.csv": ("kpi",),
    "kpi_targets.csv": ("kpi",),
    "obstacles.csv": ("description", "touchpoint", "measure"),
}
RATINGS = {  # whole-number ratings nudged in copies after the first: column → scale
    "five_rules.csv": {"value": (1, 5)},
    "scores.csv": {"importance": (1, 5), "performance": (1, 5), "competitor": (1, 5)},
    "gap.csv": {"expectation": (1, 5), "experience": (1, 5)},
    "impact.csv": {"impact": (1, 5), "effort": (1, 5)},
}
COMPLAINT_DATES = ("Eingang", "bestätigt", "beantwortet", "abgeschlossen")
STAMP = "%d.%m.%Y %H:%M"


def tag(name: str, copy: int) -> str:
    """A name in copy ``copy`` (0 is the demo's own)."""
    return name if copy == 0 or not name else f"{name} ({copy + 1})"


def _months_back(year: int, month: int, back: int) -> tuple[int, int]:
    n = year * 12 + month - 1 - back
    return n // 12, n % 12 + 1


class Copies:
    """The demo's CSV files, ``factor`` times (see the module's description)."""

    def __init__(self, factor: int, seed: int) -> None:
        if factor < 1:
            raise ValueError("factor must be 1 or more")
        self.factor = factor
        self.rng = random.Random(seed)
        self._rows: dict[str, tuple[list[str], str, list[dict]]] = {}

    def _file(self, name: str) -> tuple[list[str], str, list[dict]]:
        if name not in self._rows:
            text = (DEMO_DIR / name).read_text(encoding="utf-8-sig")
            delimiter = ";" if ";" in text.splitlines()[0] else ","
            reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
            self._rows[name] = (list(reader.fieldnames or []), delimiter, list(reader))
        return self._rows[name]

    def read(self, name: str) -> list[dict]:
        """The rows of every copy, copy by copy."""
        _, _, rows = self._file(name)
        if name in ONCE:
            return [dict(r) for r in rows]
        out = []
        for copy in range(self.factor):
            for r in rows:
                made = self._copy(name, r, copy)
                if made is not None:
                    out.append(made)
        return out

    def names(self, name: str) -> list[str]:
        """``name`` as each copy calls it."""
        return [tag(name, copy) for copy in range(self.factor)]

    def data(self, name: str) -> bytes:
        """The file of every copy, as an import reads it (same header and delimiter)."""
        header, delimiter, _ = self._file(name)
        buf = io.StringIO(newline="")
        writer = csv.DictWriter(buf, header, delimiter=delimiter, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(self.read(name))
        return buf.getvalue().encode("utf-8")

    def _copy(self, name: str, row: dict, copy: int) -> dict | None:
        r = dict(row)
        if name == "goals.csv" and copy and r["goal"] in _method_goals():
            return None  # the method's goals are there once; own goals come per copy
        for col in NAMES[name]:
            r[col] = tag(r[col], copy)
        if name == "segments.csv" and self.factor > 1:  # the shares add up as the demo's do
            r["share_pct"] = f"{float(r['share_pct']) / self.factor:.4f}"
        if not copy:
            return r
        if name == "personas.csv":
            r["touchpoints"] = "; ".join(tag(t.strip(), copy) for t in r["touchpoints"].split(";"))
        elif name == "goals.csv":
            r["top"] = "no"
        elif name == "complaints.csv":
            y, m = _months_back(2026, 6, 6 * copy)
            shift = date(2026, 6, 1) - date(y, m, 1)
            for col in COMPLAINT_DATES:
                if r[col]:
                    r[col] = (datetime.strptime(r[col], STAMP) - shift).strftime(STAMP)
        elif name == "customers.csv":
            y, m = _months_back(*map(int, r["month"].split("-")), 6 * copy)
            r["month"] = f"{y}-{m:02d}"
        elif name == "measurements.csv" and r["Wert"].isdigit():
            low, high = map(int, r["Skala"].split("-"))
            r["Wert"] = str(self._nudge(int(r["Wert"]), low, high))
        for col, (low, high) in RATINGS.get(name, {}).items():
            if r[col].isdigit():
                r[col] = str(self._nudge(int(r[col]), low, high))
        return r

    def _nudge(self, value: int, low: int, high: int) -> int:
        step = self.rng.choice((-1, 0, 0, 0, 1))
        return min(high, max(low, value + step))


def _method_goals() -> set[str]:
    from cemworkshop.schema import METHOD_GOALS

    return set(METHOD_GOALS)


def build_scaled(path: Path | str, factor: int, seed: int = 20261124) -> Large:
    """Create the demo workshop at ``factor`` times its size in a fresh database at ``path``."""
    os.environ["CEMWORKSHOP_DB"] = str(path)
    from cemworkshop import store

    store.close_thread_connections()
    with store.transaction():  # as the demo: all of it, or nothing
        return _load(Copies(factor, seed))


def _load(d: Copies) -> Large:
    from cemworkshop import (
        competitors,
        customers,
        demo,
        journey,
        profitability,
        touchpoints,
        workshops,
    )
    from cemworkshop.exchange.touchpoints import import_touchpoints_csv
    from cemworkshop.rounds import lifecycle
    from cemworkshop.rounds.touchpoint_scoring import KIND as TOUCHPOINT_SCORING

    meta = d.read("workshop.csv")[0]
    ws = workshops.create_workshop(
        f"{meta['name']} ×{d.factor}", company=meta["company"], language=meta["language"]
    )
    report = import_touchpoints_csv(ws.id, d.data("touchpoints.csv"))
    if report.rejected:
        raise RuntimeError(f"touchpoints rejected: {report.rejected[:3]}")
    by_name = {t["name"]: t["id"] for t in touchpoints.touchpoints(ws.id)}
    for e in d.read("edges.csv"):
        journey.add_edge(ws.id, by_name[e["source"]], by_name[e["target"]])
    joined = {
        p["name"]: workshops.join(ws.join_code, p["name"]) for p in d.read("participants.csv")
    }
    people = {name: j.participant_id for name, j in joined.items()}
    _five_rules(d, ws.id, people)
    _memories(d, ws.id, people, by_name)
    _gap_round(d, ws.id, people, by_name)
    _impact_round(d, ws.id, people, by_name)
    round_id = lifecycle.open_round(
        ws.id, TOUCHPOINT_SCORING.name, touchpoint_ids=list(by_name.values()),
        with_competitor=True, title="Experience 360°",
    )  # fmt: skip
    items = TOUCHPOINT_SCORING.item_ids(round_id)
    given: dict[int, dict[int, dict[str, int]]] = {}
    for s in d.read("scores.csv"):
        given.setdefault(people[s["participant"]], {})[items[by_name[s["touchpoint"]]]] = {
            k: int(s[k]) for k in ("importance", "performance", "competitor")
        }
    for participant_id, scores in given.items():
        lifecycle.submit(round_id, participant_id, scores)
    for sg in d.read("segments.csv"):
        customers.save_segment(
            ws.id, sg["name"], description=sg["description"], needs=sg["needs"],
            share_pct=float(sg["share_pct"]), value_per_year=float(sg["value_per_year"]),
        )  # fmt: skip
    segment_ids = {sg["name"]: sg["id"] for sg in customers.segments(ws.id)}
    for pe in d.read("personas.csv"):
        customers.save_persona(
            ws.id, pe["name"], segment_id=segment_ids[pe["segment"]], goals=pe["goals"],
            frustrations=pe["frustrations"],
            touchpoint_ids=[by_name[n.strip()] for n in pe["touchpoints"].split(";")],
        )  # fmt: skip
    for src in d.read("feedback_sources.csv"):
        customers.set_source(
            ws.id, src["name"], available=src["available"] == "yes", note=src["note"]
        )
    promises = d.read("promises.csv")[0]
    workshops.set_promises(ws.id, promises["brand_promise"], promises["customer_promise"])
    bench = d.read("benchmark.csv")
    names = [k for k in bench[0] if k != "criterion"]
    company = {names[0]: competitors.own_company(ws.id)}
    company.update({n: competitors.add_competitor(ws.id, n) for n in names[1:]})
    for row in bench:
        crit = competitors.add_criterion(ws.id, row["criterion"])
        competitors.set_scores(ws.id, {(crit, company[n]): float(row[n]) for n in names})
    for sc in d.read("ron_scenarios.csv"):
        values = {k: float(v) for k, v in sc.items() if k != "name"}
        profitability.save_scenario(ws.id, sc["name"], profitability.check_inputs(**values))
    _strategy(d, ws.id)
    demo._innovation(d, ws.id, by_name)  # the same loaders as the demo, reading the copies
    demo._voice(d, ws.id)
    demo._organisation(d, ws.id, by_name)
    demo._plan(d, ws.id)
    demo._continuous(d, ws.id, by_name)
    _optimisation(d, ws.id, by_name)
    demo._day(ws.id, meta["language"])
    return Large(ws.id, ws.facilitator_token, [j.token for j in joined.values()], round_id)


def _five_rules(d: Copies, workshop_id: int, people: dict[str, int]) -> None:
    from cemworkshop.rounds import lifecycle
    from cemworkshop.rounds.five_rules import DIMENSION
    from cemworkshop.rounds.five_rules import KIND as FIVE_RULES

    rid = lifecycle.open_round(
        workshop_id, FIVE_RULES.name, title="Die 5 Regeln für erfolgreiches CEM"
    )
    items = {it["rule"]: it["item_id"] for it in FIVE_RULES.items(rid)}
    given: dict[int, dict[int, dict[str, int]]] = {}
    for r in d.read("five_rules.csv"):
        given.setdefault(people[r["participant"]], {})[items[r["rule"]]] = {
            DIMENSION: int(r["value"])
        }
    for participant_id, answers in given.items():
        lifecycle.submit(rid, participant_id, answers)
    lifecycle.close_round(workshop_id, rid)


def _memories(d: Copies, workshop_id: int, people: dict[str, int], by_name: dict[str, int]) -> None:
    """The ideas round (merged duplicates, hidden ideas), the blind dot vote, the vote's top
    five of every copy as candidate measures."""
    from cemworkshop import ideas
    from cemworkshop.rounds import lifecycle
    from cemworkshop.rounds.dot_vote import KIND as DOT_VOTE
    from cemworkshop.rounds.ideas_round import KIND as IDEAS

    rows = d.read("ideas.csv")
    used = list(dict.fromkeys(by_name[r["touchpoint"]] for r in rows))
    rid = lifecycle.open_round(workshop_id, IDEAS.name, title="Erinnerungen schaffen",
                               hide_results=True, touchpoint_ids=used)  # fmt: skip
    items = {it["touchpoint_id"]: it["item_id"] for it in IDEAS.items(rid)}
    for r in rows:
        lifecycle.submit(
            rid, people[r["participant"]], {items[by_name[r["touchpoint"]]]: {"idea": r["text"]}}
        )
    posted: dict[str, list[int]] = {}
    for r, idea in zip(rows, ideas.visible(rid), strict=True):  # oldest first: as posted
        if r["group"]:
            posted.setdefault(r["group"], []).append(idea["id"])
        if r["hidden"] == "yes":
            ideas.hide(workshop_id, idea["id"])
    for title, members in posted.items():
        ideas.merge(workshop_id, rid, members, title)
    lifecycle.reveal_round(workshop_id, rid)
    vote = ideas.start_vote(workshop_id, rid, budget=5, cap=3, title="Punktabstimmung")
    subjects = {s["subject"]: s["item_id"] for s in DOT_VOTE.items(vote)}
    given: dict[int, dict[int, dict[str, int]]] = {}
    for dot in d.read("dots.csv"):
        given.setdefault(people[dot["participant"]], {})[subjects[dot["idea"]]] = {
            "dots": int(dot["dots"])
        }
    for participant_id, answers in given.items():
        lifecycle.submit(vote, participant_id, answers)
    lifecycle.close_round(workshop_id, vote)
    lifecycle.reveal_round(workshop_id, vote)
    ideas.to_measures(workshop_id, vote, top=5 * d.factor)


def _gap_round(
    d: Copies, workshop_id: int, people: dict[str, int], by_name: dict[str, int]
) -> None:
    from cemworkshop.rounds import lifecycle
    from cemworkshop.rounds.expectation_gap import KIND as GAP

    rows = d.read("gap.csv")
    rid = lifecycle.open_round(
        workshop_id, GAP.name, title="Erwartungsabgleich",
        touchpoint_ids=list(dict.fromkeys(by_name[r["touchpoint"]] for r in rows)),
    )  # fmt: skip
    items = GAP.item_ids(rid)
    for r in rows:
        lifecycle.submit(rid, people[r["participant"]], {items[by_name[r["touchpoint"]]]: {
            "expectation": int(r["expectation"]), "experience": int(r["experience"])}})  # fmt: skip
    lifecycle.close_round(workshop_id, rid)
    lifecycle.reveal_round(workshop_id, rid)


def _impact_round(
    d: Copies, workshop_id: int, people: dict[str, int], by_name: dict[str, int]
) -> None:
    from cemworkshop import priorities
    from cemworkshop.rounds import lifecycle
    from cemworkshop.rounds.impact_effort import KIND as IMPACT_EFFORT
    from cemworkshop.rounds.rating import SKIP

    for c in d.read("candidates.csv"):
        if c["added_here"] == "yes":
            priorities.add_candidate(
                workshop_id, c["title"], touchpoint_id=by_name[c["touchpoint"]]
            )
    ids = {m["title"]: m["id"] for m in priorities.candidates(workshop_id)}
    rid = lifecycle.open_round(workshop_id, IMPACT_EFFORT.name, title="Wirkung und Aufwand",
                               hide_results=True, measure_ids=list(ids.values()))  # fmt: skip
    items = IMPACT_EFFORT.item_ids(rid)
    for r in d.read("impact.csv"):
        value = {k: r[k] if r[k] == SKIP else int(r[k]) for k in ("impact", "effort")}
        lifecycle.submit(rid, people[r["participant"]], {items[ids[r["measure"]]]: value})
    lifecycle.close_round(workshop_id, rid)
    lifecycle.reveal_round(workshop_id, rid)


def _strategy(d: Copies, workshop_id: int) -> None:
    """Goals (the method's and the own ones, the demo's top three), the texts, the KPIs — each
    with the target it had before the board changed it (see ``_optimisation``)."""
    from cemworkshop import kpis, strategy

    order = d.read("goals.csv")
    known = {g["key"]: g["id"] for g in strategy.goals(workshop_id) if g["key"]}
    for g in order:
        goal_id = known.get(g["goal"]) or strategy.add_goal(workshop_id, g["goal"])
        if g["top"] == "yes":
            strategy.set_top(workshop_id, goal_id, True)
    strategy.save_texts(workshop_id, **{r["part"]: r["text"] for r in d.read("strategy.csv")})
    before = {c["kpi"]: float(c["old"]) for c in d.read("kpi_targets.csv")}
    for k in d.read("kpis.csv"):
        kpis.save_kpi(
            workshop_id, k["name"], definition=k["definition"], unit=k["unit"],
            direction=k["direction"], baseline=float(k["baseline"]),
            target=before.get(k["name"], float(k["target"])), target_date=k["target_date"],
            source=k["source"], owner=k["owner"],
        )  # fmt: skip


def _optimisation(d: Copies, workshop_id: int, by_name: dict[str, int]) -> None:
    from cemworkshop import barometer, kpis, obstacles, priorities, success
    from cemworkshop.exchange.measurements import import_measurements, plan_measurements

    for name in ("measurements.csv", "hotline_survey.csv"):
        plan = plan_measurements(workshop_id, d.data(name))
        if plan.rejected or plan.unmatched:
            raise RuntimeError(f"{name}: {plan.rejected[:3]} {plan.unmatched}")
        import_measurements(workshop_id, plan)
    metric_ids = {m["name"]: m["id"] for m in barometer.metrics(workshop_id)}
    weights = {}
    for m in d.read("barometer.csv"):
        barometer.set_target(workshop_id, metric_ids[m["metric"]], float(m["target"]))
        weights[metric_ids[m["metric"]]] = float(m["weight"])
    barometer.set_weights(workshop_id, weights)
    kpi_ids = {k["name"]: k["id"] for k in kpis.kpis(workshop_id)}
    for s in d.read("kpi_sources.csv"):
        success.set_source(workshop_id, kpi_ids[s["kpi"]], metric_ids[s["metric"]],
                           by_name.get(s["touchpoint"]), s["reading"])  # fmt: skip
    for v in d.read("kpi_values.csv"):
        success.set_kpi_value(
            workshop_id, kpi_ids[v["kpi"]], v["period"], float(v["value"]), v["note"]
        )
    for c in d.read("kpi_targets.csv"):
        success.change_target(workshop_id, kpi_ids[c["kpi"]], float(c["target"]), c["reason"],
                              on=c["changed_on"])  # fmt: skip
    measures = {m["title"]: m["id"] for m in priorities.candidates(workshop_id)}
    for o in d.read("obstacles.csv"):
        made = obstacles.OBSTACLES.save(workshop_id, {
            **o, "touchpoint_id": by_name.get(o["touchpoint"]), "measure_id": measures.get(o["measure"])})  # fmt: skip
        if o["to_idea"] == "yes":
            obstacles.to_idea(workshop_id, made)


def demo_counts() -> dict[str, int]:
    """Rows per table of the demo workshop as ``cemworkshop.demo`` loads it (in a scratch file)."""
    import tempfile

    from cemworkshop import demo, store

    before = os.environ.get("CEMWORKSHOP_DB")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["CEMWORKSHOP_DB"] = str(Path(tmp) / "demo.db")
        store.close_thread_connections()
        demo.load_demo()
        store.close_thread_connections()
        counts = table_counts(Path(tmp) / "demo.db")
    if before is None:
        os.environ.pop("CEMWORKSHOP_DB", None)
    else:
        os.environ["CEMWORKSHOP_DB"] = before
    return counts


def main(argv: list[str]) -> None:
    import time

    if len(argv) < 2:
        sys.exit("usage: python -m tests.bench.scaled FILE.db FACTOR [FACTOR …]")
    target, factors = Path(argv[0]), [int(f) for f in argv[1:]]
    paths = [target] if len(factors) == 1 else [
        target.with_name(f"{target.stem}-{f}{target.suffix}") for f in factors]  # fmt: skip
    for p in paths:
        if p.exists():
            sys.exit(f"{p} exists; give a new file")
    demo = demo_counts()
    counts, seconds = [], []
    for factor, p in zip(factors, paths, strict=True):
        began = time.perf_counter()
        made = build_scaled(p, factor)
        seconds.append(time.perf_counter() - began)
        from cemworkshop import store

        store.close_thread_connections()
        counts.append(table_counts(p))
        print(f"×{factor}: workshop {made.workshop_id} in {p} ({seconds[-1]:.1f} s),"
              f" round {made.open_round_id} open")  # fmt: skip
    head = "".join(f"{'×' + str(f):>9}{'/demo':>7}" for f in factors)
    print(f"\n{'table':32}{'demo':>8}{head}")
    for table in counts[0]:
        cells = ""
        for c in counts:
            ratio = f"{c[table] / demo[table]:.1f}" if demo.get(table) else "–"
            cells += f"{c[table]:>9,}{ratio:>7}"
        print(f"{table:32}{demo.get(table, 0):>8,}{cells}")


if __name__ == "__main__":
    main(sys.argv[1:])
