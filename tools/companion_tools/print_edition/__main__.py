"""python -m companion_tools.print_edition: see build.py."""

import sys

from .build import main

sys.exit(main())
