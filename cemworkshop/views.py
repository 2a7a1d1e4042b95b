"""Streamlit blocks that several pages show: a round's submission status and its results.

>>> submission_status(round_id, big=True)    # presenter: counts, who is still missing
>>> round_results(rnd, lang="de")            # IPA matrix, moments of truth, spread
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
import streamlit as st

from cemworkshop import benchmark, charts, metrics, rounds, store
from cemworkshop.i18n import translate
from cemworkshop.ui import md, t


@dataclass(frozen=True)
class RoundView:
    """Everything a round's results show, computed once per state of its scores. Read-only."""

    summary: pd.DataFrame
    moments: pd.DataFrame
    spread: pd.DataFrame
    raters: int
    matrix_spec: dict
    spread_spec: dict
    curve_spec: dict


@lru_cache(maxsize=64)
def _round_view(db: str, round_id: int, signature: tuple, lang: str, big: bool) -> RoundView | None:
    # One process-wide entry per (database, round, state of its scores, language, layout):
    # a presenter and thirty phones rerunning share it; a new score gives a new signature.
    scores = rounds.round_scores(round_id)
    if scores.empty:
        return None
    summary = metrics.touchpoint_summary(scores)
    spread = metrics.disagreements(summary)
    text = _chart_text(lang)
    order = list(spread["touchpoint"][: 8 if big else 10])
    return RoundView(
        summary=summary,
        moments=metrics.moments_of_truth(summary),
        spread=spread,
        raters=int(scores["participant_id"].nunique()),
        # Altair validates its whole schema in to_dict(); do it once, not on every rerun.
        matrix_spec=charts.ipa_matrix(summary, text, height=470 if big else 480).to_dict(),
        spread_spec=charts.spread_chart(scores, order, text).to_dict(),
        curve_spec=charts.experience_curve(summary, text).to_dict(),
    )


def round_view(round_id: int, lang: str, big: bool = False) -> RoundView | None:
    """A round's results (None before the first score), recomputed only when its scores change."""
    return _round_view(str(store.db_path()), round_id, rounds.signature(round_id), lang, big)


def person(p: dict) -> str:
    return p["name"] or t("people.anonymous", n=p["id"])


def submission_status(
    round_id: int, *, big: bool, caption: str | None = None, one_line: bool = False
) -> None:
    """How many have submitted, a progress bar, and the names still missing.

    ``one_line`` (presenter, results showing): counts and missing names in one line.
    """
    s = rounds.status(round_id)
    done, missing = len(s["submitted"]), len(s["missing"])
    total = done + missing
    if one_line:
        names = ", ".join(md(person(p)) for p in s["missing"])
        tail = t("status.missing", names=names) if names else t("status.all_in")
        prefix = f"{caption} · " if caption else ""
        st.markdown(prefix + t("status.submitted", done=done, total=total) + " " + tail)
        return
    if caption:
        st.caption(caption)
    if big:
        st.html(
            f'<div data-testid="submitted-count" style="font-size:88px;font-weight:800;line-height:1">'
            f"{done}<span style='font-size:44px;font-weight:600;color:#666'> / {total}</span></div>"
        )
        st.markdown(f"### {t('status.submitted_big')}")
    else:
        st.html(f'<div data-testid="submitted-count" style="display:none">{done}/{total}</div>')
        st.markdown(t("status.submitted", done=done, total=total))
    st.progress(done / total if total else 0.0)
    if missing:
        names = ", ".join(md(person(p)) for p in s["missing"])
        st.markdown(t("status.missing", names=names))
    elif done:
        st.markdown(t("status.all_in"))


def _chart_text(lang: str) -> dict[str, str]:
    keys = [
        "x",
        "y",
        "touchpoint",
        "raters",
        "people",
        "dimension",
        "mean",
        "phase",
        *metrics.QUADRANTS,
    ]
    text = {k: translate(f"chart.{k}", lang) for k in keys}
    text.update({d: translate(f"dimension.{d}", lang) for d in charts.DIMENSION_COLOURS})
    return text


def benchmark_text() -> dict[str, str]:
    keys = ("criterion", "company", "score", "gap", "lead", "par", "lag")
    return {k: t(f"bench.chart_{k}") for k in keys}


def benchmark_view(workshop_id: int, values: dict) -> None:
    """The benchmark chart for these scores, or a hint what is still missing."""
    table = benchmark.comparison(
        benchmark.criteria(workshop_id), benchmark.companies(workshop_id), values
    )
    if table.empty:
        st.info(t("bench.chart_empty"))
        return
    st.altair_chart(charts.benchmark_chart(table, benchmark_text()), width="stretch")
    lags = table[(table["own"]) & (table["gap"] < 0)]
    if not lags.empty:
        st.markdown(t("bench.lags", names=", ".join(md(n) for n in lags["criterion"])))


def round_results(rnd: dict, *, lang: str, big: bool = False) -> None:
    """A round's results, or a note that they are hidden until the facilitator reveals them."""
    if not rounds.results_visible(rnd):
        st.info(t("results.hidden"))
        return
    if rnd.get("topic") == "benchmark":
        st.subheader(t("bench.live_means"))
        benchmark_view(rnd["workshop_id"], benchmark.round_means(rnd["id"]))
        return
    view = round_view(rnd["id"], lang, big)
    if view is None:
        st.info(t("results.none_yet"))
        return
    if big:
        # Projector: the matrix and the moments of truth side by side, above the fold.
        matrix_col, mot_col = st.columns([3, 2], gap="large")
        with matrix_col:
            st.vega_lite_chart(view.matrix_spec, width="stretch")
        with mot_col:
            _moments_table(view.moments, big=True)
        _spread(view)
        return
    mot = view.moments
    a, b, c = st.columns(3)
    a.metric(t("results.raters"), view.raters)
    b.metric(t("results.moments"), len(mot))
    c.metric(t("results.critical"), int(mot["critical"].sum()) if not mot.empty else 0)
    st.subheader(t("results.matrix"))
    st.caption(t("results.matrix_help"))
    st.vega_lite_chart(view.matrix_spec, width="stretch")
    mot_col, spread_col = st.columns([2, 3], gap="large")
    with mot_col:
        _moments_table(mot, big=False)
    with spread_col:
        _spread(view)


def _moments_table(mot: pd.DataFrame, *, big: bool) -> None:
    st.subheader(t("results.moments_title"))
    if not big:
        st.caption(t("results.moments_help"))
    if mot.empty:
        st.info(t("results.no_moments"))
        return
    table = pd.DataFrame(
        {
            t("chart.touchpoint"): mot["touchpoint"],
            t("dimension.importance"): mot["importance"].round(1),
            t("dimension.performance"): mot["performance"].round(1),
            t("results.gap"): mot["gap"].round(1),
            t("results.critical_short"): mot["critical"].astype(bool),
        }
    )
    numbers = {
        t(k): st.column_config.NumberColumn(width="small", format="%.1f")
        for k in ("dimension.importance", "dimension.performance", "results.gap")
    }
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        row_height=40 if big else None,
        column_config={
            **numbers,
            t("results.critical_short"): st.column_config.CheckboxColumn(width="small"),
        },
    )


def _spread(view: RoundView) -> None:
    st.subheader(t("results.spread_title"))
    st.caption(t("results.spread_help"))
    st.vega_lite_chart(view.spread_spec, width="stretch")
    discuss = view.spread[view.spread["discuss"]]
    if not discuss.empty:
        st.markdown(t("results.discuss", names=", ".join(md(n) for n in discuss["touchpoint"][:6])))
