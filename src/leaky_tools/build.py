"""Build the course: ``lessons_src/NN_slug.py`` -> ``notebooks/`` (students) and ``solutions/``.

    python -m leaky_tools.build               # rebuild lessons that are stale
    python -m leaky_tools.build --lesson 03   # one lesson (make notebooks LESSON=03)
    python -m leaky_tools.build --force       # rebuild even if up to date or edited by hand
    python -m leaky_tools.build --check       # fail if a notebook is stale or edited by hand

Sources are jupytext percent files. In a code cell, the lines between ``# BEGIN SOLUTION``
and ``# END SOLUTION`` are the solution. The student version replaces them with the
region's ``# STUB: ...`` lines (uncommented, their indentation kept) or, if there are none,
with ``...`` and a comment; the solution version drops the markers and the stub lines. Both
versions are executed in a fresh kernel and saved with their outputs, byte-identical from
one build to the next (stable cell ids, no timings, widget ids derived from the cell).

Each notebook stores, in ``metadata.leaky``:

* ``fingerprint``: a hash of everything its outputs depend on (the lesson's source, the
  ``leaky`` package, ``data/*.npz`` and the pinned ``requirements.txt``). ``--check``
  fails when it differs from what it would be now: the stored outputs are stale.
* ``cells``: a hash of each cell as built. A notebook whose cells no longer match them was
  edited by hand; the build refuses to write over it (``--force`` does) and says which
  cells changed.

This is a maintainer's tool, kept out of the ``leaky`` package that lessons import, so that
editing it never makes a lesson stale.
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

import leaky
from leaky.course import course_root

__all__ = ["Lesson", "BuildError", "find_lessons", "make_versions", "build_lesson", "check",
           "fingerprint", "cell_hashes", "main", "VERSIONS", "BUILD_ENV"]

#: The package lessons import, when the course folder has no src/leaky of its own.
PACKAGE = Path(leaky.__file__).resolve().parent
BEGIN, END, STUB = "# BEGIN SOLUTION", "# END SOLUTION", "# STUB:"
LESSON_NAME = re.compile(r"^(\d\d)_[a-z0-9_]+\.py$")
VERSIONS = ("notebooks", "solutions")
COURSE = "Leaky ReLU, hands-on"

#: The kernel's environment while building: the quick profile, quiet TensorFlow, no GPU,
#: fixed hashing. tests/run_all.sh sets the same variables for nbval.
BUILD_ENV = {"PYTHONHASHSEED": "0", "LEAKY_PROFILE": "quick", "TF_CPP_MIN_LOG_LEVEL": "3",
             "CUDA_VISIBLE_DEVICES": "", "TQDM_DISABLE": "1"}


#: Keeps the kernel's own log lines (ipykernel's "Kernel is running over TCP without
#: encryption" warning) out of the build's and progress's output.
KERNEL_ARGS = ["--IPKernelApp.log_level=ERROR"]


class BuildError(RuntimeError):
    """A lesson source that cannot be built, or a notebook the build must not overwrite."""


def default_root() -> Path:
    root = course_root()
    if root is None:
        raise BuildError("cannot find the course folder (the one with lessons_src/): run "
                         "from inside it or pass --root")
    return root


class Lesson:
    def __init__(self, path: Path, root: Path):
        self.path, self.root = path, root
        self.number = path.name[:2]
        self.slug = path.stem

    def output(self, version: str) -> Path:
        return self.root / version / f"{self.slug}.ipynb"

    def __repr__(self):
        return f"Lesson({self.slug})"


def find_lessons(root: Path, only: str | None = None) -> list[Lesson]:
    lessons = [Lesson(p, root) for p in sorted((root / "lessons_src").glob("*.py"))
               if LESSON_NAME.match(p.name)]
    if only is not None:
        wanted = [lesson for lesson in lessons if lesson.number == only.zfill(2)]
        if not wanted:
            raise BuildError(f"--lesson must be one of {[x.number for x in lessons]}, "
                             f"got {only!r}")
        return wanted
    return lessons


# --- the two versions of a lesson ----------------------------------------------------------
def _stub_line(line: str) -> str:
    """``    # STUB:     x = ...`` -> ``        x = ...``: the text after ``# STUB:`` (one
    space dropped) at the marker's own indentation, so nested stubs keep their shape."""
    lead = line[: line.index(STUB)]
    rest = line[line.index(STUB) + len(STUB):]
    return (lead + (rest[1:] if rest.startswith(" ") else rest)).rstrip()


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
            stub.append(_stub_line(line))
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


def banner_text(lesson: Lesson, version: str) -> str:
    """The first cell: who the notebook is for and where work is kept."""
    if version == "solutions":
        return (f"*Instructor version of lesson {lesson.number} of {COURSE}, with the "
                "exercise solutions. Students work in the version without them.*")
    return (f"*Lesson {lesson.number} of {COURSE}. Run it from the top; your answers go "
            "in the exercise cells. On your own machine `make lab` gives you a copy of your "
            "own in `my-work/`, which course updates never overwrite.*")


#: The tag of the first code cell: in Colab (or any Jupyter without the course installed) it
#: fetches the course package; where ``leaky`` imports, it does nothing and prints nothing.
COLAB_TAG = "colab-setup"
COLAB_FOLDER = "leaky-relu-course"


def _repository_url(root: Path) -> str | None:
    """``[project.urls] Repository`` of the course's pyproject.toml (the one place it is
    written); the checkout of these tools if ``root`` (a copy of a course) has none."""
    from leaky_tools.coursemap import repository_url

    for folder in (root, Path(__file__).resolve().parents[2]):
        try:
            return repository_url(folder)
        except (OSError, KeyError):
            continue
    return None


def colab_setup_source(url: str) -> str:
    return f"""\
# Colab, or a Jupyter without the course: install the course package (a no-op elsewhere).
try:
    import leaky
except ModuleNotFoundError:
    import os
    import subprocess
    import sys

    url = os.environ.get("LEAKY_REPOSITORY_URL", "{url}")
    folder = os.path.abspath("{COLAB_FOLDER}")
    if not os.path.isdir(folder):
        subprocess.run(["git", "clone", "--quiet", "--depth", "1", url, folder], check=True)
    # Editable: after a restart of the kernel, leaky imports from the clone's src/ and finds
    # the clone's data/ from there (leaky.course.course_root).
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "-e", folder],
                   check=True)
    os.environ["LEAKY_COURSE_ROOT"] = folder  # data/ and requirements.txt are found there
    sys.path.insert(0, os.path.join(folder, "src"))  # this kernel imports it without a restart
    import leaky

    print(f"Installed the course package from {{url}} in {{folder}}.")"""


def make_versions(lesson: Lesson) -> dict:
    """The unexecuted student and solution notebooks of ``lesson``: {version: notebook}."""
    import jupytext
    import nbformat

    source_nb = jupytext.read(lesson.path, fmt="py:percent")
    versions = {}
    for version in VERSIONS:
        nb = nbformat.v4.new_notebook()
        nb.metadata = {
            "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                           "name": "python3"},
            "language_info": {"name": "python"},
            "leaky": {"source": f"lessons_src/{lesson.path.name}", "version": version},
        }
        banner = nbformat.v4.new_markdown_cell(
            banner_text(lesson, version),
            metadata={"slideshow": {"slide_type": "skip"}, "tags": ["banner"]})
        cells = [banner]
        for index, cell in enumerate(source_nb.cells):
            new = copy.deepcopy(cell)
            new.metadata = {k: v for k, v in new.metadata.items() if k != "lines_to_next_cell"}
            if new.cell_type == "code":
                student, solution = _split_solution(new.source, f"{lesson.path.name} cell {index}")
                new.source = student if version == "notebooks" else solution
                new.outputs, new.execution_count = [], None
            new.metadata.setdefault("slideshow", {"slide_type": _slide_type(new)})
            cells.append(new)
        url = _repository_url(lesson.root)
        first_code = next((i for i, c in enumerate(cells) if c.cell_type == "code"), None)
        if url is not None and first_code is not None:
            cells.insert(first_code, nbformat.v4.new_code_cell(
                colab_setup_source(url),
                metadata={"slideshow": {"slide_type": "skip"}, "tags": [COLAB_TAG]}))
        for index, cell in enumerate(cells):
            cell.id = f"{lesson.number}-{index:03d}"
        nb.cells = cells
        versions[version] = nb
    return versions


# --- fingerprints and hand edits -----------------------------------------------------------
def fingerprint(lesson: Lesson) -> str:
    """Hash of what a lesson's stored outputs depend on: its source, the ``leaky`` package
    (every module: lessons import it), the data files and the pinned requirements."""
    digest = hashlib.sha256(lesson.path.read_bytes())
    package = lesson.root / "src" / "leaky"
    package = package if package.is_dir() else PACKAGE
    inputs = [(f"leaky/{p.relative_to(package).as_posix()}", p)
              for p in sorted(package.rglob("*.py"))]
    inputs += [(f"data/{p.name}", p) for p in sorted((lesson.root / "data").glob("*.npz"))]
    requirements = lesson.root / "requirements.txt"
    if requirements.is_file():
        inputs.append(("requirements.txt", requirements))
    for name, path in inputs:
        digest.update(name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _text(source) -> str:
    return source if isinstance(source, str) else "".join(source)


def cell_hashes(nb) -> list[str]:
    """One short hash per cell of what a person can edit: type, source and tags."""
    return [hashlib.sha256(json.dumps(
        [c["cell_type"], _text(c["source"]), c.get("metadata", {}).get("tags", [])]
    ).encode()).hexdigest()[:12] for c in nb["cells"]]


def _stored(nb) -> dict:
    return nb.get("metadata", {}).get("leaky", {})


def edited_cells(nb) -> list[int] | None:
    """Indices of cells that differ from the build's record, or None if there is no record."""
    recorded = _stored(nb).get("cells")
    if recorded is None:
        return None
    now = cell_hashes(nb)
    changed = [i for i, (a, b) in enumerate(zip(now, recorded, strict=False)) if a != b]
    longer = range(min(len(now), len(recorded)), max(len(now), len(recorded)))
    return changed + list(longer)


def _read(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _describe_edits(path: Path, cells: list[int], root: Path) -> str:
    shown = ", ".join(str(i) for i in cells[:8]) + (" ..." if len(cells) > 8 else "")
    return (f"{path.relative_to(root)} was edited by hand (cells {shown} differ from what the "
            "build wrote)")


# --- executing -----------------------------------------------------------------------------
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


def _normalise(nb) -> None:
    """Make outputs byte-stable: stable widget ids, no timings, merged streams.

    ``language_info`` is kept as the kernel reported it, so that JupyterLab, which fills it
    in on opening, finds nothing to change and does not mark a fresh lesson as edited.
    """
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


def execute(nb, folder: Path, timeout: int = 1200):
    """Run ``nb`` top to bottom in a fresh kernel, in ``folder``; return it with outputs."""
    from nbclient import NotebookClient

    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                            extra_arguments=KERNEL_ARGS,
                            resources={"metadata": {"path": str(folder)}})
    client.execute()
    return nb


def _refuse_hand_edits(lesson: Lesson) -> None:
    problems = []
    for version in VERSIONS:
        path = lesson.output(version)
        nb = _read(path) if path.exists() else None
        cells = edited_cells(nb) if nb is not None else None
        if cells:
            problems.append(_describe_edits(path, cells, lesson.root))
    if problems:
        raise BuildError("; ".join(problems) + ". The build would overwrite these edits: "
                         f"move them into lessons_src/{lesson.path.name} (or to your own copy "
                         "in my-work/), or rebuild with --force to discard them.")


def build_lesson(lesson: Lesson, force: bool = False, log=print) -> bool:
    """Build both versions of ``lesson`` if stale; return True if anything was rebuilt.

    Refuses (BuildError) to write over a notebook edited by hand, unless ``force``.
    """
    import nbformat

    current = fingerprint(lesson)
    outputs = {v: lesson.output(v) for v in VERSIONS}
    stored = {v: _stored(_read(p) or {}).get("fingerprint") for v, p in outputs.items()}
    if not force and all(fp == current for fp in stored.values()) and not check(
            lesson.root, lesson.number):
        log(f"{lesson.slug}: up to date")
        return False
    if not force:
        _refuse_hand_edits(lesson)
    versions = make_versions(lesson)
    start = time.perf_counter()
    os.environ.update(BUILD_ENV)  # inherited by the kernels
    for path in outputs.values():
        path.parent.mkdir(exist_ok=True)
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        futures = {v: pool.submit(execute, nb, lesson.root / v) for v, nb in versions.items()}
        for version, future in futures.items():
            nb = future.result()
            _normalise(nb)
            nb.metadata["leaky"]["fingerprint"] = current
            nb.metadata["leaky"]["cells"] = cell_hashes(nb)
            outputs[version].write_text(nbformat.writes(nb) + "\n", encoding="utf-8")
    log(f"{lesson.slug}: built and executed both versions in {time.perf_counter() - start:.1f} s")
    return True


# --- checking ------------------------------------------------------------------------------
def _cells_signature(nb) -> list:
    return [(c["cell_type"], _text(c["source"]), c.get("metadata", {}).get("tags", []))
            for c in nb["cells"]]


def check(root: Path, only: str | None = None) -> list[str]:
    """Problems with the built notebooks: missing, edited by hand, cells that differ from
    their source, or outputs made from an older package, data or requirements."""
    problems = []
    for lesson in find_lessons(root, only):
        expected = make_versions(lesson)
        current = fingerprint(lesson)
        fix = f"run `make notebooks LESSON={lesson.number}`"
        for version in VERSIONS:
            path = lesson.output(version)
            shown = path.relative_to(root)
            actual = _read(path)
            if actual is None:
                problems.append(f"{shown} is missing or unreadable: {fix}")
                continue
            cells = edited_cells(actual)
            if cells:
                problems.append(f"{_describe_edits(path, cells, root)}: move the change into "
                                f"lessons_src/{lesson.path.name}, then {fix} (with --force "
                                "to discard the edits)")
            elif _cells_signature(actual) != _cells_signature(expected[version]):
                problems.append(f"{shown} differs from lessons_src/{lesson.path.name}: {fix}")
            elif _stored(actual).get("fingerprint") != current:
                problems.append(f"{shown} has outputs made from an older lesson source, "
                                f"package, data or requirements.txt: {fix}")
    lesson_slugs = {lesson.slug for lesson in find_lessons(root)}
    for version in VERSIONS if only is None else ():
        for path in sorted((root / version).glob("*.ipynb")):
            if path.stem not in lesson_slugs:
                problems.append(f"{path.relative_to(root)} has no source in lessons_src/: "
                                "delete it or add its source")
    return problems


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m leaky_tools.build",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--lesson", help="two-digit lesson number, e.g. 03")
    parser.add_argument("--force", action="store_true",
                        help="rebuild even if up to date, and over notebooks edited by hand")
    parser.add_argument("--check", action="store_true",
                        help="only check that the notebooks are up to date and unedited")
    parser.add_argument("--root", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        root = args.root or default_root()
        if args.check:
            problems = check(root, args.lesson)
            for problem in problems:
                print(f"error: {problem}", file=sys.stderr)
            if not problems:
                count = len(find_lessons(root, args.lesson))
                print(f"notebooks are up to date with lessons_src/, the package, data and "
                      f"requirements ({count} lessons)")
            return 1 if problems else 0
        start = time.perf_counter()
        lessons = find_lessons(root, args.lesson)
        for lesson in lessons:
            build_lesson(lesson, force=args.force)
        print(f"{len(lessons)} lesson(s) checked in {time.perf_counter() - start:.1f} s")
    except BuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
