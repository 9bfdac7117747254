"""The Pyodide distribution the site serves, for both routes that run Python
in the reader's browser: the live notebooks (:mod:`.jupyterlite`) and the
widgets made live on the book page (:mod:`.inpage`).

At build time, for the HTML builder, :func:`stage` assembles ``_build/pyodide/``:

* the Pyodide runtime from the pinned npm package (``node_modules/pyodide``);
* the wheels listed, with their hashes, in ``jupyterlite/wheels.txt``
  (downloaded from PyPI by pip, once, into ``_build/jupyterlite-wheels/``);
* a wheel of the companion's runtime package, ``learning_regions`` (which
  carries ``data/``; the book's tooling, this package, is not in it);
* Pyodide's ``pyodide-lock.json``, rewritten so that every package the
  kernel loads points at a file the site serves, with the companion's package
  (and plotly and ipywidgets) preloaded: notebooks need no install cell.

Set ``LR_LIVE=0`` to build the book without Python in the browser (for
example with no access to PyPI); the browser tests then fail, by design.

``python -m companion_tools.sphinx.pyodide pin`` (``make live-wheels``)
re-pins ``jupyterlite/wheels.txt``.
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

from sphinx.application import Sphinx

from ..addresses import WHEELS
from .freshness import digest_of

#: Where the staged distribution is, under the build folder (``_build``).
STAGED = "pyodide"

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


class PyodideStageError(RuntimeError):
    """Something Python in the browser needs is missing; the message says what to do."""


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
            raise PyodideStageError(f"Pyodide's lock has no package {name!r}")
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


def pure_wheel_download() -> list[str]:
    """pip's download of pure-Python wheels for Pyodide's Python (3.14), without
    their dependencies: what the live kernel and the page's Python can load."""
    return [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--quiet",
        "--disable-pip-version-check",
        "--no-deps",
        "--only-binary=:all:",
        "--platform",
        "any",
        "--python-version",
        "3.14",
        "--implementation",
        "py",
        "--abi",
        "none",
    ]


def download_wheels(root: Path, cache: Path) -> list[Path]:
    """The wheels of jupyterlite/wheels.txt, verified against their hashes.

    pip (which needs PyPI) runs only for wheels the cache lacks, so a rebuild
    works offline once the cache is filled.
    """
    requirements = root / "jupyterlite" / "wheels.txt"
    pinned = pinned_wheels(requirements)
    cache.mkdir(parents=True, exist_ok=True)
    if len(cached_wheels(cache, pinned)) < len(pinned):
        command = [*pure_wheel_download(), "--require-hashes", "-r", str(requirements), "-d", str(cache)]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise PyodideStageError(
                "Could not download the live notebooks' wheels listed in jupyterlite/wheels.txt "
                f"(pip needs PyPI once; later builds use {cache}). Set LR_LIVE=0 to build without them.\n"
                + result.stderr[-2000:]
            )
    found = cached_wheels(cache, pinned)
    missing = set(pinned) - set(found)
    if missing:
        raise PyodideStageError(f"pip did not leave the pinned wheels for {sorted(missing)} in {cache}")
    return list(found.values())


def build_own_wheel(root: Path, target: Path) -> Path:
    """A wheel of learning_regions (with data/ inside, see hatch_build.py),
    built again only when a file it is made from has changed."""
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
    command = [
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--quiet",
        "--disable-pip-version-check",
        "--no-deps",
        "--no-build-isolation",
        "-w",
        str(folder),
        str(root),
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise PyodideStageError("Could not build the companion's wheel:\n" + result.stderr[-2000:])
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
            raise PyodideStageError(f"jupyterlite/wheels.txt lacks {name}, which the kernel loads")
        entry = packages[by_name[name]]
        version = wheel_name_version(wheel.name)[1]
        if version != entry["version"]:
            raise PyodideStageError(
                f"jupyterlite/wheels.txt has {name} {version} but Pyodide's lock wants {entry['version']}: "
                "regenerate it with `make live-wheels`"
            )
        entry.update(file_name=wheel.name, sha256=sha256(wheel))

    for name, depends in RUNTIME_DEPENDS.items():
        wheel = served.get(name)
        if wheel is None:
            raise PyodideStageError(f"no wheel for {name}, which the live notebooks import")
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
            raise PyodideStageError(
                f"the live kernel would load {name} ({entry['file_name']}), which the site does not serve"
            )
    return lock


# --------------------------------------------------------------------- stage


def stage(root: Path, build_dir: Path) -> Path:
    """Assemble ``build_dir/pyodide/``: Pyodide's core files, the pinned wheels,
    the companion's wheel and the rewritten lock. Returns the folder."""
    pyodide = root / "node_modules" / "pyodide"
    if not (pyodide / "pyodide-lock.json").is_file():
        raise PyodideStageError(f"{pyodide} is missing: run `npm ci` in {root} (`make book` does this)")
    target = build_dir / STAGED
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in PYODIDE_CORE:
        shutil.copy(pyodide / name, target / name)
    wheel_cache = build_dir / "jupyterlite-wheels"
    wheels = download_wheels(root, wheel_cache)
    own = build_own_wheel(root, wheel_cache / "own")
    lock = rewrite_lock(json.loads((pyodide / "pyodide-lock.json").read_text(encoding="utf-8")), wheels, own)
    for wheel in [*wheels, own]:
        shutil.copy(wheel, target / wheel.name)
    (target / "pyodide-lock.json").write_text(json.dumps(lock), encoding="utf-8")
    return target


def stage_for_site(app: Sphinx, exception) -> None:
    """build-finished, before the live notebooks and the in-page runtime, which
    both use it. The companion's wheel is also published at ``<site>/wheels/``,
    where the notebooks' Colab cell installs it from (:mod:`..colab_cell`)."""
    if exception is not None or app.builder.format != "html" or not enabled():
        return
    staged = stage(Path(app.srcdir), Path(app.outdir).parent)
    wheels = Path(app.outdir) / WHEELS
    if wheels.exists():
        shutil.rmtree(wheels)
    wheels.mkdir()
    for wheel in staged.glob("learning_regions-*.whl"):
        shutil.copy(wheel, wheels / wheel.name)


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
        command = [*pure_wheel_download(), "-d", folder, *(f"{n}=={v}" for n, v in sorted(specs.items()))]
        subprocess.run(command, check=True)
        hashes = {wheel_name_version(w.name)[0]: sha256(w) for w in Path(folder).glob("*.whl")}
    lines = [
        "# Every wheel the live (Pyodide) kernel loads, pinned by version and hash.",
        "# Start-up packages follow Pyodide's lock; the rest follow requirements.txt.",
        "# Generated by `make live-wheels` (companion_tools/sphinx/pyodide.py); do not edit.",
    ]
    lines += [f"{name}=={version} --hash=sha256:{hashes[name]}" for name, version in sorted(specs.items())]
    target = root / "jupyterlite" / "wheels.txt"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


if __name__ == "__main__":
    if sys.argv[1:] == ["pin"]:
        print(f"wrote {pin_wheels(Path.cwd())}")
    else:
        raise SystemExit("usage: python -m companion_tools.sphinx.pyodide pin   (from the repository root)")
