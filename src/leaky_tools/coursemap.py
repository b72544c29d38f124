"""The course map: one table of the lessons, generated from their title cells.

    python -m leaky_tools.coursemap            # rewrite README.md's map and TEACHING.md's headings
    python -m leaky_tools.coursemap --check    # fail if either disagrees with the lessons

Each lesson's first markdown cell is the single source of its title, what the student will
do, its time and its prerequisites (format: ``lessons_src/README.md``). README.md holds the
map between ``<!-- course-map:start -->`` and ``<!-- course-map:end -->``; TEACHING.md has a
heading ``### NN · Title (N min)`` per lesson. Both are rewritten from the lessons, so they
cannot drift apart. The "open in Colab" links use the repository URL defined once in
``pyproject.toml`` (``[project.urls] Repository``).
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from leaky.course import course_root

__all__ = ["LessonInfo", "lesson_info", "lessons", "repository_url", "colab_url",
           "course_map", "render", "main", "START", "END"]

START, END = "<!-- course-map:start -->", "<!-- course-map:end -->"
_TITLE = re.compile(r"^#\s+(\d\d)\s+·\s+(.+?)\s*$", re.M)
_YOU_WILL = re.compile(r"^\*\*You will:\*\*\s+(.+?)\s*$", re.M)
_TIME = re.compile(r"\*\*Time:\*\*\s+about\s+(\d+)\s+minutes", re.I)
_PREREQ = re.compile(r"\*\*Prerequisites:\*\*\s+(.+?)(?:\n\s*\n|\Z)", re.S)
_TEACHING_HEADING = re.compile(r"^### (\d\d) · .*$", re.M)


class CourseMapError(ValueError):
    """A lesson's title cell lacks a field the course map needs."""


@dataclass(frozen=True)
class LessonInfo:
    number: str
    slug: str
    title: str
    you_will: str
    minutes: int
    prerequisites: str


def _title_cell(path: Path) -> str:
    """The first markdown cell of a jupytext percent file, without the comment marks."""
    lines, inside = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# %%"):
            if inside:
                break
            inside = "[markdown]" in line
            continue
        if inside:
            lines.append(line[2:] if line.startswith("# ") else line.lstrip("#"))
    return "\n".join(lines)


def lesson_info(path: Path) -> LessonInfo:
    """Read the title cell of ``lessons_src/NN_slug.py``; raise naming what is missing."""
    cell = _title_cell(path)
    found = {}
    for field, pattern in (("title", _TITLE), ("You will", _YOU_WILL), ("Time", _TIME),
                           ("Prerequisites", _PREREQ)):
        match = pattern.search(cell)
        if match is None:
            raise CourseMapError(f"{path.name}: the title cell has no {field!r} line "
                                 "(format: lessons_src/README.md)")
        found[field] = match
    title = found["title"]
    if title.group(1) != path.name[:2]:
        raise CourseMapError(f"{path.name}: the title says lesson {title.group(1)}")
    # The whole paragraph, joined, up to the end of its first sentence.
    paragraph = " ".join(found["Prerequisites"].group(1).split())
    prerequisites = re.split(r"(?<=[.;])\s", paragraph, maxsplit=1)[0]
    return LessonInfo(number=path.name[:2], slug=path.stem, title=title.group(2),
                      you_will=found["You will"].group(1),
                      minutes=int(found["Time"].group(1)),
                      prerequisites=prerequisites.rstrip(".;"))


def lessons(root: Path) -> list[LessonInfo]:
    return [lesson_info(p) for p in sorted((root / "lessons_src").glob("[0-9][0-9]_*.py"))]


def repository_url(root: Path) -> str:
    """``[project.urls] Repository`` of pyproject.toml: the one place the URL is written."""
    with (root / "pyproject.toml").open("rb") as file:
        project = tomllib.load(file)["project"]
    return project["urls"]["Repository"].rstrip("/")


def colab_url(repository: str, path: str, branch: str = "main") -> str:
    """Colab's link to open a notebook of a GitHub repository."""
    github = repository.removeprefix("https://github.com/")
    return f"https://colab.research.google.com/github/{github}/blob/{branch}/{path}"


def course_map(root: Path) -> str:
    """The README's course map, as a markdown table."""
    repository = repository_url(root)
    rows = ["| # | lesson | you will | time | after | student | solution | Colab |",
            "|---|---|---|---|---|---|---|---|"]
    for info in lessons(root):
        student = f"notebooks/{info.slug}.ipynb"
        rows.append(
            f"| {info.number} | {info.title} | {info.you_will} | {info.minutes} min | "
            f"{info.prerequisites} | [notebook]({student}) | "
            f"[solution](solutions/{info.slug}.ipynb) | "
            f"[open]({colab_url(repository, student)}) |")
    total = sum(info.minutes for info in lessons(root))
    rows.append("")
    rows.append(f"About {total // 60} h {total % 60:02d} min in all. Times, goals and "
                "prerequisites come from each lesson's first cell "
                "(`python -m leaky_tools.coursemap` rewrites this table).")
    return "\n".join(rows)


def _replace_between(text: str, body: str, where: str) -> str:
    if START not in text or END not in text:
        raise CourseMapError(f"{where} has no {START} ... {END} markers")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{body}\n{END}{tail}"


def _teaching_headings(text: str, infos: list[LessonInfo]) -> str:
    by_number = {info.number: info for info in infos}

    def heading(match):
        info = by_number.get(match.group(1))
        return match.group(0) if info is None else (
            f"### {info.number} · {info.title} ({info.minutes} min)")
    return _TEACHING_HEADING.sub(heading, text)


def render(root: Path) -> dict[Path, str]:
    """The new text of README.md and TEACHING.md: ``{path: text}``."""
    readme, teaching = root / "README.md", root / "TEACHING.md"
    infos = lessons(root)
    return {readme: _replace_between(readme.read_text(encoding="utf-8"), course_map(root),
                                     "README.md"),
            teaching: _teaching_headings(teaching.read_text(encoding="utf-8"), infos)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m leaky_tools.coursemap",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="fail if README.md or TEACHING.md disagree with the lessons")
    parser.add_argument("--root", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    root = args.root or course_root()
    try:
        texts = render(root)
    except CourseMapError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    stale = [path for path, text in texts.items() if path.read_text(encoding="utf-8") != text]
    if args.check:
        for path in stale:
            print(f"error: {path.name} disagrees with the lessons' title cells: run "
                  "`python -m leaky_tools.coursemap`", file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        path.write_text(texts[path], encoding="utf-8")
        print(f"rewrote {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
