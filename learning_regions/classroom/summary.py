"""The class's numbers: how its scores spread, which statements it found
hardest, its weights beside the companion's, and a summary to download.

Pure functions of a :class:`~.gather.ClassData` (standard library only). The
class view draws these numbers, and the tests check them against the same
readings in pandas (``load_class_profiles``).

* a **spread** is the count of students at each point of the 0-4 scale, with
  the mean and the standard deviation (of the class itself, ``ddof=0``);
* a case's **disagreement** is the mean of its dimensions' standard deviations;
* a statement is **harder** when a smaller share of the class answered it as
  the companion does (ties: the more evenly split first, then the data's order).
"""

from __future__ import annotations

import csv
import functools
import io
import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..loader import load_table
from . import vocabulary as vocab
from .formats import MY_REGION, spreadsheet_safe
from .gather import ClassData, StudentReading

OWN_REGIONS = "Students' own regions"


@dataclass(frozen=True)
class Spread:
    """How the class scored one item (a dimension, an ingredient) on a 0-n scale."""

    item: str
    label: str
    scale: tuple[int, ...]
    counts: tuple[int, ...]
    companion: int | None = None

    @property
    def n(self) -> int:
        return sum(self.counts)

    def values(self) -> list[int]:
        return [v for v, c in zip(self.scale, self.counts) for _ in range(c)]

    @functools.cached_property
    def mean(self) -> float | None:
        return statistics.fmean(self.values()) if self.n else None

    @functools.cached_property
    def sd(self) -> float | None:
        return statistics.pstdev(self.values()) if self.n else None


@dataclass(frozen=True)
class CaseSpread:
    """A case as the class profiled it (or, for the recipe, the mixes compared with it)."""

    case_id: str | None
    name: str
    students: int
    spreads: tuple[Spread, ...]
    readings: tuple[StudentReading, ...] = field(default=(), repr=False)
    source: str = ""

    @property
    def disagreement(self) -> float | None:
        """The mean of the items' standard deviations (None with no scores)."""
        sds = [s.sd for s in self.spreads if s.sd is not None]
        return statistics.fmean(sds) if sds else None

    @property
    def widest(self) -> Spread | None:
        scored = [s for s in self.spreads if s.sd is not None]
        return max(scored, key=lambda s: s.sd) if scored else None


def _spread(item: str, label: str, values: Sequence[int], scale: range, companion: int | None) -> Spread:
    counts = tuple(sum(1 for v in values if v == point) for point in scale)
    return Spread(item, label, tuple(scale), counts, companion)


def _cited(case_id: str) -> str:
    try:
        row = load_table("cases").get(case_id)
    except KeyError:
        return ""
    short = {"oecd1999": "OECD Observer (1999)", "rutten2014": "Rutten et al. (2014)"}
    return f"{short.get(row['source_id'], row['source_id'])}, {row['locator']}"


def profile_cases(data: ClassData) -> list[CaseSpread]:
    """Each case the class profiled, in the order of cases.csv; the students'
    own regions (no companion reading) last."""
    low, high = vocab.score_range()
    scale = range(low, high + 1)
    known = vocab.profile_cases()
    companion: dict[str, dict[str, int]] = {}
    for row in load_table("pnc_readings"):
        companion.setdefault(row["case_id"], {})[row["dimension"]] = row["score"]
    groups: dict[str, list[StudentReading]] = {}
    for reading in data.of_kind("profile"):
        case = reading.reading.case_id if reading.reading.case_id in known else MY_REGION
        groups.setdefault(case, []).append(reading)
    out = []
    for case_id in [*known, MY_REGION]:
        if case_id not in groups:
            continue
        readings = groups[case_id]
        spreads = tuple(
            _spread(
                d,
                vocab.label_of(d),
                [r.values[d] for r in readings if d in r.values],
                scale,
                companion.get(case_id, {}).get(d),
            )
            for d in vocab.dimensions()
        )
        out.append(
            CaseSpread(
                case_id if case_id != MY_REGION else None,
                known.get(case_id, OWN_REGIONS),
                len(readings),
                spreads,
                tuple(readings),
                _cited(case_id),
            )
        )
    return out


def disagreement(cases: Sequence[CaseSpread]) -> list[CaseSpread]:
    """The cases the class profiled (the companion's cases only: own regions
    differ from student to student), the most disputed first."""
    scored = [c for c in cases if c.case_id is not None and c.disagreement is not None]
    return sorted(scored, key=lambda c: -c.disagreement)


@dataclass(frozen=True)
class StatementResult:
    """How the class answered one statement of classify-it."""

    example_id: str
    number: int  # its place in classify_examples.csv, from 1
    statement: str
    companion: str
    explanation: str
    source: str
    counts: Mapping[str, int]

    @property
    def answered(self) -> int:
        return sum(self.counts.values())

    @property
    def as_companion(self) -> int:
        return self.counts.get(self.companion, 0)

    @property
    def share(self) -> float | None:
        return self.as_companion / self.answered if self.answered else None


def classify_results(data: ClassData) -> list[StatementResult]:
    """Every statement the class answered, the hardest first."""
    layers = vocab.layers()
    answers = [r.values for r in data.of_kind("classify")]
    short = {"oecd1999": "OECD Observer (1999)", "rutten2014": "Rutten et al. (2014)"}
    results = []
    for number, (example_id, row) in enumerate(vocab.statements().items(), start=1):
        counts = {layer: sum(1 for a in answers if a.get(example_id) == layer) for layer in layers}
        if not sum(counts.values()):
            continue
        results.append(
            StatementResult(
                example_id,
                number,
                row["statement"],
                row["answer"],
                row["explanation"],
                f"{short.get(row['source_id'], row['source_id'])}, {row['locator']}",
                counts,
            )
        )

    def hardness(result: StatementResult) -> tuple:
        shares = [c / result.answered for c in result.counts.values() if c]
        evenness = -sum(s * math.log(s) for s in shares)  # higher: more evenly split
        return (result.share, -evenness, result.number)

    return sorted(results, key=hardness)


def recipe_groups(data: ClassData) -> list[CaseSpread]:
    """The class's mixes, grouped by the case each was compared with (in the
    order of cases.csv; mixes compared with none last), beside the companion's weights."""
    low, high = vocab.weight_range()
    scale = range(low, high + 1)
    cases = vocab.recipe_cases()
    companion: dict[str, dict[str, int]] = {}
    for row in load_table("recipe_weights"):
        companion.setdefault(row["case_id"], {})[row["ingredient_id"]] = row["weight"]
    groups: dict[str | None, list[StudentReading]] = {}
    for reading in data.of_kind("recipe"):
        case = reading.reading.case_id if reading.reading.case_id in cases else None
        groups.setdefault(case, []).append(reading)
    out = []
    for case_id in [*cases, None]:
        if case_id not in groups:
            continue
        readings = groups[case_id]
        spreads = tuple(
            _spread(
                i,
                label,
                [r.values[i] for r in readings if i in r.values],
                scale,
                companion.get(case_id, {}).get(i) if case_id else None,
            )
            for i, label in vocab.ingredients().items()
        )
        name = f"compared with {cases[case_id]}" if case_id else "compared with no case"
        out.append(
            CaseSpread(case_id, name, len(readings), spreads, tuple(readings), _cited(case_id) if case_id else "")
        )
    return out


# --------------------------------------------------------------- the summary to download

SUMMARY_COLUMNS = (
    "widget",
    "group",
    "item",
    "students",
    "count_0",
    "count_1",
    "count_2",
    "count_3",
    "count_4",
    "count_place",
    "count_network",
    "count_community",
    "mean",
    "sd",
    "companion",
    "share_as_companion",
    "where",
    "text",
)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}".rstrip("0").rstrip(".")


def summary_rows(data: ClassData, show_names: bool = False) -> list[dict[str, Any]]:
    """The class summary: one row per case and dimension, statement, and group
    and ingredient, then the arguments (without names unless ``show_names``)."""
    rows: list[dict[str, Any]] = []
    layers = vocab.layers()
    for case in profile_cases(data):
        for s in case.spreads:
            row = {
                "widget": "case profiler",
                "group": case.name,
                "item": s.label,
                "students": s.n,
                "mean": _number(s.mean),
                "sd": _number(s.sd),
                "companion": "" if s.companion is None else s.companion,
                "where": case.source,
            }
            row.update({f"count_{v}": c for v, c in zip(s.scale, s.counts)})
            rows.append(row)
    for result in classify_results(data):
        row = {
            "widget": "classify-it",
            "group": result.example_id,
            "item": result.statement,
            "students": result.answered,
            "companion": result.companion,
            "share_as_companion": _number(result.share),
            "where": result.source,
        }
        row.update({f"count_{layer}": result.counts.get(layer, 0) for layer in layers})
        rows.append(row)
    for group in recipe_groups(data):
        for s in group.spreads:
            row = {
                "widget": "recipe mixer",
                "group": group.name,
                "item": s.label,
                "students": s.n,
                "mean": _number(s.mean),
                "sd": _number(s.sd),
                "companion": "" if s.companion is None else s.companion,
                "where": group.source,
            }
            row.update({f"count_{v}": c for v, c in zip(s.scale, s.counts)})
            rows.append(row)
    for case in profile_cases(data):
        for reading in case.readings:
            if reading.reading.argument.strip():
                who = reading.who(show_names)
                rows.append(
                    {
                        "widget": "case profiler",
                        "group": case.name,
                        "item": "argument" + (f" by {who}" if who else ""),
                        "text": reading.reading.argument,
                    }
                )
    return rows


def summary_csv(data: ClassData, show_names: bool = False) -> str:
    """:func:`summary_rows` as CSV text, safe to open in a spreadsheet (see :func:`~.formats.spreadsheet_safe`)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=SUMMARY_COLUMNS, lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    for row in summary_rows(data, show_names):
        writer.writerow({k: spreadsheet_safe(v) for k, v in row.items()})
    return buffer.getvalue()


__all__ = [
    "CaseSpread",
    "OWN_REGIONS",
    "SUMMARY_COLUMNS",
    "Spread",
    "StatementResult",
    "classify_results",
    "disagreement",
    "profile_cases",
    "recipe_groups",
    "summary_csv",
    "summary_rows",
]
