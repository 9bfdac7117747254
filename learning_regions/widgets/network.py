"""Multi-local network explorer: the Preface's people, places, institutions
and events as one network.

Each link belongs to one of the Introduction's three categories (the companion's
reading, relation_types.csv ``layer``) and most carry a step in time
(preface_links.csv ``sequence``, also the companion's reading). The explorer
filters by layer, follows one person through places over time, and counts how
many regions (places.csv ``region``) a collaboration spans: the Preface's
argument against the Learning Region's 'spatial envelope'.

Layout, in pure Python and deterministic: places sit at their true direction
from Tilburg (where the team first met) at a distance on a logarithmic scale,
so that Nijmegen and Tampere both fit on one screen; everything else is placed
by a small seeded force-directed layout with the places held fixed.
"""

from __future__ import annotations

import functools
import math
import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets
import plotly.graph_objects as go

from ..charts.style import BLUE, GREY, ORANGE, PINK, SKY, VERMILION
from ..loader import load_table
from .common import (
    LAYER_COLOURS,
    LAYER_DASH,
    LAYER_LABELS,
    LAYERS,
    NEUTRAL_LINE,
    SHORT_SOURCE,
    LiveWidget,
    StaticHTML,
    cached_layout,
    escape,
    figure_spec,
    frame,
    guarded,
    labelled,
    labelled_menu,
    layout_json,
    paper_y,
    trace,
    wrap,
)

#: Where the team first met: the centre of the layout.
ANCHOR_PLACE = "tilburg"
#: The group whose collaboration the Preface describes.
TEAM = "editors"
LAYOUT_SEED = 2014
#: Force layout: the length a link pulls towards, and how far repulsion reaches.
IDEAL_LINK = 1.0
REPULSION_RANGE = 3.0
#: Distance on screen grows with log(1 + km / DISTANCE_SCALE_KM) ...
DISTANCE_SCALE_KM = 20.0
#: ... and places farther than this are drawn at this distance (Indonesia).
FARTHEST_DRAWN_KM = 2500.0
#: Relations that say where a thing is or happened (followed to find a place).
LOCATING = ("took_place_in", "located_in")
#: A link of this relation is a plan, not something that happened.
PLANNED = ("plans_workshop_in",)
#: Kinds of node through which a person's link is resolved to a place.
PLACE_CARRIERS = ("place", "event", "institution")

KIND_STYLE = {
    "person": ("circle", BLUE, "People"),
    "group": ("hexagon", VERMILION, "Groups"),
    "institution": ("square", ORANGE, "Institutions"),
    "event": ("triangle-up", PINK, "Events"),
    "work": ("diamond", SKY, "Works"),
    "idea": ("star-diamond", GREY, "Ideas"),
    "place": ("circle-open", "#009E73", "Places"),
}
PATH_COLOUR = PINK
SPAN_COLOUR = "#009E73"


# --- the network as data -----------------------------------------------------

@dataclass(frozen=True)
class Node:
    node_id: str
    label: str
    kind: str
    place_id: str | None
    region: str | None
    country: str | None
    latitude: float | None
    longitude: float | None
    note: str
    locator: str


@dataclass(frozen=True)
class Link:
    link_id: str
    source: str
    target: str
    relation: str
    label: str
    layer: str
    sequence: int | None
    when: str
    locator: str
    note: str

    @property
    def planned(self) -> bool:
        return self.relation in PLANNED


@dataclass(frozen=True)
class Network:
    nodes: Mapping[str, Node]
    links: tuple[Link, ...]

    def label(self, node_id: str) -> str:
        return self.nodes[node_id].label

    def links_of(self, node_id: str) -> list[Link]:
        return [link for link in self.links if node_id in (link.source, link.target)]


def load_network() -> Network:
    """The Preface's nodes and links, with each link's layer and each place's region."""
    places = load_table("places")
    nodes = {}
    for row in load_table("preface_nodes"):
        place = places.get(row["place_id"]) if row["place_id"] else None
        nodes[row["node_id"]] = Node(
            row["node_id"], row["label"], row["kind"], row["place_id"],
            place["region"] if place else None, place["country"] if place else None,
            place["latitude"] if place else None, place["longitude"] if place else None,
            row["note"] or "", row["locator"],
        )
    relations = load_table("relation_types")
    links = tuple(
        Link(
            row["link_id"], row["source_node"], row["target_node"], row["relation"],
            relations.get(row["relation"])["label"], relations.get(row["relation"])["layer"],
            row["sequence"], row["when"] or "", row["locator"], row["note"] or "",
        )
        for row in load_table("preface_links").require_rows("the network explorer")
    )
    return Network(nodes, links)


def links_in_layers(network: Network, layers: Iterable[str], up_to: int | None = None) -> list[Link]:
    """The links of the chosen layers; with ``up_to``, only those whose step is
    at most ``up_to`` (links without a step are always kept)."""
    chosen = set(layers)
    return [
        link for link in network.links
        if link.layer in chosen and (up_to is None or link.sequence is None or link.sequence <= up_to)
    ]


# --- layout ------------------------------------------------------------------

def _great_circle(lat0: float, lon0: float, lat1: float, lon1: float) -> tuple[float, float]:
    """Distance in km and initial bearing (radians, clockwise from north)."""
    p0, p1, dl = math.radians(lat0), math.radians(lat1), math.radians(lon1 - lon0)
    a = math.sin((p1 - p0) / 2) ** 2 + math.cos(p0) * math.cos(p1) * math.sin(dl / 2) ** 2
    distance = 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))
    bearing = math.atan2(math.sin(dl) * math.cos(p1), math.cos(p0) * math.sin(p1) - math.sin(p0) * math.cos(p1) * math.cos(dl))
    return distance, bearing


def screen_radius(km: float) -> float:
    return math.log1p(km / DISTANCE_SCALE_KM)


def place_positions(network: Network, min_gap: float = 0.45) -> dict[str, tuple[float, float]]:
    """Places at their direction from Tilburg, distance on a log scale; places
    closer than ``min_gap`` on screen are pushed apart (deterministically)."""
    anchor = network.nodes[ANCHOR_PLACE]
    ids = sorted(n for n, node in network.nodes.items() if node.kind == "place")
    pos: dict[str, list[float]] = {}
    for node_id in ids:
        node = network.nodes[node_id]
        km, bearing = _great_circle(anchor.latitude, anchor.longitude, node.latitude, node.longitude)
        r = screen_radius(min(km, FARTHEST_DRAWN_KM))
        pos[node_id] = [r * math.sin(bearing), r * math.cos(bearing)]
    for _ in range(60):
        moved = False
        for i, a in enumerate(ids):
            for j in range(i + 1, len(ids)):
                b = ids[j]
                dx, dy = pos[b][0] - pos[a][0], pos[b][1] - pos[a][1]
                d = math.hypot(dx, dy)
                if d >= min_gap:
                    continue
                if d < 1e-9:  # the same point: separate along a fixed direction
                    angle = 2.4 * (i + j)
                    dx, dy, d = math.cos(angle), math.sin(angle), 1.0
                push = (min_gap - d) / 2 + 1e-6
                ux, uy = dx / d, dy / d
                if a == ANCHOR_PLACE:  # the anchor stays put
                    pos[b][0] += 2 * push * ux
                    pos[b][1] += 2 * push * uy
                elif b == ANCHOR_PLACE:
                    pos[a][0] -= 2 * push * ux
                    pos[a][1] -= 2 * push * uy
                else:
                    pos[a][0] -= push * ux
                    pos[a][1] -= push * uy
                    pos[b][0] += push * ux
                    pos[b][1] += push * uy
                moved = True
        if not moved:
            break
    return {k: (v[0], v[1]) for k, v in pos.items()}


@functools.lru_cache(maxsize=4)
def _cached_layout(seed: int, iterations: int) -> tuple[tuple[str, float, float], ...]:
    network = load_network()
    fixed = place_positions(network)
    free = sorted(n for n in network.nodes if n not in fixed)
    rng = random.Random(seed)
    xs = [p[0] for p in fixed.values()]
    ys = [p[1] for p in fixed.values()]
    pos = {n: [p[0], p[1]] for n, p in fixed.items()}
    neighbours: dict[str, list[str]] = {n: [] for n in network.nodes}
    for link in network.links:
        neighbours[link.source].append(link.target)
        neighbours[link.target].append(link.source)
    # Start each free node near the places it is linked to (or near Tilburg).
    for n in free:
        anchors = [fixed[m] for m in neighbours[n] if m in fixed]
        cx = sum(a[0] for a in anchors) / len(anchors) if anchors else 0.0
        cy = sum(a[1] for a in anchors) / len(anchors) if anchors else 0.0
        pos[n] = [cx + rng.uniform(-1.0, 1.0), cy + rng.uniform(-1.0, 1.0)]
    ideal = IDEAL_LINK
    everyone = sorted(pos)
    span = max(max(xs) - min(xs), max(ys) - min(ys))
    for step in range(iterations):
        temperature = 0.25 * (1 - step / iterations) + 0.003
        shift = {n: [0.0, 0.0] for n in free}
        for n in free:
            x, y = pos[n]
            for m in everyone:
                if m == n:
                    continue
                dx, dy = x - pos[m][0], y - pos[m][1]
                d2 = dx * dx + dy * dy
                if d2 > REPULSION_RANGE ** 2:
                    continue
                d2 = max(d2, 1e-4)
                force = ideal * ideal / d2 * (1.6 if m in fixed else 1.0)
                shift[n][0] += dx * force
                shift[n][1] += dy * force
        for link in network.links:
            a, b = link.source, link.target
            dx, dy = pos[b][0] - pos[a][0], pos[b][1] - pos[a][1]
            d = math.hypot(dx, dy) or 1e-6
            force = d / ideal
            if a in shift:
                shift[a][0] += dx * force
                shift[a][1] += dy * force
            if b in shift:
                shift[b][0] -= dx * force
                shift[b][1] -= dy * force
        for n in free:
            sx, sy = shift[n]
            length = math.hypot(sx, sy)
            if length > 0:
                limit = min(length, temperature)
                pos[n][0] += sx / length * limit
                pos[n][1] += sy / length * limit
            pos[n][0] = min(max(pos[n][0], min(xs) - 0.2 * span), max(xs) + 0.2 * span)
            pos[n][1] = min(max(pos[n][1], min(ys) - 0.2 * span), max(ys) + 0.2 * span)
    return tuple((n, round(pos[n][0], 4), round(pos[n][1], 4)) for n in sorted(pos))


def layout_positions(seed: int = LAYOUT_SEED, iterations: int = 250) -> dict[str, tuple[float, float]]:
    """Screen position of every node; the same seed always gives the same layout."""
    return {n: (x, y) for n, x, y in _cached_layout(seed, iterations)}


# --- paths and regions -------------------------------------------------------

def resolve_place(network: Network, node_id: str) -> str | None:
    """The place node a thing is in: the node itself if it is a place, else
    the first place reached by 'took place in' / 'is in' links."""
    seen = set()
    frontier = [node_id]
    while frontier:
        current = frontier.pop(0)
        if current in seen:
            continue
        seen.add(current)
        node = network.nodes[current]
        if node.kind == "place":
            return current
        if node.kind not in PLACE_CARRIERS:
            return None
        for link in network.links:
            if link.source == current and link.relation in LOCATING:
                frontier.append(link.target)
    return None


@dataclass(frozen=True)
class PathStep:
    """One dated link of a person's story and the place it happened in, if known."""

    sequence: int
    when: str
    link_id: str
    description: str
    place: str | None
    with_team: bool
    planned: bool
    locator: str


def _describe(network: Network, link: Link) -> str:
    return f"{network.label(link.source)} {link.label} {network.label(link.target)}"


def groups_of(network: Network, person: str) -> list[str]:
    return [link.target for link in network.links if link.source == person and link.relation == "member_of"]


def person_path(network: Network, person: str, with_team: bool = True) -> list[PathStep]:
    """The dated links of one person, in the companion's time order (then file
    order), each with the place it happened in. With ``with_team``, the dated
    links of the groups the person belongs to are included and marked."""
    if person not in network.nodes:
        raise KeyError(f"no node {person!r} in the Preface network")
    chosen: list[tuple[Link, bool, str]] = []
    for link in network.links:
        if person in (link.source, link.target) and link.sequence is not None:
            other = link.target if link.source == person else link.source
            chosen.append((link, False, other))
    if with_team:
        for group in groups_of(network, person):
            for link in network.links:
                if group not in (link.source, link.target) or link.sequence is None:
                    continue
                other = link.target if link.source == group else link.source
                if link.relation == "member_of" and network.nodes[other].kind == "person":
                    continue  # the other members joining is not a step of this person's path
                chosen.append((link, True, other))
    order = {link.link_id: i for i, link in enumerate(network.links)}
    chosen.sort(key=lambda item: (item[0].sequence, order[item[0].link_id]))
    steps = []
    for link, with_group, other in chosen:
        place = resolve_place(network, other) if network.nodes[other].kind in PLACE_CARRIERS else None
        steps.append(PathStep(
            link.sequence, link.when, link.link_id, _describe(network, link), place, with_group, link.planned, link.locator,
        ))
    return steps


def path_places(steps: Iterable[PathStep], include_planned: bool = False) -> list[str]:
    """The places of a path in order, without immediate repeats."""
    out: list[str] = []
    for step in steps:
        if step.place is None or (step.planned and not include_planned):
            continue
        if not out or out[-1] != step.place:
            out.append(step.place)
    return out


def path_people(network: Network) -> list[str]:
    """People whose path reaches at least one place, in file order."""
    return [
        n for n, node in network.nodes.items()
        if node.kind == "person" and path_places(person_path(network, n))
    ]


@dataclass(frozen=True)
class RegionSpan:
    """The regions (and countries) whose places a collaboration touches."""

    node_id: str
    regions: Mapping[str, tuple[str, ...]]  # region -> place labels
    countries: tuple[str, ...]
    places: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.regions)


def regions_spanned(network: Network, node_id: str, include_planned: bool = False) -> RegionSpan:
    """How many regions one collaboration spans: the places of the node's own
    links and, for a group, those of its members' paths."""
    if node_id not in network.nodes:
        raise KeyError(f"no node {node_id!r} in the Preface network")
    members = [link.source for link in network.links if link.target == node_id and link.relation == "member_of"]
    places: list[str] = []
    for who in [node_id] + members:
        if network.nodes[who].kind == "person":
            steps = person_path(network, who, with_team=False)
            found = [s.place for s in steps if s.place and (include_planned or not s.planned)]
        else:
            found = []
            for link in network.links_of(who):
                if link.planned and not include_planned:
                    continue
                other = link.target if link.source == who else link.source
                if network.nodes[other].kind in PLACE_CARRIERS:
                    place = resolve_place(network, other)
                    if place:
                        found.append(place)
        for place in found:
            if place not in places:
                places.append(place)
    regions: dict[str, list[str]] = {}
    countries: list[str] = []
    for place in places:
        node = network.nodes[place]
        regions.setdefault(node.region, []).append(node.label)
        if node.country not in countries:
            countries.append(node.country)
    return RegionSpan(node_id, {r: tuple(v) for r, v in regions.items()}, tuple(countries), tuple(places))


def span_sentence(network: Network, span: RegionSpan, planned_included: bool = False) -> str:
    who = network.label(span.node_id)
    if not span.regions:
        return f"{who}: the Preface ties no place to this node."
    listing = "; ".join(f"{region} ({', '.join(labels)})" for region, labels in span.regions.items())
    plural = "region" if span.count == 1 else "regions"
    countries = "country" if len(span.countries) == 1 else "countries"
    planned = " (counting the planned workshop)" if planned_included else ""
    return f"{who}: {span.count} {plural} in {len(span.countries)} {countries}{planned}. {listing}."


def path_sentence(network: Network, person: str) -> str:
    """One line: the person's own places in order, and the regions counted with and without the team."""
    own = path_places(person_path(network, person, with_team=False))
    every = path_places(person_path(network, person, with_team=True))
    own_regions = len(dict.fromkeys(network.nodes[p].region for p in own))
    all_regions = len(dict.fromkeys(network.nodes[p].region for p in every))
    route = " → ".join(network.label(p) for p in own) or "no place of their own"
    return (f"{network.label(person)}'s own path: {route} ({own_regions} "
            f"{'region' if own_regions == 1 else 'regions'}); with the team's steps: {all_regions} regions.")


def collaboration_choices(network: Network) -> list[tuple[str, str]]:
    """The team first, then each person whose links reach a place."""
    choices = [(network.label(TEAM), TEAM)]
    choices += [(network.label(p), p) for p in path_people(network)]
    return choices


# --- figures -----------------------------------------------------------------

def _short(label: str, limit: int = 20) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _labelled_nodes(network: Network) -> set[str]:
    degree: dict[str, int] = {n: 0 for n in network.nodes}
    for link in network.links:
        degree[link.source] += 1
        degree[link.target] += 1
    return {
        n for n, node in network.nodes.items()
        if node.kind == "place" or (node.kind == "person" and degree[n] >= 3) or (node.kind == "group" and degree[n] >= 4)
    }


# The traces are plain dicts (common.trace): go.Figure validates them on its
# route (JupyterLab, the static view), and the live widget redraws from them
# without building a go.Figure (network_figure_spec).
def _edge_traces(network: Network, pos: Mapping[str, tuple[float, float]], links: list[Link], layer: str) -> tuple[dict, dict]:
    xs: list[float | None] = []
    ys: list[float | None] = []
    mx, my, hover = [], [], []
    relations = load_table("relation_types")
    for link in links:
        (x0, y0), (x1, y1) = pos[link.source], pos[link.target]
        xs += [x0, x1, None]
        ys += [y0, y1, None]
        mx.append((x0 + x1) / 2)
        my.append((y0 + y1) / 2)
        when = f"step {link.sequence}" if link.sequence is not None else "no step in time"
        if link.when:
            when += f" ({link.when})"
        text = f"<b>{escape(_describe(network, link))}</b><br>{escape(when)}"
        if link.note:
            text += f"<br>{wrap(link.note)}"
        text += f"<br>{LAYER_LABELS[layer]}: {wrap(relations.get(link.relation)['rationale'])}<br><i>Preface {escape(link.locator.replace('Preface ', ''))}</i>"
        hover.append(text)
    line = trace(
        "scatter", x=xs, y=ys, mode="lines", name=f"{LAYER_LABELS[layer]} links", legendgroup=layer,
        line={"color": LAYER_COLOURS[layer], "width": 1.6, "dash": LAYER_DASH[layer]}, hoverinfo="skip", opacity=0.8,
    )
    mids = trace(
        "scatter", x=mx, y=my, mode="markers", name=f"{LAYER_LABELS[layer]} links (hover)", legendgroup=layer, showlegend=False,
        marker={"size": 7, "color": LAYER_COLOURS[layer], "opacity": 0.35}, hovertext=hover, hoverinfo="text",
    )
    return line, mids


def label_positions(pos: Mapping[str, tuple[float, float]], labelled: Iterable[str] = (), neighbours: int = 4) -> dict[str, str]:
    """Put each label on the side away from its nearest neighbours (Plotly
    textposition); a label that would run into a labelled node beside it goes below."""
    out = {}
    for n, (x, y) in pos.items():
        near = sorted(((px - x) ** 2 + (py - y) ** 2, m) for m, (px, py) in pos.items() if m != n)[:neighbours]
        dx = sum(x - pos[m][0] for _d, m in near)
        dy = sum(y - pos[m][1] for _d, m in near)
        if abs(dx) > abs(dy):
            out[n] = "middle right" if dx > 0 else "middle left"
        else:
            out[n] = "top center" if dy >= 0 else "bottom center"
    labelled = sorted(labelled)
    for n in labelled:
        if out[n] not in ("middle right", "middle left"):
            continue
        sign = 1 if out[n] == "middle right" else -1
        for m in labelled:
            dx, dy = (pos[m][0] - pos[n][0]) * sign, pos[m][1] - pos[n][1]
            if m != n and 0 < dx < 1.3 and abs(dy) < 0.3:
                out[n] = "bottom center"
                break
    return out


def _node_traces(network: Network, pos: Mapping[str, tuple[float, float]]) -> list[dict]:
    show_label = _labelled_nodes(network)
    sides = label_positions(pos, show_label)
    traces = []
    for kind, (symbol, colour, legend) in KIND_STYLE.items():
        ids = [n for n, node in network.nodes.items() if node.kind == kind]
        if not ids:
            continue
        hover = []
        for n in ids:
            node = network.nodes[n]
            text = f"<b>{escape(node.label)}</b> ({kind})"
            if node.region:
                text += f"<br>Region: {escape(node.region)}, {escape(node.country)}"
            if node.note:
                text += f"<br>{wrap(node.note)}"
            text += f"<br><i>{escape(node.locator)}</i>"
            hover.append(text)
        traces.append(trace(
            "scatter", x=[pos[n][0] for n in ids], y=[pos[n][1] for n in ids], mode="markers+text", name=legend,
            text=[escape(_short(network.label(n))) if n in show_label else "" for n in ids],
            textposition=[sides[n] for n in ids], textfont={"size": 11},
            marker={"symbol": symbol, "size": 13 if kind == "place" else 11, "color": colour,
                    "line": {"width": 2 if kind == "place" else 1, "color": colour if kind == "place" else "#ffffff"}},
            hovertext=hover, hoverinfo="text",
        ))
    return traces


def _path_traces(network: Network, pos: Mapping[str, tuple[float, float]], person: str, visible: bool = True,
                 with_team: bool = True) -> list[dict]:
    """A person's own places joined in time order (solid), and the team's
    steps they shared (dotted, open markers). Markers carry the step numbers."""
    steps = person_path(network, person, with_team=with_team)
    traces = []
    for team_part in ((True, False) if with_team else (False,)):
        part = [s for s in steps if s.with_team == team_part and s.place]
        order = path_places(part, include_planned=True)
        numbers: dict[str, list[str]] = {}
        for step in part:
            numbers.setdefault(step.place, []).append(str(step.sequence))
        text, hover = [], []
        for place in order:
            text.append(escape(",".join(dict.fromkeys(numbers[place]))))
            lines = [f"Step {s.sequence}: {escape(s.description)}{' (planned)' if s.planned else ''}"
                     for s in part if s.place == place]
            hover.append(f"<b>{escape(network.label(place))}</b><br>" + "<br>".join(dict.fromkeys(lines)))
        name = escape(network.label(person)) + (": steps with the team" if team_part else ": own path")
        traces.append(trace(
            "scatter", x=[pos[p][0] for p in order], y=[pos[p][1] for p in order], mode="lines+markers+text", name=name,
            line={"color": PATH_COLOUR, "width": 2 if team_part else 4, "dash": "dot" if team_part else "solid"},
            marker={"size": 16 if team_part else 22, "color": PATH_COLOUR, "opacity": 0.55 if team_part else 0.95,
                    "line": {"width": 1, "color": "#ffffff"}},
            text=text, textposition="middle center", textfont={"size": 9 if team_part else 10, "color": "#ffffff"},
            hovertext=hover, hoverinfo="text", visible=visible,
        ))
    return traces


def _distance_rings(fig: go.Figure) -> None:
    for km in (100, 1000):
        r = screen_radius(km)
        fig.add_shape(type="circle", x0=-r, y0=-r, x1=r, y1=r, line={"color": NEUTRAL_LINE, "width": 1, "dash": "dot"},
                      layer="below")
        fig.add_annotation(x=r * math.sin(math.radians(215)), y=r * math.cos(math.radians(215)),
                           text=f"{km:,} km from Tilburg", showarrow=False, font={"size": 10, "color": NEUTRAL_LINE})


SOURCE_LINE = (
    f"Source: {SHORT_SOURCE['rutten2014']}, Preface ¶1-¶7 (pp. xxiii-xxv). Layers and the order in time: the companion's "
    "reading.<br>Directions from Tilburg are true; distance is on a log scale (Indonesia is drawn nearer than that)."
)


def _frame(fig: go.Figure, title: str, height: int, top: int, bottom: int, legend_gap: int = 46) -> go.Figure:
    frame(fig, title, SOURCE_LINE, height=height, top=top, bottom=bottom, left=80, right=10,
          legend_px=height - bottom + legend_gap)
    pos = layout_positions()
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    fig.update_xaxes(visible=False, range=[min(xs) - 0.5, max(xs) + 0.9])
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1, range=[min(ys) - 0.4, max(ys) + 0.5])
    fig.update_layout(hovermode="closest")
    return fig


def _network_parts(
    network: Network,
    layers: Iterable[str],
    person: str | None,
    up_to: int | None,
    span: RegionSpan | None,
    with_team: bool,
) -> tuple[list[dict], str]:
    """The explorer's traces (plain dicts) and title for one state of its controls."""
    pos = layout_positions()
    layers = [layer for layer in LAYERS if layer in set(layers)]
    traces: list[dict] = []
    for layer in layers:
        traces.extend(_edge_traces(network, pos, links_in_layers(network, [layer], up_to), layer))
    traces.extend(_node_traces(network, pos))
    if span is not None and span.places:
        traces.append(trace(
            "scatter", x=[pos[p][0] for p in span.places], y=[pos[p][1] for p in span.places], mode="markers",
            name="Places counted in the region check",
            marker={"symbol": "circle-open", "size": 30, "color": SPAN_COLOUR, "line": {"width": 3}}, hoverinfo="skip",
        ))
    if person:
        traces.extend(_path_traces(network, pos, person, with_team=with_team))
    shown = ", ".join(LAYER_LABELS[layer].lower() for layer in layers) or "no"
    when = f", up to step {up_to}" if up_to is not None else ""
    title = f"The Preface's multi-local network: {shown} links{when}"
    if person:
        title += f"; {escape(network.label(person))}'s path"
    return traces, title


#: Room for the legend's extra row when a person's path is drawn (px): without
#: it that row ran into the source line.
PATH_LEGEND_ROOM = 28


def _network_frame(fig: go.Figure, title: str, following: bool) -> go.Figure:
    """The explorer's layout: distance rings, then the page furniture."""
    _distance_rings(fig)
    room = PATH_LEGEND_ROOM if following else 0
    return _frame(fig, title, 800 + room, 50, 175 + room, legend_gap=12)


@cached_layout
def _network_layout(following: bool) -> str:
    """The explorer's layout: the same for every state of its controls but the
    title and whether a person's path is drawn."""
    return layout_json(_network_frame(go.Figure(), "title", following))


def network_figure(
    network: Network | None = None,
    layers: Iterable[str] = LAYERS,
    person: str | None = None,
    up_to: int | None = None,
    span: RegionSpan | None = None,
    with_team: bool = True,
) -> go.Figure:
    """The network with the chosen layers, optionally one person's path and
    the places of one collaboration ringed."""
    traces, title = _network_parts(network or load_network(), layers, person, up_to, span, with_team)
    fig = go.Figure()
    for one in traces:
        fig.add_trace(one)
    return _network_frame(fig, title, bool(person))


def network_figure_spec(
    network: Network | None = None,
    layers: Iterable[str] = LAYERS,
    person: str | None = None,
    up_to: int | None = None,
    span: RegionSpan | None = None,
    with_team: bool = True,
) -> dict[str, Any]:
    """``network_figure`` as the plain dict its ``to_plotly_json`` gives, made
    without a ``go.Figure`` and with the layout cached: what the widget redraws with."""
    traces, title = _network_parts(network or load_network(), layers, person, up_to, span, with_team)
    return figure_spec(_network_layout(bool(person)), [(one, {}) for one in traces], title=title)


def network_static_view() -> go.Figure:
    """Kernel-free view: buttons per layer and a dropdown per person's path
    (Plotly's own menus, which work on the static page)."""
    network = load_network()
    pos = layout_positions()
    fig = go.Figure()
    _distance_rings(fig)
    layer_indices = []
    for layer in LAYERS:
        line, mids = _edge_traces(network, pos, links_in_layers(network, [layer]), layer)
        fig.add_trace(line)
        fig.add_trace(mids)
        layer_indices += [len(fig.data) - 2, len(fig.data) - 1]
    for one in _node_traces(network, pos):
        fig.add_trace(one)
    people = path_people(network)
    path_indices = []
    for person in people:
        for one in _path_traces(network, pos, person, visible=False):
            fig.add_trace(one)
            path_indices.append(len(fig.data) - 1)
    height, top, bottom = 830, 130, 195
    _frame(fig, "The Preface's multi-local network", height, top, bottom)

    team = regions_spanned(network, TEAM)
    team_text = (f"The team's collaboration spans {team.count} regions in {len(team.countries)} countries "
                 "(not counting the planned workshop in Heerlen).")
    team_text = wrap(team_text, 95)
    notes = {person: wrap(path_sentence(network, person), 95) for person in people}
    fig.add_annotation(text=team_text, xref="paper", yref="paper", x=0, y=0, yshift=-6, xshift=-68, xanchor="left",
                       yanchor="top", showarrow=False, font={"size": 13}, align="left", name="path-note")
    note_index = len(fig.layout.annotations) - 1

    layer_buttons = []
    for label, chosen in [("All layers", LAYERS)] + [(LAYER_LABELS[layer], (layer,)) for layer in LAYERS]:
        visible = []
        for layer in LAYERS:
            visible += [layer in chosen, layer in chosen]
        layer_buttons.append({"label": label, "method": "restyle", "args": [{"visible": visible}, layer_indices]})
    path_buttons = [{
        "label": "No path", "method": "update",
        "args": [{"visible": [False] * len(path_indices)}, {f"annotations[{note_index}].text": team_text}, path_indices],
    }]
    for i, person in enumerate(people):
        path_buttons.append({
            "label": escape(network.label(person)), "method": "update",
            "args": [{"visible": [j // 2 == i for j in range(len(path_indices))]},
                     {f"annotations[{note_index}].text": notes[person]}, path_indices],
        })
    labelled_menu(fig, "Layer:", layer_buttons, paper_y(height, top, bottom, 44), kind="buttons")
    labelled_menu(fig, "Follow:", path_buttons, paper_y(height, top, bottom, 84))
    return fig


def paths_details(network: Network | None = None) -> StaticHTML:
    """Each person's path and the team's regions as plain HTML (<details>, no JavaScript)."""
    network = network or load_network()
    parts = ['<div class="lr-paths">']
    for person in path_people(network):
        steps = person_path(network, person)
        items = []
        for s in steps:
            where = escape(network.label(s.place)) if s.place else "no place stated"
            extra = " — with the team" if s.with_team else ""
            extra += " — planned" if s.planned else ""
            when = f", {escape(s.when)}" if s.when else ""
            items.append(f"<li>Step {s.sequence}{when}: {escape(s.description)} → <strong>{where}</strong>{extra}</li>")
        order = path_places(steps)
        summary = f"{network.label(person)}: {' → '.join(network.label(p) for p in order)}"
        parts.append(f"<details><summary>{escape(summary)}</summary><ol>{''.join(items)}</ol></details>")
    team = regions_spanned(network, TEAM)
    parts.append(f"<p><strong>Spatial envelope check.</strong> {escape(span_sentence(network, team))}</p>")
    parts.append("</div>")
    return StaticHTML("".join(parts), "Each person's path through places (HTML)")


# --- the widget --------------------------------------------------------------

class NetworkExplorer(LiveWidget):
    """Filter the Preface network by layer and time, follow one person through
    places, and count the regions a collaboration spans."""

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self.network = load_network()
        steps = sorted({link.sequence for link in self.network.links if link.sequence is not None})
        self.layer_boxes = {
            layer: labelled(widgets.Checkbox, f"{LAYER_LABELS[layer]} links", f"Show the {layer} layer", value=True, indent=False)
            for layer in LAYERS
        }
        self.up_to = labelled(
            widgets.IntSlider, "Up to step (time)", "Show links up to this step in the companion's time order",
            min=steps[0], max=steps[-1], value=steps[-1], continuous_update=False, layout={"width": "460px"},
        )
        self.person = labelled(
            widgets.Dropdown, "Follow a person", "Draw this person's path through places",
            options=[("Nobody", "")] + [(self.network.label(p), p) for p in path_people(self.network)], value="",
        )
        self.collaboration = labelled(
            widgets.Dropdown, "Count regions for", "Whose collaboration to check against the 'spatial envelope'",
            options=collaboration_choices(self.network), value=TEAM,
        )
        self.planned = labelled(
            widgets.Checkbox, "Count the planned workshop too", "Heerlen was only planned when the Preface was written",
            value=False, indent=False,
        )
        self.path_text = widgets.HTML()
        self.span_text = widgets.HTML()
        for control in list(self.layer_boxes.values()) + [self.up_to, self.person, self.collaboration, self.planned]:
            control.observe(self._on_change, names="value")
        self.children = [
            widgets.HBox(list(self.layer_boxes.values())),
            self.up_to,
            widgets.HBox([self.person, self.collaboration, self.planned]),
            self.status,
            self.output,
            self.span_text,
            self.path_text,
        ]
        self.refresh()

    def selected_layers(self) -> list[str]:
        return [layer for layer, box in self.layer_boxes.items() if box.value]

    @guarded
    def follow(self, person: str) -> None:
        """Follow a person by id; an unknown id gets a message."""
        valid = [v for _l, v in self.person.options]
        if person not in valid:
            self.say(f"No path for {str(person)[:40]!r}: choose one of {', '.join(v for v in valid if v)}.", "warning")
            return
        self.person.value = person

    @guarded
    def _on_change(self, change: Mapping[str, Any]) -> None:
        self.refresh()

    @guarded
    def refresh(self) -> None:
        layers = self.selected_layers()
        span = regions_spanned(self.network, self.collaboration.value, include_planned=self.planned.value)
        up_to = None if self.up_to.value >= self.up_to.max else self.up_to.value
        self.show(network_figure_spec(self.network, layers, self.person.value or None, up_to, span))
        self.span_text.value = (
            "<p><strong>Spatial envelope check.</strong> "
            f"{escape(span_sentence(self.network, span, self.planned.value))}</p>"
        )
        if self.person.value:
            steps = person_path(self.network, self.person.value)
            items = "".join(
                f"<li>Step {s.sequence}{', ' + escape(s.when) if s.when else ''}: {escape(s.description)} → "
                f"<strong>{escape(self.network.label(s.place)) if s.place else 'no place stated'}</strong>"
                f"{' (with the team)' if s.with_team else ''}{' (planned)' if s.planned else ''}</li>"
                for s in steps
            )
            self.path_text.value = f"<p>{escape(self.network.label(self.person.value))}'s path, in the companion's order:</p><ol>{items}</ol>"
        else:
            self.path_text.value = ""
        if not layers:
            self.say("No layer is ticked, so no link is drawn: tick place, network or community.", "warning")
        else:
            self.say(f"{len(links_in_layers(self.network, layers, up_to))} links shown.")


__all__ = [
    "Link", "Network", "NetworkExplorer", "Node", "PathStep", "RegionSpan", "collaboration_choices",
    "layout_positions", "links_in_layers", "load_network", "network_figure", "network_figure_spec", "network_static_view",
    "path_people", "path_places", "paths_details", "person_path", "place_positions", "regions_spanned",
    "path_sentence", "resolve_place", "span_sentence",
]
