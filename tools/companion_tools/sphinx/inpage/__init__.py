"""The book build's half of the widgets that go live on the book page.

* :mod:`.containers` (doctree-resolved): each widget cell's output becomes a
  container with a button and the widget's kernel-free view (the next cell
  tagged ``static-view``), and is recorded in the manifest;
* :mod:`.manifest`: which page has which widget and the cells it runs
  (``_build/inpage/manifest.json``), for the runtime, the tests and the benchmark;
* :mod:`.bundle`: the front end (``live.js`` on widget pages, the bundle made by
  the pinned esbuild);
* :mod:`.runtime` (build-finished): the lean, pre-compiled Python the page runs
  (``<site>/inpage-runtime/``), traced by :mod:`.trace` under Node's Pyodide.

The Python the page runs is :mod:`learning_regions.inpage` (the runtime
package); ``docs/in-page-runtime.md`` describes the whole route.
"""
