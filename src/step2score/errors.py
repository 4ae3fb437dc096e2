"""The package's errors: one root, :class:`Step2ScoreError`, and typed children.

Every child also subclasses the matching built-in exception, so code that already
catches :class:`ValueError`, :class:`TypeError` or :class:`LookupError` keeps working.

Messages name the field, state the rule and show the value, in words a person can
read on a web form (no code). The same facts are attributes an app can use without
parsing the message: ``field``, ``value`` (a bounded repr), ``rule``, ``suggestions``
and, for developers only, ``hint``. :meth:`Step2ScoreError.to_dict` gives them all as
JSON-safe data.

>>> error = InvalidValueError("tier must be one of 'a', 'b', got 'c'", field="tier", value="c", rule="one of 'a', 'b'")
>>> error.field, error.value, error.rule
('tier', "'c'", "one of 'a', 'b'")
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = [
    "DataFileError",
    "InvalidScoreError",
    "InvalidTypeError",
    "InvalidValueError",
    "MissingExtraError",
    "NoPolicyError",
    "NoStandardError",
    "OutsideMatchError",
    "SpecialtyNotInEditionError",
    "Step2ScoreError",
    "UnknownCohortError",
    "UnknownDatasetError",
    "UnknownEditionError",
    "UnknownSpecialtyError",
    "bounded_repr",
]

#: The longest prefix of a value's repr a message or an error attribute quotes.
REPR_LIMIT = 80
#: Integers with more bits than this are described, not written (and str() refuses past 4300 digits).
_INT_BITS_LIMIT = 256
_LOG10_2 = 0.30102999566398120


class _Unset:
    """The marker for "no value given" (``None`` is a value a user can pass)."""

    def __repr__(self) -> str:
        return "<unset>"


_UNSET = _Unset()


def bounded_repr(value: object, /, *, limit: int = REPR_LIMIT) -> str:
    """A repr of ``value`` short enough for a message, whatever its size.

    A long repr is cut to its first ``limit`` characters, followed by ``...`` and the
    value's length; a huge integer is described by its number of digits (Python
    refuses to write integers of more than 4300 digits as text); a repr that fails
    is replaced by the type's name.

    >>> bounded_repr("x" * 1000)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx... (1000 characters)"
    >>> bounded_repr(10**5000)
    'an integer of about 5001 digits'
    >>> bounded_repr(247)
    '247'
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > _INT_BITS_LIMIT:
        digits = int(value.bit_length() * _LOG10_2) + 1
        sign = "a negative" if value < 0 else "an"
        return f"{sign} integer of about {digits} digits"
    if isinstance(value, str | bytes) and len(value) > limit:
        unit = "characters" if isinstance(value, str) else "bytes"
        prefix = repr(value[:limit])
        if len(prefix) > limit + 3:  # escapes (``\U0001f600``) can make a repr ten times longer
            prefix = prefix[:limit]
        return f"{prefix}... ({len(value)} {unit})"
    try:
        text = one_line(repr(value))
    except Exception:
        return f"<{type(value).__name__}>"
    if len(text) > limit:
        return f"{text[:limit]}... ({len(text)} characters)"
    return text


def one_line(text: str, /) -> str:
    r"""A repr that spans lines (a pandas Series, a numpy array) as one line, its line breaks and indents one space.

    >>> one_line("0    250\n1    251\ndtype: int64")
    '0    250 1    251 dtype: int64'
    """
    if "\n" not in text and "\r" not in text:
        return text
    return " ".join(part.strip() for part in text.replace("\r", "\n").split("\n") if part.strip())


class Step2ScoreError(Exception):
    """The root of every error raised on purpose by step2score.

    Args:
        message: What went wrong, in words (field, rule, value).
        field: The name of the input at fault (``score``, ``taken_on``), if known.
        value: The value at fault; stored as a bounded repr (see ``bounded_repr``).
        rule: The rule the value breaks, in words (``an integer from 1 to 300``).
        suggestions: Values that would be accepted and are close to the one given.
        hint: A note for developers (which function lists the valid names), kept out of the message.

    Every attribute is optional, so ``raise InvalidValueError(msg)`` keeps working.

    >>> error = InvalidScoreError("score must be an integer from 1 to 300, got 301", field="score", value=301)
    >>> error.to_dict()["value"]
    '301'
    """

    def __init__(
        self,
        message: str = "",
        /,
        *,
        field: str | None = None,
        value: object = _UNSET,
        rule: str | None = None,
        suggestions: Iterable[str] = (),
        hint: str | None = None,
    ) -> None:
        """Keep the message and the machine-readable facts (see the class docstring)."""
        message = _bounded_message(str(message))
        super().__init__(message)
        self.message = message
        self.field = field
        self.value: str | None = None if value is _UNSET else bounded_repr(value)
        self.rule = rule
        self.suggestions: tuple[str, ...] = tuple(suggestions)
        self.hint = hint

    def __str__(self) -> str:
        return self.message

    def located(self, where: str) -> Step2ScoreError:
        """The same kind of error with ``where`` (``row 3``, ``item 0``) before its message.

        The field, value, rule, suggestions and hint are carried over.

        >>> error = InvalidValueError("score must be an integer", field="score").located("row 3")
        >>> print(error)
        row 3: score must be an integer
        >>> error.field
        'score'
        """
        moved = type(self).__new__(type(self))  # not copy.copy: a library may change how exceptions copy (tblib)
        moved.__dict__.update(vars(self))
        moved.message = f"{where}: {self.message}"
        moved.args = (moved.message,)
        return moved

    def to_dict(self) -> dict[str, object]:
        """The error as JSON-safe data for an app: kind, message, field, value, rule, suggestions, hint.

        >>> InvalidValueError("tier must be 'a', got 'c'", field="tier", value="c").to_dict()
        {'error': 'InvalidValueError', 'message': "tier must be 'a', got 'c'", 'field': 'tier', 'value': "'c'", \
'rule': None, 'suggestions': [], 'hint': None}
        """
        return {
            "error": type(self).__name__,
            "message": self.message,
            "field": self.field,
            "value": self.value,
            "rule": self.rule,
            "suggestions": list(self.suggestions),
            "hint": self.hint,
        }


class InvalidValueError(Step2ScoreError, ValueError):
    """A value of the right type breaks a rule (out of range, out of order, unknown word)."""


class InvalidTypeError(Step2ScoreError, TypeError):
    """A value has the wrong type (a string where a date is needed, a bool for a score)."""


class InvalidScoreError(InvalidValueError):
    """A score is not an integer on the three-digit scale, 1 to 300."""


class NoStandardError(Step2ScoreError, LookupError):
    """No passing standard is known for the date asked about."""


class NoPolicyError(Step2ScoreError, LookupError):
    """No attempt-limit policy is known for the date asked about."""


class UnknownSpecialtyError(Step2ScoreError, LookupError):
    """A specialty name matches no known specialty."""


class MissingExtraError(Step2ScoreError, ModuleNotFoundError):
    """An optional dependency is not installed; the message names the extra that provides it."""


class OutsideMatchError(UnknownSpecialtyError):
    """The specialty matches outside the NRMP Main Residency Match, so no edition has figures for it."""


class SpecialtyNotInEditionError(Step2ScoreError, LookupError):
    """A known specialty has no row in the benchmark edition asked about."""


class UnknownDatasetError(Step2ScoreError, LookupError):
    """A named data set (a benchmark edition, a norm cohort) is not known."""


class UnknownEditionError(UnknownDatasetError):
    """A benchmark edition is not known."""


class UnknownCohortError(UnknownDatasetError):
    """A norm cohort (the test years a percentile table describes) is not known."""


class DataFileError(Step2ScoreError, ValueError):
    """A data file (packaged or the user's own) breaks a rule; the message names file, row and field."""


#: The longest message an error keeps: a longer one (a huge file name, a list of many columns)
#: keeps its start and its end, with the number of characters left out between them.
MESSAGE_LIMIT = 1000


def _bounded_message(message: str) -> str:
    """The message, or its first and last parts with what was left out counted, if it is over the limit."""
    if len(message) <= MESSAGE_LIMIT:
        return message
    head, tail = message[: MESSAGE_LIMIT * 2 // 3], message[-(MESSAGE_LIMIT // 4) :]
    return f"{head} [... {len(message) - len(head) - len(tail)} characters left out ...] {tail}"
