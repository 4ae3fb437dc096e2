"""Next steps: structured advice for a fail, a low pass, and competitive or exceptional scores."""

from __future__ import annotations

import functools

import attrs

from step2score._data import packaged_table
from step2score.policies import AttemptStatus
from step2score.sources import Source
from step2score.tiers import Tier

__all__ = ["NextStep", "next_steps"]


@attrs.frozen
class NextStep:
    """One piece of advice.

    Attributes:
        code: A stable identifier an app can switch on ("attempts-left", "letters").
        title: A short heading.
        detail: One sentence.
        figure: A number the advice turns on (attempts left, points to the target), if any.
        source: Where the advice comes from; advice literature is ``advisory``.

    >>> step = next_steps(Tier.PASS)[0]
    >>> step.code, step.title, step.source.confidence.value
    ('letters', 'Secure strong letters of recommendation', 'advisory')
    """

    code: str
    title: str
    detail: str
    figure: int | None
    source: Source


@functools.cache
def _sources() -> dict[str, Source]:
    return {row.text("code"): row.source() for row in packaged_table("advice.csv", ("code",))}


def next_steps(
    tier: Tier, /, *, attempts: AttemptStatus | None = None, gap: int | None = None, specialty: str | None = None
) -> tuple[NextStep, ...]:
    """What to do next, given the tier, the attempts left and the gap to a target.

    Args:
        tier: The score's tier.
        attempts: Attempts used and left, when known.
        gap: Points from the score to the low end of the target, when there is one.
        specialty: The target specialty, to name it in the advice.

    >>> [step.code for step in next_steps(Tier.FAIL, attempts=attempt_status(1, applying_on="2026-01-05"))]
    ['attempts-left', 'change-approach', 'transcript']
    >>> next_steps(Tier.FAIL, attempts=attempt_status(1, applying_on="2026-01-05"))[0].figure
    3
    >>> [step.code for step in next_steps(Tier.PASS)]
    ['letters', 'research', 'personal-statement']
    """
    sources = _sources()
    steps: list[NextStep] = []
    if tier is Tier.FAIL:
        steps.extend(_after_a_fail(attempts, sources))
    elif tier is Tier.PASS:
        source = sources["low-pass"]
        steps += [
            NextStep(
                "letters",
                "Secure strong letters of recommendation",
                "Ask attending physicians who can speak to your clinical skills, work ethic and character.",
                None,
                source,
            ),
            NextStep(
                "research",
                "Highlight research and extracurriculars",
                "Show publications, presentations and leadership roles: they show what a test score cannot.",
                None,
                source,
            ),
            NextStep(
                "personal-statement",
                "Write a compelling personal statement",
                "Tell your story, what you learned from setbacks, and your commitment to the specialty.",
                None,
                source,
            ),
        ]
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


def _after_a_fail(attempts: AttemptStatus | None, sources: dict[str, Source]) -> list[NextStep]:
    steps: list[NextStep] = []
    if attempts is None:
        steps.append(
            NextStep(
                "attempts-left",
                "Check how many attempts you have left",
                "USMLE allows a limited number of attempts per Step, incomplete ones included; "
                "give attempts_used to see how many remain.",
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
                f"{attempts.used} attempts reach the limit of {policy.limit} per Step; "
                "another attempt is not allowed under this policy.",
                0,
                policy.source,
            )
        )
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
