"""The kept answers: what the reader did to the widgets of a page.

Every change and click the page sends is logged by the widget's place in the
tree (:mod:`.tree`), compacted, and posted to the page (``lr_keep``), which
stores it in the browser's localStorage. Replaying the log on a fresh widget,
built by the same cell code, restores scores, text, chosen cases and quiz
answers.

One Python may serve several pages (the worker as a SharedWorker: every
widget page of a visit, in every tab): each page's widgets are kept under
keys with the page's prefix (``client-N|``), and :meth:`Session.forget`
closes a page's widgets when it leaves.
"""

from __future__ import annotations

import base64
from typing import Any

from . import protocol
from .comms import Bridge
from .tree import close_widgets, walk, widget_at, widget_path

#: Entries kept in a page's log of the reader's actions (older ones are dropped).
MAX_LOG_ENTRIES = protocol.limit("log_entries")
#: A log entry with buffers larger than this (an uploaded file) is not kept.
MAX_KEPT_BUFFER_BYTES = 64_000


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
        if key is None or Bridge.post is None:
            return
        self.changed = None
        Bridge.post(protocol.message("lr_keep", key=key, log=self.logs[key]), [])
