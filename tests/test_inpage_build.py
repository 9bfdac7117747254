"""The book build's half of the in-page widgets (companion_tools/sphinx/inpage/): the manifest,
and the pre-compiled runtime (runtime.py, trace.py).

The module runs inside Pyodide at build time; here it runs in CPython, which
writes bytecode for its own version: the logic (what is compiled, kept,
dropped; a RECORD that matches) is the same.
"""

from __future__ import annotations

import base64
import hashlib
import importlib
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import ipywidgets

from companion_tools.sphinx.inpage import bundle, manifest, runtime
from companion_tools.sphinx.inpage import trace as precompile


def make_wheel(path: Path) -> Path:
    files = {
        "demo/__init__.py": "from .used import answer\n",
        "demo/used.py": "def answer():\n    '''A docstring -OO drops.'''\n    return 42\n",
        "demo/unused.py": "VALUE = 1\n",
        "demo/extra/big.py": "BIG = 2\n",
        "demo/data.json": "{}",
        "demo-1.0.dist-info/METADATA": "Name: demo\nVersion: 1.0\n",
        "demo-1.0.dist-info/RECORD": "",
    }
    with zipfile.ZipFile(path, "w") as out:
        for name, text in files.items():
            out.writestr(name, text)
    return path


def test_traced_modules_become_sourceless_bytecode_and_the_rest_follows_the_rules(tmp_path):
    wheel = make_wheel(tmp_path / "demo-1.0-py3-none-any.whl")
    target = tmp_path / "out.whl"
    prefix = "/site/"
    traced = {prefix + "demo/__init__.py", prefix + "demo/used.py"}
    counts = precompile.rewrite_zip(str(wheel), str(target), prefix, traced, drop=("demo/extra/",))
    assert counts == {"compiled": 2, "kept": 3, "dropped": 1, "deferred": 0}
    names = set(zipfile.ZipFile(target).namelist())
    assert {"demo/__init__.pyc", "demo/used.pyc", "demo/unused.py", "demo/data.json"} <= names
    assert "demo/used.py" not in names and "demo/extra/big.py" not in names

    # The copy imports without its sources (zipimport reads sourceless .pyc).
    sys.path.insert(0, str(target))
    try:
        demo = importlib.import_module("demo")
        assert demo.answer() == 42
        assert demo.used.__file__.endswith("used.pyc")
        assert demo.answer.__doc__ is None  # compiled with -OO
        assert importlib.import_module("demo.unused").VALUE == 1
    finally:
        sys.path.remove(str(target))
        for name in [m for m in sys.modules if m == "demo" or m.startswith("demo.")]:
            del sys.modules[name]


def test_untraced_sources_move_to_the_deferred_zip_and_import_from_it_when_asked(tmp_path):
    """The page's lean copy has only what was traced; an untraced module still
    imports, from the deferred zip, which is fetched on that first import only."""
    from learning_regions.inpage.deferred import DeferredSources

    target, deferred_zip = tmp_path / "out.whl", tmp_path / "deferred.zip"
    with zipfile.ZipFile(deferred_zip, "w") as deferred:
        counts = precompile.rewrite_zip(
            str(make_wheel(tmp_path / "demo-1.0-py3-none-any.whl")),
            str(target),
            "/site/",
            {"/site/demo/__init__.py", "/site/demo/used.py"},
            ("demo/extra/",),
            deferred,
        )
    assert counts == {"compiled": 2, "kept": 2, "dropped": 1, "deferred": 1}
    assert "demo/unused.py" not in zipfile.ZipFile(target).namelist()
    files = zipfile.ZipFile(deferred_zip).namelist()
    assert files == ["demo/unused.py"]

    fetched = []

    def fetch():
        fetched.append(1)
        return deferred_zip.read_bytes()

    finder = DeferredSources(files, fetch, where=str(tmp_path / "fetched.zip"))
    sys.path.insert(0, str(target))
    sys.meta_path.append(finder)
    try:
        demo = importlib.import_module("demo")
        assert demo.answer() == 42 and not fetched  # what was traced needs no fetch
        try:
            importlib.import_module("demo.absent")
        except ModuleNotFoundError:
            pass
        assert not fetched  # a module in neither zip fetches nothing
        assert importlib.import_module("demo.unused").VALUE == 1
        assert fetched == [1]
    finally:
        sys.path.remove(str(target))
        sys.meta_path.remove(finder)
        for name in [m for m in sys.modules if m == "demo" or m.startswith("demo.")]:
            del sys.modules[name]


def test_a_deferred_zip_that_cannot_be_fetched_fails_the_import_as_usual(tmp_path):
    from learning_regions.inpage.deferred import DeferredSources

    def offline():
        raise OSError("the network is down")

    finder = DeferredSources(["nowhere_module.py"], offline, where=str(tmp_path / "fetched.zip"))
    sys.meta_path.append(finder)
    try:
        for _ in range(2):
            try:
                importlib.import_module("nowhere_module")
            except ModuleNotFoundError:
                pass
            else:
                raise AssertionError("imported a module that could not be fetched")
        assert finder.failure == "OSError: the network is down"
    finally:
        sys.meta_path.remove(finder)


def test_the_rewritten_record_matches_every_file(tmp_path):
    target = tmp_path / "out.whl"
    precompile.rewrite_zip(
        str(make_wheel(tmp_path / "demo-1.0-py3-none-any.whl")), str(target), "/s/", {"/s/demo/used.py"}
    )
    with zipfile.ZipFile(target) as wheel:
        record = wheel.read("demo-1.0.dist-info/RECORD").decode().splitlines()
        listed = {line.split(",")[0]: line.split(",")[1] for line in record}
        assert set(listed) == set(wheel.namelist())
        for name, digest in listed.items():
            if name.endswith("RECORD"):
                continue
            actual = base64.urlsafe_b64encode(hashlib.sha256(wheel.read(name)).digest()).rstrip(b"=").decode()
            assert digest == f"sha256={actual}", name


def test_a_traced_file_is_kept_even_where_the_rules_drop(tmp_path):
    target = tmp_path / "out.whl"
    counts = precompile.rewrite_zip(
        str(make_wheel(tmp_path / "w.whl")), str(target), "/s/", {"/s/demo/extra/big.py"}, drop=("demo/",)
    )
    assert counts["compiled"] == 1
    assert "demo/extra/big.pyc" in zipfile.ZipFile(target).namelist()
    assert "demo/unused.py" not in zipfile.ZipFile(target).namelist()


def test_exercise_moves_every_kind_of_control_and_restores_its_value():
    seen = []
    slider = ipywidgets.IntSlider(value=3, min=0, max=10)
    dropdown = ipywidgets.Dropdown(options=["a", "b", "c"], value="b")
    text = ipywidgets.Textarea(value="mine")
    button = ipywidgets.Button(description="go")
    button.on_click(lambda _b: seen.append("click"))
    slider.observe(lambda change: seen.append(change["new"]), names="value")
    box = ipywidgets.VBox([ipywidgets.HBox([slider, dropdown]), text, button])
    assert precompile.exercise(box) == 4
    assert [v for v in seen if v != "click"] == [10, 0, 3] and "click" in seen
    assert (slider.value, dropdown.value, text.value) == (3, "b", "mine")


TRACE_ONE = """
import json, sys
from companion_tools.sphinx.inpage import trace
print(json.dumps(trace.trace(json.loads(sys.argv[1]))[1]))
"""


def test_a_function_that_raises_in_an_earlier_cell_is_named_by_that_cell_as_jupyterlab_counts_it():
    """A lecturer read "cell 4 ... (line 12)" for a helper that raised in cell 3:
    the build names the cell that raised first, numbered as JupyterLab shows it.
    (Traced in a fresh Python, as the build traces: ipywidgets not yet imported.)"""
    cells = [
        "from ipywidgets import interact\nd = {'a': 1}",
        "def helper(k):\n    x = 1\n    return d[k]",
        "@interact(k=['a', 'b'])\ndef show(k='b'):\n    print(helper(k))",
    ]
    widget = {"key": "t/1", "page": "notebooks/t", "notebook": "notebooks/t.ipynb", "cell": 4, "cells": cells}

    def traced(one: dict) -> dict:
        run = subprocess.run(
            [sys.executable, "-c", TRACE_ONE, json.dumps([one])], capture_output=True, text=True, check=True
        )
        [failed] = json.loads(run.stdout.strip().splitlines()[-1])
        return failed

    failed = traced({**widget, "cell_indexes": [1, 3, 4]})
    assert failed["where"] == "notebooks/t.ipynb, cell 4, run before the widget in cell 5"
    assert failed["message"].startswith("KeyError: 'b' (line 3)")
    # A manifest written before cell_indexes: the code cell, counted among those run.
    assert traced(widget)["where"] == "notebooks/t.ipynb, cell 5 (code cell 2 of the 3 the page runs before it)"


def test_traced_files_lists_only_python_sources():
    fake = [type("M", (), {"__file__": "/x/a.py"}), type("M", (), {"__file__": "/x/b.so"}), type("M", (), {})]
    assert precompile.traced_files(fake) == ["/x/a.py"]


def test_the_manifest_merges_the_pages_of_the_book_and_forgets_a_page_that_went(tmp_path):
    cells = ["import x", "x.Widget()"]
    one = [
        {"page": "notebooks/one", "key": "one/2", "cells": cells, "static_view": True},
        {"page": "notebooks/one", "key": "one/4", "cells": cells + ["y"], "static_view": False},
    ]
    manifest.record_page(tmp_path, "notebooks/one", one)
    manifest.record_page(tmp_path, "notebooks/gone", [{**one[0], "page": "notebooks/gone", "key": "gone/1"}])
    manifest.record_page(tmp_path, "notebooks/plain", [])
    manifest.write(tmp_path, ["notebooks/one", "notebooks/plain", "book/index"])
    assert manifest.read(tmp_path) == one
    manifest.record_page(tmp_path, "notebooks/one", [])  # the page no longer has a widget
    manifest.write(tmp_path, ["notebooks/one"])
    assert manifest.read(tmp_path) == []


def test_the_built_manifest_names_every_widget_container_of_the_site(built_site):
    widgets = manifest.read(built_site.parent)
    assert widgets, "the build wrote no manifest of its widgets"
    on_pages = {}
    for page in built_site.glob("notebooks/*.html"):
        text = page.read_text(encoding="utf-8")
        for key in text.split('data-inpage-widget="')[1:]:
            on_pages[key.split('"', 1)[0]] = f"notebooks/{page.stem}"
    assert {w["key"]: w["page"] for w in widgets} == on_pages


def test_page_closure_follows_the_locks_dependencies():
    lock = {
        "packages": {
            "learning-regions": {"depends": ["ipywidgets", "plotly"]},
            "ipywidgets": {"depends": ["traitlets"]},
            "traitlets": {"depends": []},
            "plotly": {"depends": ["narwhals"]},
            "narwhals": {},
            "jedi": {},
        }
    }
    assert runtime.page_closure(lock) == ["ipywidgets", "learning-regions", "narwhals", "plotly", "traitlets"]


def test_the_built_page_lock_points_at_precompiled_files_that_exist(built_site):
    folder = built_site / runtime.RUNTIME_DIR
    lock = json.loads((folder / runtime.PAGE_LOCK).read_text())
    stdlib = lock["info"]["lr_stdlib"]
    assert (folder / stdlib).is_file()
    lean = set(zipfile.ZipFile(folder / stdlib).namelist())
    assert any(n.endswith(".pyc") for n in lean)
    deferred = lock["info"]["lr_deferred"]
    files = zipfile.ZipFile(folder / deferred["file"]).namelist()
    assert sorted(files) == deferred["files"] and any(n.startswith("email/") for n in files)
    assert not lean & set(files)  # each source is in one place only
    for name in runtime.page_closure(lock):
        entry = lock["packages"][name]
        assert "-1pyc-" in entry["file_name"], name
        wheel = folder / entry["file_name"]
        assert hashlib.sha256(wheel.read_bytes()).hexdigest() == entry["sha256"], name


def test_the_built_page_wheel_carries_the_layouts_the_widgets_compute(built_site):
    """The layouts written at build time are the ones this code computes (so
    the page's first chart can skip building a go.Figure without changing it).
    The wheel carries the site's data: the same as data/. After a rebuild that
    only swapped new data in, the layouts still name the data they were computed
    from, and the page computes its own (test_layouts_computed_from_other_data_are_not_used)."""
    from learning_regions.widgets import figures, profiler, recipe

    folder = built_site / runtime.RUNTIME_DIR
    lock = json.loads((folder / runtime.PAGE_LOCK).read_text())
    wheel = zipfile.ZipFile(folder / lock["packages"]["learning-regions"]["file_name"])
    carried = sorted(n for n in wheel.namelist() if n.startswith("learning_regions/_data/") and not n.endswith("/"))
    digest = hashlib.sha256()
    for name in carried:
        digest.update(name.rsplit("/", 1)[1].encode("utf-8") + b"\0" + wheel.read(name))
    assert digest.hexdigest()[:16] == figures.data_fingerprint(), "the page's wheel carries other data than data/"
    written = json.loads(wheel.read("learning_regions/widgets/" + figures.PREBUILT_LAYOUTS))
    if written["data"] != figures.data_fingerprint():
        return  # a data-only rebuild: the page ignores these layouts and computes its own
    prebuilt = written["layouts"]
    for layout in (recipe.RECIPE_LAYOUT, profiler.PROFILE_LAYOUT):
        key = next(k for k in prebuilt if k.startswith(layout.name + "["))
        args = json.loads(key[len(layout.name) :])
        assert json.loads(prebuilt[key]) == json.loads(
            layout.compute(*[tuple(a) if isinstance(a, list) else a for a in args])
        )


def test_layouts_computed_from_other_data_are_not_used(monkeypatch, tmp_path):
    """After a data edit the build keeps the pre-compiled code and swaps the data
    in: layouts computed from the old data are ignored, not drawn."""
    from learning_regions.widgets import figures

    other = {"data": "0" * 16, "layouts": {"x[]": '{"stale": true}'}}
    current = json.loads(figures.prebuilt_file({"x[]": '{"fresh": true}'}))
    for written, expected in ((other, None), (current, '{"fresh": true}')):
        monkeypatch.setattr(figures, "_layouts", {})
        monkeypatch.setattr(figures, "_prebuilt_read", False)
        monkeypatch.setattr(
            figures.importlib.resources,
            "files",
            lambda _package, text=json.dumps(written): type(
                "F", (), {"joinpath": lambda self, name: type("P", (), {"read_text": lambda self, encoding: text})()}
            )(),
        )
        figures._read_prebuilt()
        assert figures._layouts.get("x[]") == expected


def test_cached_layout_prefers_the_prebuilt_file_and_else_computes(monkeypatch):
    from learning_regions.widgets import figures

    calls = []

    def layout(name):
        calls.append(name)
        return json.dumps({"title": {"text": name}})

    cached = figures.cached_layout_json(layout)
    key = f"{layout.__module__}.{layout.__qualname__}" + json.dumps(("prebuilt",))
    monkeypatch.setattr(figures, "_layouts", {key: '{"from": "the build"}'})
    monkeypatch.setattr(figures, "_prebuilt_read", True)
    assert cached("prebuilt") == '{"from": "the build"}' and calls == []
    assert json.loads(cached("computed")) == {"title": {"text": "computed"}} and calls == ["computed"]
    cached("computed")
    assert calls == ["computed"]  # computed once


def test_widget_pages_name_the_python_of_their_build(built_site):
    """inpage.js names the visit's SharedWorker by data-runtime: every widget page
    of a build gives the same name, and new package code or data gives another
    (a page of a newer build never joins an older Python)."""
    pages = [
        built_site / "notebooks" / f"{name}.html"
        for name in ("pnc-readings", "preface-network", "recipe-mixer", "classify-it")
    ]
    names = {page.read_text(encoding="utf-8").split('data-runtime="', 1)[1].split('"', 1)[0] for page in pages}
    assert len(names) == 1 and all(names)

    class App:
        class env:
            learning_regions_inputs_fingerprint = "a" * 16

    def made(worker: str, widgets: str) -> dict:
        files = {"worker": "inpage-worker.js", "widgets_js": f"inpage-widgets-{widgets}.js"}
        return {"files": files, "digests": {files["worker"]: worker, files["widgets_js"]: widgets}}

    first = bundle.runtime_identity(App, made("aaaaaaaaaa", "0123456789"))
    assert bundle.runtime_identity(App, made("bbbbbbbbbb", "0123456789")) != first  # a new worker script
    assert bundle.runtime_identity(App, made("aaaaaaaaaa", "9876543210")) != first  # a new widget bundle
    App.env.learning_regions_inputs_fingerprint = "b" * 16
    assert bundle.runtime_identity(App, made("aaaaaaaaaa", "0123456789")) != first  # new package code or data
