"""Benchmarks (a) and (d): ``evaluate_frame`` on 1,000,000 rows against a hand-written numpy/pandas baseline.

The baseline computes the same columns for the same inputs (per-row test dates and
specialties, one applicant type) with plain numpy and pandas: it knows the packaged
figures up front and validates nothing, which is what a careful hand-written script
would do. (a) compares wall time, (d) peak memory traced by tracemalloc (numpy and
pandas report their buffers to it); each side runs in its own fresh process.
Goals: both ratios within 1.5.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import time
import tracemalloc

import numpy as np
import pandas as pd

from step2score import (
    benchmark_editions,
    board_outcome_study,
    default_norm_table,
    default_standards,
    default_target_policy,
    default_tier_scheme,
    evaluate_frame,
)

ROWS = 1_000_000
APPLYING_ON = dt.date(2025, 10, 1)


def make_class(rows: int = ROWS, seed: int = 2026) -> pd.DataFrame:
    """A synthetic class: scores around 246, test dates over four years, specialties of the default edition."""
    rng = np.random.default_rng(seed)
    specialties = list(benchmark_editions()[0].specialties)
    days = pd.date_range("2022-01-01", "2025-12-31", freq="D")
    return pd.DataFrame(
        {
            "score": np.clip(rng.normal(246, 15, rows).round(), 1, 300).astype(np.int64),
            "taken_on": days[rng.integers(0, len(days), rows)],
            "specialty": pd.Categorical(rng.choice(specialties, rows)),
        }
    )


def with_library(frame: pd.DataFrame) -> pd.DataFrame:
    return evaluate_frame(
        frame, taken_on="taken_on", specialty="specialty", fixed={"applicant": "non-us-img"}, applying_on=APPLYING_ON
    )


def baseline(frame: pd.DataFrame) -> pd.DataFrame:
    """The same columns by hand: searchsorted for the standard, np.interp for the percentile, maps for the rest."""
    standards = [s for s in default_standards() if s.in_force_from is not None]
    starts = np.array([np.datetime64(s.in_force_from, "s") for s in standards])
    minimums = np.array([s.minimum for s in standards])
    scheme, table, policy = default_tier_scheme(), default_norm_table(), default_target_policy()
    edition = benchmark_editions()[0]
    score = frame["score"].to_numpy()
    when = frame["taken_on"].to_numpy().astype("datetime64[s]")
    minimum = minimums[np.searchsorted(starts, when, side="right") - 1]
    passed = score >= minimum
    tier = np.select([~passed, score >= scheme.exceptional, score >= scheme.competitive], [0, 3, 2], default=1)
    xs = np.array([p[0] for p in table.points])
    ys = np.array([p[1] for p in table.points])
    percentile = np.interp(score, xs, ys)
    exact = np.isin(score, xs)
    method = np.where(exact, 1, np.where((score < xs[0]) | (score > xs[-1]), 0, 2))
    means = {b.specialty: b.value for b in edition}
    mean = frame["specialty"].map(means).to_numpy().astype(np.int64)
    low = np.minimum(mean + policy.img_buffer[0], 300)
    high = np.minimum(mean + policy.img_buffer[1], 300)
    gap = low - score
    study = board_outcome_study()
    odds = np.where(
        frame["specialty"].to_numpy() == "Internal Medicine", study.odds_ratio ** ((score - mean) / 10), np.nan
    )
    advice = np.where(passed, np.where(gap > 0, 1, 2), 0) + tier * 3
    rows = len(frame)
    unknown = np.ones(rows, dtype=bool)
    return pd.DataFrame(
        {
            "score": pd.array(score, dtype="Int64"),
            "taken_on": when,
            "minimum": pd.array(minimum, dtype="Int64"),
            "passed": pd.array(passed, dtype="boolean"),
            "margin": pd.array(score - minimum, dtype="Int64"),
            "tier": pd.Categorical.from_codes(
                tier, categories=pd.Index(["fail", "pass", "competitive", "exceptional"]), ordered=True
            ),
            "percentile": pd.array(percentile, dtype="Float64"),
            "percentile_method": pd.Categorical.from_codes(
                method, categories=pd.Index(["clamped", "exact", "interpolated"])
            ),
            "specialty": frame["specialty"],
            "applicant": pd.Categorical.from_codes(np.zeros(rows, dtype=np.int8), categories=pd.Index(["non-us-img"])),
            "program_tier": pd.Categorical.from_codes(np.full(rows, -1, dtype=np.int8), categories=pd.Index(["top"])),
            "edition": pd.Categorical.from_codes(np.zeros(rows, dtype=np.int8), categories=pd.Index([edition.name])),
            "benchmark_statistic": pd.Categorical.from_codes(
                np.zeros(rows, dtype=np.int8), categories=pd.Index([edition.statistic.value])
            ),
            "benchmark_value": pd.array(mean, dtype="Int64"),
            "target_low": pd.array(low, dtype="Int64"),
            "target_high": pd.array(high, dtype="Int64"),
            "target_capped": pd.array(mean + policy.img_buffer[1] > 300, dtype="boolean"),
            "gap": pd.array(gap, dtype="Int64"),
            "on_target": pd.array(gap <= 0, dtype="boolean"),
            "attempts_used": pd.arrays.IntegerArray(np.zeros(rows, dtype=np.int64), unknown),
            "attempts_remaining": pd.arrays.IntegerArray(np.zeros(rows, dtype=np.int64), unknown),
            "board_odds_ratio": pd.array(odds, dtype="Float64"),
            "next_steps": pd.Categorical.from_codes(advice, categories=pd.Index([str(i) for i in range(12)])),
        },
        copy=False,
    )


def _run(side: str) -> dict[str, float]:
    frame = make_class()
    run = with_library if side == "library" else baseline
    run(frame.head(1000))  # first-use work (packaged data, imports) is not what is measured
    tracemalloc.start()
    start = time.perf_counter()
    out = run(frame)
    seconds = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"seconds": seconds, "peak_mb": peak / 2**20, "columns": len(out.columns)}


def main() -> None:
    if len(sys.argv) > 1:  # a child process measuring one side
        print(json.dumps(_run(sys.argv[1])))
        return
    results = {}
    for side in ("library", "baseline"):
        done = subprocess.run([sys.executable, __file__, side], check=True, capture_output=True, text=True)  # noqa: S603
        results[side] = json.loads(done.stdout)
    lib, base = results["library"], results["baseline"]
    print(
        f"(a) evaluate_frame on {ROWS:,} rows: {lib['seconds']:.2f} s; hand-written baseline {base['seconds']:.2f} s; "
        f"ratio {lib['seconds'] / base['seconds']:.2f} (goal <= 1.5)"
    )
    print(
        f"(d) peak traced memory: {lib['peak_mb']:.0f} MiB; baseline {base['peak_mb']:.0f} MiB; "
        f"ratio {lib['peak_mb'] / base['peak_mb']:.2f} (goal <= 1.5)"
    )


if __name__ == "__main__":
    main()
