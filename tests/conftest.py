"""Shared fixtures: paths, a local server for the built site, headless Chromium."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from hypothesis import settings

from companion_tools import chromium
from companion_tools.site_server import serve

# tiers.py: every test in one tier (make test-unit, test-site, ...). sphinx.testing:
# make_app for the Sphinx extension's tiny projects (test_sphinx_extension.py).
# pytester: test_tiers.py runs pytest on small test files.
pytest_plugins = ("tiers", "sphinx.testing.fixtures", "pytester")

# Property tests check what the code answers, not how fast: on a loaded 2-core
# machine one example can take 250 ms, past Hypothesis's 200 ms deadline.
# Speed is measured in benchmarks/, never asserted in tests.
settings.register_profile("no-deadline", deadline=None)
settings.load_profile("no-deadline")

ROOT = Path(__file__).resolve().parent.parent
# The built site under test; LR_SITE points elsewhere (e.g. a build made with
# `jupyter-book build . --path-output DIR`, whose site is DIR/_build/html).
SITE = Path(os.environ.get("LR_SITE", ROOT / "_build" / "html"))
DATA = ROOT / "data"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
CHROMIUM = chromium.EXECUTABLE


def site_pages() -> list[str]:
    """Every page of the book, relative to the site root. The live notebooks
    (live/, a JupyterLite app) have their own tests in test_live.py."""
    if not (SITE / "index.html").is_file():
        return []
    skip = {"_static", "_sources", "_images", "_downloads", "live"}
    return sorted(
        p.relative_to(SITE).as_posix() for p in SITE.rglob("*.html") if not skip.intersection(p.relative_to(SITE).parts)
    )


@pytest.fixture(scope="session")
def built_site() -> Path:
    if not (SITE / "index.html").is_file():
        pytest.fail(f"The site is not built ({SITE} has no index.html): run `make book` first, or use `make test`.")
    return SITE


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """The built site served on 127.0.0.1 at a free port, for the whole session."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless. A missing browser fails the tests, loudly."""
    try:
        chromium.executable()
    except chromium.ChromiumMissing as missing:
        pytest.fail(f"The browser tests need Chromium. {missing}")
    with chromium.browser() as headless:
        yield headless


def _digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="session", autouse=True)
def data_folder_is_never_modified():
    """Tests corrupt copies of data/, never data/ itself."""
    before = _digest(DATA)
    yield
    assert _digest(DATA) == before, "a test modified the files in data/"


@pytest.fixture()
def sent(monkeypatch):
    """The page's Python (learning_regions.inpage) installed in this process, with
    the messages it sends to the page collected; a fresh session before and after."""
    from learning_regions import inpage, loader

    # install() trusts the data folder for ever (the page's data never changes):
    # undone after each test, for the tests that edit data files.
    monkeypatch.setattr(loader, "RECHECK_AFTER_S", loader.RECHECK_AFTER_S)
    messages: list[dict] = []
    inpage.install(lambda text, buffers: messages.append(json.loads(text)))
    inpage.SESSION.reset()
    yield messages
    inpage.SESSION.reset()
