"""Run every benchmark and print its ratios: ``make benchmarks``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent

if __name__ == "__main__":
    for script in ("frame.py", "scalar.py", "import_time.py"):
        subprocess.run([sys.executable, str(HERE / script)], check=True)  # noqa: S603 - our own scripts
