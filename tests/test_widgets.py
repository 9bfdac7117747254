"""The widgets (learning_regions.widgets): pure logic, callbacks, static twins,
and the widgets driven inside a real kernel."""

from __future__ import annotations

import datetime
import json
import math
import textwrap

import ipywidgets as widgets
import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT
from learning_regions.widgets import classify, common, network, profiler, recipe
from learning_regions.widgets.classify import ClassifyIt, Quiz, check_answer, classify_static_view, examples
from learning_regions.widgets.network import (
    Link,
    Network,
    NetworkExplorer,
    Node,
    layout_positions,
    links_in_layers,
    load_network,
    network_static_view,
    path_places,
    person_path,
    place_positions,
    regions_spanned,
    resolve_place,
)
from learning_regions.widgets.profiler import (
    ALL_DIMENSIONS,
    MY_REGION,
    CaseProfiler,
    Profile,
    case_ids,
    companion_profile,
    parse_profile,
    profile_to_csv,
    profile_to_json,
    profiler_static_view,
)
from learning_regions.widgets.recipe import (
    RecipeMixer,
    case_recipe,
    clamp_weight,
    closeness,
    ingredients,
    rank_cases,
    recipe_case_ids,
    recipe_static_view,
)

PLOTLY = common.PLOTLY_MIME


# --- helpers -----------------------------------------------------------------

def shown_figure(widget) -> dict:
    """The figure the widget's Output holds, as the front end receives it."""
    [output] = widget.output.outputs
    assert output["output_type"] == "display_data"
    json.dumps(output)  # what a kernel sends must be JSON
    return output["data"][PLOTLY]


def trace(fig, name_start: str):
    found = [t for t in fig.data if str(t.name).startswith(name_start)]
    assert found, f"no trace named {name_start!r} in {[t.name for t in fig.data]}"
    return found[0]


def all_controls(widget):
    """Every widget inside a box, depth first."""
    stack, seen = [widget], []
    while stack:
        w = stack.pop()
        seen.append(w)
        stack.extend(getattr(w, "children", ()))
    return seen


CONTROL_TYPES = (
    widgets.IntSlider, widgets.Dropdown, widgets.Text, widgets.Textarea, widgets.Checkbox, widgets.Button,
    widgets.ToggleButtons, widgets.RadioButtons, widgets.FileUpload,
)


# --- layout, paths, regions (pure logic) -------------------------------------

def test_layout_is_deterministic_and_finite():
    first = layout_positions()
    again = network._cached_layout.__wrapped__(network.LAYOUT_SEED, 250)
    assert first == {n: (x, y) for n, x, y in again}
    assert set(first) == set(load_network().nodes)
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in first.values())


def test_seed_moves_only_the_free_nodes():
    one, other = layout_positions(seed=1), layout_positions(seed=2)
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
        for b in ids[i + 1:]:
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

    nodes = {n.node_id: n for n in [
        thing("ann", "person"), thing("bob", "person"), thing("team", "group"), thing("fair", "event"),
        place("north-town", "North"), place("north-village", "North"), place("south-town", "South"),
    ]}

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
        (1, "south-town", False), (2, "north-village", False), (3, None, False),
        (4, "north-town", True), (5, "south-town", True),
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


# --- recipe similarity -------------------------------------------------------

def test_closeness_bounds_and_symmetry():
    ids = [i.ingredient_id for i in ingredients()]
    low, high = dict.fromkeys(ids, 0), dict.fromkeys(ids, 4)
    assert closeness(low, low) == 100
    assert closeness(low, high) == 0
    a, b = case_recipe("jena"), case_recipe("kent")
    assert closeness(a, b) == closeness(b, a)
    assert 0 < closeness(a, b) < 100


def test_rank_cases_is_sorted_and_a_case_is_closest_to_itself():
    for case_id in recipe_case_ids():
        ranked = rank_cases(case_recipe(case_id))
        assert ranked[0] == (case_id, 100)
        assert [s for _c, s in ranked] == sorted((s for _c, s in ranked), reverse=True)


@pytest.mark.parametrize("raw, expected", [(9, 4), (-3, 0), (2.6, 3), ("3", 3), ("x", 2), (None, 2), (float("nan"), 2)])
def test_clamp_weight(raw, expected):
    assert clamp_weight(raw) == expected


# --- classification scoring --------------------------------------------------

def test_quiz_scores_each_statement_once():
    quiz = Quiz.new()
    first = quiz.current
    wrong = next(layer for layer in common.LAYERS if layer != first.answer)
    feedback = quiz.answer(wrong)
    assert feedback.counted and not feedback.correct and first.explanation in feedback.message
    again = quiz.answer(first.answer)
    assert not again.counted and "Already answered" in again.message
    assert (quiz.right, quiz.answered) == (0, 1)
    quiz.next()
    assert quiz.answer(quiz.current.answer.upper()).correct  # 'PLACE' is read as 'place'
    assert (quiz.right, quiz.answered) == (1, 2)
    assert sum(r + w for r, w in quiz.tally().values()) == 2


@pytest.mark.parametrize("choice", [None, "", "economy", 3, ["place"]])
def test_an_invalid_choice_is_explained_not_scored(choice):
    feedback = check_answer(examples()[0], choice)
    assert not feedback.counted and "Choose" in feedback.message


def test_quiz_wraps_round_and_can_be_shuffled_reproducibly():
    quiz = Quiz.new()
    for _ in range(len(quiz.items)):
        quiz.next()
    assert quiz.position == 0
    assert [e.example_id for e in Quiz.new(7).items] == [e.example_id for e in Quiz.new(7).items]


# --- export and import -------------------------------------------------------

@pytest.mark.parametrize("case_id", case_ids())
def test_export_import_round_trip_for_every_case(case_id):
    profile = Profile(case_id, companion_profile(case_id).name,
                      {"place": 0, "network": 4, "community": 1, "learning_region": 3}, 'I read ¶9 "otherwise", see:\nline 2')
    for text in (profile_to_json(profile), profile_to_csv(profile)):
        result = parse_profile(text)
        assert result.accepted and result.messages == ()
        assert result.profile == profile


def test_round_trip_of_my_region_keeps_its_name():
    profile = Profile(MY_REGION, "Twente, <the> region", {d: 1 for d in ALL_DIMENSIONS}, "")
    for text in (profile_to_json(profile), profile_to_csv(profile)):
        assert parse_profile(text).profile == profile


@pytest.mark.parametrize("scores, dimension, value, words", [
    ({"place": -2}, "place", 0, "below"),
    ({"place": 9}, "place", 4, "above"),
    ({"place": 2.6}, "place", 3, "rounded"),
    ({"place": "3"}, "place", 3, None),
    ({"place": "high"}, "place", 4, "not a number"),  # Jena's companion score is kept
    ({"place": True}, "place", 4, "not a score"),
    ({"place": [1]}, "place", 4, "not a score"),
    ({"place": None}, "place", 4, "no score"),
    ({}, "community", 3, "no score"),
])
def test_imported_scores_are_clamped_or_replaced_with_a_message(scores, dimension, value, words):
    result = parse_profile(json.dumps({"case_id": "jena", "scores": scores}))
    assert result.accepted
    assert result.profile.scores[dimension] == value
    if words:
        assert any(words in m for m in result.messages), result.messages


def test_nan_and_infinity_are_refused_per_score():
    result = parse_profile('{"case_id": "jena", "scores": {"place": NaN, "network": Infinity}}')
    assert result.profile.scores["place"] == 4 and result.profile.scores["network"] == 2
    assert sum("usable" in m for m in result.messages) == 2


@pytest.mark.parametrize("text, words", [
    ("", "Nothing to load"),
    ("   \n", "Nothing to load"),
    ("garbage text", "neither JSON"),
    ("{not json", "not valid JSON"),
    ("[1, 2]", "not a profile object"),
    ('{"case_id": "jena"}', "no 'scores'"),
    ('{"case_id": "jena", "scores": [1, 2]}', "should map"),
    ("x" * 200_000, "too long"),
    (b"\xff\xfe{", "not UTF-8"),
    (None, "Nothing to load"),
])
def test_unreadable_text_is_refused_with_a_reason(text, words):
    result = parse_profile(text)
    assert not result.accepted
    assert words in " ".join(result.messages)


def test_unknown_case_is_loaded_as_my_region():
    result = parse_profile('{"case_id": "atlantis", "scores": {"place": 1}}')
    assert result.profile.case_id == MY_REGION
    assert any("Unknown case" in m for m in result.messages)


def test_a_missing_score_names_the_score_kept_once():
    mine = parse_profile('{"case_id": "my-region", "scores": {"place": 1}}')
    assert "Network: no score given; kept 2." in mine.messages, mine.messages
    jena = parse_profile('{"case_id": "jena", "scores": {"place": 1}}')
    assert "Network: no score given; kept the companion's score (2)." in jena.messages, jena.messages


@pytest.mark.parametrize("text, shown", [("42", "42"), ('"jena"', "'jena'"), ("true", "true"), ("null", "null")])
def test_json_that_is_not_a_profile_is_called_json(text, shown):
    result = parse_profile(text)
    assert not result.accepted
    message = " ".join(result.messages)
    assert "neither JSON" not in message and "is JSON" in message and shown in message, message


def test_an_uploaded_file_is_not_told_to_paste():
    for content in (b"just some notes", b"", b'{"case_id": "jena"}', b"42"):
        result = parse_profile(content, from_file=True)
        message = " ".join(result.messages)
        assert not result.accepted and "paste" not in message.lower(), message
        assert "file" in message.lower(), message


# --- the widgets' callbacks (no kernel needed) -------------------------------

def test_every_control_is_labelled_and_readable():
    for widget in (CaseProfiler(), NetworkExplorer(), RecipeMixer(), ClassifyIt()):
        controls = [w for w in all_controls(widget) if isinstance(w, CONTROL_TYPES)]
        assert controls
        for control in controls:
            assert control.description.strip(), f"{type(control).__name__} has no description"
            if "description_width" in control.style.trait_names():
                assert control.style.description_width == "initial"
            else:  # a button's description is its visible face
                assert isinstance(control, (widgets.Button, widgets.FileUpload)) and control.tooltip


def test_profiler_slider_changes_the_chart_and_the_evidence():
    p = CaseProfiler("jena")
    assert shown_figure(p)["data"][1]["r"][:3] == [4, 2, 3]  # Jena: place 4, network 2, community 3
    p.sliders["network"].value = 9  # beyond the scale: the slider holds 4
    assert p.sliders["network"].value == 4
    assert list(trace(p.figure, "Your reading").r[:3]) == [4, 4, 3]
    assert list(trace(p.figure, "Companion's reading").r[:3]) == [4, 2, 3]  # the reference stays
    assert "(+2 against the companion)" in p.evidence.value
    assert '"network": 4' in p.export_text.value


def test_profiler_case_compare_and_learning_region():
    p = CaseProfiler()
    p.case.value = "editors-team"
    assert "The editors' team" in p.figure.layout.title.text
    assert list(trace(p.figure, "Companion's reading").r[:3]) == [3, 4, 4]
    p.compare.value = "oresund"
    assert list(trace(p.figure, "Compare: Oresund").r[:3]) == [3, 4, 1]
    bar = trace(p.figure, "Learning Region fit")
    assert list(bar.x) == [1, 1, 2]  # yours, the companion's (editors' team), Oresund
    p.sliders["learning_region"].value = 3
    assert list(trace(p.figure, "Learning Region fit").x)[0] == 3
    assert "spatial envelope" in p.evidence.value  # the evidence for the LR reading


def test_profiler_unknown_case_and_bad_imports_answer_with_a_message():
    p = CaseProfiler("atlantis")
    assert "no case 'atlantis'" in p.message and p.figure is not None
    before = p.figure.to_dict()
    for text in ("garbage", "", '{"scores": "x"}'):
        p.load_text(text)
        assert "Nothing" in p.message or "neither" in p.message or "nothing" in p.message
        assert p.figure.to_dict() == before
    p.import_text.value = '{"case_id": "kent", "scores": {"place": -2, "community": 12}}'
    p.import_button.click()
    assert p.case.value == "kent"
    assert (p.sliders["place"].value, p.sliders["community"].value) == (0, 4)
    assert "below" in p.message and "above" in p.message


def test_profiler_export_then_import_restores_the_sliders():
    p = CaseProfiler("oresund")
    p.sliders["community"].value = 3
    p.argument.value = "The bridge built a shared identity (¶11)."
    exported = p.export_text.value
    p.export_format.value = "csv"
    exported_csv = p.export_text.value
    assert exported_csv.startswith("case_id,case_name,dimension")
    assert 'download="pnc-profile-oresund-region.csv"' in p.export_link.value
    for text in (exported, exported_csv):
        p.select_case("jena")
        p.argument.value = ""
        p.load_text(text)
        assert p.case.value == "oresund" and p.sliders["community"].value == 3
        assert p.argument.value.startswith("The bridge")
        assert "Loaded a profile of Oresund" in p.message


def test_profiler_file_upload():
    p = CaseProfiler()
    text = profile_to_json(Profile("andalusia", "Andalusia", {"place": 1, "network": 1, "community": 1, "learning_region": 1}))
    p.upload.value = ({"name": "p.json", "type": "application/json", "size": len(text), "content": memoryview(text.encode()),
                       "last_modified": datetime.datetime.now(datetime.timezone.utc)},)
    assert p.case.value == "andalusia" and p.sliders["place"].value == 1
    p.upload.value = ({"name": "p.bin", "type": "", "size": 2, "content": memoryview(b"\xff\xfe"),
                       "last_modified": datetime.datetime.now(datetime.timezone.utc)},)
    assert "not UTF-8" in p.message


def test_my_region_name_is_escaped_in_chart_and_table():
    p = CaseProfiler(MY_REGION)
    p.region_name.value = "<script>alert(1)</script>"
    assert "<script>" not in p.figure.layout.title.text
    assert "&lt;script&gt;" in p.figure.layout.title.text
    assert "<script>" not in p.evidence.value
    assert not [t for t in p.figure.data if str(t.name).startswith("Companion's")]


def test_profiler_message_describes_only_the_last_action():
    p = CaseProfiler("jena")
    p.set_scores({"place": 9})
    assert "above the 0-4 scale" in p.message
    p.sliders["network"].value = 1
    assert "above the 0-4 scale" not in p.message
    p.select_case("atlantis")
    assert "no case 'atlantis'" in p.message
    p.compare.value = "kent"
    assert "atlantis" not in p.message
    p.set_scores({"place": 9})
    p.argument.value = "Place matters less than the text says (¶9)."
    assert "above the 0-4 scale" not in p.message


def test_profiler_upload_of_a_non_profile_speaks_of_the_file():
    p = CaseProfiler()
    p.upload.value = ({"name": "notes.txt", "type": "text/plain", "size": 5, "content": memoryview(b"notes"),
                       "last_modified": datetime.datetime.now(datetime.timezone.utc)},)
    assert "paste" not in p.message.lower() and "file" in p.message.lower(), p.message


def test_an_unexpected_error_becomes_a_message(monkeypatch):
    p = CaseProfiler()

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(profiler, "profile_figure_spec", broken)
    p.sliders["place"].value = 1  # must not raise
    assert "Something went wrong" in p.message and "boom" in p.message


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
    assert n.span_text.value != before and "planned" in n.span_text.value
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
    assert "up to step 4" in n.figure.layout.title.text


def test_recipe_mixer_sliders_chart_and_explanation():
    m = RecipeMixer()
    before = m.explanation.value
    m.sliders["ict"].value = 9
    assert m.sliders["ict"].value == 4
    yours = trace(m.figure, "My city (yours)")
    ids = [i.ingredient_id for i in ingredients()]
    assert yours.r[ids.index("ict")] == 4
    assert m.explanation.value != before
    m.name.value = "Tampere <b>"
    assert "Tampere &lt;b&gt;" in m.figure.layout.title.text
    m.compare.value = "kent"
    assert trace(m.figure, "Kent Thames-side").r[ids.index("ict")] == 0
    assert "Kent Thames-side" in m.explanation.value
    m.copy_case("kent")
    assert m.mix() == case_recipe("kent")
    bar = trace(m.figure, "closeness")
    assert bar.y[0] == "Kent Thames-side" and bar.x[0] == 100
    m.copy_case("atlantis")
    assert "no case 'atlantis'" in m.message
    m.set_mix({"ict": -5, "charm": 3})
    assert m.sliders["ict"].value == 0 and "charm" in m.message


def test_classify_it_checks_scores_and_moves_on():
    c = ClassifyIt()
    first = c.quiz.current
    c.check_button.click()  # nothing chosen
    assert "pick one" in c.message and c.quiz.answered == 0
    c.choice.value = first.answer
    c.check_button.click()
    assert "Yes" in c.feedback.value and "1 of 1" in c.score.value
    bars = shown_figure(c)["data"][0]["y"]
    assert sum(bars) == 1
    c.next_button.click()
    assert c.quiz.current != first and c.choice.value is None and c.feedback.value == ""
    assert "Statement 2 of" in c.statement.value
    c.restart_button.click()
    assert c.quiz.answered == 0 and "nothing answered" in c.score.value


def test_classify_it_restart_keeps_the_shuffle():
    c = ClassifyIt(shuffle_seed=3)
    order = [e.example_id for e in c.quiz.items]
    assert order != [e.example_id for e in examples()]  # seed 3 does reorder the statements
    c.next_button.click()
    c.restart()
    assert [e.example_id for e in c.quiz.items] == order and c.quiz.position == 0


@pytest.mark.parametrize("table, make", [
    ("pnc_readings", lambda: CaseProfiler()),
    ("classify_examples", lambda: ClassifyIt()),
    ("recipe_weights", lambda: RecipeMixer()),
    ("preface_links", lambda: NetworkExplorer()),
])
def test_a_widget_given_a_header_only_table_says_the_table_is_empty(tmp_path, monkeypatch, table, make):
    import shutil

    from learning_regions import DataError

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / f"{table}.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    monkeypatch.setenv("LEARNING_REGIONS_DATA", str(data))
    with pytest.raises(DataError) as caught:
        make()
    message = str(caught.value)
    assert f"{table}.csv" in message and "no rows" in message, message


# --- the static twins --------------------------------------------------------

def visible_after(fig, button):
    """Trace visibility after a Plotly menu button (restyle/update with optional indices)."""
    visible = [t.visible is not False for t in fig.data]
    data = button["args"][0]
    indices = list(button["args"][-1]) if isinstance(button["args"][-1], (list, tuple)) else list(range(len(fig.data)))
    for i, value in zip(indices, data["visible"]):
        visible[i] = value
    return visible


def test_profiler_static_view_has_one_view_per_case():
    fig = profiler_static_view()
    [menu] = fig.layout.updatemenus
    assert len(menu.buttons) == len(case_ids()) + 1
    for button, case_id in zip(menu.buttons, case_ids()):
        shown = [t.name for t, v in zip(fig.data, visible_after(fig, button)) if v and t.type == "scatterpolar"]
        assert shown == [companion_profile(case_id).name]
    json.dumps(fig.to_plotly_json(), default=str)


def test_network_static_view_menus_point_at_the_right_traces():
    fig = network_static_view()
    layers, paths = fig.layout.updatemenus
    assert [b.label for b in layers.buttons] == ["All layers", "Place", "Network", "Community"]
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


def test_recipe_static_view_has_one_view_per_case():
    fig = recipe_static_view()
    [menu] = fig.layout.updatemenus
    assert len(menu.buttons) == len(recipe_case_ids())
    for button, case_id in zip(menu.buttons, recipe_case_ids()):
        visible = visible_after(fig, button)
        bars = [t for t, v in zip(fig.data, visible) if v and t.type == "bar"]
        assert len(bars) == 1 and recipe.case_name(case_id) not in bars[0].y


def test_static_html_twins_escape_and_need_no_javascript():
    pages = {
        "classify": classify_static_view()._repr_html_(),
        "readings": profiler.readings_details()._repr_html_(),
        "paths": network.paths_details()._repr_html_(),
        "recipe": recipe.recipe_details()._repr_html_(),
    }
    assert pages["classify"].count("<details>") == len(examples())
    assert pages["readings"].count("<details>") == len(case_ids())
    assert pages["paths"].count("<details>") == 4
    assert pages["recipe"].count("<details>") == len(recipe_case_ids())
    for markup in pages.values():
        assert "<script" not in markup.lower() and "onclick" not in markup.lower()


def test_data_text_is_escaped_in_static_html(monkeypatch):
    hostile = classify.Example("x", "<img src=x onerror=alert(1)>", "place", "a & b", "oecd1999", "¶1")
    monkeypatch.setattr(classify, "examples", lambda: [hostile])
    markup = classify_static_view()._repr_html_()
    assert "<img" not in markup and "&lt;img" in markup and "a &amp; b" in markup


# --- in a real kernel --------------------------------------------------------

KERNEL_CHECKS = {
    "pnc-readings.ipynb": """
        profiler.sliders["place"].value = 1
        profiler.load_text('{"case_id": "kent", "scores": {"place": 99}}')
        fig = profiler.output.outputs[0]["data"]["application/vnd.plotly.v1+json"]
        print(json.dumps({"place": fig["data"][1]["r"][0], "message": profiler.message}))
    """,
    "preface-network.ipynb": """
        explorer.follow("dessy")
        explorer.layer_boxes["place"].value = False
        fig = explorer.output.outputs[0]["data"]["application/vnd.plotly.v1+json"]
        print(json.dumps({"names": [t.get("name") for t in fig["data"]], "message": explorer.message}))
    """,
    "recipe-mixer.ipynb": """
        mixer.sliders["ict"].value = 4
        fig = mixer.output.outputs[0]["data"]["application/vnd.plotly.v1+json"]
        print(json.dumps({"names": [t.get("name") for t in fig["data"]], "text": mixer.explanation.value[:80]}))
    """,
    "classify-it.ipynb": """
        quiz.choice.value = quiz.quiz.current.answer
        quiz.check_button.click()
        fig = quiz.output.outputs[0]["data"]["application/vnd.plotly.v1+json"]
        print(json.dumps({"score": quiz.quiz.right, "bars": fig["data"][0]["y"]}))
    """,
}


@pytest.mark.notebooks
@pytest.mark.parametrize("name", sorted(KERNEL_CHECKS))
def test_widget_works_in_a_running_kernel(name):
    """Run the notebook in a fresh kernel, then drive its widget there."""
    path = ROOT / "notebooks" / name
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell("import json\n" + textwrap.dedent(KERNEL_CHECKS[name])))
    client = NotebookClient(notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    widget_views = [
        o for cell in notebook.cells for o in cell.get("outputs", [])
        if "application/vnd.jupyter.widget-view+json" in o.get("data", {})
    ]
    assert widget_views, f"{name} displays no widget"
    static = [
        o for cell in notebook.cells for o in cell.get("outputs", [])
        if PLOTLY in o.get("data", {}) or "text/html" in o.get("data", {})
    ]
    assert static, f"{name} has no kernel-free view"
    [stream] = [o for o in notebook.cells[-1].outputs if o.output_type == "stream"]
    result = json.loads(stream.text)
    if name == "pnc-readings.ipynb":
        assert result["place"] == 4 and "above" in result["message"]
    elif name == "preface-network.ipynb":
        assert "Place links" not in result["names"] and "Dessy Irawati: own path" in result["names"]
    elif name == "recipe-mixer.ipynb":
        assert "My city (yours)" in result["names"] and result["text"]
    else:
        assert result["score"] == 1 and sum(result["bars"]) == 1


# The live widgets redraw from a plain figure dict (no go.Figure validation per
# change); it must be the same figure JupyterLab and the static views draw.
def _plain(figure_json):
    import json as _json

    from plotly.utils import PlotlyJSONEncoder

    return _json.loads(_json.dumps(figure_json, cls=PlotlyJSONEncoder))


@pytest.mark.parametrize("reference, compare", [("jena", None), (None, None), ("jena", "kent"), (None, "oresund")])
def test_the_profilers_figure_dict_is_its_go_figure(reference, compare):
    from learning_regions.widgets import profiler as P

    yours = P.Profile("jena", "Jena", {"place": 1, "network": 3, "community": 0, "learning_region": 4})
    ref = P.companion_profile(reference) if reference else None
    other = P.companion_profile(compare) if compare else None
    assert _plain(P.profile_figure_spec(yours, ref, other)) == _plain(P.profile_figure(yours, ref, other).to_plotly_json())


@pytest.mark.parametrize("compare", [None, "kent", "jena"])
def test_the_recipe_mixers_figure_dict_is_its_go_figure(compare):
    from learning_regions.widgets import recipe as R

    mix = {i.ingredient_id: n % 5 for n, i in enumerate(R.ingredients())}
    assert (_plain(R.recipe_figure_spec(mix, "Tampere <b>", compare))
            == _plain(R.recipe_figure(mix, "Tampere <b>", compare).to_plotly_json()))


@pytest.mark.parametrize("layers, person, up_to, with_span", [
    (("place", "network", "community"), None, None, True),
    (("network",), "boekema", 3, False),
    ((), None, 2, True),
    (("place", "community"), "irawati", None, True),
])
def test_the_network_explorers_figure_dict_is_its_go_figure(layers, person, up_to, with_span):
    from learning_regions.widgets import network as N

    network = N.load_network()
    people = N.path_people(network)
    person = person if person in people else (people[0] if person else None)
    span = N.regions_spanned(network, N.TEAM) if with_span else None
    assert (_plain(N.network_figure_spec(network, layers, person, up_to, span))
            == _plain(N.network_figure(network, layers, person, up_to, span).to_plotly_json()))
