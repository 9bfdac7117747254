"""Python side of the widgets that go live on the book page itself.

The book page runs Python in a Web Worker (Pyodide) and draws the widgets with
``@jupyter-widgets/html-manager`` (``sphinx/static/learning-regions/live-widgets.js``).
There is no Jupyter kernel in between: ipywidgets speaks to its front end only
through the ``comm`` package, whose ``create_comm`` and ``get_comm_manager``
are meant to be replaced. This module replaces them with a comm that posts each
message to the page (``install(post)``), and hands what the page sends back to
the comm manager (``receive``).

Three things ipywidgets expects from a kernel are stood in for here:

* ``IPython``: ipywidgets imports it at import time, and the real one (with
  jedi, prompt_toolkit, pygments) costs about two seconds in the browser. A
  small module with ``get_ipython() -> None`` and a ``display`` that writes to
  the active Output widget is enough for widgets.
* the Output widget's capture: the HTML manager draws an Output's ``outputs``
  trait only, so ``with output:`` writes there (the companion's widgets set
  ``outputs`` directly anyway, see ``widgets.common.show_figure``).
* echo updates are switched off (``JUPYTER_WIDGETS_ECHO=0``): the page applies
  its own changes at once, and a late echo would undo a newer value.

One Python may serve several pages (live-worker.js as a SharedWorker: every
widget page of a visit, in every tab): the worker gives each page's widgets a
key prefix (``client-N|``), answers each page's messages to that page alone,
and ``forget``s a page's widgets when it leaves.

What the reader does is kept per page (``Session``): every change and click the
page sends is logged by the widget's place in the tree, compacted, and posted to
the page, which stores it in localStorage. Replaying the log on a fresh widget,
built by the same cell code, restores scores, text, chosen cases and quiz answers.

Nothing here imports a browser module: the tests run it in CPython.
"""

from __future__ import annotations

import ast
import base64
import json
import os
import sys
import types
from collections.abc import Callable
from typing import Any

from . import loader

#: Entries kept in a page's log of the reader's actions (older ones are dropped).
MAX_LOG_ENTRIES = 400
#: A log entry with buffers larger than this (an uploaded file) is not kept.
MAX_KEPT_BUFFER_BYTES = 64_000

Post = Callable[[str, list], None]  # (JSON text, list of bytes-like buffers)

_post: Post | None = None
_installed: list[Any] = []  # the comm manager, once install() has run
_active_outputs: list[Any] = []


# --------------------------------------------------------------------- IPython stand-in


def _mime_bundle(obj: Any) -> dict[str, Any]:
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


def display(*objs: Any, **_kwargs: Any) -> None:
    """IPython's display, for widgets: append to the Output widget being written to."""
    if not _active_outputs:
        return
    output = _active_outputs[-1]
    output.outputs = tuple(output.outputs) + tuple(
        {"output_type": "display_data", "data": _mime_bundle(obj), "metadata": {}} for obj in objs
    )


def clear_output(wait: bool = False) -> None:  # noqa: ARG001 - IPython's signature
    if _active_outputs:
        _active_outputs[-1].outputs = ()


class _InteractiveShell:
    """What ipywidgets reads from IPython's shell class outside a kernel: nothing is running."""

    @classmethod
    def initialized(cls) -> bool:
        return False

    @classmethod
    def instance(cls) -> _InteractiveShell:
        return cls()

    @property
    def display_formatter(self):  # noqa: ANN201
        return types.SimpleNamespace(format=lambda obj, **_: (_mime_bundle(obj), {}))


def install_ipython_stand_in() -> None:
    """Put a small ``IPython`` in sys.modules, unless the real one is loaded."""
    if "IPython" in sys.modules:
        return
    ipython = types.ModuleType("IPython")
    ipython.__doc__ = "Stand-in for IPython in the book page's Python (learning_regions.page_runtime)."
    ipython.get_ipython = lambda: None
    ipython.display = display
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
    ipython.display.display = display
    for name, module in {
        "IPython": ipython, "IPython.display": display_module, "IPython.core": core,
        "IPython.core.interactiveshell": shell, "IPython.core.getipython": getipython,
        "IPython.core.display": core_display,
    }.items():
        sys.modules[name] = module


def _capture_output_context() -> None:
    """``with output:`` appends what ``display`` shows to that Output's ``outputs``."""
    from ipywidgets import Output

    def enter(self):  # noqa: ANN001, ANN202
        _active_outputs.append(self)
        return self

    def exit_(self, etype, evalue, tb):  # noqa: ANN001, ANN202
        if _active_outputs and _active_outputs[-1] is self:
            _active_outputs.pop()
        if etype is not None:
            self.outputs = tuple(self.outputs) + (
                {"output_type": "stream", "name": "stderr", "text": f"{etype.__name__}: {evalue}\n"},
            )
            return True
        return None

    Output.__enter__, Output.__exit__ = enter, exit_


# --------------------------------------------------------------------- comms


def _to_bytes(buffer: Any) -> bytes:
    if hasattr(buffer, "to_bytes"):  # a Pyodide JsProxy of an ArrayBuffer
        return buffer.to_bytes()
    return bytes(buffer)


def _make_comm_class():  # noqa: ANN202
    from comm.base_comm import BaseComm

    class PageComm(BaseComm):
        """A comm whose messages go to the book page (through the worker's postMessage)."""

        def publish_msg(self, msg_type, data=None, metadata=None, buffers=None, **keys):  # noqa: ANN001
            if _post is None:
                return
            content = {"comm_id": self.comm_id, "data": data or {}, **keys}
            message = {
                "msg_type": msg_type,
                "content": content,
                "metadata": metadata or {},
                "parent_header": {"msg_id": SESSION.parent_msg_id} if SESSION.parent_msg_id else {},
            }
            _post(json.dumps(message, default=str), [_to_bytes(b) for b in (buffers or [])])

    return PageComm


def install(post: Post) -> None:
    """Route ipywidgets' comms to ``post``; import ipywidgets with IPython stood in."""
    global _post  # noqa: PLW0603
    os.environ.setdefault("JUPYTER_WIDGETS_ECHO", "0")
    os.environ.setdefault("PLOTLY_RENDERER", "plotly_mimetype")
    install_ipython_stand_in()
    # The page's data is the wheel's copy, which nothing edits: tables need
    # not be looked at again on every lookup (learning_regions.loader).
    loader.RECHECK_AFTER_S = float("inf")
    _post = post
    if _installed:
        return
    import comm

    page_comm = _make_comm_class()
    manager = comm.base_comm.CommManager()
    comm.create_comm = lambda *args, **kwargs: page_comm(*args, **kwargs)
    comm.get_comm_manager = lambda: manager
    _installed.append(manager)
    import ipywidgets
    from ipywidgets.widgets import widget as widget_module

    # ipywidgets reads the variable once, at import: where it was imported
    # before install() (a Python session that already used widgets), say it here.
    widget_module.JUPYTER_WIDGETS_ECHO = False
    ipywidgets.register_comm_target()
    _capture_output_context()


def receive(message_json: str, buffers: list | None = None) -> None:
    """A comm message from the page: hand it to the comm manager, and log it."""
    import comm

    msg = json.loads(message_json)
    msg["buffers"] = [memoryview(_to_bytes(b)) for b in (buffers or [])]
    msg.setdefault("header", {"msg_id": msg.get("msg_id", "")})
    manager = comm.get_comm_manager()
    SESSION.parent_msg_id = msg["header"].get("msg_id") or None
    before = _widget_ids()
    try:
        if msg.get("msg_type") == "comm_close":
            manager.comm_close(None, None, msg)
        else:
            SESSION.record(msg)
            manager.comm_msg(None, None, msg)
    finally:
        SESSION.parent_msg_id = None
        # Widgets a callback made belong to the page whose widget it was.
        SESSION.adopt(msg.get("content", {}).get("comm_id"), _widget_ids() - before)
    SESSION.publish_log()


def _widget_ids() -> set[str]:
    """The model ids of every widget alive in this Python (ipywidgets keeps them all)."""
    from ipywidgets.widgets import widget as widget_module

    return set(widget_module._instances)


def _close_widgets(model_ids) -> None:  # noqa: ANN001
    from ipywidgets.widgets import widget as widget_module

    for model_id in model_ids:
        widget = widget_module._instances.get(model_id)
        if widget is not None:
            widget.close()


# --------------------------------------------------------------------- cells and the kept log


def run_cells(cells: list[str], namespace: dict[str, Any]) -> Any:
    """Run notebook cells' code as a notebook would; the value of the last
    expression of the last cell is returned (what the cell would display)."""
    result = None
    for source in cells:
        tree = ast.parse(source, mode="exec")
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, "<cell>", "exec"), namespace)  # noqa: S102 - the notebook's own cells
        result = eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace) if last else None  # noqa: S307
    return result


def widget_path(root: Any, model_id: str) -> str | None:
    """Where the widget with ``model_id`` sits under ``root``: child indices joined by dots."""
    if getattr(root, "model_id", None) == model_id:
        return ""
    for index, child in enumerate(getattr(root, "children", ()) or ()):
        found = widget_path(child, model_id)
        if found is not None:
            return f"{index}.{found}" if found else str(index)
    return None


def _walk(widget: Any):  # noqa: ANN202
    for child in getattr(widget, "children", ()) or ():
        yield from _walk(child)
    yield widget


def widget_at(root: Any, path: str) -> Any:
    node = root
    for part in filter(None, path.split(".")):
        children = getattr(node, "children", ()) or ()
        index = int(part)
        if index >= len(children):
            return None
        node = children[index]
    return node


def compact(log: list[dict]) -> list[dict]:
    """Drop state updates that a later update of the same widget and key
    overwrites before the next click (their order among themselves is kept)."""
    kept: list[dict] = []
    run: list[dict] = []

    def flush() -> None:
        last_index = {}
        for i, entry in enumerate(run):
            for key in entry["data"].get("state", {}):
                last_index[(entry["path"], key)] = i
        for i, entry in enumerate(run):
            state = {k: v for k, v in entry["data"]["state"].items() if last_index[(entry["path"], k)] == i}
            if state:
                kept.append({**entry, "data": {**entry["data"], "state": state}})
        run.clear()

    for entry in log:
        if entry["data"].get("method") == "update" and not entry.get("buffers"):
            run.append(entry)
        else:
            flush()
            kept.append(entry)
    flush()
    return kept[-MAX_LOG_ENTRIES:]


class Session:
    """The widgets live on this page, and the log of what the reader did to them."""

    def __init__(self) -> None:
        self.roots: dict[str, Any] = {}  # container key -> root widget
        self.logs: dict[str, list[dict]] = {}
        # container key -> model ids of every widget made for it: its tree, but
        # also the Layout and Style widgets no ``children`` reaches, and those a
        # callback made later. One Python serves a whole visit: a page that
        # goes must take all of them with it.
        self.owned: dict[str, set[str]] = {}
        self.parent_msg_id: str | None = None
        self.replaying = False
        self.changed: str | None = None

    def reset(self) -> None:
        self.__init__()

    def add(self, key: str, root: Any, log: list[dict] | None = None) -> list[str]:
        """Keep ``root`` under ``key`` and replay a kept log on it; returns problems met."""
        if key in self.roots:  # built again ("Clear my answers"): the page drops the old one
            self.close(key)
        self.roots[key] = root
        self.logs[key] = []
        problems = []
        self.replaying = True
        try:
            for entry in log or []:
                problem = self.replay(key, entry)
                if problem:
                    problems.append(problem)
        finally:
            self.replaying = False
        # A replayed change is applied as if the page had sent it, so Python
        # does not send it back: send the state of every replayed widget.
        for path in dict.fromkeys(entry.get("path", "") for entry in log or []):
            widget = widget_at(root, path)
            if widget is not None and getattr(widget, "comm", None) is not None:
                widget.send_state()
        self.logs[key] = compact(self.logs[key])
        return problems

    def close(self, key: str) -> None:
        """Close every widget made for ``key`` and drop its log."""
        root = self.roots.pop(key, None)
        if root is not None:
            for widget in _walk(root):
                widget.close()
        _close_widgets(self.owned.pop(key, ()))
        self.logs.pop(key, None)

    def adopt(self, model_id: str | None, made: set[str]) -> None:
        """Widgets ``made`` while handling a message to ``model_id`` belong to its page's key."""
        if not made or model_id is None:
            return
        for ids in self.owned.values():
            if model_id in ids:
                ids |= made
                return

    def forget(self, prefix: str) -> int:
        """Close the widgets whose key starts with ``prefix`` (a page that went
        away) and drop their logs; returns how many roots were dropped."""
        gone = [key for key in {*self.roots, *self.owned} if key.startswith(prefix)]
        for key in gone:
            self.close(key)
        return len(gone)

    def replay(self, key: str, entry: dict) -> str | None:
        widget = widget_at(self.roots[key], entry.get("path", ""))
        if widget is None or getattr(widget, "comm", None) is None:
            return f"no widget at {entry.get('path')!r}"
        buffers = [base64.b64decode(b) for b in entry.get("buffers", [])]
        msg = {"content": {"comm_id": widget.comm.comm_id, "data": entry["data"]}, "buffers": buffers,
               "header": {"msg_id": ""}}
        self.logs[key].append(entry)
        try:
            widget.comm.handle_msg(msg)
        except Exception as error:  # noqa: BLE001 - a stale entry must not stop the rest
            return f"{type(error).__name__}: {error}"
        return None

    def record(self, msg: dict) -> None:
        if self.replaying:
            return
        data = msg.get("content", {}).get("data", {})
        if data.get("method") not in ("update", "custom"):
            return
        model_id = msg["content"].get("comm_id")
        for key, root in self.roots.items():
            path = widget_path(root, model_id)
            if path is None:
                continue
            buffers = [bytes(b) for b in msg.get("buffers", [])]
            if sum(len(b) for b in buffers) > MAX_KEPT_BUFFER_BYTES:
                return
            entry = {"path": path, "data": data}
            if buffers:
                entry["buffers"] = [base64.b64encode(b).decode("ascii") for b in buffers]
            self.logs[key] = compact([*self.logs[key], entry])
            self.changed = key
            return

    def publish_log(self) -> None:
        key = self.changed
        if key is None or _post is None:
            return
        self.changed = None
        _post(json.dumps({"msg_type": "lr_keep", "content": {"key": key, "log": self.logs[key]}}), [])


SESSION = Session()


def build(key: str, cells: list[str], log_json: str = "[]") -> dict[str, Any]:
    """Run a widget cell's code and return what the page needs to show it."""
    namespace: dict[str, Any] = {"__name__": "__main__"}
    before = _widget_ids()
    widget = run_cells(cells, namespace)
    if getattr(widget, "model_id", None) is None:
        _close_widgets(_widget_ids() - before)
        raise TypeError(f"the cell's last line gave {type(widget).__name__}, not a widget")
    try:
        log = json.loads(log_json) if log_json else []
    except ValueError:
        log = []
    problems = SESSION.add(key, widget, log if isinstance(log, list) else [])
    # What the cells made and what replaying the log made (add closed the
    # widgets of an earlier build of this key, which ``before`` had).
    SESSION.owned[key] = _widget_ids() - before
    return {"model_id": widget.model_id, "restored": len(log) if isinstance(log, list) else 0, "problems": problems}


def forget(prefix: str) -> int:
    """A page left: close its widgets (the keys the worker gave them start with ``prefix``)."""
    return SESSION.forget(prefix)


__all__ = ["SESSION", "Session", "build", "compact", "display", "forget", "install", "install_ipython_stand_in",
           "receive", "run_cells", "widget_at", "widget_path"]
