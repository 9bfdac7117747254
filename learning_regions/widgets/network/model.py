"""The network explorer's model: the Preface's nodes and links as data, each
link with its layer (relation_types.csv ``layer``, the companion's reading)
and most with a step in time (preface_links.csv ``sequence``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ...loader import load_table

#: Where the team held its first planning meeting: the centre of the layout.
ANCHOR_PLACE = "tilburg"
#: The group whose collaboration the Preface describes.
TEAM = "editors"
#: Relations that say where a thing is or happened (followed to find a place).
LOCATING = ("took_place_in", "located_in")
#: A link of this relation is a plan, not something that happened.
PLANNED = ("plans_workshop_in",)
#: Kinds of node through which a person's link is resolved to a place.
PLACE_CARRIERS = ("place", "event", "institution")


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
            row["node_id"],
            row["label"],
            row["kind"],
            row["place_id"],
            place["region"] if place else None,
            place["country"] if place else None,
            place["latitude"] if place else None,
            place["longitude"] if place else None,
            row["note"] or "",
            row["locator"],
        )
    relations = load_table("relation_types")
    links = tuple(
        Link(
            row["link_id"],
            row["source_node"],
            row["target_node"],
            row["relation"],
            relations.get(row["relation"])["label"],
            relations.get(row["relation"])["layer"],
            row["sequence"],
            row["when"] or "",
            row["locator"],
            row["note"] or "",
        )
        for row in load_table("preface_links").require_rows("the network explorer")
    )
    return Network(nodes, links)


def links_in_layers(network: Network, layers: Iterable[str], up_to: int | None = None) -> list[Link]:
    """The links of the chosen layers; with ``up_to``, only those whose step is
    at most ``up_to`` (links without a step are always kept)."""
    chosen = set(layers)
    return [
        link
        for link in network.links
        if link.layer in chosen and (up_to is None or link.sequence is None or link.sequence <= up_to)
    ]


__all__ = [
    "ANCHOR_PLACE",
    "LOCATING",
    "Link",
    "Network",
    "Node",
    "PLACE_CARRIERS",
    "PLANNED",
    "TEAM",
    "links_in_layers",
    "load_network",
]
