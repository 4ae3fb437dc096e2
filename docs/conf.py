"""Sphinx configuration for the step2score documentation."""

from __future__ import annotations

import doctest
import sys
import zlib
from importlib.metadata import version as _version
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE / "_ext"))

project = "step2score"
author = "The step2score developers"
copyright = "2026, The step2score developers"
release = _version("step2score")
version = ".".join(release.split(".")[:2])

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.intersphinx",
    "sphinx.ext.doctest",
    "myst_nb",
    "step2score_docs",
]
source_suffix = {".rst": "restructuredtext", ".md": "myst-nb", ".ipynb": "myst-nb"}
exclude_patterns = ["_build", "_inventories", "_ext", "_generated", "examples"]
html_theme = "furo"
html_title = f"step2score {release}"
nitpicky = True

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_default_options = {"members": True, "show-inheritance": True}
# Names that the modules import only for type checkers (pandas and matplotlib are optional extras).
autodoc_type_aliases = {
    "pd.DataFrame": "pandas.DataFrame",
    "Figure": "matplotlib.figure.Figure",
}
nitpick_ignore = [
    ("py:class", "step2score.serialization.T"),  # the type variable of from_dict(cls) -> instance of cls
    ("py:class", "step2score.frame._Frame"),  # the type variable of evaluate_frame: the caller's kind comes back
]
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False

# The tutorial (tutorial.md) is a notebook executed at every build, in docs/, with no network:
# an error in any cell fails the build.
nb_execution_mode = "force"
nb_execution_timeout = 180  # seconds per cell; the whole tutorial runs in a few seconds
nb_execution_raise_on_error = True
nb_merge_streams = True

# Doctests run from docs/, so the tutorial reads "examples/class_of_2026.csv" as a reader would.
doctest_global_setup = f"""
import datetime as dt
import os
os.chdir({str(HERE)!r})
from step2score import *
"""
# Doctest blocks compare whitespace loosely (a long message may wrap) and accept "..." elisions;
# exception messages are compared in full.
doctest_default_flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE | doctest.DONT_ACCEPT_TRUE_FOR_1


def _inventory(name: str, base: str) -> tuple[str, str]:
    """Write ``_build/_inventories/NAME.inv`` from the hand-kept list ``_inventories/NAME.txt``.

    The build machine has no network, so intersphinx reads these local inventories; the
    links they make still point at the real online documentation under ``base``.
    """
    entries = []
    for line in (HERE / "_inventories" / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            target, role, path = line.split()
            entries.append(f"{target} {role} 1 {path} -")
    header = f"# Sphinx inventory version 2\n# Project: {name}\n# Version: \n"
    header += "# The remainder of this file is compressed using zlib.\n"
    out = HERE / "_build" / "_inventories" / f"{name}.inv"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(header.encode() + zlib.compress(("\n".join(entries) + "\n").encode()))
    return base, str(out)


intersphinx_mapping = {
    "python": _inventory("python", "https://docs.python.org/3/"),
    "attrs": _inventory("attrs", "https://www.attrs.org/en/stable/"),
    "pandas": _inventory("pandas", "https://pandas.pydata.org/docs/"),
    "matplotlib": _inventory("matplotlib", "https://matplotlib.org/stable/"),
}

# Code blocks wrap (or scroll) instead of being cut off; wide tables scroll.
html_static_path = ["_static"]
html_css_files = ["step2score.css"]
