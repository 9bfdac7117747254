"""The site's own addresses, from the one setting (``repository.url`` in
_config.yml, see :mod:`companion_tools.addresses`).

* ``html_baseurl`` (canonical links in every page) is the site's address
  unless _config.yml sets ``html.baseurl`` itself;
* pages can write ``{{ repository_url }}`` and ``{{ site_url }}`` (MyST
  substitutions), so the about page names the adapted copy's repository.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from ..addresses import repository, site_url


def use_site_address(app: Sphinx, config) -> None:
    settings = Path(app.srcdir) / "_config.yml"
    if not settings.is_file():  # a bare Sphinx project (the extension's own tests)
        return
    if not config.html_baseurl:
        config.html_baseurl = site_url(settings)
    substitutions = dict(getattr(config, "myst_substitutions", None) or {})
    substitutions.setdefault("repository_url", repository(settings)[0])
    substitutions.setdefault("site_url", site_url(settings))
    config.myst_substitutions = substitutions
