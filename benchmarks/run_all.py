"""Run every benchmark and print the goal table: ``make benchmarks``.

Each script runs in its own interpreter, so one's caches and memory do not colour another's.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path

from paired import HEADER

HERE = Path(__file__).parent
SCRIPTS = (
    ["scalar.py"],
    ["serialization.py"],
    ["frame.py", "1000000"],
    ["frame.py", "50000"],
    ["frame.py", "300"],
    ["memory.py"],
    ["import_time.py"],
)


def machine() -> str:
    """CPU model, core count and Python version."""
    model = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if "model name" in line
            ),
            platform.processor() or "unknown CPU",
        )
        if Path("/proc/cpuinfo").exists()
        else platform.processor() or "unknown CPU"
    )
    return f"{model}, {os.cpu_count()} cores (nproc), Python {platform.python_version()}"


if __name__ == "__main__":
    print(f"machine: {machine()}")
    print(HEADER)
    print("|" + "|".join("-" * (len(part) + 0) for part in HEADER.split("|")[1:-1]) + "|")
    for script in SCRIPTS:
        subprocess.run([sys.executable, str(HERE / script[0]), *script[1:]], check=True, cwd=HERE)  # noqa: S603
