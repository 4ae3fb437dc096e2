import datetime as dt
import re
from typing import Any

import attrs
import pytest
from hypothesis import given

from step2score import (
    InvalidTypeError,
    InvalidValueError,
    NoStandardError,
    PassingStandard,
    Source,
    StandardHistory,
    default_standards,
    standard_on,
)
from tests import strategies

SOURCE = Source("A test source", "https://example.org", "official")

# (minimum, in force from) exactly as FACTS.md section 1 gives them.
EXPECTED = [
    (189, None),
    (196, "2012-07-01"),
    (203, "2013-07-01"),
    (209, "2014-07-01"),
    (214, "2022-07-01"),
    (218, "2025-07-01"),
]


def test_history_matches_the_reference_facts() -> None:
    history = default_standards()
    got = [(s.minimum, s.in_force_from and s.in_force_from.isoformat()) for s in history]
    assert got == EXPECTED


def test_the_2012_date_is_marked_assumed_and_no_other() -> None:
    assumed = [s.minimum for s in default_standards() if s.in_force_from_assumed]
    assert assumed == [196]
    assert "assumed" in default_standards().standards[1].source.note


@pytest.mark.parametrize(
    ("day", "minimum"),
    [
        ("2012-07-01", 196),
        ("2013-06-30", 196),
        ("2013-07-01", 203),
        ("2014-06-30", 203),
        ("2014-07-01", 209),
        ("2022-06-30", 209),
        ("2022-07-01", 214),
        ("2022-03-26", 209),  # the article's date is not the effective date
        ("2025-06-30", 214),
        ("2025-07-01", 218),
        ("2031-01-01", 218),
    ],
)
def test_testing_on_or_after_at_the_boundaries(day: str, minimum: int) -> None:
    assert standard_on(day).minimum == minimum
    assert standard_on(dt.date.fromisoformat(day)).minimum == minimum


def test_before_the_first_known_date_raises_rather_than_guesses() -> None:
    message = (
        "no passing standard is known for exams taken on 2012-06-30: the earliest dated standard "
        "applies from 2012-07-01; 189 applied before that but its start date is unknown"
    )
    with pytest.raises(NoStandardError, match=re.escape(message) + "$") as caught:
        standard_on("2012-06-30")
    assert caught.value.hint == "pass standard= to judge by a standard of your choice"
    assert (caught.value.field, caught.value.rule) == ("taken_on", "a date on or after 2012-07-01")
    with pytest.raises(LookupError):
        standard_on(dt.date(1999, 1, 1))


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        (
            "2025-13-01",
            InvalidValueError,
            "taken_on must be a date written YYYY-MM-DD, got '2025-13-01'",
        ),
        (
            "yesterday",
            InvalidValueError,
            "taken_on must be a date written YYYY-MM-DD, got 'yesterday'",
        ),
        (
            20250701,
            InvalidTypeError,
            "taken_on must be a date or a YYYY-MM-DD string, got int 20250701",
        ),
        (
            None,
            InvalidTypeError,
            "taken_on must be a date or a YYYY-MM-DD string, got NoneType None",
        ),
        (
            dt.datetime(2025, 7, 1, 9, 0),  # noqa: DTZ001 - the point is that it is refused
            InvalidTypeError,
            "taken_on must be a date, not a datetime, got datetime.datetime(2025, 7, 1, 9, 0)",
        ),
    ],
)
def test_bad_dates(value: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=re.escape(message)):
        standard_on(value)  # type: ignore[arg-type]


def test_passes_at_the_minimum_and_margin_sign() -> None:
    standard = PassingStandard(218, "2025-07-01", SOURCE)
    assert standard.passes(218)
    assert not standard.passes(217)
    assert standard.margin(217) == -1
    assert standard.margin(250) == 32


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"minimum": 0}, InvalidValueError, "minimum must be an integer from 1 to 300, got 0"),
        (
            {"minimum": "214"},
            InvalidTypeError,
            "minimum must be an integer from 1 to 300, got str '214'",
        ),
        (
            {"minimum": 214.5},
            InvalidValueError,
            "minimum must be an integer from 1 to 300, got 214.5",
        ),
        (
            {"in_force_from": "July"},
            InvalidValueError,
            "in_force_from must be a date written YYYY-MM-DD, got 'July'",
        ),
        ({"source": "USMLE"}, InvalidTypeError, "source must be a Source, got str 'USMLE'"),
        (
            {"in_force_from_assumed": "no"},
            InvalidTypeError,
            "in_force_from_assumed must be a bool, got str 'no'",
        ),
    ],
)
def test_standard_validation(kwargs: dict[str, Any], error: type[Exception], message: str) -> None:
    arguments: dict[str, Any] = {
        "minimum": 214,
        "in_force_from": "2022-07-01",
        "source": SOURCE,
    } | kwargs
    with pytest.raises(error, match=re.escape(message)):
        PassingStandard(**arguments)


def test_history_validation() -> None:
    first = PassingStandard(209, "2014-07-01", SOURCE)
    second = PassingStandard(214, "2022-07-01", SOURCE)
    with pytest.raises(
        InvalidValueError,
        match=re.escape("standards must be in strictly increasing date order, got 2022-07-01 then 2014-07-01"),
    ):
        StandardHistory((second, first))
    with pytest.raises(InvalidValueError, match=re.escape("standards must hold at least one PassingStandard")):
        StandardHistory(())
    with pytest.raises(InvalidTypeError, match=re.escape("standards[1] must be a PassingStandard, got int 214")):
        StandardHistory((first, 214))
    undated = PassingStandard(200, None, SOURCE)
    with pytest.raises(InvalidValueError, match="only the first may have an unknown start date"):
        StandardHistory((first, undated))
    assert StandardHistory([first, second]).on("2023-01-01") is second


def test_frozen() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        default_standards().latest.minimum = 1  # type: ignore[misc]


@given(strategies.change_days())
def test_the_day_before_and_the_day_of_a_change_differ(day: dt.date) -> None:
    """The eve of each change and the change day itself are judged by different minimums."""
    before = standard_on(day - dt.timedelta(days=1))
    on = standard_on(day)
    assert before.minimum != on.minimum
    assert on.in_force_from == day


@given(strategies.TEST_DATES)
def test_the_standard_found_is_the_latest_started(day: dt.date) -> None:
    """The standard in force began on or before the day, and no later-starting one did."""
    found = standard_on(day)
    assert found.in_force_from is not None
    assert found.in_force_from <= day
    assert all(
        s.in_force_from is None or s.in_force_from <= found.in_force_from or s.in_force_from > day
        for s in default_standards()
    )


@given(strategies.ANYTHING, strategies.ANYTHING, strategies.ANYTHING)
def test_fuzz_constructor(minimum: Any, day: Any, source: Any) -> None:
    """Any input either builds a standard or raises only the documented errors."""
    try:
        standard = PassingStandard(minimum, day, source)
    except (InvalidValueError, InvalidTypeError) as error:
        assert str(error).startswith(("minimum must", "in_force_from must", "source must"))
    else:
        assert 1 <= standard.minimum <= 300
        assert isinstance(standard.source, Source)


def test_the_2026_format_change_is_a_dated_fact_that_leaves_the_standard() -> None:
    from step2score import ExamChange, data_status, exam_changes, standard_on  # noqa: PLC0415

    (change,) = exam_changes()
    assert change.on == dt.date(2026, 5, 7)
    assert "sixteen 30-minute blocks" in change.change
    assert change.source.confidence.value == "secondary"
    assert "reviewbytes.com" in change.source.url
    assert standard_on("2026-05-06") == standard_on("2026-05-07")
    assert data_status()["Exam changes"].as_of == "latest change 2026-05-07"
    with pytest.raises(InvalidValueError, match=r"^change must"):
        ExamChange("2026-05-07", " ", change.source)
