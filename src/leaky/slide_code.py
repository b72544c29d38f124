"""Running a slide's code from its text: find its syntax error, or run it as a script.

Introduced in lesson 06, whose slide holds a class that does not parse. The lesson keeps the
slide's code as a string (so that it can show it character for character and edit it);
these two functions are what Python does with such a file:

    syntax_error_line(SLIDE_CODE, "slide6.py")   # "SyntaxError: invalid syntax, line 17: ..."
    namespace = run_code(FIXED_CODE, "slide6_fixed.py")   # runs it; its names, as a dict
"""

from __future__ import annotations

from ._validate import fail

__all__ = ["syntax_error_line", "run_code"]


def _source(source) -> str:
    if not isinstance(source, str):
        fail("source", "a str of Python code", source, error=TypeError)
    return source


def syntax_error_line(source, filename="<slide>") -> str | None:
    """Compile ``source`` (nothing runs); return its first syntax error as one line, or None.

    The line reads ``SyntaxError: <message>, line <n>: <the offending line>``, the way
    Python reports it before running a file that does not parse.
    """
    try:
        compile(_source(source), filename, "exec")
    except SyntaxError as error:
        text = (error.text or "").strip()
        return f"{type(error).__name__}: {error.msg}, line {error.lineno}: {text}"
    return None


def run_code(source, filename="<slide>") -> dict:
    """Run ``source`` as a script in a fresh namespace, as ``python filename`` would, and
    return that namespace (its classes, functions and variables, by name).

    What the code prints appears as usual; a syntax error is raised before any line runs.
    """
    namespace = {"__name__": "__main__"}
    exec(compile(_source(source), filename, "exec"), namespace)
    return namespace
