"""An example class: exports of invented students, made from the companion's data.

For trying the class view without a class, for the book's own pandas
example (the build runs it, so no student's file is ever committed) and for
the tests. The same ``seed`` gives the same files. Each invented student
profiles Jena (everyone) and a few also a second case, answers classify-it and
mixes a recipe compared with a case; their scores sit around the companion's
reading. ``bad_files`` adds files that do not fit (not an export, an older
version, one handed in twice), to show what the class view says about them.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from ..loader import load_table
from ..scales import PROFILE_LEGEND
from . import formats
from . import vocabulary as vocab

#: Invented first names (no real student's); the class view hides them unless asked.
NAMES = (
    "Alex",
    "Bo",
    "Charlie",
    "Dana",
    "Eli",
    "Frankie",
    "Gabi",
    "Hanne",
    "Ilya",
    "Jo",
    "Kim",
    "Lou",
    "Mika",
    "Noa",
    "Oli",
    "Pat",
    "Quinn",
    "Robin",
    "Sam",
    "Toni",
    "Uli",
    "Vic",
    "Wren",
    "Xan",
    "Yuri",
    "Zan",
    "Ari",
    "Bex",
    "Cas",
    "Dee",
)
STEPS = (-2, -1, -1, 0, 0, 0, 0, 1, 1, 2)


def _near(value: int, low: int, high: int, rng: random.Random) -> int:
    return min(high, max(low, value + rng.choice(STEPS)))


def _name(number: int) -> str:
    base = NAMES[(number - 1) % len(NAMES)]
    return base if number <= len(NAMES) else f"{base} {number}"


def _profile(case_id: str, student: str, export_id: str, rng: random.Random) -> str:
    low, high = vocab.score_range()
    companion = {row["dimension"]: row["score"] for row in load_table("pnc_readings").where(case_id=case_id)}
    scores = {d: _near(companion[d], low, high, rng) for d in vocab.dimensions()}
    changed = [d for d in scores if scores[d] != companion[d]]
    if changed and rng.random() < 0.8:
        d = rng.choice(changed)
        gap = scores[d] - companion[d]
        argument = (
            f"(An invented example argument.) I scored {vocab.label_of(d)} {scores[d]}, "
            f"{abs(gap)} {'above' if gap > 0 else 'below'} the companion's reading."
        )
    else:
        argument = ""
    name = vocab.profile_cases()[case_id]
    return json.dumps(
        {
            "format": formats.PROFILE,
            "version": formats.VERSIONS[formats.PROFILE],
            "student": student,
            "export_id": export_id,
            "case_id": case_id,
            "case_name": name,
            "scores": scores,
            "argument": argument,
            "companion_scores": companion,
            "scale": PROFILE_LEGEND,
        },
        indent=2,
        ensure_ascii=False,
    )


def _answers(rng: random.Random) -> dict[str, str]:
    layers = vocab.layers()
    answers = {}
    for example_id, row in vocab.statements().items():
        if rng.random() < 0.1:
            continue  # not answered
        # Some statements split a class more than others: a stable difficulty per statement.
        difficulty = random.Random(example_id).random() * 0.6
        answers[example_id] = (
            row["answer"]
            if rng.random() > difficulty
            else rng.choice([layer for layer in layers if layer != row["answer"]])
        )
    return answers


def example_files(students: int = 30, seed: int = 2026, bad_files: bool = True) -> list[tuple[str, bytes]]:
    """The example class as (file name, bytes), in memory."""
    rng = random.Random(seed)
    cases = list(vocab.profile_cases())
    recipe_cases_named = vocab.recipe_cases()
    recipe_cases = list(recipe_cases_named)
    low, high = vocab.weight_range()
    weights = {}
    for row in load_table("recipe_weights"):
        weights.setdefault(row["case_id"], {})[row["ingredient_id"]] = row["weight"]
    files: list[tuple[str, bytes]] = []
    for number in range(1, students + 1):
        student = _name(number)
        slug = student.lower().replace(" ", "-")
        export_id = f"example{seed}s{number}"
        first = "jena" if "jena" in cases else cases[0]
        files.append((f"{slug}-profile-{first}.json", _profile(first, student, f"{export_id}p", rng).encode()))
        if rng.random() < 0.3 and len(cases) > 1:
            other = rng.choice([c for c in cases if c != first])
            files.append((f"{slug}-profile-{other}.json", _profile(other, student, f"{export_id}p", rng).encode()))
        files.append(
            (f"{slug}-classify-answers.json", formats.classify_export(_answers(rng), student, f"{export_id}c").encode())
        )
        if recipe_cases:
            case = recipe_cases[(number - 1) % len(recipe_cases)]
            mix = {i: _near(w, low, high, rng) for i, w in weights[case].items()}
            files.append(
                (
                    f"{slug}-recipe-mix.json",
                    formats.recipe_export(mix, recipe_cases_named[case], case, student, f"{export_id}r").encode(),
                )
            )
    if bad_files:
        files.append(("notes-for-class.txt", "Bring the reading to class on Tuesday.\n".encode()))
        older = json.loads(files[0][1])
        older["version"] = 0
        files.append(("old-profile.json", json.dumps(older).encode()))
        files.append((f"{files[0][0].removesuffix('.json')} (1).json", files[0][1]))
    return files


def example_class(
    folder: str | Path | None = None, students: int = 30, seed: int = 2026, bad_files: bool = True
) -> list[Path] | list[tuple[str, bytes]]:
    """An example class of invented students' exports. With ``folder``, the
    files are written there (the folder is made) and their paths returned;
    without, the (name, bytes) pairs."""
    files = example_files(students, seed, bad_files)
    if folder is None:
        return files
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in files:
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths


__all__ = ["NAMES", "example_class", "example_files"]
