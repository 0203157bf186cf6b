"""Region maps over a two-parameter grid and the shared base of the symbolic games (private
module; :class:`RegionMap` is re-exported by :mod:`gametheory.symbolic`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np
import sympy
from sympy.logic.boolalg import BooleanFalse, BooleanTrue

from ..errors import GameError
from ._evaluate import DEFAULT_TOL, _Compiler, _conj, _param_arrays
from ._parse import parse_value


@dataclass(frozen=True, eq=False)
class RegionMap:
    """Which equilibria hold at each point of a two-parameter grid.

    ``codes[j, k]`` (shape ``(len(y), len(x))``, as ``numpy.meshgrid`` and ``imshow`` lay
    it out) indexes ``regions``, the tuple of distinct equilibrium sets; ``labels`` is the
    same grid as strings (``"none"`` where no candidate is an equilibrium).
    ``numpy.asarray(region_map)`` gives ``labels``.  Made by ``region_map`` of the
    symbolic games.

    References
    ----------
    Snyder, G. & Diesing, P. (1977). Conflict Among Nations (parameter regions of crisis
    games).

    Examples
    --------
    >>> from gametheory.symbolic import SymbolicGame
    >>> g = SymbolicGame.from_bimatrix([["a", 0], [1, "b"]], [["a", 1], [0, "b"]], params=["a", "b"])
    >>> rm = g.region_map(("a", [0, 2]), ("b", [-1, 1]))
    >>> rm.labels.tolist()
    [['(s1, s2) & (s2, s1)', '(s1, s1)'], ['(s2, s2)', '(s1, s1) & (s2, s2)']]
    """

    x_name: str
    x: np.ndarray
    y_name: str
    y: np.ndarray
    codes: np.ndarray
    regions: tuple
    region_labels: tuple
    fixed: dict

    @property
    def labels(self) -> np.ndarray:
        return np.asarray(self.region_labels, dtype=object)[self.codes]

    @property
    def shape(self) -> tuple:
        return self.codes.shape

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        return self.labels if dtype is None else self.labels.astype(dtype)

    def counts(self) -> dict:
        """Number of grid points in each region, by label."""
        n = np.bincount(self.codes.ravel(), minlength=len(self.regions))
        return {lab: int(c) for lab, c in zip(self.region_labels, n)}


def _region_map(obj: "_Conditions", x: tuple, y: tuple, fixed: Mapping[str, Any] | None, tol: float) -> RegionMap:
    for name, arg in (("x", x), ("y", y)):
        if not (isinstance(arg, tuple) and len(arg) == 2 and isinstance(arg[0], str)):
            raise GameError(f"{name} must be a pair (parameter name, values); got {arg!r}")
    (xn, xv), (yn, yv) = x, y
    if xn == yn:
        raise GameError(f"x and y must be different parameters; both are {xn!r}")
    fixed = dict(fixed or {})
    for n in (xn, yn):
        if n in fixed:
            raise GameError(f"parameter {n!r} is both on an axis and fixed")
    xv = np.asarray(xv, dtype=float).ravel()
    yv = np.asarray(yv, dtype=float).ravel()
    if xv.size == 0 or yv.size == 0:
        raise GameError("the x and y value lists must not be empty")
    values = {xn: xv[None, :], yn: yv[:, None], **fixed}
    masks = obj.evaluate(tol=tol, **values)
    keys = list(masks)
    shape = (yv.size, xv.size)
    stack = np.stack([np.broadcast_to(masks[k], shape) for k in keys]) if keys else np.zeros((0,) + shape, bool)
    if len(keys) <= 62:
        code = np.zeros(shape, np.int64)
        for bit in range(len(keys)):
            code += stack[bit] * np.int64(1 << bit)
        if len(keys) <= 20:
            # small code space: a lookup table instead of sorting 10^6 codes
            present = np.flatnonzero(np.bincount(code.ravel(), minlength=1))
            lookup = np.zeros(1 << len(keys), np.int64)
            lookup[present] = np.arange(present.size)
            uniq, inv = present, lookup[code.ravel()]
        else:
            uniq, inv = np.unique(code.ravel(), return_inverse=True)
        regions = tuple(tuple(k for b, k in enumerate(keys) if (int(u) >> b) & 1) for u in uniq)
    else:
        packed = np.packbits(stack.reshape(len(keys), -1), axis=0).T.copy()
        rows = packed.view(np.dtype((np.void, packed.shape[1]))).ravel()
        uniq, first, inv = np.unique(rows, return_index=True, return_inverse=True)
        flat = stack.reshape(len(keys), -1)
        regions = tuple(tuple(k for b, k in enumerate(keys) if flat[b, f]) for f in first)
    labels = tuple(" & ".join(obj.label(k) for k in reg) if reg else "none" for reg in regions)
    return RegionMap(xn, xv, yn, yv, inv.reshape(shape), regions, labels, fixed)


class _Conditions:
    """Shared evaluation of a dict candidate -> list of conditions."""

    params: tuple
    _conds: dict | None = None

    def conditions(self) -> dict:
        raise NotImplementedError

    def label(self, key: Any) -> str:
        return str(key)

    def evaluate(self, tol: float = DEFAULT_TOL, **param_arrays: Any) -> dict:
        """dict candidate -> bool array: where its equilibrium conditions hold."""
        conds = self.conditions()
        distinct = list(dict.fromkeys(r for v in conds.values() for r in v))  # conditions repeat across candidates
        needed = set().union(*[r.free_symbols for r in distinct if isinstance(r, sympy.Basic)]) if distinct else set()
        arrays, shape = _param_arrays(self.params, param_arrays, needed=needed)
        comp = self._compiler()
        comp.precompute(distinct, arrays, shape)
        memo: dict = {}
        return {k: _conj(comp, v, arrays, shape, tol, memo) for k, v in conds.items()}

    def _compiler(self) -> _Compiler:
        if getattr(self, "_comp", None) is None:
            self._comp = _Compiler(self.params)
        return self._comp

    def equilibria_at(self, **values: Any) -> list:
        """The candidates whose conditions hold exactly at one parameter point (sympy substitution;
        floats are first converted to rationals by ``sympy.nsimplify``)."""
        subs = {}
        for p in self.params:
            if p.name not in values:
                raise GameError(f"a value is missing for parameter {p.name!r}")
            v = parse_value(values[p.name], f"the value of {p.name}")
            subs[p] = sympy.nsimplify(v, rational=True) if isinstance(v, float) else v
        unknown = set(values) - {p.name for p in self.params}
        if unknown:
            raise GameError(f"unknown parameters {sorted(unknown)}")
        memo: dict = {}

        def holds(c: Any) -> bool:
            if c not in memo:
                v = sympy.sympify(c, strict=True).xreplace(subs)  # rebuilding evaluates numeric relations exactly
                if not isinstance(v, (BooleanTrue, BooleanFalse)):
                    v = sympy.sympify(c, strict=True).subs(subs)
                memo[c] = bool(v)
            return memo[c]

        return [k for k, conds in self.conditions().items() if all(holds(c) for c in conds)]

    def region_map(self, x: tuple, y: tuple, fixed: Mapping[str, Any] | None = None, tol: float = DEFAULT_TOL) -> RegionMap:
        """Label each point of the ``x`` by ``y`` grid with the set of equilibria holding there.

        ``x=(name, values)``, ``y=(name, values)``, ``fixed={name: value}`` for the other
        parameters.  Fully vectorized (each condition is one numpy evaluation over the grid).
        """
        return _region_map(self, x, y, fixed, tol)
