"""Build the course: ``lessons_src/NN_slug.py`` -> ``notebooks/`` (students) and ``solutions/``.

    python -m leaky.build               # rebuild lessons whose source or the package changed
    python -m leaky.build --lesson 03   # one lesson (make notebooks LESSON=03)
    python -m leaky.build --force       # everything
    python -m leaky.build --check       # fail if a notebook's cells differ from its source

Sources are jupytext percent files. In a code cell, the lines between ``# BEGIN SOLUTION``
and ``# END SOLUTION`` are the solution. The student version replaces them with the
region's ``# STUB: ...`` lines (uncommented) or, if there are none, with ``...`` and a
comment; the solution version drops the markers and the stub lines. Both versions are
executed in a fresh kernel and saved with their outputs, byte-identical from one build to
the next (stable cell ids, no timings, widget ids derived from the cell).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import copy
import hashlib
import json
import os
import re
import sys
import time
from pathlib import Path

__all__ = ["Lesson", "find_lessons", "make_versions", "build_lesson", "check", "main"]

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = Path(__file__).resolve().parent
BEGIN, END, STUB = "# BEGIN SOLUTION", "# END SOLUTION", "# STUB:"
LESSON_NAME = re.compile(r"^(\d\d)_[a-z0-9_]+\.py$")
VERSIONS = ("notebooks", "solutions")


class BuildError(RuntimeError):
    """A lesson source that cannot be built, or notebooks out of date."""


class Lesson:
    def __init__(self, path: Path, root: Path = ROOT):
        self.path, self.root = path, root
        self.number = path.name[:2]
        self.slug = path.stem

    def output(self, version: str) -> Path:
        return self.root / version / f"{self.slug}.ipynb"

    def __repr__(self):
        return f"Lesson({self.slug})"


def find_lessons(root: Path = ROOT, only: str | None = None) -> list[Lesson]:
    lessons = [Lesson(p, root) for p in sorted((root / "lessons_src").glob("*.py"))
               if LESSON_NAME.match(p.name)]
    if only is not None:
        wanted = [lesson for lesson in lessons if lesson.number == only.zfill(2)]
        if not wanted:
            raise BuildError(f"--lesson must be one of {[x.number for x in lessons]}, "
                             f"got {only!r}")
        return wanted
    return lessons


def _split_solution(source: str, where: str) -> tuple[str, str]:
    """Return (student, solution) sources of one code cell."""
    student, solution, inside, stub, indent = [], [], False, [], ""
    for number, line in enumerate(source.splitlines(), 1):
        stripped = line.strip()
        if stripped == BEGIN:
            if inside:
                raise BuildError(f"{where}: line {number}: {BEGIN} inside another solution")
            inside, stub, indent = True, [], line[: len(line) - len(line.lstrip())]
        elif stripped == END:
            if not inside:
                raise BuildError(f"{where}: line {number}: {END} without {BEGIN}")
            inside = False
            student.extend(stub or [f"{indent}...  # your code here"])
        elif inside and stripped.startswith(STUB):
            stub.append(indent + stripped[len(STUB):].strip())
        elif inside:
            solution.append(line)
        else:
            student.append(line)
            solution.append(line)
    if inside:
        raise BuildError(f"{where}: {BEGIN} without {END}")
    return "\n".join(student), "\n".join(solution)


def _slide_type(cell) -> str:
    if cell.cell_type == "markdown":
        text = cell.source.lstrip()
        if text.startswith("# "):
            return "slide"
        if text.startswith("## "):
            return "subslide"
    return "-"


def make_versions(lesson: Lesson) -> dict:
    """The unexecuted student and solution notebooks of ``lesson``: {version: notebook}."""
    import jupytext
    import nbformat

    source_nb = jupytext.read(lesson.path, fmt="py:percent")
    banner = nbformat.v4.new_markdown_cell(
        f"*Generated from `lessons_src/{lesson.path.name}`. Edit that file, then rebuild "
        f"with `make notebooks LESSON={lesson.number}`; changes made here are overwritten.*",
        metadata={"slideshow": {"slide_type": "skip"}, "tags": ["banner"]})
    versions = {}
    for version in VERSIONS:
        nb = nbformat.v4.new_notebook()
        nb.metadata = {
            "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                           "name": "python3"},
            "language_info": {"name": "python"},
            "leaky": {"source": f"lessons_src/{lesson.path.name}", "version": version},
        }
        cells = [copy.deepcopy(banner)]
        for index, cell in enumerate(source_nb.cells):
            new = copy.deepcopy(cell)
            new.metadata = {k: v for k, v in new.metadata.items() if k != "lines_to_next_cell"}
            if new.cell_type == "code":
                student, solution = _split_solution(new.source, f"{lesson.path.name} cell {index}")
                new.source = student if version == "notebooks" else solution
                new.outputs, new.execution_count = [], None
            new.metadata.setdefault("slideshow", {"slide_type": _slide_type(new)})
            cells.append(new)
        for index, cell in enumerate(cells):
            cell.id = f"{lesson.number}-{index:03d}"
        nb.cells = cells
        versions[version] = nb
    return versions


def _fingerprint(lesson: Lesson) -> str:
    """Hash of what a lesson's notebooks depend on: its source and the package's code."""
    digest = hashlib.sha256(lesson.path.read_bytes())
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _merge_streams(outputs: list) -> list:
    """Join consecutive stdout (or stderr) outputs: how prints are split is a timing accident."""
    merged = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (output.get("output_type") == "stream" and previous is not None
                and previous.get("output_type") == "stream"
                and previous.get("name") == output.get("name")):
            previous["text"] = "".join(previous["text"]) + "".join(output["text"])
        else:
            merged.append(output)
    return merged


def _normalise(nb, lesson: Lesson) -> None:
    """Make outputs byte-stable: stable widget ids, no timings, merged streams."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.metadata.pop("execution", None)
        cell.outputs = _merge_streams(cell.get("outputs", []))
        for index, output in enumerate(cell.get("outputs", [])):
            view = output.get("data", {}).get("application/vnd.jupyter.widget-view+json")
            if view is not None:
                view["model_id"] = hashlib.sha256(
                    f"{cell.id}/{index}".encode()).hexdigest()[:32]
    nb.metadata.pop("widgets", None)
    nb.metadata["language_info"] = {"name": "python", "version": "3"}


def execute(nb, lesson: Lesson, version: str, timeout: int = 600):
    """Run ``nb`` top to bottom in a fresh kernel, in its folder; return it with outputs."""
    from nbclient import NotebookClient

    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(lesson.root / version)}})
    client.execute()
    return nb


#: The kernel's environment while building: the quick profile, quiet TensorFlow, no GPU,
#: fixed hashing. The same variables are set by tests/run_all.sh for nbval.
BUILD_ENV = {"PYTHONHASHSEED": "0", "LEAKY_PROFILE": "quick", "TF_CPP_MIN_LOG_LEVEL": "3",
             "CUDA_VISIBLE_DEVICES": "", "TQDM_DISABLE": "1"}


def build_lesson(lesson: Lesson, force: bool = False, log=print) -> bool:
    """Build both versions of ``lesson`` if needed; return True if anything was rebuilt."""
    import nbformat

    fingerprint = _fingerprint(lesson)
    outputs = {v: lesson.output(v) for v in VERSIONS}
    if not force and all(_built_from(path) == fingerprint for path in outputs.values()):
        log(f"{lesson.slug}: up to date")
        return False
    versions = make_versions(lesson)
    start = time.perf_counter()
    os.environ.update(BUILD_ENV)  # inherited by the kernels
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        futures = {v: pool.submit(execute, nb, lesson, v) for v, nb in versions.items()}
        for version, future in futures.items():
            nb = future.result()
            _normalise(nb, lesson)
            nb.metadata["leaky"]["fingerprint"] = fingerprint
            outputs[version].parent.mkdir(exist_ok=True)
            text = nbformat.writes(nb) + "\n"
            outputs[version].write_text(text, encoding="utf-8")
    log(f"{lesson.slug}: built and executed both versions in {time.perf_counter() - start:.1f} s")
    return True


def _built_from(path: Path) -> str | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))["metadata"]["leaky"]["fingerprint"]
    except (OSError, ValueError, KeyError):
        return None


def _cells_signature(nb) -> list:
    def text(source):
        return source if isinstance(source, str) else "".join(source)
    return [(c["cell_type"], text(c["source"]), c.get("metadata", {}).get("tags", []))
            for c in nb["cells"]]


def check(root: Path = ROOT, only: str | None = None) -> list[str]:
    """Return a list of problems: notebooks missing or whose cells differ from their source."""
    problems = []
    for lesson in find_lessons(root, only):
        expected = make_versions(lesson)
        for version in VERSIONS:
            path = lesson.output(version)
            fix = f"run `make notebooks LESSON={lesson.number}`"
            if not path.exists():
                problems.append(f"{path.relative_to(root)} is missing: {fix}")
                continue
            actual = json.loads(path.read_text(encoding="utf-8"))
            if _cells_signature(actual) != _cells_signature(expected[version]):
                problems.append(f"{path.relative_to(root)} differs from "
                                f"lessons_src/{lesson.path.name} (stale or edited by hand): {fix}")
    lesson_slugs = {lesson.slug for lesson in find_lessons(root)}
    for version in VERSIONS if only is None else ():
        for path in sorted((root / version).glob("*.ipynb")):
            if path.stem not in lesson_slugs:
                problems.append(f"{path.relative_to(root)} has no source in lessons_src/: "
                                "delete it or add its source")
    return problems


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m leaky.build",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--lesson", help="two-digit lesson number, e.g. 03")
    parser.add_argument("--force", action="store_true", help="rebuild even if up to date")
    parser.add_argument("--check", action="store_true",
                        help="only check that notebooks match their sources")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        if args.check:
            problems = check(args.root, args.lesson)
            for problem in problems:
                print(f"error: {problem}", file=sys.stderr)
            if not problems:
                count = len(find_lessons(args.root, args.lesson))
                print(f"notebooks match lessons_src/ ({count} lessons)")
            return 1 if problems else 0
        start = time.perf_counter()
        lessons = find_lessons(args.root, args.lesson)
        for lesson in lessons:
            build_lesson(lesson, force=args.force)
        print(f"{len(lessons)} lesson(s) checked in {time.perf_counter() - start:.1f} s")
    except BuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
