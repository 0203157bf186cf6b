"""Components of small exact n-player games (the method is in :mod:`.components`).

Systems are written in the unknowns ``z{i}_{k}`` (player ``i``'s probability of strategy
``k``), the last strategy of each mixing player eliminated by its sum constraint (so that
equations such as ``(1 - 2 p) (1 - 2 q) = 0`` factor).  Polytope branches get their
vertices by exact enumeration of bases of their affine inequalities.
"""

from __future__ import annotations

import itertools
import warnings
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from ..equilibrium import Equilibria, Equilibrium, same_profile
from ..errors import SolverError
from ..normal_form import NormalFormGame
from ._bimatrix import DegenerateGameWarning
from ._component_sets import (
    Component,
    NashSubset,
    affine_rank,
    profile_equilibrium,
    satisfies,
    stratum_contains,
)

__all__ = ["n_player_components"]


class _Game:
    """The game's expected payoffs as polynomials in the unknowns ``z{i}_{k}``."""

    def __init__(self, game: NormalFormGame):
        self.game = game
        self.shape = game.shape
        self.z = [[sp.Symbol(f"z{i}_{k}") for k in range(m)] for i, m in enumerate(self.shape)]
        self.where = {self.z[i][k]: (i, k) for i, m in enumerate(self.shape) for k in range(m)}
        n = len(self.shape)
        self.u = []
        for i in range(n):
            arr = game.payoffs[i]
            row = []
            for k in range(self.shape[i]):
                total = sp.Integer(0)
                for cell in itertools.product(*(range(m) for m in self.shape)):
                    if cell[i] != k or arr[cell] == 0:
                        continue
                    v = Fraction(arr[cell])
                    term = sp.Rational(v.numerator, v.denominator)
                    for j in range(n):
                        if j != i:
                            term *= self.z[j][cell[j]]
                    total += term
                row.append(total)
            self.u.append(row)

    def system(self, S, B, extra=(), extra_ineqs=()):
        """``(unknowns, equations, inequalities, substitution)`` of ``E(S, B)``, ``extra = 0`` and
        ``extra_ineqs >= 0``, or None when some ``S_i`` is empty."""
        if any(not s for s in S):
            return None
        sub, xs = {}, []
        for i, m in enumerate(self.shape):
            for k in range(m):
                if k not in S[i]:
                    sub[self.z[i][k]] = sp.Integer(0)
            if len(S[i]) == 1:
                sub[self.z[i][S[i][0]]] = sp.Integer(1)
            else:
                free = [self.z[i][k] for k in S[i][:-1]]
                xs += free
                sub[self.z[i][S[i][-1]]] = 1 - sum(free)
        ineqs = [x for x in xs] + [sub[self.z[i][S[i][-1]]] for i in range(len(S)) if len(S[i]) > 1]
        eqs = [sp.expand(e.xreplace(sub)) for e in extra]
        ineqs += [sp.expand(g.xreplace(sub)) for g in extra_ineqs]
        for i in range(len(S)):
            u = [sp.expand(v.xreplace(sub)) for v in self.u[i]]
            b0 = B[i][0]
            eqs += [u[k] - u[b0] for k in B[i][1:]]
            ineqs += [u[b0] - u[l] for l in range(self.shape[i]) if l not in B[i]]
        return xs, [e for e in eqs if e != 0], [sp.expand(g) for g in ineqs], sub


def _branches(eqs: list, xs: list) -> list[list] | None:
    """One list of irreducible factors per choice of a factor of every equation (None: no solution)."""
    choices = []
    for e in eqs:
        if e.is_number:
            return None
        facs = [f for f, _ in sp.factor_list(e, *xs)[1]] if xs else []
        choices.append(facs)
    out, seen = [], set()
    for pick in itertools.product(*choices):
        key = frozenset(pick)
        if key not in seen:
            seen.add(key)
            out.append(list(key))
    return out


def _affine(e, xs) -> bool:
    return not xs or sp.Poly(e, *xs).total_degree() <= 1


#: At most this many sign cases of factored inequalities are split into polytopes per branch.
MAX_SIGN_CASES = 256


def _analyze(factors, ineqs, xs):
    """``("empty",)``, ``("polytopes", [(point dicts, case inequalities), ...])`` or ``("curved",)``
    for one branch.  An inequality that is a product of affine factors (odd powers) is split
    into its sign cases, each a polytope."""
    if not all(_affine(f, xs) for f in factors):
        # the branch's reduced Groebner basis may be inconsistent, finite (its points are
        # isolated equilibria, which the polynomial solver returned) or affine after all
        G = sp.groebner(factors, *xs, order="grevlex")
        if list(G.exprs) == [1] or G.is_zero_dimensional:
            return ("empty",)
        factors = list(G.exprs)
        if not all(_affine(f, xs) for f in factors):
            return ("curved",)
    if factors:
        sol = sp.linsolve(factors, xs)
        if sol == sp.EmptySet or not sol:
            return ("empty",)
        values = dict(zip(xs, next(iter(sol))))
    else:
        values = {x: x for x in xs}
    free = sorted(set().union(*(sp.sympify(v).free_symbols for v in values.values())) & set(xs), key=str)
    gs = [sp.expand(g.xreplace(values)) for g in ineqs]
    plain = [g for g in gs if _affine(g, free)]
    split = []
    for g in gs:
        if not _affine(g, free):
            cases = _sign_cases(g, free)
            if cases is None:
                return ("curved",)
            split.append(cases)
    if np.prod([len(c) for c in split], dtype=float) > MAX_SIGN_CASES:
        return ("curved",)
    out = []
    for combo in itertools.product(*split):
        extra = [h for case in combo for h in case]
        verts = _vertices(plain + extra, free)
        if verts:
            out.append(([{x: sp.sympify(v).xreplace(t) for x, v in values.items()} for t in verts], extra))
    return ("polytopes", out) if out else ("empty",)


def _sign_cases(g, free) -> list[list] | None:
    """``g >= 0`` as a union of systems of affine inequalities ``h >= 0``, one per sign
    pattern of its affine factors, or None when ``g`` is not such a product (odd powers only)."""
    c, facs = sp.factor_list(g, *free)
    if not facs or any(k % 2 == 0 or not _affine(f, free) for f, k in facs):
        return None
    want = 1 if c > 0 else -1
    cases = []
    for signs in itertools.product((1, -1), repeat=len(facs)):
        if int(np.prod(signs)) == want:
            cases.append([sp.expand(s * f) for s, (f, _) in zip(signs, facs)])
    return cases


def _vertices(gs, free) -> list[dict]:
    """Vertices of ``{t : g(t) >= 0 for every g}`` (affine ``g``, bounded), exactly."""
    rows = []
    for g in gs:
        p = sp.Poly(g, *free) if free else None
        a = [Fraction(str(p.coeff_monomial(x))) for x in free] if free else []
        b = Fraction(str(p.coeff_monomial(1) if free else g))
        rows.append((a, b))
    d = len(free)
    if d == 0:
        return [{}] if all(b >= 0 for _, b in rows) else []
    out, seen = [], set()
    for combo in itertools.combinations(range(len(rows)), d):
        t = _solve([rows[r][0] for r in combo], [-rows[r][1] for r in combo])
        if t is None or tuple(t) in seen:
            continue
        if all(sum(ai * ti for ai, ti in zip(a, t)) + b >= 0 for a, b in rows):
            seen.add(tuple(t))
            out.append({x: sp.Rational(v.numerator, v.denominator) for x, v in zip(free, t)})
    return out


def _solve(M: list[list[Fraction]], b: list[Fraction]) -> list[Fraction] | None:
    """The unique solution of ``M t = b`` over Fractions, or None when ``M`` is singular."""
    d = len(M)
    T = [list(r) + [v] for r, v in zip(M, b)]
    for c in range(d):
        p = next((r for r in range(c, d) if T[r][c] != 0), None)
        if p is None:
            return None
        T[c], T[p] = T[p], T[c]
        for r in range(d):
            if r != c and T[r][c] != 0:
                f = T[r][c] / T[c][c]
                T[r] = [a - f * w for a, w in zip(T[r], T[c])]
    return [T[r][d] / T[r][r] for r in range(d)]


def _profile_from(G: _Game, sub: dict, values: dict) -> tuple:
    full = {**{k: sp.sympify(v).xreplace(values) for k, v in sub.items()}, **values}
    out = []
    for i, m in enumerate(G.shape):
        out.append(tuple(Fraction(int(sp.Rational(full.get(G.z[i][k], 0)).p), int(sp.Rational(full.get(G.z[i][k], 0)).q))
                         for k in range(m)))
    return tuple(out)


def _in_point(game, point: Equilibrium):
    def contains(profile: Any, tol: float | None = None) -> bool:
        prof = profile.strategies if isinstance(profile, Equilibrium) else profile
        prof = game.check_profile(prof)
        exact = tol is None and point.exact and all(v.dtype == object for v in prof)
        return same_profile(point.strategies, [list(v) for v in prof], 0.0 if exact else (1e-9 if tol is None else tol))
    return contains


class _PointSubset(NashSubset):
    """A single equilibrium (an isolated one, or a point whose set was not resolved)."""

    def __init__(self, game: NormalFormGame, point: Equilibrium):
        supp = point.supports
        super().__init__(game, supp, supp, vertices=(point.strategies,), extreme_points=[point], dimension=0,
                         sample=point.strategies)
        self.point = point

    def contains(self, profile: Any, tol: float | None = None) -> bool:
        return _in_point(self.game, self.point)(profile, tol)


def n_player_components(game: NormalFormGame, eqs: Equilibria) -> list[Component]:
    """Components of a small exact n-player game (see :mod:`.components`)."""
    from .polynomial import ContinuumWarning, enumerable, polynomial_equilibria

    if not enumerable(game.shape):
        raise SolverError(f"components: a {'x'.join(map(str, game.shape))} game has too many support profiles to enumerate")
    if eqs.method == "polynomial" and eqs.complete:
        pts = list(eqs)
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", (ContinuumWarning, DegenerateGameWarning))
            pts = list(polynomial_equilibria(game, limit=None))
    if any(e.params.get("complete") is False for e in pts):
        raise SolverError("components: the polynomial solver could not resolve every support, so the "
                          "equilibrium set is not known completely")
    G = _Game(game)
    pieces: list[NashSubset] = []
    seen: set = set()
    for T in itertools.product(*(_nonempty(m) for m in game.shape)):
        if not any(_holds(game, e, T, T) for e in pts):
            continue  # E(T, T) meets every stratum it contains in a returned point
        xs, eqs_T, ineqs, sub = G.system(T, T)
        for factors in _branches(eqs_T, xs) or []:
            res = _analyze(factors, ineqs, xs)
            if res[0] == "empty":
                continue
            symbols = [(x, *G.where[x]) for x in xs]
            if res[0] == "polytopes":
                for points, case in res[1]:
                    profs = list(dict.fromkeys(_profile_from(G, sub, v) for v in points))
                    key = frozenset(profs)
                    if key in seen:
                        continue
                    seen.add(key)
                    flat = [[p for s in prof for p in s] for prof in profs]
                    pieces.append(NashSubset(
                        game, T, T, vertices=tuple(profs),
                        extreme_points=[profile_equilibrium(game, p, "components") for p in profs],
                        dimension=affine_rank(flat, True), equations=factors, inequalities=case, symbols=symbols,
                        sample=_mean(profs)))
                continue
            inside = [e for e in pts if _holds(game, e, T, T) and _solves(factors, symbols, e)]
            dim = _local_dim(factors, xs, symbols, inside)
            if dim > 0:
                pieces.append(NashSubset(game, T, T, dimension=dim, is_polytope=False, equations=factors,
                                         symbols=symbols, samples=inside, sample=inside[0].strategies))
    pieces = _drop_contained(pieces)
    for e in pts:
        if not any(p.contains(e, None if e.exact else 1e-9) for p in pieces):
            pieces.append(_PointSubset(game, e))
    return _connect(game, G, pieces, pts)


def _nonempty(m: int):
    for size in range(1, m + 1):
        yield from itertools.combinations(range(m), size)


def _holds(game, e: Equilibrium, S, B) -> bool:
    return stratum_contains(game, e.strategies, S, B, None if e.exact else 1e-9)


def _solves(factors, symbols, e: Equilibrium) -> bool:
    return satisfies(factors, symbols, e.strategies, e.exact, 1e-9)


def _local_dim(factors, xs, symbols, inside) -> int:
    """Unknowns minus the Jacobian's rank at the known points (the largest over them)."""
    if not inside:
        return 0
    if not factors:
        return len(xs)
    J = sp.Matrix(factors).jacobian(xs)
    best = 0
    for e in inside:
        env = {s: sp.nsimplify(e.strategies[i][k]) if e.exact else sp.Float(float(e.strategies[i][k])) for s, i, k in symbols}
        Jv = np.array(J.xreplace(env).evalf(), dtype=float)
        best = max(best, len(xs) - int(np.linalg.matrix_rank(Jv, tol=1e-9)))
    return best


def _mean(profs: list[tuple]) -> tuple:
    k = len(profs)
    return tuple(tuple(sum((p[i][s] for p in profs), Fraction(0)) / k for s in range(len(profs[0][i])))
                 for i in range(len(profs[0])))


def _drop_contained(pieces: list[NashSubset]) -> list[NashSubset]:
    """Polytope pieces inside another polytope piece (all vertices in it) are dropped."""
    keep = []
    for a, p in enumerate(pieces):
        inside = p.is_polytope and any(
            q is not p and q.is_polytope and all(q.contains(v) for v in p.vertices)
            and (not all(p.contains(v) for v in q.vertices) or b < a)
            for b, q in enumerate(pieces))
        if not inside:
            keep.append(p)
    return keep


def _connect(game, G: _Game, pieces: list[NashSubset], pts: list[Equilibrium]) -> list[Component]:
    parent = list(range(len(pieces)))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    known = list(pts) + [v for p in pieces for v in p.extreme_points + p.samples]
    for e in known:
        tol = None if e.exact else 1e-9
        hit = [a for a, p in enumerate(pieces) if p.contains(e, tol)]
        for a in hit[1:]:
            parent[find(a)] = find(hit[0])
    for a, b in itertools.combinations(range(len(pieces)), 2):
        if find(a) == find(b) or isinstance(pieces[a], _PointSubset) or isinstance(pieces[b], _PointSubset):
            continue
        if _meet(G, pieces[a], pieces[b]):
            parent[find(a)] = find(b)
    groups: dict[int, list[int]] = {}
    for a in range(len(pieces)):
        groups.setdefault(find(a), []).append(a)
    out = []
    for members in groups.values():
        mine = [pieces[a] for a in members]
        ext: dict = {}
        for p in mine:
            for v in p.extreme_points:
                ext.setdefault(v.key(), v)
        for e in pts:
            if not e.params.get("continuum") and any(p.contains(e, None if e.exact else 1e-9) for p in mine):
                ext.setdefault(e.key(), e)
        out.append(Component(game, mine, list(ext.values()), False))
    out.sort(key=lambda c: (-c.dimension, [-float(x) for s in c.sample for x in s]))
    return out


def _meet(G: _Game, a: NashSubset, b: NashSubset) -> bool:
    """Whether the union of the two pieces' systems has a non-empty polytope branch."""
    S = tuple(tuple(k for k in sa if k in sb) for sa, sb in zip(a.supports, b.supports))
    B = tuple(tuple(sorted(set(ba) | set(bb))) for ba, bb in zip(a.best_responses, b.best_responses))
    system = G.system(S, B, list(a.equations) + list(b.equations), list(a.inequalities) + list(b.inequalities))
    if system is None:
        return False
    xs, eqs, ineqs, _ = system
    return any(_analyze(f, ineqs, xs)[0] == "polytopes" for f in _branches(eqs, xs) or [])
