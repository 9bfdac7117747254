"""The in-page messages as ``protocol.json`` (beside this file) defines them.

The page, the worker and this package read the same file: the front end
imports it when it is bundled, Python reads it here (it ships in the wheel the
page's Python loads). What Python posts to the page through the comm route
(``python_to_page``: ``lr_keep``) is made by :func:`message`, which refuses a
name or a field the protocol does not list; the limits (``limits``) are the
ones the page applies too.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

PROTOCOL_FILE = Path(__file__).with_name("protocol.json")

_TYPES = {
    "string": lambda v: isinstance(v, str),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string[]": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
    "null": lambda v: v is None,
    "any": lambda v: True,
}


@cache
def protocol() -> dict[str, Any]:
    return json.loads(PROTOCOL_FILE.read_text(encoding="utf-8"))


def limit(name: str) -> int:
    """One of the protocol's ``limits`` (the page applies the same)."""
    return int(protocol()["limits"][name]["value"])


def names(direction: str) -> list[str]:
    return list(protocol()["directions"][direction]["messages"])


def problem(direction: str, message: Any) -> str | None:
    """What is wrong with ``message`` for ``direction`` (None when nothing is)."""
    if not isinstance(message, dict):
        return "a message must be an object"
    kind = message.get("msg_type" if direction == "python_to_page" else "type")
    spec = protocol()["directions"][direction]["messages"].get(kind) if isinstance(kind, str) else None
    if spec is None:
        return f"{str(kind)[:40]!r} is not a {direction} message"
    fields = message.get("content", {}) if direction == "python_to_page" else message
    for field, declared in spec["fields"].items():
        optional = declared.endswith("?")
        if field not in fields:
            if optional:
                continue
            return f"{kind}: {field} is missing"
        if not any(_TYPES[t](fields[field]) for t in declared.rstrip("?").split("|")):
            return f"{kind}: {field} should be {declared.rstrip('?')}"
    return None


def message(kind: str, **content: Any) -> str:
    """A ``python_to_page`` message as the JSON text the worker posts."""
    msg = {"msg_type": kind, "content": content}
    wrong = problem("python_to_page", msg)
    if wrong:
        raise ValueError(wrong)
    return json.dumps(msg)


__all__ = ["PROTOCOL_FILE", "limit", "message", "names", "problem", "protocol"]
