"""Charts of a running round that show no results: how far the room has come."""

from __future__ import annotations

import altair as alt
import pandas as pd

from cemworkshop.charts.style import styled

STATE_COLOURS = {"done": "#2ca02c", "in_progress": "#f2b705", "not_started": "#c7c7c7"}


def progress_bar(
    counts: dict[str, int], text: dict[str, str], *, lang: str, height: int = 80
) -> alt.Chart:
    """One stacked bar: done, in progress, not started — readable from the back of the room."""
    data = pd.DataFrame(
        [{"state": text[k], "key": k, "people": counts.get(k, 0)} for k in STATE_COLOURS]
    )
    labels = [text[k] for k in STATE_COLOURS]
    total = max(1, int(data["people"].sum()))
    bar = (
        alt.Chart(data)
        .mark_bar(height=height - 30)
        .encode(
            x=alt.X("people:Q", stack="zero", title=None, scale=alt.Scale(domain=[0, total]),
                    axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color("state:N", sort=labels, title=None,
                            scale=alt.Scale(domain=labels, range=list(STATE_COLOURS.values()))),
            order=alt.Order("key:N"),
            tooltip=[alt.Tooltip("state:N", title=" "), alt.Tooltip("people:Q", title="#")],
        )
    )  # fmt: skip
    return styled(bar.properties(height=height), lang=lang, big=True)
