"""Plotly in a browser's Python (Pyodide): the live notebooks (JupyterLite)
and the widgets made live on the book page. Imported by the package there.

Plotly shows a figure through ``_ipython_display_`` and ``fig.show()`` ->
``plotly.io.show``, both of which refuse to run without nbformat ("Mime type
rendering requires nbformat>=4.2.0"), and the second without IPython too;
nbformat cannot be installed in an offline Pyodide (its jsonschema dependency
needs a compiled rpds-py that only a CDN serves). :func:`adjust_plotly` makes
``display(fig)``, a figure as a cell's last line, and ``fig.show()`` all give
the same Plotly mime bundle that JupyterLab and JupyterLite draw, through
whatever ``IPython.display.display`` is in use (the real one in JupyterLite;
the page runtime's stand-in on the book page, which writes it to the Output
widget being written to).
"""

from __future__ import annotations

from typing import Any


def show(fig: Any, renderer: str | None = None, validate: bool = True, **kwargs: Any) -> None:
    """``plotly.io.show`` without the nbformat check: display the figure's mime bundle."""
    from IPython.display import display
    from plotly.io._renderers import renderers
    from plotly.io._utils import validate_coerce_fig_to_dict

    bundle = renderers._build_mime_bundle(
        validate_coerce_fig_to_dict(fig, validate), renderers_string=renderer, **kwargs
    )
    if bundle:
        display(bundle, raw=True)


def adjust_plotly() -> bool:
    """Route plotly's display through the mime bundle; False where plotly is absent."""
    try:
        import plotly.io as pio
        from plotly.basedatatypes import BaseFigure
    except ImportError:  # plotly is preloaded in the live site; nothing to adjust without it
        return False
    pio.renderers.default = "plotly_mimetype"
    pio.show = show
    if "_ipython_display_" in vars(BaseFigure):
        del BaseFigure._ipython_display_
    return True
