import re
from typing import Any

import attrs
import pytest
from hypothesis import given

from step2score import (
    InvalidTypeError,
    InvalidValueError,
    NormalApproximation,
    NormTable,
    PercentileMethod,
    Source,
    UnknownEditionError,
    default_norm_table,
    normal_approximation,
    normal_approximations,
    percentile_of,
)
from tests import strategies

SOURCE = Source("A test table", "https://example.org", "official")
# FACTS.md section 3, the 2017-2020 norm table.
FACTS_TABLE = {
    300: 100,
    295: 100,
    290: 100,
    285: 100,
    280: 100,
    275: 99,
    270: 96,
    265: 91,
    260: 82,
    255: 71,
    250: 59,
    245: 46,
    240: 35,
    235: 25,
    230: 17,
    225: 12,
    220: 7,
    215: 4,
    210: 3,
    205: 1,
    200: 1,
    195: 0,
    190: 0,
    185: 0,
    180: 0,
    175: 0,
    170: 0,
    165: 0,
}


def test_packaged_table_matches_the_reference_facts() -> None:
    table = default_norm_table()
    assert dict(table.points) == FACTS_TABLE
    assert table.cohort == "first-time US/Canadian examinees tested 2017-07-01 to 2020-06-30"
    assert table.source.confidence.value == "single-secondary"
    assert "blueprintprep.com" in table.source.url


def test_245_is_the_46th_percentile_of_its_cohort() -> None:
    rank = percentile_of(245)
    assert (rank.value, rank.method) == (46.0, PercentileMethod.EXACT)
    assert "2017-07-01 to 2020-06-30" in rank.cohort


@pytest.mark.parametrize(
    ("score", "value", "method"),
    [
        (247, 51.2, PercentileMethod.INTERPOLATED),
        (242, 39.4, PercentileMethod.INTERPOLATED),
        (300, 100.0, PercentileMethod.EXACT),
        (165, 0.0, PercentileMethod.EXACT),
        (150, 0.0, PercentileMethod.CLAMPED),
        (1, 0.0, PercentileMethod.CLAMPED),
    ],
)
def test_interpolation_and_ends(score: int, value: float, method: PercentileMethod) -> None:
    rank = percentile_of(score)
    assert rank.value == pytest.approx(value, abs=1e-12)
    assert rank.method is method


def test_normal_approximations_are_labelled() -> None:
    assert [(a.cohort, a.mean, a.sd) for a in normal_approximations()] == [
        ("2016-17", 242, 17),
        ("2017-18", 243, 17),
        ("2018-19", 243, 16),
        ("2020-21", 246, 15),
        ("2023-24", 249, 15),
    ]
    rank = percentile_of(249, norms="2023-24")
    assert rank.value == pytest.approx(50.0)
    assert rank.method is PercentileMethod.NORMAL_APPROXIMATION
    assert "normal approximation, mean 249, SD 15" in rank.cohort
    assert normal_approximation("2020-21").source.confidence.value == "secondary"
    with pytest.raises(
        UnknownEditionError,
        match=re.escape("cohort must be one of '2016-17', '2017-18', '2018-19', '2020-21', '2023-24', got '2030'"),
    ):
        percentile_of(250, norms="2030")
    with pytest.raises(
        InvalidTypeError, match=re.escape("norms must be a NormTable or NormalApproximation or str, got int 2023")
    ):
        percentile_of(250, norms=2023)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("points", "error", "message"),
    [
        (((200, 10), (210, 5)), InvalidValueError, "points must not fall as the score rises, got 200: 10 then 210: 5"),
        (((200, 10), (210, 101)), InvalidValueError, "points[1] percentile must be a number from 0 to 100, got 101"),
        (((200, -1), (210, 5)), InvalidValueError, "points[0] percentile must be a number from 0 to 100, got -1"),
        (((200, 10), (200, 12)), InvalidValueError, "points must give each score once, got 200 twice"),
        (((200, 10),), InvalidValueError, "points must hold at least two (score, percentile) pairs, got 1"),
        (
            ((200, 10, 3), (210, 12)),
            InvalidValueError,
            "points[0] must be a (score, percentile) pair, got (200, 10, 3)",
        ),
        (((301, 10), (210, 12)), InvalidValueError, "points[0] score must be an integer from 1 to 300, got 301"),
        (
            ((200, "10"), (210, 12)),
            InvalidTypeError,
            "points[0] percentile must be a number from 0 to 100, got str '10'",
        ),
        (
            ((200, float("nan")), (210, 12)),
            InvalidValueError,
            "points[0] percentile must be a number from 0 to 100, got nan",
        ),
        ("200:10", InvalidTypeError, "points must be a tuple or list, got str '200:10'"),
    ],
)
def test_bad_tables_are_rejected(points: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=re.escape(message)):
        NormTable("a cohort", points, SOURCE)


def test_bad_normal_approximations() -> None:
    with pytest.raises(InvalidValueError, match=re.escape("sd must be a positive number, got 0")):
        NormalApproximation("x", 245, 0, SOURCE)
    with pytest.raises(InvalidValueError, match=re.escape("mean must be a number from 1 to 300, got 400")):
        NormalApproximation("x", 400, 15, SOURCE)


def test_frozen() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        percentile_of(250).value = 99.0  # type: ignore[misc]


@given(strategies.SCORE_VALUES, strategies.SCORE_VALUES)
def test_packaged_percentile_is_monotone(a: int, b: int) -> None:
    """The percentile never decreases as the score rises, and stays within 0..100."""
    low, high = sorted((a, b))
    assert 0 <= percentile_of(low).value <= percentile_of(high).value <= 100


@given(strategies.norm_tables(), strategies.SCORE_VALUES, strategies.SCORE_VALUES)
def test_any_table_is_monotone_and_exact_at_its_points(table: NormTable, a: int, b: int) -> None:
    """For any valid table: monotone in the score, exact at the table's points, within 0..100."""
    low, high = sorted((a, b))
    assert 0 <= table.percentile(low).value <= table.percentile(high).value <= 100
    for score, percentile in table.points:
        rank = table.percentile(score)
        assert (rank.value, rank.method) == (percentile, PercentileMethod.EXACT)


@given(strategies.SCORE_VALUES, strategies.SCORE_VALUES)
def test_normal_approximation_is_monotone(a: int, b: int) -> None:
    """The normal approximation never decreases as the score rises."""
    low, high = sorted((a, b))
    approx = normal_approximation("2023-24")
    assert 0 <= approx.percentile(low).value <= approx.percentile(high).value <= 100


@given(strategies.ANYTHING, strategies.ANYTHING)
def test_fuzz_constructor(points: Any, percentile: Any) -> None:
    """Any input either builds a table or raises only the documented errors."""
    try:
        NormTable("c", ((200, 1), (250, percentile)) if points is None else points, SOURCE)
    except (InvalidValueError, InvalidTypeError) as error:
        assert str(error).startswith("points")
