"""Lossless conversion between the package's attrs values and JSON-safe data, and JSON Schemas for them.

Generic over attrs classes, driven by their type hints:

* an attrs instance becomes a dict of its fields (one with a single field, such as
  ``ScaledScore``, becomes that field's value);
* dates become ``YYYY-MM-DD`` strings, enums their values, tuples lists;
* ints, floats, strings, bools and ``None`` stay as they are (floats round-trip
  exactly through JSON, which writes their shortest exact repr); non-finite floats
  are refused both ways.

A *payload* (a document an app stores or sends) adds ``schema_version`` and, in the
compact form, a top-level ``sources`` list that every :class:`Source` in the document
refers to by its index.

Structuring checks every value against the hint and names the path of a bad one.
The schema generator reads the same hints, takes each property's description from the
class docstring's ``Attributes:`` or ``Args:`` section, and adds the ranges in
:data:`CONSTRAINTS` (and any ``json_schema`` entry of a field's attrs metadata).
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import inspect
import itertools
import json
import math
import re
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, TypeVar, Union

import attrs

from step2score._validate import type_name
from step2score.errors import InvalidTypeError, InvalidValueError, bounded_repr
from step2score.sources import Source

T = TypeVar("T")
JSON = dict[str, Any]

#: The version of the result format, ``MAJOR.MINOR`` (see docs/json.rst for the policy). Major 2:
#: results name whose figures they use, and targets and next steps follow rules that 1.x results do not.
SCHEMA_VERSION = "2.0"
#: The major part of :data:`SCHEMA_VERSION`: a reader accepts documents of this major version.
SCHEMA_MAJOR = int(SCHEMA_VERSION.partition(".")[0])
#: The version of the request format, which changed only by additions (a new edition key).
REQUEST_SCHEMA_VERSION = "1.1"
#: The major part of :data:`REQUEST_SCHEMA_VERSION`.
REQUEST_SCHEMA_MAJOR = int(REQUEST_SCHEMA_VERSION.partition(".")[0])
#: The longest JSON document read, in characters.
MAX_JSON_CHARS = 1_000_000
#: The deepest nesting of arrays and objects read from a JSON document.
MAX_JSON_DEPTH = 32
#: The longest repr of a bad value an error message quotes.
_MAX_SHOWN = 80

_VERSION = re.compile(r"([0-9]+)\.([0-9]+)")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

_SCORE: JSON = {"minimum": 1, "maximum": 300}
_DIFFERENCE: JSON = {"minimum": -299, "maximum": 299}
_NOT_BLANK: JSON = {"minLength": 1, "pattern": r"\S"}
_POSITIVE: JSON = {"exclusiveMinimum": 0}

#: What the library checks of a field that its type hint cannot say, as JSON Schema keywords,
#: by ``(class name, field name)``. Each keyword applies to one JSON type only, so an entry
#: sits beside ``anyOf`` (a ``None`` still validates). A test checks that every entry names a
#: field its class has, so a renamed field cannot silently lose its range.
CONSTRAINTS: Mapping[tuple[str, str], JSON] = {
    ("ScaledScore", "value"): _SCORE,
    ("PassingStandard", "minimum"): _SCORE,
    ("TierScheme", "competitive"): _SCORE,
    ("TierScheme", "exceptional"): _SCORE,
    ("SpecialtyBenchmark", "value"): _SCORE,
    ("SpecialtyBenchmark", "q1"): _SCORE,
    ("SpecialtyBenchmark", "q3"): _SCORE,
    ("SpecialtyBenchmark", "not_matched_median"): _SCORE,
    **{
        ("SpecialtyBenchmark", name): _SCORE
        for name in (
            "minimum",
            "maximum",
            "mean",
            "not_matched_q1",
            "not_matched_q3",
            "not_matched_minimum",
            "not_matched_maximum",
            "not_matched_mean",
        )
    },
    ("SpecialtyBenchmark", "sd"): {"minimum": 0},
    ("SpecialtyBenchmark", "not_matched_sd"): {"minimum": 0},
    ("SpecialtyMatchRate", "matched"): {"minimum": 0},
    ("SpecialtyMatchRate", "preferred"): {"minimum": 0},
    ("SpecialtyMatchRate", "percent"): {"minimum": 0, "maximum": 100},
    ("SpecialtyMatchRate", "specialty"): _NOT_BLANK,
    ("SpecialtyBenchmark", "matched_n"): {"minimum": 0},
    ("SpecialtyBenchmark", "not_matched_n"): {"minimum": 0},
    ("SpecialtyBenchmark", "specialty"): _NOT_BLANK,
    ("SpecialtyBenchmark", "edition"): _NOT_BLANK,
    ("SpecialtyBenchmark", "cohort"): _NOT_BLANK,
    ("SpecialtyComparison", "value"): _SCORE,
    ("SpecialtyComparison", "difference"): _DIFFERENCE,
    ("ScoreBand", "score"): _SCORE,
    ("ScoreBand", "low"): _SCORE,
    ("ScoreBand", "high"): _SCORE,
    ("DistributionPosition", "score"): _SCORE,
    ("DistributionPosition", "above_not_matched"): _DIFFERENCE,
    ("MatchRate", "band_low"): _SCORE,
    ("MatchRate", "band_high"): _SCORE,
    ("MatchRate", "seniors"): {"minimum": 0},
    ("MatchRate", "percent"): {"minimum": 0, "maximum": 100},
    ("Target", "low"): _SCORE,
    ("Target", "high"): _SCORE,
    ("Evaluation", "margin"): _DIFFERENCE,
    ("Evaluation", "gap"): _DIFFERENCE,
    ("PercentileRank", "value"): {"minimum": 0, "maximum": 100},
    ("PercentileRank", "cohort"): _NOT_BLANK,
    ("AttemptPolicy", "limit"): {"minimum": 1, "maximum": 100},
    ("AttemptStatus", "used"): {"minimum": 0, "maximum": 99},
    ("AttemptStatus", "remaining"): {"minimum": 0},
    ("BoardOutcomeStudy", "per_points"): {"minimum": 1},
    ("BoardOutcomeStudy", "odds_ratio"): _POSITIVE,
    ("BoardOutcomeStudy", "ci_low"): _POSITIVE,
    ("BoardOutcomeStudy", "ci_high"): _POSITIVE,
    ("BoardOutcomeOdds", "odds_ratio"): _POSITIVE,
    ("BoardOutcomeOdds", "ci_low"): _POSITIVE,
    ("BoardOutcomeOdds", "ci_high"): _POSITIVE,
    ("Source", "title"): _NOT_BLANK,
    ("Source", "urls"): {"minItems": 1, "items": {"type": "string", **_NOT_BLANK}},
    ("_Request", "score"): _SCORE,
    ("_Request", "attempts_used"): {"minimum": 1, "maximum": 99},
    ("_Request", "specialty"): _NOT_BLANK,
}


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _fields(cls: type) -> tuple[attrs.Attribute[Any], ...]:
    return tuple(attrs.fields(typing.cast("type[attrs.AttrsInstance]", cls)))


def shown(value: object) -> str:
    """The repr of ``value``, cut to a bounded prefix so a huge input is never echoed whole."""
    try:
        text = repr(value)
    except ValueError:  # an int too long to write in decimal
        return f"a {type_name(value)} too long to show"
    return text if len(text) <= _MAX_SHOWN else f"{text[: _MAX_SHOWN - 3]}..."


# ---------------------------------------------------------------------------------------------
# Writing


def unstructure(value: object, *, sources: list[Source] | None = None) -> Any:  # noqa: ANN401 - JSON-safe data of any shape
    """A JSON-safe form of ``value``; with a ``sources`` list, each :class:`Source` becomes its index there."""
    if sources is not None and isinstance(value, Source):
        if value not in sources:
            sources.append(value)
        return sources.index(value)
    if attrs.has(type(value)):
        return _unstructure_attrs(value, sources)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [unstructure(item, sources=sources) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        msg = f"cannot serialise the non-finite number {bounded_repr(value)}"
        raise InvalidValueError(msg)
    return value


def _unstructure_attrs(value: object, sources: list[Source] | None) -> Any:  # noqa: ANN401 - JSON-safe data
    fields = _fields(type(value))
    if len(fields) == 1:
        return unstructure(getattr(value, fields[0].name), sources=sources)
    return {f.name: unstructure(getattr(value, f.name), sources=sources) for f in fields}


def dump_payload(value: object, *, compact: bool = False) -> JSON:
    """The document for ``value``: its fields, then (compact) ``sources``, then ``schema_version``."""
    sources: list[Source] | None = [] if compact else None
    data: JSON = unstructure(value, sources=sources)
    if sources is not None:
        data["sources"] = [unstructure(source) for source in sources]
    data["schema_version"] = SCHEMA_VERSION
    return data


def dump_json(data: JSON, *, indent: int | None = None, compact: bool = False) -> str:
    """JSON text of ``data``; ``compact`` drops the spaces after separators (unless indented)."""
    separators = (",", ":") if compact and indent is None else None
    return json.dumps(data, indent=indent, separators=separators, ensure_ascii=False, allow_nan=False)


# ---------------------------------------------------------------------------------------------
# Reading


def _fail(path: str, wanted: str, data: object) -> InvalidTypeError:
    msg = f"{path} must be {wanted}, got {type_name(data)} {shown(data)}"
    return InvalidTypeError(msg, field=_field_of(path), value=data, rule=wanted)


def _field_of(path: str) -> str:
    """The field an app shows the error beside: the path without its root (``request.score``: ``score``)."""
    return path.partition(".")[2] or path


def _read_bool(data: object, path: str) -> bool:
    if not isinstance(data, bool):
        raise _fail(path, "true or false", data)
    return data


def _read_int(data: object, path: str) -> int:
    if isinstance(data, bool) or not isinstance(data, int):
        raise _fail(path, "an integer", data)
    return data


def _read_float(data: object, path: str) -> float:
    if isinstance(data, bool) or not isinstance(data, int | float):
        raise _fail(path, "a number", data)
    try:
        number = float(data)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        msg = f"{path} must be a finite number, got {shown(data)}"
        raise InvalidValueError(msg, field=_field_of(path), value=data, rule="a finite number")
    return number


def _read_str(data: object, path: str) -> str:
    if not isinstance(data, str):
        raise _fail(path, "a string", data)
    return data


def _read_date(data: object, path: str) -> dt.date:
    if not isinstance(data, str):
        raise _fail(path, "a YYYY-MM-DD string", data)
    try:
        if not _ISO_DATE.fullmatch(data):
            raise ValueError  # noqa: TRY301 - one message for every malformed date
        return dt.date.fromisoformat(data)
    except ValueError:
        msg = f"{path} must be a date written YYYY-MM-DD, got {shown(data)}"
        raise InvalidValueError(msg, field=_field_of(path), value=data, rule="a date written YYYY-MM-DD") from None


_SCALARS: Mapping[Any, Callable[[object, str], Any]] = {
    bool: _read_bool,
    int: _read_int,
    float: _read_float,
    str: _read_str,
    dt.date: _read_date,
}


@attrs.frozen
class _Reader:
    """Rebuilds values from JSON-safe data, one method per kind of type hint.

    ``sources`` is the document's top-level list in the compact form (``None`` otherwise);
    ``lenient`` ignores unknown fields, for a document of a newer minor version.
    """

    sources: tuple[Source, ...] | None = None
    lenient: bool = False

    def read(self, data: object, hint: Any, path: str) -> Any:  # noqa: ANN401 - a value of type hint
        origin = typing.get_origin(hint)
        if origin in (Union, types.UnionType):
            return self._union(data, hint, path)
        if origin is tuple:
            return self._tuple(data, hint, path)
        if hint is Source and isinstance(data, int) and not isinstance(data, bool):
            return self._source_index(data, path)
        if isinstance(hint, type) and attrs.has(hint):
            return self._attrs(data, hint, path)
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            return _read_enum(data, hint, path)
        reader = _SCALARS.get(hint)
        if reader is None:  # pragma: no cover - every hint in the package is covered
            msg = f"{path}: cannot rebuild a value of type {bounded_repr(hint)}"
            raise InvalidTypeError(msg)
        return reader(data, path)

    def _union(self, data: object, hint: Any, path: str) -> Any:  # noqa: ANN401 - a value of type hint
        options = typing.get_args(hint)
        if data is None and type(None) in options:
            return None
        concrete = [option for option in options if option is not type(None)]
        if len(concrete) != 1:  # pragma: no cover - none in the package
            msg = f"{path}: unions of several types are not supported"
            raise InvalidTypeError(msg)
        return self.read(data, concrete[0], path)

    def _tuple(self, data: object, hint: Any, path: str) -> tuple[Any, ...]:  # noqa: ANN401 - a tuple hint
        args = typing.get_args(hint)
        if not isinstance(data, list | tuple):
            raise _fail(path, "a list", data)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(self.read(item, args[0], f"{path}[{i}]") for i, item in enumerate(data))
        if len(data) != len(args):
            msg = f"{path} must have {len(args)} items, got {len(data)}"
            raise InvalidValueError(msg, field=_field_of(path), value=data, rule=f"{len(args)} items")
        return tuple(self.read(item, arg, f"{path}[{i}]") for i, (item, arg) in enumerate(zip(data, args, strict=True)))

    def _source_index(self, index: int, path: str) -> Source:
        if self.sources is None:
            msg = f"{path} is a source index ({index}), but the document has no top-level sources list"
            raise InvalidValueError(msg)
        if not 0 <= index < len(self.sources):
            msg = f"{path} must be an index into sources, from 0 to {len(self.sources) - 1}, got {shown(index)}"
            raise InvalidValueError(msg)
        return self.sources[index]

    def _attrs(self, data: object, cls: type, path: str) -> Any:  # noqa: ANN401 - an instance of cls
        hints = _hints(cls)
        fields = _fields(cls)
        if len(fields) == 1:
            only = fields[0]
            return cls(**{only.name: self.read(data, hints[only.name], path)})
        if not isinstance(data, Mapping):
            raise _fail(path, f"an object (a {_kind(cls)})", data)
        names = {f.name for f in fields}
        unknown = sorted(map(str, set(data) - names))
        if unknown and not self.lenient:
            listed = ", ".join(shown(name[:40]) for name in unknown[:10]) + (", ..." if len(unknown) > 10 else "")
            msg = f"{path} has unknown field(s) {listed}{_of(cls, 'for')}"
            rule = f"only the fields {', '.join(sorted(names))}"
            raise InvalidValueError(msg, field=_field_of(f"{path}.{unknown[0]}"), value=unknown[0], rule=rule)
        missing = [f.name for f in fields if f.name not in data and f.default is attrs.NOTHING]
        if missing:
            msg = f"{path} lacks field(s) {', '.join(map(repr, missing))}{_of(cls, 'of')}"
            raise InvalidValueError(msg, field=_field_of(f"{path}.{missing[0]}"), rule="a required field")
        values = {f.name: self.read(data[f.name], hints[f.name], f"{path}.{f.name}") for f in fields if f.name in data}
        return cls(**values)


def _read_enum(data: object, kind: type[enum.Enum], path: str) -> enum.Enum:
    try:
        return kind(data)
    except ValueError:
        allowed = ", ".join(repr(member.value) for member in kind)
        msg = f"{path} must be one of {allowed}, got {shown(data)}"
        words = tuple(str(member.value) for member in kind)
        raise InvalidValueError(
            msg, field=_field_of(path), value=data, rule=f"one of {allowed}", suggestions=words
        ) from None


def structure(data: object, hint: Any, path: str) -> Any:  # noqa: ANN401 - a value of type hint
    """Rebuild a value of type ``hint`` from JSON-safe ``data``; errors name ``path``."""
    return _Reader().read(data, hint, path)


def from_dict(cls: type[T], data: object, /, *, path: str = "data") -> T:
    """Rebuild an instance of the attrs class ``cls`` from the output of :func:`unstructure`."""
    return typing.cast("T", structure(data, cls, path))


def read_version(data: Mapping[str, Any], path: str, *, required: bool = True, current: str = SCHEMA_VERSION) -> bool:
    """Check ``data["schema_version"]`` against ``current``; whether the document is of a newer minor version."""
    major = int(current.partition(".")[0])
    if "schema_version" not in data:
        if not required:
            return False
        msg = (
            f"{path}.schema_version is missing: a step2score document "
            f"names its format version ({bounded_repr(current)})"
        )
        raise InvalidValueError(msg)
    version = data["schema_version"]
    if not isinstance(version, str):
        where = f"{path}.schema_version"
        raise _fail(where, f"a string such as {current!r}", version)
    match = _VERSION.fullmatch(version)
    if match is None:
        msg = f"{path}.schema_version must be a version written MAJOR.MINOR such as {current!r}, got {shown(version)}"
        raise InvalidValueError(msg)
    if int(match[1]) != major:
        msg = (
            f"{path}.schema_version must have major version {major} "
            f"(this step2score reads '{major}.x' documents), got {bounded_repr(version)}"
        )
        if major == 2 and int(match[1]) == 1:
            msg += (
                "; a 1.x result was worked out under earlier rules (a target with the IMG buffer for every IMG, "
                "other next steps): evaluate its inputs again"
            )
        raise InvalidValueError(msg)
    return int(match[2]) > int(current.partition(".")[2])


def load_payload(
    cls: type[T], data: object, /, *, path: str, version_required: bool = True, current: str = SCHEMA_VERSION
) -> T:
    """Rebuild ``cls`` from a document written by :func:`dump_payload`, in either form."""
    if not isinstance(data, Mapping):
        raise _fail(path, f"an object (a {_kind(cls)})", data)
    lenient = read_version(data, path, required=version_required, current=current)
    body = {key: value for key, value in data.items() if key != "schema_version"}
    sources = None
    if "sources" in body and "sources" not in {f.name for f in _fields(cls)}:
        sources = _Reader(lenient=lenient).read(body.pop("sources"), tuple[Source, ...], f"{path}.sources")
    return typing.cast("T", _Reader(sources, lenient).read(body, cls, path))


def _refuse_constant(name: str) -> typing.NoReturn:
    msg = f"JSON must not hold {name}: only finite numbers are allowed"
    raise InvalidValueError(msg)


def _depth(text: str) -> int:
    """The deepest nesting of arrays and objects in JSON ``text`` (brackets inside strings ignored)."""
    brackets = re.sub(r"[^\[\]{}]+", "", re.sub(r'"(?:[^"\\]|\\.)*"', "", text))
    steps = (1 if bracket in "[{" else -1 for bracket in brackets)
    return max(itertools.accumulate(steps, initial=0))


def parse_json(text: object, /, *, what: str) -> object:
    """Parse JSON ``text`` within the size and depth limits, refusing NaN and infinities.

    Raises:
        InvalidTypeError: ``text`` is not a string (or UTF-8 bytes).
        InvalidValueError: The text is too long, too deep, not JSON, or holds a non-finite number.
    """
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as error:
            msg = f"{what} must be UTF-8 text, got a byte that is not UTF-8 at position {error.start}"
            raise InvalidValueError(msg) from None
    if not isinstance(text, str):
        msg = f"{what} must be a str of JSON text, got {type_name(text)} {shown(text)}"
        raise InvalidTypeError(msg)
    if len(text) > MAX_JSON_CHARS:
        msg = f"{what} must be at most {MAX_JSON_CHARS:,} characters long, got {len(text):,}"
        raise InvalidValueError(msg)
    depth = _depth(text)
    if depth > MAX_JSON_DEPTH:
        msg = f"{what} must nest arrays and objects at most {MAX_JSON_DEPTH} deep, got {depth}"
        raise InvalidValueError(msg)
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except InvalidValueError as error:
        msg = f"{what}: {error}"
        raise InvalidValueError(msg) from None
    except json.JSONDecodeError as error:
        msg = f"{what} is not valid JSON: {error}"
        raise InvalidValueError(msg) from None
    except ValueError as error:  # an integer with more digits than Python converts
        msg = f"{what} holds a number too long to read: {error}"
        raise InvalidValueError(msg) from None


# ---------------------------------------------------------------------------------------------
# Schemas

_SECTION = re.compile(r"(Attributes|Args):")
_ENTRY = re.compile(r" {4}(\w+)(?: \([^)]*\))?: (.*)")
_CONTINUATION = re.compile(r" {8}(\S.*)")
_ROLE = re.compile(r":\w+:`~?(?:[\w.]+\.)?([^`.]+)`")


def _plain(text: str) -> str:
    """Turn the reST of a docstring as plain text: roles become their target's last name, literals lose their quotes."""
    return _ROLE.sub(r"\1", text).replace("``", "")


@functools.cache
def field_descriptions(cls: type) -> dict[str, str]:
    """Each field's description from the ``Attributes:`` or ``Args:`` section of ``cls``'s docstring."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    in_section = False
    for line in inspect.cleandoc(cls.__doc__ or "").splitlines():
        if _SECTION.fullmatch(line):
            in_section, current = True, None
        elif in_section and (entry := _ENTRY.fullmatch(line)):
            current = found.setdefault(entry[1], [])
            current.append(entry[2])
        elif in_section and current is not None and (more := _CONTINUATION.fullmatch(line)):
            current.append(more[1])
        else:
            in_section, current = False, None
    return {name: _plain(" ".join(parts)) for name, parts in found.items()}


def summary(cls: type) -> str:
    """The first line of ``cls``'s docstring."""
    return _plain(inspect.cleandoc(cls.__doc__ or "").splitlines()[0]) if cls.__doc__ else ""


_SIMPLE: Mapping[Any, JSON] = {
    dt.date: {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
    bool: {"type": "boolean"},
    int: {"type": "integer"},
    float: {"type": "number"},
    str: {"type": "string"},
}

_SOURCE_INDEX: JSON = {
    "type": "integer",
    "minimum": 0,
    "description": "In the compact form: the position of the source in the document's top-level sources list.",
}


@attrs.define
class _SchemaBuilder:
    """Builds JSON Schemas from type hints, collecting the object definitions in ``defs``."""

    source_indices: bool
    all_required: bool
    defs: dict[str, JSON] = attrs.Factory(dict)

    def hint(self, hint: Any) -> JSON:  # noqa: ANN401 - any type hint
        origin = typing.get_origin(hint)
        if origin in (Union, types.UnionType):
            (only,) = (option for option in typing.get_args(hint) if option is not type(None))
            return {"anyOf": [self.hint(only), {"type": "null"}]}
        if origin is tuple:
            return self._tuple(typing.get_args(hint))
        if isinstance(hint, type) and attrs.has(hint):
            return self._attrs(hint)
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            return {"enum": [member.value for member in hint]}
        return dict(_SIMPLE[hint])

    def _tuple(self, args: tuple[Any, ...]) -> JSON:
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": self.hint(args[0])}
        items = [self.hint(arg) for arg in args]
        return {"type": "array", "prefixItems": items, "minItems": len(items), "maxItems": len(items)}

    def _attrs(self, cls: type) -> JSON:
        fields = _fields(cls)
        if len(fields) == 1:
            return self.hint(_hints(cls)[fields[0].name]) | _constraints(cls, fields[0])
        if cls.__name__ not in self.defs:
            self.defs[cls.__name__] = {}  # reserve the name before recursing
            self.defs[cls.__name__] = self.object(cls)
        reference = {"$ref": f"#/$defs/{cls.__name__}"}
        if cls is Source and self.source_indices:
            self.defs["SourceIndex"] = _SOURCE_INDEX
            return {"anyOf": [reference, {"$ref": "#/$defs/SourceIndex"}]}
        return reference

    def object(self, cls: type) -> JSON:
        """The schema of ``cls``'s dict form: every property described and constrained."""
        hints = _hints(cls)
        fields = _fields(cls)
        described = field_descriptions(cls)
        properties = {
            f.name: self.hint(hints[f.name]) | _constraints(cls, f) | {"description": described.get(f.name, "")}
            for f in fields
        }
        required = [f.name for f in fields if self.all_required or f.default is attrs.NOTHING]
        return {
            "type": "object",
            "description": summary(cls),
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }


def _constraints(cls: type, field: attrs.Attribute[Any]) -> JSON:
    return dict(CONSTRAINTS.get((cls.__name__, field.name), {})) | dict(field.metadata.get("json_schema", {}))


def json_schema(
    cls: type,
    /,
    *,
    title: str,
    schema_id: str,
    extra: Mapping[str, JSON] | None = None,
    extra_required: tuple[str, ...] = (),
    all_required: bool = True,
    source_indices: bool = False,
) -> JSON:
    """A JSON Schema (draft 2020-12) for the dict form of ``cls``, with ``extra`` properties at the top.

    ``all_required`` requires every field (an output always has them all); otherwise only
    fields without a default. ``source_indices`` lets any source be an index into a
    top-level ``sources`` list (the compact form).
    """
    builder = _SchemaBuilder(source_indices=source_indices, all_required=all_required)
    root = builder.object(cls)
    root["properties"] |= extra or {}
    root["required"] += list(extra_required)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id,
        "title": title,
        **root,
        "$defs": dict(sorted(builder.defs.items())),
    }


def payload_schema(cls: type, /, *, title: str, schema_id: str) -> JSON:
    """The schema of :func:`dump_payload`'s documents: the fields, ``schema_version`` and the optional ``sources``."""
    extra = {
        "sources": {
            "type": "array",
            "items": {"$ref": "#/$defs/Source"},
            "description": (
                "Only in the compact form: each distinct source once; every source elsewhere in the "
                "document is an index into this list."
            ),
        },
        "schema_version": version_property(),
    }
    return json_schema(
        cls, title=title, schema_id=schema_id, extra=extra, extra_required=("schema_version",), source_indices=True
    )


def version_property(current: str = SCHEMA_VERSION) -> JSON:
    """The schema of a ``schema_version`` property of ``current``'s major version."""
    return {
        "type": "string",
        "pattern": f"^{current.partition('.')[0]}\\.[0-9]+$",
        "description": (
            f"The version of this format, MAJOR.MINOR (this library writes {current}). "
            "A reader accepts documents of its own major version."
        ),
    }


def _kind(cls: type) -> str:
    """The name a message gives a class: its own, or what a private class stands for (``_Request``: request)."""
    return cls.__name__.lstrip("_").lower() if cls.__name__.startswith("_") else cls.__name__


def _of(cls: type, preposition: str) -> str:
    """`` of a Source`` after a field list; nothing for a private class, whose path already says what it is."""
    return "" if cls.__name__.startswith("_") else f" {preposition} a {cls.__name__}"
