"""The recipe mixer (learning_regions.widgets.recipe): closeness (pure logic),
the chart on both routes, the kernel-free views and the widget. Weights are
read from the data, so a lecturer's own case keeps these tests meaningful."""

from __future__ import annotations

import pytest
from widgetcheck import plain, trace, visible_after

from learning_regions.markup import escape
from learning_regions.widgets import recipe
from learning_regions.widgets.furniture import bar_label
from learning_regions.widgets.recipe import (
    RecipeMixer,
    case_name,
    case_recipe,
    clamp_weight,
    closeness,
    ingredients,
    rank_cases,
    recipe_case_ids,
    recipe_static_view,
)

FIRST, LAST = recipe_case_ids()[0], recipe_case_ids()[-1]
IDS = [i.ingredient_id for i in ingredients()]


# --- closeness ------------------------------------------------------------------


def test_closeness_bounds_and_symmetry():
    low, high = dict.fromkeys(IDS, 0), dict.fromkeys(IDS, 4)
    assert closeness(low, low) == 100
    assert closeness(low, high) == 0
    a, b = case_recipe(FIRST), case_recipe(LAST)
    assert closeness(a, b) == closeness(b, a)
    assert 0 <= closeness(a, b) <= 100


def test_rank_cases_is_sorted_and_a_case_is_closest_to_itself():
    for case_id in recipe_case_ids():
        ranked = rank_cases(case_recipe(case_id))
        assert ranked[0][1] == 100 and case_id in [c for c, s in ranked if s == 100]
        assert [s for _c, s in ranked] == sorted((s for _c, s in ranked), reverse=True)


@pytest.mark.parametrize("raw, expected", [(9, 4), (-3, 0), (2.6, 3), ("3", 3), ("x", 2), (None, 2), (float("nan"), 2)])
def test_clamp_weight(raw, expected):
    assert clamp_weight(raw) == expected


# --- the chart --------------------------------------------------------------------


@pytest.mark.parametrize("compare", [None, FIRST, LAST])
def test_the_recipe_mixers_figure_dict_is_its_go_figure(compare):
    mix = {i: n % 5 for n, i in enumerate(IDS)}
    assert plain(recipe.recipe_figure_spec(mix, "Tampere <b>", compare)) == plain(
        recipe.recipe_figure(mix, "Tampere <b>", compare)
    )


# --- the widget -------------------------------------------------------------------


def test_recipe_mixer_sliders_chart_and_explanation():
    m = RecipeMixer()
    before = m.explanation.value
    last = IDS[-1]
    m.sliders[last].value = 9
    assert m.sliders[last].value == 4
    yours = trace(m.figure, "My city (yours)")
    assert yours.r[IDS.index(last)] == 4
    assert m.explanation.value != before
    m.name.value = "Tampere <b>"
    assert "Tampere &lt;b&gt;" in m.figure.layout.title.text
    m.compare.value = LAST
    assert trace(m.figure, escape(case_name(LAST))).r[IDS.index(last)] == case_recipe(LAST)[last]
    assert escape(case_name(LAST)) in m.explanation.value
    m.copy_case(LAST)
    assert m.mix() == case_recipe(LAST)
    bar = trace(m.figure, "closeness")
    assert bar.y[0] == bar_label(case_name(LAST)) and bar.x[0] == 100
    m.copy_case("atlantis")
    assert "no case 'atlantis'" in m.message
    m.set_mix({last: -5, "charm": 3})
    assert m.sliders[last].value == 0 and "charm" in m.message


def test_every_case_is_a_bar_and_a_choice():
    m = RecipeMixer()
    assert list(trace(m.figure, "closeness").y) == [bar_label(case_name(c)) for c, _s in rank_cases(m.mix())]
    assert [v for _l, v in m.compare.options if v] == recipe_case_ids()


# --- the kernel-free views --------------------------------------------------------


def test_recipe_static_view_has_one_view_per_case():
    fig = recipe_static_view()
    [menu] = fig.layout.updatemenus
    assert len(menu.buttons) == len(recipe_case_ids())
    for button, case_id in zip(menu.buttons, recipe_case_ids()):
        visible = visible_after(fig, button)
        bars = [t for t, v in zip(fig.data, visible) if v and t.type == "bar"]
        assert len(bars) == 1 and bar_label(case_name(case_id)) not in bars[0].y
        assert len(bars[0].y) == len(recipe_case_ids()) - 1


def test_recipe_details_has_one_details_per_case_and_no_script():
    markup = recipe.recipe_details()._repr_html_()
    assert markup.count("<details>") == len(recipe_case_ids())
    assert "<script" not in markup.lower() and "onclick" not in markup.lower()
