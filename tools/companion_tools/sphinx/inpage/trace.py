"""Pre-compiled Python for the widgets on the book page (run inside Pyodide at build time).

Most of the seconds before a live widget answers go into CPython compiling
source: the standard library and the wheels ship ``.py`` files, and Pyodide in
the browser compiles every module it imports, on every page. Bytecode must be
made by the same CPython as the browser's (3.14, Pyodide's), so this module
runs inside Pyodide under Node (``precompile.mjs``, called by
``runtime.precompile_runtime``), at build time:

1. :func:`trace` builds each widget of the manifest, as the page does, then
   works every control once (``exercise``), and records which files Python
   read; a widget that fails (or that the page could not draw) is reported
   with its notebook, cell and cause, and nothing is rewritten;
2. :func:`rewrite_zip` rewrites the standard library and each wheel of the
   page's lock: a traced module becomes a sourceless ``.pyc`` (what the page
   imports, compiled once here instead of in every reader's tab); a module not
   traced keeps its source, moved to one more zip that the page fetches only
   if such a module is imported (``learning_regions.inpage.deferred``:
   nothing a cell might still import is lost), unless its path is in
   ``drop`` (parts no widget can reach: plotly's trace types the widgets do
   not draw, the debugger, the REPL, ...);
3. the package's wheel also gets the chart layouts the widgets computed
   while traced (``widgets.figures.PREBUILT_LAYOUTS``), so that the page's
   first chart does not build a ``go.Figure`` for its layout.

The functions are plain Python so that the tests run them in CPython too.
"""

from __future__ import annotations

import base64
import hashlib
import json
import sys
import zipfile
from collections.abc import Iterable
from importlib._bootstrap_external import _code_to_timestamp_pyc  # the layout CPython writes

#: Docstrings and asserts are left out of the bytecode (-OO): the widgets never read them.
#: The page's Python runs with PYTHONOPTIMIZE=2 too (the worker), so that a
#: source it compiles itself (a deferred module) agrees: email.policy, compiled
#: with docstrings, failed on email._policybase compiled without.
OPTIMIZE = 2


def traced_files(modules: Iterable[object] | None = None) -> list[str]:
    """Files of the modules imported so far (``sys.modules``), sorted."""
    found = set()
    for module in list(modules if modules is not None else sys.modules.values()):
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            found.add(path)
    return sorted(found)


def exercise(widget: object, limit: int = 400, errors: list[BaseException] | None = None) -> int:
    """Work each control under ``widget`` once (the values a reader can reach),
    so that modules the callbacks import are traced too. Returns how many were
    moved; a callback's error is added to ``errors``."""
    moved, stack = 0, [widget]
    while stack and moved < limit:
        node = stack.pop()
        stack.extend(getattr(node, "children", ()) or ())
        try:
            moved += _move(node)
        except Exception as error:
            if errors is not None:
                errors.append(error)
            continue
    return moved


def _move(control: object) -> int:
    """Move one control (a widget with a value a reader can set); 0 for anything else."""
    import ipywidgets

    if not isinstance(control, ipywidgets.Widget):
        return 0
    options = getattr(control, "options", None)
    if options and isinstance(options, (tuple, list)):
        labels = getattr(control, "_options_values", None) or [o[1] if isinstance(o, tuple) else o for o in options]
        before = control.value
        for value in list(labels)[:6]:
            control.value = value
        control.value = before
        return 1
    if hasattr(control, "max") and hasattr(control, "min") and hasattr(control, "value"):
        before = control.value
        control.value = control.max
        control.value = control.min
        control.value = before
        return 1
    if type(control).__name__ == "Button":
        control.click()
        return 1
    if type(control).__name__ in {"Text", "Textarea"}:
        before = control.value
        control.value = before + " trace"
        control.value = before
        return 1
    if type(control).__name__ in {"Checkbox", "ToggleButton"}:
        control.value = not control.value
        control.value = not control.value
        return 1
    return 0


def rewrite_zip(
    source: str,
    target: str,
    prefix: str,
    traced: set[str],
    drop: tuple[str, ...] = (),
    deferred: zipfile.ZipFile | None = None,
    extra: dict[str, bytes] | None = None,
) -> dict:
    """Copy the zip ``source`` to ``target``: traced ``.py`` files (``prefix`` + name in
    ``traced``) become sourceless ``.pyc``; names starting with an entry of ``drop``
    are left out unless traced; other ``.py`` files go to ``deferred`` if given
    (learning_regions.inpage.deferred fetches it when one is imported); the
    rest is copied; ``extra`` (name -> bytes) is added. A wheel's RECORD is rewritten."""
    counts = {"compiled": 0, "kept": 0, "dropped": 0, "deferred": 0}
    record_lines: list[str] = []
    record_name = None
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:

        def write(zip_out: zipfile.ZipFile, name: str, data: bytes | str) -> None:
            zip_out.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)

        def keep(name: str, data: bytes) -> None:
            write(out, name, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            record_lines.append(f"{name},sha256={digest},{len(data)}")

        for info in zin.infolist():
            name = info.filename
            if name.endswith(".dist-info/RECORD"):
                record_name = name
                continue
            data = zin.read(info)
            if name.endswith(".py") and prefix + name in traced:
                code = compile(data, prefix + name, "exec", dont_inherit=True, optimize=OPTIMIZE)
                keep(name[:-3] + ".pyc", bytes(_code_to_timestamp_pyc(code, 0, 0)))
                counts["compiled"] += 1
            elif name.startswith(drop) and not name.endswith("/"):
                counts["dropped"] += 1
            elif deferred is not None and name.endswith(".py") and ".dist-info/" not in name:
                write(deferred, name, data)
                counts["deferred"] += 1
            else:
                keep(name, data)
                counts["kept"] += 1
        for name, data in (extra or {}).items():
            keep(name, data)
        if record_name:
            record_lines.append(f"{record_name},,")
            write(out, record_name, "\n".join(record_lines) + "\n")
    return counts


#: The widget modules the page's HTML manager can draw (its bundle): anything
#: else (anywidget's, which plotly's FigureWidget uses) would leave a blank.
DRAWN_MODULES = ("@jupyter-widgets/base", "@jupyter-widgets/controls", "@jupyter-widgets/output")
INSTEAD = {
    "anywidget": "plotly's FigureWidget (and any anywidget) needs a front end the book page does not carry: "
    "show a go.Figure in an Output instead (out = widgets.Output(); with out: fig.show()), "
    "and redraw it in the callback",
    "NameError": "a widget cell runs with the code cells above it on the page, in order: define or import "
    "the name in this cell or an earlier one",
}


def undrawable(widget: object) -> list[str]:
    """Widgets under ``widget`` whose front end the page's bundle lacks."""
    from learning_regions.inpage.tree import walk

    return sorted(
        {
            f"{type(w).__name__} ({w._model_module})"
            for w in walk(widget)
            if getattr(w, "_model_module", DRAWN_MODULES[0]) not in DRAWN_MODULES
        }
    )


def where(widget: dict) -> str:
    """The notebook and the widget's cell, counted from 1 as JupyterLab shows them
    (markdown cells included; the manifest's ``cell`` counts from 0)."""
    cell = widget.get("cell")
    return f"{widget.get('notebook', widget['page'])}, cell {cell + 1 if isinstance(cell, int) else '?'}"


def earlier_cell(widget: dict, index: int) -> str:
    """Where code cell ``index`` (from 0) of those the page runs before the widget
    is: the cell that raised first, as JupyterLab numbers it (markdown cells
    counted) when the manifest knows its place, then the widget's cell."""
    ran = len(widget["cells"])
    positions = widget.get("cell_indexes") or []
    number = positions[index] if index < len(positions) else None
    if isinstance(number, int):
        widget_cell = widget.get("cell")
        after = f", run before the widget in cell {widget_cell + 1}" if isinstance(widget_cell, int) else ""
        return f"{widget.get('notebook', widget['page'])}, cell {number + 1}{after}"
    return where(widget) + f" (code cell {index + 1} of the {ran} the page runs before it)"


def failure(widget: dict, error: BaseException | str) -> dict:
    """A widget the page could not build, said as a reader of the build log needs it."""
    from learning_regions.inpage.cells import CellError

    place = where(widget)
    if isinstance(error, CellError):
        ran = len(widget["cells"])
        if error.index < ran - 1:
            place = earlier_cell(widget, error.index)
        cause = error.error
        message = f"{type(cause).__name__}: {cause}" + (f" (line {error.line})" if error.line else "")
        hint = INSTEAD["anywidget"] if "anywidget" in str(cause) else INSTEAD.get(type(cause).__name__, "")
    else:
        message, hint = str(error), (INSTEAD["anywidget"] if "anywidget" in str(error) else "")
    return {"where": place, "message": message, "hint": hint}


def raised_in_widget(widget: dict, error: BaseException, when: str) -> dict:
    """A function the widget runs (``@interact``'s, a callback) raised: the cell
    and line it raised at, as a reader of the build log needs it."""
    from learning_regions.inpage.cells import line_in_cells

    found = line_in_cells(error)
    place = where(widget)
    ran = len(widget["cells"])
    if found and found[0] < ran - 1:
        place = earlier_cell(widget, found[0])
    at = f" (line {found[1]})" if found else ""
    message = f"{type(error).__name__}: {error}{at}, {when}"
    hint = (
        "a function the widget runs (@interact's, interactive_output's, a callback) raised; JupyterLab shows "
        "the same error under the widget, and readers would see it instead of its output: fix the function"
    )
    if type(error).__name__ in INSTEAD:
        hint += "; " + INSTEAD[type(error).__name__]
    return {"where": place, "message": message, "hint": hint}


def trace(widgets: list[dict]) -> tuple[list[str], list[dict]]:
    """Build every widget of the manifest as the book page does, work its
    controls, and return the files Python read and the widgets that failed."""
    import learning_regions.inpage.deferred
    from learning_regions import inpage

    inpage.install(lambda _text, _buffers: None)
    import learning_regions.widgets  # noqa: F401 - what the worker imports before the first widget
    from learning_regions.inpage.ipython import RAISED

    failures = []
    for widget in widgets:
        RAISED.clear()
        try:
            inpage.build(f"trace|{widget['key']}", widget["cells"])
        except Exception as error:
            failures.append(failure(widget, error))
            continue
        if RAISED:
            failures.append(raised_in_widget(widget, RAISED[0], "when the page first drew the widget"))
            continue
        root = inpage.SESSION.roots[f"trace|{widget['key']}"]
        missing = undrawable(root)
        if missing:
            failures.append(failure(widget, f"the page cannot draw {', '.join(missing)}: {INSTEAD['anywidget']}"))
            continue
        moved: list[BaseException] = []
        exercise(root, errors=moved)
        if RAISED or moved:
            failures.append(raised_in_widget(widget, (RAISED or moved)[0], "when the build moved its controls"))
    return traced_files(), failures


def main(request_json: str) -> str:
    """The entry ``precompile.mjs`` calls: trace, then rewrite each zip; returns a JSON report
    (with ``failures``, and nothing rewritten, when a widget could not be built)."""
    request = json.loads(request_json)
    traced_list, failures = trace(request["widgets"])
    if failures:
        return json.dumps({"failures": failures})
    traced = set(traced_list)
    from learning_regions.widgets import figures

    # The layouts the widgets computed while traced, for the page's wheel (figures.PREBUILT_LAYOUTS).
    computed = figures.computed_layouts()
    layouts = {"learning_regions/widgets/" + figures.PREBUILT_LAYOUTS: figures.prebuilt_file(computed).encode()}
    report = {"traced": len(traced), "zips": {}, "layouts": len(computed)}
    with zipfile.ZipFile(request["deferred"], "w", zipfile.ZIP_DEFLATED, compresslevel=9) as deferred:
        for job in request["zips"]:
            report["zips"][job["target"]] = rewrite_zip(
                job["source"],
                job["target"],
                job["prefix"],
                traced,
                tuple(job.get("drop", ())),
                deferred,
                layouts if job.get("layouts") else None,
            )
        report["deferred"] = sorted(deferred.namelist())
    return json.dumps(report)


__all__ = [
    "OPTIMIZE",
    "exercise",
    "failure",
    "where",
    "main",
    "raised_in_widget",
    "rewrite_zip",
    "trace",
    "traced_files",
    "undrawable",
]
