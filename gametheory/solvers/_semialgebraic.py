"""Exact analysis of a positive-dimensional polynomial system under strict inequalities.

Used by :mod:`gametheory.solvers.polynomial` for a degenerate stratum (a support whose
indifference equations leave a positive-dimensional solution set).  The set studied is

    F = {x : e(x) = 0 for every equation e,  g(x) > 0 for every strict condition g}

(in the solver: indifference equations; positive support probabilities and strictly
inferior strategies outside the best-response sets).

Decomposition.  Equations are eliminated one variable at a time by exact linear
substitution: an equation ``c x + d`` of degree one in ``x`` splits the set into the
branch ``c != 0`` (``x = -d / c``, a rational function of the other unknowns) and the
branch ``c = 0, d = 0``; factors already known to be nonzero on ``F`` (factors of a
strict condition or of a side condition ``c != 0``) are divided out of every equation,
and an equation that factors splits into one branch per factor.  This is a triangular
decomposition in the sense of Wu/Ritt, restricted to linear pivots, in exact rational
arithmetic.  Each leaf is either

* a *parametric* leaf: every unknown is a rational function of the free unknowns, on the
  open set where the side conditions are nonzero;
* a *zero-dimensional* leaf: equations with finitely many complex solutions (Groebner
  basis), whose real points the caller finds exactly; or
* an *unresolved* leaf: equations of degree two or more in every unknown that are not
  zero-dimensional.  The caller reports that it is not complete.

Every point of ``F`` lies on some leaf.  On a parametric leaf ``F`` is an open subset of
the space of free unknowns, so it has no isolated points, and (being bounded, as all
unknowns are probabilities) each of its components reaches a boundary point where a
strict condition or a side condition vanishes.

Sample points.  Whether a parametric leaf meets ``F`` is decided by an open cylindrical
algebraic decomposition (Collins 1975) with the projection of leading coefficients,
discriminants and resultants, which suffices for the full-dimensional cells
(Strzebonski 2000, "Solving systems of strict polynomial inequalities", J. Symbolic
Computation 29): a rational sample point of every open cell is tested exactly, so an
empty answer is a proof and a non-empty one an exact witness.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import sympy as sp

__all__ = ["Leaf", "Decomposition", "decompose", "open_sample"]

#: Branches explored per system before giving up (the caller then reports incompleteness).
MAX_NODES = 400
#: Open cells examined per sample-point search before giving up.
MAX_CELLS = 20000


@dataclass
class Leaf:
    """One piece of the decomposition: ``values`` gives every eliminated unknown as a
    rational function of ``free``; ``side`` are polynomials nonzero on the piece."""

    values: dict
    free: list
    side: list


@dataclass
class Decomposition:
    leaves: list = field(default_factory=list)  # parametric leaves (Leaf)
    zero_dim: list = field(default_factory=list)  # (groebner basis, unknowns, Leaf)
    resolved: bool = True  # False when an unresolved leaf or the node limit was met


class _Budget(Exception):
    pass


def _nonzero_factors(exprs, xs) -> set:
    """Irreducible factors (monic up to sign) of polynomials known to be nonzero."""
    out = set()
    for e in exprs:
        for f, _ in sp.factor_list(sp.numer(sp.together(e)), *xs)[1] if xs else []:
            out.add(_normal(f, xs))
        for f, _ in sp.factor_list(sp.denom(sp.together(e)), *xs)[1] if xs else []:
            out.add(_normal(f, xs))
    return out


def _normal(f, xs):
    """A canonical representative of ``f`` up to a nonzero constant factor."""
    p = sp.Poly(f, *xs)
    return (p.monic() if p.LC() != 0 else p).as_expr()


def decompose(eqs: list, xs: list, strict: list, max_nodes: int = MAX_NODES) -> Decomposition:
    """Split ``{eqs = 0, strict > 0}`` into leaves (see the module docstring)."""
    out = Decomposition()
    stack: list[tuple[list, dict, list]] = [(list(eqs), {}, [])]
    nodes = 0
    while stack:
        eqs_, subs, side = stack.pop()
        nodes += 1
        if nodes > max_nodes:
            out.resolved = False
            return out
        free = [x for x in xs if x not in subs]
        side = [sp.together(c.xreplace(subs)) for c in side]
        nonzero = _nonzero_factors([sp.together(g.xreplace(subs)) for g in strict] + side, free)
        red: list = []
        empty = False
        split = None
        for e in eqs_:
            num = sp.expand(sp.numer(sp.together(e.xreplace(subs))))
            if num == 0:
                continue
            if num.is_number or not free:
                empty = True
                break
            factors = [f for f, _ in sp.factor_list(num, *free)[1] if _normal(f, free) not in nonzero]
            if not factors:  # a product of factors that cannot vanish on the set
                empty = True
                break
            if len(factors) > 1 and split is None:
                split = (len(red), factors)
            red.append(sp.expand(sp.Mul(*factors)))
        if empty:
            continue
        if split is not None:
            k, factors = split
            for f in factors:
                stack.append((red[:k] + [f] + red[k + 1 :], subs, side))
            continue
        if not red:
            out.leaves.append(Leaf(dict(subs), free, list(side)))
            continue
        pivot = _pivot(red, free)
        if pivot is None:
            G = sp.groebner(red, *free, order="grevlex")
            if list(G.exprs) == [1]:
                continue
            if G.is_zero_dimensional:
                out.zero_dim.append((G, free, Leaf(dict(subs), free, list(side))))
            else:
                out.resolved = False
            continue
        e, x, c, d = pivot
        rest = [r for r in red if r is not e]
        value = sp.cancel(-d / c)
        new_subs = {k: sp.cancel(v.xreplace({x: value})) for k, v in subs.items()}
        new_subs[x] = value
        if c.is_number:
            stack.append((rest, new_subs, side))
        else:
            stack.append((rest + [c, d], subs, side))  # c = 0 (then d = 0)
            stack.append((rest, new_subs, side + [c]))
    return out


def _pivot(red: list, free: list):
    """An equation of degree one in some unknown, preferring a constant coefficient."""
    best = None
    for e in red:
        for x in free:
            p = sp.Poly(e, x)
            if p.degree() != 1:
                continue
            c = p.coeff_monomial(x)
            d = p.coeff_monomial(1)
            c = c.as_expr() if hasattr(c, "as_expr") else c
            d = d.as_expr() if hasattr(d, "as_expr") else d
            cost = 0 if sp.sympify(c).is_number else sp.Poly(c, *free).total_degree()
            if best is None or cost < best[0]:
                best = (cost, (e, x, sp.sympify(c), sp.sympify(d)))
                if cost == 0:
                    return best[1]
    return None if best is None else best[1]


def leaf_conditions(leaf: Leaf, strict: list) -> tuple[list, list]:
    """The leaf's strict conditions as polynomials in its free unknowns (``N * D > 0`` for
    ``g = N / D``) and the polynomials that must not vanish (side conditions, denominators)."""
    positive, nonzero = [], [sp.numer(sp.together(c.xreplace(leaf.values))) for c in leaf.side]
    for g in strict:
        r = sp.together(g.xreplace(leaf.values))
        n, dd = sp.numer(r), sp.denom(r)
        positive.append(sp.expand(n * dd))
        if not dd.is_number:
            nonzero.append(dd)
    for v in leaf.values.values():
        dd = sp.denom(sp.together(v))
        if not dd.is_number:
            nonzero.append(dd)
    return positive, nonzero


def open_sample(positive: list, nonzero: list, xs: list) -> dict | None:
    """A rational point where every ``positive`` polynomial is > 0 and every ``nonzero``
    one is != 0, or None when there is none (decided exactly by an open CAD).

    Raises ``_Budget`` (caught by callers) when more than ``MAX_CELLS`` cells are needed.
    """
    for p in positive:
        if sp.sympify(p).is_number and not sp.sympify(p) > 0:
            return None
    polys = [p for p in positive + nonzero if not sp.sympify(p).is_number]
    if not xs:
        return {} if all(sp.sympify(p) > 0 for p in positive) else None
    count = [0]
    for pt in _cells(polys, list(xs), count):
        if all(sp.sympify(p).xreplace(pt) > 0 for p in positive) and all(
            sp.sympify(q).xreplace(pt) != 0 for q in nonzero
        ):
            return pt
    return None


def _cells(polys: list, xs: list, count: list):
    """Rational sample points, one in each open cell of an open CAD of ``polys``."""
    if not xs:
        yield {}
        return
    x, base = xs[-1], xs[:-1]
    factors: set = set()
    for p in polys:
        if sp.sympify(p).is_number:
            continue
        for f, _ in sp.factor_list(p, *xs)[1]:
            if not sp.sympify(f).is_number:
                factors.add(_normal(f, xs))
    with_x = [sp.Poly(f, x) for f in factors if sp.Poly(f, x).degree() > 0]
    proj = [f for f in factors if sp.Poly(f, x).degree() == 0]
    for p in with_x:
        proj.append(p.LC())
        if p.degree() >= 2:
            proj.append(sp.discriminant(p.as_expr(), x))
    for p, q in itertools.combinations(with_x, 2):
        proj.append(sp.resultant(p.as_expr(), q.as_expr(), x))
    proj = [sp.expand(q) for q in proj if not sp.sympify(q).is_number]
    for s in _cells(proj, base, count):
        uni = [sp.Poly(p.as_expr().xreplace(s), x) for p in with_x]
        for q in _between_roots([u for u in uni if u.degree() > 0], x):
            count[0] += 1
            if count[0] > MAX_CELLS:
                raise _Budget
            yield {**s, x: q}


def _between_roots(uni: list, x) -> list:
    """A rational point in each open interval cut out by the real roots of ``uni``."""
    if not uni:
        return [sp.Integer(0)]
    sq = sp.Poly(sp.Mul(*[u.as_expr() for u in uni]), x, domain="QQ").sqf_part()
    eps = None
    for _ in range(60):
        # sympy's isolating intervals are open (or a single rational root); refine until
        # the gap between neighbours is a proper interval free of roots
        ivs = sorted((sp.Rational(a), sp.Rational(b)) for (a, b), _ in sq.intervals(eps=eps))
        if not ivs:
            return [sp.Integer(0)]
        pts = [ivs[0][0] - 1]
        pts += [(b0 + a1) / 2 for (_, b0), (a1, _) in zip(ivs, ivs[1:])]
        pts.append(ivs[-1][1] + 1)
        if all(b0 < a1 for (_, b0), (a1, _) in zip(ivs, ivs[1:])) and all(sq.eval(q) != 0 for q in pts):
            return pts
        width = min((b - a for a, b in ivs if b > a), default=sp.Integer(1))
        eps = width / 4
    raise _Budget  # pragma: no cover - refinement always separates distinct roots


Budget = _Budget
