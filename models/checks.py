"""Parameter checks shared by the model families: exact-or-float bundles, ranges, tolerances.

Exact in, exact out: when every parameter is an int or a Fraction the models
compute with :class:`fractions.Fraction`; one float parameter makes the whole
computation floating point.  Float models compare payoffs with the engine's one
tolerance rule (:func:`gametheory.default_tol`, through :func:`tolerance`):
``1e-9 * max |payoff|`` (``1e-9`` when all are 0), the rule
:class:`gametheory.NormalFormGame` and :class:`gametheory.ExtensiveFormGame` use, so
values within ``tol`` are ties and follow each model's documented tie rule.  Numbers are
checked by :func:`gametheory.as_numbers`: bad values raise :class:`gametheory.GameError`
naming the parameter (``parameter cost=nan is not a finite number``).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from gametheory import GameError, as_numbers, default_tol
from gametheory.numbers import check_finite_array

__all__ = ["numbers", "check_range", "check_prob", "as_float_array", "Tol", "tolerance"]


class Tol:
    """Comparisons with a tolerance: exact (``tol == 0``) or within ``tol`` for floats.

    ``gt(a, b)``: a is better than b by more than tol (a strict preference);
    ``ge(a, b)``: a is at least b up to tol (a weak preference, ties included).
    """

    __slots__ = ("tol",)

    def __init__(self, tol: float = 0.0) -> None:
        self.tol = tol

    def gt(self, a: Any, b: Any) -> bool:
        return bool(a > b + self.tol) if self.tol else bool(a > b)

    def ge(self, a: Any, b: Any) -> bool:
        return bool(a >= b - self.tol) if self.tol else bool(a >= b)

    def eq(self, a: Any, b: Any) -> bool:
        return self.ge(a, b) and self.ge(b, a)

    def best(self, pairs: Any) -> list:
        """Labels whose value is maximal up to tol, in the given order: ``[(label, value), ...]``."""
        pairs = list(pairs)
        m = max(u for _, u in pairs)
        return [x for x, u in pairs if self.ge(u, m)]


def tolerance(exact: bool, *payoffs: Any) -> Tol:
    """The engine's tolerance for a model: 0 when exact, else :func:`gametheory.default_tol` of the payoffs."""
    return Tol(0.0) if exact else Tol(default_tol(*(float(x) for x in payoffs)))


def numbers(**params: Any) -> tuple[dict, bool]:
    """Validate named real parameters; return them as Fractions (all exact) or floats.

    Returns ``(values, exact)`` (:func:`gametheory.as_numbers`).
    """
    return as_numbers(params)


def check_range(name: str, x: Any, low: Any = None, high: Any = None) -> None:
    """Raise a GameError unless ``low <= x <= high`` (either bound optional)."""
    if low is not None and x < low:
        raise GameError(f"parameter {name}={x} must be >= {low}")
    if high is not None and x > high:
        raise GameError(f"parameter {name}={x} must be <= {high}")


def check_prob(name: str, x: Any) -> None:
    check_range(name, x, 0, 1)


def as_float_array(name: str, x: Any) -> np.ndarray:
    """A float array for the vectorized paths; NaN/inf and non-numbers are GameErrors."""
    try:
        arr = np.asarray(x, dtype=float)
    except (TypeError, ValueError):
        raise GameError(f"parameter {name} is not numeric") from None
    check_finite_array(name, arr)
    return arr
