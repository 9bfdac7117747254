"""Sphinx extension for the companion's book build (listed in _config.yml).

This module only wires the features into Sphinx; each lives in a module of its own:

* ``outputs``: Plotly and widget outputs become static HTML (myst-nb plugins,
  registered as entry points in tools/pyproject.toml, not here).
* ``frontend``: the repository's ``frontend/`` (every browser file of the book)
  built by ``frontend/build.mjs`` and served under ``_static/learning-regions/``.
* ``assets``: plotly.js (from the front end's build), once, on chart pages;
  topojson for maps from node_modules; each script written once per page.
* ``freshness``: notebooks re-execute when the package or data change; every
  page is re-read when _toc.yml changes, and rewritten when this extension's
  code, CSS or JavaScript change.
* ``pyodide``: the Pyodide distribution the site serves, for both routes that
  run Python in the reader's browser:
* ``jupyterlite``: the notebooks as a JupyterLite site in ``live/``, linked from
  every notebook page;
* ``inpage``: each widget cell's output becomes its kernel-free view with a
  button that runs the real widget on the page (Pyodide in a worker).
* ``icons``: the theme's icon fonts cut to the icons the pages use.
* ``kernels``: the notebooks' kernels get CurveZMQ keys (no plain-TCP
  warning per notebook in the build log).
* ``pdf_links``: each page's download menu links its chapter's PDF and the
  whole book's (written by ``make pdf``, companion_tools/print_edition).
* ``slim``: each page loads only the scripts it uses, and ``a11y`` fixes the
  theme's markup where axe-core finds WCAG failures; ``assets`` gives every
  page a favicon and a meta description.
* ``solution_search``: solutions and the widgets' answers stay out of the
  search index and out of the snippets on the search results page, whose
  results link to the section they quote.
* ``valid_html``: the pages pass the Nu HTML checker (unique exercise ids, no
  ``<style scoped>``, a complete root redirect page).
* ``site_fixes``: the theme's menu and contents buttons, solution-title links,
  wide tables and the search field behave (a stylesheet and a script).
* ``theme``: the university's colour (``companion_colour``) for links,
  buttons and the readers' marks in charts, checked for contrast.
* ``data_files``: the data tables the pages name (``data/case_facts.csv``)
  are copied into the site's ``data/`` and the names link to them.
* ``site_address``: canonical links and the ``{{ repository_url }}`` and
  ``{{ site_url }}`` substitutions follow the one setting (repository.url).
"""

from __future__ import annotations

from sphinx.application import Sphinx

from . import (
    assets,
    data_files,
    freshness,
    frontend,
    icons,
    jupyterlite,
    kernels,
    outputs,
    pdf_links,
    pyodide,
    site_address,
    site_fixes,
    slim,
    solution_search,
    theme,
    valid_html,
)
from .inpage import bundle, containers, runtime


def setup(app: Sphinx) -> dict:
    app.add_node(outputs.widget_view, **outputs.WIDGET_VIEW_VISITORS)
    app.add_config_value(theme.CONFIG, theme.DEFAULT, "html")
    app.add_config_value(freshness.TOC_DIGEST, "", "env")
    app.add_config_value(freshness.SITE_CODE_DIGEST, "", "html")
    app.connect("config-inited", freshness.record_input_digests)
    app.connect("config-inited", frontend.build_and_serve)
    app.connect("config-inited", assets.use_own_favicon)
    app.connect("config-inited", kernels.encrypt_build_kernels)
    app.connect("config-inited", site_address.use_site_address)
    app.connect("config-inited", theme.use_colour)
    # After myst-nb's own builder-inited handler (priority 500) has made its config.
    app.connect("builder-inited", freshness.use_fingerprinted_cache, priority=900)
    app.connect("builder-inited", solution_search.index_pages_without_solutions)
    app.connect("env-get-outdated", freshness.outdate_notebooks_on_new_inputs)
    app.connect("env-updated", freshness.record_notebook_inputs)
    app.connect("html-page-context", assets.add_chart_scripts)
    app.connect("html-page-context", bundle.add_page_script)
    app.connect("html-page-context", assets.add_meta_description)
    app.connect("html-page-context", solution_search.add_snippet_script)
    app.connect("html-page-context", pdf_links.add_pdf_links, priority=600)
    app.connect("html-page-context", slim.defer_scripts, priority=850)
    app.connect("html-page-context", slim.drop_unused_assets, priority=860)
    app.connect("html-page-context", assets.drop_duplicate_scripts, priority=900)
    app.connect("doctree-resolved", jupyterlite.add_live_link)
    app.connect("doctree-resolved", containers.add_containers)
    app.connect("doctree-resolved", valid_html.mend_doctree)
    app.connect("doctree-resolved", data_files.link_data_files)
    app.connect("build-finished", assets.copy_third_party_files)
    app.connect("build-finished", theme.write_css)
    app.connect("build-finished", data_files.copy_data_files)
    app.connect("build-finished", frontend.drop_stale_files)
    # Python in the browser: the distribution first, then the two routes that use it.
    app.connect("build-finished", pyodide.stage_for_site, priority=400)
    app.connect("build-finished", containers.write_manifest, priority=410)
    app.connect("build-finished", jupyterlite.build_live_site, priority=450)
    app.connect("build-finished", runtime.build_runtime, priority=460)
    app.connect("build-finished", slim.rewrite_pages)
    # Before sphinx-external-toc's handler (500), which writes a bare redirect if none exists.
    app.connect("build-finished", valid_html.write_root_redirect, priority=300)
    app.connect("build-finished", icons.write_icon_fonts, priority=600)
    app.add_css_file("learning-regions/book.css")
    app.add_css_file(icons.ICONS_CSS)
    site_fixes.add_files(app)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
