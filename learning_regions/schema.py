"""The part of Frictionless Table Schema that data/datapackage.json uses.

Standard library only: the same code runs in a browser kernel (Pyodide)
where pandas is not available. Each cell is parsed by its field's type and
checked against the field's constraints; a problem raises ``CellError`` with a
message a reader of the CSV file can act on. The loader adds file, row and
column to it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

INTEGER = re.compile(r"[+-]?\d+")
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
YEAR = re.compile(r"\d{4}")
TRUE_VALUES = {"true", "True", "TRUE", "1"}
FALSE_VALUES = {"false", "False", "FALSE", "0"}


class CellError(ValueError):
    """A cell's text does not fit its field; the message says why."""


class EnumError(CellError):
    """A cell's value is not one of its field's allowed values (the data dictionary's enum)."""


def parse_integer(text: str) -> int:
    if not INTEGER.fullmatch(text):
        raise CellError(f"{text!r} is not a whole number")
    return int(text)


def parse_number(text: str, unit: str | None = None, unit_column: bool = False) -> int | float:
    """A plain decimal number: '1400000', '0.5', '1e6'.

    Thousands separators, spaces, currency signs and units are refused, so
    '1,400,000' or '1.4 million' cannot be misread; write the number out.
    The hint for words in the cell names the field's ``unit`` (from the data
    dictionary) or, when the table has one (``unit_column``), the column 'unit'.
    """
    if not NUMBER.fullmatch(text):
        hint = ""
        if "," in text:
            hint = " (write it without thousands separators, e.g. 1400000)"
        elif any(ch.isalpha() for ch in text):
            if unit:
                hint = f" (write the number alone, in digits; this column's unit: {unit})"
            elif unit_column:
                hint = " (write the number alone, in digits; the unit goes in the column 'unit')"
            else:
                hint = " (write the number alone, in digits)"
        raise CellError(f"{text!r} is not a number{hint}")
    if INTEGER.fullmatch(text):
        return int(text)
    value = float(text)
    if not math.isfinite(value):
        raise CellError(f"{text!r} is too large to be a number")
    return value


def parse_boolean(text: str) -> bool:
    if text in TRUE_VALUES:
        return True
    if text in FALSE_VALUES:
        return False
    raise CellError(f"{text!r} is not true or false")


def parse_year(text: str) -> int:
    if not YEAR.fullmatch(text):
        raise CellError(f"{text!r} is not a four-digit year")
    return int(text)


PARSERS = {
    "string": str,
    "integer": parse_integer,
    "number": parse_number,
    "boolean": parse_boolean,
    "year": parse_year,
}


@dataclass(frozen=True)
class Field:
    """One column of a table, as the data dictionary describes it."""

    name: str
    type: str = "string"
    description: str = ""
    unit: str | None = None
    constraints: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_descriptor(cls, descriptor: dict[str, Any]) -> Field:
        type_ = descriptor.get("type", "string")
        if type_ not in PARSERS:
            raise ValueError(f"field {descriptor.get('name')!r} has unsupported type {type_!r}")
        return cls(
            name=descriptor["name"],
            type=type_,
            description=descriptor.get("description", ""),
            unit=descriptor.get("unit"),
            constraints=dict(descriptor.get("constraints", {})),
        )

    @property
    def required(self) -> bool:
        return bool(self.constraints.get("required"))

    def parse(self, text: str, missing_values: frozenset[str] = frozenset({""}), unit_column: bool = False) -> Any:
        """The typed value of one cell, or None for a missing value.
        ``unit_column``: the table has a column 'unit' (a hint for misplaced units)."""
        if text in missing_values:
            if self.required:
                raise CellError("is empty, but a value is required")
            return None
        if self.type == "number":
            value = parse_number(text, self.unit, unit_column)
        else:
            value = PARSERS[self.type](text)
        self._check(value)
        return value

    def _check(self, value: Any) -> None:
        c = self.constraints
        if "enum" in c and value not in c["enum"]:
            allowed = ", ".join(str(v) for v in c["enum"])
            raise EnumError(f"{value!r} is not one of the allowed values ({allowed})")
        if "minimum" in c and value < c["minimum"]:
            raise CellError(f"{value!r} is below the minimum {c['minimum']}")
        if "maximum" in c and value > c["maximum"]:
            raise CellError(f"{value!r} is above the maximum {c['maximum']}")
        if "pattern" in c and not re.fullmatch(c["pattern"], str(value)):
            raise CellError(f"{value!r} does not match the pattern {c['pattern']}")
        if "minLength" in c and len(str(value)) < c["minLength"]:
            raise CellError(f"{value!r} is shorter than {c['minLength']} characters")
