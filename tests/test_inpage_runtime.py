"""The Python side of the live widgets on book pages (learning_regions/inpage/),
run in CPython with a recording ``post`` in place of the worker's postMessage."""

from __future__ import annotations

import json
import re

from learning_regions import inpage as pr
from learning_regions import loader
from learning_regions.inpage.session import compact
from learning_regions.inpage.tree import walk, widget_at

PROFILER_CELLS = ["from learning_regions.widgets import CaseProfiler", "profiler = CaseProfiler()\nprofiler"]


def page_update(widget, state: dict, msg_id: str = "m1") -> str:
    return json.dumps(
        {
            "msg_type": "comm_msg",
            "header": {"msg_id": msg_id},
            "content": {
                "comm_id": widget.comm.comm_id,
                "data": {"method": "update", "state": state, "buffer_paths": []},
            },
        }
    )


def test_the_page_trusts_its_data_folder(sent):
    assert loader.RECHECK_AFTER_S == float("inf")


def test_run_cells_returns_the_last_expression():
    namespace: dict = {}
    assert pr.run_cells(["x = 2", "y = x * 3\ny + 1"], namespace).value == 7
    assert pr.run_cells(["z = 1"], namespace).value is None


def test_widgets_open_with_protocol_2_and_the_built_widget_is_named(sent):
    result = pr.build("p/5", PROFILER_CELLS)
    opens = [m for m in sent if m["msg_type"] == "comm_open"]
    assert opens and all(m["metadata"]["version"].startswith("2.") for m in opens)
    assert result["model_id"] in {m["content"]["comm_id"] for m in opens}
    assert all(m["content"]["target_name"] == "jupyter.widget" for m in opens)


def test_a_change_from_the_page_runs_the_callback_and_is_kept(sent):
    pr.build("p/5", PROFILER_CELLS)
    root = pr.SESSION.roots["p/5"]
    slider = widget_at(root, "1.0")
    before = root.figure.to_json()
    sent.clear()
    pr.receive(page_update(slider, {"value": 1}))
    assert slider.value == 1
    assert root.figure.to_json() != before, "the chart did not change"
    replies = [m for m in sent if m["msg_type"] == "comm_msg"]
    assert replies and all(m["parent_header"] == {"msg_id": "m1"} for m in replies)
    assert not any(m["content"]["data"].get("method") == "echo_update" for m in replies)
    kept = [m for m in sent if m["msg_type"] == "lr_keep"][-1]["content"]
    assert kept["key"] == "p/5" and kept["log"][-1]["path"] == "1.0"


def test_a_kept_log_restores_the_reader_s_work_on_a_fresh_widget(sent):
    pr.build("p/5", PROFILER_CELLS)
    root = pr.SESSION.roots["p/5"]
    oresund = [value for _label, value in root.case.options].index("oresund")
    pr.receive(page_update(root.case, {"index": oresund}, "a"))  # selections sync their index
    assert root.case.value == "oresund"
    pr.receive(page_update(widget_at(root, "1.2"), {"value": 4}, "b"))
    pr.receive(page_update(root.argument, {"value": "The bridge builds a community (¶11)."}, "c"))
    log = [m for m in sent if m["msg_type"] == "lr_keep"][-1]["content"]["log"]
    pr.SESSION.reset()
    sent.clear()
    result = pr.build("p/5", PROFILER_CELLS, json.dumps(log))
    fresh = pr.SESSION.roots["p/5"]
    assert fresh is not root and result["set_aside"] is None and result["restored"] == len(log)
    assert fresh.case.value == "oresund"
    assert widget_at(fresh, "1.2").value == 4
    assert fresh.argument.value.startswith("The bridge")
    # The page is told the restored values (Python does not echo what it thinks the page sent).
    told = [
        m["content"]["data"]["state"]
        for m in sent
        if m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == fresh.argument.model_id
    ]
    assert any(s.get("value", "").startswith("The bridge") for s in told)


def test_the_quiz_score_survives_through_its_clicks(sent):
    cells = ["from learning_regions.widgets import ClassifyIt", "quiz = ClassifyIt()\nquiz"]
    pr.build("c/5", cells)
    quiz = pr.SESSION.roots["c/5"]
    buttons = [w for w in _walk(quiz) if type(w).__name__ == "Button"]
    choices = next(w for w in _walk(quiz) if type(w).__name__ in ("RadioButtons", "ToggleButtons"))
    pr.receive(page_update(choices, {"index": 0}, "a"))
    check = next(b for b in buttons if "Check" in b.description)
    pr.receive(
        json.dumps(
            {
                "msg_type": "comm_msg",
                "header": {"msg_id": "b"},
                "content": {"comm_id": check.comm.comm_id, "data": {"method": "custom", "content": {"event": "click"}}},
            }
        )
    )
    score_text = _texts(quiz)
    log = [m for m in sent if m["msg_type"] == "lr_keep"][-1]["content"]["log"]
    pr.SESSION.reset()
    pr.build("c/5", cells, json.dumps(log))
    assert _texts(pr.SESSION.roots["c/5"]) == score_text


def test_compact_keeps_the_last_value_and_every_click():
    click = {"path": "3", "data": {"method": "custom", "content": {"event": "click"}}}
    log = [
        {"path": "1", "data": {"method": "update", "state": {"value": 1}}},
        {"path": "1", "data": {"method": "update", "state": {"value": 2}}},
        click,
        {"path": "1", "data": {"method": "update", "state": {"value": 3}}},
        click,
    ]
    assert compact(log) == [log[1], click, log[3], click]


def test_ipywidgets_imports_without_ipython_jedi_or_prompt_toolkit():
    """In a fresh interpreter, as in the page: the stand-in is used, the real IPython never loads."""
    import subprocess
    import sys

    code = (
        "import sys, json; from learning_regions import inpage as pr; pr.install(lambda *a: None); "
        "import ipywidgets, plotly.graph_objects; from learning_regions.widgets import CaseProfiler; CaseProfiler(); "
        "print(json.dumps([getattr(sys.modules['IPython'], '__file__', None), "
        "[m for m in ('jedi', 'prompt_toolkit', 'IPython.core.interactiveshell') if m in sys.modules and "
        "getattr(sys.modules[m], '__file__', None)]]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    ipython_file, loaded = json.loads(out.strip().splitlines()[-1])
    assert ipython_file is None and loaded == []


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from _walk(child)


def _texts(widget) -> list[str]:
    """What the widget shows; an export's id is random for each widget built (it tells
    apart two unnamed students' identical exports), so it is left out."""
    return [
        re.sub(r"%22export_id%22%3A%20%22[A-Za-z0-9_-]+%22", "%22export_id%22", w.value)
        for w in _walk(widget)
        if type(w).__name__ in ("HTML", "Label")
    ]


def test_a_page_that_leaves_has_its_widgets_closed_and_no_other(sent):
    """One Python serves every widget page of a visit (live-worker.js gives
    each page a key prefix): a page that goes away takes only its own widgets."""
    from ipywidgets.widgets.widget import _instances

    alive_before = set(_instances)
    pr.build("client-1|p/5", PROFILER_CELLS)
    alive_one_page = set(_instances) - alive_before
    pr.build("client-2|p/5", PROFILER_CELLS)
    leaving = pr.SESSION.roots["client-1|p/5"]
    staying = pr.SESSION.roots["client-2|p/5"]
    pr.receive(page_update(widget_at(leaving, "1.0"), {"value": 1}))
    assert pr.forget("client-1|") == 1
    assert list(pr.SESSION.roots) == ["client-2|p/5"] and "client-1|p/5" not in pr.SESSION.logs
    assert leaving.comm is None and all(w.comm is None for w in walk(leaving))
    # Every widget the page had is gone, Layouts and Styles too: one Python
    # serves the whole visit, and a widget left behind would stay for good.
    assert len(set(_instances) - alive_before) == len(alive_one_page)
    assert staying.comm is not None
    sent.clear()
    pr.receive(page_update(widget_at(staying, "1.0"), {"value": 2}))
    kept = [m for m in sent if m["msg_type"] == "lr_keep"]
    assert kept and kept[-1]["content"]["key"] == "client-2|p/5"
    assert pr.forget("client-9|") == 0
    assert pr.forget("client-2|") == 1
    assert set(_instances) - alive_before == set()


def test_widgets_a_callback_makes_go_with_their_page(sent):
    """A change can make new widgets (a new list of buttons, a new layout):
    they belong to the page whose widget changed, and leave with it."""
    from ipywidgets.widgets.widget import _instances

    cells = [
        "import ipywidgets\nbox = ipywidgets.VBox()\nslider = ipywidgets.IntSlider()\n"
        "slider.observe(lambda change: setattr(box, 'children', [ipywidgets.HTML(str(change['new']))]), 'value')\n"
        "ipywidgets.VBox([slider, box])"
    ]
    alive_before = set(_instances)
    pr.build("client-1|made/1", cells)
    slider = widget_at(pr.SESSION.roots["client-1|made/1"], "0")
    pr.receive(page_update(slider, {"value": 3}))
    made_later = set(_instances) - alive_before - pr.SESSION.owned["client-1|made/1"]
    assert made_later == set(), "a widget made by the callback is not counted as the page's"
    pr.forget("client-1|")
    assert set(_instances) - alive_before == set()
