"""JSON-safe dicts for every result value, and the JSON Schema of a serialised :class:`Evaluation`."""

from __future__ import annotations

import functools
import json
import typing
from collections.abc import Mapping
from typing import Any, TypeVar

import attrs

from step2score import _serde
from step2score._validate import type_name
from step2score.errors import InvalidTypeError
from step2score.evaluation import Evaluation

__all__ = ["SCHEMA_ID", "evaluation_schema", "from_dict", "to_dict"]

T = TypeVar("T")

#: The ``$id`` of the shipped schema; its last part is the schema's own version.
SCHEMA_ID = "https://step2score.readthedocs.io/schema/evaluation/1"


def to_dict(value: object, /) -> dict[str, Any]:
    """A JSON-safe dict of any step2score value (Evaluation, Target, PercentileRank, ApplicantProfile ...).

    Dates become ``YYYY-MM-DD`` strings, enums their values, tuples lists; nothing is lost,
    so :func:`from_dict` rebuilds an equal value.

    >>> to_dict(ApplicantProfile("img", "derm", "top"))
    {'applicant': 'non-us-img', 'specialty': 'Dermatology', 'program_tier': 'top'}
    """
    if not attrs.has(type(value)):
        msg = f"value must be a step2score value such as an Evaluation, got {type_name(value)} {value!r}"
        raise InvalidTypeError(msg)
    data = _serde.unstructure(value)
    if not isinstance(data, dict):
        msg = f"value must serialise to a dict, but {value!r} is a single {type_name(data)}: use it as it is"
        raise InvalidTypeError(msg)
    return data


def from_dict(cls: type[T], data: Mapping[str, Any], /) -> T:
    """Rebuild a value of ``cls`` from :func:`to_dict`'s output.

    >>> from_dict(ApplicantProfile, {"applicant": "us-md", "specialty": "IM", "program_tier": None})
    ApplicantProfile(applicant=<ApplicantType.US_MD_SENIOR: 'us-md'>, specialty='Internal Medicine', program_tier=None)

    Raises:
        InvalidTypeError: A value has the wrong JSON type; the message gives its path.
        InvalidValueError: A value breaks a rule, or a field is missing or unknown.
    """
    if not (isinstance(cls, type) and attrs.has(cls)):
        msg = f"cls must be a step2score value class such as Evaluation, got {cls!r}"
        raise InvalidTypeError(msg)
    return typing.cast("T", _serde.from_dict(cls, data, path=cls.__name__))


def generate_evaluation_schema() -> dict[str, Any]:
    """Build the JSON Schema of :meth:`Evaluation.to_dict` from the type hints (what the shipped file holds)."""
    return _serde.json_schema(Evaluation, title="step2score Evaluation", schema_id=SCHEMA_ID)


@functools.cache
def _schema_text() -> str:
    import importlib.resources  # noqa: PLC0415 - imported on use, to keep `import step2score` light

    return importlib.resources.files("step2score").joinpath("data", "evaluation.schema.json").read_text("utf-8")


def evaluation_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a serialised :class:`Evaluation`, as shipped in the package.

    Apps in other languages validate against it; it is also the file
    ``step2score/data/evaluation.schema.json``.

    >>> schema = evaluation_schema()
    >>> schema["$schema"], schema["$ref"]
    ('https://json-schema.org/draft/2020-12/schema', '#/$defs/Evaluation')
    >>> schema["$defs"]["Evaluation"]["required"][:3]
    ['score', 'taken_on', 'date_assumed']
    """
    data: dict[str, Any] = json.loads(_schema_text())
    return data
