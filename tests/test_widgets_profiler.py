"""The case profiler (learning_regions.widgets.profiler): its chart on both
routes, its kernel-free views, and the widget's callbacks (no kernel needed).
Expected scores are read from the companion's reading in the data."""

from __future__ import annotations

import datetime
import json

import pytest
from widgetcheck import plain, shown_figure, trace, visible_after

from learning_regions.markup import escape
from learning_regions.widgets import profiler
from learning_regions.widgets.profiler import (
    ALL_DIMENSIONS,
    DIMENSIONS,
    MY_REGION,
    CaseProfiler,
    Profile,
    case_ids,
    case_name,
    companion_profile,
    profile_to_json,
    profiler_static_view,
    readings_details,
)

FIRST, SECOND, LAST = case_ids()[0], case_ids()[1], case_ids()[-1]


def scores(case_id: str, dimensions=DIMENSIONS) -> list[int]:
    return [companion_profile(case_id).scores[d] for d in dimensions]


def another(score: int) -> int:
    """A score on the 0-4 scale other than ``score``: setting it is a change, whatever the data hold."""
    return (score + 1) % 5


def upload(content: bytes, name: str = "p.json") -> tuple[dict, ...]:
    return (
        {
            "name": name,
            "type": "",
            "size": len(content),
            "content": memoryview(content),
            "last_modified": datetime.datetime.now(datetime.timezone.utc),
        },
    )


# --- the chart ----------------------------------------------------------------


@pytest.mark.parametrize("reference, compare", [(FIRST, None), (None, None), (FIRST, LAST), (None, SECOND)])
def test_the_profilers_figure_dict_is_its_go_figure(reference, compare):
    """The widget redraws from a plain dict; it must be the figure JupyterLab draws."""
    yours = Profile(FIRST, case_name(FIRST), {"place": 1, "network": 3, "community": 0, "learning_region": 4})
    ref = companion_profile(reference) if reference else None
    other = companion_profile(compare) if compare else None
    assert plain(profiler.profile_figure_spec(yours, ref, other)) == plain(profiler.profile_figure(yours, ref, other))


# --- the widget -----------------------------------------------------------------


def test_profiler_slider_changes_the_chart_and_the_evidence():
    p = CaseProfiler(FIRST)
    assert shown_figure(p)["data"][1]["r"][:3] == scores(FIRST)
    p.sliders["network"].value = 9  # beyond the scale: the slider holds 4
    assert p.sliders["network"].value == 4
    assert list(trace(p.figure, "Your reading").r[:3]) == [scores(FIRST)[0], 4, scores(FIRST)[2]]
    assert list(trace(p.figure, "Companion's reading").r[:3]) == scores(FIRST)  # the reference stays
    difference = 4 - scores(FIRST)[1]
    if difference:
        assert f"(+{difference} against the companion)" in p.evidence.value
    assert '"network": 4' in p.export_text.value


def test_profiler_case_compare_and_learning_region():
    p = CaseProfiler()
    p.case.value = LAST
    assert escape(case_name(LAST)) in p.figure.layout.title.text
    assert list(trace(p.figure, "Companion's reading").r[:3]) == scores(LAST)
    p.compare.value = SECOND
    assert list(trace(p.figure, "Compare: ").r[:3]) == scores(SECOND)
    bar = trace(p.figure, "Learning Region fit")
    # yours (the companion's to start with), the companion's, the compared case's
    assert list(bar.x) == scores(LAST, ["learning_region"]) * 2 + scores(SECOND, ["learning_region"])
    p.sliders["learning_region"].value = 3
    assert list(trace(p.figure, "Learning Region fit").x)[0] == 3
    rationale = profiler.companion_evidence(LAST)["learning_region"].rationale
    assert escape(rationale) in p.evidence.value  # the evidence for the LR reading


def test_profiler_unknown_case_and_bad_imports_answer_with_a_message():
    p = CaseProfiler("atlantis")
    assert "no case 'atlantis'" in p.message and p.figure is not None
    before = p.figure.to_dict()
    for text in ("garbage", "", '{"scores": "x"}'):
        p.load_text(text)
        assert "Nothing" in p.message or "neither" in p.message or "nothing" in p.message
        assert p.figure.to_dict() == before
    p.import_text.value = json.dumps({"case_id": LAST, "scores": {"place": -2, "community": 12}})
    p.import_button.click()
    assert p.case.value == LAST
    assert (p.sliders["place"].value, p.sliders["community"].value) == (0, 4)
    assert "below" in p.message and "above" in p.message


def test_profiler_export_then_import_restores_the_sliders():
    p = CaseProfiler(SECOND)
    p.sliders["community"].value = another(scores(SECOND)[2])
    changed = p.sliders["community"].value
    p.argument.value = "The bridge built a shared identity (¶11)."
    exported = p.export_text.value
    p.export_format.value = "csv"
    exported_csv = p.export_text.value
    assert exported_csv.startswith("case_id,case_name,dimension")
    slug = "".join(ch if ch.isalnum() else "-" for ch in case_name(SECOND).lower()).strip("-")
    assert f'download="pnc-profile-{slug}.csv"' in p.export_link.value
    for text in (exported, exported_csv):
        p.select_case(FIRST)
        p.argument.value = ""
        p.load_text(text)
        assert p.case.value == SECOND and p.sliders["community"].value == changed
        assert p.argument.value.startswith("The bridge")
        assert f"Loaded a profile of {case_name(SECOND)}" in p.message


def test_profiler_file_upload():
    p = CaseProfiler()
    text = profile_to_json(Profile(LAST, case_name(LAST), {d: 1 for d in ALL_DIMENSIONS}))
    p.upload.value = upload(text.encode())
    assert p.case.value == LAST and p.sliders["place"].value == 1
    p.upload.value = upload(b"\xff\xfe", "p.bin")
    assert "not UTF-8" in p.message


def test_my_region_name_is_escaped_in_chart_and_table():
    p = CaseProfiler(MY_REGION)
    p.region_name.value = "<script>alert(1)</script>"
    assert "<script>" not in p.figure.layout.title.text
    assert "&lt;script&gt;" in p.figure.layout.title.text
    assert "<script>" not in p.evidence.value
    assert not [t for t in p.figure.data if str(t.name).startswith("Companion's")]


def test_profiler_message_describes_only_the_last_action():
    p = CaseProfiler(FIRST)
    p.set_scores({"place": 9})
    assert "above the 0-4 scale" in p.message
    p.sliders["network"].value = another(p.sliders["network"].value)  # a change, whatever the data hold
    assert "above the 0-4 scale" not in p.message
    p.select_case("atlantis")
    assert "no case 'atlantis'" in p.message
    p.compare.value = LAST
    assert "atlantis" not in p.message
    p.set_scores({"place": 9})
    p.argument.value = "Place matters less than the text says (¶9)."
    assert "above the 0-4 scale" not in p.message


def test_profiler_upload_of_a_non_profile_speaks_of_the_file():
    p = CaseProfiler()
    p.upload.value = upload(b"notes", "notes.txt")
    assert "paste" not in p.message.lower() and "file" in p.message.lower(), p.message


def test_an_unexpected_error_becomes_a_message(monkeypatch):
    p = CaseProfiler()

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(profiler.widget, "profile_figure_spec", broken)
    p.sliders["place"].value = 1  # must not raise
    assert "Something went wrong" in p.message and "boom" in p.message


# --- the kernel-free views --------------------------------------------------------


def test_profiler_static_view_has_one_view_per_case_and_one_for_all():
    fig = profiler_static_view()
    [menu] = fig.layout.updatemenus
    assert len(menu.buttons) == len(case_ids()) + 1
    for button, case_id in zip(menu.buttons, case_ids()):
        shown = [t.name for t, v in zip(fig.data, visible_after(fig, button)) if v and t.type == "scatterpolar"]
        assert shown == [escape(companion_profile(case_id).name)]
    every = menu.buttons[-1]
    assert all(visible_after(fig, every))
    json.dumps(fig.to_plotly_json(), default=str)


def test_readings_details_has_one_details_per_case_and_no_script():
    markup = readings_details()._repr_html_()
    assert markup.count("<details>") == len(case_ids())
    assert "<script" not in markup.lower() and "onclick" not in markup.lower()


def not_companion(case_id: str, dimension: str = "place") -> int:
    """A score for ``dimension`` that is not the companion's for ``case_id``."""
    return (companion_profile(case_id).scores[dimension] + 2) % 5


def test_loading_a_profile_says_what_it_replaced_and_undo_loading_brings_it_back():
    p = CaseProfiler(FIRST)
    assert p.undo_button.layout.display == "none"
    mine = not_companion(FIRST)
    p.sliders["place"].value = mine
    p.argument.value = "My reading (¶3)."
    p.load_text(json.dumps({"case_id": SECOND, "scores": dict(companion_profile(SECOND).scores), "argument": "x"}))
    assert p.case.value == SECOND and p.argument.value == "x"
    assert f"Loaded a profile of {case_name(SECOND)}." in p.message
    assert f"replaced your scores and argument for {case_name(FIRST)}" in p.message and "Undo loading" in p.message
    assert p.undo_button.layout.display is None
    p.undo_button.click()
    assert (p.case.value, p.sliders["place"].value, p.argument.value) == (FIRST, mine, "My reading (¶3).")
    assert "undone" in p.message and p.undo_button.layout.display == "none"
    assert json.loads(p.export_text.value)["case_id"] == FIRST
    # A file too, and something new after the load ends the undo (it would throw the new work away).
    p.upload.value = upload(json.dumps({"case_id": SECOND, "scores": {"place": 0}}).encode())
    assert "Undo loading" in p.message and p.undo_button.layout.display is None
    p.sliders["network"].value = another(p.sliders["network"].value)
    assert p.undo_button.layout.display == "none"
    p.undo_load()
    assert "no loaded profile to undo" in p.message and p.case.value == SECOND


def test_loading_over_the_companions_reading_says_so():
    p = CaseProfiler(FIRST)
    p.load_text(json.dumps({"case_id": FIRST, "scores": {"place": not_companion(FIRST)}}))
    assert f"replaced the companion's reading of {case_name(FIRST)}" in p.message


def test_each_case_keeps_its_own_scores_and_argument_for_the_session():
    p = CaseProfiler(FIRST)
    first, second = not_companion(FIRST), not_companion(SECOND, "network")
    p.sliders["place"].value = first
    p.argument.value = "First case (¶1)."
    p.case.value = SECOND
    assert [p.sliders[d].value for d in DIMENSIONS] == scores(SECOND) and p.argument.value == ""
    assert f"What you set for {case_name(FIRST)} is kept" in p.message
    p.sliders["network"].value = second
    p.argument.value = "Second case (¶2)."
    p.case.value = FIRST
    assert p.sliders["place"].value == first and p.argument.value == "First case (¶1)."
    assert f"Your own scores for {case_name(FIRST)} are shown again" in p.message
    exported = json.loads(p.export_text.value)
    assert exported["case_id"] == FIRST and exported["argument"] == "First case (¶1)."
    assert exported["scores"]["place"] == first
    p.case.value = SECOND
    assert p.sliders["network"].value == second and p.argument.value == "Second case (¶2)."
    # A case the reader never changed shows the companion's reading, and nothing is said to be kept.
    p.reset()
    p.argument.value = ""
    p.case.value = LAST
    assert "is kept" not in p.message and "shown again" not in p.message
    p.case.value = SECOND
    assert "The companion's reading" in p.message and [p.sliders[d].value for d in DIMENSIONS] == scores(SECOND)


def test_what_a_load_said_is_shown_under_the_load_buttons_too():
    """The status line sits about 2,400 px above the load buttons on a phone:
    a student who loaded a file saw nothing happen."""
    p = CaseProfiler(FIRST)
    assert p.children[-1] is p.load_note and p.load_note.value == ""
    p.load_text("not a profile")
    assert "JSON" in p.load_note.value and 'aria-hidden="true"' in p.load_note.value  # read aloud once, above
    p.load_text(json.dumps({"case_id": SECOND, "scores": dict(companion_profile(SECOND).scores)}))
    assert f"Loaded a profile of {case_name(SECOND)}" in p.load_note.value
    p.undo_button.click()
    assert "undone" in p.load_note.value
    p.load_text(json.dumps({"case_id": SECOND, "scores": {"place": 0}}))
    p.sliders["network"].value = another(p.sliders["network"].value)  # new work ends the undo, and the note
    assert p.load_note.value == ""
