"""Provenance: where a figure came from and how sure we are of it."""

from __future__ import annotations

import enum

import attrs

from step2score._validate import check_instance, check_text, type_error
from step2score.errors import InvalidValueError

__all__ = ["Confidence", "Source"]


class Confidence(enum.StrEnum):
    """How much weight a figure can bear.

    The four words of the project's reference facts:

    * ``official``: an official body (USMLE, ECFMG, NRMP, a state board) or a
      peer-reviewed primary paper, possibly read through a faithful copy.
    * ``secondary``: two or more independent secondary sources agree.
    * ``single-secondary``: one secondary source.
    * ``advisory``: a rule of thumb from advice literature, not data. Figures with
      this confidence are heuristics, and the library labels them so.

    >>> Confidence("single-secondary")
    <Confidence.SINGLE_SECONDARY: 'single-secondary'>
    >>> Confidence.ADVISORY.is_heuristic
    True
    """

    OFFICIAL = "official"
    SECONDARY = "secondary"
    SINGLE_SECONDARY = "single-secondary"
    ADVISORY = "advisory"

    @property
    def is_heuristic(self) -> bool:
        """Whether a figure of this confidence is advice rather than data."""
        return self is Confidence.ADVISORY

    @classmethod
    def parse(cls, value: object, /, *, field: str = "confidence") -> Confidence:
        """Read a confidence word, naming the field in the error if it is not one.

        >>> Confidence.parse("official")
        <Confidence.OFFICIAL: 'official'>
        """
        if isinstance(value, Confidence):
            return value
        if not isinstance(value, str):
            raise type_error(value, str, field=field)
        try:
            return cls(value.strip())
        except ValueError:
            allowed = ", ".join(repr(c.value) for c in cls)
            msg = f"{field} must be one of {allowed}, got {value!r}"
            raise InvalidValueError(msg) from None


def _confidence(value: object) -> Confidence:
    return Confidence.parse(value)


@attrs.frozen
class Source:
    """Where a figure was read: a title, an address and a confidence.

    Every standard, benchmark, norm table and policy the library ships carries one,
    so any figure in a result can say where it came from.

    Args:
        title: What the source is called, as a reader would look for it.
        url: Where it can be read. Several addresses may be given, separated by " ; ".
        confidence: One of the four :class:`Confidence` words (a string is accepted).
        note: Anything a careful reader must know: an assumed date, a differing copy.

    >>> s = Source("USMLE Announcements", "http://www.usmle.org/announcements/", "official")
    >>> s.confidence
    <Confidence.OFFICIAL: 'official'>
    >>> s.is_heuristic
    False
    """

    title: str = attrs.field(validator=lambda _i, a, v: check_text(v, field=a.name))
    url: str = attrs.field(validator=lambda _i, a, v: check_text(v, field=a.name))
    confidence: Confidence = attrs.field(converter=_confidence)
    note: str = attrs.field(default="", validator=lambda _i, a, v: check_instance(v, str, field=a.name))

    @property
    def is_heuristic(self) -> bool:
        """Whether the figure is advice rather than data (confidence ``advisory``)."""
        return self.confidence.is_heuristic

    @property
    def urls(self) -> tuple[str, ...]:
        """Each address of ``url`` on its own.

        >>> Source("t", "https://a.example ; https://b.example", "secondary").urls
        ('https://a.example', 'https://b.example')
        """
        return tuple(part.strip() for part in self.url.split(" ; ") if part.strip())
