"""The book's front end: the repository's ``frontend/`` folder, built for the site.

Every browser file of the book (the chart and print scripts, the styles, the
in-page widgets' page controller, worker and widget bundle, the plotly.js
bundle) comes from ``frontend/src/`` and is made by one script,
``frontend/build.mjs`` (``npm run build``), with the pinned esbuild; all of
esbuild's options live there. This module runs that script once per Sphinx
build (config-inited), into ``<build>/frontend/`` next to the HTML, and serves
its ``static/`` folder as part of ``_static/`` (so the files are at
``_static/learning-regions/``). ``manifest.json`` names what was made, with
content digests where a name carries one. Nothing built is committed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from sphinx.application import Sphinx

#: The repository's front-end folder (beside tools/, where this package lives).
FRONTEND = Path(__file__).resolve().parents[3] / "frontend"
BUILD_SCRIPT = FRONTEND / "build.mjs"
#: Under _static/: the companion's own files.
STATIC_SUBDIR = "learning-regions"

#: Built files an earlier build may have left in the site: digest-named
#: bundles, and the in-page scripts' names before frontend/ (live*.js).
STALE = ("plotly-*.min.js", "inpage-widgets-*.*", "live.js", "live-worker.js", "live-widgets-*.*")

_manifests: dict[Path, dict] = {}


class FrontEndError(RuntimeError):
    """The front end cannot be built; the message says what to do."""


def out_dir(build_dir: Path) -> Path:
    """Where the front end is built for a book whose build folder is ``build_dir`` (``_build``)."""
    return build_dir / "frontend"


def build(out: Path) -> dict:
    """Run frontend/build.mjs into ``out`` (it does nothing when nothing changed); its manifest."""
    node = shutil.which("node")
    if node is None:
        raise FrontEndError("Node.js is needed to build the book's front end: install nodejs (`make book` says how)")
    if not (FRONTEND.parent / "node_modules" / "esbuild").is_dir():
        raise FrontEndError(f"esbuild is missing: run `npm ci` in {FRONTEND.parent} (`make book` does this)")
    result = subprocess.run([node, str(BUILD_SCRIPT), "--out", str(out)], capture_output=True, text=True)
    if result.returncode != 0:
        raise FrontEndError(
            "frontend/build.mjs could not build the front end:\n" + (result.stdout + result.stderr)[-2000:]
        )
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    _manifests[out] = manifest
    return manifest


def manifest(app: Sphinx) -> dict:
    """The manifest of this build's front end (built at config-inited)."""
    out = out_dir(Path(app.outdir).parent)
    return _manifests.get(out) or build(out)


def static_folder(build_dir: Path) -> Path:
    """The built files, as the site serves them under _static/learning-regions/."""
    return out_dir(build_dir) / "static" / STATIC_SUBDIR


def served(app: Sphinx, what: str) -> str:
    """The name under _static/ of a built file (``what``: a key of the manifest's files)."""
    return f"{STATIC_SUBDIR}/{manifest(app)['files'][what]}"


def build_and_serve(app: Sphinx, config) -> None:
    """config-inited: build the front end, and serve what it made under _static/."""
    out = out_dir(Path(app.outdir).parent)
    made = build(out)
    config.html_static_path.append(str(out / made["static"]))


def drop_stale_files(app: Sphinx, exception) -> None:
    """build-finished: files an earlier build copied into _static/learning-regions/
    (bundles under an older digest, the old live*.js) are not left in the site."""
    if exception is not None or app.builder.format != "html":
        return
    folder = Path(app.outdir) / "_static" / STATIC_SUBDIR
    current = set(manifest(app)["files"].values())
    for pattern in STALE:
        for old in folder.glob(pattern):
            if old.name not in current:
                old.unlink()
