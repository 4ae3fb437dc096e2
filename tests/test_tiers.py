import re
from typing import Any

import attrs
import pytest
from hypothesis import given

from step2score import (
    InvalidTypeError,
    InvalidValueError,
    PassingStandard,
    Source,
    Tier,
    TierScheme,
    default_tier_scheme,
    standard_on,
    tier_of,
)
from tests import strategies

SOURCE = Source("A test source", "https://example.org", "advisory")


def test_packaged_scheme_is_the_articles_advisory_rule() -> None:
    scheme = default_tier_scheme()
    assert (scheme.competitive, scheme.exceptional) == (245, 255)
    assert scheme.source.is_heuristic
    assert scheme.source.url == "https://acemedboards.com"


@pytest.mark.parametrize(
    ("score", "day", "tier"),
    [
        (213, "2024-01-01", Tier.FAIL),
        (214, "2024-01-01", Tier.PASS),
        (217, "2025-07-01", Tier.FAIL),
        (218, "2025-07-01", Tier.PASS),
        (244, "2025-07-01", Tier.PASS),
        (245, "2025-07-01", Tier.COMPETITIVE),
        (254, "2025-07-01", Tier.COMPETITIVE),
        (255, "2025-07-01", Tier.EXCEPTIONAL),
        (300, "2025-07-01", Tier.EXCEPTIONAL),
    ],
)
def test_tier_boundaries(score: int, day: str, tier: Tier) -> None:
    assert tier_of(score, standard=standard_on(day), scheme=default_tier_scheme()) is tier


def test_fail_wins_over_a_low_custom_threshold() -> None:
    scheme = TierScheme(200, 210, SOURCE)
    standard = standard_on("2025-07-01")
    assert tier_of(205, standard=standard, scheme=scheme) is Tier.FAIL
    assert tier_of(218, standard=standard, scheme=scheme) is Tier.EXCEPTIONAL


def test_tiers_are_ordered() -> None:
    assert sorted([Tier.EXCEPTIONAL, Tier.FAIL, Tier.COMPETITIVE, Tier.PASS]) == [
        Tier.FAIL,
        Tier.PASS,
        Tier.COMPETITIVE,
        Tier.EXCEPTIONAL,
    ]
    assert Tier.PASS >= Tier.PASS
    assert Tier.FAIL <= Tier.PASS
    with pytest.raises(TypeError):
        _ = Tier.PASS < 3


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        (
            (250, 240),
            InvalidValueError,
            "exceptional must be above competitive, got competitive=250, exceptional=240",
        ),
        (
            (250, 250),
            InvalidValueError,
            "exceptional must be above competitive, got competitive=250, exceptional=250",
        ),
        ((0, 250), InvalidValueError, "competitive must be an integer from 1 to 300, got 0"),
        ((245, 301), InvalidValueError, "exceptional must be an integer from 1 to 300, got 301"),
        (
            ("245", 255),
            InvalidTypeError,
            "competitive must be an integer from 1 to 300, got str '245'",
        ),
        (
            (245, None),
            InvalidTypeError,
            "exceptional must be an integer from 1 to 300, got NoneType None",
        ),
    ],
)
def test_scheme_validation(args: tuple[Any, Any], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=re.escape(message)):
        TierScheme(*args, SOURCE)


def test_scheme_needs_a_source() -> None:
    with pytest.raises(InvalidTypeError, match=re.escape("source must be a Source, got str 'me'")):
        TierScheme(245, 255, "me")  # type: ignore[arg-type]


def test_tier_of_checks_its_arguments() -> None:
    with pytest.raises(InvalidTypeError, match=re.escape("standard must be a PassingStandard, got int 214")):
        tier_of(250, standard=214, scheme=default_tier_scheme())  # type: ignore[arg-type]


def test_frozen() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        default_tier_scheme().competitive = 200  # type: ignore[misc]


@given(
    strategies.SCORE_VALUES,
    strategies.SCORE_VALUES,
    strategies.TEST_DATES,
    strategies.tier_thresholds(),
)
def test_a_higher_score_never_gets_a_lower_tier(a: int, b: int, day: Any, thresholds: tuple[int, int]) -> None:
    """A higher score never gets a lower tier, under any standard and any valid scheme."""
    low, high = sorted((a, b))
    scheme = TierScheme(*thresholds, SOURCE)
    standard = standard_on(day)
    assert tier_of(low, standard=standard, scheme=scheme) <= tier_of(high, standard=standard, scheme=scheme)


@given(strategies.SCORE_VALUES, strategies.TEST_DATES)
def test_fail_exactly_below_the_minimum(score: int, day: Any) -> None:
    """A score fails exactly when it is below the minimum in force on its test date."""
    standard = standard_on(day)
    tier = tier_of(score, standard=standard, scheme=default_tier_scheme())
    assert (tier is Tier.FAIL) == (score < standard.minimum)


@given(strategies.ANYTHING, strategies.ANYTHING)
def test_fuzz_constructor(competitive: Any, exceptional: Any) -> None:
    """Any thresholds either build an ordered scheme or raise only the documented errors."""
    try:
        scheme = TierScheme(competitive, exceptional, SOURCE)
    except (InvalidValueError, InvalidTypeError) as error:
        assert str(error).startswith(("competitive must", "exceptional must"))
    else:
        assert 1 <= scheme.competitive < scheme.exceptional <= 300


@given(strategies.tier_thresholds(), strategies.sources())
def test_valid_thresholds_always_build(thresholds: tuple[int, int], source: Source) -> None:
    """Every ordered pair on the scale, with any source, is a valid scheme."""
    scheme = TierScheme(*thresholds, source)
    assert (scheme.competitive, scheme.exceptional) == thresholds


def test_standard_is_a_passing_standard() -> None:
    assert isinstance(standard_on("2025-07-01"), PassingStandard)
