"""Parameters, sympification and simplification of symbolic equilibrium conditions (private
module; :func:`simplify_condition` is re-exported by :mod:`gametheory.symbolic`).

A payoff difference ``>= 0`` is cancelled, stripped of factors of known sign and, with one
parameter, solved into intervals with ``sympy.reduce_inequalities``.
"""

from __future__ import annotations

from typing import Any, Iterable

import sympy

from ..errors import GameError
from ._parse import to_expression


def _drop_infinite(rel: Any) -> Any:
    """Remove the ``x < oo`` bounds that reduce_inequalities adds; write ``x >= 2``, not ``2 <= x``."""
    if isinstance(rel, sympy.And):
        return sympy.And(*[_drop_infinite(a) for a in rel.args])
    if isinstance(rel, sympy.Or):
        return sympy.Or(*[_drop_infinite(a) for a in rel.args])
    if isinstance(rel, sympy.core.relational.Relational):
        if rel.lhs.has(sympy.oo, -sympy.oo) or rel.rhs.has(sympy.oo, -sympy.oo):
            return sympy.true
        return rel.canonical
    return rel


def _sign_reduced(expr: sympy.Expr) -> tuple[sympy.Expr, int]:
    """``expr`` with positive content and factors of known sign removed; and the sign flip."""
    num, den = sympy.fraction(sympy.cancel(sympy.together(expr)))
    sign = 1
    kept = []
    for part, is_den in ((num, False), (den, True)):
        part = sympy.factor_terms(part)
        coeff, factors = part.as_coeff_mul()
        if coeff < 0:
            sign = -sign
        for f in factors:
            if f.is_positive:
                continue
            if f.is_negative:
                sign = -sign
                continue
            kept.append(1 / f if is_den else f)
    return sympy.Mul(*kept), sign


def _readable(expr: sympy.Expr, strict: bool) -> Any:
    """``expr >= 0`` written as ``positive terms >= negative terms`` for a linear-looking sum."""
    rel = sympy.Gt if strict else sympy.Ge
    expanded = sympy.expand(expr) if expr.is_polynomial() else expr
    if isinstance(expanded, sympy.Add):
        pos = [t for t in expanded.args if t.could_extract_minus_sign() is False]
        neg = [-t for t in expanded.args if t.could_extract_minus_sign() is True]
        if pos and neg and len(pos) + len(neg) == len(expanded.args):
            return rel(sympy.Add(*pos), sympy.Add(*neg), evaluate=False)
        if neg and len(neg) == len(expanded.args):
            return (sympy.Lt if strict else sympy.Le)(sympy.Add(*neg), 0)
    return rel(expr, 0)


def _has_sign_assumptions(syms: Iterable[sympy.Symbol]) -> bool:
    return any(s.is_nonnegative is not None or s.is_nonpositive is not None or s.is_zero is not None for s in syms)


def _linear_condition(diff: sympy.Expr, strict: bool, factor: bool = True) -> Any:
    """Fast path for a linear ``diff`` over symbols without sign assumptions; None otherwise."""
    free = diff.free_symbols
    if _has_sign_assumptions(free):
        return None
    try:
        poly = sympy.Poly(diff, *sorted(free, key=lambda x: x.name))
    except sympy.PolynomialError:
        return None
    if not all(co.is_Rational for co in poly.coeffs()):
        return None
    _, prim = poly.primitive()  # positive content divided out
    expr = prim.as_expr()
    if poly.total_degree() > 1:
        if len(free) == 1:
            return None  # solved into intervals by the general path
        # a multivariate polynomial: factor it for readability, but keep the sign exact
        fac = sympy.factor(expr) if factor else expr
        return _readable(fac, strict) if fac != expr else _readable(expr, strict)
    if len(free) == 1:
        (x,) = free
        k = expr.coeff(x)
        r = -(expr - k * x) / k
        if k > 0:
            return (sympy.Gt if strict else sympy.Ge)(x, r)
        return (sympy.Lt if strict else sympy.Le)(x, r)
    return _readable(expr, strict)


def simplify_condition(diff: Any, strict: bool = False, factor: bool = True) -> Any:
    """The simplified sympy condition ``diff >= 0`` (``> 0`` when ``strict``).

    Parameters
    ----------
    diff
        A sympy expression (or an expression string, read by the whitelist parser).
    strict : bool
        ``> 0`` instead of ``>= 0``.
    factor : bool
        Factor multivariate polynomials for readability.

    Returns
    -------
    sympy.Basic
        ``sympy.true``/``sympy.false`` when the sign is decided by the symbols'
        assumptions, an interval condition for one parameter, else a relation.

    Raises
    ------
    InvalidGameError
        A refused expression string.

    References
    ----------
    Meurer, A. et al. (2017). SymPy: symbolic computing in Python. PeerJ CS 3.

    Examples
    --------
    >>> import sympy
    >>> from gametheory.symbolic import simplify_condition
    >>> a = sympy.Symbol("a")
    >>> simplify_condition(2 * a - 2)
    a >= 1
    >>> simplify_condition(sympy.Symbol("c", positive=True))
    True
    """
    if not isinstance(diff, sympy.Basic):
        diff = to_expression(diff, "the condition", None)  # strings through the safe parser, never sympify
    if diff.is_number:
        if not diff.is_real:
            raise GameError(f"condition {diff} >= 0 compares a non-real number")
        return sympy.true if (diff > 0 if strict else diff >= 0) else sympy.false
    fast = _linear_condition(sympy.expand(diff), strict, factor)
    if fast is not None:
        return fast
    if _has_sign_assumptions(diff.free_symbols):
        if (diff.is_positive if strict else diff.is_nonnegative):
            return sympy.true
        if (diff.is_nonpositive if strict else diff.is_negative):
            return sympy.false
    reduced, sign = _sign_reduced(diff)
    reduced = sign * reduced
    if reduced.is_number:
        ok = reduced > 0 if strict else reduced >= 0
        return sympy.true if ok else sympy.false
    free = reduced.free_symbols
    if len(free) == 1:
        (x,) = free
        try:
            sol = sympy.reduce_inequalities(sympy.Gt(reduced, 0) if strict else sympy.Ge(reduced, 0), [x])
            return _drop_infinite(sol)
        except (NotImplementedError, ValueError, TypeError, sympy.PolynomialError):
            pass
    return _readable(reduced, strict)


def _relations(cond: Any) -> list:
    if isinstance(cond, (list, tuple)):
        return list(cond)
    return [cond]
