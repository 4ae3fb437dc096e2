"""Percentile ranks: from a norm table (exact or interpolated) or a labelled normal approximation.

Norms drift: a 245 was the 46th percentile of the 2017-2020 cohort, about the 37th in a
2024-era table and is the 32nd of the 2023-2026 cohort, the packaged default. Every
:class:`PercentileRank` therefore names its cohort, and every packaged table has a name a
user can ask for: ``percentile_of(245, norms="2017-2020")``.
"""

from __future__ import annotations

import bisect
import enum
import functools
import itertools
from collections.abc import Mapping
from typing import TYPE_CHECKING, TypeVar

import attrs

from step2score._data import Row, packaged_table
from step2score._validate import (
    NO_ORDER,
    SCALE_MAX,
    SCALE_MIN,
    as_real,
    check_instance,
    check_int_range,
    field_repr,
    instance_of,
    parse_enum,
    require_extra,
    shown,
    text_field,
    type_error,
)
from step2score.errors import DataFileError, InvalidValueError, UnknownCohortError, bounded_repr
from step2score.score import ScaledScore
from step2score.sources import Source

if TYPE_CHECKING:
    import pandas as pd

N = TypeVar("N")

__all__ = [
    "DEFAULT_NORM_TABLE",
    "NormTable",
    "NormalApproximation",
    "PercentileMethod",
    "PercentileRank",
    "default_norm_table",
    "norm_table",
    "norm_tables",
    "normal_approximation",
    "normal_approximations",
    "norms_named",
    "percentile_of",
]

#: The name of the packaged norm table used when none is asked for.
DEFAULT_NORM_TABLE = "2023-2026"


class PercentileMethod(enum.StrEnum):
    """How a percentile was read.

    >>> percentile_of(250).method, percentile_of(251).method
    (<PercentileMethod.EXACT: 'exact'>, <PercentileMethod.INTERPOLATED: 'interpolated'>)
    """

    __lt__, __le__, __gt__, __ge__ = NO_ORDER

    #: The score is one of the table's points.
    EXACT = "exact"
    #: Linear interpolation between the two table points around the score.
    INTERPOLATED = "interpolated"
    #: The score is outside the table; the nearest end's percentile is reported.
    CLAMPED = "clamped"
    #: A normal curve through a cohort's mean and SD, an approximation rather than a table.
    NORMAL_APPROXIMATION = "normal-approximation"


def _percentile(value: object, *, field: str = "percentile") -> float:
    number = as_real(value, field=field, rule="a number from 0 to 100")
    if not 0 <= number <= 100:
        msg = f"{field} must be a number from 0 to 100, got {shown(value)}"
        raise InvalidValueError(msg, field=field, value=value, rule="a number from 0 to 100")
    return number


def _method(value: object) -> PercentileMethod:
    return parse_enum(value, PercentileMethod, field="method")


@attrs.frozen
class PercentileRank:
    """A percentile rank with the cohort it is relative to and how it was read.

    Attributes:
        value: The percentage of the cohort scoring lower, 0 to 100.
        cohort: The examinees the rank is relative to.
        method: Exact table point, interpolated, clamped, or normal approximation.
        source: Where the norms were read.

    >>> rank = percentile_of(247)
    >>> rank.value, rank.method.value
    (36.8, 'interpolated')
    """

    __repr__ = field_repr

    value: float = attrs.field(converter=_percentile)
    cohort: str = attrs.field(validator=text_field)
    method: PercentileMethod = attrs.field(converter=_method)
    source: Source = attrs.field(validator=instance_of(Source))

    @property
    def shown(self) -> str:
        """The value as every report writes it: one decimal place, none for a whole number.

        >>> percentile_of(247).shown, percentile_of(245).shown
        ('36.8', '32')
        """
        return shown_percent(self.value)

    def describe(self) -> str:
        """In words: ``percentile rank 46 (exact; first-time US/Canadian examinees ...)``.

        >>> percentile_of(245, norms="2017-2020").describe()
        'percentile rank 46 (exact; first-time US/Canadian examinees tested 2017-07-01 to 2020-06-30)'
        """
        return f"percentile rank {self.shown} ({self.method.value}; {self.cohort})"


def shown_percent(value: float) -> str:
    """A percentage or percentile rank as reports write it: one decimal place, none for a whole number.

    >>> shown_percent(36.84), shown_percent(32.0), shown_percent(1.6000000000000227)
    ('36.8', '32', '1.6')
    """
    return f"{value:.1f}".removesuffix(".0")


def _points(value: object) -> tuple[tuple[int, float], ...]:
    if not isinstance(value, tuple | list):
        raise type_error(value, (tuple, list), field="points")
    points: list[tuple[int, float]] = []
    for index, pair in enumerate(value):
        if not isinstance(pair, tuple | list) or len(pair) != 2:
            msg = f"points[{index}] must be a (score, percentile) pair, got {bounded_repr(pair)}"
            raise InvalidValueError(msg)
        score = check_int_range(pair[0], field=f"points[{index}] score", low=SCALE_MIN, high=SCALE_MAX)
        points.append((score, _percentile(pair[1], field=f"points[{index}] percentile")))
    if len(points) < 2:
        msg = f"points must hold at least two (score, percentile) pairs, got {len(points)}"
        raise InvalidValueError(msg)
    points.sort()
    for (s0, p0), (s1, p1) in itertools.pairwise(points):
        if s0 == s1:
            msg = f"points must give each score once, got {s0} twice"
            raise InvalidValueError(msg)
        if p1 < p0:
            msg = f"points must not fall as the score rises, got {s0}: {p0:g} then {s1}: {p1:g}"
            raise InvalidValueError(msg)
    return tuple(points)


@attrs.frozen
class NormTable:
    """A norm table: percentile ranks at given scores, for one cohort.

    Scores between points are interpolated linearly; scores outside the table get the
    nearest end's percentile, labelled ``clamped``.

    Args:
        cohort: The examinees the ranks are relative to.
        points: ``(score, percentile)`` pairs, in any order; percentiles from 0 to 100
            that never fall as the score rises.
        source: Where the table was read.
        name: A short name to ask for the table by ("2023-2026"); blank for a user's own table.

    Raises:
        InvalidValueError: A percentile leaves 0..100, the table is not monotone, or a
            score appears twice.

    >>> table = default_norm_table()
    >>> table.name, table.percentile(245).value, table.percentile(247).value
    ('2023-2026', 32.0, 36.8)
    """

    cohort: str = attrs.field(validator=text_field)
    points: tuple[tuple[int, float], ...] = attrs.field(converter=_points)
    source: Source = attrs.field(validator=instance_of(Source))
    name: str = attrs.field(default="", validator=lambda _i, a, v: check_instance(v, str, field=a.name), kw_only=True)

    def __repr__(self) -> str:
        """One line: name, size and cohort; :meth:`to_frame` gives the points.

        >>> norm_table("2017-2020")
        NormTable('2017-2020', 28 points from 165 to 300, cohort='first-time US/Canadian examinees tested 2017-07-01 to
        2020-06-30')
        """
        name = f"{self.name!r}, " if self.name else ""
        low, high = self.points[0][0], self.points[-1][0]
        return f"NormTable({name}{len(self.points)} points from {low} to {high}, cohort={self.cohort!r})"

    def to_frame(self) -> pd.DataFrame:
        """The table as a pandas DataFrame of scores and percentile ranks (needs the ``pandas`` extra).

        >>> default_norm_table().to_frame().head(2)
              percentile
        score
        155          0.0
        160          0.0
        """
        pandas = require_extra("pandas", "pandas")
        frame: pd.DataFrame = pandas.DataFrame(list(self.points), columns=["score", "percentile"]).set_index("score")
        return frame

    def _repr_html_(self) -> str:
        """The table as a notebook table, its caption escaped (a user's table is text, not HTML)."""
        import html  # noqa: PLC0415 - only a notebook display needs it

        caption = html.escape(f"Norm table {self.name or ''}: {self.cohort} ({self.source.title})")
        return str(self.to_frame().T.style.set_caption(caption).format(precision=1).to_html())

    def percentile(self, score: ScaledScore | int, /) -> PercentileRank:
        """The percentile rank of ``score`` in this table.

        >>> default_norm_table().percentile(150).method.value
        'clamped'
        """
        value = ScaledScore(score).value
        scores = [point[0] for point in self.points]
        above = bisect.bisect_left(scores, value)  # the first point at or above the score
        if above < len(scores) and scores[above] == value:
            return PercentileRank(self.points[above][1], self.cohort, PercentileMethod.EXACT, self.source)
        if above in (0, len(scores)):  # outside the table: the nearest end's percentile
            nearest = self.points[0] if above == 0 else self.points[-1]
            return PercentileRank(nearest[1], self.cohort, PercentileMethod.CLAMPED, self.source)
        (s0, p0), (s1, p1) = self.points[above - 1], self.points[above]
        pct = p0 + (p1 - p0) * (value - s0) / (s1 - s0)
        return PercentileRank(pct, self.cohort, PercentileMethod.INTERPOLATED, self.source)


def _sd(value: object) -> float:
    number = as_real(value, field="sd", rule="a positive number")
    if number <= 0:
        msg = f"sd must be a positive number, got {value}"
        raise InvalidValueError(msg)
    return number


def _mean(value: object) -> float:
    number = as_real(value, field="mean", rule=f"a number from {SCALE_MIN} to {SCALE_MAX}")
    if not SCALE_MIN <= number <= SCALE_MAX:
        msg = f"mean must be a number from {SCALE_MIN} to {SCALE_MAX}, got {value}"
        raise InvalidValueError(msg)
    return number


@attrs.frozen
class NormalApproximation:
    """A normal curve through a cohort's mean and standard deviation.

    An approximation, and labelled so: every rank it gives has the method
    ``normal-approximation``.

    >>> approx = normal_approximation("2023-24")
    >>> approx.mean, approx.sd
    (249.0, 15.0)
    >>> round(approx.percentile(249).value, 1)
    50.0
    """

    __repr__ = field_repr

    cohort: str = attrs.field(validator=text_field)
    mean: float = attrs.field(converter=_mean)
    sd: float = attrs.field(converter=_sd)
    source: Source = attrs.field(validator=instance_of(Source))

    def percentile(self, score: ScaledScore | int, /) -> PercentileRank:
        """The percentile rank of ``score`` under the normal curve.

        >>> round(normal_approximation("2020-21").percentile(261).value, 1)
        84.1
        """
        value = ScaledScore(score).value
        from statistics import NormalDist  # noqa: PLC0415 - imported on use, to keep `import step2score` light

        pct = NormalDist(self.mean, self.sd).cdf(value) * 100
        cohort = (
            f"first-time US/Canadian examinees {self.cohort} (normal approximation, mean {self.mean:g}, SD {self.sd:g})"
        )
        return PercentileRank(pct, cohort, PercentileMethod.NORMAL_APPROXIMATION, self.source)


@functools.cache
def norm_tables() -> tuple[NormTable, ...]:
    """Every packaged norm table, the default (newest) first.

    >>> [t.name for t in norm_tables()]
    ['2023-2026', '2017-2020']
    """
    rows = packaged_table("norms.csv", ("table", "cohort", "score", "percentile"))
    names = dict.fromkeys(row.text("table") for row in rows)
    return tuple(_table_from_rows(name, [row for row in rows if row.text("table") == name]) for name in names)


def _table_from_rows(name: str, rows: list[Row]) -> NormTable:
    cohorts = {row.text("cohort") for row in rows}
    if len(cohorts) != 1:
        msg = f"norms.csv: table {bounded_repr(name)} must name one cohort, got {sorted(cohorts)}"
        raise DataFileError(msg)
    sources = [row.source() for row in rows]
    notes = " ".join(dict.fromkeys(source.note for source in sources if source.note))
    return NormTable(
        cohorts.pop(),
        tuple((row.read("score", int), row.read("percentile", float)) for row in rows),
        attrs.evolve(sources[-1], note=notes),
        name=name,
    )


def norm_table(name: str, /) -> NormTable:
    """The packaged norm table called ``name`` ("2023-2026" or "2017-2020").

    Raises:
        InvalidTypeError: ``name`` is not a string.
        UnknownCohortError: No packaged norm table has that name.

    >>> norm_table("2017-2020").percentile(245).value
    46.0
    """
    return _by_name({t.name: t for t in norm_tables()}, name, field="norms", rule="a packaged norm table")


def default_norm_table() -> NormTable:
    """The default norm table: first-time U.S. takers tested 2023-07-01 to 2026-06-30.

    >>> default_norm_table().name
    '2023-2026'
    """
    return norm_table(DEFAULT_NORM_TABLE)


@functools.cache
def normal_approximations() -> tuple[NormalApproximation, ...]:
    """Every packaged cohort mean and SD, oldest first.

    >>> [a.cohort for a in normal_approximations()]
    ['2016-17', '2017-18', '2018-19', '2020-21', '2023-24', '2024-25', '2025-26']
    """
    return tuple(
        NormalApproximation(row.text("cohort"), row.read("mean", float), row.read("sd", float), row.source())
        for row in packaged_table("normal_approximations.csv", ("cohort", "mean", "sd"))
    )


def normal_approximation(cohort: str, /) -> NormalApproximation:
    """The packaged normal approximation for ``cohort`` ("2023-24", "2020-21", ...).

    Raises:
        UnknownCohortError: No packaged cohort has that name.

    >>> normal_approximation("2016-17").mean
    242.0
    """
    pool = {a.cohort: a for a in normal_approximations()}
    return _by_name(pool, cohort, field="cohort", rule="a packaged cohort")


def percentile_of(
    score: ScaledScore | int, /, *, norms: NormTable | NormalApproximation | str | None = None
) -> PercentileRank:
    """The percentile rank of ``score``, with its cohort, method and source.

    Args:
        score: The score.
        norms: A :class:`NormTable`, a :class:`NormalApproximation`, the name of a
            packaged norm table ("2023-2026", "2017-2020") or of a packaged
            normal-approximation cohort ("2023-24"), or ``None`` for the 2023-2026 table.

    Raises:
        UnknownCohortError: ``norms`` names no packaged table or cohort.

    >>> rank = percentile_of(245)
    >>> rank.value, rank.method.value
    (32.0, 'exact')
    >>> rank.cohort
    'first-time takers from LCME-accredited (U.S.) medical schools tested 2023-07-01 to 2026-06-30, N = 67,824'
    >>> percentile_of(245, norms="2017-2020").value
    46.0
    >>> percentile_of(247).describe()  # doctest: +ELLIPSIS
    'percentile rank 36.8 (interpolated; first-time takers ... tested 2023-07-01 to 2026-06-30, N = 67,824)'
    """
    if norms is None:
        chosen: NormTable | NormalApproximation = default_norm_table()
    elif isinstance(norms, str):
        chosen = norms_named(norms)
    elif isinstance(norms, NormTable | NormalApproximation):
        chosen = norms
    else:
        raise type_error(norms, (NormTable, NormalApproximation, str), field="norms")
    return chosen.percentile(score)


def norms_named(name: str, /) -> NormTable | NormalApproximation:
    """The packaged norms called ``name``: a norm table ("2023-2026") or a normal-approximation cohort ("2023-24").

    Raises:
        UnknownCohortError: No packaged norms have that name; the message lists them.

    >>> norms_named("2017-2020").name, norms_named("2024-25").mean
    ('2017-2020', 250.0)
    """
    pool: dict[str, NormTable | NormalApproximation] = {t.name: t for t in norm_tables()}
    pool |= {a.cohort: a for a in normal_approximations()}
    return _by_name(pool, name, field="norms", rule="a packaged norm table or cohort")


def _by_name(pool: Mapping[str, N], name: object, *, field: str, rule: str) -> N:
    """The member of ``pool`` called ``name`` (spaces around it ignored), or an error listing the names."""
    if not isinstance(name, str):
        raise type_error(name, str, field=field)
    found = pool.get(name.strip())
    if found is None:
        msg = f"{field} must be one of {', '.join(map(repr, pool))}, got {bounded_repr(name)}"
        raise UnknownCohortError(msg, field=field, value=name, rule=rule, suggestions=tuple(pool))
    return found
