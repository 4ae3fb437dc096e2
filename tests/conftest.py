"""Hypothesis profiles: ``HYPOTHESIS_PROFILE=ci`` (no deadline, more examples) or ``dev`` (quick)."""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("ci", deadline=None, max_examples=200, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=30)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
