"""The command line: ``step2score SCORE [--taken-on YYYY-MM-DD]``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from step2score._version import __version__
from step2score.errors import Step2ScoreError
from step2score.evaluation import evaluate

EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        """Print one line naming the problem and exit with status 2."""
        print(f"step2score: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="step2score",
        description="Interpret a USMLE Step 2 CK score: pass/fail by test date, tier, and more.",
    )
    parser.add_argument("score", help="the three-digit score, an integer from 1 to 300")
    parser.add_argument(
        "--taken-on",
        metavar="YYYY-MM-DD",
        help="the test date, which chooses the passing standard (default: today)",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def _score(text: str) -> int | float:
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            msg = f"score must be an integer from 1 to 300, got {text!r}"
            raise _UsageError(msg) from None


class _UsageError(Exception):
    pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 on success, 2 on bad input)."""
    args = _parser().parse_args(argv)
    try:
        evaluation = evaluate(_score(args.score), taken_on=args.taken_on)
    except (Step2ScoreError, _UsageError) as error:
        print(f"step2score: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    print(evaluation.report())
    return 0
