"""Issue 20, item 3: every public value class refuses an impossible state, at construction and through attrs.evolve."""

import contextlib
import datetime as dt
import enum
import inspect
import math
import types
import typing
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import step2score
from step2score import Step2ScoreError
from tests import strategies


def _instances() -> dict[type, Any]:
    """One instance of each public value class, found inside the results of the public functions."""
    found: dict[type, Any] = {}

    def walk(value: Any, depth: int = 0) -> None:
        if depth > 8:
            return
        if attrs.has(type(value)):
            found.setdefault(type(value), value)
            for field in attrs.fields(type(value)):
                walk(getattr(value, field.name), depth + 1)
        elif isinstance(value, tuple | list):
            for item in value:
                walk(item, depth + 1)

    for keywords in (
        {"specialty": "derm", "attempts_used": 1, "applying_on": "2025-10-01", "program_tier": "academic"},
        {"specialty": "IM", "applicant": "non-us-img", "program_tier": "top"},
        {"specialty": "IM", "applicant": "us-img", "program_tier": "community", "norms": "2023-24"},
    ):
        walk(step2score.evaluate(250, taken_on="2025-09-15", **keywords))
    walk(step2score.compare_scores(230, 250))
    walk(step2score.data_status())
    walk(step2score.exam_changes())
    walk(step2score.licensure_deadline("2024-05-01"))
    walk(step2score.default_edition())
    walk(step2score.default_norm_table())
    walk(step2score.normal_approximations())
    walk(step2score.pass_rates())
    walk(step2score.default_standards())
    walk(step2score.default_target_policy())
    return found


INSTANCES = _instances()
PUBLIC = [
    kind
    for name in step2score.__all__
    if isinstance(kind := getattr(step2score, name), type) and attrs.has(kind) and kind in INSTANCES
]
#: Each public value class and each field it takes at construction.
FIELDS = [(kind, field) for kind in PUBLIC for field in attrs.fields(kind) if field.init]


def test_every_public_value_class_is_covered() -> None:
    public = {name for name in step2score.__all__ if isinstance(getattr(step2score, name), type)}
    missing = sorted(n for n in public if attrs.has(getattr(step2score, n)) and getattr(step2score, n) not in INSTANCES)
    assert missing == []


def _conforms(value: object, hint: Any) -> bool:
    """Whether ``value`` is of the type ``hint`` states (bools are not numbers; floats are finite)."""
    origin = typing.get_origin(hint)
    if origin in {typing.Union, types.UnionType}:
        return any(_conforms(value, arm) for arm in typing.get_args(hint))
    if origin is tuple:
        return _conforms_tuple(value, typing.get_args(hint))
    if origin is not None:
        return isinstance(value, origin)
    return _conforms_plain(value, hint)


def _conforms_tuple(value: object, args: tuple[Any, ...]) -> bool:
    if not isinstance(value, tuple):
        return False
    if len(args) == 2 and args[1] is Ellipsis:
        return all(_conforms(item, args[0]) for item in value)
    return len(args) == len(value) and all(_conforms(v, a) for v, a in zip(value, args, strict=True))


def _conforms_plain(value: object, hint: Any) -> bool:
    if hint is type(None):
        return value is None
    if hint is float:
        return isinstance(value, float | int) and not isinstance(value, bool) and math.isfinite(value)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is dt.date:
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return isinstance(value, hint)
    return isinstance(value, hint) if isinstance(hint, type) else True


def _in_range(value: object, schema: dict[str, Any]) -> bool:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return True
    low, high = schema.get("minimum"), schema.get("maximum")
    return (low is None or value >= low) and (high is None or value <= high)


@given(st.sampled_from(FIELDS), strategies.ANY_ARGUMENT)
def test_evolve_keeps_every_field_of_its_type_and_range(spec: tuple[type, Any], value: Any) -> None:
    """Law: attrs.evolve (which constructs) with any value either raises a Step2ScoreError or keeps the field's type and range."""
    kind, field = spec
    try:
        changed = attrs.evolve(INSTANCES[kind], **{field.alias: value})
    except Step2ScoreError:
        return
    stored = getattr(changed, field.name)
    hint = typing.get_type_hints(kind)[field.name]
    assert _conforms(stored, hint), (kind.__name__, field.name, stored)
    assert _in_range(stored, field.metadata.get("json_schema", {})), (kind.__name__, field.name, stored)


@pytest.mark.parametrize(("kind", "field"), [pytest.param(k, f, id=f"{k.__name__}.{f.name}") for k, f in FIELDS])
def test_a_field_outside_its_schema_range_is_refused(kind: type, field: Any) -> None:
    """Law: a number one past a field's documented minimum or maximum is refused, through evolve as at construction."""
    schema = field.metadata.get("json_schema", {})
    for bound, step in (("minimum", -1), ("maximum", 1)):
        if bound in schema:
            with pytest.raises(Step2ScoreError):
                attrs.evolve(INSTANCES[kind], **{field.alias: schema[bound] + step})


def _methods() -> list[tuple[str, Any, inspect.Signature]]:
    """Every public method (and item look-up) of every public value class, bound to its instance."""
    found = []
    for kind, instance in INSTANCES.items():
        for name, member in inspect.getmembers(kind):
            if (name.startswith("_") and name != "__getitem__") or not callable(member) or isinstance(member, type):
                continue
            bound = getattr(instance, name)
            with contextlib.suppress(TypeError, ValueError):
                found.append((f"{kind.__name__}.{name}", bound, inspect.signature(bound)))
    return found


METHODS = _methods()


@given(st.sampled_from(METHODS), st.data())
def test_every_public_method_takes_anything(method: tuple[str, Any, inspect.Signature], data: st.DataObject) -> None:
    """Law: a public method called with any arguments returns or raises a Step2ScoreError, never another exception."""
    _, bound, signature = method
    args, kwargs = [], {}
    for parameter in signature.parameters.values():
        if parameter.kind in {parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD}:
            continue
        if parameter.default is not parameter.empty and data.draw(st.booleans()):
            continue
        value = data.draw(strategies.ANY_ARGUMENT)
        if parameter.kind is parameter.POSITIONAL_ONLY:
            args.append(value)
        else:
            kwargs[parameter.name] = value
    with contextlib.suppress(Step2ScoreError):
        bound(*args, **kwargs)
