"""Exercise checks with instant, specific feedback (lesson 01, used by every lesson).

In a lesson, the cell after the student's code calls ``check("01.1", my_function)``. It
prints one stable line (nbval compares it) and never raises because of the answer:

* ``[not attempted yet]`` for an untouched stub (``...``),
* ``[correct]`` with what was checked,
* ``[not yet]`` with what is wrong in terms of the likely mistake, and a pointer to
  ``hint("01.1")``, which gives the hints one at a time.

Each lesson's exercises live in ``leaky/exercise_checks/lNN.py`` and are registered with
:func:`exercise`; ``check`` imports that module on first use.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field

import numpy as np

from ._validate import fail

__all__ = ["check", "hint", "exercise", "results", "Mistake", "is_stub", "call_student",
           "compare_elementwise", "NOT_ATTEMPTED", "PASSED", "FAILED"]

NOT_ATTEMPTED, PASSED, FAILED = "not attempted", "passed", "failed"


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
        try:
            importlib.import_module(f"leaky.exercise_checks.l{match.group(1)}")
        except ModuleNotFoundError:
            pass
    if exercise_id not in _REGISTRY:
        known = sorted(k for k in _REGISTRY if k.startswith(match.group(1) + "."))
        fail("exercise_id", f"one of this lesson's exercises {known}", exercise_id)
    return _REGISTRY[exercise_id]


def _stub_code():
    def stub(*args, **kwargs):
        ...
    return stub.__code__.co_code


_STUB_CODE = _stub_code()


def is_stub(answer) -> bool:
    """True for ``...`` and for a function whose body is only ``...`` (or a docstring)."""
    if answer is Ellipsis:
        return True
    code = getattr(answer, "__code__", None)
    return code is not None and code.co_code == _STUB_CODE


def call_student(function, *args, **kwargs):
    """Call the student's function; an exception in it becomes a one-line :class:`Mistake`."""
    try:
        return function(*args, **kwargs)
    except Exception as error:  # the student's bug: reported, not raised
        shown = ", ".join([_short(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()])
        raise Mistake(f"your function raised {type(error).__name__}: {error} "
                      f"(called with {shown})") from None


def _short(value) -> str:
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}, dtype {value.dtype}"
    return repr(value)


def check(exercise_id, answer) -> None:
    """Check ``answer`` for exercise ``exercise_id`` and print one verdict line."""
    ex = _lookup(exercise_id)
    if is_stub(answer):
        status, text = NOT_ATTEMPTED, "replace the ... with your answer and run the cell again."
    else:
        try:
            note = ex.checker(answer)
        except Mistake as mistake:
            status, text = FAILED, str(mistake)
            if ex.hints:
                text += f" Need a nudge? hint({exercise_id!r})"
        else:
            status, text = PASSED, note or "well done."
    _RESULTS[exercise_id] = status
    label = {NOT_ATTEMPTED: "[not attempted yet]", PASSED: "[correct]", FAILED: "[not yet]"}
    print(f"{label[status]} {exercise_id} {ex.title}: {text}")


def hint(exercise_id) -> None:
    """Print the next hint for ``exercise_id`` (one more each call, then the last again)."""
    ex = _lookup(exercise_id)
    if not ex.hints:
        print(f"{exercise_id}: no hints for this one; reread the text above the exercise.")
        return
    index = min(_HINTS_GIVEN.get(exercise_id, 0), len(ex.hints) - 1)
    _HINTS_GIVEN[exercise_id] = index + 1
    print(f"Hint {index + 1}/{len(ex.hints)} for {exercise_id}: {ex.hints[index]}")


def results() -> dict:
    """The last verdict of every exercise checked in this session: ``{id: status}``."""
    return dict(_RESULTS)


# --- checking elementwise functions against the reference -------------------------------

EDGE_X = np.array([-3.0, -1.0, -1e-8, 0.0, 1e-8, 0.5, 1.0, 3.0])


def _battery(rng):
    return np.concatenate([EDGE_X, rng.normal(scale=4.0, size=40)])


def compare_elementwise(function, reference, *, alphas=(0.01, 0.2, 1.5), takes_alpha=True,
                        what="f(x)"):
    """Compare a student's elementwise function with ``reference`` and name the mistake.

    Checks, on edge values and 40 random points for each alpha: returns something, shape,
    values (classifying a disagreement as at x = 0, for negative x, for positive x, or only
    for alpha > 1), float32 dtype kept, input not modified. Returns a success note.
    """
    rng = np.random.default_rng(0)
    x = _battery(rng)
    for alpha in alphas if takes_alpha else (None,):
        args = (alpha,) if takes_alpha else ()
        given = x.copy()
        result = call_student(function, given, *args)
        if result is None:
            raise Mistake("your function returns None: did you forget `return`?")
        if not np.array_equal(given, x):
            raise Mistake("your function modified its input x; compute into a new array "
                          "(e.g. np.where) instead of assigning into x.")
        try:
            result = np.asarray(result, dtype=float)
        except (TypeError, ValueError):
            raise Mistake(f"your function returned {_short(result)}, not numbers") from None
        if result.shape != x.shape:
            raise Mistake(f"wrong shape: for x of shape {x.shape} it returned shape "
                          f"{result.shape}; apply the rule to each element.")
        expected = np.asarray(reference(x, *args))
        wrong = ~np.isclose(result, expected, rtol=1e-7, atol=1e-12)
        if wrong.any():
            i = int(np.argmax(wrong))
            at = f"{what.replace('x', repr(float(x[i])), 1) if 'x' in what else what}"
            where = ("at x = 0" if x[i] == 0 and wrong.sum() == 1 else
                     "for negative x" if (x[wrong] < 0).all() else
                     "for positive x" if (x[wrong] > 0).all() else "for several x")
            alpha_note = f" with alpha = {alpha}" if takes_alpha else ""
            if takes_alpha and alpha > 1 and _passes_small_alphas(function, reference, x):
                raise Mistake(f"wrong for alpha > 1: {at} should be {expected[i]:.4g}, "
                              f"got {result[i]:.4g} (alpha = {alpha}). max(alpha*x, x) "
                              "only works for alpha <= 1; use the piecewise rule.")
            raise Mistake(f"wrong {where}{alpha_note}: {at} should be {expected[i]:.4g}, "
                          f"got {result[i]:.4g}.")
    x32 = x.astype(np.float32)
    out32 = call_student(function, x32, *((alphas[0],) if takes_alpha else ()))
    dtype = getattr(out32, "dtype", None)
    if dtype != np.float32:
        raise Mistake(f"dtype changed: float32 in, {dtype or type(out32).__name__} out. "
                      "Build the result from x (e.g. alpha * x, np.ones_like(x)) so it "
                      "keeps x's dtype.")
    tested = f"alpha in {list(alphas)}, " if takes_alpha else ""
    return f"Matches the reference on {x.size} inputs ({tested}x = 0 included), keeps float32."


def _passes_small_alphas(function, reference, x) -> bool:
    for alpha in (0.01, 0.2):
        try:
            result = np.asarray(function(x.copy(), alpha), dtype=float)
        except Exception:  # the student's code: any failure means "does not pass"
            return False
        if result.shape != x.shape or not np.allclose(result, reference(x, alpha)):
            return False
    return True
