"""The idioms the ipywidgets and plotly docs teach work on the book page as in
JupyterLab (learning_regions.inpage, run in CPython here): ``@interact``,
``interact(f, ...)``, ``interactive_output`` shown with ``display``,
``print`` and ``fig.show()`` inside an Output; and what cannot work is said
with its notebook, cell and what to write instead (the build's trace).

The widget scenarios run in a fresh interpreter each, as the page's Python
starts: a test worker that has imported the real IPython (the notebook and
kernel tests do) would hand ipywidgets the real ``display``, which the page
never has."""

from __future__ import annotations

import json

import pytest

from companion_tools.sphinx.inpage import trace
from learning_regions import inpage

PAGE = """
import json, sys
from learning_regions import inpage
from learning_regions.inpage.tree import walk
inpage.install(lambda text, buffers: None)

def outputs_of(root):
    return [o for w in walk(root) if type(w).__name__ == "Output" for o in w.outputs]

def change(widget, value):
    inpage.receive(json.dumps({"msg_type": "comm_msg", "header": {"msg_id": "m"}, "content": {
        "comm_id": widget.comm.comm_id, "data": {"method": "update", "state": {"value": value}, "buffer_paths": []}}}))

def figures(root):
    return [o["data"]["application/vnd.plotly.v1+json"]["data"][0]["y"] for o in outputs_of(root)
            if "application/vnd.plotly.v1+json" in o.get("data", {})]

CELLS = json.loads(sys.argv[1])
inpage.build("p/1", CELLS)
root = inpage.SESSION.roots["p/1"]
seen = {"root": type(root).__name__, "children": [type(c).__name__ for c in getattr(root, "children", ())],
        "outputs": outputs_of(root), "figures": figures(root)}
slider = next((w for w in walk(root) if type(w).__name__ == "IntSlider"), None)
if slider is not None:
    change(slider, 3)
    seen["after_change"] = outputs_of(root)
print(json.dumps(seen))
"""


def on_the_page(cells: list[str]) -> dict:
    """Build a widget from ``cells`` as the page's Python does, in a fresh interpreter."""
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-c", PAGE, json.dumps(cells)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_interact_as_a_decorator_shows_its_controls_and_what_the_function_prints_and_shows():
    seen = on_the_page(
        [
            "from ipywidgets import interact\nimport plotly.graph_objects as go",
            "@interact(n=(1, 5))\ndef square(n=2):\n    print(n * n)\n    go.Figure(go.Bar(y=[n])).show()",
        ]
    )
    assert seen["root"] == "interactive"
    assert {"output_type": "stream", "name": "stdout", "text": "4\n"} in seen["outputs"]
    assert seen["figures"] == [[2]]
    assert {"output_type": "stream", "name": "stdout", "text": "9\n"} in seen["after_change"]


def test_interact_called_on_a_function_shows_the_same():
    seen = on_the_page(["from ipywidgets import interact", "interact(lambda word='a': print(word * 2))"])
    assert {"output_type": "stream", "name": "stdout", "text": "aa\n"} in seen["outputs"]


def test_interactive_output_shown_with_display_stacks_the_controls_and_the_output():
    seen = on_the_page(
        [
            "import ipywidgets as w\nfrom IPython.display import display",
            "a = w.IntSlider(value=3)\ndef f(a):\n    print('a is', a)\n"
            "out = w.interactive_output(f, {'a': a})\ndisplay(a, out)",
        ]
    )
    assert seen["children"] == ["IntSlider", "Output"]
    assert seen["outputs"] == [{"output_type": "stream", "name": "stdout", "text": "a is 3\n"}]


def test_fig_show_and_display_inside_an_output_draw_the_figure():
    seen = on_the_page(
        [
            "import ipywidgets as w, plotly.graph_objects as go\nfrom IPython.display import display",
            "out = w.Output()\nwith out:\n    go.Figure(go.Bar(y=[1])).show()\n"
            "    display(go.Figure(go.Bar(y=[2])))\nout",
        ]
    )
    assert seen["figures"] == [[1], [2]]


def test_a_cell_that_shows_no_widget_is_said_plainly(sent):
    with pytest.raises(TypeError, match="shows no widget"):
        inpage.build("p/5", ["x = 1", "x + 1"])


def test_a_name_from_no_earlier_cell_is_said_with_its_cell_line_and_what_to_do(sent):
    widget = {
        "page": "notebooks/mine",
        "notebook": "notebooks/mine.ipynb",
        "cell": 7,
        "key": "mine/2",
        "cells": ["x = 1", "y = 2\ninteract(lambda n: n, n=3)"],
    }
    with pytest.raises(inpage.CellError) as raised:
        inpage.build("p/6", widget["cells"])
    said = trace.failure(widget, raised.value)
    assert said["where"] == "notebooks/mine.ipynb, cell 8"  # index 7, counted from 1 as JupyterLab shows it
    assert said["message"] == "NameError: name 'interact' is not defined (line 2)"
    assert "earlier one" in said["hint"]


def test_an_error_in_an_earlier_cell_names_that_cell(sent):
    widget = {
        "page": "notebooks/mine",
        "notebook": "notebooks/mine.ipynb",
        "cell": 9,
        "key": "mine/3",
        "cells": ["import not_a_module_here", "1"],
    }
    with pytest.raises(inpage.CellError) as raised:
        inpage.build("p/7", widget["cells"])
    said = trace.failure(widget, raised.value)
    assert "code cell 1 of the 2" in said["where"] and said["message"].startswith("ModuleNotFoundError")


def mine(*cells: str) -> dict:
    return {
        "page": "notebooks/mine",
        "notebook": "notebooks/mine.ipynb",
        "cell": 5,
        "key": "mine/9",
        "cells": list(cells),
    }


TRACE = """
import json, sys
from companion_tools.sphinx.inpage import trace
print(json.dumps(trace.trace(json.loads(sys.argv[1]))[1]))
"""


def traced(*widgets: dict) -> list[dict]:
    """The build's trace of ``widgets`` (their failures), in a fresh interpreter as the page's Python starts."""
    import subprocess
    import sys

    run = subprocess.run(
        [sys.executable, "-c", TRACE, json.dumps(widgets)], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_an_error_inside_an_interact_function_stops_the_build_with_its_cell_and_line():
    """JupyterLab shows it under the widget and runs on; the book's build passed
    and readers met the NameError only after going live."""
    widget = mine(
        "from ipywidgets import interact\nnames = {1: 'a'}", "@interact(c=(1, 3))\ndef f(c=1):\n    print(nmes[c])"
    )
    [said] = traced(widget)
    assert said["where"] == "notebooks/mine.ipynb, cell 6"
    assert said["message"] == "NameError: name 'nmes' is not defined (line 3), when the page first drew the widget"
    assert "@interact" in said["hint"] and "earlier one" in said["hint"]


def test_an_error_a_control_brings_out_stops_the_build_too():
    widget = mine("from ipywidgets import interact", "@interact(c=(1, 3))\ndef f(c=1):\n    print(10 // (c - 3))")
    [said] = traced(widget)
    assert said["message"].startswith("ZeroDivisionError") and said["message"].endswith(
        "when the build moved its controls"
    )


def test_a_widget_whose_functions_run_cleanly_is_no_failure():
    widget = mine("from ipywidgets import interact", "@interact(c=(1, 3))\ndef f(c=1):\n    print(10 // c)")
    assert traced(widget) == []


def test_a_widget_the_page_cannot_draw_is_found(sent):
    import ipywidgets
    from traitlets import Unicode

    class Foreign(ipywidgets.DOMWidget):
        _model_module = Unicode("anywidget").tag(sync=True)

    box = ipywidgets.VBox([ipywidgets.IntSlider(), Foreign()])
    assert trace.undrawable(box) == ["Foreign (anywidget)"]
    assert trace.undrawable(ipywidgets.VBox([ipywidgets.IntSlider()])) == []


def test_failures_are_said_cause_first_one_paragraph_each():
    from companion_tools.sphinx.inpage.runtime import failures_said

    text = failures_said(
        [{"where": "notebooks/a.ipynb, cell 3", "message": "NameError: name 'x' is not defined", "hint": "define it"}]
    )
    first, second = text.splitlines()[1:3]
    assert first == "- notebooks/a.ipynb, cell 3: NameError: name 'x' is not defined"
    assert second.strip() == "What to do: define it."


@pytest.mark.site
def test_the_build_stops_on_a_broken_widget_cell_with_the_notebook_cell_and_cause(built_site, tmp_path):
    """The book's own build route: the page's Python (Pyodide under Node) builds
    the widget as the page would, and the build error says where, cause first."""
    import shutil

    from companion_tools.sphinx import pyodide
    from companion_tools.sphinx.inpage import runtime

    staged = built_site.parent / pyodide.STAGED
    if not (staged / "pyodide-lock.json").is_file():
        pytest.fail(f"{staged} is missing: the build stages it (make book)")
    work = tmp_path / "work"
    shutil.copytree(staged, work)
    broken = {
        "page": "notebooks/mine",
        "notebook": "notebooks/mine.ipynb",
        "cell": 4,
        "key": "mine/1",
        "cells": ["import ipywidgets as w", "w.IntSlider()", "interact(lambda n: n, n=3)"],
    }
    with pytest.raises(runtime.RuntimeBuildError) as raised:
        runtime.write_page_lock(work, tmp_path / "cache", [broken])
    said = str(raised.value)
    assert said.splitlines()[1] == "- notebooks/mine.ipynb, cell 5: NameError: name 'interact' is not defined (line 1)"
    assert "Traceback" not in said and "pyodide.asm" not in said
