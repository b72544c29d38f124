"""How fast is Leaky ReLU next to a plain copy of the array? (used by lessons 05 and 13)

Prints, for one 64M-element float32 array (256 MB), the best of several runs of:
numpy's copy (the memory-bound limit for one thread), one plain numpy ufunc pass (what
any numpy expression costs at least), leaky_relu(x, out=...),
leaky_relu(x), the slides' np.where(x > 0, x, alpha * x), and torch's leaky_relu,
each with its speed as a fraction of the copy's (1.00 = as fast as copying).

    python bench/bench_activations.py [--size 67108864] [--repeat 5]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from leaky import leaky_relu

ALPHA = 0.01


def best_time(fn, repeat):
    """Best wall time of ``repeat`` calls: the least disturbed by the rest of the machine."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def cases(x, out):
    yield "numpy copy (baseline)", lambda: np.copyto(out, x)
    yield "one numpy ufunc pass: x * 1 (out=...)", lambda: np.multiply(x, 1, out=out)
    yield "leaky_relu(x, out=...)", lambda: leaky_relu(x, ALPHA, out=out)
    yield "leaky_relu(x)", lambda: leaky_relu(x, ALPHA)
    yield "slides: np.where(x > 0, x, a*x)", lambda: np.where(x > 0, x, ALPHA * x)
    try:
        import torch
    except ImportError:
        return
    torch.set_num_threads(1)
    xt, ot = torch.from_numpy(x), torch.from_numpy(out)
    yield "torch leaky_relu(out=...), 1 thread", lambda: torch._C._nn.leaky_relu(xt, ALPHA,
                                                                             out=ot)
    yield "torch F.leaky_relu, 1 thread", lambda: torch.nn.functional.leaky_relu(xt, ALPHA)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=64 * 2**20)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    x = np.random.default_rng(0).standard_normal(args.size, dtype=np.float32)
    out = np.empty_like(x)
    reference = np.where(x > 0, x, np.float32(ALPHA) * x)
    print(f"array: {x.size:,} float32 ({x.nbytes / 2**20:.0f} MiB), best of {args.repeat}")
    print(f"{'case':38s} {'ms':>8s} {'GB/s':>7s} {'vs copy':>8s}")
    baseline = None
    for name, fn in cases(x, out):
        fn()  # warm up: page faults, lazy imports
        seconds = best_time(fn, args.repeat)
        baseline = baseline or seconds
        gbps = 2 * x.nbytes / seconds / 1e9  # read x, write the result
        print(f"{name:38s} {seconds * 1e3:8.1f} {gbps:7.2f} {baseline / seconds:8.2f}")
    leaky_relu(x, ALPHA, out=out)
    print("leaky_relu(x, out=...) identical to the slides' result:",
          bool(np.array_equal(out, reference)))


if __name__ == "__main__":
    main()
