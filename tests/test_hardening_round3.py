"""Issue 20, round 3: one test per defect class, each named by the kind of input it throws."""

import datetime as dt
import decimal
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from step2score import (
    ApplicantProfile,
    DataFileError,
    Evaluation,
    InvalidScoreError,
    InvalidTypeError,
    InvalidValueError,
    ScaledScore,
    Step2ScoreError,
    compare_scores,
    default_standards,
    evaluate,
    from_dict,
    load_edition,
    read_request,
    request_schema,
    score_band,
)

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


# Item 1: every argument of evaluate() is checked, used or not ---------------------------------------------------


@pytest.mark.parametrize(
    ("keywords", "error", "message"),
    [
        ({"applying_on": 5}, InvalidTypeError, "applying_on must be a date or a YYYY-MM-DD string, got int 5"),
        ({"applying_on": "garbage"}, InvalidValueError, "applying_on must be a date written YYYY-MM-DD, got 'garbage'"),
        (
            {"applying_on": b"2025-10-01"},
            InvalidTypeError,
            "applying_on must be a date or a YYYY-MM-DD string, got bytes",
        ),
        ({"standard_history": 5}, InvalidTypeError, "standard_history must be a StandardHistory, got int 5"),
        ({"target_policy": "strict"}, InvalidValueError, "target_policy must be a TargetPolicy, 'own-group'"),
        ({"target_policy": 5}, InvalidTypeError, "target_policy must be a TargetPolicy or str, got int 5"),
    ],
)
def test_an_unused_argument_of_evaluate_is_still_checked(
    keywords: dict[str, Any], error: type[Exception], message: str
) -> None:
    """No specialty and no attempts: the argument changes nothing, and is refused all the same."""
    standard = default_standards().on(dt.date(2025, 9, 15))
    with pytest.raises(error, match=f"^{re.escape(message)}"):
        evaluate(250, taken_on="2025-09-15", standard=standard, **keywords)


# Item 5: the dict path has the JSON text's depth and size limits --------------------------------------------------


def _nested(depth: int) -> list[Any]:
    deep: list[Any] = []
    for _ in range(depth):
        deep = [deep]
    return deep


def test_a_100000_deep_document_is_refused_by_every_document_entry_point() -> None:
    deep = _nested(100_000)
    document = evaluate(250, taken_on="2025-09-15").to_dict() | {"comparisons": deep}
    message = r"must nest arrays and objects at most 32 deep, got more than 32$"
    with pytest.raises(InvalidValueError, match=r"^evaluation " + message):
        Evaluation.from_dict(document)
    with pytest.raises(InvalidValueError, match=r"^evaluation " + message):
        from_dict(Evaluation, document)
    with pytest.raises(InvalidValueError, match=r"^ApplicantProfile " + message):
        from_dict(ApplicantProfile, {"applicant": deep})
    with pytest.raises(InvalidValueError, match=r"^request " + message):
        read_request({"score": deep})
    with pytest.raises(InvalidTypeError, match=r"^evaluation must be an object \(a Evaluation\), got list <list>$"):
        Evaluation.from_dict(deep)  # type: ignore[arg-type]  # the wrong type on purpose


def test_a_document_that_holds_itself_is_refused() -> None:
    loop: dict[str, Any] = {"score": 250}
    loop["taken_on"] = loop
    with pytest.raises(InvalidValueError, match=r"^request must nest arrays and objects at most 32 deep"):
        read_request(loop)


def test_a_document_of_more_values_than_any_json_text_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=r"^request must hold at most 1,000,000 values, got more$"):
        read_request({"score": 250, "specialty": [0] * 1_000_001})


# Item 9: a Decimal with a huge exponent is compared, never converted -------------------------------------------


@pytest.mark.parametrize("text", ["1E+400000", "-1E+400000", "1E+4300", "9.99E+4299"])
def test_a_decimal_with_a_huge_exponent_is_refused_at_once(text: str) -> None:
    start = time.perf_counter()
    entries: tuple[Callable[[Any], object], ...] = (ScaledScore, evaluate, score_band, lambda v: compare_scores(v, 250))
    for entry in entries:
        with pytest.raises(
            InvalidScoreError, match=rf"^score must be an integer from 1 to 300, got {re.escape(text)}$"
        ):
            entry(decimal.Decimal(text))
    assert time.perf_counter() - start < 0.5


def test_a_decimal_on_the_scale_is_still_read() -> None:
    assert ScaledScore(decimal.Decimal("2.50E+2")).value == 250


# Item 14: a request's words are the schema's ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "word"),
    [
        ("target_policy", "default"),
        ("target_policy", "ARTICLE"),
        ("edition", "Charting Outcomes 2026"),
        ("norms", "2017-2020"),
    ],
)
def test_a_request_word_outside_its_schema_enum_is_refused(field: str, word: str) -> None:
    allowed = [w for w in request_schema()["properties"][field]["enum"] if w is not None]
    with pytest.raises(InvalidValueError, match=rf"^request\.{field} must be one of {re.escape(repr(allowed[0]))}"):
        read_request({"score": 250, field: word})
    # evaluate() itself still reads these spellings
    keywords: dict[str, Any] = {field: word}
    evaluate(250, **keywords)


def test_every_schema_word_of_a_request_is_read() -> None:
    for field in ("target_policy", "edition", "norms"):
        for word in request_schema()["properties"][field]["enum"]:
            assert read_request({"score": 250, field: word}).get(field) == word


# Item 15: a value is quoted on one line -------------------------------------------------------------------------


def test_a_pandas_series_is_quoted_on_one_line() -> None:
    series = pd.Series([250, 251, 252])
    with pytest.raises(InvalidTypeError) as caught:
        ScaledScore(series)
    assert "\n" not in str(caught.value)
    assert "\n" not in (caught.value.value or "")
    with pytest.raises(InvalidTypeError) as caught:
        read_request({"score": series})
    assert "\n" not in str(caught.value)


# Item 2: a collection argument of the wrong type: never iterated as items -------------------------------------


@pytest.mark.parametrize("extra", [None, 5, b"derm", "derm", {"derm": 1}, 2.5])
def test_a_specialty_alias_collection_of_the_wrong_type_is_a_typed_error(extra: Any) -> None:
    from step2score.specialty_names import resolve_specialty  # noqa: PLC0415

    with pytest.raises(InvalidTypeError, match=r"^extra must be a list, tuple or set of specialty names, got "):
        resolve_specialty("Our Own", extra=extra)


def test_a_specialty_alias_of_the_wrong_type_is_named_by_position() -> None:
    from step2score.specialty_names import resolve_specialty  # noqa: PLC0415

    with pytest.raises(InvalidTypeError, match=r"^extra\[1\] must be a str, got bytes b'x'$"):
        resolve_specialty("Our Own", extra=["Our Own", b"x"])  # type: ignore[list-item]  # the wrong type on purpose
    assert resolve_specialty("our  own", extra={"Our Own"}) == "Our Own"


@pytest.mark.parametrize("editions", [5, b"ab", "charting-outcomes-2024", {"a": 1}, 2.5])
def test_an_edition_collection_of_the_wrong_type_is_a_typed_error(editions: Any) -> None:
    from step2score.benchmarks import edition_named  # noqa: PLC0415

    with pytest.raises(InvalidTypeError, match=r"^editions must be a list, tuple or set of BenchmarkEditions, got "):
        edition_named("charting-outcomes-2024", editions=editions)
    with pytest.raises(InvalidTypeError, match=r"^editions\[0\] must be a BenchmarkEdition, got int 5$"):
        edition_named("charting-outcomes-2024", editions=[5])  # type: ignore[list-item]  # the wrong type on purpose


# Item 15: a '$' in a user's text is drawn as written, never read as mathtext ----------------------------------


def test_dollar_signs_in_a_users_edition_are_drawn_as_written(tmp_path: Path) -> None:
    import io  # noqa: PLC0415

    from matplotlib.text import Text  # noqa: PLC0415

    from step2score.plot import plot_evaluation  # noqa: PLC0415

    path = tmp_path / "ours.csv"
    path.write_text(
        "specialty,median,q1,q3,source_title,source_url,confidence\n"
        "Costs $x^{ $,250,240,260,Our $ survey $x^{,https://x.example,official\n"
        "Dermatology,258,251,266,Our $ survey $x^{,https://x.example,official\n",
        encoding="utf-8",
    )
    edition = load_edition(path, name="Our $x^ school", match_year=2025, cohort="$$ matched")
    ev = evaluate(250, taken_on="2025-09-15", specialty="Costs $x^{ $", edition=edition, program_tier="academic")
    fig = plot_evaluation(ev)
    fig.savefig(io.BytesIO(), format="png")  # mathtext would raise here
    drawn = " ".join(text.get_text() for text in fig.findobj(Text))
    assert r"Costs \$x^{ \$" in drawn
    assert r"Our \$x^ school" in drawn


# Item 3: value classes refuse impossible states, through attrs.evolve as at construction --------------------------


def test_value_classes_that_took_anything_now_check_their_fields_and_relations() -> None:
    import attrs  # noqa: PLC0415

    from step2score import board_outcome_study, licensure_deadline, percentile_of, position_in  # noqa: PLC0415
    from step2score import default_edition as edition  # noqa: PLC0415

    with pytest.raises(InvalidValueError, match=r"^method must be one of 'exact', "):
        attrs.evolve(percentile_of(250), method="guessed")
    with pytest.raises(InvalidValueError, match=r"^cohort must not be blank"):
        attrs.evolve(percentile_of(250), cohort=" ")
    window = licensure_deadline("2024-06-01")
    with pytest.raises(InvalidTypeError, match=r"^first_passed must be a date or a YYYY-MM-DD string, got NoneType"):
        attrs.evolve(window, first_passed=None)
    with pytest.raises(InvalidValueError, match=r"^deadline must be years after first_passed"):
        attrs.evolve(window, deadline=dt.date(2040, 1, 1))
    with pytest.raises(InvalidValueError, match=r"^deadline must be years after first_passed"):
        attrs.evolve(window, years=None)
    odds = board_outcome_study().odds_for(20)
    with pytest.raises(InvalidValueError, match=r"^odds_ratio must be a finite number above 0, got -1"):
        attrs.evolve(odds, odds_ratio=-1)
    with pytest.raises(InvalidValueError, match=r"^the odds ratio must lie in its interval"):
        attrs.evolve(odds, odds_ratio=odds.ci_high * 2)
    position = position_in(edition()["derm"], 245)
    assert position is not None
    with pytest.raises(InvalidValueError, match=r"^a position must be the score's quartile"):
        attrs.evolve(position, score=280)
    target = evaluate(250, taken_on="2025-09-15", specialty="derm", program_tier="academic").target
    assert target is not None
    with pytest.raises(InvalidTypeError, match=r"^parts must be a list, tuple or set of TargetParts, got str 'x'$"):
        attrs.evolve(target, parts="x")


@pytest.mark.parametrize("quartile", [False, True, 1.0, "1", None])
def test_a_quartile_of_another_json_type_is_refused(quartile: Any) -> None:
    """Item 14: false is not the quartile 0, nor 1.0 the quartile 1."""
    document = evaluate(250, taken_on="2025-09-15", specialty="derm").to_dict()
    document["position"] = document["position"] | {"quartile": quartile}
    with pytest.raises(InvalidTypeError, match=r"^evaluation\.position\.quartile must be one of 0, 1, 2, 3, got "):
        Evaluation.from_dict(document)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda ev: ev.to_json(indent=-1), InvalidValueError, "indent must be an integer from 0 to 16, got -1"),
        (lambda ev: ev.to_json(indent="  "), InvalidTypeError, "indent must be an integer from 0 to 16, got str '  '"),
        (lambda ev: ev.to_dict(compact=1), InvalidTypeError, "compact must be a bool, got int 1"),
    ],
)
def test_the_writers_check_their_options(call: Callable[[Any], object], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=f"^{re.escape(message)}$"):
        call(evaluate(250, taken_on="2025-09-15"))


def test_a_data_status_is_indexed_by_name_or_position_in_range() -> None:
    from step2score import UnknownDatasetError, data_status  # noqa: PLC0415

    status = data_status()
    assert status[0] == status[status[0].dataset] == status[-len(status)]
    with pytest.raises(
        UnknownDatasetError, match=rf"^dataset must be a dataset's name or a position from -{len(status)} to "
    ):
        status[len(status)]
    for key in (True, 1.5, None, b"x"):
        with pytest.raises(InvalidTypeError, match=r"^dataset must be a str or int, got "):
            status[key]  # type: ignore[index]  # the wrong type on purpose


def _keyword_parameters(function: Callable[..., object]) -> list[str]:
    import inspect  # noqa: PLC0415

    return [p.name for p in inspect.signature(function).parameters.values() if p.kind is p.KEYWORD_ONLY]


@pytest.mark.parametrize("keyword", _keyword_parameters(evaluate))
@pytest.mark.parametrize("odd", [object(), b"x", {"a": 1}, {1}], ids=["object", "bytes", "dict", "set"])
def test_every_keyword_of_evaluate_is_checked_even_when_unused(keyword: str, odd: object) -> None:
    """Item 1, the whole class: no specialty, no attempts, a standard given; an odd value is refused all the same."""
    standard = default_standards().on(dt.date(2025, 9, 15))
    keywords: dict[str, Any] = {"taken_on": "2025-09-15", "standard": standard} | {keyword: odd}
    with pytest.raises(Step2ScoreError, match=rf"^{keyword} "):
        evaluate(250, **keywords)


@pytest.mark.parametrize("items", [5, b"247", "247", None, {"score": 247}])
def test_evaluate_many_refuses_what_is_not_a_collection_of_items(items: object) -> None:
    from step2score import InvalidTypeError, evaluate_many  # noqa: PLC0415

    with pytest.raises(InvalidTypeError, match=r"^items must be a list, tuple or set of scores or mappings, got "):
        evaluate_many(items)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("keywords", "error", "message"),
    [
        ({"fixed": 5}, "InvalidTypeError", "fixed must be a Mapping, got int 5"),
        ({"errors": []}, "InvalidValueError", "errors must be 'raise' or 'coerce', got []"),
        ({"errors": ["raise"]}, "InvalidValueError", "errors must be 'raise' or 'coerce', got ['raise']"),
        ({"score": None}, "InvalidTypeError", "score must be a str, got NoneType None"),
        ({"applying_on": "x"}, "InvalidValueError", "applying_on must be a date"),
    ],
)
def test_evaluate_frame_checks_its_own_arguments(keywords: dict[str, object], error: str, message: str) -> None:
    import pandas as pd  # noqa: PLC0415

    import step2score  # noqa: PLC0415
    from step2score.frame import evaluate_frame  # noqa: PLC0415

    with pytest.raises(getattr(step2score, error), match=re.escape(message)):
        evaluate_frame(pd.DataFrame({"score": [250]}), **keywords)  # type: ignore[arg-type]


def test_a_long_index_label_is_quoted_bounded_in_the_row_prefix() -> None:
    import pandas as pd  # noqa: PLC0415

    from step2score import Step2ScoreError  # noqa: PLC0415
    from step2score.frame import evaluate_frame  # noqa: PLC0415

    frame = pd.DataFrame({"score": [250, "x"]}, index=["a" * 100_000, "b" * 100_000])
    with pytest.raises(Step2ScoreError) as caught:
        evaluate_frame(frame)
    assert len(str(caught.value)) < 1_000
    assert str(caught.value).startswith("row 'bbbb")


def test_profile_codes_too_wide_to_pack_in_one_integer_are_packed_in_two_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    """Law: where three columns' codes would not fit one 64-bit key, the pairs are packed first, with the same answer."""
    from step2score import frame as frame_module  # noqa: PLC0415

    students = pd.DataFrame(
        {
            "score": [241, 250, 262, 230, 255, 247],
            "specialty": ["derm", "IM", "IM", "FM", "derm", None],
            "applicant": ["img", "us-md", "img", "do", "img", "us-img"],
            "program_tier": ["top", None, "academic", "community", "top", None],
        }
    )

    def run() -> pd.DataFrame:
        return frame_module.evaluate_frame(
            students,
            specialty="specialty",
            applicant="applicant",
            program_tier="program_tier",
            fixed={"taken_on": "2025-09-15"},
        )

    packed = run()
    monkeypatch.setattr(frame_module, "_PACKED_LIMIT", 1)  # as if the columns held millions of distinct values
    in_two_steps = run()
    pd.testing.assert_frame_equal(packed, in_two_steps)
