"""The package's errors: one root, :class:`Step2ScoreError`, and typed children.

Every child also subclasses the matching built-in exception, so code that already
catches :class:`ValueError`, :class:`TypeError` or :class:`LookupError` keeps working.
Messages name the field, state the rule and show the value.
"""

from __future__ import annotations

__all__ = [
    "DataFileError",
    "InvalidScoreError",
    "InvalidTypeError",
    "InvalidValueError",
    "MissingExtraError",
    "NoStandardError",
    "OutsideMatchError",
    "SpecialtyNotInEditionError",
    "Step2ScoreError",
    "UnknownEditionError",
    "UnknownSpecialtyError",
]


class Step2ScoreError(Exception):
    """The root of every error raised on purpose by step2score."""

    def located(self, where: str) -> Step2ScoreError:
        """The same kind of error with ``where`` (``row 3``, ``item 0``) before its message.

        >>> print(InvalidValueError("score must be an integer").located("row 3"))
        row 3: score must be an integer
        """
        return type(self)(f"{where}: {self}")


class InvalidValueError(Step2ScoreError, ValueError):
    """A value of the right type breaks a rule (out of range, out of order, unknown word)."""


class InvalidTypeError(Step2ScoreError, TypeError):
    """A value has the wrong type (a string where a date is needed, a bool for a score)."""


class InvalidScoreError(InvalidValueError):
    """A score is not an integer on the three-digit scale, 1 to 300."""


class NoStandardError(Step2ScoreError, LookupError):
    """No passing standard is known for the date asked about."""


class UnknownSpecialtyError(Step2ScoreError, LookupError):
    """A specialty name matches no known specialty."""


class MissingExtraError(Step2ScoreError, ImportError):
    """An optional dependency is not installed; the message names the extra that provides it."""


class OutsideMatchError(UnknownSpecialtyError):
    """The specialty matches outside the NRMP Main Residency Match, so no edition has figures for it."""


class SpecialtyNotInEditionError(Step2ScoreError, LookupError):
    """A known specialty has no row in the benchmark edition asked about."""


class UnknownEditionError(Step2ScoreError, LookupError):
    """A benchmark edition, norm cohort or other named data set is not known."""


class DataFileError(Step2ScoreError, ValueError):
    """A data file (packaged or the user's own) breaks a rule; the message names file, row and field."""
