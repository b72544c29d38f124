"""The students' repository for a JupyterHub class: ``make handout``.

    python site/make_handout.py                 # build/handout/, a git repository
    python site/make_handout.py --out DIR

nbgitpuller pulls a whole git repository into each student's home, so the repository it
pulls must not hold ``solutions/``. This writes one that holds only what students open: the
student notebooks (``notebooks/``) and a short README. The lessons' package and data are in
the hub's image (built by repo2docker from the course repository), not in the handout.
Each run commits the current notebooks on top of the previous commit, so pushing it to the
handout's remote is a fast-forward, and nbgitpuller merges it into students' copies without
overwriting their work.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

README = """\
# Leaky ReLU, hands-on: your notebooks

Fifteen lessons in `notebooks/`, to run from the top. Your answers go in the exercise cells;
`check(...)` answers at once and `hint("NN.k")` gives hints. When the instructor updates the
course, clicking the class link again brings the changes in without overwriting yours
(where you and the instructor changed the same lines, nbgitpuller keeps yours).
"""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "handout")
    args = parser.parse_args(argv)
    out = args.out
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    if not notebooks:
        raise SystemExit("error: no notebooks in notebooks/: run make notebooks")
    git = ["git", "-c", "user.name=make handout", "-c", "user.email=handout@localhost",
           "-c", "init.defaultBranch=main"]
    if not (out / ".git").is_dir():
        out.mkdir(parents=True, exist_ok=True)
        subprocess.run(git + ["init", "-q", str(out)], check=True)
    if (out / "notebooks").exists():
        shutil.rmtree(out / "notebooks")
    (out / "notebooks").mkdir()
    for path in notebooks:
        shutil.copy(path, out / "notebooks" / path.name)
    (out / "README.md").write_text(README, encoding="utf-8")
    (out / ".gitignore").write_text(".ipynb_checkpoints/\n", encoding="utf-8")
    subprocess.run(git + ["add", "-A"], cwd=out, check=True)
    changed = subprocess.run(git + ["diff", "--cached", "--quiet"], cwd=out).returncode
    if changed:
        subprocess.run(git + ["commit", "-q", "-m", "Course notebooks"], cwd=out, check=True)
    assert not (out / "solutions").exists()
    print(f"handout: {len(notebooks)} student notebooks in {out} "
          f"({'new commit' if changed else 'unchanged'}); push it to the repository your "
          "nbgitpuller links name")
    return 0


if __name__ == "__main__":
    sys.exit(main())
