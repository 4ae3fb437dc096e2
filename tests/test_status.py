import contextlib
import importlib.resources
import re
import xml.etree.ElementTree as ET
from typing import Any

import attrs
import pytest
from hypothesis import given

from step2score import InvalidTypeError, InvalidValueError, Source, UnknownDatasetError, benchmark_editions
from step2score.status import NOT_STATED, DatasetStatus, DataStatus, data_status
from tests import strategies

SOURCE = Source("t", "https://example.org", "official")


def test_every_packaged_file_has_a_status() -> None:
    """Every CSV file of the package data appears in some dataset's status."""
    files = {e.name for e in importlib.resources.files("step2score").joinpath("data").iterdir()}
    covered = {name.strip() for item in data_status() for name in item.file.split(",")}
    assert {name for name in files if name.endswith(".csv")} <= covered


def test_the_datasets_the_brief_lists_are_there() -> None:
    names = [item.dataset for item in data_status()]
    for wanted in (
        "Passing standards",
        "Tier thresholds",
        "Norm table 2023-2026",
        "Norm table 2017-2020",
        "Cohort means and SDs",
        "Measurement error (SEM)",
        "Match rates by band",
        "Pass rates",
        "Attempt limits",
        "Licensure window",
        "Board-outcome study",
        "Target policy",
    ):
        assert wanted in names
    editions = [name for name in names if name.startswith("Benchmark edition: ")]
    assert editions == [f"Benchmark edition: {edition.name}" for edition in benchmark_editions()]


def test_figures_and_dates_as_the_sources_state_them() -> None:
    status = data_status()
    assert status["Norm table 2023-2026"].edition.endswith("tested 2023-07-01 to 2026-06-30, N = 67,824")
    assert status["Norm table 2023-2026"].as_of == "USMLE Score Interpretation Guidelines updated 17-August-2026"
    assert status["Pass rates"].edition == "first takers and repeaters by group, academic years 2023-24 and 2024-25"
    assert status["Pass rates"].as_of == "transcribed 2026-09-29 from USMLE performance data"
    assert status["Match rates by band"].as_of == "generated 2026-07-22 (third-party pooling)"
    assert status["Measurement error (SEM)"].confidence == "secondary / advisory"
    assert status["Passing standards"].as_of == "latest effective date 2025-07-01"
    assert status["Attempt limits"].edition == "4 attempts per Step for applications on or after 2021-07-01"
    assert status["Target policy"].as_of == NOT_STATED
    assert status["Board-outcome study"].as_of == "published 2020"
    for item in status:
        assert item.sources
        assert all(source.note == "" for source in item.sources)
        assert item.confidence


def test_lookup_by_position_and_name() -> None:
    status = data_status()
    assert status[0] is status["Passing standards"]
    assert len(status) == len(list(status))
    with pytest.raises(UnknownDatasetError, match=re.escape("dataset must be one of 'Passing standards', ")):
        status["Prices"]


def test_frame_and_html() -> None:
    status = data_status()
    frame = status.to_frame()
    assert list(frame["dataset"]) == [item.dataset for item in status]
    row = frame.set_index("dataset").loc["Pass rates"]
    assert row["url"] == "https://www.usmle.org/performance-data ; https://github.com/jiankn/nbmecalc"
    html = status._repr_html_()
    ET.fromstring(html)  # noqa: S314 - our own output
    assert "Blueprint&#x27;s copy published 2021-07-27" in html


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        (("d", "e", "a", (), "f.csv"), InvalidValueError, "sources must hold at least one Source, got none"),
        (("d", "e", "a", SOURCE, "f.csv"), InvalidTypeError, "sources must be a tuple or list, got "),
        (("d", "e", "a", ("x",), "f.csv"), InvalidTypeError, "sources must be a Source, got str 'x'"),
        (("", "e", "a", (SOURCE,), "f.csv"), InvalidValueError, "dataset must not be blank, got ''"),
    ],
)
def test_bad_statuses(args: tuple[Any, ...], error: type[Exception], message: str) -> None:
    dataset, edition, as_of, sources, file = args
    with pytest.raises(error, match=re.escape(message)):
        DatasetStatus(dataset, edition, as_of, sources, file)


def test_frozen() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        data_status()[0].as_of = "today"  # type: ignore[misc]
    with pytest.raises(InvalidTypeError, match=re.escape("datasets must be a DatasetStatus, got int 1")):
        DataStatus((1,))


@given(strategies.ANYTHING, strategies.ANYTHING)
def test_fuzz_constructor(a: Any, b: Any) -> None:
    """Any input either builds a status or raises only the documented errors."""
    with contextlib.suppress(InvalidValueError, InvalidTypeError):
        DatasetStatus("d", a, "as of", b, "f.csv")
