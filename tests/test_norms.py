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
    UnknownCohortError,
    default_norm_table,
    normal_approximation,
    normal_approximations,
    percentile_of,
)
from step2score.norms import DEFAULT_NORM_TABLE, norm_table, norm_tables
from tests import strategies
from tests.reference import reference_rows

CURRENT_COHORT = (
    "first-time takers from LCME-accredited (U.S.) medical schools tested 2023-07-01 to 2026-06-30, N = 67,824"
)
OLD_COHORT = "first-time US/Canadian examinees tested 2017-07-01 to 2020-06-30"

SOURCE = Source("A test table", "https://example.org", "official")
# FACTS.md section 3b, the 2017-2020 norm table.
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


def test_old_packaged_table_matches_the_reference_facts() -> None:
    table = norm_table("2017-2020")
    assert dict(table.points) == FACTS_TABLE
    assert table.cohort == OLD_COHORT
    assert table.source.confidence.value == "single-secondary"
    assert "blueprintprep.com" in table.source.url


def test_current_table_equals_the_reference_csv_cell_by_cell() -> None:
    """The packaged 2023-2026 table is the reference CSV, score by score."""
    reference = [(int(row["score"]), float(row["percentile"])) for row in reference_rows("usmle_norms_2023_2026.csv")]
    table = norm_table("2023-2026")
    assert table.points == tuple(sorted(reference))
    assert table.cohort == CURRENT_COHORT
    assert table.source.confidence.value == "single-secondary"
    assert table.source.urls == (
        "https://github.com/jiankn/nbmecalc",
        "https://www.usmle.org/scores-transcripts/examination-results-and-scoring",
    )
    assert "Updated 17-August-2026" in table.source.title
    assert "155 and below" in table.source.note
    assert "removed Canadian schools" in table.source.note


def test_the_default_is_the_2023_2026_table() -> None:
    assert DEFAULT_NORM_TABLE == "2023-2026"
    assert default_norm_table() is norm_table("2023-2026")
    assert [t.name for t in norm_tables()] == ["2023-2026", "2017-2020"]


def test_245_is_the_32nd_percentile_by_default_and_46th_of_the_old_table() -> None:
    rank = percentile_of(245)
    assert (rank.value, rank.method, rank.cohort) == (32.0, PercentileMethod.EXACT, CURRENT_COHORT)
    old = percentile_of(245, norms="2017-2020")
    assert (old.value, old.method, old.cohort) == (46.0, PercentileMethod.EXACT, OLD_COHORT)
    assert percentile_of(245, norms=" 2017-2020 ").value == 46.0


def test_unknown_norm_table_names() -> None:
    with pytest.raises(
        UnknownCohortError, match=re.escape("norms must be one of '2023-2026', '2017-2020', got '2020'")
    ):
        norm_table("2020")
    with pytest.raises(InvalidTypeError, match=re.escape("norms must be a str, got int 2020")):
        norm_table(2020)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("norms", "score", "value", "method"),
    [
        ("2017-2020", 247, 51.2, PercentileMethod.INTERPOLATED),
        ("2017-2020", 242, 39.4, PercentileMethod.INTERPOLATED),
        ("2017-2020", 300, 100.0, PercentileMethod.EXACT),
        ("2017-2020", 165, 0.0, PercentileMethod.EXACT),
        ("2017-2020", 150, 0.0, PercentileMethod.CLAMPED),
        ("2017-2020", 1, 0.0, PercentileMethod.CLAMPED),
        (None, 247, 36.8, PercentileMethod.INTERPOLATED),
        (None, 242, 26.6, PercentileMethod.INTERPOLATED),
        (None, 300, 100.0, PercentileMethod.EXACT),
        (None, 155, 0.0, PercentileMethod.EXACT),
        (None, 150, 0.0, PercentileMethod.CLAMPED),
    ],
)
def test_interpolation_and_ends(norms: str | None, score: int, value: float, method: PercentileMethod) -> None:
    rank = percentile_of(score, norms=norms)
    assert rank.value == pytest.approx(value, abs=1e-12)
    assert rank.method is method


def test_normal_approximations_are_labelled() -> None:
    assert [(a.cohort, a.mean, a.sd) for a in normal_approximations()] == [
        ("2016-17", 242, 17),
        ("2017-18", 243, 17),
        ("2018-19", 243, 16),
        ("2020-21", 246, 15),
        ("2023-24", 249, 15),
        ("2024-25", 250, 15),
        ("2025-26", 251, 15),
    ]
    rank = percentile_of(249, norms="2023-24")
    assert rank.value == pytest.approx(50.0)
    assert rank.method is PercentileMethod.NORMAL_APPROXIMATION
    assert "normal approximation, mean 249, SD 15" in rank.cohort
    assert normal_approximation("2020-21").source.confidence.value == "secondary"
    assert normal_approximation("2023-24").source.confidence.value == "secondary"
    assert normal_approximation("2023-24").source.urls == (
        "https://quantaprep.com/blog/step-2-ck-score-report-explained",
        "https://github.com/jiankn/nbmecalc",
    )
    assert normal_approximation("2024-25").source.confidence.value == "secondary"
    assert normal_approximation("2025-26").source.confidence.value == "single-secondary"
    with pytest.raises(
        UnknownCohortError,
        match=re.escape(
            "norms must be one of '2023-2026', '2017-2020', '2016-17', '2017-18', '2018-19', '2020-21', '2023-24',"
            " '2024-25', '2025-26', got '2030'"
        ),
    ):
        percentile_of(250, norms="2030")
    with pytest.raises(UnknownCohortError, match=re.escape("cohort must be one of '2016-17', ")):
        normal_approximation("2030")
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
    """In every packaged table the percentile never decreases as the score rises, and stays within 0..100."""
    low, high = sorted((a, b))
    for table in norm_tables():
        assert 0 <= table.percentile(low).value <= table.percentile(high).value <= 100


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
