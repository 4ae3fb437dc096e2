"""A whole DataFrame at once: :func:`evaluate_frame`, built on the scalar readers and :mod:`~step2score.rules`.

Why it agrees with :func:`~step2score.evaluate` row by row:

* Every input cell is read by the reader ``evaluate`` uses (``ScaledScore``, the date
  reader, the applicant profile with its default, ``attempt_status``), called once per
  distinct value. Values are told apart by type as well as value, so ``1`` and ``True``
  are read separately. A numeric score column is range-checked with numpy instead, and
  a refused cell gets the message ``ScaledScore`` gives for that very cell.
* Every per-score rule (pass, margin, tier, gap, on target, attempts left) is a function
  of :mod:`~step2score.rules`, applied here to whole columns.
* What the scalar code looks up in data (a percentile, a target, board odds, advice) is
  looked up once per distinct input by the scalar function and spread over the rows.
* A row's error is the first one ``evaluate`` raises for it: the fields are read in
  ``evaluate``'s order, and a row keeps its first error.

The one convention of a table: a missing test date in a ``taken_on`` column is refused
(``evaluate`` without a date judges by today's standard; a blank cell is more likely a
slip than a wish for today).

Frames of other libraries (Polars, PyArrow, Dask) arrive through narwhals: each named
column is handed to the same readers as a pandas column of its distinct values (numbers
stay numbers), and the pandas result goes back through Arrow in that library's own types.
narwhals, pandas and numpy are imported only when :func:`evaluate_frame` is called.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Generic, Literal, NamedTuple, TypeVar, cast

import attrs

from step2score import rules
from step2score._validate import SCALE_MAX, SCALE_MIN, as_date, check_instance, require_extra, type_error, type_name
from step2score.advice import next_steps
from step2score.applicants import ApplicantProfile, ApplicantType
from step2score.benchmarks import BenchmarkEdition, Quartile, SpecialtyBenchmark, Statistic, choose_edition
from step2score.errors import InvalidTypeError, InvalidValueError, Step2ScoreError, bounded_repr
from step2score.evaluation import (
    _aim,
    _band_rate,
    _default_bands,
    _default_row,
    _group_rate,
    _odds,
    _profile,
    _read_attempts,
)
from step2score.evaluation import _standard_on as _default_standard_on
from step2score.measurement import ScoreBand, Sem, percentile_band, score_band
from step2score.norms import NormalApproximation, NormTable, percentile_of
from step2score.policies import BOARD_STUDY_SPECIALTY, AttemptPolicy, AttemptStatus
from step2score.rates import MatchRate, SpecialtyMatchRate
from step2score.score import ScaledScore
from step2score.standards import StandardHistory, default_standards
from step2score.targets import Target, TargetBasis, TargetPolicy, choose_target_policy
from step2score.tiers import Tier, TierScheme, default_tier_scheme

if TYPE_CHECKING:
    import narwhals.stable.v2 as nw
    import numpy as np
    import pandas as pd
    from numpy.typing import NDArray

__all__ = ["ROW_FIELDS", "evaluate_frame"]

#: The per-row inputs of :func:`evaluate_frame`, each read from a column or fixed for all rows.
ROW_FIELDS = ("taken_on", "specialty", "applicant", "program_tier", "attempts_used")
_TIERS = list(Tier)


class _Pair(NamedTuple):
    """A distinct (specialty, applicant) pair, packed first when three codes would not fit one integer."""

    specialty: object
    applicant: object


#: Keys at or past this are not packed: the product of three codes' ranges must fit a signed 64-bit integer.
_PACKED_LIMIT = 1 << 62
_R = TypeVar("_R", MatchRate, SpecialtyMatchRate)
_Frame = TypeVar("_Frame")  # the caller's kind of frame comes back
_APPLICANTS = list(ApplicantType)
_MISSING = object()  # a missing cell, before its reader says what that means
_SCALE = list(range(SCALE_MIN, SCALE_MAX + 1))
_SCALE_LENGTH = SCALE_MAX - SCALE_MIN + 1
_SHORT_RANGE = 64  # an integer column within this many values is coded by offset, every value between read


def evaluate_frame(  # noqa: PLR0915 - one column per result field, each a line
    frame: _Frame,
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
    standard_history: StandardHistory | None = None,
    tier_scheme: TierScheme | None = None,
    target_policy: TargetPolicy | str | None = None,
    applying_on: dt.date | str | None = None,
    sem: Sem | float | None = None,
    errors: Literal["raise", "coerce"] = "raise",
) -> _Frame:
    """Evaluate a whole DataFrame of scores at once, one result row per input row, in the caller's kind of frame.

    pandas, Polars (eager or lazy), PyArrow tables and Dask frames are taken, through
    narwhals, and the result is of the same kind: pandas with nullable ``Int64``,
    ``boolean`` and ``Float64`` columns and categoricals; Polars with ``Int64``,
    ``Boolean``, ``Float64``, ``Date`` and ``Categorical`` columns (``Enum`` for the
    ordered ``tier`` and ``position``); PyArrow with ``int64``, ``bool``, ``double``,
    ``date32`` and dictionary columns (int32 codes). A lazy frame (Polars, Dask) is
    collected, evaluated and given back lazy.

    Each cell is read as :func:`~step2score.evaluate` reads the same value, refusals and
    messages included; a missing cell means the keyword was not given (a missing score
    gives a row of missing results, never an error; a missing test date is refused).

    Args:
        frame: The students, one per row: a pandas, Polars or Dask DataFrame, a Polars
            LazyFrame or a PyArrow Table.
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
        standard_history: The passing-standard history; the packaged one by default.
        tier_scheme: The tier thresholds; the packaged 245/255 by default.
        target_policy: The target rules; the packaged policy by default.
        applying_on: The next application's date, for the attempt limit; today by default.
        sem: The standard error of measurement for the score bands, as for
            :func:`~step2score.evaluate`; the packaged 6 points by default.
        errors: ``"raise"`` (the default) raises the error of the first invalid row,
            naming its index label (pandas, Dask) or row number (others); ``"coerce"``
            gives invalid rows missing results and adds an ``error`` column with each
            one's message.

    Returns:
        A frame of the input's kind (pandas: with the input's index), one column per result field:
        ``score``, ``taken_on``, ``minimum``, ``passed``, ``margin``, ``tier`` (an
        ordered categorical), ``percentile``, ``percentile_method``, ``score_band_low``,
        ``score_band_high`` (score +/- 1 SEM), ``percentile_band_low``,
        ``percentile_band_high``, ``close_to_standard`` (the band straddles the
        minimum), ``specialty``, ``applicant``, ``program_tier``, ``edition`` (each row's:
        the applicant's own group's by default), ``figures_group`` (whose figures the row
        uses), ``date_assumed`` (no test date given, so today's was used),
        ``benchmark_statistic``, ``benchmark_value`` (missing where NRMP suppresses the
        cell), ``benchmark_q1``, ``benchmark_q3``, ``benchmark_thin`` (fewer than 30 matched),
        ``position`` (the quartile of the matched distribution the score falls in, an
        ordered categorical), ``above_not_matched``, ``target_low``, ``target_high``,
        ``target_capped``, ``target_basis``, ``target_low_percentile``,
        ``target_high_percentile``, ``gap``, ``on_target``, ``attempts_used``,
        ``attempts_remaining``, ``match_rate_band``, ``match_rate_percent``,
        ``match_rate_seniors`` (U.S. MD seniors' band rate, for a passing score only),
        ``specialty_match_rate_percent``, ``specialty_match_rate_matched``,
        ``specialty_match_rate_preferred`` (the group's rate in the specialty, non-U.S. IMGs),
        ``board_odds_ratio`` and ``next_steps`` (the advice codes joined by ``"; "``). The
        comparison with every specialty, and the tier thresholds' percentile ranks (the same
        for every row: :attr:`Evaluation.threshold_percentiles`), are left to
        :func:`~step2score.evaluate`.

    Raises:
        InvalidTypeError: ``frame`` is not a frame narwhals knows.
        MissingExtraError: narwhals or pandas (or, for a frame other than pandas, PyArrow) is not installed.
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
    >>> evaluate_frame(pd.DataFrame({"score": [250, True]}))
    Traceback (most recent call last):
        ...
    step2score.errors.InvalidTypeError: row 1: score must be an integer from 1 to 300, got bool True

    .. versionchanged:: 0.2.0
       Polars, PyArrow and Dask frames, through narwhals, each given back as its own kind.
    """
    require_extra("pandas", "pandas")
    import numpy as np  # noqa: PLC0415 - optional extra, imported on use
    import pandas as pd  # noqa: PLC0415

    # a pandas frame is read as it is (its index labels name the rows); any other kind through narwhals
    data = None if isinstance(frame, pd.DataFrame) else _narwhals_frame(frame)
    applying_on = _check_arguments(score, fixed, errors, applying_on)
    columns = {
        "taken_on": taken_on,
        "specialty": specialty,
        "applicant": applicant,
        "program_tier": program_tier,
        "attempts_used": attempts_used,
    }
    constants = dict(fixed or {})
    _check_fields(list(frame.columns if data is None else data.columns), score, columns, constants)  # type: ignore[attr-defined]
    table: pd.DataFrame
    if data is None:
        table, kind = cast("pd.DataFrame", frame), None
    else:
        table, kind = _pandas_view(data, [score, *filter(None, columns.values())])
    history = default_standards() if standard_history is None else standard_history
    check_instance(history, StandardHistory, field="standard_history")
    scheme = default_tier_scheme() if tier_scheme is None else tier_scheme
    check_instance(scheme, TierScheme, field="tier_scheme")
    if edition is not None:
        choose_edition(edition)  # refused here, before any row is read, as evaluate() refuses it
    policy = None if target_policy is None else choose_target_policy(target_policy)
    today = dt.date.today()  # noqa: DTZ011 - a test date is a calendar day

    # The fields in evaluate()'s order, so each row keeps the error evaluate() would raise first.
    scores, missing = _read_scores(table[score])
    spread = None
    if all(column is None for column in columns.values()):
        spread, scores, missing = _by_score_cell(scores, missing)
    size = len(missing)
    put = _Put(spread)

    def read(field: str, reader: Callable[[object], Any], default: object) -> _Coded:
        column = columns[field]
        if column is None:
            value = constants.get(field)
            try:
                return _Coded(np.zeros(size, dtype=np.intp), [reader(default if value is None else value)])
            except Step2ScoreError as error:
                where = f"fixed {field}"
                raise error.located(where) from None
        return _read_column(table[column], reader)

    rows = _Rows(missing, np.zeros(size, dtype=bool), {})
    rows.flag_coded(scores)
    at, score_values = scores.at_and_values()
    date_assumed = taken_on is None and constants.get("taken_on") is None
    dates = read("taken_on", _date, today)
    by_day = _each(dates.values, functools.partial(_standard_on, history))
    rows.flag_coded(_Coded(dates.codes, by_day))
    minimums = [getattr(s, "minimum", SCALE_MIN) for s in by_day]  # a refused day's placeholder: its row is absent
    minimum = _Coded(dates.codes, minimums).column(SCALE_MIN, np.int64)
    raw = [read(f, _optional, None) for f in ("specialty", "applicant", "program_tier")]
    profiles = _profiles(
        raw, edition, policy, norms, shared=edition is None and target_policy is None and norms is None
    )
    del raw  # the per-row codes of each field are no longer needed: a profile code per row is
    rows.flag_coded(profiles.coded)

    attempts = read("attempts_used", lambda v: None if v is None else _read_attempts(v, applying_on), None)
    rows.flag_coded(attempts)
    per_score = _per_score_cached(norms, sem)
    if per_score is None:  # a bad sem or norms: read score by score, as evaluate() reads them
        per_score = _per_score_read(norms, sem, rows, score_values)

    # Every per-score rule, over whole columns; what comes from data, once per distinct input.
    band_low = per_score.band_low[at]
    band_high = per_score.band_high[at]
    # the rules of (minimum, score) once per distinct minimum and score of the scale, when that is fewer than rows
    by_minimum = _ByScore(minimums, dates.codes, at)
    passed = by_minimum.rule(lambda m, s, _: rules.passes(s, m), minimum, score_values, at)
    rates = _match_rates(profiles, score_values, passed)
    tier_codes = by_minimum.rule(
        lambda m, s, _: rules.tier_rank(s, minimum=m, competitive=scheme.competitive, exceptional=scheme.exceptional),
        minimum,
        score_values,
        at,
    )
    close = by_minimum.rule(
        lambda m, _, a: rules.close_to_standard(per_score.band_low[a], per_score.band_high[a], m),
        minimum,
        score_values,
        at,
    )
    target_low = profiles.column(lambda t: t.low, SCALE_MIN, np.int64)
    gap = rules.gap(score_values, target_low)
    statuses = [s if isinstance(s, AttemptStatus) else None for s in attempts.values]
    attempts_policy = next((s.policy for s in statuses if s is not None), None)
    # the attempt rules once per distinct attempts cell, then spread over the rows
    used_each = np.array([0 if s is None else s.used for s in statuses], dtype=np.int64)
    remaining_each = rules.attempts_left(used_each, 0 if attempts_policy is None else attempts_policy.limit)
    attempts_kind = [
        (s is not None) * 2 + bool(eligible)
        for s, eligible in zip(statuses, rules.eligible(remaining_each).tolist(), strict=True)
    ]
    used = attempts.per_row(used_each, np.int64)
    remaining = attempts.per_row(remaining_each, np.int64)
    benchmark_value = profiles.of_benchmark(lambda b: b.value or 0, 0, np.int64)
    statistics = [s.value for s in Statistic]
    statistic_codes = profiles.of_benchmark(lambda b: statistics.index(b.statistic.value), 0, np.int8)
    q1 = profiles.of_benchmark(lambda b: b.q1 or 0, 0, np.int64)
    q3 = profiles.of_benchmark(lambda b: b.q3 or 0, 0, np.int64)
    quartiles = _ByScore(
        [None if b is None else (b.q1 or 0, b.value or 0, b.q3 or 0) for b in profiles.benchmarks],
        profiles.coded.codes,
        at,
    ).rule(
        lambda q, s, _: rules.quartile_rank(s, q1=q[0], median=q[1], q3=q[2]),
        (q1, benchmark_value, q3),
        score_values,
        at,
        missing=(0, 0, 0),
    )
    not_matched = profiles.of_benchmark(lambda b: b.not_matched_median or 0, 0, np.int64)
    on_target = rules.on_target(gap)
    lowest_median = profiles.lowest_central()
    advice_codes, advice = _advice_column(
        tier_codes,
        attempts=attempts.per_row_or_one(attempts_kind, np.intp),
        profiles=profiles,
        above=~on_target,
        reaches=score_values >= lowest_median,
        policy=attempts_policy,
    )

    # Where a column has no value: the absent rows (no score, or an error) and the rows its data lacks.
    lacking = _Lacking(rows.absent if rows.absent.any() else None)
    no_target = lacking(profiles.lacks(lambda t, b: t is None))
    group_rates = profiles.group_rates()
    no_specialty_rate = lacking(group_rates.lacks(lambda r: r is None))
    no_benchmark = lacking(profiles.lacks(lambda t, b: b is None))
    no_value = lacking(profiles.lacks(lambda t, b: b is None or b.value is None))
    no_quartiles = lacking(profiles.lacks(lambda t, b: b is None or b.q1 is None or b.q3 is None))
    no_not_matched = lacking(
        profiles.lacks(lambda t, b: b is None or b.q1 is None or b.q3 is None or b.not_matched_median is None)
    )
    no_attempts = lacking(attempts.lacks([s is None for s in statuses]))
    del attempts
    in_study = profiles.column(lambda t: t.profile.specialty == BOARD_STUDY_SPECIALTY, False, bool)
    everything = lacking(None)
    when = lacking.dates(dates.column(None, "datetime64[s]"))
    out = pd.DataFrame(
        {
            "score": put.ints(score_values, everything),
            "taken_on": put.spread(when),
            "minimum": put.ints(minimum, everything),
            "passed": put.bools(passed, everything),
            "margin": put.ints(rules.margin(score_values, minimum), everything),
            "tier": put.categorical(tier_codes, [t.value for t in Tier], everything, ordered=True),
            "percentile": put.floats(per_score.percentile[at], everything),
            "percentile_method": put.categorical(per_score.method_codes[at], per_score.methods, everything),
            "score_band_low": put.ints(band_low, everything),
            "score_band_high": put.ints(band_high, everything),
            "percentile_band_low": put.floats(per_score.percentile_low[at], everything),
            "percentile_band_high": put.floats(per_score.percentile_high[at], everything),
            "close_to_standard": put.bools(close, everything),
            **{field: profiles.names(field, everything, put) for field in ("specialty", "applicant", "program_tier")},
            "edition": profiles.table_names(lambda t: t.name, everything, put),
            "figures_group": profiles.table_names(
                lambda t: None if t.group is None else t.group.value, everything, put
            ),
            "date_assumed": put.bools(np.full(size, date_assumed), everything),
            "benchmark_statistic": put.categorical(statistic_codes, statistics, no_benchmark),
            "benchmark_value": put.ints(benchmark_value, no_value),
            "benchmark_q1": put.ints(q1, no_quartiles),
            "benchmark_q3": put.ints(q3, no_quartiles),
            "benchmark_thin": put.bools(profiles.of_benchmark(lambda b: b.thin, False, bool), no_benchmark),
            "position": put.categorical(quartiles, [q.label for q in Quartile], no_quartiles, ordered=True),
            "above_not_matched": put.ints(rules.margin(score_values, not_matched), no_not_matched),
            "target_low": put.ints(target_low, no_target),
            "target_high": put.ints(profiles.column(lambda t: t.high, 0, np.int64), no_target),
            "target_capped": put.bools(profiles.column(lambda t: t.capped, False, bool), no_target),
            "target_basis": put.categorical(
                profiles.column(lambda t: _BASES.index(t.basis), 0, np.int8), _BASES, no_target
            ),
            "target_low_percentile": put.floats(
                profiles.column(lambda t: t.low_percentile.value, 0.0, np.float64), no_target
            ),
            "target_high_percentile": put.floats(
                profiles.column(lambda t: t.high_percentile.value, 0.0, np.float64), no_target
            ),
            "gap": put.ints(gap, no_target),
            "on_target": put.bools(on_target, no_target),
            "attempts_used": put.ints(used, no_attempts),
            "attempts_remaining": put.ints(remaining, no_attempts),
            "match_rate_band": rates.names(lambda r: r.band, everything, put),
            "match_rate_percent": put.ints(
                rates.column(lambda r: r.percent or 0, 0, np.int64),
                lacking(rates.lacks(lambda r: r is None or r.percent is None)),
            ),
            "match_rate_seniors": put.ints(
                rates.column(lambda r: r.seniors, 0, np.int64), lacking(rates.lacks(lambda r: r is None))
            ),
            "specialty_match_rate_percent": put.floats(
                group_rates.column(lambda r: r.percent, 0.0, np.float64), no_specialty_rate
            ),
            "specialty_match_rate_matched": put.ints(
                group_rates.column(lambda r: r.matched, 0, np.int64), no_specialty_rate
            ),
            "specialty_match_rate_preferred": put.ints(
                group_rates.column(lambda r: r.preferred, 0, np.int64), no_specialty_rate
            ),
            "board_odds_ratio": put.floats(
                _study_odds(profiles, in_study, at, score_values, benchmark_value),
                lacking(~in_study),
            ),
            "next_steps": put.categorical(advice_codes, advice, everything),
        },
        index=table.index,
        copy=False,  # every column is a fresh array made above
    )
    rows = rows.spread(spread, messages=errors == "coerce")
    if errors == "raise":
        rows.raise_first(table.index)
    else:
        out["error"] = pd.array(rows.messages(), dtype="string")
    return out if data is None else _as_kind(out, data, kind)  # type: ignore[return-value]  # the caller's kind


def _by_score_cell(scores: _Coded, missing: NDArray[np.bool_]) -> tuple[NDArray[np.intp], _Coded, NDArray[np.bool_]]:
    """Each row's code among the distinct score cells (missing included), and those cells' scores and misses.

    When every other field is fixed, a row's results depend on its score cell alone: they
    are worked out once per distinct cell and spread over the rows.
    """
    import numpy as np  # noqa: PLC0415 - optional extra

    no_score = len(scores.values)  # the code of a missing cell
    spread, distinct = _factorize(
        np.where(missing, no_score, scores.codes) if missing.any() else scores.codes, no_score + 1
    )
    codes = distinct.astype(np.intp)
    if len(codes) and codes[-1] == no_score:  # a missing cell keeps the code it was read with
        codes[-1] = scores.codes[np.argmax(missing)]
    return spread, _Coded(codes, scores.values), distinct == no_score


def _check_fields(names: list[Any], score: str, columns: Mapping[str, str | None], fixed: Mapping[str, object]) -> None:
    unknown = sorted(set(fixed) - set(ROW_FIELDS))
    if unknown:
        msg = f"fixed may only hold {', '.join(ROW_FIELDS)}, got {', '.join(map(repr, unknown))}"
        raise InvalidValueError(msg)
    duplicated = sorted({str(name) for name in names if names.count(name) > 1})
    for field, column in {"score": score, **columns}.items():
        if column is None:
            continue
        if not isinstance(column, str):
            raise type_error(column, str, field=field)
        if column in duplicated:
            count = names.count(column)
            msg = f"{field}={bounded_repr(column)} names {count} columns of the frame; rename them"
            raise InvalidValueError(msg, field=field, value=column, rule="a column named once")
        if field in fixed:
            msg = (
                f"{field} is both a column ({field}={bounded_repr(column)}) "
                f"and fixed ({bounded_repr(fixed[field])}); give one"
            )
            raise InvalidValueError(msg)
        if column not in names:
            msg = f"{field}={bounded_repr(column)} names no column of the frame; its columns are {bounded_repr(names)}"
            raise InvalidValueError(msg)


@attrs.frozen
class _Coded:
    """A per-row input as a code per row and one read value (or the reader's error) per code."""

    codes: NDArray[np.intp]
    values: list[Any]

    def per_row(self, per_value: list[Any] | NDArray[Any], dtype: Any) -> NDArray[Any]:  # noqa: ANN401 - a numpy dtype
        import numpy as np  # noqa: PLC0415 - optional extra

        return _fill_or_take(np.asarray(per_value, dtype=dtype), self.codes)

    def per_row_or_one(self, per_value: list[Any], dtype: Any) -> NDArray[Any] | int:  # noqa: ANN401 - a numpy dtype
        """The values per row; the one value itself when every value is the same (numpy spreads it)."""
        if per_value and all(v == per_value[0] for v in per_value):
            return int(per_value[0])
        return self.per_row(per_value, dtype)

    def lacks(self, per_value: list[bool]) -> NDArray[np.bool_] | None:
        """Where a row's value lacks something (``per_value`` says which values do); ``None`` when none does."""
        return self.per_row(per_value, bool) if any(per_value) else None

    def at_and_values(self) -> tuple[NDArray[np.intp], NDArray[np.int64]]:
        """Scores: each row's place on the scale and its score (fresh), ``SCALE_MIN`` where the reader refused it."""
        if len(self.values) == SCALE_MAX - SCALE_MIN + 1 and self.values == _SCALE:  # the codes are the places
            return self.codes, self.codes + SCALE_MIN
        values = self.column(SCALE_MIN, "int64")
        return values - SCALE_MIN, values

    def any_failed(self) -> bool:
        """Whether the reader refused any value."""
        return any(isinstance(v, Step2ScoreError) for v in self.values)

    def failed(self) -> NDArray[np.bool_]:
        return self.per_row([isinstance(v, Step2ScoreError) for v in self.values], bool)

    def column(self, placeholder: object, dtype: Any) -> NDArray[Any]:  # noqa: ANN401 - a numpy dtype
        """The values per row, ``placeholder`` where the reader refused the value."""
        return self.per_row([placeholder if isinstance(v, Step2ScoreError) else v for v in self.values], dtype)


@attrs.define
class _Rows:
    """Each row's first error; rows without a score are never in error."""

    missing: NDArray[np.bool_]
    bad: NDArray[np.bool_]
    errors: dict[int, Step2ScoreError]  # by row position: only the rows in error

    @property
    def absent(self) -> NDArray[np.bool_]:
        """Rows with missing results: no score, or an error."""
        return self.missing | self.bad

    def flag_coded(self, coded: _Coded) -> None:
        """Keep the reader's error for each row that has a score and no earlier error."""
        import numpy as np  # noqa: PLC0415 - optional extra

        if not coded.any_failed():
            return
        failed = coded.failed() & ~self.absent
        for position in np.flatnonzero(failed).tolist():
            self.errors[position] = coded.values[coded.codes[position]]
        self.bad |= failed

    def raise_first(self, index: pd.Index) -> None:
        """Raise the first invalid row's error, naming its index label."""
        import numpy as np  # noqa: PLC0415 - optional extra

        bad = np.flatnonzero(self.bad)
        if len(bad):
            first = int(bad[0])
            label = index[first]
            label = label.item() if isinstance(label, np.generic) else label
            error = self.errors[first]
            where = f"row {bounded_repr(label)}"
            raise error.located(where)

    def spread(self, at: NDArray[np.intp] | None, *, messages: bool) -> _Rows:
        """The rows at these positions (of distinct inputs), where there is an error or a message to give."""
        import numpy as np  # noqa: PLC0415 - optional extra

        if at is None or not (messages or self.bad.any()):
            return self
        bad = self.bad[at]
        errors = {position: self.errors[int(at[position])] for position in np.flatnonzero(bad).tolist()}
        return _Rows(self.missing[at], bad, errors)

    def messages(self) -> list[str | None]:
        texts = {position: str(error) for position, error in self.errors.items()}
        return [texts.get(position) for position in range(len(self.bad))]


def _check_arguments(score: object, fixed: object, errors: object, applying_on: object) -> dt.date | None:
    """The arguments that name no column, checked before any row is read, whether or not a row will use them."""
    if not isinstance(errors, str) or errors not in {"raise", "coerce"}:
        msg = f"errors must be 'raise' or 'coerce', got {bounded_repr(errors)}"
        raise InvalidValueError(msg, field="errors", value=errors, rule="'raise' or 'coerce'")
    check_instance(score, str, field="score")
    if fixed is not None and not isinstance(fixed, Mapping):
        raise type_error(fixed, Mapping, field="fixed")
    return None if applying_on is None else as_date(applying_on, field="applying_on")


def _each(values: list[Any], read: Callable[[Any], Any]) -> list[Any]:
    """``read`` applied to each value, a refused value giving its error; an earlier error is passed on."""
    out: list[Any] = []
    for value in values:
        if isinstance(value, Step2ScoreError):
            out.append(value)
            continue
        try:
            out.append(read(value))
        except Step2ScoreError as error:
            out.append(error)
    return out


def _distinct(column: pd.Series, *, missing_last: bool = False) -> tuple[NDArray[np.intp], list[Any]]:
    """A code per row and the distinct values, told apart by type too (1 is not True).

    A missing cell's code is -1, or with ``missing_last`` the number of distinct values.
    A categorical column's own codes are used.
    """
    import numpy as np  # noqa: PLC0415 - optional extra
    import pandas as pd  # noqa: PLC0415

    if isinstance(column.dtype, pd.CategoricalDtype):
        # pandas keeps categories distinct (1 and True, 1 and 1.0 are one category) and never missing
        categories = column.cat.categories
        codes: NDArray[Any] = column.cat.codes.to_numpy().astype(np.intp)
        if len(categories) > len(codes):  # more categories than rows (a wide dtype): only those used are read
            used = np.unique(codes[codes >= 0])
            place = np.full(len(categories) + 1, -1, dtype=np.intp)  # the last place stands for a missing cell
            place[used] = np.arange(len(used))
            codes = place[codes]
            categories = categories[used]
        uniques = list(np.asarray(categories, dtype=object))
        if missing_last and len(codes) and codes.min() < 0:
            codes = np.where(codes < 0, len(uniques), codes)
        return codes, uniques
    if column.dtype == object:
        codes, uniques = _distinct_objects(column.to_numpy())
    elif _short_range(column):  # whole numbers, none missing: each number of the range a value, coded by offset
        whole = column.to_numpy()
        low = int(whole.min())
        return np.subtract(whole, low, dtype=np.intp), list(range(low, int(whole.max()) + 1))
    else:
        codes, found = pd.factorize(column, use_na_sentinel=True)
        uniques = list(found)
    if missing_last:
        codes = np.where(codes < 0, len(uniques), codes)
    return codes, uniques


def _short_range(column: pd.Series) -> bool:
    """Whether a column is numpy integers spanning fewer than ``_SHORT_RANGE`` values."""
    import numpy as np  # noqa: PLC0415 - optional extra

    if not (isinstance(column.dtype, np.dtype) and column.dtype.kind == "i" and len(column)):
        return False
    whole = column.to_numpy()
    return int(whole.max()) - int(whole.min()) < _SHORT_RANGE


def _distinct_objects(values: NDArray[np.object_]) -> tuple[NDArray[np.intp], list[Any]]:
    import numpy as np  # noqa: PLC0415 - optional extra
    import pandas as pd  # noqa: PLC0415

    codes = np.full(len(values), -1, dtype=np.intp)
    seen: dict[tuple[type, object], int] = {}
    uniques: list[Any] = []
    for position in np.flatnonzero(~pd.isna(values)):
        value = values[position]
        try:
            code = seen.setdefault((type(value), value), len(uniques))
        except TypeError:  # unhashable: read on its own
            code = len(uniques)
        if code == len(uniques):
            uniques.append(value)
        codes[position] = code
    return codes, uniques


def _read_column(column: pd.Series, reader: Callable[[object], Any]) -> _Coded:
    """Read a column once per distinct value (a missing cell as ``None``): codes per row, a value or error per code."""
    codes, uniques = _distinct(column, missing_last=True)
    return _Coded(codes, _each([*uniques, _MISSING], lambda v: reader(None if v is _MISSING else v)))


def _read_scores(column: pd.Series) -> tuple[_Coded, NDArray[np.bool_]]:
    """The scores as ``ScaledScore`` reads them, and where they are missing.

    An integer or float column is checked with numpy; a cell it refuses is read by
    ``ScaledScore`` for its message. Any other column is read once per distinct value.
    """
    import numpy as np  # noqa: PLC0415 - optional extra
    import pandas as pd  # noqa: PLC0415

    def scaled(value: object) -> int:
        return ScaledScore(value).value

    if not (pd.api.types.is_integer_dtype(column.dtype) or pd.api.types.is_float_dtype(column.dtype)):
        codes, uniques = _distinct(column)
        missing = codes < 0
        return _Coded(np.where(missing, len(uniques), codes), [*_each(uniques, scaled), SCALE_MIN]), missing
    if isinstance(column.dtype, np.dtype) and column.dtype.kind in "iu":  # no missing cells, all whole numbers
        whole = column.to_numpy()
        if ((whole >= SCALE_MIN) & (whole <= SCALE_MAX)).all():
            return _Coded((whole - SCALE_MIN).astype(np.intp), list(_SCALE)), np.zeros(len(whole), dtype=bool)
    missing = column.isna().to_numpy()
    numeric = column.to_numpy("float64", na_value=np.nan)
    with np.errstate(invalid="ignore"):
        on_scale = (numeric == np.floor(numeric)) & (numeric >= SCALE_MIN) & (numeric <= SCALE_MAX)
    refused = ~missing & ~on_scale
    values: list[Any] = list(_SCALE)
    codes = np.where(on_scale, numeric - SCALE_MIN, 0).astype(np.intp)
    if refused.any():
        bad_codes, bad_uniques = _distinct(column[refused])
        codes[refused] = bad_codes + len(values)
        values += _each(list(bad_uniques), scaled)
    return _Coded(codes, values), missing


class _PerScore(NamedTuple):
    """What depends on the score alone (with the norms and SEM), for every score of the scale, in score order."""

    band_low: NDArray[np.int64]
    band_high: NDArray[np.int64]
    percentile_low: NDArray[np.float64]
    percentile_high: NDArray[np.float64]
    percentile: NDArray[np.float64]
    method_codes: NDArray[np.intp]
    methods: list[str]


def _per_score_cached(norms: object, sem: object) -> _PerScore | None:
    """The per-score tables for these norms and SEM, kept between calls; ``None`` when they are refused."""
    try:
        return _per_score(norms, sem)
    except (Step2ScoreError, TypeError):  # a refused or unhashable value: the caller reads it score by score
        return None


@functools.lru_cache(maxsize=32, typed=True)
def _per_score(norms: Any, sem: Any) -> _PerScore:  # noqa: ANN401 - as evaluate() takes them
    """Each score's band, percentile and percentile band, from the scalar functions (and their caches)."""
    import numpy as np  # noqa: PLC0415 - optional extra

    every = range(SCALE_MIN, SCALE_MAX + 1)
    if norms is None and sem is None:  # the packaged figures, shared with evaluate()
        found = [_default_bands(s) for s in every]
    else:
        bands = [score_band(s, sem=sem) for s in every]
        found = [(b, percentile_of(b.score, norms=norms), percentile_band(b, norms=norms)) for b in bands]
    methods = sorted({rank.method.value for _, rank, _ in found})
    return _PerScore(
        np.array([band.low for band, _, _ in found], dtype=np.int64),
        np.array([band.high for band, _, _ in found], dtype=np.int64),
        np.array([ranks.low.value for _, _, ranks in found], dtype=float),
        np.array([ranks.high.value for _, _, ranks in found], dtype=float),
        np.array([rank.value for _, rank, _ in found], dtype=float),
        np.array([methods.index(rank.method.value) for _, rank, _ in found], dtype=np.intp),
        methods,
    )


def _per_score_read(norms: object, sem: object, rows: _Rows, scores: NDArray[np.int64]) -> _PerScore:
    """The per-score tables read score by score: a refused SEM is each row's error, refused norms raise."""
    import numpy as np  # noqa: PLC0415 - optional extra

    every_score = list(range(SCALE_MIN, SCALE_MAX + 1))
    bands = _Coded(scores - SCALE_MIN, _each(every_score, lambda s: score_band(s, sem=sem)))  # type: ignore[arg-type]
    rows.flag_coded(bands)  # a bad sem, as evaluate() reads it: after every per-row input
    low = [getattr(b, "low", SCALE_MIN) for b in bands.values]
    high = [getattr(b, "high", SCALE_MIN) for b in bands.values]
    percentile_bands = [
        percentile_band(b, norms=norms) if isinstance(b, ScoreBand) else None  # type: ignore[arg-type]
        for b in bands.values
    ]
    ranks = [percentile_of(s, norms=norms) for s in every_score]  # type: ignore[arg-type]
    methods = sorted({rank.method.value for rank in ranks})
    return _PerScore(
        np.array(low, dtype=np.int64),
        np.array(high, dtype=np.int64),
        np.array([0.0 if b is None else b.low.value for b in percentile_bands], dtype=float),
        np.array([0.0 if b is None else b.high.value for b in percentile_bands], dtype=float),
        np.array([rank.value for rank in ranks], dtype=float),
        np.array([methods.index(r.method.value) for r in ranks], dtype=np.intp),
        methods,
    )


def _date(value: object) -> dt.date:
    """The test-date reader: ``evaluate``'s, after refusing a missing cell."""
    if value is None:
        msg = "taken_on is missing; give a date, or leave the column out to judge by today's standard"
        raise InvalidValueError(msg)
    if type(value) is str:  # a date column's texts are read once each, and kept between calls
        return _date_text(value)
    return as_date(value, field="taken_on")


@functools.lru_cache(maxsize=8192)
def _date_text(value: str) -> dt.date:
    return as_date(value, field="taken_on")


def _standard_on(history: StandardHistory, day: dt.date) -> object:
    """``history.on(day)``; for the packaged history through :func:`evaluate`'s cache (each day read once)."""
    if history is default_standards():
        return _default_standard_on(day)
    return history.on(day)


def _optional(value: object) -> object:
    return value


@attrs.frozen
class _Profiles:
    """One profile and target per distinct (specialty, applicant, program tier), and each row's code."""

    coded: _Coded  # a profile or its error per code
    benchmarks: list[SpecialtyBenchmark | None]
    targets: list[Target | None]
    tables: list[BenchmarkEdition | None]

    def group_rates(self) -> _Rates[SpecialtyMatchRate]:
        """The match rate by specialty of each profile's group, looked up once per profile."""
        return _Rates(_Coded(self.coded.codes, [None if b is None else _group_rate(b) for b in self.benchmarks]))

    def lowest_central(self) -> NDArray[Any]:
        """The lowest central figure of each row's edition (past the scale where it has none), once per edition."""
        import numpy as np  # noqa: PLC0415 - optional extra

        lowest: dict[int, int] = {}
        for t in self.tables:
            if t is not None and id(t) not in lowest:
                lowest[id(t)] = min((b.value for b in t if b.value is not None), default=SCALE_MAX + 1)
        return self.coded.per_row([0 if t is None else lowest[id(t)] for t in self.tables], np.int64)

    def table_names(
        self, get: Callable[[BenchmarkEdition], str | None], missing: NDArray[np.bool_] | None, put: _Put
    ) -> pd.Categorical[str]:
        return _names(self.coded, [None if t is None else get(t) for t in self.tables], missing, put)

    def of_benchmark(self, get: Callable[[SpecialtyBenchmark], Any], default: Any, dtype: Any) -> NDArray[Any]:  # noqa: ANN401
        return self.coded.per_row([default if b is None else get(b) for b in self.benchmarks], dtype)

    def column(self, get: Callable[[Target], Any], default: Any, dtype: Any) -> NDArray[Any]:  # noqa: ANN401
        return self.coded.per_row([default if t is None else get(t) for t in self.targets], dtype)

    def lacks(self, lacking: Callable[[Target | None, SpecialtyBenchmark | None], bool]) -> NDArray[np.bool_] | None:
        """Where a row's target and benchmark lack something; ``None`` when no row's do."""
        return self.coded.lacks([lacking(t, b) for t, b in zip(self.targets, self.benchmarks, strict=True)])

    def names(self, field: str, missing: NDArray[np.bool_] | None, put: _Put) -> pd.Categorical[str]:
        texts = [
            None if not isinstance(p, ApplicantProfile) or getattr(p, field) is None else str(getattr(p, field))
            for p in self.coded.values
        ]
        return _names(self.coded, texts, missing, put)


def _profiles(
    fields: list[_Coded],
    edition: BenchmarkEdition | str | None,
    policy: TargetPolicy | None,
    norms: NormTable | NormalApproximation | str | None,
    *,
    shared: bool,
) -> _Profiles:
    """Each distinct triple read as ``evaluate`` reads it: profile (with its default applicant), edition, row, target.

    With ``shared``, the packaged editions and policy are used through :func:`evaluate`'s cache.
    """
    import numpy as np  # noqa: PLC0415 - optional extra

    spec, kind, tier = fields
    spec_codes, spec_values = spec.codes, spec.values
    if len(spec.values) * len(kind.values) * len(tier.values) >= _PACKED_LIMIT:
        # the three codes packed together would not fit one integer: pack the first two, then their distinct pairs
        pair = np.multiply(spec.codes, len(kind.values), dtype=np.int64)
        pair += kind.codes
        spec_codes, pairs = _factorize(pair, len(spec.values) * len(kind.values))
        spec_values = [
            _Pair(spec.values[p // len(kind.values)], kind.values[p % len(kind.values)]) for p in pairs.tolist()
        ]
        kind = _Coded(np.zeros(len(pair), dtype=np.intp), [None])  # the applicant now travels in the pair
        del pair
    sizes = (len(kind.values), len(tier.values))
    key = np.multiply(spec_codes, sizes[0], dtype=np.intp)  # codes may be small integers: one array, in place
    key += kind.codes
    key *= sizes[1]
    key += tier.codes
    codes, keys = _factorize(key, len(spec_values) * sizes[0] * sizes[1])
    del key
    profiles: list[ApplicantProfile | Step2ScoreError] = []
    benchmarks: list[SpecialtyBenchmark | None] = []
    targets: list[Target | None] = []
    tables: list[BenchmarkEdition | None] = []
    for key in keys:
        specialty: Any = spec_values[key // (sizes[0] * sizes[1])]
        applicant: Any = kind.values[key // sizes[1] % sizes[0]]
        if isinstance(specialty, _Pair):  # a packed (specialty, applicant) pair
            specialty, applicant = specialty.specialty, specialty.applicant
        program_tier = tier.values[key % sizes[1]]
        try:
            found = _default_row(specialty, applicant, program_tier) if shared else None
            if found is None:
                who = _profile(None, specialty=specialty, applicant=applicant, program_tier=program_tier)
                found = _aim(who, edition, policy, norms)
            profile, table, benchmark, target = found
            targets.append(target)
            benchmarks.append(benchmark)
            profiles.append(profile)
            tables.append(table)
        except Step2ScoreError as error:
            profiles.append(error)
            benchmarks.append(None)
            targets.append(None)
            tables.append(None)
    return _Profiles(_Coded(codes, profiles), benchmarks, targets, tables)


@attrs.frozen
class _Rates(Generic[_R]):
    """A match rate (or ``None``) per code, and each row's code."""

    coded: _Coded  # a rate or None per code

    def column(self, get: Callable[[_R], Any], default: Any, dtype: Any) -> NDArray[Any]:  # noqa: ANN401
        return self.coded.per_row([default if r is None else get(r) for r in self.coded.values], dtype)

    def lacks(self, lacking: Callable[[_R | None], bool]) -> NDArray[np.bool_] | None:
        """Where a row's match rate lacks something; ``None`` when no row's does."""
        return self.coded.lacks([lacking(r) for r in self.coded.values])

    def names(self, get: Callable[[_R], str], missing: NDArray[np.bool_] | None, put: _Put) -> pd.Categorical[str]:
        return _names(self.coded, [None if r is None else get(r) for r in self.coded.values], missing, put)


def _names(coded: _Coded, texts: list[str | None], missing: NDArray[np.bool_] | None, put: _Put) -> pd.Categorical[str]:
    """A categorical of each row's text (one per value), missing where the text is ``None`` or ``missing`` says so."""
    names = sorted({t for t in texts if t is not None})
    codes = coded.per_row([-1 if t is None else names.index(t) for t in texts], _code_dtype(names))
    if None in texts:
        missing = codes < 0 if missing is None else missing | (codes < 0)
    return put.categorical(codes, names, missing)


def _code_dtype(names: list[str]) -> Any:  # noqa: ANN401 - a numpy dtype
    """The smallest dtype of categorical codes for these names, as pandas keeps them."""
    import numpy as np  # noqa: PLC0415 - optional extra

    return np.int8 if len(names) < np.iinfo(np.int8).max else np.intp


def _match_rates(profiles: _Profiles, scores: NDArray[np.int64], passed: NDArray[np.bool_]) -> _Rates[MatchRate]:
    """The scalar band rate (through :func:`evaluate`'s cache), once per distinct (benchmark row, score).

    A failing score gets none, as in :func:`evaluate`: a pass is required to match.
    """
    import numpy as np  # noqa: PLC0415 - optional extra

    rows = list({id(b): b for b in profiles.benchmarks if b is not None}.values())
    code_of = {id(b): 1 + index for index, b in enumerate(rows)}
    row_codes = profiles.coded.per_row([0 if b is None else code_of[id(b)] for b in profiles.benchmarks], np.intp)
    row_codes = np.where(passed, row_codes, 0)
    codes, keys = _factorize(row_codes * (SCALE_MAX + 1) + scores, (len(rows) + 1) * (SCALE_MAX + 1))
    rates: list[MatchRate | None] = []
    for key in keys:
        row_code, score = divmod(int(key), SCALE_MAX + 1)
        rates.append(None if row_code == 0 else _band_rate(rows[row_code - 1], score))
    return _Rates(_Coded(codes, rates))


_BASES = [basis.value for basis in TargetBasis]


@functools.cache
def _odds_table() -> NDArray[np.float64]:
    """The study's odds ratio for every possible score difference, from the scalar figure (kept between calls)."""
    import numpy as np  # noqa: PLC0415 - optional extra

    return np.array([_odds(d).odds_ratio for d in range(SCALE_MIN - SCALE_MAX, SCALE_MAX - SCALE_MIN + 1)])


def _study_odds(
    profiles: _Profiles,
    in_study: NDArray[np.bool_],
    at: NDArray[Any],
    scores: NDArray[np.int64],
    benchmark_value: NDArray[np.int64],
) -> NDArray[np.float64]:
    """The study's odds ratio per row (any value outside the study's specialty, where the column is missing).

    The profiles in the study share its specialty, so (nearly always) one benchmark
    value: then each score's odds are looked up once and spread by score.
    """
    import numpy as np  # noqa: PLC0415 - optional extra

    values = {
        0 if b is None else (b.value or 0)
        for t, b in zip(profiles.targets, profiles.benchmarks, strict=True)
        if t is not None and t.profile.specialty == BOARD_STUDY_SPECIALTY
    }
    if not values:
        return np.zeros(len(at))
    if len(values) > 1:
        return _board_odds(rules.margin(scores, benchmark_value) * in_study)
    odds: NDArray[np.float64] = _board_odds(rules.margin(np.arange(SCALE_MIN, SCALE_MAX + 1), values.pop()))[at]
    return odds


def _board_odds(differences: NDArray[np.int64]) -> NDArray[np.float64]:
    """The study's odds ratio for each score difference, looked up from the scalar figure for every difference."""
    return _odds_table()[differences - (SCALE_MIN - SCALE_MAX)]


@functools.lru_cache(maxsize=1024)
def _advice(kind: tuple[int, int, int, int, int, int], policy: AttemptPolicy | None) -> str:
    """The advice codes for a kind of row, worked out by the scalar :func:`next_steps`.

    A kind is (tier rank, attempts known, another allowed, gap sign: 0 none, 1 above the
    target, 2 on it, applicant type's index, whether the score reaches some specialty's
    matched median). Only the codes are kept, so which specialties those are does not matter.
    """
    tier, known, eligible, gap_sign, applicant, reaches = kind
    attempts = None
    if known and policy is not None:
        attempts = AttemptStatus(0 if eligible else policy.limit, policy.limit if eligible else 0, policy)
    gap = {0: None, 1: 1, 2: 0}[gap_sign]
    steps = next_steps(
        _TIERS[tier],
        attempts=attempts,
        gap=gap,
        applicant=_APPLICANTS[applicant],
        at_or_above_median=("a specialty",) if reaches else (),
    )
    return "; ".join(step.code for step in steps)


def _factorize(keys: NDArray[Any], size: int) -> tuple[NDArray[np.intp], NDArray[Any]]:
    """A code per row and the distinct keys, for keys in ``range(size)``: by a lookup table when that is small."""
    import numpy as np  # noqa: PLC0415 - optional extra
    import pandas as pd  # noqa: PLC0415

    if size > max(len(keys), 1 << 16):
        codes, distinct = pd.factorize(keys)
        return codes, np.asarray(distinct)
    seen = np.zeros(size, dtype=bool)
    seen[keys] = True
    distinct = np.flatnonzero(seen)
    lookup = np.zeros(size, dtype=np.intp)
    lookup[distinct] = np.arange(len(distinct))
    return lookup[keys], distinct


def _advice_column(
    tiers: NDArray[Any],
    *,
    attempts: NDArray[np.intp] | int,
    profiles: _Profiles,
    above: NDArray[np.bool_],
    reaches: NDArray[np.bool_],
    policy: AttemptPolicy | None,
) -> tuple[NDArray[Any], list[str]]:
    """The advice codes per row: worked out once per kind of row by the scalar :func:`next_steps`.

    A row's key is its tier, whether attempts are known and another is allowed
    (``attempts``: 2 if known, plus 1 if allowed), its profile (whether it has a target,
    its applicant type) and whether its gap is above zero; each distinct key is read as
    :func:`_advice`'s kind. The advice names are in the order of those kinds.
    """
    import numpy as np  # noqa: PLC0415 - optional extra

    count = len(profiles.coded.values)
    has_target = [t is not None for t in profiles.targets]
    applicants = [
        _APPLICANTS.index(p.applicant) if isinstance(p, ApplicantProfile) else 0 for p in profiles.coded.values
    ]
    key = np.multiply(tiers, 4, dtype=np.intp)  # in place from here: no more temporaries than one
    key += attempts
    key *= count
    key += profiles.coded.codes
    key *= 2
    key += above
    key *= 2
    key += reaches
    size = len(_TIERS) * 4 * count * 4  # at most 64 a row: a table of every kind, marked where present
    seen = np.zeros(size, dtype=bool)
    seen[key] = True
    distinct = np.flatnonzero(seen)
    rest, reach = np.divmod(distinct, 2)
    rest, gap_above = np.divmod(rest, 2)
    tier_and_attempts, profile = np.divmod(rest, count)
    tier, attempts_kind = np.divmod(tier_and_attempts, 4)
    gap_sign = np.where(np.asarray(has_target, dtype=bool)[profile], 2 - gap_above, 0)
    kinds = list(
        zip(
            tier.tolist(),
            (attempts_kind // 2).tolist(),
            (attempts_kind % 2).tolist(),
            gap_sign.tolist(),
            np.asarray(applicants, dtype=np.intp)[profile].tolist(),
            reach.tolist(),
            strict=True,
        )
    )
    labels = {kind: _advice(kind, policy) for kind in sorted(set(kinds))}
    names = list(dict.fromkeys(labels.values()))
    at = np.array([names.index(labels[kind]) for kind in kinds], dtype=_code_dtype(names))
    table = np.zeros(size, dtype=at.dtype)
    table[distinct] = at
    return table[key], names


def _fill_or_take(table: NDArray[Any], codes: NDArray[np.intp]) -> NDArray[Any]:
    """``table[codes]``; filled instead when the table holds one value (zeros, which cost no writing until read)."""
    import numpy as np  # noqa: PLC0415 - optional extra

    if not len(table) or not (table == table[0]).all():
        return np.take(table, codes)
    if table.dtype.kind in "biu" and not table[0]:
        return np.zeros(len(codes), dtype=table.dtype)
    return np.full(len(codes), table[0], dtype=table.dtype)


@functools.lru_cache(maxsize=256)
def _category_dtype(names: tuple[str, ...], *, ordered: bool) -> pd.CategoricalDtype:
    """A categorical dtype, made once per list of names (making one checks its categories)."""
    import pandas as pd  # noqa: PLC0415 - optional extra

    return pd.CategoricalDtype(pd.Index(list(names)), ordered=ordered)


class _ByScore:
    """A rule of (a per-row input, the score), worked out once per distinct input and score of the scale.

    With fewer such pairs than rows, each row's result is gathered from that table by the
    row's key (input code times the scale's length, plus the score's place); otherwise
    the rule runs over the rows. Either way the rule is the one of :mod:`~step2score.rules`.
    """

    def __init__(self, per_value: list[Any], codes: NDArray[Any], at: NDArray[Any]) -> None:
        import numpy as np  # noqa: PLC0415 - optional extra

        self.inputs = list(dict.fromkeys(per_value))
        self.key: NDArray[np.intp] | None = None
        if not self.inputs or len(self.inputs) * _SCALE_LENGTH > len(at):
            return
        if len(self.inputs) == 1:
            self.key = at
            return
        place = {value: index for index, value in enumerate(self.inputs)}
        key = _fill_or_take(np.array([place[v] for v in per_value], dtype=np.intp), codes)
        key *= _SCALE_LENGTH
        key += at
        self.key = key

    def rule(
        self,
        rule: Callable[[Any, NDArray[np.int64], NDArray[np.intp]], NDArray[Any]],
        per_row: Any,  # noqa: ANN401 - the input per row, as the rule takes it
        scores: NDArray[np.int64],
        at: NDArray[np.intp],
        *,
        missing: object = None,
    ) -> NDArray[Any]:
        """``rule(input, scores, places)`` per row; ``missing`` stands for an input of ``None`` in the table."""
        import numpy as np  # noqa: PLC0415 - optional extra

        if self.key is None:
            return rule(per_row, scores, at)
        scale = np.arange(SCALE_MIN, SCALE_MAX + 1, dtype=np.int64)
        places = np.arange(_SCALE_LENGTH, dtype=np.intp)
        table = np.concatenate([rule(missing if v is None else v, scale, places) for v in self.inputs])
        if table.dtype.kind == "i" and len(table) and table.min() >= -128 and table.max() <= 127:
            table = table.astype(np.int8)  # ranks and flags: small numbers, gathered faster
        return table[self.key]


class _Lacking:
    """Where a column has no value: the absent rows (no score, or an error; ``None`` if none) and the rows given."""

    def __init__(self, absent: NDArray[np.bool_] | None) -> None:
        self.absent = absent

    def __call__(self, rows: NDArray[np.bool_] | None) -> NDArray[np.bool_] | None:
        if rows is None or self.absent is None:
            return self.absent if rows is None else rows
        return self.absent | rows

    def dates(self, days: NDArray[np.datetime64]) -> NDArray[np.datetime64]:
        """The days, not a time (NaT) where a row is absent."""
        import numpy as np  # noqa: PLC0415 - optional extra

        return days if self.absent is None else np.where(self.absent, np.datetime64("NaT", "s"), days)


class _Put:
    """Builds the output columns, with pandas' missing values, from values and a mask.

    With ``spread`` (a code per output row), the values given are one per distinct input
    and are spread over the rows: a value that is the same for every distinct input is
    filled, not gathered.

    Each column owns its memory: an array already given to a column (a mask several
    columns share, say) is copied for the next, so writing to one column never changes another.
    """

    def __init__(self, spread: NDArray[np.intp] | None) -> None:
        self.at = spread
        self._given: dict[int, NDArray[Any]] = {}  # by id; kept, so an id is not reused meanwhile

    def spread(self, values: NDArray[Any]) -> NDArray[Any]:
        """The values per output row, owned by the column they are for."""
        return self._own(values if self.at is None else _fill_or_take(values, self.at))

    def _own(self, array: NDArray[Any]) -> NDArray[Any]:
        if id(array) in self._given:
            return array.copy()
        self._given[id(array)] = array
        return array

    def _mask(self, missing: NDArray[np.bool_] | None, size: int) -> NDArray[np.bool_]:
        import numpy as np  # noqa: PLC0415 - optional extra

        if missing is None:
            return np.zeros(size, dtype=bool)
        return self.spread(missing)

    def categorical(
        self, codes: NDArray[Any], names: list[str], missing: NDArray[np.bool_] | None, *, ordered: bool = False
    ) -> pd.Categorical[str]:
        """A categorical; with no ``missing`` rows, the codes are in range by construction and taken as they are."""
        import numpy as np  # noqa: PLC0415 - optional extra
        import pandas as pd  # noqa: PLC0415

        dtype: Any = _category_dtype(tuple(names), ordered=ordered)  # of text categories
        small = np.int8 if len(names) < np.iinfo(np.int8).max else np.int64
        if missing is None and self.at is None:
            return pd.Categorical.from_codes(self._own(codes.astype(small, copy=False)), dtype=dtype, validate=False)
        if missing is not None:
            codes = np.where(missing, -1, codes)
        codes = codes.astype(small, copy=False)
        if self.at is None:
            return pd.Categorical.from_codes(self._own(codes), dtype=dtype)
        checked = pd.Categorical.from_codes(codes, dtype=dtype).codes  # checked once per distinct input
        return pd.Categorical.from_codes(self.spread(checked), dtype=dtype, validate=False)

    def ints(self, values: NDArray[Any], missing: NDArray[np.bool_] | None) -> pd.arrays.IntegerArray:
        import numpy as np  # noqa: PLC0415 - optional extra
        import pandas as pd  # noqa: PLC0415

        if self.at is not None and missing is not None:  # what a missing value hides is not an answer: zero
            values = np.where(missing, 0, values)
        values = self.spread(values.astype(np.int64, copy=False))
        return pd.arrays.IntegerArray(values, self._mask(missing, len(values)))

    def bools(self, values: NDArray[Any], missing: NDArray[np.bool_] | None) -> pd.arrays.BooleanArray:
        import pandas as pd  # noqa: PLC0415 - optional extra

        if self.at is not None and missing is not None:
            values = values & ~missing
        values = self.spread(values.astype(bool, copy=False))
        return pd.arrays.BooleanArray(values, self._mask(missing, len(values)))

    def floats(self, values: NDArray[Any], missing: NDArray[np.bool_] | None) -> pd.arrays.FloatingArray:
        """Floats, zero where missing."""
        import numpy as np  # noqa: PLC0415 - optional extra
        import pandas as pd  # noqa: PLC0415

        if missing is not None:
            values = np.where(missing, 0.0, values)
        values = self.spread(values)
        return pd.arrays.FloatingArray(values, self._mask(missing, len(values)))


def _narwhals_frame(frame: object) -> nw.DataFrame[Any] | nw.LazyFrame[Any]:
    """A frame of any kind narwhals knows (Polars, PyArrow, Dask ...), or the error that says it is none."""
    require_extra("narwhals", "pandas")
    import narwhals.stable.v2 as nw  # noqa: PLC0415 - optional extra

    try:
        return nw.from_native(frame, eager_only=False)
    except TypeError:
        kinds = "pandas, Polars, PyArrow, Dask ..."
        msg = f"frame must be a DataFrame ({kinds}), got {type_name(frame)} {bounded_repr(frame)}"
        raise InvalidTypeError(msg, field="frame", value=frame, rule="a DataFrame") from None


def _pandas_view(data: nw.DataFrame[Any] | nw.LazyFrame[Any], names: list[str]) -> tuple[pd.DataFrame, Any]:
    """The named columns of a frame of another library, as pandas columns the readers above take, rows numbered.

    A lazy frame (Polars, Dask) is collected first: a class fits in memory. Dask collects
    to pandas, read as it is. Otherwise numbers stay numbers (nullable, so a missing cell
    stays missing), and any other column becomes a categorical of its distinct values as
    that library gives them to Python (``str``, ``datetime.date`` ...), each then read
    once as :func:`~step2score.evaluate` reads it. Also returned: the collected frame's library.
    """
    import narwhals.stable.v2 as nw  # noqa: PLC0415 - optional extra
    import numpy as np  # noqa: PLC0415
    import pandas as pd  # noqa: PLC0415

    eager = data.collect() if isinstance(data, nw.LazyFrame) else data
    if eager.implementation is nw.Implementation.PANDAS:
        return eager.to_native(), eager.implementation
    view: dict[str, Any] = {}
    for name in dict.fromkeys(names):
        column = eager.get_column(name)
        if column.dtype.is_integer() and column.dtype != nw.UInt64:  # UInt64 may not fit int64: read as values
            missing = column.is_null().to_numpy()
            view[name] = pd.arrays.IntegerArray(column.fill_null(0).to_numpy().astype(np.int64), missing)
        elif column.dtype.is_float():  # NaN is missing too, as in a pandas float column
            view[name] = column.fill_null(float("nan")).to_numpy().astype(np.float64)
        else:
            values = column.drop_nulls().unique().to_list()
            codes = np.full(len(column), -1, dtype=np.int64)
            if values:
                coded = column.replace_strict(values, range(len(values)), return_dtype=nw.Int64)
                codes = coded.fill_null(-1).to_numpy()
            # date-times as the Timestamps a pandas datetime64 column holds, so a midnight reads as its date there too
            kind = None if column.dtype == nw.Datetime else object
            dtype = pd.CategoricalDtype(pd.Index(values, dtype=kind))
            view[name] = pd.Categorical.from_codes(codes, dtype=dtype, validate=False)
    return pd.DataFrame(view, index=pd.RangeIndex(len(eager)), copy=False), eager.implementation


def _as_kind(out: pd.DataFrame, data: nw.DataFrame[Any] | nw.LazyFrame[Any], eager: Any) -> object:  # noqa: ANN401
    """The pandas result as a native frame of the caller's kind: of ``eager``'s library, lazy again if ``data`` was."""
    import narwhals.stable.v2 as nw  # noqa: PLC0415 - optional extra

    result = nw.from_native(out) if eager is nw.Implementation.PANDAS else _natural_kind(out, eager)
    return (result.lazy(backend=data.implementation) if isinstance(data, nw.LazyFrame) else result).to_native()


#: The ordered categoricals, as enums in libraries that have them.
_ORDERED = {"tier": [t.value for t in Tier], "position": [q.label for q in Quartile]}


def _natural_kind(out: pd.DataFrame, implementation: Any) -> nw.DataFrame[Any]:  # noqa: ANN401 - a narwhals Implementation
    """The pandas result in another library's own types, through Arrow.

    Int64, Boolean, Float64, Date and String; categoricals as dictionaries with int32 codes
    (Polars: Categorical, and Enum for the ordered ``tier`` and ``position``).
    """
    import narwhals.stable.v2 as nw  # noqa: PLC0415 - optional extra
    import numpy as np  # noqa: PLC0415
    import pandas as pd  # noqa: PLC0415

    pa = require_extra("pyarrow", "pandas")
    columns = {}
    for name in out.columns:
        array = out[name].array
        if isinstance(array, pd.Categorical):  # int32 codes: room for any number of categories, never wrapping
            codes = np.asarray(array.codes, dtype=np.int32)
            indices = pa.array(codes, mask=_mask_or_none(codes < 0))
            names = pa.array(list(array.categories), type=pa.string())
            columns[name] = pa.DictionaryArray.from_arrays(indices, names, ordered=bool(array.ordered))
        elif isinstance(array, pd.arrays.DatetimeArray):
            columns[name] = pa.array(array.to_numpy()).cast(pa.date32())
        elif isinstance(array, pd.arrays.StringArray | pd.arrays.ArrowStringArray):
            columns[name] = pa.array(array, type=pa.string())
        elif array.isna().any():  # a nullable integer, boolean or float column with missing values
            columns[name] = pa.array(array)  # its values and mask as they are, through the Arrow protocol
        else:  # none missing: no validity bitmap to pack
            columns[name] = pa.array(array.to_numpy(dtype=array.dtype.numpy_dtype))
    result = nw.from_arrow(pa.table(columns), backend=implementation)
    if implementation is nw.Implementation.POLARS:
        result = result.with_columns(nw.col(name).cast(nw.Enum(names)) for name, names in _ORDERED.items())
    return result


def _mask_or_none(missing: NDArray[np.bool_]) -> NDArray[np.bool_] | None:
    """Where values are missing; ``None`` when none is (Arrow then needs no validity bitmap)."""
    return missing if missing.any() else None
