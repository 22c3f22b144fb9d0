import sys

from followkit.cli import main

sys.exit(main())
