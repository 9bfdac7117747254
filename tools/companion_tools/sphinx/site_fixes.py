"""Fixes to how the theme's pages behave, in a stylesheet and a script of the site's own.

sphinx-book-theme 1.3.0, pydata-sphinx-theme 0.17.1 and sphinx-togglebutton
0.4.5 are used as installed; what they get wrong is mended around them:

* ``_config.yml`` (``navbar_persistent: []``) leaves out the theme's top bar,
  which held only a second search field on a wide screen, and hidden copies of
  the ☰ and contents buttons that the theme's script bound instead of the
  visible ones (pydata-sphinx-theme #2451, sphinx-book-theme #988): with one
  of each on the page, they open the menu and the contents on a phone, and ☰
  folds the sidebar away on a wide screen.
* ``site-fixes.css``: the search field's text starts after its magnifier; a
  wide table says that it scrolls; pandas' table rules (``valid_html``); a
  search button when the sidebar is folded away; long code in running text
  breaks on a phone; 44-pixel tap targets on touch screens, the live widgets'
  radio options and checkboxes among them (tests/test_touch_targets.py).
* ``site-fixes.js`` (deferred): a tap anywhere on a folded solution's title
  opens it (its link to the exercise took the tap), and a link in another
  admonition's title only follows the link (sphinx-togglebutton threw a
  ReferenceError, or folded another solution); a wide table becomes a
  labelled region that a keyboard can scroll.

tests/test_site_fixes.py checks each in Chromium, on a phone and a laptop.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from .assets import STATIC_SUBDIR

CSS = f"{STATIC_SUBDIR}/site-fixes.css"
JS = f"{STATIC_SUBDIR}/site-fixes.js"


def add_files(app: Sphinx) -> None:
    app.add_css_file(CSS)
    app.add_js_file(JS, loading_method="defer")
