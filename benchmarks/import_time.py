"""Benchmark (c): the wall time of ``python -c "import step2score"`` against ``python -c "import attrs"``.

Each command runs in a fresh interpreter, alternately, many times; the medians are compared.
Goal: a ratio within 1.5.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

RUNS = 40
STATEMENTS = {
    "import step2score": "import step2score",
    "from step2score import evaluate; evaluate(247)": "from step2score import evaluate; evaluate(247)",
    "import attrs (baseline)": "import attrs",
}


# Bytecode is cached, as it is for an installed package (pip compiles it at install time);
# this machine sets PYTHONDONTWRITEBYTECODE, which would make every run compile the sources.
_ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def _once(statement: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", statement], check=True, env=_ENV)  # noqa: S603 - our own interpreter
    return time.perf_counter() - start


def measure(runs: int = RUNS) -> dict[str, float]:
    """Median wall time in seconds of each statement in a fresh interpreter."""
    times: dict[str, list[float]] = {name: [] for name in STATEMENTS}
    for statement in STATEMENTS.values():
        _once(statement)  # write the bytecode cache and warm the file-system cache
    for _ in range(runs):
        for name, statement in STATEMENTS.items():
            times[name].append(_once(statement))
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    medians = measure()
    baseline = medians["import attrs (baseline)"]
    print(f"(c) import time, median of {RUNS} fresh interpreters each")
    for name, seconds in medians.items():
        print(f"    {name:<50} {seconds * 1000:7.1f} ms   ratio {seconds / baseline:5.2f}")


if __name__ == "__main__":
    main()
