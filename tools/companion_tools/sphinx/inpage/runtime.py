"""The in-page widgets' Python runtime: a lean, pre-compiled copy of the
Pyodide distribution (:mod:`..pyodide`), served at ``<site>/inpage-runtime/``.

Pyodide's own files come from the live notebooks' copy (``live/static/pyodide/``,
shared with them, so the browser caches them once); the widgets' packages
and standard library come from here:

* ``page-lock.json``: the distribution's lock with ipywidgets depending only
  on comm and traitlets (:mod:`learning_regions.inpage` stands in for
  IPython), and plotly pointing at a copy of its wheel without
  ``plotly.min.js``, the JupyterLab extension and sample data;
* pre-compiled: :func:`precompile_runtime` runs ``precompile.mjs`` under Node:
  Pyodide (the browser's CPython 3.14) runs :mod:`.trace`, which runs each
  widget's cells (from the manifest), works every control once, and rewrites
  the standard library and each wheel of the lock: traced modules become
  sourceless ``.pyc``, the sources of untraced ones move to
  ``python_deferred-<digest>.zip`` (fetched only when one is imported), and
  parts no widget reaches are left out.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import SphinxError
from sphinx.util import logging

from .. import pyodide
from ..pyodide import canonical, enabled, sha256, wheel_name_version
from . import manifest

LOGGER = logging.getLogger(__name__)

#: Under the site root: the page's lock, its wheels and standard library.
RUNTIME_DIR = "inpage-runtime"
PAGE_LOCK = "page-lock.json"
#: What the page's Python loads (with their dependencies in PAGE_LOCK).
PAGE_PACKAGES = ("learning-regions",)
#: ipywidgets' dependencies for the page: no IPython (learning_regions.inpage stands in for it).
PAGE_IPYWIDGETS_DEPENDS = ["comm", "traitlets"]
#: Files of plotly's wheel that Python never reads in the browser: plotly.js
#: itself (the page has its own bundle), the JupyterLab extension, sample data.
PLOTLY_TRIM = (
    "plotly/package_data/plotly.min.js",
    "plotly/package_data/widgetbundle.js",
    "plotly/package_data/datasets/",
    "plotly/labextension/",
)


class RuntimeBuildError(SphinxError):
    """The in-page runtime cannot be built; the message says where and what to do.
    A SphinxError: Sphinx prints its message as it is, without a traceback."""

    category = "The widgets on the book page could not be built"


def trimmed_wheel(wheel: Path, cache: Path, drop=PLOTLY_TRIM) -> Path:
    """A copy of ``wheel`` without the files in ``drop`` (prefixes), built once per wheel content."""
    name, version = wheel_name_version(wheel.name)
    folder = cache / sha256(wheel)[:16]
    target = folder / f"{name.replace('-', '_')}-{version}-0page-py3-none-any.whl"
    if target.is_file():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    with zipfile.ZipFile(wheel) as source, zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as out:
        kept = [i for i in source.infolist() if not _dropped(i.filename, drop)]
        names = {i.filename for i in kept}
        for info in kept:
            data = source.read(info)
            if info.filename.endswith(".dist-info/RECORD"):
                lines = data.decode().splitlines()
                data = ("\n".join(line for line in lines if line.split(",")[0] in names) + "\n").encode()
            out.writestr(info, data)
    partial.replace(target)
    return target


def _dropped(filename: str, drop: tuple[str, ...]) -> bool:
    top = filename.split("/", 1)[0]
    if top.endswith(".dist-info"):
        return False
    # <name>.data/ holds the JupyterLab extension's shared files.
    return top.endswith(".data") or filename.startswith(drop)


def write_page_lock(pyodide_folder: Path, cache: Path, widgets: list[dict] | None = None) -> Path:
    """Beside the distribution's lock in ``pyodide_folder``, one for the page's
    Python: the same wheels, but plotly trimmed, ipywidgets without IPython and, when the
    manifest's widgets are given, every wheel and the standard library
    pre-compiled (see :func:`precompile_runtime`)."""
    lock = json.loads((pyodide_folder / "pyodide-lock.json").read_text(encoding="utf-8"))
    packages = lock["packages"]
    by_name = {canonical(k): k for k in packages}
    plotly = packages[by_name["plotly"]]
    lean = trimmed_wheel(pyodide_folder / plotly["file_name"], cache)
    shutil.copy(lean, pyodide_folder / lean.name)
    plotly.update(file_name=lean.name, sha256=sha256(lean))
    packages[by_name["ipywidgets"]]["depends"] = list(PAGE_IPYWIDGETS_DEPENDS)
    target = pyodide_folder / PAGE_LOCK
    target.write_text(json.dumps(lock), encoding="utf-8")
    if widgets:
        precompile_runtime(pyodide_folder, target, cache / "pyc", widgets)
        # The lock now names plotly's pre-compiled copy: the trimmed one is not served.
        (pyodide_folder / lean.name).unlink()
    return target


PRECOMPILE_SCRIPT = Path(__file__).with_name("precompile.mjs")
PRECOMPILE_MODULE = Path(__file__).with_name("trace.py")
#: The page's standard library, pre-compiled; its name carries a digest of its content.
PAGE_STDLIB = "python_stdlib-{digest}.zip"
PAGE_DEFERRED = "python_deferred-{digest}.zip"
#: Modules no widget reaches, left out unless the trace saw them imported: the
#: standard library's debugger, REPL, test and process tools; plotly's trace
#: types, express and figure factories; narwhals' dataframe back ends.
STDLIB_DROP = (
    "_pyrepl/",
    "pdb.py",
    "pydoc.py",
    "pydoc_data/",
    "doctest.py",
    "unittest/",
    "multiprocessing/",
    "idlelib/",
    "tkinter/",
    "turtle.py",
    "turtledemo/",
    "curses/",
    "ensurepip/",
    "venv/",
    "xmlrpc/",
    "wsgiref/",
    "mailbox.py",
    "imaplib.py",
    "smtplib.py",
    "poplib.py",
    "ftplib.py",
    "dbm/",
    "profile.py",
    "cProfile.py",
    "pstats.py",
    "trace.py",
    "timeit.py",
    "tabnanny.py",
    "pyclbr.py",
    "zipapp.py",
    "bdb.py",
    "pickletools.py",
    "_pyio.py",
    "_pydatetime.py",
    "xml/",
    # single-byte and East Asian codecs (UTF-8, ASCII, Latin-1 and the traced ones stay)
    "encodings/cp",
    "encodings/mac_",
    "encodings/iso8859_",
    "encodings/koi8_",
    "encodings/kz1048",
    "encodings/ptcp154",
    "encodings/hp_roman8",
    "encodings/tis_620",
    "encodings/palmos",
    "encodings/big5",
    "encodings/euc_",
    "encodings/gb",
    "encodings/hz",
    "encodings/iso2022",
    "encodings/johab",
    "encodings/shift_jis",
    "encodings/mbcs",
    "encodings/oem",
)
WHEEL_DROP = {
    "plotly": ("plotly/graph_objs/", "plotly/express/", "plotly/figure_factory/", "plotly/matplotlylib/"),
    "narwhals": (
        "narwhals/_polars/",
        "narwhals/_dask/",
        "narwhals/_duckdb/",
        "narwhals/_ibis/",
        "narwhals/_spark_like/",
        "narwhals/_sql/",
        "narwhals/_arrow/",
        "narwhals/_pandas_like/",
    ),
}
SITE_PACKAGES = "/lib/python3.14/site-packages/"
STDLIB_PREFIX = "/lib/python314.zip/"


def page_closure(lock: dict, roots=PAGE_PACKAGES) -> list[str]:
    """The lock's names of ``roots`` and what they depend on."""
    packages = lock["packages"]
    by_name = {canonical(k): k for k in packages}
    seen, todo = [], [canonical(r) for r in roots]
    while todo:
        name = by_name[canonical(todo.pop())]
        if name not in seen:
            seen.append(name)
            todo.extend(packages[name].get("depends", []))
    return sorted(seen)


def precompile_runtime(pyodide_folder: Path, page_lock: Path, cache: Path, widgets: list[dict]) -> dict:
    """Trace the manifest's widgets under Node's Pyodide and point ``page_lock`` at
    pre-compiled wheels and a pre-compiled standard library (made once per input).
    A widget the page could not build stops the build with :func:`failures_said`."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeBuildError(
            "Node.js is needed to pre-compile the page's Python: install nodejs (`make book` says how)"
        )
    lock = json.loads(page_lock.read_text(encoding="utf-8"))
    names = page_closure(lock)
    sources = [pyodide_folder / "python_stdlib.zip"] + [
        pyodide_folder / lock["packages"][n]["file_name"] for n in names
    ]
    # The package's data is not part of the key: a data edit keeps the traced,
    # pre-compiled code and swaps the new data in (with_data), in a second
    # instead of a new trace; layouts computed from other data are then not used.
    key = hashlib.sha256(
        json.dumps(widgets, sort_keys=True).encode()
        + PRECOMPILE_SCRIPT.read_bytes()
        + PRECOMPILE_MODULE.read_bytes()
        + repr((STDLIB_DROP, WHEEL_DROP)).encode()
        + "".join(code_digest(p) for p in sources).encode()
    ).hexdigest()[:16]
    folder = cache / key
    report_file = folder / "report.json"
    targets = {path: folder / _compiled_name(path) for path in sources}
    if not report_file.is_file():
        if cache.exists():
            shutil.rmtree(cache)
        folder.mkdir(parents=True)
        zips = [
            {
                "source": str(path),
                "target": str(target),
                "prefix": STDLIB_PREFIX if path.name == "python_stdlib.zip" else SITE_PACKAGES,
                "drop": list(
                    STDLIB_DROP
                    if path.name == "python_stdlib.zip"
                    else WHEEL_DROP.get(canonical(wheel_name_version(path.name)[0]), ())
                ),
                # the package's wheel also carries the layouts its widgets computed while traced
                "layouts": path.name.startswith("learning_regions-"),
            }
            for path, target in targets.items()
        ]
        request = folder / "request.json"
        request.write_text(
            json.dumps(
                {
                    "pyodide": str(pyodide_folder),
                    "lock": str(page_lock),
                    "packages": list(PAGE_PACKAGES),
                    "widgets": widgets,
                    "zips": zips,
                    "deferred": str(folder / "python_deferred.zip"),
                }
            ),
            encoding="utf-8",
        )
        result = subprocess.run([node, str(PRECOMPILE_SCRIPT), str(request)], capture_output=True, text=True)
        said = _last_json_line(result.stdout)
        if said is not None and said.get("failures"):
            shutil.rmtree(folder)
            raise RuntimeBuildError(failures_said(said["failures"]))
        if said is not None and said.get("error"):
            shutil.rmtree(folder)
            raise RuntimeBuildError(
                "pre-compiling the page's Python failed; Pyodide (under Node) said:\n" + said["error"]
            )
        if result.returncode != 0 or said is None or not all(t.is_file() for t in targets.values()):
            shutil.rmtree(folder, ignore_errors=True)
            # Minified runtime source quoted in a stack trace helps no reader: said lines only.
            lines = [line for line in (result.stdout + result.stderr).strip().splitlines() if len(line) < 500]
            raise RuntimeBuildError(
                "pre-compiling the page's Python failed (Node and Pyodide said, last lines):\n" + "\n".join(lines[-20:])
            )
        report_file.write_text(json.dumps(said), encoding="utf-8")
    for path, target in targets.items():
        if path.name == "python_stdlib.zip":
            stdlib = PAGE_STDLIB.format(digest=sha256(target)[:10])
            shutil.copy(target, pyodide_folder / stdlib)
            continue
        if path.name.startswith("learning_regions-"):
            with_data(target, path, pyodide_folder / target.name)
        else:
            shutil.copy(target, pyodide_folder / target.name)
        target = pyodide_folder / target.name
        entry = next(e for e in lock["packages"].values() if e["file_name"] == path.name)
        entry.update(file_name=target.name, sha256=sha256(target))
    lock["info"]["lr_stdlib"] = stdlib  # the worker reads it to ask for the pre-compiled standard library
    report = json.loads(report_file.read_text(encoding="utf-8"))
    deferred = PAGE_DEFERRED.format(digest=sha256(folder / "python_deferred.zip")[:10])
    shutil.copy(folder / "python_deferred.zip", pyodide_folder / deferred)
    # The sources no widget imported: fetched by the page only if one is (learning_regions.inpage.deferred).
    lock["info"]["lr_deferred"] = {"file": deferred, "files": report["deferred"]}
    page_lock.write_text(json.dumps(lock), encoding="utf-8")
    return report


DATA_IN_WHEEL = "learning_regions/_data/"


def code_digest(path: Path) -> str:
    """A zip's content without the package's data (for the pre-compilation's key)."""
    digest = hashlib.sha256()
    with zipfile.ZipFile(path) as archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            if info.filename.startswith(DATA_IN_WHEEL) or info.filename.endswith(".dist-info/RECORD"):
                continue
            digest.update(info.filename.encode() + b"\0" + archive.read(info))
    return digest.hexdigest()


def with_data(compiled: Path, source: Path, target: Path) -> None:
    """``compiled`` (the package's pre-compiled wheel) with the data of ``source``
    (the package's wheel as built now), written to ``target``; RECORD follows."""
    with (
        zipfile.ZipFile(compiled) as code,
        zipfile.ZipFile(source) as data,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out,
    ):
        record_name, lines = None, []

        def put(name: str, content: bytes) -> None:
            out.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), content, zipfile.ZIP_DEFLATED)
            hashed = base64.urlsafe_b64encode(hashlib.sha256(content).digest()).rstrip(b"=").decode()
            lines.append(f"{name},sha256={hashed},{len(content)}")

        for info in code.infolist():
            if info.filename.endswith(".dist-info/RECORD"):
                record_name = info.filename
            elif not info.filename.startswith(DATA_IN_WHEEL):
                put(info.filename, code.read(info))
        for info in data.infolist():
            if info.filename.startswith(DATA_IN_WHEEL) and not info.is_dir():
                put(info.filename, data.read(info))
        if record_name:
            out.writestr(
                zipfile.ZipInfo(record_name, date_time=(1980, 1, 1, 0, 0, 0)),
                "\n".join([*lines, f"{record_name},,"]) + "\n",
                zipfile.ZIP_DEFLATED,
            )


def _last_json_line(text: str) -> dict | None:
    for line in reversed(text.strip().splitlines()):
        try:
            value = json.loads(line)
        except ValueError:
            continue
        return value if isinstance(value, dict) else None
    return None


def failures_said(failures: list[dict]) -> str:
    """One plain paragraph per widget that failed: where first, then the cause, then what to do."""
    lines = [f"{len(failures)} widget(s) could not be built for the book page, as its Python runs them:"]
    for fault in failures:
        lines.append(f"- {fault['where']}: {fault['message']}")
        if fault.get("hint"):
            lines.append(f"  What to do: {fault['hint']}.")
    lines.append(
        "The same cells may run in JupyterLab; on the page they run in the browser's Python, "
        "without IPython (see docs/in-page-runtime.md: the rules a widget cell follows)."
    )
    return "\n".join(lines)


def _compiled_name(path: Path) -> str:
    if path.suffix == ".zip":
        return path.name
    name, version = wheel_name_version(path.name)
    return f"{name.replace('-', '_')}-{version}-1pyc-py3-none-any.whl"


def published_files(lock: dict) -> list[str]:
    """The files of ``lock`` the page fetches: its packages' wheels, the
    pre-compiled standard library and the deferred sources."""
    names = [lock["packages"][name]["file_name"] for name in page_closure(lock)]
    info = lock.get("info", {})
    if info.get("lr_stdlib"):
        names.append(info["lr_stdlib"])
    if info.get("lr_deferred"):
        names.append(info["lr_deferred"]["file"])
    return names


def build_runtime(app: Sphinx, exception) -> None:
    """build-finished, after the distribution is staged: the page's runtime,
    pre-compiled for the widgets of the manifest, into ``<site>/inpage-runtime/``."""
    if exception is not None or app.builder.format != "html" or not enabled():
        return
    start = time.perf_counter()
    build_dir = Path(app.outdir).parent
    widgets = manifest.read(build_dir)
    work = manifest.folder(build_dir) / "work"
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(build_dir / pyodide.STAGED, work)
    lock_path = write_page_lock(work, build_dir / "jupyterlite-wheels" / "page", widgets)
    lock = json.loads(lock_path.read_text(encoding="utf-8"))
    target = Path(app.outdir) / RUNTIME_DIR
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in [PAGE_LOCK, *published_files(lock)]:
        shutil.copy(work / name, target / name)
    LOGGER.info(
        "in-page runtime: %d widgets on %d pages (%.1f s)",
        len(widgets),
        len({w["page"] for w in widgets}),
        time.perf_counter() - start,
    )
