"""Who is applying: applicant type, program tier and the profile that joins them to a specialty."""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from typing import TypeVar

import attrs

from step2score._validate import type_error
from step2score.benchmarks import resolve_specialty
from step2score.errors import InvalidValueError, UnknownSpecialtyError

__all__ = ["ApplicantProfile", "ApplicantType", "ProgramTier"]

W = TypeVar("W", bound=enum.StrEnum)


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def _parse_word(value: object, kind: type[W], spellings: Mapping[str, W], *, field: str, also: str = "") -> W:
    """A member of the enum ``kind``: itself, or the one a spelling in ``spellings`` names."""
    if isinstance(value, kind):
        return value
    if not isinstance(value, str):
        raise type_error(value, (str, kind), field=field)
    found = spellings.get(_squash(value))
    if found is None:
        allowed = ", ".join(repr(member.value) for member in kind)
        msg = f"{field} must be one of {allowed}{also}, got {value!r}"
        raise InvalidValueError(msg)
    return found


class ApplicantType(enum.StrEnum):
    """The applicant's category, as the NRMP reports them.

    :meth:`parse` reads the usual ways of writing them: ``"us-md"``, ``"md"``,
    ``"do"``, ``"us-img"``, ``"non-us-img"``, and ``"img"``, which means a
    non-U.S.-citizen IMG (write ``"us-img"`` for a U.S.-citizen IMG; both get the
    same IMG buffer).

    >>> ApplicantType.parse("non-us-img")
    <ApplicantType.NON_US_IMG: 'non-us-img'>
    >>> ApplicantType.parse("DO").is_img
    False
    """

    US_MD_SENIOR = "us-md"
    US_DO_SENIOR = "us-do"
    US_IMG = "us-img"
    NON_US_IMG = "non-us-img"

    @property
    def is_img(self) -> bool:
        """Whether the applicant is an international medical graduate."""
        return self in {ApplicantType.US_IMG, ApplicantType.NON_US_IMG}

    @property
    def label(self) -> str:
        """The category in words ("non-U.S. IMG")."""
        return _APPLICANT_LABELS[self]

    @classmethod
    def parse(cls, value: object, /) -> ApplicantType:
        """Read an applicant type from its usual spellings.

        Raises:
            InvalidValueError: The text names no applicant type.
            InvalidTypeError: ``value`` is neither a string nor an ApplicantType.

        >>> ApplicantType.parse("US DO senior"), ApplicantType.parse("img").label
        (<ApplicantType.US_DO_SENIOR: 'us-do'>, 'non-U.S. IMG')
        """
        return _parse_word(value, cls, _APPLICANT_SPELLINGS, field="applicant", also=" (or 'md', 'do', 'img')")


_APPLICANT_LABELS = {
    ApplicantType.US_MD_SENIOR: "U.S. MD senior",
    ApplicantType.US_DO_SENIOR: "U.S. DO senior",
    ApplicantType.US_IMG: "U.S.-citizen IMG",
    ApplicantType.NON_US_IMG: "non-U.S. IMG",
}
_APPLICANT_SPELLINGS: dict[str, ApplicantType] = {
    _squash(text): kind
    for kind, spellings in {
        ApplicantType.US_MD_SENIOR: ("us-md", "md", "us md senior", "usmd senior", "allopathic"),
        ApplicantType.US_DO_SENIOR: ("us-do", "do", "us do senior", "osteopathic"),
        ApplicantType.US_IMG: ("us-img", "us img", "us citizen img", "usimg"),
        ApplicantType.NON_US_IMG: ("non-us-img", "img", "non us img", "non-us citizen img", "foreign img", "fmg"),
    }.items()
    for text in spellings
}


class ProgramTier(enum.StrEnum):
    """How selective the programs aimed at are, for the prestige offset of a target.

    Ordered from least to most selective: community, academic, top.

    >>> ProgramTier.parse("Top")
    <ProgramTier.TOP: 'top'>
    >>> ProgramTier.TOP.rank > ProgramTier.COMMUNITY.rank
    True
    """

    COMMUNITY = "community"
    ACADEMIC = "academic"
    TOP = "top"

    @property
    def rank(self) -> int:
        """0 for community, 1 for academic, 2 for top."""
        return list(ProgramTier).index(self)

    @classmethod
    def parse(cls, value: object, /) -> ProgramTier:
        """Read a program tier: ``"community"``, ``"academic"`` (or ``"university"``), ``"top"``.

        Raises:
            InvalidValueError: The text names no program tier.
            InvalidTypeError: ``value`` is neither a string nor a ProgramTier.

        >>> ProgramTier.parse("university")
        <ProgramTier.ACADEMIC: 'academic'>
        """
        return _parse_word(value, cls, _TIER_SPELLINGS, field="program_tier")


_TIER_SPELLINGS: dict[str, ProgramTier] = {
    "community": ProgramTier.COMMUNITY,
    "academic": ProgramTier.ACADEMIC,
    "university": ProgramTier.ACADEMIC,
    "universityaffiliated": ProgramTier.ACADEMIC,
    "top": ProgramTier.TOP,
    "toptier": ProgramTier.TOP,
}


def _applicant(value: object) -> ApplicantType:
    return ApplicantType.parse(value)


def _optional_tier(value: object) -> ProgramTier | None:
    return None if value is None else ProgramTier.parse(value)


def _optional_specialty(value: object) -> str | None:
    """The canonical name when the library knows the specialty, else the name as written.

    A name the library does not know may still be in a user's own edition, so it is
    kept (with its spacing tidied) and checked against the edition by ``evaluate``.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise type_error(value, str, field="specialty")
    try:
        return resolve_specialty(value)
    except UnknownSpecialtyError:
        tidy = " ".join(value.split())
        if not tidy:
            msg = f"specialty must not be blank, got {value!r}"
            raise InvalidValueError(msg) from None
        return tidy


@attrs.frozen
class ApplicantProfile:
    """Who is applying, to what, and how selective the programs are.

    Args:
        applicant: The applicant type (a string such as ``"non-us-img"`` is accepted).
        specialty: The target specialty, in any spelling; ``None`` if not chosen yet.
            A name the library does not know is kept as written, for users' own editions.
        program_tier: How selective the programs aimed at are; ``None`` for no offset.

    >>> p = ApplicantProfile("img", "derm", "top")
    >>> p.applicant, p.specialty, p.program_tier
    (<ApplicantType.NON_US_IMG: 'non-us-img'>, 'Dermatology', <ProgramTier.TOP: 'top'>)
    """

    applicant: ApplicantType = attrs.field(default=ApplicantType.US_MD_SENIOR, converter=_applicant)
    specialty: str | None = attrs.field(default=None, converter=_optional_specialty)
    program_tier: ProgramTier | None = attrs.field(default=None, converter=_optional_tier)
