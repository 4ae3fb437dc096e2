"""Issue 20, round 3, items 7 and 11: the command line reads any file as CSV or answers one line and status 2."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from step2score.cli import main

HEADER = "score,taken_on\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x00" * 2_000_000, b"nul.csv, the header: cannot be read as CSV: field larger than field limit (131072)"),
        (b"score\n" + b"9" * 200_000 + b"\n", b"nul.csv, line 2: cannot be read as CSV: field larger than field limit"),
        (bytes(range(256)) * 64, b"nul.csv: cannot be read as CSV: 'utf-8' codec can't decode byte 0x80"),
        (b"score\n\x00\n", b"row 1: column 'score' must be an integer from 1 to 300, got str '\\x00'"),
    ],
    ids=["2 MB of NUL", "a cell over the field limit", "binary", "a NUL cell"],
)
def test_nul_huge_and_binary_files_are_one_line_and_status_2(tmp_path: Path, content: bytes, message: bytes) -> None:
    (tmp_path / "nul.csv").write_bytes(content)
    done = subprocess.run(
        [sys.executable, "-m", "step2score", "batch", "nul.csv", "--taken-on", "2025-09-15"],
        capture_output=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 2
    assert b"Traceback" not in done.stderr
    assert done.stderr.count(b"\n") == 1
    assert done.stderr.startswith(b"step2score: error: " + message)


def _batch(tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, str, str]:
    path = tmp_path / "class.csv"
    path.write_bytes(text.encode())
    status = main(["batch", str(path), *options])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize("end", ["\r", "\r\n", "\n"])
def test_every_line_ending_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str], end: str) -> None:
    status, out, err = _batch(tmp_path, f"score,taken_on{end}250,2025-09-15{end}212,2025-09-15{end}", capsys)
    assert (status, err) == (0, "")
    header, *rows = (line.split(",") for line in out.splitlines())
    assert [row[header.index("passed")] for row in rows] == ["True", "False"]


def test_a_bare_carriage_return_in_a_cell_keeps_the_cell_whole_and_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A spreadsheet ends a line at a bare CR: the cell is quoted, so '=1+2' after it never starts a row."""
    status, out, _ = _batch(tmp_path, 'score,taken_on,name\n250,2025-09-15,"a\r=1+2"\n', capsys)
    assert status == 0
    import csv  # noqa: PLC0415
    import io  # noqa: PLC0415

    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert len(rows) == 2
    assert rows[1][2] == "a\r=1+2"
    assert '"a\r=1+2"' in out
    for line in out.replace("\r", "\n").splitlines():
        assert not line.startswith(("=", "+", "-", "@")) or line[1:2].isdigit()


def test_a_row_has_one_number_in_every_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Blank lines are not rows: the shape check and the evaluation count the same rows."""
    status, _, err = _batch(tmp_path, HEADER + "\n\n250,2025-09-15\n250,2025-09-15,x\n", capsys)
    assert (status, err) == (
        2,
        f"step2score: error: {tmp_path / 'class.csv'}, row 2: more fields (3) than the header has columns (2)\n",
    )
    status, _, err = _batch(tmp_path, HEADER + "\n\n250,2025-09-15\n250,2025-09-45\n", capsys, "--errors", "raise")
    assert (status, err) == (
        2,
        "step2score: error: row 2: column 'taken_on' must be a date written YYYY-MM-DD, got '2025-09-45'\n",
    )


def test_a_file_that_is_not_an_edition_is_named_not_echoed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "secrets.csv"
    path.write_text("root:x:0:0:root:/root:/bin/bash\nsecond\n")
    status = main(["250", "--specialty", "derm", "--edition", str(path), "--match-year", "2025"])
    err = capsys.readouterr().err
    assert status == 2
    assert "root" not in err.replace(str(tmp_path), "")
    assert err == (
        f"step2score: error: {path}: not a data table: its first line names none of the columns "
        "'specialty', 'source_title', 'source_url', 'confidence'\n"
    )


@pytest.mark.parametrize("column", ["score", "attempts_used"])
def test_a_cell_of_5000_digits_is_a_typed_error_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], column: str
) -> None:
    cells = {"score": "250", "attempts_used": "1"} | {column: "9" * 5000}
    text = f"score,attempts_used\n{cells['score']},{cells['attempts_used']}\n"
    status, _, err = _batch(tmp_path, text, capsys, "--taken-on", "2025-09-15", "--errors", "raise")
    assert status == 2
    assert err.startswith(f"step2score: error: row 1: column '{column}' must be an integer from ")
    assert err.endswith("... (5000 characters)\n")


@pytest.mark.parametrize("argv", [["batch", "a\rb", "c\nd"], ["250", "--specialty", "der\rm\n"], ["250", "\x1b[2J"]])
def test_an_error_quoting_control_characters_is_still_one_line(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        status = main(argv)
    except SystemExit as done:  # argparse's usage errors
        status = done.code  # type: ignore[assignment]
    err = capsys.readouterr().err
    assert (status, err.count("\n")) == (2, 1), err
    assert "\r" not in err
    assert "\x1b" not in err


@pytest.mark.parametrize(
    ("content", "where"),
    [("\x00" * 200_000, "the header"), ("score\n" + "9" * 200_000 + "\n", "line 2")],
)
def test_a_csv_reader_error_is_one_line_in_process(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, where: str
) -> None:
    status, out, err = _batch(tmp_path, content, capsys, "--taken-on", "2025-09-15")
    assert (status, out) == (2, "")
    path = tmp_path / "class.csv"
    assert err == f"step2score: error: {path}, {where}: cannot be read as CSV: field larger than field limit (131072)\n"
