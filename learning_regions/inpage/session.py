"""The kept answers: what the reader did to the widgets of a page.

Every change and click the page sends is logged by the widget's place in the
tree (:mod:`.tree`) when it is something a reader can do (:mod:`.replay`),
together with what Python changed in answer to it (a loaded file sets the
sliders: the sliders are kept, not the file), compacted, and posted to the
page (``lr_keep``), which stores it in the browser's localStorage. Replaying
the log on a fresh widget, built by the same cell code, restores scores,
text, chosen cases and quiz answers. A log that holds anything a reader could
not have done, or that fails to replay, is not used: :meth:`Session.add` says
why, and the page sets the log aside.

One Python may serve several pages (the worker as a SharedWorker: every
widget page of a visit, in every tab): each page's widgets are kept under
keys with the page's prefix (``client-N|``), and :meth:`Session.forget`
closes a page's widgets when it leaves.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from . import protocol
from .comms import Bridge
from .replay import log_problem, marked, reader_entry, reader_state, step_paths, update_entry
from .tree import close_widgets, walk, widget_at, widget_path

#: Entries kept in a page's log of the reader's actions (older ones are dropped).
MAX_LOG_ENTRIES = protocol.limit("log_entries")


class ReplayFailed(Exception):
    """A kept log that passed the checks raised while replayed: the widget is half-restored."""


def compact(log: list[dict], steps: Collection[str] = ()) -> list[dict]:
    """Drop state updates that a later update of the same widget and key
    overwrites before the next click or step (an update of a control at one of
    ``steps``, kept as it is: see ``replay.MARKS``); their order among
    themselves is kept."""
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
        if entry["data"].get("method") == "update" and entry["path"] not in steps:
            run.append(entry)
        else:
            flush()
            kept.append(entry)
    flush()
    return kept[-MAX_LOG_ENTRIES:]


@dataclass
class Watch:
    """A reader's message on its way to a widget of ``key``: what it will log,
    or (when it is nothing a replay can repeat) the controls' values before
    it, to see what Python changes in answer."""

    key: str
    entry: dict | None
    before: dict[str, tuple[str, Any]] = field(default_factory=dict)
    #: Log every control's value after it (the widget acted on is marked ``_lr_settles``).
    settles: bool = False


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
        self.changed: str | None = None

    def reset(self) -> None:
        self.__init__()

    def add(self, key: str, root: Any, log: Any = None) -> str | None:
        """Keep ``root`` under ``key`` and replay a kept log on it. Returns why
        the log was not replayed (None when it was, or was empty); raises
        :class:`ReplayFailed` when a log that looked right failed half-way."""
        if key in self.roots:  # built again ("Clear my answers"): the page drops the old one
            self.close(key)
        self.roots[key] = root
        self.logs[key] = []
        log = [] if log is None else log
        problem = log_problem(root, log)
        if problem:
            return problem
        log = [entry for entry in log if not marked(widget_at(root, entry["path"]), "_lr_unkept")]
        for entry in log:
            widget = widget_at(root, entry["path"])
            try:
                # As the page's message would (ipywidgets' own handler only logs what fails).
                if entry["data"]["method"] == "update":
                    widget.set_state(entry["data"]["state"])
                else:
                    widget.click()
            except Exception as error:
                raise ReplayFailed(
                    f"replaying the entry at {entry['path']!r} failed ({type(error).__name__})"
                ) from None
        # A replayed change is applied as if the page had sent it, so Python
        # does not send it back: send the state of every replayed widget.
        for path in dict.fromkeys(entry["path"] for entry in log):
            widget_at(root, path).send_state()
        self.logs[key] = compact(list(log), step_paths(root))
        return None

    def close(self, key: str) -> None:
        """Close every widget made for ``key`` and drop its log."""
        root = self.roots.pop(key, None)
        if root is not None:
            for widget in walk(root):
                widget.close()
        close_widgets(self.owned.pop(key, ()))
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

    def watch(self, msg: dict) -> Watch | None:
        """Before a page message is handled: what of it is kept, and the state to compare after."""
        content = msg.get("content", {})
        data = content.get("data")
        if (
            msg.get("msg_type") == "comm_close"
            or not isinstance(data, dict)
            or data.get("method") not in ("update", "custom")
        ):
            return None
        model_id = content.get("comm_id")
        for key, root in self.roots.items():
            path = widget_path(root, model_id)
            if path is not None:
                entry = reader_entry(root, model_id, data)
                settles = marked(widget_at(root, path), "_lr_settles")
                return Watch(key, entry, {} if entry or settles else reader_state(root), settles)
        return None

    def record(self, watch: Watch) -> None:
        """After the message was handled: log it when it is a reader's action
        a replay can repeat; otherwise (a file loaded) log what Python changed
        in answer to it, which a replay can set; after an action on a control
        marked ``_lr_settles``, log the value of every control."""
        root = self.roots.get(watch.key)
        if root is None:
            return
        made = [watch.entry] if watch.entry else []
        if watch.entry is None or watch.settles:
            for path, (how, value) in reader_state(root).items():
                if watch.settles or (path in watch.before and watch.before[path][1] != value):
                    entry = update_entry(root, path, how, value)
                    if entry:
                        made.append(entry)
        if made:
            self.logs[watch.key] = compact([*self.logs[watch.key], *made], step_paths(root))
            self.changed = watch.key

    def publish_log(self) -> None:
        key = self.changed
        if key is None or Bridge.post is None:
            return
        self.changed = None
        Bridge.post(protocol.message("lr_keep", key=key, log=self.logs[key]), [])
