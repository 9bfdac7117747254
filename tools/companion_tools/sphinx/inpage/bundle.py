"""The in-page widgets' front end: the bundle and the page's script tag.

The bundle (``live-widgets-<digest>.js/.css``: the Jupyter widgets HTML
manager, the comm bridge and the Plotly renderer) is made by the pinned
esbuild from the pinned npm packages; nothing built is committed. On a page
with a widget container, ``live.js`` (deferred, small) is added with the URLs
it needs: the bundle, the worker, Pyodide and the page's lock.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from sphinx.application import Sphinx

from ..assets import OWN_STATIC, STATIC_SUBDIR
from ..jupyterlite import LIVE_DIR
from ..pyodide import enabled
from .containers import page_has_widget
from .runtime import PAGE_LOCK, PAGE_PACKAGES, RUNTIME_DIR

BUNDLE_ENTRY = OWN_STATIC / STATIC_SUBDIR / "live-widgets.js"
LOADER = f"{STATIC_SUBDIR}/live.js"
WORKER = f"{STATIC_SUBDIR}/live-worker.js"
ESBUILD_OPTIONS = (
    "--bundle", "--minify", "--format=iife", "--define:global=window",
    "--loader:.svg=dataurl", "--loader:.woff=empty", "--loader:.woff2=empty",
    "--loader:.ttf=empty", "--loader:.eot=empty", "--legal-comments=eof", "--log-level=warning",
)


class BundleError(RuntimeError):
    """The front end cannot be bundled; the message says what to do."""


def add_page_script(app: Sphinx, pagename, templatename, context, doctree) -> None:  # noqa: ANN001
    """On a page with a widget container, add live.js (deferred) with the URLs it needs."""
    if not page_has_widget(context.get("body", "")):
        return
    bundle = front_end_bundle(app)
    root = "../" * pagename.count("/")
    app.add_js_file(
        LOADER, loading_method="defer",
        **{
            "data-bundle": bundle["js"], "data-css": bundle["css"], "data-worker": "live-worker.js",
            "data-pyodide": f"{root}{LIVE_DIR}/static/pyodide/pyodide.mjs",
            "data-lock": f"{root}{RUNTIME_DIR}/{PAGE_LOCK}",
            "data-packages": ",".join(PAGE_PACKAGES),
            "data-runtime": runtime_identity(app, bundle["js"]),
        },
    )


def runtime_identity(app: Sphinx, bundle_js: str) -> str:
    """What names the page's Python (live.js gives it to the SharedWorker that
    runs it): the package's code and data, the worker script and the bundle.
    A page of a newer build never joins a Python an older page started."""
    from ..freshness import ENV_KEY, inputs_fingerprint

    inputs = getattr(app.env, ENV_KEY, None) or inputs_fingerprint()
    worker = hashlib.sha256((OWN_STATIC / WORKER).read_bytes()).hexdigest()[:8]
    return f"{inputs[:12]}-{worker}-{bundle_js.rsplit('-', 1)[-1].split('.')[0]}"


@lru_cache(maxsize=2)
def _bundle(root: Path, workdir: Path) -> tuple[Path, Path]:
    esbuild = root / "node_modules" / ".bin" / "esbuild"
    manager = root / "node_modules" / "@jupyter-widgets" / "html-manager"
    if not esbuild.exists() or not manager.is_dir():
        raise BundleError(f"{esbuild} or {manager} is missing: run `npm ci` in {root} (`make book` does this)")
    key = hashlib.sha256(
        BUNDLE_ENTRY.read_bytes() + (root / "package-lock.json").read_bytes() + " ".join(ESBUILD_OPTIONS).encode()
    ).hexdigest()[:12]
    folder = workdir / key
    js, css = folder / "live-widgets.js", folder / "live-widgets.css"
    if js.is_file() and css.is_file():
        return js, css
    if workdir.exists():
        shutil.rmtree(workdir)
    # html-manager falls back to ipywidgets 7's packages for old widgets: the
    # companion's are ipywidgets 8, so those copies are replaced by empty stubs.
    stub = folder / "stub7"
    (stub / "css").mkdir(parents=True)
    (stub / "index.js").write_text("module.exports = {};\n")
    for name in ("widgets-base.css", "labvariables.css"):
        (stub / "css" / name).write_text("")
    command = [
        str(esbuild), str(BUNDLE_ENTRY), *ESBUILD_OPTIONS, f"--outfile={js}",
        f"--alias:@jupyter-widgets/base7={stub}", f"--alias:@jupyter-widgets/controls7={stub}",
    ]
    result = subprocess.run(command, cwd=root, capture_output=True, text=True)
    if result.returncode != 0 or not js.is_file():
        raise BundleError("esbuild could not bundle the live widgets:\n" + (result.stdout + result.stderr)[-2000:])
    return js, css


def front_end_bundle(app: Sphinx) -> dict[str, str]:
    """Names (next to live.js) of the bundled JS and CSS, with a content digest."""
    js, css = _bundle(Path(app.srcdir), Path(app.outdir).parent / "live-widgets-bundle")
    names = {}
    for kind, path in (("js", js), ("css", css)):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
        names[kind] = f"live-widgets-{digest}.{kind}"
    return names


def copy_bundle(app: Sphinx, exception) -> None:  # noqa: ANN001
    """Write the bundle into _static; the bundle's entry (a source) is not served."""
    if exception is not None or app.builder.format != "html" or not enabled():
        return
    folder = Path(app.outdir) / "_static" / STATIC_SUBDIR
    (folder / BUNDLE_ENTRY.name).unlink(missing_ok=True)
    names = front_end_bundle(app)
    js, css = _bundle(Path(app.srcdir), Path(app.outdir).parent / "live-widgets-bundle")
    for old in folder.glob("live-widgets-*.*"):
        if old.name not in names.values():
            old.unlink()
    for kind, source in (("js", js), ("css", css)):
        target = folder / names[kind]
        if not target.is_file():
            shutil.copyfile(source, target)
