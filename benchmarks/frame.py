"""A whole class at once: ``evaluate_frame`` against a fair hand-written numpy/pandas function.

Three scenarios, each at 1,000,000 and at 10,000 rows: scores with a fixed test date;
per-row test date, specialty, applicant type and program tier as strings (with attempts
used as integers); the same as categoricals. The baseline returns the same columns with
the same dtypes and missing values (checked before timing). The two sides alternate in
one process and the ratio of each pair is kept. Peak memory of the 1M-row call is traced
with tracemalloc (numpy and pandas report their buffers to it), side by side.
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


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    repetitions = 7 if rows >= 1_000_000 else 41
    for kind in SCENARIOS:
        frame = baselines.frame_inputs(rows, kind)
        library, baseline = sides(kind, frame)
        baselines.assert_same_frame(library(), baseline())
        baselines.assert_owns_memory(baseline(), frame)  # each side's columns own their memory
        ratio: Ratio = paired(library, baseline, repetitions)
        print(ratio.row(f"evaluate_frame {rows:,} rows x {LABELS[kind]}", "<= 1.2x" if rows >= 1e6 else "<= 2x"))
        if rows >= 1_000_000 and kind == "strings":
            memory = summarise([(peak(library), peak(baseline)) for _ in range(3)])
            print(memory.row(f"peak memory, evaluate_frame {rows:,} rows ({LABELS[kind]})", "<= 1.1x", "MiB"))


if __name__ == "__main__":
    main()
