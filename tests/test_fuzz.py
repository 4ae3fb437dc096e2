"""One fuzz test per constructor not fuzzed beside its other tests: any input succeeds or raises only the documented errors."""

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from step2score import (
    AttemptPolicy,
    BenchmarkEdition,
    InvalidTypeError,
    InvalidValueError,
    NormalApproximation,
    Source,
    TargetPolicy,
    default_target_policy,
)
from tests import strategies

DOCUMENTED = (InvalidValueError, InvalidTypeError)
SOURCE = Source("A test source", "https://example.org", "official")


@given(strategies.ANYTHING, strategies.ANYTHING, strategies.ANYTHING)
def test_source(title: Any, url: Any, confidence: Any) -> None:
    """A Source is built from non-blank text and a confidence word, or refused with a named field."""
    try:
        source = Source(title, url, confidence)
    except DOCUMENTED as error:
        assert str(error).startswith(("title must", "url must", "confidence must"))
    else:
        assert source.title.strip()
        assert source.url.strip()


@given(
    strategies.ANYTHING,
    strategies.ANYTHING,
    strategies.ANYTHING,
    strategies.ANYTHING | st.sampled_from(["q1", "median", "q3"]),
)
def test_target_policy(buffer: Any, offset: Any, do_buffer: Any, point: Any) -> None:
    """A TargetPolicy takes ordered non-negative buffers, points and offsets that never fall, or is refused."""
    policy = default_target_policy()
    try:
        built = TargetPolicy(
            buffer,
            policy.img_buffer_source,
            policy.prestige_source,
            top_point=point,
            community_offset=-5,
            academic_offset=0,
            top_offset=offset,
            do_buffer=do_buffer,
        )
    except DOCUMENTED as error:
        assert str(error).startswith(
            ("img_buffer must", "top_offset must", "do_buffer must", "prestige offsets", "point must", "give all three")
        )
    else:
        assert 0 <= built.img_buffer[0] <= built.img_buffer[1]
        assert built.top_offset is not None
        assert built.top_offset >= 0


@given(strategies.ANYTHING, strategies.ANYTHING)
def test_normal_approximation(mean: Any, sd: Any) -> None:
    """A NormalApproximation takes a mean on the scale and a positive SD, or is refused."""
    try:
        approximation = NormalApproximation("cohort", mean, sd, SOURCE)
    except DOCUMENTED as error:
        assert str(error).startswith(("mean must", "sd must"))
    else:
        assert approximation.sd > 0


@given(strategies.ANYTHING, strategies.ANYTHING)
def test_attempt_policy(limit: Any, applies_from: Any) -> None:
    """An AttemptPolicy takes a positive limit and a date, or is refused."""
    try:
        policy = AttemptPolicy(limit, applies_from, SOURCE)
    except DOCUMENTED as error:
        assert str(error).startswith(("limit must", "applies_from must"))
    else:
        assert policy.limit >= 1


@given(strategies.ANYTHING, strategies.ANYTHING, strategies.ANYTHING)
def test_benchmark_edition(name: Any, match_year: Any, benchmarks: Any) -> None:
    """A BenchmarkEdition takes a name, a year and a sequence of benchmarks, or is refused."""
    try:
        edition = BenchmarkEdition(name, match_year, "cohort", benchmarks)
    except DOCUMENTED as error:
        assert str(error).startswith(("name must", "match_year must", "benchmarks"))
    else:
        assert len(edition) == len(benchmarks)
