"""Passing standards and the dated history of them.

A score is judged by the standard in force on the day the exam was taken ("testing
on or after" the effective date), and a score equal to the minimum passes.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Iterator

import attrs

from step2score import rules
from step2score._data import packaged_table
from step2score._validate import (
    as_date,
    check_instance,
    field_repr,
    instance_of,
    named_fields,
    on_the_scale,
    optional_date,
    text_field,
    type_error,
)
from step2score.errors import InvalidValueError, NoStandardError, bounded_repr
from step2score.score import ScaledScore
from step2score.sources import Source

__all__ = ["ExamChange", "PassingStandard", "StandardHistory", "default_standards", "exam_changes", "standard_on"]


@attrs.frozen(field_transformer=named_fields)
class PassingStandard:
    """A minimum passing score and the first test date it applies to.

    Args:
        minimum: The lowest passing score; a score equal to it passes.
        in_force_from: The first test date judged by this minimum, or ``None``
            when the start is not known (the oldest packaged standard, 189).
        source: Where the figure was read.
        in_force_from_assumed: ``True`` when the date is an assumption the source
            does not state (the 2012 standard of 196).
        announced: When the change was decided or announced, in words.

    >>> from step2score import standard_on
    >>> s = standard_on("2025-07-01")
    >>> s.minimum, s.in_force_from
    (218, datetime.date(2025, 7, 1))
    >>> s.passes(218), s.passes(217)
    (True, False)
    """

    __repr__ = field_repr

    minimum: int = attrs.field(converter=on_the_scale)
    in_force_from: dt.date | None = attrs.field(converter=optional_date)
    source: Source = attrs.field(validator=instance_of(Source))
    in_force_from_assumed: bool = attrs.field(default=False, kw_only=True, validator=instance_of(bool))
    announced: str = attrs.field(default="", kw_only=True, validator=instance_of(str))

    def passes(self, score: ScaledScore | int, /) -> bool:
        """Whether ``score`` reaches the minimum (a score equal to it passes).

        >>> standard_on("2024-01-01").passes(214)
        True
        """
        return rules.passes(ScaledScore(score).value, self.minimum)

    def margin(self, score: ScaledScore | int, /) -> int:
        """Points above the minimum; negative when the score fails.

        >>> standard_on("2024-01-01").margin(210)
        -4
        """
        return rules.margin(ScaledScore(score).value, self.minimum)

    def describe(self) -> str:
        """One line: the minimum and the dates it applies to.

        >>> default_standards().latest.describe()
        '218 for exams taken on or after 2025-07-01'
        """
        if self.in_force_from is None:
            return f"{self.minimum} (start date unknown)"
        assumed = " (date assumed)" if self.in_force_from_assumed else ""
        return f"{self.minimum} for exams taken on or after {self.in_force_from.isoformat()}{assumed}"


def _standards(value: object) -> tuple[PassingStandard, ...]:
    if not isinstance(value, tuple | list):
        raise type_error(value, (tuple, list), field="standards")
    items = tuple(value)
    if not items:
        msg = "standards must hold at least one PassingStandard, got an empty sequence"
        raise InvalidValueError(msg)
    for index, item in enumerate(items):
        check_instance(item, PassingStandard, field=f"standards[{index}]")
    undated = [s for s in items[1:] if s.in_force_from is None]
    if undated:
        msg = f"standards: only the first may have an unknown start date, got {undated[0].minimum} undated"
        raise InvalidValueError(msg)
    dates = [s.in_force_from for s in items if s.in_force_from is not None]
    if not dates:
        msg = "standards must hold at least one PassingStandard with a start date, got only an undated one"
        raise InvalidValueError(msg, field="standards", rule="at least one dated standard")
    for earlier, later in itertools.pairwise(dates):
        if later <= earlier:
            msg = f"standards must be in strictly increasing date order, got {earlier} then {later}"
            raise InvalidValueError(msg)
    return items


@attrs.frozen
class StandardHistory:
    """The passing standards in date order, to find the one in force on a test date.

    Args:
        standards: Standards in increasing date order; only the first may have an
            unknown start date.

    >>> history = default_standards()
    >>> [s.minimum for s in history]
    [189, 196, 203, 209, 214, 218]
    >>> history.on("2022-06-30").minimum, history.on("2022-07-01").minimum
    (209, 214)
    """

    standards: tuple[PassingStandard, ...] = attrs.field(converter=_standards)

    def __repr__(self) -> str:
        """One line: each minimum with the date it took effect.

        >>> default_standards()
        StandardHistory(189, 196 from 2012-07-01 (assumed), 203 from 2013-07-01, 209 from 2014-07-01,
        214 from 2022-07-01, 218 from 2025-07-01)
        """
        parts = []
        for standard in self.standards:
            when = "" if standard.in_force_from is None else f" from {standard.in_force_from.isoformat()}"
            assumed = " (assumed)" if standard.in_force_from_assumed else ""
            parts.append(f"{standard.minimum}{when}{assumed}")
        return f"StandardHistory({', '.join(parts)})"

    def __iter__(self) -> Iterator[PassingStandard]:
        return iter(self.standards)

    def __len__(self) -> int:
        return len(self.standards)

    @property
    def latest(self) -> PassingStandard:
        """The most recent standard."""
        return self.standards[-1]

    @property
    def first_known_date(self) -> dt.date:
        """The earliest test date for which a standard is known."""
        return self.changes()[0]

    def on(self, taken_on: dt.date | str, /) -> PassingStandard:
        """The standard in force for an exam taken on ``taken_on``.

        The rule is "testing on or after": the effective date itself is judged by
        the new minimum.

        Raises:
            NoStandardError: ``taken_on`` is before the first known date.

        >>> default_standards().on("2014-07-01").minimum
        209
        """
        day = as_date(taken_on, field="taken_on")
        found: PassingStandard | None = None
        for standard in self.standards:
            if standard.in_force_from is not None and standard.in_force_from <= day:
                found = standard
        if found is None:
            msg = f"no passing standard is known for exams taken on {day.isoformat()}: "
            msg += f"the earliest dated standard applies from {self.first_known_date.isoformat()}"
            undated = self.standards[0] if self.standards[0].in_force_from is None else None
            if undated is not None:
                msg += f"; {undated.minimum} applied before that but its start date is unknown"
            raise NoStandardError(
                msg,
                field="taken_on",
                value=day,
                rule=f"a date on or after {self.first_known_date.isoformat()}",
                hint="pass standard= to judge by a standard of your choice",
            )
        return found

    def changes(self) -> tuple[dt.date, ...]:
        """Every date on which a new minimum took effect, in order.

        >>> [day.isoformat() for day in default_standards().changes()][-2:]
        ['2022-07-01', '2025-07-01']
        """
        return tuple(s.in_force_from for s in self.standards if s.in_force_from is not None)


_COLUMNS = ("minimum", "in_force_from", "in_force_from_assumed", "announced")


def _yes_no(text: str) -> bool:
    if text not in {"yes", "no"}:
        msg = f"must be 'yes' or 'no', got {bounded_repr(text)}"
        raise InvalidValueError(msg)
    return text == "yes"


@functools.cache
def default_standards() -> StandardHistory:
    """The packaged history of Step 2 CK minimums (read once, on first use).

    >>> default_standards().latest.minimum
    218
    """
    rows = packaged_table("standards.csv", _COLUMNS)
    return StandardHistory(
        tuple(
            PassingStandard(
                row.read("minimum", int),
                row.optional("in_force_from", dt.date.fromisoformat),
                row.source(),
                in_force_from_assumed=row.read("in_force_from_assumed", _yes_no),
                announced=row.text("announced", required=False),
            )
            for row in rows
        )
    )


def standard_on(taken_on: dt.date | str, /, *, history: StandardHistory | None = None) -> PassingStandard:
    """The passing standard in force for an exam taken on ``taken_on``.

    Args:
        taken_on: The test date (a :class:`datetime.date` or ``YYYY-MM-DD``).
        history: The standards to look in; the packaged history by default.

    Raises:
        NoStandardError: ``taken_on`` is before the first known date.
        InvalidValueError: ``taken_on`` is a string but not a date.

    >>> standard_on("2024-05-01").minimum
    214
    >>> standard_on("2012-01-01")
    Traceback (most recent call last):
        ...
    step2score.errors.NoStandardError: no passing standard is known for exams taken on 2012-01-01:
    the earliest dated standard applies from 2012-07-01; 189 applied before that but its start date
    is unknown
    """
    chosen = default_standards() if history is None else history
    check_instance(chosen, StandardHistory, field="history")
    return chosen.on(taken_on)


def _change_date(value: object) -> dt.date:
    return as_date(value, field="on")


@attrs.frozen
class ExamChange:
    """A dated change to how Step 2 CK is given that leaves the passing standard as it was.

    Attributes:
        on: The first test date the change applies to.
        change: What changed, in words.
        source: Where it was read.

    >>> print(exam_changes()[-1].describe())
    from 2026-05-07: Step 2 CK is delivered as sixteen 30-minute blocks (at most 20 items each) on new software;
    content, scoring and total time are unchanged, and so is the passing standard
    """

    __repr__ = field_repr

    on: dt.date = attrs.field(converter=_change_date)
    change: str = attrs.field(validator=text_field)
    source: Source = attrs.field(validator=instance_of(Source))

    def describe(self) -> str:
        """The change in words, with its date.

        >>> exam_changes()[0].describe()[:42]
        'from 2026-05-07: Step 2 CK is delivered as'
        """
        return f"from {self.on.isoformat()}: {self.change}"


@functools.cache
def exam_changes() -> tuple[ExamChange, ...]:
    """The packaged dated changes to how the exam is given, oldest first (FACTS section 9).

    >>> [change.on.isoformat() for change in exam_changes()]
    ['2026-05-07']
    """
    rows = packaged_table("exam_changes.csv", ("on", "change"))
    return tuple(
        sorted((ExamChange(row.text("on"), row.text("change"), row.source()) for row in rows), key=lambda c: c.on)
    )
