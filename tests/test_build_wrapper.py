"""make book's build (companion_tools.build): the data is checked first, and a
failed build ends with its cause in plain words, notebook and cell first."""

from __future__ import annotations

import shutil
from pathlib import Path

from companion_tools import build
from conftest import DATA, ROOT

LOGS = Path(__file__).parent / "logs"


def test_a_failed_notebook_is_named_with_its_cell_and_pythons_last_line():
    """A log Jupyter Book wrote (tests/logs/, paths replaced): the cause sits at
    line 153 of 221; the summary gives it first."""
    root = ROOT.parent / "BOOK"
    log = (LOGS / "notebook-cell-fails.log").read_text(encoding="utf-8")
    found = build.causes(log.replace("BOOK/", str(ROOT) + "/"), ROOT)
    notebook = next(c for c in found if c.where.startswith("notebooks/oecd-cases.ipynb"))
    assert (
        notebook.where
        == f"notebooks/oecd-cases.ipynb, cell {build.cell_number(ROOT / 'notebooks' / 'oecd-cases.ipynb', 'cases_map()')}"
    )
    assert notebook.what.startswith("DataError: ") and "row 3, column 'kind'" in notebook.what
    warning = next(c for c in found if c.where == "book/instructor-guide.md")
    assert "nonexisting document" in warning.what and "strict" in warning.what
    text = build.summary(found)
    assert text.strip().splitlines()[1] == "The book did not build. What stopped it:"
    assert "report" not in text and "Look above" not in text and root.name not in text


def test_broken_data_stops_make_book_before_any_notebook_runs(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    cases = data / "cases.csv"
    cases.write_text(cases.read_text(encoding="utf-8").replace(",oecd_case,", ",oecd_kase,", 1), encoding="utf-8")
    monkeypatch.setenv("LEARNING_REGIONS_DATA", str(data))
    ran = []
    monkeypatch.setattr(build.subprocess, "Popen", lambda *a, **k: ran.append(a))
    assert build.main([]) == 1
    assert ran == [], "jupyter-book ran on broken data"


def test_no_cause_found_says_so_plainly():
    assert "gives no notebook or warning" in build.summary([])


class FakeBuild:
    """Jupyter Book's process, giving a recorded log."""

    def __init__(self, lines: list[str], code: int):
        self.stdout, self.code = iter(lines), code

    def wait(self) -> int:
        return self.code


def run_wrapper(monkeypatch, tmp_path, capsys, log: str, code: int) -> tuple[str, str]:
    monkeypatch.setattr(build, "REPOSITORY", tmp_path)
    monkeypatch.setattr(build, "check_data", lambda: None)
    monkeypatch.setattr(build.subprocess, "Popen", lambda *a, **k: FakeBuild(log.splitlines(keepends=True), code))
    assert build.main([]) == code
    out, err = capsys.readouterr()
    return out, err


def test_a_failed_build_shows_the_cause_not_jupyter_books_traceback_which_goes_to_the_log(
    monkeypatch, tmp_path, capsys
):
    """The lecturer read ~130 lines of traceback and Sphinx's bug-report notice
    before the cause; the cause stays, the traceback goes to _build/build.log."""
    log = (LOGS / "notebook-cell-fails.log").read_text(encoding="utf-8").replace("BOOK/", str(ROOT) + "/")
    assert build.TRACEBACK in log
    out, err = run_wrapper(monkeypatch, tmp_path, capsys, log, 1)
    assert build.TRACEBACK not in out and "There was an error in building" not in out
    assert "Executing notebook failed" in out  # the log up to the traceback is shown as it came
    assert err.strip().splitlines()[1] == "The book did not build. What stopped it:"
    assert "_build/build.log" in err
    assert (tmp_path / build.LOG_NAME).read_text(encoding="utf-8") == log


def test_a_failure_with_no_cause_found_shows_the_traceback_after_all(monkeypatch, tmp_path, capsys):
    log = "Running Sphinx\nTraceback (most recent call last):\n  File 'x.py', line 1\nKeyError: 'ict'\n"
    out, err = run_wrapper(monkeypatch, tmp_path, capsys, log, 1)
    assert out == log and "gives no notebook or warning" in err


def test_a_build_that_passes_shows_everything(monkeypatch, tmp_path, capsys):
    log = "Running Sphinx\nTraceback (most recent call last):\n  (a warning printed one)\nbuild succeeded\n"
    out, _err = run_wrapper(monkeypatch, tmp_path, capsys, log, 0)
    assert out == log and not (tmp_path / build.LOG_NAME).exists()


def test_a_setting_sphinx_refuses_is_the_cause_said(monkeypatch, tmp_path, capsys):
    """A too-light companion_colour: the sentence sat under 40 lines of traceback,
    and the summary said it found no cause."""
    sentence = "companion_colour #f5a623 is too light for links on a white page: set #956515 in _config.yml."
    log = f"Running Sphinx\n\nConfiguration error:\n{sentence}\n\nTraceback (most recent call last):\n  File 'x'\nRuntimeError\n"
    out, err = run_wrapper(monkeypatch, tmp_path, capsys, log, 1)
    assert build.TRACEBACK not in out
    assert f"- Configuration error: {sentence}" in err.splitlines()
