"""Where each float dtype loses Leaky ReLU's negative slope: the data and the explorer plot of
lesson 13 (``dtype_curves``, ``underflow_limit``, ``plot_dtype_error``, all introduced there).

For negative inputs ``x = -m``, with ``m`` log-spaced over a dtype's whole range, it compares
``leaky_relu(x)`` computed in that dtype with the exact ``alpha * m`` (long double arithmetic
on the true ``m``). float16, float32 and float64 are numpy's; bfloat16 is ``ml_dtypes``'
(installed with TensorFlow), computed with the reference's rule ``np.where(x > 0, x,
dtype(alpha) * x)`` because :func:`leaky.leaky_relu` accepts numpy's own float types only.
"""

from __future__ import annotations

import numpy as np

from ._validate import check_alpha, fail
from .activations import leaky_relu

__all__ = ["DTYPE_RANGES", "dtype_info", "dtype_curves", "underflow_limit", "plot_dtype_error"]

#: log10 of the smallest and largest m plotted, per dtype (a little past its range).
DTYPE_RANGES = {"float16": (-10, 7), "bfloat16": (-50, 41), "float32": (-50, 41),
                "float64": (-330, 312)}

_GRIDS: dict = {}


def _dtype(name: str):
    if name not in DTYPE_RANGES:
        fail("dtype", f"one of {list(DTYPE_RANGES)}", name)
    if name == "bfloat16":
        import ml_dtypes

        return np.dtype(ml_dtypes.bfloat16)
    return np.dtype(name)


def dtype_info(name: str):
    """``finfo`` of the dtype called ``name`` (ml_dtypes' for bfloat16)."""
    dtype = _dtype(name)
    if name == "bfloat16":
        import ml_dtypes

        return ml_dtypes.finfo(dtype)
    return np.finfo(dtype)


def _grid(name: str, num: int = 1200):
    """log10 m (long double), m, and the inputs x = -m stored in the dtype; computed once."""
    dtype = _dtype(name)
    if name not in _GRIDS:
        lo, hi = DTYPE_RANGES[name]
        log_m = np.linspace(lo, hi, num, dtype=np.longdouble)
        m = np.longdouble(10) ** log_m
        with np.errstate(over="ignore", under="ignore"):
            wide = (-m) if name != "bfloat16" else (-m).astype(np.float64)
            _GRIDS[name] = (log_m, m, wide.astype(dtype))
    return _GRIDS[name]


def _leaky(x: np.ndarray, alpha: float) -> np.ndarray:
    if x.dtype.kind == "f":
        return leaky_relu(x, alpha)
    return np.where(x > 0, x, x.dtype.type(alpha) * x)  # bfloat16: the same rule


def dtype_curves(alpha, dtype="float16") -> dict:
    """For x = -m over the dtype's range: log10 m, log10 of the exact ``alpha * m`` and of
    ``|leaky_relu(x)|`` computed in ``dtype``, and the relative error of the latter.

    Zero outputs are drawn at the bottom of the plot (``floor``), infinite ones at the top
    (``ceiling``); errors are clipped to [1e-20, 10] (a zero or infinite output counts as
    10, off the scale).
    """
    alpha = check_alpha(alpha)
    log_m, m, x = _grid(dtype)
    info = dtype_info(dtype)
    floor = np.log10(float(info.smallest_subnormal)) - 3
    ceiling = np.log10(float(info.max)) + 3
    with np.errstate(all="ignore"):
        y = -_leaky(x, alpha).astype(np.float64).astype(np.longdouble)
        exact = np.longdouble(alpha) * m
        error = np.abs(y - exact) / exact
        log_y = np.log10(y)
    log_y = np.clip(np.nan_to_num(log_y, neginf=floor, posinf=ceiling), floor, ceiling)
    error = np.clip(np.nan_to_num(error, nan=10.0, posinf=10.0), 1e-20, 10.0)
    with np.errstate(divide="ignore"):
        log_exact = np.log10(exact).astype(float)
    return {"log_m": log_m.astype(float), "log_exact": log_exact,
            "log_y": log_y.astype(float), "error": error.astype(float),
            "floor": floor, "ceiling": ceiling, "eps": float(info.eps) / 2,
            "log_max": np.log10(float(info.max)),
            "log_normal": np.log10(float(info.smallest_normal))}


def underflow_limit(alpha, dtype="float16") -> float:
    """The largest ``|x|`` on the plotted grid (``|x| < 1``) whose output is 0 or wrong by
    100% or more; 0.0 if there is none. ``inf`` for ``alpha = 0``, where every negative
    input gives 0 by definition."""
    if check_alpha(alpha) == 0:
        return float("inf")
    data = dtype_curves(alpha, dtype)
    lost = data["log_m"][(data["error"] >= 1.0) & (data["log_m"] < 0)]
    return float(10 ** lost.max()) if lost.size else 0.0


def plot_dtype_error(fig, alpha, dtype="float16"):
    """The explorer's two panels: log10 |output| (computed and exact) and its relative error;
    returns the fast ``update(alpha, dtype)`` (a dtype change redraws from scratch)."""
    ax_y, ax_e = fig.axes[:2]
    data = dtype_curves(alpha, dtype)
    for ax in (ax_y, ax_e):
        ax.axvspan(data["log_max"], data["log_m"][-1], color="C3", alpha=0.12)
        ax.set_xlim(data["log_m"][0], data["log_m"][-1])
    (exact,) = ax_y.plot(data["log_m"], data["log_exact"], "k--", lw=1, label="exact")
    (line_y,) = ax_y.plot(data["log_m"], data["log_y"], color="C0", lw=1.5,
                          label=f"computed in {dtype}")
    ax_y.axhline(data["log_normal"], color="C2", lw=0.8, label="smallest normal")
    ax_y.set(title=f"log10 |leaky_relu(x)|, x = -m, {dtype}", xlabel="log10 m   (red: m > max)",
             ylim=(data["floor"], data["ceiling"]))
    ax_y.legend(loc="upper left", fontsize=9)
    (line_e,) = ax_e.plot(data["log_m"], data["error"], color="C1", lw=1.2)
    ax_e.axhline(data["eps"], color="0.4", ls=":", lw=1, label="rounding level eps/2")
    ax_e.axhline(1.0, color="C3", ls=":", lw=1, label="100% (output is 0)")
    ax_e.set(title="relative error of the output", xlabel="log10 m", yscale="log",
             ylim=(1e-20, 20))
    ax_e.legend(loc="lower left", fontsize=9)
    label = ax_e.text(0.98, 0.62, "", transform=ax_e.transAxes, ha="right", fontsize=9)

    def update(alpha, dtype=dtype):
        new = dtype_curves(alpha, dtype)
        exact.set_ydata(new["log_exact"])
        line_y.set_ydata(new["log_y"])
        line_e.set_ydata(new["error"])
        lost = new["log_m"][(new["error"] >= 1.0) & (new["log_m"] < 0)]
        label.set_text(f"alpha = {alpha:.3g}: output 0 up to m = 1e{lost.max():.1f}"
                       if lost.size else f"alpha = {alpha:.3g}")
        return [exact, line_y, line_e, label]

    return update
