"""Plotly charts of the case data. Each function returns a ``go.Figure`` built
from the validated tables, so tests can compare what is drawn with the data."""

from .jena import jena_transition

__all__ = ["jena_transition"]
