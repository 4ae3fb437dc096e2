import csv
import re
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from step2score import (
    BenchmarkEdition,
    DataFileError,
    InvalidTypeError,
    InvalidValueError,
    OutsideMatchError,
    Source,
    SpecialtyBenchmark,
    SpecialtyNotInEditionError,
    UnknownEditionError,
    UnknownSpecialtyError,
    benchmark_editions,
    compare_with_edition,
    default_edition,
    edition_named,
    load_edition,
    position_in,
    resolve_specialty,
    specialties,
)
from tests import strategies
from tests.reference import reference_rows

# FACTS.md section 4, "Charting Outcomes 2024": (specialty, mean, confidence, the second copy's value)
CHARTING_2024 = [
    ("Dermatology", 257, "secondary", None),
    ("Orthopaedic Surgery", 257, "secondary", None),
    ("Diagnostic Radiology", 256, "secondary", None),
    ("Otolaryngology", 255, "single-secondary", 256),
    ("Plastic Surgery (Integrated)", 255, "single-secondary", 256),
    ("Neurological Surgery", 254, "single-secondary", 255),
    ("Radiation Oncology", 254, "single-secondary", 252),
    ("General Surgery", 252, "single-secondary", 253),
    ("Internal Medicine", 250, "single-secondary", 251),
    ("Anesthesiology", 250, "single-secondary", 252),
    ("Obstetrics and Gynecology", 249, "single-secondary", 252),
    ("Neurology", 249, "single-secondary", 250),
    ("Emergency Medicine", 249, "single-secondary", 248),
    ("Pathology", 248, "single-secondary", 247),
    ("Physical Medicine and Rehabilitation", 247, "single-secondary", 248),
    ("Pediatrics", 247, "secondary", None),
    ("Psychiatry", 246, "secondary", None),
    ("Family Medicine", 244, "secondary", None),
]
# The article's table exactly as it prints it, in its order.
ARTICLE = [
    ("Plastic Surgery", 256),
    ("Dermatology", 251),
    ("Orthopedic Surgery", 256),
    ("Emergency Medicine", 247),
    ("Internal Medicine", 248),
    ("General Surgery", 250),
    ("Anesthesiology", 245),
    ("Pediatrics", 243),
    ("Psychiatry", 241),
    ("Family Medicine", 238),
]
SOURCE = Source("Our matched students", "https://school.example", "official")


def _optional(text: str) -> int | None:
    return int(text) if text else None


def test_default_edition_equals_the_charting_outcomes_2026_csv_cell_by_cell() -> None:
    reference = reference_rows("charting_outcomes_2026_us_md.csv")
    edition = default_edition()
    assert (edition.name, edition.key, edition.match_year) == ("Charting Outcomes 2026", "charting-outcomes-2026", 2026)
    assert len(edition) == len(reference) == 23
    for row in reference:
        b = edition[row["specialty"]]
        assert b.label == row["specialty"]
        assert b.statistic.value == "median"
        assert (b.matched_n, b.q1, b.value, b.q3, b.not_matched_n, b.not_matched_median) == tuple(
            _optional(row[name])
            for name in (
                "matched_n",
                "matched_q1",
                "matched_median",
                "matched_q3",
                "not_matched_n",
                "not_matched_median",
            )
        )
        assert b.source.confidence.value == "single-secondary"
        assert "nrmp.org/match-data/2026" in b.source.url
    assert edition.overall is None


def test_charting_outcomes_2024_matches_the_reference_facts_row_by_row() -> None:
    edition = edition_named("charting-outcomes-2024")
    assert edition.name == "Charting Outcomes 2024"
    assert edition.match_year == 2024
    assert edition.cohort == "matched U.S. MD seniors"
    got = [(b.specialty, b.statistic.value, b.value, b.source.confidence.value) for b in edition]
    assert got == [(name, "mean", mean, confidence) for name, mean, confidence, _ in CHARTING_2024]
    for benchmark, (_, _, _, other) in zip(edition, CHARTING_2024, strict=True):
        assert "quantaprep.com/blog/step-2-ck-score-by-specialty-2026" in benchmark.source.url
        if other is not None:
            # FACTS: the disagreeing copy is named in the note, never listed as support.
            assert f"gives {other}; QuantaPrep's value is kept" in benchmark.source.note
            assert "medschoolinsiders" not in benchmark.source.url
        else:
            assert "medschoolinsiders" in benchmark.source.url
    assert edition.overall is not None
    assert edition.overall.value == 250
    assert "250.4" in edition.overall.source.note
    assert "ama-assn.org" in edition.overall.source.url


def test_article_edition_reproduces_the_article_exactly() -> None:
    edition = edition_named("ace-med-boards-2022")
    assert [(b.label, b.value) for b in edition] == ARTICLE
    assert all(b.statistic.value == "mean" for b in edition)
    assert edition.overall is not None
    assert edition.overall.value == 247
    assert edition.name == "Ace Med Boards article (labelled 2022)"
    assert edition.source is not None
    assert "2020 figures" in edition.source.note
    assert all(b.source.url == "https://acemedboards.com" for b in edition)
    assert all(b.source.confidence.value == "single-secondary" for b in edition)
    assert "257" in edition["Dermatology"].source.note


def test_editions_list_default_first() -> None:
    keys = [
        "charting-outcomes-2026",
        "charting-outcomes-2026-non-us-img",
        "charting-outcomes-2024",
        "ace-med-boards-2022",
    ]
    assert [e.key for e in benchmark_editions()] == keys
    assert edition_named("CHARTING OUTCOMES 2026") is default_edition()


def test_unknown_edition() -> None:
    message = "edition must be one of 'charting-outcomes-2026', 'charting-outcomes-2026-non-us-img', 'charting-outcomes-2024', 'ace-med-boards-2022' (or a BenchmarkEdition), got 'nrmp-1999'"
    with pytest.raises(UnknownEditionError, match=re.escape(message)):
        edition_named("nrmp-1999")
    with pytest.raises(InvalidTypeError, match=re.escape("edition must be a str, got int 2024")):
        edition_named(2024)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("derm", "Dermatology"),
        ("ortho", "Orthopaedic Surgery"),
        ("orthopedic surgery", "Orthopaedic Surgery"),
        ("Orthopaedic", "Orthopaedic Surgery"),
        ("IM", "Internal Medicine"),
        ("EM", "Emergency Medicine"),
        ("OB/GYN", "Obstetrics and Gynecology"),
        ("ob-gyn", "Obstetrics and Gynecology"),
        ("ENT", "Otolaryngology"),
        ("neurosurgery", "Neurological Surgery"),
        ("PM&R", "Physical Medicine and Rehabilitation"),
        ("psych", "Psychiatry"),
        ("peds", "Pediatrics"),
        ("FM", "Family Medicine"),
        ("gen surg", "General Surgery"),
        ("rad onc", "Radiation Oncology"),
        ("radiology", "Diagnostic Radiology"),
        ("plastics", "Plastic Surgery (Integrated)"),
        ("anesthesia", "Anesthesiology"),
        ("  internal   MEDICINE ", "Internal Medicine"),
        ("Plastic Surgery (Integrated)", "Plastic Surgery (Integrated)"),
        ("med-peds", "Internal Medicine/Pediatrics"),
        ("child neuro", "Child Neurology"),
        ("IR", "Interventional Radiology (Integrated)"),
        ("cardiothoracic surgery", "Thoracic Surgery (Integrated)"),
        ("vascular", "Vascular Surgery (Integrated)"),
        ("Pathology (Anatomic and Clinical)", "Pathology"),
    ],
)
def test_names_as_people_type_them(typed: str, name: str) -> None:
    assert resolve_specialty(typed) == name


def test_unknown_specialty_suggests_and_says_how_to_list() -> None:
    message = "unknown specialty 'dermotology'; did you mean 'Dermatology'?"
    with pytest.raises(UnknownSpecialtyError, match=re.escape(message)) as caught:
        resolve_specialty("dermotology")
    error = caught.value
    assert (error.field, error.suggestions) == ("specialty", ("Dermatology",))
    assert error.hint == "List every name with step2score.specialties() or `step2score specialties`."
    assert "step2score." not in str(error)  # the message stays free of code; the hint carries it
    with pytest.raises(LookupError, match=re.escape("unknown specialty 'qqq'; see the list of specialties")):
        resolve_specialty("qqq")
    with pytest.raises(InvalidTypeError, match=re.escape("specialty must be a str, got NoneType None")):
        resolve_specialty(None)  # type: ignore[arg-type]


def test_specialty_missing_from_an_edition_names_the_edition() -> None:
    message = "specialty 'Radiation Oncology' has no benchmark in edition 'Ace Med Boards article (labelled 2022)'"
    with pytest.raises(SpecialtyNotInEditionError, match=re.escape(message)):
        edition_named("ace-med-boards-2022")["rad onc"]
    assert "rad onc" not in edition_named("ace-med-boards-2022")
    assert "rad onc" in default_edition()
    assert 3 not in default_edition()


def test_comparison_with_every_specialty() -> None:
    rows = compare_with_edition(250, default_edition())
    assert len(rows) == 23
    assert [r.difference for r in rows] == sorted(r.difference for r in rows)
    assert rows[-1].specialty == "Family Medicine"
    assert rows[-1].difference == 6
    assert all(r.difference == 250 - r.value and r.statistic.value == "median" for r in rows)
    assert {r.specialty: r.quartile.label for r in rows if r.quartile is not None}["Dermatology"] == "below Q1"
    means = compare_with_edition(250, edition_named("charting-outcomes-2024"))
    assert all(r.quartile is None and r.statistic.value == "mean" for r in means)


@pytest.mark.parametrize("typed", ["Urology", "uro", "Ophthalmology", "ophtho", "OPHTHALMOLOGY", "optho"])
def test_specialties_outside_the_nrmp_match_say_so_without_a_look_alike(typed: str) -> None:
    with pytest.raises(OutsideMatchError) as caught:
        resolve_specialty(typed)
    message = str(caught.value)
    assert "not the NRMP Main Residency Match" in message
    assert ("AUA Urology Match" in message) or ("SF Match" in message)
    assert "meded.ucsf.edu" in message
    assert "did you mean" not in message
    with pytest.raises(OutsideMatchError):
        default_edition()[typed]


@given(st.integers(1, 300), st.integers(1, 300), strategies.SPECIALTY_NAMES)
def test_position_in_the_matched_distribution_is_monotone_in_the_score(a: int, b: int, name: str) -> None:
    """A higher score is never placed in a lower quartile of the same specialty's matched applicants."""
    benchmark = default_edition()[name] if name in default_edition() else default_edition()["IM"]
    low, high = sorted((a, b))
    first, second = position_in(benchmark, low), position_in(benchmark, high)
    assert first is not None
    assert second is not None
    assert first.quartile <= second.quartile
    assert (first.above_not_matched is None) == (benchmark.not_matched_median is None)


def test_position_boundaries_belong_to_the_upper_interval() -> None:
    derm = default_edition()["derm"]  # Q1 251, median 258, Q3 266
    places = {score: position_in(derm, score).quartile for score in (250, 251, 257, 258, 265, 266)}  # type: ignore[union-attr]
    assert [q.name for q in places.values()] == [
        "BELOW_Q1",
        "Q1_TO_MEDIAN",
        "Q1_TO_MEDIAN",
        "MEDIAN_TO_Q3",
        "MEDIAN_TO_Q3",
        "ABOVE_Q3",
    ]


def test_benchmark_and_edition_validation() -> None:
    with pytest.raises(InvalidValueError, match=re.escape("value must be an integer from 1 to 300, got 301")):
        SpecialtyBenchmark("Dermatology", "mean", 301, "x", "y", SOURCE)
    with pytest.raises(InvalidValueError, match=re.escape("statistic must be one of 'mean', 'median', got 'mode'")):
        SpecialtyBenchmark("Dermatology", "mode", 250, "x", "y", SOURCE)
    with pytest.raises(InvalidTypeError, match=re.escape("source must be a Source, got str 'nrmp'")):
        SpecialtyBenchmark("Dermatology", "mean", 250, "x", "y", "nrmp")  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match=re.escape("q1 and q3 must be given together, got q1=240, q3=None")):
        SpecialtyBenchmark("Dermatology", "median", 250, "x", "y", SOURCE, q1=240)
    with pytest.raises(InvalidValueError, match=re.escape("quartiles need statistic='median', got statistic='mean'")):
        SpecialtyBenchmark("Dermatology", "mean", 250, "x", "y", SOURCE, q1=240, q3=260)
    with pytest.raises(
        InvalidValueError, match=re.escape("q1 <= median <= q3 <= maximum, got q1=252, median=250, q3=260")
    ):
        SpecialtyBenchmark("Dermatology", "median", 250, "x", "y", SOURCE, q1=252, q3=260)
    with pytest.raises(
        InvalidValueError,
        match=re.escape(
            "minimum <= q1 <= median <= q3 <= maximum, got not_matched_minimum=250, not_matched_median=240"
        ),
    ):
        SpecialtyBenchmark(
            "Dermatology", "median", 250, "x", "y", SOURCE, not_matched_minimum=250, not_matched_median=240
        )
    with pytest.raises(
        InvalidValueError, match=re.escape("a suppressed cell (value=None) has no other matched figure, got q1=240")
    ):
        SpecialtyBenchmark("Dermatology", "median", None, "x", "y", SOURCE, q1=240, q3=250)
    with pytest.raises(InvalidValueError, match=re.escape("sd must be an integer of at least 0, got -3")):
        SpecialtyBenchmark("Dermatology", "median", 250, "x", "y", SOURCE, sd=-3)
    with pytest.raises(InvalidValueError, match=re.escape("group must be one of")):
        SpecialtyBenchmark("Dermatology", "median", 250, "x", "y", SOURCE, group="martian")
    with pytest.raises(InvalidValueError, match=re.escape("matched_n must be an integer of at least 0, got -1")):
        SpecialtyBenchmark("Dermatology", "median", 250, "x", "y", SOURCE, matched_n=-1)
    row = SpecialtyBenchmark("Dermatology", "mean", 250, "x", "y", SOURCE)
    with pytest.raises(InvalidValueError, match=re.escape("got 'Dermatology' twice in edition 'x'")):
        BenchmarkEdition("x", 2025, "y", (row, row))
    with pytest.raises(InvalidTypeError, match=re.escape("benchmarks[0] must be a SpecialtyBenchmark, got int 250")):
        BenchmarkEdition("x", 2025, "y", (250,))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        row.value = 200  # type: ignore[misc]


@given(strategies.SPECIALTY_NAMES)
def test_every_canonical_name_resolves_to_itself(name: str) -> None:
    """Every canonical name resolves to itself."""
    assert resolve_specialty(name) == name


@given(strategies.SPECIALTY_ALIASES.flatmap(lambda pair: st.tuples(strategies.respellings(pair[0]), st.just(pair[1]))))
def test_every_listed_short_form_resolves_however_typed(pair: tuple[str, str]) -> None:
    """Every listed short form resolves to its specialty, whatever its case, spacing and punctuation."""
    typed, name = pair
    assert resolve_specialty(typed) == name


@given(st.text(max_size=30))
def test_arbitrary_text_resolves_or_raises_unknown(text: str) -> None:
    """Arbitrary text resolves to a known name, or raises the unknown-specialty or outside-the-match error, or is refused for letters outside the Latin alphabet."""
    try:
        name = resolve_specialty(text)
    except OutsideMatchError as error:
        assert "not the NRMP Main Residency Match" in str(error)
    except UnknownSpecialtyError as error:
        assert str(error).startswith("unknown specialty ")
    except InvalidValueError as error:
        assert str(error).startswith("specialty must be written in Latin letters")
    else:
        assert name in specialties()


# --- users' own files -------------------------------------------------------------------------

HEADER = "specialty,mean,source_title,source_url,confidence\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_load_a_csv_edition(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "school.csv",
        HEADER
        + "derm,255,Our matched students,https://school.example,official\n"
        + "Urology,251,Our matched students,https://school.example,official\n"
        + "All specialties,246,Our matched students,https://school.example,official\n",
    )
    edition = load_edition(path, name="Our school 2025", match_year=2025, cohort="our matched graduates")
    assert edition.specialties == ("Dermatology", "Urology")
    assert edition["urology"].value == 251
    assert edition.overall is not None
    assert edition.overall.value == 246
    assert edition["derm"].cohort == "our matched graduates"


def test_load_a_toml_edition(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "school.toml",
        '[[rows]]\nspecialty = "IM"\nmean = 244\nsource_title = "Ours"\nsource_url = "https://s.example"\n'
        'confidence = "official"\n',
    )
    edition = load_edition(path, match_year=2025)
    assert edition.name == "school"
    assert edition["Internal Medicine"].value == 244


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "a.csv",
            "specialty,source_title,source_url,confidence\nderm,t,https://x,official\n",
            "a.csv, row 1, field 'value': give exactly one of 'mean', 'median' or 'value' (with 'statistic')",
        ),
        (
            "b.csv",
            HEADER + "derm,255,t,https://x,official\nDermatology,250,t,https://x,official\n",
            "b.csv, row 2, field 'specialty': 'Dermatology' appears twice (first at row 1)",
        ),
        (
            "c.csv",
            HEADER + "derm,255.5,t,https://x,official\n",
            "c.csv, row 1, field 'mean': mean must be an integer from 1 to 300, got 255.5",
        ),
        (
            "d.csv",
            HEADER + "derm,310,t,https://x,official\n",
            "d.csv, row 1, field 'mean': mean must be an integer from 1 to 300, got 310",
        ),
        (
            "e.csv",
            HEADER + "derm,abc,t,https://x,official\n",
            "e.csv, row 1, field 'mean': mean must be an integer from 1 to 300, got 'abc'",
        ),
        (
            "f.csv",
            HEADER + "derm,255,,https://x,official\n",
            "f.csv, row 1, field 'source_title': a value is required, got ''",
        ),
        ("g.csv", HEADER + "derm,255,t,https://x,\n", "g.csv, row 1, field 'confidence': a value is required"),
        (
            "h.csv",
            HEADER + "derm,255,t,https://x,sure\n",
            "h.csv, row 1, field 'confidence': confidence must be one of 'official', 'secondary', 'single-secondary', 'advisory', got 'sure'",
        ),
        ("i.csv", HEADER + "derm,255,t,https://x,official,extra\n", "i.csv, row 1: more fields than columns"),
        ("j.csv", HEADER, "j.csv: the file has no specialty rows"),
        ("k.csv", HEADER + ",255,t,https://x,official\n", "k.csv, row 1, field 'specialty': a value is required"),
        ("l.toml", "rows = 3\n", "l.toml: a TOML data file needs an array of tables named 'rows'"),
        ("m.toml", "[[rows]\n", "m.toml: not valid TOML"),
        (
            "n.toml",
            '[[rows]]\nspecialty = "derm"\n',
            "n.toml, row 1: missing field(s) 'source_title', 'source_url', 'confidence'",
        ),
        (
            "o.toml",
            '[[rows]]\nspecialty = ["derm"]\n',
            "o.toml, row 1, field 'specialty': must be a string or a number",
        ),
    ],
)
def test_broken_files_name_file_row_and_field(tmp_path: Path, name: str, text: str, message: str) -> None:
    path = write(tmp_path, name, text)
    with pytest.raises(DataFileError, match=re.escape(message)):
        load_edition(path, match_year=2025)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match=re.escape("nowhere.csv: cannot be read")):
        load_edition(tmp_path / "nowhere.csv", match_year=2025)


def test_data_is_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = HEADER + f"\"__import__('pathlib').Path('{marker}').touch()\",255,t,https://x,official\n"
    edition = load_edition(write(tmp_path, "evil.csv", text), match_year=2025)
    assert not marker.exists()
    assert len(edition) == 1


@given(strategies.ANYTHING, strategies.ANYTHING)
def test_fuzz_benchmark_constructor(specialty: Any, mean: Any) -> None:
    """Any input either builds a benchmark or raises only the documented errors."""
    try:
        row = SpecialtyBenchmark(specialty, "mean", mean, "edition", "cohort", SOURCE)
    except (InvalidValueError, InvalidTypeError) as error:
        assert str(error).startswith(("specialty must", "value must"))
    else:
        assert (mean is None and row.suppressed) or (row.value is not None and 1 <= row.value <= 300)


@given(strategies.benchmark_editions())
def test_an_edition_written_as_csv_loads_back_equal(edition: BenchmarkEdition) -> None:
    """Writing an edition's rows to CSV and loading the file gives back the same edition."""
    import io  # noqa: PLC0415
    import tempfile  # noqa: PLC0415

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    figures = ["q1", "q3", "matched_n", "not_matched_n", "not_matched_median"]
    writer.writerow(["specialty", "statistic", "value", *figures, "source_title", "source_url", "confidence", "note"])
    for row in edition:
        optional = ["" if getattr(row, name) is None else getattr(row, name) for name in figures]
        source = row.source
        writer.writerow(
            [
                row.specialty,
                row.statistic.value,
                row.value,
                *optional,
                source.title,
                source.url,
                source.confidence.value,
                source.note,
            ]
        )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ours.csv"
        path.write_text(buffer.getvalue(), encoding="utf-8")
        loaded = load_edition(path, name=edition.name, match_year=edition.match_year, cohort=edition.cohort)
    assert loaded == edition


def test_a_users_edition_cannot_take_a_packaged_editions_name(tmp_path: Path) -> None:
    path = write(tmp_path, "ours.csv", HEADER + "derm,255,Ours,https://s.example,official\n")
    message = "name must be a name of your own, not a packaged edition's, got 'Charting Outcomes 2026'"
    with pytest.raises(InvalidValueError, match=re.escape(message)):
        load_edition(path, name="Charting Outcomes 2026", match_year=2025)
    with pytest.raises(InvalidValueError, match=re.escape("not a packaged edition's")):
        load_edition(path, name="charting-outcomes-2024", match_year=2025)
