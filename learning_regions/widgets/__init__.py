"""Interactive widgets for the place-network-community framework.

Each widget is an ``ipywidgets`` box whose chart is a plain ``go.Figure``
shown in an ``Output`` (``widget.figure`` holds the one on show, so tests can
read it). Each has a kernel-free twin for the static site: a Plotly figure
driven by Plotly's own menus, or plain HTML. Standard library, plotly and
ipywidgets only, no threads: the same code runs in a Pyodide browser kernel.

One package per widget (``profiler``, ``network``, ``recipe``, ``classify``),
each split into its model, its chart (``figure``), its kernel-free views
(``static``) and the ipywidget (``widget``). What they share: ``base`` (the
widgets' base class), ``controls`` (text and labelled controls), ``figures``
(figure dicts, the prebuilt-layout cache, the helper that makes both figure
routes) and ``furniture`` (Plotly menus, frames, axes, source lines).

    >>> from learning_regions.widgets import CaseProfiler, profiler_static_view
    >>> profiler = CaseProfiler("oresund")
"""

from .classify import ClassifyIt, Quiz, check_answer, classify_static_view
from .network import (
    NetworkExplorer,
    load_network,
    network_static_view,
    node_positions,
    paths_details,
    person_path,
    regions_spanned,
)
from .profiler import (
    CaseProfiler,
    parse_profile,
    profile_to_csv,
    profile_to_json,
    profiler_static_view,
    readings_details,
)
from .recipe import (
    RecipeMixer,
    closeness,
    rank_cases,
    recipe_details,
    recipe_static_view,
)

__all__ = [
    "CaseProfiler",
    "ClassifyIt",
    "NetworkExplorer",
    "Quiz",
    "RecipeMixer",
    "check_answer",
    "classify_static_view",
    "closeness",
    "load_network",
    "network_static_view",
    "node_positions",
    "parse_profile",
    "paths_details",
    "person_path",
    "profile_to_csv",
    "profile_to_json",
    "profiler_static_view",
    "rank_cases",
    "readings_details",
    "recipe_details",
    "recipe_static_view",
    "regions_spanned",
]
