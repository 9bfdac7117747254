"""A university's colour (companion_colour in _config.yml, companion_tools.sphinx.theme):
links and buttons take it when it reads on the page; a colour too light is refused
with a shade that passes; dark mode gets a lighter shade of it."""

from __future__ import annotations

import re

import pytest
from sphinx.errors import ConfigError

from companion_tools.sphinx import theme


@pytest.mark.parametrize("colour, ratio", [("#ffffff", 1.0), ("#000000", 21.0), ("#1560d4", 5.7), ("#767676", 4.5)])
def test_contrast_is_wcags_ratio(colour, ratio):
    assert round(theme.contrast(colour, "#ffffff"), 1) == ratio


def test_a_colour_that_reads_on_white_is_taken_as_it_is():
    assert theme.check_colour("#1560D4") == "#1560d4"
    assert theme.check_colour("#7b1e3a") == "#7b1e3a"  # a university maroon


@pytest.mark.parametrize("colour", ["#f2a900", "#56b4e9"])  # a gold, a sky blue
def test_a_colour_too_light_for_links_is_refused_with_a_shade_that_passes(colour):
    with pytest.raises(ConfigError) as refused:
        theme.check_colour(colour)
    said = str(refused.value)
    suggested = re.search(r"passes is (#[0-9a-f]{6})", said).group(1)
    assert theme.contrast(suggested, theme.WHITE) >= theme.MIN_CONTRAST
    assert theme.check_colour(suggested) == suggested


@pytest.mark.parametrize("colour", ["blue", "#12345", "", None])
def test_a_colour_not_written_as_hex_is_said_plainly(colour):
    with pytest.raises(ConfigError, match="#rrggbb"):
        theme.check_colour(colour)


def test_dark_mode_gets_a_shade_that_reads_on_the_dark_page():
    css = theme.css("#7b1e3a")
    dark = re.search(r'data-theme="dark"\]:root \{\n  --pst-color-primary: (#[0-9a-f]{6})', css).group(1)
    assert theme.contrast(dark, theme.DARK_PAGE) >= theme.MIN_CONTRAST
    assert "--pst-color-primary: #7b1e3a" in css


def test_the_built_pages_link_the_theme_written_from_the_setting(built_site):
    import yaml

    from conftest import ROOT

    colour = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["sphinx"]["config"][theme.CONFIG]
    name = theme.css_name(theme.check_colour(colour))
    assert (built_site / "_static" / name).read_text(encoding="utf-8") == theme.css(theme.check_colour(colour))
    page = (built_site / "book" / "index.html").read_text(encoding="utf-8")
    assert name.split("/")[-1] in page


def test_the_readers_own_marks_take_the_sites_colour(monkeypatch):
    """The build hands companion_colour to the kernels (and the page to its
    Python): the reader's own reading and mix are drawn in it."""
    from learning_regions.charts.palette import ACCENT_ENV, BLUE
    from learning_regions.widgets.profiler import blank_profile, profile_figure_spec
    from learning_regions.widgets.recipe import recipe_figure_spec

    assert ACCENT_ENV == theme.ACCENT_ENV

    def colours(spec) -> set[str]:
        return {
            t.get("line", {}).get("color")
            for t in spec["data"]
            if "(yours)" in t.get("name", "") or t.get("name", "").startswith("Your reading")
        }

    monkeypatch.delenv(ACCENT_ENV, raising=False)
    assert colours(profile_figure_spec(blank_profile())) == {BLUE}
    monkeypatch.setenv(ACCENT_ENV, "#7b1e3a")
    assert colours(profile_figure_spec(blank_profile())) == {"#7b1e3a"}
    assert colours(recipe_figure_spec({"ict": 2})) == {"#7b1e3a"}
