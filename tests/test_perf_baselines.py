"""The hand-written baselines of ``benchmarks/`` return what the library returns, so a ratio compares like with like.

Each check runs on small inputs; the benchmark script repeats it on its own inputs before timing.
"""

import re
from typing import Any

import attrs
import baselines  # benchmarks/, on the path from conftest.py
import pytest
from hypothesis import given

from step2score import evaluation as evaluation_module
from step2score.errors import InvalidTypeError, InvalidValueError
from step2score.evaluation import Evaluation, clear_caches, evaluate
from step2score.frame import evaluate_frame
from tests.strategies import evaluate_keywords


def test_the_full_scalar_baseline_returns_what_evaluate_returns() -> None:
    tables = baselines.tables()
    for score, day, specialty, applicant, tier, used in baselines.scalar_inputs(400, seed=7):
        ev = evaluate(
            score,
            taken_on=day,
            specialty=specialty,
            applicant=applicant,
            program_tier=tier,
            attempts_used=used,
            applying_on=baselines.APPLYING_ON,
        )
        by_hand = baselines.full_by_hand(score, day, specialty, applicant, tier, used, baselines.APPLYING_ON, tables)
        assert baselines.full_view(ev) == by_hand


def test_the_minimal_scalar_baseline_returns_what_evaluate_returns() -> None:
    tables = baselines.tables()
    for score, day, *_ in baselines.scalar_inputs(400, seed=8):
        assert baselines.minimal_view(evaluate(score, taken_on=day)) == baselines.minimal_by_hand(score, day, tables)


def test_the_minimal_baseline_covers_every_score() -> None:
    tables = baselines.tables()
    day = baselines.FIRST_DAY
    for score in range(1, 301):
        assert baselines.minimal_view(evaluate(score, taken_on=day)) == baselines.minimal_by_hand(score, day, tables)


def test_the_full_scalar_baseline_covers_every_row_of_every_group_s_edition() -> None:
    """Suppressed cells (a target from U.S. MD seniors' row, or none where there is no such row), thin rows, fails."""
    tables, day, applying = baselines.tables(), baselines.FIRST_DAY, baselines.APPLYING_ON
    specialties = sorted({row[0] for edition in tables.editions.values() for row in edition.rows.values()})
    for specialty in specialties:
        for applicant in baselines.APPLICANT_SPELLINGS:
            kind = tables.applicants[applicant]
            if baselines.normalise(specialty) not in tables.editions[kind].rows:
                continue
            for score, tier, used in [(205, "community", 4), (231, "academic", 1), (252, "top", 2), (290, "top", 1)]:
                ev = evaluate(
                    score,
                    taken_on=day,
                    specialty=specialty,
                    applicant=applicant,
                    program_tier=tier,
                    attempts_used=used,
                    applying_on=applying,
                )
                by_hand = baselines.full_by_hand(score, day, specialty, applicant, tier, used, applying, tables)
                assert baselines.full_view(ev) == by_hand, (specialty, applicant, score)


def test_the_frame_baseline_with_scores_and_a_fixed_date_returns_evaluate_frames_columns() -> None:
    frame = baselines.frame_inputs(3000, "scores", seed=9)
    fixed = {"taken_on": baselines.FIRST_DAY}
    library = evaluate_frame(frame, fixed=fixed, applying_on=baselines.APPLYING_ON)
    by_hand = baselines.frame_by_hand(frame, fixed_date=baselines.FIRST_DAY, applying_on=baselines.APPLYING_ON)
    baselines.assert_same_frame(library, by_hand)
    baselines.assert_owns_memory(by_hand, frame)  # as the library's columns do: no shared buffer to save time on


@pytest.mark.parametrize("kind", ["strings", "categoricals"])
def test_the_frame_baseline_with_per_row_columns_returns_evaluate_frames_columns(kind: str) -> None:
    frame = baselines.frame_inputs(3000, kind, seed=10)
    library = evaluate_frame(frame, **baselines.FRAME_COLUMNS, applying_on=baselines.APPLYING_ON)
    by_hand = baselines.frame_by_hand(frame, applying_on=baselines.APPLYING_ON)
    baselines.assert_same_frame(library, by_hand)
    baselines.assert_owns_memory(by_hand, frame)


@pytest.mark.parametrize("rows", [40, 400])
def test_the_frame_baseline_names_only_the_categories_that_occur(rows: int) -> None:
    """Small frames: the advice and band categories are the ones present, as evaluate_frame's are."""
    for kind in ("scores", "strings", "categoricals"):
        frame = baselines.frame_inputs(rows, kind, seed=rows)
        if kind == "scores":
            library = evaluate_frame(frame, fixed={"taken_on": baselines.FIRST_DAY}, applying_on=baselines.APPLYING_ON)
            by_hand = baselines.frame_by_hand(frame, fixed_date=baselines.FIRST_DAY, applying_on=baselines.APPLYING_ON)
        else:
            library = evaluate_frame(frame, **baselines.FRAME_COLUMNS, applying_on=baselines.APPLYING_ON)
            by_hand = baselines.frame_by_hand(frame, applying_on=baselines.APPLYING_ON)
        baselines.assert_same_frame(library, by_hand)


def test_the_frame_baseline_gives_no_target_where_a_suppressed_cell_has_nothing_to_fall_back_on() -> None:
    frame = baselines.frame_inputs(600, "strings", seed=12)
    img = frame["applicant"].isin(["img", "non-us-img"]).to_numpy() & (frame.index.to_numpy() % 2 == 0)
    frame.loc[img, "specialty"] = "Public Health and Preventive Medicine"  # only in the non-U.S. IMG edition
    library = evaluate_frame(frame, **baselines.FRAME_COLUMNS, applying_on=baselines.APPLYING_ON)
    assert library["target_low"].isna().sum() == img.sum()
    by_hand = baselines.frame_by_hand(frame, applying_on=baselines.APPLYING_ON)
    baselines.assert_same_frame(library, by_hand)
    baselines.assert_owns_memory(by_hand, frame)


@pytest.mark.parametrize("kind", ["scores", "strings"])
def test_the_polars_frame_baseline_returns_evaluate_frames_polars_columns(kind: str) -> None:
    """The Polars baseline (written in Polars) gives what evaluate_frame gives for a Polars frame: values and dtypes."""
    import polars as pl  # noqa: PLC0415 - only these checks need it

    frame = pl.from_pandas(baselines.frame_inputs(2000, kind, seed=13))
    applying = baselines.APPLYING_ON
    if kind == "scores":
        library = evaluate_frame(frame, fixed={"taken_on": baselines.FIRST_DAY}, applying_on=applying)
        by_hand = baselines.frame_by_hand_polars(frame, fixed_date=baselines.FIRST_DAY, applying_on=applying)
    else:
        library = evaluate_frame(frame, **baselines.FRAME_COLUMNS, applying_on=applying)
        by_hand = baselines.frame_by_hand_polars(frame, applying_on=applying)
    baselines.assert_same_polars_frame(library, by_hand)
    with pytest.raises(AssertionError):
        baselines.assert_same_polars_frame(library, by_hand.with_columns(pl.col("margin") + 1))


def test_the_frame_check_notices_a_changed_value() -> None:
    frame = baselines.frame_inputs(50, "strings", seed=11)
    library = evaluate_frame(frame, **baselines.FRAME_COLUMNS, applying_on=baselines.APPLYING_ON)
    by_hand = baselines.frame_by_hand(frame, applying_on=baselines.APPLYING_ON)
    by_hand["gap"] = by_hand["gap"] + 1
    with pytest.raises(AssertionError, match="gap"):
        baselines.assert_same_frame(library, by_hand)


# The caches and the trusted constructor evaluate() uses must never change an answer.


@given(keywords=evaluate_keywords(), other=evaluate_keywords())
def test_cached_and_uncached_evaluations_are_equal(keywords: dict[str, Any], other: dict[str, Any]) -> None:
    """evaluate() with every cache empty equals evaluate() answered from warm caches, and passes Evaluation's checks."""
    score = keywords.pop("score")
    clear_caches()
    cold = evaluate(score, **keywords)
    other_score = other.pop("score")
    evaluate(other_score, **other)  # warm the caches with another call too
    warm = evaluate(score, **keywords)
    assert warm == cold
    fields = {field.name: getattr(warm, field.name) for field in attrs.fields(Evaluation)}
    assert Evaluation(**fields) == warm  # the checked constructor accepts what the trusted one built


def test_clear_caches_empties_every_cache() -> None:
    """Every functools cache of step2score is emptied: the evaluation caches, targets, name keys, frame tables, data."""
    evaluate(247, taken_on="2025-09-15", specialty="IM", attempts_used=1)
    caches = evaluation_module.step2score_caches()
    names = {cache.__name__ for cache in caches}
    assert {"_target", "_key", "packaged_table", "_next_steps", "_comparisons"} <= names
    assert any(cache.cache_info().currsize for cache in caches)
    clear_caches()
    assert all(cache.cache_info().currsize == 0 for cache in caches)


def test_evolve_still_refuses_an_inconsistent_result() -> None:
    ev = evaluate(247, taken_on="2025-09-15", specialty="IM")
    with pytest.raises(
        InvalidValueError, match=re.escape("evaluation is inconsistent: margin must be 29 for score 247, got 30")
    ):
        attrs.evolve(ev, margin=30)
    with pytest.raises(
        InvalidValueError, match=re.escape("evaluation is inconsistent: gap must be 7 for score 247, got 8")
    ):
        attrs.evolve(ev, gap=8)


def test_from_dict_still_refuses_an_inconsistent_result() -> None:
    data = evaluate(212, taken_on="2025-09-15").to_dict()
    with pytest.raises(
        InvalidValueError, match=re.escape("evaluation is inconsistent: passed must be False for score 212, got True")
    ):
        Evaluation.from_dict(data | {"passed": True})


def test_an_unhashable_spelling_is_refused_as_without_the_cache() -> None:
    with pytest.raises(InvalidTypeError, match=re.escape("specialty must be a str, got list ['IM']")):
        evaluate(247, specialty=["IM"])  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------------------------
# Round two: data sources read once per distinct cells


def test_a_source_read_from_cells_equals_one_built_directly_and_is_shared() -> None:
    from step2score._data import Row  # noqa: PLC0415 - a private helper, tested for its cache
    from step2score.sources import Source  # noqa: PLC0415

    cells = {"source_title": "T", "source_url": "https://example.org", "confidence": "Single Secondary", "note": ""}
    first, second = Row("t.csv", 1, cells).source(), Row("t.csv", 2, dict(cells)).source()
    assert first == Source(title="T", urls="https://example.org", confidence="single-secondary")
    assert first is second


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        (
            {"source_url": "https://x", "confidence": "sure"},
            "t.csv, row 3, field 'confidence': confidence must be one of 'official', 'secondary', "
            "'single-secondary', 'advisory', got 'sure'",
        ),
        (
            {"source_url": "https://x", "confidence": "x" * 300},
            "t.csv, row 3, field 'confidence': confidence must be at most",
        ),
    ],
)
def test_a_refused_source_names_the_first_field_source_refuses(cells: dict[str, str], message: str) -> None:
    """The cached confidence word does not change the error a refused row gives: Source's own, located."""
    from step2score._data import Row  # noqa: PLC0415 - a private helper
    from step2score.errors import DataFileError  # noqa: PLC0415
    from step2score.sources import Source  # noqa: PLC0415

    row = Row("t.csv", 3, {"source_title": "T", **cells})
    with pytest.raises(DataFileError, match=re.escape(message)):
        row.source()
    with pytest.raises(InvalidValueError) as direct:
        Source(title="T", urls=cells["source_url"], confidence=cells["confidence"])
    with pytest.raises(DataFileError, match=re.escape(f"t.csv, row 3, field 'confidence': {direct.value}")):
        row.source()


@given(evaluate_keywords())
def test_the_serialization_baseline_builds_what_from_json_builds(keywords: dict[str, Any]) -> None:
    """The hand-written reader of the serialisation benchmark rebuilds exactly what ``from_json`` rebuilds."""
    import json  # noqa: PLC0415

    import serialization  # noqa: PLC0415 - benchmarks/, on the path from conftest.py

    try:
        ev = evaluate(keywords.pop("score"), **keywords)
    except (InvalidValueError, InvalidTypeError):
        return
    text = ev.to_json()
    assert serialization.by_hand(json.loads(text)) == Evaluation.from_json(text) == ev
