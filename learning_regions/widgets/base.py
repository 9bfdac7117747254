"""The base class of the companion's four widgets (ordinary ipywidgets boxes,
in JupyterLab as on the book page) and the guard their callbacks run under."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as widgets
import plotly.graph_objects as go

from .controls import status_html
from .figures import show_figure


class CompanionWidget(widgets.VBox):
    """Base of the companion's widgets: a status line, an Output with the
    current figure (kept on ``self.figure`` for tests), and callbacks that
    report problems in the status line instead of raising."""

    def __init__(self, **kwargs: Any):
        self.status = widgets.HTML(status_html(""))
        self.output = widgets.Output(layout={"min_height": "420px"})
        self._figure: go.Figure | None = None
        self._figure_spec: Mapping[str, Any] | None = None
        self.message = ""
        super().__init__(**kwargs)

    @property
    def figure(self) -> go.Figure | None:
        """The chart on show as a ``go.Figure`` (made from its plain dict only
        when asked for: the widget itself never needs it)."""
        if self._figure is None and self._figure_spec is not None:
            self._figure = go.Figure(self._figure_spec)
        return self._figure

    def say(self, message: str, kind: str = "info") -> None:
        self.message = message
        self.status.value = status_html(message, kind)

    def show(self, fig: go.Figure | Mapping[str, Any]) -> None:
        """Show ``fig``: a ``go.Figure`` or the plain dict of ``FigureParts.spec``."""
        if isinstance(fig, go.Figure):
            self._figure, self._figure_spec = fig, None
        else:
            self._figure, self._figure_spec = None, fig
        show_figure(self.output, fig)


def guarded(method: Callable) -> Callable:
    """Run a widget callback; an unexpected error becomes a message in the
    widget (the last good chart stays), never a traceback in the notebook."""

    @functools.wraps(method)
    def run(self: CompanionWidget, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except Exception as error:
            self.say(
                f"Something went wrong ({type(error).__name__}: {error}). "
                "The previous chart is kept; change a control to try again.",
                "error",
            )
            return None

    return run


__all__ = ["CompanionWidget", "guarded"]
