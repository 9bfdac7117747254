"""Widgets that go live on the book page itself (Python in the reader's tab).

Where a notebook cell's output is an ipywidget, the page shows the widget's
kernel-free view (the notebook's ``*_static_view()`` cell, moved into place)
and a button. Pressing it starts Pyodide in a Web Worker, from the files the
live notebooks already serve (``live/static/pyodide/``), runs the same cell
code as in JupyterLab and puts the real widget where the stand-in was. The
parts:

* this module, at build time: the container markup (``data-live-widget``,
  the button, an ``aria-live`` status, the cells' code as JSON), the script
  tag of ``live.js`` on those pages, the front-end bundle made by the pinned
  esbuild, and a lean runtime beside the live notebooks' one: a trimmed
  plotly wheel and a lock file whose ipywidgets needs no IPython;
* ``static/learning-regions/live.js`` (button, status, kept answers, faults),
  ``live-widgets.js`` (bundle entry: the HTML manager and the comm bridge),
  ``live-worker.js`` (Pyodide);
* ``learning_regions/page_runtime.py``: the Python side of the bridge.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
import subprocess
import zipfile
from functools import lru_cache
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from .assets import OWN_STATIC, STATIC_SUBDIR
from .live import LIVE_DIR, canonical, enabled, sha256, wheel_name_version

LIVE_ATTRIBUTE = "data-live-widget"
BUNDLE_ENTRY = OWN_STATIC / STATIC_SUBDIR / "live-widgets.js"
LOADER = f"{STATIC_SUBDIR}/live.js"
WORKER = f"{STATIC_SUBDIR}/live-worker.js"
PAGE_LOCK = "page-lock.json"
#: What the page's Python loads (with their dependencies in PAGE_LOCK).
PAGE_PACKAGES = ("learning-regions",)
#: ipywidgets' dependencies for the page: no IPython (page_runtime stands in for it).
PAGE_IPYWIDGETS_DEPENDS = ["comm", "traitlets"]
#: Files of plotly's wheel that Python never reads in the browser: plotly.js
#: itself (the page has its own bundle), the JupyterLab extension, sample data.
PLOTLY_TRIM = (
    "plotly/package_data/plotly.min.js",
    "plotly/package_data/widgetbundle.js",
    "plotly/package_data/datasets/",
    "plotly/labextension/",
)
ESBUILD_OPTIONS = (
    "--bundle", "--minify", "--format=iife", "--define:global=window",
    "--loader:.svg=dataurl", "--loader:.woff=empty", "--loader:.woff2=empty",
    "--loader:.ttf=empty", "--loader:.eot=empty", "--legal-comments=eof", "--log-level=warning",
)
LIVE_NOTE = (
    "This is the widget's view without Python. Press the button to run the real widget "
    "here: Python starts inside this browser, from this site's own files."
)


class LiveWidgetError(RuntimeError):
    """The live widgets cannot be built; the message says what to do."""


# --------------------------------------------------------------------- the page


def cell_source(cell: nodes.Element) -> str:
    block = next(iter(cell.findall(nodes.literal_block)), None)
    return block.astext() if block is not None else ""


def is_code_cell(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and node.get("nb_element") == "cell_code"


def container_html(key: str, cells: list[str], live_url: str | None) -> tuple[str, str]:
    """The opening and closing markup around a widget's stand-in."""
    code = json.dumps(cells).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    notebook = (f' or <a href="{html.escape(live_url, quote=True)}">open it as a notebook</a>' if live_url else "")
    opening = (
        f'<div class="lr-live" {LIVE_ATTRIBUTE}="{html.escape(key, quote=True)}">'
        '<div class="lr-live-bar">'
        '<button type="button" class="lr-live-start">Make this widget live</button>'
        ' <button type="button" class="lr-live-clear" hidden>Clear my answers</button>'
        ' <label class="lr-live-auto" hidden><input type="checkbox"> Start Python by itself on widget pages</label>'
        '<p class="lr-live-status" role="status" aria-live="polite"></p>'
        f'<p class="lr-live-note">{html.escape(LIVE_NOTE)} You can also use the notebook in JupyterLab{notebook}.</p>'
        "</div>"
        f'<script type="application/json" class="lr-live-cells">{code}</script>'
        '<div class="lr-live-slot" hidden></div>'
        '<div class="lr-live-stand-in">'
    )
    return opening, "</div></div>"


def add_live_containers(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Turn each widget cell's output into a live container holding the stand-in."""
    if app.builder.format != "html" or not enabled() or not docname.startswith("notebooks/"):
        return
    from .live import live_url

    cells = [node for node in doctree.findall(is_code_cell)]
    earlier: list[str] = []
    for index, cell in enumerate(cells):
        notices = [n for n in cell.findall(nodes.note) if "lr-widget-notice" in n["classes"]]
        if not notices:
            if cell.parent is not None and not _is_stand_in(cell):
                earlier.append(cell_source(cell))
            continue
        stand_in = next((c for c in cells[index + 1:] if _is_stand_in(c)), None)
        key = f"{docname.split('/', 1)[1]}/{index}"
        opening, closing = container_html(key, [*earlier, cell_source(cell)], live_url(docname))
        notice = notices[0]
        moved: list[nodes.Node] = []
        if stand_in is not None:
            for output in [n for n in stand_in.children if "cell_output" in n.get("classes", [])]:
                moved.extend(output.children)
                output.parent.remove(output)
            stand_in.parent.remove(stand_in)
        parent = notice.parent
        at = parent.index(notice)
        parent.remove(notice)
        new = [nodes.raw("", opening, format="html"), *moved, nodes.raw("", closing, format="html")]
        for offset, node in enumerate(new):
            parent.insert(at + offset, node)


def _is_stand_in(cell: nodes.Element) -> bool:
    return "_static_view(" in cell_source(cell)


def page_has_live_widget(body: str) -> bool:
    return f"{LIVE_ATTRIBUTE}=" in body


def add_live_script(app: Sphinx, pagename, templatename, context, doctree) -> None:  # noqa: ANN001
    """On a page with a live widget, add live.js (deferred) with the URLs it needs."""
    if not page_has_live_widget(context.get("body", "")):
        return
    bundle = front_end_bundle(app)
    root = "../" * pagename.count("/")
    app.add_js_file(
        LOADER, loading_method="defer",
        **{
            "data-bundle": bundle["js"], "data-css": bundle["css"], "data-worker": "live-worker.js",
            "data-pyodide": f"{root}{LIVE_DIR}/static/pyodide/pyodide.mjs",
            "data-lock": f"{root}{LIVE_DIR}/static/pyodide/{PAGE_LOCK}",
            "data-packages": ",".join(PAGE_PACKAGES),
            "data-runtime": runtime_identity(app, bundle["js"]),
        },
    )


def runtime_identity(app: Sphinx, bundle_js: str) -> str:
    """What names the page's Python (live.js gives it to the SharedWorker that
    runs it): the package's code and data, the worker script and the bundle.
    A page of a newer build never joins a Python an older page started."""
    from .freshness import ENV_KEY, inputs_fingerprint

    inputs = getattr(app.env, ENV_KEY, None) or inputs_fingerprint()
    worker = hashlib.sha256((OWN_STATIC / WORKER).read_bytes()).hexdigest()[:8]
    return f"{inputs[:12]}-{worker}-{bundle_js.rsplit('-', 1)[-1].split('.')[0]}"


# --------------------------------------------------------------------- the bundle


@lru_cache(maxsize=2)
def _bundle(root: Path, workdir: Path) -> tuple[Path, Path]:
    esbuild = root / "node_modules" / ".bin" / "esbuild"
    manager = root / "node_modules" / "@jupyter-widgets" / "html-manager"
    if not esbuild.exists() or not manager.is_dir():
        raise LiveWidgetError(f"{esbuild} or {manager} is missing: run `npm ci` in {root} (`make book` does this)")
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
        raise LiveWidgetError("esbuild could not bundle the live widgets:\n" + (result.stdout + result.stderr)[-2000:])
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


# --------------------------------------------------------------------- the lean runtime


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


def write_page_lock(pyodide_folder: Path, cache: Path, pages: dict[str, list[list[str]]] | None = None) -> Path:
    """Beside the live notebooks' lock, one for the page's Python: the same
    wheels, but plotly trimmed, ipywidgets without IPython and, when the
    widget pages' cells are given, every wheel and the standard library
    pre-compiled (see :mod:`precompile`)."""
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
    if pages:
        precompile_runtime(pyodide_folder, target, cache / "pyc", pages)
        # The lock now names plotly's pre-compiled copy: the trimmed one is not served.
        (pyodide_folder / lean.name).unlink()
    return target


# --------------------------------------------------------------------- pre-compiled bytecode

PRECOMPILE_SCRIPT = Path(__file__).with_name("precompile.mjs")
PRECOMPILE_MODULE = Path(__file__).with_name("precompile.py")
#: The page's standard library, pre-compiled; its name carries a digest of its content.
PAGE_STDLIB = "python_stdlib-{digest}.zip"
PAGE_DEFERRED = "python_deferred-{digest}.zip"
#: Modules no widget reaches, left out unless the trace saw them imported: the
#: standard library's debugger, REPL, test and process tools; plotly's trace
#: types, express and figure factories; narwhals' dataframe back ends.
STDLIB_DROP = (
    "_pyrepl/", "pdb.py", "pydoc.py", "pydoc_data/", "doctest.py", "unittest/", "multiprocessing/",
    "idlelib/", "tkinter/", "turtle.py", "turtledemo/", "curses/", "ensurepip/", "venv/", "xmlrpc/",
    "wsgiref/", "mailbox.py", "imaplib.py", "smtplib.py", "poplib.py", "ftplib.py", "dbm/", "profile.py",
    "cProfile.py", "pstats.py", "trace.py", "timeit.py", "tabnanny.py", "pyclbr.py", "zipapp.py",
    "bdb.py", "pickletools.py", "_pyio.py", "_pydatetime.py", "xml/",
    # single-byte and East Asian codecs (UTF-8, ASCII, Latin-1 and the traced ones stay)
    "encodings/cp", "encodings/mac_", "encodings/iso8859_", "encodings/koi8_", "encodings/kz1048",
    "encodings/ptcp154", "encodings/hp_roman8", "encodings/tis_620", "encodings/palmos", "encodings/big5",
    "encodings/euc_", "encodings/gb", "encodings/hz", "encodings/iso2022", "encodings/johab",
    "encodings/shift_jis", "encodings/mbcs", "encodings/oem",
)
WHEEL_DROP = {
    "plotly": ("plotly/graph_objs/", "plotly/express/", "plotly/figure_factory/", "plotly/matplotlylib/"),
    "narwhals": ("narwhals/_polars/", "narwhals/_dask/", "narwhals/_duckdb/", "narwhals/_ibis/",
                 "narwhals/_spark_like/", "narwhals/_sql/", "narwhals/_arrow/", "narwhals/_pandas_like/"),
}
SITE_PACKAGES = "/lib/python3.14/site-packages/"
STDLIB_PREFIX = "/lib/python314.zip/"


def page_cells(site: Path) -> dict[str, list[list[str]]]:
    """The cells each built widget page runs (its ``script.lr-live-cells``), by page."""
    pages: dict[str, list[list[str]]] = {}
    for page in sorted(site.glob("notebooks/*.html")):
        found = re.findall(r'<script type="application/json" class="lr-live-cells">(.*?)</script>',
                           page.read_text(encoding="utf-8"), re.S)
        if found:
            pages[page.stem] = [json.loads(cells) for cells in found]
    return pages


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


def precompile_runtime(pyodide_folder: Path, page_lock: Path, cache: Path, pages: dict) -> dict:
    """Trace the widget pages under Node's Pyodide and point ``page_lock`` at
    pre-compiled wheels and a pre-compiled standard library (made once per input)."""
    node = shutil.which("node")
    if node is None:
        raise LiveWidgetError("Node.js is needed to pre-compile the page's Python: install nodejs (`make book` says how)")
    lock = json.loads(page_lock.read_text(encoding="utf-8"))
    names = page_closure(lock)
    sources = [pyodide_folder / "python_stdlib.zip"] + [pyodide_folder / lock["packages"][n]["file_name"] for n in names]
    key = hashlib.sha256(json.dumps(pages, sort_keys=True).encode() + PRECOMPILE_SCRIPT.read_bytes()
                         + PRECOMPILE_MODULE.read_bytes() + repr((STDLIB_DROP, WHEEL_DROP)).encode()
                         + "".join(sha256(p) for p in sources).encode()).hexdigest()[:16]
    folder = cache / key
    report_file = folder / "report.json"
    targets = {path: folder / _compiled_name(path) for path in sources}
    if not report_file.is_file():
        if cache.exists():
            shutil.rmtree(cache)
        folder.mkdir(parents=True)
        zips = [{"source": str(path), "target": str(target),
                 "prefix": STDLIB_PREFIX if path.name == "python_stdlib.zip" else SITE_PACKAGES,
                 "drop": list(STDLIB_DROP if path.name == "python_stdlib.zip"
                              else WHEEL_DROP.get(canonical(wheel_name_version(path.name)[0]), ())),
                 # the package's wheel also carries the layouts its widgets computed while traced
                 "layouts": path.name.startswith("learning_regions-")}
                for path, target in targets.items()]
        request = folder / "request.json"
        request.write_text(json.dumps({
            "pyodide": str(pyodide_folder), "lock": str(page_lock), "packages": list(PAGE_PACKAGES),
            "pages": pages, "zips": zips, "deferred": str(folder / "python_deferred.zip")}), encoding="utf-8")
        result = subprocess.run([node, str(PRECOMPILE_SCRIPT), str(request)], capture_output=True, text=True)
        if result.returncode != 0 or not all(t.is_file() for t in targets.values()):
            raise LiveWidgetError("pre-compiling the page's Python failed:\n" + (result.stdout + result.stderr)[-3000:])
        report_file.write_text(result.stdout.strip().splitlines()[-1], encoding="utf-8")
    for path, target in targets.items():
        if path.name == "python_stdlib.zip":
            stdlib = PAGE_STDLIB.format(digest=sha256(target)[:10])
            shutil.copy(target, pyodide_folder / stdlib)
            continue
        shutil.copy(target, pyodide_folder / target.name)
        entry = next(e for e in lock["packages"].values() if e["file_name"] == path.name)
        entry.update(file_name=target.name, sha256=sha256(target))
    lock["info"]["lr_stdlib"] = stdlib  # the worker reads it to ask for the pre-compiled standard library
    report = json.loads(report_file.read_text(encoding="utf-8"))
    deferred = PAGE_DEFERRED.format(digest=sha256(folder / "python_deferred.zip")[:10])
    shutil.copy(folder / "python_deferred.zip", pyodide_folder / deferred)
    # The sources no widget imported: fetched by the page only if one is (learning_regions.deferred_sources).
    lock["info"]["lr_deferred"] = {"file": deferred, "files": report["deferred"]}
    page_lock.write_text(json.dumps(lock), encoding="utf-8")
    return report


def _compiled_name(path: Path) -> str:
    if path.suffix == ".zip":
        return path.name
    name, version = wheel_name_version(path.name)
    return f"{name.replace('-', '_')}-{version}-1pyc-py3-none-any.whl"


__all__ = ["LIVE_ATTRIBUTE", "add_live_containers", "add_live_script", "copy_bundle", "front_end_bundle",
           "page_cells", "precompile_runtime", "trimmed_wheel", "write_page_lock"]
