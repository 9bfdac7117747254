"""Rules across tables that the data dictionary declares beyond Table Schema.

The loader checks each table's cells, keys and links (:mod:`.loader`); these
two rules need a second table, and they are what keeps a lecturer's new case
or new source from stopping a chart with a bare ``KeyError`` later:

* **Locators fit their source's scheme.** ``sources.csv`` says, for each
  source, how its locators are written (``locator_pattern``, a regular
  expression a locator must match whole) and which paragraphs exist
  (``paragraphs``: ``¶1-¶15``, or per part: ``Preface ¶1-¶7; Introduction
  ¶1-¶9``; empty when the source is not counted in paragraphs). Every row of a
  table with ``source_id`` and ``locator`` columns is checked against them.
* **Readings are complete.** A table may declare ``"x-complete": {"per":
  "case_id", "each": "dimension"}``: every case that has a row has one for
  each value of ``each`` (the values of its enum, or the keys of the table
  its foreign key names). A case with three of six recipe weights is an
  error naming the missing ones, not a chart that fails to draw.

Standard library only, like the loader.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

PARAGRAPH = re.compile(r"¶(\d+)(?:-¶(\d+))?")
RANGE = re.compile(r"^(?:(?P<part>.+?) )?¶(?P<first>\d+)-¶(?P<last>\d+)$")


class DataErrorFactory(Protocol):
    def __call__(self, path: Path, message: str, row: int | None = None, column: str | None = None) -> Exception: ...


def paragraph_ranges(spec: str | None) -> dict[str | None, range]:
    """``Preface ¶1-¶7; Introduction ¶1-¶9`` -> {"Preface": 1..7, "Introduction": 1..9};
    ``¶1-¶15`` -> {None: 1..15}; empty -> {} (paragraphs not counted)."""
    ranges: dict[str | None, range] = {}
    for item in filter(None, (part.strip() for part in (spec or "").split(";"))):
        match = RANGE.match(item)
        if not match:
            raise ValueError(f"{item!r} is not a paragraph range such as '¶1-¶15' or 'Preface ¶1-¶7'")
        ranges[match["part"]] = range(int(match["first"]), int(match["last"]) + 1)
    return ranges


def locator_problem(locator: str, pattern: str | None, ranges: dict[str | None, range]) -> str | None:
    """Why ``locator`` does not fit its source's scheme, or None when it does."""
    if pattern and not re.fullmatch(pattern, locator):
        return f"does not match the source's locator pattern {pattern!r}"
    for match in PARAGRAPH.finditer(locator):
        before = locator[: match.start()]
        part = next((name for name in ranges if name and before.rstrip().endswith(name)), None)
        if part is None:  # a later ¶ of the same part ("Preface ¶2-¶5"), or a source without parts
            named = [(before.rfind(name), name) for name in ranges if name and name in before]
            part = max(named)[1] if named else None
        allowed = ranges.get(part)
        if allowed is None:
            continue
        for number in filter(None, match.groups()):
            if int(number) not in allowed:
                where = f"{part} " if part else ""
                return f"names {where}¶{number}, but the source has {where}¶{allowed.start}-¶{allowed.stop - 1}"
    return None


def check_locators(
    sources: Iterable[dict[str, Any]], path: Path, rows: list[tuple[int, dict]], error: DataErrorFactory
) -> None:
    """Every row's ``locator`` fits the scheme its ``source_id`` declares in sources.csv."""
    schemes = {}
    for source in sources:
        try:
            schemes[source["source_id"]] = (source.get("locator_pattern"), paragraph_ranges(source.get("paragraphs")))
        except ValueError as problem:
            raise error(
                Path(path).with_name("sources.csv"), f"source {source['source_id']!r}: {problem}", column="paragraphs"
            ) from None
    for number, row in rows:
        locator, source_id = row.get("locator"), row.get("source_id")
        if locator is None or source_id not in schemes:
            continue
        problem = locator_problem(locator, *schemes[source_id])
        if problem:
            raise error(
                path,
                f"the locator {locator!r} {problem} (the scheme of {source_id} is in sources.csv)",
                row=number,
                column="locator",
            )


def check_complete(
    rule: dict[str, str], values: list[Any], path: Path, rows: list[tuple[int, dict]], error: DataErrorFactory
) -> None:
    """Each ``rule["per"]`` value present has a row for every one of ``values``."""
    per, each = rule["per"], rule["each"]
    found: dict[Any, tuple[int, set]] = {}
    for number, row in rows:
        first, seen = found.setdefault(row[per], (number, set()))
        seen.add(row[each])
    for key, (first_row, seen) in found.items():
        missing = [v for v in values if v not in seen]
        if missing:
            raise error(
                path,
                f"{per} {key!r} has rows for {len(seen)} of the {len(values)} values of {each}; "
                f"add a row for each of: {', '.join(map(str, missing))}",
                row=first_row,
                column=each,
            )
