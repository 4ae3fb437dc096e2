"""The readers every input goes through, and the factories that make attrs converters of them.

Messages follow one pattern: the field, the rule, the value (``score must be an
integer from 1 to 300, got 301``), and every error carries the same facts as
attributes (``field``, ``value``, ``rule``, ``suggestions``; see :mod:`step2score.errors`).
A value is quoted as a bounded prefix, so a huge input gives a short message.

The readers share one signature, ``read(value, *, field, ...)``, so a class states its
fields with a factory instead of a one-line wrapper per field::

    @attrs.frozen(field_transformer=named_fields)
    class Thresholds:
        low: int = attrs.field(converter=on_the_scale)
        when: dt.date | None = attrs.field(converter=optional_date)
        source: Source = attrs.field(validator=instance_of(Source))

A reader (a converter with a keyword-only ``field`` parameter) is called with the
attribute's name as ``field`` (the :func:`named_fields` transformer does it), so messages name the field, and type
checkers still see a plain named converter.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import math
import operator
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeGuard, TypeVar

import attrs

from step2score.errors import InvalidTypeError, InvalidValueError, MissingExtraError, bounded_repr

if TYPE_CHECKING:
    from decimal import Decimal

SCALE_MIN = 1
SCALE_MAX = 300
#: The longest name (specialty, edition, enum word) read; longer text is refused before any work.
NAME_LIMIT = 200

E = TypeVar("E", bound=enum.Enum)


def type_name(value: object) -> str:
    """The name a user knows the value's type by (``str``, ``numpy.int64``)."""
    kind = type(value)
    module = kind.__module__
    return kind.__qualname__ if module == "builtins" else f"{module.split('.')[0]}.{kind.__qualname__}"


def shown(value: object) -> str:
    """A value as a message shows it: numbers plainly (``nan``, ``250.5``), the rest by a bounded repr."""
    if isinstance(value, bool):
        return repr(value)
    if isinstance(value, int):
        return bounded_repr(int(value))
    import numbers  # noqa: PLC0415 - only messages and unusual numbers need the abstract classes

    if isinstance(value, numbers.Number) or _is_decimal(value):
        text = str(value)
        return text if len(text) <= 80 else bounded_repr(text)
    return bounded_repr(value)


def type_error(value: object, kind: type | tuple[type, ...], *, field: str) -> InvalidTypeError:
    """The error for ``value`` not being a ``kind``: ``field must be a str, got int 3``."""
    kinds = kind if isinstance(kind, tuple) else (kind,)
    wanted = " or ".join(k.__name__ for k in kinds)
    rule = f"a {wanted}"
    return InvalidTypeError(
        f"{field} must be {rule}, got {type_name(value)} {bounded_repr(value)}", field=field, value=value, rule=rule
    )


def check_instance(value: object, kind: type | tuple[type, ...], *, field: str) -> None:
    """Raise :class:`InvalidTypeError` unless ``value`` is an instance of ``kind``."""
    if not isinstance(value, kind):
        raise type_error(value, kind, field=field)


def as_items(value: object, kind: type | tuple[type, ...], /, *, field: str, what: str) -> tuple[Any, ...]:
    """The items of a collection (a list, tuple, set or other iterable), each checked to be a ``kind``.

    A string, bytes and a mapping are refused rather than iterated (``b"247"`` is not three
    items), and so is anything that is not iterable; ``what`` names the items in messages.

    >>> as_items(["derm", "IM"], str, field="extra", what="names")
    ('derm', 'IM')
    >>> as_items("derm", str, field="extra", what="names")
    Traceback (most recent call last):
        ...
    step2score.errors.InvalidTypeError: extra must be a list, tuple or set of names, got str 'derm'
    """
    rule = f"a list, tuple or set of {what}"
    if isinstance(value, str | bytes | bytearray | memoryview | Mapping) or not isinstance(value, Iterable):
        msg = f"{field} must be {rule}, got {type_name(value)} {bounded_repr(value)}"
        raise InvalidTypeError(msg, field=field, value=value, rule=rule)
    items = tuple(value)
    for position, item in enumerate(items):
        if not isinstance(item, kind):
            raise type_error(item, kind, field=f"{field}[{position}]")
    return items


def check_text(value: object, *, field: str) -> None:
    """A non-blank string."""
    check_instance(value, str, field=field)
    if not str(value).strip():
        msg = f"{field} must not be blank, got {bounded_repr(value)}"
        raise InvalidValueError(msg, field=field, value=value, rule="non-blank text")


def _is_decimal(value: object) -> TypeGuard[Decimal]:
    # A Decimal can only exist once the decimal module is loaded; not importing it keeps start-up light.
    # Another thread may be importing decimal right now, so its Decimal class may not exist yet: then
    # no Decimal can exist either.
    kind = getattr(sys.modules.get("decimal"), "Decimal", None)
    return isinstance(kind, type) and isinstance(value, kind)


def _is_real(value: object) -> bool:
    kind = type(value)
    if kind is int or kind is float:
        return True
    if isinstance(value, bool):
        return False
    import numbers  # noqa: PLC0415 - only numbers other than int and float reach here

    return isinstance(value, numbers.Real) or _is_decimal(value)


def _integral_value(value: object) -> int | None:
    """The integer a real number stands for exactly, or ``None`` if it has a fraction or is not finite."""
    try:
        return operator.index(value)  # type: ignore[arg-type]
    except TypeError:
        pass
    if _is_decimal(value):
        # Not converted past 4,300 digits (as_int refuses it): int() of 1E+400000 takes seconds.
        whole = value.is_finite() and value.adjusted() < _DECIMAL_DIGITS_LIMIT and value == value.to_integral_value()
        return int(value) if whole else None
    try:
        as_float = float(value)  # type: ignore[arg-type]
    except OverflowError:  # a huge Fraction or other Real: not a score anyway
        return None
    if math.isfinite(as_float) and as_float.is_integer() and as_float == value:
        return int(as_float)
    return None


def as_int(value: object, *, field: str, rule: str, error: type[InvalidValueError] = InvalidValueError) -> int:
    """Read an integer: Python or numpy integers, or a float with no fractional part.

    Bools, strings and other types are a type error; NaN, infinities and fractional
    values are a value error of class ``error`` whose message states ``rule``.
    """
    if not _is_real(value):
        msg = f"{field} must be {rule}, got {type_name(value)} {bounded_repr(value)}"
        raise InvalidTypeError(msg, field=field, value=value, rule=rule)
    number = _integral_value(value)
    if number is None:
        msg = f"{field} must be {rule}, got {shown(value)}"
        raise error(msg, field=field, value=value, rule=rule)
    return number


#: A Decimal with this many digits before its point is refused unconverted (Python writes no longer integer as text).
_DECIMAL_DIGITS_LIMIT = 4300


def _decimal_outside(value: object, low: int | None, high: int | None) -> bool:
    """Whether ``value`` is a finite Decimal outside the range, found by comparing, not by converting it."""
    if not _is_decimal(value) or not value.is_finite():
        return False
    return (low is not None and value < low) or (high is not None and value > high)


def check_int_range(
    value: object,
    *,
    field: str,
    low: int | None = None,
    high: int | None = None,
    error: type[InvalidValueError] = InvalidValueError,
) -> int:
    """Read an integer and check ``low <= value <= high`` (either bound optional)."""
    if low is not None and high is not None:
        rule = f"an integer from {low} to {high}"
    elif low is not None:
        rule = f"an integer of at least {low}"
    elif high is not None:
        rule = f"an integer of at most {high}"
    else:
        rule = "an integer"
    if _decimal_outside(value, low, high):  # checked before converting: int() of a huge exponent is slow
        msg = f"{field} must be {rule}, got {shown(value)}"
        raise error(msg, field=field, value=value, rule=rule)
    number = as_int(value, field=field, rule=rule, error=error)
    if (low is not None and number < low) or (high is not None and number > high):
        msg = f"{field} must be {rule}, got {shown(number)}"
        raise error(msg, field=field, value=number, rule=rule)
    return number


def as_real(value: object, *, field: str, rule: str = "a finite number") -> float:
    """Read a finite real number (not a bool) as a float."""
    if not _is_real(value):
        msg = f"{field} must be {rule}, got {type_name(value)} {bounded_repr(value)}"
        raise InvalidTypeError(msg, field=field, value=value, rule=rule)
    if _is_decimal(value) and value.is_snan():
        msg = f"{field} must be {rule}, got {shown(value)}"
        raise InvalidValueError(msg, field=field, value=value, rule=rule)
    try:
        number = float(value)  # type: ignore[arg-type]
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        msg = f"{field} must be {rule}, got {shown(value)}"
        raise InvalidValueError(msg, field=field, value=value, rule=rule)
    return number


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATE_RULE = "a date written YYYY-MM-DD"
#: Longer than any date with its spacing: refused before any parsing.
_DATE_TEXT_LIMIT = 40


def _pandas_kind(value: object) -> str | None:
    """``Timestamp`` or ``NaTType`` for those pandas values (pandas is never imported here), else ``None``."""
    kind = type(value)
    if kind.__module__.split(".")[0] == "pandas" and kind.__name__ in {"Timestamp", "NaTType"}:
        return kind.__name__
    return None


def _timestamp_date(value: Any, *, field: str) -> dt.date:  # noqa: ANN401 - a pandas Timestamp, duck-typed
    """The date of a pandas Timestamp at midnight with no time zone (pandas is never imported here)."""
    if value.tzinfo is not None:
        msg = f"{field} must be a date without a time zone, got a timestamp {bounded_repr(value)}"
        raise InvalidValueError(msg, field=field, value=value, rule="a date", hint="pass the timestamp's .date()")
    if value.time() != dt.time(0) or getattr(value, "nanosecond", 0):
        msg = f"{field} must be a date, got a timestamp with a time of day {bounded_repr(value)}"
        raise InvalidValueError(
            msg, field=field, value=value, rule="a date", hint="pass the timestamp's .normalize() or .date()"
        )
    day: dt.date = value.date()
    return day


def as_date(value: object, *, field: str) -> dt.date:
    """Read a date: a :class:`datetime.date`, a ``YYYY-MM-DD`` string, or a pandas Timestamp at midnight.

    Only the calendar form ``YYYY-MM-DD`` is read (surrounding spaces aside): ISO
    week dates (``2022-W26``), ordinal dates (``2022-177``), the compact form
    (``20220627``) and text around the date are refused, since each would be read
    as some date the user did not write. A :class:`datetime.datetime`, and a pandas
    Timestamp with a time of day or a time zone, are refused rather than truncated.

    >>> as_date("2022-06-27", field="taken_on")
    datetime.date(2022, 6, 27)
    >>> as_date("2022-W26", field="taken_on")
    Traceback (most recent call last):
        ...
    step2score.errors.InvalidValueError: taken_on must be a date written YYYY-MM-DD, got '2022-W26'
    """
    pandas_kind = _pandas_kind(value)
    if pandas_kind == "NaTType":
        msg = f"{field} must be a date, got a missing timestamp NaT"
        raise InvalidValueError(msg, field=field, value=value, rule="a date")
    if pandas_kind == "Timestamp":
        return _timestamp_date(value, field=field)
    if isinstance(value, dt.datetime):
        msg = f"{field} must be a date, not a datetime, got {bounded_repr(value)}"
        raise InvalidTypeError(msg, field=field, value=value, rule="a date", hint="pass the datetime's .date()")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip() if len(value) <= _DATE_TEXT_LIMIT else ""
        if _DATE.fullmatch(text):
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                pass
        msg = f"{field} must be {_DATE_RULE}, got {bounded_repr(value)}"
        raise InvalidValueError(msg, field=field, value=value, rule=_DATE_RULE)
    rule = "a date or a YYYY-MM-DD string"
    msg = f"{field} must be {rule}, got {type_name(value)} {bounded_repr(value)}"
    raise InvalidTypeError(msg, field=field, value=value, rule=rule)


def declared_rank(member: enum.Enum) -> int:
    """A member's place in its enum's declared order, from 0.

    >>> from step2score.tiers import Tier
    >>> declared_rank(Tier.FAIL), declared_rank(Tier.EXCEPTIONAL)
    (0, 3)
    """
    return list(type(member)).index(member)


def _ranks(member: enum.Enum, other: object, operator: str) -> tuple[int, int]:
    if type(other) is not type(member):
        kind = type(member).__name__
        rule = f"another {kind}"
        got = f"{type_name(other)} {bounded_repr(other)}"
        msg = f"a {kind} can be compared ({operator}) only with {rule}, got {got}"
        raise InvalidTypeError(msg, field=kind, value=other, rule=rule)
    return declared_rank(member), declared_rank(other)


def _lt(self: enum.Enum, other: object) -> bool:
    mine, theirs = _ranks(self, other, "<")
    return mine < theirs


def _le(self: enum.Enum, other: object) -> bool:
    mine, theirs = _ranks(self, other, "<=")
    return mine <= theirs


def _gt(self: enum.Enum, other: object) -> bool:
    mine, theirs = _ranks(self, other, ">")
    return mine > theirs


def _ge(self: enum.Enum, other: object) -> bool:
    mine, theirs = _ranks(self, other, ">=")
    return mine >= theirs


#: The four order comparisons of a string enum ordered as declared; in a class body:
#: ``__lt__, __le__, __gt__, __ge__ = DECLARED_ORDER``. A member equals its word (it is a
#: ``str``) but orders only against a member of the same enum: ordering against anything
#: else raises :class:`InvalidTypeError`, since string order ("competitive" < "pass") is not
#: the enum's order.
DECLARED_ORDER = (_lt, _le, _gt, _ge)


def _unordered(operator: str) -> Callable[[enum.Enum, object], bool]:
    def compare(self: enum.Enum, other: object) -> bool:
        kind = type(self).__name__
        rule = f"no order: compare a {kind} with == only"
        msg = f"a {kind} has {rule}, got {operator} {type_name(other)} {bounded_repr(other)}"
        raise InvalidTypeError(msg, field=kind, value=other, rule=rule)

    return compare


#: The four order comparisons of a string enum that has no order (an applicant type, a
#: confidence word): in a class body, ``__lt__, __le__, __gt__, __ge__ = NO_ORDER``. Each
#: raises :class:`InvalidTypeError`, so ``ApplicantType.US_MD_SENIOR < "zzz"`` is an error,
#: not a string comparison.
NO_ORDER = (_unordered("<"), _unordered("<="), _unordered(">"), _unordered(">="))


_KEY_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_ASCII_DROPPED = {code: None for code in range(128) if chr(code) not in _KEY_CHARACTERS}


def _foreign(char: str) -> bool:
    """Whether a name may not hold ``char``.

    Refused: a letter or digit outside a-z and 0-9, a control or format character, a
    pictograph. Punctuation, spaces and symbols such as ``&`` and ``+`` are fine.
    """
    if char in _KEY_CHARACTERS:
        return False
    category = unicodedata.category(char)
    return char.isalnum() or category in {"Cc", "Cf", "Co", "Cn", "So"}


def name_key(text: object, /, *, field: str) -> str:
    r"""The one form names (specialties, editions, enum words) are compared in.

    Unicode NFKC, case folded, accents dropped, ``&`` read as ``and``, then only the
    letters a to z and the digits kept. A name with a letter outside the Latin
    alphabet left (a Cyrillic ``\u0430`` that looks like ``a``) is refused rather than
    matched to something else, and so are digits of other scripts, control characters,
    pictographs, and a name longer than :data:`NAME_LIMIT`.

    >>> name_key("PM&R", field="specialty"), name_key("\uff2f\uff42/GYN", field="specialty")
    ('pmandr', 'obgyn')
    >>> name_key("g\u0430s", field="specialty")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
        ...
    step2score.errors.InvalidValueError: specialty must be written in Latin letters, digits 0-9, spaces and
    punctuation, got ...
    """
    if not isinstance(text, str):
        raise type_error(text, str, field=field)
    if len(text) > NAME_LIMIT:
        rule = f"at most {NAME_LIMIT} characters"
        msg = f"{field} must be {rule}, got {bounded_repr(text)}"
        raise InvalidValueError(msg, field=field, value=text, rule=rule)
    if text.isascii() and text.isprintable():  # what _unicode_key gives such text, without Unicode tables
        return text.lower().replace("&", "and").translate(_ASCII_DROPPED)
    return _unicode_key(text, field=field)


def _unicode_key(text: str, /, *, field: str) -> str:
    """:func:`name_key` for any text: NFKC, case folding, accents dropped, foreign characters refused."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("&", "and")
    plain = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
    foreign = next((c for c in plain if _foreign(c)), None)
    if foreign is not None:
        rule = "written in Latin letters, digits 0-9, spaces and punctuation"
        named = unicodedata.name(foreign, f"U+{ord(foreign):04X}")
        msg = f"{field} must be {rule}, got {bounded_repr(text)} (with {foreign!r}, {named})"
        raise InvalidValueError(msg, field=field, value=text, rule=rule)
    return "".join(c for c in plain if c in _KEY_CHARACTERS)


def spellings_of(kind: type[E], extra: Mapping[E, Iterable[str]] | None = None, /) -> dict[str, E]:
    """A table from the :func:`name_key` of each spelling to its member: every value, name and extra spelling.

    >>> import enum
    >>> class Colour(enum.Enum):
    ...     DARK_RED = "dark-red"
    >>> spellings_of(Colour, {Colour.DARK_RED: ("maroon",)})
    {'darkred': <Colour.DARK_RED: 'dark-red'>, 'maroon': <Colour.DARK_RED: 'dark-red'>}
    """
    table: dict[str, E] = {}
    for member in kind:
        texts = (str(member.value), member.name, *(extra or {}).get(member, ()))
        for text in texts:
            table.setdefault(name_key(text, field=kind.__name__), member)
    return table


@functools.cache
def _plain_spellings(kind: type[E]) -> dict[str, E]:
    """:func:`spellings_of` with no extra spellings, made once per enum (an enum's members never change)."""
    return spellings_of(kind)


def parse_enum(
    value: object,
    kind: type[E],
    /,
    *,
    field: str,
    spellings: Mapping[str, E] | None = None,
    also: str = "",
) -> E:
    """The one enum parser: a member of ``kind``, itself or named by any spelling of it.

    Spellings are compared by :func:`name_key` (any case, spacing and punctuation).
    An unknown word raises :class:`InvalidValueError` listing the allowed values, with
    the closest as ``suggestions``; a value that is neither text nor a member raises
    :class:`InvalidTypeError`.

    Args:
        value: The member or the text to read.
        kind: The enum class.
        field: The name of the input, for messages.
        spellings: A table made by :func:`spellings_of`; by default each member's value and name.
        also: Words added after the allowed values in a message (``" (or 'md')"``).

    >>> from step2score.sources import Confidence
    >>> parse_enum("Single Secondary", Confidence, field="confidence")
    <Confidence.SINGLE_SECONDARY: 'single-secondary'>
    """
    if isinstance(value, kind):
        return value
    if not isinstance(value, str):
        raise type_error(value, (str, kind), field=field)
    table = spellings if spellings is not None else _plain_spellings(kind)
    found = table.get(name_key(value, field=field))
    if found is None:
        import difflib  # noqa: PLC0415 - only an unknown word needs it

        allowed = ", ".join(repr(member.value) for member in kind)
        close = difflib.get_close_matches(name_key(value, field=field), list(table), n=3, cutoff=0.6)
        rule = f"one of {allowed}"
        msg = f"{field} must be {rule}{also}, got {bounded_repr(value)}"
        suggestions = dict.fromkeys(str(table[c].value) for c in close)
        raise InvalidValueError(msg, field=field, value=value, rule=rule, suggestions=suggestions)
    return found


def named_fields(_cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """An attrs ``field_transformer``: a converter with a keyword-only ``field`` parameter gets the field's name.

    Such a converter (a "reader", ``read(value, *, field="...")``) is called as
    ``read(value, field=<attribute name>)``, so every message names its field without
    a one-line wrapper per field, and type checkers still see a plain named converter.

    >>> @attrs.frozen(field_transformer=named_fields)
    ... class Limits:
    ...     top: int = attrs.field(converter=on_the_scale)
    >>> Limits(301)
    Traceback (most recent call last):
        ...
    step2score.errors.InvalidValueError: top must be an integer from 1 to 300, got 301
    """
    return [
        field.evolve(converter=_naming(field.converter, field.name)) if _takes_field(field.converter) else field
        for field in fields
    ]


def _takes_field(converter: object) -> bool:
    return "field" in (getattr(converter, "__kwdefaults__", None) or {})


def _naming(read: Any, name: str) -> Callable[[object], object]:  # noqa: ANN401 - any reader
    def convert(value: object) -> object:
        return read(value, field=name)

    return convert


def on_the_scale(value: object, *, field: str = "score") -> int:
    """An integer from 1 to 300, as a field reader.

    >>> on_the_scale(250.0, field="minimum")
    250
    """
    return check_int_range(value, field=field, low=SCALE_MIN, high=SCALE_MAX)


def whole(value: object, *, field: str = "value") -> int:
    """An integer (``250.0`` read as 250; a bool, text or fraction refused), as a field reader.

    >>> whole(-6.0, field="difference")
    -6
    """
    return check_int_range(value, field=field)


def difference_on_the_scale(value: object, *, field: str = "difference") -> int:
    """The difference of two scores on the scale: an integer from -299 to 299, as a field reader.

    >>> difference_on_the_scale(-7, field="above_not_matched")
    -7
    """
    return check_int_range(value, field=field, low=SCALE_MIN - SCALE_MAX, high=SCALE_MAX - SCALE_MIN)


def optional_difference(value: object, *, field: str = "difference") -> int | None:
    """``None``, or a difference read by :func:`difference_on_the_scale`, as a field reader."""
    return None if value is None else difference_on_the_scale(value, field=field)


def optional_whole(value: object, *, field: str = "value") -> int | None:
    """``None``, or an integer read by :func:`whole`, as a field reader."""
    return None if value is None else whole(value, field=field)


def finite(value: object, *, field: str = "value") -> float:
    """A finite real number as a float (a bool, text, NaN or an infinity refused), as a field reader."""
    return as_real(value, field=field)


def positive(value: object, *, field: str = "value") -> float:
    """A finite number above 0 as a float, as a field reader.

    >>> positive(0, field="odds_ratio")
    Traceback (most recent call last):
        ...
    step2score.errors.InvalidValueError: odds_ratio must be a finite number above 0, got 0
    """
    rule = "a finite number above 0"
    number = as_real(value, field=field, rule=rule)
    if number <= 0:
        msg = f"{field} must be {rule}, got {shown(value)}"
        raise InvalidValueError(msg, field=field, value=value, rule=rule)
    return number


def flag(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator for a bool (not 0 or 1, not a word), naming the field."""
    check_instance(value, bool, field=attribute.name)


def optional_date(value: object, *, field: str = "date") -> dt.date | None:
    """``None``, or a date read by :func:`as_date`, as a field reader.

    >>> optional_date(None), optional_date("2025-07-01")
    (None, datetime.date(2025, 7, 1))
    """
    return None if value is None else as_date(value, field=field)


def field_repr(self: object) -> str:
    """``ClassName(field=value, ...)`` of an attrs instance, written as attrs writes its generated repr.

    The value classes share this one function (``__repr__ = field_repr``) instead of a repr
    compiled for each class, so importing them costs less. A field with ``repr=False`` is
    left out; a field with a repr function is shown through it.

    >>> @attrs.frozen
    ... class Pair:
    ...     low: int
    ...     high: int = attrs.field(repr=lambda value: f"<{value}>")
    ...     __repr__ = field_repr
    >>> Pair(1, 2)
    Pair(low=1, high=<2>)
    """
    parts = []
    for field in type(self).__attrs_attrs__:  # type: ignore[attr-defined]  # an attrs class
        if field.repr is False:
            continue
        value = getattr(self, field.name)
        parts.append(f"{field.name}={value!r}" if field.repr is True else f"{field.name}={field.repr(value)}")
    return f"{type(self).__qualname__.rsplit('>.', 1)[-1]}({', '.join(parts)})"


def instance_of(kind: type | tuple[type, ...], /) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """An attrs validator raising :class:`InvalidTypeError` (naming the field) unless the value is a ``kind``.

    >>> @attrs.frozen
    ... class Named:
    ...     name: str = attrs.field(validator=instance_of(str))
    >>> Named(3)
    Traceback (most recent call last):
        ...
    step2score.errors.InvalidTypeError: name must be a str, got int 3
    """

    def validate(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        check_instance(value, kind, field=attribute.name)

    return validate


def text_field(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator for a non-blank string, naming the field.

    >>> @attrs.frozen
    ... class Named:
    ...     name: str = attrs.field(validator=text_field)
    >>> Named(" ")
    Traceback (most recent call last):
        ...
    step2score.errors.InvalidValueError: name must not be blank, got ' '
    """
    check_text(value, field=attribute.name)


def require_extra(module: str, extra: str) -> Any:  # noqa: ANN401 - the module imported
    """Import an optional dependency, or raise an error that names the extra to install.

    >>> require_extra("json", "core").__name__
    'json'
    """
    import importlib  # noqa: PLC0415

    try:
        return importlib.import_module(module)
    except ModuleNotFoundError:
        msg = f"this needs the optional dependency {module!r}, which the {extra!r} extra of step2score installs"
        raise MissingExtraError(
            msg, field=module, rule=f"installed (step2score[{extra}])", hint=f'pip install "step2score[{extra}]"'
        ) from None
