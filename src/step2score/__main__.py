"""``python -m step2score``: the command line."""

import sys

from step2score.cli import main

if __name__ == "__main__":
    sys.exit(main())
