"""SIGKILL a process while it writes through the store: the file is intact, nothing acknowledged is lost."""

from cemworkshop import store
from tests.bench.crash import kill_while_writing
from tests.unit.helpers import open_scoring, participants, workshop_with_touchpoints


def test_a_killed_writer_loses_no_acknowledged_score(db_path):
    ws, tps = workshop_with_touchpoints(names=[f"TP {i}" for i in range(20)])
    participants(ws, 10)
    rid = open_scoring(ws.id, tps)
    store.close_thread_connections()
    result = kill_while_writing(db_path, rid, threads=10, min_acks=60)
    assert result.integrity == "ok"
    assert result.submissions >= 60
    assert result.missing == []
    assert result.found == result.acknowledged
