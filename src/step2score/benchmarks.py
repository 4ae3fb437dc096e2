"""Specialty benchmarks: the mean Step 2 CK of matched applicants, by edition.

Specialty names are read as people type them: case, spacing and punctuation do not
matter, and the usual short forms resolve (``derm``, ``IM``, ``OB/GYN``, ``PM&R``).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator

import attrs

from step2score._data import Row, packaged_table, read_table_file
from step2score._validate import SCALE_MAX, SCALE_MIN, check_instance, check_int_range, check_text, type_error
from step2score.errors import (
    DataFileError,
    InvalidValueError,
    SpecialtyNotInEditionError,
    UnknownEditionError,
    UnknownSpecialtyError,
)
from step2score.sources import Source

__all__ = [
    "BenchmarkEdition",
    "SpecialtyBenchmark",
    "SpecialtyComparison",
    "benchmark_editions",
    "choose_edition",
    "compare_with_edition",
    "default_edition",
    "edition_named",
    "load_edition",
    "resolve_specialty",
    "specialties",
    "specialty_aliases",
]

#: Each specialty the library knows, with the short forms people type for it.
_ALIASES: dict[str, tuple[str, ...]] = {
    "Anesthesiology": ("anesthesia", "anaesthesia", "anaesthesiology", "anesth", "gas"),
    "Dermatology": ("derm",),
    "Diagnostic Radiology": ("radiology", "rads", "dr", "diagnostic rads"),
    "Emergency Medicine": ("em", "emergency", "er"),
    "Family Medicine": ("fm", "family practice", "fp"),
    "General Surgery": ("gen surg", "gs", "surgery", "general surg", "gsurg"),
    "Internal Medicine": ("im", "medicine", "int med"),
    "Neurological Surgery": ("neurosurgery", "nsgy", "neurosurg", "nsurg"),
    "Neurology": ("neuro",),
    "Obstetrics and Gynecology": ("ob/gyn", "obgyn", "ob-gyn", "obstetrics gynecology", "obs gyn", "og"),
    "Orthopaedic Surgery": (
        "ortho",
        "orthopedic surgery",
        "orthopedics",
        "orthopaedics",
        "orthopedic",
        "orthopaedic",
        "ortho surg",
    ),
    "Otolaryngology": ("ent", "oto", "ohns", "otolaryngology head and neck surgery", "ear nose and throat"),
    "Pathology": ("path",),
    "Pediatrics": ("peds", "paeds", "paediatrics"),
    "Physical Medicine and Rehabilitation": ("pm&r", "pmr", "pm and r", "physiatry", "pmnr"),
    "Plastic Surgery (Integrated)": ("plastics", "plastic surgery", "integrated plastic surgery", "ps"),
    "Psychiatry": ("psych", "psy"),
    "Radiation Oncology": ("rad onc", "radonc", "radiation oncology", "rad-onc"),
}
#: The row of an edition that holds all its matched applicants together.
OVERALL = "All specialties"


def _key(text: str) -> str:
    """The form names are compared in: lower case, ``&`` as ``and``, letters and digits only."""
    return "".join(char for char in text.casefold().replace("&", "and") if char in _KEY_CHARACTERS)


_KEY_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


@functools.cache
def _known() -> dict[str, str]:
    table = {_key(name): name for name in _ALIASES}
    for name, aliases in _ALIASES.items():
        for alias in aliases:
            table[_key(alias)] = name
    return table


def specialties() -> tuple[str, ...]:
    """The canonical names of every specialty the library knows, sorted.

    >>> specialties()[:3]
    ('Anesthesiology', 'Dermatology', 'Diagnostic Radiology')
    """
    return tuple(sorted(_ALIASES))


def specialty_aliases() -> dict[str, tuple[str, ...]]:
    """Every canonical specialty name with the short forms that resolve to it.

    >>> specialty_aliases()["Internal Medicine"]
    ('im', 'medicine', 'int med')
    """
    return dict(sorted(_ALIASES.items()))


def _suggest(text: str, names: Iterable[str]) -> list[str]:
    import difflib  # noqa: PLC0415 - only an unknown name needs it

    candidates = {_key(n): n for n in names} | _known()
    close = difflib.get_close_matches(_key(text), list(candidates), n=6, cutoff=0.75)
    return list(dict.fromkeys(candidates[c] for c in close))[:3]


def resolve_specialty(name: str, /, *, extra: Iterable[str] = ()) -> str:
    """The canonical name of the specialty ``name`` stands for.

    Args:
        name: A name as typed: any case, spacing and punctuation, or a short form.
        extra: Further names that resolve to themselves (an edition's own specialties).

    Raises:
        UnknownSpecialtyError: No specialty matches; the message suggests the closest.
        InvalidTypeError: ``name`` is not a string.

    >>> resolve_specialty("derm"), resolve_specialty("OB/GYN"), resolve_specialty("pm&r")
    ('Dermatology', 'Obstetrics and Gynecology', 'Physical Medicine and Rehabilitation')
    >>> resolve_specialty("dermotology")
    Traceback (most recent call last):
        ...
    step2score.errors.UnknownSpecialtyError: unknown specialty 'dermotology'; did you mean 'Dermatology'?
    List every name with step2score.specialties() or `step2score specialties`
    """
    if not isinstance(name, str):
        raise type_error(name, str, field="specialty")
    key = _key(name)
    extras = {_key(n): n for n in extra}
    found = _known().get(key) or extras.get(key)
    if found is None or not key:
        suggestions = _suggest(name, extras.values())
        hint = f"; did you mean {' or '.join(map(repr, suggestions))}?" if suggestions else "."
        listing = "List every name with step2score.specialties() or `step2score specialties`"
        msg = f"unknown specialty {name!r}{hint} {listing}"
        raise UnknownSpecialtyError(msg)
    return found


def _mean(value: object) -> int:
    return check_int_range(value, field="mean", low=SCALE_MIN, high=SCALE_MAX)


def _mean_from_text(text: str) -> int:
    """A mean as a data file writes it: ``257`` (or ``257.0``); ``256.5`` and ``abc`` are refused."""
    try:
        number: int | float = int(text)
    except ValueError:
        try:
            number = float(text)
        except ValueError:
            msg = f"mean must be an integer from {SCALE_MIN} to {SCALE_MAX}, got {text!r}"
            raise InvalidValueError(msg) from None
    return _mean(number)


def _match_year(value: object) -> int:
    return check_int_range(value, field="match_year", low=1952, high=2100)


def _text(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    check_text(value, field=attribute.name)


def _is_source(_instance: object, attribute: attrs.Attribute[Source], value: object) -> None:
    check_instance(value, Source, field=attribute.name)


@attrs.frozen
class SpecialtyBenchmark:
    """The mean Step 2 CK of one specialty's matched applicants, in one edition.

    Args:
        specialty: The canonical specialty name.
        mean: The mean score of matched applicants (an integer on the scale).
        edition: The name of the edition the figure belongs to.
        cohort: Whose scores these are ("matched U.S. MD seniors").
        source: Where the figure was read.
        label: The name as the source prints it, when it differs.

    >>> b = default_edition()["derm"]
    >>> b.specialty, b.mean, b.edition
    ('Dermatology', 257, 'Charting Outcomes 2024')
    """

    specialty: str = attrs.field(validator=_text)
    mean: int = attrs.field(converter=_mean)
    edition: str = attrs.field(validator=_text)
    cohort: str = attrs.field(validator=_text)
    source: Source = attrs.field(validator=_is_source)
    label: str = attrs.field(kw_only=True, default="")

    def __attrs_post_init__(self) -> None:
        check_instance(self.label, str, field="label")
        if not self.label:
            object.__setattr__(self, "label", self.specialty)


def _benchmarks(value: object) -> tuple[SpecialtyBenchmark, ...]:
    if not isinstance(value, tuple | list):
        raise type_error(value, (tuple, list), field="benchmarks")
    for index, item in enumerate(value):
        check_instance(item, SpecialtyBenchmark, field=f"benchmarks[{index}]")
    return tuple(value)


@attrs.frozen
class BenchmarkEdition:
    """One published table of specialty benchmarks (for example NRMP Charting Outcomes 2024).

    Look a specialty up by any name that resolves to it; iterate to get every row.

    Args:
        name: What the edition is called ("Charting Outcomes 2024").
        match_year: The Match the figures describe.
        cohort: Whose scores these are.
        benchmarks: One row per specialty; no specialty twice.
        source: Where the edition was read (``None`` for a user's file whose rows carry their own).
        overall: The row for all matched applicants together, if the edition has one.
        key: A short name to ask for the edition by ("charting-outcomes-2024").

    >>> edition = default_edition()
    >>> len(edition), edition.match_year, edition["IM"].mean
    (18, 2024, 250)
    >>> "ENT" in edition, "Urology" in edition
    (True, False)
    """

    name: str = attrs.field(validator=_text)
    match_year: int = attrs.field(converter=_match_year)
    cohort: str = attrs.field(validator=_text)
    benchmarks: tuple[SpecialtyBenchmark, ...] = attrs.field(converter=_benchmarks)
    source: Source | None = attrs.field(default=None, kw_only=True)
    overall: SpecialtyBenchmark | None = attrs.field(default=None, kw_only=True)
    key: str = attrs.field(default="", kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.source is not None:
            check_instance(self.source, Source, field="source")
        if self.overall is not None:
            check_instance(self.overall, SpecialtyBenchmark, field="overall")
        check_instance(self.key, str, field="key")
        if not self.key:
            object.__setattr__(self, "key", _slug(self.name))
        seen: set[str] = set()
        for row in self.benchmarks:
            if _key(row.specialty) in seen:
                msg = f"benchmarks must name each specialty once, got {row.specialty!r} twice in edition {self.name!r}"
                raise InvalidValueError(msg)
            seen.add(_key(row.specialty))

    def __iter__(self) -> Iterator[SpecialtyBenchmark]:
        return iter(self.benchmarks)

    def __len__(self) -> int:
        return len(self.benchmarks)

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        try:
            self[name]
        except (UnknownSpecialtyError, SpecialtyNotInEditionError):
            return False
        return True

    def __getitem__(self, name: str) -> SpecialtyBenchmark:
        """The row for the specialty ``name`` resolves to.

        Raises:
            UnknownSpecialtyError: The name matches no specialty.
            SpecialtyNotInEditionError: The specialty has no row in this edition.
        """
        wanted = resolve_specialty(name, extra=self.specialties)
        for row in self.benchmarks:
            if row.specialty == wanted:
                return row
        msg = f"specialty {wanted!r} has no benchmark in edition {self.name!r}; it has: {', '.join(self.specialties)}"
        raise SpecialtyNotInEditionError(msg)

    @property
    def specialties(self) -> tuple[str, ...]:
        """The specialty names of the edition's rows, in its order."""
        return tuple(row.specialty for row in self.benchmarks)


def _slug(text: str) -> str:
    words = "".join(char if char in _KEY_CHARACTERS else " " for char in text.casefold())
    return "-".join(words.split())


_ROW_COLUMNS = ("edition", "specialty", "label", "mean")
_EDITION_COLUMNS = ("key", "name", "match_year", "cohort", "default")


def _row_benchmark(row: Row, *, edition: str, cohort: str, known: bool) -> SpecialtyBenchmark:
    raw = row.text("specialty")
    if raw == OVERALL:
        specialty = OVERALL
    elif known:
        specialty = row.read("specialty", resolve_specialty)
    else:
        try:
            specialty = resolve_specialty(raw)
        except UnknownSpecialtyError:
            specialty = " ".join(raw.split())
    return SpecialtyBenchmark(
        specialty,
        row.read("mean", _mean_from_text),
        edition,
        row.text("cohort", required=False) or cohort,
        row.source(),
        label=row.text("label", required=False),
    )


def _edition_from_rows(
    rows: Iterable[Row],
    *,
    origin: str,
    name: str,
    match_year: int,
    cohort: str,
    source: Source | None,
    key: str = "",
    known: bool,
) -> BenchmarkEdition:
    benchmarks: list[SpecialtyBenchmark] = []
    overall: SpecialtyBenchmark | None = None
    seen: dict[str, int] = {}
    for row in rows:
        benchmark = _row_benchmark(row, edition=name, cohort=cohort, known=known)
        if benchmark.specialty in seen:
            msg = (
                f"{row.where('specialty')}: {benchmark.specialty!r} appears twice "
                f"(first at row {seen[benchmark.specialty]})"
            )
            raise DataFileError(msg)
        seen[benchmark.specialty] = row.number
        if benchmark.specialty == OVERALL:
            overall = benchmark
        else:
            benchmarks.append(benchmark)
    if not benchmarks:
        msg = f"{origin}: the file has no specialty rows for edition {name!r}"
        raise DataFileError(msg)
    return BenchmarkEdition(name, match_year, cohort, tuple(benchmarks), source=source, overall=overall, key=key)


@functools.cache
def benchmark_editions() -> tuple[BenchmarkEdition, ...]:
    """Every packaged edition, the default first.

    >>> [e.name for e in benchmark_editions()]
    ['Charting Outcomes 2024', 'Ace Med Boards article (labelled 2022)']
    """
    rows = packaged_table("benchmarks.csv", _ROW_COLUMNS)
    editions = []
    for meta in packaged_table("editions.csv", _EDITION_COLUMNS):
        key = meta.text("key")
        editions.append(
            (
                meta.text("default") != "yes",
                _edition_from_rows(
                    (row for row in rows if row.text("edition") == key),
                    origin="step2score/data/benchmarks.csv",
                    name=meta.text("name"),
                    match_year=meta.read("match_year", int),
                    cohort=meta.text("cohort"),
                    source=meta.source(),
                    key=key,
                    known=True,
                ),
            )
        )
    return tuple(edition for _, edition in sorted(editions, key=lambda pair: pair[0]))


def default_edition() -> BenchmarkEdition:
    """The edition used when none is asked for: Charting Outcomes 2024.

    >>> default_edition().name, default_edition()["peds"].mean
    ('Charting Outcomes 2024', 247)
    """
    return benchmark_editions()[0]


def edition_named(name: str, /, *, editions: Iterable[BenchmarkEdition] | None = None) -> BenchmarkEdition:
    """The packaged edition called ``name`` (its name or key, any case).

    >>> edition_named("ace-med-boards-2022").match_year
    2022
    >>> edition_named("Charting Outcomes 2024").key
    'charting-outcomes-2024'
    """
    if not isinstance(name, str):
        raise type_error(name, str, field="edition")
    pool = tuple(benchmark_editions() if editions is None else editions)
    for edition in pool:
        if _key(name) in {_key(edition.name), _key(edition.key)}:
            return edition
    known = ", ".join(repr(e.key) for e in pool)
    msg = f"edition must be one of {known} (or a BenchmarkEdition), got {name!r}"
    raise UnknownEditionError(msg)


def choose_edition(edition: BenchmarkEdition | str | None, /) -> BenchmarkEdition:
    """The edition ``edition`` stands for: itself, a packaged one by name or key, or the default for ``None``.

    >>> choose_edition(None).name, choose_edition("ace-med-boards-2022").match_year
    ('Charting Outcomes 2024', 2022)
    """
    if edition is None:
        return default_edition()
    if isinstance(edition, BenchmarkEdition):
        return edition
    return edition_named(edition)


def load_edition(
    path: str | os.PathLike[str],
    /,
    *,
    name: str | None = None,
    match_year: int,
    cohort: str = "matched applicants",
) -> BenchmarkEdition:
    r"""Load your own benchmark edition from a CSV or TOML file.

    The file has one row per specialty with the columns ``specialty``, ``mean``,
    ``source_title``, ``source_url`` and ``confidence`` (optional: ``label``, ``cohort``,
    ``note``). A TOML file holds the same fields in an array of tables named ``rows``.
    Specialty names resolve as everywhere else; a name the library does not know is kept
    as written. A row named ``All specialties`` becomes the edition's overall figure.
    White space around a cell's text is dropped. The file is parsed, never executed.

    Args:
        path: The file; ``.toml`` is read as TOML, anything else as CSV.
        name: The edition's name; the file name without its suffix by default.
        match_year: The Match the figures describe.
        cohort: Whose scores these are, unless a row says otherwise.

    Raises:
        DataFileError: The file cannot be read, or a row breaks a rule; the message
            names the file, the row and the field.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "our_school.csv").write_text(
    ...     "specialty,mean,source_title,source_url,confidence\n"
    ...     "derm,255,Our matched students 2025,https://school.example/match,official\n"
    ... )
    >>> ours = load_edition(folder / "our_school.csv", match_year=2025)
    >>> ours.name, ours["Dermatology"].mean
    ('our_school', 255)
    """
    rows = read_table_file(path, required=("specialty", "mean"))
    edition_name = name if name is not None else os.path.splitext(os.path.basename(path))[0]
    check_text(edition_name, field="name")
    check_text(cohort, field="cohort")
    year = _match_year(match_year)
    return _edition_from_rows(
        rows, origin=os.fspath(path), name=edition_name, match_year=year, cohort=cohort, source=None, known=False
    )


@attrs.frozen
class SpecialtyComparison:
    """A score set beside one specialty's matched mean.

    Attributes:
        specialty: The canonical specialty name.
        mean: The specialty's mean score of matched applicants.
        difference: The score minus the mean (negative when below it).

    >>> compare_with_edition(250, default_edition())[-1]
    SpecialtyComparison(specialty='Family Medicine', mean=244, difference=6)
    """

    specialty: str
    mean: int
    difference: int


def compare_with_edition(score: int, /, edition: BenchmarkEdition) -> tuple[SpecialtyComparison, ...]:
    """The score beside every specialty of ``edition``, the most demanding specialty first.

    Rows are ordered by the difference (score minus mean), smallest first, then by name.

    >>> [(c.specialty, c.difference) for c in compare_with_edition(250, default_edition())[:2]]
    [('Dermatology', -7), ('Orthopaedic Surgery', -7)]
    """
    check_instance(edition, BenchmarkEdition, field="edition")
    value = check_int_range(score, field="score", low=SCALE_MIN, high=SCALE_MAX)
    rows = (SpecialtyComparison(b.specialty, b.mean, value - b.mean) for b in edition)
    return tuple(sorted(rows, key=lambda c: (c.difference, c.specialty)))
