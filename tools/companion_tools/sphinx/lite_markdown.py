"""The live notebooks' text in plain Markdown.

The notebooks' Markdown cells are written for the book (MyST): ``{cite}`oecd1999```,
``{doc}`../book/data```, ``{numref}`fig-jena```, ``{term}``, ``{ref}`` and the
exercise directives. JupyterLite shows them as they are written, backticks and
all. Its copies (``jupyterlite.build_site``) get plain Markdown instead: a
citation as "(OECD 1999)", a page by its title, a figure as "the chart below",
an exercise as a bold heading. The notebooks in the repository are unchanged.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Mapping
from pathlib import Path

ROLE = re.compile(r"\{(?P<role>[a-z]+(?::[a-z]+)?)\}`(?P<body>[^`]*)`")
EXPLICIT = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.S)
FENCE = re.compile(
    r"^(?P<fence>```+|:::+)[ \t]*\{(?P<name>[a-z-]+)\}[^\n]*\n"  # ```{exercise} and its argument
    r"(?:[ \t]*:[\w-]+:[^\n]*\n)*"  # its options (:label: ...)
    r"(?P<body>.*?)^(?P=fence)[ \t]*$\n?",  # its body, up to its own closing fence
    re.M | re.S,
)
LABELLED = re.compile(r"^\((?P<label>[\w-]+)\)=\s*\n#+\s+(?P<title>.+)$", re.M)
LABELLED_EXERCISE = re.compile(
    r"^```\{exercise\}[ \t]+(?P<title>\S.*)\n(?::\w+:.*\n)*?:label:\s*(?P<label>[\w-]+)", re.M
)
ENTRY = re.compile(r"@\w+\s*\{\s*(?P<key>[^,\s]+)\s*,(?P<body>.*?)\n\}", re.S)
FIELD = r"\b{name}\s*=\s*\{{(?P<value>(?:[^{{}}]|\{{[^{{}}]*\}})*)\}}"

FIGURE = "the chart below"


def _field(body: str, name: str) -> str:
    found = re.search(FIELD.format(name=name), body, re.S)
    return " ".join(found["value"].replace("{", "").replace("}", "").split()) if found else ""


def citations(bib: str) -> dict[str, str]:
    """Each reference's short form, as in the book: "Rutten et al. 2014", "OECD 1999"."""
    short = {}
    for entry in ENTRY.finditer(bib):
        people = _field(entry["body"], "author") or _field(entry["body"], "editor")
        names = [p.split(",")[0].strip() for p in re.split(r"\s+and\s+", people) if p.strip()]
        who = names[0] if len(names) == 1 else f"{names[0]} and {names[1]}" if len(names) == 2 else f"{names[0]} et al."
        year = _field(entry["body"], "year")
        short[entry["key"]] = " ".join(part for part in (who, year) if part) or entry["key"]
    return short


def _labels(text: str) -> dict[str, str]:
    """The section and exercise titles that ``text``'s labels name, by "#label"."""
    found = {f"#{m['label']}": m["title"].strip() for m in LABELLED.finditer(text)}
    found.update({f"#{m['label']}": m["title"].strip() for m in LABELLED_EXERCISE.finditer(text)})
    return found


def titles(srcdir: Path) -> dict[str, str]:
    """Each page's title (its first heading), by docname; and each labelled
    section's or exercise's title, by "#label" (what a bare ``{ref}`` shows)."""
    found = {}
    for path in sorted(srcdir.glob("book/*.md")):
        text = path.read_text(encoding="utf-8")
        heading = re.search(r"^#\s+(.+)$", text, re.M)
        if heading:
            found[f"book/{path.stem}"] = heading[1].strip()
        found.update(_labels(text))
    for path in sorted(srcdir.glob("notebooks/*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        text = "\n\n".join("".join(c.get("source", "")) for c in cells if c.get("cell_type") == "markdown")
        heading = re.search(r"^#\s+(.+)$", text, re.M)
        if heading:
            found[f"notebooks/{path.stem}"] = heading[1].strip()
        found.update(_labels(text))
    return found


def _docname(target: str, here: str) -> str:
    """The docname ``target`` names, from the page ``here`` ("../book/data" from "notebooks/x")."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(here), target))


def plain(text: str, refs: Mapping[str, str], pages: Mapping[str, str], here: str = "notebooks/x") -> str:
    """``text`` (a Markdown cell of the page ``here``) without MyST roles and directives."""

    def role(match: re.Match) -> str:
        name, body = match["role"], match["body"].strip()
        explicit = EXPLICIT.match(body)
        shown, target = (explicit["text"], explicit["target"]) if explicit else ("", body)
        if name.startswith("cite"):
            keys = [k.strip() for k in target.split(",") if k.strip()]
            if name == "cite:t":  # "Storper (1995)"
                return "; ".join(re.sub(r"^(.+) (\d{4}\w?)$", r"\1 (\2)", refs.get(k, k)) for k in keys)
            return "(" + "; ".join(refs.get(k, k) for k in keys) + ")"
        if name == "doc":
            return f"*{shown or pages.get(_docname(target, here), target.rsplit('/', 1)[-1])}*"
        if name == "numref":
            return shown.replace("%s", "").strip() or FIGURE
        if name == "ref" and not shown and f"#{target}" in pages:
            return f"*{ROLE.sub(role, pages[f'#{target}'])}*"
        return shown or target  # term, ref, and any other role: its words

    def directive(match: re.Match) -> str:
        name, body = match["name"], match["body"]
        if name == "solution-start":
            return "**A model answer** (folded in the book):\n\n" + body
        if name == "solution-end":
            return body
        return f"**{name.replace('-', ' ').capitalize()}.** " + body

    return ROLE.sub(role, FENCE.sub(directive, text))


def write_plain(notebook: Path, target: Path, refs: Mapping[str, str], pages: Mapping[str, str]) -> None:
    """Copy ``notebook`` to ``target`` with its Markdown cells in plain Markdown."""
    data = json.loads(notebook.read_text(encoding="utf-8"))
    here = f"notebooks/{notebook.stem}"
    for cell in data.get("cells", []):
        if cell.get("cell_type") == "markdown":
            source = "".join(cell.get("source", ""))
            cell["source"] = plain(source, refs, pages, here)
    target.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


__all__ = ["citations", "plain", "titles", "write_plain"]
