"""Where the project's reference tables live: ``../shared/reference`` beside the checkout.

A worktree may sit deeper than the checkout (``wt/NAME``), so the nearest ancestor holding
``shared/reference`` is used.
"""

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def reference_dir() -> Path:
    """The nearest ``shared/reference`` directory above the repository."""
    for parent in ROOT.parents:
        candidate = parent / "shared" / "reference"
        if candidate.is_dir():
            return candidate
    msg = f"no shared/reference directory above {ROOT}"
    raise FileNotFoundError(msg)


def reference_rows(name: str) -> list[dict[str, str]]:
    """The rows of the reference CSV file ``name``, as text."""
    with (reference_dir() / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))
