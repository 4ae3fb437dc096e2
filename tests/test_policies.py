import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given

from step2score import (
    InvalidTypeError,
    InvalidValueError,
    NoPolicyError,
    attempt_policies,
    attempt_policy_on,
    attempt_status,
    board_outcome_study,
    common_licensure_window,
    licensure_deadline,
)
from tests import strategies


def test_attempt_limits_by_application_date() -> None:
    assert [(p.limit, p.applies_from.isoformat(), p.counts_incomplete) for p in attempt_policies()] == [
        (6, "2012-01-01", True),
        (4, "2021-07-01", True),
    ]
    assert attempt_policy_on("2021-06-30").limit == 6
    assert attempt_policy_on("2021-07-01").limit == 4
    assert all(p.source.confidence.value == "official" for p in attempt_policies())
    with pytest.raises(NoPolicyError, match=re.escape("no attempt limit is known for applications made on 2011-12-31")):
        attempt_policy_on("2011-12-31")


def test_attempt_status() -> None:
    status = attempt_status(1, applying_on="2025-01-01")
    assert (status.used, status.remaining, status.eligible) == (1, 3, True)
    done = attempt_status(4, applying_on="2025-01-01")
    assert (done.remaining, done.eligible) == (0, False)
    assert attempt_status(5, applying_on="2020-01-01").remaining == 1
    assert attempt_status(9, applying_on="2025-01-01").remaining == 0


@pytest.mark.parametrize(
    ("used", "error", "message"),
    [
        (-1, InvalidValueError, "attempts_used must be an integer from 0 to 99, got -1"),
        (1.5, InvalidValueError, "attempts_used must be an integer from 0 to 99, got 1.5"),
        ("1", InvalidTypeError, "attempts_used must be an integer from 0 to 99, got str '1'"),
        (None, InvalidTypeError, "attempts_used must be an integer from 0 to 99, got NoneType None"),
        (True, InvalidTypeError, "attempts_used must be an integer from 0 to 99, got bool True"),
    ],
)
def test_bad_attempt_counts(used: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=re.escape(message)):
        attempt_status(used, applying_on="2025-01-01")


@given(strategies.ATTEMPT_COUNTS, strategies.APPLICATION_DATES)
def test_attempts_remaining_within_bounds(used: int, day: dt.date) -> None:
    """Attempts remaining are never negative and never above the limit; eligible exactly when some remain."""
    status = attempt_status(used, applying_on=day)
    assert 0 <= status.remaining <= status.policy.limit
    assert status.remaining == max(status.policy.limit - used, 0)
    assert status.eligible == (used < status.policy.limit)


def test_licensure_window() -> None:
    years, source = common_licensure_window()
    assert years == 7
    assert source.confidence.value == "secondary"
    window = licensure_deadline("2020-06-15")
    assert (window.years, window.deadline) == (7, dt.date(2027, 6, 15))
    assert "state board" in window.source.note
    assert licensure_deadline("2024-02-29").deadline == dt.date(2031, 2, 28)
    assert licensure_deadline("2024-02-29", years=4).deadline == dt.date(2028, 2, 29)
    no_limit = licensure_deadline("2020-06-15", years=None)
    assert (no_limit.years, no_limit.deadline) == (None, None)
    with pytest.raises(InvalidValueError, match=re.escape("years must be an integer from 1 to 50, got 0")):
        licensure_deadline("2020-06-15", years=0)
    with pytest.raises(
        InvalidValueError, match=re.escape("first_passed must be a date written YYYY-MM-DD, got 'soon'")
    ):
        licensure_deadline("soon")


@given(strategies.WINDOW_STARTS, strategies.WINDOW_YEARS)
def test_deadline_is_the_anniversary(start: dt.date, years: int) -> None:
    """The deadline is the anniversary, or 28 February for a 29 February start in a year without one."""
    deadline = licensure_deadline(start, years=years).deadline
    assert deadline is not None
    assert deadline.year == start.year + years
    if (start.month, start.day) == (2, 29) and deadline.month == 2 and deadline.day == 28:
        with pytest.raises(ValueError, match="day is out of range"):
            start.replace(year=deadline.year)
    else:
        assert (deadline.month, deadline.day) == (start.month, start.day)


def test_board_outcome_study_states_its_scope() -> None:
    study = board_outcome_study()
    assert (study.odds_ratio, study.ci_low, study.ci_high, study.per_points) == (2.31, 1.33, 4.01, 10)
    assert study.exam == "ABIM Certifying Exam"
    assert "one internal-medicine residency program" in study.source.note
    assert "114 residents" in study.source.note
    assert study.source.url == "https://doi.org/10.1186/s12909-020-1974-3"
    twenty = study.odds_for(20)
    assert twenty.odds_ratio == pytest.approx(2.31**2)
    assert study.odds_for(0).odds_ratio == 1
    negative = study.odds_for(-10)
    assert negative.ci_low <= negative.odds_ratio <= negative.ci_high


def test_licensure_and_attempt_rows_follow_the_reference_facts() -> None:
    """FACTS revision 2, section 6: the sources and wording of the licensure and attempt rows."""
    years, source = common_licensure_window()
    assert years == 7
    assert source.urls == (
        "https://physicianlicensing.com/2010/10/7-year-rule/",
        "https://docslib.org/doc/9691846/standardization-of-medical-licensing-time-limits-across-states",
        "https://www.ama-assn.org/medical-residents/transition-resident-attending/give-med-school-grads-least-10-years-finish",
    )
    four = attempt_policies()[-1]
    assert four.limit == 4
    assert four.source.urls == (
        "https://www.usmle.org/common-questions/attempt-limit",
        "https://wmc.wa.gov/news/usmle-limit-test-attempts-july-1-2021",
    )
    assert "four or more attempts at a Step without passing it is ineligible for further attempts at that Step" in (
        four.source.note
    )


def test_value_objects_refuse_impossible_states_and_arithmetic_escapes() -> None:
    import attrs  # noqa: PLC0415

    from step2score import InvalidValueError, PassingStandard, Source, StandardHistory, licensure_deadline  # noqa: PLC0415
    from step2score.policies import AttemptStatus, attempt_status, board_outcome_study  # noqa: PLC0415

    status = attempt_status(1, applying_on="2026-01-01")
    cases: list[tuple[Callable[[], object], str]] = [
        (lambda: AttemptStatus(-1, 99, status.policy), "used must be an integer from 0 to 99, got -1"),
        (lambda: attrs.evolve(status, remaining=-5), "remaining must be an integer from 0 to 99, got -5"),
        (
            lambda: attrs.evolve(status, remaining=2),
            "remaining must be the limit 4 less the 1 used (never below 0), 3, got 2",
        ),
        (
            lambda: board_outcome_study().odds_for(1e308),
            "points must be a score difference from -299 to 299, got 1e+308",
        ),
        (
            lambda: attrs.evolve(board_outcome_study(), per_points=0),
            "per_points must be an integer from 1 to 299, got 0",
        ),
        (lambda: attrs.evolve(board_outcome_study(), ci_low=0), "ci_low must be a finite number above 0, got 0"),
        (
            lambda: attrs.evolve(board_outcome_study(), ci_high=2.0),
            "the odds ratio must lie in its interval (ci_low <= odds_ratio <= ci_high), got ci_low=1.33, odds_ratio=2.31, ci_high=2.0",
        ),
        (
            lambda: licensure_deadline("9999-12-01"),
            "first_passed must leave room for a 7-year window before the year 9999",
        ),
        (
            lambda: StandardHistory((PassingStandard(214, None, Source("t", "https://x.org", "official")),)),
            "standards must hold at least one PassingStandard with a start date",
        ),
    ]
    for make, message in cases:
        with pytest.raises(InvalidValueError, match=re.escape(message)):
            make()
