"""Issue 20, round 3: one test per defect class, each named by the kind of input it throws."""

from pathlib import Path
from typing import Any

import pytest

from step2score import DataFileError, InvalidTypeError, load_edition

_SOURCE_CELLS = 'source_title = "t"\nsource_url = "https://x.example"\nconfidence = "official"\n'


def _toml(tmp_path: Path, fields: str) -> Path:
    path = tmp_path / "ours.toml"
    path.write_text(f"[[rows]]\n{fields}\n{_SOURCE_CELLS}", encoding="utf-8")
    return path


def _csv(tmp_path: Path, column: str, cell: str) -> Path:
    path = tmp_path / "ours.csv"
    header = "specialty,median,q1,q3,source_title,source_url,confidence"
    cells = {"q1": "240", "q3": "262", column: cell}
    path.write_text(
        f"{header}\nderm,250,{cells['q1']},{cells['q3']},t,https://x.example,official\n"
        if column in {"q1", "q3"}
        else f"specialty,median,{column},source_title,source_url,confidence\nderm,250,{cell},t,https://x.example,official\n",
        encoding="utf-8",
    )
    return path


# Item 2: a path of the wrong type -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [None, 5, 2.5, b"/tmp/ours.csv", ["a.csv"], {"a.csv"}])
def test_a_path_of_the_wrong_type_is_a_typed_error(path: Any) -> None:
    with pytest.raises(InvalidTypeError, match=r"^path must be a path: a str or an os.PathLike naming a file, got "):
        load_edition(path, match_year=2025)


def test_a_path_with_a_nul_character_is_a_data_file_error() -> None:
    with pytest.raises(DataFileError, match="a path may not hold a NUL character"):
        load_edition("ours\x00.csv", match_year=2025)


@pytest.mark.parametrize(
    ("keywords", "field"),
    [
        ({"match_year": "2025"}, "match_year"),
        ({"cohort": 5}, "cohort"),
        ({"name": b"x"}, "name"),
        ({"group": 3}, "group"),
    ],
)
def test_every_argument_of_load_edition_is_checked_before_the_file(keywords: dict[str, Any], field: str) -> None:
    arguments: dict[str, Any] = {"match_year": 2025} | keywords
    with pytest.raises(InvalidTypeError, match=rf"^{field} must be "):
        load_edition("no such file.csv", **arguments)


# Items 4 and 10: integers past Python's 4,300-digit text limit in a TOML file ------------------------------------


def test_a_5000_digit_integer_in_a_toml_file_is_a_data_file_error(tmp_path: Path) -> None:
    path = _toml(tmp_path, f'specialty = "derm"\nmedian = {"9" * 5000}')
    with pytest.raises(
        DataFileError, match=r"ours\.toml: not a data table: it holds a number of more than 4300 digits$"
    ):
        load_edition(path, match_year=2025)


# Item 6: a TOML file's text fields are text, as they are from Python ---------------------------------------------


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ("specialty = 5\nmedian = 250", "specialty"),
        ('specialty = "derm"\nmedian = 250\nlabel = 2.5', "label"),
        ('specialty = "derm"\nmedian = 250\ncohort = 7', "cohort"),
    ],
)
def test_a_number_where_a_toml_file_needs_text_is_refused(tmp_path: Path, fields: str, field: str) -> None:
    with pytest.raises(
        DataFileError, match=rf"row 1, field '{field}': must be text \(a TOML string\), got the number "
    ):
        load_edition(_toml(tmp_path, fields), match_year=2025)


def test_a_number_as_a_toml_source_url_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ours.toml"
    path.write_text(
        '[[rows]]\nspecialty = "derm"\nmedian = 250\nsource_title = "t"\nsource_url = 5\nconfidence = "official"\n'
    )
    with pytest.raises(DataFileError, match=r"field 'source_url': must be text \(a TOML string\), got the number '5'"):
        load_edition(path, match_year=2025)


def test_toml_numbers_still_read_as_figures(tmp_path: Path) -> None:
    edition = load_edition(
        _toml(tmp_path, 'specialty = "derm"\nmedian = 250\nq1 = 240\nq3 = 262.0\nmatched_n = 30'), match_year=2025
    )
    row = edition["Dermatology"]
    assert (row.value, row.q1, row.q3, row.matched_n) == (250, 240, 262, 30)


# Item 14: one reader for every whole figure of a user's file ------------------------------------------------------


@pytest.mark.parametrize("column", ["q1", "q3", "matched_n", "not_matched_n", "not_matched_median"])
@pytest.mark.parametrize(
    "cell", ["\uff12\uff14\uff10", "2_40", "0x10", "+240", "-240", "1e3", "\u0662\u0664\u0660", "240.5"]
)
def test_quartiles_and_counts_are_ascii_digits_as_the_median_is(tmp_path: Path, column: str, cell: str) -> None:
    with pytest.raises(
        DataFileError, match=rf"field '{column}': {column} must be an integer written in ASCII digits, got "
    ):
        load_edition(_csv(tmp_path, column, cell), match_year=2025)
