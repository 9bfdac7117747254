"""The network explorer (learning_regions.widgets.network): node positions,
paths and regions (pure logic, on the Preface's data and on a tiny network
built here), the chart on both routes, the kernel-free views and the widget."""

from __future__ import annotations

import math

import pytest
from widgetcheck import plain, shown_figure, trace, visible_after

from learning_regions.widgets import network
from learning_regions.widgets.network import (
    Link,
    Network,
    NetworkExplorer,
    Node,
    links_in_layers,
    load_network,
    network_static_view,
    node_positions,
    path_places,
    person_path,
    place_positions,
    positions,
    regions_spanned,
    resolve_place,
)

# --- positions, paths, regions (pure logic) -----------------------------------


def test_positions_are_deterministic_and_finite():
    first = node_positions()
    again = positions._force_layout.__wrapped__(positions.LAYOUT_SEED, 250)
    assert first == {n: (x, y) for n, x, y in again}
    assert set(first) == set(load_network().nodes)
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in first.values())


def test_seed_moves_only_the_free_nodes():
    one, other = node_positions(seed=1), node_positions(seed=2)
    places = [n for n, node in load_network().nodes.items() if node.kind == "place"]
    assert all(one[p] == other[p] for p in places)
    assert any(one[n] != other[n] for n in one if n not in places)


def test_places_keep_their_direction_from_tilburg_and_do_not_overlap():
    pos = place_positions(load_network())
    assert pos["tilburg"] == (0.0, 0.0)
    assert pos["london"][0] < 0 and pos["indonesia"][0] > 0  # west and east
    assert pos["tampere"][0] > 0 and pos["tampere"][1] > 0  # north-east
    assert pos["aachen"][1] < 0  # south
    ids = sorted(pos)
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            assert math.dist(pos[a], pos[b]) >= 0.45 - 1e-6, (a, b)


def test_nearer_places_are_drawn_nearer():
    pos = place_positions(load_network())
    r = {p: math.hypot(*pos[p]) for p in ("nijmegen", "newcastle", "tampere")}
    assert r["nijmegen"] < r["newcastle"] < r["tampere"]


def test_links_in_layers_and_up_to():
    net = load_network()
    place_links = links_in_layers(net, ["place"])
    assert place_links and all(link.layer == "place" for link in place_links)
    assert len(links_in_layers(net, ["place", "network", "community"])) == len(net.links)
    assert links_in_layers(net, []) == []
    early = links_in_layers(net, ["place", "network", "community"], up_to=3)
    assert all(link.sequence is None or link.sequence <= 3 for link in early)
    assert len(early) < len(net.links)


def test_resolve_place_follows_where_things_happened():
    net = load_network()
    assert resolve_place(net, "rsa-london-conference") == "london"
    assert resolve_place(net, "newcastle-university") == "newcastle"
    assert resolve_place(net, "final-words") == "culture-cafe-radboud"
    assert resolve_place(net, "tilburg") == "tilburg"
    assert resolve_place(net, "roel") is None  # people are not places


def test_person_path_is_in_time_order():
    net = load_network()
    for person in ("roel", "frans", "paul", "dessy"):
        steps = person_path(net, person)
        assert [s.sequence for s in steps] == sorted(s.sequence for s in steps)
    own = person_path(net, "dessy", with_team=False)
    assert path_places(own) == ["indonesia", "newcastle", "nijmegen", "newcastle"]
    assert not any(s.with_team for s in own)
    assert any(s.with_team for s in person_path(net, "dessy"))
    with pytest.raises(KeyError):
        person_path(net, "nobody")


def tiny_network() -> Network:
    """Two people, a group, an event and three places in two regions."""

    def place(node_id, region):
        return Node(node_id, node_id.title(), "place", node_id, region, "Utopia", 0.0, 0.0, "", "¶1")

    def thing(node_id, kind):
        return Node(node_id, node_id.title(), kind, None, None, None, None, None, "", "¶1")

    nodes = {
        n.node_id: n
        for n in [
            thing("ann", "person"),
            thing("bob", "person"),
            thing("team", "group"),
            thing("fair", "event"),
            place("north-town", "North"),
            place("north-village", "North"),
            place("south-town", "South"),
        ]
    }

    def link(i, s, t, rel, layer, seq):
        return Link(f"L{i}", s, t, rel, rel, layer, seq, "", "¶1", "")

    links = (
        link(1, "ann", "fair", "met_at", "network", 2),
        link(2, "fair", "north-village", "took_place_in", "place", None),
        link(3, "ann", "south-town", "came_from", "place", 1),
        link(4, "ann", "team", "member_of", "community", 3),
        link(5, "bob", "team", "member_of", "community", 3),
        link(6, "team", "north-town", "held_workshop_in", "network", 4),
        link(7, "team", "south-town", "plans_workshop_in", "network", 5),
        link(8, "bob", "north-town", "settled_in", "community", 1),
    )
    return Network(nodes, links)


def test_paths_and_regions_on_a_known_network():
    net = tiny_network()
    steps = person_path(net, "ann")
    assert [(s.sequence, s.place, s.with_team) for s in steps] == [
        (1, "south-town", False),
        (2, "north-village", False),
        (3, None, False),
        (4, "north-town", True),
        (5, "south-town", True),
    ]
    assert steps[-1].planned
    span = regions_spanned(net, "team")
    assert dict(span.regions) == {"North": ("North-Town", "North-Village"), "South": ("South-Town",)}
    assert span.count == 2 and span.countries == ("Utopia",)
    assert regions_spanned(net, "bob").count == 1
    # the planned workshop is the only tie of the team itself to the south
    assert "South-Town" in regions_spanned(net, "team", include_planned=True).regions["South"]


def test_the_editors_collaboration_spans_many_regions():
    net = load_network()
    span = regions_spanned(net, "editors")
    assert span.count == len(set(span.regions)) >= 5
    for region in ("North Brabant", "Indonesia", "Scotland", "Pirkanmaa"):
        assert region in span.regions
    assert "Limburg (Netherlands)" not in span.regions  # Heerlen was only planned
    planned = regions_spanned(net, "editors", include_planned=True)
    assert set(planned.regions) - set(span.regions) == {"Limburg (Netherlands)"}


# --- the chart ------------------------------------------------------------------


@pytest.mark.parametrize(
    "layers, person, up_to, with_span",
    [
        (("place", "network", "community"), None, None, True),
        (("network",), "boekema", 3, False),
        ((), None, 2, True),
        (("place", "community"), "irawati", None, True),
    ],
)
def test_the_network_explorers_figure_dict_is_its_go_figure(layers, person, up_to, with_span):
    net = load_network()
    people = network.path_people(net)
    person = person if person in people else (people[0] if person else None)
    span = regions_spanned(net, network.TEAM) if with_span else None
    assert plain(network.network_figure_spec(net, layers, person, up_to, span)) == plain(
        network.network_figure(net, layers, person, up_to, span)
    )


# --- the widget -------------------------------------------------------------------


def test_network_explorer_filters_follows_and_counts():
    n = NetworkExplorer()
    names = [t.name for t in n.figure.data]
    assert {"Place links", "Network links", "Community links"} <= set(names)
    n.layer_boxes["community"].value = False
    names = [t.name for t in n.figure.data]
    assert "Community links" not in names and "Place links" in names
    n.follow("paul")
    own = trace(n.figure, "Paul Benneworth: own path")
    assert len(own.x) == len(path_places(person_path(load_network(), "paul", with_team=False), include_planned=True))
    assert n.path_text.value.index("Step 3") < n.path_text.value.index("Step 10")
    n.follow("nobody")
    assert "No path for 'nobody'" in n.message
    before = n.span_text.value
    n.planned.value = True
    assert n.span_text.value != before and "hoped-for" in n.span_text.value
    for box in n.layer_boxes.values():
        box.value = False
    assert "No layer is ticked" in n.message
    shown_figure(n)


def test_network_time_slider_hides_later_links():
    n = NetworkExplorer()
    full = sum(1 for x in trace(n.figure, "Network links").x if x is None)
    n.up_to.value = 4
    early = sum(1 for x in trace(n.figure, "Network links").x if x is None)
    assert early < full
    assert "up to step 4" in n.figure.layout.title.text.replace("<br>", " ")


def test_a_persons_path_reads_the_same_in_the_widget_and_on_the_static_page():
    n = NetworkExplorer()
    n.follow("dessy")
    steps = network.path_list(n.network, person_path(n.network, "dessy"))
    assert steps in n.path_text.value and steps in network.paths_details()._repr_html_()
    assert n.span_text.value in network.paths_details()._repr_html_()


# --- the kernel-free views --------------------------------------------------------


def test_network_static_view_menus_point_at_the_right_traces():
    fig = network_static_view()
    layers, paths = fig.layout.updatemenus
    assert [b.label for b in layers.buttons] == ["All", "Place", "Network", "Community"]
    place = visible_after(fig, layers.buttons[1])
    shown = {t.name for t, v in zip(fig.data, place) if v and "links" in str(t.name)}
    assert shown == {"Place links", "Place links (hover)"}
    assert len(paths.buttons) == 1 + 4
    dessy = next(b for b in paths.buttons if b.label == "Dessy Irawati")
    shown = [t.name for t, v in zip(fig.data, visible_after(fig, dessy)) if v and ": " in str(t.name)]
    assert shown == ["Dessy Irawati: steps with the team", "Dessy Irawati: own path"]
    key = next(iter(dessy.args[1]))
    index = int(key.split("[")[1].split("]")[0])
    assert fig.layout.annotations[index].name == "path-note"
    assert "Indonesia" in dessy.args[1][key]


def test_paths_details_has_one_details_per_person_and_no_script():
    markup = network.paths_details()._repr_html_()
    assert markup.count("<details>") == len(network.path_people(load_network())) == 4
    assert "<script" not in markup.lower() and "onclick" not in markup.lower()
