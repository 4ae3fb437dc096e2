"""One score at a time: ``evaluate()`` against its fair hand-written twin, full and minimal calls.

Each side evaluates the same 2,000 varied inputs (scores, test dates, specialty spellings,
applicant types, program tiers, attempts; fixed seed) per timed batch; the two sides
alternate and the ratio of each pair is kept. Before timing, every input's baseline
answer is checked equal to the library's.
"""

from __future__ import annotations

import sys

import baselines
from paired import Ratio, paired

from step2score import evaluate

CALLS = 2000
REPETITIONS = 41


def check(inputs: list[tuple[object, ...]]) -> None:
    """Stop unless the baselines return what the library returns, input by input."""
    t, applying = baselines.tables(), baselines.APPLYING_ON
    for score, day, specialty, applicant, tier, used in inputs:
        ev = evaluate(
            score,  # type: ignore[arg-type]
            taken_on=day,  # type: ignore[arg-type]
            specialty=specialty,  # type: ignore[arg-type]
            applicant=applicant,  # type: ignore[arg-type]
            program_tier=tier,  # type: ignore[arg-type]
            attempts_used=used,  # type: ignore[arg-type]
            applying_on=applying,
        )
        full = baselines.full_by_hand(score, day, specialty, applicant, tier, used, applying, t)  # type: ignore[arg-type]
        minimal = baselines.minimal_by_hand(score, day, t)  # type: ignore[arg-type]
        if baselines.full_view(ev) != full or baselines.minimal_view(evaluate(score, taken_on=day)) != minimal:  # type: ignore[arg-type]
            sys.exit(f"baseline and library disagree for {score, day, specialty, applicant, tier, used}")


def measure(repetitions: int = REPETITIONS) -> dict[str, Ratio]:
    """The full and the minimal call's paired ratios."""
    inputs = baselines.scalar_inputs(CALLS)
    check(inputs)  # type: ignore[arg-type]
    t, applying = baselines.tables(), baselines.APPLYING_ON
    full_by_hand, minimal_by_hand = baselines.full_by_hand, baselines.minimal_by_hand

    def library_full() -> None:
        for score, day, specialty, applicant, tier, used in inputs:
            evaluate(
                score,
                taken_on=day,
                specialty=specialty,
                applicant=applicant,
                program_tier=tier,
                attempts_used=used,
                applying_on=applying,
            )

    def baseline_full() -> None:
        for score, day, specialty, applicant, tier, used in inputs:
            full_by_hand(score, day, specialty, applicant, tier, used, applying, t)

    def library_minimal() -> None:
        for score, day, *_ in inputs:
            evaluate(score, taken_on=day)

    def baseline_minimal() -> None:
        for score, day, *_ in inputs:
            minimal_by_hand(score, day, t)

    return {
        "full": paired(library_full, baseline_full, repetitions),
        "minimal": paired(library_minimal, baseline_minimal, repetitions),
    }


def main() -> None:
    ratios = measure()
    for name, ratio in ratios.items():
        per_call = Ratio(*ratio[:4], ratio.library / CALLS, ratio.baseline / CALLS)
        print(per_call.row(f"{name} evaluate() / hand-written (per call)", "<= 1.5x", "us"))


if __name__ == "__main__":
    main()
