"""Icon fonts with only the icons the pages use.

The theme draws its icons (search, menu, GitHub, download, light/dark...)
with FontAwesome's webfonts: 275 KB for about twenty glyphs, fetched on every
first visit and, measured with Lighthouse on a simulated phone, sometimes
holding back the first paint by 1.6 s. After the build, this module:

1. collects the ``fa-*`` icon names used in the written pages and in the
   theme's scripts (which add a few icons themselves), and the icon
   characters the site's stylesheets draw directly (admonition and link
   icons, chevrons);
2. reads from the theme's CSS which character each name draws, and which
   webfont files the theme declares (``@font-face``);
3. writes a subset of each of those fonts holding only the characters used
   (fontTools; the fonts' licence, SIL OFL 1.1, allows subsetting), and
   ``icons.css``, which declares the same font faces again with the subsets.

A later ``@font-face`` with the same family, weight and style replaces an
earlier one, so browsers fetch the subsets instead of the full fonts. If an
icon is missing from a subset the browser shows an empty box: the browser
tests check that the icons on show are drawn.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
from pathlib import Path

from sphinx.application import Sphinx

ICONS_CSS = "learning-regions/icons.css"
ICON_CLASS = re.compile(r"\bfa-[a-z0-9]+(?:-[a-z0-9]+)*")
GLYPH_RULE = re.compile(r"((?:\.fa-[a-z0-9-]+:(?::)?before,?)+)\{content:\"\\([0-9a-f]+)\"\}")
FONT_FACE = re.compile(r"@font-face\{([^}]*)\}")


def used_icon_names(outdir: Path) -> set[str]:
    names: set[str] = set()
    for page in outdir.rglob("*.html"):
        if page.relative_to(outdir).parts[0] not in ("live", "_static"):
            names |= set(ICON_CLASS.findall(page.read_text(encoding="utf-8")))
    for script in (outdir / "_static").rglob("*.js"):
        if "vendor" not in script.parts:
            names |= set(ICON_CLASS.findall(script.read_text(encoding="utf-8", errors="ignore")))
    return names


PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
CSS_ESCAPE = re.compile(r"\\(f[0-9a-f]{3})\b")


def stylesheet_codepoints(static: Path) -> set[int]:
    """Icon characters the site's CSS draws itself, outside the .fa-* class table."""
    found: set[int] = set()
    for sheet in static.rglob("*.css"):
        if "vendor" in sheet.parts:
            continue
        css = GLYPH_RULE.sub("", sheet.read_text(encoding="utf-8", errors="ignore"))
        found |= {ord(char) for char in PRIVATE_USE.findall(css)}
        found |= {int(code, 16) for code in CSS_ESCAPE.findall(css)}
    return found


def glyphs(theme_css: str) -> dict[str, int]:
    """Icon name -> the character it draws, from rules like .fa-github:before{content:"\\f09b"}."""
    table: dict[str, int] = {}
    for selectors, code in GLYPH_RULE.findall(theme_css):
        for name in re.findall(r"\.(fa-[a-z0-9-]+):", selectors):
            table[name] = int(code, 16)
    return table


def font_faces(theme_css: str) -> list[dict[str, str]]:
    """The theme's @font-face rules for FontAwesome: family, weight, style, woff2 url."""
    faces = []
    for body in FONT_FACE.findall(theme_css):
        family = re.search(r"font-family:([^;]+)", body)
        woff2 = re.search(r"url\(([^)]+\.woff2)\)", body)
        if not (family and woff2 and "Font Awesome" in family.group(1)):
            continue
        weight = re.search(r"font-weight:([^;]+)", body)
        style = re.search(r"font-style:([^;]+)", body)
        faces.append(
            {
                "family": family.group(1).replace("\\ ", " ").strip().strip('"'),
                "weight": weight.group(1).strip() if weight else "400",
                "style": style.group(1).strip() if style else "normal",
                "url": woff2.group(1).strip("'\""),
            }
        )
    return faces


def subset_font(font_bytes: bytes, codepoints: set[int]) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    # fontTools reports each step of a subset at INFO (27 lines a font); the
    # build log shows what was done and any problem, so only warnings pass.
    quiet = logging.getLogger("fontTools")
    level = quiet.level
    quiet.setLevel(max(level, logging.WARNING))
    try:
        font = TTFont(io.BytesIO(font_bytes))
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["*"]
        subsetter = subset.Subsetter(options=options)
        subsetter.populate(unicodes=sorted(codepoints))
        subsetter.subset(font)
        out = io.BytesIO()
        font.save(out)
        return out.getvalue()
    finally:
        quiet.setLevel(level)


def write_icon_fonts(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    static = outdir / "_static"
    theme_css_path = static / "styles" / "pydata-sphinx-theme.css"
    theme_css = theme_css_path.read_text(encoding="utf-8")
    table = glyphs(theme_css)
    codepoints = {table[name] for name in used_icon_names(outdir) if name in table}
    codepoints |= stylesheet_codepoints(static)
    target = static / "learning-regions" / "icons"
    target.mkdir(parents=True, exist_ok=True)
    rules, written = [], set()
    for face in font_faces(theme_css):
        source = (theme_css_path.parent / face["url"]).resolve()
        data = subset_font(source.read_bytes(), codepoints)
        name = f"{source.stem}.{hashlib.sha256(data).hexdigest()[:10]}.woff2"
        (target / name).write_bytes(data)
        written.add(name)
        rules.append(
            "@font-face{"
            f'font-family:"{face["family"]}";font-style:{face["style"]};font-weight:{face["weight"]};'
            f'font-display:block;src:url(icons/{name}) format("woff2")'
            "}"
        )
    for old in target.glob("*.woff2"):
        if old.name not in written:
            old.unlink()  # a subset from an earlier build
    header = "/* Generated by companion_tools/sphinx/icons.py: the theme's icon fonts, cut to the icons used. */\n"
    (static / ICONS_CSS).write_text(header + "\n".join(rules) + "\n", encoding="utf-8")
