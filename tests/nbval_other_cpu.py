"""pytest plugin: nbval starts the kernels of some folders under tests/other_cpu.env.

tests/run_all.sh runs ONE nbval over notebooks/ and solutions/ with two workers, as before,
and this plugin makes the kernels of solutions/ start with the other CPU's settings while
those of notebooks/ keep this machine's:

    PYTHONPATH=tests python -m pytest --nbval ... -p nbval_other_cpu \
        --nbval-other-cpu solutions notebooks solutions -n 2 --dist loadfile

nbval starts one kernel per notebook, when the notebook's first cell is set up, with the
environment of the pytest process at that moment; the hook below sets that environment
just before. tests/ is on PYTHONPATH only so that pytest finds this module: kernels start
without it. Not a test module (its name does not start with test_).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ENV_FILE = HERE / "other_cpu.env"


def read_env(path: Path = ENV_FILE) -> dict[str, str]:
    """The KEY=VALUE lines of tests/other_cpu.env (comments and blank lines skipped)."""
    env = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            env[key] = value
    return env


OTHER_CPU = read_env()
ORIGINAL = {key: os.environ.get(key) for key in OTHER_CPU}
KERNEL_PYTHONPATH = os.pathsep.join(
    p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep)
    if p and Path(p).resolve() != HERE)


def pytest_addoption(parser):
    parser.addoption("--nbval-other-cpu", action="append", default=[], metavar="FOLDER",
                     help="start the nbval kernels of notebooks under FOLDER with the "
                          "settings of tests/other_cpu.env (repeatable)")


def _set(key: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(key, None)
    else:
        os.environ[key] = value


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    folders = [Path(item.config.rootpath, f).resolve()
               for f in item.config.getoption("nbval_other_cpu")]
    path = Path(str(item.path)).resolve()
    other = any(folder == path or folder in path.parents for folder in folders)
    for key, value in OTHER_CPU.items():
        _set(key, value if other else ORIGINAL[key])
    _set("PYTHONPATH", KERNEL_PYTHONPATH or None)
