"""Numbers, percentages, money and dates as each language writes and reads them."""

import pytest

from cemworkshop import formats
from cemworkshop.validation import ValidationError


@pytest.mark.parametrize(
    ("value", "de", "en"),
    [
        (11.199999999999999, "11,2\xa0%", "11.2%"),  # no floating-point tail
        (576.3999999999999, "576,4\xa0%", "576.4%"),
        (8, "8\xa0%", "8%"),
        (-0.549, "-0,5\xa0%", "-0.5%"),
        (1234.5, "1.234,5\xa0%", "1,234.5%"),
    ],
)
def test_percentages(value, de, en):
    assert formats.percent(value, "de") == de
    assert formats.percent(value, "en") == en


def test_numbers_and_money():
    assert formats.number(1234.5, "de") == "1.234,5"
    assert formats.number(1234.5, "en") == "1,234.5"
    assert formats.number(4, "de", 1, fixed=True) == "4,0"
    assert formats.money(-1200, "de") == "−1.200 €"
    assert formats.money(1200, "en") == "€1,200"


@pytest.mark.parametrize(
    ("text", "lang", "iso"),
    [
        ("31.12.2027", "de", "2027-12-31"),
        ("1.7.2027", "de", "2027-07-01"),
        ("2027-12-31", "de", "2027-12-31"),
        ("2027-12-31", "en", "2027-12-31"),
        ("  ", "de", None),
    ],
)
def test_dates_are_read_as_written(text, lang, iso):
    assert formats.parse_day(text, lang, field="target_date") == iso


@pytest.mark.parametrize(
    ("text", "lang"),
    [("31.02.2027", "de"), ("12/31/2027", "en"), ("31.12.2027", "en"), ("morgen", "de"),
     ("2027-13-01", "de"), ("27-12-31", "de")],
)  # fmt: skip
def test_dates_that_are_not_dates_are_refused(text, lang):
    with pytest.raises(ValidationError) as err:
        formats.parse_day(text, lang, field="target_date")
    assert err.value.code == "not_a_date" and err.value.params["value"] == text
