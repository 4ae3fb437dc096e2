"""Many threads making their first calls at once, in fresh interpreters, answer as one thread does."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

SOURCE = Path(__file__).parents[1] / "src"

#: Run in a fresh interpreter: every thread's first look-up of the lazy names and first use of the cached data
#: happen together (a barrier releases them at once); each thread's answers are printed as JSON.
PROGRAM = """
import json, sys, threading
import step2score

THREADS = int(sys.argv[1])
TOGETHER = sys.argv[2] == "together"
barrier = threading.Barrier(THREADS if TOGETHER else 1)
results = [None] * THREADS
errors = []

def work(index):
    try:
        barrier.wait()
        names = ("evaluate", "Tier", "ProgramTier", "default_standards", "specialties", "standard_on",
                 "default_tier_scheme", "resolve_specialty", "default_edition", "percentile_of", "__version__")
        found = [getattr(step2score, name) is not None for name in names]
        score = 200 + index % 60
        if index % 2:  # half the threads import decimal while the others ask whether a score is a Decimal
            import decimal
            score = decimal.Decimal(score)
        ev = step2score.evaluate(score, taken_on="2024-05-01", specialty="derm", applicant="img")
        results[index] = [found, ev.passed, ev.tier.value, step2score.standard_on("2025-08-01").minimum,
                          len(step2score.specialties()), step2score.default_tier_scheme().competitive,
                          step2score.resolve_specialty("ob/gyn")]
    except BaseException as error:  # the point is to see any crash
        errors.append(f"{type(error).__name__}: {error}")

if TOGETHER:
    threads = [threading.Thread(target=work, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
else:
    for i in range(THREADS):
        work(i)
print(json.dumps({"errors": errors, "results": results}))
"""


THREADS = 32


def run(mode: str) -> dict[str, list[object]]:
    """The errors and answers of ``THREADS`` workers run ``together`` in threads or one after another (``serial``)."""
    completed = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", PROGRAM, str(THREADS), mode],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(SOURCE)},
        timeout=120,
    )
    result: dict[str, list[object]] = json.loads(completed.stdout)
    return result


@pytest.fixture(scope="module")
def serial() -> dict[str, list[object]]:
    return run("serial")


@pytest.mark.parametrize("attempt", range(5))
def test_first_calls_from_many_threads_equal_a_serial_run(attempt: int, serial: dict[str, list[object]]) -> None:
    """Law: 32 threads making their first calls together in a fresh interpreter raise nothing and answer as a serial run."""
    assert serial["errors"] == []
    together = run("together")
    assert together["errors"] == [], f"attempt {attempt}"
    assert together["results"] == serial["results"]
