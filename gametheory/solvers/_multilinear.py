"""Exact real solutions of one support profile's indifference system, by resultants in
python-flint (Flint's C polynomial arithmetic), for :mod:`gametheory.solvers.polynomial`.

Unknowns: ``x_(j,t) = p_j(S_j[t])`` for ``t < |S_j| - 1``; the last support strategy
gets ``1 - sum_t x_(j,t)``.  Player ``i``'s equations ``u_i(k, p) - u_i(S_i[0], p) = 0``
(``k`` in ``S_i``) are multilinear, with integer coefficients (payoffs scaled to
integers, which keeps every equilibrium).

Eliminants.  For every unknown ``z`` the others are eliminated by resultants (Sylvester
1840; Cox, Little & O'Shea, *Ideals, Varieties, and Algorithms*, ch. 3): ``res_x(f, g)``
lies in the ideal of ``f`` and ``g``, so the final univariate polynomial ``h_z``
vanishes at the ``z``-coordinate of every complex solution.  When every ``h_z`` is a
nonzero polynomial the system has finitely many complex solutions and each real one is
a point of the grid of real roots of the ``h_z``; otherwise (``None``) the caller solves
the system by Groebner bases and its degenerate-support analysis.

Roots.  ``h_z`` is factored over the integers; a linear factor gives a rational root
(exact), the others are isolated by Flint's certified complex root finder (Arb balls;
real roots have an exactly zero imaginary part).  A grid point is kept while every
equation whose unknowns are all fixed has a ball containing zero, so no solution is
ever dropped (the balls are rigorous).  Surviving points are returned with their exact
coordinates (a Fraction or an irreducible factor with a real-root index), to be checked
exactly (rational points) or at high precision (irrational points) by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import flint
import numpy as np

__all__ = ["Root", "SupportSystem", "solve_support"]

#: Bits of the root balls used to screen the grid; the caller re-checks at FINAL_PREC.
SCREEN_PREC = 96
FINAL_PREC = 320
#: Grid points examined per support before giving up (the caller then uses Groebner bases).
MAX_GRID = 200000


@dataclass(frozen=True)
class Root:
    """A real root of ``poly`` (irreducible over the integers): the rational value, or
    the index among its real roots in increasing order (sympy's ``CRootOf`` index)."""

    poly: Any  # flint.fmpz_poly
    index: int
    rational: Fraction | None

    def ball(self, prec: int):
        if self.rational is not None:
            return flint.arb(flint.fmpq(self.rational.numerator, self.rational.denominator))
        return _real_roots(self.poly, prec)[self.index]


_ROOT_CACHE: dict = {}


def _real_roots(poly, prec: int) -> list:
    key = (str(poly), prec)
    got = _ROOT_CACHE.get(key)
    if got is None:
        old = flint.ctx.prec
        flint.ctx.prec = prec
        try:
            got = sorted((c.real for c, _ in poly.complex_roots() if c.imag.is_zero()), key=lambda b: float(b.mid()))
        finally:
            flint.ctx.prec = old
        if len(_ROOT_CACHE) > 4096:
            _ROOT_CACHE.clear()
        _ROOT_CACHE[key] = got
    return got


@dataclass
class SupportSystem:
    """The indifference equations of one support profile as integer polynomials."""

    supp: tuple
    owner: list  # player of each unknown
    equations: list  # (player, [(coef, exponent tuple)]) per equation
    polys: list  # flint.fmpz_mpoly per equation (nonzero ones)
    ctx: Any


def build_system(int_arrays: list, supp: tuple) -> SupportSystem | None:
    """The system of ``supp``; None when some equation is a nonzero constant (no solution)."""
    n = len(supp)
    owner: list[int] = []
    offset = []
    for j, s in enumerate(supp):
        offset.append(len(owner))
        owner.extend([j] * (len(s) - 1))
    m = len(owner)
    ctx = flint.fmpz_mpoly_ctx.get(tuple(f"x{k}" for k in range(m)) if m else ("x0",), "lex")
    equations, polys = [], []
    for i in range(n):
        rest = [j for j in range(n) if j != i]
        sub = int_arrays[i][np.ix_(*[list(s) for s in supp])]
        sub = np.moveaxis(sub, i, 0)
        for k in range(1, len(supp[i])):
            coef = np.asarray(sub[k] - sub[0], dtype=object)
            for ax in range(coef.ndim):
                # p = (1 - sum x, x...) on axis ax: coefficients of 1 and of each x_t
                last = np.take(coef, [-1], axis=ax)
                coef = np.concatenate([last, np.take(coef, range(coef.shape[ax] - 1), axis=ax) - last], axis=ax)
            terms = []
            for idx in zip(*np.nonzero(coef != 0)) if coef.ndim else ([()] if coef != 0 else []):
                exp = [0] * max(m, 1)
                for ax, j in enumerate(rest):
                    if idx[ax]:
                        exp[offset[j] + idx[ax] - 1] = 1
                terms.append((int(coef[idx]), tuple(exp)))
            if not terms:
                continue
            if all(not any(e) for _, e in terms):
                return None  # a nonzero constant: inconsistent
            equations.append((i, terms))
            polys.append(ctx.from_dict({e: c for c, e in terms}))
    return SupportSystem(supp, owner, equations, polys, ctx)


def _eliminant(polys: list, z: int, m: int, ctx) -> Any | None:
    """A nonzero univariate integer polynomial vanishing at every solution's ``x_z``, or None."""
    names = ctx.names()
    cur = list(polys)
    todo = [x for x in range(m) if x != z]
    while todo:
        occurs = {x: [p for p in cur if p.degrees()[x] > 0] for x in todo}
        todo_with = [x for x in todo if occurs[x]]
        if not todo_with:
            break
        x = min(todo_with, key=lambda v: (len(occurs[v]), min(len(p) for p in occurs[v])))
        todo.remove(x)
        with_x = occurs[x]
        # a single equation in x only fixes x: the others' solutions contain the projection
        piv = min(with_x, key=lambda p: (p.degrees()[x], len(p)))
        nxt = [p for p in cur if p.degrees()[x] == 0]
        for g in with_x:
            if g is piv:
                continue
            r = piv.resultant(g, names[x])
            if r.is_zero():
                continue
            if r.is_constant():
                return flint.fmpz_poly([1])  # no solution at all
            nxt.append(_radical(r))
        cur = nxt
    uni = [p for p in cur if not p.is_zero()]
    if not uni:
        return None
    h = None
    for p in uni:
        degs = p.degrees()
        if any(d for k, d in enumerate(degs) if k != z):
            return None  # pragma: no cover - every other unknown was eliminated
        coeffs = [0] * (degs[z] + 1)
        for e, c in p.to_dict().items():
            coeffs[e[z]] = int(c)
        q = flint.fmpz_poly(coeffs)
        h = q if h is None else h.gcd(q)
    return h


def _radical(p):
    """The product of the distinct irreducible factors of ``p`` (same zeros, lower degree)."""
    _, factors = p.factor_squarefree()
    out = None
    for f, _ in factors:
        out = f if out is None else out * f
    return out if out is not None else p


def _roots_in_unit_interval(h) -> list[Root]:
    out = []
    _, factors = h.factor()
    for f, _ in factors:
        if f.degree() == 1:
            a, b = int(f.coeffs()[1]), int(f.coeffs()[0])
            r = Fraction(-b, a)
            if 0 < r < 1:
                out.append(Root(f, 0, r))
            continue
        for idx, ball in enumerate(_real_roots(f, SCREEN_PREC)):
            if ball.upper() > 0 and ball.lower() < 1:
                out.append(Root(f, idx, None))
    return out


def _evaluate(terms, vals: list) -> Any:
    total = flint.arb(0)
    for c, e in terms:
        t = flint.arb(c)
        for k, p in enumerate(e):
            if p:
                t = t * vals[k] if p == 1 else t * vals[k] ** p
        total += t
    return total


def solve_support(system: SupportSystem) -> list[list[Root]] | None:
    """The real solutions of ``system`` with every free unknown in (0, 1) (a superset:
    points whose equations vanish at ``SCREEN_PREC`` bits), each a list of :class:`Root`
    per unknown; None when the system is not shown zero-dimensional this way."""
    m = len(system.owner)
    if m == 0:
        return [[]] if not system.polys else []
    if len(system.polys) < m:
        return None
    roots = []
    for z in range(m):
        h = _eliminant(system.polys, z, m, system.ctx)
        if h is None or h.is_zero():
            return None
        if h.degree() == 0:
            return []
        rz = _roots_in_unit_interval(h)
        if not rz:
            return []
        roots.append(rz)
    # fix the unknowns one at a time; check each equation once all its unknowns are fixed
    used = [frozenset(k for _, e in terms for k, p in enumerate(e) if p) for _, terms in system.equations]
    ready = [[q for q, u in enumerate(used) if u and max(u) == z] for z in range(m)]
    budget = [MAX_GRID]
    out: list[list[Root]] = []
    balls: list = [None] * m

    def extend(z: int, chosen: list[Root]) -> bool:
        if z == m:
            out.append(list(chosen))
            return True
        for r in roots[z]:
            budget[0] -= 1
            if budget[0] < 0:
                return False
            balls[z] = r.ball(SCREEN_PREC)
            # a player's free probabilities sum to less than one
            j = system.owner[z]
            mass = sum((balls[k] for k in range(z + 1) if system.owner[k] == j), flint.arb(0))
            if mass.lower() >= 1:
                continue
            if all(_evaluate(system.equations[q][1], balls).contains(0) for q in ready[z]):
                chosen.append(r)
                ok = extend(z + 1, chosen)
                chosen.pop()
                if not ok:
                    return False
        return True

    if not extend(0, []):
        return None
    return out


def point_balls(point: list[Root], prec: int) -> list:
    return [r.ball(prec) for r in point]


def equations_vanish(system: SupportSystem, balls: list) -> bool:
    return all(_evaluate(terms, balls).contains(0) for _, terms in system.equations)
