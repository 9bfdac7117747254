"""Run a notebook's cells as a notebook would, and find what a cell shows.

A widget cell shows what a notebook shows under it: the value of its last
line, and whatever it ``display``-ed at its top level on the way (what
``@interact`` and ``interact(f, ...)`` do, or ``display(ui, out)`` after
``interactive_output``). :func:`shown` makes one widget of that, the root the
page draws and the kept answers refer to.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Any

from . import ipython


class CellError(Exception):
    """A cell raised: which cell (its place in the list run), the line, and the error."""

    def __init__(self, index: int, error: BaseException, line: int | None):
        self.index, self.error, self.line = index, error, line
        where = f" (line {line} of the cell)" if line else ""
        super().__init__(f"{type(error).__name__}: {error}{where}")


@dataclass
class CellRun:
    """What the last cell gave: its last line's value and what it displayed."""

    value: Any = None
    displayed: list[Any] = field(default_factory=list)


def _line_in_cell(error: BaseException, filename: str) -> int | None:
    tb = error.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def line_in_cells(error: BaseException) -> tuple[int, int] | None:
    """The last place in the cells run (their index, the line) that ``error``
    passed through: where a function defined in a cell raised."""
    tb, found = error.__traceback__, None
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.startswith("<cell ") and name.endswith(">") and name[6:-1].isdigit():
            found = (int(name[6:-1]) - 1, tb.tb_lineno)
        tb = tb.tb_next
    return found


def run_cells(cells: list[str], namespace: dict[str, Any]) -> CellRun:
    """Run cells' code in ``namespace``; returns what the last cell gave.
    A cell that raises is a :class:`CellError` naming the cell and its line."""
    run = CellRun()
    for index, source in enumerate(cells):
        filename = f"<cell {index + 1}>"
        ipython.CELL_DISPLAYS.clear()
        try:
            tree = ast.parse(source, filename, mode="exec")
            last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
            exec(compile(tree, filename, "exec"), namespace)
            value = eval(compile(ast.Expression(last.value), filename, "eval"), namespace) if last else None
        except Exception as error:
            line = error.lineno if isinstance(error, SyntaxError) else _line_in_cell(error, filename)
            raise CellError(index, error, line) from error
        finally:
            displayed = list(ipython.CELL_DISPLAYS)
            ipython.CELL_DISPLAYS.clear()
        run = CellRun(value, displayed)
    return run


def is_widget(obj: Any) -> bool:
    return getattr(obj, "model_id", None) is not None and hasattr(obj, "comm")


def shown(run: CellRun) -> Any:
    """The one widget the page draws for a cell, or None when it shows no widget.

    A cell whose only output is a widget shows that widget (its own tree, as in
    JupyterLab); several outputs (widgets, figures, text) are stacked in a VBox,
    non-widget outputs each in an Output, in the order a notebook shows them."""
    outputs = [*run.displayed, *([run.value] if run.value is not None and not callable(run.value) else [])]
    if not any(is_widget(obj) for obj in outputs):
        return None
    if len(outputs) == 1:
        return outputs[0]
    import ipywidgets

    children = []
    for obj in outputs:
        if is_widget(obj):
            children.append(obj)
        else:
            out = ipywidgets.Output()
            out.outputs = ({"output_type": "display_data", "data": ipython.mime_bundle(obj), "metadata": {}},)
            children.append(out)
    return ipywidgets.VBox(children)
