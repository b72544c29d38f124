# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 13 · Numerical robustness
#
# **Goal:** know which inputs and settings really break a Leaky ReLU implementation
# (`alpha > 1`, `alpha = 0` with infinities, float16, integer arrays, aliasing, big
# temporaries) and which do not (large numbers), and write an in-place version that is
# correct and light on memory. About 25 minutes.
#
# *Slide 13 of the deck: "Handling Numerical Stability in Leaky ReLU".*

# %%
import time
import tracemalloc
import warnings

import ipywidgets as widgets
import numpy as np

import leaky
from leaky import alpha_explorer, check, hint, start_lesson

rng = start_lesson(seed=0)

# %% [markdown]
# ## The slide's claim
#
# The slide says an implementation must be careful with "very large or small inputs" and
# compares a "stable" `np.where` version with a "naive" one built on Python's `max`.
# Here is its code, unchanged:

# %%
def stable_leaky_relu(x, alpha=0.01):
    return np.where(x >= 0, x, alpha * x)


# Test with extreme values
x = np.array([-1e20, -1, 0, 1, 1e20])
print("Input:", x)
print("Stable Leaky ReLU output:", stable_leaky_relu(x))


# Compare with a naive implementation
def naive_leaky_relu(x, alpha=0.01):
    return max(alpha * x, x)


print("\nNaive implementation results:")
for val in x:
    print(f"Input: {val}, Output: {naive_leaky_relu(val)}")

# %% [markdown]
# The two give **the same numbers**; the demo shows no instability at all. It cannot:
# multiplying by `alpha <= 1` never makes a number larger, so `alpha * x` cannot overflow,
# even at the largest float64. Side by side, and at the very edge of the float64 range:

# %%
naive = np.array([naive_leaky_relu(v) for v in x])
print("stable and naive identical:", np.array_equal(stable_leaky_relu(x), naive))
big = np.finfo(np.float64).max
edge = np.array([-big, big])
print("float64 max:", big)
print("stable at +-max:", stable_leaky_relu(edge))
print("naive at +-max :", np.array([naive_leaky_relu(v) for v in edge]))

# %% [markdown]
# So the slide's "stability" is a non-issue: `1e20` is a perfectly ordinary float. (The naive
# version's real problem is that it loops in Python, one element at a time.) What *does*
# break Leaky ReLU implementations is the rest of this lesson.

# %% [markdown]
# ## 1. alpha > 1: the max form is wrong
#
# `max(alpha * x, x)` picks the right branch only while `alpha * x <= x` for positive `x`,
# that is for `alpha <= 1`. With a larger slope (allowed: it is still a valid piecewise
# linear function) it picks `alpha * x` on the positive side too:

# %%
x = np.array([-2.0, -1.0, 0.0, 1.0, 2.0])
alpha = 1.5
print("max form :", np.maximum(alpha * x, x))
print("piecewise:", np.where(x > 0, x, alpha * x))
print("leaky    :", leaky.leaky_relu(x, alpha))

# %% [markdown]
# `leaky.leaky_relu` uses `max` for `alpha <= 1` and `min` for `alpha > 1`.

# %% [markdown]
# ## 2. NaN and infinity
#
# A NaN input should give a NaN output: hiding it would hide a bug upstream. Infinities are
# where the *form* of the formula matters: with `alpha = 0` (plain ReLU), the piecewise
# form computes `0 * -inf`, which is NaN by the IEEE rules, and numpy warns.
# A small helper records the warnings so we can print them:

# %%
def run_and_warn(fn):
    """Return fn()'s result and the messages of the warnings it raised."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = fn()
    return result, [str(w.message) for w in caught]


x = np.array([-np.inf, -1.0, np.nan, 1.0, np.inf])
for alpha in (0.01, 0.0):
    piecewise, said = run_and_warn(lambda a=alpha: np.where(x > 0, x, a * x))
    print(f"alpha={alpha}: np.where form {piecewise}  warnings: {said}")
    print(f"alpha={alpha}: leaky         {leaky.leaky_relu(x, alpha)}")

# %% [markdown]
# With `alpha = 0` the `np.where` form turns `-inf` into NaN (the true limit is 0);
# `leaky.leaky_relu` computes ReLU as `np.maximum(x, 0)` for `alpha = 0` and gets 0. NaN
# stays NaN everywhere, as it should. One trap outside numpy: Python's built-in `max`
# (the slide's naive version) is not symmetric when a NaN is involved:

# %%
nan = float("nan")
print("max(nan, 1.0) =", max(nan, 1.0), "  max(1.0, nan) =", max(1.0, nan))
print("np.maximum(nan, 1.0) =", np.maximum(nan, 1.0), "  np.maximum(1.0, nan) =",
      np.maximum(1.0, nan))

# %% [markdown]
# ## 3. float16: a small range
#
# Half precision, common for storing activations, has a tiny range. Its limits:

# %%
f16 = np.finfo(np.float16)
print("float16 max              :", float(f16.max))
print("smallest normal          :", float(f16.smallest_normal))
print("smallest subnormal       :", float(f16.smallest_subnormal))
print("float16(70000)           :", *run_and_warn(lambda: np.float16(70000)))
print("alpha=0.01 stored in f16 :", float(np.float16(0.01)))

# %% [markdown]
# Anything above 65504 is `inf`. At the other end, Leaky ReLU *shrinks* negative inputs by
# `alpha`, so small negative inputs land among the subnormals (few significant bits) or
# underflow to zero. And `alpha` itself is rounded. The same inputs in float16 and float64:

# %%
x64 = np.array([-1e-2, -1e-3, -1e-5, -2e-6])
y16 = leaky.leaky_relu(x64.astype(np.float16), 0.01).astype(np.float64)
y64 = leaky.leaky_relu(x64, 0.01)
for xi, a, b in zip(x64, y16, y64, strict=True):
    print(f"x = {xi:8.0e}: float64 {b:10.3e}   float16 {a:10.3e}   "
          f"relative error {abs(a - b) / abs(b):6.1%}")

# %% [markdown]
# At `x = -1e-5` the output is off by almost a fifth, and at `x = -2e-6` it has become 0:
# the small negative slope, the point of Leaky ReLU, is gone. The explorer below maps this
# for every dtype.

# %% [markdown]
# ## 4. Signed zero
#
# IEEE floats have a `-0.0`. Leaky ReLU keeps its sign for `alpha > 0` (`alpha * -0.0` is
# `-0.0`); ReLU via `np.maximum(x, 0)` returns `+0.0`. `np.signbit` tells them apart;
# `==` does not:

# %%
for alpha in (0.01, 0.0):
    y = leaky.leaky_relu(-0.0, alpha)
    print(f"alpha={alpha}: leaky_relu(-0.0) = {y}, signbit {np.signbit(y)}, "
          f"== 0.0: {y == 0.0}")
with np.errstate(divide="ignore"):
    print("1 / -0.0 =", np.float64(1) / np.float64(-0.0))

# %% [markdown]
# It only shows when you print (`-0.`), divide by the result, or compare bit patterns
# (hashes, `np.array_equal` on views as integers). Harmless in practice; don't let it
# surprise you in a test.

# %% [markdown]
# ## 5. Integer inputs
#
# Slide 3's derivative starts from `np.ones_like(x)`, which has `x`'s dtype. With an integer
# array, writing `alpha = 0.01` into it truncates to 0, silently:

# %%
def leaky_relu_derivative(x, alpha=0.01):  # slide 3, unchanged
    dx = np.ones_like(x)
    dx[x < 0] = alpha
    return dx


x_int = np.array([-2, -1, 0, 1, 2])
print("slide 3 derivative, int input:", leaky_relu_derivative(x_int))
print("slide 3 derivative, float    :", leaky_relu_derivative(x_int.astype(float)))
print("leaky.leaky_relu_grad, int   :", leaky.leaky_relu_grad(x_int))
print("leaky.leaky_relu, int        :", leaky.leaky_relu(x_int),
      leaky.leaky_relu(x_int).dtype)

# %% [markdown]
# With integers the "leaky" derivative is ReLU's: exactly the dying-ReLU behaviour the
# function exists to avoid. The `leaky` package turns integer input into float64 first.

# %% [markdown]
# ## 6. In place and aliasing
#
# Writing the result into the input (`out=x`) saves memory, but only if the function never
# reads an element after it has overwritten it. A tempting two-step version breaks:

# %%
def two_step(x, alpha, out):
    np.multiply(x, alpha, out=out)  # out = alpha * x
    np.maximum(x, out, out=out)  # out = max(x, alpha * x)  -- reads x again
    return out


x = np.array([-2.0, -1.0, 0.0, 1.0, 2.0])
expected = leaky.leaky_relu(x, 0.1)
print("expected          :", expected)
print("two_step, new out :", two_step(x, 0.1, np.empty_like(x)))
a = x.copy()
print("two_step, out=x   :", two_step(a, 0.1, out=a))
b = x.copy()
result = leaky.leaky_relu(b, 0.1, out=b)
print("leaky, out=x      :", result, " same object as x:", result is b)

# %% [markdown]
# With `out=x`, step 1 already replaced `x` by `alpha * x`, so step 2 takes the max of two
# equal arrays and the positive side is scaled too. Partial overlap is subtler: writing the
# result one place to the right of the input (`out=x[1:]` for input `x[:-1]`).
# Each numpy ufunc call detects overlap and buffers, but that protects only that one call:
# `two_step`'s second call reads input elements its first call already overwrote.
# `leaky.leaky_relu` detects the overlap and works on a copy. The expected values are those
# of the untouched input:

# %%
base = np.array([-3.0, -2.0, -1.0, 1.0, 2.0, 3.0])
expected = leaky.leaky_relu(base[:-1], 0.1)
c = base.copy()
two_step(c[:-1], 0.1, out=c[1:])
d = base.copy()
leaky.leaky_relu(d[:-1], 0.1, out=d[1:])
print("expected   :", expected)
print("two_step   :", c[1:], " correct:", np.array_equal(c[1:], expected))
print("leaky_relu :", d[1:], " correct:", np.array_equal(d[1:], expected))

# %% [markdown]
# ## 7. Memory and time of temporaries
#
# `np.where(x > 0, x, alpha * x)` builds three full-size arrays: the mask `x > 0` (one
# byte per element), `alpha * x`, and the result. `tracemalloc`, which numpy reports its
# allocations to, measures the peak extra memory of a call. On 8M float32 values:

# %%
def peak_extra_bytes(fn):
    """Peak memory allocated while fn() runs, above what was allocated before."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    before = tracemalloc.get_traced_memory()[0]
    fn()
    peak = tracemalloc.get_traced_memory()[1] - before
    tracemalloc.stop()
    return peak


x = rng.standard_normal(8 * 2**20, dtype=np.float32)
out = np.empty_like(x)
alpha32 = np.float32(0.01)
variants = {
    "np.where(x > 0, x, a*x)": lambda: np.where(x > 0, x, alpha32 * x),
    "leaky.leaky_relu(x)": lambda: leaky.leaky_relu(x, 0.01),
    "leaky.leaky_relu(x, out=out)": lambda: leaky.leaky_relu(x, 0.01, out=out),
}
print(f"x: {x.size:,} float32 = {x.nbytes / 2**20:.0f} MiB")
peaks = {name: peak_extra_bytes(fn) / x.nbytes for name, fn in variants.items()}
for name, ratio in peaks.items():
    print(f"{name:30s} peak extra memory {ratio:5.2f} x the size of x")

# %% [markdown]
# `np.where` peaks at `0.25 + 1 + 1` times the input (mask, `alpha * x`, result).
# `leaky.leaky_relu` works in blocks, small enough to stay in the CPU cache: its only
# full-size array is the result, and with `out=` there is none. The block size:

# %%
print(f"leaky.activations.BLOCK = {leaky.activations.BLOCK:,} elements "
      f"({leaky.activations.BLOCK * 4 // 1024} KiB of float32)")

# %% [markdown]
#
# Time follows memory traffic. Following the method of `bench/bench_activations.py`: the
# best of several runs, as a ratio to a plain `np.copyto` of the same array in the same
# process (1.0 = as fast as copying).

# %% tags=["nbval-ignore-output"]
# nbval-ignore-output: timings differ run to run; the next cell asserts loose bounds.
def best_time(fn, repeat=7):
    """Best wall time of `repeat` calls (after one warm-up call)."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


copy_time = best_time(lambda: np.copyto(out, x))
ratios = {name: best_time(fn) / copy_time for name, fn in variants.items()}
print(f"np.copyto: {copy_time * 1e3:.1f} ms")
for name, ratio in ratios.items():
    print(f"{name:30s} {ratio:5.1f} x the time of a copy")

# %%
assert ratios["leaky.leaky_relu(x, out=out)"] < ratios["np.where(x > 0, x, a*x)"]
assert all(0.3 < r < 60 for r in ratios.values()), ratios
print("in-place/out= version faster than np.where:", True)

# %% [markdown]
# ## 8. The contrast: sigmoid really can overflow
#
# Where "numerical stability" is a real issue is a function with an exponential. The
# textbook sigmoid `1 / (1 + exp(-x))` overflows in `exp` for large negative `x`;
# `leaky.sigmoid` uses `exp(-|x|)`, which cannot:

# %%
x = np.array([-1000.0, -10.0, 0.0, 10.0, 1000.0])
textbook, said = run_and_warn(lambda: 1 / (1 + np.exp(-x)))
print("textbook:", textbook, " warnings:", said)
stable, said = run_and_warn(lambda: leaky.sigmoid(x))
print("leaky   :", stable, " warnings:", said)

# %% [markdown]
# Here the answer happens to come out right (`1 / inf = 0`), but the warning is real and the
# same pattern in a loss (`log(sigmoid(x))`) gives `-inf`. Leaky ReLU has no exponential: for
# `alpha <= 1` it has no overflow to guard against.

# %% [markdown]
# ## Explore: where does each dtype lose the negative slope?
#
# For negative inputs `x = -m` over the whole range of the chosen dtype, on log10 scales:
# left, the output's size `alpha * m` computed in that dtype (solid) and exactly (dashed);
# an output of 0 drops to the bottom of the plot, `inf` jumps to the top. Right, the relative
# error of the computed output. Flat at the rounding level in the normal range; rising where
# the output becomes subnormal; 100% where it underflows to 0; and at the top the input
# (or, for `alpha > 1`, the product) overflows to infinity. Move `alpha` and switch dtype.

# %%
DTYPE_RANGES = {"float16": (-10, 7), "float32": (-50, 41), "float64": (-330, 312)}


def dtype_grid(dtype, num=1200):
    """log10 m (long double), m, and the inputs x = -m stored in `dtype`: the fixed part."""
    lo, hi = DTYPE_RANGES[dtype]
    log_m = np.linspace(lo, hi, num, dtype=np.longdouble)
    m = np.longdouble(10) ** log_m
    with np.errstate(over="ignore", under="ignore"):
        return log_m, m, (-m).astype(dtype)


GRIDS = {dtype: dtype_grid(dtype) for dtype in DTYPE_RANGES}  # computed once


def dtype_curves(alpha, dtype):
    """For x = -m, m log-spaced over the dtype's range: log10 m, log10 of the exact |alpha*x|
    and of |leaky_relu(x)| computed in `dtype`, and the relative error of the latter.

    The exact value is long double arithmetic on the true input. Zero outputs are drawn at
    the bottom of the plot ("floor"), infinite ones at the top; errors are clipped to
    [1e-20, 10] (a zero or infinite output counts as 10, i.e. off the scale).
    """
    log_m, m, x = GRIDS[dtype]
    info = np.finfo(dtype)
    floor = np.log10(float(info.smallest_subnormal)) - 3
    ceiling = np.log10(float(info.max)) + 3
    with np.errstate(all="ignore"):
        y = -leaky.leaky_relu(x, alpha).astype(np.longdouble)
        exact = np.longdouble(alpha) * m
        error = np.abs(y - exact) / exact
        log_y = np.log10(y)
    log_y = np.clip(np.nan_to_num(log_y, neginf=floor, posinf=ceiling), floor, ceiling)
    error = np.clip(np.nan_to_num(error, nan=10.0, posinf=10.0), 1e-20, 10.0)
    return {"log_m": log_m.astype(float), "log_exact": np.log10(exact).astype(float),
            "log_y": log_y.astype(float), "error": error.astype(float),
            "floor": floor, "ceiling": ceiling, "eps": float(info.eps) / 2,
            "log_max": np.log10(float(info.max)),
            "log_normal": np.log10(float(info.smallest_normal))}


def plot_dtype_error(fig, alpha, dtype="float16"):
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
    ax_y.legend(loc="upper left", fontsize=7)
    (line_e,) = ax_e.plot(data["log_m"], data["error"], color="C1", lw=1.2)
    ax_e.axhline(data["eps"], color="0.4", ls=":", lw=1, label="rounding level eps/2")
    ax_e.axhline(1.0, color="C3", ls=":", lw=1, label="100% (output is 0)")
    ax_e.set(title="relative error of the output", xlabel="log10 m", yscale="log",
             ylim=(1e-20, 20))
    ax_e.legend(loc="lower left", fontsize=7)
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


dtype_menu = widgets.Dropdown(options=list(DTYPE_RANGES), value="float16", description="dtype")
alpha_explorer(plot_dtype_error, alpha=0.01, min=1e-3, max=10.0, step=0.05, log=True,
               controls={"dtype": dtype_menu})

# %% [markdown]
# Where does the negative side vanish? The largest `|x|` whose output underflows to 0, per
# dtype and `alpha`, from the same curves:

# %%
for dtype in DTYPE_RANGES:
    cells = []
    for alpha in (0.3, 0.01, 0.001):
        data = dtype_curves(alpha, dtype)
        lost = data["log_m"][(data["error"] >= 1.0) & (data["log_m"] < 0)]
        cells.append(f"alpha={alpha}: {10 ** lost.max():.0e}")
    print(f"{dtype}: output is 0 for |x| up to about  " + "   ".join(cells))

# %% [markdown]
# Things to try: float16 with `alpha = 0.001`; `alpha = 5` (the product overflows before the
# input does: the red band starts at the dtype's max, the error rises earlier); float64,
# where nothing happens in any range a network produces.

# %% [markdown]
# ## Exercises
#
# ### Exercise 13.1: an in-place Leaky ReLU
#
# Write `leaky_relu_inplace(x, alpha)` that overwrites the float array `x` with
# `leaky_relu(x, alpha)` and returns `x` itself. It must be right for every `alpha >= 0`
# (including `alpha > 1`, and `alpha = 0` with `-inf` in `x`) and must not build a
# full-size temporary: the peak extra memory must stay under half of `x.nbytes`. A boolean
# mask (one byte per element) is fine. Hint: every numpy ufunc takes `out=` and `where=`.

# %%
def leaky_relu_inplace(x, alpha=0.01):
    # BEGIN SOLUTION
    # STUB: ...  # change x in place, then return x
    if alpha == 0:
        return np.maximum(x, 0, out=x)  # 0 * -inf would be nan
    np.multiply(x, alpha, out=x, where=x < 0)
    return x
    # END SOLUTION


check("13.1", leaky_relu_inplace)

# %% [markdown]
# ### Exercise 13.2: break an implementation
#
# Here is a one-line Leaky ReLU. Find an input on which it disagrees with
# `leaky.leaky_relu`: give `breaking = (x, alpha)` with `x` a number (or an array) and
# `alpha >= 0`. There are two different kinds of answer; after the first, look for the other.

# %%
def one_liner(x, a):
    return np.maximum(a * x, x)


# BEGIN SOLUTION
# STUB: breaking = ...  # (x, alpha)
breaking = (2.0, 1.5)
# END SOLUTION
check("13.2", breaking)

# %% [markdown]
# ## Summary
#
# - The slide's 1e20 test shows nothing: for `alpha <= 1`, `alpha * x` cannot overflow.
# - Real failures: the max form for `alpha > 1`, `0 * -inf` for `alpha = 0`, float16
#   underflow of `alpha * x`, integer arrays that truncate `alpha`, aliasing with `out=`.
# - `np.where` makes 2.25 input-sized arrays; blocks or `out=`/`where=` avoid them.
#
# **Next:** lesson 14, Leaky ReLU in TensorFlow and PyTorch, and how their defaults differ.
