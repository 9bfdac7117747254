"""Lighter pages: only what a page uses is loaded on it.

Measured with Lighthouse on a simulated phone, the theme's pages spent most of
their first second on scripts they do not need:

* FontAwesome's SVG framework (``fontawesome.js``, 1.45 MB, 400 ms of main
  thread): the theme's CSS already draws every icon the pages use from the
  FontAwesome webfonts, so the script only re-draws them.
* Sphinx's search tools and the whole search index, loaded synchronously in
  the head of every page: only the search page uses them (the search box on
  other pages submits to it).
* Small extension scripts (copy button, toggles, tabs, theme helpers) loaded
  synchronously although they act only once the page is parsed.
* Stylesheets and scripts of extensions a page does not use (exercises,
  tabs, toggles, copy buttons, notebook cells), each a render-blocking request
  on every page, and those of thebe, which _config.yml switches off.

The first two are written by the theme's templates, so they are removed from
the written HTML after the build (``rewrite_pages``, which also applies the
accessibility fixes of ``a11y``); the third is changed in Sphinx's own script
list (``defer_scripts``), and the fourth is dropped page by page from it
(``drop_unused_assets``). tests/test_slim.py checks that icons, search,
exercises and toggles still work.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx

from . import a11y

FONTAWESOME_SCRIPT = "_static/scripts/fontawesome.js"
SEARCH_SCRIPTS = ("_static/searchtools.js", "_static/language_data.js", "searchindex.js")
# Extension scripts that only act on a parsed page, so `defer` is safe.
DEFERRABLE = (
    "_static/doctools.js",
    "_static/sphinx_highlight.js",
    "_static/clipboard.min.js",
    "_static/copybutton.js",
    "_static/togglebutton.js",
    "_static/design-tabs.js",
    "_static/scripts/sphinx-book-theme.js",
)


def _tag(path: str) -> re.Pattern[str]:
    """A <script src> or <link rel=preload> tag for the file (any ../ prefix, any ?query)."""
    src = r"(?:\.\./)*" + re.escape(path) + r'(?:\?[^"]*)?'
    return re.compile(
        r'[ \t]*(?:<script(?: defer)? src="' + src + r'"></script>'
        r'|<link rel="preload" as="script" href="' + src + r'"\s*/?>)[ \t]*\n?'
    )


FONTAWESOME_TAGS = _tag(FONTAWESOME_SCRIPT)
SEARCH_TAGS = [_tag(path) for path in SEARCH_SCRIPTS]


def strip_html(html: str, is_search_page: bool) -> str:
    html = FONTAWESOME_TAGS.sub("", html)
    if not is_search_page:
        for pattern in SEARCH_TAGS:
            html = pattern.sub("", html)
    return html


def rewrite_pages(app: Sphinx, exception) -> None:
    """After the build: strip unused scripts and apply the accessibility fixes."""
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    for page in out.rglob("*.html"):
        if page.relative_to(out).parts[0] in ("_static", "live"):
            continue
        html = page.read_text(encoding="utf-8")
        rewritten = a11y.fix_html(strip_html(html, is_search_page=page.relative_to(out).as_posix() == "search.html"))
        if rewritten != html:
            page.write_text(rewritten, encoding="utf-8")
    (out / FONTAWESOME_SCRIPT).unlink(missing_ok=True)


def defer_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if pagename == "search":
        return  # the search page runs its search tools at once, and they need doctools.js first
    scripts = context.get("script_files", [])
    for index, script in enumerate(scripts):
        if script.filename in DEFERRABLE and not {"defer", "async"} & set(script.attributes):
            scripts[index] = type(script)(
                script.filename, priority=script.priority, **{**script.attributes, "defer": "defer"}
            )


# Class names in a page's content that show it uses an extension's files.
TOGGLES = ("dropdown admonition", "admonition dropdown", 'class="toggle', " toggle ", ' toggle"')
# An extension's files, and the markers that show the page uses it. No marker:
# no page needs the file.
ASSET_NEEDS = {
    "_static/sphinx-thebe.css": (),  # thebe is off (launch_buttons.thebe: false)
    "_static/sphinx-thebe.js": (),
    "_static/exercise.css": ('class="exercise', 'class="solution'),
    "_static/sphinx-design.min.css": ('class="sd-', " sd-"),
    "_static/design-tabs.js": ("sd-tab",),
    "_static/togglebutton.css": TOGGLES,
    "_static/togglebutton.js": TOGGLES,
    "_static/copybutton.css": ('class="highlight',),
    "_static/copybutton.js": ('class="highlight',),
    "_static/clipboard.min.js": ('class="highlight',),
}
MYST_NB_CSS = "_static/mystnb."  # its name carries a content hash
MYST_NB_NEEDS = ('class="cell', "cell_output", 'class="output')


def asset_needed(filename: str, body: str) -> bool:
    if filename.startswith(MYST_NB_CSS):
        return any(marker in body for marker in MYST_NB_NEEDS)
    if filename not in ASSET_NEEDS:
        return True
    return any(marker in body for marker in ASSET_NEEDS[filename])


def drop_unused_assets(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if pagename == "search":
        return  # search results can show any page's snippets: keep everything
    body = context.get("body", "")
    for key in ("css_files", "script_files"):
        files = context.get(key, [])
        files[:] = [f for f in files if asset_needed(f.filename or "", body)]
