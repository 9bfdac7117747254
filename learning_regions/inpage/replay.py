"""What a reader can do to a widget, and so what a kept log may hold.

A kept log comes back from the browser's storage, which any script of the
site's origin (or the reader's own console) can write. It is replayed only
when every entry is something a reader could have done to the widget found at
its path: set a control's value, pick an option, type text into a text
control, click a button. HTML, Output, Label, status and upload widgets are
never replayed, whatever an entry says, so a planted log cannot write markup
into the page. The same rules decide what is logged in the first place.

Entries have two shapes (``path``: child indices joined by dots, see :mod:`.tree`)::

    {"path": "1.0", "data": {"method": "update", "state": {"value": 3}}}
    {"path": "2.0", "data": {"method": "custom", "content": {"event": "click"}}}
"""

from __future__ import annotations

import math
import re
from typing import Any

from . import protocol
from .tree import widget_at, widget_path

PATH = re.compile(r"^(?:\d{1,4}(?:\.\d{1,4})*)?$")
SCALAR = (str, int, float, bool, type(None))


def _classes() -> dict[str, tuple[type, ...]]:
    from ipywidgets import widgets

    return {
        "text": (widgets.Text, widgets.Textarea),
        "value": (
            widgets.widget_int._Int,
            widgets.widget_float._Float,
            widgets.widget_int._IntRange,
            widgets.widget_float._FloatRange,
            widgets.widget_bool._Bool,
        ),
        "index": (widgets.widget_selection._Selection, widgets.widget_selection._MultipleSelection),
        "click": (widgets.Button,),
        # Subclasses of the above that show, rather than take, a value.
        "never": (widgets.IntProgress, widgets.FloatProgress, widgets.Valid, widgets.Play),
    }


def kind(widget: Any) -> str | None:
    """How a reader acts on ``widget``: "text", "value", "index", "click", or None (they cannot)."""
    classes = _classes()
    if isinstance(widget, classes["never"]):
        return None
    for name in ("text", "value", "index", "click"):
        if isinstance(widget, classes[name]):
            return name
    return None


#: The state a reader's action sets, by kind.
STATE_KEY = {"text": "value", "value": "value", "index": "index"}


def _plain_value(value: Any) -> bool:
    if isinstance(value, float) and not math.isfinite(value):
        return False
    if isinstance(value, list):
        return len(value) <= 64 and all(isinstance(v, SCALAR) and not isinstance(v, str) for v in value)
    return isinstance(value, SCALAR)


def entry_problem(root: Any, entry: Any) -> str | None:
    """Why ``entry`` is not something a reader could have done under ``root`` (None if it is)."""
    if not isinstance(entry, dict) or set(entry) != {"path", "data"}:
        return "an entry is not {path, data}"
    path, data = entry["path"], entry["data"]
    if not isinstance(path, str) or not PATH.match(path) or path.count(".") >= protocol.limit("path_depth"):
        return f"the path {str(path)[:20]!r} is not a widget's place"
    widget = widget_at(root, path)
    if widget is None or getattr(widget, "comm", None) is None:
        return f"no widget at {path!r}"
    how = kind(widget)
    if how is None:
        return f"the widget at {path!r} ({type(widget).__name__}) takes nothing from a reader"
    if not isinstance(data, dict):
        return "an entry's data is not an object"
    if how == "click":
        if data != {"method": "custom", "content": {"event": "click"}}:
            return f"the button at {path!r} can only be clicked"
        return None
    state = data.get("state")
    if set(data) != {"method", "state"} or data["method"] != "update" or not isinstance(state, dict):
        return f"the control at {path!r} can only be set"
    if set(state) != {STATE_KEY[how]}:
        return f"the control at {path!r} takes only {STATE_KEY[how]!r}"
    value = state[STATE_KEY[how]]
    if how == "text":
        if not isinstance(value, str) or len(value) > protocol.limit("kept_text_chars"):
            return f"the text at {path!r} is not text of a kept length"
    elif not _plain_value(value) or isinstance(value, str):
        return f"the value at {path!r} is not a number, a choice or a yes/no"
    return None


def log_problem(root: Any, log: Any) -> str | None:
    """Why ``log`` cannot be replayed on ``root`` as a whole (None if it can)."""
    if not isinstance(log, list):
        return "the kept answers are not a list"
    if len(log) > protocol.limit("log_entries"):
        return "the kept answers are too many"
    for entry in log:
        problem = entry_problem(root, entry)
        if problem:
            return problem
    return None


def reader_entry(root: Any, model_id: str | None, data: dict) -> dict | None:
    """The log entry for a message the page sent to ``model_id`` (a widget under
    ``root``), or None when it is nothing a reader does that can be replayed
    (an upload's bytes, a widget's own bookkeeping). A text too long to keep is
    kept as empty: the widget comes back without it rather than with an older text."""
    path = widget_path(root, model_id) if model_id else None
    if path is None:
        return None
    widget = widget_at(root, path)
    how = kind(widget)
    if marked(widget, "_lr_unkept"):
        return None
    if how == "click":
        content = data.get("content")
        if data.get("method") == "custom" and isinstance(content, dict) and content.get("event") == "click":
            return {"path": path, "data": {"method": "custom", "content": {"event": "click"}}}
        return None
    if how is None or data.get("method") != "update" or not isinstance(data.get("state"), dict):
        return None
    if STATE_KEY[how] not in data["state"]:
        return None
    return update_entry(root, path, how, data["state"][STATE_KEY[how]])


def update_entry(root: Any, path: str, how: str, value: Any) -> dict | None:
    """The entry that sets the control at ``path`` to ``value`` (None if no reader could)."""
    if how == "text" and isinstance(value, str) and len(value) > protocol.limit("kept_text_chars"):
        value = ""
    entry = {"path": path, "data": {"method": "update", "state": {STATE_KEY[how]: value}}}
    return entry if entry_problem(root, entry) is None else None


#: Marks a widget's own code may set on a control (``widget._lr_step = True``):
#: ``_lr_derived``: Python writes its value from the other controls (an export's
#: text), so what Python writes there is not logged; ``_lr_step``: each change of
#: it is kept in order, never compacted away, as what follows depends on it (the
#: profiler's case: each case keeps its own scores); ``_lr_settles``: after a
#: reader's action on it, every control's value is logged, as what Python set in
#: answer depends on more than the controls (a loaded file, an undone load);
#: ``_lr_unkept``: its value means nothing without what a reload forgets (the
#: class view's chart menu: its charts come from files not kept), so it is
#: never logged, and a kept entry for it is passed over.
MARKS = ("_lr_derived", "_lr_step", "_lr_settles", "_lr_unkept")


def marked(widget: Any, mark: str) -> bool:
    return getattr(widget, mark, False) is True


def step_paths(root: Any) -> frozenset[str]:
    """The paths of the controls under ``root`` whose every change is a step of the log (``_lr_step``)."""
    return frozenset(path for path, widget in _with_paths(root) if marked(widget, "_lr_step"))


def _with_paths(widget: Any, path: str = ""):
    yield path, widget
    for index, child in enumerate(getattr(widget, "children", ()) or ()):
        yield from _with_paths(child, f"{path}.{index}" if path else str(index))


def reader_state(root: Any) -> dict[str, tuple[str, Any]]:
    """Every value a reader could set under ``root``, by path (with its kind):
    compared before and after a message, it shows what Python changed in answer."""
    state = {}
    for path, widget in _with_paths(root):
        how = kind(widget)
        if (
            how in STATE_KEY
            and getattr(widget, "comm", None) is not None
            and not any(marked(widget, mark) for mark in ("_lr_derived", "_lr_unkept"))
        ):
            state[path] = (how, widget.get_state(STATE_KEY[how])[STATE_KEY[how]])
    return state


__all__ = [
    "MARKS",
    "entry_problem",
    "kind",
    "log_problem",
    "marked",
    "reader_entry",
    "reader_state",
    "step_paths",
    "update_entry",
]
