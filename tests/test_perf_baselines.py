"""The hand-written baselines of ``benchmarks/`` return what the library returns, so a ratio compares like with like.

Each check runs on small inputs; the benchmark script repeats it on its own inputs before timing.
"""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))

import baselines

from step2score.evaluation import evaluate
from step2score.frame import evaluate_frame


def test_the_full_scalar_baseline_returns_what_evaluate_returns() -> None:
    tables = baselines.tables()
    for score, day, specialty, applicant, tier, used in baselines.scalar_inputs(400, seed=7):
        ev = evaluate(
            score,
            taken_on=day,
            specialty=specialty,
            applicant=applicant,
            program_tier=tier,
            attempts_used=used,
            applying_on=baselines.APPLYING_ON,
        )
        by_hand = baselines.full_by_hand(score, day, specialty, applicant, tier, used, baselines.APPLYING_ON, tables)
        assert baselines.full_view(ev) == by_hand


def test_the_minimal_scalar_baseline_returns_what_evaluate_returns() -> None:
    tables = baselines.tables()
    for score, day, *_ in baselines.scalar_inputs(400, seed=8):
        assert baselines.minimal_view(evaluate(score, taken_on=day)) == baselines.minimal_by_hand(score, day, tables)


def test_the_minimal_baseline_covers_every_score() -> None:
    tables = baselines.tables()
    day = baselines.FIRST_DAY
    for score in range(1, 301):
        assert baselines.minimal_view(evaluate(score, taken_on=day)) == baselines.minimal_by_hand(score, day, tables)


def test_the_frame_baseline_with_scores_and_a_fixed_date_returns_evaluate_frames_columns() -> None:
    frame = baselines.frame_inputs(3000, "scores", seed=9)
    fixed = {"taken_on": baselines.FIRST_DAY}
    library = evaluate_frame(frame, fixed=fixed, applying_on=baselines.APPLYING_ON)
    by_hand = baselines.frame_by_hand(frame, fixed_date=baselines.FIRST_DAY, applying_on=baselines.APPLYING_ON)
    baselines.assert_same_frame(library, by_hand)


@pytest.mark.parametrize("kind", ["strings", "categoricals"])
def test_the_frame_baseline_with_per_row_columns_returns_evaluate_frames_columns(kind: str) -> None:
    frame = baselines.frame_inputs(3000, kind, seed=10)
    library = evaluate_frame(frame, **baselines.FRAME_COLUMNS, applying_on=baselines.APPLYING_ON)
    baselines.assert_same_frame(library, baselines.frame_by_hand(frame, applying_on=baselines.APPLYING_ON))


def test_the_frame_check_notices_a_changed_value() -> None:
    frame = baselines.frame_inputs(50, "strings", seed=11)
    library = evaluate_frame(frame, **baselines.FRAME_COLUMNS, applying_on=baselines.APPLYING_ON)
    by_hand = baselines.frame_by_hand(frame, applying_on=baselines.APPLYING_ON)
    by_hand["gap"] = by_hand["gap"] + 1
    with pytest.raises(AssertionError, match="gap"):
        baselines.assert_same_frame(library, by_hand)
