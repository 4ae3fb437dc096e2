"""JSON both ways: the library's serialiser against ``json`` itself plus the same objects built by hand.

Writing: ``Evaluation.to_json()`` against ``json.dumps`` of the same documents, already built.
Reading: ``Evaluation.from_json(text)`` against ``json.loads(text)`` followed by a hand-written
builder that calls each class's constructor on the fields it knows (no type dispatch, no
checks of its own beyond what the constructors do). Both sides handle the same 200 varied
evaluations per timed batch; before timing, the builder's objects are checked equal to the
library's and the library's documents to ``json.dumps``'s.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Any

import baselines
from paired import Ratio, paired

from step2score import (
    AttemptPolicy,
    AttemptStatus,
    BoardOutcomeOdds,
    BoardOutcomeStudy,
    Evaluation,
    NextStep,
    PassingStandard,
    PercentileBand,
    PercentileRank,
    ScaledScore,
    ScoreBand,
    Sem,
    Source,
    SpecialtyBenchmark,
    SpecialtyComparison,
    SpecialtyMatchRate,
    Target,
    TargetPart,
    TierScheme,
    evaluate,
)
from step2score.applicants import ApplicantProfile, ApplicantType, ProgramTier
from step2score.benchmarks import DistributionPosition, Quartile, Statistic
from step2score.norms import PercentileMethod
from step2score.rates import MatchRate
from step2score.sources import Confidence
from step2score.targets import TargetBasis
from step2score.tiers import Tier

CALLS = 200
REPETITIONS = 41
Doc = dict[str, Any]


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _source(d: Doc) -> Source:
    return Source(d["title"], tuple(d["urls"]), Confidence(d["confidence"]), d["note"])


def _maybe_source(d: Doc | None) -> Source | None:
    return None if d is None else _source(d)


def _rank(d: Doc) -> PercentileRank:
    return PercentileRank(d["value"], d["cohort"], PercentileMethod(d["method"]), _source(d["source"]))


def _profile(d: Doc) -> ApplicantProfile:
    tier = d["program_tier"]
    return ApplicantProfile(ApplicantType(d["applicant"]), d["specialty"], None if tier is None else ProgramTier(tier))


def _benchmark(d: Doc) -> SpecialtyBenchmark:
    figures = {
        k: v for k, v in d.items() if k not in {"specialty", "statistic", "value", "edition", "cohort", "source"}
    }
    figures["group"] = None if d["group"] is None else ApplicantType(d["group"])
    return SpecialtyBenchmark(
        d["specialty"],
        Statistic(d["statistic"]),
        d["value"],
        d["edition"],
        d["cohort"],
        _source(d["source"]),
        **figures,
    )


def _target(d: Doc) -> Target:
    parts = tuple(TargetPart(p["label"], p["low"], p["high"], _maybe_source(p["source"])) for p in d["parts"])
    return Target(
        d["low"],
        d["high"],
        parts,
        d["capped"],
        _profile(d["profile"]),
        TargetBasis(d["basis"]),
        _rank(d["low_percentile"]),
        _rank(d["high_percentile"]),
    )


def _sem(d: Doc) -> Sem:
    return Sem(d["points"], _maybe_source(d["source"]))


def _study(d: Doc) -> BoardOutcomeStudy:
    return BoardOutcomeStudy(
        d["exam"], d["per_points"], d["odds_ratio"], d["ci_low"], d["ci_high"], _source(d["source"])
    )


def by_hand(d: Doc) -> Evaluation:
    """The evaluation a document describes, built by calling each class's constructor."""
    standard = d["standard"]
    scheme = d["tier_scheme"]
    band, bands = d["score_band"], d["percentile_band"]
    benchmark = None if d["benchmark"] is None else _benchmark(d["benchmark"])
    position = d["position"]
    rate, group_rate, attempts, odds = d["match_rate"], d["specialty_match_rate"], d["attempts"], d["board_odds"]
    return Evaluation(
        ScaledScore(d["score"]),
        _day(d["taken_on"]),
        d["date_assumed"],
        PassingStandard(
            standard["minimum"],
            None if standard["in_force_from"] is None else _day(standard["in_force_from"]),
            _source(standard["source"]),
            in_force_from_assumed=standard["in_force_from_assumed"],
            announced=standard["announced"],
        ),
        d["passed"],
        d["margin"],
        Tier(d["tier"]),
        TierScheme(scheme["competitive"], scheme["exceptional"], _source(scheme["source"])),
        tuple(_rank(r) for r in d["threshold_percentiles"]),  # type: ignore[arg-type]
        _profile(d["profile"]),
        d["edition"],
        None if d["figures_group"] is None else ApplicantType(d["figures_group"]),
        benchmark,
        None
        if position is None
        else DistributionPosition(
            position["score"],
            Quartile(position["quartile"]),
            _benchmark(position["benchmark"]),
            position["above_not_matched"],
        ),
        None if d["target"] is None else _target(d["target"]),
        d["gap"],
        d["on_target"],
        tuple(
            SpecialtyComparison(
                c["specialty"],
                Statistic(c["statistic"]),
                c["value"],
                c["difference"],
                None if c["quartile"] is None else Quartile(c["quartile"]),
                thin=c["thin"],
            )
            for c in d["comparisons"]
        ),
        _rank(d["percentile"]),
        ScoreBand(
            band["score"], band["low"], band["high"], Sem(band["sem"]["points"], _maybe_source(band["sem"]["source"]))
        ),
        PercentileBand(_rank(bands["low"]), _rank(bands["high"])),
        d["close_to_standard"],
        None
        if rate is None
        else MatchRate(
            rate["specialty"],
            rate["band"],
            rate["band_low"],
            rate["band_high"],
            rate["seniors"],
            rate["percent"],
            _source(rate["source"]),
        ),
        None
        if group_rate is None
        else SpecialtyMatchRate(
            ApplicantType(group_rate["group"]),
            group_rate["specialty"],
            group_rate["matched"],
            group_rate["preferred"],
            group_rate["percent"],
            _source(group_rate["source"]),
        ),
        None
        if attempts is None
        else AttemptStatus(
            attempts["used"],
            attempts["remaining"],
            AttemptPolicy(
                attempts["policy"]["limit"],
                _day(attempts["policy"]["applies_from"]),
                _source(attempts["policy"]["source"]),
                counts_incomplete=attempts["policy"]["counts_incomplete"],
            ),
        ),
        None
        if odds is None
        else BoardOutcomeOdds(
            odds["points"], odds["odds_ratio"], odds["ci_low"], odds["ci_high"], _study(odds["study"])
        ),
        tuple(NextStep(s["code"], s["title"], s["detail"], s["figure"], _source(s["source"])) for s in d["next_steps"]),
    )


def inputs() -> list[Evaluation]:
    """The same varied evaluations the scalar benchmark uses, first ``CALLS`` of them."""
    applying = baselines.APPLYING_ON
    return [
        evaluate(
            score,
            taken_on=day,
            specialty=specialty,
            applicant=applicant,
            program_tier=tier,
            attempts_used=used,
            applying_on=applying,
        )
        for score, day, specialty, applicant, tier, used in baselines.scalar_inputs(CALLS)
    ]


def check(evaluations: list[Evaluation], docs: list[Doc], texts: list[str]) -> None:
    """Stop unless both sides write and read the same documents and objects."""
    for ev, doc, text in zip(evaluations, docs, texts, strict=True):
        if json.loads(text) != doc or by_hand(json.loads(text)) != ev or Evaluation.from_json(text) != ev:
            sys.exit(f"the hand-written reader or writer disagrees with the library for {ev!r}")


def measure(repetitions: int = REPETITIONS) -> dict[str, Ratio]:
    """The writing and the reading paired ratios."""
    evaluations = inputs()
    docs = [ev.to_dict() for ev in evaluations]
    texts = [ev.to_json() for ev in evaluations]
    check(evaluations, docs, texts)

    def library_write() -> None:
        for ev in evaluations:
            ev.to_json()

    def baseline_write() -> None:
        for doc in docs:
            json.dumps(doc, ensure_ascii=False)

    def library_read() -> None:
        for text in texts:
            Evaluation.from_json(text)

    def baseline_read() -> None:
        for text in texts:
            by_hand(json.loads(text))

    return {
        "to_json(ev) / json.dumps of the same document": paired(library_write, baseline_write, repetitions),
        "from_json(text) / json.loads + the same objects by hand": paired(library_read, baseline_read, repetitions),
    }


def main() -> None:
    for name, ratio in measure().items():
        per_call = Ratio(*ratio[:4], ratio.library / CALLS, ratio.baseline / CALLS)
        print(per_call.row(name, "<= 2x", "us"))


if __name__ == "__main__":
    main()
