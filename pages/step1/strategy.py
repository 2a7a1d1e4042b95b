"""Section "CEM-Strategie": how step 1 ends — the five rules checked live by the room, the
CEM goals ranked with the top three marked, the differentiation, Leitwert, Erlebnismotiv and
culture on one strategy card, and the KPIs of the return on CEM that steps 4 and 5 measure
against. The presenter shows the card or the KPIs on demand."""

from __future__ import annotations

import streamlit as st

from cemworkshop import formats, kpis, strategy
from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.five_rules import KIND as FIVE_RULES
from cemworkshop.validation import NUMBER_LIMIT, ValidationError
from pages.common.charts import fetched
from pages.common.forms import attempt, attempt_versioned, opened_version, saved
from pages.common.layout import LONG_LIST, opened
from pages.common.rounds import past_results
from pages.common.strategy_card import card, goal_name, kpi_table, kpi_value
from pages.common.text import day, error_text, lang, md, number, t

# Up to LONG_LIST goals each has its row of controls, and the form for a new KPI is open below
# the KPIs; longer lists show the controls (the form) of the one picked.
NEW_KPI = "new"  # the KPI choice's "new KPI" in a long list, where nothing is picked at first


def render(workshop: dict) -> None:
    wid = workshop["id"]
    intro, view_col = st.columns([3, 2], vertical_alignment="bottom")
    intro.caption(t("strategy.intro"))
    with view_col:
        _presenter_choice(wid)
    _five_rules(wid)
    st.divider()
    goals_col, texts_col = st.columns([1, 1], gap="large")
    with goals_col:
        _goals(wid)
    with texts_col:
        _texts(wid)
    st.divider()
    _kpis(wid)


def _presenter_choice(workshop_id: int) -> None:
    """What the projector shows: the round, the strategy card or the KPI list."""
    now = strategy.presenter_view(workshop_id)
    chosen = st.segmented_control(
        t("strategy.presenter_shows"),
        list(strategy.PRESENTER_VIEWS),
        default=now,
        # labels made once here: a lambda's t() would look up the session again at each use
        format_func={v: t(f"strategy.view_{v}") for v in strategy.PRESENTER_VIEWS}.get,
        key=f"strategy_presenter_{now}",
    )
    if chosen and chosen != now:
        strategy.show_on_presenter(workshop_id, chosen)
        st.rerun()


# --- 1. the five rules ----------------------------------------------------------------------


def _five_rules(workshop_id: int) -> None:
    st.subheader(t("strategy.rules_title"))
    st.caption(t("strategy.rules_intro"))
    live = lifecycle.current_round(workshop_id)
    if live and live["kind"] == FIVE_RULES.name:
        st.caption(t("strategy.rules_running"))
    elif live:
        st.info(t("competitors.other_round_open"))
    else:
        start_col, hide_col = st.columns([1, 2], vertical_alignment="center")
        hide = hide_col.checkbox(t("round.hide_results"), value=True, key="rules_round_hide")
        if start_col.button(t("strategy.rules_start"), key="rules_round_start", type="primary"):
            if attempt(
                lifecycle.open_round,
                workshop_id,
                FIVE_RULES.name,
                hide_results=hide,
                title=t("strategy.rules_round_title"),
            ):
                st.rerun()
    past_results(workshop_id, FIVE_RULES.name, "rules")


# --- 2. the CEM goals -----------------------------------------------------------------------


def _goals(workshop_id: int) -> None:
    st.subheader(t("strategy.goals_title"))
    st.caption(t("strategy.goals_intro", top=strategy.TOP))
    found = fetched(strategy.goals, workshop_id)
    said = {k: t(f"strategy.{k}") for k in ("top", "up", "down")}  # once, not once per goal
    ranked = list(enumerate(found, start=1))
    if len(found) > LONG_LIST:
        top = f" :blue-badge[{said['top']}]"
        lines = [f"**{r}.** {md(goal_name(g))}{top if g['top'] else ''}" for r, g in ranked]
        st.markdown("  \n".join(lines))
        names = _choice_names(found)
        chosen = st.selectbox(
            t("strategy.goals_title"), list(names), index=None, format_func=names.get,
            placeholder=t("widget.choose"), label_visibility="collapsed", key="goal_choice",
        )  # fmt: skip
        ranked = [(rank, goal) for rank, goal in ranked if goal["id"] == chosen]
    for rank, goal in ranked:
        _goal_row(workshop_id, rank, goal, len(found), said)
    with st.form("goal_new", clear_on_submit=False, border=False):
        name_col, add_col = st.columns([3, 2], vertical_alignment="bottom")
        name = name_col.text_input(t("strategy.own_goal"), key="goal_new_name")
        if add_col.form_submit_button(t("strategy.add_goal"), width="stretch") and attempt(
            strategy.add_goal, workshop_id, name
        ):
            st.session_state.pop("goal_new_name", None)
            saved(t("strategy.goal_added", name=md(name.strip())))
            st.rerun()


def _choice_names(found: list[dict]) -> dict[int, str]:
    """Each goal by its name, not its rank (the choice stays on a goal that moves)."""
    names = {g["id"]: goal_name(g) for g in found}
    if len(set(names.values())) < len(names):  # an own goal named like one of the method's
        own = f" · {t('strategy.own_goal')}"
        names = {g["id"]: names[g["id"]] + ("" if g["key"] else own) for g in found}
    return names


def _goal_row(workshop_id: int, rank: int, goal: dict, count: int, said: dict) -> None:
    """One goal's row: rank and name, Top 3, up, down and (an own goal) remove; one row on
    every screen, a phone's too (columns would stack into four rows)."""
    gid = goal["id"]
    with st.container(horizontal=True, vertical_alignment="center", key=f"goal_row_{gid}"):
        st.markdown(f"**{rank}.** {md(goal_name(goal))}", width="stretch")
        top = st.checkbox(said["top"], value=bool(goal["top"]), key=f"goal_top_{gid}_{goal['top']}")
        up = st.button("", icon=":material/arrow_upward:", key=f"goal_up_{gid}",
                       disabled=rank == 1, help=said["up"])  # fmt: skip
        down = st.button("", icon=":material/arrow_downward:", key=f"goal_down_{gid}",
                         disabled=rank == count, help=said["down"])  # fmt: skip
        drop = goal["key"] is None and st.button(
            "", icon=":material/delete:", key=f"goal_drop_{gid}",
            help=t("strategy.remove_goal", name=goal["name"]),
        )  # fmt: skip
    if top != bool(goal["top"]) and attempt(strategy.set_top, workshop_id, gid, top):
        st.rerun()
    if up or down:
        strategy.move_goal(workshop_id, gid, -1 if up else 1)
        st.rerun()
    if drop:
        strategy.remove_goal(workshop_id, gid)
        st.rerun()


# --- 3. differentiation and strategy texts --------------------------------------------------


def _texts(workshop_id: int) -> None:
    st.subheader(t("strategy.texts_title"))
    position = fetched(strategy.benchmark_position, workshop_id)  # 300 scores: read on change
    if position["leads"] or position["lags"]:
        lines = []
        for side in ("leads", "lags"):
            if position[side]:
                names = ", ".join(
                    f"{md(c)} ({'+' if g > 0 else ''}{number(g, 1)})" for c, g in position[side][:4]
                )
                lines.append(t(f"strategy.benchmark_{side}", names=names))
        st.info("  \n".join(lines))
    else:
        st.caption(t("strategy.benchmark_none"))
    stored = fetched(strategy.texts, workshop_id)
    version = opened_version("strategy_texts", stored["version"])
    with st.form("strategy_texts"):
        typed = {}
        left, right = st.columns(2)
        for col, key in zip((left, right, left, right), strategy.TEXTS, strict=True):
            typed[key] = col.text_area(
                t(f"field.strategy_{key}"),
                value=stored[key],
                help=t(f"strategy.help_{key}"),
                placeholder=t(f"strategy.example_{key}"),
                max_chars=strategy.MAX_TEXT,
                height=150,
                key=f"strategy_{key}",
            )
        if st.form_submit_button(t("strategy.save_texts"), type="primary") and attempt_versioned(
            "strategy_texts", strategy.save_texts, workshop_id, version=version, **typed
        ):
            saved(t("strategy.texts_saved"))
            st.rerun()
    # drawn only while open (a rerun on opening): the card reads texts and goals once more
    box = opened(t("strategy.card_preview"), key="strategy_card_box")
    if box is not None:
        with box:
            card(workshop_id, big=False)


# --- 4. the KPIs of the return on CEM -------------------------------------------------------


def _kpis(workshop_id: int) -> None:
    st.subheader(t("kpi.title"))
    st.caption(t("kpi.intro"))
    found = fetched(kpis.kpis, workshop_id)
    kpi_table(workshop_id, big=False, title=False, found=found)
    names = {k["id"]: k["name"] for k in found}
    choice_col, _ = st.columns([2, 3])
    long = len(found) > LONG_LIST
    new = NEW_KPI if long else None
    chosen = choice_col.selectbox(
        t("kpi.edit"), [new, *names], index=None if long else 0,
        format_func={new: t("kpi.new"), **names}.get,
        placeholder=t("widget.choose") if long else None, key="kpi_choice",
    )  # fmt: skip
    if long and chosen is None:
        return
    current = next((k for k in found if k["id"] == chosen), None)
    _kpi_form(workshop_id, current)


def _kpi_form(workshop_id: int, kpi: dict | None) -> None:
    k = f"kpi_{kpi['id'] if kpi else 'new'}"
    start = kpi or {"direction": "higher", "target_date": None}
    with st.form(k):
        name_col, unit_col, direction_col = st.columns([3, 1, 2])
        name = name_col.text_input(t("kpi.name"), value=start.get("name", ""), key=f"{k}_name")
        unit = unit_col.text_input(t("field.unit"), value=start.get("unit", ""), key=f"{k}_unit")
        direction = direction_col.radio(
            t("kpi.direction"), list(kpis.DIRECTIONS),
            format_func={d: t(f"kpi.direction_{d}") for d in kpis.DIRECTIONS}.get,
            index=kpis.DIRECTIONS.index(start["direction"]), horizontal=True, key=f"{k}_direction",
        )  # fmt: skip
        definition = st.text_area(
            t("field.definition"), value=start.get("definition", ""), height=68,
            placeholder=t("kpi.example_definition"), key=f"{k}_definition",
        )  # fmt: skip
        base_col, target_col, date_col, source_col, owner_col = st.columns(5)
        baseline = base_col.text_input(
            t("field.baseline"), value=_typed(start.get("baseline")), key=f"{k}_baseline"
        )
        target = target_col.text_input(
            t("field.target"), value=_typed(start.get("target")), key=f"{k}_target"
        )
        target_date = date_col.text_input(
            t("field.target_date"),
            value=day(start["target_date"]) if start["target_date"] else "",
            placeholder=t("widget.date_placeholder"),
            key=f"{k}_target_date",
        )
        source = source_col.text_input(
            t("field.kpi_source"), value=start.get("source", ""), key=f"{k}_source"
        )
        owner = owner_col.text_input(
            t("field.owner"), value=start.get("owner", ""), key=f"{k}_owner"
        )
        submitted = st.form_submit_button(t("kpi.save") if kpi else t("kpi.add"), type="primary")
    version = opened_version(k, kpi["version"]) if kpi else None
    if submitted:
        try:
            numbers = {
                field: _optional_number(text, field)
                for field, text in (("baseline", baseline), ("target", target))
            }
            when = formats.parse_day(target_date, lang(), field="target_date")
        except ValidationError as err:
            st.error(error_text(err))
            return
        if attempt_versioned(
            k, kpis.save_kpi, workshop_id, name, definition=definition, unit=unit,
            direction=direction, target_date=when,
            source=source, owner=owner, kpi_id=kpi["id"] if kpi else None, version=version,
            **numbers,
        ):  # fmt: skip
            flagged = kpis.against_direction({"direction": direction, **numbers})
            saved(t("kpi.saved_against" if flagged else "kpi.saved", name=md(name.strip())))
            if kpi is None:  # a fresh form for the next one; after a refusal nothing is lost
                for key in [key for key in st.session_state if str(key).startswith(f"{k}_")]:
                    del st.session_state[key]
            st.rerun()
    if kpi and kpis.against_direction(kpi):
        st.warning(
            t(
                "kpi.against",
                direction=t(f"kpi.direction_{kpi['direction']}"),
                baseline=kpi_value(kpi["baseline"]),
                target=kpi_value(kpi["target"]),
            )
        )
    if kpi and st.button(t("kpi.delete", name=md(kpi["name"])), key=f"{k}_delete"):
        kpis.delete_kpi(workshop_id, kpi["id"])
        st.rerun()


def _typed(value: float | None) -> str:
    return "" if value is None else number(value, 2)


def _optional_number(text: str, field: str) -> float | None:
    if not (text or "").strip():
        return None
    return formats.parse_number(text, lang(), field=field, low=-NUMBER_LIMIT, high=NUMBER_LIMIT)
