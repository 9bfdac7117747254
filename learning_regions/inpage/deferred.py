"""Modules the book page's Python may import but almost never does, fetched
only when one is imported.

The book's build (``companion_tools.sphinx.inpage.trace``) traces what the
widget pages import. What they import ships pre-compiled; the source of every other
module of the standard library and the wheels moves into one more zip,
``python_deferred-<digest>.zip``, which the reader's browser downloads only if
a module in it is imported (a control the trace did not reach, an error path).
That keeps about 0.8 MB out of the first use of a live widget without taking
a module away.

:class:`DeferredSources` is a finder at the end of ``sys.meta_path``: it
answers only for the files listed in the zip, fetches the zip once (the
worker hands it a synchronous fetch), and lets ``zipimport`` do the rest.
Nothing here imports a browser module: the tests run it in CPython.
"""

from __future__ import annotations

import sys
import zipimport
from collections.abc import Callable, Iterable
from importlib.machinery import ModuleSpec

#: Where the fetched zip is written in the page's file system.
WHERE = "/lib/python_deferred.zip"


class DeferredSources:
    """A meta path finder for the modules whose source is in the deferred zip.

    ``files``: the zip's names (``email/feedparser.py``, ``plotly/io/_kaleido.py``);
    ``fetch``: a callable returning the zip's bytes (or a buffer with ``to_bytes``).
    A failed fetch is said once in ``failure`` and the import fails as usual
    (ModuleNotFoundError), which the widgets turn into a sentence."""

    def __init__(self, files: Iterable[str], fetch: Callable[[], object], where: str = WHERE):
        self.files = frozenset(files)
        self.fetch = fetch
        self.where = where
        self.fetched = False
        self.failure: str | None = None

    def find_spec(self, fullname: str, path: object = None, target: object = None) -> ModuleSpec | None:
        base = fullname.replace(".", "/")
        if base + ".py" not in self.files and base + "/__init__.py" not in self.files:
            return None
        if not self._fetch():
            return None
        folder = base.rpartition("/")[0]
        importer = zipimport.zipimporter(self.where + ("/" + folder if folder else ""))
        return importer.find_spec(fullname)

    def _fetch(self) -> bool:
        if self.fetched or self.failure is not None:
            return self.fetched
        try:
            data = self.fetch()
            data = data.to_bytes() if hasattr(data, "to_bytes") else bytes(data)
            with open(self.where, "wb") as out:
                out.write(data)
        except Exception as error:
            self.failure = f"{type(error).__name__}: {error}"
            return False
        self.fetched = True
        return True

    def invalidate_caches(self) -> None:
        """Nothing cached here (importlib calls this on every finder)."""


def install(files: Iterable[str], fetch: Callable[[], object], where: str = WHERE) -> DeferredSources:
    """Put a :class:`DeferredSources` last on ``sys.meta_path`` (once) and return it."""
    for finder in sys.meta_path:
        if isinstance(finder, DeferredSources):
            return finder
    finder = DeferredSources(files, fetch, where)
    sys.meta_path.append(finder)
    return finder


__all__ = ["WHERE", "DeferredSources", "install"]
