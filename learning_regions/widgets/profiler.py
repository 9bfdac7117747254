"""Case profiler: read a case through places, networks and communities.

The companion scores each case 0-4 on the Introduction's three categories and
on how well the Learning Region model fits it (data/pnc_readings.csv, the
companion's reading). A student moves sliders to argue for another reading,
compares two cases, and exports the profile for an assignment (JSON or CSV),
which can be loaded back. Imported text is checked: impossible scores are
clamped or refused with a message, never a traceback.

Pure logic first (profiles, export, import, figure), then the widget.
"""

from __future__ import annotations

import csv
import io
import json
import math
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as widgets
import plotly.graph_objects as go

from ..charts.style import BLUE, GREY, ORANGE
from ..classroom.exports import stamp, student_field
from ..classroom.formats import new_export_id
from ..loader import load_table
from .common import (
    CASE_COLOURS,
    RADAR_OVER_BARS_SUBPLOTS,
    SHORT_SOURCE,
    LiveWidget,
    StaticHTML,
    attribute,
    cached_layout,
    cartesian_axes,
    escape,
    figure_spec,
    frame,
    guarded,
    heading,
    labelled,
    labelled_menu,
    layout_json,
    paper_y,
    polar_axes,
    radar_over_bars,
    trace,
    wrap,
)

DIMENSIONS = ("place", "network", "community")
ALL_DIMENSIONS = DIMENSIONS + ("learning_region",)
DIMENSION_LABELS = {
    "place": "Place",
    "network": "Network",
    "community": "Community",
    "learning_region": "Learning Region fit",
}
SCORE_WORDS = {0: "not visible", 1: "hinted", 2: "present", 3: "prominent", 4: "defining"}
LR_WORDS = {0: "does not fit", 1: "fits poorly", 2: "fits in part", 3: "fits well", 4: "fits fully"}
MIN_SCORE, MAX_SCORE = 0, 4
#: The reader's own region: no companion reading, every slider starts at 2.
MY_REGION = "my-region"
MY_REGION_NAME = "My region"
DEFAULT_SCORE = 2
PROFILE_FORMAT = "learning-regions/pnc-profile"
MAX_IMPORT_CHARS = 100_000
MAX_NAME_CHARS = 80
MAX_ARGUMENT_CHARS = 5_000
CSV_COLUMNS = ("case_id", "case_name", "dimension", "your_score", "companion_score", "argument")
SCALE_NOTE = "0 not visible, 1 hinted, 2 present, 3 prominent, 4 defining"


# --- the companion's reading -------------------------------------------------

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
        return f"{SHORT_SOURCE.get(self.source_id) or source_title(self.source_id)}, {self.locator}"


@dataclass(frozen=True)
class Profile:
    """A reading of one case: a score 0-4 for each of the four dimensions."""

    case_id: str
    name: str
    scores: Mapping[str, int]
    argument: str = ""

    def score(self, dimension: str) -> int:
        return int(self.scores[dimension])


def source_title(source_id: str) -> str:
    return load_table("sources").get(source_id)["short_title"]


def case_ids() -> list[str]:
    """The cases the companion reads: the OECD's five and the Preface's team."""
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


def describe(dimension: str, score: int) -> str:
    words = LR_WORDS if dimension == "learning_region" else SCORE_WORDS
    return f"{score} ({words.get(score, '?')})"


# --- export and import -------------------------------------------------------

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
        "scale": SCALE_NOTE,
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def profile_to_csv(profile: Profile) -> str:
    """The profile as CSV, one row per dimension (the argument is in the first row)."""
    companion = {} if profile.case_id == MY_REGION else companion_profile(profile.case_id).scores
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for index, dimension in enumerate(ALL_DIMENSIONS):
        writer.writerow([
            profile.case_id, profile.name, dimension, profile.score(dimension),
            companion.get(dimension, ""), profile.argument if index == 0 else "",
        ])
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
    label = DIMENSION_LABELS.get(dimension, dimension)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, f"{label}: no score given"
    if isinstance(raw, bool):
        return None, f"{label}: {str(raw).lower()} is not a score"
    if isinstance(raw, str):
        try:
            value = float(raw.strip())
        except ValueError:
            return None, f"{label}: {raw.strip()[:30]!r} is not a number"
    elif isinstance(raw, (int, float)):
        value = float(raw)
    else:
        return None, f"{label}: a {type(raw).__name__} is not a score"
    if not math.isfinite(value):
        return None, f"{label}: {raw} is not a usable number"
    note = None
    shown = int(value) if value.is_integer() else value
    if not value.is_integer():
        value = float(math.floor(value + 0.5))
        note = f"{label}: {shown} is not a whole number, rounded to {int(value)}"
    if value < MIN_SCORE:
        note = f"{label}: {shown} is below the 0-4 scale, set to {MIN_SCORE}"
        value = MIN_SCORE
    elif value > MAX_SCORE:
        note = f"{label}: {shown} is above the 0-4 scale, set to {MAX_SCORE}"
        value = MAX_SCORE
    return int(value), note


def _what_to_give(from_file: bool) -> str:
    """How to get a profile that loads, for pasted text or for an uploaded file."""
    if from_file:
        return "Load a file saved with the Export box's Download link."
    return "Paste the text the Export box gives."


def _csv_mapping(text: str, from_file: bool = False) -> dict[str, Any]:
    """A CSV profile (as profile_to_csv writes it) as the same mapping as JSON."""
    reader = csv.DictReader(io.StringIO(text))
    columns = [c.strip() for c in (reader.fieldnames or [])]
    reader.fieldnames = columns
    score_column = "your_score" if "your_score" in columns else "score" if "score" in columns else None
    if "dimension" not in columns or score_column is None:
        what = "This file is" if from_file else "This is"
        raise ProfileError(
            f"{what} neither JSON (which starts with '{{') nor a CSV profile with the columns "
            f"'dimension' and 'your_score'. {_what_to_give(from_file)}"
        )
    data: dict[str, Any] = {"scores": {}}
    try:
        for row in reader:
            if row.get("case_id") and "case_id" not in data:
                data["case_id"] = row["case_id"].strip()
            if row.get("case_name") and "case_name" not in data:
                data["case_name"] = row["case_name"].strip()
            if row.get("argument") and "argument" not in data:
                data["argument"] = row["argument"]
            dimension = (row.get("dimension") or "").strip()
            if dimension:
                data["scores"][dimension] = row.get(score_column)
    except csv.Error as error:
        raise ProfileError(f"The CSV text cannot be read ({error}).") from None
    return data


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
        return ImportResult(None, ("Nothing to load: " + ("the file holds no text. " if from_file else "paste the text of an exported profile. ")
                                   + _what_to_give(from_file),))
    stripped = text.strip().lstrip("\ufeff").strip()
    if not stripped:
        if from_file:
            return ImportResult(None, ("Nothing to load: the file is empty. " + _what_to_give(True),))
        return ImportResult(None, ("Nothing to load: paste the text of an exported profile (JSON or CSV) first.",))
    if len(stripped) > MAX_IMPORT_CHARS:
        return ImportResult(None, (f"{this} is too long for a profile ({len(stripped):,} characters); nothing was loaded.",))
    try:
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as error:
            if stripped[0] in "{[":
                raise ProfileError(
                    f"{this} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}). Nothing was loaded."
                ) from None
            data = _csv_mapping(stripped, from_file)
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


def _json_value(value: Any) -> str:
    """A JSON value as the reader typed it (42, true, null) or, for a text, in quotes."""
    if isinstance(value, str):
        return repr(value[:40])
    return json.dumps(value)[:40]


def _profile_from_mapping(data: Mapping[str, Any]) -> ImportResult:
    messages: list[str] = []
    if data.get("format") not in (None, PROFILE_FORMAT):
        messages.append(f"The format {str(data.get('format'))[:40]!r} is not this widget's; read it as a profile anyway.")
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
    if len(argument) > MAX_ARGUMENT_CHARS:
        messages.append(f"The argument was cut to its first {MAX_ARGUMENT_CHARS:,} characters.")
        argument = argument[:MAX_ARGUMENT_CHARS]
    return ImportResult(Profile(case_id, name, scores, argument), tuple(messages))


def download_link(text: str, filename: str, mime: str) -> str:
    """An HTML link that saves ``text`` as a file, with no server and no JavaScript."""
    href = f"data:{mime};charset=utf-8," + urllib.parse.quote(text)
    return f'<a download="{attribute(filename)}" href="{attribute(href)}">Download {escape(filename)}</a>'


# --- figures -----------------------------------------------------------------

def _closed(values: list[Any]) -> list[Any]:
    return values + values[:1]


def _theta() -> list[str]:
    return _closed([DIMENSION_LABELS[d] for d in DIMENSIONS])


def _evidence_hover(evidence: Mapping[str, Evidence] | None, dimension: str) -> str:
    if not evidence or dimension not in evidence:
        return ""
    item = evidence[dimension]
    return f"<br>{wrap(item.rationale)}<br><i>{escape(item.where)}</i>"


def _source_line(case_id_list: list[str], beside_yours: bool = True) -> str:
    parts: dict[str, list[str]] = {}
    for case_id in case_id_list:
        if case_id == MY_REGION:
            continue
        row = load_table("cases").get(case_id)
        parts.setdefault(row["source_id"], []).append(row["locator"])
    cited = "; ".join(f"{SHORT_SOURCE.get(s, source_title(s))}, {', '.join(dict.fromkeys(locs))}" for s, locs in parts.items())
    if not cited:
        return "Scores 0-4: your own reading. The companion has no reading of this region."
    return (f"Source: {escape(cited)}<br>"
            "Scores 0-4: the companion's reading (data/pnc_readings.csv), meant to be argued with"
            + (", beside yours." if beside_yours else "."))


def _profile_traces(yours: Profile, reference: Profile | None, compare: Profile | None) -> list[tuple[dict[str, Any], int]]:
    """The profile chart's traces, each with its row (1: the radar, 2: the bar)."""
    traces: list[tuple[dict[str, Any], int]] = []
    bars: list[tuple[str, int, str, str]] = []
    if reference is not None:
        ev = companion_evidence(reference.case_id)
        traces.append((trace(
            "scatterpolar",
            r=_closed([reference.score(d) for d in DIMENSIONS]), theta=_theta(),
            name=f"Companion's reading: {escape(reference.name)}", mode="lines+markers",
            line={"color": GREY, "dash": "dash", "width": 2}, marker={"size": 7},
            customdata=_closed([describe(d, reference.score(d)) + _evidence_hover(ev, d) for d in DIMENSIONS]),
            hovertemplate="%{theta}: %{customdata}<extra>Companion</extra>",
        ), 1))
        bars.append(("Companion's reading", reference.score("learning_region"), GREY,
                     describe("learning_region", reference.score("learning_region")) + _evidence_hover(ev, "learning_region")))
    traces.append((trace(
        "scatterpolar",
        r=_closed([yours.score(d) for d in DIMENSIONS]), theta=_theta(), name=f"Your reading: {escape(yours.name)}",
        mode="lines+markers", fill="toself", line={"color": BLUE, "width": 3}, marker={"size": 9},
        fillcolor="rgba(0,114,178,0.18)",
        customdata=_closed([describe(d, yours.score(d)) for d in DIMENSIONS]),
        hovertemplate="%{theta}: %{customdata}<extra>Yours</extra>",
    ), 1))
    bars.insert(0, ("Your reading", yours.score("learning_region"), BLUE,
                    describe("learning_region", yours.score("learning_region"))))
    if compare is not None:
        ev = companion_evidence(compare.case_id)
        traces.append((trace(
            "scatterpolar",
            r=_closed([compare.score(d) for d in DIMENSIONS]), theta=_theta(),
            name=f"Compare: {escape(compare.name)}", mode="lines+markers",
            line={"color": ORANGE, "width": 2, "dash": "dot"}, marker={"size": 7, "symbol": "diamond"},
            customdata=_closed([describe(d, compare.score(d)) + _evidence_hover(ev, d) for d in DIMENSIONS]),
            hovertemplate="%{theta}: %{customdata}<extra>" + escape(compare.name) + "</extra>",
        ), 1))
        bars.append((compare.name, compare.score("learning_region"), ORANGE,
                     describe("learning_region", compare.score("learning_region")) + _evidence_hover(ev, "learning_region")))
    traces.append((trace(
        "bar",
        y=[escape(b[0]) for b in bars], x=[b[1] for b in bars], orientation="h", marker={"color": [b[2] for b in bars]},
        text=[str(b[1]) for b in bars], textposition="outside", customdata=[b[3] for b in bars],
        hovertemplate="%{y}: %{customdata}<extra></extra>", showlegend=False, name="Learning Region fit",
    ), 2))
    return traces


def _profile_title(yours: Profile, reference: Profile | None) -> str:
    return f"{escape(yours.name)}: your reading" + (" and the companion's" if reference is not None else "")


def _profile_frame(title: str, cases: tuple[str, ...]) -> go.Figure:
    """The profile chart without its traces: subplots, title, source line, axes."""
    fig = radar_over_bars("Place, network, community (0-4)", "Learning Region fit (0-4)")
    frame(fig, title, _source_line(list(cases)), height=760, top=140, bottom=115, left=190, legend_px=44)
    _style_axes(fig)
    fig.update_yaxes(autorange="reversed", row=2, col=1)
    return fig


@cached_layout
def _profile_layout(cases: tuple[str, ...]) -> str:
    """The profile chart's layout for the cases it cites (the title is set per figure)."""
    return layout_json(_profile_frame("", cases))


def _cases(reference: Profile | None, compare: Profile | None) -> tuple[str, ...]:
    return tuple(p.case_id for p in (reference, compare) if p is not None)


def profile_figure(yours: Profile, reference: Profile | None = None, compare: Profile | None = None) -> go.Figure:
    """Radar of place, network and community, and a bar of Learning Region fit:
    the reader's profile, the companion's reading of the same case as a
    reference, and optionally a second case."""
    fig = _profile_frame(_profile_title(yours, reference), _cases(reference, compare))
    for one, row in _profile_traces(yours, reference, compare):
        fig.add_trace(one, row=row, col=1)
    return fig


def profile_figure_spec(yours: Profile, reference: Profile | None = None, compare: Profile | None = None) -> dict[str, Any]:
    """``profile_figure`` as the plain dict its ``to_plotly_json`` gives, made
    without a ``go.Figure`` and with the layout cached: what the widget redraws with."""
    traces = [(one, RADAR_OVER_BARS_SUBPLOTS[row]) for one, row in _profile_traces(yours, reference, compare)]
    return figure_spec(_profile_layout(_cases(reference, compare)), traces, title=_profile_title(yours, reference))


def _style_axes(fig: go.Figure) -> None:
    cartesian_axes(fig)
    fig.update_xaxes(range=[0, 4.6], tickvals=[0, 1, 2, 3, 4], title_text="0 does not fit ... 4 fits fully", row=2, col=1)
    fig.update_yaxes(ticks="", row=2, col=1)
    fig.update_layout(polar=polar_axes([DIMENSION_LABELS[d] for d in DIMENSIONS]))


def profiler_static_view() -> go.Figure:
    """Kernel-free view: a dropdown of the six cases (or all at once) showing
    the companion's reading and its Learning Region fit. Hover a point for the
    evidence. Works on the static page with Plotly's own menu."""
    ids = case_ids()
    fig = radar_over_bars("Place, network, community (0-4)", "Learning Region fit (0-4)")
    names = [case_name(c) for c in ids]
    for case_id in ids:
        profile, ev = companion_profile(case_id), companion_evidence(case_id)
        fig.add_trace(go.Scatterpolar(
            r=_closed([profile.score(d) for d in DIMENSIONS]), theta=_theta(), name=escape(profile.name),
            mode="lines+markers", fill="toself", line={"color": CASE_COLOURS.get(case_id, BLUE), "width": 3},
            marker={"size": 8}, opacity=0.85,
            customdata=_closed([describe(d, profile.score(d)) + _evidence_hover(ev, d) for d in DIMENSIONS]),
            hovertemplate="%{theta}: %{customdata}<extra>" + escape(profile.name) + "</extra>",
            visible=case_id == ids[0],
        ), row=1, col=1)
    lr = [companion_profile(c).score("learning_region") for c in ids]
    fig.add_trace(go.Bar(
        y=[escape(n) for n in names], x=lr, orientation="h", marker_color="rgba(122,122,122,0.45)",
        text=[str(v) for v in lr], textposition="outside", showlegend=False, name="all cases",
        customdata=[describe("learning_region", v) + _evidence_hover(companion_evidence(c), "learning_region") for c, v in zip(ids, lr)],
        hovertemplate="%{y}: %{customdata}<extra></extra>",
    ), row=2, col=1)
    for case_id, name, value in zip(ids, names, lr):
        fig.add_trace(go.Bar(
            y=[escape(name)], x=[value], orientation="h", marker_color=CASE_COLOURS.get(case_id, BLUE),
            showlegend=False, name=escape(name), hoverinfo="skip", visible=case_id == ids[0],
        ), row=2, col=1)
    n = len(ids)
    buttons = []
    for i, case_id in enumerate(ids):
        visible = [j == i for j in range(n)] + [True] + [j == i for j in range(n)]
        buttons.append({
            "label": escape(names[i]), "method": "update",
            "args": [{"visible": visible}, {"title.text": f"{escape(names[i])}: the companion's reading"}],
        })
    buttons.append({
        "label": "All six cases", "method": "update",
        "args": [{"visible": [True] * (2 * n + 1)}, {"title.text": "All six cases: the companion's readings"}],
    })
    height, top, bottom = 850, 225, 115
    frame(fig, f"{escape(names[0])}: the companion's reading", _source_line(ids, beside_yours=False), height=height, top=top,
          bottom=bottom, left=190, legend_px=96)
    _style_axes(fig)
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=[escape(x) for x in names], row=2, col=1)
    fig.update_layout(barmode="overlay")
    labelled_menu(fig, "Case:", buttons, paper_y(height, top, bottom, 46))
    return fig


def readings_details() -> StaticHTML:
    """Every score of the companion's reading with its evidence, as plain HTML:
    one <details> per case (keyboard and screen-reader friendly, no JavaScript)."""
    parts = ['<div class="lr-readings">']
    for case_id in case_ids():
        ev = companion_evidence(case_id)
        summary = "; ".join(f"{DIMENSION_LABELS[d].lower()} {ev[d].score}" for d in ALL_DIMENSIONS)
        rows = "".join(
            f"<tr><th scope='row'>{escape(DIMENSION_LABELS[d])}</th><td>{escape(describe(d, ev[d].score))}</td>"
            f"<td>{escape(ev[d].rationale)}</td><td>{escape(ev[d].where)}</td></tr>"
            for d in ALL_DIMENSIONS
        )
        parts.append(
            f"<details><summary><strong>{escape(case_name(case_id))}</strong>: {escape(summary)}</summary>"
            f"<table><caption style='color:inherit;text-align:left'>The companion's reading of {escape(case_name(case_id))}, with its evidence</caption>"
            "<thead><tr><th scope='col'>Dimension</th><th scope='col'>Score</th><th scope='col'>Why</th>"
            f"<th scope='col'>Where in the text</th></tr></thead><tbody>{rows}</tbody></table></details>"
        )
    parts.append("</div>")
    return StaticHTML("".join(parts), "The companion's readings with their evidence (HTML)")


def evidence_table(yours: Profile, compare: Profile | None = None) -> str:
    """HTML table: for each dimension, the companion's score and evidence beside the reader's."""
    known = yours.case_id != MY_REGION
    ev = companion_evidence(yours.case_id) if known else {}
    head = "<th scope='col'>Dimension</th><th scope='col'>Your score</th>"
    if known:
        head += "<th scope='col'>Companion's score</th><th scope='col'>Companion's evidence</th><th scope='col'>Where</th>"
    if compare is not None:
        head += f"<th scope='col'>{escape(compare.name)} (companion)</th>"
    body = []
    for d in ALL_DIMENSIONS:
        cells = f"<th scope='row'>{escape(DIMENSION_LABELS[d])}</th><td>{escape(describe(d, yours.score(d)))}"
        if known:
            diff = yours.score(d) - ev[d].score
            if diff:
                cells += f" <strong>({'+' if diff > 0 else ''}{diff} against the companion)</strong>"
            cells += f"</td><td>{escape(describe(d, ev[d].score))}</td><td>{escape(ev[d].rationale)}</td><td>{escape(ev[d].where)}</td>"
        else:
            cells += "</td>"
        if compare is not None:
            cells += f"<td>{escape(describe(d, compare.score(d)))}</td>"
        body.append(f"<tr>{cells}</tr>")
    caption = (
        f"{escape(yours.name)}: your scores beside the companion's reading and its evidence"
        if known else f"{escape(yours.name)}: your own reading (the companion has none for this region)"
    )
    return (
        f"<table class='lr-evidence'><caption style='color:inherit;text-align:left'>{caption}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


# --- the widget --------------------------------------------------------------

class CaseProfiler(LiveWidget):
    """Choose a case, move the sliders to argue for your own reading, compare,
    export and import. ``figure`` holds the chart on show."""

    def __init__(self, case_id: str = "jena", **kwargs: Any):
        super().__init__(**kwargs)
        self._quiet = False
        self.case = labelled(widgets.Dropdown, "Case", "The case to read", options=case_choices(), value=case_ids()[0])
        self.region_name = labelled(
            widgets.Text, "Name of your region", "Shown in the chart and the export",
            value=MY_REGION_NAME, placeholder="e.g. Twente", layout={"display": "none"},
        )
        self.sliders = {
            d: labelled(
                widgets.IntSlider, f"{DIMENSION_LABELS[d]} (0-4)",
                f"Your score for {DIMENSION_LABELS[d].lower()}: "
                + (", ".join(f"{k} {v}" for k, v in (LR_WORDS if d == 'learning_region' else SCORE_WORDS).items())),
                min=MIN_SCORE, max=MAX_SCORE, step=1, value=DEFAULT_SCORE, continuous_update=False,
                layout={"width": "420px"},
            )
            for d in ALL_DIMENSIONS
        }
        self.reset_button = labelled(
            widgets.Button, "Back to the companion's reading", "Set every slider to the companion's score for this case",
        )
        self.compare = labelled(
            widgets.Dropdown, "Compare with", "Draw the companion's reading of a second case",
            options=[("No second case", "")] + [(case_name(c), c) for c in case_ids()], value="",
        )
        self.argument = labelled(
            widgets.Textarea, "Your argument",
            "Why your scores differ from the companion's; cite paragraphs", placeholder=(
                "Why do your scores differ from the companion's? Name the paragraph (¶) that supports you."
            ), layout={"width": "100%", "height": "90px"},
        )
        self.evidence = widgets.HTML()
        self.export_format = labelled(
            widgets.ToggleButtons, "Export as", None, options=[("JSON", "json"), ("CSV", "csv")], value="json",
            tooltips=["JSON: to load back here", "CSV: for a spreadsheet"],
        )
        self.student, self.export_id = student_field(), new_export_id()
        self.export_text = labelled(
            widgets.Textarea, "Your profile (select all and copy)", "The current profile as text",
            layout={"width": "100%", "height": "160px"},
        )
        self.export_link = widgets.HTML()
        self.import_text = labelled(
            widgets.Textarea, "Paste a profile to load", "JSON or CSV exported from this widget",
            placeholder='{"case_id": "jena", "scores": {"place": 3, ...}}', layout={"width": "100%", "height": "100px"},
        )
        self.import_button = labelled(widgets.Button, "Load the pasted profile", "Read the text above and set the sliders")
        self.upload = labelled(
            widgets.FileUpload, "Load a profile file", "A .json or .csv file exported from this widget",
            accept=".json,.csv,.txt", multiple=False,
        )

        self.case.observe(self._on_case, names="value")
        self.region_name.observe(self._on_change, names="value")
        for slider in self.sliders.values():
            slider.observe(self._on_change, names="value")
        self.compare.observe(self._on_change, names="value")
        self.argument.observe(self._on_argument, names="value")
        self.export_format.observe(self._on_argument, names="value")
        self.student.observe(self._on_argument, names="value")
        self.reset_button.on_click(lambda _button: self.reset())
        self.import_button.on_click(lambda _button: self.load_text(self.import_text.value))
        self.upload.observe(self._on_upload, names="value")

        self.children = [
            widgets.HBox([self.case, self.region_name]),
            widgets.VBox(list(self.sliders.values())),
            widgets.HBox([self.reset_button, self.compare]),
            self.status,
            self.output,
            self.evidence,
            self.argument,
            widgets.VBox([heading("Export your profile"), self.student]),  # one child: kept answers keep their paths
            self.export_format,
            self.export_text,
            self.export_link,
            heading("Load a profile"),
            self.import_text,
            widgets.HBox([self.import_button, self.upload]),
        ]
        self.select_case(case_id)

    # What the controls say -------------------------------------------------
    def current_profile(self) -> Profile:
        case_id = self.case.value
        name = (self.region_name.value.strip()[:MAX_NAME_CHARS] or MY_REGION_NAME) if case_id == MY_REGION else case_name(case_id)
        return Profile(case_id, name, {d: int(s.value) for d, s in self.sliders.items()}, self.argument.value)

    def set_scores(self, scores: Mapping[str, Any]) -> list[str]:
        """Set sliders from a mapping; out-of-range values are clamped, others refused (with messages)."""
        notes = []
        self._quiet = True
        try:
            for d, raw in scores.items():
                if d not in self.sliders:
                    notes.append(f"Ignored {str(d)[:30]!r}: not one of the four dimensions.")
                    continue
                value, note = coerce_score(raw, d)
                if note:
                    notes.append(note + ("." if value is not None else "; kept the slider where it was."))
                if value is not None:
                    self.sliders[d].value = value
        finally:
            self._quiet = False
        self._refresh()
        if notes:
            self.say(" ".join(notes), "warning")
        return notes

    # Actions ---------------------------------------------------------------
    @guarded
    def select_case(self, case_id: str) -> None:
        valid = [value for _label, value in case_choices()]
        if case_id not in valid:
            if self.figure is None:
                self._on_case({"new": self.case.value})
            self.say(f"There is no case {str(case_id)[:40]!r}; showing {case_name(self.case.value)}. "
                     f"Choose one of: {', '.join(valid)}.", "warning")
            return
        if self.case.value == case_id:
            self._on_case({"new": case_id})
        else:
            self.case.value = case_id

    @guarded
    def reset(self) -> None:
        profile = companion_profile(self.case.value) if self.case.value != MY_REGION else blank_profile()
        self._apply(profile, keep_argument=True)
        self.say("Sliders set to the companion's reading." if self.case.value != MY_REGION else "Sliders set to 2.")

    @guarded
    def load_text(self, text: Any, from_file: bool = False) -> ImportResult:
        result = parse_profile(text, from_file=from_file)
        if not result.accepted:
            self.say(" ".join(result.messages), "error")
            return result
        self._apply(result.profile, keep_argument=False)
        loaded = f"Loaded a profile of {result.profile.name}."
        if result.messages:
            self.say(loaded + " " + " ".join(result.messages), "warning")
        else:
            self.say(loaded, "ok")
        return result

    def _apply(self, profile: Profile, keep_argument: bool) -> None:
        self._quiet = True
        try:
            self.case.value = profile.case_id
            self.region_name.layout.display = "flex" if profile.case_id == MY_REGION else "none"
            if profile.case_id == MY_REGION:
                self.region_name.value = profile.name
            for d, slider in self.sliders.items():
                slider.value = profile.score(d)
            if not keep_argument:
                self.argument.value = profile.argument
        finally:
            self._quiet = False
        self._refresh()

    # Callbacks -------------------------------------------------------------
    @guarded
    def _on_case(self, change: Mapping[str, Any]) -> None:
        if self._quiet:
            return
        case_id = change["new"]
        profile = blank_profile(self.region_name.value.strip() or MY_REGION_NAME) if case_id == MY_REGION else companion_profile(case_id)
        self._apply(profile, keep_argument=True)
        if case_id == MY_REGION:
            self.say("Your own region: the companion has no reading, so every slider starts at 2. Name it and score it.")
        else:
            self.say(f"The companion's reading of {profile.name}. Move a slider to argue for another score.")

    @guarded
    def _on_change(self, change: Mapping[str, Any]) -> None:
        if not self._quiet:
            self.say("")  # a message describes the last action: an earlier warning no longer applies
            self._refresh()

    @guarded
    def _on_argument(self, change: Mapping[str, Any]) -> None:
        if not self._quiet:
            self.say("")
            self._refresh_export(self.current_profile())

    @guarded
    def _on_upload(self, change: Mapping[str, Any]) -> None:
        files = change["new"]
        if not files:
            return
        item = files[0]
        content = item["content"] if isinstance(item, Mapping) else getattr(item, "content", b"")
        if len(bytes(content)) > MAX_IMPORT_CHARS * 4:
            self.say("That file is too large to be a profile; nothing was loaded.", "error")
            return
        self.load_text(bytes(content), from_file=True)

    # Drawing ---------------------------------------------------------------
    def _refresh(self) -> None:
        profile = self.current_profile()
        reference = companion_profile(profile.case_id) if profile.case_id != MY_REGION else None
        compare = companion_profile(self.compare.value) if self.compare.value else None
        self.show(profile_figure_spec(profile, reference, compare))
        self.evidence.value = evidence_table(profile, compare)
        self._refresh_export(profile)

    def _refresh_export(self, profile: Profile) -> None:
        slug = "".join(ch if ch.isalnum() else "-" for ch in profile.name.lower()).strip("-") or "profile"
        if self.export_format.value == "csv":
            text, filename, mime = profile_to_csv(profile), f"pnc-profile-{slug}.csv", "text/csv"
        else:
            text, filename, mime = (stamp(profile_to_json(profile), self.student.value, self.export_id),
                                    f"pnc-profile-{slug}.json", "application/json")
        self.export_text.value = text
        self.export_link.value = download_link(text, filename, mime)


__all__ = [
    "ALL_DIMENSIONS", "CaseProfiler", "DIMENSIONS", "Evidence", "ImportResult", "MY_REGION", "Profile",
    "blank_profile", "case_choices", "case_ids", "coerce_score", "companion_evidence", "companion_profile",
    "evidence_table", "parse_profile", "profile_figure", "profile_figure_spec", "profile_to_csv", "profile_to_json",
    "profiler_static_view", "readings_details",
]
