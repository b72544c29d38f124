"""Slides of every lesson that fit a 1280x720 screen and work offline: ``make slides``.

    python site/make_slides.py                    # from solutions/ into build/slides/
    python site/make_slides.py --from notebooks   # the student version

Slide breaks follow the deck: a ``# `` heading starts a slide, ``## `` a sub-slide (down
arrow). A slide whose cells would not fit the screen is split before the cell that would
overflow: that cell starts a sub-slide (continued below). The height of each cell is
estimated from what it holds (lines of text and code, wrapped at the slide's width; the
pixel size of its images), with the sizes of ``site/slides_template/leaky_reveal``; a code
cell taller than a screen by itself is split into its code and its output. The browser check
(``tests/site/test_slides.py``) measures every slide in Chromium.

Nothing is fetched from another host when the slides are shown: reveal.js (its "white" theme
uses fonts that ship with it), MathJax 3 and the CSS are copied next to the decks.
"""

from __future__ import annotations

import argparse
import base64
import copy
import json
import shutil
import struct
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITE_DIR = Path(__file__).resolve().parent
TEMPLATES = SITE_DIR / "slides_template"
BUILD = ROOT / "build"

WIDTH, HEIGHT = 1280, 720          # reveal.js's slide size (it scales to the window)
BUDGET = 640                       # px of a slide that cells may fill (margins, controls)
TEXT_PX, CODE_PX = 20, 19          # font sizes of the template (reveal/index.html.j2)
TEXT_LINE, CODE_LINE = 1.5 * TEXT_PX, 1.35 * CODE_PX
CONTENT_PX = WIDTH - 110 - 60      # minus the prompt column and paddings
TEXT_CHARS = int(CONTENT_PX / (0.5 * TEXT_PX))    # characters per wrapped line
CODE_CHARS = int(CONTENT_PX / (0.6 * CODE_PX))
CELL_GAP = 14                      # padding between cells
IMAGE_MAX = 0.62 * HEIGHT          # site/slides_template/leaky_reveal/leaky-slides.css
SKIP_TAGS = {"banner", "colab-setup"}


def _source(cell) -> str:
    source = cell.get("source", "")
    return source if isinstance(source, str) else "".join(source)


def _wrapped_lines(text: str, chars: int) -> int:
    lines = text.rstrip("\n").split("\n") if text.strip() else []
    return sum(max(1, -(-len(line) // chars)) for line in lines)


def png_size(data: str) -> tuple[int, int]:
    """(width, height) of a base64 PNG, from its IHDR chunk."""
    raw = base64.b64decode(data[:64] if len(data) > 64 else data + "==")
    width, height = struct.unpack(">II", raw[16:24])
    return width, height


def image_height(output) -> float:
    data = output.get("data", {})
    if "image/png" not in data:
        return 0.0
    png = data["image/png"]
    png = png if isinstance(png, str) else "".join(png)
    width, height = png_size(png.replace("\n", ""))
    meta = output.get("metadata", {}).get("image/png", {})
    width, height = meta.get("width", width), meta.get("height", height)
    scale = min(1.0, CONTENT_PX / width) if width else 1.0
    return min(height * scale, IMAGE_MAX) + 10


def output_height(output) -> float:
    kind = output.get("output_type")
    if kind == "stream":
        return _wrapped_lines(_source({"source": output.get("text", "")}), CODE_CHARS) \
            * CODE_LINE + 10
    if kind == "error":
        return 12 * CODE_LINE
    data = output.get("data", {})
    if "image/png" in data:
        return image_height(output)
    if "text/html" in data:
        return _wrapped_lines(_source({"source": data["text/html"]}), 2 * TEXT_CHARS) \
            * TEXT_LINE
    if "text/markdown" in data:
        return markdown_height(_source({"source": data["text/markdown"]}))
    if "text/plain" in data:
        return _wrapped_lines(_source({"source": data["text/plain"]}), CODE_CHARS) \
            * CODE_LINE + 10
    return 0.0


def markdown_height(text: str) -> float:
    """Estimated height of rendered markdown: paragraphs (consecutive lines joined) wrapped
    at the slide's width, headings, list items, code blocks, display math."""
    height, paragraph, in_code = 0.0, 0, False

    def flush():
        nonlocal height, paragraph
        if paragraph:
            height += max(1, -(-paragraph // TEXT_CHARS)) * TEXT_LINE + 0.5 * TEXT_LINE
        paragraph = 0

    for line in text.rstrip().split("\n"):
        stripped = line.strip()
        if stripped.startswith("```"):
            flush()
            in_code = not in_code
            height += 10
            continue
        if in_code:
            height += CODE_LINE
            continue
        quote = stripped.startswith(">")
        stripped = stripped.lstrip("> ").strip() if quote else stripped
        if stripped.startswith("# "):
            flush()
            height += 46 * max(1, -(-len(stripped) // 55)) + 14
        elif stripped.startswith("## "):
            flush()
            height += 36 * max(1, -(-len(stripped) // 70)) + 12
        elif stripped.startswith("#"):
            flush()
            height += 29 * max(1, -(-len(stripped) // 85)) + 10
        elif stripped.startswith(("$$", "\\[")):
            flush()
            height += 3 * TEXT_LINE
        elif not stripped:
            flush()
        elif stripped[:2] in ("- ", "* ") or (stripped[:1].isdigit() and ". " in stripped[:4]):
            flush()
            paragraph = len(stripped) + 6
        elif stripped.startswith("|"):
            flush()
            height += TEXT_LINE + 8
        else:
            paragraph += len(stripped) + 1 + (8 if quote else 0)
    flush()
    return height + 16


def input_height(cell) -> float:
    return _wrapped_lines(_source(cell), CODE_CHARS) * CODE_LINE + 24


def cell_height(cell) -> float:
    if cell["cell_type"] == "markdown":
        return markdown_height(_source(cell)) + CELL_GAP
    if cell["cell_type"] != "code":
        return 0.0
    hidden_input = "remove-input" in cell.get("metadata", {}).get("tags", [])
    height = 0.0 if hidden_input else input_height(cell)
    height += sum(output_height(o) for o in cell.get("outputs", []))
    return height + CELL_GAP


def _slide_type(cell) -> str:
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type", "-")


def _set_slide_type(cell, kind: str) -> None:
    cell.setdefault("metadata", {}).setdefault("slideshow", {})["slide_type"] = kind


def _chunks(lines: list, height_of, budget: float) -> list:
    """Consecutive groups of ``lines`` whose heights stay under ``budget``, cut preferably
    at a blank line (a paragraph or a block of code)."""
    chunks, current = [], []
    for line in lines:
        if current and height_of(current + [line]) > budget:
            blanks = [k for k, text in enumerate(current) if not text.strip() and k > 0]
            cut = blanks[-1] if blanks and height_of(current[:blanks[-1]]) > budget / 3 \
                else len(current)
            chunks.append(current[:cut])
            current = [text for text in current[cut:]]
            while current and not current[0].strip():
                current.pop(0)
        current.append(line)
    if current:
        chunks.append(current)
    return chunks


def _piece(cell, index: int, **changes) -> dict:
    piece = copy.deepcopy(cell)
    piece.update(changes)
    piece["id"] = f"{cell.get('id', 'cell')}-{index}" if index else cell.get("id", "cell")
    if index:
        _set_slide_type(piece, "subslide")
    return piece


def split_tall_cells(cells: list) -> list:
    """A cell taller than a slide by itself is shown in pieces, each on a sub-slide of its
    own: a markdown cell by paragraphs, a code cell as its code (in parts if it is long),
    then its outputs (a long text output in parts). Slides are not executed, so the pieces
    only change how the lesson is shown."""
    result = []
    for cell in cells:
        if cell_height(cell) <= BUDGET or cell["cell_type"] not in ("markdown", "code"):
            result.append(cell)
            continue
        if cell["cell_type"] == "markdown":
            parts = _chunks(_source(cell).split("\n"),
                            lambda ls: markdown_height("\n".join(ls)) + CELL_GAP, BUDGET)
            result += [_piece(cell, k, source="\n".join(part)) for k, part in enumerate(parts)]
            continue
        pieces = []
        code = _chunks(_source(cell).split("\n"),
                       lambda ls: _wrapped_lines("\n".join(ls), CODE_CHARS) * CODE_LINE + 24
                       + CELL_GAP, BUDGET)
        for part in code:
            pieces.append(dict(source="\n".join(part), outputs=[]))
        pending = []
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output_height(output) > BUDGET / 2:
                text = _source({"source": output.get("text", "")}).split("\n")
                parts = _chunks(text, lambda ls: _wrapped_lines("\n".join(ls), CODE_CHARS)
                                * CODE_LINE + 10 + CELL_GAP, BUDGET)
                for part in parts:
                    pending.append([dict(output, text="\n".join(part) + "\n")])
            elif pending and sum(output_height(o) for o in pending[-1]) \
                    + output_height(output) + CELL_GAP <= BUDGET:
                pending[-1].append(output)
            else:
                pending.append([output])
        last = pieces[-1]
        if pending and input_height({"source": last["source"]}) \
                + sum(output_height(o) for o in pending[0]) + CELL_GAP <= BUDGET:
            last["outputs"] = pending.pop(0)
        for outputs in pending:
            pieces.append(dict(source="", outputs=outputs, hidden=True))
        for k, changes in enumerate(pieces):
            hidden = changes.pop("hidden", False)
            piece = _piece(cell, k, **changes)
            if k:
                piece["execution_count"] = None
            if hidden:
                piece.setdefault("metadata", {}).setdefault("tags", []).append("remove-input")
            result.append(piece)
    return result


def fit_slides(nb: dict) -> tuple[dict, list]:
    """Return a copy of ``nb`` whose slides fit, and the list of splits made
    (``[(cell index, estimated height of the slide before it)]``)."""
    nb = copy.deepcopy(nb)
    cells = [c for c in nb["cells"]
             if not SKIP_TAGS & set(c.get("metadata", {}).get("tags", []))
             and _slide_type(c) != "skip"]
    cells = split_tall_cells(cells)
    splits, used = [], 0.0
    for index, cell in enumerate(cells):
        kind = _slide_type(cell)
        height = cell_height(cell)
        if kind in ("slide", "subslide"):
            used = height
            continue
        if kind == "fragment":
            _set_slide_type(cell, "-")  # a split slide shows everything at once
        if used + height > BUDGET and used > 0:
            splits.append((index, round(used)))
            _set_slide_type(cell, "subslide")
            used = height
        else:
            used += height
    nb["cells"] = cells
    return nb, splits


# --- building ------------------------------------------------------------------------------
def copy_assets(out: Path) -> None:
    """reveal.js and MathJax next to the decks (unpacked from npm by the Makefile)."""
    reveal, mathjax = BUILD / "reveal.js", BUILD / "mathjax" / "es5"
    for needed in (reveal / "dist" / "reveal.js", mathjax / "tex-chtml.js"):
        if not needed.is_file():
            raise SystemExit(f"error: {needed.relative_to(ROOT)} is missing: run `make slides`"
                             " (it unpacks reveal.js and MathJax from npm into build/)")
    for name in ("reveal.js", "mathjax", "js"):
        if (out / name).exists():
            shutil.rmtree(out / name)
    shutil.copytree(reveal / "dist", out / "reveal.js" / "dist")
    shutil.copytree(reveal / "plugin" / "notes", out / "reveal.js" / "plugin" / "notes")
    sys.path.insert(0, str(SITE_DIR))
    from make_site import copy_mathjax
    copy_mathjax(out / "mathjax")
    shutil.copy(TEMPLATES / "leaky-slides.css", out / "leaky-slides.css")


def build(source: str, out: Path) -> dict:
    notebooks = sorted((ROOT / source).glob("[0-9][0-9]_*.ipynb"))
    if not notebooks:
        raise SystemExit(f"error: no notebooks in {source}/")
    staged = BUILD / "slides-src"
    if staged.exists():
        shutil.rmtree(staged)
    staged.mkdir(parents=True)
    out.mkdir(parents=True, exist_ok=True)
    report = {}
    for path in notebooks:
        nb = json.loads(path.read_text(encoding="utf-8"))
        fitted, splits = fit_slides(nb)
        (staged / path.name).write_text(json.dumps(fitted, ensure_ascii=False),
                                        encoding="utf-8")
        report[path.stem] = splits
    copy_assets(out)
    command = [
        sys.executable, "-m", "jupyter", "nbconvert", "--to", "slides",
        *[str(p) for p in sorted(staged.glob("*.ipynb"))],
        "--output-dir", str(out),
        f"--TemplateExporter.extra_template_basedirs={TEMPLATES}",
        "--template", "leaky_reveal",
        "--SlidesExporter.reveal_url_prefix=reveal.js",
        "--SlidesExporter.reveal_theme=white",
        f"--SlidesExporter.reveal_width={WIDTH}",
        f"--SlidesExporter.reveal_height={HEIGHT}",
        "--SlidesExporter.mathjax_url=mathjax/tex-chtml.js",
        "--TagRemovePreprocessor.enabled=True",
        "--TagRemovePreprocessor.remove_input_tags=remove-input",
        "--TagRemovePreprocessor.remove_cell_tags=banner",
        "--TagRemovePreprocessor.remove_cell_tags=colab-setup",
        "--log-level=WARN",
    ]
    result = subprocess.run(command, cwd=ROOT)
    if result.returncode != 0:
        raise SystemExit("error: nbconvert failed (see above)")
    return report


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="source", default="solutions",
                        choices=("solutions", "notebooks"))
    parser.add_argument("--out", type=Path, default=BUILD / "slides")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    report = build(args.source, args.out)
    split = sum(len(s) for s in report.values())
    print(f"slides: {len(report)} decks from {args.source}/ in {args.out.relative_to(ROOT)}/ "
          f"({split} long slides split to fit {WIDTH}x{HEIGHT}), "
          f"{time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
