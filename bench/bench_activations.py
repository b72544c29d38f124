"""How fast is each Leaky ReLU next to a plain copy of the array? (lessons 05 and 13)

For one 64M-element float32 array (256 MiB, far more than the CPU caches), prints the best
of several runs of each implementation, as a ratio to ``np.copyto`` of the same array
measured in the same run (1.00 = as fast as copying; above 1 = faster than a copy). The
cases take turns, round after round (``leaky.roofline.best_times``), so that a busy moment
of the machine hits them all alike:

* the readable reference ``leaky.leaky_relu`` and the slides' ``np.where``, which allocate
  their result and build temporaries;
* ``leaky.fast``: numpy in cache-sized blocks, and the compiled one-pass kernels (numba),
  into a preallocated ``out`` (streaming stores from ``fast.STREAM_BYTES`` up; the same
  kernel with ordinary stores is shown below it) and in place, on one thread and on
  ``--threads``;
* PyTorch's kernel (``aten::leaky_relu.out`` and ``leaky_relu_``) on 1 and 2 threads;

then checks the targets of ``leaky.fast`` and prints numba's compile time: the first call in
a fresh process with an empty cache, and again in a second process that finds the cache.

    python bench/bench_activations.py [--size 67108864] [--repeat 7] [--threads 2]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

import leaky
from leaky import fast
from leaky.roofline import best_times

ALPHA = 0.01

#: case -> the smallest ratio to the copy that leaky.fast promises (checked at the end).
TARGETS = {
    "numba one-pass, out=": 0.85,
    "numba one-pass, in place": 0.95,
    "numba parallel, out=": 1.10,
}

COMPILE_CHILD = """
import json, time
start = time.perf_counter()
import numba
imported = time.perf_counter()
import numpy as np
import leaky.fast as fast
x = np.ones(1000, np.float32)
fast.leaky_relu(x, 0.01, out=np.empty_like(x))
first = time.perf_counter()
fast.warm_up()
everything = time.perf_counter()
print(json.dumps({"import numba": imported - start, "first kernel": first - imported,
                  "all 24 kernels (warm_up)": everything - first}))
"""


def cases(x, out, y, threads) -> dict:
    """``{name: call}``. In-place cases work on ``y`` and take alpha from one shared cycle
    of 0.01 and 1 / 0.01, so that every other call undoes the last: ``y`` keeps its values
    (repeating alpha = 0.01 would push them into the subnormal range, where arithmetic is
    slow). Torch cases set torch's thread count in the call (microseconds)."""
    a32 = np.float32(ALPHA)
    flip = itertools.cycle([ALPHA, 1 / ALPHA])
    found = {
        "np.copyto (the limit)": lambda: np.copyto(out, x),
        "reference leaky.leaky_relu(x)": lambda: leaky.leaky_relu(x, ALPHA),
        "slides: np.where(x > 0, x, a*x)": lambda: np.where(x > 0, x, a32 * x),
        "numpy blocked, out=": lambda: fast.leaky_relu_blocked(x, ALPHA, out=out),
        "numpy blocked, in place": lambda: fast.leaky_relu_blocked(y, next(flip), out=y),
        "numba one-pass, out=": lambda: fast.leaky_relu(x, ALPHA, out=out),
    }
    if x.nbytes >= fast.STREAM_BYTES:  # what the streaming stores save
        ordinary = fast._kernel("forward", "out", False)
        found["  same, ordinary stores"] = lambda: ordinary(x, out, a32)
    found |= {
        "numba one-pass, in place": lambda: fast.leaky_relu(y, next(flip), out=y),
        "numba parallel, out=": lambda: fast.leaky_relu(x, ALPHA, out=out, parallel=True),
        "numba parallel, in place":
            lambda: fast.leaky_relu(y, next(flip), out=y, parallel=True),
    }
    try:
        import torch
    except ImportError:
        return found
    xt, ot, yt = torch.from_numpy(x), torch.from_numpy(out), torch.from_numpy(y)
    for n in sorted({1, threads}):
        label = f"{n} thread{'s' * (n > 1)}"

        def torch_out(n=n):
            torch.set_num_threads(n)
            return torch.ops.aten.leaky_relu.out(xt, ALPHA, out=ot)

        def torch_in_place(n=n):
            torch.set_num_threads(n)
            return torch.nn.functional.leaky_relu_(yt, next(flip))

        found[f"torch out=, {label}"] = torch_out
        found[f"torch in place, {label}"] = torch_in_place
    return found


def compile_times() -> list[dict]:
    """numba's compile time in two fresh processes sharing a new, empty cache folder."""
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "NUMBA_CACHE_DIR": cache}
        runs = []
        for _ in range(2):
            child = subprocess.run([sys.executable, "-c", COMPILE_CHILD], env=env, check=True,
                                   capture_output=True, text=True, timeout=600)
            runs.append(json.loads(child.stdout.strip().splitlines()[-1]))
    return runs


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=64 * 2**20)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--threads", type=int, default=2, help="for the parallel cases")
    parser.add_argument("--no-compile", action="store_true", help="skip the compile times")
    args = parser.parse_args(argv)

    import numba

    numba.set_num_threads(min(args.threads, numba.config.NUMBA_NUM_THREADS))
    x = np.random.default_rng(0).standard_normal(args.size, dtype=np.float32)
    out, y = np.empty_like(x), x.copy()
    first_call = fast.warm_up(dtypes=("float32",))
    print(f"array: {x.size:,} float32 ({x.nbytes / 2**20:.0f} MiB), best of {args.repeat}; "
          f"numba threads: {numba.get_num_threads()}, load average "
          f"{os.getloadavg()[0]:.2f}")
    print(f"{'case':34s} {'ms':>8s} {'GB/s':>7s} {'vs copy':>8s}")
    times = best_times(cases(x, out, y, args.threads), repeat=args.repeat, min_seconds=0)
    baseline = times["np.copyto (the limit)"]
    ratios = {}
    for name, seconds in times.items():
        ratios[name] = baseline / seconds
        gbps = 2 * x.nbytes / seconds / 1e9  # read x, write the result
        print(f"{name:34s} {seconds * 1e3:8.1f} {gbps:7.2f} {ratios[name]:8.2f}")

    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    reference = leaky.leaky_relu(x, ALPHA)
    same = [np.array_equal(f(x, ALPHA), reference) for f in
            (fast.leaky_relu, fast.leaky_relu_blocked,
             lambda v, a: fast.leaky_relu(v, a, parallel=True))]
    print("leaky.fast results identical to the reference:", all(same))

    print("\ntargets (ratio to the copy, this run):")
    for name, target in TARGETS.items():
        verdict = "met" if ratios[name] >= target else "NOT met"
        print(f"  {name:32s} >= {target:.2f}: {ratios[name]:.2f} {verdict}")
    for kind in ("out=", "in place"):
        for n in sorted({1, args.threads}):
            torch_case = f"torch {kind}, {n} thread{'s' * (n > 1)}"
            numba_case = f"numba {'one-pass' if n == 1 else 'parallel'}, {kind}"
            if torch_case in ratios:
                verdict = "level or ahead" if ratios[numba_case] >= ratios[torch_case] * 0.98 \
                    else "behind"
                print(f"  {numba_case:32s} vs {torch_case}: {ratios[numba_case]:.2f} vs "
                      f"{ratios[torch_case]:.2f}, {verdict}")

    print(f"\nnumba, first call of this process (cache in src/leaky/__pycache__): "
          f"{first_call:.2f} s for the 12 float32 kernels")
    if not args.no_compile:
        for label, run in zip(("fresh process, empty cache", "second process, same cache"),
                              compile_times(), strict=True):
            print(f"numba, {label}: " + ", ".join(f"{k} {v:.2f} s" for k, v in run.items()))


if __name__ == "__main__":
    main()
