"""Target setting that shows its working: a point of the applicant's own group's matched distribution.

Where the applicant's group has figures of its own for the specialty (U.S. MD seniors,
non-U.S. IMGs), the target is that group's quartile for the program tier, with no buffer.
The article's IMG buffer is a labelled fallback: it is added only where the figures are
another group's (a U.S.-citizen IMG against U.S. MD seniors; a non-U.S. IMG whose own cell
NRMP suppresses) or when the caller asks for the article's rule by name.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable

import attrs

from step2score._data import packaged_table
from step2score._validate import (
    NO_ORDER,
    SCALE_MAX,
    SCALE_MIN,
    as_int,
    as_items,
    check_instance,
    check_int_range,
    field_repr,
    flag,
    instance_of,
    parse_enum,
    text_field,
    type_error,
)
from step2score.applicants import ApplicantProfile, ApplicantType, ProgramTier
from step2score.benchmarks import THIN_CELL, SpecialtyBenchmark, Statistic
from step2score.errors import InvalidValueError, bounded_repr
from step2score.norms import NormalApproximation, NormTable, PercentileRank, percentile_of, shown_percent
from step2score.sources import Source

__all__ = [
    "BufferRule",
    "DistributionPoint",
    "Target",
    "TargetBasis",
    "TargetPart",
    "TargetPolicy",
    "article_target_policy",
    "choose_target_policy",
    "default_target_policy",
    "target_for",
]

#: A target whose low end is above this percentile rank says plainly how few examinees reach it.
RARE_PERCENTILE = 95

_MAX_POINTS = 100


def _points(value: object, *, field: str) -> int:
    number = as_int(value, field=field, rule=f"an integer from -{_MAX_POINTS} to {_MAX_POINTS}")
    if abs(number) > _MAX_POINTS:
        msg = f"{field} must be an integer from -{_MAX_POINTS} to {_MAX_POINTS}, got {number}"
        raise InvalidValueError(msg)
    return number


def _point_range(field: str, value: object) -> tuple[int, int]:
    if not isinstance(value, tuple | list):
        raise type_error(value, tuple, field=field)
    if len(value) != 2:
        msg = f"{field} must be a (low, high) pair of integers, got {bounded_repr(value)}"
        raise InvalidValueError(msg)
    low, high = (_points(v, field=field) for v in value)
    if low > high:
        msg = f"{field} must have low <= high, got ({low}, {high})"
        raise InvalidValueError(msg)
    if low < 0:
        msg = f"{field} must not be negative, got ({low}, {high})"
        raise InvalidValueError(msg)
    return low, high


def _img_buffer(value: object) -> tuple[int, int]:
    return _point_range("img_buffer", value)


def _do_buffer(value: object) -> tuple[int, int]:
    return _point_range("do_buffer", value)


def _offset(value: object, *, field: str) -> int | None:
    return None if value is None else _points(value, field=field)


def _point(value: object) -> DistributionPoint:
    return parse_enum(value, DistributionPoint, field="point")


class BufferRule(enum.StrEnum):
    """When a target adds the applicant's buffer (the article's IMG buffer, the DO buffer).

    >>> print(BufferRule("fallback").label)
    only where the figures are not the applicant's own group's
    """

    __lt__, __le__, __gt__, __ge__ = NO_ORDER

    FALLBACK = "fallback"
    ALWAYS = "always"

    @property
    def label(self) -> str:
        """The rule in words."""
        if self is BufferRule.ALWAYS:
            return "always, as the article's rule"
        return "only where the figures are not the applicant's own group's"


def _buffer_rule(value: object) -> BufferRule:
    return parse_enum(value, BufferRule, field="buffer_rule")


class TargetBasis(enum.StrEnum):
    """Whose figures a target was read from, and why.

    >>> print(TargetBasis.SUPPRESSED.label)
    the edition's cell is suppressed: U.S. MD seniors' figures, with the applicant's buffer where one applies
    """

    __lt__, __le__, __gt__, __ge__ = NO_ORDER

    OWN_GROUP = "own-group"
    OTHER_GROUP = "other-group"
    SUPPRESSED = "suppressed"
    ARTICLE_RULE = "article-rule"
    UNSTATED_GROUP = "unstated-group"

    @property
    def label(self) -> str:
        """The basis in words."""
        return _BASIS_LABELS[self]


_BASIS_LABELS = {
    TargetBasis.OWN_GROUP: "the applicant's own group's figures, no buffer",
    TargetBasis.OTHER_GROUP: "another group's figures, with the applicant's buffer where one applies",
    TargetBasis.SUPPRESSED: "the edition's cell is suppressed: U.S. MD seniors' figures, with the applicant's buffer "
    "where one applies",
    TargetBasis.ARTICLE_RULE: "the article's rule, asked for by name: U.S. MD seniors' figures and the IMG buffer",
    TargetBasis.UNSTATED_GROUP: "an edition that names no group, with the applicant's buffer where one applies",
}


def _target_parts(value: object) -> tuple[TargetPart, ...]:
    return as_items(value, TargetPart, field="parts", what="TargetParts")


def _target_basis(value: object) -> TargetBasis:
    return parse_enum(value, TargetBasis, field="basis")


class DistributionPoint(enum.StrEnum):
    """A point of a specialty's matched distribution that a program tier aims at.

    >>> DistributionPoint.Q3.label
    'Q3'
    """

    __lt__, __le__, __gt__, __ge__ = NO_ORDER

    Q1 = "q1"
    MEDIAN = "median"
    Q3 = "q3"

    @property
    def label(self) -> str:
        """The point as a report prints it ("Q1", "median", "Q3")."""
        return "median" if self is DistributionPoint.MEDIAN else self.value.upper()

    def of(self, benchmark: SpecialtyBenchmark, /) -> int | None:
        """The point's score in ``benchmark``, or ``None`` when the benchmark has no quartiles.

        >>> DistributionPoint.Q1.of(default_edition()["derm"])
        251
        """
        if self is DistributionPoint.MEDIAN:
            return benchmark.value if benchmark.statistic is Statistic.MEDIAN else None
        return benchmark.q1 if self is DistributionPoint.Q1 else benchmark.q3


@attrs.frozen
class TargetPolicy:
    """The rules that turn a specialty benchmark into a target.

    The packaged policy (:func:`default_target_policy`):

    * Program tier as a point of the matched distribution: community programs aim at
      the matched Q1, academic programs at the median, top programs at Q3. This mapping
      is **step2score's own heuristic** (``advisory``); the figures it points at are
      NRMP's. Where an edition has no quartiles, the program tier has no default effect
      and the target says so.
    * The applicant's own group: where the group has figures of its own for the
      specialty (U.S. MD seniors, non-U.S. IMGs), the target is read from them with no
      buffer (``buffer_rule="fallback"``).
    * IMG buffer: 10 to 15 points on top, for U.S.-citizen and non-U.S. IMGs measured
      against another group's figures (U.S. MD seniors'). Advice from the Ace Med Boards
      article (``advisory``), not data. ``buffer_rule="always"`` (or
      :func:`article_target_policy`) applies the article's rule instead: U.S. MD seniors'
      figures plus the buffer for every IMG.
    * U.S. DO seniors: no buffer. No source gives a figure for them, so they are
      compared with the U.S. MD figures unchanged; set ``do_buffer`` to add one.

    To add points of your own for program tiers instead, set all three offsets
    (``community_offset``, ``academic_offset``, ``top_offset``) with their source:
    the target is then the central figure plus the offset.

    >>> import attrs
    >>> policy = attrs.evolve(default_target_policy(), community_offset=-3, academic_offset=0, top_offset=4)
    >>> policy.offset_for(ProgramTier.TOP)
    4
    """

    __repr__ = field_repr

    img_buffer: tuple[int, int] = attrs.field(converter=_img_buffer)
    img_buffer_source: Source = attrs.field(validator=instance_of(Source))
    prestige_source: Source = attrs.field(validator=instance_of(Source))
    community_point: DistributionPoint = attrs.field(default=DistributionPoint.Q1, converter=_point, kw_only=True)
    academic_point: DistributionPoint = attrs.field(default=DistributionPoint.MEDIAN, converter=_point, kw_only=True)
    top_point: DistributionPoint = attrs.field(default=DistributionPoint.Q3, converter=_point, kw_only=True)
    community_offset: int | None = attrs.field(default=None, kw_only=True)
    academic_offset: int | None = attrs.field(default=None, kw_only=True)
    top_offset: int | None = attrs.field(default=None, kw_only=True)
    do_buffer: tuple[int, int] = attrs.field(default=(0, 0), converter=_do_buffer, kw_only=True)
    do_buffer_source: Source | None = attrs.field(default=None, kw_only=True)
    buffer_rule: BufferRule = attrs.field(default=BufferRule.FALLBACK, converter=_buffer_rule, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.do_buffer_source is not None:
            check_instance(self.do_buffer_source, Source, field="do_buffer_source")
        for name in _OFFSET_NAMES:
            object.__setattr__(self, name, _offset(getattr(self, name), field=name))
        offsets = (self.community_offset, self.academic_offset, self.top_offset)
        given = ", ".join(
            f"{name}={value}" for name, value in zip(_OFFSET_NAMES, offsets, strict=True) if value is not None
        )
        if given and None in offsets:
            msg = f"give all three prestige offsets or none, got {given}"
            raise InvalidValueError(msg)
        for name, values in (("prestige offsets", offsets), ("prestige points", self._points)):
            ranks = [_RANK[v] if isinstance(v, DistributionPoint) else v for v in values]
            if None not in ranks and ranks != sorted(ranks):  # type: ignore[type-var]
                msg = f"{name} must not fall as programs get more selective, got {_describe(values)}"
                raise InvalidValueError(msg)

    @property
    def _points(self) -> tuple[DistributionPoint, DistributionPoint, DistributionPoint]:
        return self.community_point, self.academic_point, self.top_point

    @property
    def uses_offsets(self) -> bool:
        """Whether the caller set point offsets for program tiers (instead of points of the distribution)."""
        return self.top_offset is not None

    def offset_for(self, tier: ProgramTier, /) -> int:
        """The caller's prestige offset in points for programs of ``tier`` (0 when no offsets are set).

        >>> default_target_policy().offset_for(ProgramTier.COMMUNITY)
        0
        """
        offsets = dict(zip(ProgramTier, (self.community_offset, self.academic_offset, self.top_offset), strict=True))
        return offsets[ProgramTier.parse(tier)] or 0

    def point_for(self, tier: ProgramTier, /) -> DistributionPoint:
        """The point of the matched distribution that programs of ``tier`` aim at.

        >>> default_target_policy().point_for(ProgramTier.TOP)
        <DistributionPoint.Q3: 'q3'>
        """
        return dict(zip(ProgramTier, self._points, strict=True))[ProgramTier.parse(tier)]


_OFFSET_NAMES = ("community_offset", "academic_offset", "top_offset")
_RANK = {DistributionPoint.Q1: 0, DistributionPoint.MEDIAN: 1, DistributionPoint.Q3: 2}


def _describe(values: tuple[object, ...]) -> str:
    return ", ".join(f"{tier.value}={getattr(v, 'value', v)}" for tier, v in zip(ProgramTier, values, strict=True))


@attrs.frozen
class TargetPart:
    """One term of a target's sum: what it is, how many points, and where the figure came from.

    Attributes:
        label: The part in words.
        low: Points at the low end of the range.
        high: Points at the high end.
        source: Where the figure came from; ``None`` for a part that adds nothing
            because no rule applies (a U.S. MD senior's IMG buffer).

    >>> part = target_for(default_edition()["FM"], ApplicantProfile("img", "FM")).parts[1]
    >>> part.label, part.low, part.high, part.is_heuristic
    ('IMG buffer for a non-U.S. IMG, measured against U.S. MD seniors', 10, 15, True)
    """

    __repr__ = field_repr

    label: str = attrs.field(validator=text_field)
    low: int
    high: int
    source: Source | None = attrs.field(default=None, validator=instance_of((Source, type(None))))

    def __attrs_post_init__(self) -> None:
        for name in ("low", "high"):
            points = check_int_range(getattr(self, name), field=name, low=-SCALE_MAX, high=SCALE_MAX)
            object.__setattr__(self, name, points)
        if self.low > self.high:
            msg = f"a target part must have low <= high, got {self.low} and {self.high} for {bounded_repr(self.label)}"
            raise InvalidValueError(msg, field="high", value=self.high, rule="at least low")

    @property
    def is_heuristic(self) -> bool:
        """Whether the figure is advice or the library's own rule rather than data."""
        return self.source is not None and self.source.is_heuristic

    def describe(self) -> str:
        """The points and label in words.

        >>> target_for(default_edition()["FM"], ApplicantProfile("img", "FM")).parts[1].describe()
        '+10 to +15 IMG buffer for a non-U.S. IMG, measured against U.S. MD seniors (advisory)'
        """
        points = f"{self.low:+d}" if self.low == self.high else f"{self.low:+d} to {self.high:+d}"
        note = " (advisory)" if self.is_heuristic else ""
        return f"{points} {self.label}{note}"


@attrs.frozen
class Target:
    """A score range to aim for, with the parts it is the sum of and how rare it is among takers.

    Attributes:
        low: The low end of the range (the sum of the parts' lows, kept on the scale).
        high: The high end.
        parts: The base (the point of the matched distribution the program tier aims at,
            or the central figure, naming whose figures they are), the applicant's buffer
            (zero where the figures are the applicant's own group's), and the caller's own
            prestige offset if the policy sets one, in that order.
        capped: Whether the sum ran past 300 (or below 1) and was kept on the scale.
        profile: The applicant the target was set for.
        basis: Whose figures the target was read from, and why (the applicant's own group,
            another group, a suppressed cell, the article's rule).
        low_percentile: The percentile rank of ``low`` among all takers of the norms used.
        high_percentile: The percentile rank of ``high`` in the same cohort.

    >>> t = target_for(default_edition()["psych"], ApplicantProfile("us-img", "psych"))
    >>> t.low, t.high, t.capped, t.basis.value
    (257, 262, False, 'other-group')
    """

    low: int
    high: int
    parts: tuple[TargetPart, ...] = attrs.field(converter=_target_parts)
    capped: bool = attrs.field(validator=flag)
    profile: ApplicantProfile = attrs.field(validator=instance_of(ApplicantProfile))
    basis: TargetBasis = attrs.field(converter=_target_basis)
    low_percentile: PercentileRank = attrs.field(validator=instance_of(PercentileRank))
    high_percentile: PercentileRank = attrs.field(validator=instance_of(PercentileRank))

    def __attrs_post_init__(self) -> None:
        """The range is the sum of its parts, kept on the scale, and says whether it was capped."""
        if not self.parts:
            msg = "target parts must not be empty: a target is the sum of at least its base"
            raise InvalidValueError(msg)
        low, high = sum(part.low for part in self.parts), sum(part.high for part in self.parts)
        kept = tuple(min(max(value, SCALE_MIN), SCALE_MAX) for value in (low, high))
        if (self.low, self.high, self.capped) != (*kept, kept != (low, high)):
            msg = (
                f"target must be the sum of its parts kept on the scale, {kept[0]} to {kept[1]} "
                f"(capped={kept != (low, high)}), got {self.low} to {self.high} (capped={self.capped})"
            )
            raise InvalidValueError(msg)
        low_rank, high_rank = self.low_percentile, self.high_percentile
        if low_rank.cohort != high_rank.cohort or low_rank.value > high_rank.value:
            msg = (
                "target percentiles must be of one cohort, low at most high, got "
                f"{low_rank.value:g} and {high_rank.value:g}"
            )
            raise InvalidValueError(msg)

    def __repr__(self) -> str:
        """One line: the range and each part's points; :meth:`explain` gives the working in words.

        >>> target_for(default_edition()["derm"], ApplicantProfile("img", "derm", "top"))
        Target(276 to 281: 266 Q3 of matched U.S. MD seniors in Dermatology + 10 to 15 IMG buffer for a non-U.S. IMG,
        measured against U.S. MD seniors)
        """
        parts = []
        for part in self.parts:
            if part.low or part.high:
                points = str(part.low) if part.low == part.high else f"{part.low} to {part.high}"
                parts.append(f"{points} {part.label.split(' (')[0].split(': ')[0]}")
        capped = ", capped" if self.capped else ""
        return f"Target({self.low} to {self.high}{capped}: {' + '.join(parts)})"

    @property
    def rare(self) -> bool:
        """Whether even the low end is above the 95th percentile rank of takers: very few examinees reach it."""
        return self.low_percentile.value > RARE_PERCENTILE

    def rarity(self) -> str:
        """How the target sits among all takers, in words; plain about it when few reach it.

        >>> print(target_for(default_edition()["IM"], ApplicantProfile()).rarity())
        254 is percentile rank 55.2 of first-time takers from LCME-accredited (U.S.) medical schools tested
        2023-07-01 to 2026-06-30, N = 67,824
        >>> print(target_for(default_edition()["derm"], ApplicantProfile("us-img", "derm", "top")).rarity())
        276 is percentile rank 98.4 of first-time takers from LCME-accredited (U.S.) medical schools tested
        2023-07-01 to 2026-06-30, N = 67,824: only about 1.6% of them score that high or higher
        """
        rank = self.low_percentile
        text = f"{self.low} is percentile rank {rank.shown} of {rank.cohort}"
        if self.rare:
            share = 100 - rank.value
            above = "fewer than 0.1" if share < 0.05 else f"only about {shown_percent(share)}"
            text += f": {above}% of them score that high or higher"
        return text

    def explain(self) -> str:
        """The working, in one line, then how the target sits among all takers.

        >>> profile = ApplicantProfile("non-us-img", "IM", "academic")
        >>> print(target_for(edition_for("non-us-img")["IM"], profile).explain())
        aim for 251 = 251 median of matched non-U.S. IMGs in Internal Medicine (Charting Outcomes 2026, non-U.S.
        IMGs), for academic programs (step2score's mapping); no buffer: the figures are the applicant's own group's
        (non-U.S. IMGs). 251 is percentile rank 46.8 of first-time takers from LCME-accredited (U.S.) medical
        schools tested 2023-07-01 to 2026-06-30, N = 67,824
        >>> older = edition_named("charting-outcomes-2024")["derm"]
        >>> print(target_for(older, ApplicantProfile("us-img", "derm", "top")).explain())
        aim for 267 to 272 = 257 mean of matched U.S. MD seniors in Dermatology (Charting Outcomes 2024; no quartiles,
        so top programs change nothing) +10 to +15 IMG buffer for a U.S.-citizen IMG, measured against U.S. MD
        seniors: no Charting Outcomes figures for U.S.-citizen IMGs are packaged (advisory). 267 is percentile rank
        87 of first-time takers from LCME-accredited (U.S.) medical schools tested 2023-07-01 to 2026-06-30, N =
        67,824
        """
        base, *rest = self.parts
        working = " ".join([f"{base.low} {base.label}", *(part.describe() for part in rest if part.high or part.low)])
        silent = [part.label for part in rest if not (part.high or part.low)]
        if silent:
            working += "; " + "; ".join(silent)
        aim = str(self.low) if self.low == self.high else f"{self.low} to {self.high}"
        capped = " (capped at the scale's 300)" if self.capped else ""
        return f"aim for {aim}{capped} = {working}. {self.rarity()}"


def choose_target_policy(policy: TargetPolicy | str | None, /) -> TargetPolicy:
    """The target policy ``policy`` stands for: itself, ``"own-group"`` (the default) or ``"article"``.

    >>> choose_target_policy("article").buffer_rule.value, choose_target_policy(None).buffer_rule.value
    ('always', 'fallback')
    """
    if policy is None:
        return default_target_policy()
    if isinstance(policy, TargetPolicy):
        return policy
    if not isinstance(policy, str):
        raise type_error(policy, (TargetPolicy, str), field="target_policy")
    named: dict[str, Callable[[], TargetPolicy]] = {
        "own-group": default_target_policy,
        "default": default_target_policy,
        "article": article_target_policy,
    }
    found = named.get(policy.strip().casefold())
    if found is None:
        rule = "a TargetPolicy, 'own-group' (the default) or 'article'"
        msg = f"target_policy must be {rule}, got {bounded_repr(policy)}"
        raise InvalidValueError(
            msg, field="target_policy", value=policy, rule=rule, suggestions=["own-group", "article"]
        )
    return found()


def target_for(
    benchmark: SpecialtyBenchmark,
    profile: ApplicantProfile,
    /,
    *,
    policy: TargetPolicy | str | None = None,
    reference: SpecialtyBenchmark | None = None,
    norms: NormTable | NormalApproximation | str | None = None,
) -> Target:
    """The score to aim for: a point of the applicant's group's matched distribution, or a labelled fallback.

    The base is the point of the distribution the program tier aims at (community Q1,
    academic median, top Q3: step2score's heuristic), or the benchmark's central figure
    when no tier is given or the edition has no quartiles (then the target says the tier
    had no effect). Where the benchmark is the applicant's own group's, nothing is added.
    Otherwise (another group's figures, a suppressed cell read from ``reference``, or the
    article's rule asked for by name) the applicant's buffer is added and the working says
    why. The caller's own offsets are added if the policy sets them.

    Args:
        benchmark: The specialty's row in the edition the applicant is measured against.
        profile: The applicant; its type chooses the buffer and its program tier the point.
        policy: The rules: a :class:`TargetPolicy`, ``"own-group"`` or ``"article"``;
            :func:`default_target_policy` when omitted.
        reference: The U.S. MD seniors' row of the same specialty, read where the
            benchmark's matched cell is suppressed or the article's rule is asked for.
        norms: The norms the target's percentile ranks are read from, as for
            :func:`~step2score.percentile_of`; the 2023-2026 table by default.

    Returns:
        A :class:`Target` whose parts show the working. A sum above 300 is capped at
        300 and the target says so.

    Raises:
        InvalidValueError: The benchmark's matched cell is suppressed and no usable
            ``reference`` row is given.

    >>> t = target_for(default_edition()["Internal Medicine"], ApplicantProfile("us-md", "IM"))
    >>> t.low, t.high, t.basis.value
    (254, 254, 'own-group')
    >>> t = target_for(edition_for("non-us-img")["IM"], ApplicantProfile("non-us-img", "IM"))
    >>> t.low, t.high, t.basis.value
    (251, 251, 'own-group')
    >>> own, us_md = edition_for("img")["derm"], default_edition()["derm"]
    >>> t = target_for(own, ApplicantProfile("img", "derm", "top"), reference=us_md)
    >>> t.low, t.high, t.basis.value
    (276, 281, 'suppressed')
    >>> for part in t.parts:
    ...     print(part.describe())
    +266 Q3 of matched U.S. MD seniors in Dermatology (Charting Outcomes 2026), for top programs
    (step2score's mapping)
    +10 to +15 IMG buffer for a non-U.S. IMG: NRMP suppresses the non-U.S. IMG figures for Dermatology (4
    matched, fewer than 5), so the target is read from U.S. MD seniors' figures (advisory)
    """
    check_instance(benchmark, SpecialtyBenchmark, field="benchmark")
    check_instance(profile, ApplicantProfile, field="profile")
    rules = choose_target_policy(policy)
    if reference is not None:
        check_instance(reference, SpecialtyBenchmark, field="reference")
        if reference.specialty != benchmark.specialty or reference.group is not ApplicantType.US_MD_SENIOR:
            rule = f"U.S. MD seniors' row of {benchmark.specialty}"
            msg = f"reference must be {rule}, got the row of {reference.who} in {bounded_repr(reference.specialty)}"
            raise InvalidValueError(msg, field="reference", value=reference.specialty, rule=rule)
    if norms is not None and not isinstance(norms, NormTable | NormalApproximation | str):
        raise type_error(norms, (NormTable, NormalApproximation, str), field="norms")
    return _target(benchmark, profile, rules, reference, norms)


@functools.lru_cache(maxsize=4096)
def _target(
    benchmark: SpecialtyBenchmark,
    profile: ApplicantProfile,
    rules: TargetPolicy,
    reference: SpecialtyBenchmark | None,
    norms: NormTable | NormalApproximation | str | None,
) -> Target:
    kind = profile.applicant
    basis, row = _basis(benchmark, kind, rules, reference)
    parts = [_base(row, profile.program_tier, rules)]
    why = _why(basis, benchmark, row, kind)
    if row.group is kind:
        parts.append(TargetPart(f"no buffer: the figures are the applicant's own group's ({kind.plural}){why}", 0, 0))
    elif kind.is_img:
        parts.append(TargetPart(f"IMG buffer for a {kind.label}{why}", *rules.img_buffer, rules.img_buffer_source))
    elif kind is ApplicantType.US_DO_SENIOR:
        label = (
            "buffer for a U.S. DO senior" if any(rules.do_buffer) else "no buffer for a U.S. DO senior (none sourced)"
        )
        parts.append(TargetPart(f"{label}{why}", *rules.do_buffer, rules.do_buffer_source))
    else:
        parts.append(TargetPart(f"no buffer for a {kind.label}{why}", 0, 0, None))
    tier = profile.program_tier
    if tier is not None and rules.uses_offsets:
        offset = rules.offset_for(tier)
        parts.append(
            TargetPart(f"your prestige offset for {tier.value} programs", offset, offset, rules.prestige_source)
        )
    low = sum(part.low for part in parts)
    high = sum(part.high for part in parts)
    kept_low, kept_high = (min(max(v, SCALE_MIN), SCALE_MAX) for v in (low, high))
    return Target(
        kept_low,
        kept_high,
        tuple(parts),
        (kept_low, kept_high) != (low, high),
        profile,
        basis,
        percentile_of(kept_low, norms=norms),
        percentile_of(kept_high, norms=norms),
    )


def _basis(
    benchmark: SpecialtyBenchmark, kind: ApplicantType, rules: TargetPolicy, reference: SpecialtyBenchmark | None
) -> tuple[TargetBasis, SpecialtyBenchmark]:
    """Whose figures the target is read from, and the row it is read from."""
    usable = reference if reference is not None and not reference.suppressed else None
    if rules.buffer_rule is BufferRule.ALWAYS:
        row = benchmark if benchmark.group in {None, ApplicantType.US_MD_SENIOR} else usable
        if row is None or row.suppressed:
            raise _no_figures(benchmark, "the article's rule reads U.S. MD seniors' figures")
        return TargetBasis.ARTICLE_RULE, row
    if benchmark.suppressed:
        if usable is None:
            raise _no_figures(benchmark)
        return TargetBasis.SUPPRESSED, usable
    if benchmark.group is None:
        return TargetBasis.UNSTATED_GROUP, benchmark
    return (TargetBasis.OWN_GROUP if benchmark.group is kind else TargetBasis.OTHER_GROUP), benchmark


def _no_figures(benchmark: SpecialtyBenchmark, why: str = "") -> InvalidValueError:
    if benchmark.suppressed:
        msg = f"no target can be set: {benchmark.describe()}, and no U.S. MD seniors' row of the specialty was given"
    else:
        msg = f"no target can be set: {why}, and no U.S. MD seniors' row of {benchmark.specialty} was given"
    return InvalidValueError(msg, field="reference", value=None, rule="U.S. MD seniors' row of the same specialty")


def _why(basis: TargetBasis, benchmark: SpecialtyBenchmark, row: SpecialtyBenchmark, kind: ApplicantType) -> str:
    """Whose figures the target reads and why, in words, starting with its separator."""
    if basis is TargetBasis.SUPPRESSED:
        count = "" if benchmark.matched_n is None else f"{benchmark.matched_n} matched, "
        group = "" if benchmark.group is None else f"{benchmark.group.label} "
        return (
            f": NRMP suppresses the {group}figures for {benchmark.specialty} ({count}fewer than 5), "
            "so the target is read from U.S. MD seniors' figures"
        )
    if basis is TargetBasis.ARTICLE_RULE:
        return ": the article's rule, asked for by name"
    if row.group is not None and row.group is not kind:
        return (
            f", measured against {row.group.plural}: no Charting Outcomes figures for {kind.plural} are packaged"
            if kind in _WITHOUT_FIGURES
            else f", measured against {row.group.plural}"
        )
    return ""


#: The applicant groups with no Charting Outcomes figures of their own in the package.
_WITHOUT_FIGURES = frozenset({ApplicantType.US_DO_SENIOR, ApplicantType.US_IMG})


def _base(benchmark: SpecialtyBenchmark, tier: ProgramTier | None, rules: TargetPolicy) -> TargetPart:
    """The first part of a target: the point of the distribution the tier aims at, or the central figure."""
    value = benchmark.value
    if value is None:  # pragma: no cover - _basis never reads a suppressed row
        raise _no_figures(benchmark)
    thin = f"; n = {benchmark.matched_n:,}, a thin cell: fewer than {THIN_CELL}" if benchmark.thin else ""
    where = f"of {benchmark.who} in {benchmark.specialty} ({benchmark.edition}{thin})"
    central = TargetPart(f"{benchmark.statistic.value} {where}", value, value, benchmark.source)
    if tier is None or rules.uses_offsets:
        return central
    point = rules.point_for(tier)
    score = point.of(benchmark)
    if score is None:
        label = f"{benchmark.statistic.value} {where[:-1]}; no quartiles, so {tier.value} programs change nothing)"
        return attrs.evolve(central, label=label)
    label = f"{point.label} {where}, for {tier.value} programs (step2score's mapping)"
    return TargetPart(label, score, score, benchmark.source)  # the figure is the edition's; the mapping is labelled


@functools.cache
def default_target_policy() -> TargetPolicy:
    """The packaged target rules: tiers at Q1/median/Q3 (heuristic), IMG buffer 10 to 15 (advisory).

    >>> default_target_policy().img_buffer, default_target_policy().point_for(ProgramTier.COMMUNITY).label
    ((10, 15), 'Q1')
    """
    rows = {row.text("rule"): row for row in packaged_table("target_policy.csv", ("rule",))}
    img = rows["img-buffer"]
    return TargetPolicy(
        img_buffer=(img.read("low", int), img.read("high", int)),
        img_buffer_source=img.source(),
        prestige_source=rows["prestige-top"].source(),
        community_point=rows["prestige-community"].text("point"),
        academic_point=rows["prestige-academic"].text("point"),
        top_point=rows["prestige-top"].text("point"),
    )


def article_target_policy() -> TargetPolicy:
    """The article's rule by name: U.S. MD seniors' figures plus the IMG buffer for every IMG.

    >>> article_target_policy().buffer_rule.value
    'always'
    """
    return attrs.evolve(default_target_policy(), buffer_rule=BufferRule.ALWAYS)
