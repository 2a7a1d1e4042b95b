"""Section "Touchpoint-Map": the journey graph coloured by the gap of a closed round, moments
of truth starred, filterable by persona; below it the experience curve along the journey."""

from __future__ import annotations

import streamlit as st

from cemworkshop import customers, journey, journey_graph, touchpoints
from cemworkshop.charts.ipa import experience_curve
from cemworkshop.metrics import ipa
from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.touchpoint_scoring import KIND, chart_text, latest_closed_round
from pages.common.charts import chart_spec, fetched, kept
from pages.common.graph import phase_legend
from pages.common.graph import render as draw_graph
from pages.common.text import day, lang, md, t

BAND_BADGES = {
    "exceeds": "green",
    "meets": "blue",
    "slight_gap": "orange",
    "critical_gap": "red",
    "unscored": "gray",
}


def render(workshop: dict) -> None:
    wid = workshop["id"]
    # read again only after a commit: 300 touchpoints and 500 paths were a fifth of a rerun
    tps = fetched(touchpoints.touchpoints, wid)
    closed = [
        r
        for r in fetched(lifecycle.list_rounds, wid, KIND.name)
        if r["status"] == "closed" and r["submitted"]
    ]
    if not closed or not tps:
        st.info(t("map.no_round"))
        return
    labels = {
        r["id"]: f"{r['title'] or t('round.untitled')} · {day(r['opened_at'])}" for r in closed
    }
    ids = list(labels)
    chosen = st.selectbox(
        t("map.round"),
        ids,
        index=ids.index(fetched(latest_closed_round, wid) or ids[0]),
        format_func=labels.get,
        key="map_round",
    )
    rnd = lifecycle.get_round(chosen)
    found = KIND.analysis(rnd)
    if found is None:
        st.info(t("results.none_yet"))
        return
    people = {p["id"]: p for p in fetched(customers.personas, wid)}
    persona = None
    if people:
        names = {None: t("map.all_personas"), **{i: p["name"] for i, p in people.items()}}
        persona = st.selectbox(
            t("map.persona"), [None, *people], format_func=names.get, key="map_persona"
        )
    shown = (
        tps if persona is None else [tp for tp in tps if tp["id"] in people[persona]["touchpoints"]]
    )
    if not shown:
        st.info(t("map.persona_empty"))
        return
    shown_ids = {tp["id"] for tp in shown}
    # a plain dict: looking each touchpoint up in a pandas Series cost more than the rest
    gaps = found.summary.set_index("touchpoint_id")["gap"].dropna().to_dict()
    bands = {
        tp["id"]: ipa.gap_band(gaps[tp["id"]]) if tp["id"] in gaps else "unscored" for tp in shown
    }
    legend = " ".join(f":{BAND_BADGES[b]}-badge[{t(f'map.band_{b}')}]" for b in BAND_BADGES)
    st.markdown(t("map.legend") + " " + legend + " · " + t("map.star"))
    phases = fetched(touchpoints.phases, wid)
    st.markdown(phase_legend(phases, t("map.phase_borders")))
    graph_col, side_col = st.columns([3, 2], gap="large")
    with graph_col:
        paths = [
            e
            for e in fetched(journey.edges, wid)
            if e["source_id"] in shown_ids and e["target_id"] in shown_ids
        ]
        colours = {tp_id: journey_graph.GAP_COLOURS[band] for tp_id, band in bands.items()}
        marked = frozenset(int(i) for i in found.moments["touchpoint_id"])
        spec = kept(
            "map.graph",
            lambda: journey_graph.graph_spec(shown, paths, phases, colours=colours, marked=marked),
            shown, paths, phases, colours, sorted(marked),
        )  # fmt: skip
        clicked = journey_graph.touchpoint_for_click(draw_graph(spec), shown)
    with side_col:
        _touchpoint_figures(found.summary, clicked, bands)
    st.subheader(t("map.curve_title"))
    st.caption(t("map.curve_help"))
    # the whole round's curve or the persona's, each built once with its rows as Arrow (a spec
    # with rows would be converted again on every rerun)
    curve = found.summary
    if persona is not None:
        curve = curve[curve["touchpoint_id"].isin(shown_ids)]
    if not curve.empty:
        spec = chart_spec(experience_curve, curve, text=chart_text(lang()), lang=lang())
        st.vega_lite_chart(spec, width="stretch")


def _touchpoint_figures(summary, clicked: int | None, bands: dict[int, str]) -> None:
    row = summary[summary["touchpoint_id"] == clicked] if clicked else None
    if row is None or row.empty:
        st.info(t("map.click_hint"))
        return
    r = row.iloc[0]
    st.subheader(md(r["touchpoint"]))
    st.markdown(t(f"map.band_{bands[clicked]}"))
    a, b, c = st.columns(3)
    a.metric(t("dimension.importance"), f"{r['importance']:.1f}")
    b.metric(t("dimension.performance"), f"{r['performance']:.1f}")
    c.metric(t("results.gap"), f"{r['gap']:+.1f}")
    st.caption(t("map.raters", n=int(r["raters"])))
