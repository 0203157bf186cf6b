"""Number handling shared by the alliance and deterrence models (private helper).

Exact in, exact out: when every parameter is an int or a Fraction the models
compute with :class:`fractions.Fraction`; one float parameter makes the whole
computation floating point.  Float models compare payoffs with the engine's
tolerance (:func:`tolerance`): ``1e-9 * max(1, max |payoff|)``, the ``tol`` that
:class:`gametheory.NormalFormGame` and :class:`gametheory.ExtensiveFormGame` use, so
values within ``tol`` are ties and follow each model's documented tie rule.  Bad values raise :class:`gametheory.GameError`
naming the parameter.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np

from gametheory.errors import GameError
from gametheory.normal_form import DEFAULT_TOL, is_exact_number

__all__ = ["numbers", "check_range", "check_prob", "as_float_array", "Tol", "tolerance", "array_tol"]


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
    """The engine's tolerance for a model: 0 when exact, else 1e-9 * max(1, max |payoff|)."""
    if exact:
        return Tol(0.0)
    scale = max((abs(float(x)) for x in payoffs), default=0.0)
    return Tol(DEFAULT_TOL * max(1.0, scale))


def array_tol(*payoffs: Any) -> np.ndarray:
    """Elementwise float tolerance 1e-9 * max(1, max |payoff|) over broadcastable arrays."""
    arrs = np.broadcast_arrays(*[np.abs(np.asarray(x, dtype=float)) for x in payoffs])
    return DEFAULT_TOL * np.maximum(1.0, np.max(np.stack(arrs), axis=0))


def numbers(**params: Any) -> tuple[dict, bool]:
    """Validate named real parameters; return them as Fractions (all exact) or floats.

    Returns ``(values, exact)``.
    """
    exact = True
    for name, x in params.items():
        if isinstance(x, (bool, np.bool_)) or x is None:
            raise GameError(f"parameter {name}={x!r} must be a number")
        if isinstance(x, (float, np.floating)):  # checked first: is_exact_number may import sympy
            if not math.isfinite(float(x)):
                raise GameError(f"parameter {name}={x!r} must be finite")
            exact = False
            continue
        if isinstance(x, (int, np.integer, Fraction)) or is_exact_number(x):
            continue
        raise GameError(f"parameter {name}={x!r} is not a number (got {type(x).__name__})")
    if exact:
        out = {k: Fraction(int(v)) if isinstance(v, (int, np.integer)) else Fraction(v) for k, v in params.items()}
    else:
        out = {k: float(v) for k, v in params.items()}
    return out, exact


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
    if not np.all(np.isfinite(arr)):
        raise GameError(f"parameter {name} contains NaN or infinite values")
    return arr
