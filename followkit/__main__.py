"""``python -m followkit``: the command line (guarded, so importing it runs nothing)."""

import sys

from followkit.cli import main

if __name__ == "__main__":
    sys.exit(main())
