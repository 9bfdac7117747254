"""The comm bridge: ipywidgets' messages go to the book page, with no kernel.

ipywidgets speaks to its front end only through the ``comm`` package, whose
``create_comm`` and ``get_comm_manager`` are module attributes meant to be
replaced. :func:`route` replaces them with a comm that posts each message to
the page (``post``: the worker's postMessage), and the page's messages are
handed to the comm manager by :func:`deliver`.

Echo updates are switched off (``JUPYTER_WIDGETS_ECHO=0``): the page applies
its own changes at once, and a late echo would undo a newer value.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from typing import Any

Post = Callable[[str, list], None]  # (JSON text, list of bytes-like buffers)


class Bridge:
    """Where Python's messages go, and which page message Python is answering."""

    post: Post | None = None
    manager: Any = None  # the comm manager, once routed
    #: The page message being handled: Python's replies carry it as their parent.
    parent_msg_id: str | None = None


def to_bytes(buffer: Any) -> bytes:
    if hasattr(buffer, "to_bytes"):  # a Pyodide JsProxy of an ArrayBuffer
        return buffer.to_bytes()
    return bytes(buffer)


def _page_comm_class():
    from comm.base_comm import BaseComm

    class PageComm(BaseComm):
        """A comm whose messages go to the book page (through the worker's postMessage)."""

        def publish_msg(self, msg_type, data=None, metadata=None, buffers=None, **keys):
            if Bridge.post is None:
                return
            message = {
                "msg_type": msg_type,
                "content": {"comm_id": self.comm_id, "data": data or {}, **keys},
                "metadata": metadata or {},
                "parent_header": {"msg_id": Bridge.parent_msg_id} if Bridge.parent_msg_id else {},
            }
            Bridge.post(json.dumps(message, default=str), [to_bytes(b) for b in (buffers or [])])

    return PageComm


def route(post: Post) -> None:
    """Send ipywidgets' comms to ``post`` (once; a later call only changes ``post``)."""
    os.environ.setdefault("JUPYTER_WIDGETS_ECHO", "0")
    Bridge.post = post
    if Bridge.manager is not None:
        return
    import comm

    page_comm = _page_comm_class()
    manager = comm.base_comm.CommManager()
    comm.create_comm = lambda *args, **kwargs: page_comm(*args, **kwargs)
    comm.get_comm_manager = lambda: manager
    Bridge.manager = manager
    import ipywidgets
    from ipywidgets.widgets import widget as widget_module

    # ipywidgets reads the variable once, at import: where it was imported
    # before (a Python session that already used widgets), say it here.
    widget_module.JUPYTER_WIDGETS_ECHO = False
    ipywidgets.register_comm_target()


#: Half of a UTF-16 pair with no other half: JavaScript strings may hold one
#: (JSON.stringify writes it as "\ud800"), Python's UTF-8 encoders refuse it.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def well_formed(value: Any) -> Any:
    """``value`` with every lone surrogate in its texts replaced by U+FFFD (�)."""
    if isinstance(value, str):
        return LONE_SURROGATE.sub("\ufffd", value) if LONE_SURROGATE.search(value) else value
    if isinstance(value, list):
        return [well_formed(v) for v in value]
    if isinstance(value, dict):
        return {k: well_formed(v) for k, v in value.items()}
    return value


def parse(message_json: str, buffers: list | None = None) -> dict[str, Any]:
    """A page message as the comm manager wants it (buffers as memoryviews;
    texts well-formed, so that no widget meets a character it cannot encode)."""
    msg = json.loads(message_json)
    if not isinstance(msg, dict):
        raise ValueError("a comm message must be a JSON object")
    content = msg.get("content")
    if isinstance(content, dict) and isinstance(content.get("data"), dict):
        content["data"] = well_formed(content["data"])
    msg["buffers"] = [memoryview(to_bytes(b)) for b in (buffers or [])]
    msg.setdefault("header", {"msg_id": msg.get("msg_id", "")})
    return msg


def deliver(msg: dict[str, Any]) -> None:
    """Hand a parsed page message to the comm manager."""
    import comm

    manager = comm.get_comm_manager()
    if msg.get("msg_type") == "comm_close":
        manager.comm_close(None, None, msg)
    else:
        manager.comm_msg(None, None, msg)
