import re
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import numpy as np
import pytest
from hypothesis import given

from step2score import InvalidScoreError, InvalidTypeError, ScaledScore, Step2ScoreError
from tests import strategies


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1, 1),
        (300, 300),
        (247, 247),
        (np.int64(250), 250),
        (np.int16(214), 214),
        (250.0, 250),
        (np.float64(218.0), 218),
        (Fraction(246, 1), 246),
        (Decimal("231"), 231),
        (ScaledScore(240), 240),
    ],
)
def test_accepts_integers_and_integral_numbers(value: object, expected: int) -> None:
    score = ScaledScore(value)
    assert score.value == expected
    assert type(score.value) is int


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0, "score must be an integer from 1 to 300, got 0"),
        (301, "score must be an integer from 1 to 300, got 301"),
        (-5, "score must be an integer from 1 to 300, got -5"),
        (250.5, "score must be an integer from 1 to 300, got 250.5"),
        (float("nan"), "score must be an integer from 1 to 300, got nan"),
        (float("inf"), "score must be an integer from 1 to 300, got inf"),
        (float("-inf"), "score must be an integer from 1 to 300, got -inf"),
        (np.float64("nan"), "score must be an integer from 1 to 300, got nan"),
        (300.0001, "score must be an integer from 1 to 300, got 300.0001"),
    ],
)
def test_rejects_bad_values_with_the_rule_and_the_value(value: object, message: str) -> None:
    with pytest.raises(InvalidScoreError, match=re.escape(message)):
        ScaledScore(value)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (True, "score must be an integer from 1 to 300, got bool True"),
        (False, "score must be an integer from 1 to 300, got bool False"),
        ("247", "score must be an integer from 1 to 300, got str '247'"),
        (None, "score must be an integer from 1 to 300, got NoneType None"),
        ([247], "score must be an integer from 1 to 300, got list [247]"),
        (247 + 0j, "score must be an integer from 1 to 300, got complex (247+0j)"),
    ],
)
def test_rejects_wrong_types(value: object, message: str) -> None:
    with pytest.raises(InvalidTypeError, match=re.escape(message)):
        ScaledScore(value)


def test_errors_are_also_builtin_errors() -> None:
    with pytest.raises(ValueError, match="got 0"):
        ScaledScore(0)
    with pytest.raises(TypeError, match="got str"):
        ScaledScore("1")


def test_frozen() -> None:
    score = ScaledScore(247)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        score.value = 250  # type: ignore[misc]


def test_usable_as_an_int() -> None:
    score = ScaledScore(247)
    assert int(score) == 247
    assert [0] * int(score) != [0] * 300
    assert range(300)[score] == 247
    assert str(score) == "247"
    assert repr(score) == "ScaledScore(247)"


@given(strategies.SCORE_VALUES, strategies.SCORE_VALUES)
def test_order_follows_the_integers(a: int, b: int) -> None:
    """Scores compare exactly as their integers do, and equal scores hash alike."""
    assert (ScaledScore(a) < ScaledScore(b)) == (a < b)
    assert (ScaledScore(a) == ScaledScore(b)) == (a == b)
    if a == b:
        assert hash(ScaledScore(a)) == hash(ScaledScore(b))


@given(strategies.ANYTHING)
def test_fuzz_constructor(value: Any) -> None:
    """Any input either gives a score on the scale or raises only the documented errors."""
    try:
        score = ScaledScore(value)
    except (InvalidScoreError, InvalidTypeError) as error:
        assert isinstance(error, Step2ScoreError)
        assert str(error).startswith("score must be an integer from 1 to 300, got ")
    else:
        assert 1 <= score.value <= 300
        assert score.value == value
