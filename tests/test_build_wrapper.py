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
