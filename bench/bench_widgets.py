"""How long does one slider step of an alpha explorer take? (target: <= 30 ms of Python time)

    python bench/bench_widgets.py                 # lesson 01's default explorer
    python bench/bench_widgets.py --lessons all   # every explorer of every lesson (slow)
    python bench/bench_widgets.py --lessons 05,14

Default: moves lesson 01's explorer through 50 alpha values, as a student dragging the slider
would, and prints the median and 90th percentile of the time from the new value to the new
PNG in the widget (the callback's whole Python time).

``--lessons``: runs each lesson's instructor notebook in a fresh kernel (quick profile), then
finds every explorer the lesson made and moves its slider through 20 values of its range,
printing the same figures per explorer. Lesson 01's default explorer is measured first in the
same process as the baseline, so the ratios hold on a busy machine too.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np

from leaky.explorer import alpha_explorer

ROOT = Path(__file__).resolve().parents[1]
MARKER = "BENCH-EXPLORERS:"

# Runs inside the lesson's kernel after its last cell: steps every explorer it made.
MEASURE = f"""
import gc as _gc, json as _json, statistics as _st
import numpy as _np
from leaky.explorer import AlphaExplorer as _AE
_rows = []
for _e in [o for o in _gc.get_objects() if isinstance(o, _AE)]:
    _s = _e.slider
    _values = _np.linspace(_s.min, _s.max, 21)[1:]
    if type(_s).__name__ == "FloatLogSlider":
        _values = _s.base ** _values
    _times = []
    for _v in _values:
        _s.value = float(_v)
        _times.append(_e.last_render_seconds * 1e3)
    _times.sort()
    _rows.append({{"plot": getattr(getattr(_e.plot, "func", _e.plot), "__name__", "?"),
                  "median_ms": _st.median(_times), "p90_ms": _times[int(0.9 * len(_times))]}})
print({MARKER!r} + _json.dumps(_rows))
"""


def step_times(explorer, values) -> list[float]:
    times = []
    for alpha in values:
        explorer.slider.value = float(round(alpha, 2))  # fires the observer, as a drag does
        times.append(explorer.last_render_seconds * 1e3)
    return sorted(times)


def baseline() -> float:
    start = time.perf_counter()
    explorer = alpha_explorer()
    first = time.perf_counter() - start
    before = explorer.image.value
    steps = step_times(explorer, np.linspace(0.0, 1.0, 51)[1:])
    assert explorer.image.value != before, "the plot did not change"
    median, p90 = statistics.median(steps), steps[int(0.9 * len(steps))]
    print(f"explorer built (first render included): {first * 1e3:.1f} ms")
    print(f"lesson 01, slider step, median of {len(steps)}: {median:.1f} ms; 90th percentile: "
          f"{p90:.1f} ms (target <= 30 ms)")
    print(f"PNG size: {len(explorer.image.value) / 1024:.0f} KiB")
    return median


def lesson_explorers(number: str) -> list[dict]:
    import os

    import nbformat
    from nbclient import NotebookClient

    from leaky_tools.build import BUILD_ENV, KERNEL_ARGS

    os.environ.update(BUILD_ENV)
    path = next((ROOT / "solutions").glob(f"{number}_*.ipynb"))
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(MEASURE))
    NotebookClient(nb, timeout=1800, kernel_name="python3", extra_arguments=KERNEL_ARGS,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    for output in nb.cells[-1].outputs:
        for line in output.get("text", "").splitlines():
            if line.startswith(MARKER):
                return json.loads(line[len(MARKER):])
    return []


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", default="",
                        help="'all' or lesson numbers like 05,14: measure their explorers")
    args = parser.parse_args(argv)
    base = baseline()
    if not args.lessons:
        return 0
    numbers = (sorted(p.name[:2] for p in (ROOT / "solutions").glob("[0-9][0-9]_*.ipynb"))
               if args.lessons == "all" else [n.strip().zfill(2) for n in args.lessons.split(",")])
    print(f"\n{'lesson':7s} {'plot function':40s} {'median ms':>9s} {'p90 ms':>7s} "
          f"{'x lesson 01':>11s}")
    for number in numbers:
        rows = lesson_explorers(number)
        if not rows:
            print(f"{number:7s} (no explorer found)")
        for row in rows:
            print(f"{number:7s} {row['plot'][:40]:40s} {row['median_ms']:9.1f} "
                  f"{row['p90_ms']:7.1f} {row['median_ms'] / base:11.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
