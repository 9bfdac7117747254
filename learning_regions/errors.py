"""The error a data file gives (which file, row and column, and why), and a
broken JSON text's fault said plainly."""

from __future__ import annotations

import json
from pathlib import Path


class DataError(ValueError):
    """A data file is missing or malformed. The message says where and why."""

    def __init__(self, path: Path | str, message: str, row: int | None = None, column: str | None = None):
        self.path, self.row, self.column, self.reason = Path(path), row, column, message
        where = [str(path)]
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column '{column}'")
        super().__init__(f"{', '.join(where)}: {message}")


# Python's words for a broken JSON text, said for a reader who did not write it.
_JSON_PROBLEMS = {
    "Unterminated string starting at": "a text in quotes is never closed, so the file may be cut short",
    "Expecting ',' delimiter": "a comma is missing, or the file is cut short",
    "Expecting ':' delimiter": "a colon is missing after a name",
    "Expecting property name enclosed in double quotes": "a name is not in double quotes, or a comma is left over",
    "Extra data": "more follows after the end of the JSON",
    "Invalid control character at": "a line break or tab sits inside a text in quotes",
}


def json_problem(error: json.JSONDecodeError) -> str:
    """Where a JSON text breaks and what is wrong there, in plain words:
    "line 14, column 15: a text in quotes is never closed, so the file may be cut short"."""
    if error.msg != "Extra data" and not error.doc[error.pos :].strip():
        what: str | None = "the text stops too early, so the file may be cut short"
    elif error.msg == "Expecting value":
        what = "a value is missing or is not JSON"
    else:
        what = _JSON_PROBLEMS.get(error.msg)
    return f"line {error.lineno}, column {error.colno}: {what or error.msg[:1].lower() + error.msg[1:]}"
