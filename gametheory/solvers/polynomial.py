"""All Nash equilibria of small n-player games by support enumeration over polynomial systems.

For a support profile ``S = (S_0, ..., S_{n-1})`` the candidate equilibria with
exactly that support solve the indifference conditions

    u_i(k, p_{-i}) = u_i(k_0, p_{-i})    for every player i and every k in S_i,

with ``p_j`` supported on ``S_j`` and summing to one.  Each ``u_i(k, p_{-i})`` is
multilinear in the opponents' probabilities, so the system is polynomial
(McKelvey & McLennan 1996, sec. 6; Porter, Nudelman & Shoham 2008; Gambit's
``enumpoly``).  A solution is an equilibrium when every probability on the
support is positive and no strategy outside the support pays more.

Screen.  All support profiles are screened at once (numpy) by conditional weak
dominance (:mod:`gametheory.solvers._supports`; Porter, Nudelman & Shoham 2008): a
profile is dropped when a support strategy is weakly dominated, with one strict
inequality, given that the opponents play exactly their supports.  Only the survivors
reach algebra; for pure profiles the screen is the Nash condition itself.

Solving.  Each surviving support's system is solved *exactly* by
:mod:`gametheory.solvers._multilinear` with python-flint (Flint's C polynomial
arithmetic): with three or more mixing players, two blocks are solved by Cramer's rule
(their equations are linear in each other's probabilities) and the rest is a smaller
square system in the hidden unknowns; eliminants for every unknown come from resultants
(Sylvester; Cox, Little & O'Shea), their real roots in (0, 1) are isolated with
certified Arb balls (rational roots exactly, from the integer factorization), and the
grid of roots is filtered by interval evaluation of the equations, so no solution is
dropped.  Rational candidates are then checked exactly (zero regret on integers);
irrational ones are re-checked at 128 bits and their regret to ``tol``.  A support whose
system this does not show zero-dimensional (ties, positive-dimensional sets, a common
factor the elimination cannot split) is solved as before with sympy: a lexicographic
Groebner basis (Buchberger 1965) decides whether it has no solution, finitely many, or a
positive-dimensional set.  In the finite case the basis is brought into shape
position (every unknown a polynomial in one; a separating linear form and the radical
where needed, Gianni & Mora 1989) and the real roots of the one univariate polynomial
are isolated exactly.  Float games are solved as the exact rational game their floats
denote (every float is ``n / 2**k``) and reported in floating point.

Results.  Rational equilibria of exact games are exact (``exact=True``, checked with
zero regret in Fractions).  An equilibrium with an irrational coordinate is
returned in floating point with ``exact=False`` and ``params["irrational"] = True``
and the algebraic values as sympy-readable strings in ``params["algebraic"]`` (``CRootOf``
of an irreducible integer polynomial, or a rational function of such roots); its regret is
checked to ``tol``.  Games with irrational equilibria exist whenever there are three
or more players (Nash 1951).

Degenerate supports.  When a support's system has a positive-dimensional solution set
(common in games with tied payoffs), its equilibria are split by their best-response
sets ``B`` (the support within ``B``): the system of ``(support, B)`` adds the
indifferences within ``B``.  Starting at ``B = support`` and adding one strategy at a
time, a zero-dimensional system is solved as above, which finds every *vertex* (an
equilibrium that is an isolated solution of its own support and best-response
equations; in two-player games exactly the extreme equilibria) and every isolated
equilibrium.  A positive-dimensional system is analysed exactly together with its
strict inequalities (positive support probabilities, strictly worse strategies outside
``B``) by :mod:`gametheory.solvers._semialgebraic`: linear pivoting with case splits,
then an open cylindrical algebraic decomposition that either proves the stratum empty
or gives an exact rational interior point.  Nothing is sampled.  A non-empty stratum is
a continuum: a :class:`ContinuumWarning` (a :class:`DegenerateGameWarning`) names it,
one exact interior point is returned with ``params["continuum"] = True`` and its
parametrization, and every result carries ``params["degenerate"] = True``.  Each
continuum's closure contains a returned vertex, so, as for two-player degenerate
games, the vertices and the named continua describe the whole equilibrium set.
Every result carries ``params["complete"]``: ``False`` (with an
:class:`IncompleteResultWarning`) only when some positive-dimensional system could
not be resolved (no equation of degree one to pivot on, or too many cells).
"""

from __future__ import annotations

import itertools
import math
import warnings
from fractions import Fraction
from typing import Any, Callable

import numpy as np
import sympy as sp

from ..equilibrium import Equilibrium, make_equilibrium, regret, returns_equilibria
from ..errors import InvalidGameError, SolverError
from ..normal_form import NormalFormGame
from ._bimatrix import DegenerateGameWarning
from ._multilinear import build_system, solve_support
from ._supports import subsets, viable_profiles
from .limits import DEFAULT_LIMIT, IncompleteResultWarning, apply_limit, check_options, over_limit
from .pure import exact_integer_payoffs

__all__ = ["polynomial_equilibria", "is_small_enough", "ContinuumWarning", "MAX_SUPPORT_PROFILES"]

#: ``is_small_enough`` accepts games with at most this many support profiles.
MAX_SUPPORT_PROFILES = 400
_DIGITS = 50
_SHAPE_TRIES = 20  # a random form separates with probability 1: a few tries suffice


class ContinuumWarning(DegenerateGameWarning):
    """A support has a positive-dimensional set of equilibria (a continuum); the solver
    reports its vertices and one interior point (a :class:`DegenerateGameWarning`, as for
    two-player games)."""


def _n_support_profiles(shape: tuple[int, ...]) -> int:
    return math.prod(2**m - 1 for m in shape)


def is_small_enough(game: NormalFormGame) -> bool:
    """Whether :func:`polynomial_equilibria` is practical: at most
    ``MAX_SUPPORT_PROFILES`` support profiles (e.g. 3 players x 3 strategies: 343;
    4 players x 2 strategies: 81) and at most 9 unknowns per system, float payoffs as
    well as exact ones (a random float 3x3x3 game takes a fraction of a second)."""
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(f"is_small_enough needs a NormalFormGame; got {type(game).__name__}")
    return enumerable(game.shape)


def enumerable(shape: tuple[int, ...]) -> bool:
    """Whether support enumeration over games of this shape terminates in reasonable time
    at all (at most ``MAX_SUPPORT_PROFILES`` support profiles and 9 unknowns), whatever
    the payoffs; ``solve(method="auto")`` uses it to decide between all equilibria and a sample."""
    return _n_support_profiles(shape) <= MAX_SUPPORT_PROFILES and sum(m - 1 for m in shape) <= 9


def _short_rational(x: float) -> Fraction | None:
    """The short decimal a float was typed as (0.1 -> 1/10), if it round-trips exactly."""
    f = Fraction(x).limit_denominator(10**6)
    return f if float(f) == x else None


def _exact_arrays(game: NormalFormGame) -> list[np.ndarray]:
    if game.exact:
        return list(game.payoffs)
    return list(game.as_exact().payoffs)


def _integer_payoffs(game: NormalFormGame) -> list[np.ndarray]:
    """Each player's payoffs times a positive integer, as exact integers (same equilibria).
    A float is ``n / 2**k`` exactly, so the common denominator is the largest ``2**k``."""
    if game.exact:
        return [exact_integer_payoffs(a) for a in game.payoffs]
    out = []
    for a in game.payoffs:
        ratios = [x.as_integer_ratio() for x in np.asarray(a, dtype=float).ravel().tolist()]
        den = max(d for _, d in ratios)
        ints = [n * (den // d) for n, d in ratios]
        arr = np.array(ints, dtype=np.int64 if max(map(abs, ints)) < 2**62 else object)
        out.append(arr.reshape(a.shape))
    return out


def _short_decimal_twin(game: NormalFormGame) -> NormalFormGame | None:
    """The exact game a float game denotes when every payoff is a short decimal, else None.

    Its Groebner systems are far smaller than those of the 53-bit binary values, so a
    float game typed in decimals is solved as fast as the exact one.
    """
    arrays = []
    for a in game.payoffs:
        fracs = []
        for x in a.ravel().tolist():
            f = _short_rational(float(x))
            if f is None:
                return None  # random floats fail at once: no need to look further
            fracs.append(f)
        part = np.empty(a.size, dtype=object)
        part[:] = fracs
        arrays.append(part.reshape(a.shape))
    return NormalFormGame(arrays, game.player_labels, game.strategy_labels, exact=True, title=game.title)


def _unknowns(supp):
    """Symbols per player and each player's probabilities as expressions in them."""
    syms: list[list[sp.Symbol]] = []
    probs: list[dict[int, Any]] = []
    for i, s in enumerate(supp):
        xs = [sp.Symbol(f"p{i}_{k}") for k in s[:-1]]
        syms.append(xs)
        d = {k: x for k, x in zip(s[:-1], xs)}
        d[s[-1]] = sp.Integer(1) - sum(xs, sp.Integer(0))
        probs.append(d)
    return [x for xs in syms for x in xs], probs


def _payoff_exprs(arrays, shape, supp, probs, own=None) -> list[dict]:
    """``u_i(k, p_{-i})`` for every player ``i`` and strategy ``k`` in ``own[i]`` (default:
    all strategies), the opponents mixing on ``supp``."""
    n = len(shape)
    out = []
    for i in range(n):
        others = [j for j in range(n) if j != i]
        vals = {}
        for k in (range(shape[i]) if own is None else own[i]):
            total = sp.Integer(0)
            for t in itertools.product(*(supp[j] for j in others)):
                cell = [0] * n
                cell[i] = k
                for j, tj in zip(others, t):
                    cell[j] = tj
                u = arrays[i][tuple(cell)]
                if u == 0:
                    continue
                term = sp.Rational(u.numerator, u.denominator)
                for j, tj in zip(others, t):
                    term *= probs[j][tj]
                total += term
            vals[k] = sp.expand(total)
        out.append(vals)
    return out


def _system(arrays, shape, supp):
    """Symbols per player, the probability expressions, and the indifference equations."""
    flat, probs = _unknowns(supp)
    pay = _payoff_exprs(arrays, shape, supp, probs, own=supp)
    eqs = []
    for i in range(len(shape)):
        eqs.extend(sp.expand(pay[i][k] - pay[i][supp[i][0]]) for k in supp[i][1:])
    return flat, probs, eqs


def _candidates(G, xs) -> list[tuple[dict, Any]]:
    """Real points of a zero-dimensional lex Groebner basis.

    Returns ``(approx, exact)`` pairs: ``approx`` maps each unknown to a float;
    ``exact()`` gives the sympy values (rational or algebraic), computed only for
    candidates that pass the cheap float screen.
    """
    polys = list(G.exprs)
    last = xs[-1]
    shape_position = _is_shape(polys, xs)
    if shape_position:
        lins = []
        for p, x in zip(polys[:-1], xs[:-1]):
            lin = sp.Poly(p, x)
            lins.append((x, sp.Poly(-lin.coeff_monomial(1) / lin.LC(), last)))
    out = []
    if shape_position:
        for root in dict.fromkeys(sp.Poly(polys[-1], last).real_roots()):  # drop repeated roots
            # evaluate at 50 digits: the back-substitution polynomials can have huge
            # coefficients, and a float root would lose the equilibrium in the screen
            rhp = root.evalf(_DIGITS)
            approx = {last: float(rhp)}
            for x, g in lins:
                approx[x] = float(g.eval(rhp)) if g.degree() > 0 else float(g.LC() if g.length() else 0)

            def exact(root=root):
                sol = {last: root}
                for x, g in lins:
                    sol[x] = g.as_expr().subs(last, root) if root.is_Rational else sp.expand(g.as_expr().subs(last, root))
                return sol

            out.append((approx, exact))
        return out
    # Not in shape position: sympy's solve_poly_system substitutes algebraic roots and
    # recomputes Groebner bases over the expression domain, which can run for hours
    # (random 2x2x2x2 games with payoffs 0..2). A separating linear form puts the radical
    # in shape position, so every solution is a rational function of one real root.
    t = sp.Dummy("t")
    out = []
    for approx, exact in _candidates(_shape_basis(polys, xs, t), [*xs, t]):
        approx.pop(t)
        out.append((approx, lambda exact=exact: {x: v for x, v in exact().items() if x != t}))
    return out


def _is_shape(polys: list, xs: list) -> bool:
    """Lex basis ``x_k - g_k(last)`` for every unknown but the last, then ``h(last)``."""
    last = xs[-1]
    if len(polys) != len(xs) or not polys[-1].free_symbols <= {last}:
        return False
    for p, x in zip(polys[:-1], xs[:-1]):
        if not p.free_symbols <= {x, last}:
            return False
        lin = sp.Poly(p, x)
        if lin.degree() != 1 or not lin.LC().is_number:
            return False
    return True


def _shape_basis(polys: list, xs: list, t) -> Any:
    """Lex Groebner basis, in shape position, of the radical of a zero-dimensional ideal.

    With a new unknown ``t = sum c_k x_k`` that takes distinct values at the (complex)
    solutions, the radical is the ideal plus the square-free part of its eliminant in ``t``,
    and its lex basis with ``t`` last is ``x_k - g_k(t)``, ``h(t)`` (the shape lemma; Gianni
    and Mora 1989, Kreuzer and Robbiano 2000, sec. 3.7). Real roots of ``h`` are then exactly
    the real solutions. The form is chosen deterministically and checked, so an unlucky
    one is replaced, never trusted.
    """
    for a in range(2, 2 + _SHAPE_TRIES):
        gens = [*polys, t - sum(a**k * x for k, x in enumerate(xs))]
        G = sp.groebner(gens, *xs, t, order="grevlex").fglm("lex")
        h = G.exprs[-1]
        if not h.free_symbols <= {t}:
            continue
        gens.append(sp.Poly(h, t).sqf_part().as_expr())
        G = sp.groebner(gens, *xs, t, order="grevlex").fglm("lex")
        if _is_shape(list(G.exprs), [*xs, t]):
            return G
    raise SolverError(f"no separating linear form found for the system {polys}")


def _vectors(values: dict, probs, shape, zero: Any) -> list[list]:
    """Full probability vectors from values of the unknowns (any number type)."""
    vecs = []
    for i, m in enumerate(shape):
        v = [zero] * m
        for k, e in probs[i].items():
            v[k] = e.xreplace(values) if not isinstance(zero, float) else float(e.xreplace(values))
        vecs.append(v)
    return vecs


def _screen(game_f: NormalFormGame, approx: dict, probs, supp, slack: float) -> bool:
    """Cheap float test: probabilities on the support positive and regret small."""
    vecs = _vectors({x: sp.Float(v) for x, v in approx.items()}, probs, game_f.shape, 0.0)
    if any(vecs[i][k] < -slack for i, s in enumerate(supp) for k in s):
        return False
    prof = [np.clip(np.array(v, dtype=float), 0, None) for v in vecs]
    prof = [p / p.sum() if p.sum() > 0 else p for p in prof]
    if any(p.sum() == 0 for p in prof):
        return False
    return max(regret(game_f, [list(p) for p in prof])) <= slack * max(1.0, float(max(np.abs(a).max() for a in game_f.payoffs)))


def _profile(probs, sol, shape) -> tuple[list, bool]:
    """Full probability vectors (sympy numbers) and whether all are rational."""
    vecs = _vectors(sol, probs, shape, sp.Integer(0))
    vecs = [[sp.sympify(x) for x in v] for v in vecs]
    return vecs, all(x.is_Rational for v in vecs for x in v)


def _check(game: NormalFormGame, vecs, exact: bool, supp, tol: float) -> tuple[Any, bool]:
    """Exact check (zero regret in Fractions) for rational points, else to ``tol`` at 50 digits."""
    if exact:
        prof = [[Fraction(int(x.p), int(x.q)) for x in v] for v in vecs]
        if any(prof[i][k] <= 0 for i, s in enumerate(supp) for k in s):
            return None, False
        # float games are solved as the rational game their floats denote
        return prof, all(r == 0 for r in regret(game.as_exact(), prof))
    hp = [[sp.N(x, _DIGITS) for x in v] for v in vecs]
    if any(not hp[i][k].is_real or hp[i][k] <= 0 for i, s in enumerate(supp) for k in s):
        return None, False
    prof = [[float(x) for x in v] for v in hp]
    return prof, all(r <= t for r, t in zip(regret(game.as_float(), prof), game.player_tols(tol)))


def _full_profile(values: list, supp, shape, zero, one) -> list[list]:
    """Probability vectors from the free unknowns (``x_(j,t)`` on ``supp[j][t]``, the last
    support strategy taking the rest), in any number type."""
    it = iter(values)
    prof = []
    for s, m in zip(supp, shape):
        v = [zero] * m
        rest = one
        for k in s[:-1]:
            v[k] = next(it)
            rest = rest - v[k]
        v[s[-1]] = rest
        prof.append(v)
    return prof


def _algebraic_strings(point, supp, shape) -> tuple:
    """Exact values of an irrational point, as sympy-readable strings: ``CRootOf`` of each
    unknown's irreducible polynomial and real-root index (sympy reads quadratic roots as
    radicals)."""
    vals = [r.expr() for r in point]
    it = iter(vals)
    prof = []
    for s, m in zip(supp, shape):
        v = ["0"] * m
        for k in s[:-1]:
            v[k] = next(it)
        v[s[-1]] = "1" + "".join(f" - ({v[k]})" for k in s[:-1])
        prof.append(tuple(v))
    return tuple(prof)


def _float_regret(arrays: list, prof: list) -> list[float]:
    """Each player's largest gain from a pure deviation, in floats (as :func:`regret`)."""
    vecs = [np.asarray(v, dtype=float) for v in prof]
    out = []
    for i, arr in enumerate(arrays):
        dev = arr
        for j in reversed(range(len(vecs))):
            if j != i:
                dev = np.tensordot(dev, vecs[j], axes=([j], [0]))
        out.append(float(dev.max() - dev @ vecs[i]))
    return out


def _zero_regret(int_arrays: list, prof: list, supp) -> bool:
    """Exact Nash check of a rational profile whose support is ``supp``: on integer payoffs
    and integer weights (each vector times its common denominator), so no Fraction sums."""
    weights = []
    for v in prof:
        den = math.lcm(*(x.denominator for x in v))
        weights.append(np.array([x.numerator * (den // x.denominator) for x in v], dtype=object))
    for i, arr in enumerate(int_arrays):
        dev = arr
        for j in reversed(range(len(prof))):
            if j != i:
                dev = np.tensordot(dev, weights[j], axes=([j], [0]))
        best = max(dev)
        if any(dev[k] != best for k in supp[i]):
            return False
    return True


class _Found:
    """The equilibria found so far (deduplicated), continua and incompleteness notes."""

    def __init__(self, game: NormalFormGame, tol: float, int_arrays: list):
        self.game, self.tol = game, tol
        self.items: list[Equilibrium] = []
        self.keys: set = set()
        self.continua: list = []
        self.unresolved: list = []
        self.int_arrays = [np.asarray(a).astype(object) for a in int_arrays]
        self.game_f = game.as_float()
        self.float_arrays = [np.asarray(a, dtype=float) for a in self.game_f.payoffs]

    def add(self, probs, sol: dict, supp, **params: Any) -> bool:
        """Record the profile ``sol`` denotes if it is an equilibrium with support ``supp``."""
        vecs, exact = _profile(probs, sol, self.game.shape)
        if not exact and any(abs(sp.im(sp.N(x, _DIGITS))) > sp.Float(10) ** (10 - _DIGITS) for v in vecs for x in v):
            return False
        prof, ok = _check(self.game, vecs, exact, supp, self.tol)
        if not ok:
            return False
        algebraic = None if exact else tuple(tuple(str(x) for x in v) for v in vecs)
        return self._record(prof, exact, supp, algebraic, params)

    def add_point(self, system, point, supp) -> bool:
        """Record a grid point of :func:`._multilinear.solve_support` if it is an equilibrium
        with support ``supp``: exactly for rational points, else at ``FINAL_PREC`` bits."""
        from ._multilinear import FINAL_PREC, equations_vanish, point_balls

        if all(r.rational is not None for r in point):
            prof = _full_profile([r.rational for r in point], supp, self.game.shape, Fraction(0), Fraction(1))
            if any(prof[i][k] <= 0 for i, s in enumerate(supp) for k in s):
                return False
            if not _zero_regret(self.int_arrays, prof, supp):
                return False
            return self._record(prof, True, supp, None, {})
        balls = point_balls(point, FINAL_PREC)
        if not equations_vanish(system, balls):
            return False
        import flint

        prof_b = _full_profile(balls, supp, self.game.shape, flint.arb(0), flint.arb(1))
        if any(not prof_b[i][k] > 0 for i, s in enumerate(supp) for k in s):
            return False
        prof = [[float(b.mid()) for b in v] for v in prof_b]
        if not all(r <= t for r, t in zip(_float_regret(self.float_arrays, prof), self.game.player_tols(self.tol))):
            return False
        algebraic = _algebraic_strings(point, supp, self.game.shape)
        return self._record(prof, False, supp, algebraic, {})

    def _record(self, prof, exact: bool, supp, algebraic, params: dict) -> bool:
        key = tuple(tuple(p if exact else round(float(p), 12) for p in s) for s in prof)
        if key in self.keys:
            return True
        self.keys.add(key)
        params = {"support": supp, **params}
        if exact and self.game.exact:
            self.items.append(make_equilibrium(self.game, prof, "polynomial", exact=True, **params))
        else:
            if not exact:
                params["irrational"] = True
                params["algebraic"] = algebraic
            self.items.append(make_equilibrium(self.game, prof, "polynomial", exact=False, tol=self.tol, **params))
        return True

    def finish(self) -> list[Equilibrium]:
        for supp, best, desc in self.continua:
            warnings.warn(
                f"support profile {supp} (best responses {best}) has a continuum (positive-dimensional set) "
                f"of equilibria: {desc}; reporting one interior point and the vertices of the set",
                ContinuumWarning,
                stacklevel=3,
            )
        if self.unresolved:
            warnings.warn(
                "polynomial_equilibria could not resolve the positive-dimensional system of support "
                + "; ".join(f"{s} (best responses {b}): {why}" for s, b, why in self.unresolved)
                + "; equilibria there may be missing (complete=False)",
                IncompleteResultWarning,
                stacklevel=3,
            )
        for e in self.items:
            e.params.setdefault("complete", not self.unresolved)
            if self.continua:
                e.params.setdefault("degenerate", True)
        return self.items


def _add_roots(out: _Found, G, xs, probs, supp, values: dict | None = None) -> None:
    """Record the real points of a zero-dimensional system that are equilibria."""
    game_f = out.game.as_float()
    for approx, exact_fn in _candidates(G.fglm("lex"), xs):
        if values is None and approx and not _screen(game_f, approx, probs, supp, 1e-6):
            continue
        sol = dict(exact_fn())
        if values:
            sol.update({x: sp.sympify(v).xreplace(sol) for x, v in values.items()})
            # a root where a leaf's denominator vanishes is outside the leaf (its side
            # conditions); the decomposition's other branches cover that case
            if any(v.has(sp.nan, sp.zoo) for v in sol.values()):
                continue
        out.add(probs, sol, supp)


def _degenerate_support(arrays, shape, supp, xs, probs, out: _Found) -> None:
    """Equilibria with support ``supp`` when its indifference system is positive-dimensional.

    The equilibria with this support are partitioned by their best-response sets ``B``
    (``supp[i]`` within ``B[i]``); the system of ``(supp, B)`` adds the indifferences
    within ``B``.  Starting at ``B = supp`` and adding one strategy at a time, a
    zero-dimensional system gives finitely many points (among them every vertex: an
    equilibrium isolated in the solutions of its own active constraints), and a
    positive-dimensional one is analysed exactly by :mod:`._semialgebraic`: its
    isolated points are returned, and a continuum is announced with an exact interior
    point.  Every continuum's closure reaches a vertex, which is returned.
    """
    n = len(shape)
    pay = _payoff_exprs(arrays, shape, supp, probs)
    positivity = [e for d in probs for e in d.values() if not e.is_number]
    start = tuple(tuple(s) for s in supp)
    seen, queue = {start}, [start]
    while queue:
        best = queue.pop()
        eqs = [sp.expand(pay[i][k] - pay[i][best[i][0]]) for i in range(n) for k in best[i][1:]]
        eqs = [e for e in eqs if e != 0]
        if any(e.is_number for e in eqs):
            continue
        if eqs:
            G = sp.groebner(eqs, *xs, order="grevlex")
            if list(G.exprs) == [1]:
                continue  # and so is every larger B
            if G.is_zero_dimensional:
                _add_roots(out, G, xs, probs, supp)  # includes the points of every larger B
                continue
        # positive-dimensional: the larger best-response sets may still hold vertices
        for i in range(n):
            for k in range(shape[i]):
                if k not in best[i]:
                    nb = tuple(tuple(sorted(b + (k,))) if j == i else b for j, b in enumerate(best))
                    if nb not in seen:
                        seen.add(nb)
                        queue.append(nb)
        strict = positivity + [
            sp.expand(pay[i][best[i][0]] - pay[i][k]) for i in range(n) for k in range(shape[i]) if k not in best[i]
        ]
        if any(g.is_number and g <= 0 for g in strict):
            continue  # nothing in this stratum: a strategy outside B always ties or wins
        _stratum(eqs, xs, [g for g in strict if not g.is_number], probs, supp, best, out)


def _stratum(eqs, xs, strict, probs, supp, best, out: _Found) -> None:
    from ._semialgebraic import Budget, decompose, leaf_conditions, open_sample

    dec = decompose(eqs, xs, strict)
    if not dec.resolved:
        out.unresolved.append((supp, best, "equations of degree two or more in every unknown"))
    for G, free, leaf in dec.zero_dim:
        _add_roots(out, G, free, probs, supp, leaf.values)
    for leaf in dec.leaves:
        if not leaf.free:
            out.add(probs, leaf.values, supp)
            continue
        positive, nonzero = leaf_conditions(leaf, strict)
        try:
            pt = open_sample(positive, nonzero, leaf.free)
        except Budget:
            out.unresolved.append((supp, best, "too many cells to decide whether a continuum exists"))
            continue
        if pt is None:
            continue
        sol = {x: sp.cancel(sp.sympify(v).xreplace(pt)) for x, v in leaf.values.items()}
        sol.update(pt)
        desc = ", ".join(f"{x} = {v}" for x, v in leaf.values.items())
        desc = (desc + "; " if desc else "") + f"free: {', '.join(map(str, leaf.free))}"
        if out.add(probs, sol, supp, continuum=True, best_responses=best, parametrization=desc):
            out.continua.append((supp, best, desc))
        else:  # pragma: no cover - an exact interior point of the stratum is an equilibrium
            out.unresolved.append((supp, best, "an interior point failed the exact check"))

def _groebner_support(arrays, shape, supp, out: _Found, game_f: NormalFormGame) -> None:
    """Equilibria with support ``supp`` from a Groebner basis of its system (sympy), with
    the degenerate-support analysis when the system is positive-dimensional."""
    xs, probs, eqs = _system(arrays, shape, supp)
    eqs = [e for e in eqs if e != 0]
    if not xs:
        out.add(probs, {}, supp)
        return
    G = sp.groebner(eqs, *xs, order="grevlex") if eqs else None
    if G is not None and list(G.exprs) == [1]:
        return
    if G is not None and G.is_zero_dimensional:
        for approx, exact_fn in _candidates(G.fglm("lex"), xs):
            if _screen(game_f, approx, probs, supp, 1e-6):
                out.add(probs, exact_fn(), supp)
        return
    _degenerate_support(arrays, shape, supp, xs, probs, out)


@returns_equilibria("polynomial", complete=True)
def polynomial_equilibria(
    game: NormalFormGame,
    tol: float | None = None,
    prune: bool = True,
    max_support_profiles: int | None = None,
    limit: int | None = DEFAULT_LIMIT,
    on_limit: str = "raise",
    progress: Callable[[int, int | None], Any] | None = None,
) -> list[Equilibrium]:
    """All isolated Nash equilibria and the vertices of every continuum of a small n-player
    game, exactly where they are rational.

    Screens all support profiles by conditional dominance and solves each surviving
    indifference system exactly (resultants and certified root isolation in python-flint,
    Groebner bases for degenerate systems).  Irrational equilibria are returned in floating point with ``exact=False``;
    positive-dimensional sets are solved exactly and announced by a
    :class:`ContinuumWarning` (see the module docstring).

    Parameters
    ----------
    game : NormalFormGame
        Any number of players; small games only (the support profiles are enumerated).
    tol : float or sequence of float, optional
        Bounds the regret accepted for irrational equilibria (default ``game.tols``).
    prune : bool
        Skip supports containing a strategy strictly dominated within the support profile.
    max_support_profiles : int, optional
        Refuse games with more support profiles than this.
    limit, on_limit, progress
        As in :mod:`gametheory.solvers.limits` (progress units: support profiles).

    Returns
    -------
    list of Equilibrium

    Raises
    ------
    SolverError
        Too many support profiles, or a system the Groebner basis cannot settle.
    EquilibriumLimitError
        More equilibria than ``limit``.

    References
    ----------
    McKelvey, R. & McLennan, A. (1996). Computation of equilibria in finite games.
    Handbook of Computational Economics 1.  Porter, R., Nudelman, E. & Shoham, Y.
    (2008). Simple search methods for finding a Nash equilibrium. GEB 63.

    Examples
    --------
    >>> import gametheory as gt
    >>> bos = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> gt.polynomial_equilibria(bos)[2].payoffs
    (Fraction(2, 3), Fraction(2, 3))
    """
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(f"polynomial_equilibria needs a NormalFormGame; got {type(game).__name__}")
    check_options(limit, on_limit, progress)
    # n_limit bounds the equilibria; from here on ``limit`` is the support-profile cap, as before
    n_limit, limit = limit, 100 * MAX_SUPPORT_PROFILES if max_support_profiles is None else int(max_support_profiles)
    count = _n_support_profiles(game.shape)
    if count > limit:
        raise SolverError(
            f"polynomial_equilibria would enumerate {count} support profiles (limit {limit}); "
            "use method='qre' for a sample equilibrium or raise max_support_profiles"
        )
    tol = game.player_tols(tol)  # one per player, each on that player's payoff scale
    twin = None if game.exact else _short_decimal_twin(game)
    if twin is not None:
        found = polynomial_equilibria(twin, tol=tol, prune=prune, max_support_profiles=max_support_profiles,
                                      limit=n_limit, on_limit=on_limit, progress=progress)
        return [
            make_equilibrium(game, e.strategies, e.method, exact=False, tol=tol, **{**e.params, "rational_twin": True})
            for e in found
        ]
    int_arrays = _integer_payoffs(game)
    out = _Found(game, tol, int_arrays)
    arrays = None
    game_f = out.game_f
    if prune:
        # IEEE comparisons of the floats are exact, and cheaper than the big integers
        screen = int_arrays if game.exact else [np.asarray(a, dtype=float) for a in game_f.payoffs]
        profiles = viable_profiles(screen)
    else:
        profiles = list(itertools.product(*(subsets(m) for m in game.shape)))
    for done, supp in enumerate(profiles):
        if progress is not None:
            progress(done * count // max(len(profiles), 1), count)
        if n_limit is not None and len(out.items) > n_limit:
            return over_limit("polynomial_equilibria", n_limit, None, on_limit, out.finish()[:n_limit])
        system = build_system(int_arrays, supp)
        if system is None:
            continue  # an indifference equation is a nonzero constant
        points = solve_support(system)
        if points is None:  # not shown zero-dimensional: Groebner bases, degenerate analysis
            arrays = _exact_arrays(game) if arrays is None else arrays
            _groebner_support(arrays, game.shape, supp, out, game_f)
            continue
        for point in points:
            out.add_point(system, point, supp)
    found = out.finish()
    if progress is not None:
        progress(count, count)
    return apply_limit(found, "polynomial_equilibria", n_limit, on_limit)
