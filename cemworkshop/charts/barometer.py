"""Step 5's charts: a metric's trend over periods with its target and 95 % intervals, the
driver chart (derived importance against performance), the quality index's trend against its
target, and the small bars of the dashboard.

    >>> trend_chart(rows, text, lang="de")          # rows: period, series, value, low, high, target
    >>> driver_chart(rows, text, lang="de")         # rows: touchpoint, r, performance, finding
    >>> index_chart(rows, text, lang="de", target=70, height=160)
    >>> count_bars(rows, text, lang="de", height=150)
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from cemworkshop.charts.style import styled, text_size

FINDING_COLOURS = {"hidden_driver": "#d62728", "overrated": "#ff7f0e", "agree": "#1f77b4",
                   "none": "#9e9e9e"}  # fmt: skip
TARGET_COLOUR = "#2ca02c"


def trend_chart(
    rows: list[dict], text: dict[str, str], *, lang: str, big: bool = False, height: int = 320
) -> alt.LayerChart:
    """One line per ``series`` over ``period``; a vertical bar of the 95 % interval where there
    is one (small samples); the ``target`` valid in each period as a dashed green step line.
    ``text``: ``period, value, series, target, n, low, high``."""
    df = pd.DataFrame(rows)
    x = alt.X("period:O", title=text["period"], axis=alt.Axis(labelAngle=0))
    y_scale = alt.Scale(zero=False)
    lines = (
        alt.Chart(df)
        .mark_line(point=alt.OverlayMarkDef(size=90 if big else 60), strokeWidth=3 if big else 2)
        .encode(
            x=x,
            y=alt.Y("value:Q", title=text["value"], scale=y_scale),
            color=alt.Color("series:N", title=text["series"]),
            tooltip=[alt.Tooltip("series:N", title=text["series"]), alt.Tooltip("period:O", title=text["period"]),
                     alt.Tooltip("value:Q", title=text["value"], format=".1f"),
                     alt.Tooltip("n:Q", title=text["n"])],
        )
    )  # fmt: skip
    layers = [lines]
    bands = df[df["low"].notna()] if "low" in df else df.iloc[0:0]
    if not bands.empty:
        layers.append(
            alt.Chart(bands)
            .mark_rule(strokeWidth=2, opacity=0.5)
            .encode(x=x, y=alt.Y("low:Q", scale=y_scale), y2="high:Q", color="series:N",
                    tooltip=[alt.Tooltip("low:Q", title=text["low"], format=".1f"),
                             alt.Tooltip("high:Q", title=text["high"], format=".1f")])
        )  # fmt: skip
    targets = df[df["target"].notna()] if "target" in df else df.iloc[0:0]
    if not targets.empty:
        layers.append(
            alt.Chart(targets.drop_duplicates(["period", "target"]))
            .mark_line(strokeDash=[6, 4], color=TARGET_COLOUR, interpolate="step", strokeWidth=2)
            .encode(x=x, y=alt.Y("target:Q", scale=y_scale),
                    tooltip=[alt.Tooltip("target:Q", title=text["target"], format=".1f")])
        )  # fmt: skip
    return styled(alt.layer(*layers).properties(height=height), lang=lang, big=big)


def driver_chart(
    rows: list[dict], text: dict[str, str], *, lang: str, big: bool = False
) -> alt.LayerChart:
    """Per touchpoint its ``performance`` (x) against its derived importance ``r`` (y), named,
    coloured by ``finding`` (labels in ``text["findings"]``); dashed lines at the means.
    ``text``: ``performance, r, touchpoint, finding, n, findings`` (a dict)."""
    df = pd.DataFrame(rows)
    df["finding_label"] = [text["findings"][f] for f in df["finding"]]
    domain = [text["findings"][k] for k in FINDING_COLOURS]
    colour = alt.Color(
        "finding_label:N", title=text["finding"],
        scale=alt.Scale(domain=domain, range=list(FINDING_COLOURS.values())),
    )  # fmt: skip
    x = alt.X("performance:Q", title=text["performance"], scale=alt.Scale(zero=False, nice=True))
    y = alt.Y("r:Q", title=text["r"], scale=alt.Scale(zero=False, nice=True))
    points = (
        alt.Chart(df)
        .mark_circle(size=260 if big else 160, opacity=0.9)
        .encode(x=x, y=y, color=colour,
                tooltip=[alt.Tooltip("touchpoint:N", title=text["touchpoint"]),
                         alt.Tooltip("r:Q", title=text["r"], format=".2f"),
                         alt.Tooltip("performance:Q", title=text["performance"], format=".2f"),
                         alt.Tooltip("n:Q", title=text["n"])])
    )  # fmt: skip
    labels = (
        alt.Chart(df)
        .mark_text(align="left", dx=9, dy=-7, fontSize=text_size(big))
        .encode(x=x, y=y, text="touchpoint:N")
    )
    rule_x = alt.Chart(pd.DataFrame({"v": [df["performance"].mean()]})).mark_rule(
        strokeDash=[4, 4], color="#9e9e9e").encode(x="v:Q")  # fmt: skip
    rule_y = alt.Chart(pd.DataFrame({"v": [df["r"].mean()]})).mark_rule(
        strokeDash=[4, 4], color="#9e9e9e").encode(y="v:Q")  # fmt: skip
    return styled(
        alt.layer(rule_x, rule_y, points, labels).properties(height=420 if big else 380),
        lang=lang, big=big,
    )  # fmt: skip


def index_chart(
    rows: list[dict], text: dict[str, str], *, lang: str, target: float, big: bool = False,
    height: int = 260,
) -> alt.LayerChart:  # fmt: skip
    """The overall quality index per ``period`` (``value``) as a line with its values written
    on the points, against the ``target`` as a dashed green rule; the axis 0–100.
    ``text``: ``period, value, target``."""
    df = pd.DataFrame(rows)
    df["label"] = [f"{v:.0f}" for v in df["value"]]
    scale = alt.Scale(domain=[0, 100])
    x = alt.X("period:O", title=None, axis=alt.Axis(labelAngle=0))
    line = (
        alt.Chart(df)
        .mark_line(point=alt.OverlayMarkDef(size=70), strokeWidth=3, color="#1f77b4")
        .encode(x=x, y=alt.Y("value:Q", title=text["value"], scale=scale),
                tooltip=[alt.Tooltip("period:O", title=text["period"]),
                         alt.Tooltip("value:Q", title=text["value"], format=".1f")])
    )  # fmt: skip
    labels = (
        alt.Chart(df)
        .mark_text(dy=-14, fontSize=text_size(big), fontWeight="bold", color="#1f77b4")
        .encode(x=x, y=alt.Y("value:Q", scale=scale), text="label:N")
    )
    rule = (
        alt.Chart(pd.DataFrame({"v": [target], "t": [text["target"]]}))
        .mark_rule(strokeDash=[6, 4], color=TARGET_COLOUR, strokeWidth=2)
        .encode(y=alt.Y("v:Q", scale=scale), tooltip=[alt.Tooltip("v:Q", title=text["target"])])
    )
    return styled(alt.layer(rule, line, labels).properties(height=height), lang=lang, big=big)


def count_bars(
    rows: list[dict], text: dict[str, str], *, lang: str, big: bool = False, height: int = 150
) -> alt.LayerChart:
    """Counts per ``label`` (e.g. complaints per month) as bars with the count on top.
    ``text``: ``label, count``."""
    df = pd.DataFrame(rows)
    x = alt.X("label:O", title=None, sort=None, axis=alt.Axis(labelAngle=0))
    bars = alt.Chart(df).mark_bar(color="#7f7f7f").encode(
        x=x, y=alt.Y("count:Q", title=text["count"], axis=None),
        tooltip=[alt.Tooltip("label:O", title=text["label"]), alt.Tooltip("count:Q", title=text["count"])],
    )  # fmt: skip
    numbers = alt.Chart(df).mark_text(dy=-8, fontSize=text_size(big)).encode(
        x=x, y=alt.Y("count:Q", axis=None), text="count:Q")  # fmt: skip
    return styled(alt.layer(bars, numbers).properties(height=height), lang=lang, big=big)
