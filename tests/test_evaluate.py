import datetime as dt
import re
from typing import Any

import attrs
import pandas as pd
import pytest
from hypothesis import given

from step2score import (
    ApplicantProfile,
    Evaluation,
    InvalidScoreError,
    InvalidTypeError,
    InvalidValueError,
    NoStandardError,
    OutsideMatchError,
    PassingStandard,
    Source,
    SpecialtyNotInEditionError,
    Tier,
    UnknownSpecialtyError,
    default_standards,
    evaluate,
    evaluate_frame,
    standard_on,
)
from tests import strategies


def test_the_design_examples() -> None:
    assert evaluate(216, taken_on=dt.date(2024, 5, 1)).passed
    assert not evaluate(216, taken_on=dt.date(2025, 8, 1)).passed
    ev = evaluate(247, taken_on="2025-09-15")
    assert (ev.passed, ev.tier, ev.margin) == (True, Tier.COMPETITIVE, 29)
    assert ev.standard.minimum == 218
    assert ev.taken_on == dt.date(2025, 9, 15)


def test_no_date_means_today_and_the_result_records_it() -> None:
    ev = evaluate(247)
    assert ev.taken_on == dt.date.today()  # noqa: DTZ011 - evaluate uses the local calendar day
    assert ev.standard == default_standards().on(ev.taken_on)


def test_a_failing_margin_is_negative() -> None:
    ev = evaluate(212, taken_on="2025-09-15")
    assert (ev.passed, ev.margin, ev.tier) == (False, -6, Tier.FAIL)


def test_caller_standard_overrides_the_date() -> None:
    own = PassingStandard(230, "2030-01-01", Source("School rule", "https://school.example", "advisory"))
    ev = evaluate(225, taken_on="2025-09-15", standard=own)
    assert ev.standard is own
    assert not ev.passed
    # and it lets a caller judge a date before the first known standard, on purpose
    old = default_standards().standards[0]
    assert evaluate(190, taken_on="2010-05-01", standard=old).passed


def test_errors_surface_typed() -> None:
    with pytest.raises(InvalidScoreError, match=re.escape("score must be an integer from 1 to 300, got 301")):
        evaluate(301)
    with pytest.raises(NoStandardError, match="2010-05-01"):
        evaluate(250, taken_on="2010-05-01")
    with pytest.raises(InvalidTypeError, match=re.escape("standard must be a PassingStandard, got int 214")):
        evaluate(250, standard=214)  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match=re.escape("tier_scheme must be a TierScheme, got tuple (245, 255)")):
        evaluate(250, tier_scheme=(245, 255))  # type: ignore[arg-type]


def test_report_and_repr() -> None:
    ev = evaluate(212, taken_on="2025-09-15")
    report = ev.report()
    assert "FAIL" in report
    assert "6 points below" in report
    assert "minimum 218 for exams taken on or after 2025-07-01" in report
    assert str(ev) == report
    assert (
        repr(ev)
        == "Evaluation(score=212, taken_on='2025-09-15', minimum=218, passed=False, tier='fail', percentile=1.4)"
    )


def test_frozen() -> None:
    ev = evaluate(247, taken_on="2025-09-15")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        ev.passed = False  # type: ignore[misc]
    assert isinstance(ev, Evaluation)


@given(strategies.SCORE_VALUES, strategies.TEST_DATES)
def test_pass_exactly_at_or_above_the_minimum_in_force(score: int, day: dt.date) -> None:
    """A score passes exactly when it is at least the minimum in force on its test date."""
    ev = evaluate(score, taken_on=day)
    minimum = standard_on(day).minimum
    assert ev.passed == (score >= minimum)
    assert ev.margin == score - minimum
    assert ev.standard.minimum == minimum


@given(strategies.ANYTHING, strategies.ANYTHING)
def test_fuzz_evaluate(score: Any, day: Any) -> None:
    """Any score and date either evaluate or raise only the package's documented errors."""
    try:
        ev = evaluate(score, taken_on=day)
    except (InvalidValueError, InvalidTypeError, NoStandardError) as error:
        assert str(error).startswith(("score must", "taken_on must", "no passing standard"))
    else:
        assert ev.score.value == score


def test_evaluate_with_a_profile_shows_benchmark_target_and_gap() -> None:
    ev = evaluate(241, taken_on="2025-09-15", specialty="derm", applicant="us-img", program_tier="top")
    assert ev.benchmark is not None
    assert ev.target is not None
    assert (ev.benchmark.specialty, ev.benchmark.value, ev.edition) == ("Dermatology", 258, "Charting Outcomes 2026")
    assert (ev.target.low, ev.target.high, ev.gap, ev.on_target) == (276, 281, 35, False)
    assert len(ev.comparisons) == 23
    assert ev.comparisons[0].difference == 241 - 261
    assert ev.position is not None
    assert ev.position.quartile.label == "below Q1"
    report = ev.report()
    assert "Target:     aim for 276 to 281" in report
    assert "Gap:        35 points below the target" in report
    assert "median 258 (Q1 251, Q3 266; n = 356)" in report
    assert "mean" not in report.replace("meaning", "")


def test_the_issue_9_example() -> None:
    ev = evaluate(245, taken_on="2026-06-01", specialty="derm", applicant="us-md", program_tier="top")
    assert ev.benchmark is not None
    assert ev.position is not None
    assert ev.target is not None
    assert (ev.benchmark.statistic.value, ev.benchmark.q1, ev.benchmark.value, ev.benchmark.q3) == (
        "median",
        251,
        258,
        266,
    )
    assert (ev.position.quartile.label, ev.position.above_not_matched) == ("below Q1", -7)
    assert (ev.target.low, ev.target.high, ev.gap) == (266, 266, 21)
    assert ev.target.parts[0].label.startswith("Q3 of matched U.S. MD seniors in Dermatology")


def test_evaluate_profile_keyword_and_edition() -> None:
    profile = ApplicantProfile("us-md", "IM")
    ev = evaluate(250, taken_on="2025-09-15", profile=profile, edition="ace-med-boards-2022")
    assert ev.profile is profile
    assert ev.benchmark is not None
    assert ev.benchmark.value == 248
    assert ev.benchmark.statistic.value == "mean"
    assert ev.position is None
    assert (ev.gap, ev.on_target) == (-2, True)
    assert len(ev.comparisons) == 10
    with pytest.raises(
        InvalidValueError,
        match=re.escape("give either profile= or the separate keywords, not both; got profile and specialty='derm'"),
    ):
        evaluate(250, profile=profile, specialty="derm")


def test_evaluate_without_a_specialty_still_compares() -> None:
    ev = evaluate(250, taken_on="2025-09-15")
    assert (ev.benchmark, ev.target, ev.gap, ev.on_target) == (None, None, None, None)
    assert ev.comparisons[-1].specialty == "Family Medicine"


def test_evaluate_with_unknown_or_missing_specialty() -> None:
    with pytest.raises(UnknownSpecialtyError, match=re.escape("unknown specialty 'Neurourology'")):
        evaluate(250, specialty="Neurourology")
    with pytest.raises(OutsideMatchError, match=re.escape("Urology matches through the AUA Urology Match")):
        evaluate(250, specialty="Urology")
    with pytest.raises(SpecialtyNotInEditionError, match="has no benchmark in edition 'Ace Med Boards article"):
        evaluate(250, specialty="rad onc", edition="ace-med-boards-2022")


def test_evaluate_a_failed_first_attempt() -> None:
    ev = evaluate(212, taken_on="2025-09-15", attempts_used=1, applying_on="2025-10-01")
    assert not ev.passed
    assert ev.attempts is not None
    assert (ev.attempts.used, ev.attempts.remaining, ev.attempts.policy.limit) == (1, 3, 4)
    assert [s.code for s in ev.next_steps] == ["attempts-left", "repeater-pass-rate", "change-approach", "transcript"]
    report = ev.report()
    assert "Attempts:   1 used, 3 left (limit 4 per Step)" in report
    assert "- 3 of 4 attempts left:" in report


def test_evaluate_percentile_names_its_cohort() -> None:
    ev = evaluate(245, taken_on="2025-09-15")
    assert ev.percentile.value == 32.0
    assert ev.percentile.cohort == (
        "first-time takers from LCME-accredited (U.S.) medical schools tested 2023-07-01 to 2026-06-30, N = 67,824"
    )
    old = evaluate(245, taken_on="2025-09-15", norms="2017-2020").percentile
    assert (old.value, old.cohort) == (46.0, "first-time US/Canadian examinees tested 2017-07-01 to 2020-06-30")
    assert evaluate(245, taken_on="2025-09-15", norms="2023-24").percentile.method.value == "normal-approximation"


def test_board_odds_only_for_internal_medicine() -> None:
    im = evaluate(264, taken_on="2025-09-15", specialty="IM")  # IM median 254 in Charting Outcomes 2026
    assert im.board_odds is not None
    assert im.board_odds.points == 10
    assert im.board_odds.odds_ratio == 2.31
    assert "not a probability; from one internal-medicine program's study" in im.report()
    assert "those of a resident at the median of matched U.S. MD seniors in Internal Medicine" in im.report()
    assert evaluate(260, taken_on="2025-09-15", specialty="derm").board_odds is None
    assert evaluate(260, taken_on="2025-09-15").board_odds is None


def test_attempts_used_counts_the_attempt_that_produced_the_score() -> None:
    message = "attempts_used must be an integer from 1 to 99, got 0"
    with pytest.raises(InvalidValueError, match=re.escape(message)):
        evaluate(212, taken_on="2025-09-15", attempts_used=0)


def test_a_result_that_contradicts_itself_is_refused() -> None:
    ev = evaluate(241, taken_on="2025-09-15", specialty="IM", attempts_used=2, applying_on="2025-10-01")
    cases: dict[str, tuple[Any, str]] = {
        "passed": (False, "evaluation is inconsistent: passed must be True for score 241, got False"),
        "margin": (3, "evaluation is inconsistent: margin must be 23 for score 241, got 3"),
        "gap": (1, "evaluation is inconsistent: gap must be 13 for score 241, got 1"),
        "edition": ("x", "evaluation is inconsistent: edition must be the benchmark's edition, got 'x'"),
    }
    for name, (value, message) in cases.items():
        with pytest.raises(InvalidValueError, match=re.escape(message)):
            attrs.evolve(ev, **{name: value})
    assert ev.attempts is not None
    with pytest.raises(
        InvalidValueError, match=re.escape("remaining must be the limit 4 less the 2 used (never below 0), 2, got 99")
    ):
        attrs.evolve(ev.attempts, remaining=99)  # the attempt status itself refuses it now
    with pytest.raises(InvalidTypeError, match=re.escape("passed must be a bool, got int 1")):
        attrs.evolve(ev, passed=1)  # type: ignore[arg-type]


def test_an_evaluation_without_a_test_date_says_today_was_assumed() -> None:
    ev = evaluate(247)
    assert ev.date_assumed
    assert "no test date given: judged by the standard in force today" in ev.report()
    assert "no test date given" in ev._repr_html_()
    assert not evaluate(247, taken_on="2025-09-15").date_assumed


def test_every_evaluation_carries_its_band_and_the_close_to_standard_flag() -> None:
    ev = evaluate(215, taken_on="2026-06-01")
    assert (ev.score_band.low, ev.score_band.high) == (209, 221)
    assert ev.close_to_standard
    assert not ev.passed  # flagged, never re-judged
    assert "within measurement error of the minimum 218" in ev.report()
    assert not evaluate(245, taken_on="2026-06-01").close_to_standard
    assert evaluate(245, taken_on="2026-06-01", sem=3).score_band.high == 248
    assert evaluate(245, taken_on="2026-06-01").match_rate is None


def test_a_huge_attempts_used_is_a_bounded_typed_error_on_both_paths() -> None:
    message = "attempts_used must be an integer from 1 to 99, got an integer of about 5001 digits"
    with pytest.raises(InvalidValueError, match=re.escape(message)):
        evaluate(212, taken_on="2025-09-15", attempts_used=10**5000)
    out = evaluate_frame(
        pd.DataFrame({"score": [212], "a": [10**30]}),
        attempts_used="a",
        fixed={"taken_on": "2025-09-15"},
        errors="coerce",
    )
    assert out.loc[0, "error"] == "attempts_used must be an integer from 1 to 99, got 1000000000000000000000000000000"
