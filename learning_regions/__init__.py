"""Code shared by the notebooks of the Learning Regions reading companion.

Data flows one way: ``data/`` -> :mod:`learning_regions.loader` (validates) ->
chart and widget functions -> thin notebook cells -> book pages.
"""

__version__ = "0.1.0"

import sys

from .loader import DataError, Table, data_dir, load_table, validate_all

if sys.platform == "emscripten":  # a browser kernel (JupyterLite's Pyodide)
    from . import _browser_kernel  # noqa: F401

__all__ = ["DataError", "Table", "data_dir", "load_table", "validate_all", "__version__"]
