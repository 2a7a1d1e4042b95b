"""Charts of a running round that show no results: how far the room has come."""

from __future__ import annotations

import altair as alt
import pandas as pd

from cemworkshop.charts.style import styled

STATE_COLOURS = {"done": "#2ca02c", "in_progress": "#f2b705", "not_started": "#c7c7c7"}


def progress_bar(
    counts: dict[str, int], text: dict[str, str], *, lang: str, height: int = 56
) -> alt.Chart:
    """One stacked bar: done, in progress, not started — readable from the back of the room.
    No axis to squint at; the page writes the colours' key with the counts under it."""
    labels = [f"{text[k]}: {counts.get(k, 0)}" for k in STATE_COLOURS]
    data = pd.DataFrame(
        [
            {"state": label, "key": k, "people": counts.get(k, 0)}
            for k, label in zip(STATE_COLOURS, labels, strict=True)
        ]
    )
    total = max(1, int(data["people"].sum()))
    bar = (
        alt.Chart(data)
        .mark_bar(height=height)
        .encode(
            x=alt.X("people:Q", stack="zero", title=None, scale=alt.Scale(domain=[0, total]),
                    axis=None),
            color=alt.Color("state:N", sort=labels, title=None,
                            scale=alt.Scale(domain=labels, range=list(STATE_COLOURS.values())),
                            legend=None),
            order=alt.Order("key:N"),
            tooltip=[alt.Tooltip("state:N", title=" ")],
        )
    )  # fmt: skip
    return styled(bar.properties(height=height), lang=lang, big=True)
