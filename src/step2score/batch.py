"""Many scores at once: :func:`evaluate_many` over an iterable of scores or keyword mappings.

:func:`~step2score.evaluate_frame` (a DataFrame at once) lives in :mod:`step2score.frame`;
it is imported here too, for code that imported it from this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from step2score.errors import InvalidValueError, Step2ScoreError
from step2score.evaluation import Evaluation, evaluate
from step2score.frame import ROW_FIELDS, evaluate_frame

__all__ = ["ROW_FIELDS", "evaluate_frame", "evaluate_many"]


def evaluate_many(items: Iterable[object], /, **common: Any) -> tuple[Evaluation, ...]:  # noqa: ANN401 - evaluate()'s keywords
    """Evaluate many scores with :func:`~step2score.evaluate`.

    Args:
        items: Scores, or mappings of :func:`~step2score.evaluate` keywords with a
            ``"score"`` key (their keywords override ``common``).
        common: Keywords applied to every item (``taken_on=``, ``specialty=`` ...).

    Raises:
        Step2ScoreError: As :func:`~step2score.evaluate` does, the message prefixed with the item's position.

    >>> results = evaluate_many([212, 230, {"score": 216, "taken_on": "2024-05-01"}], taken_on="2025-09-15")
    >>> [ev.passed for ev in results]
    [False, True, True]
    """
    results = []
    for position, item in enumerate(items):
        keywords = dict(common)
        if isinstance(item, Mapping):
            keywords |= dict(item)
            if "score" not in keywords:
                msg = f"item {position}: a mapping needs a 'score' key, got keys {sorted(item)}"
                raise InvalidValueError(msg)
            score = keywords.pop("score")
        else:
            score = item
        try:
            results.append(evaluate(score, **keywords))
        except Step2ScoreError as error:
            where = f"item {position}"
            raise error.located(where) from None
    return tuple(results)
