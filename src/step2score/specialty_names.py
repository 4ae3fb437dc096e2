"""Specialty names: the canonical names, the short forms people type, and those outside the NRMP match.

Names are read as people type them: case, spacing and punctuation do not matter, and the
usual short forms resolve (``derm``, ``IM``, ``OB/GYN``, ``PM&R``). Urology and Ophthalmology
match outside the NRMP Main Residency Match: asking for one says so
(:class:`~step2score.errors.OutsideMatchError`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from step2score._data import Row, packaged_table
from step2score._validate import as_items, name_key, type_error
from step2score.errors import OutsideMatchError, UnknownSpecialtyError, bounded_repr

__all__ = ["resolve_specialty", "specialties", "specialty_aliases"]

#: Each specialty the library knows, with the short forms people type for it.
_ALIASES: dict[str, tuple[str, ...]] = {
    "Anesthesiology": ("anesthesia", "anaesthesia", "anaesthesiology", "anesth", "gas"),
    "Child Neurology": ("child neuro", "pediatric neurology", "paediatric neurology", "peds neuro", "neurology child"),
    "Dermatology": ("derm",),
    "Diagnostic Radiology": ("radiology", "rads", "dr", "diagnostic rads"),
    "Emergency Medicine": ("em", "emergency", "er"),
    "Family Medicine": ("fm", "family practice", "fp"),
    "General Surgery": ("gen surg", "gs", "surgery", "general surg", "gsurg"),
    "Internal Medicine": ("im", "medicine", "int med"),
    "Internal Medicine/Pediatrics": (
        "med-peds",
        "med peds",
        "medpeds",
        "im/peds",
        "im-peds",
        "internal medicine pediatrics",
    ),
    "Interventional Radiology (Integrated)": ("ir", "interventional radiology", "integrated ir", "interventional rads"),
    "Neurological Surgery": ("neurosurgery", "nsgy", "neurosurg", "nsurg"),
    "Neurology": ("neuro",),
    "Obstetrics and Gynecology": ("ob/gyn", "ob&gyn", "obgyn", "ob-gyn", "obstetrics gynecology", "obs gyn", "og"),
    "Orthopaedic Surgery": (
        "ortho",
        "orthopedic surgery",
        "orthopedics",
        "orthopaedics",
        "orthopedic",
        "orthopaedic",
        "ortho surg",
    ),
    "Otolaryngology": ("ent", "oto", "ohns", "otolaryngology head and neck surgery", "ear nose and throat"),
    "Pathology": ("path", "pathology (anatomic and clinical)", "ap/cp", "apcp", "anatomic and clinical pathology"),
    "Pediatrics": ("peds", "paeds", "paediatrics"),
    "Physical Medicine and Rehabilitation": ("pm&r", "pmr", "pm and r", "physiatry", "pmnr"),
    "Plastic Surgery (Integrated)": ("plastics", "plastic surgery", "integrated plastic surgery", "ps"),
    "Psychiatry": ("psych", "psy"),
    "Public Health and Preventive Medicine": ("preventive medicine", "public health", "prev med", "phpm"),
    "Radiation Oncology": ("rad onc", "radonc", "radiation oncology", "rad-onc"),
    "Thoracic Surgery (Integrated)": (
        "thoracic surgery",
        "cardiothoracic surgery",
        "ct surgery",
        "cts",
        "thoracic",
        "i6",
    ),
    "Vascular Surgery (Integrated)": (
        "vascular surgery",
        "vascular",
        "vasc surg",
        "vsurg",
        "integrated vascular surgery",
    ),
}
#: Specialties that match outside the NRMP Main Residency Match, with the short forms people type for them.
_OUTSIDE_ALIASES: dict[str, tuple[str, ...]] = {
    "Urology": ("uro", "urology", "urol", "gu surgery"),
    "Ophthalmology": ("ophtho", "optho", "ophthalmology", "ophth", "eye", "opthalmology"),
}


@functools.lru_cache(maxsize=4096)
def _key(text: str, *, field: str = "specialty") -> str:
    """The form names are compared in (:func:`~step2score._validate.name_key`): Latin letters and digits only.

    Cached per spelling: every specialty look-up normalises the name it is given.
    """
    return name_key(text, field=field)


_KEY_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


@functools.cache
def _known() -> dict[str, str]:
    table = {_key(name): name for name in _ALIASES}
    for name, aliases in _ALIASES.items():
        for alias in aliases:
            table[_key(alias)] = name
    return table


def specialties() -> tuple[str, ...]:
    """The canonical names of every specialty the library knows, sorted.

    >>> specialties()[:3]
    ('Anesthesiology', 'Child Neurology', 'Dermatology')
    """
    return tuple(sorted(_ALIASES))


def specialty_aliases() -> dict[str, tuple[str, ...]]:
    """Every canonical specialty name with the short forms that resolve to it.

    >>> specialty_aliases()["Internal Medicine"]
    ('im', 'medicine', 'int med')
    """
    return dict(sorted(_ALIASES.items()))


def _suggest(text: str, names: Iterable[str]) -> list[str]:
    import difflib  # noqa: PLC0415 - only an unknown name needs it

    candidates = {_key(n): n for n in names} | _known()
    close = difflib.get_close_matches(_key(text), list(candidates), n=6, cutoff=0.75)
    return list(dict.fromkeys(candidates[c] for c in close))[:3]


def resolve_specialty(name: str, /, *, extra: Iterable[str] = ()) -> str:
    """The canonical name of the specialty ``name`` stands for.

    Args:
        name: A name as typed: any case, spacing and punctuation, or a short form.
        extra: Further names that resolve to themselves (an edition's own specialties).

    Raises:
        UnknownSpecialtyError: No specialty matches; the message suggests the closest.
        OutsideMatchError: The specialty matches outside the NRMP Main Residency Match
            (Urology, Ophthalmology); the message names its match and the source.
        InvalidTypeError: ``name`` is not a string.

    >>> resolve_specialty("derm"), resolve_specialty("OB/GYN"), resolve_specialty("pm&r")
    ('Dermatology', 'Obstetrics and Gynecology', 'Physical Medicine and Rehabilitation')
    >>> resolve_specialty("dermotology")
    Traceback (most recent call last):
        ...
    step2score.errors.UnknownSpecialtyError: unknown specialty 'dermotology'; did you mean 'Dermatology'?
    >>> resolve_specialty("uro")
    Traceback (most recent call last):
        ...
    step2score.errors.OutsideMatchError: Urology matches through the AUA Urology Match, not the NRMP Main
    Residency Match, so Charting Outcomes has no figures for it (source: UCSF School of Medicine, Specialty Matches ;
    Columbia Vagelos, Residency Match Information, https://meded.ucsf.edu/...)
    """
    if not isinstance(name, str):
        raise type_error(name, str, field="specialty")
    names = as_items(extra, str, field="extra", what="specialty names")
    key = _key(name)
    extras = {_key(n): n for n in names}
    found = _known().get(key) or extras.get(key)
    if found is not None and key:
        return found
    outside = _outside_match().get(key)
    if outside is not None:
        raise _outside_error(outside)
    suggestions = _suggest(name, extras.values())
    close = f"; did you mean {' or '.join(map(repr, suggestions))}?" if suggestions else "; see the list of specialties"
    msg = f"unknown specialty {bounded_repr(name)}{close}"
    raise UnknownSpecialtyError(
        msg,
        field="specialty",
        value=name,
        rule="a specialty name or short form the library knows",
        suggestions=suggestions,
        hint="List every name with step2score.specialties() or `step2score specialties`.",
    )


@functools.cache
def _outside_match() -> dict[str, Row]:
    """The rows of ``outside_match.csv`` by the key of every name and short form."""
    table: dict[str, Row] = {}
    for row in packaged_table("outside_match.csv", ("specialty", "match")):
        name = row.text("specialty")
        for spelling in (name, *_OUTSIDE_ALIASES.get(name, ())):
            table[_key(spelling)] = row
    return table


def _outside_error(row: Row) -> OutsideMatchError:
    source = row.source()
    name = row.text("specialty")
    msg = (
        f"{name} matches through {row.text('match')}, not the NRMP Main Residency Match, so Charting Outcomes "
        f"has no figures for it (source: {source.title}, {source.url})"
    )
    return OutsideMatchError(msg, field="specialty", value=name, rule="a specialty of the NRMP Main Residency Match")
