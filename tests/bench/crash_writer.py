"""A process that writes scores through the app's store with many threads until it is killed.

    python -m tests.bench.crash_writer DB ROUND_ID THREADS

Each thread is one participant submitting one round item after the other. After every
``lifecycle.submit`` that returned (its transaction committed) it prints ``ack <participant>
<item> <value>``: what the app had acknowledged. The caller SIGKILLs this process
mid-write and checks that every acknowledged score is in the reopened database.
"""

from __future__ import annotations

import os
import sys
import threading


def main() -> None:
    db, round_id, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    os.environ["CEMWORKSHOP_DB"] = db
    from cemworkshop import store
    from cemworkshop.rounds import lifecycle

    items = [
        r["id"] for r in store.rows("SELECT id FROM round_items WHERE round_id = ?", [round_id])
    ]
    people = [
        r["id"]
        for r in store.rows(
            "SELECT p.id FROM participants p JOIN rounds r ON r.workshop_id = p.workshop_id"
            " WHERE r.id = ? ORDER BY p.id LIMIT ?",
            [round_id, threads],
        )
    ]
    out = threading.Lock()
    print("ready", flush=True)

    def write(pid: int) -> None:
        n = 0
        while True:  # until killed
            for tp in items:
                value = 1 + (n % 5)
                lifecycle.submit(round_id, pid, {tp: {"importance": value, "performance": value}})
                with out:
                    sys.stdout.write(f"ack {pid} {tp} {value}\n")
                    sys.stdout.flush()
                n += 1

    workers = [threading.Thread(target=write, args=(p,), daemon=True) for p in people]
    for w in workers:
        w.start()
    for w in workers:
        w.join()


if __name__ == "__main__":
    main()
