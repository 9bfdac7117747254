"""python -m learning_regions.print_edition: see build.py."""

import sys

from .build import main

sys.exit(main())
