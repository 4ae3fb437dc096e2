import datetime as dt
import math
import re
import sys
from collections.abc import Callable, Mapping
from typing import Any, Literal

import baselines  # benchmarks/, on the path from conftest.py
import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from step2score import (
    BenchmarkEdition,
    Evaluation,
    InvalidScoreError,
    InvalidTypeError,
    InvalidValueError,
    MissingExtraError,
    NoStandardError,
    ScaledScore,
    Step2ScoreError,
    UnknownSpecialtyError,
    evaluate,
    evaluate_frame,
    evaluate_many,
    rules,
)
from tests import strategies

APPLYING_ON = dt.date(2025, 10, 1)


def expected(ev: Evaluation) -> dict[str, Any]:
    """The frame's columns, worked out from one scalar evaluation."""
    target = ev.target
    return {
        "score": ev.score.value,
        "taken_on": ev.taken_on,
        "date_assumed": ev.date_assumed,
        "minimum": ev.standard.minimum,
        "passed": ev.passed,
        "margin": ev.margin,
        "tier": ev.tier.value,
        "percentile": ev.percentile.value,
        "percentile_method": ev.percentile.method.value,
        "score_band_low": ev.score_band.low,
        "score_band_high": ev.score_band.high,
        "percentile_band_low": ev.percentile_band.low.value,
        "percentile_band_high": ev.percentile_band.high.value,
        "close_to_standard": ev.close_to_standard,
        "specialty": ev.profile.specialty,
        "applicant": ev.profile.applicant.value,
        "program_tier": None if ev.profile.program_tier is None else ev.profile.program_tier.value,
        "edition": ev.edition,
        "figures_group": None if ev.figures_group is None else ev.figures_group.value,
        "benchmark_statistic": None if ev.benchmark is None else ev.benchmark.statistic.value,
        "benchmark_value": None if ev.benchmark is None else ev.benchmark.value,
        "benchmark_q1": None if ev.position is None else ev.benchmark.q1,  # type: ignore[union-attr]
        "benchmark_q3": None if ev.position is None else ev.benchmark.q3,  # type: ignore[union-attr]
        "benchmark_thin": None if ev.benchmark is None else ev.benchmark.thin,
        "position": None if ev.position is None else ev.position.quartile.label,
        "above_not_matched": None if ev.position is None else ev.position.above_not_matched,
        "target_low": None if target is None else target.low,
        "target_high": None if target is None else target.high,
        "target_capped": None if target is None else target.capped,
        "target_basis": None if target is None else target.basis.value,
        "target_low_percentile": None if target is None else target.low_percentile.value,
        "target_high_percentile": None if target is None else target.high_percentile.value,
        "gap": ev.gap,
        "on_target": ev.on_target,
        "attempts_used": None if ev.attempts is None else ev.attempts.used,
        "attempts_remaining": None if ev.attempts is None else ev.attempts.remaining,
        "match_rate_band": None if ev.match_rate is None else ev.match_rate.band,
        "match_rate_percent": None if ev.match_rate is None else ev.match_rate.percent,
        "match_rate_seniors": None if ev.match_rate is None else ev.match_rate.seniors,
        "specialty_match_rate_percent": None if ev.specialty_match_rate is None else ev.specialty_match_rate.percent,
        "specialty_match_rate_matched": None if ev.specialty_match_rate is None else ev.specialty_match_rate.matched,
        "specialty_match_rate_preferred": None
        if ev.specialty_match_rate is None
        else ev.specialty_match_rate.preferred,
        "board_odds_ratio": None if ev.board_odds is None else ev.board_odds.odds_ratio,
        "next_steps": "; ".join(step.code for step in ev.next_steps),
    }


def row_of(out: pd.DataFrame, label: Any) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for name, value in out.loc[label].items():
        if value is pd.NA or value is pd.NaT or value is None or (isinstance(value, float) and math.isnan(value)):
            row[str(name)] = None
        elif isinstance(value, pd.Timestamp):
            row[str(name)] = value.date()
        elif hasattr(value, "item"):
            row[str(name)] = value.item()
        else:
            row[str(name)] = value
    return row


def scalar_inputs(record: Mapping[Any, Any]) -> dict[str, Any]:
    return {key: (None if pd.isna(value) else value) for key, value in record.items() if key != "score"}


KINDS = ["pandas", "polars"]


def as_kind(frame: pd.DataFrame, kind: str) -> Any:
    """The frame in a library's own kind: pandas as it is, Polars with its rows numbered."""
    return frame if kind == "pandas" else pl.from_pandas(frame.reset_index(drop=True))


def rows_by_label(out: Any, frame: pd.DataFrame) -> dict[Any, dict[str, Any]]:
    """Each result row as plain Python values, by the input's index label (Polars rows by position)."""
    if isinstance(out, pd.DataFrame):
        return {label: row_of(out, label) for label in out.index}
    assert isinstance(out, pl.DataFrame)
    assert out.height == len(frame)
    return dict(zip(frame.index, out.iter_rows(named=True), strict=True))


def where(label: Any, frame: pd.DataFrame, kind: str) -> Any:
    """How an error names a row: its index label (pandas) or its row number (others)."""
    return label if kind == "pandas" else frame.index.get_loc(label)


@pytest.mark.parametrize("kind", KINDS)
@given(frame=strategies.student_frames())
def test_frame_agrees_with_evaluate_on_every_row_and_field(kind: str, frame: pd.DataFrame) -> None:
    """evaluate_frame equals evaluate row by row, on every field, on pandas and Polars; missing scores give missing rows."""
    out = every_column(as_kind(frame, kind), "raise")
    rows = rows_by_label(out, frame)
    assert list(rows) == list(frame.index)
    for label, record in frame.to_dict("index").items():
        assert isinstance(label, int)
        if pd.isna(record["score"]):
            assert all(value is None for value in rows[label].values())
            continue
        inputs = scalar_inputs(record)
        ev = evaluate(int(record["score"]), applying_on=APPLYING_ON, **inputs)
        assert rows[label] == expected(ev)


def test_fixed_values_and_the_edition() -> None:
    frame = pd.DataFrame({"s": [241, 250]})
    out = evaluate_frame(
        frame, score="s", fixed={"taken_on": "2025-09-15", "specialty": "IM"}, edition="ace-med-boards-2022"
    )
    assert list(out["benchmark_value"]) == [248, 248]
    assert list(out["benchmark_statistic"]) == ["mean", "mean"]
    assert list(out["edition"]) == ["Ace Med Boards article (labelled 2022)"] * 2
    assert out["tier"].cat.ordered
    assert list(out["tier"].cat.categories) == ["fail", "pass", "competitive", "exceptional"]


def test_invalid_rows_raise_naming_the_row() -> None:
    frame = pd.DataFrame({"score": [250, 301, 0]}, index=["ann", "bob", "cy"])
    with pytest.raises(
        InvalidScoreError, match=re.escape("row 'bob': score must be an integer from 1 to 300, got 301")
    ):
        evaluate_frame(frame, fixed={"taken_on": "2025-09-15"})
    dates = pd.DataFrame({"score": [250, 250], "when": ["2025-09-15", "2011-01-01"]})
    with pytest.raises(
        NoStandardError, match=re.escape("row 1: no passing standard is known for exams taken on 2011-01-01")
    ):
        evaluate_frame(dates, taken_on="when")
    names = pd.DataFrame({"score": [250, 250], "aim": ["IM", "dermotology"]})
    with pytest.raises(
        UnknownSpecialtyError, match=re.escape("row 1: unknown specialty 'dermotology'; did you mean 'Dermatology'?")
    ):
        evaluate_frame(names, specialty="aim")
    with pytest.raises(InvalidScoreError, match=re.escape("row 0: score must be an integer from 1 to 300, got 250.5")):
        evaluate_frame(pd.DataFrame({"score": [250.5]}))


def test_coerce_makes_invalid_rows_missing_with_their_message() -> None:
    frame = pd.DataFrame({"score": [250, 301, None, "abc"], "aim": ["IM", "IM", "IM", "qqq"]})
    out = evaluate_frame(frame, specialty="aim", fixed={"taken_on": "2025-09-15"}, errors="coerce")
    assert out.loc[0, "passed"]
    assert out.loc[[1, 2, 3], "passed"].isna().all()
    assert out.loc[1, "error"] == "score must be an integer from 1 to 300, got 301"
    assert out.loc[2, "error"] is pd.NA  # a missing score is not an error
    assert out.loc[3, "error"] == "score must be an integer from 1 to 300, got str 'abc'"


def test_a_row_without_a_score_is_not_an_error_whatever_else_it_lacks() -> None:
    frame = pd.DataFrame({"score": [250, None], "when": ["2025-09-15", None], "aim": ["IM", "qqq"]})
    out = evaluate_frame(frame, taken_on="when", specialty="aim")
    assert out.loc[1].isna().all()
    assert out.loc[0, "target_low"] == 254


def test_bad_arguments() -> None:
    frame = pd.DataFrame({"score": [250]})
    with pytest.raises(
        InvalidValueError, match=re.escape("specialty='aim' names no column of the frame; its columns are ['score']")
    ):
        evaluate_frame(frame, specialty="aim")
    with pytest.raises(
        InvalidValueError, match=re.escape("specialty is both a column (specialty='score') and fixed ('IM'); give one")
    ):
        evaluate_frame(frame, specialty="score", fixed={"specialty": "IM"})
    with pytest.raises(
        InvalidValueError,
        match=re.escape(
            "fixed may only hold taken_on, specialty, applicant, program_tier, attempts_used, got 'edition'"
        ),
    ):
        evaluate_frame(frame, fixed={"edition": "x"})
    with pytest.raises(InvalidValueError, match=re.escape("errors must be 'raise' or 'coerce', got 'ignore'")):
        evaluate_frame(frame, errors="ignore")  # type: ignore[arg-type]
    with pytest.raises(
        InvalidValueError, match=re.escape("fixed taken_on: taken_on must be a date written YYYY-MM-DD, got 'soon'")
    ):
        evaluate_frame(frame, fixed={"taken_on": "soon"})


def test_empty_frame() -> None:
    out = evaluate_frame(pd.DataFrame({"score": pd.array([], dtype="Int64")}))
    assert len(out) == 0
    assert "tier" in out.columns


def test_evaluate_many() -> None:
    results = evaluate_many([212, {"score": 250, "specialty": "IM"}], taken_on="2025-09-15")
    assert [ev.passed for ev in results] == [False, True]
    assert results[1].benchmark is not None
    with pytest.raises(InvalidScoreError, match=re.escape("item 1: score must be an integer from 1 to 300, got 0")):
        evaluate_many([250, 0])
    with pytest.raises(
        InvalidValueError, match=re.escape("item 0: a mapping needs a 'score' key, got keys 'specialty'")
    ):
        evaluate_many([{"specialty": "IM"}])


MISSING_DATE = "taken_on is missing; give a date, or leave the column out to judge by today's standard"


def scalar_outcome(
    frame: pd.DataFrame,
    record: Mapping[Any, Any],
    edition: BenchmarkEdition | str | None = None,
    sem: float | None = None,
) -> Evaluation | Step2ScoreError:
    """What evaluate() says about one row: its evaluation or the error it raises.

    The frame's one convention is applied first: a missing test date is refused once the
    score is read.
    """
    inputs = scalar_inputs(record)
    try:
        if "taken_on" in frame.columns and inputs.get("taken_on") is None:
            ScaledScore(record["score"])
            raise InvalidValueError(MISSING_DATE)
        return evaluate(record["score"], applying_on=APPLYING_ON, edition=edition, sem=sem, **inputs)
    except Step2ScoreError as error:
        return error


def every_column(
    frame: Any,
    errors: Literal["raise", "coerce"],
    edition: BenchmarkEdition | str | None = None,
    sem: float | None = None,
) -> Any:
    return evaluate_frame(
        frame,
        taken_on="taken_on",
        specialty="specialty",
        applicant="applicant",
        program_tier="program_tier",
        attempts_used="attempts_used",
        applying_on=APPLYING_ON,
        errors=errors,
        edition=edition,
        sem=sem,
    )


@given(
    strategies.messy_student_frames(),
    st.sampled_from(["raise", "coerce"]),
    strategies.ANY_EDITION,
    st.none() | st.sampled_from([6.5, 3.0, 0.0]),
)
def test_frame_agrees_with_evaluate_on_any_input(
    frame: pd.DataFrame, mode: Literal["raise", "coerce"], edition: BenchmarkEdition | str | None, sem: float | None
) -> None:
    """evaluate_frame equals evaluate row by row on any cells: the same fields, or the same error and message.

    Object columns of mixed cells (booleans, numeric strings, blanks, 1 beside True, dates
    before the first standard) are read as evaluate reads each value. With "coerce" a bad
    row's ``error`` is evaluate's message; with "raise" the first bad row's error is raised,
    of evaluate's type, its message prefixed with the row's label. Any edition: packaged
    ones (means or medians with quartiles) and users' own, which lack specialties; any SEM,
    a refused one included (evaluate refuses it after every per-row input).
    """
    outcomes = {
        label: scalar_outcome(frame, record, edition, sem)
        for label, record in frame.to_dict("index").items()
        if not pd.isna(record["score"])
    }
    assert_rows_are_the_outcomes(frame, outcomes, mode, lambda m: every_column(frame, m, edition, sem))


def assert_rows_are_the_outcomes(
    frame: pd.DataFrame,
    outcomes: Mapping[Any, Evaluation | Step2ScoreError | None],
    mode: Literal["raise", "coerce"],
    run: Callable[[Literal["raise", "coerce"]], Any],
    kind: str = "pandas",
) -> None:
    """``run(mode)`` gives each row's outcome: its evaluation's fields, or its error (raised first, or as a message)."""
    first = next(((label, o) for label, o in outcomes.items() if isinstance(o, Step2ScoreError)), None)
    if mode == "raise" and first is not None:
        label, error = first
        with pytest.raises(Step2ScoreError) as raised:
            run("raise")
        assert type(raised.value) is type(error)
        assert str(raised.value) == f"row {where(label, frame, kind)!r}: {error}"
        return
    rows = rows_by_label(run(mode), frame)
    assert list(rows) == list(frame.index)
    for label in frame.index:
        outcome = outcomes.get(label)
        row = dict(rows[label])
        message = row.pop("error", None)
        if isinstance(outcome, Evaluation):
            assert message is None
            assert row == expected(outcome)
        else:
            assert message == (None if outcome is None else str(outcome))
            assert all(value is None for value in row.values())


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        pytest.param({"score": True}, "score must be an integer from 1 to 300, got bool True", id="bool-score"),
        pytest.param({"score": "250"}, "score must be an integer from 1 to 300, got str '250'", id="numeric-string"),
        pytest.param({"score": " 247"}, "score must be an integer from 1 to 300, got str ' 247'", id="spaced-string"),
        pytest.param(
            {"applicant": ""},
            "applicant must be one of 'us-md', 'us-do', 'us-img', 'non-us-img' (or 'md', 'do', 'img'), got ''",
            id="empty-applicant",
        ),
        pytest.param(
            {"attempts_used": True}, "attempts_used must be an integer from 1 to 99, got bool True", id="true-attempts"
        ),
        pytest.param(
            {"taken_on": "2012-06-30"},
            "no passing standard is known for exams taken on 2012-06-30",
            id="before-first-standard",
        ),
    ],
)
def test_an_object_column_cell_is_read_as_evaluate_reads_it(cells: dict[str, Any], message: str) -> None:
    good: dict[str, Any] = {"score": 250, "taken_on": "2025-09-15", "applicant": "us-md", "attempts_used": 1}
    row = good | cells
    frame = pd.DataFrame({name: pd.Series([good[name], row[name]], dtype=object) for name in good})
    with pytest.raises(Step2ScoreError) as raised:
        evaluate(row.pop("score"), applying_on=APPLYING_ON, **row)
    assert str(raised.value).startswith(message)
    with pytest.raises(type(raised.value), match=re.escape(f"row 1: {raised.value}")):
        evaluate_frame(
            frame, taken_on="taken_on", applicant="applicant", attempts_used="attempts_used", applying_on=APPLYING_ON
        )


def test_one_and_true_in_an_attempts_column_are_read_apart() -> None:
    frame = pd.DataFrame({"score": [212, 212], "n": pd.Series([1, True], dtype=object)})
    out = evaluate_frame(
        frame, attempts_used="n", fixed={"taken_on": "2025-09-15"}, applying_on=APPLYING_ON, errors="coerce"
    )
    assert out.loc[0, "attempts_remaining"] == 3
    assert out.loc[1, "error"] == "attempts_used must be an integer from 1 to 99, got bool True"


def test_raise_names_the_first_invalid_row_whatever_its_field() -> None:
    """The first bad row in order is reported, even when a later row's score is bad and this row's specialty is."""
    frame = pd.DataFrame({"score": [250, 301], "aim": ["dermotology", "IM"]}, index=["ann", "bob"])
    with pytest.raises(UnknownSpecialtyError, match=re.escape("row 'ann': unknown specialty 'dermotology'")):
        evaluate_frame(frame, specialty="aim", fixed={"taken_on": "2025-09-15"})


def test_a_datetime64_column_of_midnights_is_read_as_dates() -> None:
    frame = pd.DataFrame({"score": [216, 216], "when": pd.to_datetime(["2024-05-01", "2025-08-01"])})
    out = evaluate_frame(frame, taken_on="when")
    assert list(out["passed"]) == [True, False]
    late = pd.DataFrame({"score": [216], "when": pd.to_datetime(["2024-05-01 09:30"])})
    message = "row 0: taken_on must be a date, got a timestamp with a time of day Timestamp('2024-05-01 09:30:00')"
    with pytest.raises(InvalidValueError, match=re.escape(message)):
        evaluate_frame(late, taken_on="when")


def test_many_distinct_inputs_are_each_read_as_evaluate_reads_them() -> None:
    """More distinct (specialty, applicant) pairs than a lookup table holds: still one reading per pair."""
    size = 900
    frame = pd.DataFrame(
        {
            "score": [250] * size,
            "aim": [f"Custom Specialty {i}" if i % 2 else "IM" for i in range(size)],
            "who": [f"kind {i}" if i % 3 == 0 else "img" for i in range(size)],
        }
    )
    out = evaluate_frame(frame, specialty="aim", applicant="who", fixed={"taken_on": "2025-09-15"}, errors="coerce")
    plain = frame.drop(columns=["aim", "who"])
    for position in range(size):
        inputs = {"score": 250, "taken_on": "2025-09-15", "specialty": frame["aim"][position]}
        outcome = scalar_outcome(plain, inputs | {"applicant": frame["who"][position]})
        if isinstance(outcome, Evaluation):
            assert outcome.target is not None
            assert out["error"][position] is pd.NA
            assert out["target_low"][position] == outcome.target.low
        else:
            assert out["error"][position] == str(outcome)


def test_evaluate_many_refuses_a_key_evaluate_does_not_take_with_suggestions() -> None:
    message = "item 0: 'speciality' is not a keyword of evaluate(); did you mean 'specialty'?"
    with pytest.raises(InvalidValueError, match=re.escape(message)) as caught:
        evaluate_many([{"score": 247, "speciality": "IM"}])
    assert caught.value.suggestions == ("specialty",)
    with pytest.raises(InvalidValueError, match=re.escape("item 0: a mapping needs a 'score' key, got keys 'a', 1")):
        evaluate_many([{1: 2, "a": 3}])


# ---------------------------------------------------------------------------------------------------------------
# Performance, round two (issue 11): fixed fields are worked out once per distinct score cell


@given(strategies.fixed_field_frames(), st.sampled_from(["raise", "coerce"]))
def test_fixed_fields_give_the_frame_of_constant_columns(
    case: tuple[pd.DataFrame, dict[str, Any]], errors: Literal["raise", "coerce"]
) -> None:
    """A field fixed for all rows gives the same frame (or the same error) as a column holding its value on every row."""
    frame, fixed = case
    named: dict[str, Any] = {field: field for field in fixed}
    columns = frame.assign(**{field: [value] * len(frame) for field, value in fixed.items()})
    try:
        left = evaluate_frame(frame, fixed=fixed, applying_on=APPLYING_ON, errors=errors)
    except Step2ScoreError as error:
        with pytest.raises(type(error), match=re.escape(str(error))):
            evaluate_frame(columns, **named, applying_on=APPLYING_ON, errors=errors)
        return
    right = evaluate_frame(columns, **named, applying_on=APPLYING_ON, errors=errors)
    pd.testing.assert_frame_equal(left, right)


def test_fixed_fields_spread_over_many_rows() -> None:
    frame = pd.DataFrame({"score": [250, None, 301, 212, 250, None] * 500}, dtype="Int64")
    out = evaluate_frame(frame, fixed={"taken_on": "2025-09-15"}, errors="coerce")
    assert out["passed"].tolist()[:6] == [True, pd.NA, pd.NA, False, True, pd.NA]
    assert out["error"].tolist()[:6] == [pd.NA, pd.NA, "score must be an integer from 1 to 300, got 301", *[pd.NA] * 3]
    with pytest.raises(InvalidScoreError, match=re.escape("row 2: score must be an integer from 1 to 300, got 301")):
        evaluate_frame(frame, fixed={"taken_on": "2025-09-15"})
    assert out["percentile"].isna().sum() == 3 * 500
    assert out["gap"].isna().all()
    values = out["benchmark_value"].array
    values[0] = 1  # a column owns its memory: writing to one leaves the others alone
    assert out["target_low"].isna().all()
    assert out["benchmark_q1"].isna().all()


# ---------------------------------------------------------------------------------------------------------------
# The fast paths (frame3): categorical columns, integer columns, no absent row


@pytest.mark.parametrize("kind", KINDS)
@given(frame=strategies.categorical_student_frames(), mode=st.sampled_from(["raise", "coerce"]))
def test_categorical_frames_agree_with_evaluate_with_or_without_absent_rows(
    kind: str, frame: pd.DataFrame, mode: Literal["raise", "coerce"]
) -> None:
    """evaluate_frame equals evaluate row by row on typed columns, clean or not, on pandas and Polars.

    A clean frame (no row absent) takes the paths that merge no masks and take codes as
    built; a frame with refused or missing cells takes the others. Either way each row
    is evaluate's answer, or its error and message.
    """
    outcomes = {label: scalar_outcome(frame, record) for label, record in frame.to_dict("index").items()}
    native = as_kind(frame, kind)
    assert_rows_are_the_outcomes(frame, outcomes, mode, lambda m: every_column(native, m), kind)


@settings(deadline=None)  # frames of a thousand rows and more: slower than the default deadline allows
@given(
    st.one_of(strategies.student_frames(), strategies.categorical_student_frames()),
    st.sampled_from(["raise", "coerce"]),
)
def test_a_frame_repeated_over_many_rows_gives_its_rows_repeated(
    frame: pd.DataFrame, errors: Literal["raise", "coerce"]
) -> None:
    """Law: a frame repeated to 1,200 rows or more gives the small frame's result, repeated.

    A large frame works rules of (minimum, score) and (benchmark, score) out once per
    distinct pair of the scale and gathers them; a small one applies them row by row.
    """
    assume(len(frame))
    times = -(-1200 // len(frame))
    large = pd.concat([frame] * times, ignore_index=True)
    try:
        small_out = every_column(frame, errors)
    except Step2ScoreError as error:
        with pytest.raises(type(error)):
            every_column(large, errors)
        return
    large_out = every_column(large, errors)
    pd.testing.assert_frame_equal(large_out, pd.concat([small_out] * times, ignore_index=True))


@settings(deadline=None)  # frames of a thousand rows and more: slower than the default deadline allows
@given(
    st.one_of(strategies.student_frames(), strategies.categorical_student_frames()),
    st.sampled_from(["raise", "coerce"]),
    st.sampled_from(["columns", "fixed date"]),
)
def test_each_output_column_owns_its_memory(frame: pd.DataFrame, errors: Literal["raise", "coerce"], path: str) -> None:
    """Law: no two output columns share a buffer, and none shares one with the input frame.

    Writing a value into one column (which unmasks that cell) never changes another column
    or the caller's data.
    """
    if path == "fixed date":
        frame = frame[["score"]]
    try:
        if path == "fixed date":
            out = evaluate_frame(frame, fixed={"taken_on": "2025-09-15"}, applying_on=APPLYING_ON, errors=errors)
        else:
            out = every_column(frame, errors)
    except Step2ScoreError:
        return
    baselines.assert_owns_memory(out, frame)


@settings(deadline=None)  # frames of a thousand rows and more: slower than the default deadline allows
@given(
    st.lists(st.integers(150, 260), min_size=1, max_size=4),
    st.integers(0, 2000),
    st.randoms(use_true_random=False),
)
def test_a_rule_worked_out_per_distinct_pair_equals_the_rule_per_row(
    minimums: list[int], rows: int, random: Any
) -> None:
    """Law: _ByScore gives the rule applied row by row, whether it gathers from a table or not.

    With as many rows as the table of (distinct input, score of the scale) or more, it
    gathers (``key`` is set); with fewer, it applies the rule over the rows.
    """
    from step2score.frame import _SCALE_LENGTH, _ByScore  # noqa: PLC0415 - a private piece under test

    codes = np.array([random.randrange(len(minimums)) for _ in range(rows)], dtype=np.intp)
    scores = np.array([random.randint(1, 300) for _ in range(rows)], dtype=np.int64)
    at = (scores - 1).astype(np.intp)
    per_row = np.array(minimums, dtype=np.int64)[codes]
    by_pair = _ByScore(minimums, codes, at)
    assert (by_pair.key is not None) == (0 < len(set(minimums)) * _SCALE_LENGTH <= rows)

    def tier(m: Any, s: Any, _: Any) -> Any:
        return rules.tier_rank(s, minimum=m, competitive=245, exceptional=255)

    def passes(m: Any, s: Any, _: Any) -> Any:
        return rules.passes(s, m)

    def margin(m: Any, s: Any, _: Any) -> Any:  # beyond int8: the table keeps its dtype
        return rules.margin(s, m)

    for rule in (passes, tier, margin):
        got = by_pair.rule(rule, per_row, scores, at)
        np.testing.assert_array_equal(got, rule(per_row, scores, at))


# ---------------------------------------------------------------------------------------------------------------
# Any library's frame through narwhals: the caller's own kind comes back, with pandas' values


def a_class() -> pd.DataFrame:
    """A small class with every kind of row: valid, a missing score, a refused score, an unknown specialty."""
    return pd.DataFrame(
        {
            "score": pd.array([212, 241, 262, None, 301, 250], dtype="Int64"),
            "taken_on": ["2025-09-15", "2024-05-01", "2025-09-15", "2025-09-15", "2025-09-15", "2025-09-15"],
            "specialty": ["IM", "derm", None, "IM", "IM", "dermotology"],
            "applicant": ["us-md", "img", "do", None, "us-md", "us-md"],
            "program_tier": ["top", None, "community", "academic", "top", "top"],
            "attempts_used": pd.array([1, 2, None, 1, 1, 1], dtype="Int64"),
        }
    )


def plain(out: Any) -> list[dict[str, Any]]:
    """A result's rows as plain Python values, whatever its library."""
    if isinstance(out, pd.DataFrame):
        return [row_of(out, label) for label in out.index]
    if isinstance(out, pa.Table):
        out = pl.DataFrame(pl.from_arrow(out))
    return list(out.iter_rows(named=True))


def test_polars_lazy_and_arrow_frames_come_back_as_their_own_kind_with_pandas_values() -> None:
    frame = a_class()
    want = plain(every_column(frame, "coerce"))
    lazy = every_column(pl.from_pandas(frame).lazy(), "coerce")
    assert isinstance(lazy, pl.LazyFrame)
    assert plain(lazy.collect()) == want
    table = every_column(pa.Table.from_pandas(frame, preserve_index=False), "coerce")
    assert isinstance(table, pa.Table)
    assert plain(table) == want
    assert table.schema.field("tier").type == pa.dictionary(pa.int32(), pa.string(), ordered=True)
    assert table.schema.field("taken_on").type == pa.date32()
    eager = every_column(pl.from_pandas(frame), "coerce")
    assert eager.schema["tier"] == pl.Enum(["fail", "pass", "competitive", "exceptional"])
    assert (eager.schema["score"], eager.schema["passed"], eager.schema["percentile"]) == (
        pl.Int64,
        pl.Boolean,
        pl.Float64,
    )
    assert eager.schema["specialty"] == pl.Categorical()
    assert eager.schema["error"] == pl.String


def test_other_kinds_name_the_row_number_of_the_first_invalid_row() -> None:
    frame = pl.DataFrame({"score": [250, 250, 301], "aim": ["IM", "dermotology", "IM"]})
    with pytest.raises(UnknownSpecialtyError, match=re.escape("row 1: unknown specialty 'dermotology'")):
        evaluate_frame(frame, specialty="aim", fixed={"taken_on": "2025-09-15"})
    with pytest.raises(InvalidScoreError, match=re.escape("row 2: score must be an integer from 1 to 300, got 301")):
        evaluate_frame(frame.lazy(), fixed={"taken_on": "2025-09-15"})
    table = pa.table({"score": [250.0, 250.5]})
    with pytest.raises(InvalidScoreError, match=re.escape("row 1: score must be an integer from 1 to 300, got 250.5")):
        evaluate_frame(table, fixed={"taken_on": "2025-09-15"})


@pytest.mark.filterwarnings("ignore:Dask support is moving:FutureWarning")  # narwhals-dask is not on PyPI yet
def test_a_dask_frame_on_a_local_cluster_comes_back_as_a_dask_frame_with_pandas_values() -> None:
    dd = pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("distributed")
    frame = a_class()
    want = every_column(frame, "coerce")
    with distributed.Client(processes=False, n_workers=1, threads_per_worker=1, dashboard_address=None):
        out = every_column(dd.from_pandas(frame, npartitions=2), "coerce")
        assert isinstance(out, dd.DataFrame)
        got = out.compute()
    pd.testing.assert_frame_equal(got, want)


@pytest.mark.parametrize("kind", KINDS)
def test_a_wide_categorical_keeps_every_code(kind: str) -> None:
    """70,000 categories (codes past int16): each row is read from its own category, none wraps onto another."""
    days = pd.date_range("1900-01-01", periods=70_000, freq="D").strftime("%Y-%m-%d")
    picked = [days[-1], "2024-05-01", days[40_000], days[-2]]
    frame = pd.DataFrame({"score": [216] * 4, "when": pd.Categorical(picked, categories=days)})
    native = frame if kind == "pandas" else pl.from_pandas(frame)
    rows = plain(evaluate_frame(native, taken_on="when", errors="coerce"))
    days_read = [dt.date.fromisoformat(day) for day in picked]
    assert [row["taken_on"] for row in rows] == [days_read[0], days_read[1], None, days_read[3]]
    assert [row["passed"] for row in rows] == [False, True, None, False]
    assert rows[2]["error"].startswith(f"no passing standard is known for exams taken on {picked[2]}")


def test_millions_of_categories_are_not_each_read_and_no_code_wraps() -> None:
    """A categorical of 3,000,000 categories: the few used are read (each as evaluate reads it), codes kept whole."""
    wide = pd.Categorical.from_codes([2_999_999, 1, 2_999_998, -1], categories=pd.RangeIndex(3_000_000))
    frame = pd.DataFrame({"score": [212, 212, 212, 212], "n": wide})
    out = evaluate_frame(
        frame, attempts_used="n", fixed={"taken_on": "2025-09-15"}, applying_on=APPLYING_ON, errors="coerce"
    )
    assert out["attempts_remaining"].tolist() == [pd.NA, 3, pd.NA, pd.NA]
    assert out["error"].tolist()[:3] == [
        "attempts_used must be an integer from 1 to 99, got 2999999",
        pd.NA,
        "attempts_used must be an integer from 1 to 99, got 2999998",
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_a_date_time_column_of_midnights_is_read_as_dates_in_any_kind(kind: str) -> None:
    frame = pd.DataFrame(
        {"score": [216, 216, 216], "when": pd.to_datetime(["2024-05-01 00:00", "2025-08-01 00:00", "2024-05-01 09:30"])}
    )
    rows = plain(evaluate_frame(as_kind(frame, kind), taken_on="when", errors="coerce"))
    assert [row["passed"] for row in rows] == [True, False, None]
    assert (
        rows[2]["error"]
        == "taken_on must be a date, got a timestamp with a time of day Timestamp('2024-05-01 09:30:00')"
    )


def test_an_unsigned_64_bit_score_past_int64_is_refused_with_its_own_value() -> None:
    frame = pl.DataFrame({"score": pl.Series([250, 2**63 + 250], dtype=pl.UInt64)})
    out = evaluate_frame(frame, fixed={"taken_on": "2025-09-15"}, errors="coerce")
    assert out["passed"].to_list() == [True, None]
    assert out["error"].to_list() == [None, f"score must be an integer from 1 to 300, got {2**63 + 250}"]


def test_a_frame_of_no_known_kind_is_refused() -> None:
    with pytest.raises(
        InvalidTypeError, match=re.escape("frame must be a DataFrame (pandas, Polars, PyArrow, Dask ...), got list [1]")
    ):
        evaluate_frame([1])


def test_without_narwhals_a_frame_other_than_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """A pandas frame needs pandas alone; any other kind needs narwhals, which the pandas extra installs."""
    monkeypatch.setitem(sys.modules, "narwhals", None)  # an import of narwhals now fails as if it were not installed
    assert evaluate_frame(pd.DataFrame({"score": [250]}))["passed"].tolist() == [True]
    with pytest.raises(MissingExtraError, match=re.escape("the 'pandas' extra of step2score installs")) as caught:
        evaluate_frame(pl.DataFrame({"score": [250]}))
    assert caught.value.hint == 'pip install "step2score[pandas]"'


@pytest.mark.parametrize("kind", KINDS)
@given(
    scores=st.lists(st.integers(1, 300), min_size=1, max_size=20),
    minimum=st.integers(150, 260),
    limit=st.integers(1, 6),
)
def test_every_rule_on_a_narwhals_expression_is_the_rule_on_each_value(
    kind: str, scores: list[int], minimum: int, limit: int
) -> None:
    """Law: a rule of rules.py applied to dataframe expressions (through narwhals) gives the rule applied to each value.

    The rules are plain operators, so the one statement of each serves a Python int, a numpy
    array and a pandas or Polars column alike.
    """
    import narwhals.stable.v2 as nw  # noqa: PLC0415 - only this law needs it

    native = pd.DataFrame({"s": scores}) if kind == "pandas" else pl.DataFrame({"s": scores})
    frame = nw.from_native(native, eager_only=True)
    s: Any = nw.col("s")
    rules_of: dict[str, tuple[Any, Callable[[int], object]]] = {
        "passes": (rules.passes(s, minimum), lambda v: rules.passes(v, minimum)),
        "margin": (rules.margin(s, minimum), lambda v: rules.margin(v, minimum)),
        "tier": (
            rules.tier_rank(s, minimum=minimum, competitive=245, exceptional=255),
            lambda v: rules.tier_rank(v, minimum=minimum, competitive=245, exceptional=255),
        ),
        "close": (
            rules.close_to_standard(s - 6, s + 6, minimum),
            lambda v: rules.close_to_standard(v - 6, v + 6, minimum),
        ),
        "quartile": (
            rules.quartile_rank(s, q1=240, median=251, q3=259),
            lambda v: rules.quartile_rank(v, q1=240, median=251, q3=259),
        ),
        "gap": (rules.gap(s, 250), lambda v: rules.gap(v, 250)),
        "on_target": (rules.on_target(rules.gap(s, 250)), lambda v: rules.on_target(rules.gap(v, 250))),
        "left": (rules.attempts_left(s % 8, limit), lambda v: rules.attempts_left(v % 8, limit)),
        "eligible": (
            rules.eligible(rules.attempts_left(s % 8, limit)),
            lambda v: rules.eligible(rules.attempts_left(v % 8, limit)),
        ),
    }
    out = frame.select(**{name: expression for name, (expression, _) in rules_of.items()})
    for name, (_, each) in rules_of.items():
        assert [int(v) for v in out.get_column(name).to_list()] == [int(each(v)) for v in scores], name  # type: ignore[call-overload]
