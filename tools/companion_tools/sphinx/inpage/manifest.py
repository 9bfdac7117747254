"""The in-page widgets' manifest: which page has which widget, and its cells.

Written by the build, read by the build's pre-compilation (:mod:`.runtime`),
the tests and the benchmark, so that none of them has to find widgets in the
built HTML. Each page's entries are written while the page is written
(``pages/<page>.json``, so that an incremental build that does not rewrite a
page keeps them), and merged into ``manifest.json`` at the end of the build::

    {"version": 1, "widgets": [
        {"page": "notebooks/pnc-readings", "notebook": "notebooks/pnc-readings.ipynb",
         "cell": 5, "key": "pnc-readings/1", "cells": ["...", "..."], "static_view": true}, ...]}

``key`` names the widget's container on the page (``data-inpage-widget``);
``cell`` is the widget cell's index in the notebook (as JupyterLab counts,
from 0); ``cells`` is the code the page runs to build it: the notebook's code
cells up to and including the widget's, without the static-view cells;
``cell_indexes`` is where each of those cells is in the notebook (from 0), so
that a build error names the cell that raised as JupyterLab numbers it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

VERSION = 1
FOLDER = "inpage"  # under the build folder (_build)
MANIFEST = "manifest.json"


def folder(build_dir: Path) -> Path:
    return build_dir / FOLDER


def _page_file(build_dir: Path, page: str) -> Path:
    return folder(build_dir) / "pages" / (page.replace("/", "__") + ".json")


def record_page(build_dir: Path, page: str, widgets: list[dict]) -> None:
    """What one page holds (nothing: any earlier record of it is removed)."""
    path = _page_file(build_dir, page)
    if not widgets:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(widgets, indent=1), encoding="utf-8")


def write(build_dir: Path, pages: Iterable[str]) -> Path:
    """Merge the records of ``pages`` (the book's pages now) into the manifest."""
    widgets: list[dict] = []
    for page in sorted(pages):
        path = _page_file(build_dir, page)
        if path.is_file():
            widgets.extend(json.loads(path.read_text(encoding="utf-8")))
    target = folder(build_dir) / MANIFEST
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps({"version": VERSION, "widgets": widgets}, indent=1), encoding="utf-8")
    return target


def read(build_dir: Path) -> list[dict]:
    """The widgets of the last build (an empty list when there is no manifest)."""
    path = folder(build_dir) / MANIFEST
    if not path.is_file():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("version") != VERSION:
        raise ValueError(f"{path} has manifest version {data.get('version')!r}; this build reads version {VERSION}")
    return data["widgets"]
