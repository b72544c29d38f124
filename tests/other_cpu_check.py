"""Prove that the settings of tests/other_cpu.env take effect, library by library.

    make check-other-cpu                       # under tests/other_cpu.env: every line must say ok
    .venv/bin/python tests/other_cpu_check.py --report    # this machine's own settings, no verdict

tests/run_all.sh runs it before nbval re-executes solutions/ under those settings, so a
setting that a new release of a library ignores (a renamed feature, say) fails `make test`
instead of silently testing this machine's numerics twice. oneDNN, MKL and TensorFlow are
asked in child processes with their verbose switches on, which print the ISA they chose.
Not a pytest module (its name does not start with test_).
"""

from __future__ import annotations

import argparse
import glob
import os
import re
import subprocess
import sys

CHILD_TORCH = """
import torch
x = torch.randn(8, 3, 16, 16)
torch.nn.Conv2d(3, 4, 3)(x)            # oneDNN
a = torch.randn(64, 64); a @ a         # MKL sgemm
"""

CHILD_TF = """
import tensorflow as tf
x = tf.random.normal((8, 16, 16, 3)); k = tf.random.normal((3, 3, 3, 4))
tf.nn.conv2d(x, k, 1, "SAME").numpy()   # oneDNN, on TensorFlow's intra-op thread pool
tf.function(jit_compile=True)(lambda z: tf.reduce_sum(z * 2.0))(x).numpy()   # XLA
print("tf-ok")
"""


def _child(code: str, **env: str) -> str:
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, **env}, timeout=300)
    out = run.stdout + run.stderr
    if run.returncode != 0:
        raise RuntimeError(f"child exited {run.returncode}: {out[-800:]}")
    return out


def numpy_state() -> tuple[str, bool]:
    import numpy as np
    from numpy._core._multiarray_umath import __cpu_dispatch__, __cpu_features__

    wide = [d for d in __cpu_dispatch__ if "512" in d or d == "X86_V4"]
    on = [d for d in wide if __cpu_features__.get(d)]
    return (f"numpy {np.__version__}: AVX-512 dispatch targets on: {on or 'none'} "
            f"(AVX512F on this CPU: {__cpu_features__.get('AVX512F')})"), not on


def openblas_state() -> tuple[str, bool]:
    import ctypes

    import numpy as np

    libs = glob.glob(os.path.join(os.path.dirname(np.__file__) + ".libs", "libscipy_openblas*.so"))
    if not libs:
        return "OpenBLAS: numpy's bundled library not found (not Linux?)", True
    lib = ctypes.CDLL(libs[0])
    name = lib.scipy_openblas_get_corename64_
    name.restype = ctypes.c_char_p
    core = name().decode()
    threads = lib.scipy_openblas_get_num_threads64_()
    return f"OpenBLAS: core {core}, {threads} thread(s)", core.lower() == "haswell" and threads == 1


def torch_state() -> list[tuple[str, bool]]:
    import torch

    cap, threads = torch.backends.cpu.get_cpu_capability(), torch.get_num_threads()
    out = _child(CHILD_TORCH, ONEDNN_VERBOSE="1", MKL_VERBOSE="1")
    isa = re.search(r"onednn_verbose,.*info,cpu,isa:(.*)", out)
    isa = isa.group(1).strip() if isa else "?"
    mkl = re.search(r"MKL_VERBOSE .*?(Intel\(R\) (Advanced Vector Extensions[^,]*))", out)
    mkl = mkl.group(2).strip() if mkl else "?"
    return [
        (f"torch {torch.__version__}: ATen capability {cap}, {threads} thread(s)",
         cap == "AVX2" and threads == 1),
        (f"oneDNN (torch): isa {isa}", "AVX2" in isa and "512" not in isa and "AMX" not in isa),
        (f"MKL (torch): {mkl}", "AVX2" in mkl and "512" not in mkl),
    ]


def tensorflow_state() -> tuple[str, bool]:
    out = _child(CHILD_TF, ONEDNN_VERBOSE="1", TF_CPP_MIN_LOG_LEVEL="3")
    isa = re.search(r"onednn_verbose,.*info,cpu,isa:(.*)", out)
    nthr = re.search(r"onednn_verbose,.*info,cpu,runtime:\w+,nthr:(\d+)", out)
    isa = isa.group(1).strip() if isa else "?"
    nthr = nthr.group(1) if nthr else "?"
    flags = os.environ.get("XLA_FLAGS", "")
    return (f"TensorFlow: oneDNN isa {isa}, intra-op threads {nthr}; XLA compiled with "
            f"XLA_FLAGS='{flags}'"),\
        "AVX2" in isa and "512" not in isa and nthr == "1" and "tf-ok" in out \
        and "xla_cpu_max_isa=AVX2" in flags


def numba_state() -> tuple[str, bool]:
    try:
        import numba
        import numpy as np
    except ImportError:
        return "numba: not installed", False
    from numba.core import config
    from numba.core.registry import cpu_target

    @numba.njit
    def total(x):
        s = 0.0
        for v in x:
            s += v * v
        return s

    total(np.ones(64))
    codegen = cpu_target.target_context.codegen()
    cpu, features = codegen._get_host_cpu_name(), codegen._get_host_cpu_features()
    avx512 = "+avx512f" in features
    zmm = "zmm" in next(iter(total.inspect_asm().values()))
    return (f"numba {numba.__version__}: code for CPU {cpu}, AVX-512 features: {avx512}, "
            f"512-bit registers in a compiled loop: {zmm}, {config.NUMBA_NUM_THREADS} thread(s)"),\
        cpu.lower() == "haswell" and not avx512 and not zmm and config.NUMBA_NUM_THREADS == 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--report", action="store_true",
                        help="print what is in effect, without requiring the other-CPU values")
    args = parser.parse_args()
    lines = [numpy_state(), openblas_state(), *torch_state(), tensorflow_state(), numba_state()]
    for text, ok in lines:
        verdict = "" if args.report else ("ok    " if ok else "FAIL  ")
        print(f"  {verdict}{text}")
    if args.report or all(ok for _, ok in lines):
        return 0
    print("other CPU: a setting of tests/other_cpu.env did not take effect (FAIL above)")
    return 1


if __name__ == "__main__":
    sys.exit(main())
