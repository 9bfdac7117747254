"""Multi-local network explorer: the Preface's people, places, institutions
and events as one network.

Each link belongs to one of the Introduction's three categories (the companion's
reading, relation_types.csv ``layer``) and most carry a step in time
(preface_links.csv ``sequence``, also the companion's reading). The explorer
filters by layer, follows one person through places over time, and counts how
many regions (places.csv ``region``) a collaboration spans: the criticism of
the Learning Region's 'spatial envelope' (Preface ¶4) that the Preface's
story speaks to.

- ``model``: nodes and links as data;
- ``positions``: where each node is drawn (deterministic);
- ``paths``: a person's path through places, the regions a collaboration spans;
- ``figure``: the chart, as a ``go.Figure`` and as a plain dict;
- ``static``: the kernel-free views and the HTML the widget shares with them;
- ``widget``: :class:`NetworkExplorer`.
"""

from .figure import (
    NETWORK_LAYOUT,
    label_positions,
    network_figure,
    network_figure_spec,
    network_parts,
)
from .model import TEAM, Link, Network, Node, links_in_layers, load_network
from .paths import (
    PathStep,
    RegionSpan,
    collaboration_choices,
    path_people,
    path_places,
    path_sentence,
    person_path,
    regions_spanned,
    resolve_place,
    span_sentence,
)
from .positions import LAYOUT_SEED, node_positions, place_positions
from .static import network_static_view, path_list, paths_details, span_paragraph
from .widget import NetworkExplorer

__all__ = [
    "LAYOUT_SEED",
    "Link",
    "NETWORK_LAYOUT",
    "Network",
    "NetworkExplorer",
    "Node",
    "PathStep",
    "RegionSpan",
    "TEAM",
    "collaboration_choices",
    "label_positions",
    "links_in_layers",
    "load_network",
    "network_figure",
    "network_figure_spec",
    "network_parts",
    "network_static_view",
    "node_positions",
    "path_list",
    "path_people",
    "path_places",
    "path_sentence",
    "paths_details",
    "person_path",
    "place_positions",
    "regions_spanned",
    "resolve_place",
    "span_paragraph",
    "span_sentence",
]
