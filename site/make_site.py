"""Build the course website from the stored notebooks, offline: ``make site``.

    python site/make_site.py                      # students: build/site/
    python site/make_site.py --variant instructor   # + solutions, TEACHING.md

Nothing is executed: the pages show the outputs stored in ``notebooks/`` (and ``solutions/``),
which nbval already checks. The steps:

1. Stage a Sphinx source folder in ``build/site-src/<variant>/``: the home page (the course
   map, generated from ``leaky_tools.coursemap``, never copied by hand), one page per lesson
   (a copy of the notebook whose first cell, the build's banner, becomes a line with the
   lesson's time, prerequisites and its Colab and Binder links; the build's "colab-setup"
   cell is left out), and for instructors the solutions and TEACHING.md.
2. Copy MathJax 3 (``npm pack mathjax@3``, unpacked into ``build/mathjax/`` by the Makefile)
   into the staged ``_static/``: formulas are typeset with no CDN.
3. Run ``sphinx-build`` with MyST-NB and the book theme (``site/conf.py``).

Slides are made by ``site/make_slides.py``. The browser checks are in ``tests/site/``.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
SITE_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "src"))  # leaky_tools, without requiring an installed package

from leaky_tools import coursemap  # noqa: E402

VARIANTS = ("student", "instructor")
COLAB_TAG = "colab-setup"   # the build's first code cell for Colab (leaky_tools.build)
BANNER_TAG = "banner"       # the build's first markdown cell
MATHJAX = ROOT / "build" / "mathjax" / "es5"
# The parts of MathJax's es5/ folder that tex-chtml.js loads (fonts, TeX extensions on
# demand, the menu and its assistive MathML); the speech engine (sre) and the other
# combined bundles are left out (3 MB instead of 24 MB).
MATHJAX_PARTS = ("tex-chtml.js", "output/chtml", "input/tex", "a11y", "ui", "adaptors")

DECK = """\
## Where the course comes from

The course replaces a 15-slide deck, *Leaky ReLU Function in Machine Learning with Python*:
one slide per idea (the function, its definition, an implementation and its derivative,
plots, advantages, a layer, a training loop, a comparison of activations, a CNN on MNIST,
training curves, sentiment analysis on IMDB, tuning alpha, numerical stability, the
frameworks, further reading), each with a short text and a code listing. Each lesson quotes
its slide at the top, so the course stands alone. Where the deck is wrong, the lesson shows
the slide's version, what goes wrong and the fix: the syntax error in slide 6's layer, the
training loop that does not learn XOR (07), `max(alpha*x, x)` for alpha > 1 (02, 13), the
"stability" demo that shows nothing (13), Keras' deprecated `alpha=` argument (09, 11, 14),
the derivative at 0 (03, 14), and the reading list's arXiv link for Maas et al. (2013),
which could not be confirmed to be that paper (15 links the authors' PDF). Where a slide
claims something ("faster convergence",
"prevents dying ReLU", "computationally efficient"), lesson 05 measures it.
"""


def binder_url(repository: str, path: str | None = None, branch: str = "HEAD") -> str:
    """mybinder.org's link that opens JupyterLab on ``path`` (a folder or a notebook)."""
    github = repository.removeprefix("https://github.com/")
    url = f"https://mybinder.org/v2/gh/{github}/{branch}"
    return url if path is None else f"{url}?urlpath={quote('lab/tree/' + path, safe='')}"


def blob_url(repository: str, path: str, branch: str = "main") -> str:
    return f"{repository}/blob/{branch}/{path}"


def lesson_infos() -> list:
    """``coursemap.lessons()``; a lesson whose title cell lacks a field (it is being revised)
    is still published, with what its title cell has, and a warning naming what is missing."""
    infos = []
    for path in sorted((ROOT / "lessons_src").glob("[0-9][0-9]_*.py")):
        try:
            infos.append(coursemap.lesson_info(path))
        except coursemap.CourseMapError as error:
            print(f"warning: {error}; the site shows it with what its title cell has",
                  file=sys.stderr)
            cell = coursemap._title_cell(path)
            def field(pattern, default, cell=cell):
                match = pattern.search(cell)
                return match.group(match.lastindex or 0) if match else default
            title = coursemap._TITLE.search(cell)
            infos.append(coursemap.LessonInfo(
                number=path.name[:2], slug=path.stem,
                title=title.group(2) if title else path.stem[3:].replace("_", " "),
                you_will=field(coursemap._YOU_WILL, ""),
                minutes=int(field(coursemap._TIME, 0)),
                prerequisites=field(coursemap._PREREQ, "not stated yet").rstrip(".")))
    return infos


# --- staging -------------------------------------------------------------------------------
def _source(cell) -> str:
    source = cell.get("source", "")
    return source if isinstance(source, str) else "".join(source)


def _tags(cell) -> list:
    return cell.get("metadata", {}).get("tags", [])


_LINK = re.compile(r"(\]\()([^)\s]+)(\))")


def _rewrite_links(text: str, lesson_files: set[str], folder: str, repository: str) -> str:
    """Relative links in a lesson: to another lesson stay relative (a page of the site);
    to any other file of the repository become a link to the file on GitHub."""
    def fix(match):
        target = match.group(2)
        if re.match(r"^[a-z][a-z0-9+.-]*:|^#|^/", target):
            return match.group(0)
        path, _, anchor = target.partition("#")
        if Path(path).name in lesson_files and "/" not in path.strip("./"):
            return match.group(0)
        resolved = (Path(folder) / path).as_posix()
        parts = []
        for part in resolved.split("/"):
            if part == "..":
                if parts:
                    parts.pop()
            elif part not in ("", "."):
                parts.append(part)
        url = blob_url(repository, "/".join(parts)) + (f"#{anchor}" if anchor else "")
        return f"{match.group(1)}{url}{match.group(3)}"
    return _LINK.sub(fix, text)


def lesson_card(info, total: int, repository: str, version: str) -> str:
    """The line that replaces the build's banner at the top of a lesson page."""
    path = f"{version}/{info.slug}.ipynb"
    who = "Instructor version, with the solutions. " if version == "solutions" else ""
    time_text = f"about {info.minutes} minutes" if info.minutes else "time not stated yet"
    return (f"*{who}Lesson {info.number} of {total} · {time_text} · "
            f"prerequisites: {info.prerequisites}.* "
            f"Run it: [open in Colab]({coursemap.colab_url(repository, path)}) · "
            f"[open in Binder]({binder_url(repository, path)}) · "
            f"[the notebook file]({blob_url(repository, path)}) "
            "(or `make lab` on your own machine).")


def stage_notebook(src: Path, dest: Path, card: str, lesson_files: set[str], folder: str,
                   repository: str) -> dict:
    nb = json.loads(src.read_text(encoding="utf-8"))
    cells = []
    for cell in nb["cells"]:
        tags = _tags(cell)
        if COLAB_TAG in tags:
            continue
        if BANNER_TAG in tags:
            cell = {"cell_type": "markdown", "metadata": {}, "source": card}
        elif cell["cell_type"] == "markdown":
            cell = dict(cell, source=_rewrite_links(_source(cell), lesson_files, folder,
                                                    repository))
        cells.append(cell)
    if not cells or cells[0].get("source") != card:
        cells.insert(0, {"cell_type": "markdown", "metadata": {}, "source": card})
    for index, cell in enumerate(cells):
        cell["id"] = cell.get("id") or f"site-{index:03d}"
        if cell["cell_type"] == "markdown":
            cell.pop("outputs", None)
            cell.pop("execution_count", None)
    nb["cells"] = cells
    nb.setdefault("metadata", {}).pop("widgets", None)
    dest.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return nb


def course_table(infos, repository: str, pages: str) -> str:
    rows = ["| # | lesson | you will | time | prerequisites | run it |",
            "|---|---|---|---|---|---|"]
    for info in infos:
        path = f"notebooks/{info.slug}.ipynb"
        rows.append(
            f"| {info.number} | [{info.title}]({pages}/{info.slug}.ipynb) | {info.you_will} | "
            f"{info.minutes} min | {info.prerequisites} | "
            f"[Colab]({coursemap.colab_url(repository, path)}) · "
            f"[Binder]({binder_url(repository, path)}) |")
    return "\n".join(rows)


def home_page(infos, repository: str, variant: str, teaching: bool) -> str:
    total = sum(info.minutes for info in infos)
    parts = [
        "# Leaky ReLU, hands-on\n",
        "An interactive Jupyter course on the Leaky ReLU activation, from its one-line "
        "definition to CNNs and LSTMs in TensorFlow and PyTorch. Fifteen short lessons; each "
        "has an `alpha` explorer, exercises that answer at once, and outputs that the "
        "course's tests re-check. These pages show each lesson as it runs, with its stored "
        "outputs and the explorers' figures as still images: to move the sliders and do the "
        "exercises, open a lesson in Colab or Binder (links below and at the top of every "
        "lesson) or run `make lab` in "
        f"[a clone of the repository]({repository}).\n",
        f"## The lessons\n\nAbout {total // 60} h {total % 60:02d} min in all. Times, goals "
        "and prerequisites come from each lesson's first cell.\n",
        course_table(infos, repository, "lessons"),
        "",
        DECK,
        "## Pages\n",
        "```{toctree}\n:maxdepth: 1\n:caption: Lessons\n\n"
        + "\n".join(f"lessons/{info.slug}" for info in infos) + "\n```\n",
    ]
    if variant == "instructor":
        toc = (["teaching"] if teaching else []) + [f"solutions/{i.slug}" for i in infos]
        parts.append("```{toctree}\n:maxdepth: 1\n:caption: For instructors\n\n"
                     + "\n".join(toc) + "\n```\n")
    return "\n".join(parts)


def stage(variant: str, dest: Path) -> dict:
    """Write the Sphinx source folder for ``variant``; return what it holds."""
    infos = lesson_infos()
    repository = coursemap.repository_url(ROOT)
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "_static").mkdir(parents=True)
    folders = {"lessons": "notebooks"}
    if variant == "instructor":
        folders["solutions"] = "solutions"
    staged = {}
    for page_folder, version in folders.items():
        (dest / page_folder).mkdir()
        lesson_files = {f"{info.slug}.ipynb" for info in infos}
        for info in infos:
            src = ROOT / version / f"{info.slug}.ipynb"
            if not src.is_file():
                raise SystemExit(f"error: {src.relative_to(ROOT)} is missing: run `make "
                                 f"notebooks LESSON={info.number}` first")
            card = lesson_card(info, len(infos), repository, version)
            stage_notebook(src, dest / page_folder / src.name, card, lesson_files, version,
                           repository)
            staged.setdefault(page_folder, []).append(src.name)
    teaching = variant == "instructor" and (ROOT / "TEACHING.md").is_file()
    if teaching:
        text = (ROOT / "TEACHING.md").read_text(encoding="utf-8")
        (dest / "teaching.md").write_text(_rewrite_links(text, set(), ".", repository),
                                          encoding="utf-8")
    (dest / "index.md").write_text(home_page(infos, repository, variant, teaching),
                                   encoding="utf-8")
    copy_mathjax(dest / "_static" / "mathjax")
    return staged


def copy_mathjax(dest: Path) -> None:
    if not (MATHJAX / "tex-chtml.js").is_file():
        raise SystemExit(f"error: no MathJax in {MATHJAX.relative_to(ROOT)}: run `make site` "
                         "(it unpacks `npm pack mathjax@3` there)")
    for part in MATHJAX_PARTS:
        src = MATHJAX / part
        if src.is_dir():
            shutil.copytree(src, dest / part)
        else:
            (dest / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(src, dest / part)


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variant", choices=VARIANTS, default="student")
    parser.add_argument("--out", type=Path, default=None,
                        help="output folder (default build/site or build/site-instructor)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    src = ROOT / "build" / "site-src" / args.variant
    out = args.out or ROOT / "build" / ("site" if args.variant == "student"
                                        else "site-instructor")
    stage(args.variant, src)
    if out.exists():
        shutil.rmtree(out)
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(SITE_DIR), "-q",
               "-W", "--keep-going", str(src), str(out)]
    result = subprocess.run(command, cwd=ROOT)
    if result.returncode != 0:
        print("error: sphinx-build failed (warnings are errors: see above)", file=sys.stderr)
        return result.returncode
    pages = len([p for p in out.glob("**/*.html") if "_static" not in p.parts])
    count, size = folder_size(out)
    print(f"site ({args.variant}): {out.relative_to(ROOT)}/index.html, {pages} HTML pages, "
          f"{count} files, {size / 1e6:.1f} MB, built in {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
