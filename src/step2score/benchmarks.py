"""Specialty benchmarks: the Step 2 CK of matched applicants, by edition.

An edition gives, per specialty, a central figure that says what it is (a mean, or a
median with quartiles and counts, as NRMP's Charting Outcomes 2026 publishes them).
Specialty names are read as people type them: case, spacing and punctuation do not
matter, and the usual short forms resolve (``derm``, ``IM``, ``OB/GYN``, ``PM&R``).
Urology and Ophthalmology match outside the NRMP Main Residency Match and have no
benchmark: asking for one says so (:class:`~step2score.errors.OutsideMatchError`).
"""

from __future__ import annotations

import enum
import functools
import os
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import attrs

from step2score import rules
from step2score._data import Row, packaged_table, read_table_file
from step2score._validate import (
    DECLARED_ORDER,
    NO_ORDER,
    SCALE_MAX,
    SCALE_MIN,
    check_instance,
    check_int_range,
    check_text,
    field_repr,
    instance_of,
    name_key,
    parse_enum,
    require_extra,
    text_field,
    type_error,
)
from step2score.errors import (
    DataFileError,
    InvalidValueError,
    OutsideMatchError,
    SpecialtyNotInEditionError,
    Step2ScoreError,
    UnknownEditionError,
    UnknownSpecialtyError,
    bounded_repr,
)
from step2score.sources import Source

if TYPE_CHECKING:
    import pandas as pd


__all__ = [
    "BenchmarkEdition",
    "DistributionPosition",
    "Quartile",
    "SpecialtyBenchmark",
    "SpecialtyComparison",
    "Statistic",
    "benchmark_editions",
    "choose_edition",
    "compare_with_edition",
    "default_edition",
    "edition_named",
    "load_edition",
    "position_in",
    "resolve_specialty",
    "specialties",
    "specialty_aliases",
]

#: Each specialty the library knows, with the short forms people type for it.
_ALIASES: dict[str, tuple[str, ...]] = {
    "Anesthesiology": ("anesthesia", "anaesthesia", "anaesthesiology", "anesth", "gas"),
    "Child Neurology": ("child neuro", "pediatric neurology", "paediatric neurology", "peds neuro", "neurology child"),
    "Dermatology": ("derm",),
    "Diagnostic Radiology": ("radiology", "rads", "dr", "diagnostic rads"),
    "Emergency Medicine": ("em", "emergency", "er"),
    "Family Medicine": ("fm", "family practice", "fp"),
    "General Surgery": ("gen surg", "gs", "surgery", "general surg", "gsurg"),
    "Internal Medicine": ("im", "medicine", "int med"),
    "Internal Medicine/Pediatrics": (
        "med-peds",
        "med peds",
        "medpeds",
        "im/peds",
        "im-peds",
        "internal medicine pediatrics",
    ),
    "Interventional Radiology (Integrated)": ("ir", "interventional radiology", "integrated ir", "interventional rads"),
    "Neurological Surgery": ("neurosurgery", "nsgy", "neurosurg", "nsurg"),
    "Neurology": ("neuro",),
    "Obstetrics and Gynecology": ("ob/gyn", "ob&gyn", "obgyn", "ob-gyn", "obstetrics gynecology", "obs gyn", "og"),
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
    "Pathology": ("path", "pathology (anatomic and clinical)", "ap/cp", "apcp", "anatomic and clinical pathology"),
    "Pediatrics": ("peds", "paeds", "paediatrics"),
    "Physical Medicine and Rehabilitation": ("pm&r", "pmr", "pm and r", "physiatry", "pmnr"),
    "Plastic Surgery (Integrated)": ("plastics", "plastic surgery", "integrated plastic surgery", "ps"),
    "Psychiatry": ("psych", "psy"),
    "Radiation Oncology": ("rad onc", "radonc", "radiation oncology", "rad-onc"),
    "Thoracic Surgery (Integrated)": (
        "thoracic surgery",
        "cardiothoracic surgery",
        "ct surgery",
        "cts",
        "thoracic",
        "i6",
    ),
    "Vascular Surgery (Integrated)": (
        "vascular surgery",
        "vascular",
        "vasc surg",
        "vsurg",
        "integrated vascular surgery",
    ),
}
#: Specialties that match outside the NRMP Main Residency Match, with the short forms people type for them.
_OUTSIDE_ALIASES: dict[str, tuple[str, ...]] = {
    "Urology": ("uro", "urology", "urol", "gu surgery"),
    "Ophthalmology": ("ophtho", "optho", "ophthalmology", "ophth", "eye", "opthalmology"),
}
#: The row of an edition that holds all its matched applicants together.
OVERALL = "All specialties"


@functools.lru_cache(maxsize=4096)
def _key(text: str, *, field: str = "specialty") -> str:
    """The form names are compared in (:func:`~step2score._validate.name_key`): Latin letters and digits only.

    Cached per spelling: every specialty look-up normalises the name it is given.
    """
    return name_key(text, field=field)


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
    ('Anesthesiology', 'Child Neurology', 'Dermatology')
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
        OutsideMatchError: The specialty matches outside the NRMP Main Residency Match
            (Urology, Ophthalmology); the message names its match and the source.
        InvalidTypeError: ``name`` is not a string.

    >>> resolve_specialty("derm"), resolve_specialty("OB/GYN"), resolve_specialty("pm&r")
    ('Dermatology', 'Obstetrics and Gynecology', 'Physical Medicine and Rehabilitation')
    >>> resolve_specialty("dermotology")
    Traceback (most recent call last):
        ...
    step2score.errors.UnknownSpecialtyError: unknown specialty 'dermotology'; did you mean 'Dermatology'?
    >>> resolve_specialty("uro")
    Traceback (most recent call last):
        ...
    step2score.errors.OutsideMatchError: Urology matches through the AUA Urology Match, not the NRMP Main
    Residency Match, so Charting Outcomes has no figures for it (source: UCSF School of Medicine, Specialty Matches ;
    Columbia Vagelos, Residency Match Information, https://meded.ucsf.edu/...)
    """
    if not isinstance(name, str):
        raise type_error(name, str, field="specialty")
    key = _key(name)
    extras = {_key(n): n for n in extra}
    found = _known().get(key) or extras.get(key)
    if found is not None and key:
        return found
    outside = _outside_match().get(key)
    if outside is not None:
        raise _outside_error(outside)
    suggestions = _suggest(name, extras.values())
    close = f"; did you mean {' or '.join(map(repr, suggestions))}?" if suggestions else "; see the list of specialties"
    msg = f"unknown specialty {bounded_repr(name)}{close}"
    raise UnknownSpecialtyError(
        msg,
        field="specialty",
        value=name,
        rule="a specialty name or short form the library knows",
        suggestions=suggestions,
        hint="List every name with step2score.specialties() or `step2score specialties`.",
    )


@functools.cache
def _outside_match() -> dict[str, Row]:
    """The rows of ``outside_match.csv`` by the key of every name and short form."""
    table: dict[str, Row] = {}
    for row in packaged_table("outside_match.csv", ("specialty", "match")):
        name = row.text("specialty")
        for spelling in (name, *_OUTSIDE_ALIASES.get(name, ())):
            table[_key(spelling)] = row
    return table


def _outside_error(row: Row) -> OutsideMatchError:
    source = row.source()
    name = row.text("specialty")
    msg = (
        f"{name} matches through {row.text('match')}, not the NRMP Main Residency Match, so Charting Outcomes "
        f"has no figures for it (source: {source.title}, {source.url})"
    )
    return OutsideMatchError(msg, field="specialty", value=name, rule="a specialty of the NRMP Main Residency Match")


class Statistic(enum.StrEnum):
    """What a benchmark's central figure is: a mean or a median.

    >>> Statistic("median").value
    'median'
    """

    __lt__, __le__, __gt__, __ge__ = NO_ORDER

    MEAN = "mean"
    MEDIAN = "median"


class Quartile(enum.IntEnum):
    """Where a score falls among a specialty's matched applicants, by quartile.

    The boundaries belong to the upper interval: a score equal to the median is
    "median to Q3". The order is the order of scores, so positions compare.

    >>> Quartile.BELOW_Q1 < Quartile.ABOVE_Q3, Quartile.MEDIAN_TO_Q3.label
    (True, 'between the median and Q3')
    """

    __lt__, __le__, __gt__, __ge__ = DECLARED_ORDER

    BELOW_Q1 = 0
    Q1_TO_MEDIAN = 1
    MEDIAN_TO_Q3 = 2
    ABOVE_Q3 = 3

    @property
    def label(self) -> str:
        """The position in words ("below Q1")."""
        return _QUARTILE_LABELS[self]


_QUARTILE_LABELS = {
    Quartile.BELOW_Q1: "below Q1",
    Quartile.Q1_TO_MEDIAN: "between Q1 and the median",
    Quartile.MEDIAN_TO_Q3: "between the median and Q3",
    Quartile.ABOVE_Q3: "at or above Q3",
}


def _score_figure(value: object, *, field: str) -> int:
    return check_int_range(value, field=field, low=SCALE_MIN, high=SCALE_MAX)


def _optional_score_figure(value: object, *, field: str) -> int | None:
    return None if value is None else _score_figure(value, field=field)


def _optional_count(value: object, *, field: str) -> int | None:
    return None if value is None else check_int_range(value, field=field, low=0)


def _figure_from_text(text: str, *, field: str = "value") -> int:
    """A score figure as a data file writes it: ``257`` (or ``257.0``) in ASCII digits.

    ``256.5``, ``abc``, ``2_57``, full-width or other scripts' digits are refused, never guessed.
    """
    if not _FIGURE_TEXT.fullmatch(text):
        msg = f"{field} must be an integer from {SCALE_MIN} to {SCALE_MAX}, got {bounded_repr(text)}"
        raise InvalidValueError(msg, field=field, value=text, rule=f"an integer from {SCALE_MIN} to {SCALE_MAX}")
    number: int | float = int(text) if text.isdigit() else float(text)
    return _score_figure(number, field=field)


#: A figure as a file may write it: up to ten ASCII digits, optionally followed by a decimal part.
_FIGURE_TEXT = re.compile(r"[0-9]{1,10}(\.[0-9]{1,10})?")


def _match_year(value: object) -> int:
    return check_int_range(value, field="match_year", low=1952, high=2100)


def _statistic(value: object) -> Statistic:
    return parse_enum(value, Statistic, field="statistic")


@attrs.frozen(cache_hash=True)  # a cache key of the scalar and frame paths
class SpecialtyBenchmark:
    """The Step 2 CK of one specialty's matched applicants, in one edition.

    The central figure says what it is (``statistic``): Charting Outcomes 2026 gives
    the median with the first and third quartiles and the counts of matched and
    not-matched applicants; older editions give a mean only.

    Args:
        specialty: The canonical specialty name.
        statistic: What ``value`` is: :attr:`Statistic.MEAN` or :attr:`Statistic.MEDIAN`.
        value: The mean or median score of matched applicants (an integer on the scale).
        edition: The name of the edition the figure belongs to.
        cohort: Whose scores these are ("matched U.S. MD seniors").
        source: Where the figure was read.
        label: The name as the source prints it, when it differs.
        q1: The matched applicants' first quartile, if published.
        q3: The matched applicants' third quartile, if published.
        matched_n: How many matched applicants the figures describe, if published.
        not_matched_n: How many preferred the specialty and did not match, if published.
        not_matched_median: The median score of those who did not match, if published.

    >>> b = default_edition()["derm"]
    >>> b.specialty, b.statistic.value, b.value, b.q1, b.q3, b.matched_n, b.edition
    ('Dermatology', 'median', 258, 251, 266, 356, 'Charting Outcomes 2026')
    >>> b.describe()
    'median 258 (Q1 251, Q3 266; n = 356) of matched applicants in Dermatology (Charting Outcomes 2026)'
    """

    specialty: str = attrs.field(validator=text_field)
    statistic: Statistic = attrs.field(converter=_statistic)
    value: int
    edition: str = attrs.field(validator=text_field)
    cohort: str = attrs.field(validator=text_field)
    source: Source = attrs.field(validator=instance_of(Source))
    label: str = attrs.field(kw_only=True, default="")
    q1: int | None = attrs.field(kw_only=True, default=None)
    q3: int | None = attrs.field(kw_only=True, default=None)
    matched_n: int | None = attrs.field(kw_only=True, default=None)
    not_matched_n: int | None = attrs.field(kw_only=True, default=None)
    not_matched_median: int | None = attrs.field(kw_only=True, default=None)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "value", _score_figure(self.value, field="value"))
        for name in ("q1", "q3", "not_matched_median"):
            object.__setattr__(self, name, _optional_score_figure(getattr(self, name), field=name))
        for name in ("matched_n", "not_matched_n"):
            object.__setattr__(self, name, _optional_count(getattr(self, name), field=name))
        check_instance(self.label, str, field="label")
        if not self.label:
            object.__setattr__(self, "label", self.specialty)
        if (self.q1 is None) != (self.q3 is None):
            msg = f"q1 and q3 must be given together, got q1={self.q1}, q3={self.q3} for {bounded_repr(self.specialty)}"
            raise InvalidValueError(msg)
        if self.q1 is not None and self.q3 is not None:
            if self.statistic is not Statistic.MEDIAN:
                msg = (
                    "quartiles need statistic='median', got "
                    f"statistic={bounded_repr(self.statistic.value)} for {bounded_repr(self.specialty)}"
                )
                raise InvalidValueError(msg)
            if not self.q1 <= self.value <= self.q3:
                msg = (
                    f"quartiles must satisfy q1 <= median <= q3, got {self.q1}, {self.value}, {self.q3} "
                    f"for {bounded_repr(self.specialty)}"
                )
                raise InvalidValueError(msg)

    def __repr__(self) -> str:
        """One line: the figures and the edition; the source is on :attr:`source`.

        >>> default_edition()["derm"]
        SpecialtyBenchmark('Dermatology', median 258, Q1 251, Q3 266, n 356, not matched: median 252, n 181,
        edition='Charting Outcomes 2026')
        """
        figures = [f"{self.statistic.value} {self.value}"]
        if self.q1 is not None:
            figures += [f"Q1 {self.q1}", f"Q3 {self.q3}"]
        if self.matched_n is not None:
            figures.append(f"n {self.matched_n}")
        if self.not_matched_median is not None:
            figures.append(f"not matched: median {self.not_matched_median}, n {self.not_matched_n}")
        return f"SpecialtyBenchmark({self.specialty!r}, {', '.join(figures)}, edition={self.edition!r})"

    @property
    def has_quartiles(self) -> bool:
        """Whether the row gives the matched applicants' first and third quartiles.

        >>> default_edition()["IM"].has_quartiles, edition_named("charting-outcomes-2024")["IM"].has_quartiles
        (True, False)
        """
        return self.q1 is not None

    def describe(self) -> str:
        """The central figure in words, naming the statistic, its spread and counts where known.

        >>> edition_named("charting-outcomes-2024")["IM"].describe()
        'mean 250 of matched applicants in Internal Medicine (Charting Outcomes 2024)'
        """
        extra = []
        if self.q1 is not None:
            extra.append(f"Q1 {self.q1}, Q3 {self.q3}")
        if self.matched_n is not None:
            extra.append(f"n = {self.matched_n}")
        spread = f" ({'; '.join(extra)})" if extra else ""
        return f"{self.statistic.value} {self.value}{spread} of matched applicants in {self.specialty} ({self.edition})"


def _benchmarks(value: object) -> tuple[SpecialtyBenchmark, ...]:
    if not isinstance(value, tuple | list):
        raise type_error(value, (tuple, list), field="benchmarks")
    for index, item in enumerate(value):
        check_instance(item, SpecialtyBenchmark, field=f"benchmarks[{index}]")
    return tuple(value)


@attrs.frozen(cache_hash=True)  # a cache key of the scalar and frame paths
class BenchmarkEdition:
    """One published table of specialty benchmarks (for example NRMP Charting Outcomes 2026).

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
    >>> len(edition), edition.match_year, edition["IM"].value, edition.statistic.value
    (23, 2026, 254, 'median')
    >>> "ENT" in edition, "Urology" in edition
    (True, False)
    """

    name: str = attrs.field(validator=text_field)
    match_year: int = attrs.field(converter=_match_year)
    cohort: str = attrs.field(validator=text_field)
    benchmarks: tuple[SpecialtyBenchmark, ...] = attrs.field(converter=_benchmarks)
    source: Source | None = attrs.field(default=None, kw_only=True)
    overall: SpecialtyBenchmark | None = attrs.field(default=None, kw_only=True)
    key: str = attrs.field(default="", kw_only=True)
    _rows_by_key: dict[str, SpecialtyBenchmark] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if self.source is not None:
            check_instance(self.source, Source, field="source")
        if self.overall is not None:
            check_instance(self.overall, SpecialtyBenchmark, field="overall")
        check_instance(self.key, str, field="key")
        if not self.key:
            object.__setattr__(self, "key", _slug(self.name))
        by_key: dict[str, SpecialtyBenchmark] = {}
        for row in self.benchmarks:
            if _key(row.specialty) in by_key:
                msg = (
                    "benchmarks must name each specialty once, got "
                    f"{bounded_repr(row.specialty)} twice in edition {bounded_repr(self.name)}"
                )
                raise InvalidValueError(msg)
            by_key[_key(row.specialty)] = row
        object.__setattr__(self, "_rows_by_key", by_key)

    def __repr__(self) -> str:
        """One line: name, size and statistic; iterate or use :meth:`to_frame` for the rows.

        >>> default_edition()
        BenchmarkEdition('Charting Outcomes 2026', 23 specialties, medians with quartiles, key='charting-outcomes-2026')
        """
        kind = f"{self.statistic.value}s" + (" with quartiles" if self.has_quartiles else "")
        return f"BenchmarkEdition({self.name!r}, {len(self)} specialties, {kind}, key={self.key!r})"

    def to_frame(self) -> pd.DataFrame:
        """The edition as a pandas DataFrame, one row per specialty (needs the ``pandas`` extra).

        >>> print(default_edition().to_frame().loc[["Dermatology"], ["statistic", "value", "q1", "q3", "matched_n"]])
                    statistic  value   q1   q3  matched_n
        specialty
        Dermatology    median    258  251  266        356
        """
        pandas = require_extra("pandas", "pandas")
        records = [
            {
                "specialty": b.specialty,
                "statistic": b.statistic.value,
                "value": b.value,
                "q1": b.q1,
                "q3": b.q3,
                "matched_n": b.matched_n,
                "not_matched_n": b.not_matched_n,
                "not_matched_median": b.not_matched_median,
                "confidence": b.source.confidence.value,
                "source": b.source.title,
            }
            for b in self.benchmarks
        ]
        frame: pd.DataFrame = pandas.DataFrame.from_records(records, index="specialty").convert_dtypes()
        return frame

    def _repr_html_(self) -> str:
        """The edition as a notebook table; every cell and the caption escaped (a user's file is text, not HTML)."""
        import html  # noqa: PLC0415 - only a notebook display needs it

        caption = html.escape(f"{self.name}: {self.cohort}")
        table = self.to_frame().style.set_caption(caption).format(na_rep="", escape="html").format_index(escape="html")
        return str(table.to_html())

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
        row = self._rows_by_key.get(_key(name)) if isinstance(name, str) else None
        if row is not None:
            return row
        wanted = resolve_specialty(name, extra=self.specialties)
        row = self._rows_by_key.get(_key(wanted))
        if row is not None:
            return row
        msg = (
            f"specialty {bounded_repr(wanted)} has no benchmark in edition "
            f"{bounded_repr(self.name)}; it has: {', '.join(self.specialties)}"
        )
        raise SpecialtyNotInEditionError(msg)

    @property
    def specialties(self) -> tuple[str, ...]:
        """The specialty names of the edition's rows, in its order."""
        return tuple(row.specialty for row in self.benchmarks)

    @property
    def statistic(self) -> Statistic:
        """The statistic of the edition's rows (mean or median); mixed editions report their first row's.

        >>> edition_named("ace-med-boards-2022").statistic.value
        'mean'
        """
        return self.benchmarks[0].statistic

    @property
    def has_quartiles(self) -> bool:
        """Whether every row gives quartiles, so program tiers map to points of the distribution.

        >>> default_edition().has_quartiles, edition_named("charting-outcomes-2024").has_quartiles
        (True, False)
        """
        return all(row.has_quartiles for row in self.benchmarks)


def _slug(text: str) -> str:
    words = "".join(char if char in _KEY_CHARACTERS else " " for char in text.casefold())
    return "-".join(words.split())


_ROW_COLUMNS = ("edition", "specialty", "label", "statistic", "value")
_EDITION_COLUMNS = ("key", "name", "match_year", "cohort", "default")
_OPTIONAL_FIGURES = ("q1", "q3", "matched_n", "not_matched_n", "not_matched_median")


def _central_figure(row: Row) -> tuple[Statistic, int]:
    """The row's statistic and value: ``statistic`` + ``value`` columns, or a ``mean`` or ``median`` column."""
    if row.text("value", required=False):
        statistic = row.read("statistic", _statistic) if row.text("statistic", required=False) else Statistic.MEAN
        return statistic, row.read("value", _figure_from_text)
    given = [name for name in ("mean", "median") if row.text(name, required=False)]
    if len(given) != 1:
        msg = f"{row.where('value')}: give exactly one of 'mean', 'median' or 'value' (with 'statistic')"
        raise DataFileError(msg)
    column = given[0]
    return Statistic(column), row.read(column, functools.partial(_figure_from_text, field=column))


def _row_benchmark(row: Row, *, edition: str, cohort: str, known: bool) -> SpecialtyBenchmark:
    raw = row.text("specialty")
    if raw == OVERALL:
        specialty = OVERALL
    elif known:
        specialty = row.read("specialty", resolve_specialty)
    else:
        try:
            specialty = resolve_specialty(raw)
        except UnknownSpecialtyError:  # a specialty of the user's own: kept as written
            specialty = " ".join(raw.split())
        except Step2ScoreError as error:  # a name the library refuses (letters outside the Latin alphabet)
            msg = f"{row.where('specialty')}: {error}"
            raise DataFileError(msg, field="specialty", value=raw, rule=error.rule) from None
    statistic, value = _central_figure(row)
    figures = {name: row.optional(name, int) for name in _OPTIONAL_FIGURES}
    try:
        return SpecialtyBenchmark(
            specialty,
            statistic,
            value,
            edition,
            row.text("cohort", required=False) or cohort,
            row.source(),
            label=row.text("label", required=False),
            **figures,
        )
    except InvalidValueError as error:
        msg = f"{row.where('specialty')}: {error}"
        raise DataFileError(msg) from None


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
                f"{row.where('specialty')}: {bounded_repr(benchmark.specialty)} appears twice "
                f"(first at row {seen[benchmark.specialty]})"
            )
            raise DataFileError(msg)
        seen[benchmark.specialty] = row.number
        if benchmark.specialty == OVERALL:
            overall = benchmark
        else:
            benchmarks.append(benchmark)
    if not benchmarks:
        msg = f"{origin}: the file has no specialty rows for edition {bounded_repr(name)}"
        raise DataFileError(msg)
    return BenchmarkEdition(name, match_year, cohort, tuple(benchmarks), source=source, overall=overall, key=key)


@functools.cache
def benchmark_editions() -> tuple[BenchmarkEdition, ...]:
    """Every packaged edition, the default first.

    >>> [e.name for e in benchmark_editions()]
    ['Charting Outcomes 2026', 'Charting Outcomes 2024', 'Ace Med Boards article (labelled 2022)']
    """
    keys = [meta.text("key") for meta in _edition_rows()]
    default = default_edition().key
    return (default_edition(), *(_packaged_edition(key) for key in keys if key != default))


@functools.cache
def default_edition() -> BenchmarkEdition:
    """The edition used when none is asked for: Charting Outcomes 2026 (medians with quartiles).

    Only its benchmarks are built, so a first evaluation does not build every edition.

    >>> default_edition().name, default_edition()["peds"].value, default_edition()["peds"].statistic.value
    ('Charting Outcomes 2026', 249, 'median')
    """
    defaults = [meta.text("key") for meta in _edition_rows() if meta.text("default") == "yes"]
    if len(defaults) != 1:
        msg = f"step2score/data/editions.csv: exactly one edition must have default 'yes', got {len(defaults)}"
        raise DataFileError(msg)
    return _packaged_edition(defaults[0])


def _edition_rows() -> tuple[Row, ...]:
    return packaged_table("editions.csv", _EDITION_COLUMNS)


@functools.cache
def _packaged_edition(key: str) -> BenchmarkEdition:
    """The packaged edition with this key, built from its rows of ``benchmarks.csv``."""
    found = [meta for meta in _edition_rows() if meta.text("key") == key]
    if len(found) != 1:
        msg = f"step2score/data/editions.csv: the key {bounded_repr(key)} must name one edition, got {len(found)}"
        raise DataFileError(msg, field="key", value=key, rule="each key once")
    (meta,) = found
    return _edition_from_rows(
        (row for row in packaged_table("benchmarks.csv", _ROW_COLUMNS) if row.text("edition") == key),
        origin="step2score/data/benchmarks.csv",
        name=meta.text("name"),
        match_year=meta.read("match_year", int),
        cohort=meta.text("cohort"),
        source=meta.source(),
        key=key,
        known=True,
    )


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
        if _key(name, field="edition") in {_key(edition.name, field="edition"), _key(edition.key, field="edition")}:
            return edition
    keys = tuple(e.key for e in pool)
    msg = f"edition must be one of {', '.join(map(repr, keys))} (or a BenchmarkEdition), got {bounded_repr(name)}"
    raise UnknownEditionError(msg, field="edition", value=name, rule="a packaged edition", suggestions=keys)


def choose_edition(edition: BenchmarkEdition | str | None, /) -> BenchmarkEdition:
    """The edition ``edition`` stands for: itself, a packaged one by name or key, or the default for ``None``.

    >>> choose_edition(None).name, choose_edition("ace-med-boards-2022").match_year
    ('Charting Outcomes 2026', 2022)
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

    The file has one row per specialty with the columns ``specialty``, either ``mean`` or
    ``median`` (or ``value`` with ``statistic``), ``source_title``, ``source_url`` and
    ``confidence`` (optional: ``q1``, ``q3``, ``matched_n``, ``not_matched_n``,
    ``not_matched_median``, ``label``, ``cohort``, ``note``). A TOML file holds the same
    fields in an array of tables named ``rows``.
    Specialty names resolve as everywhere else; a name the library does not know is kept
    as written. A row named ``All specialties`` becomes the edition's overall figure.
    White space around a cell's text is dropped. The file is parsed, never executed.

    Args:
        path: The file; ``.toml`` is read as TOML, anything else as CSV.
        name: The edition's name; the file name without its suffix by default. It may
            not be a packaged edition's name, so a result always says whose figures it used.
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
    >>> ours.name, ours["Dermatology"].value, ours["Dermatology"].statistic.value
    ('our_school', 255, 'mean')
    """
    rows = read_table_file(path, required=("specialty",))
    edition_name = name if name is not None else os.path.splitext(os.path.basename(path))[0]
    check_text(edition_name, field="name")
    packaged = {_key(e.name, field="name") for e in benchmark_editions()} | {
        _key(e.key, field="name") for e in benchmark_editions()
    }
    if _key(edition_name, field="name") in packaged:
        rule = "a name of your own, not a packaged edition's"
        msg = f"name must be {rule}, got {bounded_repr(edition_name)}"
        raise InvalidValueError(msg, field="name", value=edition_name, rule=rule)
    check_text(cohort, field="cohort")
    year = _match_year(match_year)
    return _edition_from_rows(
        rows, origin=os.fspath(path), name=edition_name, match_year=year, cohort=cohort, source=None, known=False
    )


@attrs.frozen
class DistributionPosition:
    """Where a score falls among one specialty's matched applicants, and beside those who did not match.

    Attributes:
        score: The score placed.
        quartile: Below Q1, Q1 to median, median to Q3, or at or above Q3.
        benchmark: The specialty's row, with its quartiles, counts and source.
        above_not_matched: Score minus the median of those who preferred the specialty
            and did not match (``None`` where NRMP publishes no such median).

    >>> position = position_in(default_edition()["derm"], 245)
    >>> position.quartile.label, position.above_not_matched
    ('below Q1', -7)
    """

    __repr__ = field_repr

    score: int
    quartile: Quartile
    benchmark: SpecialtyBenchmark
    above_not_matched: int | None

    def describe(self) -> str:
        """The position in words.

        >>> print(position_in(default_edition()["derm"], 245).describe())
        245 is below Q1 of matched applicants in Dermatology (Q1 251, median 258, Q3 266; n = 356;
        Charting Outcomes 2026); 7 points below the median of those who did not match (252, n = 181)
        """
        b = self.benchmark
        head = (
            f"{self.score} is {self.quartile.label} of matched applicants in {b.specialty} "
            f"(Q1 {b.q1}, median {b.value}, Q3 {b.q3}; n = {b.matched_n}; {b.edition})"
        )
        if self.above_not_matched is None:
            return f"{head}; NRMP publishes no median for those who did not match"
        difference = self.above_not_matched
        side = "above" if difference > 0 else "below"
        words = "at" if difference == 0 else f"{abs(difference)} point{'s' * (abs(difference) != 1)} {side}"
        return f"{head}; {words} the median of those who did not match ({b.not_matched_median}, n = {b.not_matched_n})"


def position_in(benchmark: SpecialtyBenchmark, score: int, /) -> DistributionPosition | None:
    """Where ``score`` sits among the benchmark's matched applicants; ``None`` without quartiles.

    >>> position_in(default_edition()["IM"], 262).quartile
    <Quartile.ABOVE_Q3: 3>
    >>> position_in(edition_named("charting-outcomes-2024")["IM"], 262) is None
    True
    """
    check_instance(benchmark, SpecialtyBenchmark, field="benchmark")
    value = check_int_range(score, field="score", low=SCALE_MIN, high=SCALE_MAX)
    if benchmark.q1 is None or benchmark.q3 is None:
        return None
    rank = rules.quartile_rank(value, q1=benchmark.q1, median=benchmark.value, q3=benchmark.q3)
    median = benchmark.not_matched_median
    return DistributionPosition(
        value, Quartile(rank), benchmark, None if median is None else rules.margin(value, median)
    )


@attrs.frozen
class SpecialtyComparison:
    """A score set beside one specialty's matched applicants.

    Attributes:
        specialty: The canonical specialty name.
        statistic: What ``value`` is (mean or median).
        value: The specialty's mean or median score of matched applicants.
        difference: The score minus ``value`` (negative when below it).
        quartile: Where the score falls among the matched applicants (``None`` without quartiles).

    >>> compare_with_edition(250, default_edition())[-1]
    SpecialtyComparison(specialty='Family Medicine', statistic='median', value=244, difference=6,
    quartile='between the median and Q3')
    """

    specialty: str
    statistic: Statistic
    value: int
    difference: int
    quartile: Quartile | None = None

    def __repr__(self) -> str:
        where = "None" if self.quartile is None else repr(self.quartile.label)
        return (
            f"SpecialtyComparison(specialty={bounded_repr(self.specialty)}, "
            f"statistic={bounded_repr(self.statistic.value)}, "
            f"value={self.value}, "
            f"difference={self.difference}, quartile={where})"
        )


def _quartile(score: int, q1: int, median: int, q3: int) -> Quartile:
    return Quartile(rules.quartile_rank(score, q1=q1, median=median, q3=q3))


@functools.cache
def _comparison_order(edition: BenchmarkEdition) -> tuple[SpecialtyBenchmark, ...]:
    """The edition's rows, most demanding first: highest central figure, then by name (does not depend on the score)."""
    return tuple(sorted(edition, key=lambda b: (-b.value, b.specialty)))


def compare_with_edition(score: int, /, edition: BenchmarkEdition) -> tuple[SpecialtyComparison, ...]:
    """The score beside every specialty of ``edition``, the most demanding specialty first.

    Rows are ordered by the specialty's central figure, highest first (so by the
    difference, smallest first), then by name; with quartiles each row says where the
    score falls among that specialty's matched applicants.

    >>> [(c.specialty, c.difference, c.quartile.label) for c in compare_with_edition(250, default_edition())[:2]]
    [('Otolaryngology', -11, 'between Q1 and the median'), ('Thoracic Surgery (Integrated)', -10, 'below Q1')]
    """
    check_instance(edition, BenchmarkEdition, field="edition")
    value = check_int_range(score, field="score", low=SCALE_MIN, high=SCALE_MAX)
    return tuple(
        SpecialtyComparison(
            b.specialty,
            b.statistic,
            b.value,
            value - b.value,
            None
            if b.q1 is None or b.q3 is None
            else Quartile(rules.quartile_rank(value, q1=b.q1, median=b.value, q3=b.q3)),
        )
        for b in _comparison_order(edition)
    )
