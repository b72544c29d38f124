"""Timing Leaky ReLU implementations against a copy, and the roofline figure (lesson 13).

Leaky ReLU does one comparison and one multiplication per element: next to the bytes it
reads and writes, the arithmetic is almost free, so its speed limit is memory bandwidth.
A copy (``np.copyto``) moves exactly the bytes any Leaky ReLU must move (read ``x``, write
the result), so the copy's time at each size is the limit: the roof. :func:`measure` times
every implementation at several sizes in one go, :func:`ratios` turns the times into
multiples of the copy's, and :func:`plot_roofline` draws time and bandwidth against the
bytes moved. :func:`measure_gradients` times the four gradient versions of exercise 13.3.

Every function here was introduced in lesson 13. Timings use :func:`leaky.timing.best_time`;
lessons show them only as ratios measured in the same cell.
"""

from __future__ import annotations

import numpy as np

from . import fast
from ._validate import check_alpha, check_positive_int, fail
from .activations import leaky_relu, leaky_relu_grad
from .timing import best_time

__all__ = ["COPY", "cases", "best_times", "measure", "ratios", "plot_roofline", "GRADIENT_CASES",
           "measure_gradients", "last_gradients", "numba_threads"]

COPY = "np.copyto (the limit)"


def numba_threads(wanted: int) -> int:
    """Set numba's thread count to ``wanted``, or to as many as it has if fewer
    (``NUMBA_NUM_THREADS``); return the count set."""
    import numba

    count = min(check_positive_int(wanted, "threads"), numba.config.NUMBA_NUM_THREADS)
    numba.set_num_threads(count)
    return count


def _alternating(function, alpha):
    """A call that applies ``function(alpha)`` and ``function(1 / alpha)`` in turn: in place,
    the second undoes the first on the negative values, so every call does the same work
    on the same data (repeating alpha = 0.01 would shrink them into the subnormal range,
    where arithmetic gets slow). alpha = 0 has no inverse: every call uses 0 (after the
    first, the negative values are -0.0 and stay so)."""
    state = {"flip": False}

    def call():
        state["flip"] = not state["flip"]
        return function(alpha if state["flip"] or alpha == 0 else 1 / alpha)

    return call


def cases(x, out, y, alpha=0.01, threads=2, torch=True) -> dict:
    """``{name: call}``: every implementation of lesson 13, each a function of no arguments.

    ``x`` is the input, ``out`` a preallocated result, ``y`` an array the in-place versions
    overwrite. ``threads`` is for numba's parallel kernel and torch's second line.
    Torch cases set torch's thread count themselves (one call costs about a microsecond).
    """
    alpha = check_alpha(alpha)
    a = x.dtype.type(alpha)
    found = {
        COPY: lambda: np.copyto(out, x),
        "np.where (slides)": lambda: np.where(x > 0, x, a * x),
        "leaky.leaky_relu (reference)": lambda: leaky_relu(x, alpha),
        "numpy blocked, out=": lambda: fast.leaky_relu_blocked(x, alpha, out=out),
        "numba one-pass, out=": lambda: fast.leaky_relu(x, alpha, out=out),
        "numba one-pass, in place": _alternating(
            lambda s: fast.leaky_relu(y, s, out=y), alpha),
    }
    count = numba_threads(threads)
    found[f"numba parallel ({count} thr.), out="] = (
        lambda: fast.leaky_relu(x, alpha, out=out, parallel=True))
    if torch:
        import torch as th

        xt, ot = th.from_numpy(x), th.from_numpy(out)
        for n in sorted({1, threads}):
            def run(n=n):
                th.set_num_threads(n)
                return th.ops.aten.leaky_relu.out(xt, alpha, out=ot)

            found[f"torch ({n} thr.), out="] = run
    return found


def best_times(calls, *, repeat=5, min_seconds=1e-3) -> dict:
    """``{name: seconds per call}`` for a dict of zero-argument calls, timed in turns.

    Each call runs once (warm-up), then ``repeat`` rounds time every call in turn with
    :func:`leaky.timing.best_time`, each run lasting about ``min_seconds``; the best of the
    rounds is kept. Taking turns, rather than timing one call after the other, exposes
    every call to the same moments of a busy machine, so their ratios are steadier.
    """
    if not isinstance(calls, dict) or not all(callable(c) for c in calls.values()):
        fail("calls", "a dict of functions taking no arguments", calls, error=TypeError)
    repeat = check_positive_int(repeat, "repeat")
    numbers = {}
    for name, call in calls.items():
        call()  # warm-up: first touch, lazy imports
        once = best_time(call, repeat=2)
        numbers[name] = max(1, int(min_seconds / max(once, 1e-9)))
    best = dict.fromkeys(calls, float("inf"))
    for _ in range(repeat):
        for name, call in calls.items():
            best[name] = min(best[name], best_time(call, repeat=1, number=numbers[name]))
    return best


def measure(sizes, *, alpha=0.01, threads=2, repeat=5, torch=True, min_seconds=1e-3,
            seed=0, progress=None) -> dict:
    """Best time per call of every case of :func:`cases`, for float32 arrays of each size.

    Times with :func:`best_times` (``repeat`` rounds, runs of about ``min_seconds``).
    Returns ``{"sizes", "bytes", "times"}``: ``bytes`` is what a one-pass Leaky ReLU must
    move (read x, write the result: ``2 * x.nbytes``), ``times`` maps each case to an array
    of seconds, one per size. ``progress`` (a ProgressBar) advances once per size.
    """
    sizes = [check_positive_int(n, "size") for n in sizes]
    fast.warm_up(dtypes=("float32",))  # compile (or load) outside the timings
    rng = np.random.default_rng(seed)
    times: dict = {}
    torch_threads = _torch_threads() if torch else None
    try:
        for n in sizes:
            x = rng.standard_normal(n, dtype=np.float32)
            out, y = np.empty_like(x), x.copy()
            found = best_times(cases(x, out, y, alpha, threads, torch), repeat=repeat,
                               min_seconds=min_seconds)
            for name, seconds in found.items():
                times.setdefault(name, []).append(seconds)
            if progress is not None:
                progress.update(note=f"{4 * n / 2**20:g} MiB")
    finally:
        if torch_threads is not None:
            import torch as th

            th.set_num_threads(torch_threads)
    return {"sizes": np.array(sizes), "bytes": 8 * np.array(sizes, dtype=float),
            "times": {name: np.array(t) for name, t in times.items()}}


def _torch_threads():
    import torch

    return torch.get_num_threads()


def ratios(data, index=-1) -> dict:
    """``{case: time / copy's time}`` at size number ``index`` (default the largest)."""
    copy = data["times"][COPY][index]
    return {name: float(t[index] / copy) for name, t in data["times"].items()}


def plot_roofline(data, fig=None):
    """Left: time per call against bytes moved (log-log), the copy dashed: the floor for
    everything that reads x and writes a separate result. Right: bandwidth (bytes moved /
    time) against bytes moved, the copy's as the roof. Returns the figure."""
    if not isinstance(data, dict) or "times" not in data:
        fail("data", "the dict returned by measure()", data, error=TypeError)
    if fig is None:
        from .plotting import new_figure

        fig = new_figure(ncols=2, figsize=(10.0, 5.2))
    ax_t, ax_b = fig.axes[:2]
    moved = data["bytes"]
    for i, (name, seconds) in enumerate(data["times"].items()):
        style = dict(color="k", ls="--", lw=2.2) if name == COPY else \
            dict(color=f"C{i % 10}", marker="o", ms=3, lw=1.2)
        ax_t.plot(moved, seconds, label=name, **style)
        ax_b.plot(moved, moved / seconds / 1e9, **style)
    ax_t.set(xscale="log", yscale="log", xlabel="bytes moved (read x + write result)",
             ylabel="seconds per call", title="time per call (dashed: the copy)")
    ax_b.set(xscale="log", yscale="log", xlabel="bytes moved (read x + write result)",
             ylabel="GB/s", title="bandwidth = bytes moved / time")
    fig.legend(loc="lower center", ncol=3, fontsize=9, frameon=False)
    fig.subplots_adjust(left=0.08, right=0.98, bottom=0.27, top=0.93, wspace=0.25)
    return fig


# --- exercise 13.3: the gradient ---------------------------------------------------------
#: The four gradient versions of exercise 13.3, by letter.
GRADIENT_CASES = {
    "A": "leaky.leaky_relu_grad(x, alpha)  (the reference)",
    "B": "slide 3: g = np.ones_like(x); g[x < 0] = alpha",
    "C": "leaky.fast.leaky_relu_grad(x, alpha)  (one pass, new array)",
    "D": "leaky.fast.leaky_relu_grad(x, alpha, out=g)  (one pass, into g)",
}


def measure_gradients(size=2**18, *, alpha=0.01, repeat=15, seed=0) -> dict:
    """Best time of each version of :data:`GRADIENT_CASES` and of a copy, on a float32 array of
    ``size`` values: ``{"copy": s, "A": s, ...}`` (exercise 13.3)."""
    size = check_positive_int(size, "size")
    alpha = check_alpha(alpha)
    fast.warm_up(dtypes=("float32",), parallel=False)
    x = np.random.default_rng(seed).standard_normal(size, dtype=np.float32)
    g = np.empty_like(x)
    a = np.float32(alpha)

    def slide3():
        dx = np.ones_like(x)
        dx[x < 0] = a
        return dx

    calls = {"copy": lambda: np.copyto(g, x),
             "A": lambda: leaky_relu_grad(x, alpha),
             "B": slide3,
             "C": lambda: fast.leaky_relu_grad(x, alpha),
             "D": lambda: fast.leaky_relu_grad(x, alpha, out=g)}
    found = best_times(calls, repeat=repeat)
    _LAST_GRADIENTS.clear()
    _LAST_GRADIENTS.update(found)
    return found


_LAST_GRADIENTS: dict = {}


def last_gradients() -> dict | None:
    """The result of the last :func:`measure_gradients` in this process, or None (the
    checker of exercise 13.3 compares the prediction with it)."""
    return dict(_LAST_GRADIENTS) or None
