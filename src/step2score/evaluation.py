"""The one entry point: :func:`evaluate` composes every question about a score."""

from __future__ import annotations

import datetime as dt

import attrs

from step2score._validate import as_date, check_instance
from step2score.score import ScaledScore
from step2score.standards import PassingStandard, StandardHistory, default_standards
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
    """

    score: ScaledScore
    taken_on: dt.date
    standard: PassingStandard
    passed: bool
    margin: int
    tier: Tier
    tier_scheme: TierScheme

    def report(self) -> str:
        """A short plain-text report.

        >>> print(evaluate(247, taken_on="2025-09-15").report())
        Step 2 CK score 247, taken on 2025-09-15
          Result:   PASS (minimum 218 for exams taken on or after 2025-07-01; 29 points above)
          Tier:     competitive (competitive from 245, exceptional from 255; advisory)
        """
        word = "PASS" if self.passed else "FAIL"
        above = f"{abs(self.margin)} points {'above' if self.margin >= 0 else 'below'}"
        heuristic = "; advisory" if self.tier_scheme.source.is_heuristic else ""
        lines = [
            f"Step 2 CK score {self.score}, taken on {self.taken_on.isoformat()}",
            f"  Result:   {word} (minimum {self.standard.describe()}; {above})",
            f"  Tier:     {self.tier.value} (competitive from {self.tier_scheme.competitive}, "
            f"exceptional from {self.tier_scheme.exceptional}{heuristic})",
        ]
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
) -> Evaluation:
    """Evaluate a Step 2 CK score.

    Args:
        score: The three-digit score (an integer from 1 to 300; ``250.0`` is read as 250).
        taken_on: The test date, which chooses the passing standard; today when omitted.
            A :class:`datetime.date` or a ``YYYY-MM-DD`` string.
        standard: Judge by this standard instead of the one in force on ``taken_on``.
        standards: The history to look the standard up in; the packaged one by default.
        tier_scheme: Competitive and exceptional thresholds; the packaged 245/255 by default.

    Returns:
        An immutable :class:`Evaluation`.

    Raises:
        InvalidScoreError: The score is off the scale or not integral.
        InvalidTypeError: An argument has the wrong type.
        NoStandardError: No standard is known for ``taken_on`` and none was given.

    >>> ev = evaluate(247, taken_on="2025-09-15")
    >>> ev.passed, ev.margin, ev.tier
    (True, 29, <Tier.COMPETITIVE: 'competitive'>)
    >>> evaluate(216, taken_on="2024-05-01").passed
    True
    >>> evaluate(216, taken_on="2025-08-01").passed
    False

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
    return Evaluation(
        score=scaled,
        taken_on=day,
        standard=standard,
        passed=standard.passes(scaled),
        margin=standard.margin(scaled),
        tier=tier_of(scaled, standard=standard, scheme=scheme),
        tier_scheme=scheme,
    )
