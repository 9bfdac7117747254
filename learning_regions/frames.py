"""The companion's tables as pandas DataFrames, typed from the data dictionary.

    >>> from learning_regions import load_frame
    >>> facts = load_frame("case_facts")
    >>> facts["value"].dtype, list(facts["status"].cat.categories)
    (Float64Dtype(), ['reported', 'in progress', 'planned', 'expected'])

A layer on top of :mod:`learning_regions.loader`, never beside it: every table
is validated by ``load_table`` first (a broken file raises the same
:class:`~learning_regions.loader.DataError`, naming file, row and column) and
the DataFrame is built from the validated rows, so no CSV is read twice or by
pandas' own parser. Column types come from ``datapackage.json``, not from
guessing:

=========================  ==========================================
dictionary                 pandas dtype
=========================  ==========================================
``integer``, ``year``      ``Int64`` (nullable)
``number``                 ``Float64`` (nullable)
``boolean``                ``boolean`` (nullable)
``string``                 ``string``
any type with an ``enum``  ``category`` with exactly the allowed values,
                           ordered when the field says
                           ``"categoriesOrdered": true`` or when its
                           values are numbers (a scale)
=========================  ==========================================

A missing value is ``<NA>``. ``df.attrs`` carries the table's title,
description, kind, source texts, units and whether it is the companion's
interpretation. :func:`check_frame` checks an edited DataFrame against the same
dictionary.

pandas is imported only when a function here is called: the package itself
needs only the standard library, plotly and ipywidgets, which is what the
browser's Python (Pyodide, offline) has.
"""

from __future__ import annotations

import math
import numbers
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .loader import DESCRIPTOR, DataError, Table, _package, load_table, validate_all
from .schema import CellError, Field

if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    import pandas as pd

INTEGER_TYPES = {"integer", "year"}


class PandasMissingError(ImportError):
    """pandas is not installed here (for example in the live, in-browser notebooks)."""


class FrameError(DataError):
    """An edited DataFrame does not fit the data dictionary.

    Like :class:`DataError` it names the file the table belongs to, the row and
    the column; the row is the DataFrame's row by position (``df.iloc[row]``),
    with its index label.
    """

    def __init__(
        self, name: str, path: Path, message: str, row: int | None = None, label: Any = None, column: str | None = None
    ):
        self.path, self.row, self.column, self.reason, self.label = Path(path), row, column, message, label
        where = [f"DataFrame {name!r} ({Path(path).name})"]
        if row is not None:
            where.append(f"row {row} (index {label!r})")
        if column is not None:
            where.append(f"column '{column}'")
        ValueError.__init__(self, f"{', '.join(where)}: {message}")


def _pandas():
    """pandas, or one plain error saying what to do without it."""
    try:
        import pandas
    except ImportError:
        raise PandasMissingError(
            "load_frame needs pandas, which this Python does not have (the live notebooks in the "
            "browser run without it). Open the notebook in JupyterLab, Binder, a JupyterHub or Colab, "
            "or install pandas; or use load_table(name), which gives the same validated rows "
            "with the standard library only."
        ) from None
    return pandas


# ------------------------------------------------------------------ dtypes


def _raw_fields(name: str, directory: Path | str | None) -> dict[str, dict[str, Any]]:
    """The field descriptors of ``name`` as written in datapackage.json."""
    package = _package(directory)
    resource = next(r for r in package.descriptor["resources"] if r.get("name") == name)
    return {f["name"]: f for f in resource.get("schema", {}).get("fields", [])}


def is_ordered(field: Field, descriptor: dict[str, Any]) -> bool:
    """An enum is ordered when the dictionary says so, or when it is a scale of numbers."""
    if "categoriesOrdered" in descriptor:
        return bool(descriptor["categoriesOrdered"])
    values = field.constraints.get("enum", [])
    return bool(values) and all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in values)


def dtype_for(field: Field, descriptor: dict[str, Any] | None = None):
    """The pandas dtype of a column, from its entry in the data dictionary."""
    pd = _pandas()
    if "enum" in field.constraints:
        values = list(field.constraints["enum"])
        ordered = is_ordered(field, descriptor or {})
        if ordered and all(isinstance(v, numbers.Real) for v in values):
            values = sorted(values)  # a scale runs from low to high, however the dictionary lists it
        return pd.CategoricalDtype(values, ordered=ordered)
    return {
        "integer": pd.Int64Dtype(),
        "year": pd.Int64Dtype(),
        "number": pd.Float64Dtype(),
        "boolean": pd.BooleanDtype(),
        "string": pd.StringDtype(),
    }[field.type]


def dtypes(name: str, directory: Path | str | None = None) -> dict[str, Any]:
    """column -> pandas dtype for table ``name``, as :func:`load_frame` gives them."""
    table = load_table(name, directory)
    raw = _raw_fields(name, directory)
    return {f.name: dtype_for(f, raw.get(f.name)) for f in table.fields}


# ------------------------------------------------------------------ loading


def _attrs(table: Table, directory: Path | str | None) -> dict[str, Any]:
    package = _package(directory)
    resource = next(r for r in package.descriptor["resources"] if r.get("name") == table.name)
    # relation_types, the companion's own vocabulary, cites no source text
    cited = list(dict.fromkeys(table.column("source_id"))) if any(f.name == "source_id" for f in table.fields) else []
    titles = {row["source_id"]: row["short_title"] for row in load_table("sources", directory)}
    return {
        "name": table.name,
        "title": resource.get("title") or table.name.replace("_", " ").capitalize(),
        "description": table.description,
        "kind": table.kind,
        "interpretation": table.is_interpretation,
        "file": f"{package.directory.name}/{table.path.name}",
        "sources": {source: titles.get(source, source) for source in cited},
        "units": {f.name: f.unit for f in table.fields if f.unit},
        "columns": {f.name: f.description for f in table.fields},
        "primary_key": list(table.primary_key),
    }


def load_frame(name: str, directory: Path | str | None = None, index: bool = False) -> pd.DataFrame:
    """The validated table ``name`` as a typed ``pandas.DataFrame``.

    ``index=True`` makes the primary key the index (a ``MultiIndex`` for a key
    of two columns). Raises :class:`DataError` for a broken table, exactly as
    ``load_table`` does, and :class:`PandasMissingError` where pandas is absent.
    """
    pd = _pandas()
    table = load_table(name, directory)  # validates first; raises DataError
    columns = {}
    for f, dtype in zip(table.fields, dtypes(name, directory).values()):
        values = [row[f.name] for row in table.rows]
        if isinstance(dtype, pd.CategoricalDtype):
            columns[f.name] = pd.Categorical(values, dtype=dtype)
        else:
            columns[f.name] = pd.array(values, dtype=dtype)
    frame = pd.DataFrame(columns)
    if index and table.primary_key:
        frame = frame.set_index(list(table.primary_key))
    frame.attrs.update(_attrs(table, directory))
    return frame


def load_frames(directory: Path | str | None = None, index: bool = False) -> dict[str, pd.DataFrame]:
    """Every table of the data folder, validated, as typed DataFrames by name."""
    _pandas()
    return {name: load_frame(name, directory, index=index) for name in validate_all(directory)}


# ------------------------------------------------------------------ checking


def _kind_of(value: Any) -> str:
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return "true/false"
    if isinstance(value, numbers.Number):
        return "a number"
    return type(value).__name__


def _is_missing(value: Any) -> bool:
    """None, NaN, NaT or pd.NA (a list or other container is a value, not a gap)."""
    if value is None:
        return True
    try:
        return bool(_pandas().isna(value))
    except (TypeError, ValueError):
        return False


def cell_text(value: Any, field: Field, missing: str = "") -> str:
    """A DataFrame cell as the CSV text the validator expects, or CellError if
    its Python type cannot belong to the field's type. The text then goes
    through the loader's own parser, so a frame is held to the file's rules."""
    if _is_missing(value):
        return missing
    kind = _kind_of(value)
    if field.type == "string":
        if isinstance(value, str):
            return value
        raise CellError(f"{value!r} is {kind}, but this column holds text")
    if field.type == "boolean":
        if kind == "true/false":
            return "true" if value else "false"
        raise CellError(f"{value!r} is {kind}, but this column holds true or false")
    if kind != "a number":
        hint = " (convert the column with pd.to_numeric)" if kind == "text" else ""
        raise CellError(f"{value!r} is {kind}, but this column holds numbers{hint}")
    if field.type in INTEGER_TYPES:
        if isinstance(value, numbers.Integral):
            return str(int(value))
        if isinstance(value, numbers.Real) and float(value).is_integer():
            return str(int(value))
        raise CellError(f"{value!r} is not a whole number")
    number = float(value) if not isinstance(value, numbers.Integral) else int(value)
    if isinstance(number, float) and not math.isfinite(number):
        raise CellError(f"{value!r} is not a finite number")
    return repr(number) if isinstance(number, float) else str(number)


def check_frame(frame: pd.DataFrame, name: str, directory: Path | str | None = None) -> None:
    """Check a DataFrame (for example one a student edited) against table
    ``name`` of the data dictionary: columns, types, constraints (allowed
    values, ranges, patterns), the primary key, unique columns and the links to
    other tables. Returns nothing; the first problem raises :class:`FrameError`
    (a :class:`DataError`) naming the file, row and column.

    The primary key may be the index (as ``load_frame(name, index=True)``
    gives it) or ordinary columns.
    """
    _pandas()
    package = _package(directory)
    table = load_table(name, directory)  # the dictionary entry, and the tables it links to
    path = table.path
    fields = table.fields
    wanted = [f.name for f in fields]
    labels = frame.index  # the student's own row labels, for the messages
    index_names = [n for n in frame.index.names if n is not None]
    if index_names and all(n in wanted and n not in frame.columns for n in index_names):
        frame = frame.reset_index()

    def fail(message: str, row: int | None = None, column: str | None = None):
        label = labels[row] if row is not None and 0 <= row < len(labels) else None
        return FrameError(name, path, message, row=row, label=label, column=column)

    if frame.columns.duplicated().any():
        raise fail("this column appears twice", column=str(frame.columns[frame.columns.duplicated()][0]))
    for column in wanted:
        if column not in frame.columns:
            raise fail(f"missing column (the table needs: {', '.join(wanted)})", column=column)
    for column in frame.columns:
        if column not in wanted:
            raise fail(f"unexpected column: it is not in {DESCRIPTOR} (drop it before checking)", column=str(column))

    schema = next(r for r in package.descriptor["resources"] if r.get("name") == name).get("schema", {})
    missing_values = frozenset(schema.get("missingValues", [""]))
    marker = "" if "" in missing_values else next(iter(missing_values), "")
    rows: list[tuple[int, dict]] = []
    columns = {f.name: frame[f.name].tolist() for f in fields}
    for position in range(len(frame)):
        row = {}
        for f in fields:
            try:
                row[f.name] = f.parse(cell_text(columns[f.name][position], f, marker), missing_values)
            except CellError as error:
                raise fail(str(error), row=position, column=f.name) from None
        rows.append((position, row))
    try:
        package.check_keys(name, path, rows)
    except FrameError:
        raise
    except DataError as error:
        if error.path != path:  # a problem in another table (a foreign key's target)
            raise
        raise fail(error.reason, row=error.row, column=error.column) from None


# ------------------------------------------------------------------ for the lesson


def reading_matrix(name: str, directory: Path | str | None = None) -> pd.DataFrame:
    """An interpretive table keyed by case and one other column (``pnc_readings``,
    ``recipe_weights``) as a case × dimension matrix of its scores.

    Rows are the cases in the order of cases.csv, under their names; columns
    follow the dictionary (an enum's order, or the order of the table the
    column links to, under that table's labels). A case the table gives no
    reading for keeps ``<NA>``: not read is not zero. ``attrs`` are the table's.
    """
    readings = load_frame(name, directory)
    case_column, other = readings.attrs["primary_key"]
    table = load_table(name, directory)
    value = next(
        f.name for f in table.fields if f.type in INTEGER_TYPES | {"number"} and f.name not in (case_column, other)
    )
    matrix = readings.pivot(index=case_column, columns=other, values=value)

    cases = load_table("cases", directory)
    columns: list[Any] = (
        list(readings[other].cat.categories) if isinstance(readings[other].dtype, _pandas().CategoricalDtype) else []
    )
    labels: dict[Any, Any] = {}
    if not columns:
        schema = next(r for r in _package(directory).descriptor["resources"] if r.get("name") == name)["schema"]
        link = next(fk for fk in schema.get("foreignKeys", []) if fk["fields"] == other)
        target = load_table(link["reference"]["resource"], directory)
        columns = target.column(link["reference"]["fields"])
        if any(f.name == "label" for f in target.fields):
            labels = dict(zip(columns, target.column("label")))
    matrix = matrix.reindex(index=cases.column("case_id"), columns=columns)
    matrix.columns = _pandas().Index([labels.get(c, c) for c in columns], name=other.removesuffix("_id"))
    matrix.index = _pandas().Index(cases.column("name"), name="case")
    matrix.attrs = dict(readings.attrs)
    return matrix
