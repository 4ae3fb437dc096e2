"""The command line.

``step2score SCORE [options]`` prints the report for one score (``--json`` for JSON);
``step2score batch FILE.csv`` evaluates a class and writes CSV;
``step2score specialties`` and ``step2score standards`` list the packaged data;
``step2score schema`` prints the JSON Schema of ``--json``'s output.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from step2score._version import __version__
from step2score.benchmarks import benchmark_editions, edition_named, specialty_aliases
from step2score.errors import Step2ScoreError
from step2score.evaluation import evaluate
from step2score.serialization import generate_evaluation_schema
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
        "Other commands: 'step2score batch FILE.csv', 'step2score specialties', 'step2score standards', "
        "'step2score schema'.",
    )
    parser.add_argument("score", help="the three-digit score, an integer from 1 to 300")
    _profile_options(parser, every_row="")
    parser.add_argument("--attempts-used", help="attempts already made at Step 2 CK, this one included")
    parser.add_argument("--json", action="store_true", help="print the evaluation as JSON (see 'step2score schema')")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def _profile_options(parser: argparse.ArgumentParser, *, every_row: str) -> None:
    """The options a score and a batch share; ``every_row`` words them for a batch."""
    default = "" if every_row else " (default: today)"
    parser.add_argument(
        "--taken-on",
        metavar="YYYY-MM-DD",
        help=f"the test date{every_row}, which chooses the passing standard{default}",
    )
    parser.add_argument("--specialty", help=f"target specialty{every_row}, in any spelling: dermatology, derm, IM ...")
    parser.add_argument("--applicant", help=f"applicant type{every_row}: us-md (default), us-do, us-img, non-us-img")
    parser.add_argument("--program-tier", help=f"program tier{every_row}: community, academic or top")
    parser.add_argument("--edition", help="benchmark edition: charting-outcomes-2024 (default) or ace-med-boards-2022")


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
        print(f"  {row.value}  {row.specialty}" + (f"  (also: {short})" if short else ""))


def _list_standards(argv: Sequence[str]) -> None:
    _Parser(prog="step2score standards", description="List the passing standards by test date.").parse_args(argv)
    for standard in default_standards():
        print(f"  {standard.describe()}  [{standard.source.confidence.value}]")


def _print_schema(argv: Sequence[str]) -> None:
    _Parser(prog="step2score schema", description="Print the JSON Schema of 'step2score SCORE --json'.").parse_args(
        argv
    )
    print(json.dumps(generate_evaluation_schema(), indent=2))


def _batch(argv: Sequence[str]) -> None:
    parser = _Parser(
        prog="step2score batch",
        description="Evaluate every row of a CSV file and write the results as CSV. Columns named score, taken_on, "
        "specialty, applicant, program_tier and attempts_used are read per row; the options below fix a value for "
        "every row instead.",
    )
    parser.add_argument("file", help="the CSV file, one student per row, with a 'score' column")
    parser.add_argument("--output", "-o", help="where to write the CSV (default: standard output)")
    _profile_options(parser, every_row=" for every row")
    parser.add_argument(
        "--errors",
        choices=["raise", "coerce"],
        default="raise",
        help="raise: stop at the first invalid row (default); coerce: leave its results empty",
    )
    args = parser.parse_args(argv)
    try:
        import pandas as pd  # noqa: PLC0415 - optional extra, imported on use
    except ImportError:
        msg = "step2score batch needs pandas: pip install 'step2score[pandas]'"
        raise _UsageError(msg) from None
    from step2score.batch import ROW_FIELDS, evaluate_frame  # noqa: PLC0415 - needs pandas

    try:
        frame = pd.read_csv(args.file)
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        msg = f"{args.file}: cannot be read as CSV: {error}"
        raise _UsageError(msg) from None
    options = {field: getattr(args, field) for field in ROW_FIELDS if field != "attempts_used"}
    fixed = {field: value for field, value in options.items() if value is not None}
    present = {field: field if field in frame.columns else None for field in ROW_FIELDS}
    results = evaluate_frame(
        frame,
        score="score",
        taken_on=present["taken_on"],
        specialty=present["specialty"],
        applicant=present["applicant"],
        program_tier=present["program_tier"],
        attempts_used=present["attempts_used"],
        fixed=fixed,
        edition=args.edition,
        errors=args.errors,
    )
    kept = frame.drop(columns=[c for c in frame.columns if c in results.columns])
    pd.concat([kept, results], axis=1).to_csv(args.output if args.output else sys.stdout, index=False)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 on success, 2 on bad input)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    commands = {
        "batch": _batch,
        "specialties": _list_specialties,
        "standards": _list_standards,
        "schema": _print_schema,
    }
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
    print(evaluation.to_json(indent=2) if args.json else evaluation.report())
    return 0
