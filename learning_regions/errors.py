"""The error a data file gives: which file, row and column, and why."""

from __future__ import annotations

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
