"""The command line.

``step2score SCORE [options]`` prints the report for one score;
``step2score specialties`` and ``step2score standards`` list the packaged data.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from step2score._version import __version__
from step2score.benchmarks import benchmark_editions, edition_named, specialty_aliases
from step2score.errors import Step2ScoreError
from step2score.evaluation import evaluate
from step2score.standards import default_standards

EXIT_USAGE = 2


class _UsageError(Exception):
    """Bad command-line input that the package's own errors do not cover."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        """Print one line naming the problem and exit with status 2."""
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _score_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="step2score",
        description="Interpret a USMLE Step 2 CK score: pass/fail by test date, tier, specialty target. "
        "Other commands: 'step2score specialties', 'step2score standards'.",
    )
    parser.add_argument("score", help="the three-digit score, an integer from 1 to 300")
    parser.add_argument(
        "--taken-on", metavar="YYYY-MM-DD", help="the test date, which chooses the passing standard (default: today)"
    )
    parser.add_argument("--specialty", help="target specialty in any spelling: dermatology, derm, IM, OB/GYN ...")
    parser.add_argument("--applicant", help="us-md (default), us-do, us-img or non-us-img")
    parser.add_argument("--program-tier", help="community, academic or top")
    parser.add_argument("--attempts-used", type=str, help="attempts already made at Step 2 CK, this one included")
    parser.add_argument("--edition", help="benchmark edition: charting-outcomes-2024 (default) or ace-med-boards-2022")
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


def _count(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        msg = f"attempts_used must be an integer of at least 0, got {text!r}"
        raise _UsageError(msg) from None


def _list_specialties(argv: Sequence[str]) -> None:
    parser = _Parser(prog="step2score specialties", description="List the specialties and their benchmarks.")
    parser.add_argument("--attempts-used", type=str, help="attempts already made at Step 2 CK, this one included")
    parser.add_argument("--edition", help="the edition to show (default: charting-outcomes-2024)")
    args = parser.parse_args(argv)
    edition = edition_named(args.edition) if args.edition else benchmark_editions()[0]
    aliases = specialty_aliases()
    print(
        f"{edition.name} ({edition.cohort}); other editions: "
        + ", ".join(e.key for e in benchmark_editions() if e is not edition)
    )
    for row in edition:
        short = ", ".join(aliases.get(row.specialty, ()))
        print(f"  {row.mean}  {row.specialty}" + (f"  (also: {short})" if short else ""))


def _list_standards(argv: Sequence[str]) -> None:
    _Parser(prog="step2score standards", description="List the passing standards by test date.").parse_args(argv)
    for standard in default_standards():
        print(f"  {standard.describe()}  [{standard.source.confidence.value}]")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 on success, 2 on bad input)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    commands = {"specialties": _list_specialties, "standards": _list_standards}
    try:
        if arguments and arguments[0] in commands:
            commands[arguments[0]](arguments[1:])
            return 0
        args = _score_parser().parse_args(arguments)
        evaluation = evaluate(
            _score(args.score),
            taken_on=args.taken_on,
            specialty=args.specialty,
            applicant=args.applicant,
            program_tier=args.program_tier,
            edition=args.edition,
            attempts_used=None if args.attempts_used is None else _count(args.attempts_used),
        )
    except (Step2ScoreError, _UsageError) as error:
        print(f"step2score: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    print(evaluation.report())
    return 0
