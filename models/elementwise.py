"""Operations that work on one point and on a grid alike, so a model's closed form is written once.

A model's formula is one function of its parameters written with ``+ - * /``, comparisons
and the helpers below.  Called with numbers (Fractions when exact, floats otherwise) it gives
the per-point solver's answer; called with numpy float arrays it gives the vectorized fast
path used by sweeps.  Comparisons take the tolerance from :func:`tol_for` (exact points: the
int ``0``, so Fractions stay Fractions; float points: :func:`gametheory.default_tol`, per point
on a grid), so ties follow the same rule on both paths.

Python's ``not``, ``and``, ``or`` and ``x if c else y`` do not work elementwise, and ``~`` on a
Python bool is an integer: use :func:`not_`, ``&``, ``|`` and :func:`where`.  A branch that
would divide by zero where it is not taken needs a safe denominator,
``x / where(ok, d, 1)``, because both branches are evaluated.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from gametheory import default_tol, default_tols

__all__ = ["is_grid", "zero_of", "where", "not_", "clip", "maximum", "minimum", "tol_for"]


def is_grid(*xs: Any) -> bool:
    """Whether any argument is a numpy array (the vectorized path)."""
    return any(isinstance(x, np.ndarray) for x in xs)


def zero_of(x: Any) -> Any:
    """Zero in ``x``'s kind: ``0 * x`` for one point (a Fraction stays exact), ``0.0`` on a grid.

    The grid gets a scalar so that ``where(c, y, zero)`` broadcasts it instead of allocating
    an array of zeros (the sweeps' fast paths run on 10^6 points).
    """
    return 0.0 if isinstance(x, np.ndarray) else 0 * x


def where(cond: Any, a: Any, b: Any) -> Any:
    """``a if cond else b`` for one point (the values kept as they are), ``np.where`` on a grid."""
    if is_grid(cond, a, b):
        return np.where(cond, a, b)
    return a if cond else b


def not_(cond: Any) -> Any:
    """Logical negation for a bool or a boolean array."""
    return ~cond if isinstance(cond, np.ndarray) else not cond


def clip(x: Any, low: Any, high: Any) -> Any:
    """``min(max(x, low), high)`` for one point (exact stays exact), ``np.clip`` on a grid."""
    if isinstance(x, np.ndarray):
        return np.clip(x, low, high)
    return min(max(x, low + 0 * x), high + 0 * x)


def maximum(a: Any, b: Any) -> Any:
    """Elementwise maximum (``max`` for one point)."""
    return np.maximum(a, b) if is_grid(a, b) else max(a, b)


def minimum(a: Any, b: Any) -> Any:
    """Elementwise minimum (``min`` for one point)."""
    return np.minimum(a, b) if is_grid(a, b) else min(a, b)


def tol_for(exact: bool, *payoffs: Any) -> Any:
    """The comparison tolerance: ``0`` when exact, else :func:`gametheory.default_tol` of the payoffs.

    On a grid (any payoff an array) it is :func:`gametheory.default_tols`, one tolerance per
    point.  ``a > b + tol`` is then "a strictly better than b" and ``a >= b - tol`` "a at least
    b" on both paths (as :class:`models.checks.Tol`).
    """
    if exact:
        return 0
    if is_grid(*payoffs):
        return default_tols(*payoffs)
    return default_tol(*(float(x) for x in payoffs))
