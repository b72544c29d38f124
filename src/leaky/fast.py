"""Fast Leaky ReLU kernels, apart from the readable reference (lesson 13 times them all).

:mod:`leaky.activations` is the definition, written to be read: ``np.where(x > 0, x,
alpha * x)`` builds a mask, ``alpha * x`` and the result, three full-size arrays. The
functions here give **identical results** (every dtype, NaN, infinities, ``-0.0``, the
gradient ``alpha`` at exactly 0) while moving as few bytes as possible:

* :func:`leaky_relu` and :func:`leaky_relu_grad`: one compiled pass (numba), reading each
  element once and writing its result once. ``out=`` takes a preallocated result, and
  ``out=x`` works in place. ``parallel=True`` splits the pass over numba's threads
  (``numba.set_num_threads``; all cores by default). A separate result of
  :data:`STREAM_BYTES` or more is written with streaming stores, which skip reading
  ``out`` before writing it (x86-64).
* :func:`leaky_relu_blocked`: numpy only, in cache-sized blocks, so that its temporaries stay
  in the CPU cache (the package's ``leaky_relu`` until version 0.2).

Supported: float32 and float64 run the compiled pass. float16 (and ``np.longdouble``) give
the same results through numpy (numba has no float16 arithmetic on the CPU), so they are
not one pass. bool, int, lists and scalars are converted to float64 first, like the
reference, and so are arrays in non-native byte order to native; such an input cannot be
its own ``out``. Arguments are checked as in the reference, with the same
messages (``alpha must be a finite number >= 0, got -1``, ``out must be an array of shape
(3,) and dtype float64, got ...``).

Importing this module compiles nothing and does not import numba: the first call of a
compiled function does, once per dtype (about a second or two each). ``cache=True`` keeps
the machine code in ``src/leaky/__pycache__`` (or ``NUMBA_CACHE_DIR``), so later processes
load it in milliseconds; lessons that never call these functions never pay. ``bench/
bench_activations.py`` prints the compile time and every kernel's speed next to a copy.
"""

from __future__ import annotations

import importlib
import platform
import time

import numpy as np

from ._validate import as_float_array, check_alpha, check_out, fail

__all__ = ["leaky_relu", "leaky_relu_grad", "leaky_relu_blocked", "warm_up", "BLOCK",
           "COMPILED_DTYPES", "STREAM_BYTES"]

#: Elements per block in :func:`leaky_relu_blocked`: small enough that the temporary stays
#: in the CPU cache, large enough that the Python loop costs little.
BLOCK = 1 << 16

#: dtypes that run the compiled one-pass kernels; float16 runs numpy code with the same results.
COMPILED_DTYPES = (np.dtype(np.float32), np.dtype(np.float64))

#: A separate result of at least this many bytes is written with streaming (non-temporal)
#: stores, which skip reading each cache line of ``out`` before writing it: a third less
#: memory traffic once the arrays are far larger than the caches. Below it, ordinary stores
#: leave the result in the cache, where the next operation finds it (glibc's ``memcpy``
#: reasons the same way). x86-64 only. Measured: bench/bench_activations.py.
STREAM_BYTES = 1 << 26

_X86 = platform.machine().lower() in ("x86_64", "amd64")

_kernels = None


def _kernel(kind: str, how: str, parallel: bool):
    """The numba kernel for ``kind`` ("forward" or "grad") written ``how`` ("out",
    "inplace" or "stream"); imports numba on first use."""
    global _kernels
    if _kernels is None:
        _kernels = importlib.import_module("leaky._fast_kernels").KERNELS
    return _kernels[(kind, how, parallel)]


# --- argument handling shared by every function ----------------------------------------------
def _like_input(x_in, result: np.ndarray):
    """A numpy scalar for scalar input, the array otherwise (as the reference does)."""
    return result[()] if np.ndim(x_in) == 0 and not isinstance(x_in, np.ndarray) else result


def _check_flag(value, name: str) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        fail(name, "True or False", value, error=TypeError)
    return bool(value)


def _prepare(x, alpha, out):
    """Checked alpha, x as a float array, and the array to write (``out`` or a new one)."""
    alpha = check_alpha(alpha)
    xa = as_float_array(x)
    if not xa.dtype.isnative:  # the reference's result is in native byte order
        xa = xa.astype(xa.dtype.newbyteorder("="))
    if out is None:
        return alpha, xa, np.empty_like(xa, subok=False)
    return alpha, xa, check_out(out, xa.shape, xa.dtype)


def _same_memory(a: np.ndarray, b: np.ndarray) -> bool:
    """True if ``a`` and ``b`` are the same elements (same start and strides): in place."""
    return (a.__array_interface__["data"][0] == b.__array_interface__["data"][0]
            and a.strides == b.strides)


def _flat(a: np.ndarray, order: str) -> np.ndarray:
    """A 1-D view of a contiguous array, in memory order."""
    return a.reshape(-1) if order == "C" else a.T.reshape(-1)


def _common_order(*arrays) -> str | None:
    """"C" or "F" if every array is contiguous in that order, else None."""
    if all(a.flags.c_contiguous for a in arrays):
        return "C"
    if all(a.flags.f_contiguous for a in arrays):
        return "F"
    return None


def _run(kind: str, x, alpha, out, parallel):
    parallel = _check_flag(parallel, "parallel")
    alpha, xa, result = _prepare(x, alpha, out)
    if xa.dtype not in COMPILED_DTYPES:  # float16: numpy, same results
        if kind == "forward":
            _blocked_into(xa, alpha, result)
        else:
            _grad_numpy_into(xa, alpha, result)
        return result if out is not None else _like_input(x, result)
    dtype = xa.dtype.type
    scalars = (dtype(alpha),) + ((dtype(1), dtype(np.nan)) if kind == "grad" else ())
    order = _common_order(xa, result)
    if order is not None and _same_memory(xa, result):
        _kernel(kind, "inplace", parallel)(_flat(result, order), *scalars)
    elif order is not None and not np.shares_memory(xa, result):
        how = "stream" if result.nbytes >= STREAM_BYTES and _X86 else "out"
        _kernel(kind, how, parallel)(_flat(xa, order), _flat(result, order), *scalars)
    else:  # strided, or out overlaps x without being x: compute apart, then copy
        tmp = np.array(xa, order="C")
        _kernel(kind, "inplace", parallel)(tmp.reshape(-1), *scalars)
        result[...] = tmp
    return result if out is not None else _like_input(x, result)


# --- the compiled one-pass functions ---------------------------------------------------------
def leaky_relu(x, alpha=0.01, *, out=None, parallel=False):
    """Leaky ReLU in one compiled pass: identical to :func:`leaky.leaky_relu` (lesson 13).

    Parameters
    ----------
    x : array_like of real numbers
    alpha : float >= 0
    out : ndarray, optional
        Where to write the result: the result's shape and dtype (float input keeps its
        dtype; other input gives float64). ``out=x`` overwrites ``x``; an ``out`` that
        partly overlaps ``x`` is handled (through a temporary).
    parallel : bool
        Split the pass over numba's threads.

    Returns ``out`` if given, else a new array (a numpy scalar for scalar input).
    """
    return _run("forward", x, alpha, out, parallel)


def leaky_relu_grad(x, alpha=0.01, *, out=None, parallel=False):
    """The derivative in one compiled pass: identical to :func:`leaky.leaky_relu_grad`.

    1 where ``x > 0``, ``alpha`` where ``x <= 0`` (``alpha`` at exactly 0, as PyTorch and
    TensorFlow), NaN for NaN. ``out`` and ``parallel`` as in :func:`leaky_relu`.
    """
    return _run("grad", x, alpha, out, parallel)


def warm_up(dtypes=("float32", "float64"), parallel=True) -> float:
    """Compile (or load from numba's cache) every kernel for ``dtypes`` (the serial ones
    only with ``parallel=False``); return the seconds it took. Calling it first keeps the
    compile time out of later timings."""
    start = time.perf_counter()
    for dtype in dtypes:
        x, out = np.zeros(64, dtype=dtype), np.empty(64, dtype=dtype)
        for flag in (False, True) if parallel else (False,):
            for kind in ("forward", "grad"):
                scalars = (out.dtype.type(0.5),) * (1 if kind == "forward" else 3)
                for how in ("out", "stream") if _X86 else ("out",):
                    _kernel(kind, how, flag)(x, out, *scalars)
                _kernel(kind, "inplace", flag)(x, *scalars)
    return time.perf_counter() - start


# --- numpy only ---------------------------------------------------------------------------------
def _leaky_block(x: np.ndarray, alpha: float, out: np.ndarray, tmp: np.ndarray) -> None:
    """out = leaky_relu(x) for one block; tmp is scratch of x's shape, apart from x and out.

    ``a`` is alpha in x's dtype, as the reference multiplies by it. For 0 < a <= 1 the larger
    of (x, a * x) is the reference's branch, for a > 1 the smaller: equal to it for every
    input, NaN, infinities and signed zeros included. For a = 0 (alpha = 0, or an alpha too
    small for the dtype: float16 rounds 1e-8 to 0) the max form gives nan at +inf
    (0 * inf), so the reference's own rule is used, with a mask.
    """
    a = x.dtype.type(alpha)
    np.multiply(x, a, out=tmp)
    if a == 0:
        np.copyto(tmp, x, where=np.greater(x, 0))
        np.copyto(out, tmp)
        return
    (np.maximum if a <= 1 else np.minimum)(x, tmp, out=out)


def _blocked_into(xa: np.ndarray, alpha: float, result: np.ndarray) -> None:
    if not _same_memory(xa, result) and np.shares_memory(result, xa):
        xa = xa.copy()  # out overlaps x, shifted: work from a copy
    order = _common_order(xa, result)
    if order is None:
        _leaky_block(xa, alpha, result, np.empty_like(xa))
        return
    flat_x, flat_out = _flat(xa, order), _flat(result, order)
    tmp = np.empty(min(BLOCK, flat_x.size), dtype=xa.dtype)
    for start in range(0, flat_x.size, BLOCK):
        stop = min(start + BLOCK, flat_x.size)
        _leaky_block(flat_x[start:stop], alpha, flat_out[start:stop], tmp[: stop - start])


def _grad_numpy_into(xa: np.ndarray, alpha: float, result: np.ndarray) -> None:
    dtype = xa.dtype.type
    positive, nan = xa > 0, np.isnan(xa)  # before result (maybe xa itself) is written
    result[...] = dtype(alpha)
    np.copyto(result, dtype(1), where=positive)
    np.copyto(result, dtype(np.nan), where=nan)


def leaky_relu_blocked(x, alpha=0.01, *, out=None):
    """Leaky ReLU with numpy in blocks of :data:`BLOCK` elements (lesson 13).

    Two ufunc passes per block (``alpha * x``, then the max or min with ``x``) whose
    temporary stays in the CPU cache, so the only full-size array written is the result;
    with ``out=`` (``out=x`` works) there is none. Identical results to
    :func:`leaky.leaky_relu`. This was the package's ``leaky_relu`` until version 0.2.
    """
    alpha, xa, result = _prepare(x, alpha, out)
    _blocked_into(xa, alpha, result)
    return result if out is not None else _like_input(x, result)
