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
import json
import math
import re
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, TypeVar, Union

import attrs

from step2score._validate import type_name
from step2score.errors import InvalidTypeError, InvalidValueError, bounded_repr, one_line
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
#: The most values (numbers, strings, arrays, objects) a document read from Python may hold: more than any
#: JSON text of :data:`MAX_JSON_CHARS` characters can.
MAX_DOCUMENT_VALUES = 1_000_000
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
        text = one_line(repr(value))
    except ValueError:  # an int too long to write in decimal
        return f"a {type_name(value)} too long to show"
    except Exception:  # a repr that fails (nested too deeply to write) is named by its type
        return f"<{type_name(value)}>"
    return text if len(text) <= _MAX_SHOWN else f"{text[: _MAX_SHOWN - 3]}..."


# ---------------------------------------------------------------------------------------------
# Writing


#: What a writer is handed besides the value: the compact form's sources by their index, or ``None``.
_Sources = dict[Source, int] | None
_Writer = Callable[[Any, _Sources], Any]


def unstructure(value: object, *, sources: _Sources = None) -> Any:  # noqa: ANN401 - JSON-safe data of any shape
    """A JSON-safe form of ``value``; with a ``sources`` dict, each :class:`Source` becomes its index there."""
    if attrs.has(type(value)):
        return _writer(typing.cast("Any", type(value)))(value, sources)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [unstructure(item, sources=sources) for item in value]
    if isinstance(value, float):
        return _write_float(value, sources)
    return value


@functools.cache
def _writer(hint: Any) -> _Writer:  # noqa: ANN401 - any type hint
    """How to write a value of type ``hint``, worked out once per type (a class's plan is its fields' writers)."""
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        options = [option for option in typing.get_args(hint) if option is not type(None)]
        if len(options) != 1:  # pragma: no cover - none in the package
            return _write_any
        inner = _writer(options[0])
        if inner is _same:
            return _same
        return lambda value, sources: None if value is None else inner(value, sources)
    if origin is tuple:
        return _tuple_writer(typing.get_args(hint))
    return _class_writer(hint)


def _class_writer(hint: Any) -> _Writer:  # noqa: ANN401, PLR0911 - one branch per kind of class
    if hint is Source:
        return _write_source
    if isinstance(hint, type) and attrs.has(hint):
        return _ClassWriter(hint)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return lambda value, _: value.value
    if hint is dt.date:
        return lambda value, _: value.isoformat()
    if hint is float:
        return _write_float
    if hint in {int, str, bool}:
        return _same
    return _write_any  # pragma: no cover - every hint in the package is covered above


def _tuple_writer(args: tuple[Any, ...]) -> _Writer:
    if len(args) == 2 and args[1] is Ellipsis:
        item = _writer(args[0])
        return lambda value, sources: [item(x, sources) for x in value]
    items = tuple(_writer(arg) for arg in args)
    return lambda value, sources: [write(x, sources) for write, x in zip(items, value, strict=True)]


def _same(value: object, _sources: _Sources) -> object:
    """A value JSON writes as it is (an int, a string, a bool, or ``None``)."""
    return value


def _write_any(value: object, sources: _Sources) -> Any:  # noqa: ANN401 - JSON-safe data of any shape
    return unstructure(value, sources=sources)


def _write_float(value: float, _sources: _Sources) -> float:
    if not math.isfinite(value):
        msg = f"cannot serialise the non-finite number {bounded_repr(value)}"
        raise InvalidValueError(msg)
    return value


def _write_source(value: Source, sources: _Sources) -> Any:  # noqa: ANN401 - an index or an object
    if sources is None:
        return _SOURCE_WRITER(value, None)
    return sources.setdefault(value, len(sources))


class _ClassWriter:
    """Writes an attrs instance as an object of its fields (a one-field class as that field), by a plan made once."""

    __slots__ = ("cls", "plan")

    def __init__(self, cls: type) -> None:
        self.cls = cls
        # made on first use (classes may refer to each other); a writer of None: the value is written as it is
        self.plan: tuple[tuple[str, _Writer | None], ...] | None = None

    def __call__(self, value: object, sources: _Sources) -> Any:  # noqa: ANN401 - JSON-safe data
        plan = self.plan
        if plan is None:
            hints = _hints(self.cls)
            writers = ((f.name, _writer(hints[f.name])) for f in _fields(self.cls))
            plan = self.plan = tuple((name, None if write is _same else write) for name, write in writers)
        if len(plan) == 1:
            name, write = plan[0]
            field = getattr(value, name)
            return field if write is None else write(field, sources)
        return {
            name: field if write is None else write(field, sources)
            for name, write in plan
            for field in (getattr(value, name),)
        }


_SOURCE_WRITER = _ClassWriter(Source)


def dump_payload(value: object, *, compact: bool = False) -> JSON:
    """The document for ``value``: its fields, then (compact) ``sources``, then ``schema_version``."""
    sources: _Sources = {} if compact else None
    data: JSON = unstructure(value, sources=sources)
    if sources is not None:
        data["sources"] = [_SOURCE_WRITER(source, None) for source in sources]
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


class _Context(typing.NamedTuple):
    """What a reader needs besides the data: the compact form's sources, and whether to ignore unknown fields.

    ``sources`` is the document's top-level list in the compact form (``None`` otherwise);
    ``lenient`` ignores unknown fields, for a document of a newer minor version.
    """

    sources: tuple[Source, ...] | None = None
    lenient: bool = False


_Read = Callable[[object, str, _Context], Any]


@functools.cache
def _reader(hint: Any) -> _Read:  # noqa: ANN401, PLR0911 - one branch per kind of type hint
    """How to rebuild a value of type ``hint`` from JSON-safe data, worked out once per type."""
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        options = [option for option in typing.get_args(hint) if option is not type(None)]
        if len(options) != 1:  # pragma: no cover - none in the package
            return _unsupported(hint)
        inner = _reader(options[0])
        return lambda data, path, context: None if data is None else inner(data, path, context)
    if origin is tuple:
        return _tuple_reader(typing.get_args(hint))
    if isinstance(hint, type) and attrs.has(hint):
        read_class = _ClassReader(hint)
        return _read_source if hint is Source else read_class
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return lambda data, path, _: _read_enum(data, hint, path)
    scalar = _SCALARS.get(hint)
    if scalar is None:  # pragma: no cover - every hint in the package is covered
        return _unsupported(hint)
    return lambda data, path, _: scalar(data, path)


def _unsupported(hint: Any) -> _Read:  # noqa: ANN401 - any type hint
    def read(_data: object, path: str, _context: _Context) -> Any:  # noqa: ANN401 - never returns
        msg = f"{path}: cannot rebuild a value of type {bounded_repr(hint)}"
        raise InvalidTypeError(msg)

    return read  # pragma: no cover - every hint in the package is covered


def _tuple_reader(args: tuple[Any, ...]) -> _Read:
    if len(args) == 2 and args[1] is Ellipsis:
        item = _reader(args[0])

        def read_items(data: object, path: str, context: _Context) -> tuple[Any, ...]:
            if not isinstance(data, list | tuple):
                raise _fail(path, "a list", data)
            return tuple(item(x, f"{path}[{i}]", context) for i, x in enumerate(data))

        return read_items
    items = tuple(_reader(arg) for arg in args)

    def read_fixed(data: object, path: str, context: _Context) -> tuple[Any, ...]:
        if not isinstance(data, list | tuple):
            raise _fail(path, "a list", data)
        if len(data) != len(items):
            msg = f"{path} must have {len(items)} items, got {len(data)}"
            raise InvalidValueError(msg, field=_field_of(path), value=data, rule=f"{len(items)} items")
        return tuple(read(x, f"{path}[{i}]", context) for i, (read, x) in enumerate(zip(items, data, strict=True)))

    return read_fixed


class _ClassReader:
    """Rebuilds an attrs instance from an object of its fields, by a plan made once: names, readers, required."""

    __slots__ = ("cls", "plan")

    def __init__(self, cls: type) -> None:
        self.cls = cls
        self.plan: tuple[tuple[tuple[str, _Read], ...], frozenset[str], tuple[str, ...]] | None = None

    def _plan(self) -> tuple[tuple[tuple[str, _Read], ...], frozenset[str], tuple[str, ...]]:
        hints, fields = _hints(self.cls), _fields(self.cls)
        readers = tuple((f.name, _reader(hints[f.name])) for f in fields)
        required = tuple(f.name for f in fields if f.default is attrs.NOTHING)
        self.plan = (readers, frozenset(f.name for f in fields), required)
        return self.plan

    def __call__(self, data: object, path: str, context: _Context) -> Any:  # noqa: ANN401 - an instance of cls
        readers, names, required = self.plan or self._plan()
        if len(readers) == 1:
            name, read = readers[0]
            return self.cls(**{name: read(data, path, context)})
        if not isinstance(data, Mapping):
            raise _fail(path, f"an object (a {_kind(self.cls)})", data)
        if not context.lenient and not names.issuperset(data):
            unknown = sorted(map(str, set(data) - names))
            listed = ", ".join(shown(name[:40]) for name in unknown[:10]) + (", ..." if len(unknown) > 10 else "")
            msg = f"{path} has unknown field(s) {listed}{_of(self.cls, 'for')}"
            rule = f"only the fields {', '.join(sorted(names))}"
            raise InvalidValueError(msg, field=_field_of(f"{path}.{unknown[0]}"), value=unknown[0], rule=rule)
        missing = [name for name in required if name not in data]
        if missing:
            msg = f"{path} lacks field(s) {', '.join(map(repr, missing))}{_of(self.cls, 'of')}"
            raise InvalidValueError(msg, field=_field_of(f"{path}.{missing[0]}"), rule="a required field")
        values = {name: read(data[name], f"{path}.{name}", context) for name, read in readers if name in data}
        return self.cls(**values)


_SOURCE_READER = _ClassReader(Source)


def _read_source(data: object, path: str, context: _Context) -> Source:
    """A source written in full, or (compact form) its index into the document's sources."""
    if not isinstance(data, int) or isinstance(data, bool):
        return typing.cast("Source", _SOURCE_READER(data, path, context))
    if context.sources is None:
        msg = f"{path} is a source index ({data}), but the document has no top-level sources list"
        raise InvalidValueError(msg)
    if not 0 <= data < len(context.sources):
        msg = f"{path} must be an index into sources, from 0 to {len(context.sources) - 1}, got {shown(data)}"
        raise InvalidValueError(msg)
    return context.sources[data]


@functools.cache
def _value_type(kind: type[enum.Enum]) -> type:
    """The one JSON type of an enum's values (str, or int for a quartile)."""
    (kind_of_value,) = {type(member.value) for member in kind}
    return kind_of_value


def _read_enum(data: object, kind: type[enum.Enum], path: str) -> enum.Enum:
    if type(data) is not _value_type(kind):  # false or 1.0 is not the quartile 0 or 1
        raise _fail(path, f"one of {', '.join(repr(member.value) for member in kind)}", data)
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
    return _reader(hint)(data, path, _Context())


def from_dict(cls: type[T], data: object, /, *, path: str = "data") -> T:
    """Rebuild an instance of the attrs class ``cls`` from the output of :func:`unstructure`."""
    check_document(data, what=path)
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
    check_document(data, what=path)
    lenient = read_version(data, path, required=version_required, current=current)
    body = {key: value for key, value in data.items() if key != "schema_version"}
    sources = None
    if "sources" in body and "sources" not in {f.name for f in _fields(cls)}:
        sources = _reader(tuple[Source, ...])(body.pop("sources"), f"{path}.sources", _Context(lenient=lenient))
    return typing.cast("T", _reader(typing.cast("Any", cls))(body, path, _Context(sources, lenient)))


def _refuse_constant(name: str) -> typing.NoReturn:
    msg = f"JSON must not hold {name}: only finite numbers are allowed"
    raise InvalidValueError(msg)


def _depth(data: object) -> int:
    """The deepest nesting of arrays and objects in parsed JSON, level by level (linear in its size, no recursion)."""
    depth, level = 0, [data]
    while level := [value for value in level if isinstance(value, dict | list)]:
        depth += 1
        level = [child for value in level for child in (value.values() if isinstance(value, dict) else value)]
    return depth


#: The types of a document's plain values, skipped by one set look-up; anything else is checked against _CONTAINERS.
_LEAVES = frozenset({str, int, float, bool, type(None)})
_CONTAINERS = (dict, list, tuple, Mapping)


def _children(value: Mapping[object, object] | list[object] | tuple[object, ...]) -> typing.Iterable[object]:
    """The values inside a mapping, list or tuple (the containers a document is built of)."""
    return value.values() if isinstance(value, Mapping) else value


def check_document(data: object, /, *, what: str) -> None:
    """Refuse a document (parsed JSON or a dict built in Python) past the JSON text's limits.

    The same limits as :func:`parse_json`: nested at most :data:`MAX_JSON_DEPTH` deep, and at
    most :data:`MAX_DOCUMENT_VALUES` values in all. Walked level by level, with no recursion and
    in time linear in the part walked, so a 100,000-deep list is refused at level 33.

    Raises:
        InvalidValueError: The document nests too deeply or holds too many values.
    """
    depth, count, level = 0, 0, [data]
    while level := [value for value in level if type(value) not in _LEAVES and isinstance(value, _CONTAINERS)]:
        depth += 1
        if depth > MAX_JSON_DEPTH:
            msg = f"{what} must nest arrays and objects at most {MAX_JSON_DEPTH} deep, got more than {MAX_JSON_DEPTH}"
            raise InvalidValueError(msg, field=what, rule=f"nested at most {MAX_JSON_DEPTH} deep")
        level = [child for value in level for child in _children(value)]
        count += len(level)
        if count > MAX_DOCUMENT_VALUES:
            msg = f"{what} must hold at most {MAX_DOCUMENT_VALUES:,} values, got more"
            raise InvalidValueError(msg, field=what, rule=f"at most {MAX_DOCUMENT_VALUES:,} values")


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
    rule = f"{what} must nest arrays and objects at most {MAX_JSON_DEPTH} deep"
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except RecursionError:  # nested past the parser's own limit: far deeper than allowed
        msg = f"{rule}, got more than the parser follows"
        raise InvalidValueError(msg) from None
    except InvalidValueError as error:
        msg = f"{what}: {error}"
        raise InvalidValueError(msg) from None
    except json.JSONDecodeError as error:
        msg = f"{what} is not valid JSON: {error}"
        raise InvalidValueError(msg) from None
    except ValueError as error:  # an integer with more digits than Python converts
        msg = f"{what} holds a number too long to read: {error}"
        raise InvalidValueError(msg) from None
    depth = _depth(data)
    if depth > MAX_JSON_DEPTH:
        msg = f"{rule}, got {depth}"
        raise InvalidValueError(msg)
    return data


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
