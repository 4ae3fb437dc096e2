"""Reading data tables: packaged CSV files and users' own CSV or TOML files.

A table is rows of named text fields. Every row must carry its source
(``source_title``, ``source_url``, ``confidence``); errors name the file, the row
and the field. Data is parsed, never executed.
"""

from __future__ import annotations

import functools
import io
import os
from collections.abc import Callable, Iterator, Mapping
from typing import TypeVar

import attrs

from step2score.errors import DataFileError, Step2ScoreError
from step2score.sources import Source

T = TypeVar("T")

SOURCE_FIELDS = ("source_title", "source_url", "confidence")


@attrs.frozen
class Row:
    """One row of a data table, with where it came from for error messages."""

    file: str
    number: int
    fields: Mapping[str, str]

    def where(self, field: str) -> str:
        """The place of ``field`` in words: ``benchmarks.csv, row 3, field 'mean'``."""
        return f"{self.file}, row {self.number}, field {field!r}"

    def text(self, field: str, *, required: bool = True) -> str:
        """The field's text, stripped; a missing or blank required field is an error."""
        value = (self.fields.get(field) or "").strip()
        if required and not value:
            msg = f"{self.where(field)}: a value is required, got {self.fields.get(field)!r}"
            raise DataFileError(msg)
        return value

    def read(self, field: str, parse: Callable[[str], T], *, required: bool = True) -> T:
        """Parse the field with ``parse``; a package error or ValueError becomes a :class:`DataFileError`."""
        raw = self.text(field, required=required)
        try:
            return parse(raw)
        except (Step2ScoreError, ValueError, TypeError) as error:
            msg = f"{self.where(field)}: {error}"
            raise DataFileError(msg) from None

    def optional(self, field: str, parse: Callable[[str], T]) -> T | None:
        """Parse the field with ``parse``, or ``None`` when it is absent or blank."""
        return self.read(field, parse) if self.text(field, required=False) else None

    def source(self) -> Source:
        """The row's :class:`Source`, built from its source columns."""
        for field in SOURCE_FIELDS:
            self.text(field)
        try:
            return Source(
                title=self.text("source_title"),
                url=self.text("source_url"),
                confidence=self.text("confidence"),
                note=self.text("note", required=False),
            )
        except Step2ScoreError as error:
            msg = f"{self.where('confidence')}: {error}"
            raise DataFileError(msg) from None


def _rows_from_csv(text: str, *, file: str, required: tuple[str, ...]) -> Iterator[Row]:
    import csv  # noqa: PLC0415 - imported when data is first read, to keep `import step2score` light

    reader = csv.DictReader(io.StringIO(text))
    columns = reader.fieldnames or []
    missing = [name for name in required if name not in columns]
    if missing:
        msg = f"{file}: missing column(s) {', '.join(map(repr, missing))}; columns found: {columns}"
        raise DataFileError(msg)
    for record in reader:
        if None in record:
            msg = f"{file}, row {reader.line_num - 1}: more fields than columns: {record[None]!r}"
            raise DataFileError(msg)
        yield Row(file, reader.line_num - 1, {k: v or "" for k, v in record.items()})


def _rows_from_toml(text: str, *, file: str, required: tuple[str, ...]) -> Iterator[Row]:
    import tomllib  # noqa: PLC0415 - only users' TOML files need it

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        msg = f"{file}: not valid TOML: {error}"
        raise DataFileError(msg) from None
    records = document.get("rows")
    if not isinstance(records, list):
        msg = f"{file}: a TOML data file needs an array of tables named 'rows' ([[rows]])"
        raise DataFileError(msg)
    for number, record in enumerate(records, start=1):
        fields: dict[str, str] = {}
        for key, value in record.items():
            if isinstance(value, bool) or not isinstance(value, str | int | float):
                msg = f"{file}, row {number}, field {key!r}: must be a string or a number, got {value!r}"
                raise DataFileError(msg)
            fields[key] = str(value)
        missing = [name for name in required if name not in fields]
        if missing:
            msg = f"{file}, row {number}: missing field(s) {', '.join(map(repr, missing))}"
            raise DataFileError(msg)
        yield Row(file, number, fields)


def parse_table(text: str, *, file: str, required: tuple[str, ...], kind: str = "csv") -> tuple[Row, ...]:
    """Split a CSV or TOML text into rows, checking the required columns are present."""
    columns = (*required, *SOURCE_FIELDS)
    rows = _rows_from_toml if kind == "toml" else _rows_from_csv
    return tuple(rows(text, file=file, required=columns))


def read_table_file(path: str | os.PathLike[str], *, required: tuple[str, ...]) -> tuple[Row, ...]:
    """Read a user's CSV or TOML data file (the suffix decides)."""
    from pathlib import Path  # noqa: PLC0415 - only users' files need it

    file = Path(path)
    kind = "toml" if file.suffix.lower() == ".toml" else "csv"
    try:
        text = file.read_text(encoding="utf-8-sig")
    except OSError as error:
        msg = f"{file}: cannot be read: {error.strerror or error}"
        raise DataFileError(msg) from None
    except UnicodeDecodeError:
        msg = f"{file}: is not UTF-8 text"
        raise DataFileError(msg) from None
    return parse_table(text, file=str(file), required=required, kind=kind)


@functools.cache
def packaged_table(name: str, required: tuple[str, ...]) -> tuple[Row, ...]:
    """Read a CSV table shipped in ``step2score/data`` once, on first use."""
    import importlib.resources  # noqa: PLC0415 - imported on first use, to keep `import step2score` light

    text = importlib.resources.files("step2score").joinpath("data", name).read_text(encoding="utf-8")
    return parse_table(text, file=f"step2score/data/{name}", required=required)
