"""A small stand-in for IPython in the book page's Python.

ipywidgets imports IPython at import time, and the real one (with jedi,
prompt_toolkit, pygments) costs about two seconds in the browser. Widgets need
little of it: ``get_ipython() -> None`` (no kernel is running) and a
``display`` / ``clear_output`` that write where a notebook would:

* inside ``with output:`` (an Output widget being written to), to that
  Output: the HTML manager on the page draws an Output's ``outputs`` trait
  only (it has no message hook for ``with output:``), so
  :func:`capture_output_context` makes ``with output:`` collect what
  ``display`` shows, and what ``print`` writes, into that trait;
* anywhere else, to the cell being run (:data:`CELL_DISPLAYS`): what
  ``@interact`` or ``display(ui, out)`` shows at a cell's top level is what
  the cell shows on the page (:mod:`.cells`).
"""

from __future__ import annotations

import io
import sys
import types
from typing import Any

#: The Output widgets being written to (``with output:``), innermost last.
ACTIVE_OUTPUTS: list[Any] = []
#: What the cell being run displayed at its top level (outside any Output), in order.
CELL_DISPLAYS: list[Any] = []
#: Errors that left a ``with output:`` block (an ``@interact`` function, a
#: callback drawing into an Output): shown in that Output, as JupyterLab shows
#: them, and kept here for the build, which refuses a widget that raises.
RAISED: list[BaseException] = []


def mime_bundle(obj: Any) -> dict[str, Any]:
    """What IPython's formatter would give for ``obj``: its mime bundle, or text and HTML."""
    if hasattr(obj, "_repr_mimebundle_"):
        bundle = obj._repr_mimebundle_()
        if isinstance(bundle, tuple):
            bundle = bundle[0]
        if bundle:
            return dict(bundle)
    bundle = {"text/plain": repr(obj)}
    if hasattr(obj, "_repr_html_"):
        html = obj._repr_html_()
        if html:
            bundle["text/html"] = html
    return bundle


def display(*objs: Any, raw: bool = False, **_kwargs: Any) -> None:
    """IPython's display: to the Output widget being written to, else to the cell.
    ``raw=True`` (plotly's ``fig.show()``): each object is a mime bundle already."""
    if not ACTIVE_OUTPUTS:
        CELL_DISPLAYS.extend(objs)
        return
    output = ACTIVE_OUTPUTS[-1]
    output.outputs = tuple(output.outputs) + tuple(
        {"output_type": "display_data", "data": dict(obj) if raw else mime_bundle(obj), "metadata": {}} for obj in objs
    )


def clear_output(wait: bool = False) -> None:
    if ACTIVE_OUTPUTS:
        ACTIVE_OUTPUTS[-1].outputs = ()


class _OutputStream(io.TextIOBase):
    """``print`` inside ``with output:`` goes to that Output, as a stream output."""

    def __init__(self, name: str, fallback: Any):
        self.name, self.fallback = name, fallback

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if not ACTIVE_OUTPUTS:
            return self.fallback.write(text)
        output = ACTIVE_OUTPUTS[-1]
        outputs = list(output.outputs)
        if outputs and outputs[-1].get("output_type") == "stream" and outputs[-1].get("name") == self.name:
            outputs[-1] = {**outputs[-1], "text": outputs[-1]["text"] + text}
        else:
            outputs.append({"output_type": "stream", "name": self.name, "text": text})
        output.outputs = tuple(outputs)
        return len(text)


class _InteractiveShell:
    """What ipywidgets reads from IPython's shell class outside a kernel: nothing is running."""

    @classmethod
    def initialized(cls) -> bool:
        return False

    @classmethod
    def instance(cls) -> _InteractiveShell:
        return cls()

    @property
    def display_formatter(self):
        return types.SimpleNamespace(format=lambda obj, **_: (mime_bundle(obj), {}))


def install() -> None:
    """Put a small ``IPython`` in sys.modules, unless the real one is loaded."""
    if "IPython" in sys.modules:
        return
    ipython = types.ModuleType("IPython")
    ipython.__doc__ = "Stand-in for IPython in the book page's Python (learning_regions.inpage.ipython)."
    ipython.get_ipython = lambda: None
    ipython.__path__ = []  # a package, so that its submodules import
    display_module = types.ModuleType("IPython.display")
    display_module.display = display
    display_module.clear_output = clear_output
    core = types.ModuleType("IPython.core")
    core.__path__ = []
    shell = types.ModuleType("IPython.core.interactiveshell")
    shell.InteractiveShell = _InteractiveShell
    getipython = types.ModuleType("IPython.core.getipython")
    getipython.get_ipython = ipython.get_ipython
    core_display = types.ModuleType("IPython.core.display")
    core_display.display = display
    ipython.core = core
    core.interactiveshell, core.getipython, core.display = shell, getipython, core_display
    ipython.display = display_module
    for name, module in {
        "IPython": ipython,
        "IPython.display": display_module,
        "IPython.core": core,
        "IPython.core.interactiveshell": shell,
        "IPython.core.getipython": getipython,
        "IPython.core.display": core_display,
    }.items():
        sys.modules[name] = module


def capture_output_context() -> None:
    """``with output:`` appends what ``display`` shows, and what ``print`` writes,
    to that Output's ``outputs``."""
    from ipywidgets import Output

    streams: list[tuple[Any, Any]] = []  # sys.stdout and sys.stderr before the outermost ``with``

    def enter(self):
        if not ACTIVE_OUTPUTS:
            streams.append((sys.stdout, sys.stderr))
            sys.stdout, sys.stderr = _OutputStream("stdout", sys.stdout), _OutputStream("stderr", sys.stderr)
        ACTIVE_OUTPUTS.append(self)
        return self

    def exit_(self, etype, evalue, tb):
        if ACTIVE_OUTPUTS and ACTIVE_OUTPUTS[-1] is self:
            ACTIVE_OUTPUTS.pop()
        if not ACTIVE_OUTPUTS and streams:
            sys.stdout, sys.stderr = streams.pop()
        if etype is not None:
            RAISED.append(evalue)
            del RAISED[:-8]  # the first few are what the build reports; a page keeps no more
            self.outputs = tuple(self.outputs) + (
                {"output_type": "stream", "name": "stderr", "text": f"{etype.__name__}: {evalue}\n"},
            )
            return True
        return None

    Output.__enter__, Output.__exit__ = enter, exit_
