"""The per-score rules, each stated once, for one score or a whole column of them.

Every function here is plain arithmetic and comparison, so the same code runs on a
Python ``int`` (what :func:`~step2score.evaluate` passes), on a numpy integer array
(what :func:`~step2score.evaluate_frame` passes) and on any object with the same
operators, a narwhals, pandas or Polars column expression among them (a test checks it):
the scalar and the batch path cannot disagree about a rule because there is only one
statement of it. numpy is never imported here; it arrives with the arrays.

Inputs are already read and validated (a :class:`~step2score.ScaledScore`'s value, a
standard's minimum, a policy's limit); these functions decide, they do not check.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast, overload

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Ints = NDArray[np.int64]
    Bools = NDArray[np.bool_]

__all__ = [
    "attempts_left",
    "close_to_standard",
    "eligible",
    "gap",
    "margin",
    "on_target",
    "passes",
    "quartile_rank",
    "tier_rank",
]


@overload
def passes(score: int, minimum: int) -> bool: ...
@overload
def passes(score: Ints, minimum: Ints | int) -> Bools: ...
@overload
def passes(score: int | Ints, minimum: int | Ints) -> bool | Bools: ...
def passes(score: int | Ints, minimum: int | Ints) -> bool | Bools:
    """Whether a score passes: it reaches the minimum (a score equal to it passes).

    >>> passes(218, 218), passes(217, 218)
    (True, False)
    """
    return score >= minimum


@overload
def margin(score: int, reference: int) -> int: ...
@overload
def margin(score: Ints, reference: Ints | int) -> Ints: ...
def margin(score: int | Ints, reference: int | Ints) -> int | Ints:
    """Points of ``score`` above ``reference`` (a standard's minimum, a specialty's mean); negative below it.

    >>> margin(247, 218), margin(210, 214)
    (29, -4)
    """
    return cast("int | Ints", score - reference)


@overload
def tier_rank(score: int, *, minimum: int, competitive: int, exceptional: int) -> int: ...
@overload
def tier_rank(score: Ints, *, minimum: Ints | int, competitive: int, exceptional: int) -> Ints: ...
def tier_rank(score: int | Ints, *, minimum: int | Ints, competitive: int, exceptional: int) -> int | Ints:
    """The tier's rank: 0 (fail) below the minimum, else 1 (pass) plus one per threshold reached.

    ``exceptional`` is above ``competitive`` (a :class:`~step2score.TierScheme` says so),
    so a score reaching it reaches both: 3 (exceptional).

    >>> [tier_rank(s, minimum=218, competitive=245, exceptional=255) for s in (217, 218, 245, 255)]
    [0, 1, 2, 3]
    """
    reached = 1 + (score >= competitive) + (score >= exceptional)
    return cast("int | Ints", passes(score, minimum) * reached)


@overload
def close_to_standard(band_low: int, band_high: int, minimum: int) -> bool: ...
@overload
def close_to_standard(band_low: Ints, band_high: Ints, minimum: Ints) -> Bools: ...
def close_to_standard(band_low: int | Ints, band_high: int | Ints, minimum: int | Ints) -> bool | Bools:
    """Whether a score band reaches across the passing minimum (``low < minimum <= high``).

    The band is the score plus or minus one SEM; pass or fail is still ``score >= minimum``.

    >>> close_to_standard(214, 226, 218), close_to_standard(224, 236, 218), close_to_standard(218, 230, 218)
    (True, False, False)
    """
    return (band_low < minimum) & (minimum <= band_high)


@overload
def quartile_rank(score: int, *, q1: int, median: int, q3: int) -> int: ...
@overload
def quartile_rank(score: Ints, *, q1: Ints, median: Ints, q3: Ints) -> Ints: ...
def quartile_rank(score: int | Ints, *, q1: int | Ints, median: int | Ints, q3: int | Ints) -> int | Ints:
    """Where a score falls among matched applicants: how many of Q1, the median and Q3 it reaches (0 to 3).

    A score on a boundary belongs to the upper interval (the median itself is "median to Q3").

    >>> [quartile_rank(s, q1=251, median=258, q3=266) for s in (250, 251, 258, 266)]
    [0, 1, 2, 3]
    """
    # 0 + first: numpy adds two boolean arrays as "or", an integer and a boolean array as numbers
    return cast("int | Ints", 0 + (score >= q1) + (score >= median) + (score >= q3))


@overload
def gap(score: int, target_low: int) -> int: ...
@overload
def gap(score: Ints, target_low: Ints) -> Ints: ...
def gap(score: int | Ints, target_low: int | Ints) -> int | Ints:
    """Points from the score up to the low end of its target; zero or negative once it reaches it.

    >>> gap(241, 272), gap(262, 250)
    (31, -12)
    """
    return cast("int | Ints", target_low - score)


@overload
def on_target(gap: int) -> bool: ...
@overload
def on_target(gap: Ints) -> Bools: ...
def on_target(gap: int | Ints) -> bool | Bools:
    """Whether a score reaches its target: its :func:`gap` is zero or negative.

    >>> on_target(0), on_target(1)
    (True, False)
    """
    return gap <= 0


@overload
def attempts_left(used: int, limit: int) -> int: ...
@overload
def attempts_left(used: Ints, limit: int) -> Ints: ...
def attempts_left(used: int | Ints, limit: int) -> int | Ints:
    """Attempts left under a limit after ``used``: never negative.

    >>> attempts_left(1, 4), attempts_left(6, 4)
    (3, 0)
    """
    left = limit - used
    return cast("int | Ints", left * (left > 0))


@overload
def eligible(left: int) -> bool: ...
@overload
def eligible(left: Ints) -> Bools: ...
def eligible(left: int | Ints) -> bool | Bools:
    """Whether another attempt is allowed: some are left.

    >>> eligible(attempts_left(3, 4)), eligible(attempts_left(4, 4))
    (True, False)
    """
    return left > 0
