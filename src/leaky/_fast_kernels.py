"""The compiled loops behind :mod:`leaky.fast` (lesson 13). Imported on the first call of a
``leaky.fast`` function, never by ``import leaky`` or ``import leaky.fast``.

Start with :func:`forward`: it is the whole idea, one pass over 1-D contiguous arrays, read
an element, write its result. The others are the same loop in place (``*_inplace``), for
the gradient (``grad*``), split over threads (``*_parallel``) and with streaming stores
(``*_stream``, at the end of the file).

``numba.njit`` compiles a kernel the first time it is called with a new dtype, and
``cache=True`` stores the machine code next to this file (``__pycache__``, or
``NUMBA_CACHE_DIR``), so a second process loads it instead of compiling again. The cache is
keyed by the CPU numba compiles for (``NUMBA_CPU_NAME``), so code for another CPU is kept
apart.

The arithmetic is the reference's (:mod:`leaky.activations`) in the array's own dtype:
``x if x > 0 else a * x`` with ``a = dtype(alpha)``, and no ``fastmath``, so the results are
identical to it (NaN, infinities, signed zeros and all). ``prange`` versions split the loop
over numba's threads (``numba.set_num_threads``; ``NUMBA_NUM_THREADS``).

The ``*_stream`` kernels write a separate ``out`` with non-temporal ("streaming") stores,
32 bytes at a time: an ordinary store into a cache line that is not in the cache first
reads that line (read for ownership), a streaming store does not, and it does not keep the
line in the cache either. That saves a third of the memory traffic when ``out`` is far
larger than the caches; for a smaller result it would push out of the cache what the next
operation is about to read (:data:`leaky.fast.STREAM_BYTES` chooses). They are plain LLVM IR
(a vector store marked ``!nontemporal``, then a fence), so they compile for any CPU: LLVM
emits ``movntps``/``movntpd`` (SSE2, so every x86-64 CPU; ``vmovnt*`` with AVX) and
``sfence`` on x86-64, ``stnp`` and ``dmb ish`` on ARM64. :mod:`leaky.fast` uses them on
x86-64 only, where they are measured (``bench/bench_activations.py``).
"""

from __future__ import annotations

import numba
from llvmlite import binding as llvm_binding
from llvmlite import ir
from numba import types
from numba.core import cgutils
from numba.extending import intrinsic

_SERIAL = {"cache": True, "nogil": True, "boundscheck": False}
_PARALLEL = {**_SERIAL, "parallel": True}
VECTOR_BYTES = 32  # one AVX register; split into two SSE stores on older CPUs
#: numba compiles for the machine it runs on: is it x86-64? (chooses the fence below)
X86 = llvm_binding.get_process_triple().split("-")[0] in ("x86_64", "amd64")
CHUNKS = 64  # pieces the parallel streaming kernels share among numba's threads


# --- one element at a time: LLVM vectorises these loops itself ------------------------------
@numba.njit(**_SERIAL)
def forward(x, out, a):
    """out[i] = leaky_relu(x[i]); x and out must not overlap."""
    for i in range(x.size):
        v = x[i]
        out[i] = v if v > 0 else a * v


@numba.njit(**_SERIAL)
def forward_inplace(x, a):
    """x[i] = leaky_relu(x[i])."""
    for i in range(x.size):
        v = x[i]
        x[i] = v if v > 0 else a * v


@numba.njit(**_SERIAL)
def grad(x, out, a, one, nan):
    """out[i] = leaky_relu_grad(x[i]): one for x > 0, nan for nan, a otherwise (one, nan
    and a are scalars of x's dtype)."""
    for i in range(x.size):
        v = x[i]
        out[i] = one if v > 0 else (nan if v != v else a)


@numba.njit(**_SERIAL)
def grad_inplace(x, a, one, nan):
    for i in range(x.size):
        v = x[i]
        x[i] = one if v > 0 else (nan if v != v else a)


@numba.njit(**_PARALLEL)
def forward_parallel(x, out, a):
    for i in numba.prange(x.size):
        v = x[i]
        out[i] = v if v > 0 else a * v


@numba.njit(**_PARALLEL)
def forward_inplace_parallel(x, a):
    for i in numba.prange(x.size):
        v = x[i]
        x[i] = v if v > 0 else a * v


@numba.njit(**_PARALLEL)
def grad_parallel(x, out, a, one, nan):
    for i in numba.prange(x.size):
        v = x[i]
        out[i] = one if v > 0 else (nan if v != v else a)


@numba.njit(**_PARALLEL)
def grad_inplace_parallel(x, a, one, nan):
    for i in numba.prange(x.size):
        v = x[i]
        x[i] = one if v > 0 else (nan if v != v else a)


# --- streaming stores: a vector of 32 bytes at a time ------------------------------------------
def _splat(builder, vector_type, value):
    result = ir.Constant(vector_type, ir.Undefined)
    for lane in range(vector_type.count):
        result = builder.insert_element(result, value, ir.Constant(ir.IntType(32), lane))
    return result


def _stream_codegen(kind):
    """LLVM IR for out[i:i+L] = f(x[i:i+L]) with a non-temporal store (out + i aligned to
    32 bytes); f is Leaky ReLU (kind "forward", scalars (a,)) or its gradient ("grad",
    scalars (a, one, nan))."""
    def codegen(context, builder, signature, args):
        x_type, out_type = signature.args[0], signature.args[1]
        x_array = context.make_array(x_type)(context, builder, args[0])
        out_array = context.make_array(out_type)(context, builder, args[1])
        index = [args[2]]
        x_ptr = cgutils.get_item_pointer(context, builder, x_type, x_array, index,
                                         wraparound=False)
        out_ptr = cgutils.get_item_pointer(context, builder, out_type, out_array, index,
                                           wraparound=False)
        scalar = context.get_value_type(x_type.dtype)
        itemsize = x_type.dtype.bitwidth // 8
        vector = ir.VectorType(scalar, VECTOR_BYTES // itemsize)
        v = builder.load(builder.bitcast(x_ptr, vector.as_pointer()), align=itemsize)
        zero = ir.Constant(vector, [ir.Constant(scalar, 0.0)] * vector.count)
        positive = builder.fcmp_ordered(">", v, zero)
        a = _splat(builder, vector, args[3])
        if kind == "forward":
            result = builder.select(positive, v, builder.fmul(v, a))
        else:
            one, nan = _splat(builder, vector, args[4]), _splat(builder, vector, args[5])
            is_nan = builder.fcmp_unordered("uno", v, v)
            result = builder.select(positive, one, builder.select(is_nan, nan, a))
        store = builder.store(result, builder.bitcast(out_ptr, vector.as_pointer()),
                              align=VECTOR_BYTES)
        store.set_metadata("nontemporal",
                           builder.module.add_metadata([ir.Constant(ir.IntType(32), 1)]))
        return context.get_dummy_value()
    return codegen


@intrinsic
def _forward_vector_stream(typingctx, x, out, i, a):
    return types.void(x, out, i, a), _stream_codegen("forward")


@intrinsic
def _grad_vector_stream(typingctx, x, out, i, a, one, nan):
    return types.void(x, out, i, a, one, nan), _stream_codegen("grad")


@intrinsic
def _store_fence(typingctx):
    """Make the streaming stores before it visible before any store after it (they are
    weakly ordered). x86-64: ``sfence``, the fence Intel documents for them; elsewhere a
    full fence, ``fence seq_cst`` (``dmb ish`` on ARM64)."""
    def codegen(context, builder, signature, args):
        if X86:
            sfence = cgutils.get_or_insert_function(
                builder.module, ir.FunctionType(ir.VoidType(), []), "llvm.x86.sse.sfence")
            builder.call(sfence, [])
        else:
            builder.fence("seq_cst")
        return context.get_dummy_value()
    return types.void(), codegen


@numba.njit(**_SERIAL)
def _aligned_start(out):
    """Elements before out's first 32-byte boundary (the vector stores need it)."""
    lanes = VECTOR_BYTES // out.itemsize
    misaligned = out.ctypes.data % VECTOR_BYTES
    if misaligned % out.itemsize:
        return out.size  # not even element-aligned: no vector stores at all
    return min(out.size, ((VECTOR_BYTES - misaligned) // out.itemsize) % lanes)


@numba.njit(**_SERIAL)
def forward_stream(x, out, a):
    """forward(), with streaming stores for everything but the unaligned ends."""
    lanes = VECTOR_BYTES // out.itemsize
    start = _aligned_start(out)
    stop = start + (out.size - start) // lanes * lanes
    forward(x[:start], out[:start], a)
    for i in range(start, stop, lanes):
        _forward_vector_stream(x, out, i, a)
    _store_fence()
    forward(x[stop:], out[stop:], a)


@numba.njit(**_SERIAL)
def grad_stream(x, out, a, one, nan):
    lanes = VECTOR_BYTES // out.itemsize
    start = _aligned_start(out)
    stop = start + (out.size - start) // lanes * lanes
    grad(x[:start], out[:start], a, one, nan)
    for i in range(start, stop, lanes):
        _grad_vector_stream(x, out, i, a, one, nan)
    _store_fence()
    grad(x[stop:], out[stop:], a, one, nan)


@numba.njit(**_PARALLEL)
def forward_stream_parallel(x, out, a):
    lanes = VECTOR_BYTES // out.itemsize
    start = _aligned_start(out)
    vectors = (out.size - start) // lanes
    stop = start + vectors * lanes
    per_chunk = (vectors + CHUNKS - 1) // CHUNKS * lanes
    for chunk in numba.prange(CHUNKS):
        low = start + chunk * per_chunk
        high = min(stop, low + per_chunk)
        for i in range(low, high, lanes):
            _forward_vector_stream(x, out, i, a)
        _store_fence()
    forward(x[:start], out[:start], a)
    forward(x[stop:], out[stop:], a)


@numba.njit(**_PARALLEL)
def grad_stream_parallel(x, out, a, one, nan):
    lanes = VECTOR_BYTES // out.itemsize
    start = _aligned_start(out)
    vectors = (out.size - start) // lanes
    stop = start + vectors * lanes
    per_chunk = (vectors + CHUNKS - 1) // CHUNKS * lanes
    for chunk in numba.prange(CHUNKS):
        low = start + chunk * per_chunk
        high = min(stop, low + per_chunk)
        for i in range(low, high, lanes):
            _grad_vector_stream(x, out, i, a, one, nan)
        _store_fence()
    grad(x[:start], out[:start], a, one, nan)
    grad(x[stop:], out[stop:], a, one, nan)


#: (function, how, parallel) -> kernel; how is "out", "inplace" or "stream".
KERNELS = {
    ("forward", "out", False): forward,
    ("forward", "inplace", False): forward_inplace,
    ("forward", "stream", False): forward_stream,
    ("forward", "out", True): forward_parallel,
    ("forward", "inplace", True): forward_inplace_parallel,
    ("forward", "stream", True): forward_stream_parallel,
    ("grad", "out", False): grad,
    ("grad", "inplace", False): grad_inplace,
    ("grad", "stream", False): grad_stream,
    ("grad", "out", True): grad_parallel,
    ("grad", "inplace", True): grad_inplace_parallel,
    ("grad", "stream", True): grad_stream_parallel,
}
