"""Lossless conversion between the package's attrs values and JSON-safe data, and JSON Schemas for them.

Generic over attrs classes, driven by their type hints:

* an attrs instance becomes a dict of its fields (one with a single field, such as
  ``ScaledScore``, becomes that field's value);
* dates become ``YYYY-MM-DD`` strings, enums their values, tuples lists;
* ints, floats, strings, bools and ``None`` stay as they are (floats round-trip
  exactly through JSON, which writes their shortest exact repr).

Structuring checks every value against the hint and names the path of a bad one.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import math
import types
import typing
from collections.abc import Mapping
from typing import Any, TypeVar, Union

import attrs

from step2score._validate import type_name
from step2score.errors import InvalidTypeError, InvalidValueError

T = TypeVar("T")
JSON = dict[str, Any]


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _fields(cls: type) -> tuple[attrs.Attribute[Any], ...]:
    return tuple(attrs.fields(typing.cast("type[attrs.AttrsInstance]", cls)))


def unstructure(value: object) -> Any:  # noqa: ANN401 - JSON-safe data of any shape
    """A JSON-safe form of ``value``."""
    if attrs.has(type(value)):
        fields = _fields(type(value))
        if len(fields) == 1:
            return unstructure(getattr(value, fields[0].name))
        return {f.name: unstructure(getattr(value, f.name)) for f in fields}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [unstructure(item) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        msg = f"cannot serialise the non-finite number {value!r}"
        raise InvalidValueError(msg)
    return value


def _fail(path: str, wanted: str, data: object) -> InvalidTypeError:
    return InvalidTypeError(f"{path} must be {wanted}, got {type_name(data)} {data!r}")


def structure(data: object, hint: Any, path: str) -> Any:  # noqa: ANN401, PLR0911, PLR0912, C901 - one branch per kind of hint
    """Rebuild a value of type ``hint`` from JSON-safe ``data``; errors name ``path``."""
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        options = typing.get_args(hint)
        if data is None and type(None) in options:
            return None
        concrete = [option for option in options if option is not type(None)]
        if len(concrete) == 1:
            return structure(data, concrete[0], path)
        msg = f"{path}: unions of several types are not supported"  # pragma: no cover - none in the package
        raise InvalidTypeError(msg)  # pragma: no cover
    if origin is tuple:
        args = typing.get_args(hint)
        if not isinstance(data, list | tuple):
            raise _fail(path, "a list", data)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(structure(item, args[0], f"{path}[{i}]") for i, item in enumerate(data))
        if len(data) != len(args):
            msg = f"{path} must have {len(args)} items, got {len(data)}"
            raise InvalidValueError(msg)
        return tuple(structure(item, arg, f"{path}[{i}]") for i, (item, arg) in enumerate(zip(data, args, strict=True)))
    if isinstance(hint, type) and attrs.has(hint):
        return _structure_attrs(data, hint, path)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        try:
            return hint(data)
        except ValueError:
            allowed = ", ".join(repr(member.value) for member in hint)
            msg = f"{path} must be one of {allowed}, got {data!r}"
            raise InvalidValueError(msg) from None
    if hint is dt.date:
        if not isinstance(data, str):
            raise _fail(path, "a YYYY-MM-DD string", data)
        try:
            return dt.date.fromisoformat(data)
        except ValueError:
            msg = f"{path} must be a date written YYYY-MM-DD, got {data!r}"
            raise InvalidValueError(msg) from None
    if hint is bool:
        if not isinstance(data, bool):
            raise _fail(path, "true or false", data)
        return data
    if hint is int:
        if isinstance(data, bool) or not isinstance(data, int):
            raise _fail(path, "an integer", data)
        return data
    if hint is float:
        if isinstance(data, bool) or not isinstance(data, int | float):
            raise _fail(path, "a number", data)
        return float(data)
    if hint is str:
        if not isinstance(data, str):
            raise _fail(path, "a string", data)
        return data
    msg = f"{path}: cannot rebuild a value of type {hint!r}"  # pragma: no cover - every hint in the package is covered
    raise InvalidTypeError(msg)  # pragma: no cover


def _structure_attrs(data: object, cls: type, path: str) -> Any:  # noqa: ANN401 - an instance of cls
    hints = _hints(cls)
    fields = _fields(cls)
    if len(fields) == 1:
        only = fields[0]
        return cls(**{only.name: structure(data, hints[only.name], path)})
    if not isinstance(data, Mapping):
        raise _fail(path, f"an object (a {cls.__name__})", data)
    names = {f.name for f in fields}
    unknown = sorted(set(data) - names)
    if unknown:
        msg = f"{path} has unknown field(s) {', '.join(map(repr, unknown))} for a {cls.__name__}"
        raise InvalidValueError(msg)
    missing = [f.name for f in fields if f.name not in data and f.default is attrs.NOTHING]
    if missing:
        msg = f"{path} lacks field(s) {', '.join(map(repr, missing))} of a {cls.__name__}"
        raise InvalidValueError(msg)
    values = {f.name: structure(data[f.name], hints[f.name], f"{path}.{f.name}") for f in fields if f.name in data}
    return cls(**values)


def from_dict(cls: type[T], data: object, /, *, path: str = "data") -> T:
    """Rebuild an instance of the attrs class ``cls`` from the output of :func:`unstructure`."""
    return typing.cast("T", structure(data, cls, path))


def json_schema(cls: type, /, *, title: str, schema_id: str) -> JSON:
    """A JSON Schema (draft 2020-12) for the JSON-safe form of ``cls``."""
    defs: dict[str, JSON] = {}
    root = _schema(cls, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id,
        "title": title,
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def _schema(hint: Any, defs: dict[str, JSON]) -> JSON:  # noqa: ANN401, PLR0911 - one branch per kind of hint
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        options = [option for option in typing.get_args(hint) if option is not type(None)]
        (only,) = options
        return {"anyOf": [_schema(only, defs), {"type": "null"}]}
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": _schema(args[0], defs)}
        items = [_schema(arg, defs) for arg in args]
        return {"type": "array", "prefixItems": items, "minItems": len(items), "maxItems": len(items)}
    if isinstance(hint, type) and attrs.has(hint):
        fields = _fields(hint)
        if len(fields) == 1:
            return _schema(_hints(hint)[fields[0].name], defs)
        if hint.__name__ not in defs:
            defs[hint.__name__] = {}  # reserve the name before recursing
            hints = _hints(hint)
            defs[hint.__name__] = {
                "type": "object",
                "description": (hint.__doc__ or "").strip().splitlines()[0],
                "properties": {f.name: _schema(hints[f.name], defs) for f in fields},
                "required": [f.name for f in fields],
                "additionalProperties": False,
            }
        return {"$ref": f"#/$defs/{hint.__name__}"}
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return {"enum": [member.value for member in hint]}
    simple: dict[Any, JSON] = {
        dt.date: {"type": "string", "format": "date"},
        bool: {"type": "boolean"},
        int: {"type": "integer"},
        float: {"type": "number"},
        str: {"type": "string"},
    }
    return simple[hint]
