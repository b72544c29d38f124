"""Sphinx configuration of the course website (``make site``; ``site/make_site.py`` stages the
source folder and runs sphinx-build with ``-c site``).

MyST-NB reads the notebooks without executing them (their stored outputs are what nbval
checks); the book theme lays them out; MathJax 3 is served from the site itself; Sphinx's
own search index works offline.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from leaky_tools.coursemap import repository_url  # noqa: E402

project = "Leaky ReLU, hands-on"
author = "the course's authors"
copyright = "the course's authors, MIT License"
html_title = project
extensions = ["myst_nb"]
exclude_patterns = ["_build", "**.ipynb_checkpoints"]

# --- notebooks: shown as stored, never executed -------------------------------------------
nb_execution_mode = "off"
# An explorer's output holds a widget view (live only in a kernel) and the PNG the build
# stored with it: the site shows the PNG. No widget JavaScript (it would come from a CDN).
nb_mime_priority_overrides = [("html", "application/vnd.jupyter.widget-view+json", None)]
nb_ipywidgets_js = {}
nb_merge_streams = True
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_heading_anchors = 3

# --- MathJax 3 from the site's own _static/mathjax (copied there by make_site.py) ----------
mathjax_path = "mathjax/tex-chtml.js"
mathjax3_config = {
    "options": {"processHtmlClass": "tex2jax_process|mathjax_process|math|output_area"},
}

# --- the theme: no outside request (no analytics, no web fonts, no launch buttons that
# fetch anything; the lesson pages carry their own Colab and Binder links) --------------
html_theme = "sphinx_book_theme"
# site/_static (the course's CSS) and the staged source's _static (MathJax).
html_static_path = ["_static"]
html_css_files = ["leaky.css"]
html_theme_options = {
    "repository_url": repository_url(ROOT),
    "use_repository_button": True,
    "use_download_button": True,
    "home_page_in_toc": True,
    "show_toc_level": 2,
    "navigation_with_keys": False,
}
html_show_sourcelink = False
html_last_updated_fmt = None
# Heading levels that skip one (## then ####) are the lessons' style choice, not an error.
suppress_warnings = ["mystnb.unknown_mime_type", "myst.header"]


def _add_staged_static(app):
    staged = Path(app.srcdir) / "_static"
    if staged.is_dir():
        app.config.html_static_path.append(str(staged))


def setup(app):
    app.connect("builder-inited", _add_staged_static)
