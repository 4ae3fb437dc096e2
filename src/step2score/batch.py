"""Many scores at once: :func:`evaluate_many` over an iterable, :func:`evaluate_frame` over a DataFrame.

``evaluate_frame`` is vectorised: every rule is applied with numpy over whole columns.
What the scalar code decides (a percentile, a target, a piece of advice) is decided once
per distinct input (at most 300 scores, a handful of specialties and dates) and spread
over the rows by index, so the batch path and :func:`~step2score.evaluate` cannot
disagree. pandas is imported only when ``evaluate_frame`` is called.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

import attrs

from step2score._validate import SCALE_MAX, SCALE_MIN, as_date, check_instance, check_int_range
from step2score.advice import next_steps
from step2score.applicants import ApplicantProfile, ApplicantType
from step2score.benchmarks import BenchmarkEdition, choose_edition
from step2score.errors import InvalidValueError, Step2ScoreError
from step2score.evaluation import Evaluation, evaluate
from step2score.norms import NormalApproximation, NormTable, percentile_of
from step2score.policies import (
    BOARD_STUDY_SPECIALTY,
    AttemptPolicy,
    AttemptStatus,
    attempt_policy_on,
    board_outcome_study,
)
from step2score.score import ScaledScore
from step2score.standards import PassingStandard, StandardHistory, default_standards
from step2score.targets import Target, TargetPolicy, target_for
from step2score.tiers import Tier, TierScheme, default_tier_scheme

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from numpy.typing import NDArray

__all__ = ["ROW_FIELDS", "evaluate_frame", "evaluate_many"]

#: The per-row inputs of :func:`evaluate_frame`, each read from a column or fixed for all rows.
ROW_FIELDS = ("taken_on", "specialty", "applicant", "program_tier", "attempts_used")
_TIERS = list(Tier)


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


@attrs.define
class _Rows:
    """Invalid rows found so far, and what to do about them."""

    index: pd.Index
    bad: NDArray[np.bool_]
    messages: NDArray[np.object_]
    coerce: bool

    def flag(self, rows: NDArray[np.bool_], error_of: Callable[[int], Step2ScoreError]) -> None:
        """Mark ``rows`` invalid: raise for the first (naming it), or keep every message."""
        import numpy as np  # noqa: PLC0415 - optional extra

        new = rows & ~self.bad
        if not new.any():
            return
        if not self.coerce:
            first = int(np.flatnonzero(new)[0])
            error = error_of(first)
            where = f"row {self.index[first]!r}"
            raise error.located(where)
        for position in np.flatnonzero(new):
            self.messages[position] = str(error_of(int(position)))
        self.bad |= new


_MISSING = object()


def _by_value(
    frame: pd.DataFrame, column: str | None, fixed: object, convert: Callable[[object], Any], rows: _Rows
) -> _Coded:
    """Convert a per-row input once per distinct value: (code per row, converted value per code)."""
    import numpy as np  # noqa: PLC0415 - optional extra
    import pandas as pd  # noqa: PLC0415

    if column is None:
        return _Coded(np.zeros(len(frame), dtype=np.intp), [convert(fixed)])
    codes, uniques = pd.factorize(frame[column], use_na_sentinel=True)
    codes = np.where(codes < 0, len(uniques), codes)
    values: list[Any] = []
    failures: list[Step2ScoreError | None] = []
    for value in [*uniques, _MISSING]:
        try:
            values.append(convert(value))
            failures.append(None)
        except Step2ScoreError as error:
            values.append(None)
            failures.append(error)
    failed = np.array([f is not None for f in failures])
    rows.flag(failed[codes], lambda i: failures[codes[i]])
    return _Coded(codes, values)


def _check_fields(
    frame: pd.DataFrame, score: str, columns: Mapping[str, str | None], fixed: Mapping[str, object]
) -> None:
    unknown = sorted(set(fixed) - set(ROW_FIELDS))
    if unknown:
        msg = f"fixed may only hold {', '.join(ROW_FIELDS)}, got {', '.join(map(repr, unknown))}"
        raise InvalidValueError(msg)
    for field, column in {"score": score, **columns}.items():
        if column is None:
            continue
        if field in fixed:
            msg = f"{field} is both a column ({field}={column!r}) and fixed ({fixed[field]!r}); give one"
            raise InvalidValueError(msg)
        if column not in frame.columns:
            msg = f"{field}={column!r} names no column of the frame; its columns are {list(frame.columns)}"
            raise InvalidValueError(msg)


def _date_of(value: object) -> dt.date:
    import pandas as pd  # noqa: PLC0415 - optional extra

    if value is _MISSING:
        msg = "taken_on is missing; give a date, or leave the column out to judge by today's standard"
        raise InvalidValueError(msg)
    if isinstance(value, pd.Timestamp) and value == value.normalize():
        value = value.date()
    return as_date(value, field="taken_on")


def _optional(value: object) -> object:
    return None if value is _MISSING else value


def _attempts(value: object) -> int | None:
    if value is _MISSING or value is None:
        return None
    return check_int_range(value, field="attempts_used", low=0)


def _advice(tier: Tier, known: bool, eligible: bool, gap_sign: int, policy: AttemptPolicy) -> str:  # noqa: FBT001
    """The advice codes for a kind of row, worked out by the scalar :func:`next_steps`."""
    status = AttemptStatus(0 if eligible else policy.limit, policy.limit if eligible else 0, policy)
    gap = {0: None, 1: 1, 2: 0}[gap_sign]
    return "; ".join(step.code for step in next_steps(tier, attempts=status if known else None, gap=gap))


def evaluate_frame(  # noqa: PLR0915 - rebuilt on rules.py in issue 10
    frame: pd.DataFrame,
    /,
    *,
    score: str = "score",
    taken_on: str | None = None,
    specialty: str | None = None,
    applicant: str | None = None,
    program_tier: str | None = None,
    attempts_used: str | None = None,
    fixed: Mapping[str, object] | None = None,
    edition: BenchmarkEdition | str | None = None,
    norms: NormTable | NormalApproximation | str | None = None,
    standards: StandardHistory | None = None,
    tier_scheme: TierScheme | None = None,
    target_policy: TargetPolicy | None = None,
    applying_on: dt.date | str | None = None,
    errors: Literal["raise", "coerce"] = "raise",
) -> pd.DataFrame:
    """Evaluate a whole DataFrame of scores at once, one result row per input row.

    Args:
        frame: The students, one per row.
        score: The column of scores. A missing score gives a row of missing results.
        taken_on: The column of test dates (dates or ``YYYY-MM-DD`` strings).
        specialty: The column of target specialties, in any spelling.
        applicant: The column of applicant types.
        program_tier: The column of program tiers.
        attempts_used: The column of attempts used (missing where not known).
        fixed: Values that are the same for every row, by field name, for example
            ``{"taken_on": "2025-09-15", "specialty": "IM"}``. A field is a column or
            fixed, never both; a field that is neither takes :func:`~step2score.evaluate`'s
            default (for the test date: today).
        edition: The benchmark edition, as for :func:`~step2score.evaluate`.
        norms: The percentile norms, as for :func:`~step2score.evaluate`.
        standards: The passing-standard history; the packaged one by default.
        tier_scheme: The tier thresholds; the packaged 245/255 by default.
        target_policy: The target rules; the packaged policy by default.
        applying_on: The next application's date, for the attempt limit; today by default.
        errors: ``"raise"`` (the default) raises on the first invalid row, naming its
            index label; ``"coerce"`` gives invalid rows missing results and adds an
            ``error`` column with each one's message.

    Returns:
        A DataFrame with the input's index and one column per result field:
        ``score``, ``taken_on``, ``minimum``, ``passed``, ``margin``, ``tier`` (an
        ordered categorical), ``percentile``, ``percentile_method``, ``specialty``,
        ``applicant``, ``program_tier``, ``edition``, ``benchmark_statistic``, ``benchmark_value``,
        ``target_low``, ``target_high``, ``target_capped``, ``gap``, ``on_target``,
        ``attempts_used``, ``attempts_remaining``, ``board_odds_ratio`` and
        ``next_steps`` (the advice codes joined by ``"; "``). The comparison with every
        specialty is left to :func:`~step2score.evaluate`.

    Raises:
        InvalidValueError: A named column is missing, or a field is both a column and fixed.
        Step2ScoreError: With ``errors="raise"``, the first invalid row's error, prefixed with its index label.

    >>> import pandas as pd
    >>> students = pd.DataFrame({"step2": [212, 241, 262], "aim": ["IM", "derm", "IM"]})
    >>> out = evaluate_frame(students, score="step2", specialty="aim", fixed={"taken_on": "2025-09-15"})
    >>> out[["passed", "tier", "target_low", "gap"]]
       passed         tier  target_low  gap
    0   False         fail         254   42
    1    True         pass         258   17
    2    True  exceptional         254   -8
    """
    import numpy as np  # noqa: PLC0415 - optional extra, imported on use
    import pandas as pd  # noqa: PLC0415

    check_instance(frame, pd.DataFrame, field="frame")
    if errors not in {"raise", "coerce"}:
        msg = f"errors must be 'raise' or 'coerce', got {errors!r}"
        raise InvalidValueError(msg)
    columns = {
        "taken_on": taken_on,
        "specialty": specialty,
        "applicant": applicant,
        "program_tier": program_tier,
        "attempts_used": attempts_used,
    }
    constants = dict(fixed or {})
    _check_fields(frame, score, columns, constants)
    history = default_standards() if standards is None else standards
    check_instance(history, StandardHistory, field="standards")
    scheme = default_tier_scheme() if tier_scheme is None else tier_scheme
    check_instance(scheme, TierScheme, field="tier_scheme")
    table = choose_edition(edition)
    today = dt.date.today()  # noqa: DTZ011 - a test date is a calendar day
    policy = attempt_policy_on(today if applying_on is None else applying_on)

    n = len(frame)
    rows = _Rows(frame.index, np.zeros(n, dtype=bool), np.full(n, None, dtype=object), errors == "coerce")
    scores, missing = _read_scores(frame[score], rows)
    rows.bad |= missing  # a row without a score gets missing results, whatever else it lacks

    def by_value(field: str, convert: Callable[[object], Any], default: object) -> _Coded:
        try:
            return _by_value(frame, columns[field], constants.get(field, default), convert, rows)
        except Step2ScoreError as error:  # only a fixed value raises here
            where = f"fixed {field}"
            raise error.located(where) from None

    dates = by_value("taken_on", _date_of, today)
    by_day = [_standard_or_error(history, day) for day in dates.values]
    rows.flag(_where(dates, [isinstance(s, Step2ScoreError) for s in by_day]), lambda i: by_day[dates.codes[i]])
    minimum = _per_row(dates, [getattr(s, "minimum", 0) for s in by_day], np.int64)
    profiles = _profiles(
        [by_value(f, _optional, _MISSING) for f in ("specialty", "applicant", "program_tier")],
        table,
        target_policy,
        rows,
    )
    attempts = by_value("attempts_used", _attempts, _MISSING)

    # Every rule, over whole columns.
    passed = scores >= minimum
    tier_codes = np.select([~passed, scores >= scheme.exceptional, scores >= scheme.competitive], [0, 3, 2], default=1)
    ranks = [percentile_of(s, norms=norms) for s in range(SCALE_MIN, SCALE_MAX + 1)]
    methods = sorted({rank.method.value for rank in ranks})
    has_target = profiles.column(lambda t: True, False, bool)
    benchmark_value = profiles.column(lambda t: table[t.profile.specialty or ""].value, 0, np.int64)
    target_low = profiles.column(lambda t: t.low, 0, np.int64)
    gap = target_low - scores
    used_known = _per_row(attempts, [v is not None for v in attempts.values], bool)
    remaining = np.maximum(policy.limit - _per_row(attempts, [v or 0 for v in attempts.values], np.int64), 0)
    in_study = profiles.column(lambda t: t.profile.specialty == BOARD_STUDY_SPECIALTY, False, bool)
    advice_codes, advice = _advice_column(
        tier_codes, used_known, remaining > 0, np.where(has_target, np.where(gap > 0, 1, 2), 0), policy
    )

    absent = missing | rows.bad
    no_target = absent | ~has_target
    no_attempts = absent | ~used_known
    method_codes = np.array([methods.index(r.method.value) for r in ranks])[scores - SCALE_MIN]
    out = pd.DataFrame(
        {
            "score": _ints(scores, absent),
            "taken_on": np.where(absent, np.datetime64("NaT", "s"), _per_row(dates, dates.values, "datetime64[s]")),
            "minimum": _ints(minimum, absent),
            "passed": _bools(passed, absent),
            "margin": _ints(scores - minimum, absent),
            "tier": _categorical(tier_codes, [t.value for t in Tier], absent, ordered=True),
            "percentile": _floats(np.array([rank.value for rank in ranks])[scores - SCALE_MIN], absent),
            "percentile_method": _categorical(method_codes, methods, absent),
            **{field: profiles.names(field, absent) for field in ("specialty", "applicant", "program_tier")},
            "edition": _categorical(np.zeros(n, dtype=np.int8), [table.name], absent),
            "benchmark_statistic": _categorical(np.zeros(n, dtype=np.int8), [table.statistic.value], no_target),
            "benchmark_value": _ints(benchmark_value, no_target),
            "target_low": _ints(target_low, no_target),
            "target_high": _ints(profiles.column(lambda t: t.high, 0, np.int64), no_target),
            "target_capped": _bools(profiles.column(lambda t: t.capped, False, bool), no_target),
            "gap": _ints(gap, no_target),
            "on_target": _bools(gap <= 0, no_target),
            "attempts_used": _ints(_per_row(attempts, [v or 0 for v in attempts.values], np.int64), no_attempts),
            "attempts_remaining": _ints(remaining, no_attempts),
            "board_odds_ratio": _floats(
                _board_odds(np.where(in_study, scores - benchmark_value, 0)), absent | ~in_study
            ),
            "next_steps": _categorical(advice_codes, advice, absent),
        },
        index=frame.index,
        copy=False,  # every column is a fresh array made above
    )
    if rows.coerce:
        out["error"] = pd.array(rows.messages, dtype="string")
    return out


@attrs.frozen
class _Coded:
    """A per-row input as a code per row and one converted value per code."""

    codes: NDArray[np.intp]
    values: list[Any]


def _per_row(coded: _Coded, per_value: Sequence[Any], dtype: Any) -> NDArray[Any]:  # noqa: ANN401 - a numpy dtype
    import numpy as np  # noqa: PLC0415 - optional extra

    return np.asarray(per_value, dtype=dtype)[coded.codes]


def _where(coded: _Coded, per_value: Sequence[bool]) -> NDArray[np.bool_]:
    return _per_row(coded, per_value, bool)


def _categorical(
    codes: NDArray[Any], names: Sequence[str], missing: NDArray[np.bool_], *, ordered: bool = False
) -> pd.Categorical[str]:
    import numpy as np  # noqa: PLC0415 - optional extra
    import pandas as pd  # noqa: PLC0415

    return pd.Categorical.from_codes(np.where(missing, -1, codes), categories=pd.Index(list(names)), ordered=ordered)


# Columns with pandas' missing values, built from values and a mask without copying.
def _ints(values: NDArray[Any], missing: NDArray[np.bool_]) -> pd.arrays.IntegerArray:
    import numpy as np  # noqa: PLC0415 - optional extra
    import pandas as pd  # noqa: PLC0415

    return pd.arrays.IntegerArray(values.astype(np.int64, copy=False), missing)


def _bools(values: NDArray[Any], missing: NDArray[np.bool_]) -> pd.arrays.BooleanArray:
    import pandas as pd  # noqa: PLC0415 - optional extra

    return pd.arrays.BooleanArray(values.astype(bool, copy=False), missing)


def _floats(values: NDArray[Any], missing: NDArray[np.bool_]) -> pd.arrays.FloatingArray:
    import numpy as np  # noqa: PLC0415 - optional extra
    import pandas as pd  # noqa: PLC0415

    return pd.arrays.FloatingArray(np.where(missing, 0.0, values), missing)


def _read_scores(raw: pd.Series, rows: _Rows) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """Scores as integers (1 where missing or invalid) and where they are missing."""
    import numpy as np  # noqa: PLC0415 - optional extra
    import pandas as pd  # noqa: PLC0415

    missing = raw.isna().to_numpy()
    if raw.dtype == bool:
        numeric = np.full(len(raw), np.nan)
    else:
        numeric = pd.to_numeric(raw, errors="coerce").to_numpy("float64", na_value=np.nan)
    on_scale = np.isfinite(numeric) & (numeric == np.floor(numeric)) & (numeric >= SCALE_MIN) & (numeric <= SCALE_MAX)
    rows.flag(~missing & ~on_scale, lambda i: _error_of(lambda: ScaledScore(raw.iloc[i])))
    return np.where(on_scale, numeric, SCALE_MIN).astype(np.int64), missing


def _standard_or_error(history: StandardHistory, day: dt.date | None) -> PassingStandard | Step2ScoreError | None:
    if day is None:
        return None
    try:
        return history.on(day)
    except Step2ScoreError as error:
        return error


@attrs.frozen
class _Profiles:
    """One profile and target per distinct (specialty, applicant, program tier), and each row's code."""

    codes: NDArray[np.intp]
    profiles: list[ApplicantProfile | Step2ScoreError]
    targets: list[Target | None]

    def column(self, get: Callable[[Target], Any], default: Any, dtype: Any) -> NDArray[Any]:  # noqa: ANN401
        import numpy as np  # noqa: PLC0415 - optional extra

        return np.asarray([default if t is None else get(t) for t in self.targets], dtype=dtype)[self.codes]

    def names(self, field: str, missing: NDArray[np.bool_]) -> pd.Categorical[str]:
        import numpy as np  # noqa: PLC0415 - optional extra

        texts = [
            None if isinstance(p, Step2ScoreError) or getattr(p, field) is None else str(getattr(p, field))
            for p in self.profiles
        ]
        names = sorted({t for t in texts if t is not None})
        codes = np.asarray([-1 if t is None else names.index(t) for t in texts])[self.codes]
        return _categorical(codes, names, missing | (codes < 0))


def _profiles(fields: list[_Coded], table: BenchmarkEdition, policy: TargetPolicy | None, rows: _Rows) -> _Profiles:
    import pandas as pd  # noqa: PLC0415 - optional extra

    spec, kind, tier = fields
    sizes = (len(kind.values), len(tier.values))
    codes, keys = pd.factorize((spec.codes * sizes[0] + kind.codes) * sizes[1] + tier.codes)
    profiles: list[ApplicantProfile | Step2ScoreError] = []
    targets: list[Target | None] = []
    for key in keys:
        choice = (
            spec.values[key // (sizes[0] * sizes[1])],
            kind.values[key // sizes[1] % sizes[0]],
            tier.values[key % sizes[1]],
        )
        try:
            profile = ApplicantProfile(choice[1] or ApplicantType.US_MD_SENIOR, choice[0], choice[2])
            specialty = profile.specialty
            targets.append(None if specialty is None else target_for(table[specialty], profile, policy=policy))
            profiles.append(profile)
        except Step2ScoreError as error:
            profiles.append(error)
            targets.append(None)
    result = _Profiles(codes, profiles, targets)
    failed = [isinstance(p, Step2ScoreError) for p in profiles]
    rows.flag(_where(_Coded(codes, profiles), failed), lambda i: profiles[codes[i]])
    return result


def _board_odds(differences: NDArray[np.int64]) -> NDArray[np.float64]:
    """The study's odds ratio for each score difference, looked up from the scalar figure for every difference."""
    import numpy as np  # noqa: PLC0415 - optional extra

    study = board_outcome_study()
    every = range(SCALE_MIN - SCALE_MAX, SCALE_MAX - SCALE_MIN + 1)
    return np.array([study.odds_for(d).odds_ratio for d in every])[differences - every[0]]


def _advice_column(
    tiers: NDArray[Any],
    known: NDArray[np.bool_],
    eligible: NDArray[np.bool_],
    gap_signs: NDArray[Any],
    policy: AttemptPolicy,
) -> tuple[NDArray[np.intp], list[str]]:
    """The advice codes per row: worked out once per kind of row by the scalar :func:`next_steps`."""
    import pandas as pd  # noqa: PLC0415 - optional extra

    kinds, keys = pd.factorize(((tiers * 2 + known) * 2 + eligible) * 3 + gap_signs)
    labels = [_advice(_TIERS[k // 12], bool(k // 6 % 2), bool(k // 3 % 2), int(k % 3), policy) for k in keys]
    label_codes, distinct = pd.factorize(pd.Series(labels, dtype=object))
    return label_codes[kinds] if len(kinds) else kinds, [str(label) for label in distinct]


def _error_of(build: Callable[[], object]) -> Step2ScoreError:
    """The error the scalar code raises for a bad value (so both paths word it alike)."""
    try:
        build()
    except Step2ScoreError as error:
        return error
    return InvalidValueError("the value was refused")  # pragma: no cover - only called for refused values
