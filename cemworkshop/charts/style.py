"""What every chart shares: type sizes for the desk and the projector, number formats per
language, colours.

    >>> styled(chart, lang="de", big=True)     # 18 px labels, 20 px titles, "1.234,5"

Labels come in as arguments (the page translates them), so one builder serves both
languages. No Streamlit, no SQLite: data in, chart out.
"""

from __future__ import annotations

import os

import altair as alt

DIMENSION_COLOURS = {
    "importance": "#1f77b4",
    "performance": "#e6550d",
    "competitor": "#756bb1",
    "expectation": "#1f77b4",  # step 3: what the customer expects (as importance)
    "experience": "#e6550d",  # and what they get today (as performance)
}

# d3-format locales: Vega formats every axis label and tooltip number with these (German
# writes a space before the percent sign, as formats.percent does in tables: "17 %").
NUMBER_LOCALES = {
    "de": {
        "decimal": ",",
        "thousands": ".",
        "grouping": [3],
        "currency": ["", "\u00a0€"],
        "percent": "\u00a0%",
    },
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["€", ""]},
}
TIME_LOCALES = {
    "de": {
        "dateTime": "%A, der %e. %B %Y, %X",
        "date": "%d.%m.%Y",
        "time": "%H:%M:%S",
        "periods": ["AM", "PM"],
        "days": ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"],
        "shortDays": ["So", "Mo", "Di", "Mi", "Do", "Fr", "Sa"],
        "months": [
            "Januar",
            "Februar",
            "März",
            "April",
            "Mai",
            "Juni",
            "Juli",
            "August",
            "September",
            "Oktober",
            "November",
            "Dezember",
        ],
        "shortMonths": [
            "Jan",
            "Feb",
            "Mär",
            "Apr",
            "Mai",
            "Jun",
            "Jul",
            "Aug",
            "Sep",
            "Okt",
            "Nov",
            "Dez",
        ],
    },  # fmt: skip
    "en": {
        "dateTime": "%a %e %b %Y %X",
        "date": "%Y-%m-%d",
        "time": "%H:%M:%S",
        "periods": ["AM", "PM"],
        "days": ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
        "shortDays": ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
        "months": [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        "shortMonths": [
            "Jan",
            "Feb",
            "Mar",
            "Apr",
            "May",
            "Jun",
            "Jul",
            "Aug",
            "Sep",
            "Oct",
            "Nov",
            "Dec",
        ],
    },  # fmt: skip
}

# Type sizes in px: the desk (a laptop at arm's length) and the projector (the back row).
SIZES = {
    False: {"label": 14, "title": 16, "mark": 14},
    True: {"label": 18, "title": 20, "mark": 18},
}


def text_size(big: bool) -> int:
    """The size of text marks (labels drawn in the chart) for the desk or the projector."""
    return SIZES[big]["mark"]


def styled(chart: alt.TopLevelMixin, *, lang: str, big: bool = False) -> alt.TopLevelMixin:
    """``chart`` with its type sizes, the language's number and date formats, no frame."""
    size = SIZES[big]
    return (
        chart.configure(
            locale={
                "number": NUMBER_LOCALES.get(lang, NUMBER_LOCALES["de"]),
                "time": TIME_LOCALES.get(lang, TIME_LOCALES["de"]),
            }
        )  # fmt: skip
        .configure_axis(labelFontSize=size["label"], titleFontSize=size["title"], grid=False)
        .configure_legend(
            labelFontSize=size["label"], titleFontSize=size["label"], orient="bottom", labelLimit=0
        )
        .configure_view(strokeWidth=0)
    )


def validating() -> bool:
    """Whether ``to_dict`` checks a chart against Vega-Lite's whole schema: half of a reveal's
    time on the projector (0.3 of 0.6 s for one round). The builders are fixed code, so the
    app skips the check and the tests make it (``CEMWORKSHOP_CHECK_CHARTS=1``, set in
    tests/conftest.py): every chart the tests draw is checked.

        >>> chart.to_dict(validate=validating())
    """
    return os.environ.get("CEMWORKSHOP_CHECK_CHARTS") == "1"
