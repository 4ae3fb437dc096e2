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
        assert str(error).startswith(("title must", "urls must", "confidence must"))
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


# --- Hardening: the readers under hostile input ------------------------------------------------------------------


@given(strategies.HOSTILE_VALUES)
def test_readers_refuse_hostile_values_with_short_typed_errors(value: Any) -> None:
    """Law: any input to a reader is read or refused with a typed error whose message stays short."""
    from step2score import ApplicantProfile, ProgramTier, ScaledScore, Step2ScoreError, Tier, standard_on  # noqa: PLC0415

    for read in (
        ScaledScore,
        standard_on,
        Tier.parse,
        ProgramTier.parse,
        lambda v: ApplicantProfile(specialty=v),
        lambda v: ApplicantProfile(applicant=v),
    ):
        try:
            read(value)
        except Step2ScoreError as error:
            assert isinstance(error, (*DOCUMENTED, LookupError))
            assert len(str(error)) < 400
            assert error.field


@given(strategies.DATE_LIKE_TEXTS)
def test_dates_are_read_only_in_calendar_form(text: str) -> None:
    """Law: a text is read as a date exactly when, stripped, it is YYYY-MM-DD and a real day; the date is that day."""
    import datetime as dt  # noqa: PLC0415
    import re  # noqa: PLC0415

    from step2score._validate import as_date  # noqa: PLC0415

    stripped = text.strip()
    try:
        expected: dt.date | None = dt.date.fromisoformat(stripped)
    except ValueError:
        expected = None
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", stripped):
        expected = None
    try:
        read = as_date(text, field="taken_on")
    except InvalidValueError as error:
        assert expected is None
        assert str(error).startswith("taken_on must be a date written YYYY-MM-DD, got ")
    else:
        assert read == expected


@given(strategies.ANY_NAMES)
def test_name_key_is_latin_or_refused(name: str) -> None:
    """Law: a name's key holds only a-z and 0-9 and is its own key; otherwise the name is refused naming its field."""
    from step2score._validate import name_key  # noqa: PLC0415

    try:
        key = name_key(name, field="specialty")
    except InvalidValueError as error:
        assert str(error).startswith(
            "specialty must be written in Latin letters, digits 0-9, spaces and punctuation, got "
        )
    else:
        assert set(key) <= set("abcdefghijklmnopqrstuvwxyz0123456789")
        assert name_key(key, field="specialty") == key


@given(st.lists(strategies.URL_TEXTS, min_size=1, max_size=4))
def test_links_are_only_http_urls(urls: list[str]) -> None:
    """Law: every link of a source is one of its addresses and an absolute http(s) URL with a host."""
    from urllib.parse import urlsplit  # noqa: PLC0415

    try:
        source = Source("t", urls, "official")
    except DOCUMENTED as error:
        assert str(error).startswith("url must")
        return
    for link in source.links:
        assert link in source.urls
        parts = urlsplit(link)
        assert parts.scheme in {"http", "https"}
        assert parts.netloc
