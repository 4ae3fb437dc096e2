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


def _rows(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(DATA.joinpath(name).read_text(encoding="utf-8"))))


def test_article_differences_follow_facts_revision_2() -> None:
    """FACTS revision 2, "Where the article differs from the sources": the wording and its support."""
    rows = {row["topic"]: row for row in _rows("article_differences.csv")}
    percentile = rows["The percentile of 245"]
    assert "the 2023-2026 table 32" in percentile["sources_say"]
    assert "medschoolinsiders.com" in percentile["source_url"]
    means = rows["Specialty means labelled 2022"]
    assert "Anesthesiology 245 matches no edition found" in means["sources_say"]
    assert "2026 median: 258" in means["sources_say"]
    assert "quantaprep" not in means["source_url"]  # a disagreeing page is not listed as support
    assert "theabramsonfirm.com" in rows["The 214 standard"]["source_url"]
    assert "medvily.com" in rows["The current standard"]["source_url"]


def test_scores_do_not_expire_row() -> None:
    (row,) = [row for row in _rows("licensure.csv") if row["rule"] == "no-expiry"]
    assert (row["confidence"], row["source_url"]) == (
        "official",
        "https://www.usmle.org/common-questions?category=Scores",
    )


def test_each_dataset_description_cites_a_source_of_the_file_it_describes() -> None:
    """datasets.csv states a dataset's scope and date; its source is one its file's own rows cite."""
    rows = _rows("datasets.csv")
    assert {row["file"] for row in rows} <= set(TABLES)
    for row in rows:
        cited = {(r["source_title"], r["source_url"], r["confidence"]) for r in _rows(row["file"])}
        assert (row["source_title"], row["source_url"], row["confidence"]) in cited, row["dataset"]


def test_the_status_reads_dates_and_scopes_from_the_data() -> None:
    """The status shows each date and scope datasets.csv states (a scope may gain a count read from the data)."""
    from step2score import data_status  # noqa: PLC0415

    status = {item.dataset: item for item in data_status()}
    for row in _rows("datasets.csv"):
        item = status[row["dataset"]]
        assert item.as_of == (row["as_of"] or "not stated by the sources")
        if row["edition"]:
            assert item.edition.startswith(row["edition"])
