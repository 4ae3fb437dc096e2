"""The three-digit scaled score."""

from __future__ import annotations

import attrs

from step2score._validate import SCALE_MAX, SCALE_MIN, check_int_range
from step2score.errors import InvalidScoreError

__all__ = ["SCALE_MAX", "SCALE_MIN", "ScaledScore"]


def _to_score_value(value: object) -> int:
    if isinstance(value, ScaledScore):
        return value.value
    return check_int_range(value, field="score", low=SCALE_MIN, high=SCALE_MAX, error=InvalidScoreError)


@attrs.frozen(order=True)
class ScaledScore:
    """A Step 2 CK score on the three-digit scale: an integer from 1 to 300.

    Python and numpy integers are accepted, and so is a float with no fractional
    part (``250.0`` is read as ``250``: spreadsheets and pandas columns with gaps
    hold scores as floats, and no information is lost). A fractional float, NaN,
    an infinity, a bool, a string or ``None`` is refused.

    Scores are immutable, ordered and hashable, and usable wherever an ``int`` is.

    Args:
        value: The score.

    Raises:
        InvalidScoreError: The value is off the scale or not integral.
        InvalidTypeError: The value is not a number (or is a bool).

    >>> ScaledScore(247)
    ScaledScore(247)
    >>> ScaledScore(250.0) == ScaledScore(250)
    True
    >>> ScaledScore(301)
    Traceback (most recent call last):
        ...
    step2score.errors.InvalidScoreError: score must be an integer from 1 to 300, got 301
    """

    value: int = attrs.field(converter=_to_score_value)

    def __int__(self) -> int:
        return self.value

    def __index__(self) -> int:
        return self.value

    def __repr__(self) -> str:
        return f"ScaledScore({self.value})"

    def __str__(self) -> str:
        return str(self.value)
