"""Adjustments for a browser kernel (Pyodide in JupyterLite), imported by the
package only there.

Plotly shows a figure through ``_ipython_display_`` -> ``plotly.io.show``, which
refuses to run without nbformat; nbformat cannot be installed in an offline
Pyodide (its jsonschema dependency needs a compiled rpds-py that only a CDN
serves). Without that hook IPython asks the figure for ``_repr_mimebundle_``,
which gives the same Plotly output that JupyterLab and JupyterLite draw.
"""

try:
    import plotly.io as pio
    from plotly.basedatatypes import BaseFigure
except ImportError:  # plotly is preloaded in the live site; nothing to adjust without it
    pass
else:
    pio.renderers.default = "plotly_mimetype"
    if "_ipython_display_" in vars(BaseFigure):
        del BaseFigure._ipython_display_
