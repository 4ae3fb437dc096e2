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
    as_int,
    as_items,
    check_instance,
    check_int_range,
    check_text,
    difference_on_the_scale,
    field_repr,
    flag,
    instance_of,
    named_fields,
    on_the_scale,
    optional_difference,
    parse_enum,
    require_extra,
    text_field,
    type_error,
)
from step2score.applicants import ApplicantType
from step2score.errors import (
    DataFileError,
    InvalidValueError,
    SpecialtyNotInEditionError,
    Step2ScoreError,
    UnknownEditionError,
    UnknownSpecialtyError,
    bounded_repr,
)
from step2score.sources import Source
from step2score.specialty_names import (
    _KEY_CHARACTERS,
    _key,
    resolve_specialty,
    specialties,
    specialty_aliases,
)

if TYPE_CHECKING:
    import pandas as pd


__all__ = [
    "THIN_CELL",
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
    "edition_for",
    "edition_named",
    "load_edition",
    "position_in",
    "resolve_specialty",
    "specialties",
    "specialty_aliases",
]

#: The row of an edition that holds all its matched applicants together.
OVERALL = "All specialties"


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
    rule = f"an integer from {SCALE_MIN} to {SCALE_MAX}"
    return _score_figure(_whole_from_text(text, field=field, rule=rule), field=field)


def _count_from_text(text: str, *, field: str) -> int:
    """A whole figure (a quartile, a count) as a data file writes it, by the same rule as the central figure.

    The range is the benchmark's to check (a quartile on the scale, a count at least 0).
    """
    return _whole_from_text(text, field=field, rule="an integer written in ASCII digits")


def _whole_from_text(text: str, *, field: str, rule: str) -> int:
    """The one reader of a whole number in a data file: up to ten ASCII digits, optionally ``.0``-style decimals.

    Signs, underscores, ``0x`` prefixes, exponents, full-width or other scripts' digits are refused
    (``int()`` would read some of them), and so is a fraction (``256.5``).
    """
    if not _FIGURE_TEXT.fullmatch(text):
        msg = f"{field} must be {rule}, got {bounded_repr(text)}"
        raise InvalidValueError(msg, field=field, value=text, rule=rule)
    number: int | float = int(text) if text.isdigit() else float(text)
    return as_int(number, field=field, rule=rule)


#: A figure as a file may write it: up to ten ASCII digits, optionally followed by a decimal part.
_FIGURE_TEXT = re.compile(r"[0-9]{1,10}(\.[0-9]{1,10})?")


def _match_year(value: object) -> int:
    return check_int_range(value, field="match_year", low=1952, high=2100)


def _statistic(value: object) -> Statistic:
    return parse_enum(value, Statistic, field="statistic")


def _group(value: object) -> ApplicantType | None:
    return None if value is None else ApplicantType.parse(value, field="group")


#: A cell of fewer applicants than this is thin: too few to lean on (FACTS section 4).
THIN_CELL = 30

#: The figures of the matched distribution beside the central one, and of those who did not match.
_MATCHED_SCORES = ("q1", "q3", "minimum", "maximum", "mean")
_NOT_MATCHED_SCORES = (
    "not_matched_median",
    "not_matched_q1",
    "not_matched_q3",
    "not_matched_minimum",
    "not_matched_maximum",
    "not_matched_mean",
)
_COUNTS = ("matched_n", "not_matched_n")
_SPREADS = ("sd", "not_matched_sd")


@attrs.frozen(cache_hash=True)  # a cache key of the scalar and frame paths
class SpecialtyBenchmark:
    """The Step 2 CK of one specialty's matched applicants, in one edition, for one group.

    The central figure says what it is (``statistic``): Charting Outcomes 2026 gives
    the median with the first and third quartiles and the counts of matched and
    not-matched applicants (the non-U.S. IMG edition adds minimum, maximum, mean and SD);
    older editions give a mean only. Where NRMP suppresses a cell (fewer than 5
    applicants) its figures are ``None``: never filled in from another group.

    Args:
        specialty: The canonical specialty name.
        statistic: What ``value`` is: :attr:`Statistic.MEAN` or :attr:`Statistic.MEDIAN`.
        value: The mean or median score of matched applicants (an integer on the scale), or
            ``None`` where the source suppresses the matched applicants' figures.
        edition: The name of the edition the figure belongs to.
        cohort: Whose scores these are ("matched U.S. MD seniors").
        source: Where the figure was read.
        label: The name as the source prints it, when it differs.
        group: The applicants the figures describe (U.S. MD seniors, non-U.S. IMGs), or
            ``None`` when the edition does not say (a user's own file).
        q1: The matched applicants' first quartile, if published.
        q3: The matched applicants' third quartile, if published.
        matched_n: How many matched applicants the figures describe, if published.
        not_matched_n: How many preferred the specialty and did not match, if published.
        not_matched_median: The median score of those who did not match, if published.
        minimum: The matched applicants' lowest score, if published.
        maximum: The matched applicants' highest score, if published.
        mean: The matched applicants' mean score beside the median, if published.
        sd: The standard deviation of the matched applicants' scores, if published.
        not_matched_q1: The first quartile of those who did not match, if published.
        not_matched_q3: The third quartile of those who did not match, if published.
        not_matched_minimum: The lowest score of those who did not match, if published.
        not_matched_maximum: The highest score of those who did not match, if published.
        not_matched_mean: The mean score of those who did not match, if published.
        not_matched_sd: The standard deviation of their scores, if published.

    >>> b = default_edition()["derm"]
    >>> b.specialty, b.statistic.value, b.value, b.q1, b.q3, b.matched_n, b.edition
    ('Dermatology', 'median', 258, 251, 266, 356, 'Charting Outcomes 2026')
    >>> b.describe()
    'median 258 (Q1 251, Q3 266; n = 356) of matched U.S. MD seniors in Dermatology (Charting Outcomes 2026)'
    """

    specialty: str = attrs.field(validator=text_field)
    statistic: Statistic = attrs.field(converter=_statistic)
    value: int | None
    edition: str = attrs.field(validator=text_field)
    cohort: str = attrs.field(validator=text_field)
    source: Source = attrs.field(validator=instance_of(Source))
    label: str = attrs.field(kw_only=True, default="")
    group: ApplicantType | None = attrs.field(kw_only=True, default=None, converter=_group)
    q1: int | None = attrs.field(kw_only=True, default=None)
    q3: int | None = attrs.field(kw_only=True, default=None)
    matched_n: int | None = attrs.field(kw_only=True, default=None)
    not_matched_n: int | None = attrs.field(kw_only=True, default=None)
    not_matched_median: int | None = attrs.field(kw_only=True, default=None)
    minimum: int | None = attrs.field(kw_only=True, default=None)
    maximum: int | None = attrs.field(kw_only=True, default=None)
    mean: int | None = attrs.field(kw_only=True, default=None)
    sd: int | None = attrs.field(kw_only=True, default=None)
    not_matched_q1: int | None = attrs.field(kw_only=True, default=None)
    not_matched_q3: int | None = attrs.field(kw_only=True, default=None)
    not_matched_minimum: int | None = attrs.field(kw_only=True, default=None)
    not_matched_maximum: int | None = attrs.field(kw_only=True, default=None)
    not_matched_mean: int | None = attrs.field(kw_only=True, default=None)
    not_matched_sd: int | None = attrs.field(kw_only=True, default=None)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "value", _optional_score_figure(self.value, field="value"))
        for name in (*_MATCHED_SCORES, *_NOT_MATCHED_SCORES):
            object.__setattr__(self, name, _optional_score_figure(getattr(self, name), field=name))
        for name in (*_COUNTS, *_SPREADS):
            object.__setattr__(self, name, _optional_count(getattr(self, name), field=name))
        check_instance(self.label, str, field="label")
        if not self.label:
            object.__setattr__(self, "label", self.specialty)
        where = f"for {bounded_repr(self.specialty)}"
        if self.value is None:
            given = [
                f"{name}={getattr(self, name)}" for name in (*_MATCHED_SCORES, "sd") if getattr(self, name) is not None
            ]
            if given:
                msg = f"a suppressed cell (value=None) has no other matched figure, got {', '.join(given)} {where}"
                raise InvalidValueError(msg, field="value", value=None, rule="a figure where the cell has figures")
        if (self.q1 is None) != (self.q3 is None):
            msg = f"q1 and q3 must be given together, got q1={self.q1}, q3={self.q3} {where}"
            raise InvalidValueError(msg)
        if self.mean is not None and self.statistic is not Statistic.MEDIAN:
            msg = f"mean is the mean beside a median and needs statistic='median', got statistic='mean' {where}"
            raise InvalidValueError(msg, field="mean", value=self.mean, rule="statistic='median'")
        if self.q1 is not None and self.statistic is not Statistic.MEDIAN:
            msg = f"quartiles need statistic='median', got statistic={bounded_repr(self.statistic.value)} {where}"
            raise InvalidValueError(msg)
        _check_order("", (self.minimum, self.q1, self.value, self.q3, self.maximum), where)
        _check_order(
            "not_matched_",
            (
                self.not_matched_minimum,
                self.not_matched_q1,
                self.not_matched_median,
                self.not_matched_q3,
                self.not_matched_maximum,
            ),
            where,
        )
        _check_means(self, where)

    def __repr__(self) -> str:
        """One line: the figures and the edition; the source is on :attr:`source`.

        >>> default_edition()["derm"]
        SpecialtyBenchmark('Dermatology', median 258, Q1 251, Q3 266, n 356, not matched: median 252, n 181,
        edition='Charting Outcomes 2026')
        >>> edition_for("non-us-img")["derm"]
        SpecialtyBenchmark('Dermatology', median suppressed, n 4, not matched: median 253, n 19,
        edition='Charting Outcomes 2026, non-U.S. IMGs')
        """
        figures = [f"{self.statistic.value} {'suppressed' if self.value is None else self.value}"]
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

    @property
    def suppressed(self) -> bool:
        """Whether the source suppresses the matched applicants' figures (fewer than 5 applicants).

        >>> edition_for("non-us-img")["derm"].suppressed, edition_for("non-us-img")["IM"].suppressed
        (True, False)
        """
        return self.value is None

    @property
    def thin(self) -> bool:
        """Whether fewer than 30 matched applicants stand behind the figures: too few to lean on.

        >>> edition_for("non-us-img")["Child Neurology"].thin, edition_for("non-us-img")["IM"].thin
        (True, False)
        """
        return self.matched_n is not None and self.matched_n < THIN_CELL

    @property
    def who(self) -> str:
        """Whose figures these are, in words: "matched non-U.S. IMGs" (or "matched applicants")."""
        return f"matched {'applicants' if self.group is None else self.group.plural}"

    def describe(self) -> str:
        """The central figure in words, naming the statistic, its spread, counts and group where known.

        >>> edition_named("charting-outcomes-2024")["IM"].describe()
        'mean 250 of matched U.S. MD seniors in Internal Medicine (Charting Outcomes 2024)'
        >>> print(edition_for("non-us-img")["derm"].describe())
        NRMP suppresses the figures of matched non-U.S. IMGs in Dermatology (4 matched, fewer than 5); of the
        19 who did not match, the median is 253 (a thin cell: fewer than 30; Charting Outcomes 2026, non-U.S. IMGs)
        """
        if self.value is None:
            count = "" if self.matched_n is None else f"{self.matched_n:,} matched, "
            who = "NRMP" if self.source.title.startswith("NRMP") else "The source"
            text = f"{who} suppresses the figures of {self.who} in {self.specialty} ({count}fewer than 5)"
            if self.not_matched_median is not None:
                others = "those" if self.not_matched_n is None else f"the {self.not_matched_n:,}"
                text += f"; of {others} who did not match, the median is {self.not_matched_median}"
            return f"{text} ({_thin(self.not_matched_n)}{self.edition})"
        extra = []
        if self.q1 is not None:
            extra.append(f"Q1 {self.q1}, Q3 {self.q3}")
        if self.matched_n is not None:
            extra.append(f"n = {self.matched_n:,}" + (f", a thin cell: fewer than {THIN_CELL}" if self.thin else ""))
        spread = f" ({'; '.join(extra)})" if extra else ""
        return f"{self.statistic.value} {self.value}{spread} of {self.who} in {self.specialty} ({self.edition})"


def _check_means(b: SpecialtyBenchmark, where: str) -> None:
    """Each mean lies between its distribution's minimum and maximum."""
    for prefix, mean, low, high in (
        ("", b.mean, b.minimum, b.maximum),
        ("not_matched_", b.not_matched_mean, b.not_matched_minimum, b.not_matched_maximum),
    ):
        if mean is not None and not (low or SCALE_MIN) <= mean <= (high or SCALE_MAX):
            msg = f"{prefix}mean must lie between {prefix}minimum and {prefix}maximum, got {mean} {where}"
            raise InvalidValueError(msg, field=f"{prefix}mean", value=mean, rule="between minimum and maximum")


def _count(count: int | None) -> str:
    return "not published" if count is None else f"{count:,}"


def _thin(count: int | None) -> str:
    """``"a thin cell: fewer than 30; "`` for a count under 30, else nothing."""
    return f"a thin cell: fewer than {THIN_CELL}; " if count is not None and count < THIN_CELL else ""


def _check_order(prefix: str, figures: tuple[int | None, ...], where: str) -> None:
    """The published figures of one distribution run minimum <= Q1 <= median <= Q3 <= maximum."""
    given = [(name, value) for name, value in zip(_ORDER_NAMES, figures, strict=True) if value is not None]
    if [value for _, value in given] != sorted(value for _, value in given):
        shown_figures = ", ".join(f"{prefix}{name}={value}" for name, value in given)
        msg = f"figures must satisfy minimum <= q1 <= median <= q3 <= maximum, got {shown_figures} {where}"
        raise InvalidValueError(msg)


_ORDER_NAMES = ("minimum", "q1", "median", "q3", "maximum")


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
        group: The applicants the figures describe (U.S. MD seniors, non-U.S. IMGs), or
            ``None`` when the edition does not say.

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
    group: ApplicantType | None = attrs.field(default=None, kw_only=True, converter=_group)
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
                **{name: getattr(b, name) for name in _OPTIONAL_FIGURES[5:]},
                "thin": b.thin,
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
        """Whether every row with figures gives quartiles, so program tiers map to points of the distribution.

        >>> default_edition().has_quartiles, edition_named("charting-outcomes-2024").has_quartiles
        (True, False)
        """
        return all(row.has_quartiles for row in self.benchmarks if not row.suppressed)


def _slug(text: str) -> str:
    words = "".join(char if char in _KEY_CHARACTERS else " " for char in text.casefold())
    return "-".join(words.split())


_ROW_COLUMNS = ("edition", "specialty", "label", "statistic", "value")
_EDITION_COLUMNS = ("key", "name", "match_year", "cohort", "group", "default")
_OPTIONAL_FIGURES = (
    "q1",
    "q3",
    "matched_n",
    "not_matched_n",
    "not_matched_median",
    "minimum",
    "maximum",
    "mean",
    "sd",
    "not_matched_q1",
    "not_matched_q3",
    "not_matched_minimum",
    "not_matched_maximum",
    "not_matched_mean",
    "not_matched_sd",
)


def _central_figure(row: Row, *, known: bool) -> tuple[Statistic, int | None]:
    """The row's statistic and value: ``statistic`` + ``value`` columns, or a ``mean`` or ``median`` column.

    A packaged row (``known``) with a statistic and no value is a cell its source suppresses.
    """
    if known and row.text("statistic", required=False) and not row.text("value", required=False, number=True):
        return row.read("statistic", _statistic), None
    if row.text("value", required=False, number=True):
        statistic = row.read("statistic", _statistic) if row.text("statistic", required=False) else Statistic.MEAN
        return statistic, row.read("value", _figure_from_text, number=True)
    given = [name for name in ("mean", "median") if row.text(name, required=False, number=True)]
    if given == ["mean", "median"]:  # a median with the mean beside it: the mean is read as the ``mean`` figure
        given = ["median"]
    if len(given) != 1:
        msg = f"{row.where('value')}: give exactly one of 'mean', 'median' or 'value' (with 'statistic')"
        raise DataFileError(msg)
    column = given[0]
    return Statistic(column), row.read(column, functools.partial(_figure_from_text, field=column), number=True)


def _row_benchmark(
    row: Row, *, edition: str, cohort: str, known: bool, group: ApplicantType | None
) -> SpecialtyBenchmark:
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
    statistic, value = _central_figure(row, known=known)
    figures = {
        name: row.optional(name, functools.partial(_count_from_text, field=name), number=True)
        for name in _OPTIONAL_FIGURES
    }
    if statistic is Statistic.MEAN and figures["mean"] == value:  # the mean column is the central figure itself
        figures["mean"] = None
    try:
        return SpecialtyBenchmark(
            specialty,
            statistic,
            value,
            edition,
            row.text("cohort", required=False) or cohort,
            row.source(),
            label=row.text("label", required=False),
            group=group,
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
    group: ApplicantType | None,
) -> BenchmarkEdition:
    benchmarks: list[SpecialtyBenchmark] = []
    overall: SpecialtyBenchmark | None = None
    seen: dict[str, int] = {}
    for row in rows:
        benchmark = _row_benchmark(row, edition=name, cohort=cohort, known=known, group=group)
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
    return BenchmarkEdition(
        name, match_year, cohort, tuple(benchmarks), source=source, overall=overall, key=key, group=group
    )


@functools.cache
def benchmark_editions() -> tuple[BenchmarkEdition, ...]:
    """Every packaged edition: the default ones first (U.S. MD seniors', then each other group's), then the rest.

    >>> for edition in benchmark_editions():
    ...     print(f"{edition.key}: {edition.group.plural}")
    charting-outcomes-2026: U.S. MD seniors
    charting-outcomes-2026-non-us-img: non-U.S. IMGs
    charting-outcomes-2024: U.S. MD seniors
    ace-med-boards-2022: U.S. MD seniors
    """
    rows = _edition_rows()
    first = [meta.text("key") for meta in rows if meta.text("default") == "yes"]
    first.sort(key=lambda key: key != default_edition().key)
    rest = [meta.text("key") for meta in rows if meta.text("key") not in first]
    return tuple(_packaged_edition(key) for key in (*first, *rest))


def default_edition() -> BenchmarkEdition:
    """The edition of U.S. MD seniors used when none is asked for: Charting Outcomes 2026.

    It is also the edition of applicants whose group has no figures of its own (U.S. DO
    seniors, U.S.-citizen IMGs); :func:`edition_for` gives each group's.
    Only its benchmarks are built, so a first evaluation does not build every edition.

    >>> default_edition().name, default_edition()["peds"].value, default_edition()["peds"].statistic.value
    ('Charting Outcomes 2026', 249, 'median')
    """
    return edition_for(ApplicantType.US_MD_SENIOR)


def edition_for(applicant: ApplicantType | str, /) -> BenchmarkEdition:
    """The packaged default edition of the applicant's own group, or U.S. MD seniors' where the group has none.

    U.S. MD seniors and non-U.S. IMGs have Charting Outcomes 2026 figures of their own;
    U.S. DO seniors and U.S.-citizen IMGs do not, so they are measured against U.S. MD
    seniors (the edition's ``group`` says whose figures they are).

    >>> edition_for("non-us-img").name, edition_for("non-us-img")["IM"].value
    ('Charting Outcomes 2026, non-U.S. IMGs', 251)
    >>> edition_for("do").group.plural
    'U.S. MD seniors'
    """
    defaults = _default_keys()
    return _packaged_edition(defaults.get(ApplicantType.parse(applicant)) or defaults[ApplicantType.US_MD_SENIOR])


@functools.cache
def _default_keys() -> dict[ApplicantType, str]:
    """The key of each group's default edition, from ``editions.csv``."""
    defaults: dict[ApplicantType, list[str]] = {}
    for meta in _edition_rows():
        if meta.text("default") == "yes":
            defaults.setdefault(meta.read("group", ApplicantType.parse), []).append(meta.text("key"))
    if any(len(keys) != 1 for keys in defaults.values()) or ApplicantType.US_MD_SENIOR not in defaults:
        msg = "step2score/data/editions.csv: each group must have at most one default edition, and U.S. MD seniors one"
        raise DataFileError(msg)
    return {group: keys[0] for group, keys in defaults.items()}


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
        group=meta.read("group", ApplicantType.parse),
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
    pool = (
        benchmark_editions()
        if editions is None
        else as_items(editions, BenchmarkEdition, field="editions", what="BenchmarkEditions")
    )
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
    group: ApplicantType | str | None = None,
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
        group: The applicants the figures describe ("us-md", "non-us-img"...), if one group;
            ``None`` (the default) says nothing, and an evaluation then names the edition's
            cohort instead of a group.

    Raises:
        DataFileError: The file cannot be read, or a row breaks a rule; the message
            names the file, the row and the field.
        InvalidTypeError: ``path`` is not a str or an :class:`os.PathLike` naming a file,
            or another argument has the wrong type (each is checked before the file is read).

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
    year = _match_year(match_year)  # every argument is checked before the file is read
    check_text(cohort, field="cohort")
    who = _group(group)
    if name is not None:
        check_text(name, field="name")
    rows = read_table_file(path, required=("specialty",))
    edition_name = name if name is not None else os.path.splitext(os.path.basename(os.fspath(path)))[0]
    check_text(edition_name, field="name")
    packaged = {_key(e.name, field="name") for e in benchmark_editions()} | {
        _key(e.key, field="name") for e in benchmark_editions()
    }
    if _key(edition_name, field="name") in packaged:
        rule = "a name of your own, not a packaged edition's"
        msg = f"name must be {rule}, got {bounded_repr(edition_name)}"
        raise InvalidValueError(msg, field="name", value=edition_name, rule=rule)
    return _edition_from_rows(
        rows,
        origin=os.fspath(path),
        name=edition_name,
        match_year=year,
        cohort=cohort,
        source=None,
        known=False,
        group=who,
    )


@attrs.frozen(field_transformer=named_fields)
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

    score: int = attrs.field(converter=on_the_scale)
    quartile: Quartile = attrs.field(validator=instance_of(Quartile))
    benchmark: SpecialtyBenchmark = attrs.field(validator=instance_of(SpecialtyBenchmark))
    above_not_matched: int | None = attrs.field(converter=optional_difference)

    def __attrs_post_init__(self) -> None:
        """The quartile and the distance from the not-matched median are the score's, in this benchmark."""
        row = self.benchmark
        if row.value is None or row.q1 is None or row.q3 is None:
            msg = f"benchmark must give quartiles to place a score, got {row.specialty!r} without them"
            raise InvalidValueError(msg, field="benchmark", rule="a benchmark with quartiles")
        rank = rules.quartile_rank(self.score, q1=row.q1, median=row.value, q3=row.q3)
        median = row.not_matched_median
        above = None if median is None else rules.margin(self.score, median)
        if (self.quartile, self.above_not_matched) != (Quartile(rank), above):
            rule = "the score's quartile and distance from the not-matched median in the benchmark"
            got = f"score={self.score}, quartile={self.quartile.name}, above_not_matched={self.above_not_matched!r}"
            msg = f"a position must be {rule} ({Quartile(rank).name}, {above!r}), got {got}"
            raise InvalidValueError(msg, field="quartile", value=self.quartile, rule=rule)

    def describe(self) -> str:
        """The position in words.

        >>> print(position_in(default_edition()["derm"], 245).describe())
        245 is below Q1 of matched U.S. MD seniors in Dermatology (Q1 251, median 258, Q3 266; n = 356;
        Charting Outcomes 2026); 7 points below the median of those who did not match (252, n = 181)
        """
        b = self.benchmark
        head = (
            f"{self.score} is {self.quartile.label} of {b.who} in {b.specialty} "
            f"(Q1 {b.q1}, median {b.value}, Q3 {b.q3}; n = {_count(b.matched_n)}"
            f"{f', a thin cell: fewer than {THIN_CELL}' if b.thin else ''}; {b.edition})"
        )
        if self.above_not_matched is None:
            return f"{head}; NRMP publishes no median for those who did not match"
        difference = self.above_not_matched
        side = "above" if difference > 0 else "below"
        words = "at" if difference == 0 else f"{abs(difference)} point{'s' * (abs(difference) != 1)} {side}"
        count = "" if b.not_matched_n is None else f", n = {b.not_matched_n:,}"
        thin = _thin(b.not_matched_n).removesuffix("; ")
        return (
            f"{head}; {words} the median of those who did not match "
            f"({b.not_matched_median}{count}{f', {thin}' if thin else ''})"
        )


def position_in(benchmark: SpecialtyBenchmark, score: int, /) -> DistributionPosition | None:
    """Where ``score`` sits among the benchmark's matched applicants; ``None`` without quartiles.

    >>> position_in(default_edition()["IM"], 262).quartile
    <Quartile.ABOVE_Q3: 3>
    >>> position_in(edition_named("charting-outcomes-2024")["IM"], 262) is None
    True
    """
    check_instance(benchmark, SpecialtyBenchmark, field="benchmark")
    value = check_int_range(score, field="score", low=SCALE_MIN, high=SCALE_MAX)
    if benchmark.value is None or benchmark.q1 is None or benchmark.q3 is None:
        return None
    rank = rules.quartile_rank(value, q1=benchmark.q1, median=benchmark.value, q3=benchmark.q3)
    median = benchmark.not_matched_median
    return DistributionPosition(
        value, Quartile(rank), benchmark, None if median is None else rules.margin(value, median)
    )


@attrs.frozen(field_transformer=named_fields)
class SpecialtyComparison:
    """A score set beside one specialty's matched applicants.

    Attributes:
        specialty: The canonical specialty name.
        statistic: What ``value`` is (mean or median).
        value: The specialty's mean or median score of matched applicants.
        difference: The score minus ``value`` (negative when below it).
        quartile: Where the score falls among the matched applicants (``None`` without quartiles).
        thin: Whether fewer than 30 matched applicants stand behind ``value``.

    >>> compare_with_edition(250, default_edition())[-1]
    SpecialtyComparison(specialty='Family Medicine', statistic='median', value=244, difference=6,
    quartile='between the median and Q3')
    """

    specialty: str = attrs.field(validator=text_field)
    statistic: Statistic = attrs.field(converter=_statistic)
    value: int = attrs.field(converter=on_the_scale)
    difference: int = attrs.field(converter=difference_on_the_scale)
    quartile: Quartile | None = attrs.field(default=None, validator=attrs.validators.optional(instance_of(Quartile)))
    thin: bool = attrs.field(default=False, kw_only=True, validator=flag)

    def __repr__(self) -> str:
        where = "None" if self.quartile is None else repr(self.quartile.label)
        return (
            f"SpecialtyComparison(specialty={bounded_repr(self.specialty)}, "
            f"statistic={bounded_repr(self.statistic.value)}, "
            f"value={self.value}, "
            f"difference={self.difference}, quartile={where}{', thin' if self.thin else ''})"
        )


def _quartile(score: int, q1: int, median: int, q3: int) -> Quartile:
    return Quartile(rules.quartile_rank(score, q1=q1, median=median, q3=q3))


@functools.cache
def _comparison_order(edition: BenchmarkEdition) -> tuple[SpecialtyBenchmark, ...]:
    """The edition's rows, most demanding first: highest central figure, then by name (does not depend on the score)."""
    return tuple(sorted((b for b in edition if b.value is not None), key=lambda b: (-(b.value or 0), b.specialty)))


def compare_with_edition(score: int, /, edition: BenchmarkEdition) -> tuple[SpecialtyComparison, ...]:
    """The score beside every specialty of ``edition`` that has a figure, the most demanding specialty first.

    A specialty whose matched figures the source suppresses has nothing to compare with
    and is left out (its row says so: :attr:`SpecialtyBenchmark.suppressed`). Rows are
    ordered by the specialty's central figure, highest first (so by the difference,
    smallest first), then by name; with quartiles each row says where the
    score falls among that specialty's matched applicants.

    >>> [(c.specialty, c.difference, c.quartile.label) for c in compare_with_edition(250, default_edition())[:2]]
    [('Otolaryngology', -11, 'between Q1 and the median'), ('Thoracic Surgery (Integrated)', -10, 'below Q1')]
    """
    check_instance(edition, BenchmarkEdition, field="edition")
    value = check_int_range(score, field="score", low=SCALE_MIN, high=SCALE_MAX)
    return tuple(_comparison(value, b, central) for b in _comparison_order(edition) if (central := b.value) is not None)


def _comparison(score: int, b: SpecialtyBenchmark, central: int) -> SpecialtyComparison:
    quartile = None if b.q1 is None or b.q3 is None else rules.quartile_rank(score, q1=b.q1, median=central, q3=b.q3)
    return SpecialtyComparison(
        b.specialty,
        b.statistic,
        central,
        score - central,
        None if quartile is None else Quartile(quartile),
        thin=b.thin,
    )
