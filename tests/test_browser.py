"""The HTML page in a real browser: Debian's Chromium (/usr/bin/chromium) driven by Playwright.

The page for the real Wenzhou pair (2022.txt vs 2023.md) is navigated with the keys, its view
toggled, its target table filtered and sorted; a page made from hostile text must run nothing.
No test is skipped: without /usr/bin/chromium they fail and say how to install it.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from html_bench import open_browser, real_comparison, timings  # noqa: E402

from renderers.html import render_html  # noqa: E402
from test_renderers import HOSTILE, hostile_comparison  # noqa: E402


@pytest.fixture(scope="module")
def browser():
    with open_browser() as ctx:
        yield ctx
    assert ctx.outside == [], f"requests left the file: {ctx.outside}"


@pytest.fixture(scope="module")
def real_page_path(tmp_path_factory):
    c, _ = real_comparison()
    path = tmp_path_factory.mktemp("page") / "wenzhou-2022-2023.html"
    path.write_text(render_html(c), encoding="utf-8")
    return path


def open_page(ctx, path: Path, fragment: str = ""):
    """A new tab on ``path`` once its script is ready; returns ``(page, errors)`` where ``errors``
    collects console errors and uncaught exceptions."""
    page = ctx.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri() + fragment, wait_until="load")
    page.wait_for_function("window.wzdiffReady !== undefined", timeout=10_000)
    return page, errors


def _counter(page) -> str:
    return page.text_content("#counter")


def _in_view(page, selector: str) -> bool:
    return page.evaluate("""s => { const r = document.querySelector(s).getBoundingClientRect();
        return r.height > 0 && r.top >= 0 && r.top < innerHeight; }""", selector)


def test_keys_move_the_focused_change_and_the_counter(browser, real_page_path, tmp_path):
    page, errors = open_page(browser, real_page_path)
    total = page.locator("[data-stop]").count()
    assert total > 20  # the real pair has many changes
    assert _counter(page) == f"– / {total}"
    page.keyboard.press("n")
    first = page.evaluate("document.querySelector('.current').id")
    assert _counter(page) == f"1 / {total}" and page.evaluate("location.hash") == f"#{first}"
    assert first == page.evaluate("document.querySelector('[data-stop]').id") and _in_view(page, ".current")
    page.keyboard.press("j")
    second = page.evaluate("document.querySelector('.current').id")
    assert second != first and _counter(page) == f"2 / {total}" and _in_view(page, ".current")
    page.keyboard.press("n")
    page.keyboard.press("k")
    assert _counter(page) == f"2 / {total}" and page.evaluate("location.hash") == f"#{second}"
    page.keyboard.press("p")
    page.keyboard.press("p")  # wraps around to the last change
    assert _counter(page) == f"{total} / {total}"
    page.click("#next")
    assert _counter(page) == f"1 / {total}"
    page.screenshot(path=str(tmp_path / "desktop.png"))
    assert (tmp_path / "desktop.png").stat().st_size > 10_000
    assert errors == []


def test_fragment_restores_the_position(browser, real_page_path):
    page, errors = open_page(browser, real_page_path)
    third = page.evaluate("document.querySelectorAll('[data-stop]')[2].id")
    page.close()
    page, errors2 = open_page(browser, real_page_path, f"#{third}")
    total = page.locator("[data-stop]").count()
    assert _counter(page) == f"3 / {total}"
    assert page.evaluate("document.querySelector('.current').id") == third and _in_view(page, ".current")
    page.keyboard.press("n")
    assert _counter(page) == f"4 / {total}"
    assert errors == errors2 == []


def test_view_toggle_only_changes_and_collapsing(browser, real_page_path, tmp_path):
    page, errors = open_page(browser, real_page_path)
    mod = ".sp.k-mod"
    assert page.is_visible(f"{mod} .a") and page.is_visible(f"{mod} .b") and not page.is_visible(f"{mod} .m")
    a_box, b_box = page.locator(f"{mod} .a").first.bounding_box(), page.locator(f"{mod} .b").first.bounding_box()
    assert b_box["x"] > a_box["x"] + 200  # side by side
    page.click("#view-btn")
    assert page.evaluate("document.body.classList.contains('inline')")
    assert page.is_visible(f"{mod} .m") and not page.is_visible(f"{mod} .a")
    assert page.locator(f"{mod} .m ins").count() + page.locator(f"{mod} .m del").count() > 0
    page.screenshot(path=str(tmp_path / "inline.png"))
    page.click("#view-btn")
    assert page.is_visible(f"{mod} .a") and not page.is_visible(f"{mod} .m")
    # a click on a unit's header folds it, another opens it
    unit = page.locator("article.unit.l2").first
    assert unit.locator(".ub").first.is_visible()
    unit.locator(".uh").first.click()
    assert not unit.locator(".ub").first.is_visible()
    assert unit.locator(".tog").first.get_attribute("aria-expanded") == "false"
    unit.locator(".uh").first.click()
    assert unit.locator(".ub").first.is_visible()
    # only changes: unchanged sentences and units disappear, changed ones stay
    same = page.locator(".sp.k-same").first
    page.check("#only-changes")
    assert not same.is_visible() and page.is_visible(mod)
    page.uncheck("#only-changes")
    # insertions are underlined and deletions struck through (not colour alone)
    ins = page.evaluate("getComputedStyle(document.querySelector('.sp ins')).textDecorationLine")
    dele = page.evaluate("getComputedStyle(document.querySelector('.sp del')).textDecorationLine")
    assert ins == "underline" and dele == "line-through"
    assert errors == []


def test_hover_shows_alignment_score(browser, real_page_path):
    page, errors = open_page(browser, real_page_path)
    pair = page.locator(".sp.k-mod").first
    pair.scroll_into_view_if_needed()
    pair.hover()
    after = page.evaluate("getComputedStyle(document.querySelector('.sp.k-mod'), '::after').content")
    assert pair.get_attribute("data-score") in after and "对齐" in after
    assert errors == []


def test_target_table_filter_sort_and_links(browser, real_page_path):
    page, errors = open_page(browser, real_page_path)
    rows = page.locator("#ttable tbody tr")
    n = rows.count()
    page.select_option("#tfilter", "lowered")
    visible = page.locator("#ttable tbody tr:not([hidden])")
    kinds = visible.evaluate_all("rs => rs.map(r => r.dataset.change)")
    assert kinds and set(kinds) == {"lowered"} and page.text_content("#tcount") == str(len(kinds)) != str(n)
    gdp = visible.filter(has_text="地区生产总值").first
    assert "7%左右" in gdp.text_content() and "6%左右" in gdp.text_content()
    link = gdp.locator("a.jump").last
    target = link.get_attribute("href")[1:]
    link.click()
    assert page.evaluate("document.querySelector('.current').id") == target and _in_view(page, ".current")
    assert "6%" in page.text_content(f"#{target}")
    page.select_option("#tfilter", "")
    assert page.locator("#ttable tbody tr:not([hidden])").count() == n
    page.click("#ttable th button[data-col='1']")
    vals = page.eval_on_selector_all("#ttable tbody tr td:nth-child(2)", "cs => cs.map(c => c.dataset.v)")
    nums = [float(v) for v in vals if v != ""]
    assert nums == sorted(nums) and vals[len(nums):] == [""] * (len(vals) - len(nums))
    page.click("#ttable th button[data-col='1']")
    vals = page.eval_on_selector_all("#ttable tbody tr td:nth-child(2)", "cs => cs.map(c => c.dataset.v)")
    nums = [float(v) for v in vals if v != ""]
    assert nums == sorted(nums, reverse=True)
    assert errors == []


def test_phone_width_and_print(browser, real_page_path, tmp_path):
    page, errors = open_page(browser, real_page_path)
    page.set_viewport_size({"width": 360, "height": 780})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert not page.is_visible("#outline")
    page.click("#toc-btn")
    assert page.is_visible("#outline")
    page.locator("#outline li a").nth(2).click()
    assert not page.is_visible("#outline") and _in_view(page, ".current")
    page.keyboard.press("n")
    page.screenshot(path=str(tmp_path / "phone.png"))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.locator("article.unit.l1 > .uh").first.click()  # fold a part: print shows it anyway
    assert not page.locator("article.unit.collapsed > .ub").first.is_visible()
    page.emulate_media(media="print")
    assert page.locator("article.unit.collapsed > .ub").first.is_visible()
    assert not page.is_visible(".toolbar")
    assert errors == []


def test_hostile_text_executes_nothing(browser, tmp_path):
    path = tmp_path / "hostile.html"
    path.write_text(render_html(hostile_comparison()), encoding="utf-8")
    page, errors = open_page(browser, path)
    # the unchanged preamble starts collapsed; its header opens it
    pre = page.locator("article.unit.c-unchanged")
    assert "collapsed" in pre.get_attribute("class") and not pre.locator(".ub").is_visible()
    pre.locator(".uh").click()
    assert pre.locator(".ub").is_visible()
    page.keyboard.press("n")
    page.click("#view-btn")
    page.select_option("#tfilter", "removed")
    assert page.evaluate("window.__pwned") is None
    assert page.locator("img").count() == 0 and page.locator("script").count() == 1
    assert HOSTILE in page.text_content("h1")
    assert page.locator("#ttable tbody tr:not([hidden])").first.text_content().strip().startswith(HOSTILE)
    assert errors == []  # a blocked inline script or handler would log a CSP error


def test_interactive_quickly(browser, real_page_path, capsys):
    """Reports the time to interactive (not a timing assertion beyond a generous sanity bound)."""
    page, errors = open_page(browser, real_page_path)
    t = timings(page)
    with capsys.disabled():
        print(f"\n[html] {real_page_path.stat().st_size} bytes; ready {t['ready']:.0f} ms, "
              f"DOMContentLoaded {t['dom']:.0f} ms, load {t['load']:.0f} ms")
    assert 0 < t["ready"] < 10_000 and errors == []
