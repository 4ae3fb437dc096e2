"""Tiers: fail, pass, competitive, exceptional."""

from __future__ import annotations

import enum
import functools

import attrs

from step2score import rules
from step2score._data import packaged_table
from step2score._validate import (
    DECLARED_ORDER,
    check_instance,
    declared_rank,
    field_repr,
    instance_of,
    named_fields,
    on_the_scale,
    parse_enum,
)
from step2score.errors import InvalidValueError
from step2score.score import ScaledScore
from step2score.sources import Source
from step2score.standards import PassingStandard

__all__ = ["Tier", "TierScheme", "default_tier_scheme", "tier_of"]


class Tier(enum.StrEnum):
    """Where a score stands: below the minimum, a pass, competitive or exceptional.

    Tiers are ordered: ``Tier.FAIL < Tier.PASS < Tier.COMPETITIVE < Tier.EXCEPTIONAL``,
    and :attr:`rank` runs from 0 for fail to 3 for exceptional. A tier equals its word
    (``Tier.PASS == "pass"``) but orders only against another tier: comparing it with a
    string raises :class:`~step2score.InvalidTypeError`, since string order is not tier order.

    >>> Tier.COMPETITIVE > Tier.PASS, Tier.EXCEPTIONAL.rank
    (True, 3)
    """

    FAIL = "fail"
    PASS = "pass"  # noqa: S105 - a tier, not a password
    COMPETITIVE = "competitive"
    EXCEPTIONAL = "exceptional"

    __lt__, __le__, __gt__, __ge__ = DECLARED_ORDER

    @property
    def rank(self) -> int:
        """0 for fail up to 3 for exceptional."""
        return declared_rank(self)

    @classmethod
    def parse(cls, value: object, /, *, field: str = "tier") -> Tier:
        """Read a tier word in any case and spacing.

        Raises:
            InvalidValueError: The text names no tier.
            InvalidTypeError: ``value`` is neither a string nor a Tier.

        >>> Tier.parse(" Competitive ")
        <Tier.COMPETITIVE: 'competitive'>
        """
        return parse_enum(value, cls, field=field)


@attrs.frozen(field_transformer=named_fields)
class TierScheme:
    """The thresholds above a pass: the lowest competitive and the lowest exceptional score.

    The packaged scheme (245 and 255) is the article's rule of thumb, labelled
    ``advisory``; pass your own to :func:`~step2score.evaluate` to change it.

    Args:
        competitive: The lowest competitive score.
        exceptional: The lowest exceptional score; above ``competitive``.
        source: Where the thresholds come from.

    Raises:
        InvalidValueError: A threshold is off the scale, or they are out of order.

    >>> scheme = default_tier_scheme()
    >>> scheme.competitive, scheme.exceptional, scheme.source.is_heuristic
    (245, 255, True)
    >>> TierScheme(250, 240, scheme.source)
    Traceback (most recent call last):
        ...
    step2score.errors.InvalidValueError: exceptional must be above competitive, got competitive=250, exceptional=240
    """

    __repr__ = field_repr

    competitive: int = attrs.field(converter=on_the_scale)
    exceptional: int = attrs.field(converter=on_the_scale)
    source: Source = attrs.field(validator=instance_of(Source))

    def __attrs_post_init__(self) -> None:
        if self.exceptional <= self.competitive:
            msg = (
                "exceptional must be above competitive, got "
                f"competitive={self.competitive}, exceptional={self.exceptional}"
            )
            raise InvalidValueError(msg)


def tier_of(score: ScaledScore | int, /, *, standard: PassingStandard, scheme: TierScheme) -> Tier:
    """The tier of ``score``: fail below the minimum, else the highest threshold it reaches.

    Args:
        score: The score.
        standard: The passing standard to judge by.
        scheme: The competitive and exceptional thresholds.

    >>> from step2score import standard_on
    >>> scheme = default_tier_scheme()
    >>> [tier_of(s, standard=standard_on("2025-08-01"), scheme=scheme).value for s in (217, 218, 245, 255)]
    ['fail', 'pass', 'competitive', 'exceptional']
    """
    check_instance(standard, PassingStandard, field="standard")
    check_instance(scheme, TierScheme, field="scheme")
    rank = rules.tier_rank(
        ScaledScore(score).value,
        minimum=standard.minimum,
        competitive=scheme.competitive,
        exceptional=scheme.exceptional,
    )
    return _TIERS_BY_RANK[rank]


@functools.cache
def default_tier_scheme() -> TierScheme:
    """The packaged tier thresholds: 245 and 255, the article's rule of thumb (advisory)."""
    (row,) = packaged_table("tier_schemes.csv", ("name", "competitive", "exceptional"))
    return TierScheme(row.read("competitive", int), row.read("exceptional", int), row.source())


#: Tiers in the order of :func:`step2score.rules.tier_rank`'s ranks: fail, pass, competitive, exceptional.
_TIERS_BY_RANK = (Tier.FAIL, Tier.PASS, Tier.COMPETITIVE, Tier.EXCEPTIONAL)
