"""A module that loads when first read, for annotations naming classes a first evaluation does not need."""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["LazyModule"]


class LazyModule:
    """Stands for the module ``name``: reading an attribute imports the module and reads it there.

    Annotations written ``targets.Target`` then resolve (``typing.get_type_hints``, attrs,
    autodoc) without the module being imported when the annotating module is.

    >>> json = LazyModule("json")
    >>> json.dumps([1])
    '[1]'
    """

    __slots__ = ("_name",)

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> Any:  # noqa: ANN401 - whatever the module holds
        return getattr(importlib.import_module(self._name), attribute)

    def __repr__(self) -> str:
        return f"<module {self._name!r}, loaded when first read>"
