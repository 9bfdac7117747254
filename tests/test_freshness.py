"""Notebook outputs are re-computed when the package or the data change."""

from __future__ import annotations

import shutil

import pytest

from companion_tools.sphinx import freshness
from conftest import DATA


def test_fingerprint_is_stable_while_nothing_changes():
    assert freshness.inputs_fingerprint() == freshness.inputs_fingerprint()


def test_the_code_fingerprint_ignores_data_which_is_followed_per_notebook(tmp_path, monkeypatch):
    """Data is not in the cache folder's fingerprint (that would re-run every
    notebook): a notebook's own data digest changes instead (test_rebuilds.py)."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    monkeypatch.setenv("LEARNING_REGIONS_DATA", str(copy))
    before, data_before = freshness.inputs_fingerprint(), freshness.data_digest(["case_facts"])
    facts = copy / "case_facts.csv"
    facts.write_text(facts.read_text(encoding="utf-8").replace("23000", "23001"), encoding="utf-8")
    assert freshness.inputs_fingerprint() == before
    assert freshness.data_digest(["case_facts"]) != data_before


def test_toc_digest_follows_the_table_of_contents(tmp_path):
    from types import SimpleNamespace

    app = SimpleNamespace(srcdir=str(tmp_path))
    config: dict = {}
    (tmp_path / "_toc.yml").write_text("root: book/index\n", encoding="utf-8")
    freshness.record_input_digests(app, config)
    first = config[freshness.TOC_DIGEST]
    (tmp_path / "_toc.yml").write_text("root: book/index\nparts: []\n", encoding="utf-8")
    freshness.record_input_digests(app, config)
    assert first and config[freshness.TOC_DIGEST] != first


@pytest.mark.parametrize(
    "name, changes",
    [
        ("sphinx/slim.py", True),
        ("frontend/src/site/book.css", True),
        ("frontend/build.mjs", True),
        ("frontend/plotly-traces.json", True),
        ("frontend/test/storage.test.js", False),
    ],
)
def test_site_code_digest_follows_the_extensions_code_and_the_front_end(tmp_path, monkeypatch, name, changes):
    """Every page is rewritten (and the built files copied) when the extension
    or the front end's sources change; not for a front-end test."""
    from types import SimpleNamespace

    (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / name).write_text("first version", encoding="utf-8")
    monkeypatch.setattr(freshness, "EXTENSION_DIR", tmp_path / "sphinx")
    monkeypatch.setattr(freshness, "FRONTEND_DIR", tmp_path / "frontend")
    app, config = SimpleNamespace(srcdir=str(tmp_path)), {}
    freshness.record_input_digests(app, config)
    first = config[freshness.SITE_CODE_DIGEST]
    (tmp_path / name).write_text("second version", encoding="utf-8")
    freshness.record_input_digests(app, config)
    assert first and (config[freshness.SITE_CODE_DIGEST] != first) == changes


def test_the_notebooks_inputs_are_the_runtime_package_not_the_book_tooling():
    """Editing the print edition or this extension must not re-execute every
    notebook: they live in the tooling package, outside the fingerprint."""
    assert freshness.PACKAGE_DIR.name == "learning_regions"
    assert freshness.EXTENSION_DIR not in freshness.PACKAGE_DIR.parents and not (
        freshness.EXTENSION_DIR.is_relative_to(freshness.PACKAGE_DIR)
    )
