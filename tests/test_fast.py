"""leaky.fast: the compiled and blocked kernels give the reference's results, bit for bit."""

import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import leaky
from leaky import fast

ALPHAS = [0.0, 0.01, 0.2, 1.0, 1.5]
DTYPES = [np.float16, np.float32, np.float64]
FUNCTIONS = [(fast.leaky_relu, leaky.leaky_relu), (fast.leaky_relu_grad, leaky.leaky_relu_grad)]


def battery(dtype, size=3000):
    """Specials (NaN, infinities, signed zeros, subnormals, the largest values) and normals."""
    info = np.finfo(dtype)
    special = np.array([np.nan, -np.nan, np.inf, -np.inf, 0.0, -0.0, info.max, -info.max,
                        info.smallest_subnormal, -info.smallest_subnormal,
                        info.smallest_normal, -info.smallest_normal, 1.0, -1.0, 0.5, -0.5],
                       dtype=dtype)
    normal = np.random.default_rng(0).normal(scale=3, size=size).astype(dtype)
    return np.concatenate([special, normal])


def assert_identical(got, expected):
    """Same dtype and shape, NaN in the same places, every other element the same bits
    (so -0.0 and 0.0 differ)."""
    got, expected = np.asarray(got), np.asarray(expected)
    assert got.dtype == expected.dtype and got.shape == expected.shape
    nan = np.isnan(expected)
    np.testing.assert_array_equal(np.isnan(got), nan)
    uint = np.dtype(f"u{got.dtype.itemsize}")
    same = got[~nan].view(uint) == expected[~nan].view(uint)
    assert same.all(), f"{(~same).sum()} elements differ, first at {got[~nan][~same][:3]} " \
                       f"vs {expected[~nan][~same][:3]}"


def test_assert_identical_tells_signed_zeros_apart():
    with pytest.raises(AssertionError):
        assert_identical(np.array([0.0]), np.array([-0.0]))


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("alpha", ALPHAS)
@pytest.mark.parametrize("parallel", [False, True])
def test_identical_to_the_reference(dtype, alpha, parallel):
    x = battery(dtype)
    for function, reference in FUNCTIONS:
        with np.errstate(all="ignore"):  # 0 * inf, alpha * max: as the reference warns
            expected = reference(x, alpha)
            assert_identical(function(x, alpha, parallel=parallel), expected)
            out = np.full_like(x, 7)
            assert function(x, alpha, out=out, parallel=parallel) is out
            assert_identical(out, expected)
            inplace = x.copy()
            assert function(inplace, alpha, out=inplace, parallel=parallel) is inplace
            assert_identical(inplace, expected)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("alpha", ALPHAS)
def test_blocked_is_identical_to_the_reference(dtype, alpha):
    x = battery(dtype, size=fast.BLOCK + 1000)  # more than one block
    with np.errstate(all="ignore"):
        expected = leaky.leaky_relu(x, alpha)
        assert_identical(fast.leaky_relu_blocked(x, alpha), expected)
        out = np.empty_like(x)
        assert fast.leaky_relu_blocked(x, alpha, out=out) is out
        assert_identical(out, expected)
        assert fast.leaky_relu_blocked(x, alpha, out=x) is x
    assert_identical(x, expected)


@pytest.mark.parametrize("function", [fast.leaky_relu, fast.leaky_relu_blocked])
@pytest.mark.parametrize("dtype,alpha", [(np.float16, 1e-8), (np.float32, 1e-46),
                                         (np.float64, 5e-324)])
def test_an_alpha_that_rounds_to_zero_in_the_dtype(function, dtype, alpha):
    """float16(1e-8) is 0: the numpy code must then take alpha = 0's path (max(inf, 0 * inf)
    would be nan where the reference gives inf)."""
    x = battery(dtype, size=50)
    assert dtype(alpha) == 0 or dtype is np.float64
    with np.errstate(all="ignore"):
        assert_identical(function(x, alpha), leaky.leaky_relu(x, alpha))
        assert_identical(fast.leaky_relu_grad(x, alpha), leaky.leaky_relu_grad(x, alpha))


@pytest.mark.parametrize("function", [fast.leaky_relu, fast.leaky_relu_grad,
                                      fast.leaky_relu_blocked])
def test_non_native_byte_order_gives_the_references_native_result(function):
    reference = leaky.leaky_relu_grad if function is fast.leaky_relu_grad else leaky.leaky_relu
    for dtype in (">f2", ">f4", ">f8") if np.little_endian else ("<f2", "<f4", "<f8"):
        x = battery(np.dtype(dtype).newbyteorder("="), size=50).astype(dtype)
        with np.errstate(all="ignore"):
            expected = reference(x, 0.1)
            assert expected.dtype.isnative
            assert_identical(function(x, 0.1), expected)


def test_the_old_blocked_alpha_zero_was_not_the_reference():
    """Why alpha = 0 has its own branch: max(x, 0 * x) is nan at +inf."""
    x = np.array([np.inf, -np.inf, -2.0])
    with np.errstate(invalid="ignore"):
        assert np.isnan(np.maximum(x, 0 * x)[0])
        assert_identical(fast.leaky_relu_blocked(x, 0.0), np.array([np.inf, np.nan, -0.0]))


@pytest.mark.parametrize("function", [fast.leaky_relu, fast.leaky_relu_grad,
                                      fast.leaky_relu_blocked])
def test_int_bool_list_scalar_input_like_the_reference(function):
    reference = leaky.leaky_relu_grad if function is fast.leaky_relu_grad else leaky.leaky_relu
    for x in (np.array([-2, 0, 3]), np.array([True, False]), [-2, 0, 3], 3, -2.5,
              np.float32(-2.5)):
        got, expected = function(x, 0.1), reference(x, 0.1)
        assert type(got) is type(expected)
        assert_identical(got, expected)
    assert np.ndim(function(-3.0, 0.1)) == 0


def test_non_contiguous_and_fortran_order():
    x = np.random.default_rng(3).normal(size=(20, 30)).astype(np.float32)
    for view in (x[:, ::2], x.T, np.asfortranarray(x), x[::-1]):
        for function, reference in FUNCTIONS:
            assert_identical(function(view, 0.1), reference(view, 0.1))
            out = np.empty(view.shape, view.dtype, order="F")
            assert_identical(function(view, 0.1, out=out), reference(view, 0.1))
    view = x.copy()[:, ::2]
    expected = leaky.leaky_relu(view, 0.1)
    fast.leaky_relu(view, 0.1, out=view)
    assert_identical(view, expected)


@pytest.mark.parametrize("function", [fast.leaky_relu, fast.leaky_relu_blocked])
def test_overlapping_out(function):
    x = np.random.default_rng(3).normal(size=(20, 30))
    expected = leaky.leaky_relu(x[:-1], 0.1)
    function(x[:-1], 0.1, out=x[1:])  # out overlaps x, shifted by a row
    assert_identical(x[1:], expected)
    y = np.random.default_rng(4).normal(size=1000)
    expected = leaky.leaky_relu(y, 0.1)
    function(y, 0.1, out=y.reshape(10, 100).reshape(1000))  # the same memory, another object
    assert_identical(y, expected)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("parallel", [False, True])
def test_streaming_stores_give_the_same_results(monkeypatch, dtype, parallel):
    """Every out-of-place call streams when STREAM_BYTES is 0: aligned or not, any size."""
    monkeypatch.setattr(fast, "STREAM_BYTES", 0)
    chosen = set()
    kernel = fast._kernel

    def recording(kind, how, parallel):
        chosen.add(how)
        return kernel(kind, how, parallel)

    monkeypatch.setattr(fast, "_kernel", recording)
    for size in (0, 1, 3, 7, 8, 9, 31, 1000, 100_003):
        x = battery(dtype, size)[: size or None] if size else np.zeros(0, dtype)
        for offset in (0, 1, 3):
            buffer = np.full(x.size + offset, 7, dtype=dtype)
            out = buffer[offset:]  # misaligned by offset elements
            for alpha in (0.0, 0.01, 1.5):
                for function, reference in FUNCTIONS:
                    with np.errstate(all="ignore"):
                        expected = reference(x, alpha)
                        assert function(x, alpha, out=out, parallel=parallel) is out
                    assert_identical(out, expected)
            assert (buffer[:offset] == 7).all()  # nothing written before out
    assert chosen == ({"stream"} if fast._X86 else {"out"})


def test_parallel_equals_serial_on_a_large_array():
    x = np.random.default_rng(5).normal(size=1_000_003).astype(np.float32)
    x[::997] = -0.0
    x[::1009] = np.nan
    for function, _ in FUNCTIONS:
        assert_identical(function(x, 0.2, parallel=True), function(x, 0.2))


@pytest.mark.parametrize("function", [fast.leaky_relu, fast.leaky_relu_grad,
                                      fast.leaky_relu_blocked])
@pytest.mark.parametrize("out", [np.empty(4), np.empty(3, np.float32), [0.0, 0, 0],
                                 np.broadcast_to(np.zeros(1), (3,))])
def test_bad_out_is_named(function, out):
    with pytest.raises((ValueError, TypeError), match=r"^out must be"):
        function(np.zeros(3), out=out)


@pytest.mark.parametrize("function", [fast.leaky_relu, fast.leaky_relu_grad,
                                      fast.leaky_relu_blocked])
def test_int_input_cannot_be_written_in_place(function):
    x = np.array([-1, 2])
    with pytest.raises(ValueError, match="out must be an array of shape"):
        function(x, out=x)


@pytest.mark.parametrize("args", [(np.zeros(3), -1), (np.zeros(3), np.nan), (np.zeros(3), "a"),
                                  (None, 0.1), ("text", 0.1), (np.array([1j]), 0.1)])
def test_bad_input_gives_the_reference_error(args):
    with pytest.raises((TypeError, ValueError)) as reference_error:
        leaky.leaky_relu(*args)
    for function in (fast.leaky_relu, fast.leaky_relu_grad, fast.leaky_relu_blocked):
        with pytest.raises(type(reference_error.value)) as error:
            function(*args)
        assert str(error.value) == str(reference_error.value)


@pytest.mark.parametrize("flag", [1, "yes", None])
def test_parallel_must_be_a_bool(flag):
    with pytest.raises(TypeError, match=r"^parallel must be True or False"):
        fast.leaky_relu(np.zeros(3), parallel=flag)


def test_warm_up_returns_seconds():
    assert fast.warm_up(dtypes=("float32",), parallel=False) >= 0


def _python(code, **env):
    run = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                         text=True, env={**os.environ, **env}, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout


def test_importing_leaky_and_leaky_fast_does_not_import_numba():
    out = _python("""
        import sys
        import leaky, leaky.fast
        print("numba" in sys.modules, "leaky._fast_kernels" in sys.modules)
    """)
    assert out.split() == ["False", "False"]


#: Run in a fresh process: every kernel (ordinary, streaming, serial, parallel) against the
#: reference, bit for bit (NaN compared as NaN), for two dtypes and three alphas, with an
#: ``out`` that starts one element past a 32-byte boundary.
ALL_KERNELS_IDENTICAL = """
    import numpy as np, leaky, leaky.fast as fast
    fast.STREAM_BYTES = 0  # every separate result is streamed
    rng = np.random.default_rng(0)
    x = rng.normal(size=100_003).astype(np.float32)
    x[:5] = [np.inf, -np.inf, -0.0, np.nan, 0.0]
    ok = True
    for dtype in (np.float32, np.float64):
        y = x.astype(dtype)
        uint = f"u{np.dtype(dtype).itemsize}"
        for alpha in (0.0, 0.01, 1.5):
            for parallel in (False, True):
                for function, reference in ((fast.leaky_relu, leaky.leaky_relu),
                                            (fast.leaky_relu_grad, leaky.leaky_relu_grad)):
                    with np.errstate(invalid="ignore"):
                        want = reference(y, alpha)
                        got = [function(y, alpha, parallel=parallel)]
                        out = np.empty(y.size + 1, dtype)[1:]
                        got.append(function(y, alpha, out=out, parallel=parallel))
                        inplace = y.copy()
                        got.append(function(inplace, alpha, out=inplace, parallel=parallel))
                    nan = np.isnan(want)
                    for g in got:
                        ok &= bool((np.isnan(g) == nan).all())
                        ok &= bool((g[~nan].view(uint) == want[~nan].view(uint)).all())
"""


def test_identical_when_compiled_for_a_haswell(tmp_path):
    """tests/other_cpu.env's setting: code generated for AVX2 (streaming stores included);
    elementwise, so the same bits. A fresh cache, so that the kernels are really compiled."""
    out = _python(ALL_KERNELS_IDENTICAL + """
    import numba
    print(ok, numba.config.CPU_NAME)
    """, NUMBA_CPU_NAME="haswell", NUMBA_CPU_FEATURES="", NUMBA_CACHE_DIR=str(tmp_path))
    assert out.split() == ["True", "haswell"]


@pytest.mark.skipif(not fast._X86, reason="leaky.fast streams on x86-64 only")
def test_streaming_kernels_really_stream_and_fence(tmp_path):
    """The stream kernels compile to non-temporal stores and sfence; the ordinary one has
    neither (a fresh cache: numba shows no machine code for kernels loaded from one)."""
    out = _python("""
        import re, numpy as np
        from leaky import _fast_kernels as k
        x, out = np.zeros(64, np.float32), np.zeros(64, np.float32)
        for kernel in (k.forward, k.forward_stream, k.grad_stream, k.forward_stream_parallel):
            if kernel is k.grad_stream:
                kernel(x, out, *(np.float32(v) for v in (0.1, 1, np.nan)))
            else:
                kernel(x, out, np.float32(0.1))
            asm = "\\n".join(kernel.inspect_asm().values())
            print(kernel.__name__, bool(re.search(r"movnt", asm)), "sfence" in asm)
    """, NUMBA_CACHE_DIR=str(tmp_path))
    assert out.split() == ["forward", "False", "False", "forward_stream", "True", "True",
                           "grad_stream", "True", "True", "forward_stream_parallel", "True",
                           "True"]


def test_streaming_kernels_compile_without_x86_intrinsics(tmp_path):
    """What ARM64 compiles: with X86 False the fence is LLVM's own ``fence seq_cst``, not
    the ``llvm.x86.sse.sfence`` call (which LLVM cannot select for ARM64: "Cannot select:
    intrinsic %llvm.x86.sse.sfence", and the process aborts). Results still bit for bit."""
    out = _python("""
    import leaky._fast_kernels as k
    k.X86 = False
    """ + ALL_KERNELS_IDENTICAL + """
    x = np.concatenate([y, -y])  # float64, NaN and infinities included
    for kernel, scalars, reference in (
            (k.forward_stream, (0.2,), leaky.leaky_relu(x, 0.2)),
            (k.grad_stream, (0.2, 1.0, np.nan), leaky.leaky_relu_grad(x, 0.2))):
        out = np.full_like(x, 7.0)
        kernel(x, out, *scalars)
        ok &= np.array_equal(out, reference, equal_nan=True)
        ok &= bool((np.signbit(out) == np.signbit(reference))[~np.isnan(reference)].all())
    ir = "\\n".join(k.forward_stream.inspect_llvm().values())
    print(ok, "sfence" in ir, "fence seq_cst" in ir, "!nontemporal" in ir)
    """, NUMBA_CACHE_DIR=str(tmp_path))
    assert out.split() == ["True", "False", "True", "True"]
