"""Silence native (C/C++) log lines written straight to file descriptor 2 (lesson 14).

TensorFlow 2.21 logs through absl while it is imported ("All log messages before
absl::InitializeLog() ...", "oneDNN custom operations are on", "Could not find cuda
drivers"); ``TF_CPP_MIN_LOG_LEVEL`` does not stop these lines, and Jupyter shows them as the
cell's stderr, with a timestamp and a process id that change on every run (so nbval could
never match them). Wrap the import::

    os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
    with native_stderr_silenced():
        import tensorflow as tf

Machinery for every lesson that imports TensorFlow; lesson 14 introduced it.
"""

from __future__ import annotations

import contextlib
import os
import sys

__all__ = ["native_stderr_silenced"]


@contextlib.contextmanager
def native_stderr_silenced():
    """Send what is written to file descriptor 2 to the null device while the block runs.

    Python's ``sys.stderr`` is flushed first and file descriptor 2 is restored afterwards,
    also when the block raises. In a plain Python process ``sys.stderr`` writes to
    descriptor 2 as well, so keep the block to the import alone.
    """
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.flush()
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)
