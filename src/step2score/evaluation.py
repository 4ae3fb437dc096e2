"""The one entry point: :func:`evaluate` composes every question about a score."""

from __future__ import annotations

import datetime as dt

import attrs

from step2score._validate import as_date, check_instance
from step2score.applicants import ApplicantProfile, ApplicantType, ProgramTier
from step2score.benchmarks import (
    BenchmarkEdition,
    SpecialtyBenchmark,
    SpecialtyComparison,
    compare_with_edition,
    default_edition,
    edition_named,
)
from step2score.errors import InvalidValueError
from step2score.score import ScaledScore
from step2score.standards import PassingStandard, StandardHistory, default_standards
from step2score.targets import Target, TargetPolicy, target_for
from step2score.tiers import Tier, TierScheme, default_tier_scheme, tier_of

__all__ = ["Evaluation", "evaluate"]


@attrs.frozen
class Evaluation:
    """Everything step2score says about one score, with the data it used.

    Build one with :func:`evaluate`. Every field is immutable; change an input and
    evaluate again rather than editing a result.

    Attributes:
        score: The score evaluated.
        taken_on: The test date used to choose the standard (today when none was given).
        standard: The passing standard applied.
        passed: Whether the score reaches the standard's minimum.
        margin: Score minus the minimum; negative when failing.
        tier: Fail, pass, competitive or exceptional.
        tier_scheme: The thresholds the tier was read from.
        profile: The applicant: type, target specialty and program tier.
        edition: The name of the benchmark edition compared against.
        benchmark: The target specialty's row in that edition (``None`` with no specialty).
        target: The score to aim for, with its working (``None`` with no specialty).
        gap: Points from the score to the low end of the target; zero or negative when
            the score already reaches it (``None`` with no target).
        on_target: Whether the score reaches the low end of the target.
        comparisons: The score beside every specialty of the edition, most demanding first.
    """

    score: ScaledScore
    taken_on: dt.date
    standard: PassingStandard
    passed: bool
    margin: int
    tier: Tier
    tier_scheme: TierScheme
    profile: ApplicantProfile
    edition: str
    benchmark: SpecialtyBenchmark | None
    target: Target | None
    gap: int | None
    on_target: bool | None
    comparisons: tuple[SpecialtyComparison, ...]

    def report(self) -> str:
        """A short plain-text report.

        >>> print(evaluate(247, taken_on="2025-09-15").report())
        Step 2 CK score 247, taken on 2025-09-15
          Result:    PASS (minimum 218 for exams taken on or after 2025-07-01; 29 points above)
          Tier:      competitive (competitive from 245, exceptional from 255; advisory)
        """
        word = "PASS" if self.passed else "FAIL"
        above = f"{abs(self.margin)} points {'above' if self.margin >= 0 else 'below'}"
        heuristic = "; advisory" if self.tier_scheme.source.is_heuristic else ""
        lines = [
            f"Step 2 CK score {self.score}, taken on {self.taken_on.isoformat()}",
            f"  Result:    {word} (minimum {self.standard.describe()}; {above})",
            f"  Tier:      {self.tier.value} (competitive from {self.tier_scheme.competitive}, "
            f"exceptional from {self.tier_scheme.exceptional}{heuristic})",
        ]
        if self.benchmark is not None and self.target is not None and self.gap is not None:
            b = self.benchmark
            lines.append(
                f"  Applicant: {self.profile.applicant.label}"
                + (f", {self.profile.program_tier.value} programs" if self.profile.program_tier else "")
            )
            lines.append(
                f"  Specialty: {b.specialty}: matched mean {b.mean} ({b.edition}, {b.source.confidence.value})"
            )
            lines.append(f"  Target:    {self.target.explain()}")
            reach = "reaches the target" if self.on_target else f"{self.gap} points below the target"
            lines.append(f"  Gap:       {reach}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.report()


def evaluate(
    score: ScaledScore | int | float,
    /,
    *,
    taken_on: dt.date | str | None = None,
    standard: PassingStandard | None = None,
    standards: StandardHistory | None = None,
    tier_scheme: TierScheme | None = None,
    specialty: str | None = None,
    applicant: ApplicantType | str | None = None,
    program_tier: ProgramTier | str | None = None,
    profile: ApplicantProfile | None = None,
    edition: BenchmarkEdition | str | None = None,
    target_policy: TargetPolicy | None = None,
) -> Evaluation:
    """Evaluate a Step 2 CK score.

    Args:
        score: The three-digit score (an integer from 1 to 300; ``250.0`` is read as 250).
        taken_on: The test date, which chooses the passing standard; today when omitted.
            A :class:`datetime.date` or a ``YYYY-MM-DD`` string.
        standard: Judge by this standard instead of the one in force on ``taken_on``.
        standards: The history to look the standard up in; the packaged one by default.
        tier_scheme: Competitive and exceptional thresholds; the packaged 245/255 by default.
        specialty: The target specialty in any spelling ("derm", "IM", "OB/GYN").
        applicant: The applicant type ("us-md", "do", "us-img", "non-us-img"); U.S. MD by default.
        program_tier: "community", "academic" or "top", for the prestige offset.
        profile: All three at once; give either ``profile`` or the three keywords.
        edition: The benchmark edition, by key or name ("charting-outcomes-2024",
            "ace-med-boards-2022") or your own :class:`BenchmarkEdition`; Charting Outcomes 2024 by default.
        target_policy: The buffer and offset rules; :func:`default_target_policy` by default.

    Returns:
        An immutable :class:`Evaluation`.

    Raises:
        InvalidScoreError: The score is off the scale or not integral.
        InvalidTypeError: An argument has the wrong type.
        NoStandardError: No standard is known for ``taken_on`` and none was given.
        UnknownSpecialtyError: The specialty matches no known name.
        SpecialtyNotInEditionError: The edition has no row for the specialty.
        InvalidValueError: ``profile`` was given together with the separate keywords.

    >>> ev = evaluate(247, taken_on="2025-09-15")
    >>> ev.passed, ev.margin, ev.tier
    (True, 29, <Tier.COMPETITIVE: 'competitive'>)
    >>> evaluate(216, taken_on="2024-05-01").passed
    True
    >>> evaluate(216, taken_on="2025-08-01").passed
    False
    >>> ev = evaluate(241, taken_on="2025-09-15", specialty="derm", applicant="non-us-img", program_tier="top")
    >>> ev.benchmark.mean, ev.target.low, ev.target.high, ev.gap, ev.on_target
    (257, 272, 277, 31, False)

    .. versionadded:: 0.1.0
    """
    scaled = ScaledScore(score)
    day = dt.date.today() if taken_on is None else as_date(taken_on, field="taken_on")  # noqa: DTZ011 - a test date is a calendar day
    if standard is None:
        history = default_standards() if standards is None else standards
        check_instance(history, StandardHistory, field="standards")
        standard = history.on(day)
    else:
        check_instance(standard, PassingStandard, field="standard")
    scheme = default_tier_scheme() if tier_scheme is None else tier_scheme
    check_instance(scheme, TierScheme, field="tier_scheme")
    who = _profile(profile, specialty=specialty, applicant=applicant, program_tier=program_tier)
    table = _edition(edition)
    benchmark = None if who.specialty is None else table[who.specialty]
    target = None if benchmark is None else target_for(benchmark, who, policy=target_policy)
    gap = None if target is None else target.low - scaled.value
    return Evaluation(
        score=scaled,
        taken_on=day,
        standard=standard,
        passed=standard.passes(scaled),
        margin=standard.margin(scaled),
        tier=tier_of(scaled, standard=standard, scheme=scheme),
        tier_scheme=scheme,
        profile=who,
        edition=table.name,
        benchmark=benchmark,
        target=target,
        gap=gap,
        on_target=None if gap is None else gap <= 0,
        comparisons=compare_with_edition(scaled.value, table),
    )


def _profile(
    profile: ApplicantProfile | None,
    *,
    specialty: str | None,
    applicant: ApplicantType | str | None,
    program_tier: ProgramTier | str | None,
) -> ApplicantProfile:
    separate = {"specialty": specialty, "applicant": applicant, "program_tier": program_tier}
    if profile is not None:
        check_instance(profile, ApplicantProfile, field="profile")
        given = ", ".join(f"{name}={value!r}" for name, value in separate.items() if value is not None)
        if given:
            msg = f"give either profile= or the separate keywords, not both; got profile and {given}"
            raise InvalidValueError(msg)
        return profile
    return ApplicantProfile(ApplicantType.US_MD_SENIOR if applicant is None else applicant, specialty, program_tier)


def _edition(edition: BenchmarkEdition | str | None) -> BenchmarkEdition:
    if edition is None:
        return default_edition()
    if isinstance(edition, BenchmarkEdition):
        return edition
    return edition_named(edition)
