import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from step2score import Evaluation, evaluate, evaluation_schema
from step2score.cli import main


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
            "step2score: error: taken_on must be a date written YYYY-MM-DD, got '2025-02-30'\n",
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
    assert "mean 248 of matched applicants in Internal Medicine (Ace Med Boards article (labelled 2022))" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["250", "--specialty", "dermotology"],
            "step2score: error: unknown specialty 'dermotology'; did you mean 'Dermatology'?",
        ),
        (["250", "--applicant", "alien"], "step2score: error: applicant must be one of"),
        (
            ["250", "--attempts-used", "two"],
            "step2score: error: attempts_used must be an integer of at least 0, got 'two'",
        ),
        (["250", "--attempts-used", "0"], "step2score: error: attempts_used must be an integer of at least 1, got 0"),
        (["250", "--edition", "nrmp-1999"], "step2score: error: edition must be one of"),
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
    assert main(["batch", str(bad)]) == 2
    assert capsys.readouterr().err == "step2score: error: row 1: score must be an integer from 1 to 300, got 999\n"
    assert main(["batch", str(bad), "--errors", "coerce"]) == 0
    assert "score must be an integer from 1 to 300, got 999" in capsys.readouterr().out
