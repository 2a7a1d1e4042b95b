"""What a round kind is: the contract every kind of live round fulfils, and what it hands out.

A kind module (``touchpoint_scoring.py``, ``competitor_scoring.py`` …) defines one subclass
of :class:`RoundKind` and is listed once in ``kinds.py``. The life cycle (open, close,
reveal, timer, ready) is the same for every kind and lives in ``lifecycle.py``; a kind only
says what its round asks, how an answer is checked and stored, and what its results are.

Results are plain data (:class:`Results` with figures, charts as Vega-Lite specs, tables and
notes), so the domain stays free of Streamlit and one page block draws every kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class Question:
    """One control on a participant's screen: rate ``item_id`` in ``dimension``."""

    item_id: int
    dimension: str
    label: str
    ends: str = ""  # what 1 and 5 mean, shown with the choices ("1 = unwichtig · 5 = …")
    skip: bool = False  # "can't say" may be answered (stored as a skip, not as a value)


@dataclass(frozen=True)
class QuestionGroup:
    """The questions about one subject (a touchpoint, a criterion), shown together."""

    title: str
    subtitle: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Figure:
    label: str
    value: str


@dataclass(frozen=True)
class Chart:
    """A Vega-Lite chart with its title, a line of help, an optional note below it and a
    ``legend`` (short entries such as "1 Website" that the chart's marks refer to).
    ``wide``: on the projector the chart takes the whole width, alone in its row."""

    title: str
    help: str
    spec: dict
    note: str = ""
    legend: tuple[str, ...] = ()
    wide: bool = False


@dataclass(frozen=True)
class Table:
    """A table with translated headers; ``columns`` says how a column shows: ``number``
    (formatted for the reader), ``figure`` (a number already written as text), ``check``
    (a tick), ``warn`` (a warning sign where true, on the projector)."""

    title: str
    help: str
    data: pd.DataFrame
    columns: dict[str, str] = field(default_factory=dict)
    empty: str = ""
    missing: dict[str, str] = field(default_factory=dict)  # column: text for an empty number


@dataclass(frozen=True)
class Highlight:
    """One line of results on a phone: what (``title``), its figures in words, a warning flag."""

    title: str
    detail: str = ""
    flagged: bool = False


@dataclass(frozen=True)
class Results:
    """A round's results. ``blocks`` in reading order; ``highlights`` are short lines for
    phones, ``reading`` says in one line what they mean. Every text is plain text, never markup."""

    figures: tuple[Figure, ...] = ()
    blocks: tuple[Chart | Table, ...] = ()
    highlights: tuple[Highlight, ...] = ()
    reading: str = ""


class RoundKind:
    """The contract of a round kind. ``name`` is what ``rounds.kind`` stores.

    ``input`` names how a participant answers (``rating``: a 1–5 choice per question);
    the phone page has one block per input style, not one per kind.
    """

    name: str = ""
    input: str = ""

    def create_items(self, db, workshop_id: int, round_id: int, **options) -> tuple[str, ...]:
        """Insert the round's items (inside the opening transaction); returns its dimensions."""
        raise NotImplementedError

    def questions(self, rnd: dict, lang: str) -> list[QuestionGroup]:
        """What a participant is asked, grouped as the phone shows it."""
        raise NotImplementedError

    def intro(self, rnd: dict, lang: str) -> list[str]:
        """Lines that explain the round and its scale to a participant."""
        return []

    def write(
        self, db, rnd: dict, participant_id: int, answers: dict, expected: dict | None = None
    ) -> int:
        """Check and store one participant's answers inside ``db``'s transaction; returns how
        many values were stored. Raises ``ValidationError`` before writing anything — also
        when ``expected`` (what the screen showed) no longer matches what is stored."""
        raise NotImplementedError

    def answers(self, round_id: int, participant_id: int) -> dict:
        """This participant's answers so far, in the shape ``write`` takes."""
        raise NotImplementedError

    def answer_counts(self, round_id: int) -> dict[int, int]:
        """How many answers each participant has given: ``{participant_id: n}``."""
        raise NotImplementedError

    def expected_answers(self, rnd: dict) -> int:
        """How many answers make a participant's submission complete."""
        raise NotImplementedError

    def results(self, rnd: dict, lang: str, layout: str) -> Results | None:
        """The round's results for ``layout`` (``projector`` or ``desk``), None before any answer."""
        raise NotImplementedError

    def live_figures(self, rnd: dict, lang: str) -> tuple[Figure, ...]:
        """Figures the room may see while the results are hidden (how many ideas, dots spent);
        nothing by default."""
        return ()

    def export_rows(self, rnd: dict) -> list[dict]:
        """Every answer of the round as rows of :data:`EXPORT_COLUMNS` (without the round's own
        columns, which the export adds)."""
        raise NotImplementedError


# The columns every kind's answers have in the "all scores" export, after the round's columns.
EXPORT_COLUMNS = [
    "subject",
    "subject_group",
    "participant_id",
    "participant",
    "dimension",
    "value",
    "submitted_at",
]
