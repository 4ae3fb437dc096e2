import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given

from step2score import Evaluation, data_status, evaluate, evaluation_schema
from step2score.cli import escape_formula, main, wrap_report
from step2score.errors import InvalidValueError
from tests import strategies


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reports are wrapped to the terminal's width; these tests read them unwrapped unless they say otherwise."""
    monkeypatch.setenv("COLUMNS", "1000")


def test_prints_the_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["247", "--taken-on", "2025-09-15"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Step 2 CK score 247, taken on 2025-09-15\n")
    assert "PASS (minimum 218" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["301"], "step2score: error: score must be an integer from 1 to 300, got 301\n"),
        (["abc"], "step2score: error: score must be an integer from 1 to 300, got 'abc'\n"),
        (["250.5"], "step2score: error: score must be an integer from 1 to 300, got 250.5\n"),
        (
            ["250", "--taken-on", "2025-02-30"],
            "step2score: error: --taken-on must be a date written YYYY-MM-DD, got '2025-02-30'\n",
        ),
        (
            ["250", "--taken-on", "2001-01-01"],
            "step2score: error: no passing standard is known for exams taken on 2001-01-01",
        ),
    ],
)
def test_bad_input_is_one_line_and_status_2(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(message)
    assert captured.err.count("\n") == 1


def test_argparse_errors_are_one_line_and_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["250", "--no-such-flag"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "unrecognized arguments: --no-such-flag" in err


def test_python_dash_m_runs_without_a_traceback() -> None:
    done = subprocess.run([sys.executable, "-m", "step2score", "0"], capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr == "step2score: error: score must be an integer from 1 to 300, got 0\n"


def test_json_output_round_trips(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["241", "--taken-on", "2025-09-15", "--specialty", "derm", "--applicant", "img", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert Evaluation.from_dict(data) == evaluate(241, taken_on="2025-09-15", specialty="derm", applicant="img")


def test_full_options(capsys: pytest.CaptureFixture[str]) -> None:
    argv = [
        "212",
        "--taken-on",
        "2025-09-15",
        "--specialty",
        "IM",
        "--program-tier",
        "top",
        "--attempts-used",
        "1",
        "--edition",
        "ace-med-boards-2022",
    ]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "Attempts:   1 used" in out
    assert "mean 248 of matched U.S. MD seniors in Internal Medicine (Ace Med Boards article (labelled 2022))" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["250", "--specialty", "dermotology"],
            "step2score: error: unknown specialty 'dermotology'; did you mean 'Dermatology'?",
        ),
        (["250", "--applicant", "alien"], "step2score: error: --applicant must be one of"),
        (
            ["250", "--attempts-used", "two"],
            "step2score: error: --attempts-used must be an integer from 1 to 99, got 'two'",
        ),
        (
            ["250", "--attempts-used", "0"],
            "step2score: error: --attempts-used must be an integer from 1 to 99, got 0",
        ),
        (["250", "--edition", "nrmp-1999"], "step2score: error: --edition must be a packaged edition"),
        (["batch", "/no/such/file.csv"], "step2score: error: /no/such/file.csv: cannot be read as CSV"),
    ],
)
def test_more_bad_input(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith(message)
    assert captured.err.count("\n") == 1


def test_lists(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["specialties"]) == 0
    out = capsys.readouterr().out
    assert "258  Dermatology  (also: derm)" in out
    assert main(["specialties", "--edition", "ace-med-boards-2022"]) == 0
    assert "251  Dermatology" in capsys.readouterr().out
    assert main(["standards"]) == 0
    assert "218 for exams taken on or after 2025-07-01  [secondary]" in capsys.readouterr().out
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == evaluation_schema()


def test_batch_writes_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "class.csv"
    source.write_text(
        "name,score,taken_on,specialty,attempts_used\nann,241,2025-09-15,derm,1\nbob,212,2025-09-15,IM,\ncy,,2025-09-15,peds,\n",
        encoding="utf-8",
    )
    target = tmp_path / "out.csv"
    assert main(["batch", str(source), "--applicant", "img", "--output", str(target)]) == 0
    out = pd.read_csv(target)
    assert list(out["name"]) == ["ann", "bob", "cy"]
    assert out["passed"].isna().tolist() == [False, False, True]
    assert out["passed"].iloc[:2].tolist() == [True, False]
    assert out["applicant"].iloc[:2].tolist() == ["non-us-img", "non-us-img"]
    assert out.loc[0, "target_low"] == 268
    bad = tmp_path / "bad.csv"
    bad.write_text("score\n250\n999\n", encoding="utf-8")
    assert main(["batch", str(bad), "--taken-on", "2025-09-15"]) == 2
    assert (
        capsys.readouterr().err
        == "step2score: error: row 2: column 'score' must be an integer from 1 to 300, got 999\n"
    )
    assert main(["batch", str(bad), "--taken-on", "2025-09-15", "--errors", "coerce"]) == 0
    assert "column 'score' must be an integer from 1 to 300, got 999" in capsys.readouterr().out


# --- issue 12 item 4: a command line for batch work ------------------------------------------------------

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "class_of_2026.csv"


def run_cli(*argv: str, stdin: str | None = None, columns: int = 1000) -> subprocess.CompletedProcess[str]:
    """The installed entry point (python -m step2score) in a child process."""
    env = {**os.environ, "COLUMNS": str(columns), "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run(  # noqa: S603 - the test's own arguments
        [sys.executable, "-m", "step2score", *argv], input=stdin, capture_output=True, text=True, env=env, check=False
    )


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh working directory, so messages can name files by a short relative path."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(tmp_path: Path, text: str, name: str = "class.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_help_lists_the_subcommands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in ("step2score batch FILE.csv", "step2score specialties", "step2score standards", "step2score schema"):
        assert command in out
    assert "--fail-exit-code" in out
    with pytest.raises(SystemExit):
        main(["batch", "--help"])
    out = capsys.readouterr().out
    for option in (
        "--score-column",
        "--date-column",
        "--taken-on-column",
        "--columns",
        "--no-escape-formulas",
        "OWASP",
    ):
        assert option in out


def test_the_docs_example_runs_with_a_column_mapping(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.csv"
    argv = ["batch", str(EXAMPLE), "--columns", "score=step2,taken_on=test_date", "-o", str(target)]
    assert main(argv) == 0
    assert capsys.readouterr().err == ""
    out = pd.read_csv(target, dtype=str, keep_default_na=False)
    given = pd.read_csv(EXAMPLE, dtype=str, keep_default_na=False)
    assert len(out) == len(given) == 200
    assert out[list(given.columns)].equals(given)  # input columns kept, cell for cell
    assert list(out.columns[:5]) == ["student", "step2", "test_date", "specialty", "applicant"]
    assert "result_specialty" in out.columns
    assert "result_applicant" in out.columns
    first = out.iloc[0]
    assert (first["step2"], first["taken_on"], first["minimum"], first["passed"]) == (
        "219",
        "2025-05-09",
        "214",
        "True",
    )
    assert (first["specialty"], first["result_specialty"]) == ("Anesthesiology", "Anesthesiology")
    assert out.loc[1, "specialty"] == "peds"
    assert out.loc[1, "result_specialty"] == "Pediatrics"


def test_the_docs_example_runs_with_separate_options_and_with_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mapped = tmp_path / "mapped.csv"
    argv = ["batch", str(EXAMPLE), "--score-column", "STEP2", "--date-column", "Test Date", "-o", str(mapped)]
    assert main(argv) == 0
    found = tmp_path / "found.csv"
    assert main(["batch", str(EXAMPLE), "-o", str(found)]) == 0
    assert capsys.readouterr().err == ""
    assert mapped.read_text(encoding="utf-8") == found.read_text(encoding="utf-8")


@pytest.mark.parametrize("header", ["Taken_On", "taken on", "TEST_DATE", "Exam Date", "date"])
def test_the_usual_date_names_are_found_whatever_their_case_and_spacing(
    header: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path, f"Step 2 CK,{header}\n216,2024-05-01\n")
    assert main(["batch", source, "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    (row,) = json.loads(captured.out)
    assert (row["taken_on"], row["minimum"], row["passed"]) == ("2024-05-01", 214, True)


def test_a_misnamed_date_column_is_refused_not_judged_by_today(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path, "name,score,When Tested\nann,216,2024-05-01\n")
    assert main(["batch", source]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "step2score: error: column 'When Tested' looks like the test date but is not read, and without a test date "
        "every row would be judged by the passing standard in force today; name it with --date-column 'When Tested', "
        "or give --taken-on YYYY-MM-DD for every row\n"
    )
    assert main(["batch", source, "--date-column", "when tested", "--format", "json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["passed"] is True
    assert row["When Tested"] == "2024-05-01"


def test_an_unused_input_like_column_gets_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write(tmp_path, "score,test_date,Attempt count\n216,2024-05-01,1\n")
    assert main(["batch", source, "--taken-on", "2025-09-15", "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert captured.err == (
        "step2score batch: warning: column 'test_date' looks like the test date but is not read; --taken-on gives "
        "every row '2025-09-15'; to read it, give --date-column 'test_date'\n"
        "step2score batch: warning: column 'Attempt count' looks like the attempts used but is not read; "
        "to read it, give --attempts-column 'Attempt count'\n"
    )
    (row,) = json.loads(captured.out)
    assert (row["taken_on"], row["passed"]) == ("2025-09-15", False)


def test_no_date_at_all_warns_that_today_is_used(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write(tmp_path, "score\n250\n")
    assert main(["batch", source]) == 0
    err = capsys.readouterr().err
    assert err.startswith(
        "step2score batch: warning: no test-date column and no --taken-on: every row is judged by the passing "
        "standard in force today, "
    )
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("header", "argv", "message"),
    [
        (
            "score,date,test_date",
            [],
            "columns 'date' and 'test_date' could each be the test date; choose one with --date-column",
        ),
        ("name,when", [], "'class.csv' has no score column: name it with --score-column (its columns: 'name', 'when')"),
        (
            "step2,test_date",
            ["--score-column", "stepp2"],
            "--score-column: 'class.csv' has no column 'stepp2'; did you mean 'step2'? (its columns: 'step2', 'test_date')",
        ),
        (
            "step2,test_date",
            ["--columns", "score=step2,taken_on"],
            "--columns must be FIELD=COLUMN pairs separated by commas, FIELD one of score, taken_on, specialty, "
            "applicant, program_tier, attempts_used, got 'taken_on'",
        ),
        (
            "step2,test_date",
            ["--columns", "grade=step2"],
            "--columns must be FIELD=COLUMN pairs separated by commas, FIELD one of score, taken_on, specialty, "
            "applicant, program_tier, attempts_used, got 'grade=step2'",
        ),
        (
            "step2,test_date",
            ["--date-column", "test_date", "--columns", "date=test_date"],
            "the test date is named twice ('test_date' and 'test_date'); give one",
        ),
        (
            "step2,test_date",
            ["--date-column", "test_date", "--taken-on", "2025-09-15"],
            "--date-column 'test_date' and --taken-on both give the test date; give one",
        ),
        (
            "step2,test_date",
            ["--columns", "score=step2,specialty=step2", "--taken-on", "2025-09-15"],
            "column 'step2' is named for more than one input; name each input's own column",
        ),
        (
            "score,test_date,tier,result_tier",
            [],
            "the input has columns 'tier' and 'result_tier', so the result 'tier' has no free name",
        ),
        (
            "step2,test_date",
            ["--match-year", "2025"],
            "--match-year only applies to an --edition file; give --edition FILE or leave --match-year out",
        ),
    ],
)
def test_bad_mappings_are_refused_naming_the_option(
    header: str, argv: list[str], message: str, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cells = ["250", "2025-09-15", "x", "y"][: header.count(",") + 1]
    write(workdir, f"{header}\n{','.join(cells)}\n")
    assert main(["batch", "class.csv", *argv]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"step2score: error: {message}\n"


def test_errors_in_a_row_name_the_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write(tmp_path, "step2,test_date\n250,2025-09-15\n250,2025-02-30\n")
    assert main(["batch", source]) == 2
    assert capsys.readouterr().err == (
        "step2score: error: row 2: column 'test_date' must be a date written YYYY-MM-DD, got '2025-02-30'\n"
    )
    assert main(["batch", source, "--errors", "coerce", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["error"] is None
    assert rows[1]["error"] == "column 'test_date' must be a date written YYYY-MM-DD, got '2025-02-30'"


def test_a_bad_value_for_every_row_names_the_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write(tmp_path, "score\n250\n")
    assert main(["batch", source, "--taken-on", "2025-02-30"]) == 2
    assert capsys.readouterr().err.endswith(
        "step2score: error: --taken-on must be a date written YYYY-MM-DD, got '2025-02-30'\n"
    )
    assert main(["batch", source, "--taken-on", "2025-09-15", "--attempts-used", "x"]) == 2
    assert capsys.readouterr().err == "step2score: error: --attempts-used must be an integer from 1 to 99, got 'x'\n"


def test_stdin_and_stdout_are_dashes(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(
        sys, "stdin", io.StringIO("\ufeffname,score,taken_on\nann,216,2024-05-01\nbob,216,2025-08-01\n")
    )
    assert main(["batch", "-", "-o", "-"]) == 0
    out = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert list(out["name"]) == ["ann", "bob"]
    assert list(out["passed"]) == [True, False]
    assert list(out["result_score"]) == [216, 216]


def test_stdin_through_the_entry_point() -> None:
    done = run_cli("batch", "-", "--format", "json", stdin="score,date\n216,2024-05-01\n")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert [row["passed"] for row in json.loads(done.stdout)] == [True]


def test_text_format_is_one_wrapped_line_per_student(tmp_path: Path) -> None:
    source = write(tmp_path, "student,score,taken_on,specialty\nS1,241,2025-09-15,derm\nS2,,2025-09-15,IM\n")
    done = run_cli("batch", source, "--format", "text", columns=50)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "row 1 (S1): 241 taken on 2025-09-15: PASS (minimum\n"
        "    218, margin +23), tier pass, percentile 24.8;\n"
        "    Dermatology target 258, gap +17\n"
        "row 2 (S2): no score\n"
    )


def test_fail_exit_code_is_opt_in(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    failing = write(tmp_path, "score,taken_on\n250,2025-09-15\n212,2025-09-15\n,2025-09-15\n", "failing.csv")
    passing = write(tmp_path, "score,taken_on\n250,2025-09-15\n,2025-09-15\n", "passing.csv")
    assert main(["batch", failing]) == 0
    assert main(["batch", failing, "--fail-exit-code"]) == 1
    assert main(["batch", failing, "--strict", "--format", "json"]) == 1
    assert main(["batch", passing, "--fail-exit-code"]) == 0
    assert main(["212", "--taken-on", "2025-09-15"]) == 0
    assert main(["212", "--taken-on", "2025-09-15", "--fail-exit-code"]) == 1
    assert main(["250", "--taken-on", "2025-09-15", "--strict"]) == 0
    capsys.readouterr()
    assert run_cli("212", "--taken-on", "2025-09-15", "--fail-exit-code").returncode == 1


OUR_EDITION = "specialty,mean,source_title,source_url,confidence\nderm,255,Our matched students 2025,https://school.example/match,official\n"


def test_edition_from_a_file_and_norms(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edition = write(tmp_path, OUR_EDITION, "our_school.csv")
    source = write(tmp_path, "score,taken_on,specialty\n250,2025-09-15,derm\n")
    argv = ["batch", source, "--edition", edition, "--match-year", "2025", "--norms", "2023-24", "--format", "json"]
    assert main(argv) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["edition"], row["benchmark_value"], row["percentile_method"]) == (
        "our_school",
        255,
        "normal-approximation",
    )
    assert (
        main(["250", "--taken-on", "2025-09-15", "--specialty", "derm", "--edition", edition, "--match-year", "2025"])
        == 0
    )
    assert "mean 255 of matched applicants in Dermatology (our_school); official" in capsys.readouterr().out
    assert main(["250", "--edition", "ace-med-boards-2022", "--specialty", "derm", "--json"]) == 0
    benchmark = json.loads(capsys.readouterr().out)["benchmark"]
    assert (benchmark["statistic"], benchmark["value"]) == ("mean", 251)
    assert main(["250", "--norms", "2023-24", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["percentile"]["method"] == "normal-approximation"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["250", "--edition", "our_school.csv"],
            "--match-year is needed with an --edition file (the Match its figures describe), got --edition 'our_school.csv'",
        ),
        (
            ["250", "--edition", "our_school.csv", "--match-year", "next"],
            "--match-year must be a year such as 2025, got 'next'",
        ),
        (
            ["250", "--norms", "1999"],
            "--norms must be one of '2023-2026', '2017-2020', '2016-17', '2017-18', '2018-19', '2020-21', '2023-24', "
            "'2024-25', '2025-26', got '1999'",
        ),
        (["250", "--json", "--format", "csv"], "--json and --format csv ask for different things; give one"),
        (
            ["250", "--edition", "ace-med-boards-2022", "--match-year", "2022"],
            "--match-year only applies to an --edition file; give --edition FILE or leave --match-year out",
        ),
        (
            ["250", "--edition", "nrmp-1999"],
            "--edition must be a packaged edition (charting-outcomes-2026, charting-outcomes-2026-non-us-img, "
            "charting-outcomes-2024, ace-med-boards-2022) "
            "or a CSV or TOML file, "
            "got 'nrmp-1999'",
        ),
    ],
)
def test_bad_data_options(
    argv: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, OUR_EDITION, "our_school.csv")
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    assert capsys.readouterr().err == f"step2score: error: {message}\n"


def test_one_score_as_csv_has_the_batch_columns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["241", "--taken-on", "2025-09-15", "--specialty", "derm", "--format", "csv"]) == 0
    single = pd.read_csv(io.StringIO(capsys.readouterr().out))
    source = write(tmp_path, "score,taken_on,specialty\n241,2025-09-15,derm\n")
    assert main(["batch", source, "--format", "csv"]) == 0
    batch = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert len(single) == 1
    assert single.iloc[0]["target_low"] == batch.iloc[0]["target_low"] == 258
    assert single.iloc[0]["margin"] == batch.iloc[0]["margin"] == 23
    assert [c for c in batch.columns if c.startswith("result_")] == [
        "result_score",
        "result_taken_on",
        "result_specialty",
    ]


# --- text wrapped to the terminal ----------------------------------------------------------------------------


@pytest.mark.parametrize("width", [40, 60, 80])
def test_the_report_is_wrapped_to_the_terminal_at_spaces(
    width: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["241", "--taken-on", "2025-09-15", "--specialty", "derm", "--applicant", "img", "--program-tier", "top"]
    assert main(argv) == 0
    wide = capsys.readouterr().out
    monkeypatch.setenv("COLUMNS", str(width))
    assert main(argv) == 0
    narrow = capsys.readouterr().out
    assert narrow.split() == wide.split()  # no word broken, none lost
    assert max(map(len, narrow.splitlines())) <= width
    lines = narrow.splitlines()
    result = next(i for i, line in enumerate(lines) if line.startswith("  Result:"))
    assert lines[result + 1].startswith(" " * 14)  # under the text after the label
    assert lines[result + 1][14] != " "
    bullet = next(i for i, line in enumerate(lines) if line.startswith("    - ") and len(line) > width - 15)
    assert lines[bullet + 1].startswith("      ")
    assert lines[bullet + 1][6] != " "


def test_wrap_report_examples() -> None:
    assert wrap_report("short", 40) == "short"
    assert (
        wrap_report("    - " + "word " * 10, 24)
        == "    - word word word\n      word word word\n      word word word\n      word"
    )
    assert wrap_report("x" * 30 + " y", 20) == "x" * 30 + "\ny"  # a word longer than the line stays whole


# --- output that cannot be written ---------------------------------------------------------------------------


def one_error_line(done: subprocess.CompletedProcess[str], message: str) -> None:
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr == f"step2score: error: {message}\n"


@pytest.mark.parametrize("argv", [["specialties"], ["250"], ["batch", str(EXAMPLE)], ["schema"]])
def test_a_closed_pipe_is_one_line_and_status_2(argv: list[str]) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    child = subprocess.Popen(  # noqa: S603 - the test's own arguments
        [sys.executable, "-m", "step2score", *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    assert child.stdout is not None
    assert child.stderr is not None
    child.stdout.close()  # the reader has gone (as `| head -1` does once it has its line)
    err = child.stderr.read()
    child.stderr.close()
    assert child.wait() == 2
    assert err == "step2score: error: standard output was closed before everything was written (broken pipe)\n"


def test_specialties_piped_to_head_leaves_no_traceback() -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    command = [sys.executable, "-m", "step2score", "specialties"]
    writer = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)  # noqa: S603
    assert writer.stdout is not None
    assert writer.stderr is not None
    head = subprocess.run(["head", "-1"], stdin=writer.stdout, capture_output=True, text=True, check=False)  # noqa: S607
    writer.stdout.close()
    err = writer.stderr.read()
    writer.stderr.close()
    assert writer.wait() in {0, 2}  # 2 when the pipe closed before the last line was written
    assert head.stdout.startswith("Charting Outcomes 2026")
    assert head.stdout.count("\n") == 1
    assert "Traceback" not in err
    assert err in {"", "step2score: error: standard output was closed before everything was written (broken pipe)\n"}


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("argv", [["specialties"], ["250", "--json"], ["batch", str(EXAMPLE)]])
def test_a_full_disk_is_one_line_and_status_2(argv: list[str], tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    with open("/dev/full", "w", encoding="utf-8") as full:
        done = subprocess.run(  # noqa: S603 - the test's own arguments
            [sys.executable, "-m", "step2score", *argv],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            check=False,
        )
    one_error_line(done, "cannot write to standard output: No space left on device")
    one_error_line(run_cli(*argv, "-o", "/dev/full"), "cannot write --output '/dev/full': No space left on device")


def test_an_unwritable_output_is_one_line_and_status_2(tmp_path: Path) -> None:
    missing = str(tmp_path / "no" / "such" / "dir" / "out.csv")
    one_error_line(run_cli("250", "-o", missing), f"cannot write --output {missing!r}: No such file or directory")
    one_error_line(
        run_cli("batch", str(EXAMPLE), "--output", str(tmp_path)),
        f"cannot write --output {str(tmp_path)!r}: Is a directory",
    )


def test_any_step2score_error_is_one_line_and_status_2() -> None:
    one_error_line(
        run_cli("250", "--taken-on", "2025-13-01"), "--taken-on must be a date written YYYY-MM-DD, got '2025-13-01'"
    )
    one_error_line(
        run_cli("250", "--program-tier", "elite"),
        "--program-tier must be one of 'community', 'academic', 'top', got 'elite'",
    )


# --- formula-leading CSV cells (issue 10) --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+2", "'=1+2"),
        ("+1+cmd", "'+1+cmd"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("-6", "-6"),
        ("+1.5", "+1.5"),
        ("-1e3", "-1e3"),
        ("Dermatology", "Dermatology"),
        ("", ""),
        (-6, -6),
        (2.5, 2.5),
        (None, None),
    ],
)
def test_escape_formula(cell: object, written: object) -> None:
    assert escape_formula(cell) == written


def test_csv_output_escapes_formula_cells_but_not_numbers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write(
        tmp_path, 'name,score,taken_on,=HYPERLINK("x")\n=cmd|calc,212,2025-09-15,@x\n-bob,250,2025-09-15,-6\n'
    )
    assert main(["batch", source]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0][3] == '\'=HYPERLINK("x")'
    assert rows[1][:4] == ["'=cmd|calc", "212", "2025-09-15", "'@x"]
    assert rows[2][:4] == ["'-bob", "250", "2025-09-15", "-6"]
    header = rows[0]
    assert rows[1][header.index("margin")] == "-6"  # a negative margin stays a number
    assert rows[1][header.index("gap")] == ""
    assert main(["batch", source, "--no-escape-formulas"]) == 0
    raw = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert raw[0][3] == '=HYPERLINK("x")'
    assert raw[1][:4] == ["=cmd|calc", "212", "2025-09-15", "@x"]
    assert raw[2][0] == "-bob"


def test_errors_name_options_before_and_after_errors_carry_a_field() -> None:
    from step2score.cli import _OPTION_NAMES, _worded  # noqa: PLC0415 - private: the wording rule itself

    class LocatedError(InvalidValueError):
        field = "program_tier"

    assert _worded(InvalidValueError("taken_on must be a date"), _OPTION_NAMES) == "--taken-on must be a date"
    assert _worded(LocatedError("program_tier must be one of"), _OPTION_NAMES) == "--program-tier must be one of"
    assert _worded(LocatedError("row 3: program_tier must be x"), _OPTION_NAMES) == "row 3: --program-tier must be x"
    assert (
        _worded(InvalidValueError("give attempts_used=1 or taken_on"), _OPTION_NAMES)
        == "give --attempts-used=1 or --taken-on"
    )
    assert _worded(InvalidValueError("unknown specialty 'x'"), _OPTION_NAMES) == "unknown specialty 'x'"


def test_unreadable_input_is_one_line_and_status_2(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(
        [sys.executable, "-m", "step2score", "batch", "-"],
        input=b"score\n\xff\xfe250\n",
        capture_output=True,
        env=env,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.decode().startswith("step2score: error: standard input: cannot be read as CSV: 'utf-8' codec")
    assert done.stderr.count(b"\n") == 1
    one_error_line(
        run_cli("batch", "-", stdin=""), "standard input: cannot be read as CSV: No columns to parse from file"
    )
    one_error_line(
        run_cli("batch", str(tmp_path)), f"{tmp_path}: must be a regular file, not a directory, pipe or device"
    )
    one_error_line(run_cli("batch", "/dev/zero"), "/dev/zero: must be a regular file, not a directory, pipe or device")


def test_a_row_with_more_or_fewer_fields_than_the_header_is_refused_not_shifted(tmp_path: Path) -> None:
    more = write(tmp_path, "score,taken_on\n212,250,2025-09-15\n", "more.csv")
    one_error_line(run_cli("batch", more), f"{more}, row 1: more fields (3) than the header has columns (2)")
    fewer = write(tmp_path, "score,taken_on\n250,2025-09-15\n212\n", "fewer.csv")
    one_error_line(run_cli("batch", fewer), f"{fewer}, row 2: fewer fields (1) than the header has columns (2)")


def test_one_bad_score_cell_fails_its_row_only(tmp_path: Path) -> None:
    source = write(tmp_path, "score,taken_on\n250,2025-09-15\nabc,2025-09-15\n", "mixed.csv")
    done = run_cli("batch", source, "--errors", "coerce", "--format", "csv")
    assert done.returncode == 0, done.stderr
    out = pd.read_csv(io.StringIO(done.stdout))
    assert out["passed"].tolist()[0]
    assert out["error"].tolist()[1] == "column 'score' must be an integer from 1 to 300, got str 'abc'"
    one_error_line(run_cli("batch", source), "row 2: column 'score' must be an integer from 1 to 300, got str 'abc'")


def test_a_header_without_rows_gives_a_header_without_rows() -> None:
    done = run_cli("batch", "-", stdin="score,taken_on\n")
    assert done.returncode == 0
    assert done.stdout.startswith("score,taken_on,result_score,result_taken_on,minimum,passed,")
    assert done.stdout.count("\n") == 1
    assert run_cli("batch", "-", "--format", "text", stdin="score,taken_on\n").stdout == ""
    assert run_cli("batch", "-", "--format", "json", stdin="score,taken_on\n").stdout == "[]\n"


# --- properties ----------------------------------------------------------------------------------------------


@given(strategies.REPORT_TEXTS, strategies.TERMINAL_WIDTHS)
def test_wrapping_keeps_every_word_and_fits_the_width(text: str, width: int) -> None:
    """Wrapping never breaks, drops or reorders a word, and keeps each line's indentation.

    A line is wider than the terminal only when it holds a single word (after its label or bullet), and
    every line a long line is wrapped into is indented at least as deep as the line was.
    """
    wrapped = wrap_report(text, width)
    assert wrapped.split() == text.split()
    for line in wrapped.splitlines():
        assert len(line) <= width or len(line.split()) <= 2
    assert wrap_report(wrapped, width).split() == text.split()
    for line in text.splitlines():
        indent = len(line) - len(line.lstrip(" "))
        for part in wrap_report(line, width).splitlines():
            assert part.startswith(" " * indent)


@given(strategies.CSV_CELLS)
def test_escaping_is_a_single_quote_that_disarms_a_formula(cell: object) -> None:
    """Escaping adds one quote to disarm a formula, and changes nothing else.

    An escaped text cell does not begin with a formula character (unless it is a plain number), dropping
    the quote gives the cell back, and anything that is not text is never changed.
    """
    written = escape_formula(cell)
    if not isinstance(cell, str):
        assert written is cell
        return
    assert isinstance(written, str)
    if written != cell:
        assert written == "'" + cell
        assert cell[:1] in {"=", "+", "-", "@", "\t", "\r"}
    elif cell[:1] in {"=", "+", "-", "@", "\t", "\r"}:
        assert float(cell) == float(cell)  # left alone only because it is a plain number


def test_status_lists_every_packaged_dataset(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    for dataset in data_status():
        assert dataset.dataset in out
    assert "Benchmark edition: Charting Outcomes 2026" in out
    assert "source: NRMP, Charting Outcomes" in out
    assert "step2score status" in run_cli("--help").stdout


@pytest.mark.parametrize("typed", ["\u0662\u0665\u0660", "\uff12\uff15\uff10", "2_50", "9" * 5000])
def test_a_score_is_typed_in_plain_ascii_digits(typed: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([typed, "--taken-on", "2025-09-15"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("step2score: error: score must be an integer from 1 to 300, got ")
    assert len(err) < 200
