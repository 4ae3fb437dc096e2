import subprocess
import sys

import pytest

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
