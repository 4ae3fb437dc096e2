import datetime as dt

from hypothesis import given

from step2score import Tier, attempt_status, evaluate, next_steps
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
    assert "attempts_used" in first.detail


def test_no_attempts_left() -> None:
    first = next_steps(Tier.FAIL, attempts=attempt_status(4, applying_on="2025-01-01"))[0]
    assert (first.code, first.figure) == ("no-attempts-left", 0)


def test_low_pass_and_competitive_advice() -> None:
    assert [s.code for s in next_steps(Tier.PASS)] == ["letters", "research", "personal-statement"]
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
