"""What every chart shares: type sizes for a projector at the back of a room, colours.

Labels come in as arguments (the page translates them), so one builder serves both
languages. No Streamlit, no SQLite: data in, chart out.
"""

from __future__ import annotations

import altair as alt

DIMENSION_COLOURS = {"importance": "#1f77b4", "performance": "#e6550d", "competitor": "#756bb1"}


def projector(chart: alt.TopLevelMixin, size: int = 15) -> alt.TopLevelMixin:
    """``chart`` with axis and legend text large enough for a projector."""
    return (
        chart.configure_axis(labelFontSize=size, titleFontSize=size + 2, grid=False)
        .configure_legend(labelFontSize=size, titleFontSize=size, orient="bottom")
        .configure_view(strokeWidth=0)
    )
