"""A person's path through places and the regions a collaboration spans (the
criticism of the Learning Region's 'spatial envelope' that the Preface's story
speaks to), counted from places.csv ``region``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .model import LOCATING, PLACE_CARRIERS, TEAM, Link, Network


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


def describe_link(network: Network, link: Link) -> str:
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
        steps.append(
            PathStep(
                link.sequence,
                link.when,
                link.link_id,
                describe_link(network, link),
                place,
                with_group,
                link.planned,
                link.locator,
            )
        )
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
    return [n for n, node in network.nodes.items() if node.kind == "person" and path_places(person_path(network, n))]


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
    planned = " (counting the hoped-for workshop)" if planned_included else ""
    return f"{who}: {span.count} {plural} in {len(span.countries)} {countries}{planned}. {listing}."


def path_sentence(network: Network, person: str) -> str:
    """One line: the person's own places in order, and the regions counted with and without the team."""
    own = path_places(person_path(network, person, with_team=False))
    every = path_places(person_path(network, person, with_team=True))
    own_regions = len(dict.fromkeys(network.nodes[p].region for p in own))
    all_regions = len(dict.fromkeys(network.nodes[p].region for p in every))
    route = " → ".join(network.label(p) for p in own) or "no place of their own"
    return (
        f"{network.label(person)}'s own path: {route} ({own_regions} "
        f"{'region' if own_regions == 1 else 'regions'}); with the team's steps: {all_regions} regions."
    )


def collaboration_choices(network: Network) -> list[tuple[str, str]]:
    """The team first, then each person whose links reach a place."""
    choices = [(network.label(TEAM), TEAM)]
    choices += [(network.label(p), p) for p in path_people(network)]
    return choices


__all__ = [
    "PathStep",
    "RegionSpan",
    "collaboration_choices",
    "describe_link",
    "groups_of",
    "path_people",
    "path_places",
    "path_sentence",
    "person_path",
    "regions_spanned",
    "resolve_place",
    "span_sentence",
]
