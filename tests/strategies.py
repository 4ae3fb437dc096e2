"""Every Hypothesis strategy the tests use, one place for all of them."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import jsonschema
import pandas as pd
from hypothesis import strategies as st

from step2score import (
    SCALE_MAX,
    SCALE_MIN,
    ApplicantProfile,
    ApplicantType,
    BenchmarkEdition,
    DistributionPoint,
    Evaluation,
    NormTable,
    ProgramTier,
    Source,
    SpecialtyBenchmark,
    TargetPolicy,
    default_edition,
    default_standards,
    evaluate,
    evaluation_schema,
    specialties,
    specialty_aliases,
)

SCORE_VALUES: st.SearchStrategy[int] = st.integers(min_value=SCALE_MIN, max_value=SCALE_MAX)
CONFIDENCE_WORDS: st.SearchStrategy[str] = st.sampled_from(["official", "secondary", "single-secondary", "advisory"])

#: Test dates from the first dated standard to some years ahead.
TEST_DATES: st.SearchStrategy[dt.date] = st.dates(
    min_value=default_standards().first_known_date, max_value=dt.date(2040, 12, 31)
)

#: Anything at all: what a fuzz test throws at a constructor.
ANYTHING: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.dates(),
    st.lists(st.integers(), max_size=3),
    st.decimals(allow_nan=True),
    st.fractions(),
)


@st.composite
def sources(draw: st.DrawFn) -> Source:
    """A valid :class:`Source`."""
    return Source(
        title=draw(st.text(min_size=1, max_size=20).filter(str.strip)),
        urls="https://" + draw(st.from_regex(r"[a-z]{1,10}\.example", fullmatch=True)),
        confidence=draw(CONFIDENCE_WORDS),
        note=draw(st.text(max_size=20)),
    )


@st.composite
def change_days(draw: st.DrawFn) -> dt.date:
    """A day on which a new passing standard took effect (whose eve has a standard too)."""
    history = default_standards()
    changes = [day for day in history.changes() if day > history.first_known_date]
    return draw(st.sampled_from(changes))


@st.composite
def tier_thresholds(draw: st.DrawFn) -> tuple[int, int]:
    """An ordered pair (competitive, exceptional) on the scale."""
    competitive = draw(st.integers(min_value=SCALE_MIN, max_value=SCALE_MAX - 1))
    exceptional = draw(st.integers(min_value=competitive + 1, max_value=SCALE_MAX))
    return competitive, exceptional


#: Every canonical specialty name.
SPECIALTY_NAMES: st.SearchStrategy[str] = st.sampled_from(specialties())
#: Every (short form, canonical name) pair the library lists.
SPECIALTY_ALIASES: st.SearchStrategy[tuple[str, str]] = st.sampled_from(
    [(alias, name) for name, aliases in specialty_aliases().items() for alias in aliases]
)
APPLICANT_TYPES: st.SearchStrategy[ApplicantType] = st.sampled_from(ApplicantType)
PROGRAM_TIERS: st.SearchStrategy[ProgramTier | None] = st.none() | st.sampled_from(ProgramTier)


@st.composite
def respellings(draw: st.DrawFn, text: str) -> str:
    """``text`` with its case changed and spaces or punctuation moved around, as people type."""
    out = []
    for char in text:
        out.append(char.upper() if draw(st.booleans()) else char.lower())
        if draw(st.integers(0, 9)) == 0:
            out.append(draw(st.sampled_from([" ", "-", "/", ".", "  "])))
    return "".join(out)


@st.composite
def profiles(draw: st.DrawFn) -> ApplicantProfile:
    """A profile aiming at a specialty of the default edition."""
    return ApplicantProfile(
        draw(APPLICANT_TYPES), draw(st.sampled_from(default_edition().specialties)), draw(PROGRAM_TIERS)
    )


@st.composite
def target_policies(draw: st.DrawFn) -> TargetPolicy:
    """A valid target policy: ordered non-negative buffers; tier points, or offsets, that never fall with selectivity."""
    low = draw(st.integers(0, 30))
    high = draw(st.integers(low, 40))
    do_low = draw(st.integers(0, 10))
    if draw(st.booleans()):
        community, academic, top = sorted(draw(st.lists(st.integers(-20, 20), min_size=3, max_size=3)))
        tiers: dict[str, Any] = {"community_offset": community, "academic_offset": academic, "top_offset": top}
    else:
        points = sorted(
            draw(st.lists(st.sampled_from(list(DistributionPoint)), min_size=3, max_size=3)),
            key=list(DistributionPoint).index,
        )
        tiers = dict(zip(("community_point", "academic_point", "top_point"), points, strict=True))
    return TargetPolicy(
        img_buffer=(low, high),
        img_buffer_source=draw(sources()),
        prestige_source=draw(sources()),
        do_buffer=(do_low, do_low + draw(st.integers(0, 5))),
        **tiers,
    )


@st.composite
def norm_tables(draw: st.DrawFn) -> NormTable:
    """A valid norm table: distinct scores, percentiles in 0..100 that never fall."""
    scores = sorted(draw(st.sets(SCORE_VALUES, min_size=2, max_size=12)))
    percentiles = sorted(draw(st.lists(st.floats(0, 100), min_size=len(scores), max_size=len(scores))))
    return NormTable(
        draw(st.text(min_size=1, max_size=10).filter(str.strip)),
        tuple(zip(scores, percentiles, strict=True)),
        draw(sources()),
    )


#: Attempts used: a count from none to past any limit.
ATTEMPT_COUNTS: st.SearchStrategy[int] = st.integers(min_value=0, max_value=12)
#: Attempts used when a score is being evaluated: the attempt that produced it counts, so at least 1.
ATTEMPTS_WITH_A_SCORE: st.SearchStrategy[int] = st.integers(min_value=1, max_value=12)
#: Application dates from the first known attempt limit on.
APPLICATION_DATES: st.SearchStrategy[dt.date] = st.dates(min_value=dt.date(2012, 1, 1), max_value=dt.date(2040, 12, 31))
#: First-Step pass dates and window lengths for the licensure deadline.
WINDOW_STARTS: st.SearchStrategy[dt.date] = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 12, 31))
WINDOW_YEARS: st.SearchStrategy[int] = st.integers(min_value=1, max_value=20)


@st.composite
def student_frames(draw: st.DrawFn) -> pd.DataFrame:
    """A class of students: scores (some missing), test dates, specialties as typed, applicant types, tiers, attempts."""
    size = draw(st.integers(min_value=0, max_value=25))
    typed_specialties = st.none() | SPECIALTY_NAMES | SPECIALTY_ALIASES.map(lambda pair: pair[0])

    def column(strategy: st.SearchStrategy[Any]) -> list[Any]:
        return draw(st.lists(strategy, min_size=size, max_size=size))

    return pd.DataFrame(
        {
            "score": pd.Series(column(st.none() | SCORE_VALUES), dtype="Int64"),
            "taken_on": column(TEST_DATES),
            "specialty": column(typed_specialties),
            "applicant": column(st.none() | st.sampled_from(["us-md", "do", "img", "us-img", "non-us-img"])),
            "program_tier": column(st.none() | st.sampled_from(["community", "academic", "top"])),
            "attempts_used": pd.Series(column(st.none() | st.integers(0, 6)), dtype="Int64"),
        },
        index=pd.RangeIndex(100, 100 + size),
    )


@st.composite
def evaluations(draw: st.DrawFn) -> Evaluation:
    """Any evaluation the library can produce."""
    profile = draw(st.none() | profiles())
    return evaluate(
        draw(SCORE_VALUES),
        taken_on=draw(TEST_DATES),
        profile=profile,
        attempts_used=draw(st.none() | ATTEMPTS_WITH_A_SCORE),
        applying_on=dt.date(2025, 10, 1),
        norms=draw(st.none() | st.sampled_from(["2016-17", "2023-24"])),
        edition=draw(st.sampled_from(["charting-outcomes-2026", "charting-outcomes-2024", "ace-med-boards-2022"]))
        if profile is None
        else None,
    )


#: Text as a data file's cell holds it: printable, with no surrounding white space (the loader strips it).
CELL_TEXT: st.SearchStrategy[str] = (
    st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=20)
    .map(str.strip)
    .filter(bool)
)


@st.composite
def benchmarks(draw: st.DrawFn, name: str) -> SpecialtyBenchmark:
    """A row of a user's edition: a mean, or a median with (sometimes) quartiles and counts, with a source."""
    source = Source(
        draw(CELL_TEXT), "https://school.example/match", draw(CONFIDENCE_WORDS), draw(CELL_TEXT | st.just(""))
    )
    if draw(st.booleans()):
        return SpecialtyBenchmark(name, "mean", draw(SCORE_VALUES), "our edition", "our matched graduates", source)
    q1, median, q3 = sorted(draw(st.lists(SCORE_VALUES, min_size=3, max_size=3)))
    quartiles = draw(st.booleans())
    counts = draw(st.booleans())
    return SpecialtyBenchmark(
        name,
        "median",
        median,
        "our edition",
        "our matched graduates",
        source,
        q1=q1 if quartiles else None,
        q3=q3 if quartiles else None,
        matched_n=draw(st.integers(0, 5000)) if counts else None,
        not_matched_n=draw(st.integers(0, 500)) if counts else None,
        not_matched_median=draw(SCORE_VALUES) if counts else None,
    )


@st.composite
def benchmark_editions(draw: st.DrawFn) -> BenchmarkEdition:
    """A user's edition: some known specialties with a mean or median on the scale, each with a source."""
    names = draw(st.lists(SPECIALTY_NAMES, min_size=1, max_size=6, unique=True))
    year = draw(st.integers(2000, 2030))
    rows = tuple(draw(benchmarks(name)) for name in names)
    return BenchmarkEdition("our edition", year, "our matched graduates", rows)


# --- data: measurement error (SEM), pass rates and match rates (issue 9) ---

#: An SEM a caller might give: a positive number of points, whole or not.
SEM_POINTS: st.SearchStrategy[float] = st.one_of(
    st.integers(min_value=1, max_value=20).map(float),
    st.floats(min_value=0.5, max_value=20, allow_nan=False, allow_infinity=False),
)

#: The packaged norms a band can be read in, by name (None: the default table).
NORMS_NAMES: st.SearchStrategy[str | None] = st.sampled_from([None, "2023-2026", "2017-2020", "2023-24", "2016-17"])


def _match_rate_specialties() -> list[str]:
    from step2score.rates import match_rates  # noqa: PLC0415 - imported here to keep this block in one place

    return sorted({rate.specialty for rate in match_rates()})


#: Specialties as the match-rate table names them.
SPECIALTIES_WITH_MATCH_RATES: st.SearchStrategy[str] = st.sampled_from(_match_rate_specialties())


# --- serialisation (serial): documents of the JSON contract --------------------------------------

#: Strings a mutated document may hold: dates (some impossible), enum words, look-alikes and noise.
DOCUMENT_TEXT: st.SearchStrategy[str] = st.one_of(
    st.sampled_from(
        [
            "2024-02-29",
            "2023-02-29",
            "2022-W26",
            "20220626",
            "1.0",
            "1.7",
            "2.0",
            "fail",
            "pass",
            "official",
            "advisory",
            "us-img",
            "top",
            "Dermatology",
            "derm",
            "interpolated",
            "",
            " ",
        ]
    ),
    st.text(max_size=12),
)


def _leaves(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The paths of every value inside a JSON document (the root excluded)."""
    found: list[tuple[Any, ...]] = []
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        found.append((*path, key))
        found.extend(_leaves(value, (*path, key)))
    return found


def _replacement(original: Any) -> st.SearchStrategy[Any]:
    """A value of the original's JSON type (or ``null``), near the ranges the schema allows."""
    if isinstance(original, bool):
        return st.booleans()
    if isinstance(original, int):
        return st.integers(-400, 400)
    if isinstance(original, float):
        return st.floats(min_value=-10, max_value=200, allow_nan=False)
    if isinstance(original, str):
        return DOCUMENT_TEXT
    return st.none()


@st.composite
def evaluation_documents(draw: st.DrawFn, *, valid: bool = False) -> dict[str, Any]:
    """A serialised evaluation, full or compact, with one to four values replaced or dropped to ``null``.

    With ``valid``, a change that makes the document invalid against the shipped schema is undone,
    so the document stays schema-valid.
    """
    validator = _evaluation_validator()
    document: dict[str, Any] = draw(evaluations()).to_dict(compact=draw(st.booleans()))
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(_leaves(document)))
        parent: Any = document
        for key in path[:-1]:
            parent = parent[key]
        before = parent[path[-1]]
        parent[path[-1]] = draw(_replacement(before))
        if valid and not validator.is_valid(document):
            parent[path[-1]] = before
    return document


@functools.cache
def _evaluation_validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(evaluation_schema())


@st.composite
def evaluation_requests(draw: st.DrawFn) -> dict[str, Any]:
    """A request as an app posts it: a score and any of the optional fields, some of them off the rules."""
    fields: dict[str, st.SearchStrategy[Any]] = {
        "taken_on": st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)).map(dt.date.isoformat) | DOCUMENT_TEXT,
        "specialty": st.sampled_from([*specialties(), "derm", "IM", "Urology"]) | DOCUMENT_TEXT,
        "applicant": st.sampled_from([kind.value for kind in ApplicantType]) | DOCUMENT_TEXT,
        "program_tier": st.sampled_from([tier.value for tier in ProgramTier]) | DOCUMENT_TEXT,
        "attempts_used": st.integers(-2, 8),
        "applying_on": st.dates(dt.date(2015, 1, 1), dt.date(2040, 12, 31)).map(dt.date.isoformat),
        "edition": st.sampled_from(["charting-outcomes-2024", "ace-med-boards-2022"]) | DOCUMENT_TEXT,
        "norms": st.sampled_from(["2016-17", "2023-24"]) | DOCUMENT_TEXT,
        "schema_version": st.sampled_from(["1.0", "1.3", "2.0"]),
    }
    chosen = draw(st.lists(st.sampled_from(sorted(fields)), unique=True))
    request: dict[str, Any] = {"score": draw(st.integers(-5, 305) | st.sampled_from(["abc", "247", 247.0, True]))}
    request |= {name: draw(st.none() | fields[name]) for name in chosen}
    return request


# --- command line (cli.py): report text to wrap, CSV cells to escape ---------------------------------------

#: A word of a report: letters, digits, punctuation or symbols, never white space.
REPORT_WORDS: st.SearchStrategy[str] = st.text(
    st.characters(whitelist_categories=("Lu", "Ll", "Nd", "Po", "Pd", "Ps", "Pe", "Sm", "Sc")), min_size=1, max_size=18
)


@st.composite
def report_lines(draw: st.DrawFn) -> str:
    """A line as a report has them: indentation, then a one-word label or a bullet or neither, then words."""
    indent = " " * draw(st.integers(0, 6))
    marker = draw(st.sampled_from(["", "- ", "Result:     ", "Percentile: ", "Specialty:  "]))
    words = draw(st.lists(REPORT_WORDS, min_size=1, max_size=30))
    return indent + marker + " ".join(words)


#: A whole report: a few lines.
REPORT_TEXTS: st.SearchStrategy[str] = st.lists(report_lines(), min_size=1, max_size=6).map("\n".join)

#: Terminal widths, from a narrow window to a wide one.
TERMINAL_WIDTHS: st.SearchStrategy[int] = st.integers(min_value=20, max_value=160)

#: What a CSV cell can hold: text (formula-like or not), numbers, missing.
CSV_CELLS: st.SearchStrategy[object] = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["=", "+", "-", "@", "\t", "\r"]).flatmap(lambda first: st.text(max_size=8).map(first.__add__)),
    st.integers(-500, 500),
    st.floats(allow_nan=False, allow_infinity=False),
    st.none(),
)


# --- Hardening (errors, readers, names, dates, data files, links) ----------------------------------------------------

#: Inputs an adversarial user sends: huge numbers and texts, look-alike letters, date-like texts, odd objects.
HOSTILE_VALUES: st.SearchStrategy[Any] = st.one_of(
    ANYTHING,
    st.integers(min_value=10**300, max_value=10**310).map(lambda n: n**15),  # past Python's 4300-digit text limit
    st.integers(min_value=1, max_value=50).map(lambda n: "9" * (n * 1000)),
    st.text(st.characters(codec="utf-8"), min_size=200, max_size=400),
    st.sampled_from(["g\u0430s", "\u0434erm", "2022-W26", "2022-177", "20220627", "\x00", "\u202e", "NaN", "inf"]),
)

#: Texts shaped like dates: the calendar form, and the ISO forms and near misses the readers must refuse.
DATE_LIKE_TEXTS: st.SearchStrategy[str] = st.one_of(
    st.dates().map(dt.date.isoformat),
    st.dates().map(lambda d: d.strftime("%Y%m%d")),
    st.dates().map(lambda d: d.strftime("%G-W%V-%u")),
    st.dates().map(lambda d: d.strftime("%Y-%j")),
    st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", fullmatch=True),
    st.from_regex(r"[ \t]{0,2}[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}[ T:0-9a-zA-Z]{0,4}", fullmatch=True),
)

#: Names as typed anywhere in the world: any letters, marks, symbols and spaces.
ANY_NAMES: st.SearchStrategy[str] = st.text(st.characters(exclude_categories=["Cs"]), min_size=0, max_size=40)

#: Addresses a user's data file may put in ``source_url``.
URL_TEXTS: st.SearchStrategy[str] = st.one_of(
    st.from_regex(r"https?://[a-z]{1,10}\.example(/[a-z0-9?=&;]{0,10})?", fullmatch=True),
    st.sampled_from(
        ["javascript:alert(1)", "JaVaScRiPt:x", "data:text/html,x", "file:///etc/passwd", "ftp://a.example"]
    ),
    st.text(max_size=30).filter(str.strip),
)


# --- plots (issue 12): a class's results spanning the 209, 214 and 218 standards -------------------------------------

#: Test dates on either side of the 2022-07-01 and 2025-07-01 changes of the passing minimum.
COHORT_DATES: st.SearchStrategy[dt.date] = st.dates(min_value=dt.date(2021, 1, 1), max_value=dt.date(2027, 12, 31))


@st.composite
def cohort_frames(draw: st.DrawFn) -> pd.DataFrame:
    """A class's scores (some missing) with test dates that may fall under different passing minimums."""
    size = draw(st.integers(min_value=0, max_value=40))
    scores = draw(st.lists(st.none() | st.integers(min_value=150, max_value=SCALE_MAX), min_size=size, max_size=size))
    dates = draw(st.lists(COHORT_DATES, min_size=size, max_size=size))
    return pd.DataFrame({"score": pd.Series(scores, dtype="Int64"), "taken_on": dates})


# --- rules / frame: messy class tables, every kind of cell a user's spreadsheet holds ------------------------------

#: Scores as cells hold them: good, off the scale, fractional, booleans, numeric strings, blanks and missing.
MESSY_SCORES: st.SearchStrategy[Any] = st.one_of(
    SCORE_VALUES,
    st.sampled_from([0, 301, -5, 250.0, 250.5, 217.0, True, False, "250", " 247", "", "abc", None, float("nan")]),
    st.just([250]),  # an unhashable cell
)
#: Test dates: good ones, ISO strings (with spaces), bad strings, dates before the first standard, datetimes, numbers.
MESSY_DATES: st.SearchStrategy[Any] = st.one_of(
    TEST_DATES,
    TEST_DATES.map(dt.date.isoformat),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2012, 6, 30)),
    st.sampled_from([" 2025-09-15 ", "2025-13-01", "soon", "", dt.datetime(2025, 9, 15), 20250915, None]),  # noqa: DTZ001 - naive, as users pass
)
#: Specialties: names, short forms, typos, blanks, names no edition has, numbers and missing.
MESSY_SPECIALTIES: st.SearchStrategy[Any] = st.one_of(
    SPECIALTY_NAMES,
    SPECIALTY_ALIASES.map(lambda pair: pair[0]),
    st.sampled_from(["dermotology", "", "   ", "Underwater Surgery", 7, None]),
)
#: Applicant types: spellings, members, blanks, junk, numbers and missing.
MESSY_APPLICANTS: st.SearchStrategy[Any] = st.one_of(
    APPLICANT_TYPES,
    st.sampled_from(["us-md", "DO", "img", "us-img", "non-us-img", "", "martian", 1, True, None]),
)
#: Program tiers: spellings, members, blanks, junk, numbers and missing.
MESSY_PROGRAM_TIERS: st.SearchStrategy[Any] = st.one_of(
    st.sampled_from(ProgramTier),
    st.sampled_from(["community", "Top", "university", "", "elite", 2, None]),
)
#: Attempts used: counts, 1 beside True, floats, negatives, strings and missing.
MESSY_ATTEMPTS: st.SearchStrategy[Any] = st.one_of(
    st.integers(0, 6),
    st.sampled_from([1, True, False, 1.0, 1.5, -1, "1", "", None]),
)


@st.composite
def messy_student_frames(draw: st.DrawFn) -> pd.DataFrame:
    """A class table as users make them: object columns of mixed cells, or typed columns, any of them wrong.

    Each column is an object column of anything its field's strategy gives, or (when the
    cells allow it) a typed column: ``Int64``/``float64``/``bool`` scores, ``Int64`` attempts,
    ``datetime64`` test dates, categorical specialties. The index is a range from 100 or string labels.
    """
    size = draw(st.integers(min_value=0, max_value=12))

    def cells(strategy: st.SearchStrategy[Any]) -> list[Any]:
        return draw(st.lists(strategy, min_size=size, max_size=size))

    scores = cells(MESSY_SCORES)
    kind = draw(st.sampled_from(["object", "typed"]))
    score_column: pd.Series = pd.Series(scores, dtype=object)
    if kind == "typed":
        numbers = cells(st.none() | SCORE_VALUES | st.sampled_from([0, 301]))
        score_column = pd.Series(numbers, dtype=draw(st.sampled_from(["Int64", "float64"])))
        if draw(st.booleans()):
            score_column = pd.Series(cells(st.booleans()), dtype=bool)
    dates: pd.Series = pd.Series(cells(MESSY_DATES), dtype=object)
    if draw(st.booleans()):
        dates = pd.Series(pd.to_datetime(pd.Series(cells(st.none() | TEST_DATES), dtype=object)))
    specialty: pd.Series = pd.Series(cells(MESSY_SPECIALTIES), dtype=object)
    if draw(st.booleans()):
        specialty = pd.Series(cells(st.none() | SPECIALTY_NAMES | st.just("dermotology")), dtype="category")
    attempts: pd.Series = pd.Series(cells(MESSY_ATTEMPTS), dtype=object)
    if draw(st.booleans()):
        attempts = pd.Series(cells(st.none() | st.integers(0, 6)), dtype="Int64")
    labels = pd.RangeIndex(100, 100 + size) if draw(st.booleans()) else pd.Index([f"s{i}" for i in range(size)])
    columns = {
        "score": score_column,
        "taken_on": dates,
        "specialty": specialty,
        "applicant": pd.Series(cells(MESSY_APPLICANTS), dtype=object),
        "program_tier": pd.Series(cells(MESSY_PROGRAM_TIERS), dtype=object),
        "attempts_used": attempts,
    }
    return pd.DataFrame({name: column.set_axis(labels) for name, column in columns.items()}, index=labels)


#: The edition a class is compared with: the default, a packaged one by key, or a user's own.
ANY_EDITION: st.SearchStrategy[BenchmarkEdition | str | None] = st.one_of(
    st.none(), st.sampled_from(["charting-outcomes-2024", "ace-med-boards-2022"]), benchmark_editions()
)


# ---------------------------------------------------------------------------------------------------------------
# Performance (issue 11): evaluate()'s keywords as callers spell them, for the cached == uncached property

#: Specialty spellings that resolve in the default edition, canonical and short.
_KNOWN_SPELLINGS = ("derm", "Dermatology", "IM", "internal medicine", "FM", "peds", "psych", "OB/GYN", "ENT", "pm&r")


@st.composite
def evaluate_keywords(draw: st.DrawFn) -> dict[str, Any]:
    """Keywords of one evaluate() call (``score`` among them): raw spellings, dates as dates or text, options."""
    day = draw(TEST_DATES)
    keywords: dict[str, Any] = {
        "score": draw(SCORE_VALUES | SCORE_VALUES.map(float)),
        "taken_on": draw(st.sampled_from([day, day.isoformat()])),
    }
    if draw(st.booleans()):
        keywords["specialty"] = draw(st.sampled_from(_KNOWN_SPELLINGS))
        keywords["applicant"] = draw(st.none() | st.sampled_from(["us-md", "do", "img", "non-us-img", "us-img"]))
        keywords["program_tier"] = draw(st.none() | st.sampled_from(["community", "academic", "top"]))
    if draw(st.booleans()):
        keywords["attempts_used"] = draw(ATTEMPTS_WITH_A_SCORE)
        keywords["applying_on"] = draw(st.sampled_from([dt.date(2021, 1, 4), dt.date(2025, 10, 1), "2025-10-01"]))
    if draw(st.booleans()):
        keywords["norms"] = draw(st.sampled_from(["2017-2020", "2023-24"]))
    if draw(st.booleans()):
        keywords["sem"] = draw(st.sampled_from([5, 6.5]))
    if "specialty" not in keywords and draw(st.booleans()):
        keywords["edition"] = draw(st.sampled_from(["charting-outcomes-2024", "ace-med-boards-2022"]))
    return keywords


# ---------------------------------------------------------------------------------------------------------------
# Performance, round two (issue 11): frames whose every field but the score is fixed

#: Score cells as a table may hold them: whole numbers on and off the scale, fractions, text, flags, missing.
SCORE_CELLS: st.SearchStrategy[object] = st.one_of(
    SCORE_VALUES,
    SCORE_VALUES.map(float),
    st.sampled_from([0, 301, -5, 250.5, "250", "abc", True, None, float("nan")]),
)


@st.composite
def fixed_field_frames(draw: st.DrawFn) -> tuple[pd.DataFrame, dict[str, Any]]:
    """A column of score cells (as numbers, nullable integers or mixed objects) and fixed values for the other fields."""
    size = draw(st.integers(min_value=0, max_value=40))
    kind = draw(st.sampled_from(["int64", "Int64", "float64", "object"]))
    if kind == "int64":
        cells: Any = draw(st.lists(st.integers(-3, 305), min_size=size, max_size=size))
    elif kind == "Int64":
        cells = draw(st.lists(st.none() | st.integers(-3, 305), min_size=size, max_size=size))
    elif kind == "float64":
        cells = draw(st.lists(st.none() | SCORE_VALUES.map(float) | st.just(250.5), min_size=size, max_size=size))
    else:
        cells = draw(st.lists(SCORE_CELLS, min_size=size, max_size=size))
    fixed: dict[str, Any] = {"taken_on": draw(TEST_DATES)}
    if draw(st.booleans()):
        fixed["specialty"] = draw(SPECIALTY_NAMES)
        fixed["applicant"] = draw(st.sampled_from(["us-md", "do", "img", "us-img", "non-us-img"]))
        fixed["program_tier"] = draw(st.sampled_from(["community", "academic", "top"]))
    if draw(st.booleans()):
        fixed["attempts_used"] = draw(st.integers(1, 6))
    frame = pd.DataFrame({"score": pd.Series(cells, dtype=kind)}, index=pd.RangeIndex(7, 7 + size))
    return frame, fixed


# ---------------------------------------------------------------------------------------------------------------
# evaluate_frame's fast paths (frame3): typed columns as a table keeps them, all valid or not


@st.composite
def categorical_student_frames(draw: st.DrawFn) -> pd.DataFrame:
    """Whole-number scores, categorical per-row columns (some categories unused) and integer attempts.

    Half the frames are clean (every cell valid, none missing: the path with no absent
    row); the others may hold scores off the scale, missing or refused categories,
    attempts out of range (0, 100) and counts beyond the usual ones (7, 40), which widen
    the integer column past the range coded by offset.
    """
    size = draw(st.integers(min_value=0, max_value=30))
    clean = draw(st.booleans())

    def cells(valid: st.SearchStrategy[Any], invalid: st.SearchStrategy[Any]) -> list[Any]:
        strategy = valid if clean else valid | invalid
        return draw(st.lists(strategy, min_size=size, max_size=size))

    def categorical(values: list[Any], unused: list[Any]) -> pd.Series:
        present = {v for v in values if v is not None}
        return pd.Series(pd.Categorical(values, categories=sorted(present | set(unused))))

    days = TEST_DATES.map(dt.date.isoformat)
    columns = {
        "score": pd.Series(cells(SCORE_VALUES, st.sampled_from([0, 301, -3])), dtype="int64"),
        "taken_on": categorical(cells(days, st.sampled_from([None, "2001-01-01", "2022-W26"])), ["2024-02-30"]),
        "specialty": categorical(cells(SPECIALTY_NAMES, st.sampled_from([None, "dermotology"])), ["martian"]),
        "applicant": categorical(
            cells(st.sampled_from(["us-md", "do", "img", "us-img", "non-us-img"]), st.sampled_from([None, "x"])),
            ["DO"],
        ),
        "program_tier": categorical(
            cells(st.sampled_from(["community", "academic", "top"]), st.sampled_from([None, "elite"])), []
        ),
        "attempts_used": pd.Series(cells(st.integers(1, 6), st.sampled_from([0, 7, 40, 100, 1000])), dtype="int64"),
    }
    labels = pd.RangeIndex(3, 3 + size)
    return pd.DataFrame({name: column.set_axis(labels) for name, column in columns.items()}, index=labels)


# ---------------------------------------------------------------------------------------------------------------
# Hardening, round 3 (issue 20): arguments of every Python type, for one fuzz test per public entry point

#: Scalars of every type a caller may pass by mistake: sizes, signs and characters at their extremes.
EVERY_SCALAR: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**5000), max_value=10**5000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.text(st.characters(codec="utf-8"), max_size=20),
    st.text(st.characters(categories=["Cc", "Cf", "Zl", "Zp"]), max_size=5),
    st.sampled_from(["250", "derm", "2025-09-15", "us-md", "academic", "article", "2023-24", "$x$", "\x00", "\r"]),
    st.binary(max_size=20),
    st.decimals(allow_nan=True),
    st.decimals(allow_nan=False, allow_infinity=False, places=0).map(lambda d: d.scaleb(10_000)),
    st.fractions(),
    st.dates(),
    st.datetimes(),
)

#: Anything at all, nested: lists, tuples, dicts, sets and frozensets of scalars, up to a few levels deep.
EVERY_TYPE: st.SearchStrategy[Any] = st.recursive(
    EVERY_SCALAR,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(st.text(max_size=8), inner, max_size=3),
        st.frozensets(st.integers() | st.text(max_size=5), max_size=3),
        st.sets(st.integers() | st.text(max_size=5), max_size=3),
    ),
    max_leaves=6,
)


def _nested(depth: int, in_dicts: bool) -> Any:  # noqa: FBT001 - a strategy's drawn pair
    """0 inside ``depth`` lists, or ``depth`` one-key dicts."""
    value: Any = 0
    for _ in range(depth):
        value = {"a": value} if in_dicts else [value]
    return value


#: A value as it would be nested past any document limit: a list or dict 40 to 2,000 levels deep.
DEEP_VALUES: st.SearchStrategy[Any] = st.builds(_nested, st.integers(min_value=40, max_value=2_000), st.booleans())

#: What a fuzz test passes for one parameter: anything, sometimes nested past the limits.
ANY_ARGUMENT: st.SearchStrategy[Any] = st.one_of(EVERY_TYPE, DEEP_VALUES)
