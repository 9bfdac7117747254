"""On a touch screen the live widgets' radio options and checkboxes are targets
a finger can hit (site-fixes.css, its ``(pointer: coarse)`` block): a student
trial measured classify-it's answer rows at 20 px and the class view's
checkboxes at 13 px.

The pages come from the build's manifest (``_build/inpage/manifest.json``),
and each widget is made live to see what its slot holds: a widget with no
radio button or checkbox is skipped, saying so, and a new widget page with
either is tested with no edit here.

On a phone (390 x 844, touch: Chromium's touch emulation makes
``(pointer: coarse)`` match, which the test checks first), every visible
radio option and checkbox has a label row at least 44 px tall, the label
wraps its input (so the whole row is the target), the input is drawn at
least 24 x 24 px, nothing is past the screen's edge, and a tap on the
label's text chooses the option (or ticks the box); the choice beside every
live widget's button (start Python by itself) is a 44 px row too. On a laptop (a mouse,
``(pointer: fine)``) the same controls keep ipywidgets' own size: the rule
is for touch only.
"""

from __future__ import annotations

import pytest

from companion_tools.sphinx.inpage import manifest
from conftest import SITE
from pagevisit import PHONE, press_live, visit

pytestmark = [pytest.mark.live, pytest.mark.xdist_group("heavy")]

LIVE_TIMEOUT_MS = 240_000
WIDGETS = manifest.read(SITE.parent)
TARGET_PX = 44
INPUT_PX = 24

#: Every visible radio button and checkbox in the widget's slot: its index among
#: the slot's inputs of either kind, its label's and its own box, whether the
#: label wraps it, whether the label's edges are the label under a finger, and
#: where (from the label's corner) its text is drawn.
CONTROLS = """(key) => {
    const slot = document.querySelector(`[data-inpage-widget="${CSS.escape(key)}"] .lr-inpage-slot`);
    const inputs = [...slot.querySelectorAll('input[type="radio"], input[type="checkbox"]')];
    return inputs.map((input, index) => [input, index]).filter(([input]) => input.getClientRects().length)
        .map(([input, index]) => {
            const label = input.closest('label');
            const box = (el) => { const r = el.getBoundingClientRect();
                                  return {x: r.x, y: r.y, width: r.width, height: r.height}; };
            if (label) label.scrollIntoView({block: 'center'});  // for elementFromPoint, below
            const out = {index, type: input.type, wrapped: Boolean(label), input: box(input)};
            if (!label) return out;
            out.label = box(label);
            out.text = label.innerText.trim();
            const range = document.createRange();
            const texts = [...label.childNodes].filter(n => n !== input && n.textContent.trim());
            range.setStartBefore(texts[0]);
            range.setEndAfter(texts[texts.length - 1]);
            const t = range.getBoundingClientRect();
            out.textAt = {x: t.x + t.width / 2 - out.label.x, y: t.y + t.height / 2 - out.label.y};
            // The label's inner corners (2 px in) hit the label or what it holds.
            const l = out.label, inside = [[l.x + 2, l.y + 2], [l.x + l.width - 2, l.y + 2],
                                           [l.x + 2, l.y + l.height - 2], [l.x + l.width - 2, l.y + l.height - 2]];
            out.hit = inside.every(([x, y]) => { const el = document.elementFromPoint(x, y);
                                                 return el && label.contains(el); });
            return out;
        });
}"""
POINTER = "() => ({coarse: matchMedia('(pointer: coarse)').matches, fine: matchMedia('(pointer: fine)').matches})"
#: The choice shown beside a live widget's button (start Python by itself on
#: widget pages): its label's height and its checkbox's size.
AUTO = """(key) => {
    const label = document.querySelector(`[data-inpage-widget="${CSS.escape(key)}"] .lr-inpage-auto`);
    const input = label.querySelector('input');
    return {label: label.getBoundingClientRect().height, input: input.getBoundingClientRect().width,
            wraps: label.contains(input)};
}"""


def go_live(page, key: str, phone: bool):
    container, status = press_live(page, key, tap=phone, timeout_ms=LIVE_TIMEOUT_MS)
    assert "lr-inpage-on" in (container.get_attribute("class") or ""), f"{key}: {status}"
    return container.locator(".lr-inpage-slot")


def name(control: dict) -> str:
    return f"{control['type']} {control.get('text', '')!r}"


def test_the_manifest_has_widget_pages():
    assert WIDGETS, f"no widget in {SITE.parent / 'inpage' / 'manifest.json'}: run make book"


@pytest.mark.parametrize("widget", WIDGETS, ids=[w["key"] for w in WIDGETS])
def test_radio_options_and_checkboxes_are_44px_targets_on_a_phone_only(browser, site_url, widget):
    path, key = f"{widget['page']}.html", widget["key"]
    width = PHONE["viewport"]["width"]
    with visit(browser, site_url, path, phone=True) as v:
        page = v.page
        assert page.evaluate(POINTER) == {"coarse": True, "fine": False}, "the phone's touch is not (pointer: coarse)"
        slot = go_live(page, key, phone=True)
        auto = page.evaluate(AUTO, key)
        assert auto["wraps"] and auto["label"] >= TARGET_PX and auto["input"] >= INPUT_PX, (
            f"{key}: the start-by-itself choice is a {auto['label']:.0f} px row with a {auto['input']:.0f} px box"
        )
        controls = page.evaluate(CONTROLS, key)
        if not controls:
            pytest.skip(f"{key}: its live widget has no radio button or checkbox")
        inputs = slot.locator('input[type="radio"], input[type="checkbox"]')
        for control in controls:
            assert control["wrapped"], f"{key}: {name(control)} has no label around it (a tap on its text does nothing)"
            label, box = control["label"], control["input"]
            assert label["height"] >= TARGET_PX, f"{key}: {name(control)}'s row is {label['height']:.0f} px tall"
            assert box["width"] >= INPUT_PX and box["height"] >= INPUT_PX, (
                f"{key}: {name(control)} is drawn at {box['width']:.0f} x {box['height']:.0f} px"
            )
            assert control["hit"], f"{key}: something else lies over {name(control)}'s label row"
            assert label["x"] >= -1 and label["x"] + label["width"] <= width + 1, (
                f"{key}: {name(control)} runs past the phone's edge: {label}"
            )
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width, f"{key}: the page scrolls sideways"

        # A tap on the label's text (not on the input) chooses the option, or ticks
        # the box; radios last to first, so that each tap changes the choice.
        for control in sorted(controls, key=lambda c: (c["type"] != "radio", -c["index"])):
            now = next(c for c in page.evaluate(CONTROLS, key) if c["index"] == control["index"])
            target = inputs.nth(control["index"])
            label = target.locator("xpath=ancestor::label[1]")
            before = target.is_checked()
            label.tap(position=now["textAt"])
            if control["type"] == "radio":
                page.wait_for_function("(el) => el.checked", arg=target.element_handle(), timeout=10_000)
            else:
                page.wait_for_function("([el, b]) => el.checked !== b", arg=[target.element_handle(), before])
                again = next(c for c in page.evaluate(CONTROLS, key) if c["index"] == control["index"])
                label.tap(position=again["textAt"])  # and back, as the widget was
                page.wait_for_function("([el, b]) => el.checked === b", arg=[target.element_handle(), before])
        assert v.external_requests == [], f"{path} asked other hosts for {v.external_requests}"
        assert v.console_errors == [], f"{path} logged errors: {v.console_errors}"

    # A laptop (a mouse): the same controls at ipywidgets' own size.
    with visit(browser, site_url, path) as v:
        page = v.page
        assert page.evaluate(POINTER) == {"coarse": False, "fine": True}
        go_live(page, key, phone=False)
        assert page.evaluate(AUTO, key)["label"] < TARGET_PX, (
            f"{key}: the start-by-itself choice is enlarged on a laptop"
        )
        laptop = page.evaluate(CONTROLS, key)
        assert [c["text"] for c in laptop] == [c["text"] for c in controls]
        for control in laptop:
            label, box = control["label"], control["input"]
            assert label["height"] < TARGET_PX, f"{key}: {name(control)} is enlarged on a laptop ({label['height']} px)"
            assert box["width"] < INPUT_PX and box["height"] < INPUT_PX, (
                f"{key}: {name(control)} is drawn at {box['width']} x {box['height']} px on a laptop"
            )
        assert v.console_errors == [], f"{path} logged errors: {v.console_errors}"
