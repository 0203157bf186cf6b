"""Vectorized evaluation of symbolic conditions on parameter arrays (private module;
:func:`evaluate` and ``DEFAULT_TOL`` are re-exported by :mod:`gametheory.symbolic`).

Each relation's ``lhs - rhs`` is compiled with ``sympy.lambdify`` to numpy; weak
inequalities hold within ``tol``, strict ones need a margin above it.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Sequence

import numpy as np
import sympy
from sympy.logic.boolalg import BooleanFalse, BooleanTrue

from ..errors import GameError
from ..numbers import DEFAULT_TOL
from ._conditions import _relations
from ._parse import parse_relation


class _Compiler:
    """Compile sympy booleans to numpy functions of the parameter arrays.

    :meth:`precompute` lambdifies the differences ``lhs - rhs`` of all relations at
    once (one generated function instead of one per relation, which dominates the
    cost for games with many candidates) and evaluates them on the given arrays.
    """

    def __init__(self, params: Sequence[sympy.Symbol]):
        self.params = tuple(params)
        self._cache: dict = {}
        self._joint: dict = {}
        self._diff_of: dict = {}
        self._vals: dict = {}

    def _diff(self, rel: Any) -> sympy.Expr:
        d = self._diff_of.get(rel)
        if d is None:
            d = self._diff_of[rel] = rel.lhs - rel.rhs
        return d

    def _collect(self, cond: Any, out: dict) -> None:
        if isinstance(cond, (sympy.And, sympy.Or, sympy.Not)):
            for a in cond.args:
                self._collect(a, out)
        elif isinstance(cond, sympy.core.relational.Relational):
            out.setdefault(self._diff(cond), None)

    def precompute(self, conds: Iterable[Any], args: list, shape: tuple) -> None:
        found: dict = {}
        for c in conds:
            self._collect(c, found)
        diffs = tuple(found)
        fn = self._joint.get(diffs)
        if fn is None:
            fn = self._joint[diffs] = sympy.lambdify(self.params, list(diffs), modules="numpy")
        with np.errstate(all="ignore"):
            vals = fn(*args) if diffs else []
        self._vals = {d: np.broadcast_to(np.asarray(v, dtype=float), shape) for d, v in zip(diffs, vals)}

    def _diff_fn(self, expr: sympy.Expr):
        fn = self._cache.get(expr)
        if fn is None:
            fn = sympy.lambdify(self.params, expr, modules="numpy")
            self._cache[expr] = fn
        return fn

    def eval(self, cond: Any, args: list, shape: tuple, tol: float) -> np.ndarray:
        if cond is True or isinstance(cond, BooleanTrue):
            return np.ones(shape, dtype=bool)
        if cond is False or isinstance(cond, BooleanFalse):
            return np.zeros(shape, dtype=bool)
        if isinstance(cond, sympy.And):
            out = np.ones(shape, dtype=bool)
            for a in cond.args:
                out &= self.eval(a, args, shape, tol)
            return out
        if isinstance(cond, sympy.Or):
            out = np.zeros(shape, dtype=bool)
            for a in cond.args:
                out |= self.eval(a, args, shape, tol)
            return out
        if isinstance(cond, sympy.Not):
            return ~self.eval(cond.args[0], args, shape, tol)
        if isinstance(cond, sympy.core.relational.Relational):
            diff = self._diff(cond)
            d = self._vals.get(diff)
            if d is None or d.shape != shape:
                with np.errstate(all="ignore"):
                    d = np.broadcast_to(np.asarray(self._diff_fn(diff)(*args), dtype=float), shape)
            if isinstance(cond, sympy.GreaterThan):
                return d >= -tol
            if isinstance(cond, sympy.StrictGreaterThan):
                return d > tol
            if isinstance(cond, sympy.LessThan):
                return d <= tol
            if isinstance(cond, sympy.StrictLessThan):
                return d < -tol
            if isinstance(cond, sympy.Equality):
                return np.abs(d) <= tol
            if isinstance(cond, sympy.Unequality):
                return np.abs(d) > tol
        raise GameError(f"cannot evaluate condition {cond!r}")


def _param_arrays(params: Sequence[sympy.Symbol], values: Mapping[str, Any], needed: set | None = None) -> tuple[list, tuple]:
    names = {p.name for p in params}
    unknown = sorted(set(values) - names)
    if unknown:
        raise GameError(f"unknown parameters {unknown}; the parameters are {sorted(names)}")
    need = params if needed is None else [p for p in params if p in needed]
    missing = [p.name for p in need if p.name not in values]
    if missing:
        raise GameError(f"values are missing for parameters {missing}")
    arrays = []
    for p in params:
        if p.name in values:
            try:
                a = np.asarray(values[p.name], dtype=float)
            except (TypeError, ValueError):
                raise GameError(f"values of parameter {p.name!r} are not numbers") from None
            if not np.all(np.isfinite(a)):
                raise GameError(f"values of parameter {p.name!r} are not all finite")
            arrays.append(a)
        else:
            arrays.append(np.float64(np.nan))  # not used by any condition evaluated
    try:
        shape = np.broadcast_shapes(*[a.shape for a in arrays]) if arrays else ()
    except ValueError:
        raise GameError(
            "parameter arrays do not broadcast together: " + ", ".join(f"{p.name}{a.shape}" for p, a in zip(params, arrays))
        ) from None
    return arrays, shape


def evaluate(conditions: Any, tol: float = DEFAULT_TOL, **param_arrays: Any) -> Any:
    """Evaluate conditions on numpy parameter arrays (broadcast together).

    Weak inequalities hold within ``tol``; strict ones need a margin above ``tol``.

    Parameters
    ----------
    conditions
        A sympy relation/boolean, a list of them (a conjunction), a dict key -> list (as
        returned by ``conditions()``), or a string such as ``"a >= 1/2"`` (read by the
        whitelist parser, never by ``sympify``).
    tol : float
        Tolerance of the comparisons (default ``DEFAULT_TOL`` = 1e-9).
    **param_arrays
        Values of every free symbol, by name.

    Returns
    -------
    numpy.ndarray or dict
        A bool array, or a dict key -> bool array for a dict of conditions.

    Raises
    ------
    GameError
        A free symbol without values, or a refused expression string.

    References
    ----------
    Meurer, A. et al. (2017). SymPy. PeerJ CS 3 (``lambdify``).

    Examples
    --------
    >>> import numpy as np
    >>> from gametheory.symbolic import evaluate
    >>> evaluate("a >= 1/2", a=np.array([0.25, 0.75])).tolist()
    [False, True]
    """
    conditions = _parsed(conditions)
    if isinstance(conditions, Mapping):
        syms = set().union(*[_free(c) for c in conditions.values()]) if conditions else set()
        params = sorted(syms, key=lambda s: s.name)
        comp = _Compiler(params)
        arrays, shape = _param_arrays(params, param_arrays)
        comp.precompute([r for v in conditions.values() for r in _relations(v)], arrays, shape)
        memo: dict = {}
        return {k: _conj(comp, v, arrays, shape, tol, memo) for k, v in conditions.items()}
    params = sorted(_free(conditions), key=lambda s: s.name)
    comp = _Compiler(params)
    extra = {k: v for k, v in param_arrays.items() if k in {p.name for p in params}}
    unknown = set(param_arrays) - set(extra)
    if unknown:
        raise GameError(f"the conditions do not use parameters {sorted(unknown)}; they use {[p.name for p in params]}")
    arrays, shape = _param_arrays(params, extra)
    return _conj(comp, conditions, arrays, shape, tol)


def _parsed(cond: Any) -> Any:
    """String conditions (anywhere in a dict or list) parsed safely; anything else unchanged."""
    if isinstance(cond, str):
        return parse_relation(cond, "condition")
    if isinstance(cond, Mapping):
        return {k: _parsed(v) for k, v in cond.items()}
    if isinstance(cond, (list, tuple)):
        return [_parsed(c) for c in cond]
    return cond


def _free(cond: Any) -> set:
    out: set = set()
    for r in _relations(cond):
        if isinstance(r, sympy.Basic):
            out |= r.free_symbols
    return out


def _conj(comp: _Compiler, cond: Any, arrays: list, shape: tuple, tol: float, memo: dict | None = None) -> np.ndarray:
    """Conjunction of conditions; ``memo`` shares each condition's mask across candidates."""
    out = np.ones(shape, dtype=bool)
    for r in _relations(cond):
        r = sympy.sympify(r, strict=True)  # strings were parsed by _parsed; never eval one here
        if memo is None:
            out &= comp.eval(r, arrays, shape, tol)
            continue
        m = memo.get(r)
        if m is None:
            m = memo[r] = comp.eval(r, arrays, shape, tol)
        out &= m
    return out
