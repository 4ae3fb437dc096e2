"""How current the library is: every packaged dataset with its edition, as-of date, sources and confidence.

``data_status()`` answers an advisor's first question about a tool like this one: which
figures does it ship, and how old are they? An as-of date is given only as the sources
state it; where they state none, the status says so.
"""

from __future__ import annotations

import datetime as dt
import html
import operator
from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from step2score._data import Row, packaged_table
from step2score._validate import check_instance, text_field, type_error
from step2score.benchmarks import benchmark_editions
from step2score.errors import DataFileError, InvalidValueError, UnknownDatasetError, bounded_repr
from step2score.measurement import default_difference_convention, default_sem
from step2score.norms import norm_tables, normal_approximations
from step2score.rates import match_rates, pass_rates, specialty_match_rates
from step2score.sources import Source
from step2score.standards import default_standards, exam_changes

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["NOT_STATED", "DataStatus", "DatasetStatus", "data_status"]

#: What the as-of field says when no source states a date.
NOT_STATED = "not stated by the sources"

_ABOUT_COLUMNS = ("dataset", "file", "edition", "as_of")


def _about(dataset: str) -> Row | None:
    """What ``datasets.csv`` says of a dataset (its edition or scope, the date its sources state), if anything."""
    return next((row for row in packaged_table("datasets.csv", _ABOUT_COLUMNS) if row.text("dataset") == dataset), None)


def _described(dataset: str) -> Row:
    """The row of ``datasets.csv`` for a dataset whose scope it states."""
    row = _about(dataset)
    if row is None:
        msg = f"step2score/data/datasets.csv: no row for the dataset {bounded_repr(dataset)}"
        raise DataFileError(msg, field="dataset", value=dataset, rule="a row for every described dataset")
    return row


def _as_of(dataset: str) -> str:
    row = _about(dataset)
    return (row.text("as_of", required=False) if row is not None else "") or NOT_STATED


def _sources(value: object) -> tuple[Source, ...]:
    if not isinstance(value, tuple | list):
        raise type_error(value, (tuple, list), field="sources")
    if not value:
        msg = "sources must hold at least one Source, got none"
        raise InvalidValueError(msg)
    for item in value:
        check_instance(item, Source, field="sources")
    return tuple(value)


@attrs.frozen
class DatasetStatus:
    """One packaged dataset: what it is, which edition or cohort, as of when, from where.

    Attributes:
        dataset: What the data is ("Norm table", "Match rates by band").
        edition: The edition or cohort it describes.
        as_of: The date as its sources state it, or :data:`~step2score.status.NOT_STATED`.
        sources: Every distinct source of its rows.
        file: The package data file it is read from.

    >>> status = data_status()["Norm table 2023-2026"]
    >>> status.as_of, status.confidence
    ('USMLE Score Interpretation Guidelines updated 17-August-2026', 'single-secondary')
    """

    dataset: str = attrs.field(validator=text_field)
    edition: str = attrs.field(validator=text_field)
    as_of: str = attrs.field(validator=text_field)
    sources: tuple[Source, ...] = attrs.field(converter=_sources)
    file: str = attrs.field(validator=text_field)

    def __repr__(self) -> str:
        """One line: the dataset, its edition, as of when and its confidence."""
        return (
            f"DatasetStatus({bounded_repr(self.dataset)}, "
            f"{bounded_repr(self.edition)}, as_of={bounded_repr(self.as_of)}, "
            f"confidence={bounded_repr(self.confidence)}, {len(self.sources)} source(s))"
        )

    @property
    def confidence(self) -> str:
        """The confidence words of its sources, strongest first, joined by " / ".

        >>> data_status()["Passing standards"].confidence
        'official / secondary'
        """
        order = ["official", "secondary", "single-secondary", "advisory"]
        found = {source.confidence.value for source in self.sources}
        return " / ".join(word for word in order if word in found)

    def describe(self) -> str:
        """One line: dataset, edition, as of, confidence.

        >>> print(data_status()["Match rates by band"].describe())
        Match rates by band: U.S. MD seniors who preferred each specialty, pooled 2020-2024 (22 specialties); as of:
        generated 2026-07-22 (third-party pooling); confidence: single-secondary
        """
        return f"{self.dataset}: {self.edition}; as of: {self.as_of}; confidence: {self.confidence}"


def _datasets(value: object) -> tuple[DatasetStatus, ...]:
    if not isinstance(value, tuple | list):
        raise type_error(value, (tuple, list), field="datasets")
    for item in value:
        check_instance(item, DatasetStatus, field="datasets")
    return tuple(value)


@attrs.frozen
class DataStatus:
    """Every packaged dataset's status; iterate, index by position or by dataset name.

    ``to_frame()`` gives a pandas DataFrame (pandas imported on use); in a notebook the
    status displays as a table.

    >>> status = data_status()
    >>> "Pass rates" in [s.dataset for s in status]
    True
    """

    datasets: tuple[DatasetStatus, ...] = attrs.field(converter=_datasets)

    def __repr__(self) -> str:
        """One line naming the first datasets; :meth:`to_frame` or the notebook table shows them all.

        >>> data_status()
        DataStatus(22 datasets: Passing standards, Exam changes, Tier thresholds, ...; to_frame() lists them all)
        """
        names = ", ".join(item.dataset for item in self.datasets[:3])
        more = ", ..." if len(self.datasets) > 3 else ""
        return f"DataStatus({len(self.datasets)} datasets: {names}{more}; to_frame() lists them all)"

    def __iter__(self) -> Iterator[DatasetStatus]:
        return iter(self.datasets)

    def __len__(self) -> int:
        return len(self.datasets)

    def __getitem__(self, key: int | str) -> DatasetStatus:
        if isinstance(key, str):
            for item in self.datasets:
                if item.dataset == key:
                    return item
            known = tuple(item.dataset for item in self.datasets)
            msg = f"dataset must be one of {', '.join(map(repr, known))}, got {bounded_repr(key)}"
            raise UnknownDatasetError(msg, field="dataset", value=key, rule="a packaged dataset", suggestions=known)
        try:
            position = operator.index(key) if not isinstance(key, bool) else None
        except TypeError:
            position = None
        if position is None:
            raise type_error(key, (str, int), field="dataset")
        if not -len(self.datasets) <= position < len(self.datasets):
            rule = f"a dataset's name or a position from {-len(self.datasets)} to {len(self.datasets) - 1}"
            msg = f"dataset must be {rule}, got {bounded_repr(key)}"
            raise UnknownDatasetError(msg, field="dataset", value=key, rule=rule)
        return self.datasets[position]

    def to_frame(self) -> pd.DataFrame:
        """One row per dataset: dataset, edition, as_of, confidence, source, url, file.

        >>> frame = data_status().to_frame()
        >>> list(frame.columns)
        ['dataset', 'edition', 'as_of', 'confidence', 'source', 'url', 'file']
        """
        import pandas as pd  # noqa: PLC0415 - pandas is an optional extra, imported on use

        return pd.DataFrame(
            [
                {
                    "dataset": item.dataset,
                    "edition": item.edition,
                    "as_of": item.as_of,
                    "confidence": item.confidence,
                    "source": " ; ".join(source.title for source in item.sources),
                    "url": " ; ".join(dict.fromkeys(url for source in item.sources for url in source.urls)),
                    "file": item.file,
                }
                for item in self.datasets
            ]
        )

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{name}</th>" for name in ("dataset", "edition", "as of", "confidence", "sources"))
        rows = []
        for item in self.datasets:
            links = "; ".join(
                f'<a href="{html.escape(source.links[0])}">{html.escape(source.title)}</a>'
                if source.links
                else html.escape(source.title)
                for source in item.sources
            )
            cells = (html.escape(item.dataset), html.escape(item.edition), html.escape(item.as_of), item.confidence)
            rows.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + f"<td>{links}</td></tr>")
        return f'<table class="step2score-status"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _distinct(sources: list[Source]) -> tuple[Source, ...]:
    seen: dict[tuple[str, str, str], Source] = {}
    for source in sources:
        seen.setdefault((source.title, source.url, source.confidence.value), attrs.evolve(source, note=""))
    return tuple(seen.values())


def _file(name: str, required: tuple[str, ...]) -> tuple[tuple[Row, ...], tuple[Source, ...]]:
    rows = packaged_table(name, required)
    return rows, _distinct([row.source() for row in rows])


def data_status() -> DataStatus:
    """The status of every packaged dataset: edition or cohort, as-of date, sources, confidence.

    Returns:
        A :class:`DataStatus`: iterate it, index it by dataset name, call ``to_frame()``.

    >>> for item in list(data_status())[:6]:
    ...     print(f"{item.dataset} | {item.as_of}")
    Passing standards | latest effective date 2025-07-01
    Exam changes | latest change 2026-05-07
    Tier thresholds | not stated by the sources
    Norm table 2023-2026 | USMLE Score Interpretation Guidelines updated 17-August-2026
    Norm table 2017-2020 | Blueprint's copy published 2021-07-27
    Cohort means and SDs | not stated by the sources
    """
    items: list[DatasetStatus] = []

    standards = default_standards().standards
    dated = [s for s in standards if s.in_force_from is not None]
    latest = max(dated, key=lambda s: s.in_force_from or dt.date.min)
    items.append(
        DatasetStatus(
            "Passing standards",
            f"{len(standards)} standards; the latest, {latest.minimum}, for exams on or after {latest.in_force_from}",
            f"latest effective date {latest.in_force_from}",
            _distinct([s.source for s in standards]),
            "standards.csv",
        )
    )

    changes = exam_changes()
    items.append(
        DatasetStatus(
            "Exam changes",
            "; ".join(change.describe() for change in changes),
            f"latest change {changes[-1].on.isoformat()}",
            _distinct([change.source for change in changes]),
            "exam_changes.csv",
        )
    )

    rows, sources = _file("tier_schemes.csv", ("name", "competitive", "exceptional"))
    items.append(
        DatasetStatus(
            "Tier thresholds",
            "; ".join(
                f"{row.text('name')}: competitive {row.text('competitive')}, exceptional {row.text('exceptional')}"
                for row in rows
            ),
            NOT_STATED,
            sources,
            "tier_schemes.csv",
        )
    )

    items += [
        DatasetStatus(
            f"Norm table {table.name}",
            table.cohort,
            _as_of(f"Norm table {table.name}"),
            (attrs.evolve(table.source, note=""),),
            "norms.csv",
        )
        for table in norm_tables()
    ]

    approximations = normal_approximations()
    items.append(
        DatasetStatus(
            "Cohort means and SDs",
            f"first-time examinees, cohorts {approximations[0].cohort} to {approximations[-1].cohort}",
            NOT_STATED,
            _distinct([a.source for a in approximations]),
            "normal_approximations.csv",
        )
    )

    sem, convention = default_sem(), default_difference_convention()
    items.append(
        DatasetStatus(
            "Measurement error (SEM)",
            f"SEM {sem.points:g} points; meaningful difference at {convention.multiple:g} x SED (SED derived)",
            _as_of("Measurement error (SEM)"),
            _distinct([source for source in (sem.source, convention.source) if source is not None]),
            "measurement.csv",
        )
    )

    items += [
        DatasetStatus(
            f"Benchmark edition: {edition.name}",
            f"{edition.name}, {edition.cohort}",
            f"the {edition.match_year} Match, as the edition labels it",
            _distinct([edition.source] if edition.source is not None else [row.source for row in edition.benchmarks]),
            "editions.csv, benchmarks.csv",
        )
        for edition in benchmark_editions()
    ]

    rates = match_rates()
    specialties = len({rate.specialty for rate in rates})
    items.append(
        DatasetStatus(
            "Match rates by band",
            f"{_described('Match rates by band').text('edition')} ({specialties} specialties)",
            _as_of("Match rates by band"),
            _distinct([rate.source for rate in rates]),
            "match_rates.csv",
        )
    )

    by_specialty = specialty_match_rates()
    items.append(
        DatasetStatus(
            "Match rates by specialty",
            f"{_described('Match rates by specialty').text('edition')} "
            f"({len(by_specialty) - 1} specialties and all together)",
            _as_of("Match rates by specialty"),
            _distinct([rate.source for rate in by_specialty]),
            "specialty_match_rates.csv",
        )
    )

    passes = pass_rates()
    years = sorted({rate.year for rate in passes})
    items.append(
        DatasetStatus(
            "Pass rates",
            f"first takers and repeaters by group, academic years {' and '.join(years)}",
            _as_of("Pass rates"),
            _distinct([rate.source for rate in passes]),
            "pass_rates.csv",
        )
    )

    rows, sources = _file("attempt_policies.csv", ("limit", "applies_from"))
    newest = max(rows, key=lambda row: row.text("applies_from"))
    items.append(
        DatasetStatus(
            "Attempt limits",
            f"{newest.text('limit')} attempts per Step for applications on or after {newest.text('applies_from')}",
            f"in force from {newest.text('applies_from')}",
            sources,
            "attempt_policies.csv",
        )
    )

    for dataset, required in (
        ("Licensure window", ("rule",)),
        ("Board-outcome study", ("exam",)),
        ("Target policy", ("rule",)),
        ("Specialties outside the NRMP match", ("specialty", "match")),
        ("Advice sources", ("code",)),
        ("Where the article differs", ("topic",)),
    ):
        row = _described(dataset)
        _, sources = _file(row.text("file"), required)
        items.append(DatasetStatus(dataset, row.text("edition"), _as_of(dataset), sources, row.text("file")))
    _, sources = _file("datasets.csv", _ABOUT_COLUMNS)
    items.append(
        DatasetStatus(
            "Dataset scopes and dates",
            "the scope and as-of date each dataset's sources state, for the rows above",
            NOT_STATED,
            sources,
            "datasets.csv",
        )
    )

    return DataStatus(tuple(items))
