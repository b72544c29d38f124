"""The student's own folder, ``my-work/``: copies of the lessons that course updates never touch.

    python -m leaky_tools.workspace          # what `make lab` runs before opening JupyterLab

* The first time, ``my-work/`` is filled with a copy of every lesson in ``notebooks/``.
* Later runs copy in lessons that are new. They never replace a notebook that is there.
* When a lesson the student already has was changed upstream (its build fingerprint in
  ``notebooks/`` differs from the one in the student's copy), the new version is put
  beside the old one as ``NN_slug.update-<fingerprint>.ipynb``, and one line says so.
  An update is offered once: if the student deletes it, it is not written again.

The lessons need nothing else in ``my-work/``: the ``leaky`` package finds the course's
``data/`` folder from where it is installed, whatever the working folder is
(``leaky.course.course_root``). ``git`` ignores ``my-work/``, so ``git pull`` never
conflicts with a student's answers.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from leaky.course import course_root

__all__ = ["sync", "update_name", "main", "WORKSPACE", "STATE"]

WORKSPACE = "my-work"
STATE = ".course-updates.json"  # the updates already offered, so none is offered twice


def _fingerprint(path: Path) -> str | None:
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
        return nb["metadata"]["leaky"]["fingerprint"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def update_name(lesson: Path, fingerprint: str) -> str:
    """``01_slug.ipynb`` -> ``01_slug.update-<first 8 of the fingerprint>.ipynb``."""
    return f"{lesson.stem}.update-{fingerprint[:8]}.ipynb"


def _copy_banner(number: str, stem: str) -> str:
    return (f"*Your copy of lesson {number}, kept in `{WORKSPACE}/`. Course updates never "
            f"overwrite it: when the lesson changes, `make lab` puts the new version beside "
            f"it as `{stem}.update-....ipynb`.*")


def _copy(source: Path, target: Path) -> None:
    """Copy a lesson notebook, with the banner that speaks to the student who owns it."""
    nb = json.loads(source.read_text(encoding="utf-8"))
    for cell in nb.get("cells", [])[:1]:
        if "banner" in cell.get("metadata", {}).get("tags", []):
            cell["source"] = _copy_banner(source.name[:2], source.stem)
    target.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def sync(root: Path, workspace: Path | None = None, log=print) -> dict:
    """Bring ``workspace`` (default ``root/my-work``) up to date without touching any file
    in it; return ``{"copied": [...], "updates": [...], "kept": [...]}`` (file names)."""
    workspace = workspace or root / WORKSPACE
    workspace.mkdir(exist_ok=True)
    state_path = workspace / STATE
    try:
        offered = set(json.loads(state_path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        offered = set()
    report = {"copied": [], "updates": [], "kept": []}
    for lesson in sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        mine = workspace / lesson.name
        if not mine.exists():
            _copy(lesson, mine)
            report["copied"].append(mine.name)
            continue
        report["kept"].append(mine.name)
        new, old = _fingerprint(lesson), _fingerprint(mine)
        if new is None or new == old:
            continue
        update = workspace / update_name(lesson, new)
        key = update.name
        if key in offered or update.exists():
            continue
        _copy(lesson, update)
        offered.add(key)
        report["updates"].append(update.name)
        log(f"Lesson {lesson.name[:2]} was updated: the new version is {WORKSPACE}/"
            f"{update.name}; your {mine.name} is unchanged.")
    state_path.write_text(json.dumps(sorted(offered), indent=1) + "\n", encoding="utf-8")
    return report


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m leaky_tools.workspace",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--workspace", type=Path, default=None,
                        help=f"the folder to fill (default: {WORKSPACE}/ in the course)")
    args = parser.parse_args(argv)
    root = args.root or course_root()
    if root is None:
        print("error: cannot find the course folder (the one with notebooks/)", file=sys.stderr)
        return 2
    report = sync(root, args.workspace)
    folder = (args.workspace or root / WORKSPACE)
    total = len(report["copied"]) + len(report["kept"])
    copied = f", {len(report['copied'])} new copied in" if report["copied"] else ""
    print(f"Your work is in {folder.name}/ ({total} lessons{copied}); course updates never "
          "overwrite it.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
