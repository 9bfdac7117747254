"""The kept answers on the Python side (learning_regions/inpage/session.py,
replay.py): only what a reader can do is logged and replayed; a log that
holds anything else, or fails, is set aside and the widget starts clean; an
upload keeps its effect, not its bytes. Run in CPython with a recording post.
(The page's half, and each defect in a real browser: test_student_work.py.)"""

from __future__ import annotations

import json
import re

import pytest

from learning_regions import inpage as pr
from learning_regions.inpage import protocol

PROFILER = ["from learning_regions.widgets import CaseProfiler", "profiler = CaseProfiler()\nprofiler"]
QUIZ = ["from learning_regions.widgets import ClassifyIt", "quiz = ClassifyIt()\nquiz"]
JENA = b'{"case_id": "jena", "scores": {"place": 0, "network": 1, "community": 2, "learning_region": 3}}'


def update(widget, state: dict, msg_id: str = "m") -> str:
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


def click(widget, msg_id: str = "c") -> str:
    return json.dumps(
        {
            "msg_type": "comm_msg",
            "header": {"msg_id": msg_id},
            "content": {"comm_id": widget.comm.comm_id, "data": {"method": "custom", "content": {"event": "click"}}},
        }
    )


def upload(widget, content: bytes, name: str = "jena.json") -> tuple[str, list]:
    """The message the page's FileUpload view sends (the file's bytes as a buffer)."""
    state = {
        "value": [{"name": name, "type": "application/json", "size": len(content), "last_modified": 1_700_000_000_000}]
    }
    return json.dumps(
        {
            "msg_type": "comm_msg",
            "header": {"msg_id": "u"},
            "content": {
                "comm_id": widget.comm.comm_id,
                "data": {"method": "update", "state": state, "buffer_paths": [["value", 0, "content"]]},
            },
        }
    ), [content]


def kept(sent) -> list:
    return [m for m in sent if m["msg_type"] == "lr_keep"][-1]["content"]["log"]


def path_of(root, widget) -> str:
    from learning_regions.inpage.tree import widget_path

    return widget_path(root, widget.model_id)


def test_an_upload_keeps_its_effect_not_its_bytes_and_the_same_file_loads_twice(sent):
    pr.build("p/1", PROFILER)
    root = pr.SESSION.roots["p/1"]
    pr.receive(update(root.case, {"index": [v for _l, v in root.case.options].index("oresund")}))
    pr.receive(*upload(root.upload, JENA))
    assert "Loaded a profile of Jena" in root.message
    assert root.upload.value == ()  # nothing of the file is held
    log = kept(sent)
    text = json.dumps(log)  # the log is plain JSON (it held a memoryview: issue 22, item 1)
    assert "content" not in text and "jena.json" not in text
    # The same file again, after a change: it loads again.
    pr.receive(update(root.sliders["place"], {"value": 4}))
    pr.receive(*upload(root.upload, JENA))
    assert root.sliders["place"].value == 0 and "Loaded a profile of Jena" in root.message
    # A reload: the loaded profile comes back, and later changes are kept too.
    pr.receive(update(root.sliders["network"], {"value": 4}))
    log = kept(sent)
    pr.SESSION.reset()
    result = pr.build("p/1", PROFILER, json.dumps(log))
    fresh = pr.SESSION.roots["p/1"]
    assert result["set_aside"] is None and result["restored"] == len(log)
    assert fresh.case.value == "jena"
    assert [fresh.sliders[d].value for d in ("place", "network", "community", "learning_region")] == [0, 4, 2, 3]


def planted(root, path: str, state: dict) -> list:
    return [{"path": path, "data": {"method": "update", "state": state}}]


@pytest.mark.parametrize(
    "make_log, reason",
    [
        (lambda root: [1, 2, 3], "not {path, data}"),
        (lambda root: [{"path": "1.0"}], "not {path, data}"),
        (lambda root: {"path": "1.0", "data": {}}, "not a list"),
        (lambda root: planted(root, "x.1", {"value": 1}), "not a widget's place"),
        (lambda root: planted(root, "99", {"value": 1}), "no widget at '99'"),
        (lambda root: planted(root, ".".join(["0"] * 40), {"value": 1}), "not a widget's place"),
        # What a reader cannot do: write markup into the status, the evidence table, an Output.
        (
            lambda root: planted(root, path_of(root, root.status), {"value": "<img src=x onerror=alert(1)>"}),
            "takes nothing",
        ),
        (lambda root: planted(root, path_of(root, root.evidence), {"value": "<script>x</script>"}), "takes nothing"),
        (lambda root: planted(root, path_of(root, root.output), {"outputs": []}), "takes nothing"),
        (
            lambda root: planted(root, path_of(root, root.sliders["place"]), {"value": 2, "description": "<b>x</b>"}),
            "takes only 'value'",
        ),
        (lambda root: planted(root, path_of(root, root.sliders["place"]), {"value": "<b>"}), "not a number"),
        (lambda root: planted(root, path_of(root, root.argument), {"value": "x" * 20_000}), "kept length"),
        (
            lambda root: [
                {"path": path_of(root, root.reset_button), "data": {"method": "custom", "content": {"event": "x"}}}
            ],
            "can only be clicked",
        ),
        (lambda root: planted(root, path_of(root, root.case), {"index": 999}), "replaying the entry"),
    ],
)
def test_a_log_a_reader_could_not_have_made_is_set_aside_and_the_widget_starts_clean(sent, make_log, reason):
    pr.build("p/1", PROFILER)
    log = make_log(pr.SESSION.roots["p/1"])
    before = {w: pr.SESSION.roots["p/1"].status.value for w in ("status",)}
    pr.SESSION.reset()
    result = pr.build("p/1", PROFILER, json.dumps(log))
    root = pr.SESSION.roots["p/1"]
    assert result["set_aside"] and reason in result["set_aside"], result
    assert result["restored"] == 0
    assert (
        root.status.value == before["status"]
        and "<img" not in root.evidence.value
        and "<script>" not in root.evidence.value
    )
    assert pr.SESSION.logs["p/1"] == []
    assert root.case.value == "jena"  # as the cells made it


def test_a_kept_log_that_is_not_json_or_nested_too_deep_is_set_aside(sent):
    for text in ("{not json", "[" * 20_000 + "]" * 20_000):
        result = pr.build("p/1", PROFILER, text)
        assert result["set_aside"] and result["restored"] == 0


def test_only_what_a_reader_does_is_logged(sent):
    pr.build("q/1", QUIZ)
    quiz = pr.SESSION.roots["q/1"]
    html = next(w for w in _walk(quiz) if type(w).__name__ == "HTML")
    pr.receive(update(html, {"value": "<b>typed by a script</b>"}))
    assert not [m for m in sent if m["msg_type"] == "lr_keep"], "an HTML widget's value was logged"
    choices = next(w for w in _walk(quiz) if type(w).__name__ == "RadioButtons")
    pr.receive(update(choices, {"index": 1}))
    assert kept(sent) == [{"path": path_of(quiz, choices), "data": {"method": "update", "state": {"index": 1}}}]


def test_a_text_too_long_to_keep_is_kept_empty(sent):
    pr.build("p/1", PROFILER)
    root = pr.SESSION.roots["p/1"]
    pr.receive(update(root.import_text, {"value": "short"}))
    pr.receive(update(root.import_text, {"value": "y" * (protocol.limit("kept_text_chars") + 1)}))
    assert kept(sent)[-1]["data"]["state"] == {"value": ""}
    assert len(json.dumps(kept(sent))) < 2_000


def test_a_lone_surrogate_typed_on_the_page_reaches_python_as_a_replacement_character(sent):
    pr.build("p/1", PROFILER)
    root = pr.SESSION.roots["p/1"]
    message = update(
        root.argument, {"value": "my \ud800 argument"}
    )  # json.dumps writes it as \\ud800, as the page does
    pr.receive(message)
    assert root.argument.value == "my \ufffd argument"
    pr.receive(update(root.sliders["place"], {"value": 1}))
    assert "Something went wrong" not in root.message


def test_the_quiz_s_kept_clicks_replay_to_the_same_score(sent):
    pr.build("q/1", QUIZ)
    quiz = pr.SESSION.roots["q/1"]
    choices = next(w for w in _walk(quiz) if type(w).__name__ == "RadioButtons")
    check = next(w for w in _walk(quiz) if type(w).__name__ == "Button" and "Check" in w.description)
    pr.receive(update(choices, {"index": 0}))
    pr.receive(click(check))
    texts = _texts(quiz)
    log = kept(sent)
    pr.SESSION.reset()
    assert pr.build("q/1", QUIZ, json.dumps(log))["set_aside"] is None
    assert _texts(pr.SESSION.roots["q/1"]) == texts


def _texts(widget) -> list[str]:
    """What the widget shows, but an export's id (random for each widget built)."""
    return [
        re.sub(r"%22export_id%22%3A%20%22[A-Za-z0-9_-]+%22", "%22export_id%22", w.value)
        for w in _walk(widget)
        if type(w).__name__ in ("HTML", "Label")
    ]


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from _walk(child)


def index_of(root, case_id: str) -> int:
    return [v for _l, v in root.case.options].index(case_id)


def shown(root) -> tuple:
    return root.case.value, [root.sliders[d].value for d in root.sliders], root.argument.value


def reloaded(sent, key: str = "p/1"):
    log = kept(sent)
    pr.SESSION.reset()
    result = pr.build(key, PROFILER, json.dumps(log))
    assert result["set_aside"] is None and result["restored"] == len(log), result
    return pr.SESSION.roots[key]


def test_each_cases_own_scores_come_back_after_a_reload(sent):
    pr.build("p/1", PROFILER)
    root = pr.SESSION.roots["p/1"]
    # The same score on both cases: a log kept only by last values would put it back in the wrong order.
    pr.receive(update(root.case, {"index": index_of(root, "oresund")}))
    pr.receive(update(root.sliders["place"], {"value": 0}))
    pr.receive(update(root.argument, {"value": "Oresund (¶11)."}))
    pr.receive(update(root.case, {"index": index_of(root, "kent")}))
    pr.receive(update(root.sliders["place"], {"value": 0}))
    pr.receive(update(root.sliders["network"], {"value": 4}))
    pr.receive(update(root.case, {"index": index_of(root, "oresund")}))
    before, exported = shown(root), json.loads(root.export_text.value)
    assert before[0] == "oresund" and before[1][0] == 0 and before[2] == "Oresund (¶11)."
    fresh = reloaded(sent)
    assert shown(fresh) == before and json.loads(fresh.export_text.value)["scores"] == exported["scores"]
    fresh.case.value = "kent"  # the other case's own scores are back too
    assert fresh.sliders["place"].value == 0 and fresh.sliders["network"].value == 4 and fresh.argument.value == ""


def test_a_load_and_its_undo_come_back_after_a_reload(sent):
    def work_then_load():
        pr.build("p/1", PROFILER)
        root = pr.SESSION.roots["p/1"]
        pr.receive(update(root.case, {"index": index_of(root, "oresund")}))
        pr.receive(update(root.sliders["community"], {"value": 4}))
        pr.receive(update(root.argument, {"value": "Mine."}))
        before = shown(root)
        pr.receive(*upload(root.upload, JENA))
        assert root.case.value == "jena" and "Undo loading" in root.message
        return root, before

    root, before = work_then_load()
    assert shown(reloaded(sent)) == shown(root)  # the load is kept, not the file
    pr.SESSION.reset()
    root, before = work_then_load()
    pr.receive(click(root.undo_button))
    assert shown(root) == before
    assert shown(reloaded(sent)) == before  # the fresh widget has no load to undo: the log says what it gave


def test_the_class_views_answers_come_back_without_the_files_a_reload_forgets(sent):
    cells = ["from learning_regions.classroom import ClassView", "view = ClassView()\nview"]
    pr.build("c/1", cells)
    view = pr.SESSION.roots["c/1"]
    from learning_regions.classroom import example_files

    view.add_files(example_files())  # as chosen files would: not kept
    pr.receive(update(view.chart_menu, {"index": 2}))
    pr.receive(update(view.projector, {"value": True}))
    assert view.loading.layout.display == "none"  # something to project
    log = kept(sent)
    old = [{"path": path_of(view, view.chart_menu), "data": {"method": "update", "state": {"index": 2}}}, *log]
    for kept_log in (log, old):  # an older log holding the chart menu too
        pr.SESSION.reset()
        result = pr.build("c/1", cells, json.dumps(kept_log))
        fresh = pr.SESSION.roots["c/1"]
        assert result["set_aside"] is None, result  # the chart menu's choice no longer fails with no files
        assert fresh.projector.value is True and fresh.loading.layout.display is None
        assert "No files yet" in fresh.message and "choose them again" in fresh.message
