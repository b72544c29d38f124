"""Exercise checks with instant, specific feedback (lesson 01, used by every lesson).

In a lesson, the cell after the student's code calls ``check("01.1", my_function)``. It
prints one verdict, wrapped at word boundaries so that it reads well in a narrow notebook,
and never raises because of the answer:

* ``[not attempted yet]`` for an untouched stub (``...``, or a function whose body is ``...``),
* ``[correct]`` with what was checked,
* ``[not yet]`` with what is wrong in terms of the likely mistake, and a pointer to
  ``hint("01.1")``, which gives the hints one at a time.

Each lesson's exercises live in ``leaky/exercise_checks/lNN.py`` and are registered with
:func:`exercise`; ``check`` imports that module on first use. Checkers call the student's
code through :func:`call_student`, which turns everything that can go wrong in it (an
exception, ``return`` forgotten, an argument modified in place) into a one-line
:class:`Mistake`.
"""

from __future__ import annotations

import ast
import copy
import importlib
import inspect
import re
import textwrap
from dataclasses import dataclass, field

import numpy as np

from ._validate import fail, show

__all__ = ["check", "hint", "exercise", "results", "reset", "Mistake", "is_stub",
           "call_student", "short", "NOT_ATTEMPTED", "PASSED", "FAILED", "WIDTH"]

NOT_ATTEMPTED, PASSED, FAILED = "not attempted", "passed", "failed"
LABELS = {NOT_ATTEMPTED: "[not attempted yet]", PASSED: "[correct]", FAILED: "[not yet]"}
#: Verdicts and hints are wrapped at this many characters (JupyterLab would otherwise
#: break long lines in the middle of a word).
WIDTH = 88


class Mistake(Exception):  # noqa: N818 - it is what the student made, not an error of ours
    """Raised by a checker to report what is wrong with an answer (shown, never propagated)."""


@dataclass
class Exercise:
    id: str
    title: str
    checker: object
    hints: list = field(default_factory=list)


_REGISTRY: dict[str, Exercise] = {}
_RESULTS: dict[str, str] = {}
_HINTS_GIVEN: dict[str, int] = {}
_ID = re.compile(r"^(\d\d)\.(\d+)$")


def exercise(exercise_id, title, hints=()):
    """Decorator registering ``checker(answer) -> str`` (a success note) for ``exercise_id``.

    The checker raises :class:`Mistake` with a specific message when the answer is wrong.
    """
    def register(checker):
        _REGISTRY[exercise_id] = Exercise(exercise_id, title, checker, list(hints))
        return checker
    return register


def _lookup(exercise_id) -> Exercise:
    match = _ID.match(exercise_id) if isinstance(exercise_id, str) else None
    if match is None:
        fail("exercise_id", "a string like '01.1' (lesson.exercise)", exercise_id)
    if exercise_id not in _REGISTRY:
        module = f"leaky.exercise_checks.l{match.group(1)}"
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as error:
            if error.name != module:  # the checker module exists but its own import failed
                raise
    if exercise_id not in _REGISTRY:
        known = sorted(k for k in _REGISTRY if k.startswith(match.group(1) + "."))
        fail("exercise_id", f"one of this lesson's exercises {known}", exercise_id)
    return _REGISTRY[exercise_id]


# --- the student's answer ----------------------------------------------------------------
def _body_is_ellipsis(function) -> bool:
    """True if ``function``'s source is a def whose body is only ``...`` (and a docstring)."""
    try:
        source = textwrap.dedent(inspect.getsource(function))
        tree = ast.parse(source)
    except (OSError, TypeError, SyntaxError, IndentationError):
        return False
    node = tree.body[0] if tree.body else None
    if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    body = node.body
    if (body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str) and len(body) > 1):
        body = body[1:]  # a docstring, then the body
    return (len(body) == 1 and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant) and body[0].value.value is Ellipsis)


def is_stub(answer) -> bool:
    """True for ``...`` and for a function whose body is only ``...`` (the untouched stub).

    Read from the function's source: a body of ``pass`` or ``return None`` is an attempt
    (and gets "your function returns None"), not a stub.
    """
    if answer is Ellipsis:
        return True
    return inspect.isfunction(answer) and _body_is_ellipsis(answer)


def short(value, limit: int = 48) -> str:
    """A short description of a value for feedback: arrays by shape and dtype, containers by
    type and length, other reprs cut to ``limit`` characters. Every message uses it."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}, dtype {value.dtype}"
    if isinstance(value, (list, tuple, dict, set)) and len(repr(value)) > limit:
        return f"a {type(value).__name__} of {len(value)} items"
    return show(value, limit)


def _snapshot(value):
    """A deep copy of what a function might modify in place (arrays, lists, dicts)."""
    try:
        return copy.deepcopy(value)
    except Exception:  # an object that cannot be copied: not checked for mutation
        return _UNCOPYABLE


_UNCOPYABLE = object()


def _same(before, after) -> bool:
    if before is _UNCOPYABLE:
        return True
    if isinstance(before, np.ndarray):
        return (isinstance(after, np.ndarray) and before.shape == after.shape
                and before.dtype == after.dtype and np.array_equal(before, after, equal_nan=True))
    if isinstance(before, (list, tuple)):
        return (type(before) is type(after) and len(before) == len(after)
                and all(_same(b, a) for b, a in zip(before, after, strict=True)))
    if isinstance(before, dict):
        return (isinstance(after, dict) and before.keys() == after.keys()
                and all(_same(before[k], after[k]) for k in before))
    try:
        return bool(before == after)
    except Exception:  # an object without a usable ==: treat it as unchanged
        return True


def _argument_names(function, args, kwargs) -> list[str]:
    try:
        bound = inspect.signature(function).bind_partial(*args, **kwargs)
        names = {id(value): name for name, value in bound.arguments.items()}
    except (TypeError, ValueError):
        names = {}
    ordered = list(args) + list(kwargs.values())
    return [names.get(id(value), f"argument {i + 1}") for i, value in enumerate(ordered)]


def call_student(function, *args, may_modify=(), returns_none=False, **kwargs):
    """Call the student's function and turn whatever goes wrong into a :class:`Mistake`.

    * An exception in it becomes "your function raised ZeroDivisionError: ...".
    * ``None`` as the result becomes "your function returns None: did you forget
      `return`?" (unless ``returns_none=True``).
    * An argument that it modified in place becomes "your function changed its argument
      x ...": compute into new arrays instead. Arguments listed in ``may_modify``, by
      name or position (exercises that ask for in-place work), are not checked.
    """
    if not callable(function):
        raise Mistake(f"expected a function, got {short(function)}")
    names = _argument_names(function, args, kwargs)
    values = list(args) + list(kwargs.values())
    before = [_UNCOPYABLE if (n in may_modify or i in may_modify) else _snapshot(v)
              for i, (n, v) in enumerate(zip(names, values, strict=True))]
    try:
        result = function(*args, **kwargs)
    except Exception as error:  # the student's bug: reported, not raised
        shown = ", ".join([short(a, 24) for a in args]
                          + [f"{k}={short(v, 24)}" for k, v in kwargs.items()])
        message = (str(error).splitlines() or [""])[0]
        message = message if len(message) <= 80 else message[:77] + "..."
        raise Mistake(f"your function raised {type(error).__name__}: {message} "
                      f"(called with {shown})") from None
    for name, old, new in zip(names, before, values, strict=True):
        if not _same(old, new):
            raise Mistake(f"your function changed its argument {name} in place; build and "
                          "return new arrays instead of assigning into it.")
    if result is None and not returns_none:
        raise Mistake("your function returns None: did you forget `return`?")
    return result


# --- verdicts and hints -------------------------------------------------------------------
def _say(text: str) -> None:
    """Print ``text`` wrapped at word boundaries (continuation lines indented)."""
    print(textwrap.fill(" ".join(text.split()), width=WIDTH, subsequent_indent="    ",
                        break_long_words=False, break_on_hyphens=False))


def check(exercise_id, answer) -> None:
    """Check ``answer`` for exercise ``exercise_id`` and print its verdict."""
    ex = _lookup(exercise_id)
    if is_stub(answer):
        status, text = NOT_ATTEMPTED, "replace the ... with your answer and run the cell again."
    else:
        try:
            note = ex.checker(answer)
        except Mistake as mistake:
            status, text = FAILED, str(mistake).rstrip()
            if not text.endswith((".", "!", "?")):
                text += "."  # every verdict is a sentence, before the nudge
            if ex.hints:
                text += f" Need a nudge? hint({exercise_id!r})"
        else:
            status, text = PASSED, note or "well done."
    _RESULTS[exercise_id] = status
    _say(f"{LABELS[status]} {exercise_id} {ex.title}: {text}")


def hint(exercise_id) -> None:
    """Print the next hint for ``exercise_id``; after the last one, say where the solution is."""
    ex = _lookup(exercise_id)
    given = _HINTS_GIVEN.get(exercise_id, 0)
    if given >= len(ex.hints):
        where = f"solutions/{exercise_id[:2]}_*.ipynb (the instructor version)"
        first = ("No hints for this one" if not ex.hints else
                 f"No more hints for {exercise_id} (you have seen all {len(ex.hints)})")
        _say(f"{first}. Reread the text above the exercise, or look at the full solution in "
             f"{where}.")
        return
    _HINTS_GIVEN[exercise_id] = given + 1
    _say(f"Hint {given + 1}/{len(ex.hints)} for {exercise_id}: {ex.hints[given]}")


def results() -> dict:
    """The last verdict of every exercise checked in this session: ``{id: status}``."""
    return dict(_RESULTS)


def reset() -> None:
    """Forget all verdicts and hints given (tests use it between cases)."""
    _RESULTS.clear()
    _HINTS_GIVEN.clear()
