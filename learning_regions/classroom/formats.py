"""The companion's export formats: their names, their schema, and writing them.

Every widget that records a reading exports it as one JSON file in a
documented, versioned format:

=====================================  =======  ==============================
format                                 version  widget
=====================================  =======  ==============================
``learning-regions/pnc-profile``       1        the case profiler (also CSV)
``learning-regions/classify-answers``  1        classify-it
``learning-regions/recipe-mix``        1        the recipe mixer
=====================================  =======  ==============================

:func:`schema` gives each format as a JSON-schema-like description (built from
the data dictionary, :mod:`.vocabulary`, so a case or ingredient a lecturer
adds is part of it); the reader (:mod:`.reading`) validates against that same
description, so what is documented is what is read. Versioning: a reader of
version 1 reads version 1 only; a field it does not know is ignored, so a
later version may add optional fields without changing its number, and
changes its number for anything else.

:func:`classify_export`, :func:`recipe_export` and :func:`stamp` write the
exports the widgets offer. Standard library only: the same code runs in the
reader's browser (Pyodide, no pandas) and in Jupyter.
"""

from __future__ import annotations

import copy
import json
import re
import secrets
from collections.abc import Mapping
from typing import Any

from .vocabulary import Vocabulary, ingredients, label_of, statements, vocabulary

PROFILE = "learning-regions/pnc-profile"
CLASSIFY = "learning-regions/classify-answers"
RECIPE = "learning-regions/recipe-mix"
#: The version of each format this companion writes and reads.
VERSIONS = {PROFILE: 1, CLASSIFY: 1, RECIPE: 1}
#: Short names of the widgets, for sentences.
WIDGETS = {PROFILE: "case profiler", CLASSIFY: "classify-it", RECIPE: "recipe mixer"}
KINDS = {PROFILE: "profile", CLASSIFY: "classify", RECIPE: "recipe"}

#: No export comes near this size (a profile with the longest argument is
#: about 25 KB); anything larger is refused before it is decoded.
MAX_FILE_BYTES = 200_000
MAX_NAME_CHARS = 80
MAX_CITY_CHARS = 60
MAX_ARGUMENT_CHARS = 5_000
#: The profiler's "my region": the reader's own region, which the companion does not read.
MY_REGION = "my-region"
#: The profiler's CSV form (no format or version column: its header marks version 1).
PROFILE_CSV_COLUMNS = (
    "case_id",
    "case_name",
    "dimension",
    "your_score",
    "companion_score",
    "argument",
    "student",
    "export_id",
)

#: Text that is not text: lone surrogates (JSON may hold them), shown as \ufffd.
SURROGATE = re.compile("[\ud800-\udfff]")
# C0/C1 controls and the bidirectional overrides that can make a name read as another.
_NAME_JUNK = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_EXPORT_ID = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


def clean_name(text: str) -> str:
    """A name on one line: no control characters or direction overrides, single spaces."""
    return " ".join(_NAME_JUNK.sub(" ", text).split())


def new_export_id() -> str:
    """A random id for the exports of one widget, from its start to a reload:
    it tells two unnamed students' identical answers apart."""
    return secrets.token_urlsafe(9)


#: A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def spreadsheet_safe(cell: Any) -> Any:
    """A cell a spreadsheet shows as text: a text starting with = + - @ (or a tab
    or line break) gets a leading apostrophe, so it is never run as a formula.
    Numbers pass unchanged. :func:`from_spreadsheet_safe` undoes it."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def from_spreadsheet_safe(cell: str) -> str:
    """A CSV cell as it was before :func:`spreadsheet_safe`: every reader of the
    companion's CSV exports calls this (an export id can start with "-")."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


# --------------------------------------------------------------- the formats


def _text(label: str, max_length: int, description: str, *, name: bool = False) -> dict[str, Any]:
    spec = {
        "type": "string",
        "maxLength": max_length,
        "description": description,
        "x-label": label,
        "x-on-error": "cut",
    }
    if name:
        spec["x-clean"] = "name"
    return spec


def _common(fmt: str) -> dict[str, Any]:
    return {
        "format": {"const": fmt, "description": "Which widget's export this is.", "x-label": "the format"},
        "version": {
            "const": VERSIONS[fmt],
            "type": "integer",
            "description": "The version of the format; a reader of version 1 reads version 1 only.",
            "x-label": "the version",
        },
        "student": _text(
            "the name",
            MAX_NAME_CHARS,
            "Optional: the name the student typed. The class view hides it unless asked to show names.",
            name=True,
        ),
        "export_id": {
            "type": "string",
            "pattern": _EXPORT_ID.pattern,
            "x-label": "the export id",
            "x-on-error": "drop",
            "description": "Optional: a random id, the same for every export of one widget until the page "
            "is reloaded. It tells apart two unnamed students whose readings are identical.",
        },
    }


#: (id of a vocabulary, format) -> (that vocabulary, its schema): the
#: vocabulary is held, so its id is not another's while its schemas are kept.
_SCHEMAS: dict[tuple[int, str], tuple[Vocabulary, dict[str, Any]]] = {}


def schema(fmt: str, voc: Vocabulary | None = None) -> dict[str, Any]:
    """The format ``fmt`` as a JSON-schema-like description (the reader checks against it).

    Besides JSON Schema's own keywords, ``x-label`` names a field in the
    reader's sentences and ``x-on-error`` says what a bad value costs:
    ``refuse`` (the whole file), ``drop`` (that value), ``cut`` (text past its
    length)."""
    return copy.deepcopy(shared_schema(fmt, voc or vocabulary()))


def shared_schema(fmt: str, voc: Vocabulary) -> dict[str, Any]:
    """The schema of ``fmt`` for ``voc``, made once and shared: read it, never
    change it (:func:`schema` gives a copy). The reader checks every file
    against it."""
    key = (id(voc), fmt)
    cached = _SCHEMAS.get(key)
    if cached is None or cached[0] is not voc:
        if cached is None and len(_SCHEMAS) >= 4 * len(VERSIONS):  # the data folder changed: forget the old ones
            _SCHEMAS.clear()
        cached = _SCHEMAS[key] = (voc, _schema(fmt, voc))
    return cached[1]


def _schema(fmt: str, voc: Vocabulary) -> dict[str, Any]:
    if fmt == PROFILE:
        low, high = voc.score_range
        cases = voc.profile_cases
        return {
            "$id": PROFILE,
            "title": "A case profile (the case profiler)",
            "type": "object",
            "required": ["format", "version", "case_id", "scores"],
            "properties": {
                **_common(PROFILE),
                "case_id": {
                    "type": "string",
                    "enum": [*cases, MY_REGION],
                    "x-label": "the case",
                    "x-on-error": "my-region",
                    "description": f"The case read: one of the companion's cases, or '{MY_REGION}' for the "
                    "student's own region (a case the companion does not know is read as one).",
                },
                "case_name": _text(
                    "the region's name",
                    MAX_NAME_CHARS,
                    "The case's name; for the student's own region, the name they gave it.",
                    name=True,
                ),
                "scores": {
                    "type": "object",
                    "x-label": "'scores'",
                    "x-on-error": "refuse",
                    "description": f"A whole number {low}-{high} for each dimension.",
                    "properties": {
                        d: {
                            "type": "integer",
                            "minimum": low,
                            "maximum": high,
                            "x-on-error": "drop",
                            "x-label": f"the {label_of(d)} score",
                            "description": label_of(d),
                        }
                        for d in voc.dimensions
                    },
                    "additionalProperties": "ignored",
                },
                "argument": _text("the argument", MAX_ARGUMENT_CHARS, "Why the scores differ from the companion's."),
                "companion_scores": {
                    "type": ["object", "null"],
                    "x-read": False,
                    "description": "The companion's scores, written for a marker; not read.",
                },
                "scale": {"type": "string", "x-read": False, "description": "The scale in words; not read."},
            },
            "additionalProperties": "ignored",
        }
    if fmt == CLASSIFY:
        ids = list(voc.statements)
        return {
            "$id": CLASSIFY,
            "title": "Answers to classify-it",
            "type": "object",
            "required": ["format", "version", "answers"],
            "properties": {
                **_common(CLASSIFY),
                "answers": {
                    "type": "object",
                    "x-label": "'answers'",
                    "x-on-error": "refuse",
                    "description": "The student's first answer to each statement answered (statement id -> answer).",
                    "propertyNames": {"enum": ids, "x-label": "statement", "x-on-error": "drop"},
                    "additionalProperties": {
                        "enum": list(voc.layers),
                        "x-on-error": "drop",
                        "x-label": "the answer to",
                    },
                },
                "score": {
                    "type": "object",
                    "x-read": False,
                    "description": "as_companion, answered and statements: the score the student saw. "
                    "Not read: the class view counts again from the answers.",
                },
            },
            "additionalProperties": "ignored",
        }
    if fmt == RECIPE:
        low, high = voc.weight_range
        return {
            "$id": RECIPE,
            "title": "A recipe mix (the recipe mixer)",
            "type": "object",
            "required": ["format", "version", "weights"],
            "properties": {
                **_common(RECIPE),
                "city": _text("the city's name", MAX_CITY_CHARS, "The name of the city or region mixed.", name=True),
                "compared_case": {
                    "type": ["string", "null"],
                    "enum": [*voc.recipe_cases, None],
                    "x-on-error": "drop",
                    "x-label": "the compared case",
                    "description": "The case chosen in Compare with (null: none chosen). The class "
                    "view sets the class's weights beside the companion's for it.",
                },
                "weights": {
                    "type": "object",
                    "x-label": "'weights'",
                    "x-on-error": "refuse",
                    "description": f"A whole number {low}-{high} for each ingredient.",
                    "properties": {
                        i: {
                            "type": "integer",
                            "minimum": low,
                            "maximum": high,
                            "x-on-error": "drop",
                            "x-label": f"the weight of {label}",
                            "description": label,
                        }
                        for i, label in voc.ingredients.items()
                    },
                    "additionalProperties": "ignored",
                },
            },
            "additionalProperties": "ignored",
        }
    raise KeyError(f"no export format {fmt!r}: the formats are {', '.join(VERSIONS)}")


def schemas() -> dict[str, dict[str, Any]]:
    return {fmt: schema(fmt) for fmt in VERSIONS}


# --------------------------------------------------------------- writing


def _dump(data: Mapping[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def identity(student: str, export_id: str | None) -> dict[str, str]:
    """The student's name (cleaned) and the export id an export carries, when given."""
    out = {}
    name = clean_name(student or "")[:MAX_NAME_CHARS]
    if name:
        out["student"] = name
    if export_id:
        out["export_id"] = export_id
    return out


def classify_export(answers: Mapping[str, str], student: str = "", export_id: str | None = None) -> str:
    """classify-it's answers (statement id -> first answer) as a version 1 export."""
    rows = statements()
    known = {k: v for k, v in answers.items() if k in rows}
    agreed = sum(1 for k, v in known.items() if rows[k]["answer"] == v)
    return _dump(
        {
            "format": CLASSIFY,
            "version": VERSIONS[CLASSIFY],
            **identity(student, export_id),
            "answers": {k: known[k] for k in rows if k in known},
            "score": {"as_companion": agreed, "answered": len(known), "statements": len(rows)},
        }
    )


def recipe_export(
    weights: Mapping[str, int],
    city: str,
    compared_case: str | None = None,
    student: str = "",
    export_id: str | None = None,
) -> str:
    """The recipe mixer's weights as a version 1 export."""
    return _dump(
        {
            "format": RECIPE,
            "version": VERSIONS[RECIPE],
            **identity(student, export_id),
            "city": clean_name(city)[:MAX_CITY_CHARS],
            "compared_case": compared_case or None,
            "weights": {i: int(weights[i]) for i in ingredients() if i in weights},
        }
    )


def stamp(profile_json: str, student: str = "", export_id: str | None = None) -> str:
    """The profiler's JSON export with the student's name and the export id added
    (optional fields of version 1: a reader of version 1 without them ignores them)."""
    data = json.loads(profile_json)
    who = identity(student, export_id)
    head = {k: data.pop(k) for k in ("format", "version") if k in data}
    return json.dumps({**head, **who, **data}, indent=2, ensure_ascii=False)


__all__ = [
    "CLASSIFY",
    "KINDS",
    "MAX_ARGUMENT_CHARS",
    "MAX_CITY_CHARS",
    "MAX_FILE_BYTES",
    "MAX_NAME_CHARS",
    "MY_REGION",
    "PROFILE",
    "PROFILE_CSV_COLUMNS",
    "RECIPE",
    "SURROGATE",
    "VERSIONS",
    "WIDGETS",
    "classify_export",
    "clean_name",
    "identity",
    "FORMULA_STARTS",
    "from_spreadsheet_safe",
    "new_export_id",
    "spreadsheet_safe",
    "recipe_export",
    "schema",
    "schemas",
    "shared_schema",
    "stamp",
]
