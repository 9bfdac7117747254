"""Re-execute the notebooks when the code or data they use changes.

myst-nb's execution cache recognises a notebook by its own cells. The book's
notebooks call into this package and read ``data/``; editing a chart function
or a CSV file leaves every notebook's cells as they were, so the cache would
keep serving the old outputs. Here the package's sources and the data files
are fingerprinted:

* the fingerprint names the execution cache folder, so new inputs mean a new,
  empty cache (the previous folders are removed);
* when the fingerprint differs from the last build's, every notebook is marked
  outdated so Sphinx reads, and therefore executes, it again.

A rebuild with nothing changed keeps both, and re-executes nothing.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

import learning_regions
from learning_regions.loader import data_dir

LOGGER = logging.getLogger(__name__)
#: The runtime package the notebooks import (its code and data are the notebooks' inputs).
PACKAGE_DIR = Path(learning_regions.__file__).parent
ENV_KEY = "learning_regions_inputs_fingerprint"


def inputs_fingerprint() -> str:
    """A digest of every file a notebook's output can depend on, besides itself."""
    files = sorted(PACKAGE_DIR.rglob("*.py")) + sorted(p for p in data_dir().rglob("*") if p.is_file())
    digest = hashlib.sha256()
    for path in files:
        if "__pycache__" in path.parts:
            continue
        digest.update(path.as_posix().encode("utf-8"))
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def use_fingerprinted_cache(app: Sphinx) -> None:
    """Point myst-nb's execution cache at a folder named by the fingerprint."""
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


def outdate_notebooks_on_new_inputs(
    app: Sphinx, env: BuildEnvironment, added, changed, removed  # noqa: ANN001
) -> list[str]:
    fingerprint = inputs_fingerprint()
    previous = getattr(env, ENV_KEY, None)
    setattr(env, ENV_KEY, fingerprint)
    if previous is None or previous == fingerprint:
        return []
    notebooks = sorted(doc for doc in env.found_docs if str(env.doc2path(doc)).endswith(".ipynb"))
    LOGGER.info("package or data changed: re-executing %d notebooks", len(notebooks))
    return notebooks


TOC_DIGEST = "learning_regions_toc_digest"
SITE_CODE_DIGEST = "learning_regions_site_code_digest"
#: This extension: its code, CSS and JavaScript shape every page.
EXTENSION_DIR = Path(__file__).parent
#: The book's browser code and its build (frontend/: src/, build.mjs, the trace list; not its tests).
FRONTEND_DIR = EXTENSION_DIR.parents[2] / "frontend"


def digest_of(paths) -> str:  # noqa: ANN001
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.as_posix().encode("utf-8"))
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def record_input_digests(app: Sphinx, config) -> None:  # noqa: ANN001
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
    front_end = [p for p in FRONTEND_DIR.rglob("*") if p.is_file() and "test" not in p.relative_to(FRONTEND_DIR).parts[:1]]
    config[SITE_CODE_DIGEST] = digest_of(
        [p for p in EXTENSION_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts] + front_end
    )
