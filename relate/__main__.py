"""`python -m relate`: the command line without the desktop app."""

import sys

from relate.cli import main

sys.exit(main())
