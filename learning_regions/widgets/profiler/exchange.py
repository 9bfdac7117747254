"""The case profiler's export and import: a profile as JSON or CSV text, and
that text read back. Pure (no ipywidgets, no plotly): what a student pastes or
uploads is checked here, and every problem becomes a message, never a
traceback. Impossible scores are clamped or refused, one by one."""

from __future__ import annotations

import csv
import io
import json
import math
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ...classroom.formats import MAX_ARGUMENT_CHARS, spreadsheet_safe
from ...classroom.formats import PROFILE as PROFILE_FORMAT
from ...classroom.formats import PROFILE_CSV_COLUMNS as CSV_COLUMNS  # one definition of the export's form
from ...classroom.profile_csv import read_profile_csv
from ...errors import json_problem
from ...markup import attribute, escape
from ...scales import PROFILE_LEGEND, SCORE_LABELS
from .model import (
    ALL_DIMENSIONS,
    DEFAULT_SCORE,
    MAX_NAME_CHARS,
    MAX_SCORE,
    MIN_SCORE,
    MY_REGION,
    MY_REGION_NAME,
    Profile,
    case_ids,
    case_name,
    companion_profile,
)

MAX_IMPORT_CHARS = 100_000


def profile_to_json(profile: Profile) -> str:
    """The profile as JSON, with the companion's scores beside it for a marker."""
    companion = None
    if profile.case_id != MY_REGION:
        companion = dict(companion_profile(profile.case_id).scores)
    data = {
        "format": PROFILE_FORMAT,
        "version": 1,
        "case_id": profile.case_id,
        "case_name": profile.name,
        "scores": {d: profile.score(d) for d in ALL_DIMENSIONS},
        "argument": profile.argument,
        "companion_scores": companion,
        "scale": PROFILE_LEGEND,
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def profile_to_csv(profile: Profile, student: str = "", export_id: str = "") -> str:
    """The profile as CSV, one row per dimension (the argument is in the first
    row); ``student`` and ``export_id`` (cleaned by the caller, as the JSON
    export's ``stamp`` does) are on every row, so the class view knows the
    student's CSV and JSON exports for one student's."""
    companion = {} if profile.case_id == MY_REGION else companion_profile(profile.case_id).scores
    buffer = io.StringIO()
    # RFC 4180's line end: the csv module then quotes a field holding a lone
    # carriage return too, which a "\n" line end would let through unquoted
    # (and lose on the way back in).
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for index, dimension in enumerate(ALL_DIMENSIONS):
        writer.writerow(
            [
                spreadsheet_safe(cell)
                for cell in (
                    profile.case_id,
                    profile.name,
                    dimension,
                    profile.score(dimension),
                    companion.get(dimension, ""),
                    profile.argument if index == 0 else "",
                    student,
                    export_id,
                )
            ]
        )
    return buffer.getvalue()


@dataclass(frozen=True)
class ImportResult:
    """What loading a pasted or uploaded profile gave: the profile (None when
    refused) and every message the reader should see."""

    profile: Profile | None
    messages: tuple[str, ...] = field(default_factory=tuple)

    @property
    def accepted(self) -> bool:
        return self.profile is not None


class ProfileError(ValueError):
    """The text cannot be read as a profile at all."""


def coerce_score(raw: Any, dimension: str) -> tuple[int | None, str | None]:
    """A 0-4 whole number from what an imported profile says, and a message
    when it had to be changed; (None, message) when there is no usable number."""
    label = SCORE_LABELS.get(dimension, dimension)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, f"{label}: no score given"
    if isinstance(raw, bool):
        return None, f"{label}: {str(raw).lower()} is not a score"
    if isinstance(raw, str):
        try:
            value = float(raw.strip())
        except ValueError:
            return None, f"{label}: {raw.strip()[:30]!r} is not a number"
    elif isinstance(raw, int) and abs(raw) > 10**6:  # float() of a 400-digit number overflows
        value = 1e7 if raw > 0 else -1e7
    elif isinstance(raw, (int, float)):
        value = float(raw)
    else:
        return None, f"{label}: a {type(raw).__name__} is not a score"
    if not math.isfinite(value):
        return None, f"{label}: {str(raw)[:30]} is not a usable number"
    note = None
    # A number far off the scale is named, not written out (-1e308 has 309 digits).
    shown = (
        ("a number far below" if value < 0 else "a number far above") + " the scale"
        if abs(value) > 10**6
        else (int(value) if value.is_integer() else value)
    )
    if not value.is_integer():
        value = float(math.floor(value + 0.5))
        note = f"{label}: {shown} is not a whole number, rounded to {int(value)}"
    if value < MIN_SCORE:
        note = f"{label}: {shown} is below the 0-4 scale, set to {MIN_SCORE}"
        value = MIN_SCORE
    elif value > MAX_SCORE:
        note = f"{label}: {shown} is above the 0-4 scale, set to {MAX_SCORE}"
        value = MAX_SCORE
    if isinstance(shown, str):
        note = f"{label}: {shown} (0-4), set to {int(value)}"
    return int(value), note


def _what_to_give(from_file: bool) -> str:
    """How to get a profile that loads, for pasted text or for an uploaded file."""
    if from_file:
        return "Load a file saved with the Export box's Download link."
    return "Paste the text the Export box gives."


def _csv_mapping(text: str, from_file: bool = False) -> dict[str, Any]:
    """A CSV profile (as profile_to_csv writes it) as the same mapping as JSON."""
    try:
        parsed = read_profile_csv(text)
    except csv.Error as error:
        raise ProfileError(f"The CSV text cannot be read ({error}).") from None
    score_column = "your_score" if "your_score" in parsed.columns else "score" if "score" in parsed.columns else None
    if "dimension" not in parsed.columns or score_column is None:
        what = "This file is" if from_file else "This is"
        raise ProfileError(
            f"{what} neither JSON (which starts with '{{') nor a CSV profile with the columns "
            f"'dimension' and 'your_score'. {_what_to_give(from_file)}"
        )
    return {**parsed.fields(("case_id", "case_name", "argument")), "scores": parsed.scores(score_column)}


def parse_profile(text: Any, from_file: bool = False) -> ImportResult:
    """Read a profile from JSON or CSV text (``from_file``: it came from an
    uploaded file, and the messages say so). Never raises: a profile that can
    be loaded comes back with notes on what was changed; one that cannot comes
    back as None with the reason."""
    this = "This file" if from_file else "This text"
    if isinstance(text, (bytes, bytearray, memoryview)):
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError:
            return ImportResult(None, ("The file is not UTF-8 text. Export the profile again and load that file.",))
    if not isinstance(text, str):
        return ImportResult(
            None,
            (
                "Nothing to load: "
                + ("the file holds no text. " if from_file else "paste the text of an exported profile. ")
                + _what_to_give(from_file),
            ),
        )
    stripped = text.strip().lstrip("\ufeff").strip()
    if not stripped:
        if from_file:
            return ImportResult(None, ("Nothing to load: the file is empty. " + _what_to_give(True),))
        return ImportResult(None, ("Nothing to load: paste the text of an exported profile (JSON or CSV) first.",))
    if len(stripped) > MAX_IMPORT_CHARS:
        return ImportResult(
            None, (f"{this} is too long for a profile ({len(stripped):,} characters); nothing was loaded.",)
        )
    if _deepest_nesting(stripped, MAX_NESTING) > MAX_NESTING:
        # Decoding thousands of nested brackets exhausts the stack (in the
        # browser's Python, for good): refused before it is decoded.
        return ImportResult(
            None,
            (f"{this} nests brackets more than {MAX_NESTING} levels deep; a profile needs 2. Nothing was loaded.",),
        )
    try:
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as error:
            if stripped[0] in "{[":
                raise ProfileError(f"{this} is not valid JSON ({json_problem(error)}). Nothing was loaded.") from None
            data = _csv_mapping(stripped, from_file)
        except ValueError:  # an integer of more than 4,300 digits
            raise ProfileError(
                f"{this} holds a number with thousands of digits; a score is a whole number "
                "from 0 to 4. Nothing was loaded."
            ) from None
        else:
            if not isinstance(data, dict):
                kind = "a list" if isinstance(data, list) else f"the single value {_json_value(data)}"
                raise ProfileError(
                    f"{this} is JSON, but it holds {kind}, not a profile object (one in braces, with 'case_id' "
                    f"and 'scores'). Nothing was loaded. {_what_to_give(from_file)}"
                )
        return _profile_from_mapping(data)
    except ProfileError as error:
        return ImportResult(None, (str(error),))


#: A profile is an object holding an object: deeper nesting is refused unread.
MAX_NESTING = 20


def _deepest_nesting(text: str, stop: int) -> int:
    """How deep brackets nest in ``text`` (outside JSON strings), counted up to ``stop`` + 1."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > stop:
                    break
        elif ch in "]}":
            depth -= 1
    return deepest


def _text(value: str, what: str, messages: list[str]) -> str:
    """``value`` with each lone surrogate (half a character, as a pasted "\\ud800" gives) replaced by \ufffd."""
    cleaned = "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in value)
    if cleaned != value:
        messages.append(f"{what} held characters that are not text; each was replaced with \ufffd.")
    return cleaned


def _json_value(value: Any) -> str:
    """A JSON value as the reader typed it (42, true, null) or, for a text, in quotes."""
    if isinstance(value, str):
        return repr(value[:40])
    return json.dumps(value)[:40]


def _profile_from_mapping(data: Mapping[str, Any]) -> ImportResult:
    messages: list[str] = []
    if data.get("format") not in (None, PROFILE_FORMAT):
        messages.append(
            f"The format {str(data.get('format'))[:40]!r} is not this widget's; read it as a profile anyway."
        )
    scores_in = data.get("scores")
    if scores_in is None:
        raise ProfileError("The profile has no 'scores': nothing was loaded.")
    if not isinstance(scores_in, Mapping):
        raise ProfileError("'scores' should map each dimension to a number (e.g. \"place\": 3): nothing was loaded.")

    raw_case = data.get("case_id")
    known = case_ids()
    if raw_case in (None, ""):
        case_id = MY_REGION
        messages.append("The profile names no case: loaded as your own region.")
    elif not isinstance(raw_case, str) or (raw_case not in known and raw_case != MY_REGION):
        case_id = MY_REGION
        messages.append(f"Unknown case {str(raw_case)[:40]!r}: loaded as your own region.")
    else:
        case_id = raw_case

    if case_id == MY_REGION:
        raw_name = data.get("case_name", data.get("name"))
        raw_name = _text(raw_name, "The name", messages) if isinstance(raw_name, str) else raw_name
        name = raw_name.strip()[:MAX_NAME_CHARS] if isinstance(raw_name, str) and raw_name.strip() else MY_REGION_NAME
        if raw_case not in (None, "", MY_REGION) and name == MY_REGION_NAME and isinstance(raw_case, str):
            name = raw_case.strip()[:MAX_NAME_CHARS] or MY_REGION_NAME
        fallback = {d: DEFAULT_SCORE for d in ALL_DIMENSIONS}
        kept = "kept {}"
    else:
        name = case_name(case_id)
        fallback = dict(companion_profile(case_id).scores)
        kept = "kept the companion's score ({})"

    scores: dict[str, int] = {}
    for dimension in ALL_DIMENSIONS:
        value, note = coerce_score(scores_in.get(dimension), dimension)
        if value is None:
            scores[dimension] = fallback[dimension]
            messages.append(f"{note}; {kept.format(fallback[dimension])}.")
        else:
            scores[dimension] = value
            if note:
                messages.append(note + ".")
    extra = sorted(str(k)[:30] for k in scores_in if k not in ALL_DIMENSIONS)
    if extra:
        messages.append(f"Ignored what this widget does not score: {', '.join(extra)}.")

    argument = data.get("argument", "")
    if argument is None:
        argument = ""
    if not isinstance(argument, str):
        messages.append("The argument was not text and was left out.")
        argument = ""
    argument = _text(argument, "The argument", messages)
    if len(argument) > MAX_ARGUMENT_CHARS:
        messages.append(f"The argument was cut to its first {MAX_ARGUMENT_CHARS:,} characters.")
        argument = argument[:MAX_ARGUMENT_CHARS]
    return ImportResult(Profile(case_id, name, scores, argument), tuple(messages))


def download_link(text: str, filename: str, mime: str) -> str:
    """An HTML link that saves ``text`` as a file, with no server and no JavaScript."""
    href = f"data:{mime};charset=utf-8," + urllib.parse.quote(text)
    return f'<a download="{attribute(filename)}" href="{attribute(href)}">Download {escape(filename)}</a>'


__all__ = [
    "CSV_COLUMNS",
    "ImportResult",
    "MAX_ARGUMENT_CHARS",
    "MAX_IMPORT_CHARS",
    "PROFILE_FORMAT",
    "ProfileError",
    "coerce_score",
    "download_link",
    "parse_profile",
    "profile_to_csv",
    "profile_to_json",
]
