"""Small look-ups over the validated tables that several charts share."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from ..loader import load_table

#: Short citations for source lines; the full titles are in sources.csv.
SHORT_CITATION = {
    "oecd1999": "OECD Observer (1999)",
    "rutten2014": "Rutten et al. (2014)",
}

#: cases.csv ``kind`` of the OECD article's cases, and of the Preface's team
#: (whose places are the Preface's, drawn as such on the map).
OECD_KIND, PREFACE_KIND = "oecd_case", "preface_team"
#: How a chart names a kind of case; a kind a lecturer adds reads as its words.
KIND_LABELS = {OECD_KIND: "an OECD case", PREFACE_KIND: "the Preface's team"}

#: The OECD article's five cases, in the article's order.
OECD_CASES = ("jena", "poitiers", "oresund", "andalusia", "kent")


def facts_of(case_id: str) -> dict[str, Mapping[str, Any]]:
    """A case's facts from case_facts.csv, by fact_id, in file order."""
    return {row["fact_id"]: row for row in load_table("case_facts").where(case_id=case_id)}


def case_names() -> dict[str, str]:
    """case_id -> the case's name as the text gives it."""
    return {row["case_id"]: row["name"] for row in load_table("cases")}


def case_kinds() -> dict[str, str]:
    """case_id -> its kind (cases.csv ``kind``)."""
    return {row["case_id"]: row["kind"] for row in load_table("cases")}


def kind_label(kind: str) -> str:
    """'oecd_case' -> 'an OECD case'; a kind the book does not know -> its words ('regional study')."""
    return KIND_LABELS.get(kind) or kind.replace("_", " ")


def oecd_case_ids() -> list[str]:
    """The OECD cases in cases.csv, in the article's order where known."""
    ids = [row["case_id"] for row in load_table("cases") if row["kind"] == OECD_KIND]
    return sorted(ids, key=lambda c: OECD_CASES.index(c) if c in OECD_CASES else len(OECD_CASES))


def not_oecd(drawn: list[str]) -> dict[str, str]:
    """name -> why, for the cases a chart of the OECD article's cases leaves
    out: every case of cases.csv that it does not draw, but the Preface's team."""
    kinds = case_kinds()
    return {
        name: f"{kind_label(kinds[case])}, not an OECD case"
        for case, name in case_names().items()
        if case not in drawn and kinds[case] not in (OECD_KIND, PREFACE_KIND)
    }


def citation(source_id: str, locators: Iterable[str] = ()) -> str:
    """'OECD Observer (1999), ¶9' (or the source's short title if it has no short form)."""
    name = SHORT_CITATION.get(source_id) or load_table("sources").get(source_id)["short_title"]
    found = [loc for loc in dict.fromkeys(locators) if loc]
    return f"{name}, {', '.join(found)}" if found else name


def paragraph_span(locators: Iterable[str]) -> str:
    """['¶9', '¶10', '¶11', '¶13'] -> '¶9-¶11, ¶13'; locators of any other
    scheme are listed as they are, each once."""
    found = list(dict.fromkeys(locators))
    numbers = [re.fullmatch(r"¶(\d+)", loc) for loc in found]
    if not found or not all(numbers):
        return ", ".join(found)
    ordered = sorted({int(match.group(1)) for match in numbers})
    runs: list[list[int]] = []
    for number in ordered:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(f"¶{run[0]}-¶{run[-1]}" if len(run) > 1 else f"¶{run[0]}" for run in runs)
