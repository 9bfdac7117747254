"""A university's colour: one setting (``companion_colour`` under ``sphinx:
config:`` in _config.yml), for the site and the charts.

* The site: links, buttons and the theme's accents take the colour in light
  mode, and a lighter shade of it in dark mode (``theme-<digest>.css``, written
  by the build). The build refuses a colour too light for links on a white
  page (WCAG AA asks 4.5:1; the companion asks 5:1, because admonitions and
  exercises sit on tinted panels) and names a darker shade that passes.
* The charts: the readers' own marks in the widgets' charts take the colour
  (the notebooks' kernels and the page's Python read it from
  ``LEARNING_REGIONS_ACCENT``; see ``learning_regions.charts.style``).

The logo is Jupyter Book's own setting, ``logo:`` in _config.yml.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ConfigError

from learning_regions.charts.palette import ACCENT_ENV  # the one name, kept by the runtime

from .assets import STATIC_SUBDIR

CONFIG = "companion_colour"
DEFAULT = "#1560d4"
WHITE = "#ffffff"
#: The lightest background links sit on in dark mode: pydata-sphinx-theme's
#: admonition and exercise panels (the page itself, #121212, is darker).
DARK_PAGE = "#222832"
MIN_CONTRAST = 5.0
HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def _channels(colour: str) -> tuple[float, float, float]:
    return tuple(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def luminance(colour: str) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _channels(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def mix(colour: str, towards: str, share: float) -> str:
    mixed = [c + (t - c) * share for c, t in zip(_channels(colour), _channels(towards))]
    return "#" + "".join(f"{round(c * 255):02x}" for c in mixed)


def shade_for(colour: str, page: str) -> str:
    """The colour itself if it reads on ``page``, else the nearest mix towards
    black (on a light page) or white (on a dark one) that does."""
    towards = "#000000" if luminance(page) > 0.5 else "#ffffff"
    for step in range(0, 101):
        candidate = mix(colour, towards, step / 100)
        if contrast(candidate, page) >= MIN_CONTRAST:
            return candidate
    return towards


def check_colour(colour: object) -> str:
    if not isinstance(colour, str) or not HEX.match(colour):
        raise ConfigError(
            f"{CONFIG} in _config.yml must be a colour written as #rrggbb (for example {DEFAULT}), not {colour!r}"
        )
    if contrast(colour, WHITE) < MIN_CONTRAST:
        raise ConfigError(
            f"{CONFIG} {colour} is too light for links on a white page: its contrast is "
            f"{contrast(colour, WHITE):.1f}:1 and the site needs {MIN_CONTRAST:.0f}:1 (WCAG AA, with room for tinted "
            f"panels). The nearest shade that passes is {shade_for(colour, WHITE)}: set that in _config.yml."
        )
    return colour.lower()


def css(colour: str) -> str:
    dark = shade_for(colour, DARK_PAGE)
    return (
        "/* Written by the build from companion_colour in _config.yml (companion_tools/sphinx/theme.py). */\n"
        f'html[data-theme="light"]:root {{\n  --pst-color-primary: {colour};\n  --pst-color-link: {colour};\n'
        f"  --lr-accent: {colour};\n}}\n"
        f'html[data-theme="dark"]:root {{\n  --pst-color-primary: {dark};\n  --pst-color-link: {dark};\n'
        f"  --lr-accent: {dark};\n}}\n"
    )


def css_name(colour: str) -> str:
    return f"{STATIC_SUBDIR}/theme-{hashlib.sha256(css(colour).encode()).hexdigest()[:10]}.css"


def use_colour(app: Sphinx, config) -> None:
    """config-inited: check the colour, give it to the notebooks' kernels, link its CSS."""
    colour = check_colour(getattr(config, CONFIG))
    os.environ[ACCENT_ENV] = colour
    app.add_css_file(css_name(colour), priority=900)  # after the theme's and book.css


def write_css(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    colour = check_colour(getattr(app.config, CONFIG))
    target = Path(app.outdir) / "_static" / css_name(colour)
    for old in target.parent.glob("theme-*.css"):
        if old != target:
            old.unlink()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(css(colour), encoding="utf-8")
