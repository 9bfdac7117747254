"""Live notebooks in the reader's browser: JupyterLite with a Pyodide kernel,
served entirely by the site itself (no CDN, no PyPI at run time).

At build time, for the HTML builder:

1. **Stage** ``_build/jupyterlite/``: the configuration in ``jupyterlite/``;
   the Pyodide runtime from the pinned npm package (``node_modules/pyodide``);
   the wheels listed, with their hashes, in ``jupyterlite/wheels.txt``
   (downloaded from PyPI by pip, once, into ``_build/jupyterlite-wheels/``);
   and a wheel of this package (which carries ``data/``). Pyodide's
   ``pyodide-lock.json`` is rewritten so that every package the kernel loads
   points at a file we serve, and the companion's package (with plotly and
   ipywidgets) is preloaded when the kernel starts: notebooks need no install
   cell.
2. **Build** ``<site>/live/`` with ``jupyter lite build`` (the Notebook app
   and its file list only, no source maps), skipped when nothing it uses has
   changed.
3. **Link** every notebook page to its live copy, or, for a notebook of
   :data:`NOT_LIVE` (the pandas lesson), say why it has none.

Set ``LR_LIVE=0`` to build the book without the live notebooks (for example
with no access to PyPI); the browser tests then fail, by design.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

LOGGER = logging.getLogger(__name__)

LIVE_DIR = "live"  # under the site root; not "lite": JupyterLite skips contents in folders so named
PYODIDE_CORE = ("pyodide.asm.wasm", "pyodide.asm.mjs", "pyodide.mjs", "python_stdlib.zip")
# Packages (with their dependencies) that Pyodide's lock already names: the
# kernel's own start-up packages, and packaging, which plotly needs. We serve
# them at the lock's versions, as wheels from PyPI.
LOCK_PACKAGES = ("micropip", "ipython", "jedi", "packaging")
# What the companion's package needs at run time, with the dependencies the
# lock entry declares (only what is imported: ipywidgets' front-end packages
# are not needed in the kernel).
RUNTIME_DEPENDS = {
    "learning-regions": ["plotly", "ipywidgets"],
    "plotly": ["narwhals", "packaging"],
    "narwhals": [],
    "ipywidgets": ["comm", "ipython", "traitlets"],
    "comm": ["traitlets"],
}
PRELOAD = "learning-regions"
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


class LiveBuildError(RuntimeError):
    """Something the live notebooks need is missing; the message says what to do."""


def enabled() -> bool:
    return os.environ.get("LR_LIVE", "1") != "0"


def canonical(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def wheel_name_version(filename: str) -> tuple[str, str]:
    name, version = filename.split("-")[:2]
    return canonical(name), version


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def top_level_imports(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        tops = {name.split("/")[0] for name in archive.namelist()}
    names = {t[:-3] if t.endswith(".py") else t for t in tops if not t.endswith((".dist-info", ".data"))}
    return sorted(names)


def lock_closure(lock: dict, roots) -> set[str]:
    """The packages ``roots`` pull in through the lock's dependency lists."""
    packages = lock["packages"]
    seen: set[str] = set()
    stack = [canonical(r) for r in roots]
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        key = next((k for k in packages if canonical(k) == name), None)
        if key is None:
            raise LiveBuildError(f"Pyodide's lock has no package {name!r}")
        stack.extend(canonical(d) for d in packages[key].get("depends", []))
    return seen


# --------------------------------------------------------------------- wheels


def pinned_wheels(requirements: Path) -> dict[str, tuple[str, str]]:
    """name -> (version, sha256) from a hash-pinned requirements file."""
    pinned = {}
    for line in requirements.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            spec, _, digest = line.partition("--hash=sha256:")
            name, version = spec.split()[0].split("==")
            pinned[canonical(name)] = (version, digest.strip())
    return pinned


def cached_wheels(cache: Path, pinned: dict[str, tuple[str, str]]) -> dict[str, Path]:
    """The pinned wheels already in the cache, with the pinned content."""
    found = {}
    for wheel in cache.glob("*.whl"):
        name, version = wheel_name_version(wheel.name)
        if name in pinned and pinned[name] == (version, sha256(wheel)):
            found[name] = wheel
    return found


def download_wheels(root: Path, cache: Path) -> list[Path]:
    """The wheels of jupyterlite/wheels.txt, verified against their hashes.

    pip (which needs PyPI) runs only for wheels the cache lacks, so a rebuild
    works offline once the cache is filled.
    """
    requirements = root / "jupyterlite" / "wheels.txt"
    pinned = pinned_wheels(requirements)
    cache.mkdir(parents=True, exist_ok=True)
    if len(cached_wheels(cache, pinned)) < len(pinned):
        command = [
            sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
            "--no-deps", "--only-binary=:all:", "--platform", "any", "--python-version", "3.14",
            "--implementation", "py", "--abi", "none", "--require-hashes",
            "-r", str(requirements), "-d", str(cache),
        ]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise LiveBuildError(
                "Could not download the live notebooks' wheels listed in jupyterlite/wheels.txt "
                f"(pip needs PyPI once; later builds use {cache}). Set LR_LIVE=0 to build without them.\n"
                + result.stderr[-2000:]
            )
    found = cached_wheels(cache, pinned)
    missing = set(pinned) - set(found)
    if missing:
        raise LiveBuildError(f"pip did not leave the pinned wheels for {sorted(missing)} in {cache}")
    return list(found.values())


def build_own_wheel(root: Path, target: Path) -> Path:
    """A wheel of learning_regions (with data/ inside, see hatch_build.py),
    built again only when a file it is made from has changed."""
    from .freshness import digest_of

    sources = [p for p in (root / "learning_regions").rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    sources += [p for p in (root / "data").rglob("*") if p.is_file()]
    sources += [root / "pyproject.toml", root / "hatch_build.py"]
    folder = target / digest_of(sources)
    existing = next(folder.glob("learning_regions-*.whl"), None) if folder.is_dir() else None
    if existing is not None:
        return existing
    if target.exists():
        shutil.rmtree(target)  # wheels of earlier versions of the package
    folder.mkdir(parents=True)
    command = [sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check",
               "--no-deps", "--no-build-isolation", "-w", str(folder), str(root)]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise LiveBuildError("Could not build the companion's wheel:\n" + result.stderr[-2000:])
    return next(folder.glob("learning_regions-*.whl"))


# --------------------------------------------------------------------- lock


def rewrite_lock(lock: dict, wheels: list[Path], own_wheel: Path) -> dict:
    """Point the lock at the wheels we serve; add the runtime packages."""
    packages = lock["packages"]
    by_name = {canonical(k): k for k in packages}
    from_lock = lock_closure(lock, LOCK_PACKAGES)
    served = {wheel_name_version(w.name)[0]: w for w in [*wheels, own_wheel]}

    for name in sorted(from_lock):
        wheel = served.get(name)
        if wheel is None:
            raise LiveBuildError(f"jupyterlite/wheels.txt lacks {name}, which the kernel loads")
        entry = packages[by_name[name]]
        version = wheel_name_version(wheel.name)[1]
        if version != entry["version"]:
            raise LiveBuildError(
                f"jupyterlite/wheels.txt has {name} {version} but Pyodide's lock wants {entry['version']}: "
                "regenerate it with `make live-wheels`"
            )
        entry.update(file_name=wheel.name, sha256=sha256(wheel))

    for name, depends in RUNTIME_DEPENDS.items():
        wheel = served.get(name)
        if wheel is None:
            raise LiveBuildError(f"no wheel for {name}, which the live notebooks import")
        key = by_name.get(name, name)
        packages[key] = {
            "name": name,
            "version": wheel_name_version(wheel.name)[1],
            "file_name": wheel.name,
            "install_dir": "site",
            "package_type": "package",
            "sha256": sha256(wheel),
            "imports": top_level_imports(wheel),
            "depends": depends,
            "unvendored_tests": False,
        }
    # Whatever the kernel can load must be a file we serve, or it would try a CDN.
    for name in lock_closure(lock, [*LOCK_PACKAGES, PRELOAD]):
        entry = packages[by_name.get(name, name)]
        if entry["file_name"] not in {w.name for w in served.values()}:
            raise LiveBuildError(f"the live kernel would load {name} ({entry['file_name']}), which the site does not serve")
    return lock


# --------------------------------------------------------------------- stage


def stage(root: Path, staging: Path, wheel_cache: Path, pages: dict | None = None) -> Path:
    """Assemble the JupyterLite source folder; returns it. ``pages``: the widget
    pages' cells, for the book page's pre-compiled runtime (``live_widgets``)."""
    pyodide = root / "node_modules" / "pyodide"
    if not (pyodide / "pyodide-lock.json").is_file():
        raise LiveBuildError(f"{pyodide} is missing: run `npm ci` in {root} (`make book` does this)")
    target = staging / "static" / "pyodide"
    if staging.exists():
        shutil.rmtree(staging)
    target.mkdir(parents=True)
    shutil.copy(root / "jupyterlite" / "jupyter-lite.json", staging / "jupyter-lite.json")
    for name in PYODIDE_CORE:
        shutil.copy(pyodide / name, target / name)

    wheels = download_wheels(root, wheel_cache)
    own = build_own_wheel(root, wheel_cache / "own")
    lock = rewrite_lock(json.loads((pyodide / "pyodide-lock.json").read_text(encoding="utf-8")), wheels, own)
    for wheel in [*wheels, own]:
        shutil.copy(wheel, target / wheel.name)
    (target / "pyodide-lock.json").write_text(json.dumps(lock), encoding="utf-8")
    from .live_widgets import write_page_lock

    write_page_lock(target, wheel_cache / "page", pages)  # the lean runtime of the widgets on the book pages
    return staging


def inputs_digest(staging: Path, notebooks: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in staging.rglob("*") if p.is_file()) + sorted(notebooks):
        digest.update(path.name.encode())
        digest.update(sha256(path).encode())
    from jupyterlite_core import __version__ as lite_version

    digest.update(lite_version.encode())
    return digest.hexdigest()


def build_site(staging: Path, notebooks: list[Path], output: Path) -> bool:
    """Run ``jupyter lite build`` unless its inputs are unchanged. True if it ran."""
    stamp = output / ".lr-inputs"
    digest = inputs_digest(staging, notebooks)
    if stamp.is_file() and stamp.read_text() == digest:
        return False
    contents = staging.parent / "jupyterlite-contents"
    if contents.exists():
        shutil.rmtree(contents)
    contents.mkdir()
    for notebook in notebooks:
        shutil.copy(notebook, contents / notebook.name)
    if output.exists():
        shutil.rmtree(output)
    # A stale doit database makes jupyter lite build skip tasks and fall back
    # to Pyodide's CDN: start every build without one.
    (staging / ".jupyterlite.doit.db").unlink(missing_ok=True)
    command = [
        sys.executable, "-m", "jupyter", "lite", "build",
        "--lite-dir", str(staging), "--contents", str(contents), "--output-dir", str(output),
        "--apps", "notebooks", "--apps", "tree", "--no-sourcemaps", "--no-unused-shared-packages",
    ]
    result = subprocess.run(command, cwd=staging, capture_output=True, text=True)
    (staging / ".jupyterlite.doit.db").unlink(missing_ok=True)
    if result.returncode != 0:
        raise LiveBuildError("jupyter lite build failed:\n" + (result.stdout + result.stderr)[-3000:])
    stamp.write_text(digest)
    return True


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


def build_live_site(app: Sphinx, exception) -> None:  # noqa: ANN001
    if exception is not None or app.builder.format != "html" or not enabled():
        return
    root = Path(app.srcdir)
    build_dir = Path(app.outdir).parent
    from .live_widgets import page_cells

    pages = page_cells(Path(app.outdir))
    staging = stage(root, build_dir / "jupyterlite", build_dir / "jupyterlite-wheels", pages)
    ran = build_site(staging, notebook_sources(app), Path(app.outdir) / LIVE_DIR)
    replace_lab_redirects(Path(app.outdir) / LIVE_DIR)  # cheap, and kept true when only this module changed
    LOGGER.info("live notebooks: %s", "built" if ran else "unchanged")


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
        link = nodes.raw("", f'<p class="lr-live-link lr-not-live">{reason}</p>', format="html")
    else:
        link = nodes.raw(
            "",
            '<p class="lr-live-link"><a class="btn lr-live-button" href="' + url + '">'
            "Run this notebook live in your browser</a> "
            "<span>No installation and no server: Python starts inside this browser tab "
            "(about 10 to 20 seconds the first time).</span></p>",
            format="html",
        )
    index = section.index(title) + 1 if title is not None else 0
    section.insert(index, link)


# --------------------------------------------------------------------- pinning


def pinned_versions(requirements: Path) -> dict[str, str]:
    versions = {}
    for line in requirements.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            versions[canonical(name)] = version.split(";")[0].strip()
    return versions


def pin_wheels(root: Path) -> Path:
    """Write jupyterlite/wheels.txt: names, versions and sha256 of every wheel."""
    import tempfile

    lock = json.loads((root / "node_modules" / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))
    by_name = {canonical(k): v for k, v in lock["packages"].items()}
    book = pinned_versions(root / "requirements.txt")
    specs = {name: by_name[name]["version"] for name in lock_closure(lock, LOCK_PACKAGES)}
    specs.update({name: book[name] for name in RUNTIME_DEPENDS if name != PRELOAD})
    with tempfile.TemporaryDirectory() as folder:
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                   "--platform", "any", "--python-version", "3.14", "--implementation", "py", "--abi", "none",
                   "-d", folder, *(f"{n}=={v}" for n, v in sorted(specs.items()))]
        subprocess.run(command, check=True)
        hashes = {wheel_name_version(w.name)[0]: sha256(w) for w in Path(folder).glob("*.whl")}
    lines = [
        "# Every wheel the live (Pyodide) kernel loads, pinned by version and hash.",
        "# Start-up packages follow Pyodide's lock; the rest follow requirements.txt.",
        "# Generated by `make live-wheels` (learning_regions/sphinx/live.py); do not edit.",
    ]
    lines += [f"{name}=={version} --hash=sha256:{hashes[name]}" for name, version in sorted(specs.items())]
    target = root / "jupyterlite" / "wheels.txt"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


if __name__ == "__main__":
    if sys.argv[1:] == ["pin"]:
        print(f"wrote {pin_wheels(Path.cwd())}")
    else:
        raise SystemExit("usage: python -m learning_regions.sphinx.live pin   (from the repository root)")
