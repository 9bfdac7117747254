"""Plotly charts of the case data. Each function returns a ``go.Figure`` built
from the validated tables, so tests can compare what is drawn with the data.
``numbers_behind(chart)`` gives a short description of a chart and the table of
numbers behind it (HTML-escaped), the accessible alternative to the picture."""

from .accessible import ChartNumbers, numbers_behind
from .compare import cases_compared
from .evidence import case_evidence
from .jena import jena_transition
from .kent import kent_plan
from .maps import cases_map
from .oresund import oresund_scale
from .pnc import pnc_scores
from .poitiers import poitiers_futuroscope

#: Every chart function, in the order of the OECD cases notebook.
CHARTS = (
    jena_transition,
    poitiers_futuroscope,
    oresund_scale,
    kent_plan,
    case_evidence,
    cases_compared,
    cases_map,
    pnc_scores,
)

__all__ = [
    "CHARTS",
    "ChartNumbers",
    "case_evidence",
    "cases_compared",
    "cases_map",
    "jena_transition",
    "kent_plan",
    "numbers_behind",
    "oresund_scale",
    "pnc_scores",
    "poitiers_futuroscope",
]
