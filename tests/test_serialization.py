import contextlib
import copy
import datetime as dt
import json
import math
import re
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given

import step2score
from step2score import (
    ApplicantProfile,
    Evaluation,
    InvalidTypeError,
    InvalidValueError,
    ScaledScore,
    _serde,
    default_edition,
    evaluate,
    evaluation_schema,
    from_dict,
    percentile_of,
    serialization,
    target_for,
    to_dict,
)
from step2score.errors import Step2ScoreError, UnknownEditionError, UnknownSpecialtyError
from step2score.serialization import (
    SCHEMA_VERSION,
    evaluate_request,
    generate_evaluation_schema,
    generate_request_schema,
    read_request,
    request_schema,
)
from tests import strategies

EVALUATION_VALIDATOR = jsonschema.Draft202012Validator(evaluation_schema())
REQUEST_VALIDATOR = jsonschema.Draft202012Validator(request_schema())


@given(strategies.evaluations())
def test_round_trip_is_the_identity(ev: Evaluation) -> None:
    """to_dict, then JSON text, then from_dict gives back an equal evaluation; so does to_json/from_json."""
    data = ev.to_dict()
    assert Evaluation.from_dict(json.loads(json.dumps(data))) == ev
    assert Evaluation.from_json(ev.to_json()) == ev


@given(strategies.evaluations())
def test_compact_round_trip_is_the_identity(ev: Evaluation) -> None:
    """The compact form, as a dict and as JSON text, reads back to an equal evaluation; it lists each source once."""
    data = ev.to_dict(compact=True)
    assert Evaluation.from_dict(json.loads(json.dumps(data))) == ev
    assert Evaluation.from_json(ev.to_json(compact=True)) == ev
    sources = data["sources"]
    assert len(sources) == len({json.dumps(source, sort_keys=True) for source in sources})
    body = {key: value for key, value in data.items() if key != "sources"}
    references = [value for key, value in _items(body) if key == "source" and value is not None]
    assert all(isinstance(value, int) for value in references)
    assert sorted(set(references)) == list(range(len(sources)))


def _items(data: Any) -> Iterator[tuple[str, Any]]:
    """Every (key, value) pair of every object inside a JSON document."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield key, value
            yield from _items(value)
    elif isinstance(data, list):
        for value in data:
            yield from _items(value)


@given(strategies.evaluations())
def test_every_compact_evaluation_validates_against_the_shipped_schema(ev: Evaluation) -> None:
    """Every compact evaluation validates against the shipped schema too."""
    EVALUATION_VALIDATOR.validate(ev.to_dict(compact=True))


@given(strategies.evaluations())
def test_every_serialised_evaluation_validates_against_the_shipped_schema(ev: Evaluation) -> None:
    """Every serialised evaluation validates against the schema shipped in the package."""
    EVALUATION_VALIDATOR.validate(ev.to_dict())


def test_the_shipped_schema_is_the_generated_one() -> None:
    assert evaluation_schema() == json.loads(json.dumps(generate_evaluation_schema()))
    jsonschema.Draft202012Validator.check_schema(evaluation_schema())


def test_the_shipped_request_schema_is_the_generated_one() -> None:
    assert request_schema() == json.loads(json.dumps(generate_request_schema()))
    jsonschema.Draft202012Validator.check_schema(request_schema())


def test_schema_rejects_a_broken_document() -> None:
    data = evaluate(247, taken_on="2025-09-15").to_dict()
    data["tier"] = "brilliant"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, evaluation_schema(), cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize(
    "value",
    [
        ApplicantProfile("img", "derm", "top"),
        percentile_of(247),
        target_for(default_edition()["derm"], ApplicantProfile("img", "derm", "top")),
    ],
)
def test_other_values_round_trip(value: Any) -> None:
    assert from_dict(type(value), json.loads(json.dumps(to_dict(value)))) == value


def test_shapes() -> None:
    data = evaluate(241, taken_on="2025-09-15", specialty="derm", applicant="img").to_dict()
    assert data["score"] == 241
    assert data["taken_on"] == "2025-09-15"
    assert data["standard"]["in_force_from"] == "2025-07-01"
    assert data["standard"]["source"]["confidence"] == "secondary"
    assert data["profile"] == {"applicant": "non-us-img", "specialty": "Dermatology", "program_tier": None}
    assert isinstance(data["comparisons"], list)


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        ({"score": "247"}, InvalidTypeError, "evaluation.score must be an integer, got str '247'"),
        ({"score": 301}, InvalidValueError, "score must be an integer from 1 to 300, got 301"),
        (
            {"taken_on": "15/09/2025"},
            InvalidValueError,
            "evaluation.taken_on must be a date written YYYY-MM-DD, got '15/09/2025'",
        ),
        (
            {"tier": "brilliant"},
            InvalidValueError,
            "evaluation.tier must be one of 'fail', 'pass', 'competitive', 'exceptional', got 'brilliant'",
        ),
        ({"passed": 1}, InvalidTypeError, "evaluation.passed must be true or false, got int 1"),
        ({"extra": 1}, InvalidValueError, "evaluation has unknown field(s) 'extra' for a Evaluation"),
        ({"comparisons": {}}, InvalidTypeError, "evaluation.comparisons must be a list, got dict {}"),
    ],
)
def test_bad_documents_name_the_path(change: dict[str, Any], error: type[Exception], message: str) -> None:
    data = evaluate(247, taken_on="2025-09-15").to_dict() | change
    with pytest.raises(error, match=re.escape(message)):
        Evaluation.from_dict(data)


def test_missing_field_and_bad_json() -> None:
    data = evaluate(247, taken_on="2025-09-15").to_dict()
    del data["tier"]
    with pytest.raises(InvalidValueError, match=re.escape("evaluation lacks field(s) 'tier' of a Evaluation")):
        Evaluation.from_dict(data)
    with pytest.raises(InvalidValueError, match="evaluation JSON is not valid JSON"):
        Evaluation.from_json("{")


def test_to_dict_refuses_what_it_cannot_serialise() -> None:
    with pytest.raises(
        InvalidTypeError, match=re.escape("value must be a step2score value such as an Evaluation, got int 3")
    ):
        to_dict(3)
    with pytest.raises(
        InvalidTypeError, match=re.escape("value must serialise to a dict, but ScaledScore(247) is a single int")
    ):
        to_dict(ScaledScore(247))
    with pytest.raises(InvalidTypeError, match="cls must be a step2score value class"):
        from_dict(dict, {})


# --- the JSON contract: limits, versions, descriptions, ranges, requests -----------------------


def _properties(schema: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every property of every object in a schema, by its path in the schema."""
    if isinstance(schema, dict):
        for name, prop in schema.get("properties", {}).items():
            yield f"{where}.{name}", prop
        for key, value in schema.items():
            yield from _properties(value, f"{where}/{key}")
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            yield from _properties(value, f"{where}[{index}]")


@pytest.mark.parametrize("schema", [evaluation_schema(), request_schema()], ids=["evaluation", "request"])
def test_every_property_has_a_description(schema: dict[str, Any]) -> None:
    properties = list(_properties(schema))
    assert len(properties) > 8
    lacking = [path for path, prop in properties if not prop.get("description", "").strip()]
    assert lacking == []
    assert all(isinstance(definition.get("description"), str) for definition in schema.get("$defs", {}).values())


def test_descriptions_come_from_the_docstrings() -> None:
    schema = evaluation_schema()
    assert schema["properties"]["gap"]["description"] == (
        "Points from the score to the low end of the target; zero or negative when the score already reaches it "
        "(None with no target)."
    )
    assert schema["$defs"]["Source"]["properties"]["confidence"]["description"] == (
        "One of the four Confidence words (a string is accepted)."
    )


def test_the_schema_states_ranges_enums_and_closed_objects() -> None:
    schema = evaluation_schema()
    assert schema["properties"]["score"] | {"description": ""} == {
        "type": "integer",
        "minimum": 1,
        "maximum": 300,
        "description": "",
    }
    assert schema["$defs"]["PercentileRank"]["properties"]["value"]["maximum"] == 100
    assert schema["$defs"]["AttemptStatus"]["properties"]["remaining"]["minimum"] == 0
    assert schema["properties"]["tier"]["enum"] == ["fail", "pass", "competitive", "exceptional"]
    assert schema["additionalProperties"] is False
    assert all(
        definition.get("additionalProperties") is False
        for definition in schema["$defs"].values()
        if "properties" in definition
    )
    assert schema["properties"]["schema_version"]["pattern"] == r"^2\.[0-9]+$"
    assert request_schema()["properties"]["schema_version"]["pattern"] == r"^1\.[0-9]+$"


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"score": 301}, ["score"]),
        ({"score": 0}, ["score"]),
        ({"taken_on": "2022-W26"}, ["taken_on"]),
        ({"schema_version": "1.0"}, ["schema_version"]),
    ],
)
def test_the_schema_refuses_what_the_library_refuses(change: dict[str, Any], path: list[str]) -> None:
    data = evaluate(247, taken_on="2025-09-15").to_dict() | change
    errors = list(EVALUATION_VALIDATOR.iter_errors(data))
    assert [list(error.path) for error in errors] == [path]
    with pytest.raises(Step2ScoreError):
        Evaluation.from_dict(data)


def test_field_descriptions_read_attributes_and_args_sections() -> None:
    @attrs.frozen
    class Example:
        """An example.

        Args:
            first: The first, with ``code`` and a :class:`~step2score.Source`
                on two lines.
            second (int): The second.

        >>> 1
        1
        """

        first: int
        second: int

    assert _serde.field_descriptions(Example) == {
        "first": "The first, with code and a Source on two lines.",
        "second": "The second.",
    }
    assert _serde.summary(Example) == "An example."


def test_payload_names_its_version_last() -> None:
    data = evaluate(247, taken_on="2025-09-15").to_dict()
    assert list(data)[-1] == "schema_version"
    assert data["schema_version"] == SCHEMA_VERSION == "2.0"
    assert to_dict(evaluate(247, taken_on="2025-09-15")) == data
    assert from_dict(Evaluation, data) == Evaluation.from_dict(data)


@pytest.mark.parametrize(
    ("version", "error", "message"),
    [
        (1, InvalidTypeError, "evaluation.schema_version must be a string such as '2.0', got int 1"),
        (
            "2",
            InvalidValueError,
            "evaluation.schema_version must be a version written MAJOR.MINOR such as '2.0', got '2'",
        ),
        (
            "3.0",
            InvalidValueError,
            "evaluation.schema_version must have major version 2 (this step2score reads '2.x' documents), got '3.0'",
        ),
        (
            "1.0",
            InvalidValueError,
            "evaluation.schema_version must have major version 2 (this step2score reads '2.x' documents), got '1.0'; "
            "a 1.x result was worked out under earlier rules (a target with the IMG buffer for every IMG, other next "
            "steps): evaluate its inputs again",
        ),
    ],
)
def test_other_versions_are_refused(version: object, error: type[Exception], message: str) -> None:
    data = evaluate(247, taken_on="2025-09-15").to_dict() | {"schema_version": version}
    with pytest.raises(error, match=re.escape(message)):
        Evaluation.from_dict(data)


def test_a_missing_version_is_refused() -> None:
    data = evaluate(247, taken_on="2025-09-15").to_dict()
    del data["schema_version"]
    with pytest.raises(
        InvalidValueError,
        match=re.escape("evaluation.schema_version is missing: a step2score document names its format version ('2.0')"),
    ):
        Evaluation.from_dict(data)


def test_a_newer_minor_version_is_read_and_its_new_fields_ignored() -> None:
    ev = evaluate(241, taken_on="2025-09-15", specialty="derm")
    data = ev.to_dict(compact=True) | {"schema_version": "2.7", "added_later": [1]}
    data["standard"] = data["standard"] | {"also_added": True}
    assert Evaluation.from_dict(data) == ev
    with pytest.raises(InvalidValueError, match=re.escape("evaluation has unknown field(s) 'added_later'")):
        Evaluation.from_dict(data | {"schema_version": "2.0"})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"score": NaN}', "evaluation JSON: JSON must not hold NaN: only finite numbers are allowed"),
        ('{"score": Infinity}', "evaluation JSON: JSON must not hold Infinity: only finite numbers are allowed"),
        ("[-Infinity]", "evaluation JSON: JSON must not hold -Infinity: only finite numbers are allowed"),
        ("[" * 33 + "]" * 33, "evaluation JSON must nest arrays and objects at most 32 deep, got 33"),
        ('{"a": "' + "[" * 40 + '"}', "evaluation.schema_version is missing"),
        (" " * 1_000_001, "evaluation JSON must be at most 1,000,000 characters long, got 1,000,001"),
        ("[" + "1" * 5000 + "]", "evaluation JSON holds a number too long to read"),
        ("{", "evaluation JSON is not valid JSON: Expecting property name enclosed in double quotes"),
    ],
    ids=["nan", "infinity", "minus-infinity", "deep", "brackets-in-a-string", "long", "huge-integer", "broken"],
)
def test_from_json_refuses_what_it_cannot_read(text: str, message: str) -> None:
    with pytest.raises(Step2ScoreError, match=re.escape(message)) as caught:
        Evaluation.from_json(text)
    assert type(caught.value) in {InvalidValueError, InvalidTypeError}
    assert len(str(caught.value)) < 200


def test_from_json_reads_utf8_bytes_and_refuses_other_types() -> None:
    ev = evaluate(247, taken_on="2025-09-15")
    assert Evaluation.from_json(ev.to_json().encode()) == ev
    with pytest.raises(InvalidValueError, match=re.escape("evaluation JSON must be UTF-8 text")):
        Evaluation.from_json(b"\xff")
    with pytest.raises(InvalidTypeError, match=re.escape("evaluation JSON must be a str of JSON text, got int 3")):
        Evaluation.from_json(3)  # type: ignore[arg-type]


@pytest.mark.parametrize("number", [math.nan, math.inf, -math.inf, 10**400])
def test_from_dict_refuses_non_finite_numbers(number: float) -> None:
    data = evaluate(247, taken_on="2025-09-15").to_dict()
    data["percentile"] = data["percentile"] | {"value": number}
    with pytest.raises(InvalidValueError, match=re.escape("evaluation.percentile.value must be a finite number, got")):
        Evaluation.from_dict(data)


def test_to_json_never_writes_a_non_finite_number() -> None:
    with pytest.raises(ValueError, match="Out of range float values are not JSON compliant"):
        _serde.dump_json({"value": math.nan})


def test_dates_must_be_written_yyyy_mm_dd() -> None:
    data = evaluate(247, taken_on="2025-09-15").to_dict()
    for text in ["2022-W26", "20220626", "2022-06-26T00:00", "\uff12\uff10\uff12\uff12-06-26"]:
        with pytest.raises(InvalidValueError, match=re.escape("evaluation.taken_on must be a date written YYYY-MM-DD")):
            Evaluation.from_dict(data | {"taken_on": text})


def test_messages_quote_a_bounded_prefix() -> None:
    data = evaluate(247, taken_on="2025-09-15").to_dict() | {"edition": ["x" * 10_000]}
    with pytest.raises(InvalidTypeError) as caught:
        Evaluation.from_dict(data)
    message = str(caught.value)
    assert message.startswith("evaluation.edition must be a string, got list ['xxx")
    assert message.endswith("xxx...")
    assert len(message) < 130
    assert _serde.shown(10**5000) == "a int too long to show"


def test_compact_indices_are_checked() -> None:
    data = evaluate(247, taken_on="2025-09-15").to_dict(compact=True)
    without = {key: value for key, value in data.items() if key != "sources"}
    with pytest.raises(
        InvalidValueError,
        match=re.escape(
            "evaluation.standard.source is a source index (0), but the document has no top-level sources list"
        ),
    ):
        Evaluation.from_dict(without)
    data["standard"]["source"] = 99
    with pytest.raises(
        InvalidValueError, match=re.escape("evaluation.standard.source must be an index into sources, from 0 to")
    ):
        Evaluation.from_dict(data)
    data["standard"]["source"] = True
    with pytest.raises(InvalidTypeError, match=re.escape("evaluation.standard.source must be an object (a Source)")):
        Evaluation.from_dict(data)


def test_compact_output_is_smaller() -> None:
    ev = evaluate(241, taken_on="2025-09-15", specialty="derm", applicant="img", attempts_used=1)
    full, compact = ev.to_json(), ev.to_json(compact=True)
    assert len(compact) < len(full) * 0.85
    assert full.count('"confidence"') == 18
    assert compact.count('"confidence"') == len(ev.to_dict(compact=True)["sources"]) == 10
    assert compact.startswith('{"score":241,"taken_on":"2025-09-15","date_assumed":false,"standard":{"minimum":218,')
    assert Evaluation.from_json(ev.to_json(indent=2, compact=True)) == ev


@given(strategies.evaluation_documents(valid=True))
def test_schema_valid_documents_are_read_or_refused_with_a_typed_error(document: dict[str, Any]) -> None:
    """A document valid against the shipped schema is accepted by from_dict or refused with a step2score error.

    Never another exception: the schema and the readers agree on what a document may hold.
    """
    assert EVALUATION_VALIDATOR.is_valid(document)
    try:
        ev = Evaluation.from_dict(document)
    except Step2ScoreError:
        return
    assert Evaluation.from_dict(ev.to_dict()) == ev


@given(strategies.evaluation_documents())
def test_any_mutated_document_is_read_or_refused_with_a_typed_error(document: dict[str, Any]) -> None:
    """Whatever a document holds, from_dict accepts it or raises a step2score error, never another exception."""
    with contextlib.suppress(Step2ScoreError):
        Evaluation.from_dict(document)


# --- requests ----------------------------------------------------------------------------------


def test_a_request_is_read_into_evaluate_keywords() -> None:
    request = {
        "score": 241,
        "taken_on": "2025-09-15",
        "specialty": "derm",
        "applicant": "non-us-img",
        "program_tier": "top",
        "attempts_used": 1,
        "applying_on": "2025-10-01",
        "edition": "ace-med-boards-2022",
        "norms": "2023-24",
        "schema_version": "1.0",
    }
    REQUEST_VALIDATOR.validate(request)
    arguments = read_request(request)
    assert arguments["taken_on"] == dt.date(2025, 9, 15)
    assert "schema_version" not in arguments
    assert evaluate_request(request) == evaluate(
        241,
        taken_on="2025-09-15",
        specialty="derm",
        applicant="non-us-img",
        program_tier="top",
        attempts_used=1,
        applying_on="2025-10-01",
        edition="ace-med-boards-2022",
        norms="2023-24",
    )
    assert read_request({"score": 250, "specialty": None}) == {"score": 250}


@pytest.mark.parametrize(
    ("request_data", "error", "message"),
    [
        ({"score": "abc"}, InvalidTypeError, "request.score must be an integer, got str 'abc'"),
        ({"score": 247.0}, InvalidTypeError, "request.score must be an integer, got float 247.0"),
        ({"score": True}, InvalidTypeError, "request.score must be an integer, got bool True"),
        ({}, InvalidValueError, "request lacks field(s) 'score'"),
        ({"score": 301}, InvalidValueError, "score must be an integer from 1 to 300, got 301"),
        (
            {"score": 247, "taken_on": "2022-W26"},
            InvalidValueError,
            "request.taken_on must be a date written YYYY-MM-DD",
        ),
        ({"score": 247, "applicant": "martian"}, InvalidValueError, "request.applicant must be one of 'us-md', "),
        ({"score": 247, "specialty": "basket weaving"}, UnknownSpecialtyError, "basket weaving"),
        ({"score": 247, "edition": "charting-outcomes-1999"}, UnknownEditionError, "charting-outcomes-1999"),
        (
            {"score": 247, "attempts_used": -1},
            InvalidValueError,
            "attempts_used must be an integer from 1 to 99, got -1",
        ),
        ({"score": 247, "colour": "red"}, InvalidValueError, "request has unknown field(s) 'colour'"),
        (
            {"score": 247, "schema_version": "2.0"},
            InvalidValueError,
            "request.schema_version must have major version 1",
        ),
        ([247], InvalidTypeError, "request must be an object (a request), got list [247]"),
    ],
)
def test_bad_requests_raise_typed_errors(request_data: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=re.escape(message)):
        evaluate_request(request_data)


@given(strategies.evaluation_requests())
def test_any_request_is_evaluated_or_refused_with_a_typed_error(request_data: dict[str, Any]) -> None:
    """Any request an app may post is evaluated or refused with a step2score error; one valid against the request schema with no schema error is checked by the same readers."""
    try:
        ev = evaluate_request(request_data)
    except Step2ScoreError:
        return
    assert ev.score.value == request_data["score"]
    assert EVALUATION_VALIDATOR.is_valid(ev.to_dict())


def test_the_generator_follows_the_type_hints() -> None:
    """A class whose hints change (a source with a tuple of URLs) gets the matching schema, constraints included."""

    @attrs.frozen
    class Source:
        """A source with several addresses.

        Attributes:
            title: Its name.
            urls: Where it can be read, one address an item.
        """

        title: str
        urls: tuple[str, ...]

    schema = _serde.json_schema(Source, title="t", schema_id="https://example.org/s")
    assert schema["properties"]["urls"] == {
        "type": "array",
        "items": {"type": "string", "minLength": 1, "pattern": r"\S"},
        "minItems": 1,
        "description": "Where it can be read, one address an item.",
    }
    jsonschema.Draft202012Validator.check_schema(schema)
    assert _serde.from_dict(Source, {"title": "t", "urls": ["https://a.example"]}) == Source(
        "t", ("https://a.example",)
    )


def test_fixed_length_tuples_and_wrong_scalar_types() -> None:
    @attrs.frozen
    class Pair:
        """A pair and a day.

        Attributes:
            pair: A score and a percentile.
            day: A date.
        """

        pair: tuple[int, float]
        day: dt.date

    schema = _serde.json_schema(Pair, title="t", schema_id="https://example.org/p")
    assert schema["properties"]["pair"]["prefixItems"] == [{"type": "integer"}, {"type": "number"}]
    assert _serde.from_dict(Pair, {"pair": [250, 50], "day": "2024-01-01"}) == Pair((250, 50.0), dt.date(2024, 1, 1))
    cases: list[tuple[dict[str, Any], type[Exception], str]] = [
        ({"pair": [250], "day": "2024-01-01"}, InvalidValueError, "data.pair must have 2 items, got 1"),
        ({"pair": [250, "50"], "day": "2024-01-01"}, InvalidTypeError, "data.pair[1] must be a number, got str '50'"),
        (
            {"pair": [250, 50], "day": 20240101},
            InvalidTypeError,
            "data.day must be a YYYY-MM-DD string, got int 20240101",
        ),
    ]
    for data, error, message in cases:
        with pytest.raises(error, match=re.escape(message)):
            _serde.from_dict(Pair, data)
    with pytest.raises(InvalidValueError, match=re.escape("cannot serialise the non-finite number nan")):
        _serde.unstructure(Pair((250, math.nan), dt.date(2024, 1, 1)))


def test_from_dict_refuses_documents_whose_lists_contradict_the_result() -> None:
    """Comparisons, next steps, the percentile and the target's parts must agree with the rest of the document."""
    ev = evaluate(241, taken_on="2025-09-15", specialty="derm", applicant="img", program_tier="top", attempts_used=2)
    base = ev.to_dict()
    changes: dict[str, Callable[[dict[str, Any]], object]] = {
        "comparison quartile": lambda d: d["comparisons"][0].update(quartile=3),
        "comparison specialty": lambda d: d["comparisons"][0].update(specialty="Astrology"),
        "no comparisons": lambda d: d.update(comparisons=[]),
        "no next steps": lambda d: d.update(next_steps=[]),
        "another next step": lambda d: d["next_steps"][0].update(code="competitive"),
        "percentile outside its band": lambda d: d["percentile"].update(value=99.0),
        "parts that do not add up": lambda d: d["target"]["parts"][1].update(high=16),
        "no parts": lambda d: d["target"].update(parts=[]),
    }
    for change in changes.values():
        data = copy.deepcopy(base)
        change(data)
        with pytest.raises(InvalidValueError, match=r"inconsistent|target"):
            Evaluation.from_dict(data)
    assert Evaluation.from_dict(copy.deepcopy(base)) == ev


def test_every_schema_constraint_names_a_field_its_class_has() -> None:
    """A renamed field cannot silently lose the range the schema states for it."""
    classes = {
        name: getattr(step2score, name, None) or getattr(serialization, name, None)
        for name in {cls for cls, _ in _serde.CONSTRAINTS}
    }
    for cls_name, field in _serde.CONSTRAINTS:
        cls = classes[cls_name]
        assert cls is not None, cls_name
        assert field in attrs.fields_dict(cls), (cls_name, field)


def test_from_dict_refuses_a_percentile_the_packaged_norms_do_not_give() -> None:
    data = evaluate(245, taken_on="2026-06-01").to_dict()
    data["percentile"]["value"] = 40.0  # within the band, but not the 2023-2026 table's rank of 245 (32)
    with pytest.raises(InvalidValueError, match=re.escape("percentile must be the packaged norms' rank of 245")):
        Evaluation.from_dict(data)
