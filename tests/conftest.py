"""Hypothesis profiles: ``HYPOTHESIS_PROFILE=ci`` (no deadline, more examples) or ``dev`` (quick); ``benchmarks/`` on the path."""

import os
import sys
from pathlib import Path

from hypothesis import HealthCheck, settings

# The benchmarks' hand-written baselines and checks are importable as ``baselines`` (tests check them).
sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))

settings.register_profile("ci", deadline=None, max_examples=200, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=30)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
