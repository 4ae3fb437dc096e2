"""Issue 20, item 9: no entry point that takes text or numbers does work that grows faster than its input.

Each test times one call at size n and at 4n (the best of three, so a pause elsewhere does not
count) and asserts the larger took less than 10 times as long: linear work takes about 4 times,
quadratic work 16.
"""

import contextlib
import decimal
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from step2score import (
    Evaluation,
    ScaledScore,
    Step2ScoreError,
    compare_scores,
    evaluate,
    load_edition,
    read_request,
    score_band,
)
from step2score.cli import _cell_value

#: Linear work takes about 4 times as long at 4n, quadratic work about 16 times.
GROWTH_LIMIT = 10
#: Below this, timings are noise (under coverage and beside other workers too): a call this fast at 4n passes.
FLOOR_SECONDS = 0.01


def _best(call: Callable[[], object]) -> float:
    times = []
    for _ in range(3):
        start = time.perf_counter()
        with contextlib.suppress(Step2ScoreError):
            call()
        times.append(time.perf_counter() - start)
    return min(times)


def assert_linear(make: Callable[[int], Callable[[], object]], n: int) -> None:
    small, large = _best(make(n)), _best(make(4 * n))
    assert large < FLOOR_SECONDS or large < GROWTH_LIMIT * small, (small, large)


def _on(entry: Callable[[Any], object]) -> Callable[[Callable[[int], object]], Callable[[int], Callable[[], object]]]:
    return lambda value: lambda n: lambda: entry(value(n))


ENTRIES: dict[str, Callable[[Any], object]] = {
    "ScaledScore": ScaledScore,
    "evaluate": evaluate,
    "score_band": score_band,
    "compare_scores": lambda v: compare_scores(250, v),
    "evaluate(specialty=)": lambda v: evaluate(250, specialty=v),
    "evaluate(taken_on=)": lambda v: evaluate(250, taken_on=v),
    "evaluate(applying_on=)": lambda v: evaluate(250, attempts_used=1, applying_on=v),
    "evaluate(edition=)": lambda v: evaluate(250, edition=v),
    "evaluate(norms=)": lambda v: evaluate(250, norms=v),
    "read_request": lambda v: read_request({"score": v, "specialty": v}),
}
VALUES: dict[str, Callable[[int], object]] = {
    "digits": lambda n: 10**n - 1,
    "decimal exponent": lambda n: decimal.Decimal(f"1E+{n * 10}"),
    "decimal digits": lambda n: decimal.Decimal("9" * n),
    "text": lambda n: "9" * n,
    "spaced text": lambda n: " " * n + "derm" + " " * n,
    "escapes": lambda n: "\u0430" * n,
}


@pytest.mark.parametrize("value", list(VALUES))
@pytest.mark.parametrize("entry", list(ENTRIES))
def test_work_grows_at_most_linearly_with_the_input(entry: str, value: str) -> None:
    assert_linear(_on(ENTRIES[entry])(VALUES[value]), 4000)


@pytest.mark.parametrize(
    "document",
    [
        lambda n: '{"score": "' + '\\"' * n + '"}',
        lambda n: '{"score": ' + "9" * n + "}",
        lambda n: '{"score": 250, "specialty": "' + "x" * n + '"}',
        lambda n: "[" * min(n, 10_000) + "]" * min(n, 10_000),
        lambda n: '{"score": [' + ",".join(["1"] * n) + "]}",
    ],
    ids=["escaped quotes", "a long integer", "a long word", "deep", "a long list"],
)
def test_json_entry_points_grow_at_most_linearly(document: Callable[[int], str]) -> None:
    assert_linear(lambda n: lambda: Evaluation.from_json(document(n)), 20_000)


def _parsed(text: str) -> object:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):  # past Python's own limits: from_json's test covers these
        return None


@pytest.mark.parametrize("n", [2_000])
def test_a_request_built_in_python_grows_at_most_linearly(n: int) -> None:
    assert_linear(lambda n: lambda: read_request(_parsed('{"score": [' + ",".join(["1"] * n) + "]}")), n)
    assert_linear(lambda n: lambda: read_request({"score": 250, "specialty": [[["x"] * n]]}), n)
    assert_linear(lambda n: lambda: Evaluation.from_dict({"score": [{"a": [1, [2]]}] * n}), n)


def test_a_users_file_grows_at_most_linearly(tmp_path: Path) -> None:
    def file_of(n: int) -> Callable[[], object]:
        path = tmp_path / f"rows{n}.csv"
        rows = "".join(f"specialty {i},250,t,https://x.example,official\n" for i in range(n))
        path.write_text("specialty,median,source_title,source_url,confidence\n" + rows)
        return lambda: load_edition(path, match_year=2025)

    assert_linear(file_of, 150)


def test_a_cli_cell_grows_at_most_linearly() -> None:
    assert_linear(lambda n: lambda: _cell_value("9" * n), 20_000)


@pytest.mark.parametrize("option", ["--specialty", "--taken-on", "--attempts-used", "--edition", "--norms"])
def test_the_command_lines_options_grow_at_most_linearly(option: str) -> None:
    import contextlib  # noqa: PLC0415
    import io  # noqa: PLC0415

    from step2score.cli import main  # noqa: PLC0415

    def run(n: int) -> Callable[[], object]:
        def call() -> object:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                return main(["250", option, "9" * n])

        return call

    assert_linear(run, 20_000)


def test_a_users_file_with_long_cells_grows_at_most_linearly(tmp_path: Path) -> None:
    def file_of(n: int) -> Callable[[], object]:
        path = tmp_path / f"cells{n}.csv"
        path.write_text(
            "specialty,median,source_title,source_url,confidence\n"
            f"{'x' * n},{'9' * n},{'t' * n},https://x.example/{'a' * n},official\n"
        )
        return lambda: load_edition(path, match_year=2025)

    assert_linear(file_of, 20_000)
