"""The sections of step 1 — Definition, drawn by ``render``; the page itself only picks one.

Kept out of ``pages/step1_definition.py`` so that the page stays a short storyboard and this
code is compiled once per process, not on every run. Everything is local to one call of
``render``: nothing here is shared between browsers.
"""

import pandas as pd
import streamlit as st

from cemworkshop import (
    benchmark,
    charts,
    customers,
    i18n,
    journey_graph,
    metrics,
    ron,
    rounds,
    touchpoints,
    views,
)
from cemworkshop.ui import attempt, current, error_text, md, t
from cemworkshop.validation import ValidationError

SECTIONS = ["benchmark", "kunden", "ron", "touchpoints", "abgleich", "journey", "scoring", "map"]


def render(workshop: dict, section: str) -> None:  # noqa: C901 — one storyboard, many sections
    """Draw one section of step 1 for the facilitator of ``workshop``."""
    wid = workshop["id"]
    lang = current().lang
    state = st.session_state
    phases = touchpoints.phases(wid)
    phase_names = {p["id"]: p["name"] for p in phases}
    tps = touchpoints.touchpoints(wid)
    tp_names = {tp["id"]: tp["name"] for tp in tps}

    KIND_LABELS = {True: t("tp.direct"), False: t("tp.indirect")}

    def kind_label(is_direct) -> str:
        return KIND_LABELS[bool(is_direct)]

    # --- one touchpoint's editor, used beside the list and beside the graph ----------------

    def touchpoint_editor(tp_id: int, prefix: str) -> None:
        tp = touchpoints.get_touchpoint(wid, tp_id)
        if tp is None:
            state.pop("tp_selected", None)
            return
        k = f"{prefix}_{tp_id}"
        st.subheader(t("tp.edit_title", name=md(tp["name"])))
        with st.form(f"{k}_form", border=False):
            name = st.text_input(t("tp.name"), value=tp["name"], key=f"{k}_name")
            phase_id = st.selectbox(
                t("tp.phase"),
                list(phase_names),
                index=list(phase_names).index(tp["phase_id"]),
                format_func=phase_names.get,
                key=f"{k}_phase",
            )
            channel = st.text_input(t("tp.channel"), value=tp["channel"], key=f"{k}_channel")
            department = st.text_input(
                t("tp.department"), value=tp["department"], key=f"{k}_department"
            )
            is_direct = st.radio(
                t("tp.kind"),
                [True, False],
                index=0 if tp["is_direct"] else 1,
                format_func=KIND_LABELS.get,
                horizontal=True,
                key=f"{k}_direct",
            )
            preferred = st.checkbox(
                t("tp.customer_preferred"),
                value=bool(tp["customer_preferred"]),
                key=f"{k}_preferred",
            )
            served = st.checkbox(
                t("tp.company_served"), value=bool(tp["company_served"]), key=f"{k}_served"
            )
            if st.form_submit_button(t("tp.save"), type="primary"):
                try:
                    touchpoints.update_touchpoint(
                        wid,
                        tp_id,
                        name=name,
                        phase_id=phase_id,
                        channel=channel,
                        department=department,
                        is_direct=is_direct,
                        customer_preferred=preferred,
                        company_served=served,
                    )
                    st.toast(t("tp.saved"), icon=":material/check_circle:")
                    st.rerun()
                except ValidationError as err:
                    st.error(error_text(err))
        up, down, close = st.columns(3)
        if up.button(t("tp.move_up"), key=f"{k}_up", width="stretch"):
            touchpoints.move_touchpoint(wid, tp_id, -1)
            st.rerun()
        if down.button(t("tp.move_down"), key=f"{k}_down", width="stretch"):
            touchpoints.move_touchpoint(wid, tp_id, 1)
            st.rerun()
        if close.button(t("tp.close_editor"), key=f"{k}_close", width="stretch"):
            state.pop("tp_selected", None)
            st.rerun()
        with st.expander(t("tp.delete")):
            usage = touchpoints.touchpoint_usage(wid, tp_id)
            st.write(t("tp.delete_warning", edges=usage["edges"], scores=usage["scores"]))
            if st.button(t("tp.delete_button"), key=f"{k}_delete", type="primary"):
                touchpoints.delete_touchpoint(wid, tp_id)
                state.pop("tp_selected", None)
                st.toast(t("tp.deleted", name=tp["name"]), icon=":material/delete:")
                st.rerun()

    def on_add_touchpoint() -> None:
        try:
            touchpoints.add_touchpoint(
                wid,
                state["tp_add_name"],
                phase_id=state["tp_add_phase"],
                channel=state["tp_add_channel"],
                department=state["tp_add_department"],
                is_direct=state["tp_add_direct"],
                customer_preferred=state["tp_add_preferred"],
                company_served=state["tp_add_served"],
            )
        except ValidationError as err:
            state["tp_add_error"] = error_text(err)
            return
        state["tp_add_error"] = None
        state["tp_add_done"] = state["tp_add_name"].strip()
        state["tp_add_name"] = state["tp_add_channel"] = state["tp_add_department"] = ""

    # --- section: touchpoints --------------------------------------------------------------

    def section_touchpoints() -> None:
        list_col, side_col = st.columns([5, 3], gap="large")
        with list_col:
            st.subheader(t("tp.list_title", count=len(tps)))
            if tps:
                table = pd.DataFrame(
                    [
                        {
                            t("tp.name"): tp["name"],
                            t("tp.phase"): tp["phase"],
                            t("tp.channel"): tp["channel"],
                            t("tp.kind"): kind_label(tp["is_direct"]),
                            t("tp.department_short"): tp["department"],
                            t("tp.preferred_short"): bool(tp["customer_preferred"]),
                            t("tp.served_short"): bool(tp["company_served"]),
                        }
                        for tp in tps
                    ]
                )
                st.dataframe(
                    table, hide_index=True, width="stretch", height=min(38 + 35 * len(tps), 640)
                )
                chosen = st.selectbox(
                    t("tp.choose_to_edit"),
                    [None, *tp_names],
                    format_func={None: t("tp.choose_placeholder"), **tp_names}.get,
                    key="tp_choose",
                )
                if chosen and chosen != state.get("tp_choose_last"):
                    state["tp_selected"] = chosen
                state["tp_choose_last"] = chosen
            else:
                st.info(t("tp.empty"))
        with side_col:
            if state.get("tp_selected") in tp_names:
                with st.container(border=True):
                    touchpoint_editor(state["tp_selected"], "tpl")
            with st.form("tp_add"):
                st.subheader(t("tp.add_title"))
                st.text_input(t("tp.name"), key="tp_add_name", placeholder=t("tp.name_placeholder"))
                st.selectbox(
                    t("tp.phase"),
                    list(phase_names),
                    format_func=phase_names.get,
                    key="tp_add_phase",
                )
                st.text_input(
                    t("tp.channel"), key="tp_add_channel", placeholder=t("tp.channel_placeholder")
                )
                st.text_input(t("tp.department"), key="tp_add_department")
                st.radio(
                    t("tp.kind"),
                    [True, False],
                    format_func=KIND_LABELS.get,
                    horizontal=True,
                    key="tp_add_direct",
                )
                st.checkbox(t("tp.customer_preferred"), key="tp_add_preferred")
                st.checkbox(t("tp.company_served"), value=True, key="tp_add_served")
                st.form_submit_button(
                    t("tp.add_button"), type="primary", on_click=on_add_touchpoint
                )
            if state.get("tp_add_error"):
                st.error(state["tp_add_error"])
            elif state.get("tp_add_done"):
                st.success(t("tp.added", name=state.pop("tp_add_done")))

        with st.expander(t("phase.title")):
            st.caption(t("phase.help"))
            for i, phase in enumerate(phases):
                name_col, up_col, down_col, del_col = st.columns(
                    [5, 1, 1, 1], vertical_alignment="bottom"
                )
                new_name = name_col.text_input(
                    t("phase.name", n=i + 1), value=phase["name"], key=f"phase_name_{phase['id']}"
                )
                if new_name != phase["name"] and attempt(
                    touchpoints.rename_phase, wid, phase["id"], new_name
                ):
                    st.rerun()
                if up_col.button(
                    "↑", key=f"phase_up_{phase['id']}", help=t("phase.move_up"), disabled=i == 0
                ):
                    touchpoints.move_phase(wid, phase["id"], -1)
                    st.rerun()
                if down_col.button(
                    "↓",
                    key=f"phase_down_{phase['id']}",
                    help=t("phase.move_down"),
                    disabled=i == len(phases) - 1,
                ):
                    touchpoints.move_phase(wid, phase["id"], 1)
                    st.rerun()
                if del_col.button("✕", key=f"phase_del_{phase['id']}", help=t("phase.delete")):
                    if attempt(touchpoints.delete_phase, wid, phase["id"]):
                        st.rerun()
            with st.form("phase_add", border=False):
                new_phase = st.text_input(t("phase.new"), key="phase_add_name")
                if st.form_submit_button(t("phase.add_button")) and attempt(
                    touchpoints.add_phase, wid, new_phase
                ):
                    st.rerun()

        with st.expander(t("import.title")):
            st.markdown(t("import.help"))
            upload = st.file_uploader(t("import.file"), type=["csv", "txt"], key="tp_import_file")
            if upload is not None and st.button(
                t("import.button"), key="tp_import_go", type="primary"
            ):
                try:
                    state["tp_import_report"] = touchpoints.import_touchpoints_csv(
                        wid, upload.getvalue()
                    )
                    state["tp_import_error"] = None
                except ValidationError as err:
                    state["tp_import_error"] = error_text(err)
                    state["tp_import_report"] = None
                st.rerun()
            if state.get("tp_import_error"):
                st.error(state["tp_import_error"])
            report = state.get("tp_import_report")
            if report is not None:
                if report.added:
                    st.success(t("import.added", count=len(report.added)))
                if report.rejected:
                    st.warning(t("import.rejected", count=len(report.rejected)))
                    st.dataframe(
                        pd.DataFrame(
                            [
                                {
                                    t("import.row"): row,
                                    t("import.reason"): error_text(ValidationError(code, **params)),
                                }
                                for row, code, params in report.rejected
                            ]
                        ),
                        hide_index=True,
                        width="stretch",
                    )
                if not report.added and not report.rejected:
                    st.info(t("import.nothing"))

    # --- section: customer journey ----------------------------------------------------------

    def section_journey() -> None:
        if not tps:
            st.info(t("tp.empty"))
            return
        legend = " ".join(
            f":{colour}-badge[{md(p['name'])}]"
            for p, colour in zip(
                phases, ["blue", "orange", "green", "violet", "red", "gray"] * 3, strict=False
            )
        )
        st.markdown(t("graph.legend") + " " + legend + " · " + t("graph.dashed_indirect"))
        graph_col, side_col = st.columns([3, 2], gap="large")
        with graph_col:
            spec = journey_graph.graph_spec(tps, touchpoints.edges(wid), phases)
            clicked = journey_graph.touchpoint_for_click(journey_graph.render(spec), tps)
            if clicked and clicked != state.get("graph_last_click"):
                state["tp_selected"] = clicked
            state["graph_last_click"] = clicked
            st.caption(t("graph.help"))
        with side_col:
            if state.get("tp_selected") in tp_names:
                with st.container(border=True):
                    touchpoint_editor(state["tp_selected"], "tpg")
            else:
                st.info(t("graph.click_hint"))
            with st.form("edge_add"):
                st.subheader(t("edge.add_title"))
                source = st.selectbox(
                    t("edge.from"), list(tp_names), format_func=tp_names.get, key="edge_from"
                )
                target = st.selectbox(
                    t("edge.to"), list(tp_names), format_func=tp_names.get, key="edge_to"
                )
                if st.form_submit_button(t("edge.add_button"), type="primary"):
                    try:
                        touchpoints.add_edge(wid, source, target)
                        st.toast(t("edge.added"), icon=":material/arrow_forward:")
                        st.rerun()
                    except ValidationError as err:
                        st.error(error_text(err))
            all_edges = touchpoints.edges(wid)
            if all_edges:
                with st.form("edge_remove"):
                    st.subheader(t("edge.remove_title"))
                    labels = {e["id"]: f"{e['source']} → {e['target']}" for e in all_edges}
                    doomed = st.multiselect(
                        t("edge.choose"),
                        list(labels),
                        format_func=labels.get,
                        key="edge_remove_choice",
                    )
                    if st.form_submit_button(t("edge.remove_button")):
                        for edge_id in doomed:
                            touchpoints.remove_edge(wid, edge_id)
                        st.rerun()

    # --- section: live scoring round ---------------------------------------------------------

    @st.fragment(run_every=2)
    def live_status(round_id: int) -> None:
        views.submission_status(round_id, big=False)

    def section_scoring() -> None:
        live = rounds.open_round(wid)
        if live:
            with st.container(border=True):
                st.subheader(t("round.open_title", title=md(live["title"] or t("round.untitled"))))
                live_status(live["id"])
                reveal_col, close_col, present_col = st.columns(3)
                if live["hide_results"] and not live["revealed"]:
                    if reveal_col.button(
                        t("round.reveal"), key="round_reveal", type="primary", width="stretch"
                    ):
                        rounds.reveal_round(wid, live["id"])
                        st.rerun()
                if close_col.button(t("round.close"), key="round_close", width="stretch"):
                    rounds.close_round(wid, live["id"])
                    st.rerun()
                present_col.page_link(
                    "pages/presenter.py",
                    label=t("round.to_presenter"),
                    icon=":material/co_present:",
                )
        elif not tps:
            st.info(t("tp.empty"))
        else:
            with st.form("round_new"):
                st.subheader(t("round.new_title"))
                st.text_input(
                    t("round.title_field"), value=t("round.default_title"), key="round_title"
                )
                chosen = st.multiselect(
                    t("round.choose"),
                    list(tp_names),
                    default=list(tp_names),
                    format_func=tp_names.get,
                    key="round_touchpoints",
                )
                competitor = st.checkbox(t("round.with_competitor"), key="round_competitor")
                hide = st.checkbox(t("round.hide_results"), value=True, key="round_hide")
                if st.form_submit_button(t("round.start"), type="primary"):
                    try:
                        rounds.open_scoring_round(
                            wid,
                            chosen,
                            with_competitor=competitor,
                            hide_results=hide,
                            title=state["round_title"],
                        )
                        st.rerun()
                    except ValidationError as err:
                        st.error(error_text(err))

        past = rounds.list_rounds(wid)
        if past:
            st.subheader(t("round.results_title"))
            labels = {
                r["id"]: t(
                    "round.list_label",
                    title=r["title"] or t("round.untitled"),
                    status=t(f"round.status_{r['status']}"),
                    submitted=r["submitted"],
                    opened=r["opened_at"][:16].replace("T", " "),
                )
                for r in past
            }
            shown = st.selectbox(
                t("round.choose_results"),
                list(labels),
                format_func=labels.get,
                key="round_results_choice",
            )
            rnd = rounds.get_round(shown)
            if rnd["status"] == "closed" and rnd["hide_results"] and not rnd["revealed"]:
                if st.button(t("round.reveal"), key="round_reveal_closed"):
                    rounds.reveal_round(wid, rnd["id"])
                    st.rerun()
            views.round_results(rnd, lang=lang)

    # --- section: Abgleich ---------------------------------------------------------------------

    def section_abgleich() -> None:
        st.caption(t("abgleich.intro"))
        parts = touchpoints.abgleich(tps)
        left, right = st.columns(2, gap="large")
        for col, key in ((left, "preferred_not_served"), (right, "served_not_preferred")):
            with col:
                st.subheader(t(f"abgleich.{key}", count=len(parts[key])))
                st.caption(t(f"abgleich.{key}_help"))
                if parts[key]:
                    st.dataframe(
                        pd.DataFrame(
                            {
                                t("tp.name"): [tp["name"] for tp in parts[key]],
                                t("tp.phase"): [tp["phase"] for tp in parts[key]],
                                t("tp.channel"): [tp["channel"] for tp in parts[key]],
                                t("tp.department_short"): [tp["department"] for tp in parts[key]],
                            }
                        ),
                        hide_index=True,
                        width="stretch",
                    )
                else:
                    st.success(t("abgleich.none"))
        st.markdown(t("abgleich.rest", both=len(parts["both"]), neither=len(parts["neither"])))

    # --- section: touchpoint map -----------------------------------------------------------------

    BAND_BADGES = {
        "exceeds": "green",
        "meets": "blue",
        "slight_gap": "orange",
        "critical_gap": "red",
        "unscored": "gray",
    }

    def section_map() -> None:
        closed = [
            r
            for r in rounds.list_rounds(wid)
            if r["status"] == "closed" and r["submitted"] and r["topic"] == "touchpoints"
        ]
        if not closed or not tps:
            st.info(t("map.no_round"))
            return
        labels = {
            r["id"]: f"{r['title'] or t('round.untitled')} · {r['opened_at'][:10]}" for r in closed
        }
        ids = list(labels)
        chosen = st.selectbox(
            t("map.round"),
            ids,
            index=ids.index(rounds.latest_closed_round(wid) or ids[0]),
            format_func=labels.get,
            key="map_round",
        )
        view = views.round_view(chosen, lang)
        if view is None:
            st.info(t("results.none_yet"))
            return
        people = {p["id"]: p for p in customers.personas(wid)}
        persona = None
        if people:
            persona = st.selectbox(
                t("map.persona"), [None, *people], key="map_persona",
                format_func={None: t("map.all_personas"), **{i: p["name"] for i, p in people.items()}}.get,
            )  # fmt: skip
        shown = (
            tps
            if persona is None
            else [tp for tp in tps if tp["id"] in people[persona]["touchpoints"]]
        )
        if not shown:
            st.info(t("map.persona_empty"))
            return
        shown_ids = {tp["id"] for tp in shown}
        gaps = view.summary.set_index("touchpoint_id")["gap"].dropna()
        bands = {
            tp["id"]: metrics.gap_band(gaps[tp["id"]]) if tp["id"] in gaps else "unscored"
            for tp in shown
        }
        colours = {tp_id: journey_graph.GAP_COLOURS[band] for tp_id, band in bands.items()}
        marked = frozenset(int(i) for i in view.moments["touchpoint_id"])
        legend = " ".join(f":{BAND_BADGES[b]}-badge[{t(f'map.band_{b}')}]" for b in BAND_BADGES)
        st.markdown(t("map.legend") + " " + legend + " · " + t("map.star"))
        graph_col, side_col = st.columns([3, 2], gap="large")
        with graph_col:
            paths = [
                e
                for e in touchpoints.edges(wid)
                if e["source_id"] in shown_ids and e["target_id"] in shown_ids
            ]
            spec = journey_graph.graph_spec(shown, paths, phases, colours=colours, marked=marked)
            clicked = journey_graph.touchpoint_for_click(journey_graph.render(spec), shown)
        with side_col:
            row = view.summary[view.summary["touchpoint_id"] == clicked]
            if clicked and not row.empty:
                r = row.iloc[0]
                st.subheader(md(r["touchpoint"]))
                st.markdown(t(f"map.band_{bands[clicked]}"))
                a, b, c = st.columns(3)
                a.metric(t("dimension.importance"), f"{r['importance']:.1f}")
                b.metric(t("dimension.performance"), f"{r['performance']:.1f}")
                c.metric(t("results.gap"), f"{r['gap']:+.1f}")
                st.caption(t("map.raters", n=int(r["raters"])))
            else:
                st.info(t("map.click_hint"))
        st.subheader(t("map.curve_title"))
        st.caption(t("map.curve_help"))
        if persona is None:
            st.vega_lite_chart(view.curve_spec, width="stretch")
        else:
            text = {k: t(f"dimension.{k}") for k in ("performance", "importance")}
            text.update({k: t(f"chart.{k}") for k in ("mean", "touchpoint", "phase", "dimension")})
            curve = view.summary[view.summary["touchpoint_id"].isin(shown_ids)]
            if not curve.empty:
                st.altair_chart(charts.experience_curve(curve, text), width="stretch")

    # --- section: CEM-Rentabilität (Return on Nothing) ----------------------------------------

    RON_DEFAULT = metrics.RonInputs(
        customers=10_000, revenue_per_customer=1_000, margin_pct=20, churn_pct=15,
        churn_drift_pts=2, referral_pct=5, investment=200_000, churn_reduction_pct=30, years=5,
    )  # fmt: skip
    RON_STEPS = {"customers": 100, "revenue_per_customer": 50, "investment": 10_000, "years": 1}

    def money(value: float) -> str:
        return i18n.money(value, lang)

    def ron_figures(result: metrics.RonResult) -> dict[str, str]:
        """The four figures a scenario is judged by, formatted for this language."""
        return {
            t("ron.lost"): money(result.lost_by_nothing),
            t("ron.gain"): money(result.cem_gain),
            t("ron.roi"): "—" if result.roi is None else f"{result.roi * 100:.0f} %",
            t("ron.break_even"): t("ron.break_even_year", n=result.break_even_year)
            if result.break_even_year
            else t("ron.break_even_none"),
        }

    def section_ron() -> None:
        st.caption(t("ron.intro"))
        saved = ron.scenarios(wid)
        names = {sc["id"]: sc["name"] for sc in saved}
        chosen = st.selectbox(
            t("ron.load"),
            [None, *names],
            format_func={None: t("ron.new"), **names}.get,
            key="ron_load",
        )
        start = next((sc["inputs"] for sc in saved if sc["id"] == chosen), RON_DEFAULT)
        k = f"ron_{chosen or 'new'}"
        form_col, result_col = st.columns([2, 3], gap="large")
        with form_col, st.form(f"{k}_form"):
            name = st.text_input(t("ron.name"), value=names.get(chosen, ""), key=f"{k}_name")
            values = {}
            for field in ron.FIELDS:
                low, high = ron.LIMITS[field]
                whole = field in ("customers", "years")
                values[field] = st.number_input(
                    t(f"field.{field}"),
                    min_value=int(low) if whole else float(low),
                    max_value=int(high) if whole else float(high),
                    value=int(getattr(start, field)) if whole else float(getattr(start, field)),
                    step=int(RON_STEPS.get(field, 1))
                    if whole
                    else float(RON_STEPS.get(field, 0.5)),
                    key=f"{k}_{field}",
                )
            calc_col, save_col = st.columns(2)
            calculate = calc_col.form_submit_button(t("ron.calculate"), width="stretch")
            save = save_col.form_submit_button(t("ron.save"), type="primary", width="stretch")
        inputs = start
        if calculate or save:
            try:
                inputs = ron.check_inputs(**values)
                if save:
                    ron.save_scenario(wid, name, inputs)
                    st.toast(t("ron.saved", name=name.strip()), icon=":material/check_circle:")
            except ValidationError as err:
                form_col.error(error_text(err))
        result = metrics.return_on_nothing(inputs)
        with result_col:
            cols = st.columns(2)
            for i, (label, value) in enumerate(ron_figures(result).items()):
                cols[i % 2].metric(label, value)
            text = {key: t(f"ron.{key}") for key in ("nothing", "cem", "year", "margin", "today")}
            st.altair_chart(charts.ron_paths(result, text, money), width="stretch")
            with st.expander(t("ron.how_title")):
                st.markdown(t("ron.how"))
        st.subheader(t("ron.compare_title"))
        saved = ron.scenarios(wid)  # again: this run may just have saved one
        names = {sc["id"]: sc["name"] for sc in saved}
        if not saved:
            st.info(t("ron.no_scenarios"))
            return
        compared = st.multiselect(
            t("ron.compare_choose"), list(names), default=list(names)[:4],
            # a new or deleted scenario makes a new selection: every saved one is compared again
            format_func=names.get, key=f"ron_compare_{'-'.join(map(str, names))}",
        )  # fmt: skip
        if compared:
            table = {
                names[sc["id"]]: ron_figures(metrics.return_on_nothing(sc["inputs"]))
                for sc in saved
                if sc["id"] in compared
            }
            st.dataframe(pd.DataFrame(table), width="stretch")
        if chosen and st.button(t("ron.delete", name=names[chosen]), key=f"{k}_delete"):
            ron.delete_scenario(wid, chosen)
            st.rerun()

    # --- section: Kundenanalyse -------------------------------------------------------------------

    def segment_form(segment: dict | None) -> None:
        k = f"seg_{segment['id'] if segment else 'new'}"
        with st.form(f"{k}_form"):
            st.subheader(
                t("seg.edit_title", name=md(segment["name"])) if segment else t("seg.add_title")
            )
            name = st.text_input(
                t("seg.name"), value=(segment or {}).get("name", ""), key=f"{k}_name"
            )
            share = st.number_input(
                t("field.share_pct"), 0.0, 100.0, float((segment or {}).get("share_pct", 0.0)),
                step=1.0, key=f"{k}_share",
            )  # fmt: skip
            value = st.number_input(
                t("field.value_per_year"), 0.0, 1e9, float((segment or {}).get("value_per_year", 0.0)),
                step=50.0, key=f"{k}_value",
            )  # fmt: skip
            description = st.text_area(
                t("seg.description"),
                value=(segment or {}).get("description", ""),
                key=f"{k}_desc",
                height=80,
            )
            needs = st.text_area(
                t("seg.needs"), value=(segment or {}).get("needs", ""), key=f"{k}_needs", height=80
            )
            if st.form_submit_button(t("seg.save") if segment else t("seg.add"), type="primary"):
                try:
                    customers.save_segment(
                        wid, name, share_pct=share, value_per_year=value, description=description,
                        needs=needs, segment_id=segment["id"] if segment else None,
                    )  # fmt: skip
                    st.toast(t("seg.saved", name=name.strip()), icon=":material/check_circle:")
                    st.rerun()
                except ValidationError as err:
                    st.error(error_text(err))

    def section_personas(segs: list[dict]) -> None:
        people = customers.personas(wid)
        st.subheader(t("persona.title", count=len(people)))
        st.caption(t("persona.intro"))
        seg_names = {sg["id"]: sg["name"] for sg in segs}
        for p in people:
            with st.container(border=True):
                used = ", ".join(tp_names[i] for i in p["touchpoints"] if i in tp_names) or "—"
                st.markdown(f"**{md(p['name'])}** · {md(p['segment'] or t('persona.no_segment'))}")
                st.markdown(
                    t(
                        "persona.summary",
                        goals=md(p["goals"] or "—"),
                        frustrations=md(p["frustrations"] or "—"),
                        touchpoints=md(used),
                    )
                )
        by_id = {p["id"]: p for p in people}
        chosen = st.selectbox(
            t("persona.choose"), [None, *by_id], key="persona_choose",
            format_func={None: t("persona.new"), **{i: p["name"] for i, p in by_id.items()}}.get,
        )  # fmt: skip
        p = by_id.get(chosen, {})
        k = f"persona_{chosen or 'new'}"
        with st.form(f"{k}_form"):
            name = st.text_input(t("persona.name"), value=p.get("name", ""), key=f"{k}_name")
            segment = st.selectbox(
                t("seg.name"), [None, *seg_names], format_func={None: t("persona.no_segment"), **seg_names}.get,
                index=[None, *seg_names].index(p.get("segment_id")) if p.get("segment_id") in seg_names else 0,
                key=f"{k}_segment",
            )  # fmt: skip
            goals = st.text_area(
                t("persona.goals"), value=p.get("goals", ""), key=f"{k}_goals", height=70
            )
            frustrations = st.text_area(
                t("persona.frustrations"),
                value=p.get("frustrations", ""),
                key=f"{k}_frustrations",
                height=70,
            )
            used = st.multiselect(
                t("persona.touchpoints"), list(tp_names), default=[i for i in p.get("touchpoints", []) if i in tp_names],
                format_func=tp_names.get, key=f"{k}_touchpoints",
            )  # fmt: skip
            if st.form_submit_button(
                t("persona.save") if chosen else t("persona.add"), type="primary"
            ):
                try:
                    customers.save_persona(
                        wid, name, segment_id=segment, goals=goals, frustrations=frustrations,
                        touchpoint_ids=used, persona_id=chosen,
                    )  # fmt: skip
                    st.toast(t("persona.saved", name=name.strip()), icon=":material/check_circle:")
                    st.rerun()
                except ValidationError as err:
                    st.error(error_text(err))
        if chosen and st.button(t("persona.delete"), key=f"{k}_delete"):
            customers.delete_persona(wid, chosen)
            st.rerun()

    def section_kunden() -> None:
        st.caption(t("seg.intro"))
        segs = customers.segments(wid)
        list_col, form_col = st.columns([3, 2], gap="large")
        with list_col:
            total = sum(sg["share_pct"] for sg in segs)
            st.subheader(t("seg.title", count=len(segs)))
            if segs:
                st.caption(t("seg.total", total=f"{total:g}"))
                st.dataframe(
                    pd.DataFrame(
                        {
                            t("seg.name"): [sg["name"] for sg in segs],
                            t("field.share_pct"): [sg["share_pct"] for sg in segs],
                            t("field.value_per_year"): [money(sg["value_per_year"]) for sg in segs],
                            t("seg.needs"): [sg["needs"] for sg in segs],
                        }
                    ),
                    hide_index=True,
                    width="stretch",
                )
                text = {
                    "share": t("field.share_pct"),
                    "value": t("field.value_per_year"),
                    "segment": t("seg.name"),
                }
                st.altair_chart(charts.segment_chart(segs, text), width="stretch")
            else:
                st.info(t("seg.empty"))
        with form_col:
            by_id = {sg["id"]: sg for sg in segs}
            chosen = st.selectbox(
                t("seg.choose"), [None, *by_id], key="seg_choose",
                format_func={None: t("seg.new"), **{i: sg["name"] for i, sg in by_id.items()}}.get,
            )  # fmt: skip
            segment_form(by_id.get(chosen))
            if chosen and st.button(t("seg.delete"), key=f"seg_{chosen}_delete"):
                customers.delete_segment(wid, chosen)
                st.rerun()

        section_personas(segs)

        st.subheader(t("src.title"))
        st.caption(t("src.intro"))
        srcs = customers.sources(wid)
        missing = [s for s in srcs if not s["available"]]
        st.markdown(t("src.summary", available=len(srcs) - len(missing), missing=len(missing)))
        for src in srcs:
            name_col, toggle_col, note_col, del_col = st.columns(
                [3, 2, 4, 1], vertical_alignment="center"
            )
            name_col.markdown(f"**{md(src['name'])}**")
            available = toggle_col.toggle(
                t("src.available"), value=bool(src["available"]), key=f"src_{src['id']}_available"
            )
            note = note_col.text_input(
                t("src.note"), value=src["note"], key=f"src_{src['id']}_note", label_visibility="collapsed",
                placeholder=t("src.note"),
            )  # fmt: skip
            if available != bool(src["available"]) or note != src["note"]:
                try:
                    customers.set_source(wid, src["name"], available=available, note=note)
                    st.rerun()
                except ValidationError as err:
                    st.error(error_text(err))
            if del_col.button("✕", key=f"src_{src['id']}_delete", help=t("src.delete")):
                customers.delete_source(wid, src["id"])
                st.rerun()
        add_col, typical_col = st.columns([3, 2], vertical_alignment="bottom")
        with add_col, st.form("src_add", border=False):
            new_name = st.text_input(t("src.new"), key="src_new_name")
            if st.form_submit_button(t("src.add")) and attempt(
                customers.set_source, wid, new_name, available=False
            ):
                st.rerun()
        if typical_col.button(t("src.typical"), key="src_typical"):
            added = customers.add_typical_sources(wid, lang)
            st.toast(t("src.typical_added", count=added), icon=":material/check_circle:")
            st.rerun()

    # --- section: IST-Analyse / Benchmark ----------------------------------------------------------

    def section_benchmark() -> None:
        st.caption(t("bench.intro"))
        promise = benchmark.promises(wid)
        with st.form("bench_promises"):
            left, right = st.columns(2)
            brand = left.text_area(
                t("bench.brand_promise"),
                value=promise["brand_promise"],
                key="bench_brand",
                height=90,
            )
            customer = right.text_area(
                t("bench.customer_promise"),
                value=promise["customer_promise"],
                key="bench_customer",
                height=90,
            )
            if st.form_submit_button(t("bench.save_promises")):
                try:
                    benchmark.set_promises(wid, brand, customer)
                    st.toast(t("bench.promises_saved"), icon=":material/check_circle:")
                except ValidationError as err:
                    st.error(error_text(err))

        comps, crits = benchmark.companies(wid), benchmark.criteria(wid)
        setup_col, grid_col = st.columns([2, 3], gap="large")
        with setup_col:
            st.subheader(t("bench.companies"))
            for comp in comps:
                name_col, del_col = st.columns([5, 1], vertical_alignment="center")
                name_col.markdown(
                    f"**{md(comp['name'])}**" + (f" · {t('bench.own')}" if comp["is_own"] else "")
                )
                if not comp["is_own"] and del_col.button(
                    "✕", key=f"bench_comp_del_{comp['id']}", help=t("bench.remove")
                ):
                    benchmark.remove_competitor(wid, comp["id"])
                    st.rerun()
            with st.form("bench_add_company", border=False):
                new = st.text_input(t("bench.new_competitor"), key="bench_new_competitor")
                if st.form_submit_button(t("bench.add")) and attempt(
                    benchmark.add_competitor, wid, new
                ):
                    st.rerun()
            st.subheader(t("bench.criteria"))
            for crit in crits:
                name_col, del_col = st.columns([5, 1], vertical_alignment="center")
                name_col.markdown(md(crit["name"]))
                if del_col.button("✕", key=f"bench_crit_del_{crit['id']}", help=t("bench.remove")):
                    benchmark.remove_criterion(wid, crit["id"])
                    st.rerun()
            with st.form("bench_add_criterion", border=False):
                new = st.text_input(
                    t("bench.new_criterion"),
                    key="bench_new_criterion",
                    placeholder=t("bench.criterion_placeholder"),
                )
                if st.form_submit_button(t("bench.add")) and attempt(
                    benchmark.add_criterion, wid, new
                ):
                    st.rerun()
        with grid_col:
            st.subheader(t("bench.scores"))
            values = benchmark.scores(wid)
            if crits and len(comps) > 1:
                with st.form("bench_scores"):
                    heads = st.columns([2, *[1] * len(comps)])
                    for col, comp in zip(heads[1:], comps, strict=True):
                        col.markdown(f"**{md(comp['name'])}**")
                    entered = {}
                    for crit in crits:
                        cols = st.columns([2, *[1] * len(comps)], vertical_alignment="center")
                        cols[0].markdown(md(crit["name"]))
                        for col, comp in zip(cols[1:], comps, strict=True):
                            entered[(crit["id"], comp["id"])] = col.number_input(
                                f"{crit['name']} · {comp['name']}", min_value=1.0, max_value=5.0, step=0.5,
                                value=values.get((crit["id"], comp["id"])), key=f"bench_{crit['id']}_{comp['id']}",
                                label_visibility="collapsed", placeholder="–",
                            )  # fmt: skip
                    if st.form_submit_button(t("bench.save_scores"), type="primary"):
                        try:
                            for (crit_id, comp_id), value in entered.items():
                                benchmark.set_score(wid, crit_id, comp_id, value)
                            st.rerun()
                        except ValidationError as err:
                            st.error(error_text(err))
            else:
                st.info(t("bench.setup_first"))
        if crits and len(comps) > 1:
            views.benchmark_view(wid, benchmark.scores(wid))

        st.subheader(t("bench.live_title"))
        live = rounds.open_round(wid)
        done = [
            r
            for r in rounds.list_rounds(wid)
            if r["topic"] == "benchmark" and r["status"] == "closed" and r["submitted"]
        ]
        if live and live["topic"] == "benchmark":
            live_status(live["id"])
            st.page_link(
                "pages/presenter.py", label=t("round.to_presenter"), icon=":material/co_present:"
            )
            if st.button(t("round.close"), key="bench_round_close"):
                rounds.close_round(wid, live["id"])
                st.rerun()
        elif live:
            st.info(t("bench.other_round_open"))
        else:
            hide = st.checkbox(t("round.hide_results"), value=True, key="bench_round_hide")
            if st.button(t("bench.start_round"), key="bench_round_start", type="primary"):
                try:
                    benchmark.open_round(wid, hide_results=hide, title=t("bench.round_title"))
                    st.rerun()
                except ValidationError as err:
                    st.error(error_text(err))
        if done:
            last = done[0]
            st.markdown(
                t(
                    "bench.last_round",
                    submitted=last["submitted"],
                    opened=last["opened_at"][:16].replace("T", " "),
                )
            )
            if st.button(t("bench.apply"), key=f"bench_apply_{last['id']}"):
                count = benchmark.apply_round(wid, last["id"])
                st.toast(t("bench.applied", count=count), icon=":material/check_circle:")
                st.rerun()

    SECTION_PAGES = {
        "benchmark": section_benchmark,
        "kunden": section_kunden,
        "ron": section_ron,
        "touchpoints": section_touchpoints,
        "abgleich": section_abgleich,
        "journey": section_journey,
        "scoring": section_scoring,
        "map": section_map,
    }
    SECTION_PAGES[section]()
