"""Pass rates by group and match rates by Step 2 CK band: descriptions of past cohorts, with counts.

Neither is a prediction for one applicant. A pass rate says how many of a group passed in a
year; a match rate says, of the U.S. MD seniors in a 10-point band who preferred a specialty,
how many matched. Every percentage travels with its count, and a match-rate cell of fewer than
30 seniors is marked thin.
"""

from __future__ import annotations

import enum
import functools

import attrs

from step2score._data import packaged_table
from step2score._validate import (
    NO_ORDER,
    SCALE_MAX,
    SCALE_MIN,
    check_int_range,
    field_repr,
    instance_of,
    parse_enum,
    text_field,
    type_error,
)
from step2score.applicants import ApplicantType
from step2score.benchmarks import OVERALL, THIN_CELL
from step2score.errors import InvalidValueError, UnknownSpecialtyError, bounded_repr
from step2score.score import ScaledScore
from step2score.sources import Source
from step2score.specialty_names import resolve_specialty

__all__ = [
    "THIN_CELL",
    "MatchRate",
    "PassRate",
    "SpecialtyMatchRate",
    "Takers",
    "match_rate_for",
    "match_rates",
    "pass_rates",
    "repeater_pass_rate",
    "specialty_match_rate_for",
    "specialty_match_rates",
]


class Takers(enum.StrEnum):
    """Whether a pass rate counts first takers or repeaters.

    >>> Takers("repeat").label
    'repeaters'
    """

    __lt__, __le__, __gt__, __ge__ = NO_ORDER

    FIRST = "first"
    REPEAT = "repeat"

    @property
    def label(self) -> str:
        """The takers in words: ``first takers`` or ``repeaters``."""
        return "first takers" if self is Takers.FIRST else "repeaters"


def _takers(value: object) -> Takers:
    return parse_enum(value, Takers, field="takers")


def _examinees(value: object) -> int:
    return check_int_range(value, field="examinees", low=0)


def _seniors(value: object) -> int:
    return check_int_range(value, field="seniors", low=0)


def _percent(value: object) -> int:
    return check_int_range(value, field="percent", low=0, high=100)


def _optional_percent(value: object) -> int | None:
    return None if value is None else _percent(value)


@attrs.frozen
class PassRate:
    """The share of one group that passed Step 2 CK in one academic year.

    Attributes:
        group: The examinees' schools, as USMLE groups them that year ("U.S./Canadian MD" in
            2023-24, "U.S. MD" from 2024-25, when Canadian schools moved to the non-U.S. group).
        takers: First takers or repeaters.
        year: The academic year ("2024-25").
        examinees: How many took the exam.
        percent: The percentage who passed, as published (a whole number).
        source: Where the figure was read.

    >>> repeater_pass_rate("us-md").describe()
    '70% of 440 repeaters from U.S. MD schools passed in 2024-25 (USMLE performance data)'
    """

    __repr__ = field_repr

    group: str = attrs.field(validator=text_field)
    takers: Takers = attrs.field(converter=_takers)
    year: str = attrs.field(validator=text_field)
    examinees: int = attrs.field(converter=_examinees)
    percent: int = attrs.field(converter=_percent)
    source: Source = attrs.field(validator=instance_of(Source))

    @property
    def schools(self) -> str:
        """The group as schools: ``U.S. DO schools``, ``non-U.S. schools``.

        >>> repeater_pass_rate("do").schools, repeater_pass_rate("img").schools
        ('U.S. DO schools', 'non-U.S. schools')
        """
        return self.group if self.group.endswith("schools") else f"{self.group} schools"

    def describe(self) -> str:
        """The figure in words, with its count: a description of a cohort, not a prediction.

        >>> pass_rates()[0].describe()
        '98% of 22439 first takers from U.S./Canadian MD schools passed in 2023-24 (USMLE performance data)'
        """
        return (
            f"{self.percent}% of {self.examinees} {self.takers.label} from {self.schools} "
            f"passed in {self.year} (USMLE performance data)"
        )


@functools.cache
def pass_rates() -> tuple[PassRate, ...]:
    """Every packaged pass rate (FACTS 5b): three groups, first takers and repeaters, two years.

    >>> len(pass_rates()), pass_rates()[-1].year
    (12, '2024-25')
    """
    return tuple(
        PassRate(
            row.text("group"),
            row.text("takers"),
            row.text("year"),
            row.read("examinees_n", int),
            row.read("pass_percent", int),
            row.source(),
        )
        for row in packaged_table("pass_rates.csv", ("group", "takers", "year", "examinees_n", "pass_percent"))
    )


#: The USMLE groups each applicant type's scores are counted in (U.S. MD schools were
#: grouped with Canadian ones until 2023-24).
_GROUPS = {
    ApplicantType.US_MD_SENIOR: ("U.S./Canadian MD", "U.S. MD"),
    ApplicantType.US_DO_SENIOR: ("U.S. DO",),
    ApplicantType.US_IMG: ("non-U.S. schools",),
    ApplicantType.NON_US_IMG: ("non-U.S. schools",),
}


def repeater_pass_rate(applicant: ApplicantType | str, /) -> PassRate:
    """The latest pass rate of repeaters in the applicant's group.

    U.S. MD seniors are counted with U.S. MD schools (U.S./Canadian MD until 2023-24), DO seniors with U.S. DO schools,
    and both kinds of IMG with non-U.S. schools. Context after a fail, not a prediction.

    Args:
        applicant: An :class:`~step2score.ApplicantType` or a word it parses ("us-md", "img").

    Raises:
        InvalidValueError: The word names no applicant type.

    >>> rate = repeater_pass_rate("img")
    >>> rate.group, rate.year, rate.examinees, rate.percent
    ('non-U.S. schools', '2024-25', 1762, 64)
    """
    groups = _GROUPS[ApplicantType.parse(applicant)]
    found = [r for r in pass_rates() if r.group in groups and r.takers is Takers.REPEAT]
    return max(found, key=lambda rate: rate.year)


def _band_low(value: object) -> int:
    return check_int_range(value, field="band_low", low=SCALE_MIN, high=SCALE_MAX)


def _band_high(value: object) -> int:
    return check_int_range(value, field="band_high", low=SCALE_MIN, high=SCALE_MAX)


def _check_band(instance: MatchRate, _attribute: attrs.Attribute[int], high: int) -> None:
    if high < instance.band_low:
        msg = f"band_high must be at least band_low, got band_low={instance.band_low}, band_high={high}"
        raise InvalidValueError(msg)


def _check_percent(instance: MatchRate, _attribute: attrs.Attribute[int | None], percent: int | None) -> None:
    if (percent is None) != (instance.seniors == 0):
        shown = f"seniors={instance.seniors}, percent={percent}"
        msg = f"percent must be blank exactly when no senior is in the band, got {shown}"
        raise InvalidValueError(msg)


@attrs.frozen
class MatchRate:
    """Of the U.S. MD seniors in one Step 2 CK band who preferred a specialty, the share who matched.

    Descriptive, pooled over the 2020, 2022 and 2024 Charting Outcomes reports by a third party:
    never the probability that a given applicant will match.

    Attributes:
        specialty: The preferred specialty, as Charting Outcomes names it.
        band: The band as written ("240-249", "250+", "<200").
        band_low: The band's lowest score.
        band_high: The band's highest score.
        seniors: How many seniors were in the band.
        percent: The percentage who matched, or ``None`` when no senior was in the band.
        source: Where the figures were read.

    Raises:
        InvalidValueError: A count or percentage is out of range, or the percentage is blank
            when seniors were counted (or given when none were).

    >>> rate = match_rate_for("Dermatology", 245)
    >>> rate.seniors, rate.percent, rate.thin
    (291, 67, False)
    """

    __repr__ = field_repr

    specialty: str = attrs.field(validator=text_field)
    band: str = attrs.field(validator=text_field)
    band_low: int = attrs.field(converter=_band_low)
    band_high: int = attrs.field(converter=_band_high, validator=_check_band)
    seniors: int = attrs.field(converter=_seniors)
    percent: int | None = attrs.field(converter=_optional_percent, validator=_check_percent)
    source: Source = attrs.field(validator=instance_of(Source))

    @property
    def thin(self) -> bool:
        """Whether fewer than 30 seniors were in the band, too few to lean on.

        >>> match_rate_for("Dermatology", 215).thin
        True
        """
        return self.seniors < THIN_CELL

    def describe(self) -> str:
        """The figure in words, with its count, as a description of past seniors.

        >>> print(match_rate_for("Dermatology", 245).describe())
        of 291 U.S. MD seniors (pooled 2020-2024) in the 240-249 band who preferred Dermatology, 67% matched
        >>> print(match_rate_for("Dermatology", 205).describe())
        of 1 U.S. MD senior (pooled 2020-2024) in the 200-209 band who preferred Dermatology, 0% matched
        (a thin cell: fewer than 30 seniors)
        >>> print(match_rate_for("Dermatology", 190).describe())
        no U.S. MD senior (pooled 2020-2024) in the <200 band preferred Dermatology
        """
        where = f"(pooled 2020-2024) in the {self.band} band"
        if self.percent is None:
            return f"no U.S. MD senior {where} preferred {self.specialty}"
        seniors = "senior" if self.seniors == 1 else "seniors"
        text = f"of {self.seniors:,} U.S. MD {seniors} {where} who preferred {self.specialty}, {self.percent}% matched"
        if self.thin:
            text += f" (a thin cell: fewer than {THIN_CELL} seniors)"
        return text


@functools.cache
def match_rates() -> tuple[MatchRate, ...]:
    """Every packaged match rate: 22 specialties, 7 bands each, in the order of the source.

    >>> len(match_rates()), match_rates()[0].specialty
    (154, 'Dermatology')
    """
    return tuple(
        MatchRate(
            row.text("specialty"),
            row.text("band"),
            row.read("band_low", int),
            row.read("band_high", int),
            row.read("seniors_n", int),
            row.optional("matched_percent", int),
            row.source(),
        )
        for row in packaged_table(
            "match_rates.csv", ("specialty", "band", "band_low", "band_high", "seniors_n", "matched_percent")
        )
    )


def match_rate_for(specialty: str, score: ScaledScore | int, /) -> MatchRate | None:
    """The match rate of the band ``score`` falls in, for seniors who preferred ``specialty``.

    Args:
        specialty: The specialty in any spelling that resolves ("Dermatology", "derm",
            "Pathology (Anatomic and Clinical)").
        score: The score whose band is wanted.

    Returns:
        The band's :class:`MatchRate`, or ``None`` if the table has no row for the
        specialty (a specialty outside the NRMP match or one the library does not know).

    Raises:
        InvalidTypeError: ``specialty`` is not a string.
        InvalidScoreError: ``score`` is off the scale.

    >>> match_rate_for("Dermatology", 255).band
    '250+'
    >>> match_rate_for("Urology", 255) is None
    True
    """
    if not isinstance(specialty, str):
        raise type_error(specialty, str, field="specialty")
    value = ScaledScore(score).value
    try:
        canonical = resolve_specialty(specialty)
    except UnknownSpecialtyError:  # a user's own specialty, or one outside the NRMP match: no rates
        return None
    for rate in _rates_by_specialty().get(canonical, ()):
        if rate.band_low <= value <= rate.band_high:
            return rate
    return None


@functools.cache
def _rates_by_specialty() -> dict[str, tuple[MatchRate, ...]]:
    """The bands of each specialty, keyed by the canonical name its Charting Outcomes name resolves to."""
    table: dict[str, list[MatchRate]] = {}
    for rate in match_rates():
        table.setdefault(resolve_specialty(rate.specialty), []).append(rate)
    return {name: tuple(rates) for name, rates in table.items()}


def _group(value: object) -> ApplicantType:
    return ApplicantType.parse(value, field="group")


def _matched(value: object) -> int:
    return check_int_range(value, field="matched", low=0)


def _preferred(value: object) -> int:
    return check_int_range(value, field="preferred", low=0)


def _share(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
        msg = f"percent must be a number from 0 to 100, got {bounded_repr(value)}"
        raise InvalidValueError(msg, field="percent", value=value, rule="a number from 0 to 100")
    return float(value)


def _check_matched(instance: SpecialtyMatchRate, _attribute: attrs.Attribute[int], preferred: int) -> None:
    if instance.matched > preferred:
        msg = f"matched must be at most preferred, got matched={instance.matched}, preferred={preferred}"
        raise InvalidValueError(msg, field="matched", value=instance.matched, rule="at most preferred")


def _check_share(instance: SpecialtyMatchRate, _attribute: attrs.Attribute[float], percent: float) -> None:
    want = 0.0 if instance.preferred == 0 else round(100 * instance.matched / instance.preferred, 1)
    if percent != want:
        shown = f"matched={instance.matched}, preferred={instance.preferred}, percent={percent:g}"
        msg = f"percent must be 100 * matched / preferred to one decimal, {want:g}, got {shown}"
        raise InvalidValueError(msg, field="percent", value=percent, rule="100 * matched / preferred, one decimal")


@attrs.frozen
class SpecialtyMatchRate:
    """Of the applicants of one group who preferred a specialty, how many matched in it, with the counts.

    A description of one Match (Charting Outcomes 2026), not the chance that a given
    applicant will match. Packaged for non-U.S. IMGs, whose own figures NRMP publishes
    per specialty; U.S. MD seniors have match rates by score band instead (:class:`MatchRate`).

    Attributes:
        group: The applicants counted (non-U.S. IMGs).
        specialty: The preferred specialty, or ``"All specialties"`` for the pooled row.
        matched: How many of them matched in the specialty.
        preferred: How many preferred it.
        percent: ``100 * matched / preferred`` to one decimal, as published.
        source: Where the figures were read.

    >>> rate = specialty_match_rate_for("non-us-img", "IM")
    >>> rate.matched, rate.preferred, rate.percent, rate.thin
    (3392, 6992, 48.5, False)
    """

    __repr__ = field_repr

    group: ApplicantType = attrs.field(converter=_group)
    specialty: str = attrs.field(validator=text_field)
    matched: int = attrs.field(converter=_matched)
    preferred: int = attrs.field(converter=_preferred, validator=_check_matched)
    percent: float = attrs.field(converter=_share, validator=_check_share)
    source: Source = attrs.field(validator=instance_of(Source))

    @property
    def thin(self) -> bool:
        """Whether fewer than 30 applicants preferred the specialty, too few to lean on."""
        return self.preferred < THIN_CELL

    def describe(self) -> str:
        """The figure in words, with its counts, as a description of the 2026 Match.

        >>> print(specialty_match_rate_for("non-us-img", "IM").describe())
        of 6,992 non-U.S. IMGs who preferred Internal Medicine, 3,392 matched: 48.5% (2026 Match)
        >>> print(specialty_match_rate_for("non-us-img", "derm").describe())
        of 30 non-U.S. IMGs who preferred Dermatology, 5 matched: 16.7% (2026 Match)
        >>> print(specialty_match_rate_for("non-us-img", "Thoracic Surgery").describe())
        of 7 non-U.S. IMGs who preferred Thoracic Surgery (Integrated), 2 matched: 28.6% (2026 Match; a thin cell:
        fewer than 30)
        >>> print(specialty_match_rate_for("non-us-img", "All specialties").describe())
        of 11,685 non-U.S. IMGs who preferred a specialty, 5,721 matched: 49.0% (2026 Match; applicant-weighted, not
        NRMP's headline, which is the unweighted mean of the specialty rates)
        """
        who = self.group.plural if self.preferred != 1 else self.group.label
        counts = f"of {self.preferred:,} {who} who preferred"
        share = f"{self.matched:,} matched: {self.percent:.1f}%"
        if self.specialty == OVERALL:
            weighting = "applicant-weighted, not NRMP's headline, which is the unweighted mean of the specialty rates"
            return f"{counts} a specialty, {share} (2026 Match; {weighting})"
        thin = f"; a thin cell: fewer than {THIN_CELL}" if self.thin else ""
        return f"{counts} {self.specialty}, {share} (2026 Match{thin})"


@functools.cache
def specialty_match_rates() -> tuple[SpecialtyMatchRate, ...]:
    """Every packaged match rate by specialty (non-U.S. IMGs, 2026 Match), the pooled row last.

    >>> rates = specialty_match_rates()
    >>> len(rates), rates[-1].specialty, rates[-1].percent
    (25, 'All specialties', 49.0)
    """
    return tuple(
        SpecialtyMatchRate(
            row.text("group"),
            row.text("specialty") if row.text("specialty") == OVERALL else row.read("specialty", resolve_specialty),
            row.read("matched", int),
            row.read("preferred", int),
            row.read("percent", float),
            row.source(),
        )
        for row in packaged_table(
            "specialty_match_rates.csv", ("group", "specialty", "matched", "preferred", "percent")
        )
    )


def specialty_match_rate_for(applicant: ApplicantType | str, specialty: str, /) -> SpecialtyMatchRate | None:
    """The match rate of the applicant's group in ``specialty``; ``None`` where none is packaged.

    Args:
        applicant: The group, as an :class:`~step2score.ApplicantType` or a word it parses.
        specialty: The specialty in any spelling that resolves, or ``"All specialties"``.

    >>> specialty_match_rate_for("non-us-img", "All specialties").percent
    49.0
    >>> specialty_match_rate_for("us-md", "IM") is None
    True
    """
    group = ApplicantType.parse(applicant)
    if not isinstance(specialty, str):
        raise type_error(specialty, str, field="specialty")
    found = _specialty_rates().get((group, specialty))  # a canonical name (as a benchmark row holds) needs no resolving
    if found is not None:
        return found
    try:
        name = specialty if specialty == OVERALL else resolve_specialty(specialty)
    except UnknownSpecialtyError:
        return None
    return _specialty_rates().get((group, name))


@functools.cache
def _specialty_rates() -> dict[tuple[ApplicantType, str], SpecialtyMatchRate]:
    return {(rate.group, rate.specialty): rate for rate in specialty_match_rates()}
