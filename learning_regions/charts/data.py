"""Small look-ups over the validated tables that several charts share."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..loader import load_table

#: Short citations for source lines; the full titles are in sources.csv.
SHORT_CITATION = {
    "oecd1999": "OECD Observer (1999)",
    "rutten2014": "Rutten et al. (2014)",
}

#: The OECD article's five cases, in the article's order.
OECD_CASES = ("jena", "poitiers", "oresund", "andalusia", "kent")


def facts_of(case_id: str) -> dict[str, Mapping[str, Any]]:
    """A case's facts from case_facts.csv, by fact_id, in file order."""
    return {row["fact_id"]: row for row in load_table("case_facts").where(case_id=case_id)}


def case_names() -> dict[str, str]:
    """case_id -> the case's name as the text gives it."""
    return {row["case_id"]: row["name"] for row in load_table("cases")}


def oecd_case_ids() -> list[str]:
    """The OECD cases in cases.csv, in the article's order where known."""
    ids = [row["case_id"] for row in load_table("cases") if row["kind"] == "oecd_case"]
    return sorted(ids, key=lambda c: OECD_CASES.index(c) if c in OECD_CASES else len(OECD_CASES))


def citation(source_id: str, locators: Iterable[str] = ()) -> str:
    """'OECD Observer (1999), ¶9' (or the source's short title if it has no short form)."""
    name = SHORT_CITATION.get(source_id) or load_table("sources").get(source_id)["short_title"]
    found = [loc for loc in dict.fromkeys(locators) if loc]
    return f"{name}, {', '.join(found)}" if found else name
