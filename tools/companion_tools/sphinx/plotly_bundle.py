"""A plotly.js with only the trace types the book draws.

The full plotly.js is 4.8 MB (1.5 MB compressed), more than a chart page may
weigh. plotly.js is built from modules: ``plotly.js/lib/core`` plus one module
per trace type. The front end's build (``frontend/build.mjs``) bundles the
modules listed in ``frontend/plotly-traces.json`` from the npm package
plotly.js, pinned in package.json to the version the plotly Python package
expects; this module reads that list (``BUNDLED_TRACES``) and checks the
version. Nothing of it is committed.

A figure that uses a trace type missing from the list fails the strict build
(see ``outputs.PlotlyOutput``): add the type to frontend/plotly-traces.json.
"""

from __future__ import annotations

import json

from .frontend import FRONTEND

TRACES_FILE = FRONTEND / "plotly-traces.json"
#: The trace types in the site's plotly.js ("scatter" is part of plotly.js/lib/core).
BUNDLED_TRACES = tuple(json.loads(TRACES_FILE.read_text(encoding="utf-8"))["traces"])


class BundleError(RuntimeError):
    """The bundle does not fit the plotly Python package; the message says what to change."""


def check_version(bundled: str, expected: str) -> None:
    """The plotly.js the front end bundled must be the one plotly (Python) draws with."""
    if bundled != expected:
        raise BundleError(
            f"package.json pins plotly.js {bundled}, but the installed plotly Python package draws "
            f"with plotly.js {expected}: pin plotly.js {expected} in package.json and run `npm install`."
        )
