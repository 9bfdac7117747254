"""Reading one exported file: its bytes as a checked reading, or a refusal in plain words.

:func:`read_export` reads one file's bytes and never raises: it gives a
:class:`Reading` (with notes on anything left out or changed) or a
:class:`Refusal`, each in plain words. Size is checked before anything is
decoded or parsed; JSON and the profiler's CSV are parsed into one mapping,
which :func:`read_mapping` checks against the format's schema
(:func:`.formats.schema`: what is documented is what is read). Standard
library only: the same code runs in the reader's browser (Pyodide, no
pandas) and in Jupyter.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import json_problem
from .formats import (
    CLASSIFY,
    KINDS,
    MAX_FILE_BYTES,
    MY_REGION,
    PROFILE,
    RECIPE,
    SURROGATE,
    VERSIONS,
    WIDGETS,
    clean_name,
    shared_schema,
)
from .profile_csv import read_profile_csv
from .vocabulary import Vocabulary, label_of, vocabulary

#: Where each format keeps its values, and what one value is called.
VALUES = {PROFILE: "scores", CLASSIFY: "answers", RECIPE: "weights"}
VALUE_WORDS = {PROFILE: "score", CLASSIFY: "answer", RECIPE: "weight"}


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
        if (
            k == "integer"
            and not isinstance(value, bool)
            and (isinstance(value, int) or (isinstance(value, float) and value.is_integer()))
        ):
            return True
    return False


_KIND_WORDS = {"string": "text", "integer": "a whole number", "object": "an object", "null": "null"}


def _check(value: Any, spec: Mapping[str, Any], notes: list[str]) -> Any:
    """``value`` checked against ``spec`` (a property of the schema): the clean
    value, or _Problem. Text is cut to its length and cleaned, with a note."""


def _check(value: Any, spec: Mapping[str, Any], notes: list[str]) -> Any:
    """``value`` checked against ``spec`` (a property of the schema): the clean
    value, or _Problem. Text is cut to its length and cleaned, with a note."""
    label = spec.get("x-label", "a value")
    cost = spec.get("x-on-error", "drop")
    _check_kind(value, spec, label, cost)
    if isinstance(value, dict) and ("properties" in spec or "propertyNames" in spec):
        return _check_object(value, spec, notes)
    if isinstance(value, str):
        return _check_text(value, spec, label, cost, notes)
    return _check_number(value, spec, label, cost)


def _check_kind(value: Any, spec: Mapping[str, Any], label: str, cost: str) -> None:
    """_Problem unless ``value`` has the type, the constant or one of the values ``spec`` asks for."""
    if "type" in spec and not _type_ok(value, spec["type"]):
        kinds = spec["type"] if isinstance(spec["type"], list) else [spec["type"]]
        wanted = " or ".join(_KIND_WORDS.get(k, k) for k in kinds)
        reason = (
            f"is {value!r}, not a usable number" if isinstance(value, _Big) else f"is {_describe(value)}, not {wanted}"
        )
        raise _Problem(f"{label} {reason}", cost)
    if "const" in spec and value != spec["const"]:
        raise _Problem(f"{label} is {_describe(value)}, not {spec['const']!r}", cost)
    if "enum" in spec and value not in spec["enum"]:
        raise _Problem(f"{label} is {_describe(value)}, not one the companion knows", cost)


def _check_number(value: Any, spec: Mapping[str, Any], label: str, cost: str) -> Any:
    """A whole number within the spec's range (a float such as 3.0 as 3); any other value as it is."""
    if isinstance(value, float) and value.is_integer() and spec.get("type") == "integer":
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        low, high = spec.get("minimum"), spec.get("maximum")
        if (low is not None and value < low) or (high is not None and value > high):
            raise _Problem(f"{label} {value} is outside {low}-{high}", cost)
    return value


def _check_text(value: str, spec: Mapping[str, Any], label: str, cost: str, notes: list[str]) -> str:
    """Text made text (lone surrogates as \ufffd), a name cleaned, in its pattern, cut to its length."""
    if SURROGATE.search(value):
        value = SURROGATE.sub("\ufffd", value)
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
        notes.append(
            f"{spec['x-label']} holds {', '.join(repr(k) for k in ignored[:5])}"
            f"{' and more' if len(ignored) > 5 else ''}, which this companion does not know: ignored"
        )
    return out


_COST_WORDS = {
    "drop": "so it was left out",
    "cut": "so it was left out",
    "my-region": "so the profile was read as the student's own region",
}


def _fingerprint(fmt: str, checked: Mapping[str, Any]) -> str:
    text = json.dumps({"format": fmt, **checked}, sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def _format_of(data: Any) -> str | Refusal:
    """The export format ``data`` names, or why it is not an export of this version."""
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"the single value {_describe(data)}"
        return Refusal(f"it is JSON, but it holds {kind}, not an export of the companion")
    fmt = data.get("format")
    if fmt is None:
        return Refusal("it is JSON, but not an export of the companion (it names no 'format')")
    if fmt not in VERSIONS:
        return Refusal(f"its format {_describe(fmt)} is not one of the companion's exports ({', '.join(VERSIONS)})")
    problem = _version_problem(fmt, data.get("version"))
    return problem if problem is not None else fmt


def _version_problem(fmt: str, version: Any) -> Refusal | None:
    """Why a file of ``fmt`` with this version cannot be read (None: it can)."""
    wanted = VERSIONS[fmt]
    if version is None:
        return Refusal(f"it is a {WIDGETS[fmt]} export with no version, so it cannot be read safely")
    if not _type_ok(version, "integer"):
        return Refusal(f"its version {_describe(version)} is not a version number")
    if int(version) < wanted:
        return Refusal(
            f"it is a {WIDGETS[fmt]} export of version {int(version)}, older than the version "
            f"{wanted} this companion reads: ask for a new export"
        )
    if int(version) > wanted:
        return Refusal(
            f"it is a {WIDGETS[fmt]} export of version {int(version)}, newer than the version "
            f"{wanted} this companion reads: use the companion the student used, or a newer one"
        )
    return None


def _case_of(fmt: str, checked: Mapping[str, Any], notes: list[str], voc: Vocabulary) -> tuple[str | None, str]:
    """The case a reading is of (id and name): a profile's case, the case a
    recipe mix is compared with (its name: the city's). A profile that lacks a
    score not already said in ``notes`` gets a note saying so."""
    if fmt == RECIPE:
        return checked.get("compared_case"), checked.get("city") or "My city"
    if fmt != PROFILE:
        return None, ""
    case_id = checked.get("case_id", MY_REGION)
    known = voc.profile_cases
    case_name = known[case_id] if case_id in known else checked.get("case_name") or "My region"
    said = " ".join(notes)
    values = checked.get(VALUES[PROFILE], {})
    missing = [label_of(d) for d in voc.dimensions if d not in values and f"the {label_of(d)} score" not in said]
    if missing:
        notes.append(f"it gives no {', '.join(missing)} score")
    return case_id, case_name


def read_mapping(data: Any, voc: Vocabulary | None = None) -> Reading | Refusal:
    """A parsed export (the JSON object, or the profiler's CSV as one) as a checked reading."""
    voc = voc or vocabulary()
    fmt = _format_of(data)
    if isinstance(fmt, Refusal):
        return fmt
    spec = shared_schema(fmt, voc)  # read only: no copy
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
    values = checked.get(VALUES[fmt], {})
    if not values:
        return Refusal(
            f"it is a {WIDGETS[fmt]} export with no usable {VALUE_WORDS[fmt]}"
            + (f" ({'; '.join(notes)})" if notes else "")
        )
    case_id, case_name = _case_of(fmt, checked, notes, voc)
    ordered = {k: values[k] for k in _order(fmt, voc) if k in values}
    return Reading(
        format=fmt,
        student=checked.get("student", ""),
        export_id=checked.get("export_id", ""),
        values=ordered,
        case_id=case_id,
        case_name=case_name,
        argument=checked.get("argument", "") if fmt == PROFILE else "",
        notes=tuple(notes),
        fingerprint=_fingerprint(fmt, checked),
    )


def _order(fmt: str, voc: Vocabulary) -> list[str]:
    return list(voc.dimensions if fmt == PROFILE else voc.statements if fmt == CLASSIFY else voc.ingredients)


def _profile_csv(text: str) -> dict[str, Any] | Refusal:
    """The profiler's CSV export as the same mapping as its JSON."""
    try:
        parsed = read_profile_csv(text)
    except csv.Error as error:
        return Refusal(f"its CSV cannot be read ({error})")
    if not parsed.rows or "dimension" not in parsed.columns or "your_score" not in parsed.columns:
        return Refusal(
            "it is neither JSON nor the profiler's CSV (columns 'dimension' and 'your_score'): "
            "not an export of the companion"
        )
    scores = {dimension: _csv_number((cell or "").strip()) for dimension, cell in parsed.scores("your_score").items()}
    return {"format": PROFILE, "version": VERSIONS[PROFILE], **parsed.fields(), "scores": scores}


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
        return Refusal(
            f"it is {size_words(size)}, larger than any export can be ({size_words(MAX_FILE_BYTES)} at most), "
            "so it was not read"
        )
    raw = bytes(data)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return Refusal(
            f"it is not UTF-8 text (byte 0x{raw[error.start]:02x} at position {error.start:,}), "
            "as every export is: not an export of the companion"
        )
    text = text.strip()
    if not text:
        return Refusal("it holds only blank space")
    if text[0] in "{[":
        try:
            parsed = json.loads(text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_Big)
        except json.JSONDecodeError as error:
            return Refusal(f"it is not valid JSON ({json_problem(error)})")
        except RecursionError:
            return Refusal("its JSON is nested too deeply to be an export")
        except ValueError as error:  # e.g. a number past Python's digit limit
            return Refusal(f"its JSON cannot be read ({str(error)[:80]})")
        return read_mapping(parsed, voc)
    parsed = _profile_csv(text)
    if isinstance(parsed, Refusal):
        return parsed
    return read_mapping(parsed, voc)


def size_words(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:,.1f} MB"
    if n >= 1_000:
        return f"{n / 1_000:,.0f} KB"
    return f"{n} bytes"


__all__ = ["Reading", "Refusal", "VALUES", "read_export", "read_mapping", "size_words"]
