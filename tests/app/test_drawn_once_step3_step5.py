"""Sections made cheaper to rerun still show what changed at once: the data page's tools drawn
while open (open on an empty workshop), the target agreements as one escaped block of text,
a worksheet's overview after a save elsewhere."""

from cemworkshop import barometer, kpis, organisation, touchpoints, worksheets, workshops
from tests.app.conftest import open_step, shown, texts


def test_the_data_tools_are_drawn_while_open_and_open_on_an_empty_workshop(db_path):
    ws = workshops.create_workshop("Optimierung")
    at = open_step(ws, 5, "data")
    assert at.selectbox(key="data_agg_metric")  # nothing measured yet: the form is open
    assert not [w for w in at.text_input if w.key == "data_metric_name"]
    csat = next(m["id"] for m in barometer.metrics(ws.id) if m["code"] == "csat")
    barometer.add_aggregate(ws.id, metric_id=csat, touchpoint_id=None, period_on="2026-10-01",
                            n=120, mean=4.2, channel="Nachbefragung")  # fmt: skip
    at = open_step(ws, 5, "data")
    assert not [w for w in at.selectbox if w.key == "data_agg_metric"]  # closed: not drawn
    assert "Nachbefragung" in shown(at)  # the list of aggregated rows, read after the write
    at.session_state["data_metrics_box"] = True  # as a click on the expander does
    at.run()
    assert at.text_input(key="data_metric_name")


def test_target_agreements_per_kpi_are_one_escaped_block(db_path):
    ws = workshops.create_workshop("Ziele")
    nps = kpis.save_kpi(ws.id, "NPS <b>", unit="Punkte", baseline=18, target=35)
    organisation.AGREEMENTS.save(ws.id, {"holder": "Team <i>Montage</i>", "kpi_id": nps,
                                         "target": 30.5, "status": "agreed"})  # fmt: skip
    at = open_step(ws, 3, "targets")
    at.segmented_control(key="targets_view").set_value("kpi").run()
    block = next(h.proto.body for h in at.get("html") if "Vereinbartes Ziel" in h.proto.body)
    assert "NPS &lt;b&gt; · Ausgangswert 18 → Strategieziel 35 Punkte" in block
    assert "Team &lt;i&gt;Montage&lt;/i&gt;" in block and "30,5 Punkte" in block


def test_the_worksheet_overview_follows_a_save_made_elsewhere(db_path):
    ws = workshops.create_workshop("Blätter")
    phase = touchpoints.phases(ws.id)[0]["id"]
    tp = touchpoints.add_touchpoint(ws.id, "Hotline", phase_id=phase)
    at = open_step(ws, 3, "worksheets")
    assert "0 / 3" in shown(at)
    worksheets.save(ws.id, tp, ist="Heute", soll="Morgen", by="Aylin", version=0)
    at.run()
    assert "2 / 3" in shown(at) and "Aylin" in shown(at)
    assert "Hotline" in texts(at)
