"""Many scores at once: :func:`evaluate_many` over an iterable of scores or keyword mappings.

:func:`~step2score.evaluate_frame` (a DataFrame at once) lives in :mod:`step2score.frame`;
it is imported here too, for code that imported it from this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from step2score.errors import InvalidValueError, Step2ScoreError, bounded_repr
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
    accepted = _keywords_of_evaluate()
    _check_keywords(common, accepted, where="evaluate_many")
    results = []
    for position, item in enumerate(items):
        keywords = dict(common)
        if isinstance(item, Mapping):
            keywords |= dict(item)
            if "score" not in keywords:
                keys = ", ".join(sorted(map(bounded_repr, item)))
                msg = f"item {position}: a mapping needs a 'score' key, got keys {keys}"
                raise InvalidValueError(msg, field="score", rule="a 'score' key")
            score = keywords.pop("score")
            _check_keywords(keywords, accepted, where=f"item {position}")
        else:
            score = item
        try:
            results.append(evaluate(score, **keywords))
        except Step2ScoreError as error:
            where = f"item {position}"
            raise error.located(where) from None
    return tuple(results)


def _keywords_of_evaluate() -> frozenset[str]:
    import inspect  # noqa: PLC0415 - only evaluate_many needs it

    parameters = inspect.signature(evaluate).parameters.values()
    return frozenset(p.name for p in parameters if p.kind is inspect.Parameter.KEYWORD_ONLY)


def _check_keywords(keywords: Iterable[object], accepted: frozenset[str], *, where: str) -> None:
    """Refuse a key evaluate() does not take, naming it and the closest ones, instead of a builtin TypeError."""
    import difflib  # noqa: PLC0415 - only a wrong key needs it

    for key in keywords:
        if key not in accepted:
            close = difflib.get_close_matches(str(key), sorted(accepted), n=3) if isinstance(key, str) else []
            hint = f"; did you mean {' or '.join(map(repr, close))}?" if close else ""
            msg = f"{where}: {bounded_repr(key)} is not a keyword of evaluate(){hint}"
            raise InvalidValueError(
                msg, field=str(key)[:80], value=key, rule="a keyword of evaluate()", suggestions=close
            )
