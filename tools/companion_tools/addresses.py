"""Where this copy of the companion lives: one setting for all its addresses.

A lecturer who adapts the companion sets ``repository.url`` (and ``branch``)
in ``_config.yml`` to their own repository; everything that points somewhere
follows it: the site's repository, issue and edit buttons, Binder and Colab
(Jupyter Book reads the same setting), the JupyterHub link (``make hub-link``),
the Colab set-up cell of every notebook, the print edition's "use it live at"
addresses, the package's metadata and the about page. The site's own address
is the GitHub Pages address of that repository (``https://OWNER.github.io/REPO/``)
unless ``html.baseurl`` in ``_config.yml`` names another host.

Standard library only: ``make hub-link`` and ``make notebooks-colab`` run it
before any set-up.
"""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

from . import REPOSITORY

CONFIG = REPOSITORY / "_config.yml"
PYPROJECT = REPOSITORY / "pyproject.toml"
#: Where the site serves the runtime package's wheel (Colab installs it from there).
WHEELS = "wheels"


def _setting(text: str, section: str, key: str) -> str | None:
    match = re.search(rf"^{section}:\n(?:[ \t]+.*\n|[ \t]*#.*\n|\n)*?[ \t]+{key}:[ \t]*(\S+)", text, re.M)
    if not match:
        return None
    value = match.group(1).strip("\"'")
    return value or None


def repository(config: Path = CONFIG) -> tuple[str, str]:
    """The repository's URL and branch, as _config.yml gives them."""
    text = config.read_text(encoding="utf-8")
    url = _setting(text, "repository", "url")
    if not url:
        raise ValueError(f"{config} names no repository url (repository: url: https://github.com/OWNER/REPO)")
    return url.rstrip("/"), _setting(text, "repository", "branch") or "main"


def site_url(config: Path = CONFIG) -> str:
    """The published site, ending in '/': html.baseurl, or the repository's GitHub Pages address."""
    base = _setting(config.read_text(encoding="utf-8"), "html", "baseurl")
    if base:
        return base.rstrip("/") + "/"
    url, _branch = repository(config)
    parsed = urllib.parse.urlparse(url)
    parts = [p for p in parsed.path.split("/") if p]
    if parsed.netloc.lower() != "github.com" or len(parts) < 2:
        raise ValueError(f"{url} is not a GitHub repository: set html.baseurl in {config.name} to the site's address")
    owner, name = parts[0].lower(), parts[1].removesuffix(".git")
    if name.lower() == f"{owner}.github.io":  # a user or organisation site
        return f"https://{owner}.github.io/"
    return f"https://{owner}.github.io/{name}/"


def package_version(pyproject: Path = PYPROJECT) -> str:
    match = re.search(r'^version = "([^"]+)"', pyproject.read_text(encoding="utf-8"), re.M)
    if not match:
        raise ValueError(f"{pyproject} has no version")
    return match.group(1)


def wheel_name(version: str | None = None) -> str:
    return f"learning_regions-{version or package_version()}-py3-none-any.whl"


def wheel_url(config: Path = CONFIG) -> str:
    """The runtime package as the site serves it: the same code and data as the site."""
    return f"{site_url(config)}{WHEELS}/{wheel_name()}"
