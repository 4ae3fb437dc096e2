"""Benchmark (b): one scalar ``evaluate()`` against a minimal hand-written pass, tier and target.

The hand-written function knows the figures up front (218, 245/255, the dermatology mean, the
IMG buffer, the prestige offset) and checks nothing; ``evaluate`` validates its input, looks the
standard up by date, resolves the specialty's name and builds an immutable result with sources,
percentile, comparisons and advice. The ratio is reported, with no goal.
"""

from __future__ import annotations

import datetime as dt
import timeit

from step2score import Evaluation, evaluate

TAKEN_ON = dt.date(2025, 9, 15)


def by_hand(score: int) -> tuple[bool, str, int, int]:
    """Pass, tier and target (low, high) for a non-U.S. IMG aiming at dermatology at a top program."""
    passed = score >= 218
    tier = "fail" if not passed else "exceptional" if score >= 255 else "competitive" if score >= 245 else "pass"
    return passed, tier, min(257 + 10 + 5, 300), min(257 + 15 + 5, 300)


def with_library(score: int) -> Evaluation:
    return evaluate(score, taken_on=TAKEN_ON, specialty="derm", applicant="non-us-img", program_tier="top")


def main() -> None:
    ev = with_library(241)
    if ev.target is None or by_hand(241) != (ev.passed, ev.tier.value, ev.target.low, ev.target.high):
        msg = "the hand-written function and evaluate() disagree"
        raise SystemExit(msg)
    number = 2000
    library = min(timeit.repeat(lambda: with_library(241), number=number, repeat=5)) / number
    baseline = min(timeit.repeat(lambda: by_hand(241), number=number * 50, repeat=5)) / (number * 50)
    print(
        f"(b) one evaluate(): {library * 1e6:.0f} us; hand-written pass/tier/target {baseline * 1e6:.2f} us; "
        f"ratio {library / baseline:.0f} (reported, no goal)"
    )


if __name__ == "__main__":
    main()
