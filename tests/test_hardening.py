"""One test per defect class an adversarial user found, each named by the kind of input it throws."""

import datetime as dt
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import attrs
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from step2score import (
    ApplicantProfile,
    ApplicantType,
    Confidence,
    DataFileError,
    InvalidScoreError,
    InvalidTypeError,
    InvalidValueError,
    MissingExtraError,
    PercentileMethod,
    ProgramTier,
    Quartile,
    ScaledScore,
    Source,
    Statistic,
    Step2ScoreError,
    Tier,
    evaluate,
    evaluate_frame,
    load_edition,
    standard_on,
)
from step2score._data import MAX_FILE_BYTES, read_table_file
from step2score._validate import _unicode_key, as_date, name_key, require_extra

ONE_MEGABYTE = "x" * 1_000_000
#: No message, however big the input, is longer than this.
SHORT = 300


# Huge inputs: a short message, never a builtin error ------------------------------------------------------------


def test_a_5000_digit_integer_score_gives_a_short_message() -> None:
    with pytest.raises(InvalidScoreError) as caught:
        ScaledScore(10**5000)
    assert str(caught.value) == "score must be an integer from 1 to 300, got an integer of about 5001 digits"


def test_a_5000_digit_integer_tier_threshold_gives_a_short_message() -> None:
    from step2score import TierScheme, default_tier_scheme  # noqa: PLC0415

    with pytest.raises(
        InvalidValueError,
        match=r"^competitive must be an integer from 1 to 300, got a negative integer of about 5001 digits$",
    ):
        TierScheme(-(10**5000), 255, default_tier_scheme().source)


def test_a_megabyte_string_score_gives_a_short_message() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        ScaledScore(ONE_MEGABYTE)
    assert len(str(caught.value)) < SHORT
    assert str(caught.value).endswith("... (1000000 characters)")


def test_a_megabyte_date_string_gives_a_short_message() -> None:
    with pytest.raises(InvalidValueError) as caught:
        standard_on(ONE_MEGABYTE)
    assert len(str(caught.value)) < SHORT


def test_a_megabyte_specialty_name_is_refused_quickly() -> None:
    start = time.perf_counter()
    with pytest.raises(InvalidValueError) as caught:
        ApplicantProfile(specialty=ONE_MEGABYTE)
    assert time.perf_counter() - start < 0.5  # "quickly", generously
    assert str(caught.value).startswith("specialty must be at most 200 characters, got 'xxx")
    assert len(str(caught.value)) < SHORT


def test_a_megabyte_enum_word_is_refused_with_a_short_message() -> None:
    with pytest.raises(InvalidValueError) as caught:
        ProgramTier.parse(ONE_MEGABYTE)
    assert len(str(caught.value)) < SHORT


# Look-alike letters ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "letter"),
    [
        ("g\u0430s", "CYRILLIC SMALL LETTER A"),  # gas with a Cyrillic a: would resolve to General Surgery
        ("\u0434erm", "CYRILLIC SMALL LETTER DE"),
        ("ne\u03c5ro", "GREEK SMALL LETTER UPSILON"),
    ],
    ids=["cyrillic a", "cyrillic de", "greek upsilon"],
)
def test_a_name_with_letters_from_another_alphabet_is_refused(name: str, letter: str) -> None:
    with pytest.raises(InvalidValueError, match=re.escape(letter)) as caught:
        ApplicantProfile(specialty=name)
    assert caught.value.field == "specialty"
    assert str(caught.value).startswith(
        "specialty must be written in Latin letters, digits 0-9, spaces and punctuation, got "
    )
    with pytest.raises(InvalidValueError, match=r"^specialty must be written in Latin letters"):
        evaluate(250, taken_on="2025-09-01", specialty=name)


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("\uff24\uff25\uff32\uff2d", "Dermatology"),  # full-width letters, as some keyboards type them
        ("Pédiatrics", "Pediatrics"),  # an accent on a Latin letter is dropped
        ("OB\u2044GYN", "Obstetrics and Gynecology"),  # a fraction slash
        ("PM\uff06R", "Physical Medicine and Rehabilitation"),  # a full-width ampersand
    ],
    ids=["full width", "accent", "fraction slash", "full-width ampersand"],
)
def test_compatibility_forms_of_latin_names_resolve(name: str, canonical: str) -> None:
    assert ApplicantProfile(specialty=name).specialty == canonical


def test_the_name_key_is_one_rule() -> None:
    assert name_key(" Ob & Gyn ", field="specialty") == "obandgyn"
    assert name_key("Stra\u00dfe", field="edition") == "strasse"


@given(
    st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=40)
    | st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=127), max_size=40)
)
def test_the_ascii_shortcut_of_name_key_agrees_with_the_unicode_rule(text: str) -> None:
    """Law: for any ASCII text, name_key gives what the general Unicode rule gives, or the same refusal.

    Printable ASCII takes the shortcut; text with a control character takes the general rule.
    """
    try:
        want: str | InvalidValueError = _unicode_key(text, field="specialty")
    except InvalidValueError as error:
        want = error
    try:
        got: str | InvalidValueError = name_key(text, field="specialty")
    except InvalidValueError as error:
        got = error
    if isinstance(want, InvalidValueError):
        assert isinstance(got, InvalidValueError)
        assert str(got) == str(want)
    else:
        assert got == want


# Dates ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2022-W26",
        "2022-W26-1",
        "2022-177",
        "20220627",
        "2022-06-27T00:00",
        "2022-06-27 junk",
        "on 2022-06-27",
        "+2022-06-27",
    ],
    ids=["iso week", "iso week day", "ordinal", "compact", "with a time", "junk after", "junk before", "sign"],
)
def test_only_calendar_dates_written_yyyy_mm_dd_are_read(text: str) -> None:
    message = f"taken_on must be a date written YYYY-MM-DD, got {text!r}"
    with pytest.raises(InvalidValueError, match=re.escape(message)):
        standard_on(text)


def test_surrounding_spaces_are_not_junk() -> None:
    assert as_date(" 2022-06-27 ", field="taken_on") == dt.date(2022, 6, 27)


def test_a_pandas_timestamp_at_midnight_is_a_date() -> None:
    assert as_date(pd.Timestamp("2024-05-01"), field="taken_on") == dt.date(2024, 5, 1)
    assert evaluate(216, taken_on=pd.Timestamp("2024-05-01")).passed


@pytest.mark.parametrize(
    ("stamp", "message"),
    [
        (
            pd.Timestamp("2024-05-01 09:30"),
            "taken_on must be a date, got a timestamp with a time of day Timestamp('2024-05-01 09:30:00')",
        ),
        (
            pd.Timestamp("2024-05-01 00:00:00.000000001"),
            "taken_on must be a date, got a timestamp with a time of day",
        ),
        (
            pd.Timestamp("2024-05-01", tz="UTC"),
            "taken_on must be a date without a time zone, got a timestamp Timestamp('2024-05-01 00:00:00+0000', tz='UTC')",
        ),
    ],
    ids=["time of day", "one nanosecond", "time zone"],
)
def test_a_pandas_timestamp_with_a_time_or_zone_is_refused(stamp: pd.Timestamp, message: str) -> None:
    with pytest.raises(InvalidValueError, match=re.escape(message)) as caught:
        as_date(stamp, field="taken_on")
    assert caught.value.hint is not None


def test_a_missing_pandas_timestamp_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=re.escape("taken_on must be a date, got a missing timestamp NaT")):
        as_date(pd.NaT, field="taken_on")


# Enums and strings ----------------------------------------------------------------------------------------------


PASSED: Tier = Tier.PASS
#: A word typed as a plain str, as a user's data would hold it.
COMPETITIVE_WORD: str = "competitive"


@pytest.mark.parametrize(
    "compare",
    [
        lambda: PASSED >= COMPETITIVE_WORD,
        lambda: PASSED < COMPETITIVE_WORD,
        lambda: COMPETITIVE_WORD <= PASSED,  # the string on the left: reflected to the Tier
        lambda: PASSED > 1,
        lambda: PASSED <= ProgramTier.TOP,
        lambda: ProgramTier.TOP > "academic",
    ],
    ids=["tier >= str", "tier < str", "str <= tier", "tier > int", "tier <= program tier", "program tier > str"],
)
def test_ordered_enums_refuse_ordering_against_other_kinds(compare: object) -> None:
    with pytest.raises(InvalidTypeError, match=r"^a (Tier|ProgramTier) can be compared \(\S+\) only with another "):
        compare()  # type: ignore[operator]


def test_ordered_enums_keep_their_equality_and_order() -> None:
    word: str = "pass"
    tier: str = PASSED
    assert tier == word
    assert tier != COMPETITIVE_WORD
    assert {tier: 1}[word] == 1
    assert sorted([Tier.EXCEPTIONAL, Tier.FAIL, Tier.COMPETITIVE, Tier.PASS]) == list(Tier)
    assert ProgramTier.COMMUNITY < ProgramTier.ACADEMIC < ProgramTier.TOP
    assert [tier.rank for tier in ProgramTier] == [0, 1, 2]
    assert max(ProgramTier) is ProgramTier.TOP


def test_one_enum_parser_reads_every_enum() -> None:
    from step2score import ApplicantType, Confidence  # noqa: PLC0415

    assert Tier.parse("EXCEPTIONAL") is Tier.EXCEPTIONAL
    assert ProgramTier.parse("Top Tier") is ProgramTier.TOP
    assert ApplicantType.parse("Non US IMG") is ApplicantType.NON_US_IMG
    assert Confidence.parse("SINGLE_SECONDARY") is Confidence.SINGLE_SECONDARY
    with pytest.raises(InvalidValueError, match=re.escape("tier must be one of 'fail', 'pass', 'competitive'")):
        Tier.parse("passed with honours")


# Data files -----------------------------------------------------------------------------------------------------

REQUIRED = ("specialty", "mean")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_as_a_data_file_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "edition.csv"
    os.mkfifo(fifo)
    with pytest.raises(
        DataFileError, match=re.escape(f"{fifo}: must be a regular file, not a directory, pipe or device")
    ):
        read_table_file(fifo, required=REQUIRED)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_dev_zero_as_a_data_file_is_refused_without_reading() -> None:
    with pytest.raises(DataFileError, match="must be a regular file"):
        read_table_file("/dev/zero", required=REQUIRED)


def test_a_directory_as_a_data_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="must be a regular file"):
        read_table_file(tmp_path, required=REQUIRED)


def test_an_oversized_data_file_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "edition.csv"
    big.write_bytes(b"specialty,mean\n" + b"a" * MAX_FILE_BYTES)
    with pytest.raises(DataFileError, match=re.escape(f"larger than the limit of {MAX_FILE_BYTES} bytes")):
        read_table_file(big, required=REQUIRED)


def test_a_csv_field_over_the_limit_is_refused(tmp_path: Path) -> None:
    wide = tmp_path / "edition.csv"
    wide.write_text("specialty,mean,source_title,source_url,confidence\n" + "a" * 200_000 + ",250,t,u,official\n")
    with pytest.raises(DataFileError, match=r"line \d+: not valid CSV \(.*at most 131072 characters a field\)"):
        read_table_file(wide, required=REQUIRED)


def test_a_csv_with_a_nul_byte_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "edition.csv"
    broken.write_bytes(b"specialty,mean,source_title,source_url,confidence\nDerm\x00,250,t,u,official\n")
    try:
        rows = read_table_file(broken, required=REQUIRED)
    except DataFileError as error:  # older csv modules refuse NUL bytes
        assert "not valid CSV" in str(error)
    else:
        assert rows[0].text("specialty") == "Derm\x00"


def test_deeply_nested_toml_is_refused(tmp_path: Path) -> None:
    deep = tmp_path / "edition.toml"
    deep.write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n")
    with pytest.raises(
        DataFileError, match=re.escape(f"{deep}: not a data table: its arrays or tables nest too deeply")
    ):
        read_table_file(deep, required=REQUIRED)


def test_toml_rows_that_are_not_tables_or_hold_nested_values_are_refused(tmp_path: Path) -> None:
    odd = tmp_path / "edition.toml"
    odd.write_text("rows = [1, 2]\n")
    with pytest.raises(DataFileError, match=re.escape(f"{odd}, row 1: must be a table of fields, got 1")):
        read_table_file(odd, required=REQUIRED)
    nested = tmp_path / "nested.toml"
    nested.write_text('[[rows]]\nspecialty = ["a", ["b"]]\n')
    with pytest.raises(
        DataFileError, match=re.escape("field 'specialty': must be a string or a number, got ['a', ['b']]")
    ):
        read_table_file(nested, required=REQUIRED)
    huge = tmp_path / "huge.toml"
    huge.write_text("[[rows]]\nmean = 99999999999999999999999\n")
    with pytest.raises(DataFileError, match=re.escape("field 'mean': a number too large")):
        read_table_file(huge, required=REQUIRED)


def test_packaged_tables_still_read() -> None:
    from step2score import benchmark_editions, default_standards  # noqa: PLC0415

    assert len(default_standards()) >= 1
    assert benchmark_editions()


# Sources and links ----------------------------------------------------------------------------------------------


def test_a_source_may_cite_several_urls() -> None:
    source = Source("t", "https://a.example ; https://b.example/x?y=1;z", "official")
    assert source.urls == ("https://a.example", "https://b.example/x?y=1;z")
    assert source.links == source.urls
    assert Source("t", ("https://a.example", "https://b.example"), "official") == Source(
        "t", "https://a.example ; https://b.example", "official"
    )


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "https:no-host",
        "//example.org/relative",
        "https://a.example/\nhttps://b.example",
        "https://a.example/\x00",
        "ftp://example.org/file",
    ],
    ids=[
        "javascript",
        "upper case",
        "leading space",
        "data",
        "file",
        "no host",
        "scheme-relative",
        "newline",
        "nul",
        "ftp",
    ],
)
def test_only_http_urls_become_links(url: str) -> None:
    source = Source("t", url, "secondary")
    assert source.links == ()
    assert source.urls  # kept as written


def test_a_source_without_an_address_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=re.escape("urls must name at least one address, got ' ; '")):
        Source("t", " ; ", "official")
    with pytest.raises(InvalidTypeError, match=re.escape("urls must be a str or a list of str, got an item int 3")):
        Source("t", ["https://a.example", 3], "official")


def test_a_missing_extra_names_the_extra_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # an import of pandas now fails as if it were not installed
    with pytest.raises(MissingExtraError, match=re.escape("the 'pandas' extra of step2score installs")) as caught:
        require_extra("pandas", "pandas")
    assert caught.value.hint == 'pip install "step2score[pandas]"'
    assert isinstance(caught.value, ImportError)


@pytest.mark.parametrize(
    "member",
    [ApplicantType.US_MD_SENIOR, Confidence.OFFICIAL, PercentileMethod.EXACT, Statistic.MEAN, Quartile.BELOW_Q1],
)
def test_enums_never_order_against_strings(member: object) -> None:
    """String order is not an enum's order: ordering a member against a word is a typed error."""
    with pytest.raises(InvalidTypeError, match=re.escape("str 'zzz'")):
        member < "zzz"  # type: ignore[operator]  # noqa: B015


def test_an_editions_notebook_table_escapes_a_users_file(tmp_path: Path) -> None:
    """A user's file is text, never HTML: its cells and the edition's name are escaped in the notebook table."""
    path = tmp_path / "ours.csv"
    path.write_text(
        "specialty,mean,source_title,source_url,confidence\n"
        "<b>derm</b>,255,<img src=x onerror=alert(1)>,https://s.example,official\n",
        encoding="utf-8",
    )
    html = load_edition(path, match_year=2025, name="<script>x</script>")._repr_html_()
    assert "<img" not in html
    assert "<script>" not in html
    assert "<b>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_every_message_is_bounded_however_long_the_input() -> None:
    """A huge name, column or path never comes back whole in a message."""
    calls: list[Callable[[], object]] = [
        lambda: evaluate(250, norms="q" * 10**6),
        lambda: evaluate_frame(pd.DataFrame({"score": [250]}), score="x" * 10**6),
        lambda: load_edition("/tmp/" + "a" * 100_000, match_year=2025),  # noqa: S108 - a path that cannot exist
    ]
    for call in calls:
        with pytest.raises(Step2ScoreError) as caught:
            call()
        assert len(str(caught.value)) <= 1100


def test_frame_columns_named_twice_or_not_by_a_string_are_typed_errors() -> None:
    twice = pd.DataFrame([[250, 212]], columns=["score", "score"])
    with pytest.raises(InvalidValueError, match=re.escape("score='score' names 2 columns of the frame; rename them")):
        evaluate_frame(twice, fixed={"taken_on": "2025-09-15"})
    with pytest.raises(InvalidTypeError, match=re.escape("score must be a str, got list ['score']")):
        evaluate_frame(pd.DataFrame({"score": [250]}), score=["score"])  # type: ignore[arg-type]


def test_a_data_file_naming_a_column_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "twice.csv"
    path.write_text(
        "specialty,mean,mean,source_title,source_url,confidence\nderm,255,200,t,https://x.example,official\n"
    )
    with pytest.raises(DataFileError, match=re.escape("column(s) 'mean' appear more than once")):
        load_edition(path, match_year=2025)


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("\uff12\uff15\uff15", "mean must be an integer from 1 to 300, got '\uff12\uff15\uff15'"),
        ("2_55", "mean must be an integer from 1 to 300, got '2_55'"),
        ("9" * 5000, "mean must be an integer from 1 to 300, got '99999999"),
    ],
)
def test_a_data_files_figures_are_ascii_digits_never_guessed(tmp_path: Path, cell: str, message: str) -> None:
    path = tmp_path / "ours.csv"
    path.write_text(f"specialty,mean,source_title,source_url,confidence\nderm,{cell},t,https://x.example,official\n")
    with pytest.raises(DataFileError, match=re.escape(message)):
        load_edition(path, match_year=2025)


def test_a_data_file_with_a_look_alike_letter_names_the_file_row_and_field(tmp_path: Path) -> None:
    path = tmp_path / "ours.csv"
    path.write_text("specialty,mean,source_title,source_url,confidence\ng\u0430s,255,t,https://x.example,official\n")
    with pytest.raises(DataFileError, match=re.escape(f"{path}, row 1, field 'specialty': specialty must be written")):
        load_edition(path, match_year=2025)


def test_evolving_a_result_with_a_plain_int_score_is_a_typed_error() -> None:
    with pytest.raises(InvalidTypeError, match=re.escape("score must be a ScaledScore, got int 250")):
        attrs.evolve(evaluate(241, taken_on="2025-09-15"), score=250)  # type: ignore[arg-type]
