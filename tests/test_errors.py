"""The error contract: every error carries field, value (bounded), rule, suggestions and hint, as JSON-safe data."""

import json
import pickle
import re
from typing import Any

import pytest
from hypothesis import given

from step2score import (
    ApplicantProfile,
    ApplicantType,
    DataFileError,
    InvalidScoreError,
    InvalidTypeError,
    InvalidValueError,
    NoPolicyError,
    NoStandardError,
    ProgramTier,
    ScaledScore,
    Source,
    Step2ScoreError,
    UnknownCohortError,
    UnknownDatasetError,
    UnknownEditionError,
    standard_on,
)
from step2score.errors import bounded_repr
from tests import strategies

#: Python or shell syntax a web form cannot show: calls, backticks, attribute access on a name.
CODE = re.compile(r"\w\(\)|`|\.\w+\(")


@pytest.mark.parametrize(
    ("make", "kind", "field", "value", "rule"),
    [
        (lambda: ScaledScore(301), InvalidScoreError, "score", "301", "an integer from 1 to 300"),
        (lambda: ScaledScore(250.5), InvalidScoreError, "score", "250.5", "an integer from 1 to 300"),
        (lambda: ScaledScore("247"), InvalidTypeError, "score", "'247'", "an integer from 1 to 300"),
        (lambda: standard_on("2025-13-01"), InvalidValueError, "taken_on", "'2025-13-01'", "a date written YYYY-MM-DD"),
        (
            lambda: standard_on(20250701),  # type: ignore[arg-type]
            InvalidTypeError,
            "taken_on",
            "20250701",
            "a date or a YYYY-MM-DD string",
        ),
        (lambda: ProgramTier.parse(3), InvalidTypeError, "program_tier", "3", "a str or ProgramTier"),
        (lambda: Source(" ", "https://a.example", "official"), InvalidValueError, "title", "' '", "non-blank text"),
        (lambda: Source("t", "https://a.example", 3), InvalidTypeError, "confidence", "3", "a str or Confidence"),
    ],
)
def test_errors_carry_field_value_and_rule(
    make: Any, kind: type[Step2ScoreError], field: str, value: str, rule: str
) -> None:
    with pytest.raises(kind) as caught:
        make()
    error = caught.value
    assert (error.field, error.value, error.rule) == (field, value, rule)
    assert str(error) == error.message
    assert str(error).startswith(f"{field} must")


def test_an_unknown_word_suggests_the_closest() -> None:
    with pytest.raises(InvalidValueError) as caught:
        ApplicantType.parse("non-us-imh")
    assert caught.value.suggestions == ("non-us-img", "us-img")
    assert caught.value.field == "applicant"
    assert caught.value.rule == "one of 'us-md', 'us-do', 'us-img', 'non-us-img'"


def test_a_developer_hint_stays_out_of_the_message() -> None:
    import datetime as dt  # noqa: PLC0415

    with pytest.raises(InvalidTypeError) as caught:
        standard_on(dt.datetime(2025, 7, 1, 9, 0))  # noqa: DTZ001 - refused on purpose
    error = caught.value
    assert str(error) == "taken_on must be a date, not a datetime, got datetime.datetime(2025, 7, 1, 9, 0)"
    assert error.hint == "pass the datetime's .date()"
    assert error.hint not in str(error)


def test_to_dict_is_json_safe_and_complete() -> None:
    with pytest.raises(InvalidScoreError) as caught:
        ScaledScore(0)
    data = caught.value.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data == {
        "error": "InvalidScoreError",
        "message": "score must be an integer from 1 to 300, got 0",
        "field": "score",
        "value": "0",
        "rule": "an integer from 1 to 300",
        "suggestions": [],
        "hint": None,
    }


def test_located_keeps_the_kind_and_every_attribute() -> None:
    with pytest.raises(InvalidValueError) as caught:
        ProgramTier.parse("topp")
    moved = caught.value.located("row 3")
    assert type(moved) is InvalidValueError
    assert str(moved) == "row 3: program_tier must be one of 'community', 'academic', 'top', got 'topp'"
    assert (moved.field, moved.value, moved.rule, moved.suggestions) == (
        "program_tier",
        "'topp'",
        "one of 'community', 'academic', 'top'",
        ("top",),
    )
    assert str(caught.value).startswith("program_tier")  # the original is unchanged


def test_errors_survive_pickling_with_their_attributes() -> None:
    """An error sent between processes (a worker pool) keeps its message and attributes."""
    error = InvalidValueError("x must be 1, got 2", field="x", value=2, rule="1", suggestions=["1"], hint="h")
    back = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
    assert back.to_dict() == error.to_dict()


def test_plain_messages_still_work() -> None:
    """Other modules' `raise SomeError(msg)` keeps working: every attribute is optional."""
    error = NoStandardError("no standard before 1999")
    assert str(error) == "no standard before 1999"
    assert error.to_dict()["field"] is None
    assert error.suggestions == ()


def test_better_named_lookup_errors() -> None:
    """Attempt limits and norm cohorts get errors named for them; an edition error is a data-set error."""
    assert issubclass(NoPolicyError, LookupError)
    assert issubclass(NoPolicyError, Step2ScoreError)
    assert issubclass(UnknownCohortError, UnknownDatasetError)
    assert issubclass(UnknownEditionError, UnknownDatasetError)
    assert issubclass(UnknownDatasetError, LookupError)
    assert issubclass(DataFileError, ValueError)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (247, "247"),
        ("abc", "'abc'"),
        ("x" * 81, "'" + "x" * 80 + "'... (81 characters)"),
        (b"y" * 100, repr(b"y" * 80) + "... (100 bytes)"),
        (10**5000, "an integer of about 5001 digits"),
        (-(10**5000), "a negative integer of about 5001 digits"),
        (list(range(100)), repr(list(range(100)))[:80] + "... (390 characters)"),
    ],
    ids=["int", "str", "long str", "long bytes", "huge int", "huge negative int", "long list"],
)
def test_bounded_repr(value: object, shown: str) -> None:
    assert bounded_repr(value) == shown


def test_bounded_repr_of_an_object_whose_repr_fails() -> None:
    class Broken:
        def __repr__(self) -> str:
            raise RuntimeError

    assert bounded_repr(Broken()) == "<Broken>"


@given(strategies.ANYTHING)
def test_messages_are_plain_words_and_attributes_json_safe(value: Any) -> None:
    """Law: for any input, the readers' errors carry a field, a bounded value, a JSON-safe dict and no code."""
    for make in (
        lambda: ScaledScore(value),
        lambda: standard_on(value),
        lambda: ApplicantProfile(applicant=value),
        lambda: ApplicantProfile(program_tier=value),
        lambda: Source("t", "https://a.example", value),
    ):
        try:
            make()
        except Step2ScoreError as error:
            assert error.field
            assert error.value is not None
            assert len(error.value) <= 120
            assert json.loads(json.dumps(error.to_dict())) == error.to_dict()
            assert not CODE.search(error.message.split(", got ")[0]), error.message


def test_bounded_repr_of_text_full_of_escapes_stays_short() -> None:
    """A repr of control or unprintable characters is up to ten times the text; the quote is cut to the limit."""
    shown = bounded_repr("\x00" * 1000)
    assert shown == repr("\x00" * 80)[:80] + "... (1000 characters)"
