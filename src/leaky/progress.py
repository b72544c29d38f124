"""Your progress: which exercises pass, fail or are not attempted yet, lesson by lesson.

    make progress                              # every notebook in notebooks/
    python -m leaky.progress                   # the same
    python -m leaky.progress notebooks/03_*.ipynb

Each notebook is read with nbformat and a copy is executed in memory (nbclient, in the
notebook's folder, errors allowed so one broken cell does not hide the rest). A last cell
appended to the copy prints ``leaky.exercises.results()`` as JSON. Your notebooks are never
written to.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from .exercises import FAILED, NOT_ATTEMPTED, PASSED

__all__ = ["lesson_progress", "main", "MARKER"]

ROOT = Path(__file__).resolve().parents[2]
MARKER = "LEAKY-PROGRESS-RESULTS:"
_CHECK = re.compile(r"""check\(\s*["'](\d\d\.\d+)["']""")
_COLLECT = ("import json as _json, leaky.exercises as _ex\n"
            f"print({MARKER!r} + _json.dumps(_ex.results()))")


def _exercise_ids(nb) -> list[str]:
    ids = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            ids.extend(i for i in _CHECK.findall(cell.source) if i not in ids)
    return ids


def lesson_progress(path, timeout: int = 600) -> dict:
    """Run a copy of the notebook at ``path``; return ``{"exercises": {id: status}, ...}``.

    Exercises whose check never ran (a cell above failed) count as not attempted; ``error``
    names the first cell that raised, if any.
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
                            record_timing=False,
                            resources={"metadata": {"path": str(path.parent.resolve())}})
    client.execute()
    found, error = None, None
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error" and error is None and cell is not nb.cells[-1]:
                error = f"cell {index}: {output.get('ename')}: {output.get('evalue')}"
            text = output.get("text", "")
            text = text if isinstance(text, str) else "".join(text)
            for line in text.splitlines():
                if line.startswith(MARKER):
                    found = json.loads(line[len(MARKER):])
    results = {i: NOT_ATTEMPTED for i in expected}
    results.update(found or {})
    return {"exercises": dict(sorted(results.items())), "error": error}


def _summary(exercises: dict) -> tuple[int, int, int]:
    values = list(exercises.values())
    return values.count(PASSED), values.count(FAILED), values.count(NOT_ATTEMPTED)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m leaky.progress",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="notebooks to check (default: notebooks/NN_*.ipynb)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    report = {}
    if not args.json:
        print(f"{'lesson':40s} {'passed':>6s} {'failed':>6s} {'not attempted':>13s}")
    for path in paths:
        try:
            entry = lesson_progress(path)
        except Exception as error:  # a kernel that dies: report it, go on with the next
            entry = {"exercises": {}, "error": f"{type(error).__name__}: {error}"}
        report[path.stem] = entry
        if not args.json:
            passed, failed, todo = _summary(entry["exercises"])
            print(f"{path.stem[:40]:40s} {passed:6d} {failed:6d} {todo:13d}", flush=True)
            for exercise_id, status in entry["exercises"].items():
                if status != PASSED:
                    print(f"    {exercise_id}: {status}")
            if entry["error"]:
                print(f"    note: a cell raised ({entry['error']})")
    totals = [sum(t) for t in zip(*(_summary(e["exercises"]) for e in report.values()),
                                  strict=False)] or [0, 0, 0]
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        print(f"{'total':40s} {totals[0]:6d} {totals[1]:6d} {totals[2]:13d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
