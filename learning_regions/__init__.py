"""Code shared by the notebooks of the Learning Regions reading companion.

Data flows one way: ``data/`` -> :mod:`learning_regions.loader` (validates) ->
chart and widget functions -> thin notebook cells -> book pages.
``load_frame`` (:mod:`learning_regions.frames`) gives the same validated tables
as typed pandas DataFrames where pandas is installed, and ``load_class_profiles``
(:mod:`learning_regions.classroom`) a class's exported readings; nothing here
imports pandas until it is called.
"""

__version__ = "0.1.0"

import sys

from .classroom.frames import load_class_profiles
from .frames import FrameError, PandasMissingError, check_frame, load_frame, load_frames
from .loader import DataError, Table, data_dir, load_table, validate_all

if sys.platform == "emscripten":  # a browser's Python (JupyterLite, or the book page's widgets)
    from .browser import adjust_plotly

    adjust_plotly()

__all__ = [
    "DataError",
    "FrameError",
    "PandasMissingError",
    "Table",
    "__version__",
    "check_frame",
    "data_dir",
    "load_class_profiles",
    "load_frame",
    "load_frames",
    "load_table",
    "validate_all",
]
