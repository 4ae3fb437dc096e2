"""Doctests in src/ see what Sphinx's doctest_global_setup gives them: every public name."""

import datetime as dt
from typing import Any

import pytest

import step2score


@pytest.fixture(autouse=True)
def _public_names(doctest_namespace: dict[str, Any]) -> None:
    doctest_namespace["dt"] = dt
    doctest_namespace.update({name: getattr(step2score, name) for name in step2score.__all__})
