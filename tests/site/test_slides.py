"""The slides of ``make slides`` (build/slides/), as an instructor presents them.

Every deck in headless Chromium at 1280x720, served from 127.0.0.1: every slide's content
fits the slide (reveal.js is set to 1280x720 and scales that to the window, so no slide may
be taller than 720 of its pixels), every formula is typeset by the local MathJax, and no
request leaves the machine. Prints the tallest slide of each deck.
"""

from __future__ import annotations

import pytest
from sitecheck import MATHJAX_DONE_JS, RAW_TEX_JS, ROOT, new_context, serve

pytestmark = [pytest.mark.browser, pytest.mark.site]

SLIDES = ROOT / "build" / "slides"
DECKS = sorted(p.name for p in SLIDES.glob("[0-9][0-9]_*.slides.html"))

MEASURE_JS = """
async () => {
  const height = Reveal.getConfig().height;
  const result = [];
  for (const slide of Reveal.getSlides()) {
    const {h, v} = Reveal.getIndices(slide);
    Reveal.slide(h, v);
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    result.push({h, v: v || 0, height: slide.scrollHeight, limit: height});
  }
  return result;
}
"""


@pytest.fixture(scope="module")
def slides_server():
    server = serve(SLIDES)
    yield server
    server.stop()


def test_slides_are_built():
    assert len(DECKS) >= 15, f"expected 15 decks in {SLIDES}, found {DECKS}: run make slides"


@pytest.mark.parametrize("deck", DECKS)
def test_every_slide_fits_offline(browser, slides_server, deck):
    context = new_context(browser, viewport=(1280, 720))
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{slides_server.base}/{deck}", wait_until="load")
    page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=30_000)
    typeset = page.evaluate(MATHJAX_DONE_JS)
    raw = page.evaluate(RAW_TEX_JS)
    heights = page.evaluate(MEASURE_JS)
    requests = context.requests
    context.close()
    tallest = max(heights, key=lambda s: s["height"])
    too_tall = [f"slide {s['h'] + 1}.{s['v'] + 1}: {s['height']} px" for s in heights
                if s["height"] > s["limit"]]
    print(f"\n{deck}: {len(heights)} slides, tallest {tallest['height']} px of "
          f"{tallest['limit']} (slide {tallest['h'] + 1}.{tallest['v'] + 1}), "
          f"{typeset} formulas typeset, requests: {requests.local} to 127.0.0.1, "
          f"{len(requests.outside)} outside")
    assert not requests.outside, f"requests left the machine: {requests.outside[:5]}"
    assert not requests.failed, f"failed requests: {requests.failed[:5]}"
    assert not errors, f"JavaScript errors: {errors[:3]}"
    assert typeset >= 0, "MathJax did not load"
    assert not raw, f"TeX left untypeset: {raw[:3]}"
    assert not too_tall, f"slides taller than the screen: {too_tall}"
