import datetime as dt
import math
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd
import pytest
from hypothesis import given

from step2score import (
    Evaluation,
    InvalidScoreError,
    InvalidValueError,
    NoStandardError,
    UnknownSpecialtyError,
    evaluate,
    evaluate_frame,
    evaluate_many,
)
from tests import strategies

APPLYING_ON = dt.date(2025, 10, 1)


def expected(ev: Evaluation) -> dict[str, Any]:
    """The frame's columns, worked out from one scalar evaluation."""
    target = ev.target
    return {
        "score": ev.score.value,
        "taken_on": ev.taken_on,
        "minimum": ev.standard.minimum,
        "passed": ev.passed,
        "margin": ev.margin,
        "tier": ev.tier.value,
        "percentile": ev.percentile.value,
        "percentile_method": ev.percentile.method.value,
        "specialty": ev.profile.specialty,
        "applicant": ev.profile.applicant.value,
        "program_tier": None if ev.profile.program_tier is None else ev.profile.program_tier.value,
        "edition": ev.edition,
        "benchmark_statistic": None if ev.benchmark is None else ev.benchmark.statistic.value,
        "benchmark_value": None if ev.benchmark is None else ev.benchmark.value,
        "target_low": None if target is None else target.low,
        "target_high": None if target is None else target.high,
        "target_capped": None if target is None else target.capped,
        "gap": ev.gap,
        "on_target": ev.on_target,
        "attempts_used": None if ev.attempts is None else ev.attempts.used,
        "attempts_remaining": None if ev.attempts is None else ev.attempts.remaining,
        "board_odds_ratio": None if ev.board_odds is None else ev.board_odds.odds_ratio,
        "next_steps": "; ".join(step.code for step in ev.next_steps),
    }


def row_of(out: pd.DataFrame, label: Any) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for name, value in out.loc[label].items():
        if value is pd.NA or value is None or (isinstance(value, float) and math.isnan(value)):
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


@given(strategies.student_frames())
def test_frame_agrees_with_evaluate_on_every_row_and_field(frame: pd.DataFrame) -> None:
    """evaluate_frame equals evaluate row by row, on every field; missing scores give missing rows."""
    out = evaluate_frame(
        frame,
        taken_on="taken_on",
        specialty="specialty",
        applicant="applicant",
        program_tier="program_tier",
        attempts_used="attempts_used",
        applying_on=APPLYING_ON,
    )
    assert list(out.index) == list(frame.index)
    for label, record in frame.to_dict("index").items():
        assert isinstance(label, int)
        if pd.isna(record["score"]):
            assert out.loc[label].isna().all()
            continue
        inputs = scalar_inputs(record)
        ev = evaluate(int(record["score"]), applying_on=APPLYING_ON, **inputs)
        assert row_of(out, label) == expected(ev)


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
        InvalidValueError, match=re.escape("item 0: a mapping needs a 'score' key, got keys ['specialty']")
    ):
        evaluate_many([{"specialty": "IM"}])
