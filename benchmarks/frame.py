"""A whole class at once: ``evaluate_frame`` against a fair hand-written numpy/pandas function.

Three scenarios, each at 1,000,000 and at 50,000 rows: scores with a fixed test date;
per-row test date, specialty, applicant type and program tier as strings (with attempts
used as integers); the same as categoricals. The baseline returns the same columns with
the same dtypes and missing values (checked before timing). The two sides alternate in
one process and the ratio of each pair is kept. Peak memory of the 1M-row call is traced
with tracemalloc (numpy and pandas report their buffers to it), side by side.

Then the same classes as Polars frames (scores, and per-row strings) against a Polars
baseline written in Polars (``frame_by_hand_polars``, checked equal first); at 1M rows the
Polars call against the pandas call (the library on both); and 300 rows in one call against
a loop of ``evaluate()`` over the same rows.
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
POLARS_SCENARIOS = ("scores", "strings")
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


def polars_sides(kind: str, frame: Any) -> tuple[Callable[[], Any], Callable[[], Any]]:  # noqa: ANN401 - polars
    """The library call on a Polars frame and its Polars baseline."""
    applying = baselines.APPLYING_ON
    if kind == "scores":
        fixed: dict[str, Any] = {"taken_on": baselines.FIRST_DAY}
        return (
            lambda: evaluate_frame(frame, fixed=fixed, applying_on=applying),
            lambda: baselines.frame_by_hand_polars(frame, fixed_date=baselines.FIRST_DAY, applying_on=applying),
        )
    return (
        lambda: evaluate_frame(frame, **baselines.FRAME_COLUMNS, applying_on=applying),
        lambda: baselines.frame_by_hand_polars(frame, applying_on=applying),
    )


def on_polars(rows: int, repetitions: int) -> None:
    """The Polars scenarios against the Polars baseline; at 1M rows also Polars against pandas (the library on both).

    Each side is checked equal to its own library's baseline first, so both compute the same answers.
    """
    import polars as pl  # noqa: PLC0415 - only these rows need it

    for kind in POLARS_SCENARIOS:
        native = pl.from_pandas(baselines.frame_inputs(rows, kind))
        library, baseline = polars_sides(kind, native)
        baselines.assert_same_polars_frame(library(), baseline())
        ratio = paired(library, baseline, repetitions)
        print(ratio.row(f"evaluate_frame {rows:,} rows x {LABELS[kind]} (Polars)", "<= 2x"))
    if rows >= 1_000_000:
        frame = baselines.frame_inputs(rows, "strings")
        polars_call, _ = polars_sides("strings", pl.from_pandas(frame))
        pandas_call, pandas_baseline = sides("strings", frame)
        baselines.assert_same_frame(pandas_call(), pandas_baseline())
        ratio = paired(polars_call, pandas_call, repetitions)
        print(ratio.row(f"evaluate_frame {rows:,} rows, Polars / pandas ({LABELS['strings']})", "<= 1x"))


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
    on_polars(rows, repetitions)


if __name__ == "__main__":
    main()
