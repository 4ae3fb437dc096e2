"""The command line.

``step2score SCORE [options]`` prints the report for one score;
``step2score batch FILE.csv`` evaluates a class, one student per row;
``step2score specialties`` and ``step2score standards`` list the packaged data;
``step2score schema`` prints the JSON Schema of ``--format json``'s output.

Every failure is one line on standard error and exit status 2: bad input, an unreadable
file, an output that cannot be written (a closed pipe, an unwritable ``--output``, a full
disk). ``--fail-exit-code`` makes a failing score exit with status 1.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import difflib
import importlib
import io
import json
import math
import os
import re
import shutil
import sys
import textwrap
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from step2score._data import read_limited
from step2score._version import __version__
from step2score.benchmarks import (
    BenchmarkEdition,
    benchmark_editions,
    load_edition,
    specialty_aliases,
)
from step2score.errors import DataFileError, Step2ScoreError, UnknownDatasetError, bounded_repr
from step2score.evaluation import Evaluation, evaluate
from step2score.frame import evaluate_frame
from step2score.norms import NormalApproximation, NormTable, norms_named
from step2score.serialization import generate_evaluation_schema
from step2score.standards import default_standards, exam_changes
from step2score.status import data_status

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["EXIT_FAILED", "EXIT_INTERRUPTED", "EXIT_USAGE", "escape_formula", "main", "wrap_report"]

#: Exit status when ``--fail-exit-code`` is given and a score fails its passing standard.
EXIT_FAILED = 1
#: Exit status for bad input, unreadable files and output that cannot be written.
EXIT_USAGE = 2
#: Exit status when the user interrupts the command (Ctrl-C), as shells report SIGINT.
EXIT_INTERRUPTED = 130

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")

_COMMANDS_HELP = """\
commands:
  step2score SCORE [options]      interpret one score (this command)
  step2score batch FILE.csv       evaluate a class, one student per row ('-' reads standard input)
  step2score specialties          list the specialties and their benchmarks
  step2score standards            list the passing standards by test date
  step2score status               list every packaged dataset: edition or cohort, as of when, source, confidence
  step2score schema               print the JSON Schema of '--format json'
Run 'step2score COMMAND --help' for a command's options.

exit status: 0 done; 1 a score failed (only with --fail-exit-code); 2 bad input, unreadable
input or output that could not be written."""

_CSV_RULE = (
    "CSV cells of text that begin with = + - @, a tab or a carriage return get a leading ' so a "
    "spreadsheet shows them instead of running them as formulas (OWASP's CSV-injection rule); numbers, "
    "negative ones like -6 included, and text that is a plain number are written as they are"
)


class _UsageError(Exception):
    """Bad command-line input, or output that cannot be written: one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        """Print one line naming the problem and exit with status 2."""
        print(f"{self.prog}: error: {_one_line(message)}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _one_line(message: str) -> str:
    """A message as one line: line breaks and other control characters a user typed are written as escapes."""
    if message.isprintable():
        return message
    return "".join(char if char.isprintable() or char == " " else repr(char)[1:-1] for char in message)


# --- options shared by the commands ------------------------------------------------------------------------


def _output_options(parser: argparse.ArgumentParser, *, default_format: str) -> None:
    parser.add_argument(
        "--format",
        choices=["text", "json", "csv"],
        default=None,
        help=f"what to write (default: {default_format}). {_CSV_RULE}",
    )
    parser.add_argument(
        "--no-escape-formulas",
        dest="escape_formulas",
        action="store_false",
        help="write CSV text cells exactly as they are, formula-like ones included",
    )
    parser.add_argument("--output", "-o", metavar="PATH", help="where to write ('-' or left out: standard output)")
    parser.add_argument(
        "--fail-exit-code",
        "--strict",
        action="store_true",
        help=f"exit with status {EXIT_FAILED} when a score fails its passing standard "
        "(a row without a score, or one left empty by --errors coerce, is not a fail)",
    )


def _data_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--edition",
        metavar="KEY_OR_FILE",
        help="benchmark edition: a packaged key (charting-outcomes-2026, the U.S. MD seniors' default; "
        "charting-outcomes-2026-non-us-img, the non-U.S. IMGs' default; charting-outcomes-2024; ace-med-boards-2022) "
        "or your own CSV or TOML file (needs --match-year); by default each applicant's own group's edition",
    )
    parser.add_argument(
        "--target-policy",
        choices=("own-group", "article"),
        help="own-group (the default): the group's own quartile, the IMG buffer only as a labelled fallback; "
        "article: U.S. MD seniors' figures plus the IMG buffer for every IMG, the article's rule",
    )
    parser.add_argument(
        "--match-year", metavar="YEAR", help="the Match that the figures of an --edition file describe, e.g. 2025"
    )
    parser.add_argument(
        "--norms",
        metavar="COHORT",
        help="percentile norms: a packaged norm table (2023-2026, 2017-2020) or a cohort such as 2023-24 "
        "(normal approximation); default: the 2023-2026 norm table",
    )


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
    parser.add_argument(
        "--attempts-used", metavar="N", help=f"attempts already made at Step 2 CK{every_row}, this one included"
    )


# --- error messages that name options ----------------------------------------------------------------------

#: What each of evaluate()'s keywords is called on the command line.
_OPTION_NAMES = {
    "taken_on": "--taken-on",
    "specialty": "--specialty",
    "applicant": "--applicant",
    "program_tier": "--program-tier",
    "attempts_used": "--attempts-used",
    "edition": "--edition",
    "norms": "--norms",
    "match_year": "--match-year",
}
_LOCATION = re.compile(r"((?:(?:row|item) [^:]{1,40}: )*)(.*)", re.DOTALL)


def _worded(error: Exception, names: Mapping[str, str]) -> str:
    """The error's message with Python keywords replaced by what the user typed (``--taken-on``, a column).

    The field comes from the error's ``field`` attribute when it has one, otherwise from the
    message's first word (after any ``row N:`` location); a keyword with an underscore is
    replaced anywhere (``taken_on`` is never English).
    """
    # evaluate_frame says "fixed taken_on: " before a bad value given for every row; here an option gave it.
    message = re.sub(r"^fixed [a-z_]+: ", "", str(error))
    match = _LOCATION.fullmatch(message)
    where, text = (match.group(1), match.group(2)) if match else ("", message)
    field = getattr(error, "field", None)
    leading = re.match(r"([a-z_]+)\b", text)
    if isinstance(field, str) and field in names and text.startswith(field):
        text = names[field] + text[len(field) :]
    elif leading and leading.group(1) in names:
        text = names[leading.group(1)] + text[leading.end() :]
    for keyword, name in names.items():
        if "_" in keyword:
            text = re.sub(rf"(?<![\w'-]){re.escape(keyword)}\b", name, text)  # not one already quoted
    return where + text


# --- reading options ---------------------------------------------------------------------------------------


def _score(text: str) -> int | float:
    """A score as typed: plain ASCII digits (``250``, ``250.0``); other digits and words are refused."""
    value = _cell_value(text) if len(text) <= _NUMBER_TEXT_LIMIT else text
    if isinstance(value, int | float):
        return value
    msg = f"score must be an integer from 1 to 300, got {bounded_repr(text)}"
    raise _UsageError(msg)


def _whole_number(text: str | None, option: str, rule: str) -> int | None:
    if text is None:
        return None
    value = _cell_value(text) if len(text) <= _NUMBER_TEXT_LIMIT else text
    if isinstance(value, int):
        return value
    msg = f"{option} must be {rule}, got {bounded_repr(text)}"
    raise _UsageError(msg)


#: Digits a number typed on the command line may have (a score has three).
_NUMBER_TEXT_LIMIT = 20


def _edition(args: argparse.Namespace) -> BenchmarkEdition | None:
    """The edition ``--edition`` names: a packaged key, or a file loaded with ``--match-year``."""
    year = _whole_number(args.match_year, "--match-year", "a year such as 2025")
    keys = {name.casefold(): e for e in benchmark_editions() for name in (e.key, e.name)}
    packaged = None if args.edition is None else keys.get(args.edition.casefold())
    if year is not None and (args.edition is None or packaged is not None):
        msg = "--match-year only applies to an --edition file; give --edition FILE or leave --match-year out"
        raise _UsageError(msg)
    if args.edition is None or packaged is not None:
        return packaged
    looks_like_file = args.edition.casefold().endswith((".csv", ".toml")) or os.path.sep in args.edition
    if not (looks_like_file or os.path.exists(args.edition)):
        known = ", ".join(e.key for e in benchmark_editions())
        msg = f"--edition must be a packaged edition ({known}) or a CSV or TOML file, got {args.edition!r}"
        raise _UsageError(msg)
    if year is None:
        msg = (
            "--match-year is needed with an --edition file (the Match its figures describe), "
            f"got --edition {args.edition!r}"
        )
        raise _UsageError(msg)
    return load_edition(args.edition, match_year=year)


def _norms(name: str | None) -> NormTable | NormalApproximation | None:
    if name is None:
        return None
    try:
        return norms_named(name)
    except UnknownDatasetError as error:
        msg = re.sub(r"^norms\b", "--norms", str(error))
        raise _UsageError(msg) from None


# --- writing -----------------------------------------------------------------------------------------------


def escape_formula(cell: object, /) -> object:
    r"""A CSV cell made safe to open in a spreadsheet (OWASP's CSV-injection rule).

    Text that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
    leading single quote, so a spreadsheet shows it rather than running it as a formula.
    Numbers, and text that is a plain number (``-6``, ``+1.5``), are left as they are.

    Args:
        cell: One cell's value.

    Returns:
        The value to write.

    >>> escape_formula("=1+2"), escape_formula("@SUM(A1)"), escape_formula("-6"), escape_formula("-2+cmd")
    ("'=1+2", "'@SUM(A1)", '-6', "'-2+cmd")
    >>> escape_formula(-6), escape_formula("Dermatology")
    (-6, 'Dermatology')
    """
    if isinstance(cell, str) and cell.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def _csv_text(header: Sequence[str], rows: Sequence[Sequence[object]], *, escape: bool) -> str:
    r"""CSV with ``\n`` line ends; a row with a bare ``\r`` in a cell is written with every cell quoted.

    The csv module quotes a cell holding ``\n`` but not one holding only ``\r``, which a
    spreadsheet would read as a line end: the rest of the cell would start a row of its own,
    unescaped.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    quoted = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    clean = escape_formula if escape else (lambda cell: cell)
    for row in ([clean(name) for name in header], *([clean("" if _is_missing(c) else c) for c in r] for r in rows)):
        (quoted if any(isinstance(cell, str) and "\r" in cell for cell in row) else writer).writerow(row)
    return buffer.getvalue()


def _is_missing(cell: object) -> bool:
    return (
        cell is None or (isinstance(cell, float) and math.isnan(cell)) or type(cell).__name__ in {"NAType", "NaTType"}
    )


def wrap_report(text: str, /, width: int) -> str:
    """Wrap a report to ``width`` columns, breaking only at spaces and keeping each line's hanging indentation.

    A line that starts with a label (``  Result:     ``) or a bullet (``    - ``) continues
    under the text after it. A word longer than the line is left whole.

    Args:
        text: The report, one item per line.
        width: The number of columns, at least 20.

    Returns:
        The wrapped report.

    >>> print(wrap_report("  Result:     PASS (minimum 218 for exams taken on or after 2025-07-01)", 40))
      Result:     PASS (minimum 218 for
                  exams taken on or after
                  2025-07-01)
    """
    width = max(width, 20)
    lines: list[str] = []
    for line in text.splitlines():
        if len(line) <= width:
            lines.append(line)
            continue
        lead = re.match(r"\s*(?:- |[A-Za-z][A-Za-z ]*:\s+)?", line)
        prefix = lead.group(0) if lead else ""
        if len(prefix) > width // 2:
            prefix = line[: len(line) - len(line.lstrip())]
        wrapper = textwrap.TextWrapper(
            width=width,
            initial_indent=prefix,
            subsequent_indent=" " * len(prefix),
            break_long_words=False,
            break_on_hyphens=False,
        )
        lines.extend(wrapper.wrap(line[len(prefix) :]) or [line])
    return "\n".join(lines)


def _terminal_width() -> int:
    return shutil.get_terminal_size((80, 24)).columns


def _silence_stdout() -> None:
    """Point standard output at the null device, so the interpreter's last flush cannot fail again."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


def _write(text: str, path: str | None) -> None:
    """Write ``text`` to ``path`` or, for ``None`` or ``-``, to standard output; any failure is a _UsageError."""
    if path is None or path == "-":
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:
            _silence_stdout()
            msg = "standard output was closed before everything was written (broken pipe)"
            raise _UsageError(msg) from None
        except OSError as error:
            _silence_stdout()
            msg = f"cannot write to standard output: {error.strerror or error}"
            raise _UsageError(msg) from None
        return
    try:
        with open(path, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
    except OSError as error:
        msg = f"cannot write --output {path!r}: {error.strerror or error}"
        raise _UsageError(msg) from None


@attrs.frozen
class _Done:
    """What a command produced: the text to write, where, and whether a score failed."""

    text: str
    output: str | None = None
    failed: bool = False
    strict: bool = False


# --- one score ---------------------------------------------------------------------------------------------


def _score_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="step2score",
        description="Interpret a USMLE Step 2 CK score: pass/fail by test date, tier, percentile, specialty target.",
        epilog=_COMMANDS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("score", help="the three-digit score, an integer from 1 to 300")
    _profile_options(parser, every_row="")
    _data_options(parser)
    _output_options(parser, default_format="text, wrapped to the terminal's width")
    parser.add_argument("--json", action="store_true", help="the same as --format json")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def _one_score(argv: Sequence[str]) -> _Done:
    args = _score_parser().parse_args(argv)
    chosen = "json" if args.json and args.format is None else (args.format or "text")
    if args.json and chosen != "json":
        msg = f"--json and --format {chosen} ask for different things; give one"
        raise _UsageError(msg)
    attempts = _whole_number(args.attempts_used, "--attempts-used", "an integer from 1 to 99")
    edition = _edition(args)
    norms = _norms(args.norms)
    evaluation = evaluate(
        _score(args.score),
        taken_on=args.taken_on,
        specialty=args.specialty,
        applicant=args.applicant,
        program_tier=args.program_tier,
        edition=edition,
        target_policy=args.target_policy,
        norms=norms,
        attempts_used=attempts,
    )
    if chosen == "json":
        text = evaluation.to_json(indent=2) + "\n"
    elif chosen == "csv":
        text = _one_score_csv(evaluation, args, edition, norms)
    else:
        text = wrap_report(evaluation.report(), _terminal_width()) + "\n"
    return _Done(text, args.output, failed=not evaluation.passed, strict=args.fail_exit_code)


def _one_score_csv(
    evaluation: Evaluation,
    args: argparse.Namespace,
    edition: BenchmarkEdition | None,
    norms: NormTable | NormalApproximation | None,
) -> str:
    """The batch command's columns for one score: the same engine, one row."""
    pd = _pandas("--format csv")
    fixed: dict[str, object] = {"taken_on": evaluation.taken_on}
    for field in ("specialty", "applicant", "program_tier"):
        if getattr(args, field) is not None:
            fixed[field] = getattr(args, field)
    if args.attempts_used is not None:
        fixed["attempts_used"] = _whole_number(args.attempts_used, "--attempts-used", "an integer from 1 to 99")
    frame = pd.DataFrame({"score": [evaluation.score.value]})
    results = evaluate_frame(
        frame, score="score", fixed=fixed, edition=edition, norms=norms, target_policy=args.target_policy
    )
    return _frame_csv(results, escape=args.escape_formulas)


# --- batch -------------------------------------------------------------------------------------------------


@attrs.frozen
class _Field:
    """One per-row input of a batch: its options and the column names it is recognised by."""

    name: str
    column_option: str
    value_option: str | None
    words: str
    aliases: frozenset[str]
    hints: tuple[str, ...]


def _field(name: str, column_option: str, value_option: str | None, words: str, *, aliases: str, hints: str) -> _Field:
    return _Field(name, column_option, value_option, words, frozenset(aliases.split()), tuple(hints.split()))


#: The inputs, the usual names of their columns (compared without case, spaces or punctuation), and the
#: fragments that make an unused column look like one of them.
_FIELDS = (
    _field(
        "score",
        "--score-column",
        None,
        "the score",
        aliases="score step2 step2ck step2score step2ckscore usmlestep2 usmlestep2ck usmlestep2score "
        "usmlestep2ckscore ckscore",
        hints="score step2 usmle",
    ),
    _field(
        "taken_on",
        "--date-column",
        "--taken-on",
        "the test date",
        aliases="takenon date testdate examdate testday examday datetaken dateofexam dateoftest step2date "
        "step2ckdate step2testdate step2examdate testedon",
        hints="date taken tested when day",
    ),
    _field(
        "specialty",
        "--specialty-column",
        "--specialty",
        "the specialty",
        aliases="specialty speciality targetspecialty intendedspecialty preferredspecialty specialtychoice",
        hints="special",
    ),
    _field(
        "applicant",
        "--applicant-column",
        "--applicant",
        "the applicant type",
        aliases="applicant applicanttype applicantgroup applicantcategory",
        hints="applicant img",
    ),
    _field(
        "program_tier",
        "--program-tier-column",
        "--program-tier",
        "the program tier",
        aliases="programtier programlevel targettier programtype",
        hints="program",
    ),
    _field(
        "attempts_used",
        "--attempts-column",
        "--attempts-used",
        "the attempts used",
        aliases="attemptsused attempts attempt attemptnumber numberofattempts attemptsmade tries",
        hints="attempt tries",
    ),
)
_BY_NAME = {f.name: f for f in _FIELDS}
#: What ``--columns`` accepts before each ``=`` (compared like column names).
_COLUMNS_KEYS = {
    "score": "score",
    "takenon": "taken_on",
    "date": "taken_on",
    "testdate": "taken_on",
    "specialty": "specialty",
    "applicant": "applicant",
    "programtier": "program_tier",
    "attemptsused": "attempts_used",
    "attempts": "attempts_used",
}


def _plain(name: object) -> str:
    """A column name compared without case, spaces or punctuation: ``Step 2 CK`` -> ``step2ck``."""
    return "".join(c for c in unicodedata.normalize("NFKC", str(name)).casefold() if c.isalnum())


def _batch_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="step2score batch",
        description="Evaluate every row of a CSV file, one student per row. The input columns are kept as they are "
        "and the results follow them; a result column whose name an input column already has is written as "
        "result_NAME. Columns are found by their usual names, compared without case, spaces or punctuation "
        "(score: score, step2, Step 2 CK, step2_score ...; test date: taken_on, test_date, date, Exam Date ...; "
        "specialty; applicant; program_tier; attempts_used or attempts), or named with the options below. "
        "A column that looks like an input but is not used gets a warning on standard error; the command "
        "refuses (status 2) when the test date would default to today while such a column is present, or "
        "when two columns could be the same input. Rows are counted from 1, the header not counted.",
        epilog=_COMMANDS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", help="the CSV file, one student per row; '-' reads standard input")
    columns = parser.add_argument_group("columns (names are matched without case, spaces or punctuation)")
    for field in _FIELDS:
        columns.add_argument(field.column_option, metavar="COLUMN", help=f"the column of {field.words}")
    columns.add_argument("--taken-on-column", dest="date_column", metavar="COLUMN", help="the same as --date-column")
    columns.add_argument(
        "--columns",
        metavar="FIELD=COLUMN,...",
        help="several at once, e.g. score=step2,taken_on=test_date,specialty=Aim; "
        "fields: score, taken_on (or date), specialty, applicant, program_tier, attempts_used (or attempts)",
    )
    fixed = parser.add_argument_group("values for every row (instead of a column)")
    _profile_options(fixed, every_row=" for every row")  # type: ignore[arg-type]
    _data_options(parser)
    _output_options(parser, default_format="csv")
    parser.add_argument(
        "--errors",
        choices=["raise", "coerce"],
        default="raise",
        help="raise: stop at the first invalid row (default); coerce: leave its results empty and say why "
        "in an 'error' column",
    )
    return parser


def _explicit_columns(args: argparse.Namespace) -> dict[str, str]:
    """The columns named by options: ``--score-column`` ... and ``--columns``."""
    named: dict[str, str] = {}
    for field in _FIELDS:
        value = getattr(args, field.column_option.removeprefix("--").replace("-", "_"))
        if value is not None:
            named[field.name] = value
    for pair in filter(None, (args.columns or "").split(",")):
        key, sep, column = pair.partition("=")
        name = _COLUMNS_KEYS.get(_plain(key))
        if not sep or not column.strip() or name is None:
            msg = (
                "--columns must be FIELD=COLUMN pairs separated by commas, FIELD one of score, taken_on, "
                f"specialty, applicant, program_tier, attempts_used, got {pair!r}"
            )
            raise _UsageError(msg)
        if name in named:
            msg = f"{_BY_NAME[name].words} is named twice ({named[name]!r} and {column.strip()!r}); give one"
            raise _UsageError(msg)
        named[name] = column.strip()
    return named


def _find_column(columns: Sequence[str], wanted: str, option: str, source: str) -> str:
    if wanted in columns:
        return wanted
    same = [c for c in columns if _plain(c) == _plain(wanted)]
    if len(same) == 1:
        return same[0]
    close = difflib.get_close_matches(wanted, columns, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    msg = f"{option}: {source} has no column {wanted!r}{hint} (its columns: {', '.join(map(repr, columns))})"
    raise _UsageError(msg)


@attrs.frozen
class _Mapping:
    """Which column each input is read from, the values fixed for every row, and warnings to print."""

    columns: dict[str, str]
    fixed: dict[str, object]
    warnings: tuple[str, ...]


def _map_columns(frame_columns: Sequence[str], args: argparse.Namespace, source: str) -> _Mapping:
    fixed = _fixed_values(args)
    explicit = _explicit_columns(args)
    chosen: dict[str, str] = {}
    for name, wanted in explicit.items():
        field = _BY_NAME[name]
        if name in fixed:
            msg = f"{field.column_option} {wanted!r} and {field.value_option} both give {field.words}; give one"
            raise _UsageError(msg)
        chosen[name] = _find_column(frame_columns, wanted, field.column_option, source)
    for field in _FIELDS:
        if field.name in chosen or field.name in fixed:
            continue
        found = [c for c in frame_columns if _plain(c) in field.aliases and c not in chosen.values()]
        if len(found) > 1:
            msg = (
                f"columns {' and '.join(map(repr, found))} could each be {field.words}; "
                f"choose one with {field.column_option}"
            )
            raise _UsageError(msg)
        if found:
            chosen[field.name] = found[0]
    twice = [c for c in set(chosen.values()) if list(chosen.values()).count(c) > 1]
    if twice:
        msg = f"column {twice[0]!r} is named for more than one input; name each input's own column"
        raise _UsageError(msg)
    if "score" not in chosen:
        msg = (
            f"{source} has no score column: name it with --score-column "
            f"(its columns: {', '.join(map(repr, frame_columns))})"
        )
        raise _UsageError(msg)
    return _Mapping(chosen, fixed, _unused(frame_columns, chosen, fixed))


def _fixed_values(args: argparse.Namespace) -> dict[str, object]:
    fixed: dict[str, object] = {
        name: getattr(args, name)
        for name in ("taken_on", "specialty", "applicant", "program_tier")
        if getattr(args, name) is not None
    }
    attempts = _whole_number(args.attempts_used, "--attempts-used", "an integer from 1 to 99")
    if attempts is not None:
        fixed["attempts_used"] = attempts
    return fixed


def _unused(frame_columns: Sequence[str], chosen: Mapping[str, str], fixed: Mapping[str, object]) -> tuple[str, ...]:
    """Warnings for columns that look like inputs but are not read; refuse if the date would silently be today."""
    used = set(chosen.values())
    warnings = []
    for column in frame_columns:
        if column in used:
            continue
        plain = _plain(column)
        for field in _FIELDS:
            if plain in field.aliases or any(hint in plain for hint in field.hints):
                if field.name == "taken_on" and "taken_on" not in chosen and "taken_on" not in fixed:
                    msg = (
                        f"column {column!r} looks like the test date but is not read, and without a test date "
                        "every row would be judged by the passing standard in force today; "
                        f"name it with --date-column {column!r}, or give --taken-on YYYY-MM-DD for every row"
                    )
                    raise _UsageError(msg)
                given = f"; {field.value_option} gives every row {fixed[field.name]!r}" if field.name in fixed else ""
                warnings.append(
                    f"column {column!r} looks like {field.words} but is not read{given}; "
                    f"to read it, give {field.column_option} {column!r}"
                )
                break
    if "taken_on" not in chosen and "taken_on" not in fixed:
        today = dt.date.today().isoformat()  # noqa: DTZ011 - a test date is a calendar day
        warnings.append(
            f"no test-date column and no --taken-on: every row is judged by the passing standard in force "
            f"today, {today}"
        )
    return tuple(warnings)


def _pandas(what: str) -> Any:  # noqa: ANN401 - the pandas module
    try:
        return importlib.import_module("pandas")
    except ImportError:
        msg = f"{what} needs pandas, which is not installed: install step2score with its pandas extra"
        raise _UsageError(msg) from None


@attrs.frozen
class _Input:
    """The CSV as read for evaluation (types inferred) and as written back (every cell's text as it was)."""

    frame: pd.DataFrame
    text: pd.DataFrame


def _read_input(path: str) -> _Input:
    """The class table: every cell's text, and the same cells as evaluation reads them.

    A CSV cell is text: a cell of plain ASCII digits (``250``, ``250.0``) is read as a number,
    each cell on its own, and any other text is left for the readers to refuse with their own
    message, so one bad cell fails its row only. A row with more or fewer fields than the
    header is refused rather than shifted.
    """
    pd = _pandas("step2score batch")
    source = "standard input" if path == "-" else path
    try:
        if path == "-":
            raw = getattr(sys.stdin, "buffer", None)  # read bytes when there are any, so the encoding is UTF-8
            content = raw.read().decode("utf-8-sig") if raw is not None else sys.stdin.read().removeprefix("\ufeff")
        else:
            content = read_limited(Path(path), limit=MAX_BATCH_BYTES).decode("utf-8-sig")
        _check_rectangular(content, source)
        text = pd.read_csv(io.StringIO(content), dtype=str, keep_default_na=False, index_col=False)
    except DataFileError as error:
        raise _UsageError(str(error)) from None
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeError) as error:
        msg = f"{source}: cannot be read as CSV: {error}"
        raise _UsageError(msg) from None
    text.index = pd.RangeIndex(1, len(text) + 1)
    frame = text.apply(lambda column: column.map(_cell_value)).astype(object)
    return _Input(frame, text)


#: The largest class table the command line reads (a million students take about 40 MB).
MAX_BATCH_BYTES = 1 << 30
_NUMBER_CELL = re.compile(r"[+-]?[0-9]+(\.[0-9]*)?")


def _cell_value(cell: str) -> object:
    """A cell as evaluation reads it: blank is missing, plain ASCII digits a number, anything else its text."""
    stripped = cell.strip()
    if not stripped:
        return None
    if len(stripped) <= _NUMBER_TEXT_LIMIT and _NUMBER_CELL.fullmatch(stripped):  # as an option's number is read
        return int(stripped) if stripped.lstrip("+-").isdigit() else float(stripped)
    return cell


def _check_rectangular(content: str, source: str) -> None:
    r"""Refuse a row whose field count differs from the header's, or text the csv module cannot read, in one line.

    Rows count from 1 after the header and blank lines are not counted, as in every other
    message (the rows evaluated). ``\r``, ``\n`` and ``\r\n`` all end a line.
    """
    reader = csv.reader(io.StringIO(content, newline=""))
    number = 0
    try:
        header = next(reader, None)
        if header is None:
            return
        for fields in reader:
            if not fields:
                continue
            number += 1
            if len(fields) != len(header):
                more = "more" if len(fields) > len(header) else "fewer"
                msg = (
                    f"{source}, row {number}: {more} fields ({len(fields)}) than the header has columns ({len(header)})"
                )
                raise _UsageError(msg)
    except csv.Error as error:
        where = "the header" if number == 0 and reader.line_num <= 1 else f"line {reader.line_num}"
        msg = f"{source}, {where}: cannot be read as CSV: {error}"
        raise _UsageError(msg) from None


def _batch(argv: Sequence[str]) -> _Done:
    args = _batch_parser().parse_args(argv)
    given = _read_input(args.file)
    frame = given.frame
    source = "standard input" if args.file == "-" else repr(args.file)
    mapping = _map_columns([str(c) for c in frame.columns], args, source)
    for warning in mapping.warnings:
        print(f"step2score batch: warning: {_one_line(warning)}", file=sys.stderr)
    names = dict(_OPTION_NAMES) | {name: f"column {column!r}" for name, column in mapping.columns.items()}
    try:
        results = evaluate_frame(
            frame,
            score=mapping.columns["score"],
            taken_on=mapping.columns.get("taken_on"),
            specialty=mapping.columns.get("specialty"),
            applicant=mapping.columns.get("applicant"),
            program_tier=mapping.columns.get("program_tier"),
            attempts_used=mapping.columns.get("attempts_used"),
            fixed=mapping.fixed,
            edition=_edition(args),
            norms=_norms(args.norms),
            target_policy=args.target_policy,
            errors=args.errors,
        )
    except Step2ScoreError as error:
        raise _UsageError(_worded(error, names)) from None
    if "error" in results.columns:
        results["error"] = results["error"].map(lambda m: m if _is_missing(m) else _worded(Exception(m), names))
    failed = bool((results["passed"] == False).fillna(value=False).any())  # noqa: E712 - a nullable boolean column
    text = _batch_text(given, results, args, mapping)
    return _Done(text, args.output, failed=failed, strict=args.fail_exit_code)


def _combine(frame: pd.DataFrame, results: pd.DataFrame) -> pd.DataFrame:
    """The input columns unchanged, then the results; a result named like an input column becomes ``result_NAME``."""
    import pandas as pd  # noqa: PLC0415 - optional extra; _read_input has checked it is there

    renamed = {}
    for column in results.columns:
        if column in frame.columns:
            new = f"result_{column}"
            if new in frame.columns:
                msg = f"the input has columns {column!r} and {new!r}, so the result {column!r} has no free name"
                raise _UsageError(msg)
            renamed[column] = new
    return pd.concat([frame, results.rename(columns=renamed)], axis=1)


def _batch_text(given: _Input, results: pd.DataFrame, args: argparse.Namespace, mapping: _Mapping) -> str:
    chosen = args.format or "csv"
    if chosen == "csv":
        return _frame_csv(_combine(given.text, results), escape=args.escape_formulas)
    if chosen == "json":
        return _frame_json(_combine(given.frame.convert_dtypes(), results))
    labels = [c for c in given.text.columns if c not in mapping.columns.values()]
    wrapper = textwrap.TextWrapper(
        width=max(_terminal_width(), 20), subsequent_indent="    ", break_long_words=False, break_on_hyphens=False
    )
    lines = [
        "\n".join(wrapper.wrap(f"{_row_label(offset, given.text.iloc[offset - 1], labels)}: {_row_summary(row)}"))
        for offset, (_, row) in enumerate(results.iterrows(), start=1)
    ]
    return "".join(line + "\n" for line in lines)


def _row_label(position: object, row: pd.Series, labels: Sequence[str]) -> str:
    if labels and row[labels[0]]:
        return f"row {position} ({row[labels[0]]})"
    return f"row {position}"


def _row_summary(row: pd.Series) -> str:
    if "error" in row.index and not _is_missing(row["error"]):
        return f"error: {row['error']}"
    if _is_missing(row["score"]):
        return "no score"
    verdict = "PASS" if row["passed"] else "FAIL"
    parts = [
        f"{row['score']} taken on {row['taken_on']:%Y-%m-%d}: {verdict} (minimum {row['minimum']}, "
        f"margin {row['margin']:+d}), tier {row['tier']}, percentile {row['percentile']}"
    ]
    if not _is_missing(row["specialty"]) and not _is_missing(row["target_low"]):
        target = f"{row['target_low']}" + (
            f" to {row['target_high']}" if row["target_high"] != row["target_low"] else ""
        )
        parts.append(f"{row['specialty']} target {target}, gap {row['gap']:+d}")
    return "; ".join(parts)


def _frame_csv(frame: pd.DataFrame, *, escape: bool) -> str:
    rows = [[_date_text(cell) for cell in row] for row in frame.itertuples(index=False)]
    return _csv_text([str(c) for c in frame.columns], rows, escape=escape)


def _date_text(cell: object) -> object:
    if isinstance(cell, dt.datetime) and cell == dt.datetime.combine(cell.date(), dt.time(), cell.tzinfo):
        return cell.date().isoformat()
    return cell


def _frame_json(frame: pd.DataFrame) -> str:
    records = [
        {str(k): _json_cell(v) for k, v in zip(frame.columns, row, strict=True)}
        for row in frame.itertuples(index=False)
    ]
    return json.dumps(records, indent=2, ensure_ascii=False) + "\n"


def _json_cell(cell: object) -> object:
    if _is_missing(cell):
        return None
    cell = _date_text(cell)
    if hasattr(cell, "item"):  # a numpy scalar
        return cell.item()
    if isinstance(cell, bool | int | float | str):
        return cell
    return str(cell)


# --- lists -------------------------------------------------------------------------------------------------


def _list_specialties(argv: Sequence[str]) -> _Done:
    parser = _Parser(prog="step2score specialties", description="List the specialties and their benchmarks.")
    _data_options(parser)
    parser.add_argument("--output", "-o", metavar="PATH", help="where to write ('-' or left out: standard output)")
    args = parser.parse_args(argv)
    edition = _edition(args) or benchmark_editions()[0]
    aliases = specialty_aliases()
    others = ", ".join(e.key for e in benchmark_editions() if e.key != edition.key)
    lines = [f"{edition.name}: {edition.statistic.value}s of {edition.cohort}; other editions: {others}"]
    for row in edition:
        short = ", ".join(aliases.get(row.specialty, ()))
        lines.append(f"  {row.value}  {row.specialty}" + (f"  (also: {short})" if short else ""))
    return _Done("\n".join(lines) + "\n", args.output)


def _list_standards(argv: Sequence[str]) -> _Done:
    parser = _Parser(
        prog="step2score standards",
        description="List the passing standards by test date, and the dated changes to the exam.",
    )
    parser.add_argument("--output", "-o", metavar="PATH", help="where to write ('-' or left out: standard output)")
    args = parser.parse_args(argv)
    lines = [f"  {standard.describe()}  [{standard.source.confidence.value}]" for standard in default_standards()]
    lines += ["", "Dated changes to the exam (the standard unchanged):"]
    lines += [f"  {change.describe()}  [{change.source.confidence.value}]" for change in exam_changes()]
    return _Done("\n".join(lines) + "\n", args.output)


def _list_status(argv: Sequence[str]) -> _Done:
    parser = _Parser(
        prog="step2score status",
        description="List every packaged dataset with its edition or cohort, as-of date, sources and confidence.",
    )
    parser.add_argument("--output", "-o", metavar="PATH", help="where to write ('-' or left out: standard output)")
    args = parser.parse_args(argv)
    blocks = []
    for item in data_status():
        sources = "".join(f"\n      source: {source.title} <{source.url}>" for source in item.sources)
        blocks.append(
            f"{item.dataset}\n      {item.edition}\n      as of: {item.as_of}; confidence: {item.confidence}; "
            f"file: {item.file}{sources}"
        )
    return _Done("\n".join(blocks) + "\n", args.output)


def _print_schema(argv: Sequence[str]) -> _Done:
    parser = _Parser(prog="step2score schema", description="Print the JSON Schema of 'step2score SCORE --format json'.")
    parser.add_argument("--output", "-o", metavar="PATH", help="where to write ('-' or left out: standard output)")
    args = parser.parse_args(argv)
    return _Done(json.dumps(generate_evaluation_schema(), indent=2) + "\n", args.output)


_COMMANDS: dict[str, Callable[[Sequence[str]], _Done]] = {
    "batch": _batch,
    "specialties": _list_specialties,
    "standards": _list_standards,
    "status": _list_status,
    "schema": _print_schema,
}


def _fail(message: str) -> int:
    with contextlib.suppress(OSError):
        print(f"step2score: error: {_one_line(message)}", file=sys.stderr)
    return EXIT_USAGE


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status.

    Args:
        argv: The arguments after the program's name; ``sys.argv[1:]`` by default.

    Returns:
        0 when done; 1 when ``--fail-exit-code`` is given and a score fails; 2 for bad
        input, an unreadable file or output that cannot be written (one line on standard error).

    >>> main(["247", "--taken-on", "2025-09-15", "--format", "json"]) == 0  # doctest: +ELLIPSIS
    {
      ...
    True
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        command = _COMMANDS.get(arguments[0]) if arguments else None
        done = command(arguments[1:]) if command else _one_score(arguments)
        _write(done.text, done.output)
    except Step2ScoreError as error:
        return _fail(_worded(error, _OPTION_NAMES))
    except _UsageError as error:
        return _fail(str(error))
    except BrokenPipeError:
        _silence_stdout()
        return _fail("standard output was closed before everything was written (broken pipe)")
    except KeyboardInterrupt:
        _fail("interrupted")
        return EXIT_INTERRUPTED
    return EXIT_FAILED if done.strict and done.failed else 0
