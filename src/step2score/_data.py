"""Reading data tables: packaged CSV files and users' own CSV or TOML files.

A table is rows of named text fields. Every row must carry its source
(``source_title``, ``source_url``, ``confidence``); errors name the file, the row
and the field. Data is parsed, never executed.

A user's file is read only if it is a regular file of at most :data:`MAX_FILE_BYTES`
(a FIFO or a device such as ``/dev/zero`` is refused before it is opened), a CSV field
may hold at most :data:`MAX_FIELD_CHARACTERS`, and a TOML document that nests too
deeply is refused; each breach is a :class:`~step2score.DataFileError`.
"""

from __future__ import annotations

import functools
import io
import os
from collections.abc import Callable, Iterator, Mapping
from typing import TypeVar

from step2score.errors import DataFileError, InvalidTypeError, Step2ScoreError, bounded_repr
from step2score.sources import Confidence, Source

T = TypeVar("T")

SOURCE_FIELDS = ("source_title", "source_url", "confidence")
#: The largest data file read (a benchmark table is a few kilobytes).
MAX_FILE_BYTES = 5_000_000
#: The longest CSV field read (the csv module's own default limit, stated here).
MAX_FIELD_CHARACTERS = 131_072


class Row:
    """One row of a data table, with where it came from for error messages."""

    # A plain class: rows are made while data is first read, where attrs' class creation would cost more.
    __slots__ = ("fields", "file", "number", "numbers")

    def __init__(
        self, file: str, number: int, fields: Mapping[str, str], *, numbers: frozenset[str] = frozenset()
    ) -> None:
        self.file = file
        self.number = number
        self.fields = fields
        #: The fields a TOML file wrote as numbers: read as figures, refused where text belongs.
        self.numbers = numbers

    def __repr__(self) -> str:
        return f"Row(file={self.file!r}, number={self.number!r}, fields={self.fields!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Row):
            return NotImplemented
        return (self.file, self.number, self.fields) == (other.file, other.number, other.fields)

    __hash__ = None  # type: ignore[assignment]  # fields is a mapping

    def where(self, field: str) -> str:
        """The place of ``field`` in words: ``benchmarks.csv, row 3, field 'mean'``."""
        return f"{self.file}, row {self.number}, field {field!r}"

    def text(self, field: str, *, required: bool = True, number: bool = False) -> str:
        """The field's text, stripped; a missing or blank required field is an error.

        A field a TOML file wrote as a number is refused unless ``number`` (a figure) is asked for:
        a specialty or a source URL is text, as it is from Python.
        """
        if field in self.numbers and not number:
            rule = "text (a TOML string)"
            msg = f"{self.where(field)}: must be {rule}, got the number {bounded_repr(self.fields.get(field))}"
            raise DataFileError(msg, field=field, value=self.fields.get(field), rule=rule)
        value = (self.fields.get(field) or "").strip()
        if required and not value:
            msg = f"{self.where(field)}: a value is required, got {bounded_repr(self.fields.get(field))}"
            raise DataFileError(msg, field=field, value=self.fields.get(field), rule="a value is required")
        return value

    def read(self, field: str, parse: Callable[[str], T], *, required: bool = True, number: bool = False) -> T:
        """Parse the field with ``parse``; a package error or ValueError becomes a :class:`DataFileError`.

        ``number``: the field is a figure, which a TOML file may write as a number.
        """
        raw = self.text(field, required=required, number=number)
        try:
            return parse(raw)
        except Step2ScoreError as error:
            msg = f"{self.where(field)}: {error}"
            raise DataFileError(
                msg, field=field, value=raw, rule=error.rule, suggestions=error.suggestions, hint=error.hint
            ) from None
        except (ValueError, TypeError):
            msg = f"{self.where(field)}: cannot be read, got {bounded_repr(raw)}"
            raise DataFileError(msg, field=field, value=raw) from None

    def optional(self, field: str, parse: Callable[[str], T], *, number: bool = False) -> T | None:
        """Parse the field with ``parse``, or ``None`` when it is absent or blank."""
        return self.read(field, parse, number=number) if self.text(field, required=False, number=number) else None

    def source(self) -> Source:
        """The row's :class:`Source`, built from its source columns."""
        for field in SOURCE_FIELDS:
            self.text(field)
        try:
            return _source(
                self.text("source_title"),
                self.text("source_url"),
                self.text("confidence"),
                self.text("note", required=False),
            )
        except Step2ScoreError as error:
            msg = f"{self.where('confidence')}: {error}"
            raise DataFileError(msg) from None


@functools.lru_cache(maxsize=1024)
def _source(title: str, urls: str, confidence: str, note: str) -> Source:
    """A source from its cells, made once per distinct cells (tables repeat their sources row after row)."""
    try:
        word: Confidence | str = _confidence(confidence)
    except Step2ScoreError:  # Source reads the text itself, and names the first field it refuses
        word = confidence
    return Source(title=title, urls=urls, confidence=word, note=note)


@functools.lru_cache(maxsize=64)
def _confidence(text: str) -> Confidence:
    """A confidence word read once per spelling (every row has one, and there are four words)."""
    return Confidence.parse(text)


def _rows_from_csv(text: str, *, file: str, required: tuple[str, ...]) -> Iterator[Row]:
    import csv  # noqa: PLC0415 - imported when data is first read, to keep `import step2score` light

    if csv.field_size_limit() < MAX_FIELD_CHARACTERS:  # pragma: no cover - another library lowered it
        msg = f"{file}: the csv module's field size limit was lowered to {csv.field_size_limit()}"
        raise DataFileError(msg)
    reader = csv.DictReader(io.StringIO(text))
    try:
        columns = reader.fieldnames or []
        twice = sorted({name for name in columns if columns.count(name) > 1})
        if twice:
            msg = (
                f"{file}: column(s) {', '.join(map(bounded_repr, twice))} appear more than once; name each column once"
            )
            raise DataFileError(msg, rule="each column once")
        missing = [name for name in required if name not in columns]
        if len(missing) == len(required):  # not a data table of this kind: named, never echoed
            msg = f"{file}: not a data table: its first line names none of the columns {', '.join(map(repr, required))}"
            raise DataFileError(msg, rule="required columns")
        if missing:
            msg = f"{file}: missing column(s) {', '.join(map(repr, missing))}; columns found: {bounded_repr(columns)}"
            raise DataFileError(msg, rule="required columns")
        for record in reader:
            if None in record:
                msg = f"{file}, row {reader.line_num - 1}: more fields than columns: {bounded_repr(record[None])}"
                raise DataFileError(msg)
            yield Row(file, reader.line_num - 1, {k: v or "" for k, v in record.items()})
    except csv.Error as error:
        limit = f"at most {MAX_FIELD_CHARACTERS} characters a field"
        msg = f"{file}, line {reader.line_num}: not valid CSV ({error}; {limit})"
        raise DataFileError(msg, rule="valid CSV") from None


def _rows_from_toml(text: str, *, file: str, required: tuple[str, ...]) -> Iterator[Row]:
    import tomllib  # noqa: PLC0415 - only users' TOML files need it

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        msg = f"{file}: not valid TOML: {error}"
        raise DataFileError(msg, rule="valid TOML") from None
    except ValueError:  # an integer of more digits than Python converts (4,300)
        msg = f"{file}: not a data table: it holds a number of more than 4300 digits"
        raise DataFileError(msg, rule="numbers of at most 64 bits") from None
    except RecursionError:
        msg = f"{file}: not a data table: its arrays or tables nest too deeply"
        raise DataFileError(msg, rule="valid TOML") from None
    records = document.get("rows")
    if not isinstance(records, list):
        msg = f"{file}: a TOML data file needs an array of tables named 'rows' ([[rows]])"
        raise DataFileError(msg)
    for number, record in enumerate(records, start=1):
        yield _toml_row(record, file=file, number=number, required=required)


def _toml_row(record: object, *, file: str, number: int, required: tuple[str, ...]) -> Row:
    """One ``[[rows]]`` table as a row: strings and numbers only, the numbers remembered as such."""
    fields: dict[str, str] = {}
    numbers: set[str] = set()
    if not isinstance(record, dict):
        msg = f"{file}, row {number}: must be a table of fields, got {bounded_repr(record)}"
        raise DataFileError(msg)
    for key, value in record.items():
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            msg = (
                f"{file}, row {number}, field {bounded_repr(key)}: must "
                f"be a string or a number, got {bounded_repr(value)}"
            )
            raise DataFileError(msg, field=key, value=value, rule="a string or a number")
        if isinstance(value, int) and value.bit_length() > 64:
            msg = f"{file}, row {number}, field {bounded_repr(key)}: a number too large, got {bounded_repr(value)}"
            raise DataFileError(msg, field=key, value=value, rule="a number of at most 64 bits")
        fields[key] = str(value)
        if not isinstance(value, str):
            numbers.add(key)
    missing = [name for name in required if name not in fields]
    if missing:
        msg = f"{file}, row {number}: missing field(s) {', '.join(map(repr, missing))}"
        raise DataFileError(msg)
    return Row(file, number, fields, numbers=frozenset(numbers))


def parse_table(text: str, *, file: str, required: tuple[str, ...], kind: str = "csv") -> tuple[Row, ...]:
    """Split a CSV or TOML text into rows, checking the required columns are present."""
    columns = (*required, *SOURCE_FIELDS)
    rows = _rows_from_toml if kind == "toml" else _rows_from_csv
    return tuple(rows(text, file=file, required=columns))


def read_table_file(path: str | os.PathLike[str], *, required: tuple[str, ...]) -> tuple[Row, ...]:
    """Read a user's CSV or TOML data file (the suffix decides)."""
    from pathlib import Path  # noqa: PLC0415 - only users' files need it

    named: object = os.fspath(path) if isinstance(path, os.PathLike) else path
    if not isinstance(named, str):
        rule = "a path: a str or an os.PathLike naming a file"
        msg = f"path must be {rule}, got {type(path).__name__} {bounded_repr(path)}"
        raise InvalidTypeError(msg, field="path", value=path, rule=rule)
    if "\x00" in named:  # os.stat would raise a bare ValueError
        msg = f"{bounded_repr(named)}: cannot be read: a path may not hold a NUL character"
        raise DataFileError(msg, rule="a path without NUL characters")
    file = Path(named)
    kind = "toml" if file.suffix.lower() == ".toml" else "csv"
    try:
        text = read_limited(file).decode("utf-8-sig")
    except OSError as error:
        msg = f"{file}: cannot be read: {error.strerror or error}"
        raise DataFileError(msg) from None
    except UnicodeDecodeError:
        msg = f"{file}: is not UTF-8 text"
        raise DataFileError(msg, rule="UTF-8 text") from None
    return parse_table(text, file=str(file), required=required, kind=kind)


def read_limited(file: os.PathLike[str], *, limit: int = 0) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (:data:`MAX_FILE_BYTES` by default).

    Anything but a regular file (a directory, a FIFO, ``/dev/zero``) is refused unopened.
    """
    limit = limit or MAX_FILE_BYTES
    import stat  # noqa: PLC0415 - only users' files need it

    mode = os.stat(file).st_mode
    if not stat.S_ISREG(mode):
        msg = f"{file}: must be a regular file, not a directory, pipe or device"
        raise DataFileError(msg, rule="a regular file")
    # O_NONBLOCK: should the path be swapped for a FIFO after the check, opening it does not wait.
    descriptor = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(descriptor, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            msg = f"{file}: must be a regular file, not a directory, pipe or device"
            raise DataFileError(msg, rule="a regular file")
        data = stream.read(limit + 1)
    if len(data) > limit:
        msg = f"{file}: larger than the limit of {limit} bytes"
        raise DataFileError(msg, rule=f"at most {limit} bytes")
    return data


@functools.cache
def packaged_table(name: str, required: tuple[str, ...]) -> tuple[Row, ...]:
    """Read a CSV table shipped in ``step2score/data`` once, on first use."""
    # A plain file beside this module: importlib.resources would cost more to import than the read.
    with open(os.path.join(os.path.dirname(__file__), "data", name), encoding="utf-8") as stream:
        text = stream.read()
    return parse_table(text, file=f"step2score/data/{name}", required=required)
