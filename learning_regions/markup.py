"""Text for Plotly's HTML-like labels and for HTML: escaped in, stripped out."""

import html
import re
from typing import Any


def escape(value: Any) -> str:
    """Text from the data or from a reader, made safe to put into HTML text or
    a Plotly label (which decodes &lt; &gt; &amp; back to the characters)."""
    return html.escape("" if value is None else str(value), quote=False)


def attribute(value: Any) -> str:
    """Text made safe inside a quoted HTML attribute."""
    return html.escape("" if value is None else str(value), quote=True)


def visible_text(text: str) -> str:
    """The characters of ``text`` outside its tags: '<b>Jena</b>' -> 'Jena'; a
    line break (``<br>``, as Plotly titles write one) is a space between words."""
    out, depth = [], 0
    for char in re.sub(r"<br\s*/?>", " ", text, flags=re.I):
        if char == "<":
            depth += 1
        elif char == ">" and depth:
            depth -= 1
        elif not depth:
            out.append(char)
    return "".join(out)
