"""The strict build fails, and says where, when something is broken.

Each test builds a small copy of the book (the real configuration, a landing
page, one notebook that uses the package and the data) in a temporary folder,
after breaking one thing: a notebook that raises, a broken cross-reference, a
broken citation, a malformed data file, a chart type missing from the plotly.js
bundle. The real project is never touched.
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

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("heavy")]  # see test_live.py

NOTEBOOK_CELLS = [
    ("markdown", "# A small notebook\n\nIt draws one chart from the data."),
    ("code", "from learning_regions import load_table\nfacts = load_table('case_facts')\nlen(facts)"),
    ("code", "import plotly.graph_objects as go\ngo.Figure(go.Bar(x=['a', 'b'], y=[1, 2]))"),
]


def write_notebook(path: Path, cells) -> None:
    notebook = {
        "cells": [
            {"cell_type": kind, "id": f"cell-{i}", "metadata": {}, "source": source,
             **({"outputs": [], "execution_count": None} if kind == "code" else {})}
            for i, (kind, source) in enumerate(cells)
        ],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.write_text(json.dumps(notebook), encoding="utf-8")


def make_mini_book(tmp_path: Path) -> Path:
    """A one-page, one-notebook copy of the book in tmp_path; returns its folder."""
    book = tmp_path / "book-copy"
    (book / "book").mkdir(parents=True)
    (book / "notebooks").mkdir()
    shutil.copy(ROOT / "_config.yml", book / "_config.yml")
    shutil.copy(ROOT / "book" / "references.bib", book / "book" / "references.bib")
    shutil.copy(ROOT / "package-lock.json", book / "package-lock.json")
    (book / "node_modules").symlink_to(ROOT / "node_modules")
    shutil.copytree(DATA, tmp_path / "data")
    (book / "_toc.yml").write_text(
        "format: jb-book\nroot: book/index\nchapters:\n  - file: notebooks/small\n", encoding="utf-8"
    )
    (book / "book" / "index.md").write_text(
        "# Landing\n\nSee {doc}`../notebooks/small` and {cite}`oecd1999`.\n\n```{bibliography}\n```\n", encoding="utf-8"
    )
    write_notebook(book / "notebooks" / "small.ipynb", NOTEBOOK_CELLS)
    return book


@pytest.fixture
def mini_book(tmp_path):
    return make_mini_book(tmp_path)


ANSI_COLOUR = re.compile(r"\x1b\[[0-9;]*m")


def build(book: Path) -> subprocess.CompletedProcess:
    """Build strictly; stdout and stderr come back without terminal colour codes."""
    env = {**os.environ, "LR_LIVE": "0", "LEARNING_REGIONS_DATA": str(book.parent / "data")}
    command = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(book),
               "--warningiserror", "--nitpick", "--keep-going"]
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    result.stdout, result.stderr = ANSI_COLOUR.sub("", result.stdout), ANSI_COLOUR.sub("", result.stderr)
    return result


def test_the_unbroken_copy_builds(mini_book):
    result = build(mini_book)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_a_notebook_that_raises_fails_the_build_naming_notebook_and_cell(mini_book):
    cells = NOTEBOOK_CELLS + [("code", "raise ValueError('injected failure')")]
    write_notebook(mini_book / "notebooks" / "small.ipynb", cells)
    result = build(mini_book)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "ExecutionError: " in output and "notebooks/small.ipynb" in output
    assert "Cell In[3], line 1" in output  # the failing cell, by its run number ...
    assert "raise ValueError('injected failure')" in output  # ... and its source
    assert "ValueError: injected failure" in output


def test_a_broken_cross_reference_fails_the_build(mini_book):
    page = mini_book / "book" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nAlso {doc}`no-such-page`.\n", encoding="utf-8")
    result = build(mini_book)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "index.md" in output and "no-such-page" in output


def test_a_broken_citation_fails_the_build(mini_book):
    page = mini_book / "book" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nAs {cite}`nobody2099` says.\n", encoding="utf-8")
    result = build(mini_book)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "index.md" in output and "nobody2099" in output


def test_a_malformed_data_file_fails_the_build_naming_file_row_and_column(mini_book):
    facts = mini_book.parent / "data" / "case_facts.csv"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace('"175,000",175000,', '"175,000",many,'), encoding="utf-8")
    row = next(i for i, line in enumerate(text.splitlines(), start=1) if line.startswith("oresund-firms,"))
    result = build(mini_book)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "small.ipynb" in output
    assert f"case_facts.csv, row {row}, column 'value': 'many' is not a number" in output


def test_a_chart_type_missing_from_the_plotly_bundle_fails_the_build(mini_book):
    cells = NOTEBOOK_CELLS + [("code", "go.Figure(go.Pie(values=[1, 2]))")]
    write_notebook(mini_book / "notebooks" / "small.ipynb", cells)
    result = build(mini_book)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "small.ipynb" in output and "'pie'" in output and "BUNDLED_TRACES" in output
