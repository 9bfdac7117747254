"""Reading one CSV file of ``data/`` strictly, cell by cell (standard library only).

UTF-8 only, a header that names exactly the dictionary's columns, every row as
long as the header, every cell parsed by its field's type. Each problem raises
:class:`~.errors.DataError` naming the file, the row (as a spreadsheet numbers
it) and the column, with what to do: a semicolon-separated file, a byte that is
not UTF-8, a quote that never closes (the row it opened in, not the row where
the reader gave up).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .errors import DataError
from .schema import CellError, EnumError, Field


def decode(path: Path) -> str:
    """The file's text. UTF-8 only (a leading byte-order mark is accepted)."""
    if not path.is_file():
        raise DataError(path, "file not found (it is listed in datapackage.json)")
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = raw[: error.start].count(b"\n") + 1
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        column = _column_at(raw, line_start, error.start)
        raise DataError(
            path,
            f"byte 0x{raw[error.start]:02x} is not valid UTF-8; save the file with UTF-8 encoding",
            row=row,
            column=column,
        ) from None


def _column_at(raw: bytes, line_start: int, offset: int) -> str | None:
    """The header name of the column that contains byte ``offset`` (best effort)."""
    header = raw.split(b"\n", 1)[0].decode("utf-8", errors="replace").lstrip("\ufeff")
    names = next(csv.reader([header]), [])
    before = raw[line_start:offset].decode("utf-8", errors="replace")
    cells = next(csv.reader([before]), [""])
    index = len(cells) - 1
    return names[index] if 0 <= index < len(names) else None


def parse_rows(
    path: Path, text: str, fields: tuple[Field, ...], missing: frozenset[str], table: str | None = None
) -> list[tuple[int, dict]]:
    """Check the header, then parse every cell; returns (row number, row) pairs.
    ``table``: the table's name in datapackage.json, named when a value is not in a field's enum."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise DataError(path, "the file is empty: expected a header row naming the columns") from None
    except csv.Error as error:
        raise DataError(path, f"cannot read the header: {error}", row=1) from None
    expected = [f.name for f in fields]
    if len(expected) > 1 and len(header) == 1 and header[0].count(";") >= 1:
        raise DataError(
            path,
            "the columns are separated by semicolons (as Excel saves CSV in many locales); "
            "save it with commas between the columns (in Excel: 'CSV UTF-8 (Comma delimited)')",
            row=1,
        )
    seen: set[str] = set()
    for name in header:
        if name in seen:
            raise DataError(path, "this column appears twice in the header", row=1, column=name)
        seen.add(name)
    for name in expected:
        if name not in seen:
            raise DataError(path, f"missing column (the header must name: {', '.join(expected)})", row=1, column=name)
    for name in header:
        if name not in expected:
            raise DataError(path, "unexpected column: it is not in datapackage.json", row=1, column=name)

    rows = []
    unit_column = "unit" in header
    while True:
        starts_at = reader.line_num + 1  # a quoted cell may run over several lines
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise _unreadable_row(path, text, header, starts_at, error) from None
        number = starts_at
        if not cells:
            continue  # a blank line
        if len(cells) != len(header):
            raise DataError(
                path,
                f"this row has {len(cells)} cells but the header has {len(header)} columns"
                " (is a comma inside a text missing its quotes?)",
                row=number,
            )
        by_name = dict(zip(header, cells))
        row = {}
        for f in fields:
            try:
                row[f.name] = f.parse(by_name[f.name], missing, unit_column=unit_column)
            except EnumError as error:
                where = f"table '{table}', field '{f.name}'" if table else f"field '{f.name}'"
                raise DataError(
                    path,
                    f"{error}: write one of these, or, if it is a new {f.name}, add it to the field's enum "
                    f"in {path.parent.name}/datapackage.json ({where})",
                    row=number,
                    column=f.name,
                ) from None
            except CellError as error:
                raise DataError(path, str(error), row=number, column=f.name) from None
        rows.append((number, row))
    return rows


def _unreadable_row(path: Path, text: str, header: list[str], row: int, error: csv.Error) -> DataError:
    """The row the csv module gave up on, with the column whose quote never closes.

    An unclosed quote makes the reader run on into the following lines, so the
    line where it stops is not the one to fix: the row is the one it started at."""
    lines = text.splitlines()
    index = _unclosed_quote_cell(lines[row - 1] if 0 < row <= len(lines) else "")
    if index is not None:
        column = header[index] if index < len(header) else None
        return DataError(
            path,
            'this cell opens a quote (") that is not closed before the next comma or the end '
            "of the line: add the closing quote",
            row=row,
            column=column,
        )
    return DataError(path, f"cannot read this row: {error}", row=row)


def _unclosed_quote_cell(line: str) -> int | None:
    """The index of the first cell of ``line`` that opens a quote and does not
    close it right before a comma or the end of the line (None: no such cell)."""
    cell, at = 0, 0
    while at <= len(line):
        if line.startswith('"', at):
            at += 1
            while True:
                close = line.find('"', at)
                if close < 0:
                    return cell
                if line.startswith('""', close):  # an escaped quote inside the cell
                    at = close + 2
                    continue
                if close + 1 < len(line) and line[close + 1] != ",":
                    return cell
                at = close + 1
                break
        comma = line.find(",", at)
        if comma < 0:
            return None
        cell, at = cell + 1, comma + 1
    return None
