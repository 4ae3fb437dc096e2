"""Paired timing: the library and its baseline alternate in one process; the ratio of each pair is kept."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from typing import NamedTuple


class Ratio(NamedTuple):
    """The median, min and max of paired ratios (library / baseline), and how many pairs."""

    median: float
    low: float
    high: float
    repetitions: int
    library: float  # median seconds (or bytes) of the library side
    baseline: float

    def row(self, measure: str, goal: str, unit: str = "ms") -> str:
        """A line of the table."""
        scale = {"ms": 1e3, "us": 1e6, "MiB": 1 / 2**20, "B": 1.0}[unit]
        sides = f"{self.library * scale:10.2f} {self.baseline * scale:10.2f} {unit:<3}"
        met = "yes" if self.median <= float(goal.removeprefix("<= ").removesuffix("x")) else "NO"
        figures = f"{self.median:6.2f} {self.low:6.2f} {self.high:6.2f} {self.repetitions:5d}"
        return f"| {measure:<58} | {sides} | {figures} | {goal:<7} | {met:<3} |"


HEADER = (
    f"| {'measure':<58} | {'library':>10} {'baseline':>10} {'':<3} | "
    f"{'median':>6} {'min':>6} {'max':>6} {'reps':>5} | {'goal':<7} | met |"
)


def summarise(pairs: list[tuple[float, float]]) -> Ratio:
    """The paired ratios' median, min and max."""
    ratios = [lib / base for lib, base in pairs]
    return Ratio(
        statistics.median(ratios),
        min(ratios),
        max(ratios),
        len(ratios),
        statistics.median(lib for lib, _ in pairs),
        statistics.median(base for _, base in pairs),
    )


def paired(library: Callable[[], object], baseline: Callable[[], object], repetitions: int) -> Ratio:
    """Time ``library()`` and ``baseline()`` alternately (swapping which goes first), ``repetitions`` pairs."""
    library()
    baseline()
    pairs = []
    for index in range(repetitions):
        gc.collect()
        times = {}
        order = (library, baseline) if index % 2 == 0 else (baseline, library)
        for side in order:
            start = time.perf_counter()
            side()
            times[side] = time.perf_counter() - start
        pairs.append((times[library], times[baseline]))
    return summarise(pairs)
