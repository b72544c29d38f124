"""How long does one slider step of the alpha explorer take? (target: <= 30 ms of Python time)

Moves the default explorer (lesson 01's plot) through 50 alpha values, as a student dragging
the slider would, and prints the median and 90th percentile of the time from the new value to
the new PNG in the widget (the callback's whole Python time). The first render is the
baseline every later step is compared with.

    python bench/bench_widgets.py
"""

from __future__ import annotations

import statistics
import time

import numpy as np

from leaky.explorer import alpha_explorer


def main():
    start = time.perf_counter()
    explorer = alpha_explorer()
    first = time.perf_counter() - start
    steps = []
    for alpha in np.linspace(0.0, 1.0, 51)[1:]:
        before = explorer.image.value
        explorer.slider.value = float(round(alpha, 2))  # fires the observer, as a drag does
        assert explorer.image.value != before, "the plot did not change"
        steps.append(explorer.last_render_seconds)
    steps_ms = sorted(s * 1e3 for s in steps)
    median = statistics.median(steps_ms)
    p90 = steps_ms[int(0.9 * len(steps_ms))]
    print(f"explorer built (first render included): {first * 1e3:.1f} ms")
    print(f"slider step, median of {len(steps_ms)}: {median:.1f} ms; 90th percentile: {p90:.1f} ms"
          f" (target <= 30 ms)")
    print(f"PNG size: {len(explorer.image.value) / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
