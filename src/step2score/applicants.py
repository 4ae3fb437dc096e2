"""Who is applying: applicant type, program tier and the profile that joins them to a specialty."""

from __future__ import annotations

import enum

import attrs

from step2score._validate import (
    DECLARED_ORDER,
    NO_ORDER,
    declared_rank,
    field_repr,
    name_key,
    named_fields,
    parse_enum,
    spellings_of,
    type_error,
)
from step2score.errors import InvalidValueError, UnknownSpecialtyError, bounded_repr
from step2score.specialty_names import resolve_specialty

__all__ = ["ApplicantProfile", "ApplicantType", "ProgramTier"]


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

    __lt__, __le__, __gt__, __ge__ = NO_ORDER

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

    @property
    def plural(self) -> str:
        """The category of many applicants, as a figure's group is named ("non-U.S. IMGs")."""
        return f"{_APPLICANT_LABELS[self]}s"

    @classmethod
    def parse(cls, value: object, /, *, field: str = "applicant") -> ApplicantType:
        """Read an applicant type from its usual spellings.

        Raises:
            InvalidValueError: The text names no applicant type.
            InvalidTypeError: ``value`` is neither a string nor an ApplicantType.

        >>> ApplicantType.parse("US DO senior"), ApplicantType.parse("img").label
        (<ApplicantType.US_DO_SENIOR: 'us-do'>, 'non-U.S. IMG')
        """
        return parse_enum(value, cls, field=field, spellings=_APPLICANT_SPELLINGS, also=" (or 'md', 'do', 'img')")


_APPLICANT_LABELS = {
    ApplicantType.US_MD_SENIOR: "U.S. MD senior",
    ApplicantType.US_DO_SENIOR: "U.S. DO senior",
    ApplicantType.US_IMG: "U.S.-citizen IMG",
    ApplicantType.NON_US_IMG: "non-U.S. IMG",
}
_APPLICANT_SPELLINGS = spellings_of(
    ApplicantType,
    {
        ApplicantType.US_MD_SENIOR: ("md", "us md senior", "usmd senior", "allopathic"),
        ApplicantType.US_DO_SENIOR: ("do", "us do senior", "osteopathic"),
        ApplicantType.US_IMG: ("us img", "us citizen img", "usimg"),
        ApplicantType.NON_US_IMG: ("img", "non us img", "non-us citizen img", "foreign img", "fmg"),
    },
)


class ProgramTier(enum.StrEnum):
    """How selective the programs aimed at are, for the prestige offset of a target.

    Ordered from least to most selective: ``COMMUNITY < ACADEMIC < TOP`` (:attr:`rank`
    0, 1, 2). A program tier equals its word (``ProgramTier.TOP == "top"``) but orders
    only against another program tier; comparing it with a string raises
    :class:`~step2score.InvalidTypeError`.

    >>> ProgramTier.parse("Top")
    <ProgramTier.TOP: 'top'>
    >>> ProgramTier.TOP > ProgramTier.COMMUNITY, sorted([ProgramTier.TOP, ProgramTier.COMMUNITY])
    (True, [<ProgramTier.COMMUNITY: 'community'>, <ProgramTier.TOP: 'top'>])
    """

    COMMUNITY = "community"
    ACADEMIC = "academic"
    TOP = "top"

    __lt__, __le__, __gt__, __ge__ = DECLARED_ORDER

    @property
    def rank(self) -> int:
        """0 for community, 1 for academic, 2 for top."""
        return declared_rank(self)

    @classmethod
    def parse(cls, value: object, /, *, field: str = "program_tier") -> ProgramTier:
        """Read a program tier: ``"community"``, ``"academic"`` (or ``"university"``), ``"top"``.

        Raises:
            InvalidValueError: The text names no program tier.
            InvalidTypeError: ``value`` is neither a string nor a ProgramTier.

        >>> ProgramTier.parse("university")
        <ProgramTier.ACADEMIC: 'academic'>
        """
        return parse_enum(value, cls, field=field, spellings=_TIER_SPELLINGS)


_TIER_SPELLINGS = spellings_of(
    ProgramTier, {ProgramTier.ACADEMIC: ("university", "university affiliated"), ProgramTier.TOP: ("top tier",)}
)


def _applicant(value: object, *, field: str = "applicant") -> ApplicantType:
    return ApplicantType.parse(value, field=field)


def _program_tier(value: object, *, field: str = "program_tier") -> ProgramTier | None:
    return None if value is None else ProgramTier.parse(value, field=field)


def _specialty(value: object, *, field: str = "specialty") -> str | None:
    """The canonical name when the library knows the specialty, else the name as written.

    A name the library does not know may still be in a user's own edition, so it is
    kept (with its spacing tidied) and checked against the edition by ``evaluate``.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise type_error(value, str, field=field)
    key = name_key(value, field=field)  # refuses look-alike letters from other alphabets, and huge names
    try:
        return resolve_specialty(key)
    except UnknownSpecialtyError:
        tidy = " ".join(value.split())
        if not tidy:
            msg = f"{field} must not be blank, got {bounded_repr(value)}"
            raise InvalidValueError(msg, field=field, value=value, rule="non-blank text") from None
        return tidy


@attrs.frozen(field_transformer=named_fields)
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

    __repr__ = field_repr

    applicant: ApplicantType = attrs.field(default=ApplicantType.US_MD_SENIOR, converter=_applicant)
    specialty: str | None = attrs.field(default=None, converter=_specialty)
    program_tier: ProgramTier | None = attrs.field(default=None, converter=_program_tier)
