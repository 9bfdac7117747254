"""The keyboard can see where it is: every focusable element of every page shows
a focus indicator, in light and dark mode, and the skip link works.

What counts is what the reader sees, not the CSS: each element is
photographed without focus and with keyboard focus, and the pixels that
changed by a contrast of at least 3:1 must cover at least the area of a
2 px line around the element (WCAG 2.2's focus-appearance measure, 2.4.13).
Elements of one kind (same tag, classes, parent and part of the page) are
photographed twice at most. The live widgets' own controls (inside a
``.lr-inpage-slot``, filled only once a widget goes live) are checked with
the widgets, not here. Fixes: site-fixes.css.
"""

from __future__ import annotations

import base64

import pytest

from conftest import site_pages
from pagevisit import CHARTS_SETTLED, LAPTOP, show_every_chart, visit

pytestmark = pytest.mark.browser

PAGES = [p for p in site_pages() if p != "index.html"]  # index.html only redirects
# Menus open only on demand: their items are checked open.
MENUS = (".dropdown-download-buttons", ".dropdown-launch-buttons")
PER_KIND = 2
MARGIN = 8  # px around the element that the photographs cover (a ring is drawn outside)

# Tooltips (shown on focus by the theme), transitions and smooth scrolling would change pixels
# that are no indicator.
STILL = (
    ".tooltip { display: none !important; } html { scroll-behavior: auto !important; }"
    " *, *::before, *::after { transition: none !important; animation: none !important;"
    " caret-color: transparent !important; }"
)

COLLECT = (
    """([kinds, scope]) => {
  const parts = ['.lr-inpage-stand-in', '.bd-sidebar-primary', '.bd-sidebar-secondary', '.bd-header-article',
                 '.dropdown-menu', '.prev-next-area', '.bd-footer-content', '.bd-search-container',
                 '.admonition', '.cell_output', '.cell_input', 'table', 'article'];
  const classes = (el) => [...el.classList].filter((c) => !/^lr-more-|^toggle-button-hidden$/.test(c)).sort().join('.');
  const found = [];
  document.querySelectorAll('[data-lr-focus]').forEach((el) => el.removeAttribute('data-lr-focus'));
  document.querySelector(scope).querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]')
    .forEach((el) => {
      if (el.tabIndex < 0 || el.disabled || el.closest('.lr-inpage-slot, dialog:not([open]), #pst-skip-link')) return;
      if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true})) return;
      const box = el.getBoundingClientRect();
      if (box.width < 1 || box.height < 1) return;
      const part = parts.find((p) => el.closest(p)) || 'page';
      const parent = el.parentElement;
      const kind = [part, el.tagName, classes(el), parent.tagName, classes(parent), el.getAttribute('role') || ''].join('|');
      kinds[kind] = (kinds[kind] || 0) + 1;
      if (kinds[kind] > %d) return;
      el.dataset.lrFocus = found.length;
      found.push(kind + ' ' + (el.textContent || el.getAttribute('aria-label') || '').replace(/\\s+/g, ' ').trim().slice(0, 40));
    });
  return [found, kinds];
}"""
    % PER_KIND
)

# Scroll the element to the middle of the screen, take focus off everything, and
# say what to photograph: the element's box and margin, within the viewport.
# The page settles first: scrolling makes the theme's observers restyle it a few frames later.
PREPARE = """async ([i, margin]) => {
  document.activeElement && document.activeElement.blur();
  const el = document.querySelector(`[data-lr-focus="${i}"]`);
  el.scrollIntoView({block: 'center', inline: 'nearest'});
  const frame = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 20)));
  for (let still = 0, last = ''; still < 3; ) {
    await frame();
    const now = JSON.stringify(el.getBoundingClientRect());
    still = now === last ? still + 1 : 0;
    last = now;
  }
  const box = el.getBoundingClientRect();
  const x0 = Math.max(0, box.left - margin), y0 = Math.max(0, box.top - margin);
  const x1 = Math.min(innerWidth, box.right + margin), y1 = Math.min(innerHeight, box.bottom + margin);
  const rects = [...el.getClientRects()].map((r) => [Math.min(r.width, innerWidth), Math.min(r.height, innerHeight)]);
  rects.push([Math.min(box.width, innerWidth), Math.min(box.height, innerHeight)]);
  // An element taller or wider than the window (a long table) shows only some of
  // its edges: the ring is looked for along those, over the part on screen.
  const seen = [Math.min(box.right, innerWidth) - Math.max(box.left, 0), Math.min(box.bottom, innerHeight) - Math.max(box.top, 0)];
  const edges = [(box.top >= 0) + (box.bottom <= innerHeight), (box.left >= 0) + (box.right <= innerWidth)];
  return {clip: {x: x0, y: y0, width: x1 - x0, height: y1 - y0}, rects, seen, edges};
}"""

FOCUS = """(i) => { const el = document.querySelector(`[data-lr-focus="${i}"]`); el.focus({preventScroll: true});
  return document.activeElement === el && el.matches(':focus-visible'); }"""
WHERE = """(i) => { const r = document.querySelector(`[data-lr-focus="${i}"]`).getBoundingClientRect();
  return [r.x, r.y, r.width, r.height]; }"""

# In a blank page: how many pixels differ by a contrast ratio of 3:1 or more between two PNGs.
COMPARE = """async ([a, b]) => {
  const load = (src) => new Promise((ok, fail) => { const i = new Image(); i.onload = () => ok(i); i.onerror = fail;
                                                    i.src = 'data:image/png;base64,' + src; });
  const pixels = (img) => { const c = new OffscreenCanvas(img.width, img.height); const x = c.getContext('2d');
                            x.drawImage(img, 0, 0); return x.getImageData(0, 0, img.width, img.height).data; };
  const [da, db] = (await Promise.all([load(a), load(b)])).map(pixels);
  const channel = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  const luminance = (d, i) => 0.2126 * channel(d[i]) + 0.7152 * channel(d[i + 1]) + 0.0722 * channel(d[i + 2]);
  let changed = 0;
  for (let i = 0; i < da.length; i += 4) {
    const l1 = luminance(da, i), l2 = luminance(db, i);
    if ((Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05) >= 3) changed++;
  }
  return changed;
}"""


def check_focus_rings(page, helper, kinds: dict, where: str, scope: str = "body") -> list[str]:
    """Photograph each new kind of focusable element (in ``scope``) without and with focus."""
    found, counted = page.evaluate(COLLECT, [kinds, scope])
    kinds.update(counted)
    failures = []
    for index, name in enumerate(found):
        shot = page.evaluate(PREPARE, [index, MARGIN])
        where_before = page.evaluate(WHERE, index)
        clip = shot["clip"]
        if clip["width"] < 2 or clip["height"] < 2:
            failures.append(f"{where}: {name}: not on screen when scrolled to")
            continue
        before = page.screenshot(clip=clip)
        page.keyboard.press("Shift")  # focus from the keyboard, as :focus-visible needs
        if not page.evaluate(FOCUS, index):
            failures.append(f"{where}: {name}: takes no visible keyboard focus (:focus-visible)")
            continue
        after = page.screenshot(clip=clip)
        if page.evaluate(WHERE, index) != where_before:
            failures.append(f"{where}: {name}: moved as it took focus")
            continue
        changed = helper.evaluate(COMPARE, [base64.b64encode(before).decode(), base64.b64encode(after).decode()])
        # A 2 px line around the element: around each of its boxes, or for a link that wraps
        # over lines (whose ring follows the outline of all its lines), around all of them.
        *boxes, whole = shot["rects"]
        needed = min(sum(4 * (w + h) for w, h in boxes), 4 * (whole[0] + whole[1]))
        if shot["edges"] != [2, 2]:  # partly off screen: 2 px along each edge that is on it
            (w, h), (across, down) = shot["seen"], shot["edges"]
            needed = 2 * (across * w + down * h)
        if changed < needed:
            failures.append(f"{where}: {name}: {changed} px change by 3:1 or more, {round(needed)} needed")
    return failures


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_focusable_element_shows_a_focus_indicator(browser, site_url, scheme):
    kinds: dict[str, int] = {}
    failures: list[str] = []
    menus_seen: set[str] = set()
    context = browser.new_context(**LAPTOP, color_scheme=scheme)
    context.add_init_script("window.lrInpageNoEarlyStart = true")
    page, helper = context.new_page(), context.new_page()
    try:
        for path in [*PAGES, "search.html?q=jena"]:
            page.goto(f"{site_url}/{path}", wait_until="load")
            show_every_chart(page)  # drawn charts no longer move what is below them
            page.wait_for_function(CHARTS_SETTLED)
            page.add_style_tag(content=STILL)
            if path.startswith("search.html?"):
                page.locator("#search-results li a").first.wait_for()
            failures += check_focus_rings(page, helper, kinds, path)
            for menu in MENUS:  # each menu's items, open, once
                toggle = page.locator(f"{menu} .dropdown-toggle")
                if menu not in menus_seen and toggle.count() and toggle.is_visible():
                    menus_seen.add(menu)
                    toggle.click()
                    page.locator(f"{menu} .dropdown-menu").wait_for()
                    failures += check_focus_rings(page, helper, kinds, f"{path} {menu}", scope=f"{menu} .dropdown-menu")
                    page.keyboard.press("Escape")
    finally:
        context.close()
    assert menus_seen == set(MENUS)
    assert sum(kinds.values()) > 500, f"only {sum(kinds.values())} focusable elements found"
    assert not failures, f"{len(failures)} elements without a visible focus indicator ({scheme}):\n" + "\n".join(
        failures
    )


@pytest.mark.parametrize("phone", [False, True], ids=["laptop", "phone"])
def test_the_skip_link_comes_first_shows_and_skips_to_the_content(browser, site_url, phone):
    with visit(browser, site_url, "book/learning-cities.html", phone=phone, wait_for_charts=False) as v:
        page = v.page
        page.keyboard.press("Tab")
        skip = page.locator(":focus")
        assert skip.inner_text().strip() == "Skip to main content"
        # It slides in from above the page (the theme's transition).
        page.wait_for_function("() => document.activeElement.getBoundingClientRect().top >= 0", timeout=5_000)
        box = skip.bounding_box()
        assert box and box["width"] > 50 and box["height"] > 10, f"the skip link is not on show: {box}"
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        inside = page.evaluate("document.activeElement.closest('#main-content') !== null")
        assert inside, "after the skip link, Tab does not land in the main content"
        assert page.evaluate("document.activeElement.closest('.bd-sidebar-primary') === null")
