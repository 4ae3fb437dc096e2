"""A whole class at once: ``evaluate_frame`` against a fair hand-written numpy/pandas function.

Three scenarios, each at 1,000,000 and at 50,000 rows: scores with a fixed test date;
per-row test date, specialty, applicant type and program tier as strings (with attempts
used as integers); the same as categoricals. The baseline returns the same columns with
the same dtypes and missing values (checked before timing). The two sides alternate in
one process and the ratio of each pair is kept. Peak memory of the 1M-row call is traced
with tracemalloc (numpy and pandas report their buffers to it), side by side.

Also: the same 1M-row class as a Polars frame against it as a pandas frame (the library on
both), and 300 rows in one call against a loop of ``evaluate()`` over the same rows.
"""

from __future__ import annotations

import gc
import sys
import tracemalloc
from collections.abc import Callable
from typing import Any

import baselines
import pandas as pd
from paired import Ratio, paired, summarise

from step2score import Evaluation, evaluate
from step2score.frame import evaluate_frame

SCENARIOS = ("scores", "strings", "categoricals")
LABELS = {
    "scores": "scores + fixed date",
    "strings": "per-row columns as strings",
    "categoricals": "per-row columns as categoricals",
}


def sides(kind: str, frame: pd.DataFrame) -> tuple[Callable[[], pd.DataFrame], Callable[[], pd.DataFrame]]:
    """The library call and its baseline for a scenario."""
    applying = baselines.APPLYING_ON
    if kind == "scores":
        fixed: dict[str, Any] = {"taken_on": baselines.FIRST_DAY}
        return (
            lambda: evaluate_frame(frame, fixed=fixed, applying_on=applying),
            lambda: baselines.frame_by_hand(frame, fixed_date=baselines.FIRST_DAY, applying_on=applying),
        )
    return (
        lambda: evaluate_frame(frame, **baselines.FRAME_COLUMNS, applying_on=applying),
        lambda: baselines.frame_by_hand(frame, applying_on=applying),
    )


def peak(run: Callable[[], object]) -> int:
    """Peak traced bytes of one call (its result included)."""
    gc.collect()
    tracemalloc.start()
    result = run()
    _, top = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del result
    return top


def versus_polars(rows: int) -> None:
    """The same class as a Polars frame against it as a pandas frame: the library on both (goal: no slower)."""
    import polars as pl  # noqa: PLC0415 - only this row needs it

    frame = baselines.frame_inputs(rows, "strings")
    native = pl.from_pandas(frame)
    applying = baselines.APPLYING_ON
    on_polars = evaluate_frame(native, **baselines.FRAME_COLUMNS, applying_on=applying)
    on_pandas = evaluate_frame(frame, **baselines.FRAME_COLUMNS, applying_on=applying)
    assert on_polars.to_pandas().astype(object).equals(on_pandas.reset_index(drop=True).astype(object))  # noqa: S101
    ratio = paired(
        lambda: evaluate_frame(native, **baselines.FRAME_COLUMNS, applying_on=applying),
        lambda: evaluate_frame(frame, **baselines.FRAME_COLUMNS, applying_on=applying),
        7,
    )
    print(ratio.row(f"evaluate_frame {rows:,} rows: Polars / pandas (strings)", "<= 1x"))


def versus_loop(rows: int) -> None:
    """A small class: one evaluate_frame call against a loop of evaluate() over the same rows (checked equal)."""
    frame = baselines.frame_inputs(rows, "strings")
    records = frame.to_dict("records")
    applying = baselines.APPLYING_ON

    def loop() -> list[Evaluation]:
        return [
            evaluate(
                r["score"],
                taken_on=r["taken_on"],
                specialty=r["specialty"],
                applicant=r["applicant"],
                program_tier=r["program_tier"],
                attempts_used=r["attempts_used"],
                applying_on=applying,
            )
            for r in records
        ]

    out = evaluate_frame(frame, **baselines.FRAME_COLUMNS, applying_on=applying)
    assert out["target_low"].tolist() == [ev.target.low if ev.target else None for ev in loop()]  # noqa: S101
    ratio = paired(lambda: evaluate_frame(frame, **baselines.FRAME_COLUMNS, applying_on=applying), loop, 41)
    print(ratio.row(f"evaluate_frame {rows:,} rows / a loop of evaluate() (strings)", "<= 1x"))


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    if rows < 1_000:
        versus_loop(rows)
        return
    repetitions = 7 if rows >= 1_000_000 else 41
    for kind in SCENARIOS:
        frame = baselines.frame_inputs(rows, kind)
        library, baseline = sides(kind, frame)
        baselines.assert_same_frame(library(), baseline())
        baselines.assert_owns_memory(baseline(), frame)  # each side's columns own their memory
        ratio: Ratio = paired(library, baseline, repetitions)
        print(ratio.row(f"evaluate_frame {rows:,} rows x {LABELS[kind]}", "<= 2x"))
        if rows >= 1_000_000 and kind == "strings":
            memory = summarise([(peak(library), peak(baseline)) for _ in range(3)])
            print(memory.row(f"peak memory, evaluate_frame {rows:,} rows ({LABELS[kind]})", "<= 1.1x", "MiB"))
    if rows >= 1_000_000:
        versus_polars(rows)


if __name__ == "__main__":
    main()
