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
* **A figure matches the text's wording.** A table with ``as_written`` and
  ``value`` columns (case_facts.csv) gives each figure as the text words it;
  :func:`read_as_written` reads that wording (a number in digits or words,
  after at most one of the :data:`QUALIFIERS`, with an optional scale word
  such as "million"), the value must be the number it reads, and
  ``approximate`` must be true exactly when the wording has a qualifier. The
  tests read the wording with the same function.
* **Readings are complete.** A table may declare ``"x-complete": {"per":
  "case_id", "each": "dimension"}``: every case that has a row has one for
  each value of ``each`` (the values of its enum, or the keys of the table
  its foreign key names). A case with three of six recipe weights is an
  error naming the missing ones, not a chart that fails to draw.

Standard library only, like the loader.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

#: The words that may stand before a figure's number in ``as_written``, longest first
#: where one begins another. Any of them makes the figure approximate.
QUALIFIERS = (
    "some",
    "about",
    "around",
    "roughly",
    "approximately",
    "nearly",
    "almost",
    "more than",
    "over",
    "fewer than",
    "less than",
    "under",
    "up to",
    "at least",
    "at most",
)
#: Numbers the texts write in words.
NUMBER_WORDS = {
    word: number
    for number, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100}
SCALE_WORDS = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
DIGITS = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?|\d+(\.\d+)?")
CURRENCY_SIGNS = "£$€"


@dataclass(frozen=True)
class Wording:
    """How ``as_written`` words a figure: its qualifier ('more than'; None when
    there is none) and the number it gives, scale included."""

    qualifier: str | None
    number: float


def read_as_written(text: str) -> Wording:
    """'some £4 billion' -> (some, 4e9); 'more than 200' -> (more than, 200);
    '1.4 million' -> (None, 1.4e6); 'thirty years' -> (None, 30); '85%' -> (None, 85).

    A wording it cannot read raises ValueError with a sentence saying what it reads.
    """
    rest = " ".join(text.split())
    qualifier = next((q for q in QUALIFIERS if rest.lower().startswith(q + " ")), None)
    if qualifier:
        rest = rest[len(qualifier) + 1 :]
    words = rest.replace("-", " ").split()
    first = words[0].strip(CURRENCY_SIGNS).rstrip("%").lower() if words else ""
    if first in NUMBER_WORDS:
        number: float = NUMBER_WORDS[first]
    elif DIGITS.fullmatch(first):
        number = float(first.replace(",", ""))
    else:
        raise ValueError(
            f"{text!r} does not give a number the check can read: write the number in digits ('23,000', '1.4') or "
            f"as a word ({', '.join(list(NUMBER_WORDS)[1:11])} ... twenty, thirty ... hundred), optionally after one "
            f"of these words: {', '.join(QUALIFIERS)}; e.g. 'about 32,000' or 'more than 200'"
        )
    scale = next((SCALE_WORDS[w.lower()] for w in words[1:] if w.lower() in SCALE_WORDS), 1)
    return Wording(qualifier, number * scale)


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
        return f"does not match the source's locator pattern {pattern}"
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
    schemes, described = {}, {}
    for source in sources:
        try:
            schemes[source["source_id"]] = (source.get("locator_pattern"), paragraph_ranges(source.get("paragraphs")))
        except ValueError as problem:
            raise error(
                Path(path).with_name("sources.csv"), f"source {source['source_id']!r}: {problem}", column="paragraphs"
            ) from None
        described[source["source_id"]] = source.get("locator_scheme") or ""
    for number, row in rows:
        locator, source_id = row.get("locator"), row.get("source_id")
        if locator is None or source_id not in schemes:
            continue
        pattern, ranges = schemes[source_id]
        problem = locator_problem(locator, pattern, ranges)
        if problem and pattern and not re.fullmatch(pattern, locator):
            # The pattern as sources.csv has it (not its repr, which doubles each backslash), and the fix.
            example = locator_example(pattern, described[source_id], (r.get("locator") for _, r in rows))
            shown = f", e.g. {example}" if example else ""
            raise error(
                path,
                f"the locator '{locator}' does not match the locator pattern {pattern} that sources.csv gives for "
                f"{source_id} (column 'locator_pattern'); write the locator in that scheme{shown}, "
                "or change the pattern in sources.csv",
                row=number,
                column="locator",
            )
        if problem:
            raise error(
                path,
                f"the locator '{locator}' {problem}; write a paragraph the source has, "
                f"or change its paragraphs in sources.csv (source {source_id}, column 'paragraphs')",
                row=number,
                column="locator",
            )


def locator_example(pattern: str, scheme: str, locators: Iterable[str | None] = ()) -> str | None:
    """A locator that fits ``pattern``: the first one the source's ``locator_scheme``
    text gives (sources.csv), else the first of ``locators`` that fits; None if neither has one."""
    for match in re.finditer(pattern, scheme):
        if match.group(0).strip():
            return match.group(0)
    return next((loc for loc in locators if loc and re.fullmatch(pattern, loc)), None)


def check_as_written(path: Path, rows: list[tuple[int, dict]], error: DataErrorFactory) -> None:
    """Every row's ``value`` is the number its ``as_written`` gives, and its
    ``approximate`` (when the table has it) is true exactly when the wording has a qualifier."""
    for number, row in rows:
        text, value = row.get("as_written"), row.get("value")
        if text is None or value is None:
            continue
        try:
            wording = read_as_written(text)
        except ValueError as problem:
            raise error(path, str(problem), row=number, column="as_written") from None
        if not math.isclose(wording.number, value, rel_tol=1e-9):
            raise error(
                path,
                f"the value {value} is not the number the text's wording {text!r} gives ({wording.number:g}); "
                "write the value as that number written out in full (1.4 million is 1400000), "
                "or correct the wording in 'as_written'",
                row=number,
                column="value",
            )
        if (
            "approximate" in row
            and row["approximate"] is not None
            and row["approximate"] is not bool(wording.qualifier)
        ):
            why = (
                f"the wording {text!r} qualifies its number with {wording.qualifier!r}, so write true"
                if wording.qualifier
                else f"the wording {text!r} has none of the qualifying words ({', '.join(QUALIFIERS)}), so write false"
            )
            raise error(
                path, f"approximate is {str(row['approximate']).lower()}, but {why}", row=number, column="approximate"
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
