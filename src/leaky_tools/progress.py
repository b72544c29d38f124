"""Your progress: which exercises pass, fail or are not attempted yet, lesson by lesson.

    make progress                                  # your copies in my-work/
    python -m leaky_tools.progress                 # the same
    python -m leaky_tools.progress --notebooks     # the course's notebooks/ instead
    python -m leaky_tools.progress my-work/03_*.ipynb
    python -m leaky_tools.progress --rerun         # run copies of the notebooks first

By default it reads the verdicts that ``check(...)`` printed into the saved notebooks, so
it answers at once, but only for what was saved: save your notebooks first. ``--rerun``
executes a copy of each notebook in memory (slow: lessons 09 to 12 train networks) and
reports what the checks say now. Your notebooks are never written to.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from leaky.course import course_root
from leaky.exercises import FAILED, LABELS, NOT_ATTEMPTED, PASSED
from leaky_tools.build import KERNEL_ARGS

__all__ = ["saved_progress", "rerun_progress", "main", "NOT_RUN"]

NOT_RUN = "not run"
MARKER = "LEAKY-PROGRESS-RESULTS:"
_CHECK = re.compile(r"""check\(\s*["'](\d\d\.\d+)["']""")
_VERDICT = re.compile(r"^(" + "|".join(re.escape(label) for label in LABELS.values())
                      + r") (\d\d\.\d+) ")
_STATUS = {label: status for status, label in LABELS.items()}
_COLLECT = ("import json as _json, leaky.exercises as _ex\n"
            f"print({MARKER!r} + _json.dumps(_ex.results()))")


def _exercise_ids(nb) -> list[str]:
    ids = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            ids.extend(i for i in _CHECK.findall(source) if i not in ids)
    return ids


def _output_text(output) -> str:
    text = output.get("text", "")
    return text if isinstance(text, str) else "".join(text)


def saved_progress(path) -> dict:
    """The verdicts stored in the saved notebook at ``path``: ``{"exercises": {id: status}}``.

    An exercise whose check cell has no verdict in the file (never run, or run but not
    saved) is ``"not run"``.
    """
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    found = {}
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        for output in cell.get("outputs", []):
            for line in _output_text(output).splitlines():
                match = _VERDICT.match(line)
                if match:
                    found[match.group(2)] = _STATUS[match.group(1)]
    exercises = {i: found.get(i, NOT_RUN) for i in _exercise_ids(nb)}
    return {"exercises": dict(sorted(exercises.items())), "error": None}


def rerun_progress(path, timeout: int = 1200) -> dict:
    """Run a copy of the notebook at ``path`` in memory; return the verdicts of its checks.

    Exercises whose check never ran (a cell above failed) are "not run"; ``error`` names
    the first cell that raised, if any.
    """
    import nbformat
    from nbclient import NotebookClient

    path = Path(path)
    nb = nbformat.read(path, as_version=4)  # read only; the copy lives in memory
    expected = _exercise_ids(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    nb.cells.append(nbformat.v4.new_code_cell(_COLLECT))
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                            record_timing=False, extra_arguments=KERNEL_ARGS,
                            resources={"metadata": {"path": str(path.parent.resolve())}})
    client.execute()
    found, error = {}, None
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error" and error is None and cell is not nb.cells[-1]:
                error = f"cell {index}: {output.get('ename')}: {output.get('evalue')}"
            for line in _output_text(output).splitlines():
                if line.startswith(MARKER):
                    found = json.loads(line[len(MARKER):])
    results = {i: NOT_RUN for i in expected}
    results.update(found)
    return {"exercises": dict(sorted(results.items())), "error": error}


def _summary(exercises: dict) -> tuple[int, int, int, int]:
    values = list(exercises.values())
    return (values.count(PASSED), values.count(FAILED), values.count(NOT_ATTEMPTED),
            values.count(NOT_RUN))


def default_folder(root: Path, notebooks: bool = False) -> Path:
    """``my-work/`` if it exists (and ``notebooks`` is False), else ``notebooks/``."""
    workspace = root / "my-work"
    return root / "notebooks" if notebooks or not workspace.is_dir() else workspace


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m leaky_tools.progress",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path,
                        help="notebooks to read (default: every lesson in my-work/)")
    parser.add_argument("--notebooks", action="store_true",
                        help="read the course's notebooks/ instead of my-work/")
    parser.add_argument("--rerun", action="store_true",
                        help="execute a copy of each notebook first (slow)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--root", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    paths = args.paths
    if not paths:
        root = args.root or course_root()
        if root is None:
            parser.error("cannot find the course folder: run from inside it or name notebooks")
        folder = default_folder(root, args.notebooks)
        paths = sorted(folder.glob("[0-9][0-9]_*.ipynb"))
        paths = [p for p in paths if ".update-" not in p.name]
        if not args.json:
            how = "runs a copy of each" if args.rerun else "reads what was saved: save your " \
                                                           "notebooks first (Ctrl+S)"
            print(f"Progress in {folder.name}/ ({how}).")
    report = {}
    columns = ("passed", "failed", "not attempted", "not run")
    if not args.json:
        print(f"{'lesson':40s} " + " ".join(f"{c:>13s}" for c in columns))
    for path in paths:
        try:
            entry = rerun_progress(path) if args.rerun else saved_progress(path)
        except Exception as error:  # a notebook that cannot be read or run: say so, go on
            entry = {"exercises": {}, "error": f"{type(error).__name__}: {error}"}
        report[path.stem] = entry
        if not args.json:
            print(f"{path.stem[:40]:40s} " + " ".join(
                f"{n:13d}" for n in _summary(entry["exercises"])), flush=True)
            for exercise_id, status in entry["exercises"].items():
                if status != PASSED:
                    print(f"    {exercise_id}: {status}")
            if entry["error"]:
                print(f"    note: {entry['error']}")
    totals = [sum(t) for t in zip(*(_summary(e["exercises"]) for e in report.values()),
                                  strict=False)] or [0, 0, 0, 0]
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        print(f"{'total':40s} " + " ".join(f"{n:13d}" for n in totals))
    return 0


if __name__ == "__main__":
    sys.exit(main())
