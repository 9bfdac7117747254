"""The book's data tables, readable from the site.

The pages name the tables the companion reads (``data/case_facts.csv`` in
running text, as code): a reader on the site had no way to open them. The
build copies ``data/``'s tables and their dictionary into the site's
``data/`` folder, and each such name on a page becomes a link to its copy.
A name whose file does not exist stays plain text (the strict build's link
check would otherwise fail on it).
"""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

DATA_DIR = "data"
#: A table or the dictionary, named as the pages name them.
NAMED = re.compile(r"^data/(?P<name>[\w-]+\.(?:csv|json))$")


def _tables(srcdir: Path) -> list[Path]:
    folder = srcdir / DATA_DIR
    return sorted([*folder.glob("*.csv"), *folder.glob("datapackage.json")]) if folder.is_dir() else []


def link_data_files(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Make each ``data/<table>.csv`` literal on the page a link to the site's copy."""
    if app.builder.format != "html":
        return
    present = {path.name for path in _tables(Path(app.srcdir))}
    here = posixpath.dirname(docname)
    for literal in list(doctree.findall(nodes.literal)):
        match = NAMED.match(literal.astext())
        if not match or match["name"] not in present or isinstance(literal.parent, nodes.reference):
            continue
        uri = posixpath.relpath(f"{DATA_DIR}/{match['name']}", here or ".")
        link = nodes.reference("", "", internal=True, refuri=uri, classes=["lr-data-file"])
        literal.replace_self(link)
        link += literal


def copy_data_files(app: Sphinx, exception: Exception | None) -> None:
    """Copy the tables and their dictionary into the site's ``data/``."""
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / DATA_DIR
    target.mkdir(parents=True, exist_ok=True)
    for path in _tables(Path(app.srcdir)):
        shutil.copyfile(path, target / path.name)


__all__ = ["copy_data_files", "link_data_files"]
