"""A lesson opened in Colab, simulated here: ``make test-colab``.

Colab has its own numpy, matplotlib, ipywidgets, TensorFlow and torch, and no ``leaky``. The
build puts a first code cell in every lesson (tag ``colab-setup``) that, when ``leaky`` does
not import, clones the course's repository (``[project.urls] Repository`` of pyproject.toml,
or ``LEAKY_REPOSITORY_URL``), pip-installs it and puts its ``src/`` on ``sys.path``. This
script runs that path without Colab and without the internet:

1. The repository: a temporary git repository holding this work tree as it is now (tracked
   and untracked files that git does not ignore, committed once), cloned through a
   ``file://`` URL, as Colab clones the real one.
2. The Python: a fresh venv whose only link to the course's .venv is a ``.pth`` line naming
   its site-packages (numpy, TensorFlow, torch, ipykernel... as Colab has them). A ``.pth``
   line does not run the .pth files of the folder it adds, so the editable install of
   ``leaky`` stays out: the script checks that ``import leaky`` fails there first.
3. The lessons: each one's student notebook as the build makes it
   (``leaky_tools.build.make_versions``, so it is the notebook the next build stores), run
   top to bottom with nbclient in a kernel of its own venv (Colab gives each notebook its
   own runtime), in an empty folder like Colab's ``/content``. Run All must succeed, leaky
   must come from the clone; the script prints what the first two cells printed.
4. A restart: the last lesson runs again in the same venv, where leaky is now installed
   (editable, from the clone): the first cell must print nothing and the lesson must still
   find the clone's data.

    LEAKY_COLAB_LESSONS=01,09 python tests/site/colab_sim.py    # the default lessons
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

RUNNER = r"""
import json, sys, nbformat
from nbclient import NotebookClient
nb = nbformat.read(sys.argv[1], as_version=4)
nb.cells.append(nbformat.v4.new_code_cell(
    "import sys, leaky; print('KERNEL', sys.executable, leaky.__file__)"))
client = NotebookClient(nb, timeout=1800, kernel_name="python3", allow_errors=False,
                        extra_arguments=["--IPKernelApp.log_level=ERROR"],
                        resources={"metadata": {"path": sys.argv[2]}})
client.execute()
nbformat.write(nb, sys.argv[3])
"""


def run(command, **kwargs):
    return subprocess.run(command, check=True, text=True, **kwargs)


def snapshot_repository(dest: Path) -> str:
    """This work tree as a one-commit git repository; returns its file:// URL."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], cwd=ROOT, check=True,
                            capture_output=True).stdout.decode().split("\0")
    count = 0
    for name in filter(None, listed):
        src = ROOT / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
            count += 1
    git = ["git", "-c", "user.name=colab-sim", "-c", "user.email=colab-sim@localhost",
           "-c", "init.defaultBranch=main"]
    run(git + ["init", "-q", str(dest)])
    run(git + ["add", "-A"], cwd=dest)
    run(git + ["commit", "-q", "-m", "work tree snapshot for the Colab simulation"], cwd=dest)
    print(f"repository: {count} files of the work tree committed in {dest}")
    return dest.as_uri()


def colab_like_venv(dest: Path) -> Path:
    """A venv without leaky that sees the course venv's other packages (a .pth line)."""
    run([sys.executable, "-m", "venv", str(dest)])
    python = dest / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; "
                              "print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    main_site = sysconfig.get_paths()["purelib"]
    Path(purelib, "colab_like_packages.pth").write_text(main_site + "\n")
    probe = subprocess.run([str(python), "-c", "import numpy, tensorflow, torch, ipykernel; "
                            "import leaky"], capture_output=True, text=True,
                           cwd=dest, env=clean_env())
    if "No module named 'leaky'" not in probe.stderr:
        raise SystemExit(f"error: the venv must lack only leaky; got: {probe.stderr[-500:]}")
    print(f"venv: {dest} sees {main_site}; `import leaky` fails there: "
          "ModuleNotFoundError (numpy, tensorflow, torch, ipykernel import)")
    return python


def clean_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("LEAKY_", "VIRTUAL_ENV", "PYTHON", "JUPYTER"))}
    env.update(extra)
    return env


def run_lesson(python: Path, notebook: Path, content: Path, url: str, label: str) -> dict:
    """Run All of ``notebook`` in a kernel of ``python``; what the first cells printed."""
    import nbformat

    from leaky_tools import build

    executed = notebook.with_suffix(".out.ipynb")
    runner = content.parent / "runner.py"
    runner.write_text(RUNNER)
    env = clean_env(LEAKY_REPOSITORY_URL=url, **build.BUILD_ENV)
    start = time.perf_counter()
    result = subprocess.run([str(python), str(runner), str(notebook), str(content),
                             str(executed)], cwd=content, env=env, capture_output=True,
                            text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        print(f"FAILED {label} after {seconds:.0f} s:\n{result.stderr[-3000:]}")
        return {}
    code = [c for c in nbformat.read(executed, as_version=4).cells if c.cell_type == "code"]

    def text(cell):
        return "".join(o.get("text", "") for o in cell.outputs
                       if o.get("output_type") == "stream").strip()
    found = {"colab": text(code[0]), "setup": text(code[1]), "kernel": text(code[-1])}
    print(f"\n{label}: Run All succeeded in {seconds:.0f} s ({len(code) - 1} code cells)")
    print(f"  colab-setup cell printed: {found['colab']!r}")
    print(f"  setup cell printed:       {found['setup']!r}")
    print(f"  kernel and leaky:         {found['kernel']}")
    return found


def main() -> int:
    import nbformat

    from leaky_tools import build

    wanted = [n.strip() for n in os.environ.get("LEAKY_COLAB_LESSONS", "01,09").split(",")]
    start = time.perf_counter()
    failures = []
    with tempfile.TemporaryDirectory(prefix="leaky-colab-") as tmp:
        tmp = Path(tmp)
        url = snapshot_repository(tmp / "repository")
        for number in wanted:
            lesson = build.find_lessons(ROOT, number)[0]
            # Colab: one runtime per notebook, a fresh one without leaky.
            python = colab_like_venv(tmp / f"venv-{lesson.number}")
            content = tmp / f"content-{lesson.number}"  # Colab's /content, empty
            content.mkdir()
            notebook = content / f"{lesson.slug}.ipynb"
            nbformat.write(build.make_versions(lesson)["notebooks"], notebook)
            clone = content / build.COLAB_FOLDER
            found = run_lesson(python, notebook, content, url, lesson.slug)
            if not (found and found["colab"].startswith("Installed the course package")
                    and str(python.parent) in found["kernel"]
                    and str(clone / "src" / "leaky") in found["kernel"]
                    and (clone / "data").is_dir()):
                failures.append(lesson.slug)
                continue
            if number == wanted[-1]:
                # "Restart runtime" in Colab: leaky is installed now; the first cell does
                # nothing and the lesson still finds the clone's data.
                again = run_lesson(python, notebook, content, url,
                                   f"{lesson.slug} again, after a restart of the kernel")
                if not again or again["colab"] or str(clone / "src") not in again["kernel"]:
                    failures.append(f"{lesson.slug} after a restart")
    ran = len(wanted) + 1
    print(f"\ncolab simulation: {ran - len(failures)} of {ran} runs went top to bottom "
          f"(lessons {', '.join(wanted)} from venvs without leaky, then lesson {wanted[-1]} "
          f"again after a restart), in {time.perf_counter() - start:.0f} s")
    if failures:
        print(f"FAILED: {failures}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
