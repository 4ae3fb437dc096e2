import json
import re
from typing import Any

import jsonschema
import pytest
from hypothesis import given

from step2score import (
    ApplicantProfile,
    Evaluation,
    InvalidTypeError,
    InvalidValueError,
    ScaledScore,
    default_edition,
    evaluate,
    evaluation_schema,
    from_dict,
    percentile_of,
    target_for,
    to_dict,
)
from step2score.serialization import generate_evaluation_schema
from tests import strategies


@given(strategies.evaluations())
def test_round_trip_is_the_identity(ev: Evaluation) -> None:
    """to_dict, then JSON text, then from_dict gives back an equal evaluation; so does to_json/from_json."""
    data = ev.to_dict()
    assert Evaluation.from_dict(json.loads(json.dumps(data))) == ev
    assert Evaluation.from_json(ev.to_json()) == ev


@given(strategies.evaluations())
def test_every_serialised_evaluation_validates_against_the_shipped_schema(ev: Evaluation) -> None:
    """Every serialised evaluation validates against the schema shipped in the package."""
    jsonschema.validate(ev.to_dict(), evaluation_schema(), cls=jsonschema.Draft202012Validator)


def test_the_shipped_schema_is_the_generated_one() -> None:
    assert evaluation_schema() == json.loads(json.dumps(generate_evaluation_schema()))
    jsonschema.Draft202012Validator.check_schema(evaluation_schema())


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
