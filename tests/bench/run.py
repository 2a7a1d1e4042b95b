"""`make bench`: speed, scale and data safety on the large workshop, in one run.

Prints a table and writes it to docs/benchmarks.md with the date, the machine and the
versions. Each figure with a peer or floor measured in the same run is shown as a ratio:
absolute times vary between machines, ratios hold.
"""

from __future__ import annotations

import dataclasses
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "benchmarks.md"
RUNS = 20


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


# --- 1. page time -----------------------------------------------------------------------


def page_times(db: Path, large, only: list[str] | None = None) -> list[dict]:
    """Every page's rerun time on the large workshop; ``only``: the pages whose label holds
    one of these texts (``python -m tests.bench.run pages memories voice``)."""
    os.environ["CEMWORKSHOP_DB"] = str(db)
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import AppTest, local_script_runner

    from cemworkshop import store, workshops
    from cemworkshop.__main__ import navigate_with_st_navigation, prepare_process

    original = PagesManager.__init__
    compiled = ScriptCache()

    def init(self, path, script_cache, **kwargs):  # as the real server after its first run:
        original(self, path, compiled, **kwargs)  # navigation known (see tests/app), and one
        navigate_with_st_navigation()  # cache of compiled scripts for every run (the server's
        # Runtime keeps one; AppTest makes a new one per run and compiles app.py and the page
        # again each time, a cost no rerun on a server has)

    PagesManager.__init__ = init
    local_script_runner.ScriptCache = lambda: compiled

    prepare_process()  # as `python -m cemworkshop` does for the server
    store.close_thread_connections()
    phone = workshops.join(workshops.get_workshop(large.workshop_id)["join_code"], "Bench")

    def timed(at) -> list[float]:
        at.run()  # warm-up: first run of this session
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            at.run()
            times.append((time.perf_counter() - start) * 1000)
            assert not at.exception, at.exception
        return times

    floor = AppTest.from_string("import streamlit as st\nst.write('CEM')")
    floor_times = timed(floor)
    from pages.step1 import SECTIONS as STEP1
    from pages.step2 import SECTIONS as STEP2
    from pages.step3 import SECTIONS as STEP3
    from pages.step4 import SECTIONS as STEP4
    from pages.step5 import SECTIONS as STEP5

    steps = [(1, "pages/step1_definition.py", STEP1), (2, "pages/step2_development.py", STEP2),
             (3, "pages/step3_organisation.py", STEP3), (4, "pages/step4_implementation.py", STEP4),
             (5, "pages/step5_optimisation.py", STEP5)]  # fmt: skip
    cases = [
        ("home", "pages/home.py", None, large.facilitator_token),
        (
            "run of the day (two-day agenda, a block running)",
            "pages/agenda.py",
            None,
            large.facilitator_token,
        ),
        *(
            (f"step {n} · {section}", page, (f"step{n}_section", section), large.facilitator_token)
            for n, page, sections in steps
            for section in sections
        ),
        ("presenter (open round, results)", "pages/presenter.py", None, large.facilitator_token),
        ("export", "pages/export.py", None, large.facilitator_token),
        ("participant (100-touchpoint round)", None, None, phone.token),
    ]
    rows = [{"page": "floor: one-line page", "times": floor_times}]
    for label, page, section, token in cases:
        if only and not any(o in label for o in only):
            continue
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.query_params["t"] = token
        at.run()
        if page:
            at.switch_page(page).run()
        if section:
            at.segmented_control(key=section[0]).set_value(section[1]).run()
        rows.append({"page": label, "times": timed(at)})
    floor_p95 = pct(floor_times, 0.95)
    for r in rows:
        r["median"] = statistics.median(r["times"])
        r["p95"] = pct(r["times"], 0.95)
        r["ratio"] = r["p95"] / floor_p95
    PagesManager.__init__ = original
    local_script_runner.ScriptCache = ScriptCache
    return rows


# --- 2. write path ------------------------------------------------------------------------


WRITE_REPEATS = 3  # SQLite's busy waits make single runs noisy; interleave and take medians


def write_path(tmp: Path) -> dict:
    """App against plain SQLite, each run three times in turn; medians and totals."""
    runs = [_write_path_once(tmp / f"w{i}") for i in range(WRITE_REPEATS)]
    app = statistics.median(r["app_per_s"] for r in runs)
    plain = statistics.median(r["plain_per_s"] for r in runs)
    return {
        "app_per_s": app,
        "plain_per_s": plain,
        "ratio": app / plain,
        "loose_per_s": statistics.median(r["loose_per_s"] for r in runs),
        "loose_ratio": app / statistics.median(r["loose_per_s"] for r in runs),
        "locked": sum(r["locked"] for r in runs),
        "errors": sum(r["errors"] for r in runs),
        "lost": sum(r["lost"] for r in runs),
        "plain_locked": sum(r["plain_locked"] for r in runs),
        "n": sum(r["n"] for r in runs),
    }


def _write_path_once(tmp: Path, threads: int = 100, per_thread: int = 100) -> dict:
    tmp.mkdir(parents=True, exist_ok=True)
    os.environ["CEMWORKSHOP_DB"] = str(tmp / "write.db")
    from cemworkshop import store, touchpoints, workshops
    from cemworkshop.rounds import lifecycle
    from cemworkshop.rounds.touchpoint_scoring import KIND as TOUCHPOINT_SCORING

    store.close_thread_connections()
    ws = workshops.create_workshop("Write path")
    phase = touchpoints.phases(ws.id)[0]["id"]
    tps = [touchpoints.add_touchpoint(ws.id, f"TP {i}", phase_id=phase) for i in range(per_thread)]
    people = [workshops.join(ws.join_code, f"P{i}").participant_id for i in range(threads)]
    rid = lifecycle.open_round(ws.id, TOUCHPOINT_SCORING.name, touchpoint_ids=tps)
    items = [TOUCHPOINT_SCORING.item_ids(rid)[tp] for tp in tps]
    store.close_thread_connections()
    locked, errors = [], []
    barrier = threading.Barrier(threads)

    def app_writer(pid: int) -> None:
        try:
            barrier.wait()
            for i, item in enumerate(items):
                lifecycle.submit(
                    rid, pid, {item: {"importance": 1 + i % 5, "performance": 5 - i % 5}}
                )
        except sqlite3.OperationalError as err:
            (locked if "locked" in str(err) else errors).append(err)
        except Exception as err:  # noqa: BLE001 — every failure is a finding
            errors.append(err)
        finally:
            store.close_thread_connections()

    app_seconds = _run_threads(app_writer, people)
    stored = store.value(
        "SELECT count(*) FROM scores s JOIN round_items i ON i.id = s.round_item_id WHERE i.round_id = ?",
        [rid],
    )
    lost = threads * per_thread * 2 - stored

    plain_seconds, plain_locked = _plain_peer(tmp / "plain.db", threads, per_thread, atomic=True)
    loose_seconds, loose_locked = _plain_peer(tmp / "loose.db", threads, per_thread, atomic=False)
    n = threads * per_thread
    return {
        "app_per_s": n / app_seconds,
        "plain_per_s": n / plain_seconds,
        "ratio": plain_seconds / app_seconds,
        "loose_per_s": n / loose_seconds,
        "loose_ratio": loose_seconds / app_seconds,
        "locked": len(locked),
        "errors": len(errors),
        "lost": lost,
        "plain_locked": plain_locked + loose_locked,
        "n": n,
    }


def _plain_peer(db: Path, threads: int, per_thread: int, *, atomic: bool) -> tuple[float, int]:
    """Plain sqlite3 writing the same two rows per submission from as many threads: in one
    ``BEGIN IMMEDIATE`` transaction (``atomic``, as a submission must be), or each row as an
    autocommit upsert of its own. Returns seconds and "locked" errors."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute(
        "CREATE TABLE s (item INTEGER, person INTEGER, dim TEXT, value INTEGER, PRIMARY KEY (item, person, dim))"
    )
    conn.commit()
    conn.close()
    failed = []
    barrier = threading.Barrier(threads)
    upsert = "INSERT INTO s VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value"

    def writer(pid: int) -> None:
        c = sqlite3.connect(db, timeout=30, isolation_level=None)
        c.execute("PRAGMA synchronous = NORMAL")
        try:
            barrier.wait()
            for i in range(per_thread):
                rows = [(i, pid, "importance", 1 + i % 5), (i, pid, "performance", 5 - i % 5)]
                if atomic:
                    c.execute("BEGIN IMMEDIATE")
                    c.executemany(upsert, rows)
                    c.execute("COMMIT")
                else:
                    for r in rows:
                        c.execute(upsert, r)
        except sqlite3.OperationalError as err:
            failed.append(err)
        finally:
            c.close()

    return _run_threads(writer, list(range(threads))), len(failed)


def _run_threads(target, args: list) -> float:
    workers = [threading.Thread(target=target, args=(a,)) for a in args]
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return time.perf_counter() - start


# --- report ---------------------------------------------------------------------------------


def machine() -> str:
    mem = next(
        x for x in Path("/proc/meminfo").read_text().splitlines() if x.startswith("MemTotal")
    )
    model = next(
        (
            x.split(":", 1)[1].strip()
            for x in Path("/proc/cpuinfo").read_text().splitlines()
            if x.startswith("model name")
        ),
        platform.processor(),
    )
    chromium = subprocess.run(
        ["/usr/bin/chromium", "--version"], capture_output=True, text=True
    ).stdout.strip()
    return (
        f"{os.cpu_count()} cores ({model}), {int(mem.split()[1]) // 1024 // 1024} GiB RAM, "
        f"{platform.system()} {platform.release()}; Python {platform.python_version()}, "
        f"Streamlit {version('streamlit')}, SQLite {sqlite3.sqlite_version}, pandas {version('pandas')}, "
        f"Altair {version('altair')}, {chromium}"
    )


def export_times(db: Path, large) -> dict:
    """Seconds to build the large workshop's ZIP (every table, German Excel, with its rows for
    an import elsewhere), its printable report, a backup, and the import of the ZIP."""
    os.environ["CEMWORKSHOP_DB"] = str(db)
    from cemworkshop import store
    from cemworkshop.exchange.backup import backup_bytes
    from cemworkshop.exchange.bundle import zip_bytes
    from cemworkshop.exchange.report import report_html
    from cemworkshop.exchange.workshop_zip import import_workshop, plan_import

    store.close_thread_connections()
    out = {}
    start = time.perf_counter()
    data = zip_bytes(large.workshop_id, dialect="excel_de")
    out["zip"], out["zip_mb"] = time.perf_counter() - start, len(data) / 1e6
    start = time.perf_counter()
    report_html(large.workshop_id)
    out["report"] = time.perf_counter() - start
    start = time.perf_counter()
    out["backup_mb"] = len(backup_bytes()) / 1e6
    out["backup"] = time.perf_counter() - start
    start = time.perf_counter()
    import_workshop(plan_import(data))
    out["import"] = time.perf_counter() - start
    return out


# --- parallel workshops: what the live watcher costs per workshop ------------------------------


def watcher_cost(tmp: Path) -> list[dict]:
    """The server's live task looks at every workshop with a waiting phone or projector when
    something was committed (at most every TICK) and else every LOOK: its cost for 1, 10 and
    100 workshops (each with a round open, an agenda block running, phones and a projector)."""
    os.environ["CEMWORKSHOP_DB"] = str(tmp / "parallel.db")
    from cemworkshop import agenda, live, store, touchpoints, workshops
    from cemworkshop.rounds import lifecycle
    from cemworkshop.rounds.touchpoint_scoring import KIND
    from pages.server import LOOK, SHARE, TICK

    store.close_thread_connections()
    ids = []
    for i in range(100):
        ws = workshops.create_workshop(f"Workshop {i:03d}")
        phase = touchpoints.phases(ws.id)[0]["id"]
        tp = touchpoints.add_touchpoint(ws.id, "Beratung", phase_id=phase)
        lifecycle.open_round(ws.id, KIND.name, touchpoint_ids=[tp])
        agenda.start(ws.id, agenda.add_block(ws.id, kind="talk", title="Block", minutes=30))
        ids.append(ws.id)
    out = []
    for n in (1, 10, 100):
        watched = [(w, screen) for w in ids[:n] for screen in (live.PHONE, live.PRESENTER)]
        live.versions(watched)  # warm
        start = time.perf_counter()
        for _ in range(20):
            live.versions(watched)
        per_look = (time.perf_counter() - start) / 20
        cycle = max(TICK + per_look, per_look * (SHARE + 1))  # while writes come in
        idle = max(LOOK, per_look * (SHARE + 1))  # nothing committed: every LOOK, or slower
        out.append({"workshops": n, "ms": per_look * 1000, "core": per_look / idle,
                    "busy": per_look / cycle, "cycle": cycle})  # fmt: skip
    store.close_thread_connections()
    return out


# --- growth with the workshop's size ----------------------------------------------------------

SIZES = (1, 3, 10)


def _growth_child(factor: int, folder: str) -> None:
    """In a process of its own (Streamlit's caches are per process): build the demo at
    ``factor`` times its size and time every page on it; prints the result as JSON."""
    from tests.bench.scaled import build_scaled

    folder_path = Path(folder)
    folder_path.mkdir(parents=True, exist_ok=True)
    db = folder_path / "browser.db"
    large = build_scaled(db, factor)
    rows = page_times(db, large)
    print("RESULT " + json.dumps({"large": dataclasses.asdict(large), "pages": [
        {k: r[k] for k in ("page", "median", "p95", "ratio")} for r in rows]}))  # fmt: skip


def growth(tmp: Path) -> list[dict]:
    from tests.bench import room
    from tests.bench.large_workshop import Large

    out = []
    for factor in SIZES:
        folder = tmp / f"size-{factor}"
        done = subprocess.run(
            [sys.executable, "-m", "tests.bench.run", "growth", str(factor), str(folder)],
            cwd=ROOT, capture_output=True, text=True, check=True,
        )  # fmt: skip
        line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
        found = json.loads(line[len("RESULT ") :])
        large = Large(**found["large"])
        latencies = room.size_latency(folder, large)
        sections = [r for r in found["pages"] if r["page"].startswith("step ")]
        worst = max(sections, key=lambda r: r["ratio"])
        out.append({
            "factor": factor,
            "floor": found["pages"][0]["p95"],
            "median_ratio": statistics.median(r["ratio"] for r in sections),
            "worst": worst,
            "presenter": next(r for r in found["pages"] if r["page"].startswith("presenter")),
            "latencies": latencies,
        })  # fmt: skip
        print(f"  {factor}×: worst {worst['page']} {worst['ratio']:.1f}× floor, tap→projector "
              f"p95 {pct(latencies, 0.95):.2f} s", flush=True)  # fmt: skip
    return out


# --- report ---------------------------------------------------------------------------------


def _ok(b: bool) -> str:
    return "met" if b else "**missed**"


def report(pages, write, room_run, sizes, exports, parallel) -> str:
    from tests.bench.room import IDEAS_AT, IDLE_SECONDS, PHONE_STEPS, TAPS_PER_SECOND

    steps = room_run["steps"]
    at50, at100 = steps[50], steps[100]
    crash = room_run["crash"]
    per_session = (room_run["rss_100"] - room_run["rss_0"]) / 100
    sections = [r for r in pages if r["page"] != "floor: one-line page"]
    worst = max(sections, key=lambda r: r["ratio"])
    lines = [
        "# Benchmarks",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with `make bench` on a clean checkout, on "
        f"{machine()}.",
        "",
        "Every figure below comes from this one run. Where a figure has a peer or floor measured "
        "in the same run it is given as a ratio: absolute times vary between machines, ratios "
        "hold. Targets are those of issue 18; a missed target says so.",
        "",
        "## Summary",
        "",
        "| target | measured | |",
        "| --- | --- | --- |",
        f"| saved score → projector, 50 phones, p95 ≤ 1.0 s | {pct(at50['saved'], 0.95):.2f} s | "
        f"{_ok(pct(at50['saved'], 0.95) <= 1.0)} |",
        f"| reveal → projector, 50 phones, ≤ 1.0 s | {at50['projector']:.2f} s | "
        f"{_ok(at50['projector'] <= 1.0)} |",
        f"| reveal → every phone, 50 phones, ≤ 2.0 s | slowest {max(at50['phones']):.2f} s | "
        f"{_ok(max(at50['phones']) <= 2.0)} |",
        f"| idea → projector, 50 phones, p95 ≤ 1.0 s | {pct(at50['ideas'], 0.95):.2f} s | "
        f"{_ok(pct(at50['ideas'], 0.95) <= 1.0)} |",
        f"| every section ≤ 10 × floor at p95 (large workshop) | slowest: {worst['page']} "
        f"{worst['ratio']:.1f} × | {_ok(worst['ratio'] <= 10)} |",
        f"| write path ≥ 0.5 × plain SQLite, 0 locked, 0 lost | {write['ratio']:.2f} ×, "
        f"{write['locked']} locked, {write['lost']} lost | "
        f"{_ok(write['ratio'] >= 0.5 and write['locked'] == 0 and write['lost'] == 0 and write['errors'] == 0)} |",
        f"| 100 idle phones ≤ 15 % of one core | {at100['idle_cpu'] * 100:.1f} % | "
        f"{_ok(at100['idle_cpu'] <= 0.15)} |",
        f"| memory per session ≤ 10 MB | {per_session:.2f} MB | {_ok(per_session <= 10)} |",
        f"| SIGKILL of the server while 100 phones write: every acknowledged value right, "
        f"integrity ok | {crash['right']} of {crash['acknowledged']} right, "
        f"{crash['integrity']} | {_ok(crash['right'] == crash['acknowledged'] and crash['integrity'] == 'ok')} |",
        "",
        f"## 1. Page time on the large workshop (AppTest, {RUNS} reruns after one warm-up, ms)",
        "",
        "Large workshop (`tests/bench/large_workshop.py`, seeded), every table filled: 300 "
        "touchpoints in 6 phases, 500 journey edges, 100 participants, 60,000 touchpoint scores "
        "over 3 rounds (round 3 open, results visible) and about 50,000 other ratings, 2,000 "
        "ideas with 10,000 dots over ten votes, 500 measures in the action plan, 5,000 "
        "complaints, 100,000 survey answers of 5,000 respondents, segments, personas, "
        "competitors with a benchmark round, Return-on-Nothing scenarios, board, plans, "
        "worksheets, KPIs with target changes, obstacles and a two-day agenda with a block running.",
        "",
        "Ratio: the page's p95 over the floor's p95 (a one-line Streamlit page in the same run).",
        "",
        "| page | median | p95 | × floor (p95) | target ≤ 10 × |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for r in pages:
        target = "—" if r["page"].startswith("floor") else _ok(r["ratio"] <= 10)
        lines.append(
            f"| {r['page']} | {r['median']:.1f} | {r['p95']:.1f} | {r['ratio']:.1f} | {target} |"
        )
    lines += [
        "",
        f"## 2. Write path (100 threads × 100 submissions at once; median of {WRITE_REPEATS} runs each, in turn)",
        "",
        "A submission is one participant's importance and performance for a touchpoint. The "
        "peer writes the same two rows per submission with plain `sqlite3` (one `BEGIN "
        "IMMEDIATE` transaction of two upserts, WAL, same number of threads); the app's "
        "`lifecycle.submit` also checks the round, the participant and the values, bumps the "
        "round's version and marks the participant present.",
        "",
        '| | submissions/s | ratio | "database is locked" | lost | target |',
        "| --- | ---: | ---: | ---: | ---: | --- |",
        f"| app: `lifecycle.submit` | {write['app_per_s']:.0f} | {write['ratio']:.2f} | {write['locked']} | {write['lost']} | "
        f"{_ok(write['ratio'] >= 0.5 and write['locked'] == 0 and write['lost'] == 0 and write['errors'] == 0)} (≥ 0.5, 0, 0) |",
        f"| peer: plain `sqlite3`, same rows, one transaction per submission | {write['plain_per_s']:.0f} | 1 | {write['plain_locked']} | — | — |",
        f"| for comparison: plain `sqlite3`, each row its own autocommit upsert (not atomic) | "
        f"{write['loose_per_s']:.0f} | app ÷ this: {write['loose_ratio']:.2f} | — | — | — |",
        "",
        "## 3. The room: a real server, a projector and 10 → 100 phones in Chromium",
        "",
        "One server; the projector and every phone a real Chromium page in its own browser "
        "context, all driven at once (`tests/bench/room.py`). The room grows to each size; at "
        f"each: the server's CPU while every phone waits on an open round ({IDLE_SECONDS} s), a "
        f"scoring round (each phone taps importance, then performance, at a random moment, about {TAPS_PER_SECOND} "
        "phones a second in all; *saved → projector*: from the moment the database stored each "
        "completing score (`submitted_at`) until the projector counts it — the k-th save against "
        "the moment the count reached k; *from the tick*: from the phone's tick for its first "
        "tap instead, which adds the phone's own second tap), then the facilitator closes the "
        "round on the projector and reveals it there (from the click until its chart is drawn, "
        "and until each phone shows the results). "
        f"At {IDEAS_AT} phones also an ideas round (from each *send* until the projector counts "
        "the idea). Every process of the phones' Chromium runs at the lowest CPU priority, "
        "renderers included, and so does its session's scheduling group (in a room each phone is "
        "its own device; Linux's autogroups made a process's nice value count only inside its "
        "session, and Playwright starts each browser in a session of its own: in runs before the "
        "second of 2026-11-30 the fifty phone browsers together had as much CPU as the server, and "
        "the round was closed from the bench's process, so the reveal computed the results); the "
        "server, the projector and up to 100 phone pages share the machine's cores.",
        "",
        "Phones and the projector follow the room with one held question each (`/_cem/live`, "
        "answered within 50 ms of a commit that changes what they show).",
        "",
        "| phones | idle CPU (server) | server RSS | saved → projector p50 | p95 | max | from the tick p95 | reveal → projector | reveal → phones p50 | p95 | slowest | idea → projector p95 |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for n in PHONE_STEPS:
        st = steps[n]
        idea = f"{pct(st['ideas'], 0.95):.2f} s" if "ideas" in st else "—"
        lines.append(
            f"| {n} | {st['idle_cpu'] * 100:.1f} % | {st['rss']:.0f} MB | "
            f"{pct(st['saved'], 0.5):.2f} s | {pct(st['saved'], 0.95):.2f} s | "
            f"{max(st['saved']):.2f} s | {pct(st['tapped'], 0.95):.2f} s | "
            f"{st['projector']:.2f} s | {pct(st['phones'], 0.5):.2f} s | "
            f"{pct(st['phones'], 0.95):.2f} s | {max(st['phones']):.2f} s | {idea} |"
        )
    lines += [
        "",
        f"Server memory: {room_run['rss_0']:.0f} MB with the projector alone, "
        f"{room_run['rss_100']:.0f} MB with 100 phones: {per_session:.2f} MB per session.",
        "",
        "## 4. Crash safety: SIGKILL of the server process while 100 phones write",
        "",
        "Every phone scores a round of 30 touchpoints screen after screen in Chromium; a tap "
        "counts as acknowledged when the phone shows its tick (the server has committed it). "
        "The server process is killed with SIGKILL, started again on the same file, and every "
        "acknowledged (participant, touchpoint, dimension) is looked up for its value.",
        "",
        "| writers | acknowledged taps | in | right value after restart | missing | `PRAGMA integrity_check` | restart |",
        "| ---: | ---: | ---: | ---: | ---: | --- | ---: |",
        f"| {crash['writers']} | {crash['acknowledged']} | {crash['seconds']:.0f} s | {crash['right']} | "
        f"{crash['missing']} | {crash['integrity']} | {crash['restart']:.1f} s |",
        "",
        "## 5. Growth with the workshop's size",
        "",
        "The demo workshop at 1×, 3× and 10× its size (`tests/bench/scaled.py`: every content "
        "table ×3 and ×10), each timed in a process of its own: every section's page as in 1., "
        "and saved score → projector with 10 phones on a server of its own.",
        "",
        "| size | floor p95 | sections: median × floor | slowest section | × floor | presenter p95 | saved → projector p50 | p95 |",
        "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for g in sizes:
        lines.append(
            f"| {g['factor']}× demo | {g['floor']:.1f} ms | {g['median_ratio']:.1f} | "
            f"{g['worst']['page']} | {g['worst']['ratio']:.1f} | {g['presenter']['p95']:.1f} ms | "
            f"{pct(g['latencies'], 0.5):.2f} s | {pct(g['latencies'], 0.95):.2f} s |"
        )
    lines += [
        "",
        "Growth with the number of phones: table 3 (10, 25, 50, 100).",
        "",
        "### Parallel workshops: the live task's look at every workshop with waiting phones",
        "",
        "Whatever the number of phones: each workshop with a round open, an agenda block "
        "running, phones and a projector waiting. Four looks a second while nothing is "
        "committed; while something is committed every tick (a round being scored somewhere), "
        "up to twenty, but a look that takes long waits ten times its time before the next "
        "(`pages/server.py`: SHARE), so the looks take at most a tenth of a core and a change "
        "reaches the screens a look later.",
        "",
        "| workshops watched | one look | share of one core, idle | while writes come in | a look every |",
        "| ---: | ---: | ---: | ---: | ---: |",
        *(
            f"| {w['workshops']} | {w['ms']:.2f} ms | {w['core'] * 100:.1f} % | "
            f"{w['busy'] * 100:.1f} % | {w['cycle'] * 1000:.0f} ms |"
            for w in parallel
        ),
        "",
        "## 6. Export of the large workshop (seconds)",
        "",
        "The ZIP of every table for German Excel with the workshop's rows for an import elsewhere, "
        "the printable report (charts drawn to SVG), a backup of the whole database, and importing "
        "the ZIP as a new workshop.",
        "",
        "| ZIP | ZIP size | report | backup | backup size | import of the ZIP |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| {exports['zip']:.1f} s | {exports['zip_mb']:.1f} MB | {exports['report']:.1f} s | "
        f"{exports['backup']:.1f} s | {exports['backup_mb']:.0f} MB | {exports['import']:.1f} s |",
        "",
    ]
    return "\n".join(lines)


def pages_only(only: list[str]) -> None:
    """Time some pages on the large workshop, kept between calls in a folder of the system's
    temporary files (built anew when the builder changed): for work on one section."""
    from tests.bench import large_workshop

    stamp = int(Path(large_workshop.__file__).stat().st_mtime)
    db = Path(tempfile.gettempdir()) / f"cem-bench-large-{stamp}.db"
    facts = db.with_suffix(".json")
    if not facts.exists():
        print("building the large workshop …", flush=True)
        db.unlink(missing_ok=True)
        large = large_workshop.build(db)
        facts.write_text(json.dumps(dataclasses.asdict(large)))
    large = large_workshop.Large(**json.loads(facts.read_text()))
    with tempfile.TemporaryDirectory() as tmpdir:  # the pages write (presence, joins): a copy
        copy = Path(tmpdir) / "large.db"
        src = sqlite3.connect(db)
        dst = sqlite3.connect(copy)
        src.backup(dst)
        src.close()
        dst.close()
        rows = page_times(copy, large, only or None)
    for r in rows:
        print(
            f"{r['page']:<55} median {r['median']:6.1f} ms  p95 {r['p95']:6.1f} ms"
            f"  {r['ratio']:5.1f} × floor"
        )


def main() -> None:
    os.environ["CEMWORKSHOP_NO_DEMO"] = "1"
    sys.path.insert(0, str(ROOT))
    if sys.argv[1:2] == ["growth"]:
        _growth_child(int(sys.argv[2]), sys.argv[3])
        return
    if sys.argv[1:2] == ["pages"]:
        pages_only(sys.argv[2:])
        return
    from tests.bench import large_workshop, room

    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        db = tmp / "large.db"
        print("building the large workshop …", flush=True)
        large = large_workshop.build(db)
        print("1/6 page times …", flush=True)
        pages = page_times(db, large)
        print("export of the large workshop …", flush=True)
        exports = export_times(db, large)
        print("2/6 write path …", flush=True)
        write = write_path(tmp)
        print("3-5/6 the room: 10 → 100 phones, reveal, ideas, idle, SIGKILL …", flush=True)
        room_run = room.run(tmp)
        print("6/6 growth with the workshop's size; parallel workshops …", flush=True)
        sizes = growth(tmp)
        parallel = watcher_cost(tmp)
    text = report(pages, write, room_run, sizes, exports, parallel)
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
