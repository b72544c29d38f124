"""The course's own machinery: the setup cell's helper, the course folder, quiet imports.

    rng = start_lesson(seed=0)                                   # numpy lessons
    rng = start_lesson(seed=0, frameworks=("tensorflow", "torch"))

``start_lesson`` prints one stable line (nbval compares it), so it says what was checked,
not the exact versions; :func:`versions` returns those. When an installed version differs
from the one pinned in ``requirements.txt`` (the versions the stored outputs were made
with), it adds one line saying so. Introduced in lesson 01; every lesson calls it.
"""

from __future__ import annotations

import contextlib
import os
import random
import sys
from importlib import metadata
from pathlib import Path

import numpy as np

from ._validate import check_int, fail

__all__ = ["start_lesson", "versions", "pinned_versions", "course_root",
           "native_stderr_silenced", "MIN_VERSIONS", "FRAMEWORKS"]

MIN_VERSIONS = {"numpy": "1.26", "matplotlib": "3.8", "ipywidgets": "8.1",
                "tensorflow": "2.16", "keras": "3.0", "torch": "2.2"}
FRAMEWORKS = ("tensorflow", "torch")


# --- the course folder ---------------------------------------------------------------------
def _looks_like_course(folder: Path) -> bool:
    return (folder / "lessons_src").is_dir() and (folder / "data").is_dir()


def course_root() -> Path | None:
    """The course's folder (the one holding ``lessons_src/``, ``data/``, ``notebooks/``).

    Found once per call, in this order: the environment variable ``LEAKY_COURSE_ROOT``;
    the folder above ``src/`` when the package is used from a checkout (``pip install -e``,
    as ``make lab`` does); the nearest folder above the working folder that looks like the
    course (a notebook in ``my-work/`` or ``notebooks/``). None if there is none, e.g. the
    package installed alone.
    """
    override = os.environ.get("LEAKY_COURSE_ROOT")
    if override:
        return Path(override).expanduser().resolve()
    package = Path(__file__).resolve().parent
    if package.parent.name == "src" and _looks_like_course(package.parent.parent):
        return package.parent.parent
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if _looks_like_course(folder):
            return folder
    return None


# --- versions ------------------------------------------------------------------------------
def versions(packages=("numpy", "matplotlib", "ipywidgets")) -> dict:
    """Installed versions of ``packages`` ({name: version, or None if missing})."""
    found = {}
    for name in packages:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    return found


def pinned_versions(requirements: Path | None = None) -> dict:
    """``{name: version}`` pinned with ``==`` in the course's ``requirements.txt`` for this
    platform (environment markers evaluated); empty if the file cannot be found."""
    from packaging.requirements import InvalidRequirement, Requirement

    if requirements is None:
        root = course_root()
        requirements = root / "requirements.txt" if root else None
    if requirements is None or not Path(requirements).is_file():
        return {}
    pins = {}
    for line in Path(requirements).read_text(encoding="utf-8").splitlines():
        line = line.split(" #")[0].strip()
        if not line or line.startswith(("#", "-")):
            continue
        try:
            req = Requirement(line)
        except InvalidRequirement:
            continue
        if req.marker is not None and not req.marker.evaluate():
            continue
        exact = [s.version for s in req.specifier if s.operator == "=="]
        if exact:
            pins[req.name.lower()] = exact[0]
    return pins


def _differs(installed: str, pinned: str) -> bool:
    from packaging.version import InvalidVersion, Version

    try:  # 2.13.0+cpu is the pinned 2.13.0 (a local build label, same release)
        return Version(installed).public != Version(pinned).public
    except InvalidVersion:
        return installed != pinned


def _too_old(installed: str, minimum: str) -> bool:
    from packaging.version import InvalidVersion, Version

    try:
        return Version(installed) < Version(minimum)
    except InvalidVersion:
        return False


# --- quiet imports -------------------------------------------------------------------------
@contextlib.contextmanager
def native_stderr_silenced():
    """Send what is written to file descriptor 2 to the null device while the block runs.

    TensorFlow logs through absl while it is imported ("All log messages before
    absl::InitializeLog() ...", "oneDNN custom operations are on"); ``TF_CPP_MIN_LOG_LEVEL``
    does not stop these lines, and they carry a timestamp and a process id that change on
    every run. :func:`start_lesson` wraps the import in this. Python's ``sys.stderr`` is
    flushed first and descriptor 2 is restored afterwards, also when the block raises.
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


# --- the setup cell ------------------------------------------------------------------------
def _check_frameworks(frameworks) -> tuple:
    expected = "a tuple of 'tensorflow' and/or 'torch', e.g. ('torch',)"
    if not isinstance(frameworks, (tuple, list)):
        fail("frameworks", expected, frameworks, error=TypeError)
    if any(name not in FRAMEWORKS for name in frameworks):
        fail("frameworks", expected, tuple(frameworks))
    return tuple(frameworks)


def start_lesson(seed=0, frameworks=()):
    """Seed everything, fix the figure style, check versions; return a numpy Generator.

    ``frameworks`` may contain "tensorflow" (imports it quietly, seeds Keras, makes its ops
    deterministic) and "torch" (seeds torch, one thread for repeatable results).
    """
    seed = check_int(seed, "seed", low=0)
    frameworks = _check_frameworks(frameworks)
    packages = ("numpy", "matplotlib", "ipywidgets", *frameworks)
    if "tensorflow" in frameworks:
        packages += ("keras",)
    found = versions(packages)
    problems = [f"{name} is missing (run `make lab` to install)" if version is None else
                f"{name} {version} is older than {MIN_VERSIONS[name]}"
                for name, version in found.items()
                if version is None or _too_old(version, MIN_VERSIONS[name])]
    if problems:
        raise RuntimeError("This lesson needs newer packages: " + "; ".join(problems))

    random.seed(seed)
    np.random.seed(seed)
    import matplotlib as mpl

    from .plotting import apply_style

    apply_style(mpl)
    if "tensorflow" in frameworks:
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        with native_stderr_silenced():
            import keras
            import tensorflow as tf

        keras.utils.set_random_seed(seed)
        tf.config.experimental.enable_op_determinism()
    if "torch" in frameworks:
        import torch

        torch.manual_seed(seed)
        torch.set_num_threads(1)  # CPU results repeat from run to run
    checked = ", ".join(f"{name} >= {MIN_VERSIONS[name]}" for name in packages)
    print(f"Setup OK: seed {seed}; {checked}.")
    pins = pinned_versions()
    moved = [f"{name} {pins[name]} (yours: {found[name]})" for name in packages
             if name in pins and found[name] and _differs(found[name], pins[name])]
    if moved:
        print(f"Note: the numbers in this notebook were made with {', '.join(moved)}; "
              "yours may differ slightly.")
    return np.random.default_rng(seed)
