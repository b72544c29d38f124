"""The course website of ``make site`` (build/site/, and build/site-instructor/ when built).

Served by ``python -m http.server`` on 127.0.0.1 and crawled in headless Chromium from the
home page: every page reachable by a link loads (HTTP 200, no JavaScript error); no image is
broken; every internal link leads to a page or file that exists, and its #anchor to an
element of that page; every formula is typeset (no TeX left in the text, one MathJax output
per formula of the page); Sphinx's search finds a lesson; no request leaves 127.0.0.1 (every
request is counted; one that would leave is aborted and fails the test). The student site
holds no solution and no instructor page.
"""

from __future__ import annotations

import json
import urllib.request
from urllib.parse import urldefrag, urlparse

import pytest
from sitecheck import MATHJAX_DONE_JS, RAW_TEX_JS, ROOT, new_context, serve

pytestmark = [pytest.mark.browser, pytest.mark.site]

SITES = {"student": ROOT / "build" / "site", "instructor": ROOT / "build" / "site-instructor"}

PAGE_JS = """
() => ({
  links: [...document.querySelectorAll("a[href]")].map(a => a.href),
  images: [...document.querySelectorAll("img")].map(img => ({
    src: img.currentSrc || img.src, ok: img.complete && img.naturalWidth > 0})),
  ids: [...document.querySelectorAll("[id]")].map(e => e.id),
  math: document.querySelectorAll(".math, span.math, div.math").length,
  title: document.title,
})
"""


def _variants():
    built = [name for name, folder in SITES.items() if (folder / "index.html").is_file()]
    return built or ["student"]  # fails with "not built" rather than passing silently


@pytest.mark.parametrize("variant", _variants())
def test_site_pages_links_images_math_offline(browser, variant):
    folder = SITES[variant]
    server = serve(folder)
    context = new_context(browser)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    base = server.base + "/"
    todo, seen, pages = [base + "index.html"], set(), {}
    anchors, files, broken_images, raw_tex, untypeset = [], set(), [], [], []
    typeset_total = 0
    try:
        while todo:
            url = todo.pop(0)
            if url in seen:
                continue
            seen.add(url)
            response = page.goto(url, wait_until="load")
            assert response is not None and response.status == 200, f"{url}: {response}"
            page.wait_for_function("() => [...document.images].every(i => i.complete)",
                                   timeout=20_000)
            typeset = page.evaluate(MATHJAX_DONE_JS)
            info = page.evaluate(PAGE_JS)
            pages[url] = info
            typeset_total += max(typeset, 0)
            if info["math"] and typeset < info["math"]:
                untypeset.append(f"{url}: {info['math']} formulas, {typeset} typeset")
            raw_tex += [f"{url}: {text}" for text in page.evaluate(RAW_TEX_JS)]
            broken_images += [f"{url}: {img['src'][:80]}" for img in info["images"]
                              if not img["ok"]]
            for link in info["links"]:
                target, fragment = urldefrag(link)
                if urlparse(target).hostname != "127.0.0.1":
                    continue
                if fragment:
                    anchors.append((url, target, fragment))
                if target.endswith(".html") or target.endswith("/"):
                    target = target + "index.html" if target.endswith("/") else target
                    if target not in seen:
                        todo.append(target)
                else:
                    files.add(target)
        missing_files = []
        for target in sorted(files):
            try:
                urllib.request.urlopen(target, timeout=10)
            except OSError as error:
                missing_files.append(f"{target}: {error}")
        missing_anchors = [f"{src} -> {target}#{fragment}" for src, target, fragment in anchors
                           if target in pages and fragment not in pages[target]["ids"]]
        search = search_finds(page, base)
    finally:
        requests = context.requests
        context.close()
        server.stop()
    lesson_pages = [u for u in pages if "/lessons/" in u]
    solution_pages = [u for u in pages if "/solutions/" in u]
    print(f"\nsite ({variant}): {len(pages)} pages ({len(lesson_pages)} lessons, "
          f"{len(solution_pages)} solutions), {len(files)} other files linked, "
          f"{sum(len(p['images']) for p in pages.values())} images, {typeset_total} formulas "
          f"typeset, {len(anchors)} anchors; search for 'dying' found {search} pages; "
          f"requests: {requests.local} to 127.0.0.1, {len(requests.outside)} outside")
    assert not requests.outside, f"requests left the machine: {requests.outside[:5]}"
    assert not requests.failed, f"failed requests: {requests.failed[:5]}"
    assert not errors, f"JavaScript errors: {errors[:3]}"
    assert not broken_images, f"broken images: {broken_images[:5]}"
    assert not missing_files, f"broken links: {missing_files[:5]}"
    assert not missing_anchors, f"links to missing anchors: {missing_anchors[:5]}"
    assert not untypeset, untypeset[:3]
    assert not raw_tex, f"TeX left untypeset: {raw_tex[:3]}"
    assert len(lesson_pages) == 15, sorted(lesson_pages)
    assert search > 0, "Sphinx's search found nothing for 'dying'"
    if variant == "student":
        assert not solution_pages and not any(u.endswith("/teaching.html") for u in pages)
    else:
        assert len(solution_pages) == 15
        assert any(u.endswith("/teaching.html") for u in pages)


def search_finds(page, base: str) -> int:
    """Sphinx's own search (searchindex.js, no server): the number of results for 'dying'."""
    page.goto(base + "search.html?q=dying", wait_until="load")
    page.wait_for_function(
        "() => document.querySelectorAll('#search-results li').length > 0 || "
        "(document.querySelector('#search-results p') || {}).textContent", timeout=30_000)
    return page.evaluate("() => document.querySelectorAll('#search-results li').length")


def test_student_site_has_no_solutions():
    """The student pages are made from notebooks/: no solution cell, no instructor page."""
    folder = SITES["student"]
    if not (folder / "index.html").is_file():
        pytest.fail("build/site is not built: run make site")
    assert not (folder / "solutions").exists()
    assert not (folder / "teaching.html").exists()
    staged = sorted((ROOT / "build" / "site-src" / "student" / "lessons").glob("*.ipynb"))
    assert len(staged) == 15
    for path in staged:
        page = json.loads(path.read_text(encoding="utf-8"))
        assert page["metadata"]["leaky"]["version"] == "notebooks", path.name
        on_page = {_text(c["source"]) for c in page["cells"]}
        student = json.loads((ROOT / "notebooks" / path.name).read_text(encoding="utf-8"))
        solution = json.loads((ROOT / "solutions" / path.name).read_text(encoding="utf-8"))
        stub = {c.get("id"): _text(c["source"]) for c in student["cells"]}
        answers = [_text(c["source"]) for c in solution["cells"] if c["cell_type"] == "code"
                   and stub.get(c.get("id"), _text(c["source"])) != _text(c["source"])]
        assert answers, f"{path.name}: no exercise found (solutions/ and notebooks/ agree)"
        assert not [a for a in answers if a in on_page], f"{path.name} shows a solution"


def _text(source) -> str:
    return source if isinstance(source, str) else "".join(source)
