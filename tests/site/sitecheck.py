"""Shared pieces of the website and slides checks (``make test-site``); conftest.py makes
its ``browser`` fixture available.

Each check serves a built folder with ``python -m http.server`` on 127.0.0.1 and opens it in
Debian's headless Chromium (``LEAKY_CHROMIUM`` for another binary, as in tests/browser),
driven by Playwright. Every request the pages make is counted; one that leaves 127.0.0.1 is
aborted, recorded, and fails the check.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("LEAKY_CHROMIUM", "/usr/bin/chromium")


def _lab_flags() -> list[str]:
    """The Chromium flags of tests/browser/test_lab.py (one list for every browser test)."""
    spec = importlib.util.spec_from_file_location(
        "_leaky_test_lab", ROOT / "tests" / "browser" / "test_lab.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.CHROMIUM_FLAGS)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """``python -m http.server`` on 127.0.0.1 serving ``folder``."""

    def __init__(self, folder: Path):
        self.folder, self.port = folder, free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(self.port), "--bind", "127.0.0.1",
             "--directory", str(folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(self.base + "/", timeout=2)
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"http.server did not start for {folder}") from None
                time.sleep(0.2)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


class Requests:
    """Every request of a browser context: local ones go through, others are aborted."""

    def __init__(self):
        self.local, self.outside, self.failed = 0, [], []

    def route(self, route):
        host = urlparse(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            self.local += 1
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def on_response(self, response):
        if response.status >= 400 and urlparse(response.url).hostname == "127.0.0.1":
            self.failed.append(f"{response.status} {response.url}")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"SITE CHECK SKIPPED: no Chromium at {CHROMIUM} (apt-get install -y "
                    "chromium, or set LEAKY_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("SITE CHECK SKIPPED: playwright is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=_lab_flags())
        yield browser
        browser.close()


def new_context(browser, viewport=(1280, 800)):
    """A browser context whose requests are counted (``context.requests``)."""
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    requests = Requests()
    context.route("**/*", requests.route)
    context.on("response", requests.on_response)
    context.on("requestfailed",
               lambda request: requests.failed.append(f"failed {request.url}")
               if urlparse(request.url).hostname == "127.0.0.1" else None)
    context.requests = requests
    return context


def serve(folder: Path):
    if not (folder / "index.html").is_file() and not list(folder.glob("*.html")):
        pytest.fail(f"{folder.relative_to(ROOT)} is not built: run `make test-site` (or "
                    "`make site` / `make slides`) first")
    return Server(folder)


# JavaScript run in the pages: text left as TeX after MathJax ran (outside code).
RAW_TEX_JS = r"""
() => {
  const skip = new Set(["SCRIPT", "STYLE", "PRE", "CODE", "TEXTAREA", "MJX-CONTAINER",
                        "MJX-ASSISTIVE-MML", "NOSCRIPT"]);
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    let el = node.parentElement, inside = false;
    while (el) {
      if (skip.has(el.tagName) || el.classList.contains("highlight")
          || el.classList.contains("jp-OutputArea-output") || el.classList.contains("output")) {
        inside = true; break;
      }
      el = el.parentElement;
    }
    if (inside) continue;
    const text = node.textContent;
    if (/\\\(|\\\[|\$\$|\$[^$\s][^$]*\$|\\begin\{/.test(text)) found.push(text.trim().slice(0, 80));
  }
  return found;
}
"""

MATHJAX_DONE_JS = """
async () => {
  if (!window.MathJax) return -1;
  for (let i = 0; i < 100 && !(window.MathJax.startup && window.MathJax.startup.promise); i++)
    await new Promise(r => setTimeout(r, 100));
  if (window.MathJax.startup && window.MathJax.startup.promise)
    await window.MathJax.startup.promise;
  return document.querySelectorAll("mjx-container").length;
}
"""
