"""Check a data folder and print only the verdict: ``make check-data``.

    python -m learning_regions.check [FOLDER]

One line when the data is valid; otherwise the loader's sentence naming the
file, row and column, and exit status 1. FOLDER defaults to the folder the
loader reads (``$LEARNING_REGIONS_DATA``, or the repository's ``data/``).
Standard library only, like the loader: it runs without the book's
environment.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .loader import DataError, data_dir, validate_all


def shown(path: Path) -> str:
    """A path as the reader typed it: relative to the current folder when inside it."""
    try:
        return os.path.relpath(path) if Path(path).resolve().is_relative_to(Path.cwd().resolve()) else str(path)
    except ValueError:  # another drive (Windows)
        return str(path)


def verdict(folder: Path) -> tuple[bool, str]:
    """(valid, the sentence to print) for the data in ``folder``."""
    try:
        tables = validate_all(folder)
    except DataError as error:
        return False, str(DataError(shown(error.path), error.reason, error.row, error.column))
    rows = sum(len(table) for table in tables.values())
    return True, f"{shown(folder)}/ is valid: {len(tables)} tables, {rows} rows."


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1 or (args and args[0].startswith("-")):
        print("usage: python -m learning_regions.check [FOLDER]", file=sys.stderr)
        return 2
    folder = Path(args[0]) if args else data_dir()
    valid, sentence = verdict(folder)
    print(sentence)
    return 0 if valid else 1


if __name__ == "__main__":
    raise SystemExit(main())
