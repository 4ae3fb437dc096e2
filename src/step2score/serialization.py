"""The JSON contract: dicts for every result value, the versioned schemas of a result and of a request.

An app posts a *request* (:func:`request_schema`), reads it with :func:`read_request` or
:func:`evaluate_request`, and sends back :meth:`Evaluation.to_dict` (:func:`evaluation_schema`),
which names its format version in ``schema_version``. The versioning policy is in the docs
(``docs/json.rst``).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import typing
from collections.abc import Mapping
from typing import Any, TypeVar

import attrs

from step2score import _serde
from step2score._serde import REQUEST_SCHEMA_MAJOR, REQUEST_SCHEMA_VERSION, SCHEMA_MAJOR, SCHEMA_VERSION
from step2score._validate import type_name
from step2score.applicants import ApplicantType, ProgramTier
from step2score.benchmarks import benchmark_editions, edition_named
from step2score.errors import InvalidTypeError, InvalidValueError, bounded_repr
from step2score.evaluation import Evaluation, evaluate
from step2score.norms import normal_approximations, norms_named
from step2score.targets import choose_target_policy

__all__ = [
    "REQUEST_SCHEMA_ID",
    "REQUEST_SCHEMA_VERSION",
    "SCHEMA_ID",
    "SCHEMA_VERSION",
    "evaluate_request",
    "evaluation_schema",
    "from_dict",
    "read_request",
    "request_schema",
    "to_dict",
]

T = TypeVar("T")

#: The ``$id`` of the shipped result schema; its last part is the format's major version.
SCHEMA_ID = f"https://step2score.readthedocs.io/schema/evaluation/{SCHEMA_MAJOR}"
#: The ``$id`` of the shipped request schema; its last part is the format's major version.
REQUEST_SCHEMA_ID = f"https://step2score.readthedocs.io/schema/request/{REQUEST_SCHEMA_MAJOR}"


def to_dict(value: object, /) -> dict[str, Any]:
    """A JSON-safe dict of any step2score value (Evaluation, Target, PercentileRank, ApplicantProfile ...).

    Dates become ``YYYY-MM-DD`` strings, enums their values, tuples lists; nothing is lost,
    so :func:`from_dict` rebuilds an equal value. (An :class:`Evaluation`'s own
    :meth:`~Evaluation.to_dict` also writes ``schema_version``.)

    >>> to_dict(ApplicantProfile("img", "derm", "top"))
    {'applicant': 'non-us-img', 'specialty': 'Dermatology', 'program_tier': 'top'}
    """
    if isinstance(value, Evaluation):
        return value.to_dict()
    if not attrs.has(type(value)):
        msg = f"value must be a step2score value such as an Evaluation, got {type_name(value)} {_serde.shown(value)}"
        raise InvalidTypeError(msg)
    data = _serde.unstructure(value)
    if not isinstance(data, dict):
        msg = (
            f"value must serialise to a dict, but {bounded_repr(value)} is a single {type_name(data)}: use it as it is"
        )
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
        msg = f"cls must be a step2score value class such as Evaluation, got {bounded_repr(cls)}"
        raise InvalidTypeError(msg)
    if cls is Evaluation:
        return typing.cast("T", Evaluation.from_dict(data))
    return typing.cast("T", _serde.from_dict(cls, data, path=cls.__name__))


# ---------------------------------------------------------------------------------------------
# The result schema


def generate_evaluation_schema() -> dict[str, Any]:
    """Build the JSON Schema of :meth:`Evaluation.to_dict` from the type hints (what the shipped file holds).

    >>> generate_evaluation_schema()["properties"]["score"]
    {'type': 'integer', 'minimum': 1, 'maximum': 300, 'description': 'The score evaluated.'}
    """
    return _serde.payload_schema(Evaluation, title="step2score Evaluation", schema_id=SCHEMA_ID)


@functools.cache
def _shipped(name: str) -> str:
    import importlib.resources  # noqa: PLC0415 - imported on use, to keep `import step2score` light

    return importlib.resources.files("step2score").joinpath("data", name).read_text("utf-8")


def evaluation_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a serialised :class:`Evaluation`, as shipped in the package.

    Apps in other languages validate against it; it is also the file
    ``step2score/data/evaluation.schema.json``. Every property has a description, and
    the ranges the library checks are stated (a score is an integer from 1 to 300).

    >>> schema = evaluation_schema()
    >>> schema["$schema"], schema["$id"]
    ('https://json-schema.org/draft/2020-12/schema', 'https://step2score.readthedocs.io/schema/evaluation/2')
    >>> schema["required"][:3], schema["required"][-1]
    (['score', 'taken_on', 'date_assumed'], 'schema_version')
    >>> schema["properties"]["percentile"]["description"]
    'The percentile rank, naming its cohort and method.'
    """
    data: dict[str, Any] = json.loads(_shipped("evaluation.schema.json"))
    return data


# ---------------------------------------------------------------------------------------------
# The request


@attrs.frozen
class _Request:
    """What an app posts to evaluate a score: the inputs of evaluate() as JSON.

    Attributes:
        score: The Step 2 CK score, an integer from 1 to 300.
        taken_on: The test date, YYYY-MM-DD, which chooses the passing standard; today when absent.
        specialty: The target specialty in any spelling ("derm", "IM"); none when absent.
        applicant: The applicant type; U.S. MD senior when absent.
        program_tier: How selective the programs aimed at are; no offset when absent.
        attempts_used: Attempts already made at Step 2 CK, this one included (so at least 1).
        applying_on: The date of the next application, YYYY-MM-DD, which chooses the attempt limit.
        edition: The key of a packaged benchmark edition; the applicant's own group's edition when absent
            (U.S. MD seniors' for a group with none).
        target_policy: "own-group" (the default: the group's own quartile, the IMG buffer only as a
            labelled fallback) or "article" (U.S. MD seniors' figures plus the IMG buffer for every IMG).
        norms: The name of a packaged norm cohort for a normal-approximation percentile;
            the packaged norm table when absent.
    """

    score: int
    taken_on: dt.date | None = None
    specialty: str | None = None
    applicant: ApplicantType | None = None
    program_tier: ProgramTier | None = None
    attempts_used: int | None = None
    applying_on: dt.date | None = None
    edition: str | None = None
    norms: str | None = None
    target_policy: str | None = None


def generate_request_schema() -> dict[str, Any]:
    """Build the JSON Schema of a request from the type hints and the packaged data (what the shipped file holds).

    >>> generate_request_schema()["required"]
    ['score']
    """
    schema = _serde.json_schema(
        _Request,
        title="step2score evaluation request",
        schema_id=REQUEST_SCHEMA_ID,
        extra={"schema_version": _serde.version_property(REQUEST_SCHEMA_VERSION)},
        all_required=False,
    )
    properties = schema["properties"]
    for name, words in _request_words().items():
        properties[name]["enum"] = [*words, None]
    return schema


def _request_words() -> dict[str, tuple[str, ...]]:
    """The words each free-text field of a request may hold: the schema's enums, which :func:`read_request` checks."""
    return {
        "edition": tuple(edition.key for edition in benchmark_editions()),
        "norms": tuple(approximation.cohort for approximation in normal_approximations()),
        "target_policy": ("own-group", "article"),
    }


def request_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of what an app posts to evaluate, as shipped in the package.

    It is also the file ``step2score/data/request.schema.json``; a form can be built from it
    (the enums list the allowed words, the descriptions say what each field means).

    >>> schema = request_schema()
    >>> schema["required"], schema["properties"]["score"]["maximum"]
    (['score'], 300)
    >>> schema["properties"]["edition"]["enum"]
    ['charting-outcomes-2026', 'charting-outcomes-2026-non-us-img', 'charting-outcomes-2024', 'ace-med-boards-2022',
    None]
    """
    data: dict[str, Any] = json.loads(_shipped("request.schema.json"))
    return data


def read_request(data: object, /) -> dict[str, Any]:
    """Read a request (a parsed JSON object) into keyword arguments of :func:`~step2score.evaluate`.

    Absent and ``null`` fields are left out, so :func:`~step2score.evaluate`'s defaults apply.
    A ``schema_version`` is optional; when given it must be of this library's major version.

    Args:
        data: The request, as :func:`request_schema` describes it.

    Returns:
        A dict with ``score`` and the other given fields, dates as :class:`datetime.date`.

    Raises:
        InvalidTypeError: A field has the wrong JSON type (``"abc"`` for the score); the
            message names the field.
        InvalidValueError: A field is unknown, or a word or date is not one the schema allows.

    >>> read_request({"score": 241, "specialty": "derm", "taken_on": "2025-09-15"})
    {'score': 241, 'taken_on': datetime.date(2025, 9, 15), 'specialty': 'derm'}
    >>> read_request({"score": "abc"})
    Traceback (most recent call last):
        ...
    step2score.errors.InvalidTypeError: request.score must be an integer, got str 'abc'
    """
    request = _serde.load_payload(
        _Request, data, path="request", version_required=False, current=REQUEST_SCHEMA_VERSION
    )
    fields = {name: value for name, value in attrs.asdict(request, recurse=False).items() if value is not None}
    readers: dict[str, typing.Callable[[str], object]] = {
        "edition": edition_named,
        "norms": norms_named,
        "target_policy": choose_target_policy,
    }
    for name, words in _request_words().items():
        if name in fields and fields[name] not in words:
            readers[name](fields[name])  # an unknown word: the error evaluate() gives (UnknownEditionError ...)
            rule = f"one of {', '.join(map(repr, words))}"  # a word evaluate() reads, but not one the schema allows
            msg = f"request.{name} must be {rule}, got {bounded_repr(fields[name])}"
            raise InvalidValueError(msg, field=name, value=fields[name], rule=rule)
    return fields


def evaluate_request(data: object, /) -> Evaluation:
    """Evaluate a request (a parsed JSON object): :func:`read_request`, then :func:`~step2score.evaluate`.

    Every bad input raises a typed :class:`~step2score.Step2ScoreError` (a web app maps it to
    status 400), never another exception.

    >>> ev = evaluate_request({"score": 212, "taken_on": "2025-09-15", "attempts_used": 1, "applying_on": "2025-10-01"})
    >>> ev.passed, ev.attempts.remaining
    (False, 3)
    >>> evaluate_request({"score": 301})
    Traceback (most recent call last):
        ...
    step2score.errors.InvalidScoreError: score must be an integer from 1 to 300, got 301
    """
    arguments = read_request(data)
    return evaluate(arguments.pop("score"), **arguments)
