"""Re-execute the notebooks when the code or data they use changes, and only those.

myst-nb's execution cache recognises a notebook by its own cells. The book's
notebooks call into the runtime package and read ``data/``; editing a chart
function or a CSV file leaves every notebook's cells as they were, so the
cache would keep serving the old outputs. Here:

* the runtime package's code is fingerprinted, and the fingerprint names the
  execution cache folder: new code means a new, empty cache (the previous
  folders are removed) and every notebook is executed again;
* data is followed per notebook: while the build runs a notebook, the loader
  lists the tables it reads (``LEARNING_REGIONS_READS``, see :mod:`.kernels`),
  and the next build re-executes a notebook only when one of *its* tables (or
  the data dictionary) changed: its cache record is dropped and Sphinx reads
  it again. A notebook whose reads are not known yet counts as reading every
  table.

A rebuild with nothing changed keeps everything, and re-executes nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

import learning_regions
from learning_regions.loader import DESCRIPTOR, data_dir

from . import kernels
from .kernels import cells_digest

LOGGER = logging.getLogger(__name__)
#: The runtime package the notebooks import.
PACKAGE_DIR = Path(learning_regions.__file__).parent
ENV_KEY = "learning_regions_inputs_fingerprint"
#: docname -> [tables it read (None: unknown, so all), digest of them], at the last build.
NOTEBOOK_INPUTS = "learning_regions_notebook_inputs"
#: In the execution cache folder: notebook (digest of its cells) -> tables it read.
READS = "tables-read.json"


def inputs_fingerprint() -> str:
    """A digest of the runtime package's code, and of the colour the charts take
    (companion_colour, handed to the kernels): what every notebook's output can depend on."""
    from .theme import ACCENT_ENV

    code = digest_of(p for p in PACKAGE_DIR.rglob("*.py") if "__pycache__" not in p.parts)
    return hashlib.sha256(f"{code} {os.environ.get(ACCENT_ENV, '')}".encode()).hexdigest()[:16]


def reads_store(app: Sphinx) -> Path | None:
    config = getattr(app.env, "mystnb_config", None)
    if config is None or not config.execution_cache_path:
        return None
    return Path(config.execution_cache_path) / READS


def load_reads(store: Path | None) -> dict[str, list[str]]:
    if store is None or not store.is_file():
        return {}
    try:
        return json.loads(store.read_text(encoding="utf-8"))
    except ValueError:
        return {}


def data_digest(tables: list[str] | None, folder: Path | None = None) -> str:
    """The data a notebook depends on: the dictionary and the files of ``tables``
    (None: every file of the data folder)."""
    folder = folder or data_dir()
    if tables is None:
        return digest_of(p for p in folder.iterdir() if p.is_file())
    descriptor = json.loads((folder / DESCRIPTOR).read_text(encoding="utf-8"))
    paths = {r["name"]: folder / r["path"] for r in descriptor.get("resources", [])}
    return digest_of([folder / DESCRIPTOR, *(paths[t] for t in sorted(set(tables)) if t in paths)])


def use_fingerprinted_cache(app: Sphinx) -> None:
    """Point myst-nb's execution cache at a folder named by the code's fingerprint,
    and tell the build's kernels where to list the tables each notebook reads."""
    config = getattr(app.env, "mystnb_config", None)
    if config is None or not config.execution_cache_path:
        return
    fingerprint = inputs_fingerprint()
    root = Path(config.execution_cache_path)
    if root.name.startswith("inputs-"):
        root = root.parent
    for old in root.glob("inputs-*") if root.is_dir() else []:
        if old.name != f"inputs-{fingerprint}":
            shutil.rmtree(old, ignore_errors=True)
    app.env.mystnb_config = config.copy(execution_cache_path=str(root / f"inputs-{fingerprint}"))
    kernels.READS_STORE = reads_store(app)


def notebook_docs(env: BuildEnvironment) -> list[str]:
    return sorted(doc for doc in env.found_docs if str(env.doc2path(doc)).endswith(".ipynb"))


def forget_executions(app: Sphinx, paths: list[Path]) -> None:
    """Drop the execution cache's records of these notebooks, so they run again."""
    import nbformat
    from jupyter_cache import get_cache

    config = app.env.mystnb_config
    cache = get_cache(config.execution_cache_path)
    for path in paths:
        try:
            record = cache.match_cache_notebook(nbformat.read(str(path), as_version=4))
        except (KeyError, OSError):  # not cached (or gone): it runs anyway
            continue
        cache.remove_cache(record.pk)


def outdate_notebooks_on_new_inputs(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    """env-get-outdated: every notebook on new code; on new data, those that read it."""
    fingerprint = inputs_fingerprint()
    previous = getattr(env, ENV_KEY, None)
    setattr(env, ENV_KEY, fingerprint)
    notebooks = notebook_docs(env)
    before = getattr(env, NOTEBOOK_INPUTS, None) or {}
    stale = []
    for doc in notebooks:
        if doc in before:  # the tables it read at its last execution, and their digest then
            tables, recorded = before[doc]
            if data_digest(tables) != recorded:
                stale.append(doc)
    if previous is not None and previous != fingerprint:
        LOGGER.info("package code changed: re-executing %d notebooks", len(notebooks))
        return notebooks
    if stale:
        LOGGER.info("data changed: re-executing %s (they read the changed tables)", ", ".join(stale))
        forget_executions(app, [Path(env.doc2path(doc)) for doc in stale])
    return stale


def record_notebook_inputs(app: Sphinx, env: BuildEnvironment) -> None:
    """env-updated (every notebook read, and run if it had to be): what each
    notebook read and the digest of it, for the next build's comparison."""
    reads = load_reads(reads_store(app))
    inputs = {}
    for doc in notebook_docs(env):
        path = Path(env.doc2path(doc))
        key = cells_digest(json.loads(path.read_text(encoding="utf-8"))) if path.is_file() else ""
        tables = reads.get(key)
        inputs[doc] = [tables, data_digest(tables)]
    setattr(env, NOTEBOOK_INPUTS, inputs)


TOC_DIGEST = "learning_regions_toc_digest"
SITE_CODE_DIGEST = "learning_regions_site_code_digest"
#: This extension: its code, CSS and JavaScript shape every page.
EXTENSION_DIR = Path(__file__).parent
#: The book's browser code and its build (frontend/: src/, build.mjs, the trace list; not its tests).
FRONTEND_DIR = EXTENSION_DIR.parents[2] / "frontend"


def digest_of(paths) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.as_posix().encode("utf-8"))
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def record_input_digests(app: Sphinx, config) -> None:
    """Make changes Sphinx does not notice into configuration changes.

    * An edited _toc.yml: pages would keep their old numbering and neighbours
      until a clean build. As a config value of kind "env", its digest makes
      Sphinx re-read every page.
    * This extension's own code and the front end's sources (frontend/): they
      shape every page (scripts, styles, fixes, links), but Sphinx rewrites
      only pages whose source changed, and with no page outdated it does not
      even copy static files, so an edited charts.js never reached the site.
      As a config value of kind "html", their digest rewrites every page and
      copies the files.
    """
    toc = Path(app.srcdir) / "_toc.yml"
    config[TOC_DIGEST] = digest_of([toc]) if toc.is_file() else ""
    front_end = [
        p for p in FRONTEND_DIR.rglob("*") if p.is_file() and "test" not in p.relative_to(FRONTEND_DIR).parts[:1]
    ]
    config[SITE_CODE_DIGEST] = digest_of(
        [p for p in EXTENSION_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts] + front_end
    )
