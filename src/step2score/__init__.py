"""step2score: interpret a USMLE Step 2 CK score, with every figure sourced.

>>> from step2score import evaluate
>>> evaluate(247, taken_on="2025-09-15").passed
True

Every public name is importable from here. The modules behind them are loaded on first
use (PEP 562), so ``import step2score`` stays cheap and a batch job that needs only
:func:`evaluate_frame` does not pay for the plotting code, nor the other way round.

Type checkers see the eager imports below and no module ``__getattr__``, so a misspelt
name (``from step2score import evaulate``) fails ``mypy --strict``. The first look-ups
are serialised by a lock, so many threads may make their first calls at once.
"""

from __future__ import annotations

import importlib
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the same names, imported eagerly for type checkers and editors
    from step2score.advice import NextStep, next_steps
    from step2score.applicants import ApplicantProfile, ApplicantType, ProgramTier
    from step2score.benchmarks import (
        BenchmarkEdition,
        DistributionPosition,
        Quartile,
        SpecialtyBenchmark,
        SpecialtyComparison,
        Statistic,
        benchmark_editions,
        choose_edition,
        compare_with_edition,
        default_edition,
        edition_for,
        edition_named,
        load_edition,
        position_in,
        resolve_specialty,
        specialties,
        specialty_aliases,
    )
    from step2score.errors import (
        DataFileError,
        InvalidScoreError,
        InvalidTypeError,
        InvalidValueError,
        MissingExtraError,
        NoPolicyError,
        NoStandardError,
        OutsideMatchError,
        SpecialtyNotInEditionError,
        Step2ScoreError,
        UnknownCohortError,
        UnknownDatasetError,
        UnknownEditionError,
        UnknownSpecialtyError,
    )
    from step2score.evaluation import Evaluation, evaluate, evaluate_many
    from step2score.frame import ROW_FIELDS, evaluate_frame
    from step2score.measurement import (
        DifferenceConvention,
        PercentileBand,
        ScoreBand,
        ScoreDifference,
        Sem,
        compare_scores,
        default_difference_convention,
        default_sem,
        percentile_band,
        score_band,
    )
    from step2score.norms import (
        DEFAULT_NORM_TABLE,
        NormalApproximation,
        NormTable,
        PercentileMethod,
        PercentileRank,
        default_norm_table,
        norm_table,
        norm_tables,
        normal_approximation,
        normal_approximations,
        norms_named,
        percentile_of,
    )
    from step2score.plot import plot_cohort, plot_evaluation
    from step2score.policies import (
        BOARD_STUDY_SPECIALTY,
        AttemptPolicy,
        AttemptStatus,
        BoardOutcomeOdds,
        BoardOutcomeStudy,
        LicensureWindow,
        attempt_policies,
        attempt_policy_on,
        attempt_status,
        board_outcome_study,
        common_licensure_window,
        licensure_deadline,
    )
    from step2score.rates import (
        THIN_CELL,
        MatchRate,
        PassRate,
        SpecialtyMatchRate,
        Takers,
        match_rate_for,
        match_rates,
        pass_rates,
        repeater_pass_rate,
        specialty_match_rate_for,
        specialty_match_rates,
    )
    from step2score.score import SCALE_MAX, SCALE_MIN, ScaledScore
    from step2score.serialization import (
        REQUEST_SCHEMA_ID,
        REQUEST_SCHEMA_VERSION,
        SCHEMA_ID,
        SCHEMA_VERSION,
        evaluate_request,
        evaluation_schema,
        from_dict,
        read_request,
        request_schema,
        to_dict,
    )
    from step2score.sources import Confidence, Source
    from step2score.standards import (
        ExamChange,
        PassingStandard,
        StandardHistory,
        default_standards,
        exam_changes,
        standard_on,
    )
    from step2score.status import DatasetStatus, DataStatus, data_status
    from step2score.targets import (
        BufferRule,
        DistributionPoint,
        Target,
        TargetBasis,
        TargetPart,
        TargetPolicy,
        article_target_policy,
        choose_target_policy,
        default_target_policy,
        target_for,
    )
    from step2score.tiers import Tier, TierScheme, default_tier_scheme, tier_of

    __version__: str

#: Where each public name lives.
_HOMES: dict[str, str] = {
    "exam_changes": "step2score.standards",
    "ExamChange": "step2score.standards",
    "REQUEST_SCHEMA_VERSION": "step2score.serialization",
    "choose_target_policy": "step2score.targets",
    "article_target_policy": "step2score.targets",
    "TargetBasis": "step2score.targets",
    "BufferRule": "step2score.targets",
    "specialty_match_rates": "step2score.rates",
    "specialty_match_rate_for": "step2score.rates",
    "SpecialtyMatchRate": "step2score.rates",
    "edition_for": "step2score.benchmarks",
    "REQUEST_SCHEMA_ID": "step2score.serialization",
    "SCHEMA_VERSION": "step2score.serialization",
    "request_schema": "step2score.serialization",
    "evaluate_request": "step2score.serialization",
    "read_request": "step2score.serialization",
    "norms_named": "step2score.norms",
    "data_status": "step2score.status",
    "DatasetStatus": "step2score.status",
    "DataStatus": "step2score.status",
    "THIN_CELL": "step2score.rates",
    "match_rate_for": "step2score.rates",
    "match_rates": "step2score.rates",
    "MatchRate": "step2score.rates",
    "repeater_pass_rate": "step2score.rates",
    "pass_rates": "step2score.rates",
    "Takers": "step2score.rates",
    "PassRate": "step2score.rates",
    "compare_scores": "step2score.measurement",
    "ScoreDifference": "step2score.measurement",
    "percentile_band": "step2score.measurement",
    "PercentileBand": "step2score.measurement",
    "score_band": "step2score.measurement",
    "ScoreBand": "step2score.measurement",
    "default_difference_convention": "step2score.measurement",
    "DifferenceConvention": "step2score.measurement",
    "default_sem": "step2score.measurement",
    "Sem": "step2score.measurement",
    "norm_tables": "step2score.norms",
    "norm_table": "step2score.norms",
    "DEFAULT_NORM_TABLE": "step2score.norms",
    "MissingExtraError": "step2score.errors",
    "OutsideMatchError": "step2score.errors",
    "position_in": "step2score.benchmarks",
    "Statistic": "step2score.benchmarks",
    "Quartile": "step2score.benchmarks",
    "DistributionPosition": "step2score.benchmarks",
    "DistributionPoint": "step2score.targets",
    "BOARD_STUDY_SPECIALTY": "step2score.policies",
    "ROW_FIELDS": "step2score.frame",
    "SCALE_MAX": "step2score.score",
    "SCALE_MIN": "step2score.score",
    "SCHEMA_ID": "step2score.serialization",
    "ApplicantProfile": "step2score.applicants",
    "ApplicantType": "step2score.applicants",
    "AttemptPolicy": "step2score.policies",
    "AttemptStatus": "step2score.policies",
    "BenchmarkEdition": "step2score.benchmarks",
    "BoardOutcomeOdds": "step2score.policies",
    "BoardOutcomeStudy": "step2score.policies",
    "Confidence": "step2score.sources",
    "DataFileError": "step2score.errors",
    "Evaluation": "step2score.evaluation",
    "InvalidScoreError": "step2score.errors",
    "InvalidTypeError": "step2score.errors",
    "InvalidValueError": "step2score.errors",
    "LicensureWindow": "step2score.policies",
    "NextStep": "step2score.advice",
    "NoPolicyError": "step2score.errors",
    "NoStandardError": "step2score.errors",
    "NormTable": "step2score.norms",
    "NormalApproximation": "step2score.norms",
    "PassingStandard": "step2score.standards",
    "PercentileMethod": "step2score.norms",
    "PercentileRank": "step2score.norms",
    "ProgramTier": "step2score.applicants",
    "ScaledScore": "step2score.score",
    "Source": "step2score.sources",
    "SpecialtyBenchmark": "step2score.benchmarks",
    "SpecialtyComparison": "step2score.benchmarks",
    "SpecialtyNotInEditionError": "step2score.errors",
    "StandardHistory": "step2score.standards",
    "Step2ScoreError": "step2score.errors",
    "Target": "step2score.targets",
    "TargetPart": "step2score.targets",
    "TargetPolicy": "step2score.targets",
    "Tier": "step2score.tiers",
    "TierScheme": "step2score.tiers",
    "UnknownCohortError": "step2score.errors",
    "UnknownDatasetError": "step2score.errors",
    "UnknownEditionError": "step2score.errors",
    "UnknownSpecialtyError": "step2score.errors",
    "attempt_policies": "step2score.policies",
    "attempt_policy_on": "step2score.policies",
    "attempt_status": "step2score.policies",
    "benchmark_editions": "step2score.benchmarks",
    "board_outcome_study": "step2score.policies",
    "choose_edition": "step2score.benchmarks",
    "common_licensure_window": "step2score.policies",
    "compare_with_edition": "step2score.benchmarks",
    "default_edition": "step2score.benchmarks",
    "default_norm_table": "step2score.norms",
    "default_standards": "step2score.standards",
    "default_target_policy": "step2score.targets",
    "default_tier_scheme": "step2score.tiers",
    "edition_named": "step2score.benchmarks",
    "evaluate": "step2score.evaluation",
    "evaluate_frame": "step2score.frame",
    "evaluate_many": "step2score.evaluation",
    "evaluation_schema": "step2score.serialization",
    "from_dict": "step2score.serialization",
    "licensure_deadline": "step2score.policies",
    "load_edition": "step2score.benchmarks",
    "next_steps": "step2score.advice",
    "normal_approximation": "step2score.norms",
    "normal_approximations": "step2score.norms",
    "percentile_of": "step2score.norms",
    "resolve_specialty": "step2score.benchmarks",
    "specialties": "step2score.benchmarks",
    "specialty_aliases": "step2score.benchmarks",
    "plot_cohort": "step2score.plot",
    "plot_evaluation": "step2score.plot",
    "standard_on": "step2score.standards",
    "target_for": "step2score.targets",
    "tier_of": "step2score.tiers",
    "to_dict": "step2score.serialization",
}

__all__ = [
    "BOARD_STUDY_SPECIALTY",
    "DEFAULT_NORM_TABLE",
    "REQUEST_SCHEMA_ID",
    "REQUEST_SCHEMA_VERSION",
    "ROW_FIELDS",
    "SCALE_MAX",
    "SCALE_MIN",
    "SCHEMA_ID",
    "SCHEMA_VERSION",
    "THIN_CELL",
    "ApplicantProfile",
    "ApplicantType",
    "AttemptPolicy",
    "AttemptStatus",
    "BenchmarkEdition",
    "BoardOutcomeOdds",
    "BoardOutcomeStudy",
    "BufferRule",
    "Confidence",
    "DataFileError",
    "DataStatus",
    "DatasetStatus",
    "DifferenceConvention",
    "DistributionPoint",
    "DistributionPosition",
    "Evaluation",
    "ExamChange",
    "InvalidScoreError",
    "InvalidTypeError",
    "InvalidValueError",
    "LicensureWindow",
    "MatchRate",
    "MissingExtraError",
    "NextStep",
    "NoPolicyError",
    "NoStandardError",
    "NormTable",
    "NormalApproximation",
    "OutsideMatchError",
    "PassRate",
    "PassingStandard",
    "PercentileBand",
    "PercentileMethod",
    "PercentileRank",
    "ProgramTier",
    "Quartile",
    "ScaledScore",
    "ScoreBand",
    "ScoreDifference",
    "Sem",
    "Source",
    "SpecialtyBenchmark",
    "SpecialtyComparison",
    "SpecialtyMatchRate",
    "SpecialtyNotInEditionError",
    "StandardHistory",
    "Statistic",
    "Step2ScoreError",
    "Takers",
    "Target",
    "TargetBasis",
    "TargetPart",
    "TargetPolicy",
    "Tier",
    "TierScheme",
    "UnknownCohortError",
    "UnknownDatasetError",
    "UnknownEditionError",
    "UnknownSpecialtyError",
    "__version__",
    "article_target_policy",
    "attempt_policies",
    "attempt_policy_on",
    "attempt_status",
    "benchmark_editions",
    "board_outcome_study",
    "choose_edition",
    "choose_target_policy",
    "common_licensure_window",
    "compare_scores",
    "compare_with_edition",
    "data_status",
    "default_difference_convention",
    "default_edition",
    "default_norm_table",
    "default_sem",
    "default_standards",
    "default_target_policy",
    "default_tier_scheme",
    "edition_for",
    "edition_named",
    "evaluate",
    "evaluate_frame",
    "evaluate_many",
    "evaluate_request",
    "evaluation_schema",
    "exam_changes",
    "from_dict",
    "licensure_deadline",
    "load_edition",
    "match_rate_for",
    "match_rates",
    "next_steps",
    "norm_table",
    "norm_tables",
    "normal_approximation",
    "normal_approximations",
    "norms_named",
    "pass_rates",
    "percentile_band",
    "percentile_of",
    "plot_cohort",
    "plot_evaluation",
    "position_in",
    "read_request",
    "repeater_pass_rate",
    "request_schema",
    "resolve_specialty",
    "score_band",
    "specialties",
    "specialty_aliases",
    "specialty_match_rate_for",
    "specialty_match_rates",
    "standard_on",
    "target_for",
    "tier_of",
    "to_dict",
]


#: Serialises first look-ups: one thread imports a name's module while the others wait for it.
_LOADING = threading.RLock()


def _package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415 - costly, so on demand

    try:
        return version("step2score")
    except PackageNotFoundError:  # pragma: no cover - a source tree that was never installed
        from step2score._version import __version__  # noqa: PLC0415

        return __version__


def _load(name: str) -> object:
    """Load a public name's module on first use; ``__version__`` comes from the package metadata."""
    home = _HOMES.get(name)
    if home is None and name != "__version__":
        msg = f"module 'step2score' has no attribute {name!r}"
        raise AttributeError(msg)
    with _LOADING:
        found = globals().get(name)  # another thread may have loaded it while this one waited
        if found is None:
            found = _package_version() if home is None else getattr(importlib.import_module(home), name)
            globals()[name] = found  # later look-ups skip the module __getattr__
    return found


if not TYPE_CHECKING:  # hidden from type checkers, so a misspelt name is an error rather than Any

    def __getattr__(name: str) -> object:
        return _load(name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
