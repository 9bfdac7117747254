"""Where a widget sits in a widget tree, and the widgets alive in this Python.

A kept answer names its widget by its place under the root widget (child
indices joined by dots: ``"1.0"``), so that the same answer finds the same
control in a fresh widget built by the same cell code.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any


def widget_path(root: Any, model_id: str) -> str | None:
    """Where the widget with ``model_id`` sits under ``root``: child indices joined by dots."""
    if getattr(root, "model_id", None) == model_id:
        return ""
    for index, child in enumerate(getattr(root, "children", ()) or ()):
        found = widget_path(child, model_id)
        if found is not None:
            return f"{index}.{found}" if found else str(index)
    return None


def widget_at(root: Any, path: str) -> Any:
    """The widget at ``path`` under ``root``, or None."""
    node = root
    for part in filter(None, path.split(".")):
        children = getattr(node, "children", ()) or ()
        index = int(part)
        if index >= len(children):
            return None
        node = children[index]
    return node


def walk(widget: Any) -> Iterator[Any]:
    """Every widget under ``widget`` (children first), and itself."""
    for child in getattr(widget, "children", ()) or ():
        yield from walk(child)
    yield widget


def widget_ids() -> set[str]:
    """The model ids of every widget alive in this Python (ipywidgets keeps them all)."""
    from ipywidgets.widgets import widget as widget_module

    return set(widget_module._instances)


def close_widgets(model_ids: Iterable[str]) -> None:
    from ipywidgets.widgets import widget as widget_module

    for model_id in model_ids:
        widget = widget_module._instances.get(model_id)
        if widget is not None:
            widget.close()


def widget_by_id(model_id: str | None) -> Any:
    """The live widget with ``model_id``, or None."""
    from ipywidgets.widgets import widget as widget_module

    return widget_module._instances.get(model_id) if model_id else None
