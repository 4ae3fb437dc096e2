import contextlib
import re
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from step2score import ApplicantType, InvalidScoreError, InvalidTypeError, InvalidValueError, Source
from step2score.rates import (
    MatchRate,
    PassRate,
    Takers,
    match_rate_for,
    match_rates,
    pass_rates,
    repeater_pass_rate,
)
from tests import strategies
from tests.reference import reference_rows

SOURCE = Source("t", "https://example.org", "official")

# FACTS.md section 5b: (group, takers, year) -> (n, pass %).
FACTS_PASS_RATES = {
    ("U.S./Canadian MD", "first", "2023-24"): (22439, 98),
    ("U.S. MD", "first", "2024-25"): (22249, 98),
    ("U.S./Canadian MD", "repeat", "2023-24"): (451, 74),
    ("U.S. MD", "repeat", "2024-25"): (440, 70),
    ("U.S. DO", "first", "2023-24"): (5318, 96),
    ("U.S. DO", "first", "2024-25"): (5025, 96),
    ("U.S. DO", "repeat", "2023-24"): (36, 72),
    ("U.S. DO", "repeat", "2024-25"): (32, 69),
    ("non-U.S. schools", "first", "2023-24"): (15064, 89),
    ("non-U.S. schools", "first", "2024-25"): (16186, 90),
    ("non-U.S. schools", "repeat", "2023-24"): (1573, 61),
    ("non-U.S. schools", "repeat", "2024-25"): (1762, 64),
}


def test_pass_rates_are_the_reference_facts() -> None:
    assert {(r.group, r.takers.value, r.year): (r.examinees, r.percent) for r in pass_rates()} == FACTS_PASS_RATES
    assert len(pass_rates()) == len(FACTS_PASS_RATES)
    for rate in pass_rates():
        assert rate.source.confidence.value == "single-secondary"
        assert rate.source.urls == ("https://www.usmle.org/performance-data", "https://github.com/jiankn/nbmecalc")


@pytest.mark.parametrize(
    ("applicant", "group", "n", "percent"),
    [
        (ApplicantType.US_MD_SENIOR, "U.S. MD", 440, 70),
        ("us-do", "U.S. DO", 32, 69),
        ("us-img", "non-U.S. schools", 1762, 64),
        ("non-us-img", "non-U.S. schools", 1762, 64),
    ],
)
def test_repeater_pass_rate_of_each_group(applicant: Any, group: str, n: int, percent: int) -> None:
    rate = repeater_pass_rate(applicant)
    assert (rate.group, rate.takers, rate.year, rate.examinees, rate.percent) == (
        group,
        Takers.REPEAT,
        "2024-25",
        n,
        percent,
    )


def test_pass_rate_in_words() -> None:
    assert repeater_pass_rate("do").describe() == (
        "69% of 32 repeaters from U.S. DO schools passed in 2024-25 (USMLE performance data)"
    )


def test_match_rates_equal_the_reference_csv_cell_by_cell() -> None:
    """The packaged match rates are the reference CSV, row by row and cell by cell."""
    reference = reference_rows("match_rates_2020_2024_us_md.csv")
    assert len(match_rates()) == len(reference) == 154
    for rate, row in zip(match_rates(), reference, strict=True):
        assert rate.specialty == row["specialty"]
        assert rate.band == row["band"]
        assert (rate.band_low, rate.band_high, rate.seniors) == (
            int(row["band_low"]),
            int(row["band_high"]),
            int(row["seniors_n"]),
        )
        assert rate.percent == (int(row["matched_percent"]) if row["matched_percent"] else None)
        assert rate.source.confidence.value == "single-secondary"
        assert rate.source.url == "https://github.com/sfgreen/gunner-site"


def test_every_specialty_has_bands_covering_the_scale() -> None:
    """For each specialty the bands cover 1..300 with no gap or overlap."""
    for specialty in {rate.specialty for rate in match_rates()}:
        covered = sorted(
            score for r in match_rates() if r.specialty == specialty for score in range(r.band_low, r.band_high + 1)
        )
        assert covered == list(range(1, 301)), specialty


def test_match_rate_in_words_never_a_probability() -> None:
    rate = match_rate_for("Dermatology", 245)
    assert rate is not None
    assert (rate.band, rate.seniors, rate.percent, rate.thin) == ("240-249", 291, 67, False)
    text = rate.describe()
    assert text == (
        "of 291 U.S. MD seniors (pooled 2020-2024) in the 240-249 band who preferred Dermatology, 67% matched"
    )
    assert "chance" not in text
    assert "probab" not in text
    thin = match_rate_for("Dermatology", 215)
    assert thin is not None
    assert thin.describe().endswith("39% matched (a thin cell: fewer than 30 seniors)")
    empty = match_rate_for("Dermatology", 150)
    assert empty is not None
    assert (empty.seniors, empty.percent, empty.thin) == (0, None, True)
    assert empty.describe() == "no U.S. MD senior (pooled 2020-2024) in the <200 band preferred Dermatology"
    assert match_rate_for("Urology", 245) is None
    assert match_rate_for("Pathology (Anatomic and Clinical)", 300) is not None


def test_bad_lookups() -> None:
    with pytest.raises(InvalidScoreError, match=re.escape("score must be an integer from 1 to 300, got 301")):
        match_rate_for("Dermatology", 301)
    with pytest.raises(InvalidTypeError, match=re.escape("specialty must be a str, got int 1")):
        match_rate_for(1, 245)  # type: ignore[arg-type]
    with pytest.raises(
        InvalidValueError,
        match=re.escape(
            "applicant must be one of 'us-md', 'us-do', 'us-img', 'non-us-img' (or 'md', 'do', 'img'), got 'dentist'"
        ),
    ):
        repeater_pass_rate("dentist")


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        (("X", "240-249", 240, 249, 10, None), InvalidValueError, "percent must be blank exactly when no senior"),
        (("X", "240-249", 240, 249, 0, 50), InvalidValueError, "percent must be blank exactly when no senior"),
        (("X", "240-249", 240, 249, 10, 101), InvalidValueError, "percent must be an integer from 0 to 100, got 101"),
        (("X", "240-249", 249, 240, 10, 50), InvalidValueError, "band_high must be at least band_low"),
        (("X", "240-249", 240, 301, 10, 50), InvalidValueError, "band_high must be an integer from 1 to 300, got 301"),
        (("X", "240-249", 240, 249, -1, 50), InvalidValueError, "seniors must be an integer of at least 0, got -1"),
        (("", "240-249", 240, 249, 10, 50), InvalidValueError, "specialty must not be blank"),
        (("X", "240-249", 240, 249, "10", 50), InvalidTypeError, "seniors must be an integer of at least 0, got str"),
    ],
)
def test_bad_match_rates(args: tuple[Any, ...], error: type[Exception], message: str) -> None:
    specialty, band, low, high, seniors, percent = args
    with pytest.raises(error, match=re.escape(message)):
        MatchRate(specialty, band, low, high, seniors, percent, SOURCE)


def test_bad_pass_rates() -> None:
    with pytest.raises(InvalidValueError, match=re.escape("takers must be one of 'first', 'repeat', got 'sometimes'")):
        PassRate("U.S. DO", "sometimes", "2024-25", 3, 50, SOURCE)
    with pytest.raises(InvalidValueError, match=re.escape("examinees must be an integer of at least 0, got -3")):
        PassRate("U.S. DO", "first", "2024-25", -3, 50, SOURCE)


def test_frozen() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        pass_rates()[0].percent = 1  # type: ignore[misc]


@given(strategies.SPECIALTIES_WITH_MATCH_RATES, strategies.SCORE_VALUES)
def test_every_score_has_exactly_one_band(specialty: str, score: int) -> None:
    """For a specialty in the table, every score on the scale falls in exactly one band, and the lookup finds it."""
    holding = [r for r in match_rates() if r.specialty == specialty and r.band_low <= score <= r.band_high]
    assert len(holding) == 1
    assert match_rate_for(specialty, score) == holding[0]


@given(strategies.ANYTHING, strategies.ANYTHING, st.integers(-5, 305))
def test_fuzz_constructors(a: Any, b: Any, n: int) -> None:
    """Any input either builds a value or raises only the documented errors."""
    for build in (
        lambda: MatchRate("X", "band", a, 250, n, b, SOURCE),
        lambda: PassRate("g", a, "2024-25", n, b, SOURCE),
    ):
        with contextlib.suppress(InvalidValueError, InvalidTypeError):
            build()


def test_non_us_group_reads_once_as_schools() -> None:
    assert repeater_pass_rate("img").describe() == (
        "64% of 1762 repeaters from non-U.S. schools passed in 2024-25 (USMLE performance data)"
    )
