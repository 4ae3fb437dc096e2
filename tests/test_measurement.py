import contextlib
import math
import re
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from step2score import InvalidScoreError, InvalidTypeError, InvalidValueError, PercentileMethod, Source
from step2score.measurement import (
    DifferenceConvention,
    PercentileBand,
    ScoreBand,
    ScoreDifference,
    Sem,
    compare_scores,
    default_difference_convention,
    default_sem,
    percentile_band,
    score_band,
)
from step2score.norms import percentile_of
from tests import strategies

CURRENT = "first-time takers from LCME-accredited (U.S.) medical schools tested 2023-07-01 to 2026-06-30, N = 67,824"


def test_the_packaged_sem_is_6_with_its_sources() -> None:
    sem = default_sem()
    assert sem.points == 6
    assert sem.source is not None
    assert sem.source.confidence.value == "secondary"
    assert sem.source.urls == (
        "https://github.com/jiankn/nbmecalc",
        "https://elitemedicalprep.com/scoring-the-usmle-step-2-ck/",
    )
    assert "standard error of estimate (SEE)" in sem.source.note
    assert sem.sed == pytest.approx(6 * math.sqrt(2))
    assert Sem(7).source is None
    assert Sem(7).describe() == "SEM 7 points (given by the caller)"


def test_the_convention_is_advisory() -> None:
    convention = default_difference_convention()
    assert convention.multiple == 2
    assert convention.source.is_heuristic
    assert "derived as SEM x sqrt(2)" in convention.source.note


def test_score_band_in_words() -> None:
    band = score_band(241)
    assert (band.score, band.low, band.high, band.sem) == (241, 235, 247, default_sem())
    assert band.describe() == (
        "your true score is likely between 235 and 247 (score ± 1 SEM of 6 points; about 2 times in 3)"
    )
    assert not band.clipped
    assert score_band(3).describe() == (
        "your true score is likely between 1 and 9 (score ± 1 SEM of 6 points, cut at the bottom of the scale, 1;"
        " about 2 times in 3)"
    )
    assert score_band(3).clipped


def test_caller_sem_overrides_and_fractional_ends_widen() -> None:
    assert (score_band(245, sem=8).low, score_band(245, sem=8).high) == (237, 253)
    band = score_band(245, sem=Sem(6.5))
    assert (band.low, band.high) == (238, 252)
    assert band.describe() == (
        "your true score is likely between 238 and 252 (score ± 1 SEM of 6.5 points; about 2 times in 3)"
    )


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"sem": 0}, InvalidValueError, "sem must be a positive number, got 0"),
        ({"sem": -6}, InvalidValueError, "sem must be a positive number, got -6"),
        ({"sem": float("inf")}, InvalidValueError, "sem must be a positive number, got inf"),
        ({"sem": "6"}, InvalidTypeError, "sem must be a Sem or int or float, got str '6'"),
        ({"sem": True}, InvalidTypeError, "sem must be a Sem or int or float, got bool True"),
    ],
)
def test_bad_sem(kwargs: dict[str, Any], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=re.escape(message)):
        score_band(245, **kwargs)
    with pytest.raises(error, match=re.escape(message)):
        compare_scores(240, 250, **kwargs)


def test_bad_scores_and_bands() -> None:
    with pytest.raises(InvalidScoreError, match=re.escape("score must be an integer from 1 to 300, got 301")):
        score_band(301)
    with pytest.raises(InvalidScoreError, match=re.escape("score must be an integer from 1 to 300, got 0")):
        compare_scores(0, 250)
    with pytest.raises(
        InvalidValueError,
        match=re.escape("a score band must hold its score: low <= score <= high, got low=250, score=245, high=251"),
    ):
        ScoreBand(245, 250, 251, default_sem())
    with pytest.raises(InvalidTypeError, match=re.escape("band must be a ScoreBand, got int 245")):
        percentile_band(245)  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match=re.escape("sem must be a Sem, got int 6")):
        ScoreBand(245, 239, 251, 6)  # type: ignore[arg-type]


def test_percentile_band_names_its_cohort() -> None:
    band = percentile_band(score_band(245))
    assert band.low.value == pytest.approx(21.4)
    assert band.high.value == pytest.approx(46.8)
    assert band.cohort == CURRENT
    assert band.low.method is PercentileMethod.INTERPOLATED
    old = percentile_band(score_band(245), norms="2017-2020")
    assert old.describe() == (
        "percentile rank 33 to 61.4 (first-time US/Canadian examinees tested 2017-07-01 to 2020-06-30)"
    )


def test_percentile_band_rules() -> None:
    low, high = percentile_of(250), percentile_of(240)
    with pytest.raises(
        InvalidValueError, match=re.escape("a percentile band must be ordered: low <= high, got low=44, high=23")
    ):
        PercentileBand(low, high)
    with pytest.raises(InvalidValueError, match=re.escape("a percentile band must name one cohort, got ")):
        PercentileBand(percentile_of(240), percentile_of(250, norms="2017-2020"))


def test_straddles_the_minimum() -> None:
    assert score_band(220).straddles(218)  # 214..226: close to the standard, and still a pass
    assert score_band(212).straddles(218)  # 206..218: a fail close to the standard
    assert not score_band(224).straddles(218)  # 218..230: even the low end passes
    assert not score_band(211).straddles(218)  # 205..217


def test_compare_scores_in_words() -> None:
    diff = compare_scores(233, 250)
    assert (diff.first, diff.second, diff.difference, diff.meaningful) == (233, 250, 17, True)
    assert diff.sed == pytest.approx(8.485, abs=1e-3)
    assert diff.threshold == pytest.approx(16.97, abs=1e-2)
    assert diff.convention.source.is_heuristic
    assert diff.describe() == (
        "250 is 17 points above 233: at least 2 x SED (16.97 points; SED 8.49, derived as SEM 6 x sqrt 2), so unlikely"
        " to be measurement error alone (about 95% confidence; an advisory convention, not a USMLE rule)."
    )
    assert compare_scores(250, 249).describe() == (
        "249 is 1 point below 250: less than 2 x SED (16.97 points; SED 8.49, derived as SEM 6 x sqrt 2), so the"
        " difference may be measurement error (an advisory convention, not a USMLE rule)."
    )
    assert compare_scores(250, 250).describe().startswith("250 and 250 are the same score: less than 2 x SED")
    assert not compare_scores(233, 249).meaningful
    assert compare_scores(233, 250, sem=4).threshold == pytest.approx(8 * math.sqrt(2))


def test_values_are_frozen() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        score_band(245).low = 1  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        compare_scores(240, 250).first = 1  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        default_sem().points = 7  # type: ignore[misc]


@given(strategies.SCORE_VALUES, st.none() | strategies.SEM_POINTS)
def test_band_holds_the_score_and_stays_on_the_scale(score: int, sem: float | None) -> None:
    """The score band always contains the score and stays on 1..300, at most one SEM (widened to whole scores) out."""
    band = score_band(score, sem=sem)
    assert 1 <= band.low <= score <= band.high <= 300
    points = band.sem.points
    assert score - band.low <= math.ceil(points)
    assert band.high - score <= math.ceil(points)
    assert band.clipped == (score - points < 1 or score + points > 300)


@given(strategies.SCORE_VALUES, st.none() | strategies.SEM_POINTS, strategies.NORMS_NAMES)
def test_percentile_bands_are_ordered(score: int, sem: float | None, norms: str | None) -> None:
    """The percentile band is ordered and holds the score's own percentile."""
    band = percentile_band(score_band(score, sem=sem), norms=norms)
    assert band.low.value <= percentile_of(score, norms=norms).value <= band.high.value


@given(strategies.SCORE_VALUES, strategies.SCORE_VALUES, st.none() | strategies.SEM_POINTS)
def test_compare_is_antisymmetric(a: int, b: int, sem: float | None) -> None:
    """compare(a, b).difference == -compare(b, a).difference; meaningful exactly when |a - b| >= 2 x SED."""
    forward, backward = compare_scores(a, b, sem=sem), compare_scores(b, a, sem=sem)
    assert forward.difference == -backward.difference == b - a
    assert forward.meaningful == backward.meaningful == (abs(a - b) >= 2 * forward.sem.points * math.sqrt(2))


@given(strategies.SCORE_VALUES, strategies.SCORE_VALUES, strategies.SEM_POINTS)
def test_straddles_is_the_stated_rule(score: int, minimum: int, sem: float) -> None:
    """straddles(minimum) is exactly low < minimum <= high."""
    band = score_band(score, sem=sem)
    assert band.straddles(minimum) == (band.low < minimum <= band.high)


@given(strategies.ANYTHING, strategies.ANYTHING)
def test_fuzz_constructors(points: Any, other: Any) -> None:
    """Any input either builds a value or raises only the documented errors."""
    source = Source("t", "https://example.org", "advisory")
    for build in (
        lambda: Sem(points),
        lambda: DifferenceConvention(points, source),
        lambda: ScoreBand(points, other, 250, default_sem()),
        lambda: ScoreDifference(points, other, default_sem(), default_difference_convention()),
        lambda: score_band(points, sem=other),
    ):
        with contextlib.suppress(InvalidValueError, InvalidTypeError):
            build()
