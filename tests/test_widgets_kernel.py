"""The four widget notebooks, run in a fresh kernel, then their widget driven there."""

from __future__ import annotations

import json
import textwrap

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT
from learning_regions.widgets.figures import PLOTLY_MIME as PLOTLY

KERNEL_CHECKS = {
    "pnc-readings.ipynb": """
        profiler.sliders["place"].value = 1
        profiler.load_text('{"case_id": "kent", "scores": {"place": 99}}')
        fig = profiler.output.outputs[0]["data"]["application/vnd.plotly.v1+json"]
        print(json.dumps({"place": fig["data"][1]["r"][0], "message": profiler.message}))
    """,
    "preface-network.ipynb": """
        explorer.follow("dessy")
        explorer.layer_boxes["place"].value = False
        fig = explorer.output.outputs[0]["data"]["application/vnd.plotly.v1+json"]
        print(json.dumps({"names": [t.get("name") for t in fig["data"]], "message": explorer.message}))
    """,
    "recipe-mixer.ipynb": """
        mixer.sliders["ict"].value = 4
        fig = mixer.output.outputs[0]["data"]["application/vnd.plotly.v1+json"]
        print(json.dumps({"names": [t.get("name") for t in fig["data"]], "text": mixer.explanation.value[:80]}))
    """,
    "classify-it.ipynb": """
        quiz.choice.value = quiz.quiz.current.answer
        quiz.check_button.click()
        fig = quiz.output.outputs[0]["data"]["application/vnd.plotly.v1+json"]
        print(json.dumps({"score": quiz.quiz.right, "bars": fig["data"][0]["y"]}))
    """,
}


@pytest.mark.notebooks
@pytest.mark.parametrize("name", sorted(KERNEL_CHECKS))
def test_widget_works_in_a_running_kernel(name):
    """Run the notebook in a fresh kernel, then drive its widget there."""
    path = ROOT / "notebooks" / name
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell("import json\n" + textwrap.dedent(KERNEL_CHECKS[name])))
    client = NotebookClient(
        notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()
    widget_views = [
        o
        for cell in notebook.cells
        for o in cell.get("outputs", [])
        if "application/vnd.jupyter.widget-view+json" in o.get("data", {})
    ]
    assert widget_views, f"{name} displays no widget"
    static = [
        o
        for cell in notebook.cells
        for o in cell.get("outputs", [])
        if PLOTLY in o.get("data", {}) or "text/html" in o.get("data", {})
    ]
    assert static, f"{name} has no kernel-free view"
    [stream] = [o for o in notebook.cells[-1].outputs if o.output_type == "stream"]
    result = json.loads(stream.text)
    if name == "pnc-readings.ipynb":
        assert result["place"] == 4 and "above" in result["message"]
    elif name == "preface-network.ipynb":
        assert "Place links" not in result["names"] and "Dessy Irawati: own path" in result["names"]
    elif name == "recipe-mixer.ipynb":
        assert "My city (yours)" in result["names"] and result["text"]
    else:
        assert result["score"] == 1 and sum(result["bars"]) == 1
