"""A lecturer edits and rebuilds all afternoon: a rebuild redoes only what the
edit touched. A data edit re-executes the notebooks that read the edited
table (companion_tools.sphinx.freshness, with the tables each notebook read
listed by the loader); a chapter edit reprints only the PDFs whose content
changed (companion_tools.print_edition.build)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from companion_tools.print_edition.build import WHOLE_BOOK, pdf_digests
from companion_tools.sphinx import freshness, kernels
from conftest import DATA
from learning_regions.loader import READS_ENV


def test_the_loader_lists_the_tables_a_program_reads(tmp_path):
    reads = tmp_path / "reads.txt"
    code = (
        "from learning_regions import load_table; load_table('case_facts'); "
        "load_table('case_facts'); load_table('recipe_weights')"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, READS_ENV: str(reads)})
    listed = reads.read_text(encoding="utf-8").split()
    # case_facts is checked against the tables it links to: those are read too
    assert {"case_facts", "cases", "sources", "recipe_weights", "recipe_ingredients"} <= set(listed)
    assert len(listed) == len(set(listed)), "a table listed twice"
    assert "pnc_readings" not in listed


def test_a_notebooks_data_digest_follows_only_the_tables_it_read(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    before = {
        name: freshness.data_digest(tables, data)
        for name, tables in {"facts": ["case_facts", "cases"], "weights": ["recipe_weights"], "all": None}.items()
    }
    weights = data / "recipe_weights.csv"
    weights.write_text(weights.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    after = {
        name: freshness.data_digest(tables, data)
        for name, tables in {"facts": ["case_facts", "cases"], "weights": ["recipe_weights"], "all": None}.items()
    }
    assert after["facts"] == before["facts"]
    assert after["weights"] != before["weights"] and after["all"] != before["all"]
    descriptor = data / "datapackage.json"
    descriptor.write_text(descriptor.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert freshness.data_digest(["case_facts", "cases"], data) != after["facts"]  # the dictionary counts for all


def test_a_notebook_is_known_by_its_code_cells_only():
    notebook = {
        "cells": [{"cell_type": "markdown", "source": "# A"}, {"cell_type": "code", "source": ["x = 1\n", "x"]}]
    }
    edited_prose = {"cells": [{"cell_type": "markdown", "source": "# B"}, {"cell_type": "code", "source": "x = 1\nx"}]}
    edited_code = {"cells": [{"cell_type": "code", "source": "x = 2\nx"}]}
    assert kernels.cells_digest(notebook) == kernels.cells_digest(edited_prose)
    assert kernels.cells_digest(notebook) != kernels.cells_digest(edited_code)


def page(chapter_a: str, chapter_b: str, commit: str) -> str:
    colophon = f'<p class="lr-chapter-colophon">Printed from commit {commit}.</p>'
    return (
        f'<section class="lr-title-page">commit {commit}</section>'
        f'<section class="lr-chapter" data-chapter="a">{colophon}{chapter_a}</section>'
        f'<section class="lr-chapter" data-chapter="b">{colophon}{chapter_b}</section>'
        f'<div class="lr-solutions-group" data-chapter="b">solutions of b</div>'
    )


def test_a_chapter_is_reprinted_only_when_its_own_content_changed():
    keys = [("a", "chapter-a"), ("b", "chapter-b")]
    first = pdf_digests(page("<p>one</p>", "<p>two</p>", "abc123"), keys, "code")
    new_commit = pdf_digests(page("<p>one</p>", "<p>two</p>", "def456"), keys, "code")
    edited_b = pdf_digests(page("<p>one</p>", "<p>two, edited</p>", "def456"), keys, "code")
    new_code = pdf_digests(page("<p>one</p>", "<p>two</p>", "abc123"), keys, "new print code")
    assert new_commit["chapter-a"] == first["chapter-a"] and new_commit["chapter-b"] == first["chapter-b"]
    assert new_commit[WHOLE_BOOK] != first[WHOLE_BOOK]  # the title page names the commit
    assert edited_b["chapter-a"] == new_commit["chapter-a"] and edited_b["chapter-b"] != new_commit["chapter-b"]
    assert all(new_code[k] != first[k] for k in first)
    json.dumps(first)  # kept in the stamp file as JSON
