"""The companion's export formats, and the reader of one exported file.

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
the data dictionary, so a case or ingredient a lecturer adds is part of it);
the reader validates against that same description, so what is documented is
what is read. Versioning: a reader of version 1 reads version 1 only; a field
it does not know is ignored, so a later version may add optional fields
without changing its number, and changes its number for anything else.

:func:`read_export` reads one file's bytes and never raises: it gives a
:class:`Reading` (with notes on anything left out or changed) or a
:class:`Refusal`, each in plain words. Size is checked before anything is
decoded or parsed. Standard library only: the same code runs in the reader's
browser (Pyodide, no pandas) and in Jupyter.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import json
import math
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


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
PROFILE_CSV_COLUMNS = ("case_id", "case_name", "dimension", "your_score", "companion_score", "argument")

DIMENSION_LABELS = {"place": "Place", "network": "Network", "community": "Community",
                    "learning_region": "Learning Region fit"}

_SURROGATE = re.compile("[\ud800-\udfff]")
# C0/C1 controls and the bidirectional overrides that can make a name read as another.
_NAME_JUNK = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_EXPORT_ID = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


# --------------------------------------------------------------- the data


@dataclass(frozen=True)
class Vocabulary:
    """What the formats take from the data dictionary and tables: the
    profiler's dimensions and scale, the cases, the statements, the
    ingredients. Made once per version of the data folder (looking the tables
    up for every file of a class took most of the reading time)."""

    dimensions: tuple[str, ...]
    score_range: tuple[int, int]
    weight_range: tuple[int, int]
    profile_cases: Mapping[str, str]
    recipe_cases: Mapping[str, str]
    layers: tuple[str, ...]
    statements: Mapping[str, Mapping[str, Any]]
    ingredients: Mapping[str, str]


_VOCABULARY: dict[int, tuple[Any, Vocabulary]] = {}


def vocabulary() -> Vocabulary:
    """The current :class:`Vocabulary` (made again when the data folder changes)."""
    from ..loader import _package

    package = _package(None)
    cached = _VOCABULARY.get(id(package))
    if cached is not None and cached[0] is package:
        return cached[1]

    def span(table: str, column: str) -> tuple[int, int]:
        constraints = package.table(table).field(column).constraints
        return int(constraints.get("minimum", 0)), int(constraints.get("maximum", 4))

    cases = package.table("cases")
    read = {row["case_id"] for row in package.table("pnc_readings")}
    weighed = {row["case_id"] for row in package.table("recipe_weights")}
    made = Vocabulary(
        dimensions=tuple(package.table("pnc_readings").field("dimension").constraints["enum"]),
        score_range=span("pnc_readings", "score"),
        weight_range=span("recipe_weights", "weight"),
        profile_cases={row["case_id"]: row["name"] for row in cases if row["case_id"] in read},
        recipe_cases={row["case_id"]: row["name"] for row in cases if row["case_id"] in weighed},
        layers=tuple(package.table("classify_examples").field("answer").constraints["enum"]),
        statements={row["example_id"]: row for row in package.table("classify_examples")},
        ingredients={row["ingredient_id"]: row["label"] for row in package.table("recipe_ingredients")},
    )
    _VOCABULARY.clear()
    _VOCABULARY[id(package)] = (package, made)
    _SCHEMAS.clear()
    return made


def label_of(dimension: str) -> str:
    return DIMENSION_LABELS.get(dimension) or dimension.replace("_", " ").capitalize()


def score_range() -> tuple[int, int]:
    """The profiler's scale, from the data dictionary (0-4)."""
    return vocabulary().score_range


def weight_range() -> tuple[int, int]:
    """The recipe mixer's scale, from the data dictionary (0-4)."""
    return vocabulary().weight_range


def dimensions() -> list[str]:
    """The profiler's four scores, in the data dictionary's order."""
    return list(vocabulary().dimensions)


def profile_cases() -> dict[str, str]:
    """case_id -> name for every case the companion reads, in the order of cases.csv."""
    return dict(vocabulary().profile_cases)


def recipe_cases() -> dict[str, str]:
    """case_id -> name for every case the companion weighs, in the order of cases.csv."""
    return dict(vocabulary().recipe_cases)


def layers() -> list[str]:
    """The three answers of classify-it (place, network, community)."""
    return list(vocabulary().layers)


def statements() -> dict[str, Mapping[str, Any]]:
    """example_id -> row of classify_examples.csv, in its order."""
    return dict(vocabulary().statements)


def ingredients() -> dict[str, str]:
    """ingredient_id -> label, in the order of recipe_ingredients.csv."""
    return dict(vocabulary().ingredients)


def new_export_id() -> str:
    """A random id for the exports of one widget, from its start to a reload:
    it tells two unnamed students' identical answers apart."""
    return secrets.token_urlsafe(9)


# --------------------------------------------------------------- the formats


def _text(label: str, max_length: int, description: str, *, name: bool = False) -> dict[str, Any]:
    spec = {"type": "string", "maxLength": max_length, "description": description, "x-label": label,
            "x-on-error": "cut"}
    if name:
        spec["x-clean"] = "name"
    return spec


def _common(fmt: str) -> dict[str, Any]:
    return {
        "format": {"const": fmt, "description": "Which widget's export this is.", "x-label": "the format"},
        "version": {"const": VERSIONS[fmt], "type": "integer",
                    "description": "The version of the format; a reader of version 1 reads version 1 only.",
                    "x-label": "the version"},
        "student": _text("the name", MAX_NAME_CHARS,
                         "Optional: the name the student typed. The class view hides it unless asked to show names.",
                         name=True),
        "export_id": {"type": "string", "pattern": _EXPORT_ID.pattern, "x-label": "the export id", "x-on-error": "drop",
                      "description": "Optional: a random id, the same for every export of one widget until the page "
                                     "is reloaded. It tells apart two unnamed students whose readings are identical."},
    }


_SCHEMAS: dict[tuple[int, str], dict[str, Any]] = {}


def schema(fmt: str, voc: Vocabulary | None = None) -> dict[str, Any]:
    """The format ``fmt`` as a JSON-schema-like description (the reader checks against it).

    Besides JSON Schema's own keywords, ``x-label`` names a field in the
    reader's sentences and ``x-on-error`` says what a bad value costs:
    ``refuse`` (the whole file), ``drop`` (that value), ``cut`` (text past its
    length)."""
    return copy.deepcopy(_cached_schema(fmt, voc or vocabulary()))


def _cached_schema(fmt: str, voc: Vocabulary) -> dict[str, Any]:
    key = (id(voc), fmt)
    if key not in _SCHEMAS:
        _SCHEMAS[key] = _schema(fmt, voc)
    return _SCHEMAS[key]


def _schema(fmt: str, voc: Vocabulary) -> dict[str, Any]:
    if fmt == PROFILE:
        low, high = voc.score_range
        cases = voc.profile_cases
        return {
            "$id": PROFILE, "title": "A case profile (the case profiler)", "type": "object",
            "required": ["format", "version", "case_id", "scores"],
            "properties": {
                **_common(PROFILE),
                "case_id": {"type": "string", "enum": [*cases, MY_REGION], "x-label": "the case", "x-on-error": "my-region",
                            "description": f"The case read: one of the companion's cases, or '{MY_REGION}' for the "
                                           "student's own region (a case the companion does not know is read as one)."},
                "case_name": _text("the region's name", MAX_NAME_CHARS,
                                   "The case's name; for the student's own region, the name they gave it.", name=True),
                "scores": {
                    "type": "object", "x-label": "'scores'", "x-on-error": "refuse",
                    "description": f"A whole number {low}-{high} for each dimension.",
                    "properties": {d: {"type": "integer", "minimum": low, "maximum": high, "x-on-error": "drop",
                                       "x-label": f"the {label_of(d)} score", "description": label_of(d)}
                                   for d in voc.dimensions},
                    "additionalProperties": "ignored",
                },
                "argument": _text("the argument", MAX_ARGUMENT_CHARS, "Why the scores differ from the companion's."),
                "companion_scores": {"type": ["object", "null"], "x-read": False,
                                     "description": "The companion's scores, written for a marker; not read."},
                "scale": {"type": "string", "x-read": False, "description": "The scale in words; not read."},
            },
            "additionalProperties": "ignored",
        }
    if fmt == CLASSIFY:
        ids = list(voc.statements)
        return {
            "$id": CLASSIFY, "title": "Answers to classify-it", "type": "object",
            "required": ["format", "version", "answers"],
            "properties": {
                **_common(CLASSIFY),
                "answers": {
                    "type": "object", "x-label": "'answers'", "x-on-error": "refuse",
                    "description": "The student's first answer to each statement answered (statement id -> answer).",
                    "propertyNames": {"enum": ids, "x-label": "statement", "x-on-error": "drop"},
                    "additionalProperties": {"enum": list(voc.layers), "x-on-error": "drop", "x-label": "the answer to"},
                },
                "score": {"type": "object", "x-read": False,
                          "description": "as_companion, answered and statements: the score the student saw. "
                                         "Not read: the class view counts again from the answers."},
            },
            "additionalProperties": "ignored",
        }
    if fmt == RECIPE:
        low, high = voc.weight_range
        return {
            "$id": RECIPE, "title": "A recipe mix (the recipe mixer)", "type": "object",
            "required": ["format", "version", "weights"],
            "properties": {
                **_common(RECIPE),
                "city": _text("the city's name", MAX_CITY_CHARS, "The name of the city or region mixed.", name=True),
                "compared_case": {"type": ["string", "null"], "enum": [*voc.recipe_cases, None], "x-on-error": "drop",
                                  "x-label": "the compared case",
                                  "description": "The case chosen in Compare with (null: none chosen). The class "
                                                 "view sets the class's weights beside the companion's for it."},
                "weights": {
                    "type": "object", "x-label": "'weights'", "x-on-error": "refuse",
                    "description": f"A whole number {low}-{high} for each ingredient.",
                    "properties": {i: {"type": "integer", "minimum": low, "maximum": high, "x-on-error": "drop",
                                       "x-label": f"the weight of {label}", "description": label}
                                   for i, label in voc.ingredients.items()},
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


def _identity(student: str, export_id: str | None) -> dict[str, str]:
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
    return _dump({
        "format": CLASSIFY, "version": VERSIONS[CLASSIFY], **_identity(student, export_id),
        "answers": {k: known[k] for k in rows if k in known},
        "score": {"as_companion": agreed, "answered": len(known), "statements": len(rows)},
    })


def recipe_export(weights: Mapping[str, int], city: str, compared_case: str | None = None, student: str = "",
                  export_id: str | None = None) -> str:
    """The recipe mixer's weights as a version 1 export."""
    return _dump({
        "format": RECIPE, "version": VERSIONS[RECIPE], **_identity(student, export_id),
        "city": clean_name(city)[:MAX_CITY_CHARS], "compared_case": compared_case or None,
        "weights": {i: int(weights[i]) for i in ingredients() if i in weights},
    })


def stamp(profile_json: str, student: str = "", export_id: str | None = None) -> str:
    """The profiler's JSON export with the student's name and the export id added
    (optional fields of version 1: a reader of version 1 without them ignores them)."""
    data = json.loads(profile_json)
    identity = _identity(student, export_id)
    head = {k: data.pop(k) for k in ("format", "version") if k in data}
    return json.dumps({**head, **identity, **data}, indent=2, ensure_ascii=False)


# --------------------------------------------------------------- reading


@dataclass(frozen=True)
class Reading:
    """One exported reading, checked. ``values``: dimension -> score (profile),
    statement id -> answer (classify), ingredient id -> weight (recipe); a value
    the file gave badly is absent (and said in ``notes``)."""

    format: str
    student: str
    export_id: str
    values: Mapping[str, Any]
    case_id: str | None = None
    case_name: str = ""
    argument: str = ""
    notes: tuple[str, ...] = ()
    fingerprint: str = ""

    @property
    def kind(self) -> str:
        return KINDS[self.format]

    @property
    def version(self) -> int:
        return VERSIONS[self.format]


@dataclass(frozen=True)
class Refusal:
    """A file that gave no reading, and why (a sentence without the file's name)."""

    reason: str


class _Big:
    """A number in a file too large (or not finite) to be any score."""

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return self.text if len(self.text) <= 12 else f"a number of {len(self.text):,} characters"


def _parse_int(text: str) -> int | _Big:
    return int(text) if len(text) <= 15 else _Big(text)


def _parse_float(text: str) -> float | _Big:
    value = float(text)
    return value if math.isfinite(value) and abs(value) < 1e15 else _Big(text)


def clean_name(text: str) -> str:
    """A name on one line: no control characters or direction overrides, single spaces."""
    return " ".join(_NAME_JUNK.sub(" ", text).split())


def _describe(value: Any) -> str:
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, _Big):
        return repr(value)
    if isinstance(value, str):
        return repr(value[:30] + ("…" if len(value) > 30 else ""))
    if isinstance(value, (int, float)):
        return f"{value:g}" if isinstance(value, float) else str(value)
    return "a list" if isinstance(value, list) else "an object" if isinstance(value, dict) else type(value).__name__


class _Problem(Exception):
    """A value that breaks its field's rule: what to say, and what it costs."""

    def __init__(self, sentence: str, cost: str):
        super().__init__(sentence)
        self.sentence, self.cost = sentence, cost


def _type_ok(value: Any, kind: str | list) -> bool:
    kinds = kind if isinstance(kind, list) else [kind]
    for k in kinds:
        if k == "null" and value is None:
            return True
        if k == "string" and isinstance(value, str):
            return True
        if k == "object" and isinstance(value, dict):
            return True
        if k == "integer" and not isinstance(value, bool) and (
                isinstance(value, int) or (isinstance(value, float) and value.is_integer())):
            return True
    return False


_KIND_WORDS = {"string": "text", "integer": "a whole number", "object": "an object", "null": "null"}


def _check(value: Any, spec: Mapping[str, Any], notes: list[str]) -> Any:
    """``value`` checked against ``spec`` (a property of the schema): the clean
    value, or _Problem. Text is cut to its length and cleaned, with a note."""
    label = spec.get("x-label", "a value")
    cost = spec.get("x-on-error", "drop")
    if "type" in spec and not _type_ok(value, spec["type"]):
        kinds = spec["type"] if isinstance(spec["type"], list) else [spec["type"]]
        wanted = " or ".join(_KIND_WORDS.get(k, k) for k in kinds)
        reason = f"is {value!r}, not a usable number" if isinstance(value, _Big) else f"is {_describe(value)}, not {wanted}"
        raise _Problem(f"{label} {reason}", cost)
    if "const" in spec and value != spec["const"]:
        raise _Problem(f"{label} is {_describe(value)}, not {spec['const']!r}", cost)
    if "enum" in spec and value not in spec["enum"]:
        raise _Problem(f"{label} is {_describe(value)}, not one the companion knows", cost)
    if isinstance(value, dict) and ("properties" in spec or "propertyNames" in spec):
        return _check_object(value, spec, notes)
    if isinstance(value, float) and value.is_integer() and spec.get("type") == "integer":
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        low, high = spec.get("minimum"), spec.get("maximum")
        if (low is not None and value < low) or (high is not None and value > high):
            raise _Problem(f"{label} {value} is outside {low}-{high}", cost)
    if isinstance(value, str):
        if _SURROGATE.search(value):
            value = _SURROGATE.sub("\ufffd", value)
            notes.append(f"{label} held characters that are not text, shown as \ufffd")
        if spec.get("x-clean") == "name":
            value = clean_name(value)
        if "pattern" in spec and not re.fullmatch(spec["pattern"], value):
            raise _Problem(f"{label} is not in the expected form", cost)
        limit = spec.get("maxLength")
        if limit is not None and len(value) > limit:
            value = value[:limit]
            notes.append(f"{label} was cut to its first {limit:,} characters")
    return value


def _check_object(data: Mapping[str, Any], spec: Mapping[str, Any], notes: list[str]) -> dict[str, Any]:
    """An object checked property by property; bad values are dropped (with a
    note) or raise _Problem when their field says ``refuse``."""
    out: dict[str, Any] = {}
    props = spec.get("properties", {})
    names = spec.get("propertyNames")
    extra = spec.get("additionalProperties", "ignored")
    ignored = []
    for key, value in data.items():
        if key in props:
            if props[key].get("x-read") is False:
                continue
            try:
                out[key] = _check(value, props[key], notes)
            except _Problem as problem:
                if problem.cost == "refuse":
                    raise
                notes.append(f"{problem.sentence}, {_COST_WORDS.get(problem.cost, 'so it was left out')}")
                if problem.cost == "my-region":
                    out[key] = MY_REGION
        elif names is not None:
            try:
                _check(key, names, notes)
                out[key] = _check(value, {**extra, "x-label": f"{extra.get('x-label', 'the value of')} {key!r}"}, notes)
            except _Problem as problem:
                notes.append(f"{problem.sentence}, so it was left out")
        elif isinstance(extra, Mapping):
            try:
                out[key] = _check(value, extra, notes)
            except _Problem as problem:
                notes.append(f"{problem.sentence}, so it was left out")
        else:
            ignored.append(str(key)[:30])
    if ignored and "$id" not in spec:  # unknown top-level fields are a later version's optional ones
        notes.append(f"{spec['x-label']} holds {', '.join(repr(k) for k in ignored[:5])}"
                     f"{' and more' if len(ignored) > 5 else ''}, which this companion does not know: ignored")
    return out


_COST_WORDS = {"drop": "so it was left out", "cut": "so it was left out",
               "my-region": "so the profile was read as the student's own region"}


def _fingerprint(fmt: str, checked: Mapping[str, Any]) -> str:
    text = json.dumps({"format": fmt, **checked}, sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def read_mapping(data: Any, voc: Vocabulary | None = None) -> Reading | Refusal:
    """A parsed export (the JSON object, or the profiler's CSV as one) as a checked reading."""
    voc = voc or vocabulary()
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"the single value {_describe(data)}"
        return Refusal(f"it is JSON, but it holds {kind}, not an export of the companion")
    fmt = data.get("format")
    if fmt is None:
        return Refusal("it is JSON, but not an export of the companion (it names no 'format')")
    if fmt not in VERSIONS:
        return Refusal(f"its format {_describe(fmt)} is not one of the companion's exports "
                       f"({', '.join(VERSIONS)})")
    version = data.get("version")
    wanted = VERSIONS[fmt]
    if version is None:
        return Refusal(f"it is a {WIDGETS[fmt]} export with no version, so it cannot be read safely")
    if not _type_ok(version, "integer"):
        return Refusal(f"its version {_describe(version)} is not a version number")
    if int(version) < wanted:
        return Refusal(f"it is a {WIDGETS[fmt]} export of version {int(version)}, older than the version "
                       f"{wanted} this companion reads: ask for a new export")
    if int(version) > wanted:
        return Refusal(f"it is a {WIDGETS[fmt]} export of version {int(version)}, newer than the version "
                       f"{wanted} this companion reads: use the companion the student used, or a newer one")
    spec = _cached_schema(fmt, voc)  # read only: no copy
    missing = [k for k in spec["required"] if k not in data]
    if missing:
        return Refusal(f"it is a {WIDGETS[fmt]} export without {' or '.join(repr(k) for k in missing)}")
    notes: list[str] = []
    try:
        checked = _check_object(data, spec, notes)
    except _Problem as problem:
        return Refusal(f"{problem.sentence}, so the {WIDGETS[fmt]} export cannot be read")
    for key in ("format", "version"):
        checked.pop(key, None)
    values_key = {PROFILE: "scores", CLASSIFY: "answers", RECIPE: "weights"}[fmt]
    values = checked.get(values_key, {})
    if not values:
        return Refusal(f"it is a {WIDGETS[fmt]} export with no usable "
                       f"{ {PROFILE: 'score', CLASSIFY: 'answer', RECIPE: 'weight'}[fmt] }"
                       + (f" ({'; '.join(notes)})" if notes else ""))
    case_id, case_name = None, ""
    if fmt == PROFILE:
        case_id = checked.get("case_id", MY_REGION)
        known = voc.profile_cases
        if case_id in known:
            case_name = known[case_id]
        else:
            case_name = checked.get("case_name") or "My region"
        said = " ".join(notes)
        missing_dims = [label_of(d) for d in voc.dimensions if d not in values and f"the {label_of(d)} score" not in said]
        if missing_dims:
            notes.append(f"it gives no {', '.join(missing_dims)} score")
    elif fmt == RECIPE:
        case_id = checked.get("compared_case")
        case_name = checked.get("city") or "My city"
    ordered = {k: values[k] for k in _order(fmt, voc) if k in values}
    return Reading(
        format=fmt, student=checked.get("student", ""), export_id=checked.get("export_id", ""), values=ordered,
        case_id=case_id, case_name=case_name, argument=checked.get("argument", "") if fmt == PROFILE else "",
        notes=tuple(notes), fingerprint=_fingerprint(fmt, checked),
    )


def _order(fmt: str, voc: Vocabulary) -> list[str]:
    return list(voc.dimensions if fmt == PROFILE else voc.statements if fmt == CLASSIFY else voc.ingredients)


def _profile_csv(text: str) -> dict[str, Any] | Refusal:
    """The profiler's CSV export as the same mapping as its JSON."""
    try:
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
    except csv.Error as error:
        return Refusal(f"its CSV cannot be read ({error})")
    header = [c.strip() for c in (rows[0].keys() if rows else [])]
    if not rows or "dimension" not in header or "your_score" not in header:
        return Refusal("it is neither JSON nor the profiler's CSV (columns 'dimension' and 'your_score'): "
                       "not an export of the companion")
    data: dict[str, Any] = {"format": PROFILE, "version": VERSIONS[PROFILE], "scores": {}}
    for row in rows:
        row = {(k or "").strip(): v for k, v in row.items()}
        for key in ("case_id", "case_name", "argument", "student"):
            if row.get(key) and key not in data:
                data[key] = row[key].strip() if key != "argument" else row[key]
        dimension = (row.get("dimension") or "").strip()
        raw = (row.get("your_score") or "").strip()
        if dimension:
            data["scores"][dimension] = _csv_number(raw)
    return data


def _csv_number(raw: str) -> Any:
    if re.fullmatch(r"[+-]?\d+", raw):
        return _parse_int(raw.lstrip("+"))
    try:
        return _parse_float(raw)
    except ValueError:
        return raw


def read_export(data: bytes | bytearray | memoryview | None, voc: Vocabulary | None = None) -> Reading | Refusal:
    """One exported file's bytes as a checked :class:`Reading`, or a
    :class:`Refusal` saying why not. Never raises. ``voc``: the data's
    :class:`Vocabulary`, when the caller reads many files."""
    if data is None:
        return Refusal("it holds nothing")
    size = data.nbytes if isinstance(data, memoryview) else len(data)
    if size == 0:
        return Refusal("it is empty")
    if size > MAX_FILE_BYTES:
        return Refusal(f"it is {_size(size)}, larger than any export can be ({_size(MAX_FILE_BYTES)} at most), "
                       "so it was not read")
    raw = bytes(data)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return Refusal(f"it is not UTF-8 text (byte 0x{raw[error.start]:02x} at position {error.start:,}), "
                       "as every export is: not an export of the companion")
    text = text.strip()
    if not text:
        return Refusal("it holds only blank space")
    if text[0] in "{[":
        try:
            parsed = json.loads(text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_Big)
        except json.JSONDecodeError as error:
            return Refusal(f"it is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})")
        except RecursionError:
            return Refusal("its JSON is nested too deeply to be an export")
        except ValueError as error:  # e.g. a number past Python's digit limit
            return Refusal(f"its JSON cannot be read ({str(error)[:80]})")
        return read_mapping(parsed, voc)
    parsed = _profile_csv(text)
    if isinstance(parsed, Refusal):
        return parsed
    return read_mapping(parsed, voc)


def _size(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:,.1f} MB"
    if n >= 1_000:
        return f"{n / 1_000:,.0f} KB"
    return f"{n} bytes"


__all__ = [
    "CLASSIFY", "MAX_ARGUMENT_CHARS", "MAX_FILE_BYTES", "MAX_NAME_CHARS", "MY_REGION", "PROFILE", "RECIPE",
    "Reading", "Refusal", "VERSIONS", "WIDGETS", "classify_export", "clean_name", "dimensions", "ingredients",
    "label_of", "layers", "new_export_id", "profile_cases", "read_export", "read_mapping", "recipe_cases",
    "recipe_export", "schema", "schemas", "score_range", "stamp", "statements", "weight_range",
]
