"""Next steps: structured advice for a fail, a low pass, and competitive or exceptional scores."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import attrs

from step2score._data import packaged_table
from step2score._lazy import LazyModule
from step2score._validate import (
    SCALE_MAX,
    SCALE_MIN,
    check_instance,
    check_int_range,
    field_repr,
    instance_of,
    named_fields,
    optional_whole,
    text_field,
)
from step2score.applicants import ApplicantType
from step2score.sources import Source
from step2score.tiers import Tier

if TYPE_CHECKING:
    from step2score import policies
else:  # loaded when first read: advice on a passing score without attempts never needs it
    policies = LazyModule("step2score.policies")

__all__ = ["NextStep", "next_steps"]

#: The widest gap between two scores on the scale.
_SPAN = SCALE_MAX - SCALE_MIN


@attrs.frozen(field_transformer=named_fields)
class NextStep:
    """One piece of advice.

    Attributes:
        code: A stable identifier an app can switch on ("attempts-left", "application").
        title: A short heading.
        detail: One sentence.
        figure: A number the advice turns on (attempts left, points to the target), if any.
        source: Where the advice comes from; advice literature is ``advisory``.

    >>> step = next_steps(Tier.PASS)[0]
    >>> step.code, step.title, step.source.confidence.value
    ('application', 'Build the rest of the application', 'advisory')
    """

    __repr__ = field_repr

    code: str = attrs.field(validator=text_field)
    title: str = attrs.field(validator=text_field)
    detail: str = attrs.field(validator=text_field)
    figure: int | None = attrs.field(converter=optional_whole)
    source: Source = attrs.field(validator=instance_of(Source))


@functools.cache
def _sources() -> dict[str, Source]:
    return {row.text("code"): row.source() for row in packaged_table("advice.csv", ("code",))}


def _tier(value: object) -> Tier:
    return Tier.parse(value)


def next_steps(
    tier: Tier | str,
    /,
    *,
    attempts: policies.AttemptStatus | None = None,
    gap: int | None = None,
    specialty: str | None = None,
    applicant: ApplicantType | str | None = None,
    at_or_above_median: tuple[str, ...] = (),
    figures: str = "the median of matched applicants",
) -> tuple[NextStep, ...]:
    """What to do next, given the tier, the attempts left and the gap to a target.

    Args:
        tier: The score's tier, a :class:`~step2score.Tier` or its word ("fail").
        attempts: Attempts used and left, when known.
        gap: Points from the score to the low end of the target, when there is one.
        specialty: The target specialty, to name it in the advice.
        applicant: The applicant type. After a fail (with attempts left, or attempts
            unknown) the next steps then cite the latest pass rate of repeaters in the
            applicant's group: context, not a prediction. With no attempts left, it says
            where to turn (the school; ECFMG for an IMG).
        at_or_above_median: For a passing score, the specialties (of the edition used)
            whose matched median the score reaches, named in the advice as given (with a
            thin cell marked).
        figures: Whose figures those are, in words ("the median of matched non-U.S. IMGs").

    Raises:
        InvalidValueError: ``tier`` or ``applicant`` is a word the library does not know.
        InvalidTypeError: ``tier`` is neither a :class:`~step2score.Tier` nor a string.

    >>> [step.code for step in next_steps(Tier.FAIL, attempts=attempt_status(1, applying_on="2026-01-05"))]
    ['attempts-left', 'change-approach', 'transcript']
    >>> next_steps(Tier.FAIL, attempts=attempt_status(1, applying_on="2026-01-05"))[0].figure
    3
    >>> [step.code for step in next_steps(Tier.PASS)]
    ['application']
    >>> steps = next_steps(Tier.PASS, at_or_above_median=("Family Medicine", "Pediatrics"))
    >>> print(f"{steps[1].title}: {steps[1].detail}")
    At or above the median of matched applicants in 2 specialties: Family Medicine and Pediatrics.
    >>> last = attempt_status(4, applying_on="2026-01-05")
    >>> [step.code for step in next_steps(Tier.FAIL, attempts=last, applicant="img")]
    ['no-attempts-left', 'where-to-turn']
    >>> [step.code for step in next_steps("fail", applicant="img")]
    ['attempts-left', 'repeater-pass-rate', 'change-approach', 'transcript']
    >>> print(next_steps("fail", applicant="img")[1].detail)
    Of 1762 repeaters from non-U.S. schools, 64% passed Step 2 CK in 2024-25 (USMLE performance data). This describes
    past repeaters; it is not a prediction for you, and no source gives an average point gain on a retake.
    """
    tier = _tier(tier)
    group = None if applicant is None else ApplicantType.parse(applicant)
    if attempts is not None:
        check_instance(attempts, policies.AttemptStatus, field="attempts")
    if gap is not None:
        gap = check_int_range(gap, field="gap", low=-_SPAN, high=_SPAN)
    if specialty is not None:
        check_instance(specialty, str, field="specialty")
    check_instance(figures, str, field="figures")
    check_instance(at_or_above_median, tuple, field="at_or_above_median")
    for index, name in enumerate(at_or_above_median):
        check_instance(name, str, field=f"at_or_above_median[{index}]")
    sources = _sources()
    steps: list[NextStep] = []
    if tier is Tier.FAIL:
        steps.extend(_after_a_fail(attempts, sources, group))
    elif tier is Tier.PASS:
        steps.append(
            NextStep(
                "application",
                "Build the rest of the application",
                "Strong letters, research and a personal statement carry weight beside the score.",
                None,
                sources["low-pass"],
            )
        )
    else:
        word = "exceptional" if tier is Tier.EXCEPTIONAL else "competitive"
        steps.append(
            NextStep(
                word,
                f"Your score is {word}",
                "Programs use Step 2 CK to screen; build the rest of the application to match the score.",
                None,
                sources["low-pass"],
            )
        )
    if at_or_above_median and tier is not Tier.FAIL:
        count = len(at_or_above_median)
        steps.append(
            NextStep(
                "at-or-above-median",
                f"At or above {figures} in {count} specialt{'y' if count == 1 else 'ies'}",
                f"{_listed(at_or_above_median)}.",
                count,
                sources["low-pass"],
            )
        )
    if gap is not None and tier is not Tier.FAIL:
        where = f" for {specialty}" if specialty else ""
        if gap > 0:
            steps.append(
                NextStep(
                    "below-target",
                    f"{gap} points below the target{where}",
                    "Strengthen the other parts of the application, and consider a range of specialties and programs.",
                    gap,
                    sources["low-pass"],
                )
            )
        else:
            steps.append(
                NextStep(
                    "on-target",
                    f"On target{where}",
                    "The score reaches the target; it opens the door, and the rest of the application decides.",
                    -gap,
                    sources["low-pass"],
                )
            )
    return tuple(steps)


def _repeaters(applicant: ApplicantType) -> NextStep:
    from step2score.rates import repeater_pass_rate  # noqa: PLC0415 - only after a fail: not on a first evaluation's path

    rate = repeater_pass_rate(applicant)
    return NextStep(
        "repeater-pass-rate",
        f"Repeaters from {rate.schools}: {rate.percent}% passed in {rate.year}",
        f"Of {rate.examinees} repeaters from {rate.schools}, {rate.percent}% passed Step 2 CK in {rate.year} "
        "(USMLE performance data). This describes past repeaters; it is not a prediction for you, and no source "
        "gives an average point gain on a retake.",
        rate.percent,
        rate.source,
    )


def _after_a_fail(
    attempts: policies.AttemptStatus | None, sources: dict[str, Source], applicant: ApplicantType | None
) -> list[NextStep]:
    steps: list[NextStep] = []
    if attempts is None:
        steps.append(
            NextStep(
                "attempts-left",
                "Check how many attempts you have left",
                "USMLE allows a limited number of attempts per Step, incomplete ones included; "
                "give the number of attempts you have made to see how many remain.",
                None,
                sources["fail"],
            )
        )
    elif attempts.eligible:
        policy = attempts.policy
        steps.append(
            NextStep(
                "attempts-left",
                f"{attempts.remaining} of {policy.limit} attempts left",
                f"The limit is {policy.limit} attempts per Step, incomplete attempts included; "
                "every attempt has to count.",
                attempts.remaining,
                policy.source,
            )
        )
    else:
        policy = attempts.policy
        steps.append(
            NextStep(
                "no-attempts-left",
                "No attempts left",
                f"{attempts.used} attempts reach the limit of {policy.limit} per Step, incomplete attempts "
                "included: under this policy an examinee who reaches the limit without passing is ineligible "
                "for further attempts at Step 2 CK.",
                0,
                policy.source,
            )
        )
        steps.append(_where_to_turn(applicant, policy.source))
        return steps
    if applicant is not None and (attempts is None or attempts.eligible):
        steps.append(_repeaters(applicant))
    steps += [
        NextStep(
            "change-approach",
            "Change the study approach",
            "Repeating the same strategy tends to repeat the result: use the score report to find "
            "weak areas and rebuild the plan.",
            None,
            sources["fail"],
        ),
        NextStep(
            "transcript",
            "Every attempt shows on the transcript",
            "Programs see every attempt, passing and failing; show growth rather than hide the failure.",
            None,
            sources["transcript"],
        ),
    ]
    return steps


def _listed(names: tuple[str, ...]) -> str:
    """Names in words: ``A``, ``A and B``, ``A, B and C``."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _where_to_turn(applicant: ApplicantType | None, policy_source: Source) -> NextStep:
    """Where a student with no attempts left turns: the school, and ECFMG for an IMG."""
    if applicant is not None and applicant.is_img:
        detail = (
            "Talk to your medical school and to ECFMG (which certifies international medical graduates and "
            "publishes the attempt limit for them) about what the limit means for you and which paths remain."
        )
        return NextStep("where-to-turn", "Talk to your school and to ECFMG", detail, None, _sources()["ecfmg"])
    detail = (
        "Talk to your medical school's dean's office or student affairs about what the limit means for you "
        "and which paths remain."
    )
    return NextStep("where-to-turn", "Talk to your school", detail, None, policy_source)
