"""The Python side of the widgets that go live on the book page itself.

The book page runs Python in a worker (Pyodide) and draws the widgets with the
Jupyter widgets HTML manager; there is no Jupyter kernel in between. The
worker calls four functions of this package (the page's messages are listed
in ``protocol.json`` beside this file and described in ``docs/in-page-runtime.md``):

* :func:`install` (once): route ipywidgets' comms to the worker's ``post``
  (:mod:`.comms`), stand in for IPython (:mod:`.ipython`), trust the data folder;
* :func:`build`: run a widget's cells as a notebook would (:mod:`.cells`) and
  keep the widget the cell shows,
  replaying the reader's kept answers on it when every entry is something a
  reader could have done (:mod:`.session`, :mod:`.replay`), else saying why not;
* :func:`receive`: a message from the page, handed to its widget, and logged
  (an upload is emptied once handled: its effect is kept, not its bytes);
* :func:`forget`: a page left; its widgets are closed.

Nothing here imports a browser module: the tests run it in CPython.
"""

from __future__ import annotations

import json
import os
from typing import Any

from .. import loader
from ..browser import adjust_plotly
from . import comms, ipython
from .cells import CellError, CellRun, run_cells, shown
from .comms import Post
from .session import ReplayFailed, Session
from .tree import close_widgets, widget_by_id, widget_ids

#: The widgets of every page this Python serves, and the readers' kept answers.
SESSION = Session()


def install(post: Post) -> None:
    """Route ipywidgets' comms to ``post``; import ipywidgets with IPython stood in."""
    os.environ.setdefault("PLOTLY_RENDERER", "plotly_mimetype")
    ipython.install()
    adjust_plotly()  # fig.show() and display(fig) without nbformat
    # The page's data is the wheel's copy, which nothing edits: tables need
    # not be looked at again on every lookup (learning_regions.loader).
    loader.RECHECK_AFTER_S = float("inf")
    comms.route(post)
    ipython.capture_output_context()


def _widget(cells: list[str]) -> Any:
    """Run the cells; the widget the last one shows (a CellError names the cell that raised)."""
    run = run_cells(cells, {"__name__": "__main__"})
    widget = shown(run)
    if widget is None:
        raise TypeError(
            f"the cell shows no widget (its last line gives {type(run.value).__name__}, and it displays none)"
        )
    return widget


def build(key: str, cells: list[str], log_json: str = "[]") -> dict[str, Any]:
    """Run a widget cell's code and return what the page needs to show it:
    the widget's model id, how many kept entries were replayed, and why the
    kept log was set aside (None when it was not)."""
    before = widget_ids()
    try:
        widget = _widget(cells)
    except Exception:
        close_widgets(widget_ids() - before)
        raise
    set_aside = None
    try:
        log = json.loads(log_json) if log_json else []
    except (ValueError, RecursionError):
        log, set_aside = [], "the kept answers are not JSON"
    try:
        set_aside = SESSION.add(key, widget, log if set_aside is None else []) or set_aside
    except ReplayFailed as failed:
        # Half-restored: start again from the cells, with nothing replayed.
        SESSION.close(key)
        close_widgets(widget_ids() - before)
        widget = _widget(cells)
        SESSION.add(key, widget, [])
        set_aside = str(failed)
    # What the cells made and what replaying the log made (add closed the
    # widgets of an earlier build of this key, which ``before`` had).
    SESSION.owned[key] = widget_ids() - before
    restored = len(log) if set_aside is None and isinstance(log, list) else 0
    return {"model_id": widget.model_id, "restored": restored, "set_aside": set_aside}


def receive(message_json: str, buffers: list | None = None) -> None:
    """A comm message from the page: hand it to the comm manager, and log it."""
    msg = comms.parse(message_json, buffers)
    comms.Bridge.parent_msg_id = msg["header"].get("msg_id") or None
    before = widget_ids()
    watch = SESSION.watch(msg)
    model_id = msg.get("content", {}).get("comm_id")
    try:
        comms.deliver(msg)
        empty_upload(widget_by_id(model_id))
    finally:
        comms.Bridge.parent_msg_id = None
        # Widgets a callback made belong to the page whose widget it was.
        SESSION.adopt(model_id, widget_ids() - before)
    if watch is not None:
        SESSION.record(watch)
    SESSION.publish_log()


def empty_upload(widget: Any) -> None:
    """A file upload, once its callbacks have run, holds nothing: its effect
    (what they set) is kept and logged, not the file's bytes, and the same
    file can be picked again (an equal value would change nothing)."""
    from ipywidgets import FileUpload

    if isinstance(widget, FileUpload) and widget.value:
        widget.value = ()


def forget(prefix: str) -> int:
    """A page left: close its widgets (the keys the worker gave them start with ``prefix``)."""
    return SESSION.forget(prefix)


__all__ = ["SESSION", "CellError", "CellRun", "Session", "build", "forget", "install", "receive", "run_cells", "shown"]
