"""Measurement error: the SEM, score and percentile bands, and comparing two scores.

A score is a measurement. The standard error of measurement (SEM, 6 points for Step 2 CK,
packaged with its source) means the examinee's true score lies within one SEM of the
reported score about two times in three. Two scores are compared through the standard
error of difference (SED), which no source read publishes: it is *derived* as SEM x sqrt(2),
and a difference of at least 2 x SED is called meaningful under a psychometric convention,
labelled as one. Pass or fail is never re-judged from a band: the official rule is
``score >= minimum``; a band only says whether the score is close to the standard.
"""

from __future__ import annotations

import functools
import math

import attrs

from step2score import rules
from step2score._data import packaged_table
from step2score._validate import SCALE_MAX, SCALE_MIN, as_real, check_instance, field_repr, instance_of, type_error
from step2score.errors import DataFileError, InvalidValueError, bounded_repr
from step2score.norms import NormalApproximation, NormTable, PercentileRank, percentile_of
from step2score.score import ScaledScore
from step2score.sources import Source

__all__ = [
    "DifferenceConvention",
    "PercentileBand",
    "ScoreBand",
    "ScoreDifference",
    "Sem",
    "compare_scores",
    "default_difference_convention",
    "default_sem",
    "percentile_band",
    "score_band",
]


def _positive(value: object, *, field: str) -> float:
    number = as_real(value, field=field, rule="a positive number")
    if number <= 0:
        msg = f"{field} must be a positive number, got {value}"
        raise InvalidValueError(msg)
    return number


def _sem_points(value: object) -> float:
    return _positive(value, field="sem")


@attrs.frozen
class Sem:
    """A standard error of measurement, in score points, and where it was read.

    Attributes:
        points: The SEM, a positive number of points.
        source: Where the figure was read; ``None`` when the caller gave it.

    Raises:
        InvalidValueError: ``points`` is not a positive finite number.

    >>> default_sem().points, default_sem().source.confidence.value
    (6.0, 'secondary')
    >>> Sem(7).describe()
    'SEM 7 points (given by the caller)'
    """

    __repr__ = field_repr

    points: float = attrs.field(converter=_sem_points)
    source: Source | None = attrs.field(default=None, validator=instance_of((Source, type(None))))

    @property
    def sed(self) -> float:
        """The standard error of difference of two independent scores, derived: SEM x sqrt(2).

        >>> round(default_sem().sed, 2)
        8.49
        """
        return self.points * math.sqrt(2)

    def describe(self) -> str:
        """In words, with where the figure came from.

        >>> default_sem().describe()  # doctest: +ELLIPSIS
        'SEM 6 points (secondary; USMLE Score Interpretation Guidelines (updated 2026-08-17), as transcribed ...)'
        """
        if self.source is None:
            return f"SEM {self.points:g} points (given by the caller)"
        return f"SEM {self.points:g} points ({self.source.confidence.value}; {self.source.title})"


def _row(quantity: str) -> tuple[float, Source]:
    rows = packaged_table("measurement.csv", ("quantity", "value", "unit"))
    for row in rows:
        if row.text("quantity") == quantity:
            return row.read("value", float), row.source()
    msg = (
        "step2score/data/measurement.csv: no row "
        f"with quantity {bounded_repr(quantity)}"
    )  # pragma: no cover - packaged data
    raise DataFileError(msg)  # pragma: no cover - packaged data


@functools.cache
def default_sem() -> Sem:
    """The packaged SEM of a Step 2 CK score: 6 points (two secondary copies of the USMLE guidelines).

    >>> default_sem().points
    6.0
    """
    points, source = _row("sem")
    return Sem(points, source)


def _as_sem(sem: Sem | float | None) -> Sem:
    if sem is None:
        return default_sem()
    if isinstance(sem, Sem):
        return sem
    if isinstance(sem, bool) or not isinstance(sem, int | float):
        raise type_error(sem, (Sem, int, float), field="sem")
    return Sem(sem)


def _multiple(value: object) -> float:
    return _positive(value, field="multiple")


@attrs.frozen
class DifferenceConvention:
    """When two scores differ meaningfully: at least ``multiple`` x SED apart.

    An advisory psychometric convention, not a published USMLE rule, and labelled so.

    >>> convention = default_difference_convention()
    >>> convention.multiple, convention.source.confidence.value
    (2.0, 'advisory')
    """

    __repr__ = field_repr

    multiple: float = attrs.field(converter=_multiple)
    source: Source = attrs.field(validator=lambda _i, a, v: check_instance(v, Source, field=a.name))


@functools.cache
def default_difference_convention() -> DifferenceConvention:
    """The packaged convention: a difference of at least 2 x SED is meaningful (advisory).

    >>> default_difference_convention().multiple
    2.0
    """
    multiple, source = _row("meaningful-difference")
    return DifferenceConvention(multiple, source)


def _score_value(value: object) -> int:
    return ScaledScore(value).value


def _check_band(instance: ScoreBand, _attribute: attrs.Attribute[int], high: int) -> None:
    if not instance.low <= instance.score <= high:
        shown = f"low={instance.low}, score={instance.score}, high={high}"
        msg = f"a score band must hold its score: low <= score <= high, got {shown}"
        raise InvalidValueError(msg)


@attrs.frozen
class ScoreBand:
    """The range the examinee's true score likely lies in: score +/- 1 SEM, clipped to 1..300.

    Band ends are whole scores: an end that falls between two scores (a caller's SEM of
    6.5) is widened to the whole score outside it, never narrowed.

    Attributes:
        score: The reported score.
        low: The band's lower end.
        high: The band's upper end.
        sem: The SEM the band was built with, with its source.

    Raises:
        InvalidValueError: The band does not hold its score, or an end is off the scale.

    >>> band = score_band(241)
    >>> band.low, band.high
    (235, 247)
    >>> band.describe()
    'your true score is likely between 235 and 247 (score ± 1 SEM of 6 points; about 2 times in 3)'
    """

    __repr__ = field_repr

    score: int = attrs.field(converter=_score_value)
    low: int = attrs.field(converter=_score_value)
    high: int = attrs.field(converter=_score_value, validator=_check_band)
    sem: Sem = attrs.field(validator=instance_of(Sem))

    @property
    def clipped(self) -> bool:
        """Whether the scale's end cut the band short.

        >>> score_band(297).clipped, score_band(297).high
        (True, 300)
        """
        return self.low > self.score - self.sem.points or self.high < self.score + self.sem.points

    def straddles(self, minimum: ScaledScore | int, /) -> bool:
        """Whether the band reaches across ``minimum``: ``low < minimum <= high``.

        A score whose band straddles the passing minimum is *close to the standard*; the
        pass or fail outcome is still the official rule, ``score >= minimum``.

        >>> score_band(220).straddles(218), score_band(230).straddles(218)
        (True, False)
        """
        return rules.close_to_standard(self.low, self.high, ScaledScore(minimum).value)

    def describe(self) -> str:
        """In words a student understands.

        >>> print(score_band(298).describe())
        your true score is likely between 292 and 300 (score ± 1 SEM of 6 points, cut at the top of the scale, 300;
        about 2 times in 3)
        """
        cut = []
        if self.low > self.score - self.sem.points and self.low == SCALE_MIN:
            cut.append(f"cut at the bottom of the scale, {SCALE_MIN}")
        if self.high < self.score + self.sem.points and self.high == SCALE_MAX:
            cut.append(f"cut at the top of the scale, {SCALE_MAX}")
        note = "".join(f", {c}" for c in cut)
        return (
            f"your true score is likely between {self.low} and {self.high} "
            f"(score ± 1 SEM of {self.sem.points:g} points{note}; about 2 times in 3)"
        )


def score_band(score: ScaledScore | int, /, *, sem: Sem | float | None = None) -> ScoreBand:
    """The band score +/- 1 SEM, clipped to the scale, 1 to 300.

    Args:
        score: The reported score.
        sem: A :class:`Sem`, a number of points, or ``None`` for the packaged 6 points.

    Raises:
        InvalidScoreError: The score is off the scale.
        InvalidValueError: The SEM is not a positive number.

    >>> score_band(245).low, score_band(245).high
    (239, 251)
    >>> score_band(245, sem=6.5).low, score_band(245, sem=6.5).high
    (238, 252)
    >>> score_band(3).low
    1
    """
    value = ScaledScore(score).value
    chosen = _as_sem(sem)
    low = max(SCALE_MIN, math.floor(value - chosen.points))
    high = min(SCALE_MAX, math.ceil(value + chosen.points))
    return ScoreBand(value, low, high, chosen)


def _rank(_instance: object, attribute: attrs.Attribute[PercentileRank], value: object) -> None:
    check_instance(value, PercentileRank, field=attribute.name)


def _check_ranks(instance: PercentileBand, _attribute: attrs.Attribute[PercentileRank], high: PercentileRank) -> None:
    if high.value < instance.low.value:
        msg = f"a percentile band must be ordered: low <= high, got low={instance.low.value:g}, high={high.value:g}"
        raise InvalidValueError(msg)
    if high.cohort != instance.low.cohort:
        msg = (
            "a percentile band must name one cohort, got "
            f"{bounded_repr(instance.low.cohort)} and {bounded_repr(high.cohort)}"
        )
        raise InvalidValueError(msg)


@attrs.frozen
class PercentileBand:
    """The percentile ranks at the two ends of a score band, in one cohort.

    Attributes:
        low: The percentile rank of the band's lower end.
        high: The percentile rank of the band's upper end.

    Raises:
        InvalidValueError: ``low`` is above ``high``, or the two name different cohorts.

    >>> band = percentile_band(score_band(245))
    >>> band.low.value, band.high.value
    (21.4, 46.8)
    """

    low: PercentileRank = attrs.field(validator=_rank)
    high: PercentileRank = attrs.field(validator=[_rank, _check_ranks])

    def __repr__(self) -> str:
        """One line: the two ranks and the cohort.

        >>> percentile_band(score_band(245), norms="2017-2020")
        PercentileBand(33 to 61.4, cohort='first-time US/Canadian examinees tested 2017-07-01 to 2020-06-30')
        """
        return f"PercentileBand({self.low.value:g} to {self.high.value:g}, cohort={self.cohort!r})"

    @property
    def cohort(self) -> str:
        """The cohort both ranks are relative to."""
        return self.low.cohort

    def describe(self) -> str:
        """In words, naming the cohort.

        >>> percentile_band(score_band(245), norms="2017-2020").describe()
        'percentile rank 33 to 61.4 (first-time US/Canadian examinees tested 2017-07-01 to 2020-06-30)'
        """
        low, high = self.low.shown, self.high.shown
        return f"percentile rank {low} to {high} ({self.cohort})"


def percentile_band(
    band: ScoreBand, /, *, norms: NormTable | NormalApproximation | str | None = None
) -> PercentileBand:
    """The percentile ranks a score band implies, in the chosen norms.

    Args:
        band: A :class:`ScoreBand`.
        norms: As for :func:`~step2score.percentile_of` (the 2023-2026 table by default).

    Raises:
        InvalidTypeError: ``band`` is not a :class:`ScoreBand`.

    >>> percentile_band(score_band(245)).describe()  # doctest: +ELLIPSIS
    'percentile rank 21.4 to 46.8 (first-time takers ... tested 2023-07-01 to 2026-06-30, N = 67,824)'
    """
    check_instance(band, ScoreBand, field="band")
    return PercentileBand(percentile_of(band.low, norms=norms), percentile_of(band.high, norms=norms))


@attrs.frozen
class ScoreDifference:
    """Two scores compared: the difference, the derived SED and whether it is meaningful.

    ``difference`` is ``second - first``. ``meaningful`` is ``abs(difference) >= threshold``
    where ``threshold`` is the convention's multiple (2) x SED, and SED = SEM x sqrt(2) is
    derived, not published. The convention is advisory and says so.

    Attributes:
        first: The first score (an earlier attempt, one student).
        second: The second score.
        sem: The SEM used, with its source.
        convention: The rule for a meaningful difference, with its source.

    >>> compare_scores(233, 250).meaningful, compare_scores(240, 250).meaningful
    (True, False)
    """

    __repr__ = field_repr

    first: int = attrs.field(converter=_score_value)
    second: int = attrs.field(converter=_score_value)
    sem: Sem = attrs.field(validator=instance_of(Sem))
    convention: DifferenceConvention = attrs.field(validator=instance_of(DifferenceConvention))

    @property
    def difference(self) -> int:
        """``second - first``, in points.

        >>> compare_scores(250, 233).difference
        -17
        """
        return self.second - self.first

    @property
    def sed(self) -> float:
        """The standard error of difference, derived as SEM x sqrt(2)."""
        return self.sem.sed

    @property
    def threshold(self) -> float:
        """The smallest meaningful difference: the convention's multiple x SED.

        >>> round(compare_scores(233, 250).threshold, 2)
        16.97
        """
        return self.convention.multiple * self.sed

    @property
    def meaningful(self) -> bool:
        """Whether ``abs(difference) >= threshold`` (an advisory convention)."""
        return abs(self.difference) >= self.threshold

    def describe(self) -> str:
        """In words, with the working and the convention labelled as one.

        >>> print(compare_scores(233, 250).describe())
        250 is 17 points above 233: at least 2 x SED (16.97 points; SED 8.49, derived as SEM 6 x sqrt 2), so unlikely
        to be measurement error alone (about 95% confidence; an advisory convention, not a USMLE rule).
        """
        gap = abs(self.difference)
        if gap == 0:
            head = f"{self.second} and {self.first} are the same score"
        else:
            where = "above" if self.difference > 0 else "below"
            head = f"{self.second} is {gap} point{'s' if gap != 1 else ''} {where} {self.first}"
        working = (
            f"{self.convention.multiple:g} x SED ({self.threshold:.2f} points; SED {self.sed:.2f}, "
            f"derived as SEM {self.sem.points:g} x sqrt 2)"
        )
        label = "an advisory convention, not a USMLE rule"
        if self.meaningful:
            confidence = "about 95% confidence; " if self.convention.multiple == 2 else ""  # 2 x SED is about 1.96 SD
            return f"{head}: at least {working}, so unlikely to be measurement error alone ({confidence}{label})."
        return f"{head}: less than {working}, so the difference may be measurement error ({label})."


def compare_scores(
    first: ScaledScore | int, second: ScaledScore | int, /, *, sem: Sem | float | None = None
) -> ScoreDifference:
    """Compare two scores (two attempts, two students) under the 2 x SED convention.

    Args:
        first: The first score.
        second: The second score.
        sem: A :class:`Sem`, a number of points, or ``None`` for the packaged 6 points.

    Returns:
        A :class:`ScoreDifference` with the difference ``second - first``, the derived
        SED, the threshold and whether the difference is meaningful.

    Raises:
        InvalidScoreError: A score is off the scale.
        InvalidValueError: The SEM is not a positive number.

    >>> diff = compare_scores(233, 250)
    >>> diff.difference, round(diff.sed, 2), diff.meaningful
    (17, 8.49, True)
    >>> compare_scores(233, 249).meaningful
    False
    """
    return ScoreDifference(
        ScaledScore(first).value, ScaledScore(second).value, _as_sem(sem), default_difference_convention()
    )
