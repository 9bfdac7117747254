"""The strict build fails, and says where, when a notebook cannot run: two true
`jupyter-book build` runs, as `make book` runs it (about a minute each).

The books are on disk under tests/books/ (a landing page and one notebook,
committed without outputs); each is copied into a temporary folder with the
real _config.yml and built with the notebooks executed. Only a real build
shows these faults: a notebook that raises, and malformed data that a
notebook reads (the data is a corrupted copy of data/; the real files are
never touched). Faults Sphinx itself reports (a broken cross-reference or
citation, a chart type missing from the plotly.js bundle) and the widget
containers are tested in seconds on tiny projects: test_sphinx_extension.py.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA, ROOT

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("heavy")]  # see test_jupyterlite.py

BOOKS = Path(__file__).parent / "books"
ANSI_COLOUR = re.compile(r"\x1b\[[0-9;]*m")


def copy_book(name: str, into: Path) -> Path:
    """tests/books/<name> with the book's configuration, bibliography file and npm packages."""
    book = into / name
    shutil.copytree(BOOKS / name, book)
    shutil.copy(ROOT / "_config.yml", book / "_config.yml")
    shutil.copy(Path(__file__).parent / "roots" / "references.bib", book / "book" / "references.bib")
    shutil.copy(ROOT / "package-lock.json", book / "package-lock.json")
    (book / "node_modules").symlink_to(ROOT / "node_modules")
    return book


def build(book: Path, data: Path) -> str:
    """Build strictly (no Python for the browser: LR_LIVE=0) and return what it printed
    (stdout and stderr, without terminal colour codes); the build must fail."""
    env = {**os.environ, "LR_LIVE": "0", "LEARNING_REGIONS_DATA": str(data)}
    command = [
        str(Path(sys.executable).parent / "jupyter-book"),
        "build",
        str(book),
        "--warningiserror",
        "--nitpick",
        "--keep-going",
    ]
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    output = ANSI_COLOUR.sub("", result.stdout + result.stderr)
    assert result.returncode != 0, "the build did not fail:\n" + output[-3000:]
    return output


def test_a_notebook_that_raises_fails_the_build_naming_notebook_and_cell(tmp_path):
    output = build(copy_book("raises", tmp_path), DATA)
    assert "ExecutionError: " in output and "notebooks/raises.ipynb" in output
    # The first two cells (the data, a chart) ran: the third is the one named.
    assert "Cell In[3], line 1" in output
    raising = json.loads((BOOKS / "raises" / "notebooks" / "raises.ipynb").read_text(encoding="utf-8"))["cells"]
    source = next("".join(c["source"]) for c in raising if "injected failure" in "".join(c["source"]))
    assert source.strip() in output  # its source ...
    assert "ValueError: injected failure" in output  # ... and the cause


def test_a_malformed_data_file_fails_the_build_naming_file_row_and_column(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    facts = data / "case_facts.csv"
    text = facts.read_text(encoding="utf-8")
    assert '"175,000",175000,' in text, "test set-up: the value to break is not in case_facts.csv"
    facts.write_text(text.replace('"175,000",175000,', '"175,000",many,'), encoding="utf-8")
    row = next(i for i, line in enumerate(text.splitlines(), start=1) if line.startswith("oresund-firms,"))
    output = build(copy_book("reads-data", tmp_path), data)
    assert "notebooks/reads-data.ipynb" in output and "Cell In[1]" in output
    assert f"case_facts.csv, row {row}, column 'value': 'many' is not a number" in output
