"""The case profiler's model: the companion's reading of each case and a
reader's profile (a score 0-4 on place, network, community and Learning Region
fit), from data/pnc_readings.csv."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ...charts.data import citation
from ...loader import load_table
from ...scales import words_for

DIMENSIONS = ("place", "network", "community")
ALL_DIMENSIONS = DIMENSIONS + ("learning_region",)
MIN_SCORE, MAX_SCORE = 0, 4
#: The reader's own region: no companion reading, every slider starts at 2.
MY_REGION = "my-region"
MY_REGION_NAME = "My region"
DEFAULT_SCORE = 2
MAX_NAME_CHARS = 80


@dataclass(frozen=True)
class Evidence:
    """One score of the companion's reading and the reason for it."""

    dimension: str
    score: int
    rationale: str
    source_id: str
    locator: str

    @property
    def where(self) -> str:
        return citation(self.source_id, [self.locator])


@dataclass(frozen=True)
class Profile:
    """A reading of one case: a score 0-4 for each of the four dimensions."""

    case_id: str
    name: str
    scores: Mapping[str, int]
    argument: str = ""

    def score(self, dimension: str) -> int:
        return int(self.scores[dimension])


def case_ids() -> list[str]:
    """The cases the companion reads (every case of cases.csv with a reading), in file order."""
    readings = {row["case_id"] for row in load_table("pnc_readings").require_rows("the case profiler")}
    return [row["case_id"] for row in load_table("cases") if row["case_id"] in readings]


def case_name(case_id: str) -> str:
    if case_id == MY_REGION:
        return MY_REGION_NAME
    return load_table("cases").get(case_id)["name"]


def case_choices() -> list[tuple[str, str]]:
    """(label, case_id) pairs for a dropdown, ending with the reader's own region."""
    return [(case_name(c), c) for c in case_ids()] + [("My region (your own reading)", MY_REGION)]


def companion_evidence(case_id: str) -> dict[str, Evidence]:
    """The companion's scores for a case with their rationale and locator."""
    rows = load_table("pnc_readings").where(case_id=case_id)
    if not rows:
        raise KeyError(f"the companion has no reading of {case_id!r}")
    return {
        row["dimension"]: Evidence(row["dimension"], row["score"], row["rationale"], row["source_id"], row["locator"])
        for row in rows
    }


def companion_profile(case_id: str) -> Profile:
    evidence = companion_evidence(case_id)
    return Profile(case_id, case_name(case_id), {d: evidence[d].score for d in ALL_DIMENSIONS})


def blank_profile(name: str = MY_REGION_NAME) -> Profile:
    return Profile(MY_REGION, name or MY_REGION_NAME, {d: DEFAULT_SCORE for d in ALL_DIMENSIONS})


def starting_profile(case_id: str, name: str = MY_REGION_NAME) -> Profile:
    """What a case shows before the reader changes anything: the companion's
    reading (for the reader's own region, every score at 2) and no argument."""
    return blank_profile(name) if case_id == MY_REGION else companion_profile(case_id)


def is_starting(profile: Profile) -> bool:
    """Whether ``profile`` holds nothing of the reader's own: its case's starting scores and no argument."""
    start = starting_profile(profile.case_id)
    return not profile.argument.strip() and all(profile.score(d) == start.score(d) for d in ALL_DIMENSIONS)


def describe(dimension: str, score: int) -> str:
    return f"{score} ({words_for(dimension).get(score, '?')})"


__all__ = [
    "ALL_DIMENSIONS",
    "DEFAULT_SCORE",
    "DIMENSIONS",
    "Evidence",
    "MAX_NAME_CHARS",
    "MAX_SCORE",
    "MIN_SCORE",
    "MY_REGION",
    "MY_REGION_NAME",
    "Profile",
    "blank_profile",
    "case_choices",
    "case_ids",
    "case_name",
    "companion_evidence",
    "companion_profile",
    "describe",
    "is_starting",
    "starting_profile",
]
