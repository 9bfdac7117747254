"""Live notebooks in the reader's browser: JupyterLite with a Pyodide kernel,
served entirely by the site itself (no CDN, no PyPI at run time).

At build time, for the HTML builder, after the Pyodide distribution is staged
(:mod:`.pyodide`):

1. **Stage** ``_build/jupyterlite/``: the configuration in ``jupyterlite/``
   and the staged Pyodide distribution as its ``static/pyodide/``.
2. **Build** ``<site>/live/`` with ``jupyter lite build`` (the Notebook app
   and its file list only, no source maps), skipped when nothing it uses has
   changed.
3. **Link** every notebook page to its live copy, or, for a notebook of
   :data:`NOT_LIVE` (the pandas lesson), say why it has none.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import time
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from . import lite_markdown, pyodide
from .pyodide import PyodideStageError, enabled, sha256

LOGGER = logging.getLogger(__name__)

LIVE_DIR = "live"  # under the site root; not "lite": JupyterLite skips contents in folders so named
#: Notebooks the live site leaves out, and why: their page says so where the
#: live button would be. The pandas lesson needs pandas, which the offline
#: browser kernel does not carry (Pyodide's pandas is not among the wheels
#: the site serves, and would add megabytes to every live visit).
NOT_LIVE = {
    "the-data": (
        "This lesson has no live copy in the browser: it uses pandas, which the in-browser Python "
        "does not have. Open it in JupyterLab, Binder, a JupyterHub or Colab (the launch menu at the "
        "top of the page) to run it."
    ),
}


def stage(root: Path, build_dir: Path) -> Path:
    """Assemble the JupyterLite source folder from the staged Pyodide distribution; returns it."""
    staging = build_dir / "jupyterlite"
    if staging.exists():
        shutil.rmtree(staging)
    (staging / "static").mkdir(parents=True)
    shutil.copy(root / "jupyterlite" / "jupyter-lite.json", staging / "jupyter-lite.json")
    shutil.copytree(build_dir / pyodide.STAGED, staging / "static" / "pyodide")
    return staging


def swappable(path: Path) -> bool:
    """The companion's own wheel and the lock that names it: what a data or code
    edit changes, and what can be replaced in a built site without building it again."""
    return path.name == "pyodide-lock.json" or path.name.startswith("learning_regions-")


def inputs_digest(staging: Path, notebooks: list[Path], *, shell: bool = False) -> str:
    """What the live site is built from (``shell``: all of it but the swappable files)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in staging.rglob("*") if p.is_file()) + sorted(notebooks):
        if shell and swappable(path):
            continue
        digest.update(path.name.encode())
        digest.update(sha256(path).encode())
    from jupyterlite_core import __version__ as lite_version

    digest.update(lite_version.encode())
    return digest.hexdigest()


def build_site(staging: Path, notebooks: list[Path], output: Path) -> str:
    """Run ``jupyter lite build`` unless its inputs are unchanged ("unchanged"),
    or only the companion's wheel changed ("updated": the wheel and the lock are
    copied into the built site, in a second instead of a build); "built" else."""
    stamp = output / ".lr-inputs"
    # The notebooks' live copies are written from them, the bibliography and this code.
    root = notebooks[0].parent.parent if notebooks else staging
    bib = root / "book" / "references.bib"
    sources = [*notebooks, *([bib] if bib.is_file() else []), Path(lite_markdown.__file__)]
    digest, shell = inputs_digest(staging, sources), inputs_digest(staging, sources, shell=True)
    before = stamp.read_text().split() if stamp.is_file() else []
    if before[:1] == [digest]:
        return "unchanged"
    if before[1:2] == [shell] and (output / "static" / "pyodide").is_dir():
        target = output / "static" / "pyodide"
        for old in target.glob("learning_regions-*"):
            old.unlink()
        for path in (staging / "static" / "pyodide").iterdir():
            if swappable(path):
                shutil.copy(path, target / path.name)
        stamp.write_text(f"{digest}\n{shell}\n")
        return "updated"
    contents = staging.parent / "jupyterlite-contents"
    if contents.exists():
        shutil.rmtree(contents)
    contents.mkdir()
    # The copies' Markdown without the book's MyST roles, which JupyterLite shows as written.
    refs = lite_markdown.citations(bib.read_text(encoding="utf-8")) if bib.is_file() else {}
    pages = lite_markdown.titles(root)
    for notebook in notebooks:
        lite_markdown.write_plain(notebook, contents / notebook.name, refs, pages)
    if output.exists():
        shutil.rmtree(output)
    # A stale doit database makes jupyter lite build skip tasks and fall back
    # to Pyodide's CDN: start every build without one.
    (staging / ".jupyterlite.doit.db").unlink(missing_ok=True)
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lite",
        "build",
        "--lite-dir",
        str(staging),
        "--contents",
        str(contents),
        "--output-dir",
        str(output),
        "--apps",
        "notebooks",
        "--apps",
        "tree",
        "--no-sourcemaps",
        "--no-unused-shared-packages",
    ]
    result = subprocess.run(command, cwd=staging, capture_output=True, text=True)
    (staging / ".jupyterlite.doit.db").unlink(missing_ok=True)
    if result.returncode != 0:
        raise PyodideStageError("jupyter lite build failed:\n" + (result.stdout + result.stderr)[-3000:])
    stamp.write_text(f"{digest}\n{shell}\n")
    return "built"


# JupyterLite always ships doc/tree/ and doc/workspaces/, pages that send the
# browser on to the JupyterLab app (lab/), which this site does not build: a
# 404 (and doc/tree/ without a query string reloads itself for ever). Our own
# pages send it to the apps we do build: a notebook to the Notebook app, the
# rest to the file tree.
LAB_REDIRECT = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Live notebooks</title>
<script>
  (function () {
    var path = new URLSearchParams(window.location.search).get("path") || "";
    var target = /\\.ipynb$/.test(path) ? "../../notebooks/index.html?path=" + encodeURIComponent(path)
                                        : "../../tree/index.html";
    window.location.replace(new URL(target, window.location.href).href);
  })();
</script>
</head>
<body><p><a href="../../tree/index.html">The live notebooks</a></p></body>
</html>
"""


def replace_lab_redirects(output: Path) -> None:
    for folder in ("tree", "workspaces"):
        page = output / "doc" / folder / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(LAB_REDIRECT, encoding="utf-8")


# --------------------------------------------------------------------- Sphinx


def notebook_sources(app: Sphinx) -> list[Path]:
    """The notebooks the live site carries (all but those of :data:`NOT_LIVE`)."""
    return sorted(p for p in (Path(app.srcdir) / "notebooks").glob("*.ipynb") if p.stem not in NOT_LIVE)


def build_live_site(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html" or not enabled():
        return
    start = time.perf_counter()
    staging = stage(Path(app.srcdir), Path(app.outdir).parent)
    ran = build_site(staging, notebook_sources(app), Path(app.outdir) / LIVE_DIR)
    replace_lab_redirects(Path(app.outdir) / LIVE_DIR)  # cheap, and kept true when only this module changed
    LOGGER.info("live notebooks: %s (%.1f s)", ran, time.perf_counter() - start)


def live_url(docname: str) -> str | None:
    """Relative link from a notebook page to its live copy."""
    if not docname.startswith("notebooks/") or docname.split("/", 1)[1] in NOT_LIVE:
        return None
    depth = docname.count("/")
    name = docname.split("/", 1)[1]
    return "../" * depth + f"{LIVE_DIR}/notebooks/index.html?path={name}.ipynb"


def add_live_link(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Put a 'run it live' link under the title of every notebook page."""
    if not docname.startswith("notebooks/") or not enabled() or app.builder.format != "html":
        return
    url = live_url(docname)
    title = next(iter(doctree.findall(nodes.title)), None)
    section = title.parent if title is not None else doctree
    if url is None:  # left out of the live site: say why instead
        reason = NOT_LIVE[docname.split("/", 1)[1]]
        link = nodes.raw("", f'<p class="lr-lite-link lr-not-lite">{reason}</p>', format="html")
    else:
        link = nodes.raw(
            "",
            '<p class="lr-lite-link"><a class="btn lr-lite-button" href="' + url + '">'
            "Run this notebook live in your browser</a> "
            "<span>No installation and no server: Python starts inside this browser tab "
            "(about 10 to 20 seconds the first time).</span></p>",
            format="html",
        )
    index = section.index(title) + 1 if title is not None else 0
    section.insert(index, link)
