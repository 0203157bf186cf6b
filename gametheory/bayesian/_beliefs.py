"""Sets of receiver beliefs that make an action a best response (private helper of bayesian.py).

After a message ``m`` the receiver holds a belief ``mu`` over the sender's types.
Action ``a`` is a best response to ``mu`` iff for every other action ``b``

    sum_t mu(t) * (v(t, m, a) - v(t, m, b)) >= 0,

so the set of beliefs supporting ``a`` is a convex polytope in the simplex
(Fudenberg & Tirole 1991, ch. 8; Mas-Colell, Whinston & Green 1995, 13.C).
For two types it is an interval of the probability of the first type, computed
exactly.  For more types, exact games get the exact vertices of the polytope by
enumerating tight constraint sets with Fraction arithmetic (small polytopes) and
otherwise a feasible point from ``scipy.optimize.linprog``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

__all__ = ["BeliefSet", "belief_set"]

# Above this many tight-constraint combinations the exact vertex enumeration
# gives way to one linprog feasibility problem.
_MAX_VERTEX_COMBINATIONS = 20000


def _solve_exact(a: list[list[Fraction]], b: list[Fraction]) -> list[Fraction] | None:
    """Solve a square linear system exactly; None when it is singular."""
    n = len(a)
    m = [row[:] + [rhs] for row, rhs in zip(a, b)]
    for col in range(n):
        piv = next((r for r in range(col, n) if m[r][col] != 0), None)
        if piv is None:
            return None
        m[col], m[piv] = m[piv], m[col]
        p = m[col][col]
        m[col] = [x / p for x in m[col]]
        for r in range(n):
            if r != col and m[r][col] != 0:
                f = m[r][col]
                m[r] = [x - f * y for x, y in zip(m[r], m[col])]
    return [m[r][n] for r in range(n)]


@dataclass(frozen=True, eq=False)
class BeliefSet:
    """The beliefs over ``support`` under which ``action`` is a best response to ``message``.

    Attributes
    ----------
    message, action
        The (off-path) message and the receiver action it supports.
    types
        All sender types of the game (beliefs are dicts over them).
    support
        The types the belief may put weight on (all types unless restricted,
        as in the intuitive criterion).
    inequalities
        One ``(coefficients, beaten_action)`` pair per other action ``b``: the
        belief must satisfy ``sum_t coefficients[t] * mu(t) >= 0`` (coefficients
        are ``v(t, m, action) - v(t, m, b)``), besides ``mu >= 0`` and ``sum mu = 1``.
    point
        One belief in the set (dict type -> probability; exact for exact games), or
        None when the set is empty.  It is the centroid of the vertices when they
        are known, so it lies in the relative interior.
    interval
        Two-type support only: ``(lo, hi)``, the range of the probability of
        ``support[0]``; None when empty or when the support has another size.
    vertices
        The vertices (dicts) when they were enumerated exactly, else None.
    exact
        Whether the computation was exact.

    References
    ----------
    Fudenberg, D. & Tirole, J. (1991). Game Theory, 8.2.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from gametheory.bayesian import belief_set
    >>> one, zero = Fraction(1), Fraction(0)
    >>> bs = belief_set("m", "a", ["t1", "t2"], ["a", "b"],
    ...                 {"t1": {"a": one, "b": zero}, "t2": {"a": zero, "b": one}})
    >>> bs.point
    {'t1': Fraction(3, 4), 't2': Fraction(1, 4)}
    """

    message: Any
    action: Any
    types: tuple
    support: tuple
    inequalities: tuple
    point: dict | None
    interval: tuple | None = None
    vertices: tuple | None = None
    exact: bool = True
    tol: float = 0.0
    method: str = field(default="exact")

    @property
    def is_empty(self) -> bool:
        return self.point is None

    def __bool__(self) -> bool:
        return self.point is not None

    def contains(self, belief: dict) -> bool:
        """Whether a belief (dict type -> probability) lies in the set (within ``tol`` for floats)."""
        if any(belief.get(t, 0) != 0 for t in self.types if t not in self.support):
            return False
        if any(belief.get(t, 0) < -self.tol for t in self.support):
            return False
        if abs(sum(belief.get(t, 0) for t in self.support) - 1) > self.tol:
            return False
        for coeffs, _ in self.inequalities:
            if sum(coeffs[t] * belief.get(t, 0) for t in self.support) < -self.tol:
                return False
        return True

    def describe(self) -> str:
        """The set in words, e.g. ``P(strong) in [0, 1/2]``."""
        if self.point is None:
            return "empty"
        if self.interval is not None:
            lo, hi = self.interval
            return f"P({self.support[0]}) in [{lo}, {hi}]"
        if len(self.support) == 1:
            return f"P({self.support[0]}) = 1"
        terms = []
        for coeffs, beaten in self.inequalities:
            lhs = " + ".join(f"{coeffs[t]}*P({t})" for t in self.support if coeffs[t] != 0) or "0"
            terms.append(f"{lhs} >= 0 (vs {beaten})")
        return "; ".join(terms) if terms else "any belief"

    def __repr__(self) -> str:
        return f"BeliefSet({self.message!r} -> {self.action!r}: {self.describe()})"


def belief_set(
    message: Any,
    action: Any,
    types: Sequence[Any],
    actions: Sequence[Any],
    values: dict,
    support: Sequence[Any] | None = None,
    exact: bool = True,
    tol: float = 0.0,
) -> BeliefSet:
    """The polytope of beliefs over ``support`` that make ``action`` a best reply to ``message``.

    Parameters
    ----------
    message, action
        The (off-path) message and the receiver action.
    types : sequence
        All sender types.
    actions : sequence
        All receiver actions.
    values : dict
        ``values[t][a]``: the receiver's payoff from action ``a`` after ``message`` when
        the sender's type is ``t``.
    support : sequence, optional
        The types the belief may weigh (default: all).
    exact : bool
        Compute in Fractions (default).
    tol : float
        Tolerance of a float computation.

    Returns
    -------
    BeliefSet
        ``point`` (one belief in the set), ``interval`` (two types), ``vertices``.

    References
    ----------
    Fudenberg, D. & Tirole, J. (1991). Game Theory, 8.2.

    Examples
    --------
    Action ``a`` is a best reply once type ``t1`` has probability at least 1/2:

    >>> from fractions import Fraction
    >>> from gametheory.bayesian import belief_set
    >>> one, zero = Fraction(1), Fraction(0)
    >>> bs = belief_set("m", "a", ["t1", "t2"], ["a", "b"],
    ...                 {"t1": {"a": one, "b": zero}, "t2": {"a": zero, "b": one}})
    >>> bs.interval
    (Fraction(1, 2), Fraction(1, 1))
    """
    types = tuple(types)
    support = tuple(types if support is None else support)
    ineqs = []
    for b in actions:
        if b == action:
            continue
        coeffs = {t: values[t][action] - values[t][b] for t in support}
        if all(c == 0 for c in coeffs.values()):
            continue  # b ties with action at every belief; no restriction
        ineqs.append((coeffs, b))
    ineqs_t = tuple(ineqs)
    zero = Fraction(0) if exact else 0.0
    one = Fraction(1) if exact else 1.0

    def full(partial: dict) -> dict:
        return {t: partial.get(t, zero) for t in types}

    def make(point, interval=None, vertices=None, method="exact"):
        return BeliefSet(message, action, types, support, ineqs_t, point, interval, vertices, exact, tol, method)

    if not support:
        return make(None)
    if len(support) == 1:
        t = support[0]
        ok = all(c[t] >= -tol for c, _ in ineqs)
        return make(full({t: one}) if ok else None, None, (full({t: one}),) if ok else None)
    if len(support) == 2:
        t1, t2 = support
        lo, hi = zero, one
        # c1*x + c2*(1-x) >= 0  <=>  (c1 - c2) x >= -c2
        for c, _ in ineqs:
            k, r = c[t1] - c[t2], -c[t2]
            if (k > tol) if not exact else (k > 0):
                lo = max(lo, r / k)
            elif (k < -tol) if not exact else (k < 0):
                hi = min(hi, r / k)
            elif r > tol:
                return make(None)
        if lo > hi + tol:
            return make(None)
        if lo > hi:  # float rounding: collapse to a point
            lo = hi = (lo + hi) / 2
        mid = (lo + hi) / 2
        verts = (full({t1: lo, t2: one - lo}),) if lo == hi else (full({t1: lo, t2: one - lo}), full({t1: hi, t2: one - hi}))
        return make(full({t1: mid, t2: one - mid}), (lo, hi), verts)
    k = len(support)
    rows = [([c[t] for t in support], b) for c, b in ineqs]
    # nonnegativity mu_t >= 0 as rows too
    rows += [([one if j == i else zero for j in range(k)], None) for i in range(k)]
    n_combos = _n_choose(len(rows), k - 1)
    if exact and n_combos <= _MAX_VERTEX_COMBINATIONS:
        verts: list[tuple] = []
        seen = set()
        for combo in itertools.combinations(range(len(rows)), k - 1):
            a = [rows[r][0] for r in combo] + [[one] * k]
            sol = _solve_exact(a, [zero] * (k - 1) + [one])
            if sol is None or any(x < 0 for x in sol):
                continue
            if any(sum(ci * x for ci, x in zip(rows[r][0], sol)) < 0 for r in range(len(rows))):
                continue
            key = tuple(sol)
            if key not in seen:
                seen.add(key)
                verts.append(key)
        if not verts:
            return make(None)
        centroid = [sum(v[j] for v in verts) / len(verts) for j in range(k)]
        return make(
            full(dict(zip(support, centroid))),
            None,
            tuple(full(dict(zip(support, v))) for v in verts),
        )
    return _linprog_point(make, full, support, ineqs, exact, tol)


def _n_choose(n: int, r: int) -> int:
    from math import comb

    return comb(n, r) if 0 <= r <= n else 0


def _linprog_point(make, full, support, ineqs, exact, tol):
    """A feasible belief from scipy's HiGHS LP (maximizing the smallest slack)."""
    from scipy.optimize import linprog

    k = len(support)
    # variables: mu (k) and slack s; maximize s subject to C mu >= s, mu >= s... capped at s <= 1
    a_ub = [[-float(c[t]) for t in support] + [1.0] for c, _ in ineqs]
    a_ub += [[-1.0 if j == i else 0.0 for j in range(k)] + [0.0] for i in range(k)]
    b_ub = [0.0] * len(a_ub)
    a_eq = [[1.0] * k + [0.0]]
    res = linprog(
        c=[0.0] * k + [-1.0],
        A_ub=np.array(a_ub),
        b_ub=np.array(b_ub),
        A_eq=np.array(a_eq),
        b_eq=np.array([1.0]),
        bounds=[(0, 1)] * k + [(None, 1)],
        method="highs",
    )
    if res.status != 0:
        return make(None, method="linprog")
    slack = -res.fun
    scale = max([1.0] + [abs(float(c[t])) for c, _ in ineqs for t in support])
    if slack < -max(tol, 1e-9 * scale):
        return make(None, method="linprog")
    mu = np.clip(res.x[:k], 0.0, None)
    mu = mu / mu.sum()
    if exact:
        # rational approximation, kept only if it verifies exactly
        fr = [Fraction(float(x)).limit_denominator(10**6) for x in mu]
        fr[-1] = 1 - sum(fr[:-1])
        if fr[-1] >= 0 and all(sum(c[t] * x for t, x in zip(support, fr)) >= 0 for c, _ in ineqs):
            return make(full(dict(zip(support, fr))), method="linprog")
        return make(full(dict(zip(support, [float(x) for x in mu]))), method="linprog")
    return make(full(dict(zip(support, [float(x) for x in mu]))), method="linprog")
