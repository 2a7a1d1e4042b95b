"""A live round as the phone, the facilitator and the projector see it — for every kind.

    >>> submission_status(rnd, big=True)             # presenter: done / joined, who is missing
    >>> show_results(rnd, layout="projector")        # whatever the kind's results are
    >>> live_round_bar(workshop_id)                  # a running round's controls, one bar

The kind decides what is asked and what the results are (``cemworkshop/rounds``); this
module only draws them, so a new kind needs nothing here. How a phone answers is in
``answer.py``.
"""

from __future__ import annotations

import html

import streamlit as st

from cemworkshop.charts.rounds import STATE_COLOURS
from cemworkshop.rounds import lifecycle
from cemworkshop.rounds.base import Chart, Results, Table
from pages.common.charts import arrow_datasets
from pages.common.layout import figures
from pages.common.navigation import PRESENTER
from pages.common.problems import survives_storage_problems
from pages.common.session import still_valid
from pages.common.tables import built_from, table
from pages.common.text import lang, md, moment, t


def person(p: dict) -> str:
    """A participant's name, or "Anonymous 3" for someone who joined without one."""
    return p["name"] or t("people.anonymous", n=p["id"])


def _names(people: list[dict]) -> str:
    return ", ".join(md(person(p)) for p in people)


def submission_status(
    rnd: dict, *, big: bool, caption: str | None = None, one_line=False, names=True
) -> None:
    """How many are done, a progress bar, and who is still working or has not started.

    ``one_line`` (presenter, results showing): counts and names in one line. ``names=False``
    (the projector): counts only — nobody is named in front of the room.
    """
    s = lifecycle.status(rnd["id"])
    done, busy, idle = s["done"], s["in_progress"], s["not_started"]
    total = len(done) + len(busy) + len(idle)
    parts = []
    if busy and names:
        parts.append(t("status.in_progress", names=_names(busy)))
    if idle and names:
        parts.append(t("status.not_started", names=_names(idle)))
    # "everyone present is done" only when it is true (names or not), and while it matters
    everyone = done and not busy and not idle and rnd["status"] == "open"
    tail = " · ".join(parts) if parts else (t("status.all_in") if everyone else "")
    counted = t("status.submitted", done=len(done), total=total)
    if one_line:
        st.markdown(" · ".join(x for x in (caption, f"{counted} {tail}".strip()) if x))
        return
    if caption:
        st.caption(caption)
    if big:
        st.html(
            f'<div data-testid="submitted-count" style="font-size:88px;font-weight:800;'
            f'line-height:1">{len(done)}<span style="font-size:44px;font-weight:600;'
            f'color:#666"> / {total}</span></div>'
        )
        st.markdown(f"### {t('status.submitted_big')}")
        counts = {"done": len(done), "in_progress": len(busy), "not_started": len(idle)}
        st.html(_progress_bar(counts))
        key = "".join(
            f'<span style="margin-right:1.5rem;white-space:nowrap"><span style="display:inline-block;'
            f'width:1rem;height:1rem;background:{colour};vertical-align:-2px;margin-right:.4rem">'
            f"</span>{html.escape(t(f'status.state_{state}'))}: {counts[state]}</span>"
            for state, colour in STATE_COLOURS.items()
        )
        st.html(f'<div style="font-size:20px" data-testid="progress-key">{key}</div>')
    else:
        st.html(
            f'<div data-testid="submitted-count" style="display:none">{len(done)}/{total}</div>'
        )
        st.markdown(counted)
        st.progress(len(done) / total if total else 0.0)
    if tail:
        st.markdown(tail)


def _progress_bar(counts: dict[str, int]) -> str:
    """One stacked bar — done, in progress, not started — readable from the back of the room,
    as HTML: the projector redraws it with every tap, and a chart there cost its browser twice
    the time of the rest of the page. The key with the counts is written under it."""
    total = max(1, sum(counts.values()))
    parts = "".join(
        f'<div style="flex:0 0 {100 * counts[state] / total:.3f}%;background:{colour}"></div>'
        for state, colour in STATE_COLOURS.items()
        if counts[state]
    )
    return (
        f'<div data-testid="progress-bar" aria-hidden="true" style="display:flex;height:56px;'
        f'width:100%;background:#eee;margin:0.25rem 0">{parts}</div>'
    )


@st.fragment(run_every=2)
@survives_storage_problems
def live_status(round_id: int, drawn: tuple, one_line: bool = False) -> None:
    """The facilitator's count of a running round, refreshed every two seconds.

    ``drawn`` is (status, revealed) as the page around it was drawn: when the presenter (or
    another tab) reveals or closes the round, the whole page follows within two seconds.
    """
    if not still_valid():
        st.rerun(scope="app")
    rnd = lifecycle.get_round(round_id)
    if rnd is None or (rnd["status"], bool(rnd["revealed"])) != drawn:
        st.rerun(scope="app")
    if one_line:
        title = f"**{md(rnd['title'] or t('round.untitled'))}**"
        submission_status(rnd, big=False, caption=t("round.live_bar", title=title), one_line=True)
    else:
        submission_status(rnd, big=False)


# --- results ------------------------------------------------------------------------------


def _chart(block: Chart, *, big: bool, lead: bool = False) -> None:
    if not lead:  # the projector's main chart speaks for itself, above the fold
        st.subheader(block.title)
    if block.help and not (big and lead):
        st.caption(block.help)
    # its rows as Arrow once per spec (results are shared per version), not converted per rerun
    spec = built_from(block.spec, "rounds.chart", lambda: arrow_datasets(block.spec))
    st.vega_lite_chart(spec, width="stretch")
    if block.note:
        st.caption(md(block.note))
    if block.legend and big:  # readable from the back: entries in columns, dark text
        items = "".join(f"<li>{html.escape(entry)}</li>" for entry in block.legend)
        st.html(f'<ul class="chart-legend">{items}</ul>')
    elif block.legend:
        st.caption(md(t("results.legend") + " " + " · ".join(block.legend)))


def _block(block, *, big: bool, lead: bool = False) -> None:
    if isinstance(block, Chart):
        _chart(block, big=big, lead=lead)
    else:
        table(block, big=big)


def draw_results(found: Results, *, layout: str) -> None:
    """Results laid out for the projector (the first two blocks side by side, above the fold)
    or the desk (big numbers, the first block wide, tables full width, charts in pairs)."""
    blocks = list(found.blocks)
    if layout == "projector":
        if blocks and isinstance(blocks[0], Chart) and blocks[0].wide:
            _block(blocks[0], big=True, lead=True)
            blocks = blocks[1:]
        elif len(blocks) >= 2:
            left, right = st.columns(2, gap="medium")
            with left:
                _block(blocks[0], big=True, lead=True)
            with right:
                _block(blocks[1], big=True)
            blocks = blocks[2:]
        for block in blocks:
            _block(block, big=True)
        return
    figures(found.figures)
    if blocks:
        _block(blocks[0], big=False)
    # tables take the whole width (every column readable); charts that follow each other pair up
    rest, charts = blocks[1:], []
    for block in [*rest, None]:
        if isinstance(block, Chart):
            charts.append(block)
            if len(charts) < 2:
                continue
        for col, chart in zip(
            st.columns(len(charts), gap="large") if charts else [], charts, strict=True
        ):
            with col:
                _block(chart, big=False)
        charts = []
        if isinstance(block, Table):
            _block(block, big=False)


def show_results(rnd: dict, *, layout: str) -> None:
    """A round's results, or a note that they are hidden until the facilitator reveals them."""
    if not lifecycle.results_visible(rnd):
        st.info(t("results.hidden"))
        return
    found = lifecycle.results(rnd, lang(), layout)
    if found is None:
        st.info(t("results.none_yet"))
        return
    draw_results(found, layout=layout)


def may_open(workshop_id: int, kind: str, running: str) -> bool:
    """Whether a section may offer to open a round of ``kind``: not while one runs — then it
    says so (``running``: its catalogue key, ``{since}`` the opening time) or that another
    kind's round must end first (its controls are in the bar above)."""
    live = lifecycle.current_round(workshop_id)
    if live and live["kind"] == kind:
        st.caption(t(running, since=moment(live["opened_at"])))
    elif live:
        st.info(t("competitors.other_round_open"))
    return live is None


def round_labels(rounds: list[dict]) -> dict[int, str]:
    """A round as a choice reads: title, status, how many answered, when it opened."""
    return {
        r["id"]: t(
            "round.list_label",
            title=r["title"] or t("round.untitled"),
            status=t(f"round.status_{r['status']}"),
            submitted=r["submitted"],
            opened=moment(r["opened_at"]),
        )
        for r in rounds
    }


def past_results(workshop_id: int, kind: str, key: str, settings=None) -> dict | None:
    """The results of the workshop's rounds of ``kind``: a choice of round (newest first),
    reveal for a closed round whose results are still hidden, ``settings()`` (how to read
    them, if the section has any), the results. Returns the round shown (None without rounds)."""
    past = lifecycle.list_rounds(workshop_id, kind)
    if not past:
        return None
    st.subheader(t("round.results_title"))
    labels = round_labels(past)
    shown = st.selectbox(
        t("round.choose_results"), list(labels), format_func=labels.get, key=f"{key}_results_choice"
    )
    rnd = lifecycle.get_round(shown)
    if rnd["status"] == "closed" and rnd["hide_results"] and not rnd["revealed"]:
        st.button(
            t("round.reveal"), key=f"{key}_reveal_closed", args=(workshop_id, rnd["id"]),
            on_click=survives_storage_problems(lifecycle.reveal_round),  # before the rerun
        )  # fmt: skip
    if settings is not None:
        settings()
    show_results(rnd, layout="desk")
    return rnd


# --- the facilitator's controls -------------------------------------------------------------


def live_round_bar(workshop_id: int) -> None:
    """The running round in one bar under a step's header, whatever section is open: where
    the room stands, and reveal, close and the presenter always in reach."""
    rnd = lifecycle.current_round(workshop_id)
    if rnd is None:
        return
    with st.container(border=True, key="live_round_bar"):
        info, reveal_col, close_col, present_col = st.columns(
            [6, 2, 2, 2], vertical_alignment="center"
        )
        with info:
            live_status(rnd["id"], (rnd["status"], bool(rnd["revealed"])), one_line=True)
        if rnd["hide_results"] and not rnd["revealed"]:
            reveal_col.button(
                t("round.reveal"), key="round_reveal", type="primary",
                on_click=survives_storage_problems(lifecycle.reveal_round),  # before the rerun
                args=(workshop_id, rnd["id"]),
            )  # fmt: skip
        else:
            reveal_col.caption(t("round.results_shown_short"))
        if close_col.button(t("round.close"), key="round_close"):
            lifecycle.close_round(workshop_id, rnd["id"])
            st.rerun()
        present_col.page_link(
            PRESENTER, label=t("round.to_presenter"), icon=":material/co_present:"
        )
