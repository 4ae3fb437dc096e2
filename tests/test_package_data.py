"""Every figure shipped in step2score/data carries its source and confidence, on its own row."""

import csv
import importlib.resources
import io

import pytest

from step2score import Confidence

DATA = importlib.resources.files("step2score").joinpath("data")
TABLES = sorted(entry.name for entry in DATA.iterdir() if entry.name.endswith(".csv"))


def test_there_is_data() -> None:
    assert "standards.csv" in TABLES
    assert "tier_schemes.csv" in TABLES


@pytest.mark.parametrize("name", TABLES)
def test_every_row_has_a_source_and_a_confidence(name: str) -> None:
    rows = list(csv.DictReader(io.StringIO(DATA.joinpath(name).read_text(encoding="utf-8"))))
    assert rows, f"{name} has no rows"
    for number, row in enumerate(rows, start=1):
        where = f"{name}, row {number}"
        assert (row.get("source_title") or "").strip(), f"{where}: no source_title"
        url = (row.get("source_url") or "").strip()
        assert url.startswith(("http://", "https://")), f"{where}: source_url is not an address: {url!r}"
        assert row.get("confidence") in {c.value for c in Confidence}, f"{where}: confidence {row.get('confidence')!r}"
        assert None not in row, f"{where}: more fields than columns"
