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
# **You will:** find what really breaks Leaky ReLU (alpha > 1, inf, float16, aliasing); time it.
#
# **Time:** about 50 minutes (40 without optional parts). **Prerequisites:** lessons 01 to 03.
#
# > **Slide 13 of the deck, "Handling Numerical Stability in Leaky ReLU":** "When implementing
# > Leaky ReLU, it's important to consider numerical stability, especially for very large or
# > small inputs."

# %%
import tracemalloc
import warnings

import ipywidgets as widgets
import numpy as np

import leaky
from leaky import alpha_explorer, check, hint, start_lesson

rng = start_lesson(seed=0, frameworks=("torch",))
import ml_dtypes
import torch

from leaky import fast, roofline
from leaky.plots_underflow import DTYPE_RANGES, dtype_info, plot_dtype_error, underflow_limit
from leaky.progressbar import ProgressBar

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
# `leaky.leaky_relu` is the piecewise rule itself, `np.where(x > 0, x, alpha * x)`: right for
# every `alpha >= 0`.

# %% [markdown]
# ## 2. NaN and infinity
#
# A NaN input should give a NaN output: hiding it would hide a bug upstream. Infinities are
# where IEEE 754 arithmetic has the last word. With `alpha = 0` the definition computes
# `0 * -inf`, which IEEE defines as NaN (an "invalid operation"), and numpy warns. A small
# helper records the warnings so we can print them; PyTorch's `leaky_relu` runs next to
# numpy:

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
    print(f"alpha={alpha}: np.where form  {piecewise}  warnings: {said}")
    reference, _ = run_and_warn(lambda a=alpha: leaky.leaky_relu(x, a))
    print(f"alpha={alpha}: leaky          {reference}")
    torch_y = torch.nn.functional.leaky_relu(torch.from_numpy(x), alpha).numpy()
    print(f"alpha={alpha}: torch          {torch_y}")

# %% [markdown]
# With `alpha = 0`, `-inf` gives NaN in the definition, in `leaky.leaky_relu` and in PyTorch:
# they agree, and it is the IEEE answer, not a bug in any of them. ReLU is different:
# `relu(x) = max(x, 0)` never multiplies, so `relu(-inf)` is 0:

# %%
print("leaky.relu :", leaky.relu(x))
print("torch.relu :", torch.relu(torch.from_numpy(x)).numpy())
print("all finite :", bool(np.isfinite(x).all()))

# %% [markdown]
# If you need 0 there, say so in the code: use ReLU, `np.maximum(x, 0)`, when `alpha` is 0.
# More often an infinite activation means that something overflowed upstream, and the NaN
# is the messenger: `np.isfinite(x).all()` before the layer finds it. NaN itself stays NaN
# everywhere, as it should. One trap outside numpy: Python's built-in `max` (the slide's
# naive version) is not symmetric when a NaN is involved:

# %%
nan = float("nan")
print("max(nan, 1.0) =", max(nan, 1.0), "  max(1.0, nan) =", max(1.0, nan))
print("np.maximum(nan, 1.0) =", np.maximum(nan, 1.0), "  np.maximum(1.0, nan) =",
      np.maximum(1.0, nan))

# %% [markdown]
# ## 3. float16 and bfloat16: few bits
#
# Half precision (float16) stores activations in half the memory of float32. bfloat16
# ("brain floating point") is the 16-bit format of mixed-precision training: TPUs multiply
# matrices in bfloat16 by default, and its dynamic range equals float32's ([Google Cloud TPU
# documentation](https://cloud.google.com/tpu/docs/bfloat16); Kalamkar et al. 2019,
# [A Study of BFLOAT16 for Deep Learning Training](https://arxiv.org/abs/1905.12322)).
# numpy has no bfloat16: the `ml_dtypes` package (installed with TensorFlow) adds it, and
# `torch.bfloat16` is the same format. Their exact limits next to float32's:

# %%
print(f"{'':18s} {'float16':>12s} {'bfloat16':>12s} {'float32':>12s}")
for field in ("max", "smallest_normal", "smallest_subnormal", "eps"):
    values = [float(getattr(dtype_info(d), field)) for d in ("float16", "bfloat16", "float32")]
    print(f"{field:18s} " + " ".join(f"{v:12.6g}" for v in values))
bf16_torch = torch.finfo(torch.bfloat16)
print("torch.bfloat16 has the same max, smallest normal and eps:",
      (bf16_torch.max, bf16_torch.smallest_normal, bf16_torch.eps)
      == tuple(float(getattr(dtype_info("bfloat16"), f))
               for f in ("max", "smallest_normal", "eps")))
print("float16(70000)           :", *run_and_warn(lambda: np.float16(70000)))
print("alpha=0.01 stored in f16 :", float(np.float16(0.01)))
print("alpha=0.01 stored in bf16:", float(ml_dtypes.bfloat16(0.01)))

# %% [markdown]
# float16 stops at 65504: anything larger is `inf`. bfloat16 goes as far as float32, but
# `eps`, the gap between 1 and the next number, is 2**-7: it keeps only 8 significant bits
# (float16 keeps 11, float32 24). At the other end, Leaky ReLU *shrinks* negative inputs by
# `alpha`, so in float16 small negative inputs land among the subnormals (few significant
# bits) or underflow to zero. And `alpha` itself is rounded. The same inputs in float64,
# float16 and bfloat16 (computed with the reference's rule: `leaky.leaky_relu` takes
# numpy's own float types only):

# %%
x64 = np.array([-1e-2, -1e-3, -1e-5, -2e-6])
y64 = leaky.leaky_relu(x64, 0.01)
y16 = leaky.leaky_relu(x64.astype(np.float16), 0.01).astype(np.float64)
xbf = x64.astype(ml_dtypes.bfloat16)
ybf = np.where(xbf > 0, xbf, ml_dtypes.bfloat16(0.01) * xbf).astype(np.float64)
for xi, a, b, c in zip(x64, y64, y16, ybf, strict=True):
    print(f"x = {xi:8.0e}: float64 {a:10.3e}   float16 {b:10.3e} (error {abs(b - a) / abs(a):6.1%})"
          f"   bfloat16 {c:10.3e} (error {abs(c - a) / abs(a):5.2%})")

# %% [markdown]
# In float16, at `x = -1e-5` the output is off by almost a fifth, and at `x = -2e-6` it has
# become 0: the small negative slope, the point of Leaky ReLU, is gone. bfloat16 never
# underflows here (its range is float32's), but with 8 significant bits every value is
# rounded coarsely: here the outputs are off by about a tenth of a percent, whatever their
# size. The explorer below maps this for every dtype.

# %% [markdown]
# ## 4. Signed zero (optional)
#
# IEEE floats have a `-0.0`. Leaky ReLU keeps the sign of a negative input for every
# `alpha`, even 0: `alpha * -0.0` is `-0.0`, and so is `0 * -3.0`. ReLU via
# `np.maximum(x, 0)` returns `+0.0`. `np.signbit` tells them apart; `==` does not:

# %%
for name, y in [("leaky_relu(-0.0, 0.01)", leaky.leaky_relu(-0.0, 0.01)),
                ("leaky_relu(-3.0, 0.0) ", leaky.leaky_relu(-3.0, 0.0)),
                ("relu(-3.0)            ", leaky.relu(-3.0))]:
    print(f"{name} = {y}, signbit {np.signbit(y)}, == 0.0: {y == 0.0}")
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
# reads an element after it has overwritten it. A tempting two-step version breaks. Next to
# it, `leaky.fast.leaky_relu`: the package's fast version, a compiled loop (numba) that
# takes `out=` (section 8 times it; its first call compiles it, once):

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
result = fast.leaky_relu(b, 0.1, out=b)
print("fast, out=x       :", result, " same object as x:", result is b)

# %% [markdown]
# With `out=x`, step 1 already replaced `x` by `alpha * x`, so step 2 takes the max of two
# equal arrays and the positive side is scaled too. Partial overlap is subtler: writing the
# result one place to the right of the input (`out=x[1:]` for input `x[:-1]`).
# Each numpy ufunc call detects overlap and buffers, but that protects only that one call:
# `two_step`'s second call reads input elements its first call already overwrote.
# `leaky.fast.leaky_relu` detects the overlap and works through a temporary. The expected
# values are those of the untouched input:

# %%
base = np.array([-3.0, -2.0, -1.0, 1.0, 2.0, 3.0])
expected = leaky.leaky_relu(base[:-1], 0.1)
c = base.copy()
two_step(c[:-1], 0.1, out=c[1:])
d = base.copy()
fast.leaky_relu(d[:-1], 0.1, out=d[1:])
print("expected   :", expected)
print("two_step   :", c[1:], " correct:", np.array_equal(c[1:], expected))
print("fast       :", d[1:], " correct:", np.array_equal(d[1:], expected))

# %% [markdown]
# ## 7. Memory of temporaries (optional)
#
# `np.where(x > 0, x, alpha * x)` builds three full-size arrays: the mask `x > 0` (one byte
# per element, a quarter of a float32 array), `alpha * x`, and the result: together 2.25
# times the size of the input. `tracemalloc`, which numpy reports its allocations to,
# measures the peak extra memory of a call. On 8M float32 values, for the reference and the
# two fast versions of `leaky.fast` (`leaky_relu_blocked` is numpy in blocks of 65,536
# values, small enough for the CPU cache; `leaky_relu` is the compiled loop):

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
fast.warm_up(dtypes=("float32",), parallel=False)  # compile now: not inside a measurement
variants = {
    "np.where(x > 0, x, a*x)": lambda: np.where(x > 0, x, alpha32 * x),
    "leaky.leaky_relu(x)": lambda: leaky.leaky_relu(x, 0.01),
    "fast.leaky_relu_blocked(x)": lambda: fast.leaky_relu_blocked(x, 0.01),
    "fast.leaky_relu_blocked(x, out=out)": lambda: fast.leaky_relu_blocked(x, 0.01, out=out),
    "fast.leaky_relu(x)": lambda: fast.leaky_relu(x, 0.01),
    "fast.leaky_relu(x, out=out)": lambda: fast.leaky_relu(x, 0.01, out=out),
}
print(f"x: {x.size:,} float32 = {x.nbytes / 2**20:.0f} MiB")
for name, fn in variants.items():
    print(f"{name:36s} peak extra memory {peak_extra_bytes(fn) / x.nbytes:5.2f} x the size of x")

# %% [markdown]
# The reference is the slide's `np.where`, so it peaks at 2.25 times the input too. The
# blocked version's only full-size array is its result, and with `out=` there is none; the
# compiled loop needs no temporary at all. Memory is one cost of temporaries; time is the
# other, next.

# %% [markdown]
# ## 8. Time: the roofline
#
# Leaky ReLU does one comparison and one multiplication per element: 2 operations for the 8
# bytes a float32 element moves (4 read, 4 written). The *roofline* model (Williams,
# Waterman and Patterson, [Roofline: an insightful visual performance model for multicore
# architectures](https://doi.org/10.1145/1498765.1498785), Communications of the ACM 52(4),
# 2009) caps a kernel's speed by the smaller of two roofs: the processor's arithmetic peak,
# and memory bandwidth times the operations done per byte. At a quarter of an operation per
# byte, Leaky ReLU is far below the point where the two roofs meet, under the bandwidth
# roof: its limit is how fast bytes move, not how fast the processor computes.
#
# A copy reads `x` and writes an array of the same size: exactly the bytes any Leaky ReLU
# must move. So `np.copyto(out, x)`, timed at the same size, is the limit on this machine
# for every version that writes its result into a separate array.
# The next cell times every implementation at five sizes, 64 KiB to 16 MiB of float32, in
# about ten seconds (`bench/bench_activations.py` does 256 MiB, past the caches): the slides'
# `np.where`, the reference, numpy in blocks, numba's one pass (into `out`, and in place),
# numba's parallel pass, and PyTorch's own kernel on 1 and 2 threads (`leaky_relu` with
# `out=`). Each time is the best of 5 rounds in which the cases take turns
# (`leaky.roofline.best_times`, built on `leaky.timing.best_time`); timings change from run
# to run, so the cell after checks only what holds with a wide margin.

# %% tags=["nbval-ignore-output"]
# nbval-ignore-output: timings differ from run to run; the next cell asserts a loose claim.
print(f"numba compile or cache load: {fast.warm_up():.2f} s (paid once per process)")
sizes = [2**14, 2**16, 2**18, 2**20, 2**22]
timings = roofline.measure(sizes, threads=2, progress=ProgressBar(len(sizes), "sizes timed"))
roofline.plot_roofline(timings)

# %% tags=["nbval-ignore-output"]
# nbval-ignore-output: the measured ratios (time / copy's time) at 16 MiB.
ratios = roofline.ratios(timings)
for name, ratio in sorted(ratios.items(), key=lambda item: item[1]):
    print(f"{name:32s} {ratio:6.2f} x the copy's time")

# %%
where_vs_one_pass = ratios["np.where (slides)"] / ratios["numba one-pass, out="]
where_vs_blocked = ratios["np.where (slides)"] / ratios["numpy blocked, out="]
assert where_vs_one_pass > 3 and where_vs_blocked > 2, ratios
print("numba one-pass more than 3x faster than np.where:", where_vs_one_pass > 3)
print("numpy blocked more than 2x faster than np.where :", where_vs_blocked > 2)

# %% [markdown]
# Why only one-pass code comes near the copy's line:
#
# - **Temporaries.** `np.where` writes the mask and `alpha * x` and reads them back: more
#   bytes than the copy moves, in three passes over memory.
# - **Element-by-element choices.** Its bytes do not explain all of its time. Splitting it
#   up, on 4 MiB of float32, and once more with the same values sorted (the same bytes;
#   only the order of the signs changes):

# %% tags=["nbval-ignore-output"]
# nbval-ignore-output: timings; the next cell asserts a loose claim.
x = rng.standard_normal(2**20, dtype=np.float32)
out = np.empty_like(x)
a = np.float32(0.01)
parts = {}
for order, v in (("random", x), ("sorted", np.sort(x))):
    mask, product = v > 0, a * v
    parts[order] = {
        "mask: v > 0": lambda v=v: v > 0,
        "product: a * v": lambda v=v: a * v,
        "choice: np.where(mask, v, product)": lambda v=v, m=mask, p=product: np.where(m, v, p),
        "whole: np.where(v > 0, v, a * v)": lambda v=v: np.where(v > 0, v, a * v),
        "numba one-pass, out=": lambda v=v: fast.leaky_relu(v, 0.01, out=out),
    }
calls = {"copy": lambda: np.copyto(out, x)}
calls |= {(order, name): call for order in parts for name, call in parts[order].items()}
seconds = roofline.best_times(calls, repeat=9, min_seconds=5e-4)
copy_time = seconds["copy"]
split = {name: (seconds["random", name] / copy_time, seconds["sorted", name] / copy_time)
         for name in parts["random"]}
print(f"{'x the copy time':36s} {'random signs':>12s} {'sorted':>8s}")
for name, (shuffled, ordered) in split.items():
    print(f"{name:36s} {shuffled:12.2f} {ordered:8.2f}")

# %%
choice_random, choice_sorted = split["choice: np.where(mask, v, product)"]
one_pass_random, one_pass_sorted = split["numba one-pass, out="]
assert one_pass_random < 2.5 * one_pass_sorted, split
print("numba one-pass: random signs less than 2.5x slower than sorted :",
      one_pass_random < 2.5 * one_pass_sorted)
print("np.where's choice: random signs more than 3x slower than sorted:",
      choice_random > 3 * choice_sorted)

# %% [markdown]
#   The mask and the product each cost about a copy or less; the choice costs the most, and
#   with random signs it is several times slower than with sorted ones. That is the mark
#   of a branch the processor must guess before it knows the sign: sorted, it guesses right
#   almost every time; random, it is wrong about half the time and starts over (the classic
#   demonstration: [Why is processing a sorted array faster than processing an unsorted
#   array?](https://stackoverflow.com/questions/11227809)). numpy's loop for `np.where` is
#   an `if`/`else` per element (`INNER_WHERE_LOOP` in numpy's
#   `numpy/_core/src/multiarray/multiarraymodule.c`); a numpy built by another compiler may
#   turn it into a choice without a branch, and then the last line above prints False. numba
#   compiles `v if v > 0 else a * v` into vector instructions that compute both sides and
#   pick one without a branch, so the order does not matter to it.
# - **Blocks.** `leaky_relu_blocked` keeps its temporary in the cache, so it moves about
#   the copy's bytes, but it makes two numpy passes per block plus a Python loop step per
#   65,536 values.
# - **Read for ownership.** To write into a cache line that is not in the cache, the
#   processor first reads it: writing a separate `out` costs a read of `out` as well, so
#   three arrays' worth of bytes move where the count above has two (McCalpin's
#   [STREAM notes](https://www.cs.virginia.edu/~mccalpin/papers/bandwidth/node3.html)
#   describe this "write-allocate" read, which STREAM does not count). In place there is
#   nothing extra to read: each line is read once and written back, which is why
#   "numba one-pass, in place" comes out below its "out=" line here (it can even come out
#   below the copy's, which touches two arrays to its one). The copy does not pay the
#   extra read either: `np.copyto` calls `memmove`, which glibc (on Linux) does with
#   `rep movsb` for large blocks; on Intel CPUs that instruction writes whole cache lines
#   without reading them first (Intel's *Software Developer's Manual*, volume 3A,
#   "Out-of-order stores for string operations"), and past a size threshold (its tunable
#   [`x86_non_temporal_threshold`](https://www.gnu.org/software/libc/manual/html_node/Hardware-Capability-Tunables.html))
#   glibc switches to *streaming* stores, which write around the cache. `leaky.fast` writes
#   a separate result of 64 MiB or more with streaming stores too (`fast.STREAM_BYTES`;
#   `bench/bench_activations.py` measures what they save, at 256 MiB).
# - **Threads.** The parallel loop splits the pass over numba's threads (two here, one
#   under the course's other-CPU test settings). PyTorch's CPU kernel is also one vectorised
#   pass that picks without a branch (`cpu_kernel_vec` with a blend, in
#   `aten/src/ATen/native/cpu/Activation.cpp`): compare it with numba's at the same thread
#   count. On a busy machine, a second thread can be slower than none: the parallel lines
#   are the noisiest.
#
# Small arrays are another regime: at 64 KiB every call is a few microseconds, and the
# fixed cost of calling from Python (checking the arguments, dispatching) is a large part
# of it. The left plot's lines flatten there.

# %% [markdown]
# ## 9. The contrast: sigmoid really can overflow
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
# (The plotting code is `leaky.plots_underflow.plot_dtype_error`.)

# %%
dtype_menu = widgets.Dropdown(options=list(DTYPE_RANGES), value="float16", description="dtype")
alpha_explorer(plot_dtype_error, alpha=0.01, min=1e-3, max=10.0, step=0.05, log=True,
               controls={"dtype": dtype_menu})

# %% [markdown]
# Where does the negative side vanish? The largest `|x|` whose output underflows to 0, per
# dtype and `alpha`, from the same curves:

# %%
for dtype in DTYPE_RANGES:
    cells = [f"alpha={alpha}: {underflow_limit(alpha, dtype):.0e}" for alpha in (0.3, 0.01, 0.001)]
    print(f"{dtype:8s}: output is 0 for |x| up to about  " + "   ".join(cells))

# %% [markdown]
# Things to try: float16 with `alpha = 0.001`; bfloat16 next to float32 (the same range,
# a much higher rounding level); `alpha = 5` (the product overflows before the input does:
# the red band starts at the dtype's max, the error rises earlier); float64, where nothing
# happens in any range a network produces.

# %% [markdown]
# ## Exercises
#
# ### Exercise 13.1: an in-place Leaky ReLU
#
# Write `leaky_relu_inplace(x, alpha)` that overwrites the float array `x` with exactly
# `leaky.leaky_relu(x, alpha)` and returns `x` itself. It must agree with it for every
# `alpha >= 0` (including `alpha > 1`, infinities and NaN) and must not build a full-size
# temporary: the peak extra memory must stay under half of `x.nbytes`. A boolean mask (one
# byte per element) is fine. Use numpy, not `leaky.fast` (which does it for you). Hint:
# every numpy ufunc takes `out=` and `where=`.

# %%
def leaky_relu_inplace(x, alpha=0.01):
    # BEGIN SOLUTION
    # STUB: ...  # change x in place, then return x
    np.multiply(x, alpha, out=x, where=x < 0)
    return x
    # END SOLUTION


check("13.1", leaky_relu_inplace)

# %% [markdown]
# ### Exercise 13.2: break an implementation
#
# Here is the one-line Leaky ReLU of section 1. Section 1 showed that it is wrong for
# `alpha > 1`. Find an input with `0 <= alpha <= 1` on which it still disagrees with
# `leaky.leaky_relu`: give `breaking = (x, alpha)` with `x` a number (or an array).

# %%
def one_liner(x, a):
    return np.maximum(a * x, x)


# BEGIN SOLUTION
# STUB: breaking = ...  # (x, alpha) with alpha <= 1
breaking = (np.inf, 0.0)
# END SOLUTION
check("13.2", breaking)

# %% [markdown]
# ### Exercise 13.3: predict, then run (the gradient)
#
# Backpropagation needs `leaky_relu_grad`. Four ways to compute it for a float32 array of
# 262,144 values (1 MiB):
#
# - **A**: `leaky.leaky_relu_grad(x, alpha)`, the reference: `np.where(x > 0, 1, alpha)`,
#   then NaN written back through a second mask, `np.isnan(x)`;
# - **B**: slide 3's version: `g = np.ones_like(x)`, then `g[x < 0] = alpha`;
# - **C**: `leaky.fast.leaky_relu_grad(x, alpha)`, one compiled pass into a new array;
# - **D**: `leaky.fast.leaky_relu_grad(x, alpha, out=g)`, one compiled pass into `g`, made
#   once.
#
# **Before you run the next cell**, predict: which is fastest, and how many times faster
# than A is it (A's time divided by its time)? Give `prediction = (letter, factor)`, then
# run the two cells after it: the first times the four, the second compares your
# prediction with that measurement. It is a prediction: a factor within 3x of the measured
# one counts.

# %%
# BEGIN SOLUTION
# STUB: prediction = ...  # (letter, factor), e.g. ("B", 2.0)
prediction = ("D", 15)
# END SOLUTION

# %% tags=["nbval-ignore-output"]
# nbval-ignore-output: timings differ from run to run; the check below compares with them.
measured = roofline.measure_gradients(2**18)
for name in ("copy", "A", "B", "C", "D"):
    label = roofline.GRADIENT_CASES.get(name, "np.copyto(g, x)")
    print(f"{name:4s} {measured[name] / measured['copy']:6.2f} x the copy's time   {label}")

# %%
check("13.3", prediction)

# %% [markdown]
# ## Summary
#
# - The slide's 1e20 test shows nothing: for `alpha <= 1`, `alpha * x` cannot overflow.
#   Real failures: the max form for `alpha > 1` (and at `+inf` for `alpha = 0`), float16
#   underflow of `alpha * x` and bfloat16's 8 bits, integer arrays that truncate `alpha`,
#   aliasing with `out=`. `leaky_relu(-inf, 0)` is NaN by IEEE rules, as in PyTorch.
# - `np.where` makes three arrays totalling 2.25 times the input and chooses element by
#   element; one compiled pass (numba's, PyTorch's) reads once and writes once, and only
#   such code comes near the copy's line.
# - Measure against a copy in the same run, as a ratio: that is the roofline on your machine.
#
# **Next:** lesson 14, Leaky ReLU in TensorFlow and PyTorch, and how their defaults differ.
