"""step2score: interpret a USMLE Step 2 CK score, with every figure sourced.

>>> from step2score import evaluate
>>> evaluate(247, taken_on="2025-09-15").passed
True
"""

from importlib.metadata import PackageNotFoundError, version

from step2score.errors import (
    DataFileError,
    InvalidScoreError,
    InvalidTypeError,
    InvalidValueError,
    NoStandardError,
    Step2ScoreError,
)
from step2score.evaluation import Evaluation, evaluate
from step2score.score import SCALE_MAX, SCALE_MIN, ScaledScore
from step2score.sources import Confidence, Source
from step2score.standards import PassingStandard, StandardHistory, default_standards, standard_on
from step2score.tiers import Tier, TierScheme, default_tier_scheme, tier_of

try:
    __version__ = version("step2score")
except PackageNotFoundError:  # pragma: no cover - running from a source tree that was never installed
    from step2score._version import __version__

__all__ = [
    "SCALE_MAX",
    "SCALE_MIN",
    "Confidence",
    "DataFileError",
    "Evaluation",
    "InvalidScoreError",
    "InvalidTypeError",
    "InvalidValueError",
    "NoStandardError",
    "PassingStandard",
    "ScaledScore",
    "Source",
    "StandardHistory",
    "Step2ScoreError",
    "Tier",
    "TierScheme",
    "__version__",
    "default_standards",
    "default_tier_scheme",
    "evaluate",
    "standard_on",
    "tier_of",
]
