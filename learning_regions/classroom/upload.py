"""The class's files as the page sends them: a FileUpload that keeps no bytes in
its messages, and each file it gives as a :class:`~.gather.Source`.

On the book page the lecturer picks the files with the upload's button or
drops them on the widget (the page controller hands dropped files to the
widget's one FileUpload, ``frontend/src/inpage/drop.js``); both arrive here
the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets
from ipywidgets.widgets.trait_types import TypedTuple
from traitlets import Dict

from .formats import MAX_FILE_BYTES
from .gather import Source


def _take_files(js: Any, _widget: Any = None) -> list[dict[str, Any]]:
    """The files the page sent, as FileUpload gives them (name, type, size,
    content, last_modified), each file's bytes taken out of the message's own
    dict. The book page keeps the messages of a widget page as JSON (the
    reader's kept answers): bytes left in one made Python report a problem
    after a small class's files (``learning_regions.inpage.session`` logs the
    message before ipywidgets puts its buffers in place)."""
    files = []
    for entry in js or []:
        content = entry.pop("content", b"") if isinstance(entry, dict) else b""
        modified = entry.get("last_modified") if isinstance(entry, dict) else None
        files.append(
            {
                "name": entry.get("name", ""),
                "type": entry.get("type", ""),
                "size": entry.get("size", 0),
                "content": content if content is not None else b"",
                "last_modified": (
                    dt.datetime.fromtimestamp(modified / 1000, tz=dt.timezone.utc)
                    if isinstance(modified, (int, float))
                    else None
                ),
            }
        )
    return files


def _give_files(value: Any, _widget: Any = None) -> list[dict[str, Any]]:
    return [
        {
            "name": f["name"],
            "type": f["type"],
            "size": f["size"],
            "content": f["content"],
            "last_modified": int(f["last_modified"].timestamp() * 1000) if f.get("last_modified") else 0,
        }
        for f in value
    ]


class ClassFileUpload(widgets.FileUpload):
    """ipywidgets' FileUpload (the same front end) whose files leave no bytes in
    the message they came in (see :func:`_take_files`)."""

    value = TypedTuple(Dict(), help="The files picked").tag(
        sync=True, echo_update=False, from_json=_take_files, to_json=_give_files
    )


def source_of(item: Mapping[str, Any]) -> Source:
    """A file from the FileUpload's value; one larger than any export is kept only as its size."""
    content = item["content"]
    size = content.nbytes if isinstance(content, memoryview) else len(content)
    data = bytes(content) if size <= MAX_FILE_BYTES else b""
    modified = item.get("last_modified")
    if isinstance(modified, dt.datetime):
        modified = modified.timestamp()
    elif isinstance(modified, (int, float)):
        modified = modified / 1000
    else:
        modified = None
    return Source(str(item.get("name") or "unnamed file"), size, lambda: data, modified)


__all__ = ["ClassFileUpload", "source_of"]
