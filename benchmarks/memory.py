"""Memory held per kept minimal evaluation: 100,000 results of ``evaluate(score, taken_on=...)`` kept in a list.

Measured with tracemalloc after a garbage collection, minus the list itself; the inputs
are varied (scores and test dates from a fixed seed). Also printed: the objects the
garbage collector tracks per kept result. Repeated in fresh batches; goal 0.5 KB each.
"""

from __future__ import annotations

import datetime as dt
import gc
import tracemalloc

import baselines
from paired import Ratio

from step2score import evaluate

KEPT = 100_000
REPETITIONS = 5


def held_per_result(inputs: list[tuple[int, dt.date]]) -> tuple[float, float]:
    """Bytes held and GC-tracked objects per kept result."""
    gc.collect()
    kept: list[object] = [None] * len(inputs)
    tracked = len(gc.get_objects())
    tracemalloc.start()
    before, _ = tracemalloc.get_traced_memory()
    for index, (score, day) in enumerate(inputs):
        kept[index] = evaluate(score, taken_on=day)
    gc.collect()
    after, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    objects = len(gc.get_objects()) - tracked
    return (after - before) / len(inputs), objects / len(inputs)


def main() -> None:
    inputs = [(score, day) for score, day, *_ in baselines.scalar_inputs(KEPT, seed=3)]
    held = [held_per_result(inputs) for _ in range(REPETITIONS)]
    size = sorted(b for b, _ in held)
    ratio = Ratio(size[len(size) // 2] / 512, size[0] / 512, size[-1] / 512, len(size), size[len(size) // 2], 512)
    print(ratio.row(f"memory per kept minimal evaluation ({KEPT:,} kept) / 0.5 KB", "<= 1x", "B"))
    print(f"    (GC-tracked objects per kept result: {held[0][1]:.2f})")


if __name__ == "__main__":
    main()
