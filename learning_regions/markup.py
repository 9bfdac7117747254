"""Plotly's text markup (<b>, <br>, <sup>, <i>) as plain words."""


def visible_text(text: str) -> str:
    """The characters of ``text`` outside its tags: '<b>Jena</b>' -> 'Jena'."""
    out, depth = [], 0
    for char in text:
        if char == "<":
            depth += 1
        elif char == ">" and depth:
            depth -= 1
        elif not depth:
            out.append(char)
    return "".join(out)
