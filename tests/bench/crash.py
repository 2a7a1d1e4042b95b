"""Kill a writing process with SIGKILL and check that nothing it acknowledged was lost."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class CrashResult:
    submissions: int  # acknowledged submit_scores calls
    acknowledged: int  # distinct (participant, round item) scores among them
    found: int  # of those, present after the kill
    integrity: str  # PRAGMA integrity_check of the reopened file
    missing: list[tuple[int, int, int]]


def kill_while_writing(db: Path, round_id: int, threads: int, min_acks: int) -> CrashResult:
    """Start the writer, SIGKILL it once ``min_acks`` submissions were acknowledged, verify."""
    env = dict(os.environ, CEMWORKSHOP_DB=str(db))
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.bench.crash_writer", str(db), str(round_id), str(threads)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    acks: dict[
        tuple[int, int], int
    ] = {}  # the last acknowledged value per (participant, round item)
    count = 0
    done = threading.Event()

    def read() -> None:
        nonlocal count
        for line in proc.stdout:
            if line.startswith("ack "):
                _, pid, tp, value = line.split()
                acks[(int(pid), int(tp))] = int(value)
                count += 1
                if count >= min_acks:
                    done.set()
        done.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    if not done.wait(timeout=120):
        proc.kill()
        raise RuntimeError("writer acknowledged too little before the timeout")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    reader.join(timeout=10)
    if count < min_acks:
        raise RuntimeError(f"writer died early: {proc.stderr.read()[-2000:]}")
    conn = sqlite3.connect(db)
    integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    stored = {
        (pid, tp): value
        for pid, tp, value in conn.execute(
            "SELECT s.participant_id, s.round_item_id, s.value FROM scores s"
            " JOIN round_items i ON i.id = s.round_item_id"
            " WHERE i.round_id = ? AND s.dimension = 'importance'",
            [round_id],
        )
    }
    conn.close()
    # A later, unacknowledged write may have replaced an acknowledged value: the row must exist.
    missing = [(pid, tp, v) for (pid, tp), v in acks.items() if (pid, tp) not in stored]
    return CrashResult(count, len(acks), len(acks) - len(missing), integrity, missing)
