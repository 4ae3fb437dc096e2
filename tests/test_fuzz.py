"""One fuzz test per constructor not fuzzed beside its other tests: any input succeeds or raises only the documented errors."""

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from step2score import (
    AttemptPolicy,
    BenchmarkEdition,
    InvalidTypeError,
    InvalidValueError,
    NormalApproximation,
    Source,
    TargetPolicy,
    default_target_policy,
)
from tests import strategies

DOCUMENTED = (InvalidValueError, InvalidTypeError)
SOURCE = Source("A test source", "https://example.org", "official")


@given(strategies.ANYTHING, strategies.ANYTHING, strategies.ANYTHING)
def test_source(title: Any, url: Any, confidence: Any) -> None:
    """A Source is built from non-blank text and a confidence word, or refused with a named field."""
    try:
        source = Source(title, url, confidence)
    except DOCUMENTED as error:
        assert str(error).startswith(("title must", "urls must", "confidence must"))
    else:
        assert source.title.strip()
        assert source.url.strip()


@given(
    strategies.ANYTHING,
    strategies.ANYTHING,
    strategies.ANYTHING,
    strategies.ANYTHING | st.sampled_from(["q1", "median", "q3"]),
)
def test_target_policy(buffer: Any, offset: Any, do_buffer: Any, point: Any) -> None:
    """A TargetPolicy takes ordered non-negative buffers, points and offsets that never fall, or is refused."""
    policy = default_target_policy()
    try:
        built = TargetPolicy(
            buffer,
            policy.img_buffer_source,
            policy.prestige_source,
            top_point=point,
            community_offset=-5,
            academic_offset=0,
            top_offset=offset,
            do_buffer=do_buffer,
        )
    except DOCUMENTED as error:
        assert str(error).startswith(
            ("img_buffer must", "top_offset must", "do_buffer must", "prestige offsets", "point must", "give all three")
        )
    else:
        assert 0 <= built.img_buffer[0] <= built.img_buffer[1]
        assert built.top_offset is not None
        assert built.top_offset >= 0


@given(strategies.ANYTHING, strategies.ANYTHING)
def test_normal_approximation(mean: Any, sd: Any) -> None:
    """A NormalApproximation takes a mean on the scale and a positive SD, or is refused."""
    try:
        approximation = NormalApproximation("cohort", mean, sd, SOURCE)
    except DOCUMENTED as error:
        assert str(error).startswith(("mean must", "sd must"))
    else:
        assert approximation.sd > 0


@given(strategies.ANYTHING, strategies.ANYTHING)
def test_attempt_policy(limit: Any, applies_from: Any) -> None:
    """An AttemptPolicy takes a positive limit and a date, or is refused."""
    try:
        policy = AttemptPolicy(limit, applies_from, SOURCE)
    except DOCUMENTED as error:
        assert str(error).startswith(("limit must", "applies_from must"))
    else:
        assert policy.limit >= 1


@given(strategies.ANYTHING, strategies.ANYTHING, strategies.ANYTHING)
def test_benchmark_edition(name: Any, match_year: Any, benchmarks: Any) -> None:
    """A BenchmarkEdition takes a name, a year and a sequence of benchmarks, or is refused."""
    try:
        edition = BenchmarkEdition(name, match_year, "cohort", benchmarks)
    except DOCUMENTED as error:
        assert str(error).startswith(("name must", "match_year must", "benchmarks"))
    else:
        assert len(edition) == len(benchmarks)


# --- Hardening: the readers under hostile input ------------------------------------------------------------------


@given(strategies.HOSTILE_VALUES)
def test_readers_refuse_hostile_values_with_short_typed_errors(value: Any) -> None:
    """Law: any input to a reader is read or refused with a typed error whose message stays short."""
    from step2score import ApplicantProfile, ProgramTier, ScaledScore, Step2ScoreError, Tier, standard_on  # noqa: PLC0415

    for read in (
        ScaledScore,
        standard_on,
        Tier.parse,
        ProgramTier.parse,
        lambda v: ApplicantProfile(specialty=v),
        lambda v: ApplicantProfile(applicant=v),
    ):
        try:
            read(value)
        except Step2ScoreError as error:
            assert isinstance(error, (*DOCUMENTED, LookupError))
            assert len(str(error)) < 400
            assert error.field


@given(strategies.DATE_LIKE_TEXTS)
def test_dates_are_read_only_in_calendar_form(text: str) -> None:
    """Law: a text is read as a date exactly when, stripped, it is YYYY-MM-DD and a real day; the date is that day."""
    import datetime as dt  # noqa: PLC0415
    import re  # noqa: PLC0415

    from step2score._validate import as_date  # noqa: PLC0415

    stripped = text.strip()
    try:
        expected: dt.date | None = dt.date.fromisoformat(stripped)
    except ValueError:
        expected = None
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", stripped):
        expected = None
    try:
        read = as_date(text, field="taken_on")
    except InvalidValueError as error:
        assert expected is None
        assert str(error).startswith("taken_on must be a date written YYYY-MM-DD, got ")
    else:
        assert read == expected


@given(strategies.ANY_NAMES)
def test_name_key_is_latin_or_refused(name: str) -> None:
    """Law: a name's key holds only a-z and 0-9 and is its own key; otherwise the name is refused naming its field."""
    from step2score._validate import name_key  # noqa: PLC0415

    try:
        key = name_key(name, field="specialty")
    except InvalidValueError as error:
        assert str(error).startswith(
            "specialty must be written in Latin letters, digits 0-9, spaces and punctuation, got "
        )
    else:
        assert set(key) <= set("abcdefghijklmnopqrstuvwxyz0123456789")
        assert name_key(key, field="specialty") == key


@given(st.lists(strategies.URL_TEXTS, min_size=1, max_size=4))
def test_links_are_only_http_urls(urls: list[str]) -> None:
    """Law: every link of a source is one of its addresses and an absolute http(s) URL with a host."""
    from urllib.parse import urlsplit  # noqa: PLC0415

    try:
        source = Source("t", urls, "official")
    except DOCUMENTED as error:
        assert str(error).startswith("url must")
        return
    for link in source.links:
        assert link in source.urls
        parts = urlsplit(link)
        assert parts.scheme in {"http", "https"}
        assert parts.netloc


# --- Issue 20, round 3: one fuzz test per public entry point ------------------------------------------------------
# Every parameter gets an argument of any Python type (or a valid one, so the later checks are reached too);
# the law: the call succeeds or raises a Step2ScoreError, never another exception.

import json  # noqa: E402 - the section's own imports
import re  # noqa: E402
from pathlib import Path  # noqa: E402

from step2score import (  # noqa: E402
    Evaluation,
    Step2ScoreError,
    compare_scores,
    evaluate,
    evaluate_frame,
    evaluate_many,
    evaluate_request,
    from_dict,
    load_edition,
    read_request,
    score_band,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"
_VALID: dict[str, st.SearchStrategy[Any]] = {
    "taken_on": st.sampled_from(["2025-09-15", "2022-01-03"]),
    "specialty": st.sampled_from(["derm", "IM", "Urology"]),
    "applicant": st.sampled_from(["us-md", "non-us-img", "do"]),
    "program_tier": st.sampled_from(["community", "top"]),
    "edition": st.sampled_from(["charting-outcomes-2024"]),
    "target_policy": st.sampled_from(["article", "own-group"]),
    "norms": st.sampled_from(["2017-2020", "2023-24"]),
    "attempts_used": st.integers(min_value=1, max_value=4),
    "applying_on": st.sampled_from(["2025-10-01"]),
    "sem": st.sampled_from([5, 6.5]),
}
_EVALUATE_KEYWORDS = (*_VALID, "standard", "standard_history", "tier_scheme", "profile")


def _argument(name: str) -> st.SearchStrategy[Any]:
    return (_VALID[name] | strategies.ANY_ARGUMENT) if name in _VALID else strategies.ANY_ARGUMENT


def _keywords(names: tuple[str, ...]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({}, optional={name: _argument(name) for name in names})


def _only_typed_errors(call: Any, *args: Any, **kwargs: Any) -> None:
    try:
        call(*args, **kwargs)
    except Step2ScoreError as error:
        assert isinstance(error, (ValueError, TypeError, LookupError))
        assert "\n" not in str(error)
        assert len(str(error)) <= 1500


@given(strategies.SCORE_VALUES | strategies.ANY_ARGUMENT, _keywords(_EVALUATE_KEYWORDS))
def test_evaluate_takes_anything(score: Any, keywords: dict[str, Any]) -> None:
    """Law: evaluate() with any argument for any parameter succeeds or raises a Step2ScoreError."""
    _only_typed_errors(evaluate, score, **keywords)


@given(
    strategies.SCORE_VALUES | strategies.ANY_ARGUMENT,
    strategies.SCORE_VALUES | strategies.ANY_ARGUMENT,
    _keywords(("sem",)),
)
def test_compare_scores_takes_anything(first: Any, second: Any, keywords: dict[str, Any]) -> None:
    """Law: compare_scores() with any arguments succeeds or raises a Step2ScoreError."""
    _only_typed_errors(compare_scores, first, second, **keywords)


@given(strategies.SCORE_VALUES | strategies.ANY_ARGUMENT, _keywords(("sem",)))
def test_score_band_takes_anything(score: Any, keywords: dict[str, Any]) -> None:
    """Law: score_band() with any arguments succeeds or raises a Step2ScoreError."""
    _only_typed_errors(score_band, score, **keywords)


@given(
    st.sampled_from([EXAMPLES / "our_school_2025.csv", str(EXAMPLES / "class_of_2026.csv")]) | strategies.ANY_ARGUMENT,
    st.fixed_dictionaries(
        {"match_year": st.just(2025) | strategies.ANY_ARGUMENT},
        optional=dict.fromkeys(("name", "cohort", "group"), strategies.ANY_ARGUMENT),
    ),
)
def test_load_edition_takes_anything(path: Any, keywords: dict[str, Any]) -> None:
    """Law: load_edition() with any path and arguments loads or raises a Step2ScoreError."""
    _only_typed_errors(load_edition, path, **keywords)


_DOCUMENT = evaluate(250, taken_on="2025-09-15", specialty="derm", attempts_used=1, applying_on="2025-10-01").to_dict()


@st.composite
def _documents(draw: st.DrawFn) -> Any:
    """A result document with one field replaced by anything, or anything at all."""
    if draw(st.booleans()):
        return draw(strategies.ANY_ARGUMENT)
    key = draw(st.sampled_from(sorted(_DOCUMENT)))
    return _DOCUMENT | {key: draw(strategies.ANY_ARGUMENT)}


@given(_documents())
def test_from_dict_takes_anything(document: Any) -> None:
    """Law: Evaluation.from_dict() and from_dict() rebuild any document or raise a Step2ScoreError."""
    _only_typed_errors(Evaluation.from_dict, document)
    _only_typed_errors(from_dict, Evaluation, document)


def _json_text(document: Any) -> str:
    """The document as JSON text, anything JSON cannot write as its text, cut anywhere in 20,000 characters."""
    try:
        return json.dumps(document, default=str)[:20_000]
    except (ValueError, RecursionError):  # a 5,000-digit integer, a document nested too deeply to write
        return "[" * 5_000


@given(strategies.ANY_ARGUMENT | st.text(max_size=40) | _documents().map(_json_text))
def test_from_json_takes_anything(text: Any) -> None:
    """Law: Evaluation.from_json() reads any text or bytes, or raises a Step2ScoreError."""
    _only_typed_errors(Evaluation.from_json, text)


@given(
    st.fixed_dictionaries(
        {"score": strategies.SCORE_VALUES | strategies.ANY_ARGUMENT},
        optional={
            name: _argument(name)
            for name in (
                "taken_on",
                "specialty",
                "applicant",
                "program_tier",
                "edition",
                "target_policy",
                "norms",
                "attempts_used",
                "applying_on",
                "schema_version",
                "extra",
            )
        },
    )
    | strategies.ANY_ARGUMENT
)
def test_read_request_takes_anything(request: Any) -> None:
    """Law: read_request() and evaluate_request() read any document or raise a Step2ScoreError."""
    _only_typed_errors(read_request, request)
    _only_typed_errors(evaluate_request, request)


_CLI_WORDS = st.sampled_from(
    [
        "batch",
        "specialties",
        "standards",
        "status",
        "schema",
        "250",
        "212",
        "-",
        "--",
        "--taken-on",
        "--specialty",
        "--applicant",
        "--program-tier",
        "--attempts-used",
        "--edition",
        "--match-year",
        "--norms",
        "--format",
        "json",
        "text",
        "--target-policy",
        "--errors",
        "raise",
        "--score-column",
        "--date-column",
        "--taken-on-column",
        "--fail-exit-code",
        "--strict",
        "--no-escape-formulas",
        "--columns",
        str(EXAMPLES / "class_of_2026.csv"),
        str(EXAMPLES / "our_school_2025.csv"),
        "2025-09-15",
        "derm",
        "step2",
    ]
)


def _word(value: object) -> str:
    """Any value as a word typed on a command line."""
    if isinstance(value, str):
        return value
    try:
        return str(value)[:50]
    except ValueError:  # an integer of more than 4,300 digits
        return "9" * 5_000


@given(st.lists(_CLI_WORDS | strategies.EVERY_SCALAR.map(_word), max_size=8))
def test_the_command_line_takes_anything(argv: list[str]) -> None:
    """Law: any arguments give status 0 or 1, or status 2 with one line on standard error; never a traceback."""
    import contextlib  # noqa: PLC0415
    import io  # noqa: PLC0415

    from step2score.cli import main  # noqa: PLC0415

    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main([word for word in argv if not word.startswith(("-o", "--o"))])  # never write a file
    except SystemExit as done:  # argparse: --help and --version (0), a usage error (2)
        status = done.code if isinstance(done.code, int) else 2
    assert status in {0, 1, 2}
    lines = err.getvalue().split("\n")
    assert lines.pop() == ""  # every line ends
    assert all(line.startswith("step2score") and ": warning: " in line for line in lines[:-1]), lines
    if status == 2:
        assert lines
        assert re.match(r"step2score( [a-z]+)?: error: ", lines[-1]), lines


_COLUMNS = st.sampled_from(
    ["specialty", "median", "mean", "value", "statistic", "q1", "q3", "matched_n", "not_matched_median", "sd",
     "source_title", "source_url", "confidence", "label", "cohort", "note", "x"]
)  # fmt: skip
_CELLS = st.one_of(
    st.sampled_from(["derm", "250", "240", "262", "30", "official", "https://x.example", "t", "median", ""]),
    st.text(max_size=12),
    st.integers().map(str),
    st.floats().map(str),
)
_TOML_VALUES = st.one_of(
    st.sampled_from(['"derm"', "250", "250.0", '"official"', '"https://x.example"', "true", "[1, 2]", "{a = 1}"]),
    st.sampled_from(["1979-05-27", "inf", "nan", "0x10", "1_000", "-5", '"\\u0430"', "9" * 5000]),
    st.integers().map(str),
    st.text(max_size=10).map(json.dumps),
)


@st.composite
def _edition_files(draw: st.DrawFn) -> tuple[str, str]:
    """A CSV or TOML file near an edition's shape: known columns, odd cells."""
    columns = draw(st.lists(_COLUMNS, min_size=1, max_size=7))
    rows = draw(st.lists(st.lists(_CELLS, min_size=len(columns), max_size=len(columns)), max_size=3))
    if draw(st.booleans()):
        lines = [",".join(columns), *(",".join(cell.replace(",", ";").replace("\n", " ") for cell in r) for r in rows)]
        return ".csv", "\n".join(lines) + "\n"
    tables = [
        "[[rows]]\n" + "".join(f"{name} = {draw(_TOML_VALUES)}\n" for name in dict.fromkeys(columns))
        for _ in range(len(rows) or 1)
    ]
    return ".toml", "".join(tables)


@given(_edition_files())
def test_load_edition_reads_any_file(file: tuple[str, str]) -> None:
    """Law: any CSV or TOML file near an edition's shape loads or raises a Step2ScoreError (a DataFileError or the like)."""
    import tempfile  # noqa: PLC0415

    suffix, text = file
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"ours{suffix}"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        _only_typed_errors(load_edition, path, match_year=2025)


_FRAME_COLUMNS = ("score", "taken_on", "specialty", "applicant", "program_tier", "attempts_used")
_FRAME_KEYWORDS = (
    *(name for name in _EVALUATE_KEYWORDS if name not in {"profile", "standard", "specialty", "applicant"}),
    "fixed",
    "errors",
)


@st.composite
def _frame_arguments(draw: st.DrawFn) -> tuple[Any, dict[str, Any]]:
    """A small frame of any cells (or anything in its place) and any keywords evaluate_frame takes."""
    import pandas as pd  # noqa: PLC0415

    rows = draw(st.integers(min_value=0, max_value=3))
    cells = st.one_of(_VALID["specialty"], _VALID["applicant"], st.integers(180, 300), strategies.ANY_ARGUMENT)
    frame = pd.DataFrame({name: [draw(cells) for _ in range(rows)] for name in _FRAME_COLUMNS}, dtype=object)
    keywords = draw(_keywords(_FRAME_KEYWORDS))
    for name in ("score", "taken_on", "specialty", "applicant"):
        if draw(st.booleans()):
            keywords[name] = draw(st.sampled_from([name, "missing"]) | strategies.ANY_ARGUMENT)
    return draw(st.just(frame) | strategies.ANY_ARGUMENT), keywords


@given(_frame_arguments())
def test_evaluate_frame_takes_anything(arguments: tuple[Any, dict[str, Any]]) -> None:
    """Law: evaluate_frame() with any frame and any argument for any parameter succeeds or raises a Step2ScoreError."""
    frame, keywords = arguments
    _only_typed_errors(evaluate_frame, frame, **keywords)


@given(
    st.lists(
        strategies.SCORE_VALUES | strategies.ANY_ARGUMENT | st.fixed_dictionaries({"score": strategies.ANYTHING}),
        max_size=4,
    )
    | strategies.ANY_ARGUMENT,
    _keywords(tuple(name for name in _EVALUATE_KEYWORDS if name != "profile")),
)
def test_evaluate_many_takes_anything(items: Any, keywords: dict[str, Any]) -> None:
    """Law: evaluate_many() with any items and any keywords succeeds or raises a Step2ScoreError."""
    _only_typed_errors(evaluate_many, items, **keywords)
