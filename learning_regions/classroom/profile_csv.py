"""The profiler's CSV export, read one way.

The profiler writes a profile as CSV (:data:`.formats.PROFILE_CSV_COLUMNS`,
one row per dimension, the case and argument repeated). Two readers take it
back: the profiler's own import (:mod:`..widgets.profiler.exchange`), which
refuses with a :class:`ProfileError`, and the class view
(:mod:`.reading`), which refuses with a :class:`Refusal`. Both read the rows
here, so a fix to the format (a spreadsheet's guard, a stray space in a
header) is made once; each keeps its own way of saying no.

Standard library only: the same code runs in the reader's browser.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .formats import PROFILE_CSV_COLUMNS, from_spreadsheet_safe

#: The columns that change from row to row (one row per dimension).
PER_ROW_COLUMNS = ("dimension", "your_score", "companion_score")
#: Every other column repeats a field of the profile; the first non-empty one counts.
PROFILE_FIELDS = tuple(c for c in PROFILE_CSV_COLUMNS if c not in PER_ROW_COLUMNS)


@dataclass(frozen=True)
class ProfileCsv:
    """A profile CSV as read: its header and rows, with each column name
    stripped and each cell's spreadsheet guard undone."""

    columns: tuple[str, ...]
    rows: tuple[dict[str, Any], ...]

    def fields(self, names: Iterable[str] = PROFILE_FIELDS) -> dict[str, str]:
        """The first non-empty value of each field in ``names``, stripped
        (except the argument, whose spaces are the student's)."""
        values: dict[str, str] = {}
        for name in names:
            for row in self.rows:
                cell = row.get(name)
                if isinstance(cell, str) and cell:
                    values[name] = cell if name == "argument" else cell.strip()
                    break
        return values

    def scores(self, column: str) -> dict[str, Any]:
        """Each row's dimension and its cell in ``column``, as written (a
        string, or None where the row is short); rows without a dimension
        are skipped."""
        found: dict[str, Any] = {}
        for row in self.rows:
            dimension = row.get("dimension")
            if isinstance(dimension, str) and dimension.strip():
                found[dimension.strip()] = row.get(column)
        return found


def read_profile_csv(text: str) -> ProfileCsv:
    """Read ``text`` as CSV. Raises :class:`csv.Error` when it cannot be read;
    whether it is a profile is the caller's question (see the header)."""
    # newline="": the csv module reads line ends itself, so a lone carriage
    # return inside a pasted text is not an error before the first row.
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = tuple(c.strip() for c in (reader.fieldnames or []))
    rows = tuple(
        {
            (key or "").strip(): from_spreadsheet_safe(cell) if isinstance(cell, str) else cell
            for key, cell in row.items()
        }
        for row in reader
    )
    return ProfileCsv(columns, rows)


__all__ = ["PROFILE_FIELDS", "ProfileCsv", "read_profile_csv"]
