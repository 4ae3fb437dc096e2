"""Target setting that shows its working: benchmark + IMG buffer + prestige offset."""

from __future__ import annotations

import functools

import attrs

from step2score._data import packaged_table
from step2score._validate import SCALE_MAX, SCALE_MIN, as_int, check_instance, check_text, type_error
from step2score.applicants import ApplicantProfile, ApplicantType, ProgramTier
from step2score.benchmarks import SpecialtyBenchmark
from step2score.errors import InvalidValueError
from step2score.sources import Source

__all__ = ["Target", "TargetPart", "TargetPolicy", "default_target_policy", "target_for"]

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
        msg = f"{field} must be a (low, high) pair of integers, got {value!r}"
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


def _community_offset(value: object) -> int:
    return _points(value, field="community_offset")


def _academic_offset(value: object) -> int:
    return _points(value, field="academic_offset")


def _top_offset(value: object) -> int:
    return _points(value, field="top_offset")


def _source(_instance: object, attribute: attrs.Attribute[Source], value: object) -> None:
    check_instance(value, Source, field=attribute.name)


@attrs.frozen
class TargetPolicy:
    """The rules that turn a specialty benchmark into a target.

    The packaged policy (:func:`default_target_policy`):

    * IMG buffer: 10 to 15 points above the specialty mean for both U.S.-citizen and
      non-U.S. IMGs. Advice from the Ace Med Boards article (``advisory``), not data.
    * U.S. DO seniors: no buffer. No source gives a figure for them, so they are
      compared with the U.S. MD mean unchanged; set ``do_buffer`` to add one.
    * Prestige offsets: community -5, academic 0, top +5 points. The article names
      program prestige as a factor but gives no number: **these points are this
      library's own heuristic**, labelled so in every target.

    Change any rule with :func:`attrs.evolve`, giving the source of your figure.

    >>> import attrs
    >>> policy = attrs.evolve(default_target_policy(), top_offset=8)
    >>> policy.offset_for(ProgramTier.TOP)
    8
    """

    img_buffer: tuple[int, int] = attrs.field(converter=_img_buffer)
    img_buffer_source: Source = attrs.field(validator=_source)
    community_offset: int = attrs.field(converter=_community_offset)
    academic_offset: int = attrs.field(converter=_academic_offset)
    top_offset: int = attrs.field(converter=_top_offset)
    prestige_source: Source = attrs.field(validator=_source)
    do_buffer: tuple[int, int] = attrs.field(default=(0, 0), converter=_do_buffer, kw_only=True)
    do_buffer_source: Source | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.do_buffer_source is not None:
            check_instance(self.do_buffer_source, Source, field="do_buffer_source")
        offsets = (self.community_offset, self.academic_offset, self.top_offset)
        if list(offsets) != sorted(offsets):
            msg = (
                "prestige offsets must not fall as programs get more selective, got "
                f"community_offset={offsets[0]}, academic_offset={offsets[1]}, top_offset={offsets[2]}"
            )
            raise InvalidValueError(msg)

    def offset_for(self, tier: ProgramTier, /) -> int:
        """The prestige offset in points for programs of ``tier``.

        >>> default_target_policy().offset_for(ProgramTier.COMMUNITY)
        -5
        """
        return {
            ProgramTier.COMMUNITY: self.community_offset,
            ProgramTier.ACADEMIC: self.academic_offset,
            ProgramTier.TOP: self.top_offset,
        }[ProgramTier.parse(tier)]


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
    ('IMG buffer for a non-U.S. IMG', 10, 15, True)
    """

    label: str = attrs.field(validator=lambda _i, a, v: check_text(v, field=a.name))
    low: int
    high: int
    source: Source | None = None

    @property
    def is_heuristic(self) -> bool:
        """Whether the figure is advice or the library's own rule rather than data."""
        return self.source is not None and self.source.is_heuristic

    def describe(self) -> str:
        """The points and label in words.

        >>> target_for(default_edition()["FM"], ApplicantProfile("img", "FM")).parts[1].describe()
        '+10 to +15 IMG buffer for a non-U.S. IMG (advisory)'
        """
        points = f"{self.low:+d}" if self.low == self.high else f"{self.low:+d} to {self.high:+d}"
        note = " (advisory)" if self.is_heuristic else ""
        return f"{points} {self.label}{note}"


@attrs.frozen
class Target:
    """A score range to aim for, with the parts it is the sum of.

    Attributes:
        low: The low end of the range (the sum of the parts' lows, kept on the scale).
        high: The high end.
        parts: The benchmark, the IMG buffer and the prestige offset, in that order.
        capped: Whether the sum ran past 300 (or below 1) and was kept on the scale.
        profile: The applicant the target was set for.

    >>> t = target_for(default_edition()["psych"], ApplicantProfile("us-img", "psych"))
    >>> t.low, t.high, t.capped
    (256, 261, False)
    """

    low: int
    high: int
    parts: tuple[TargetPart, ...]
    capped: bool
    profile: ApplicantProfile

    def explain(self) -> str:
        """The working, in one line.

        >>> edition = default_edition()
        >>> profile = ApplicantProfile("non-us-img", "derm", "top")
        >>> print(target_for(edition["derm"], profile).explain())
        aim for 272 to 277 = 257 mean of matched applicants in Dermatology (Charting Outcomes 2024)
        +10 to +15 IMG buffer for a non-U.S. IMG (advisory)
        +5 step2score's prestige heuristic for top programs (advisory)
        """
        base, *rest = self.parts
        working = " ".join([f"{base.low} {base.label}", *(part.describe() for part in rest if part.high or part.low)])
        aim = str(self.low) if self.low == self.high else f"{self.low} to {self.high}"
        capped = " (capped at the scale's 300)" if self.capped else ""
        return f"aim for {aim}{capped} = {working}"


def target_for(
    benchmark: SpecialtyBenchmark, profile: ApplicantProfile, /, *, policy: TargetPolicy | None = None
) -> Target:
    """The score to aim for: the benchmark mean plus the applicant's buffer plus the prestige offset.

    Args:
        benchmark: The specialty's benchmark row.
        profile: The applicant; its type chooses the buffer and its program tier the offset.
        policy: The rules; :func:`default_target_policy` when omitted.

    Returns:
        A :class:`Target` whose parts show the working. A sum above 300 is capped at
        300 and the target says so.

    >>> edition = default_edition()
    >>> t = target_for(edition["Internal Medicine"], ApplicantProfile("us-md", "IM"))
    >>> t.low, t.high
    (250, 250)
    >>> t = target_for(edition["Dermatology"], ApplicantProfile("img", "derm", "top"))
    >>> t.low, t.high
    (272, 277)
    >>> for part in t.parts:
    ...     print(part.describe())
    +257 mean of matched applicants in Dermatology (Charting Outcomes 2024)
    +10 to +15 IMG buffer for a non-U.S. IMG (advisory)
    +5 step2score's prestige heuristic for top programs (advisory)
    """
    check_instance(benchmark, SpecialtyBenchmark, field="benchmark")
    check_instance(profile, ApplicantProfile, field="profile")
    rules = default_target_policy() if policy is None else policy
    check_instance(rules, TargetPolicy, field="policy")

    base = TargetPart(
        f"mean of matched applicants in {benchmark.specialty} ({benchmark.edition})",
        benchmark.mean,
        benchmark.mean,
        benchmark.source,
    )
    kind = profile.applicant
    if kind.is_img:
        buffer = TargetPart(f"IMG buffer for a {kind.label}", *rules.img_buffer, rules.img_buffer_source)
    elif kind is ApplicantType.US_DO_SENIOR:
        buffer = TargetPart("buffer for a U.S. DO senior", *rules.do_buffer, rules.do_buffer_source)
    else:
        buffer = TargetPart(f"no buffer for a {kind.label}", 0, 0, None)
    tier = profile.program_tier
    if tier is None:
        prestige = TargetPart("no prestige offset (no program tier given)", 0, 0, None)
    else:
        offset = rules.offset_for(tier)
        label = f"step2score's prestige heuristic for {tier.value} programs"
        prestige = TargetPart(label, offset, offset, rules.prestige_source)

    parts = (base, buffer, prestige)
    low = sum(part.low for part in parts)
    high = sum(part.high for part in parts)
    kept_low, kept_high = (min(max(v, SCALE_MIN), SCALE_MAX) for v in (low, high))
    return Target(kept_low, kept_high, parts, (kept_low, kept_high) != (low, high), profile)


@functools.cache
def default_target_policy() -> TargetPolicy:
    """The packaged target rules: IMG buffer 10 to 15 (advisory), offsets -5/0/+5 (heuristic)."""
    rows = {row.text("rule"): row for row in packaged_table("target_policy.csv", ("rule", "low", "high"))}

    def pair(rule: str) -> tuple[int, int]:
        return rows[rule].read("low", int), rows[rule].read("high", int)

    return TargetPolicy(
        img_buffer=pair("img-buffer"),
        img_buffer_source=rows["img-buffer"].source(),
        community_offset=pair("prestige-community")[0],
        academic_offset=pair("prestige-academic")[0],
        top_offset=pair("prestige-top")[0],
        prestige_source=rows["prestige-top"].source(),
    )
