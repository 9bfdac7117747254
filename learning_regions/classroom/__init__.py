"""The class together: a class's exported readings, read, merged and summed up.

Each widget that records a reading exports it in a documented, versioned
format (:mod:`.formats`, checked against what :mod:`.vocabulary` takes from
the data); :mod:`.reading` reads one file; :mod:`.gather` reads a class's
files (bad ones set aside with a sentence, repeated ones merged);
:mod:`.summary` gives the numbers the class view draws; :mod:`.frames` gives
the same readings as pandas DataFrames (``learning_regions.load_class_profiles``).
The widget itself, :class:`ClassView` (:mod:`.view`, its charts in the order
of :mod:`.slides`, its files through :mod:`.upload`), its view without Python
(:mod:`.static`) and the export box the widgets share (:mod:`.exports`) need
ipywidgets and plotly and are imported only when used.

Everything except :mod:`.frames` is standard library only: the class view runs
in the lecturer's browser (Pyodide), and nothing leaves it.
"""

from __future__ import annotations

from typing import Any

from .example import example_class, example_files
from .formats import CLASSIFY, PROFILE, RECIPE, VERSIONS, schema, schemas
from .frames import ClassFrames, class_frames, load_class_profiles
from .gather import ClassData, Source, read_class
from .reading import Reading, Refusal, read_export

_LAZY = {"ClassView": "view", "class_view_static": "static", "formats_reference": "static", "ExportBox": "exports"}


def __getattr__(name: str) -> Any:  # the widgets need ipywidgets: import them only when asked for
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CLASSIFY",
    "PROFILE",
    "RECIPE",
    "VERSIONS",
    "ClassData",
    "ClassFrames",
    "ClassView",
    "ExportBox",
    "Reading",
    "Refusal",
    "Source",
    "class_frames",
    "class_view_static",
    "example_class",
    "example_files",
    "formats_reference",
    "load_class_profiles",
    "read_class",
    "read_export",
    "schema",
    "schemas",
]
