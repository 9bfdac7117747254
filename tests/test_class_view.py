"""The class view (learning_regions.classroom.ClassView) and load_class_profiles:
the same class gives the same numbers through the widget and through pandas;
names stay hidden unless asked; the summary is spreadsheet-safe; the charts
are drawn from the data (a lecturer's own case too); the widgets export what
the class view reads."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import statistics

import pandas as pd
import plotly.graph_objects as go
import pytest

from learning_regions import load_class_profiles
from learning_regions.classroom import ClassView, class_view_static, example_class, example_files, formats_reference
from learning_regions.classroom.example import NAMES
from learning_regions.classroom.formats import spreadsheet_safe
from learning_regions.classroom.gather import Source, gather
from learning_regions.classroom.reading import read_export
from learning_regions.classroom.slides import slides
from learning_regions.classroom.summary import summary_csv
from learning_regions.classroom.vocabulary import dimensions, ingredients, label_of, layers, statements
from learning_regions.frames import dtypes
from learning_regions.widgets import CaseProfiler, ClassifyIt, RecipeMixer


@pytest.fixture(scope="module")
def class_folder(tmp_path_factory):
    """30 invented students, three widgets, three files that do not fit, and one more made here: a file from a
    newer companion."""
    folder = tmp_path_factory.mktemp("class")
    example_class(folder, students=30, seed=7)
    newer = json.loads((folder / "alex-classify-answers.json").read_text())
    newer["version"] = 2
    (folder / "zz-newer.json").write_text(json.dumps(newer))
    (folder / "empty.json").write_bytes(b"")
    return folder


def upload(view: ClassView, folder) -> None:
    """As the FileUpload gives files to Python: name, bytes (a memoryview), time saved."""
    items = [
        {
            "name": p.name,
            "type": "application/json",
            "size": p.stat().st_size,
            "content": memoryview(p.read_bytes()),
            "last_modified": dt.datetime.fromtimestamp(p.stat().st_mtime, tz=dt.timezone.utc),
        }
        for p in sorted(folder.iterdir())
    ]
    view._on_upload({"new": tuple(items)})


@pytest.fixture(scope="module")
def both(class_folder):
    view = ClassView()
    upload(view, class_folder)
    return view, load_class_profiles(class_folder)


def slide_figure(view: ClassView, key: str):
    view.chart_menu.value = key
    return view.figure


def test_the_class_loads_with_the_bad_files_set_aside(both):
    view, frames = both
    assert view.upload.value == ()  # ready for the next pick
    assert "set aside" in view.message
    refused = {r["file"] for r in frames.refused}
    assert refused == {"notes-for-class.txt", "old-profile.json", "zz-newer.json", "empty.json"}
    assert {n.file.name for n in view.data.refused} == refused
    assert frames.profiles["student"].nunique() == 30
    assert frames.classify["student"].nunique() == 30 and frames.recipe["student"].nunique() == 30


def test_the_widget_and_pandas_give_the_same_profile_numbers(both):
    view, frames = both
    profiles = frames.profiles
    for case_id, rows in profiles.groupby("case_id", observed=True):
        fig = slide_figure(view, f"profile:{case_id}")
        circles = fig.data[0]
        drawn = {(hover.split(":")[0], x): int(t) for x, hover, t in zip(circles.x, circles.hovertext, circles.text)}
        expected = rows.groupby(["dimension", "score"], observed=True).size()
        assert {(label_of(d), int(s)): int(n) for (d, s), n in expected.items() if n} == drawn
        numbers = view.numbers.value
        for dimension, scores in rows.groupby("dimension", observed=True)["score"]:
            mean = f"{scores.mean():.1f}"
            sd = f"{scores.std(ddof=0):.1f}"
            assert f"<td>{mean}</td><td>{sd}</td>" in numbers, (case_id, dimension)
        companion = fig.data[1]
        by_dim = rows.groupby("dimension", observed=True)["companion_score"].first()
        assert sorted(companion.x) == sorted(int(v) for v in by_dim.values)


def test_the_widget_and_pandas_agree_on_the_hardest_statements(both):
    view, frames = both
    answers = frames.classify
    share = answers.groupby("example_id")["as_companion"].mean()
    fig = slide_figure(view, "classify:0")
    rows = [f"#{n}" for n in fig.data[0].y]
    statement_ids = list(statements())
    drawn_order = [statement_ids[int(r.lstrip("#")) - 1] for r in fig.data[0].y]
    for layer in layers():
        traces = [t for t in fig.data if t.legendgroup == layer]
        for i, example_id in enumerate(drawn_order):
            count = sum(t.x[i] for t in traces)
            assert count == int(((answers["example_id"] == example_id) & (answers["answer"] == layer)).sum())
    shares = [share[e] for e in drawn_order]
    assert shares == sorted(shares), "not the hardest first"
    assert len(rows) == answers["example_id"].nunique()


def test_the_widget_and_pandas_give_the_same_recipe_numbers(both):
    view, frames = both
    for case_id, rows in frames.recipe.groupby("compared_case", observed=True):
        fig = slide_figure(view, f"recipe:{case_id}")
        circles = fig.data[0]
        drawn = sum(int(t) for t in circles.text)
        assert drawn == len(rows)
        rows_of = {y: h.split(":")[0] for y, h in zip(fig.data[0].y, fig.data[0].hovertext)}
        companion = dict(zip([rows_of[y] for y in fig.data[1].y], fig.data[1].x))
        labels = ingredients()
        for ingredient, weight in rows.groupby("ingredient_id", observed=True)["companion_weight"].first().items():
            assert companion[labels[ingredient]] == weight


def test_the_summary_csv_has_the_same_numbers_and_no_names(both, class_folder):
    view, frames = both
    text = summary_csv(view.data)
    rows = list(csv.DictReader(io.StringIO(text)))
    jena = frames.profiles[frames.profiles["case_id"] == "jena"]
    for row in (r for r in rows if r["widget"] == "case profiler" and r["group"] == "Jena" and r["mean"]):
        dimension = next(d for d in dimensions() if label_of(d) == row["item"])
        scores = jena.loc[jena["dimension"] == dimension, "score"]
        assert float(row["mean"]) == pytest.approx(scores.mean(), abs=1e-3)
        assert float(row["sd"]) == pytest.approx(scores.std(ddof=0), abs=1e-3)
        assert int(row["students"]) == len(scores)
    for name in NAMES:
        assert not re.search(rf"\b{name}\b", text), f"the summary without names holds {name}"
    with_names = summary_csv(view.data, show_names=True)
    assert any(name in with_names for name in NAMES)
    assert view.summary_link.value.count("download=") == 1 and "without names" in view.summary_link.value


def test_names_are_hidden_until_the_lecturer_asks(class_folder):
    view = ClassView()
    upload(view, class_folder)
    view.chart_menu.value = "profile:jena"
    hidden = " ".join(
        [
            view.message,
            view.messages.value,
            view.extra.value,
            view.numbers.value,
            view.caption.value,
            json.dumps(view.figure.to_plotly_json(), default=str),
        ]
    )
    files = [p.name for p in class_folder.iterdir()]
    for secret in [*NAMES, *files]:
        assert not re.search(rf"\b{re.escape(secret)}\b", hidden), f"{secret!r} is shown with names hidden"
    assert "File " in view.messages.value and "Show names" in view.messages.value
    view.show_names.value = True
    shown = view.messages.value + view.extra.value
    assert "notes-for-class.txt" in shown and any(name in view.extra.value for name in NAMES)


def test_projector_view_shows_one_chart_at_a_time_in_large_type(class_folder):
    view = ClassView()
    upload(view, class_folder)
    page_font = view.figure.layout.font.size
    view.projector.value = True
    assert view.loading.layout.display == "none" and view.messages.layout.display == "none"
    assert view.figure.layout.font.size > page_font * 1.4
    keys = [s.key for s in view.slides]
    assert len([k for k in keys if k.startswith("classify:")]) > 1, "classify-it should be split for the projector"
    first = view.chart_menu.value
    view.step(1)
    assert view.chart_menu.value == keys[1] and f"Chart 2 of {len(keys)}" in view.caption.value
    view.step(-2)
    assert view.chart_menu.value == keys[-1]
    view.step(1)
    assert view.chart_menu.value == first
    view.projector.value = False
    assert view.loading.layout.display is None


def test_the_example_class_button_and_forget(tmp_path):
    view = ClassView()
    assert view.figure is None and "No files yet" in view.message
    view.example_button.click()
    assert "30 students" in view.message and view.figure is not None
    view.forget_button.click()
    assert view.figure is None and view.slides == [] and "forgotten" in view.message


def test_picking_the_same_files_again_counts_them_once(class_folder):
    view = ClassView()
    upload(view, class_folder)
    count = len(view.data.readings)
    upload(view, class_folder)
    assert len(view.data.readings) == count
    assert "counted once" in view.messages.value


def test_charts_fit_a_phone_and_are_labelled(both):
    view, _ = both
    for slide in view.slides:
        fig = go.Figure(slide.figure(False))  # validates the plain dict the page draws
        title = fig.layout.title.text
        assert title and all(len(line) <= 60 for line in title.split("<br>")), title
        assert any(a.name == "source" and a.text.startswith("Source:") for a in fig.layout.annotations)
        assert fig.layout.margin.l <= 140, "the row labels leave no room on a 390 px phone"
        numbers = slide.numbers()
        assert numbers.rows and numbers.description
    for slide in slides(view.data, projector=True):
        big = go.Figure(slide.figure(True))
        assert big.layout.height < 1000, f"{slide.label}: too tall for a projector ({big.layout.height} px)"


def test_a_case_a_lecturer_adds_gets_its_own_chart(tmp_path, monkeypatch):
    from test_data_rules import copy_data, lecturers_case

    data = copy_data(tmp_path)
    lecturers_case(data)
    monkeypatch.setenv("LEARNING_REGIONS_DATA", str(data))
    files = [
        (
            f"s{n}.json",
            json.dumps(
                {
                    "format": "learning-regions/pnc-profile",
                    "version": 1,
                    "student": f"S{n}",
                    "case_id": "emilia",
                    "scores": {d: n % 5 for d in dimensions()},
                }
            ).encode(),
        )
        for n in range(7)
    ]
    keys = [s.key for s in slides(gather([Source.of_bytes(*f) for f in files]))]
    assert keys == ["profile:emilia"]
    view = ClassView()
    view.add_files(files)
    assert "Emilia-Romagna" in view.figure.layout.title.text and "7 students" in view.figure.layout.title.text


def test_the_static_view_is_a_labelled_example_with_its_numbers():
    static = class_view_static()
    assert "not a real class" in static.note.markup and "invented" in static.note.markup
    assert static.figure.layout.title.text.startswith("Example (invented students)")
    assert static.numbers.rows
    reference = formats_reference().markup
    for fmt in ("learning-regions/pnc-profile", "learning-regions/classify-answers", "learning-regions/recipe-mix"):
        assert fmt in reference


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("plain", "plain"),
        (-1, -1),
        (3.5, 3.5),
        ("", ""),
    ],
)
def test_summary_cells_cannot_become_formulas(cell, safe):
    assert spreadsheet_safe(cell) == safe


def test_an_argument_that_is_a_formula_is_neutralised_in_the_summary():
    data = gather(
        [
            Source.of_bytes(
                "a.json",
                json.dumps(
                    {
                        "format": "learning-regions/pnc-profile",
                        "version": 1,
                        "case_id": "jena",
                        "student": "=cmd|' /C calc'!A0",
                        "scores": {d: 2 for d in dimensions()},
                        "argument": "=1+1",
                    }
                ).encode(),
            )
        ]
    )
    rows = list(csv.reader(io.StringIO(summary_csv(data, show_names=True))))
    cells = [c for row in rows for c in row]
    assert "'=1+1" in cells and not any(c.startswith(("=", "+", "@")) for c in cells)
    assert any(c.startswith("argument by '=cmd") or c.startswith("argument by =cmd") for c in cells)
    assert not any(c.startswith("=cmd") for c in cells)


# --- the frames ------------------------------------------------------------------


def test_load_class_profiles_types_the_columns_as_the_dictionary_does(both):
    _, frames = both
    profiles, answers, recipe = frames
    readings = dtypes("pnc_readings")
    assert profiles["dimension"].dtype == readings["dimension"]
    assert list(profiles["dimension"].cat.categories) == list(dimensions())
    assert profiles["score"].dtype == pd.Int64Dtype() and profiles["case_id"].dtype == pd.StringDtype()
    assert answers["answer"].dtype == dtypes("classify_examples")["answer"]
    assert answers["as_companion"].dtype == pd.BooleanDtype()
    assert recipe["weight"].dtype == pd.Int64Dtype()
    assert profiles.attrs["refused"] and profiles.attrs["format"] == "learning-regions/pnc-profile"
    tidy = profiles.groupby(["student", "case_id", "dimension"], observed=True).size()
    assert (tidy == 1).all(), "more than one row per student, case and dimension"


def test_load_class_profiles_takes_a_list_and_subfolders_and_skips_hidden_files(tmp_path):
    one = tmp_path / "alex" / "submission"
    one.mkdir(parents=True)
    (one / "profile.json").write_text(
        json.dumps(
            {
                "format": "learning-regions/pnc-profile",
                "version": 1,
                "case_id": "kent",
                "scores": {d: 1 for d in dimensions()},
            }
        )
    )
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")
    (tmp_path / "__MACOSX").mkdir()
    (tmp_path / "__MACOSX" / "._profile.json").write_bytes(b"\x00")
    frames = load_class_profiles(tmp_path)
    assert frames.refused == [] and list(frames.profiles["file"].unique()) == ["alex/submission/profile.json"]
    frames = load_class_profiles([one / "profile.json"])
    assert len(frames.profiles) == 4 and frames.classify.empty and frames.recipe.empty
    with pytest.raises(FileNotFoundError, match="no such file or folder"):
        load_class_profiles(tmp_path / "missing")


# --- what the widgets export -------------------------------------------------------


def test_classify_it_exports_its_answers_and_score():
    quiz = ClassifyIt()
    first = quiz.quiz.current
    quiz.check(first.answer)
    quiz.next()
    quiz.check("place")
    quiz.export.student.value = "Alex Smith"
    reading = read_export(quiz.export.text.encode())
    assert reading.student == "Alex Smith" and dict(reading.values) == quiz.quiz.answers
    assert json.loads(quiz.export.text)["score"]["as_companion"] == quiz.quiz.right
    assert 'download="classify-answers-alex-smith.json"' in quiz.export.link.value


def test_the_recipe_mixer_exports_its_weights_and_compared_case():
    mixer = RecipeMixer()
    mixer.compare.value = "oresund"
    mixer.set_mix({"ict": 4})
    reading = read_export(mixer.export.text.encode())
    assert dict(reading.values) == mixer.mix() and reading.case_id == "oresund"
    assert 'download="recipe-mix.json"' in mixer.export.link.value


def test_the_profiler_export_carries_the_name_and_still_loads_back():
    profiler = CaseProfiler("oresund")
    profiler.student.value = "Bo"
    text = profiler.export_text.value
    reading = read_export(text.encode())
    assert reading.student == "Bo" and reading.export_id == profiler.export_id and reading.case_id == "oresund"
    other = CaseProfiler()
    assert other.load_text(text).accepted


def test_two_exports_of_one_widget_are_one_student_in_the_class(tmp_path):
    quiz = ClassifyIt()
    quiz.check(quiz.quiz.current.answer)
    early = quiz.export.text
    quiz.next()
    quiz.check("community")
    late = quiz.export.text
    data = gather([Source.of_bytes("a.json", early.encode(), 1.0), Source.of_bytes("b.json", late.encode(), 2.0)])
    assert len(data.readings) == 1 and len(data.readings[0].values) == 2
    assert "the same widget, before a reload" in data.merged[0].text()


def test_statistics_are_those_of_the_class_itself():
    data = gather(
        [
            Source.of_bytes(
                f"{n}.json",
                json.dumps(
                    {
                        "format": "learning-regions/pnc-profile",
                        "version": 1,
                        "case_id": "jena",
                        "student": f"S{n}",
                        "scores": {d: v for d in dimensions()},
                    }
                ).encode(),
            )
            for n, v in enumerate([0, 2, 4])
        ]
    )
    from learning_regions.classroom.summary import profile_cases

    spread = profile_cases(data)[0].spreads[0]
    assert spread.counts == (1, 0, 1, 0, 1) and spread.mean == 2
    assert spread.sd == pytest.approx(statistics.pstdev([0, 2, 4]))


def test_the_charts_need_no_plotly_trace_module_the_page_may_lack(tmp_path):
    """The book page's Python carries only the plotly modules the build saw a
    widget import (companion_tools.sphinx.inpage.runtime drops the rest of
    plotly/graph_objs): every chart of the class view, in both layouts, is
    drawn here with those modules refused."""
    import subprocess
    import sys

    script = """
import importlib.abc, sys
class Refuse(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.startswith(("plotly.graph_objs.scatter", "plotly.graph_objs.bar", "plotly.graph_objs.layout.")):
            raise ModuleNotFoundError(name)
sys.meta_path.insert(0, Refuse())
from learning_regions.classroom import ClassView
view = ClassView()
view.load_example()
for projector in (False, True):
    view.projector.value = projector
    for _ in view.slides:
        assert "went wrong" not in view.message, view.message
        assert view.active_output.outputs, "no chart drawn"
        view.step(1)
print("drawn", len(view.slides))
"""
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.startswith("drawn")


def test_files_picked_on_the_book_page_leave_python_answering(monkeypatch):
    """On the book page the FileUpload's message goes through the in-page
    runtime, which keeps the page's messages as JSON: a small class (under the
    runtime's 64 KB for kept messages) must not leave bytes in it (ipywidgets'
    own FileUpload did: "Object of type memoryview is not JSON serializable")."""
    from learning_regions import inpage, loader

    monkeypatch.setattr(loader, "RECHECK_AFTER_S", loader.RECHECK_AFTER_S)
    sent: list[dict] = []
    inpage.install(lambda text, buffers: sent.append(json.loads(text)))
    inpage.SESSION.reset()
    try:
        inpage.build("cv/4", ["from learning_regions.classroom import ClassView", "view = ClassView()\nview"])
        view = inpage.SESSION.roots["cv/4"]
        files = example_files(3, bad_files=False)
        state = {
            "value": [
                {"name": n, "type": "application/json", "size": len(b), "last_modified": 1_700_000_000_000}
                for n, b in files
            ]
        }
        inpage.receive(
            json.dumps(
                {
                    "msg_type": "comm_msg",
                    "header": {"msg_id": "m1"},
                    "content": {
                        "comm_id": view.upload.comm.comm_id,
                        "data": {
                            "method": "update",
                            "state": state,
                            "buffer_paths": [["value", i, "content"] for i in range(len(files))],
                        },
                    },
                }
            ),
            [b for _n, b in files],
        )
        assert view.message.startswith(f"Read {len(files)} files")
        # Nothing of the students' files is kept in the browser: the runtime logs
        # what a reader can redo, an upload only by its effect on the widgets'
        # values, and the class view keeps its class to itself.
        logs = [m["content"]["log"] for m in sent if m["msg_type"] == "lr_keep"]
        assert not any("buffers" in entry for log in logs for entry in log)
        assert not any(name in json.dumps(logs) for name, _b in files)
        # Python still answers: a second pick of the same files is read too, and merged.
        inpage.receive(
            json.dumps(
                {
                    "msg_type": "comm_msg",
                    "header": {"msg_id": "m2"},
                    "content": {
                        "comm_id": view.upload.comm.comm_id,
                        "data": {
                            "method": "update",
                            "state": state,
                            "buffer_paths": [["value", i, "content"] for i in range(len(files))],
                        },
                    },
                }
            ),
            [b for _n, b in files],
        )
        assert view.message.startswith(f"Read {2 * len(files)} files") and f"({len(files)} merged" in view.message
    finally:
        inpage.SESSION.reset()


def test_with_no_files_the_projector_view_keeps_the_file_controls(class_folder):
    view = ClassView()
    view.projector.value = True  # ticked before any file (or kept from before a reload)
    assert view.loading.layout.display is None, "the buttons to choose files were hidden with nothing to project"
    assert "No files yet" in view.message
    upload(view, class_folder)
    assert view.loading.layout.display == "none"  # now there is something to project
    view.forget_button.click()
    assert view.loading.layout.display is None and view.slides == []


def test_the_no_files_message_says_files_chosen_before_a_reload_must_be_chosen_again():
    view = ClassView()
    assert "not kept in this browser" in view.message and "choose them again" in view.message
    assert "example class" in view.message and "comes back" in view.message


@pytest.mark.parametrize("export_id", ["-RpzeyKG2MoR", "_starts_plain", "abc-def"])
def test_an_export_id_a_spreadsheet_would_guard_comes_back_whole_from_the_csv(export_id):
    """One id in 64 starts with "-": the CSV export guards it from spreadsheets with an
    apostrophe, and the class view must read the id as it was, or one student's JSON and
    CSV exports count as two."""
    profiler = CaseProfiler("oresund")
    profiler.export_id = export_id
    profiler.student.value = "Student Tester"  # the export text is made again with this id
    profiler.export_format.value = "csv"
    reading = read_export(profiler.export_text.value.encode())
    assert reading.export_id == export_id


def test_one_students_json_and_csv_exports_are_one_student(tmp_path):
    profiler = CaseProfiler("oresund")
    profiler.student.value = "Student Tester"
    profiler.sliders["place"].value = 0
    exported_json = profiler.export_text.value
    profiler.export_format.value = "csv"
    exported_csv = profiler.export_text.value
    reading = read_export(exported_csv.encode())
    assert reading.student == "Student Tester" and reading.export_id == profiler.export_id
    data = gather(
        [
            Source.of_bytes("profile.json", exported_json.encode(), 1.0),
            Source.of_bytes("profile.csv", exported_csv.encode(), 2.0),
        ]
    )
    assert data.students == 1 and len(data.readings) == 1
    assert len(data.merged) == 1 and "1 student" in data.summary()
    # The same CSV still loads back into the profiler.
    assert CaseProfiler().load_text(exported_csv).accepted


def test_a_class_that_agrees_everywhere_is_not_said_to_be_divided():
    def export(n: int) -> bytes:
        scores = {d: 2 for d in dimensions()}
        profile = {"format": "learning-regions/pnc-profile", "version": 1, "case_id": "jena", "student": f"S{n}"}
        return json.dumps({**profile, "scores": scores, "argument": f"Argument {n}."}).encode()

    view = ClassView()
    view.add_files([(f"{n}.json", export(n)) for n in range(3)])
    said = " ".join(s.numbers().description + s.extra(False) for s in view.slides)
    assert "most divided" not in said
    assert "The class agrees on every dimension" in said
