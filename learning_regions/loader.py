"""Load the companion's data tables by name, validated against the data dictionary.

    >>> from learning_regions import load_table
    >>> facts = load_table("case_facts")
    >>> facts.where(case_id="jena")[0]["value"]
    23000

Standard library only (the same code runs in a browser kernel without pandas).
Every problem raises :class:`DataError`, whose message names the file, the row
(counted as a spreadsheet does: the header is row 1) and the column. Loaded
rows are read-only, so no caller can change what another caller sees.
"""

from __future__ import annotations

import html
import json
import os
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from . import rules
from .csvfile import decode, parse_rows
from .errors import DataError
from .schema import Field

DATA_ENV = "LEARNING_REGIONS_DATA"
DESCRIPTOR = "datapackage.json"
#: Set by the book build for each notebook it runs: the tables the notebook
#: reads are listed there, one name a line, so that editing a table re-runs
#: only the notebooks that read it (companion_tools.sphinx.freshness).
READS_ENV = "LEARNING_REGIONS_READS"
_reported: set[tuple[str, str]] = set()


def _report_read(name: str) -> None:
    target = os.environ.get(READS_ENV)
    if not target or (target, name) in _reported:
        return
    _reported.add((target, name))
    with open(target, "a", encoding="utf-8") as out:
        out.write(name + "\n")


def data_dir() -> Path:
    """Where the data lives: $LEARNING_REGIONS_DATA, the copy inside an installed
    wheel, or the repository's data/ folder (an editable install)."""
    if os.environ.get(DATA_ENV):
        return Path(os.environ[DATA_ENV])
    package = Path(__file__).resolve().parent
    for candidate in (package / "_data", package.parent / "data"):
        if (candidate / DESCRIPTOR).is_file():
            return candidate
    return package.parent / "data"


Row = Mapping[str, Any]


@dataclass(frozen=True)
class Table:
    """A validated table: its rows (read-only mappings) and its data dictionary."""

    name: str
    path: Path
    description: str
    kind: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    rows: tuple[Row, ...]

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index: int) -> Row:
        return self.rows[index]

    @property
    def is_interpretation(self) -> bool:
        """True for the companion's own readings, as opposed to facts from the texts."""
        return self.kind == "interpretation"

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name} has no column {name!r}")

    def where(self, **equals: Any) -> list[Row]:
        """The rows whose columns equal the given values, in file order."""
        for name in equals:
            self.field(name)
        return [row for row in self.rows if all(row[k] == v for k, v in equals.items())]

    def require_rows(self, needed_by: str) -> "Table":
        """This table, or a DataError when it has a header but no rows: a widget
        or chart that needs rows says which table is empty, not IndexError."""
        if not self.rows:
            raise DataError(self.path, f"the file has a header but no rows, and {needed_by} needs at least one", row=2)
        return self

    def column(self, name: str) -> list[Any]:
        self.field(name)
        return [row[name] for row in self.rows]

    def get(self, *key: Any) -> Row:
        """The row with this primary key."""
        for row in self.rows:
            if tuple(row[k] for k in self.primary_key) == key:
                return row
        raise KeyError(f"{self.name} has no row with {', '.join(self.primary_key)} = {key}")

    def _repr_html_(self) -> str:
        """A notebook shows the table itself, with a caption naming the file."""
        head = "".join(f"<th scope='col'>{html.escape(f.name)}</th>" for f in self.fields)
        body = "".join(
            "<tr>"
            + "".join(f"<td>{html.escape('' if row[f.name] is None else str(row[f.name]))}</td>" for f in self.fields)
            + "</tr>"
            for row in self.rows
        )
        label = "the companion's reading" if self.is_interpretation else "facts from the texts"
        caption = f"{html.escape(self.name)} ({len(self.rows)} rows, {label}) from data/{html.escape(self.path.name)}"
        return f"<table><caption>{caption}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def read_descriptor(directory: Path) -> dict[str, Any]:
    path = directory / DESCRIPTOR
    if not path.is_file():
        raise DataError(path, "file not found: the data dictionary is missing")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise DataError(path, f"not valid UTF-8 ({error.reason} at byte {error.start})") from None
    except json.JSONDecodeError as error:
        # A JSON file has lines, not rows: say where an editor will find the slip.
        raise DataError(path, f"not valid JSON at line {error.lineno}, character {error.colno}: {error.msg}") from None


def resource_descriptor(package: dict[str, Any], name: str, directory: Path) -> dict[str, Any]:
    resources = {r.get("name"): r for r in package.get("resources", [])}
    if name not in resources:
        known = ", ".join(sorted(n for n in resources if n))
        raise DataError(directory / DESCRIPTOR, f"no table named {name!r} (known tables: {known})")
    return resources[name]


def check_primary_key(path: Path, key: tuple[str, ...], rows: list[tuple[int, dict]]) -> None:
    first_seen: dict[tuple, int] = {}
    for number, row in rows:
        value = tuple(row[k] for k in key)
        if value in first_seen:
            shown = ", ".join(str(v) for v in value)
            raise DataError(
                path,
                f"duplicate key {shown!r} (first used in row {first_seen[value]})",
                row=number,
                column=", ".join(key),
            )
        first_seen[value] = number


def check_unique(path: Path, fields: tuple[Field, ...], rows: list[tuple[int, dict]]) -> None:
    for f in fields:
        if not f.constraints.get("unique"):
            continue
        first_seen: dict[Any, int] = {}
        for number, row in rows:
            value = row[f.name]
            if value is None:
                continue
            if value in first_seen:
                raise DataError(
                    path, f"{value!r} appears twice (first used in row {first_seen[value]})", row=number, column=f.name
                )
            first_seen[value] = number


def as_tuple(value: str | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


class Package:
    """All tables of one data folder, loaded lazily and validated on first use."""

    def __init__(self, directory: Path | str | None = None):
        self.directory = Path(directory) if directory is not None else data_dir()
        self.descriptor = read_descriptor(self.directory)
        self._tables: dict[str, Table] = {}
        self._loading: set[str] = set()

    @property
    def names(self) -> list[str]:
        return [r["name"] for r in self.descriptor.get("resources", [])]

    def table(self, name: str) -> Table:
        _report_read(name)
        if name not in self._tables:
            self._tables[name] = self._load(name)
        return self._tables[name]

    def validate(self) -> dict[str, Table]:
        """Load every table; the first problem found raises DataError."""
        return {name: self.table(name) for name in self.names}

    def _load(self, name: str) -> Table:
        resource = resource_descriptor(self.descriptor, name, self.directory)
        path = self.directory / resource["path"]
        schema = resource.get("schema", {})
        try:
            fields = tuple(Field.from_descriptor(d) for d in schema.get("fields", []))
        except (KeyError, ValueError) as error:
            raise DataError(self.directory / DESCRIPTOR, f"table {name!r} has a malformed field: {error}") from None
        missing = frozenset(schema.get("missingValues", [""]))
        rows = parse_rows(path, decode(path), fields, missing, table=name)
        self.check_keys(name, path, rows, fields)
        return Table(
            name=name,
            path=path,
            description=resource.get("description", ""),
            kind=resource.get("x-kind", "fact"),
            fields=fields,
            primary_key=as_tuple(schema.get("primaryKey", [])),
            rows=tuple(MappingProxyType(row) for _, row in rows),
        )

    def check_keys(
        self, name: str, path: Path, rows: list[tuple[int, dict]], fields: tuple[Field, ...] | None = None
    ) -> None:
        """The primary key, unique columns and foreign keys of parsed ``rows``
        ((row number, row) pairs) of table ``name``. Also used for a DataFrame
        a student edited (:func:`learning_regions.frames.check_frame`)."""
        schema = resource_descriptor(self.descriptor, name, self.directory).get("schema", {})
        if fields is None:
            fields = tuple(Field.from_descriptor(d) for d in schema.get("fields", []))
        key = as_tuple(schema.get("primaryKey", []))
        if key:
            check_primary_key(path, key, rows)
        check_unique(path, fields, rows)
        self._loading.add(name)
        try:
            for foreign in schema.get("foreignKeys", []):
                self._check_foreign_key(path, name, foreign, rows)
            self._check_rules(name, path, rows, fields, schema)
        finally:
            self._loading.discard(name)

    def _check_rules(
        self, name: str, path: Path, rows: list[tuple[int, dict]], fields: tuple[Field, ...], schema: dict
    ) -> None:
        """The rules across tables the dictionary declares (:mod:`.rules`)."""
        names = {f.name for f in fields}
        if {"source_id", "locator"} <= names and name != "sources":
            rules.check_locators(self.table("sources").rows, path, rows, DataError)
        if {"as_written", "value"} <= names:
            rules.check_as_written(path, rows, DataError)
        complete = resource_descriptor(self.descriptor, name, self.directory).get("x-complete")
        if complete:
            rules.check_complete(complete, self._values_of(complete["each"], fields, schema), path, rows, DataError)

    def _values_of(self, column: str, fields: tuple[Field, ...], schema: dict) -> list[Any]:
        """Every value ``column`` may take: its enum, or the keys of the table it links to."""
        field = next(f for f in fields if f.name == column)
        if field.constraints.get("enum"):
            return list(field.constraints["enum"])
        for foreign in schema.get("foreignKeys", []):
            if as_tuple(foreign["fields"]) == (column,):
                target = foreign["reference"]
                return self.table(target["resource"]).column(as_tuple(target["fields"])[0])
        raise DataError(
            self.directory / DESCRIPTOR,
            f"x-complete names {column!r}, which has neither an enum nor a foreign key to take its values from",
        )

    def _check_foreign_key(self, path: Path, name: str, foreign: dict, rows: list[tuple[int, dict]]) -> None:
        columns = as_tuple(foreign["fields"])
        reference = foreign["reference"]
        target_name = reference.get("resource") or name
        target_columns = as_tuple(reference["fields"])
        if target_name == name:
            target_rows, target_path = [row for _, row in rows], path
        elif target_name in self._loading:
            raise DataError(
                self.directory / DESCRIPTOR, f"the foreign keys of {name!r} and {target_name!r} form a cycle"
            )
        else:
            target = self.table(target_name)
            target_rows, target_path = list(target.rows), target.path
        known = {tuple(row[c] for c in target_columns) for row in target_rows}
        for number, row in rows:
            value = tuple(row[c] for c in columns)
            if any(v is None for v in value):
                continue
            if value not in known:
                shown = ", ".join(str(v) for v in value)
                known_list = sorted(", ".join(str(v) for v in k) for k in known)
                examples = ", ".join(known_list[:8]) + (", ..." if len(known_list) > 8 else "")
                raise DataError(
                    path,
                    f"{shown!r} is not a {', '.join(target_columns)} in {target_path.name} (known: {examples})",
                    row=number,
                    column=", ".join(columns),
                )


_PACKAGES: dict[tuple[str, int], Package] = {}
#: folder as asked for (None: the default) -> (when it was last looked at, its key in _PACKAGES).
_LOOKED_AT: dict[str | None, tuple[float, tuple[str, int]]] = {}
#: How long tables are trusted before the folder's time stamps are looked at
#: again. 0 in a kernel: a file an instructor edits is seen by the next cell.
#: The book page's Python sets it to infinity (learning_regions.inpage):
#: its data is the wheel's copy, which nothing edits, and looking at every
#: file's time stamp on each of a redraw's dozen table lookups was half of a
#: redraw there.
RECHECK_AFTER_S = 0.0


def _package(directory: Path | str | None) -> Package:
    """One Package per data folder, reloaded when any of its files changes."""
    asked = str(directory) if directory is not None else None
    now = time.monotonic()
    seen = _LOOKED_AT.get(asked)
    if seen is not None and now - seen[0] < RECHECK_AFTER_S and seen[1] in _PACKAGES:
        return _PACKAGES[seen[1]]  # trusted: not even data_dir() is looked up again
    folder = Path(directory) if directory is not None else data_dir()
    stamp = max((p.stat().st_mtime_ns for p in folder.glob("*") if p.is_file()), default=0)
    key = (str(folder.resolve()), stamp)
    if key not in _PACKAGES:
        _PACKAGES.clear()
        _PACKAGES[key] = Package(folder)
    _LOOKED_AT[asked] = (now, key)
    return _PACKAGES[key]


def load_table(name: str, directory: Path | str | None = None) -> Table:
    """The validated table called ``name`` (see data/datapackage.json)."""
    return _package(directory).table(name)


def validate_all(directory: Path | str | None = None) -> dict[str, Table]:
    """Load and check every table of the data folder."""
    return _package(directory).validate()
