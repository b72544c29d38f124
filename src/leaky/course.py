"""The setup cell's helper: seeds, figure style, version checks (lesson 01, every lesson).

    rng = leaky.course.start_lesson(seed=0)                       # numpy lessons
    rng = leaky.course.start_lesson(seed=0, frameworks=("tensorflow", "torch"))

Prints one stable line (nbval compares it), so it says what was checked, not the exact
versions; ``leaky.course.versions()`` returns those.
"""

from __future__ import annotations

import os
import random
from importlib import metadata

import numpy as np

from ._validate import fail

__all__ = ["start_lesson", "versions", "MIN_VERSIONS"]

MIN_VERSIONS = {"numpy": "1.26", "matplotlib": "3.8", "ipywidgets": "8.1",
                "tensorflow": "2.16", "keras": "3.0", "torch": "2.2"}
DISTRIBUTIONS = {"torch": "torch", "tensorflow": "tensorflow", "keras": "keras"}


def _as_tuple(version: str) -> tuple:
    parts = []
    for piece in version.split("+")[0].split(".")[:3]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


def versions(packages=("numpy", "matplotlib", "ipywidgets")) -> dict:
    """Installed versions of ``packages`` ({name: version or None if missing})."""
    found = {}
    for name in packages:
        try:
            found[name] = metadata.version(DISTRIBUTIONS.get(name, name))
        except metadata.PackageNotFoundError:
            found[name] = None
    return found


def start_lesson(seed=0, frameworks=()):
    """Seed everything, fix the figure style, check versions; return a numpy Generator.

    ``frameworks`` may contain "tensorflow" (seeds Keras, makes ops deterministic, quiets
    its C++ logs) and "torch" (seeds torch, one thread for repeatable timings).
    """
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        fail("seed", "an int >= 0", seed, error=TypeError)
    unknown = set(frameworks) - {"tensorflow", "torch"}
    if unknown:
        fail("frameworks", "a tuple of 'tensorflow' and/or 'torch'", tuple(frameworks))
    packages = ("numpy", "matplotlib", "ipywidgets", *frameworks)
    if "tensorflow" in frameworks:
        packages += ("keras",)
    found = versions(packages)
    problems = [f"{name} is missing (run `make lab` to install)" if version is None else
                f"{name} {version} is older than {MIN_VERSIONS[name]}"
                for name, version in found.items()
                if version is None or _as_tuple(version) < _as_tuple(MIN_VERSIONS[name])]
    if problems:
        raise RuntimeError("This lesson needs newer packages: " + "; ".join(problems))

    random.seed(seed)
    np.random.seed(seed)
    import matplotlib as mpl

    mpl.rcParams.update({"figure.figsize": (9.0, 3.4), "figure.dpi": 80,
                         "savefig.dpi": 80, "axes.grid": True, "grid.alpha": 0.3})
    if "tensorflow" in frameworks:
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        from .quiet import native_stderr_silenced

        with native_stderr_silenced():  # absl's import-time log lines (see leaky.quiet)
            import keras
            import tensorflow as tf

        keras.utils.set_random_seed(seed)
        tf.config.experimental.enable_op_determinism()
    if "torch" in frameworks:
        import torch

        torch.manual_seed(seed)
        # One thread: CPU results and timings repeat from run to run. (Not
        # use_deterministic_algorithms: on the CPU it adds nothing and costs seconds.)
        torch.set_num_threads(1)
    checked = ", ".join(f"{name} >= {MIN_VERSIONS[name]}" for name in packages)
    print(f"Setup OK: seed {seed}; {checked}.")
    return np.random.default_rng(seed)
