"""Provenance: where a figure came from and how sure we are of it."""

from __future__ import annotations

import enum

import attrs

from step2score._validate import NO_ORDER, instance_of, named_fields, parse_enum, text_field, type_error, type_name
from step2score.errors import InvalidTypeError, InvalidValueError, bounded_repr

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

    __lt__, __le__, __gt__, __ge__ = NO_ORDER

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
        return parse_enum(value, cls, field=field)


def _confidence(value: object, *, field: str = "confidence") -> Confidence:
    return Confidence.parse(value, field=field)


#: How a data file's ``source_url`` cell separates several addresses.
URL_SEPARATOR = " ; "
_LINK_SCHEMES = frozenset({"http", "https"})


def _addresses(value: object, *, field: str = "urls") -> tuple[str, ...]:
    """The addresses, each on its own: a list or tuple of strings, or one string with " ; " between them."""
    given = value
    if isinstance(value, str):
        value = value.split(URL_SEPARATOR)
    if not isinstance(value, tuple | list):
        raise type_error(value, (str, tuple, list), field=field)
    wrong = next((part for part in value if not isinstance(part, str)), None)
    if wrong is not None:
        rule = "a str or a list of str"
        msg = f"{field} must be {rule}, got an item {type_name(wrong)} {bounded_repr(wrong)}"
        raise InvalidTypeError(msg, field=field, value=wrong, rule=rule)
    addresses = tuple(part.strip() for part in value if part.strip())
    if not addresses:
        msg = f"{field} must name at least one address, got {bounded_repr(given)}"
        raise InvalidValueError(msg, field=field, value=given, rule="at least one address")
    return addresses


def _is_link(url: str) -> bool:
    """Whether ``url`` is an absolute http(s) address with a host and no spaces or control characters."""
    from urllib.parse import urlsplit  # noqa: PLC0415 - only displays ask for links

    if any(char.isspace() or ord(char) < 32 or ord(char) == 127 for char in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in _LINK_SCHEMES and bool(parts.netloc)


_REPR_TITLE = 60


@attrs.frozen(field_transformer=named_fields)
class Source:
    """Where a figure was read: a title, an address and a confidence.

    Every standard, benchmark, norm table and policy the library ships carries one,
    so any figure in a result can say where it came from. Several addresses may also
    be given as a list or tuple of strings; ``urls`` lists them, :attr:`links`
    only those safe to show as links.

    Args:
        title: What the source is called, as a reader would look for it.
        urls: Where it can be read: one address or several, as a list (or one string
            with " ; " between them, as the data files write it).
        confidence: One of the four :class:`Confidence` words (a string is accepted).
        note: Anything a careful reader must know: an assumed date, a differing copy.

    >>> s = Source("USMLE Announcements", "http://www.usmle.org/announcements/", "official")
    >>> s.confidence
    <Confidence.OFFICIAL: 'official'>
    >>> s.is_heuristic
    False
    """

    title: str = attrs.field(validator=text_field)
    urls: tuple[str, ...] = attrs.field(converter=_addresses)
    confidence: Confidence = attrs.field(converter=_confidence)
    note: str = attrs.field(default="", validator=instance_of(str))

    def __repr__(self) -> str:
        """One short line: the title (cut at 60 characters) and the confidence; the fields hold the rest.

        >>> Source("USMLE Announcements", "http://www.usmle.org/announcements/", "official")
        Source('USMLE Announcements', official)
        """
        title = self.title if len(self.title) <= _REPR_TITLE else self.title[: _REPR_TITLE - 3].rstrip() + "..."
        return f"Source({title!r}, {self.confidence.value})"

    @property
    def is_heuristic(self) -> bool:
        """Whether the figure is advice rather than data (confidence ``advisory``)."""
        return self.confidence.is_heuristic

    @property
    def url(self) -> str:
        """The addresses as one text, " ; " between them (as the data files write them).

        >>> Source("t", "https://a.example ; https://b.example", "secondary").urls
        ('https://a.example', 'https://b.example')
        >>> Source("t", ["https://a.example", "https://b.example"], "secondary").url
        'https://a.example ; https://b.example'
        """
        return URL_SEPARATOR.join(self.urls)

    @property
    def links(self) -> tuple[str, ...]:
        """The addresses safe to show as links, which are the absolute ``http`` and ``https`` URLs only.

        A user's data file may hold any text in ``source_url``; a ``javascript:`` or
        ``file:`` address is kept in ``urls`` as written but never offered as a link.

        >>> Source("t", "javascript:alert(1) ; https://b.example", "secondary").links
        ('https://b.example',)
        """
        return tuple(url for url in self.urls if _is_link(url))
