"""HTML page benchmark: size of the page for the real Wenzhou pair and time to interactive in Chromium.

    python bench/html_bench.py [--runs 5] [--screenshots DIR]

Prints the page size, the parse/compare/render times and, per run, when the page's script finished
(``window.wzdiffReady``, ms after navigation start), DOMContentLoaded and load. Uses Debian's
``/usr/bin/chromium`` through Playwright (never a downloaded browser). ``open_browser`` and
``real_comparison`` are shared with tests/test_browser.py.
"""
from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAIR = (ROOT / "samples/wenzhou/2022.txt", ROOT / "samples/wenzhou/2023.md")


@contextlib.contextmanager
def open_browser(width: int = 1280, height: int = 900) -> Iterator:
    """A Playwright browser context on Debian's Chromium with a temporary profile.

    Yields the context; every request that is not ``file:`` or ``data:`` is aborted and recorded in
    ``context.outside`` (a list of URLs). Raises ``RuntimeError`` if ``/usr/bin/chromium`` is missing."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="wzdiff-chromium-") as profile, sync_playwright() as pw:
        ctx = pw.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
            viewport={"width": width, "height": height})
        ctx.outside = []

        def guard(route):
            url = route.request.url
            if url.startswith(("file:", "data:")):
                route.continue_()
            else:
                ctx.outside.append(url)
                route.abort()
        ctx.route("**/*", guard)
        try:
            yield ctx
        finally:
            ctx.close()


def real_comparison():
    """``compare_reports`` on samples/wenzhou/2022.txt and 2023.md, with the seconds each step took."""
    from compare.api import compare_reports
    from store.parse import parse_file

    t0 = time.perf_counter()
    a, b = parse_file(PAIR[0]), parse_file(PAIR[1])
    t1 = time.perf_counter()
    c = compare_reports(a, b)
    t2 = time.perf_counter()
    return c, {"parse_s": t1 - t0, "compare_s": t2 - t1}


def timings(page) -> dict:
    """Milliseconds after navigation start: script ready, DOMContentLoaded end, load end."""
    return page.evaluate("""() => { const n = performance.getEntriesByType('navigation')[0];
        return {ready: window.wzdiffReady, dom: n.domContentLoadedEventEnd, load: n.loadEventEnd}; }""")


def main(argv=None) -> int:
    """Render the real pair to bench/out/diff.html, open it ``--runs`` times and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--screenshots", type=Path, default=None, help="save desktop and 360 px screenshots here")
    args = ap.parse_args(argv)

    from renderers.html import render_html

    c, times = real_comparison()
    t0 = time.perf_counter()
    page_html = render_html(c)
    times["render_s"] = time.perf_counter() - t0
    out = ROOT / "bench/out/diff.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page_html, encoding="utf-8")
    size = out.stat().st_size
    print(f"page: {out} {size} bytes ({size / 1e6:.2f} MB; limit 2 MB)")
    print("python: " + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in times.items()))

    runs = []
    with open_browser() as ctx:
        page = ctx.new_page()
        for _ in range(args.runs):
            page.goto(out.as_uri(), wait_until="load")
            page.wait_for_function("window.wzdiffReady !== undefined")
            runs.append(timings(page))
        stops = page.evaluate("document.querySelectorAll('[data-stop]').length")
        if args.screenshots:
            args.screenshots.mkdir(parents=True, exist_ok=True)
            page.keyboard.press("n")
            page.screenshot(path=str(args.screenshots / "desktop.png"))
            page.set_viewport_size({"width": 360, "height": 780})
            page.keyboard.press("n")
            page.screenshot(path=str(args.screenshots / "phone.png"))
            print(f"screenshots: {args.screenshots}/desktop.png, phone.png")
        if ctx.outside:
            print(f"WARNING: requests outside the file: {ctx.outside}")
    for key in ("ready", "dom", "load"):
        vals = [r[key] for r in runs]
        print(f"{key:>5}: median {statistics.median(vals):.0f} ms, min {min(vals):.0f}, max {max(vals):.0f} "
              f"(ms after navigation start, {len(vals)} runs)")
    print(f"changes to step through: {stops}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
