"""step2score: interpret a USMLE Step 2 CK score, with every figure sourced.

>>> from step2score import evaluate
>>> evaluate(247, taken_on="2025-09-15").passed
True
"""

from importlib.metadata import PackageNotFoundError, version

from step2score.advice import NextStep, next_steps
from step2score.applicants import ApplicantProfile, ApplicantType, ProgramTier
from step2score.batch import ROW_FIELDS, evaluate_frame, evaluate_many
from step2score.benchmarks import (
    BenchmarkEdition,
    SpecialtyBenchmark,
    SpecialtyComparison,
    benchmark_editions,
    choose_edition,
    compare_with_edition,
    default_edition,
    edition_named,
    load_edition,
    resolve_specialty,
    specialties,
    specialty_aliases,
)
from step2score.errors import (
    DataFileError,
    InvalidScoreError,
    InvalidTypeError,
    InvalidValueError,
    NoStandardError,
    SpecialtyNotInEditionError,
    Step2ScoreError,
    UnknownEditionError,
    UnknownSpecialtyError,
)
from step2score.evaluation import Evaluation, evaluate
from step2score.norms import (
    NormalApproximation,
    NormTable,
    PercentileMethod,
    PercentileRank,
    default_norm_table,
    normal_approximation,
    normal_approximations,
    percentile_of,
)
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
from step2score.score import SCALE_MAX, SCALE_MIN, ScaledScore
from step2score.serialization import SCHEMA_ID, evaluation_schema, from_dict, to_dict
from step2score.sources import Confidence, Source
from step2score.standards import PassingStandard, StandardHistory, default_standards, standard_on
from step2score.targets import Target, TargetPart, TargetPolicy, default_target_policy, target_for
from step2score.tiers import Tier, TierScheme, default_tier_scheme, tier_of

try:
    __version__ = version("step2score")
except PackageNotFoundError:  # pragma: no cover - running from a source tree that was never installed
    from step2score._version import __version__

__all__ = [
    "BOARD_STUDY_SPECIALTY",
    "ROW_FIELDS",
    "SCALE_MAX",
    "SCALE_MIN",
    "SCHEMA_ID",
    "ApplicantProfile",
    "ApplicantType",
    "AttemptPolicy",
    "AttemptStatus",
    "BenchmarkEdition",
    "BoardOutcomeOdds",
    "BoardOutcomeStudy",
    "Confidence",
    "DataFileError",
    "Evaluation",
    "InvalidScoreError",
    "InvalidTypeError",
    "InvalidValueError",
    "LicensureWindow",
    "NextStep",
    "NoStandardError",
    "NormTable",
    "NormalApproximation",
    "PassingStandard",
    "PercentileMethod",
    "PercentileRank",
    "ProgramTier",
    "ScaledScore",
    "Source",
    "SpecialtyBenchmark",
    "SpecialtyComparison",
    "SpecialtyNotInEditionError",
    "StandardHistory",
    "Step2ScoreError",
    "Target",
    "TargetPart",
    "TargetPolicy",
    "Tier",
    "TierScheme",
    "UnknownEditionError",
    "UnknownSpecialtyError",
    "__version__",
    "attempt_policies",
    "attempt_policy_on",
    "attempt_status",
    "benchmark_editions",
    "board_outcome_study",
    "choose_edition",
    "common_licensure_window",
    "compare_with_edition",
    "default_edition",
    "default_norm_table",
    "default_standards",
    "default_target_policy",
    "default_tier_scheme",
    "edition_named",
    "evaluate",
    "evaluate_frame",
    "evaluate_many",
    "evaluation_schema",
    "from_dict",
    "licensure_deadline",
    "load_edition",
    "next_steps",
    "normal_approximation",
    "normal_approximations",
    "percentile_of",
    "resolve_specialty",
    "specialties",
    "specialty_aliases",
    "standard_on",
    "target_for",
    "tier_of",
    "to_dict",
]
