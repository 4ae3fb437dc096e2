import datetime as dt
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from step2score import (
    ApplicantType,
    InvalidTypeError,
    InvalidValueError,
    Tier,
    attempt_status,
    evaluate,
    next_steps,
)
from tests import strategies


def test_fail_with_attempts_known() -> None:
    steps = next_steps(Tier.FAIL, attempts=attempt_status(2, applying_on="2025-01-01"))
    assert [s.code for s in steps] == ["attempts-left", "change-approach", "transcript"]
    assert steps[0].figure == 2
    assert steps[0].title == "2 of 4 attempts left"
    assert steps[0].source.confidence.value == "official"
    assert steps[2].source.confidence.value == "single-secondary"


def test_fail_without_attempts_says_how_to_find_out() -> None:
    first = next_steps(Tier.FAIL)[0]
    assert (first.code, first.figure) == ("attempts-left", None)
    assert "give the number of attempts you have made" in first.detail


def test_no_attempts_left() -> None:
    first = next_steps(Tier.FAIL, attempts=attempt_status(4, applying_on="2025-01-01"))[0]
    assert (first.code, first.figure) == ("no-attempts-left", 0)


def test_low_pass_and_competitive_advice() -> None:
    assert [s.code for s in next_steps(Tier.PASS)] == ["application"]
    assert [s.code for s in next_steps(Tier.COMPETITIVE, gap=5, specialty="Dermatology")] == [
        "competitive",
        "below-target",
    ]
    steps = next_steps(Tier.EXCEPTIONAL, gap=-3)
    assert [(s.code, s.figure) for s in steps] == [("exceptional", None), ("on-target", 3)]
    assert all(s.source.is_heuristic for s in next_steps(Tier.PASS))


@given(strategies.SCORE_VALUES, strategies.TEST_DATES, strategies.ATTEMPTS_WITH_A_SCORE)
def test_a_fail_always_mentions_the_attempts_left_when_known(score: int, day: dt.date, used: int) -> None:
    """Next steps for a fail always mention the attempts left when the attempts used are known."""
    ev = evaluate(score, taken_on=day, attempts_used=used, applying_on=day)
    if not ev.passed:
        assert ev.attempts is not None
        first = ev.next_steps[0]
        assert first.code in {"attempts-left", "no-attempts-left"}
        assert first.figure == ev.attempts.remaining


def test_a_fail_given_as_a_word_is_a_fail() -> None:
    """Regression: next_steps("fail") answered as if the tier were competitive."""
    assert [s.code for s in next_steps("fail")] == ["attempts-left", "change-approach", "transcript"]
    assert [s.code for s in next_steps(" Pass ")] == ["application"]
    assert next_steps("fail") == next_steps(Tier.FAIL)


def test_bad_tiers() -> None:
    with pytest.raises(
        InvalidValueError,
        match=re.escape("tier must be one of 'fail', 'pass', 'competitive', 'exceptional', got 'great'"),
    ):
        next_steps("great")
    with pytest.raises(InvalidTypeError, match=re.escape("tier must be a str or Tier, got int 3")):
        next_steps(3)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("applicant", "title", "figure"),
    [
        ("us-md", "Repeaters from U.S. MD schools: 70% passed in 2024-25", 70),
        ("do", "Repeaters from U.S. DO schools: 69% passed in 2024-25", 69),
        ("us-img", "Repeaters from non-U.S. schools: 64% passed in 2024-25", 64),
        (ApplicantType.NON_US_IMG, "Repeaters from non-U.S. schools: 64% passed in 2024-25", 64),
    ],
)
def test_a_fail_cites_the_repeater_pass_rate_of_the_group(applicant: Any, title: str, figure: int) -> None:
    steps = next_steps(Tier.FAIL, attempts=attempt_status(1, applying_on="2025-01-01"), applicant=applicant)
    assert [s.code for s in steps] == ["attempts-left", "repeater-pass-rate", "change-approach", "transcript"]
    step = steps[1]
    assert (step.title, step.figure) == (title, figure)
    assert "not a prediction" in step.detail
    assert "no source gives an average point gain on a retake" in step.detail
    assert step.source.urls == ("https://www.usmle.org/performance-data", "https://github.com/jiankn/nbmecalc")


def test_no_repeater_rate_without_an_attempt_left_or_after_a_pass() -> None:
    steps = next_steps(Tier.FAIL, attempts=attempt_status(4, applying_on="2025-01-01"), applicant="us-md")
    assert "repeater-pass-rate" not in [s.code for s in steps]
    assert "repeater-pass-rate" not in [s.code for s in next_steps(Tier.PASS, applicant="us-md")]


@given(st.sampled_from(list(Tier)), st.sampled_from(list(ApplicantType)))
def test_a_word_and_its_tier_give_the_same_advice(tier: Tier, applicant: ApplicantType) -> None:
    """next_steps reads a tier's word exactly as the tier; only a fail cites repeaters' pass rates."""
    steps = next_steps(tier.value, applicant=applicant.value)
    assert steps == next_steps(tier, applicant=applicant)
    assert ("repeater-pass-rate" in [s.code for s in steps]) == (tier is Tier.FAIL)


@pytest.mark.parametrize(
    ("keywords", "message"),
    [
        ({"gap": "5"}, "gap must be an integer from -299 to 299, got str '5'"),
        ({"gap": True}, "gap must be an integer from -299 to 299, got bool True"),
        ({"attempts": "x"}, "attempts must be a AttemptStatus, got str 'x'"),
        ({"specialty": 3}, "specialty must be a str, got int 3"),
        ({"at_or_above_median": ["IM"]}, "at_or_above_median must be a tuple, got list ['IM']"),
    ],
)
def test_next_steps_checks_every_argument(keywords: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidTypeError, match=re.escape(message)):
        next_steps("pass", **keywords)
