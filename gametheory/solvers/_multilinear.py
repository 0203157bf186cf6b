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

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import flint

__all__ = ["Ratio", "Root", "SupportSystem", "build_system", "solve_support"]

#: Bits of the root balls used to screen the grid; the caller re-checks at FINAL_PREC.
SCREEN_PREC = 64
FINAL_PREC = 128
#: Grid points examined per support before giving up (the caller then uses Groebner bases).
MAX_GRID = 200000


class Root:
    """A real root of ``poly`` (irreducible over the integers): the rational value, or
    the index among its real roots in increasing order (sympy's ``CRootOf`` index)."""

    __slots__ = ("_balls", "index", "poly", "rational")

    def __init__(self, poly, index: int, rational: Fraction | None, balls: dict | None = None):
        self.poly, self.index, self.rational = poly, index, rational
        self._balls = balls if balls is not None else {}  # shared by the roots of one poly

    def expr(self) -> str:
        """The exact value, readable by sympy (``CRootOf(poly, index)`` when irrational)."""
        if self.rational is not None:
            return str(self.rational)
        poly = " + ".join(f"({int(c)})*x**{k}" for k, c in enumerate(self.poly.coeffs()) if c != 0)
        return f"CRootOf({poly}, {self.index})"

    def ball(self, prec: int):
        if self.rational is not None:
            return flint.arb(flint.fmpq(self.rational.numerator, self.rational.denominator))
        got = self._balls.get(prec)
        if got is None:
            got = self._balls[prec] = _real_roots(self.poly, prec)
        return got[self.index]


@dataclass(frozen=True)
class Ratio:
    """An unknown solved by Cramer's rule: ``num / den`` (integer polynomials, as terms)
    evaluated at the hidden unknowns' roots ``hidden`` (a tuple of (unknown, Root))."""

    num: tuple
    den: tuple
    hidden: tuple
    m: int
    rational: Fraction | None

    @classmethod
    def make(cls, num, den, hidden, m: int) -> Ratio:
        rational = None
        if all(r.rational is not None for _, r in hidden):
            vals = [Fraction(0)] * m
            for k, r in hidden:
                vals[k] = r.rational
            d = _evaluate(den, vals, Fraction(0))
            rational = _evaluate(num, vals, Fraction(0)) / d if d != 0 else None
        return cls(tuple(num), tuple(den), tuple(hidden), m, rational)

    def ball(self, prec: int):
        if self.rational is not None:
            return flint.arb(flint.fmpq(self.rational.numerator, self.rational.denominator))
        vals = [flint.arb(0)] * self.m
        for k, r in self.hidden:
            vals[k] = r.ball(prec)
        return _evaluate(self.num, vals, flint.arb(0)) / _evaluate(self.den, vals, flint.arb(0))

    def expr(self) -> str:
        if self.rational is not None:
            return str(self.rational)
        names = {k: f"({r.expr()})" for k, r in self.hidden}

        def show(terms):
            return " + ".join(f"({c})" + "".join(f"*{names[k]}**{p}" for k, p in enumerate(e) if p) for c, e in terms)

        return f"({show(self.num)})/({show(self.den)})"


def _real_roots(poly, prec: int) -> list:
    """Balls around the real roots of a squarefree ``poly``, increasing (Arb's certified
    isolation: real roots come with an exactly zero imaginary part)."""
    old = flint.ctx.prec
    flint.ctx.prec = prec
    try:
        if poly.degree() == 2:
            # the quadratic formula in ball arithmetic: the same certified roots, cheaper
            c, b, a = (int(x) for x in poly.coeffs())
            disc = b * b - 4 * a * c
            if disc <= 0:
                return [] if disc < 0 else [flint.arb(flint.fmpq(-b, 2 * a))]
            r = flint.arb(disc).sqrt()
            lo, hi = (-b - r) / (2 * a), (-b + r) / (2 * a)
            return [lo, hi] if a > 0 else [hi, lo]
        return sorted((c.real for c, _ in poly.complex_roots() if c.imag.is_zero()), key=lambda b: float(b.mid()))
    finally:
        flint.ctx.prec = old


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
    # each support probability as a linear form: [(unknown or -1 for the constant, coef)]
    forms = []
    for j, sj in enumerate(supp):
        d = len(sj) - 1
        fj = [[(offset[j] + t, 1)] for t in range(d)]
        fj.append([(-1, 1)] + [(offset[j] + t, -1) for t in range(d)])
        forms.append(fj)
    equations, polys = [], []
    for i in range(n):
        if len(supp[i]) < 2:
            continue
        rest = [j for j in range(n) if j != i]
        arr = int_arrays[i]
        for k in supp[i][1:]:
            acc: dict = {}
            for cell in itertools.product(*(range(len(supp[j])) for j in rest)):
                idx = [0] * n
                for j, c in zip(rest, cell):
                    idx[j] = supp[j][c]
                idx[i] = k
                w = int(arr[tuple(idx)])
                idx[i] = supp[i][0]
                w -= int(arr[tuple(idx)])
                if w == 0:
                    continue
                monos = {(): w}
                for j, c in zip(rest, cell):
                    nxt: dict = {}
                    for mono, v in monos.items():
                        for var, a in forms[j][c]:
                            key = mono if var < 0 else mono + (var,)
                            nxt[key] = nxt.get(key, 0) + v * a
                    monos = nxt
                for key, v in monos.items():
                    acc[key] = acc.get(key, 0) + v
            terms = []
            for key, v in acc.items():
                if v:
                    exp = [0] * max(m, 1)
                    for var in key:
                        exp[var] = 1
                    terms.append((v, tuple(exp)))
            if not terms:
                continue
            if all(not any(e) for _, e in terms):
                return None  # a nonzero constant: inconsistent
            equations.append((i, terms))
            polys.append(ctx.from_dict({e: c for c, e in terms}))
    return SupportSystem(supp, owner, equations, polys, ctx)


def _eliminant(polys: list, z: int, m: int, ctx) -> Any | None:
    """A nonzero univariate integer polynomial vanishing at every solution's ``x_z``, or None."""
    return _eliminate(list(polys), [x for x in range(m) if x != z], z, list(polys), ctx, 0)


#: Largest product of total degrees resultants are taken of (5-player systems exceed it).
MAX_DEGREE = 64
#: Case splits on common factors per eliminant before giving up.
MAX_SPLIT_DEPTH = 3


def _eliminate(cur: list, todo: list, z: int, original: list, ctx, depth: int) -> Any | None:
    names = ctx.names()
    todo = list(todo)
    while todo:
        occurs = {x: [p for p in cur if p.degrees()[x] > 0] for x in todo}
        todo_with = [x for x in todo if occurs[x]]
        if not todo_with:
            break
        x = min(todo_with, key=lambda v: (len(occurs[v]), min(len(p) for p in occurs[v])))
        with_x = occurs[x]
        # a single equation in x only fixes x: the others' solutions contain the projection
        piv = min(with_x, key=lambda p: (p.degrees()[x], len(p)))
        nxt = [p for p in cur if p.degrees()[x] == 0]
        for g in with_x:
            if g is piv:
                continue
            if piv.total_degree() * g.total_degree() > MAX_DEGREE:
                return None  # resultants this large cost more than the Groebner fallback
            r = piv.resultant(g, names[x])
            if r.is_zero():
                # piv = c a, g = c b: the solutions lie on c = 0 (added to the original
                # system) or on a = b = 0 (the current system with piv, g replaced)
                if depth >= MAX_SPLIT_DEPTH:
                    return None
                c = piv.gcd(g)
                on_c = _eliminate(list(original) + [c], [v for v in range(len(names)) if v != z], z,
                                  list(original) + [c], ctx, depth + 1)
                rest = [p for p in cur if p is not piv and p is not g] + [piv / c, g / c]
                off_c = _eliminate(rest, todo, z, original, ctx, depth + 1)
                if on_c is None or off_c is None:
                    return None
                return on_c * off_c
            if r.is_constant():
                return flint.fmpz_poly([1])  # no solution at all
            nxt.append(_radical(r))
        todo.remove(x)
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


_SHIFT = flint.fmpz_poly([1, 1])


def _may_have_root_in_unit_interval(p) -> bool:
    """Descartes' rule of signs on ``(x + 1)^n p(1 / (x + 1))``, whose positive roots are
    the roots of ``p`` in (0, 1): no sign change proves there are none."""
    q = flint.fmpz_poly(p.coeffs()[::-1])(_SHIFT)
    signs = [c > 0 for c in q.coeffs() if c != 0]
    return any(a != b for a, b in itertools.pairwise(signs))


def _roots_in_unit_interval(h) -> list[Root]:
    out = []
    if not _may_have_root_in_unit_interval(h):
        return out
    _, factors = h.factor()
    for f, _ in factors:
        if f.degree() > 1 and not _may_have_root_in_unit_interval(f):
            continue
        if f.degree() == 1:
            a, b = int(f.coeffs()[1]), int(f.coeffs()[0])
            r = Fraction(-b, a)
            if 0 < r < 1:
                out.append(Root(f, 0, r))
            continue
        shared = {SCREEN_PREC: _real_roots(f, SCREEN_PREC)}
        for idx, ball in enumerate(shared[SCREEN_PREC]):
            if ball.upper() > 0 and ball.lower() < 1:
                out.append(Root(f, idx, None, shared))
    return out


def _evaluate(terms, vals: list, zero: Any = None) -> Any:
    total = flint.arb(0) if zero is None else zero
    for c, e in terms:
        t = total * 0 + c
        for k, p in enumerate(e):
            if p:
                t = t * vals[k] if p == 1 else t * vals[k] ** p
        total += t
    return total


def solve_support(system: SupportSystem) -> list[list] | None:
    """The real solutions of ``system`` with every free unknown in (0, 1) (a superset:
    points whose equations contain zero at ``SCREEN_PREC`` bits), each a list with one
    :class:`Root` or :class:`Ratio` per unknown; None when the system is not shown
    zero-dimensional this way (the caller then uses Groebner bases)."""
    m = len(system.owner)
    if m == 0:
        return [[]] if not system.polys else []
    if len(system.polys) < m:
        return None
    if len(system.polys) == m and all(p.total_degree() <= 1 for p in system.polys):
        got = _linear(system)
        if got is not None:
            return got
    if len({j for j in system.owner}) >= 3:
        got = _hidden_block(system)
        if got is not NotImplemented:
            return got
    pts = _grid(system.polys, system.equations, system.owner, list(range(m)), system.ctx)
    return None if pts is None else [[pt[k] for k in range(m)] for pt in pts]


def _linear(system: SupportSystem) -> list[list] | None:
    """A square linear system (two mixing players): its unique solution by exact Gaussian
    elimination, kept if every unknown is in (0, 1); None when it is singular."""
    m = len(system.owner)
    rows = []
    for _, terms in system.equations:
        row = [Fraction(0)] * (m + 1)
        for c, e in terms:
            hit = [k for k, p in enumerate(e) if p]
            row[hit[0] if hit else m] += c
        rows.append(row)
    for col in range(m):
        piv = next((r for r in range(col, m) if rows[r][col] != 0), None)
        if piv is None:
            return None
        rows[col], rows[piv] = rows[piv], rows[col]
        lead = rows[col][col]
        for r in range(m):
            if r != col and rows[r][col] != 0:
                f = rows[r][col] / lead
                rows[r] = [a - f * b for a, b in zip(rows[r], rows[col])]
    x = [-rows[k][m] / rows[k][k] for k in range(m)]
    if any(not 0 < v < 1 for v in x):
        return []
    for j in set(system.owner):
        if sum(v for v, o in zip(x, system.owner) if o == j) >= 1:
            return []
    return [[Root(None, 0, v) for v in x]]


def _grid(polys: list, equations: list, owner: list, unknowns: list, ctx) -> list[dict] | None:
    """Points of the grid of eliminant roots of ``unknowns`` where every equation's ball
    contains zero (equations in ``unknowns`` only); None if an eliminant is not found."""
    m = len(owner)
    roots = []
    for z in unknowns:
        h = _eliminant(polys, z, m, ctx)
        if h is None or h.is_zero():
            return None
        if h.degree() == 0:
            return []
        rz = _roots_in_unit_interval(h)
        if not rz:
            return []
        roots.append(rz)
    pos = {z: n for n, z in enumerate(unknowns)}
    used = [[pos[k] for _, e in terms for k, p in enumerate(e) if p] for _, terms in equations]
    ready = [[q for q, u in enumerate(used) if u and max(u) == n] for n in range(len(unknowns))]
    budget = [MAX_GRID]
    out: list[dict] = []
    balls: list = [flint.arb(0)] * m
    chosen: dict = {}

    def extend(n: int) -> bool:
        if n == len(unknowns):
            out.append(dict(chosen))
            return True
        z = unknowns[n]
        for r in roots[n]:
            budget[0] -= 1
            if budget[0] < 0:
                return False
            balls[z] = r.ball(SCREEN_PREC)
            # a player's free probabilities sum to less than one
            mass = sum((balls[k] for k in unknowns[: n + 1] if owner[k] == owner[z]), flint.arb(0))
            if mass.lower() >= 1:
                continue
            if all(_evaluate(equations[q][1], balls).contains(0) for q in ready[n]):
                chosen[z] = r
                ok = extend(n + 1)
                del chosen[z]
                if not ok:
                    return False
        return True

    return out if extend(0) else None


def _det(rows: list):
    """Determinant of a small square matrix of polynomials (Laplace expansion)."""
    if len(rows) == 1:
        return rows[0][0]
    total = None
    for c in range(len(rows)):
        minor = [row[:c] + row[c + 1 :] for row in rows[1:]]
        term = rows[0][c] * _det(minor)
        total = term if total is None else (total + term if c % 2 == 0 else total - term)
    return total


def _cramer(eqs: list, xvars: list, ctx) -> list:
    """For equations linear in ``xvars`` (as many as unknowns): ``[D, N_0, ...]`` with
    ``x_t = N_t / D`` by Cramer's rule, polynomials in the remaining unknowns."""
    pos = {k: t + 1 for t, k in enumerate(xvars)}
    rows = []
    for terms in eqs:
        cols: list[dict] = [{} for _ in range(len(xvars) + 1)]
        for c, e in terms:
            hit = [k for k in xvars if e[k]]
            col = pos[hit[0]] if hit else 0
            if len(hit) > 1:
                raise ValueError("not linear in the block")  # pragma: no cover - multilinear systems
            e2 = list(e)
            if hit:
                e2[hit[0]] = 0
            cols[col][tuple(e2)] = cols[col].get(tuple(e2), 0) + c
        rows.append([ctx.from_dict(d) for d in cols])
    a = [row[1:] for row in rows]
    rhs = [-row[0] for row in rows]
    out = [_det(a)]
    for t in range(len(xvars)):
        out.append(_det([r[:t] + [b] + r[t + 1 :] for r, b in zip(a, rhs)]))
    return out


def _linear_rows(eqs: list, xvars: list, balls: list) -> list:
    """Rows ``[constant, coefficient of each of xvars]`` (balls) of equations linear in
    ``xvars``, the other unknowns at ``balls``."""
    col = {k: t + 1 for t, k in enumerate(xvars)}
    rows = []
    for terms in eqs:
        row = [flint.arb(0)] * (len(xvars) + 1)
        for c, e in terms:
            t = flint.arb(c)
            at = 0
            for k, p in enumerate(e):
                if p:
                    if k in col:
                        at = col[k]
                    else:
                        t = t * balls[k]
            row[at] = row[at] + t
        rows.append(row)
    return rows


def _inconsistent(rows: list) -> bool:
    """Whether the linear system ``row[0] + row[1:] . x = 0`` certainly has no solution:
    some maximal minor of the augmented matrix is a ball excluding zero."""
    width = len(rows[0])
    for pick in itertools.combinations(rows, width):
        if not _det([list(r) for r in pick]).contains(0):
            return True
    return False


def _terms(poly) -> list:
    return [(int(c), tuple(e)) for e, c in poly.to_dict().items()]


def _hidden_block(system: SupportSystem):
    """Mixing players ``a, b`` with as many equations each, the other mixing players
    ``H`` hidden: player ``a``'s equations are linear in ``x_b`` with coefficients in
    ``x_H``, so ``x_b = N_b / D_b`` (Cramer), likewise ``x_a``; the hidden players'
    equations times ``D_a D_b`` leave a square system in ``x_H`` alone (the
    hidden-variable method, Cox, Little & O'Shea, *Using Algebraic Geometry*, ch. 3).
    Where ``D_a D_b != 0`` its solutions are exactly the original ones; at a grid point
    where ``D_a`` or ``D_b`` may vanish the original system is checked there, or the
    support goes to the caller's fallback (None).  ``NotImplemented`` when the shape
    does not fit."""
    m = len(system.owner)
    players = sorted(set(system.owner))
    vars_of = {j: [k for k in range(m) if system.owner[k] == j] for j in players}
    eqs_of = {j: [terms for i, terms in system.equations if i == j] for j in players}
    if any(len(eqs_of[j]) != len(vars_of[j]) for j in players):
        return NotImplemented
    choices = []
    for a, b in itertools.combinations(players, 2):
        if len(vars_of[a]) == len(vars_of[b]):
            hidden = [j for j in players if j not in (a, b)]
            choices.append((sum(len(vars_of[j]) for j in hidden), a, b, tuple(hidden)))
    if not choices:
        return NotImplemented
    for _, a, b, hidden in sorted(choices):
        got = _hidden_choice(system, a, b, hidden, vars_of, eqs_of)
        if got is not None:
            return got
    return None


def _hidden_choice(system: SupportSystem, a: int, b: int, hidden_players: tuple, vars_of: dict, eqs_of: dict):
    m = len(system.owner)
    ctx = system.ctx
    players = sorted(vars_of)
    vars_h = [k for j in hidden_players for k in vars_of[j]]
    eqs_h = [(j, terms) for j in hidden_players for terms in eqs_of[j]]
    va = _cramer(eqs_of[b], vars_of[a], ctx)  # player b's equations fix x_a
    vb = _cramer(eqs_of[a], vars_of[b], ctx)
    col_a = {k: t + 1 for t, k in enumerate(vars_of[a])}
    col_b = {k: t + 1 for t, k in enumerate(vars_of[b])}
    fs = []
    for _, terms in eqs_h:
        f = None
        for c, e in terms:
            ia = next((col_a[k] for k in vars_of[a] if e[k]), 0)
            ib = next((col_b[k] for k in vars_of[b] if e[k]), 0)
            rest = tuple(p if k in vars_h else 0 for k, p in enumerate(e))
            term = va[ia] * vb[ib] * (ctx.from_dict({rest: c}) if any(rest) else c)
            f = term if f is None else f + term
        if f is None or f.is_zero():
            return NotImplemented
        if f.is_constant():
            return []
        fs.append(f)
    pts = _grid(fs, [(j, _terms(f)) for (j, _), f in zip(eqs_h, fs)], system.owner, vars_h, ctx)
    if pts is None:
        return None
    da, db = _terms(va[0]), _terms(vb[0])
    na, nb = [_terms(v) for v in va[1:]], [_terms(v) for v in vb[1:]]
    out = []
    empty_on: dict = {}

    def no_solution_on(d) -> bool:
        # points of the original system where a Cramer denominator vanishes: none when
        # some hidden unknown's eliminant of the system with d = 0 has no root in (0, 1)
        key = id(d)
        if key not in empty_on:
            empty_on[key] = False
            for z in vars_h:
                e = _eliminant(list(system.polys) + [d], z, m, ctx)
                if e is not None and not e.is_zero() and (e.degree() == 0 or not _roots_in_unit_interval(e)):
                    empty_on[key] = True
                    break
        return empty_on[key]

    for pt in pts:
        hidden = tuple((k, pt[k]) for k in vars_h)
        balls = [flint.arb(0)] * m
        for k, r in hidden:
            balls[k] = r.ball(SCREEN_PREC)
        sing_a, sing_b = _evaluate(da, balls).contains(0), _evaluate(db, balls).contains(0)
        if sing_a or sing_b:
            if not (sing_a and sing_b):
                # one block is fixed by Cramer; the other solves player (a or b)'s and
                # player h's equations, linear in it: inconsistent when some maximal
                # minor of the augmented matrix is certainly nonzero
                eqs_hidden = [terms for _, terms in eqs_h]
                known, v_known, free, eqs_free = (a, va, b, eqs_of[a] + eqs_hidden) if sing_b else (b, vb, a, eqs_of[b] + eqs_hidden)
                for t, k in enumerate(vars_of[known]):
                    balls[k] = _evaluate(_terms(v_known[t + 1]), balls) / _evaluate(_terms(v_known[0]), balls)
                if _inconsistent(_linear_rows(eqs_free, vars_of[free], balls)):
                    continue
            if all(no_solution_on(d) for d, sing in ((va[0], sing_a), (vb[0], sing_b)) if sing):
                continue
            return None
        coords = dict(pt)
        for t, k in enumerate(vars_of[a]):
            coords[k] = Ratio.make(na[t], da, hidden, m)
        for t, k in enumerate(vars_of[b]):
            coords[k] = Ratio.make(nb[t], db, hidden, m)
        if any(coords[k].rational is None and all(r.rational is not None for _, r in hidden) for k in coords):
            return None  # pragma: no cover - D was checked nonzero
        full = [coords[k].ball(SCREEN_PREC) for k in range(m)]
        if any(x.upper() <= 0 or x.lower() >= 1 for x in full):
            continue
        if any(sum((full[k] for k in vars_of[j]), flint.arb(0)).lower() >= 1 for j in players):
            continue
        if all(_evaluate(terms, full).contains(0) for _, terms in system.equations):
            out.append([coords[k] for k in range(m)])
    return out


def point_balls(point: list[Root], prec: int) -> list:
    return [r.ball(prec) for r in point]


def equations_vanish(system: SupportSystem, balls: list) -> bool:
    return all(_evaluate(terms, balls).contains(0) for _, terms in system.equations)
