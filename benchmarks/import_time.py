"""A fresh interpreter: ``from step2score import evaluate; evaluate(247)`` against ``import attrs``.

Each statement runs in its own new interpreter (bytecode cached, as after ``pip install``),
the two alternating, many times; the ratio of each pair is kept.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

from paired import summarise

RUNS = 41
LIBRARY = "from step2score import evaluate; evaluate(247)"
BASELINE = "import attrs"

# Bytecode is cached, as it is for an installed package (pip compiles it at install time);
# this machine sets PYTHONDONTWRITEBYTECODE, which would make every run compile the sources.
_ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def once(statement: str) -> float:
    """Wall time of one fresh interpreter running ``statement``."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", statement], check=True, env=_ENV)  # noqa: S603 - our own interpreter
    return time.perf_counter() - start


def main() -> None:
    once(LIBRARY)  # write the bytecode cache and warm the file-system cache
    once(BASELINE)
    pairs = []
    for index in range(RUNS):
        if index % 2:
            base = once(BASELINE)
            lib = once(LIBRARY)
        else:
            lib = once(LIBRARY)
            base = once(BASELINE)
        pairs.append((lib, base))
    print(summarise(pairs).row("fresh interpreter: import + evaluate(247) / import attrs", "<= 1.5x"))


if __name__ == "__main__":
    main()
