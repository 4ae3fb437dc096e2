"""Small checks shared by every constructor; each raises the package's typed errors.

Messages follow one pattern: the field, the rule, the value (``score must be an
integer from 1 to 300, got 301``).
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import operator
import sys
from typing import TYPE_CHECKING, Any, TypeGuard

from step2score.errors import InvalidTypeError, InvalidValueError, MissingExtraError

if TYPE_CHECKING:
    from decimal import Decimal

SCALE_MIN = 1
SCALE_MAX = 300


def type_name(value: object) -> str:
    """The name a user knows the value's type by (``str``, ``numpy.int64``)."""
    kind = type(value)
    module = kind.__module__
    return kind.__qualname__ if module == "builtins" else f"{module.split('.')[0]}.{kind.__qualname__}"


def type_error(value: object, kind: type | tuple[type, ...], *, field: str) -> InvalidTypeError:
    """The error for ``value`` not being a ``kind``: ``field must be a str, got int 3``."""
    kinds = kind if isinstance(kind, tuple) else (kind,)
    wanted = " or ".join(k.__name__ for k in kinds)
    return InvalidTypeError(f"{field} must be a {wanted}, got {type_name(value)} {value!r}")


def check_instance(value: object, kind: type | tuple[type, ...], *, field: str) -> None:
    """Raise :class:`InvalidTypeError` unless ``value`` is an instance of ``kind``."""
    if not isinstance(value, kind):
        raise type_error(value, kind, field=field)


def check_text(value: object, *, field: str) -> None:
    """A non-blank string."""
    check_instance(value, str, field=field)
    if not str(value).strip():
        msg = f"{field} must not be blank, got {value!r}"
        raise InvalidValueError(msg)


def shown(value: object) -> str:
    """A value as a message shows it: numbers plainly (``nan``, ``250.5``), the rest by repr."""
    if isinstance(value, bool):
        return repr(value)
    if isinstance(value, numbers.Number) or _is_decimal(value):
        return str(value)
    return repr(value)


def _is_decimal(value: object) -> TypeGuard[Decimal]:
    # A Decimal can only exist once the decimal module is loaded; not importing it keeps start-up light.
    decimal = sys.modules.get("decimal")
    return decimal is not None and isinstance(value, decimal.Decimal)


def _is_real(value: object) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, numbers.Real) or _is_decimal(value)


def _integral_value(value: object) -> int | None:
    """The integer a real number stands for exactly, or ``None`` if it has a fraction or is not finite."""
    try:
        return operator.index(value)  # type: ignore[arg-type]
    except TypeError:
        pass
    if _is_decimal(value):
        if value.is_finite() and value == value.to_integral_value():
            return int(value)
        return None
    as_float = float(value)  # type: ignore[arg-type]
    if math.isfinite(as_float) and as_float.is_integer() and as_float == value:
        return int(as_float)
    return None


def as_int(value: object, *, field: str, rule: str, error: type[InvalidValueError] = InvalidValueError) -> int:
    """Read an integer: Python or numpy integers, or a float with no fractional part.

    Bools, strings and other types are a type error; NaN, infinities and fractional
    values are a value error of class ``error`` whose message states ``rule``.
    """
    if not _is_real(value):
        msg = f"{field} must be {rule}, got {type_name(value)} {value!r}"
        raise InvalidTypeError(msg)
    number = _integral_value(value)
    if number is None:
        msg = f"{field} must be {rule}, got {shown(value)}"
        raise error(msg)
    return number


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
    number = as_int(value, field=field, rule=rule, error=error)
    if (low is not None and number < low) or (high is not None and number > high):
        msg = f"{field} must be {rule}, got {number}"
        raise error(msg)
    return number


def as_real(value: object, *, field: str, rule: str = "a finite number") -> float:
    """Read a finite real number (not a bool) as a float."""
    if not _is_real(value):
        msg = f"{field} must be {rule}, got {type_name(value)} {value!r}"
        raise InvalidTypeError(msg)
    if _is_decimal(value) and value.is_snan():
        msg = f"{field} must be {rule}, got {shown(value)}"
        raise InvalidValueError(msg)
    number = float(value)  # type: ignore[arg-type]
    if not math.isfinite(number):
        msg = f"{field} must be {rule}, got {shown(value)}"
        raise InvalidValueError(msg)
    return number


def as_date(value: object, *, field: str) -> dt.date:
    """Read a date: a :class:`datetime.date` or an ISO ``YYYY-MM-DD`` string.

    A :class:`datetime.datetime` is refused rather than silently truncated.
    """
    if isinstance(value, dt.datetime):
        msg = f"{field} must be a date, not a datetime (use .date()), got {value!r}"
        raise InvalidTypeError(msg)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            msg = f"{field} must be a date written YYYY-MM-DD, got {value!r}"
            raise InvalidValueError(msg) from None
    msg = f"{field} must be a date or a YYYY-MM-DD string, got {type_name(value)} {value!r}"
    raise InvalidTypeError(msg)


def require_extra(module: str, extra: str) -> Any:  # noqa: ANN401 - the module imported
    """Import an optional dependency, or raise an error that names the extra to install.

    >>> require_extra("json", "core").__name__
    'json'
    """
    import importlib  # noqa: PLC0415

    try:
        return importlib.import_module(module)
    except ModuleNotFoundError:
        msg = f'this needs the optional dependency {module!r}: install it with pip install "step2score[{extra}]"'
        raise MissingExtraError(msg) from None
